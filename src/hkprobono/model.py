"""Typed, immutable objects for the directory, built once by `validate`.

NamedTuples rather than dataclasses: they are as typed and immutable, and creating the classes
costs a sixth of the time, which every command pays at start-up. No `from __future__ import
annotations` here (nor in the other modules that define NamedTuples on the start-up path): with
string annotations `typing.NamedTuple` compiles every field's annotation into a ForwardRef, which
doubled the time this module takes to import."""

from collections.abc import Sequence
from typing import NamedTuple

STATUSES = ("active", "unconfirmed", "closed")
PHONE_KINDS = ("voice", "mobile", "fax")


# "option": a command-line option by name, added to the command just run.
REF_KINDS = ("org", "step", "term", "deadline", "check", "district", "option")


class Ref(NamedTuple):
    """Something the tool can show, named by the core and the data without spelling a command:
    an organisation by slug, a USM step by number, a glossary term, a deadline kind, the full check
    of a data file by its name, the organisations in a district (by name, in any case); an empty key
    names them all (every organisation, every step..., the bundled file's check). The CLI turns it
    into a command on a terminal (cli/spelling.py), HTML into a link, paper into nothing."""

    kind: str  # one of REF_KINDS
    key: str


class Source(NamedTuple):
    """Where a detail came from. `date` is the page's own date, never a check we made."""

    title: str
    url: str
    date: str | None = None  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"; None when the page is undated
    fields: tuple[str, ...] = ()
    note: str | None = None


class Phone(NamedTuple):
    number: str
    kind: str = "voice"
    note: str | None = None


class Social(NamedTuple):
    network: str
    url: str | None = None


class Confirmation(NamedTuple):
    """A maintainer's check of some details with the organisation itself (`data confirm`)."""

    fields: tuple[str, ...]
    method: str  # one of CONFIRM_METHODS
    by: str
    date: str  # YYYY-MM-DD
    note: str | None = None


CONFIRM_METHODS = ("phone", "email", "visit", "website")


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


class Contact(NamedTuple):
    address: str | None = None
    postal_address: str | None = None
    address_note: str | None = None
    area: str | None = None
    districts: tuple[str, ...] = ()
    phones: tuple[Phone, ...] = ()
    email: str | None = None
    email_note: str | None = None
    website: str | None = None
    other_websites: tuple[str, ...] = ()
    social: tuple[Social, ...] = ()
    hours: str | None = None
    access: str | None = None  # how to get help: walk in, by appointment, by referral only...
    languages: tuple[str, ...] = ()
    languages_note: str | None = None

    @property
    def voice_phones(self) -> tuple[Phone, ...]:
        return tuple(p for p in self.phones if p.kind != "fax")

    @property
    def reachable(self) -> bool:
        """A phone (not a fax) or an e-mail address: a way to ask before going."""
        return bool(self.voice_phones or self.email)

    @property
    def first_phone(self) -> str:
        """The number to show in one-line views: the first non-fax phone, or ""."""
        return next((p.number for p in self.phones if p.kind != "fax"), "")

    @property
    def faxes(self) -> tuple[Phone, ...]:
        return tuple(p for p in self.phones if p.kind == "fax")


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
    memberships: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    in_source_document: bool = False
    contact: Contact = Contact()
    confirmations: tuple[Confirmation, ...] = ()
    acknowledged: tuple[Acknowledgement, ...] = ()

    @property
    def is_closed(self) -> bool:
        return self.status == "closed"

    @property
    def all_names(self) -> tuple[str, ...]:
        extra = (self.chinese_name,) if self.chinese_name else ()
        return (self.name, *extra, *self.alternate_names, *self.former_names)


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


class Term(NamedTuple):
    term: str
    meaning: str
    explanation: str | None = None
    sources: tuple[Source, ...] = ()
    see: tuple[Ref, ...] = ()  # after the explanation


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
