"""What search can find, and how it is stored: compact, plain data that the cache can keep.

Postings map each word to the (organisation, field) pairs whose text holds it, packed as
`org << 5 | field` in array('I') bytes, so a 10,000-organisation index loads in milliseconds and
only the words a query touches are ever unpacked."""

from __future__ import annotations

from array import array
from collections import defaultdict

from hkprobono.model import Directory, Organisation
from hkprobono.text import fold, words

# How much a match in each field counts: names outrank needs, needs outrank prose.
FIELD_WEIGHTS: dict[str, float] = {
    "name": 1.0,
    "chinese_name": 1.0,
    "alternate_names": 0.95,
    "former_names": 0.95,
    "slug": 0.95,
    "keywords": 0.9,
    "categories": 0.92,
    "phones": 0.9,
    "area": 0.85,
    "districts": 0.85,
    "address": 0.85,
    "services": 0.8,
    "serves": 0.75,
    "information_topics": 0.75,
    "languages": 0.75,
    "summary": 0.7,
    "description": 0.6,
}
FIELDS = tuple(FIELD_WEIGHTS)
FIELD_BITS = 5  # 17 fields fit in 5 bits
FIELD_MASK = (1 << FIELD_BITS) - 1

# Per organisation: status, categories, folded places, folded languages (what the filters read).
Filters = tuple[str, tuple[str, ...], str, str]
# postings (word -> packed pairs as bytes), names (folded), name_orgs, sort_names, slugs, filters
IndexState = tuple[dict[str, bytes], list[str], list[int], list[str], list[str], list[Filters]]


def texts(directory: Directory, org: Organisation) -> list[tuple[str, str]]:
    """Every searchable (field, text) of an organisation."""
    c = org.contact
    pairs: list[tuple[str, str]] = [("name", org.name), ("slug", org.slug.replace("-", " "))]
    if org.chinese_name:
        pairs.append(("chinese_name", org.chinese_name))
    pairs += [("alternate_names", n) for n in org.alternate_names]
    pairs += [("former_names", n) for n in org.former_names]
    pairs += [("keywords", k) for k in org.keywords]
    for cat in org.categories:
        pairs += [("categories", cat.replace("-", " ")), ("categories", directory.category_label(cat))]
    pairs += [("phones", p.number) for p in c.phones]
    pairs += [("area", c.area)] if c.area else []
    pairs += [("districts", d) for d in c.districts]
    pairs += [("address", a) for a in (c.address, c.address_note) if a]
    pairs += [("services", s) for s in org.services]
    pairs += [("serves", s) for s in org.serves]
    pairs += [("information_topics", s) for s in org.information_topics]
    pairs += [("languages", s) for s in (*c.languages, c.languages_note or "") if s]
    pairs += [("summary", org.summary)]
    pairs += [("description", org.description)] if org.description else []
    return pairs


def build(directory: Directory) -> IndexState:
    postings: dict[str, dict[int, None]] = defaultdict(dict)
    names: list[str] = []
    name_orgs: list[int] = []
    filters: list[Filters] = []
    for org_index, org in enumerate(directory.organisations):
        for field, text in texts(directory, org):
            pair = org_index << FIELD_BITS | FIELDS.index(field)
            for word in words(text):
                postings[word][pair] = None
        for name in (*org.all_names, org.slug):
            names.append(fold(name))
            name_orgs.append(org_index)
        filters.append(filters_of(org))
    packed = {word: array("I", pairs).tobytes() for word, pairs in postings.items()}
    sort_names = [fold(o.name) for o in directory.organisations]
    slugs = [o.slug for o in directory.organisations]
    return packed, names, name_orgs, sort_names, slugs, filters


def unpack(blob: bytes) -> array[int]:
    pairs = array("I")
    pairs.frombytes(blob)
    return pairs


def filters_of(org: Organisation) -> Filters:
    c = org.contact
    places = fold(" ".join(filter(None, (*c.districts, c.area, c.address))))
    spoken = fold(" ".join(filter(None, (*c.languages, c.languages_note))))
    return org.status, org.categories, places, spoken


def passes(
    filters: Filters, category: str | None, district: str | None, language: str | None, include_closed: bool
) -> bool:
    """The --category, --district and --language filters (district and language already folded)."""
    status, categories, places, spoken = filters
    return (
        (include_closed or status != "closed")
        and (not category or category in categories)
        and (not district or district in places)
        and (not language or language in spoken)
    )
