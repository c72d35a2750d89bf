"""What search can find, and how it is stored: compact, plain data that the cache can keep.

Postings map each word to the (entry, field) pairs whose text holds it, packed as
`entry << 5 | field` in array('I') bytes, so a 10,000-organisation index loads in milliseconds and
only the words a query touches are ever unpacked. Organisations and the USM guide (its steps and
glossary terms) have a postings table each. Everything here is marshal-able: the cache keeps it."""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Iterable

from hkprobono.model import Directory, Guide, Organisation
from hkprobono.search.hanzi import to_simplified
from hkprobono.text import fold, has_cjk, words

# Bumped whenever the state's shape changes: a cached state of another shape is rebuilt.
STATE_VERSION = "index-3"

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

# The guide's entries: a step's title and its deadline answer a question; its prose supports.
GUIDE_WEIGHTS: dict[str, float] = {
    "title": 1.0,
    "term": 1.0,
    "meaning": 0.78,  # below an organisation's category: "legal" wants lawyers before abbreviations
    "deadline": 0.95,
    "summary": 0.75,
    "what_to_do": 0.75,
    "explanation": 0.75,
}
GUIDE_FIELDS = tuple(GUIDE_WEIGHTS)

# Per organisation, what the filters and the tie-break read: status, categories, places (folded
# district and area names), the folded words of its address, folded languages, and whether it
# can be reached (a phone or an e-mail).
Filters = tuple[str, tuple[str, ...], tuple[str, ...], str, str, bool]
# The guide: postings, and per entry (kind, key): ("step", "8") or ("term", "JR").
GuideState = tuple[dict[str, bytes], list[tuple[str, str]]]
# Worked out once rather than at every start: the synonyms with normalised keys, and the Chinese
# words of each vocabulary (organisations', the guide's), which a Chinese query is matched within.
Prepared = tuple[dict[str, tuple[str, ...]], list[str], list[str]]
# postings, names (folded), name_orgs, sort_names, slugs, filters, guide, prepared, STATE_VERSION
IndexState = tuple[
    dict[str, bytes], list[str], list[int], list[str], list[str], list[Filters], GuideState, Prepared, str
]


def norm(text: str) -> str:
    """Fold for matching, with Chinese in simplified script (so both scripts match)."""
    folded = fold(text)
    return to_simplified(folded) if has_cjk(folded) else folded


def search_words(text: str) -> list[str]:
    """The words search matches on: folded, Chinese in simplified script."""
    found = words(text)
    return [to_simplified(w) for w in found] if has_cjk(text) else found


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
    pairs += [("districts", d) for d in c.districts]
    places = (t for loc in c.locations for t in (loc.name, loc.address, loc.transportation, loc.description))
    pairs += [("address", a) for a in places if a]
    pairs += [("services", s) for s in org.services]
    pairs += [("serves", s) for s in org.serves]
    pairs += [("information_topics", s) for s in org.information_topics]
    pairs += [("languages", s) for s in (*c.languages, c.languages_note or "") if s]
    pairs += [("summary", org.summary)]
    pairs += [("description", org.description)] if org.description else []
    return pairs


def guide_entries(guide: Guide | None) -> list[tuple[str, str]]:
    """(kind, key) of every step and glossary term, in the order the guide gives them."""
    if guide is None:
        return []
    return [("step", str(s.number)) for s in guide.steps] + [("term", t.term) for t in guide.glossary]


def guide_texts(guide: Guide, kind: str, key: str) -> list[tuple[str, str]]:
    """Every searchable (field, text) of one step or term. A step is also found as "step N", and
    a step with a deadline (or a note on one) by the words "deadline" and "time limit"."""
    if kind == "step":
        step = next(s for s in guide.steps if str(s.number) == key)
        pairs = [("title", step.title), ("title", f"step {step.number}")]
        limits = [t for t in (step.deadline, step.deadline_note) if t]
        pairs += [("deadline", f"deadline, time limit: {t}") for t in limits]
        return [*pairs, ("summary", step.summary), ("what_to_do", step.what_to_do)]
    term = next(t for t in guide.glossary if t.term == key)
    pairs = [("term", term.term), ("meaning", term.meaning)]
    return pairs + ([("explanation", term.explanation)] if term.explanation else [])


def _postings(entries: Iterable[tuple[int, str, str]], fields: tuple[str, ...]) -> dict[str, bytes]:
    postings: dict[str, dict[int, None]] = defaultdict(dict)
    for number, field, text in entries:
        pair = number << FIELD_BITS | fields.index(field)
        for word in search_words(text):
            postings[word][pair] = None
    return {word: array("I", pairs).tobytes() for word, pairs in postings.items()}


def build(directory: Directory) -> IndexState:
    names: list[str] = []
    name_orgs: list[int] = []
    filters: list[Filters] = []
    org_texts = []
    for org_index, org in enumerate(directory.organisations):
        org_texts += [(org_index, field, text) for field, text in texts(directory, org)]
        for name in (*org.all_names, org.slug):
            names.append(norm(name))
            name_orgs.append(org_index)
        filters.append(filters_of(org))
    sort_names = [fold(o.name) for o in directory.organisations]
    slugs = [o.slug for o in directory.organisations]
    entries = guide_entries(directory.guide)
    guide_docs = []
    if directory.guide is not None:
        for number, (kind, key) in enumerate(entries):
            guide_docs += [(number, f, t) for f, t in guide_texts(directory.guide, kind, key)]
    guide = (_postings(guide_docs, GUIDE_FIELDS), entries)
    postings = _postings(org_texts, FIELDS)
    synonyms = {norm(k): v for k, v in directory.synonyms.items()}
    prepared = (synonyms, sorted(w for w in postings if has_cjk(w)), sorted(w for w in guide[0] if has_cjk(w)))
    return postings, names, name_orgs, sort_names, slugs, filters, guide, prepared, STATE_VERSION


def valid(state: object) -> bool:
    """Whether a state (from the cache) has this version's shape."""
    return isinstance(state, tuple) and len(state) == 9 and state[-1] == STATE_VERSION


def unpack(blob: bytes) -> array[int]:
    pairs = array("I")
    pairs.frombytes(blob)
    return pairs


def filters_of(org: Organisation) -> Filters:
    c = org.contact
    places = tuple(fold(p).strip() for p in (*c.districts, *(loc.name or "" for loc in c.locations)) if p.strip())
    said = (a for loc in c.locations for a in (loc.name, loc.address, loc.transportation) if a)
    address = " ".join(words(" ".join(said)))
    spoken = fold(" ".join(filter(None, (*c.languages, c.languages_note))))
    reachable = c.reachable
    return org.status, org.categories, places, address, spoken, reachable


def in_place(filters: Filters, district: str) -> bool:
    """--district: a district or area named exactly, or as whole words of the address
    ("Wan Chai" is not "Sheung Wan")."""
    wanted = " ".join(words(district))
    return wanted in filters[2] or f" {wanted} " in f" {filters[3]} "


def passes(
    filters: Filters, category: str | None, district: str | None, language: str | None, include_closed: bool
) -> bool:
    """The --category, --district and --language filters (language already folded)."""
    status, categories, _, _, spoken, _ = filters
    return (
        (include_closed or status != "closed")
        and (not category or category in categories)
        and (not district or in_place(filters, district))
        and (not language or language in spoken)
    )


STATUS_RANK = {"active": 0, "unconfirmed": 2}


def rank(filters: Filters) -> int:
    """The tie-break among equal scores: active and reachable (a phone or an e-mail) first, then
    active but unreachable, then unconfirmed (reachable first), closed last."""
    return STATUS_RANK.get(filters[0], 4) + (0 if filters[5] else 1)
