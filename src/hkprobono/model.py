"""Typed, immutable objects for the directory, built once by `validate`."""

from __future__ import annotations

from dataclasses import dataclass, field

STATUSES = ("active", "unconfirmed", "closed")
PHONE_KINDS = ("voice", "mobile", "fax")


@dataclass(frozen=True, slots=True)
class Source:
    """Where a detail came from. `date` is the page's own date, never a check we made."""

    title: str
    url: str
    date: str | None = None  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"; None when the page is undated
    fields: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Phone:
    number: str
    kind: str = "voice"
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Social:
    network: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Contact:
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
    languages: tuple[str, ...] = ()
    languages_note: str | None = None

    @property
    def voice_phones(self) -> tuple[Phone, ...]:
        return tuple(p for p in self.phones if p.kind != "fax")

    @property
    def faxes(self) -> tuple[Phone, ...]:
        return tuple(p for p in self.phones if p.kind == "fax")


@dataclass(frozen=True, slots=True)
class Organisation:
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
    contact: Contact = field(default_factory=Contact)

    @property
    def is_closed(self) -> bool:
        return self.status == "closed"

    @property
    def all_names(self) -> tuple[str, ...]:
        extra = (self.chinese_name,) if self.chinese_name else ()
        return (self.name, *extra, *self.alternate_names, *self.former_names)


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    label: str
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Fact:
    text: str
    sources: tuple[Source, ...]
    topic: str | None = None


@dataclass(frozen=True, slots=True)
class Resource:
    title: str
    description: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class About:
    intro: str
    facts: tuple[Fact, ...] = ()
    resources: tuple[Resource, ...] = ()
    statistics: tuple[Fact, ...] = ()


@dataclass(frozen=True, slots=True)
class Step:
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


@dataclass(frozen=True, slots=True)
class Term:
    term: str
    meaning: str
    explanation: str | None = None
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True, slots=True)
class Guide:
    overview: tuple[str, ...]
    steps: tuple[Step, ...]
    glossary: tuple[Term, ...]
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True, slots=True)
class Meta:
    title: str
    compiled: str
    compiled_note: str
    confirm_notice: str
    disclaimer: str


@dataclass(frozen=True, slots=True)
class Directory:
    meta: Meta
    categories: tuple[Category, ...]
    organisations: tuple[Organisation, ...]
    about: About
    guide: Guide | None = None
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    source_name: str = "directory.toml"

    def category_label(self, category_id: str) -> str:
        for category in self.categories:
            if category.id == category_id:
                return category.label
        return category_id

    def by_slug(self, slug: str) -> Organisation | None:
        for org in self.organisations:
            if org.slug == slug:
                return org
        return None

    def current(self, *, include_closed: bool = False) -> tuple[Organisation, ...]:
        if include_closed:
            return self.organisations
        return tuple(o for o in self.organisations if not o.is_closed)
