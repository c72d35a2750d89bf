"""Typed, immutable objects for the directory, built once by `validate`.

NamedTuples rather than dataclasses: they are as typed and immutable, and creating the classes,
which every command pays at start-up, costs far less (record.py makes them cheaper still)."""

from collections.abc import Sequence

from hkprobono.record import NamedTuple

STATUSES = ("active", "unconfirmed", "closed")
# The phone types of Open Referral HSDS 3.0 (from RFC 6350) that the directory uses.
PHONE_TYPES = ("voice", "cell", "fax")
# Hong Kong's 18 districts, the only values a location's `district` takes.
DISTRICTS = (
    "Central and Western", "Wan Chai", "Eastern", "Southern", "Yau Tsim Mong", "Sham Shui Po",
    "Kowloon City", "Wong Tai Sin", "Kwun Tong", "Kwai Tsing", "Tsuen Wan", "Tuen Mun", "Yuen Long",
    "North", "Tai Po", "Sha Tin", "Sai Kung", "Islands",
)  # fmt: skip


# "option": a command-line option by name, added to the command just run; "upgrade": the upgrade of
# a data file of an older layout, by its name; "channel": setting up the signed update channel;
# "keys": creating a publisher's signing keys.
REF_KINDS = ("org", "step", "term", "deadline", "check", "district", "option", "upgrade", "channel", "keys")


class Ref(NamedTuple):
    """Something the tool can show, named by the core and the data without spelling a command:
    an organisation by slug, a USM step by number, a glossary term, a deadline kind, the full check
    of a data file by its name, the organisations in a district (by name, in any case), the upgrade
    of a data file of an older layout by its name; an empty key
    names them all (every organisation, every step..., the bundled file's check). The CLI turns it
    into a command on a terminal (cli/spelling.py), HTML into a link, paper into nothing."""

    kind: str  # one of REF_KINDS
    key: str


class Source(NamedTuple):
    """Where a detail came from. `date` is the page's own date, never a check we made. An
    organisation's source names the details it supports in `fields`; `location` narrows the
    place details (address, district, hours) to one of its locations."""

    title: str
    url: str
    date: str | None = None  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"; None when the page is undated
    fields: tuple[str, ...] = ()
    note: str | None = None
    location: str | None = None  # a Location.id


class Phone(NamedTuple):
    number: str
    type: str = "voice"  # one of PHONE_TYPES
    description: str | None = None


class Social(NamedTuple):
    network: str
    url: str | None = None


class Confirmation(NamedTuple):
    """A maintainer's check of some details with the organisation itself (`data confirm`, or
    `data set --confirmed-by`)."""

    fields: tuple[str, ...]
    method: str  # one of CONFIRM_METHODS
    by: str
    date: str  # YYYY-MM-DD
    note: str | None = None
    location: str | None = None  # a Location.id, for a place detail of one location


CONFIRM_METHODS = ("phone", "email", "visit", "website")


class Retired(NamedTuple):
    """A detail that is gone (a number that no longer works), kept for the maintainers: never
    shown on the card as a live detail (`data unset`)."""

    field: str
    value: str
    reason: str
    date: str  # YYYY-MM-DD
    by: str | None = None
    location: str | None = None


class Acknowledgement(NamedTuple):
    """A `data check` warning that a maintainer reviewed and accepted, and why: the report shows it
    as acknowledged instead of counting it. For an "age" warning, `fields` names the details it
    covers, so a detail that becomes old later is warned about again."""

    warning: str  # one of ACK_WARNINGS
    reason: str
    by: str
    date: str  # YYYY-MM-DD
    fields: tuple[str, ...] = ()


ACK_WARNINGS = ("age", "reach")


class Location(NamedTuple):
    """One place where the organisation works (HSDS `location`): any of its details may be
    missing, and a missing one is simply absent."""

    id: str  # unique within the organisation, in the slug grammar
    name: str | None = None
    address: str | None = None
    district: str | None = None  # one of Hong Kong's 18 districts
    hours: str | None = None
    transportation: str | None = None  # how to get there: "near Kwai Hing MTR station"
    description: str | None = None


class Contact(NamedTuple):
    phones: tuple[Phone, ...] = ()
    email: str | None = None
    email_note: str | None = None  # what the address is for; only with an e-mail
    website: str | None = None
    other_websites: tuple[str, ...] = ()
    social: tuple[Social, ...] = ()
    postal_address: str | None = None
    locations: tuple[Location, ...] = ()
    application_process: str | None = None  # how to get help: walk in, by appointment, through...
    languages: tuple[str, ...] = ()
    languages_note: str | None = None
    missing_note: str | None = None  # why details are missing, where worth telling: one sentence

    @property
    def voice_phones(self) -> tuple[Phone, ...]:
        return tuple(p for p in self.phones if p.type != "fax")

    @property
    def reachable(self) -> bool:
        """A phone (not a fax) or an e-mail address: a way to ask before going."""
        return bool(self.voice_phones or self.email)

    @property
    def first_phone(self) -> str:
        """The number to show in one-line views: the first non-fax phone, or ""."""
        return next((p.number for p in self.phones if p.type != "fax"), "")

    @property
    def faxes(self) -> tuple[Phone, ...]:
        return tuple(p for p in self.phones if p.type == "fax")

    @property
    def districts(self) -> tuple[str, ...]:
        """The districts of the locations, each once, in order."""
        return tuple(dict.fromkeys(loc.district for loc in self.locations if loc.district))

    @property
    def addresses(self) -> tuple[str, ...]:
        return tuple(loc.address for loc in self.locations if loc.address)


class Organisation(NamedTuple):
    slug: str
    name: str
    status: str
    categories: tuple[str, ...]
    summary: str
    sources: tuple[Source, ...]
    description: str | None = None
    chinese_name: str | None = None
    alternate_names: tuple[str, ...] = ()
    former_names: tuple[str, ...] = ()
    status_note: str | None = None
    services: tuple[str, ...] = ()
    information_topics: tuple[str, ...] = ()
    serves: tuple[str, ...] = ()
    memberships: tuple[str, ...] = ()  # networks outside the directory, by name
    member_of: tuple[str, ...] = ()  # networks in the directory, by slug
    reached_through: tuple[str, ...] = ()  # organisations that refer people to it, by slug
    keywords: tuple[str, ...] = ()
    in_source_document: bool = False
    contact: Contact = Contact()
    confirmations: tuple[Confirmation, ...] = ()
    retired: tuple[Retired, ...] = ()
    acknowledged: tuple[Acknowledgement, ...] = ()

    @property
    def is_closed(self) -> bool:
        return self.status == "closed"

    @property
    def all_names(self) -> tuple[str, ...]:
        extra = (self.chinese_name,) if self.chinese_name else ()
        return (self.name, *extra, *self.alternate_names, *self.former_names)


# What a source's or a confirmation's `fields` can name: the organisation's own fields, its
# contact fields, and the place details of its locations.
ORGANISATION_FIELDS = (
    "name", "chinese_name", "alternate_names", "former_names", "status", "status_note", "categories",
    "summary", "description", "services", "information_topics", "serves", "memberships", "member_of",
    "reached_through",
)  # fmt: skip
CONTACT_FIELDS = (
    "phones", "email", "website", "other_websites", "social", "postal_address", "application_process",
    "languages",
)  # fmt: skip
LOCATION_FIELDS = ("address", "district", "hours")
SOURCE_FIELDS = (*ORGANISATION_FIELDS, *CONTACT_FIELDS, *LOCATION_FIELDS)
# Every contact or service detail must be supported by a source or a confirmation that names one
# of these fields (`data check`): a note goes with its detail, and a place's name, description and
# transport with its address; a district may also be read off the address.
SUPPORTED_BY: dict[str, tuple[str, ...]] = {
    "services": ("services",), "information_topics": ("information_topics",),
    "phones": ("phones",), "email": ("email",), "email_note": ("email",), "website": ("website",),
    "other_websites": ("other_websites",), "social": ("social",), "postal_address": ("postal_address",),
    "application_process": ("application_process",), "languages": ("languages",),
    "languages_note": ("languages",),
}  # fmt: skip
LOCATION_SUPPORTED_BY: dict[str, tuple[str, ...]] = {
    "name": ("address",), "address": ("address",), "transportation": ("address",),
    "description": ("address",), "district": ("district", "address"), "hours": ("hours",),
}  # fmt: skip


class Category(NamedTuple):
    id: str
    label: str
    description: str | None = None


class Fact(NamedTuple):
    text: str
    sources: tuple[Source, ...]
    topic: str | None = None


class Resource(NamedTuple):
    title: str
    description: str
    url: str | None = None


class About(NamedTuple):
    intro: str
    facts: tuple[Fact, ...] = ()
    resources: tuple[Resource, ...] = ()
    statistics: tuple[Fact, ...] = ()


class Step(NamedTuple):
    """One step of the USM guide; `stage` is "procedure" or "throughout"."""

    number: int
    title: str
    summary: str
    what_to_do: str
    sources: tuple[Source, ...]
    stage: str = "procedure"
    deadline: str | None = None
    deadline_note: str | None = None
    helped_by: tuple[str, ...] = ()
    see: tuple[Ref, ...] = ()  # what the reader can look at next, after what to do
    law: str | None = None  # the statutes and rules the step rests on, kept out of its sentences


class Term(NamedTuple):
    term: str
    meaning: str
    explanation: str | None = None
    sources: tuple[Source, ...] = ()
    see: tuple[Ref, ...] = ()  # after the explanation
    law: str | None = None  # as a step's


class Deadline(NamedTuple):
    """A time limit in the procedure, as its legal source states it. `period` and `unit` are set
    only where a source states a period; `court_office` marks acts done at a court registry."""

    kind: str
    title: str
    starts: str
    if_missed: str
    sources: tuple[Source, ...]
    period: int | None = None
    unit: str | None = None  # "days" or "months"
    court_office: bool = False
    step: int | None = None
    note: str | None = None
    # What the rule asks before the last day, said with the date (leave for judicial review: promptly).
    urgency: str | None = None


class Guide(NamedTuple):
    overview: tuple[str, ...]
    steps: tuple[Step, ...]
    glossary: tuple[Term, ...]
    sources: tuple[Source, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    overview_see: tuple[Ref, ...] = ()  # where the overview sends the reader to start


class Meta(NamedTuple):
    title: str
    compiled: str
    compiled_note: str
    confirm_notice: str
    disclaimer: str


class Directory(NamedTuple):
    meta: Meta
    categories: tuple[Category, ...]
    # A tuple, or (from the cache) a sequence that builds each organisation when first used.
    organisations: Sequence[Organisation]
    about: About
    guide: Guide | None
    synonyms: dict[str, tuple[str, ...]]
    source_name: str = "directory.toml"
    slugs: tuple[str, ...] = ()

    def category_label(self, category_id: str) -> str:
        for category in self.categories:
            if category.id == category_id:
                return category.label
        return category_id

    def by_slug(self, slug: str) -> Organisation | None:
        slugs = self.slugs or tuple(o.slug for o in self.organisations)
        return self.organisations[slugs.index(slug)] if slug in slugs else None

    def current(self, *, include_closed: bool = False, category: str | None = None) -> tuple[Organisation, ...]:
        """The organisations still operating (or all of them), optionally only one category's."""
        return tuple(
            o
            for o in self.organisations
            if (include_closed or not o.is_closed) and (not category or category in o.categories)
        )
