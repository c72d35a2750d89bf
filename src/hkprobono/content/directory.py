"""The directory as lists: `list` (every organisation by category), `districts` (how many
organisations each district has), and the chooser an ambiguous name brings up. For each: its view,
its JSON (--json) and its rows (--plain), decided here once."""

from collections import Counter
from collections.abc import Iterator
from typing import Any

from hkprobono.content.card import organisation
from hkprobono.content.jsondoc import document
from hkprobono.content.words import ANY_CARD, status_word, with_status
from hkprobono.model import Directory, Organisation, Ref
from hkprobono.record import NamedTuple

# --plain column order is a contract (README): add new columns only at the end.
ORGANISATION_COLUMNS = ("slug", "name", "status", "categories", "phone", "email", "website")
DISTRICT_COLUMNS = ("district", "organisations")


class Member(NamedTuple):
    slug: str
    name: str
    status: str
    phone: str


class Group(NamedTuple):
    label: str
    members: tuple[Member, ...]


class ListingView(NamedTuple):
    groups: tuple[Group, ...]
    total: int
    more: Ref = ANY_CARD  # where the full card of each one is


def member(org: Organisation) -> Member:
    return Member(org.slug, org.name, status_word(org), org.contact.first_phone)


def listing(directory: Directory, orgs: list[Organisation], only: str | None = None) -> ListingView:
    """Every category with its members (an organisation appears under each of its categories)."""
    groups = []
    for category in directory.categories:
        if only and category.id != only:
            continue
        members = tuple(member(o) for o in orgs if category.id in o.categories)
        if members:
            groups.append(Group(category.label, members))
    return ListingView(tuple(groups), len(orgs))


def listing_record(directory: Directory, orgs: list[Organisation]) -> dict[str, Any]:
    """`list --json`: the categories with their members' slugs, and every organisation in full."""
    return document(
        categories=[
            {"id": c.id, "label": c.label, "organisations": [o.slug for o in orgs if c.id in o.categories]}
            for c in directory.categories
        ],
        organisations=[organisation(o) for o in orgs],
    )


def listing_rows(orgs: list[Organisation]) -> Iterator[tuple[object, ...]]:
    """`list --plain`: one organisation a line, ORGANISATION_COLUMNS."""
    for o in orgs:
        c = o.contact
        yield o.slug, o.name, o.status, ",".join(o.categories), c.first_phone, c.email or "", c.website or ""


def choices(orgs: list[Organisation]) -> list[str]:
    """The lines of the chooser that an ambiguous name brings up."""
    return [f"{with_status(o.name, status_word(o))} [{o.slug}]" for o in orgs]


# -- districts ---------------------------------------------------------------------------------
# One type is both the result and the view: what a person reads is worded by its properties, so
# --json and --plain never build it (and a run makes one class, not three, at start-up).
class Districts(NamedTuple):
    """`districts`: every district an organisation gives, by name, with how many give it."""

    counts: tuple[tuple[str, int], ...]  # (district, number of organisations)
    without_district: int  # organisations that give none

    @property
    def heading(self) -> str:
        return "Districts, with the number of organisations in each"

    @property
    def note(self) -> str:
        return f"{self.without_district} organisations give no district."

    @property
    def items(self) -> tuple[str, ...]:
        return tuple(f"{name}: {n}" for name, n in self.counts)

    @property
    def example(self) -> Ref:
        """A search in one district, for a reader who can run one."""
        return Ref("district", "wan chai")

    @property
    def example_lead(self) -> str:
        return "To search one district, give its name in any case:"


def districts(directory: Directory, *, include_closed: bool = False) -> Districts:
    counts: Counter[str] = Counter()
    without = 0
    for org in directory.current(include_closed=include_closed):
        counts.update(dict.fromkeys(org.contact.districts, 1))
        without += not org.contact.districts
    return Districts(tuple(sorted(counts.items(), key=lambda item: item[0].casefold())), without)


def district_names(directory: Directory) -> list[str]:
    """Every district any organisation gives, closed ones included: what --district completes."""
    return [name for name, _ in districts(directory, include_closed=True).counts]


def districts_record(found: Districts) -> dict[str, Any]:
    """`districts --json`: `districts` [{`name`, `organisations`}] and `without_district`."""
    return document(
        districts=[{"name": name, "organisations": n} for name, n in found.counts],
        without_district=found.without_district,
    )


def districts_rows(found: Districts) -> Iterator[tuple[object, ...]]:
    """`districts --plain`: DISTRICT_COLUMNS."""
    yield from found.counts
