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
from hkprobono.search.words import american, bases, content, english_packed, english_set
from hkprobono.text import fold, has_cjk, words

# Bumped whenever the state's shape changes: a cached state of another shape is rebuilt.
STATE_VERSION = "index-6"  # 6: places from the locations (schema 2)

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
    "languages": 0.75,
    "serves": 0.75,
    "information_topics": 0.75,
    "summary": 0.7,
    "description": 0.6,
    "address_note": 0.6,
    "languages_note": 0.6,
    "mentions": 0.6,  # a keyword that names another organisation ("MercyHK" among the Catholic group's)
}
FIELDS = tuple(FIELD_WEIGHTS)
# The fields that say what an organisation is and does decide whether it is a result; the prose
# around them (who it serves, its summary and description, notes, mentions of other
# organisations) only breaks ties between results and never carries one alone.
DECIDING = frozenset(FIELDS[: FIELDS.index("languages") + 1])
FIELD_BITS = 5  # 20 fields fit in 5 bits
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
    "law": 0.75,
    "citation": 0.8,  # a Law line's references alone ("s.37ZT", "Cap. 149"): "37ZT" finds the step
}
GUIDE_FIELDS = tuple(GUIDE_WEIGHTS)
GUIDE_DECIDING = frozenset({"title", "term", "meaning", "deadline", "citation"})

# Per organisation, what the filters and the tie-break read: status, categories, places (folded
# district and area names), the folded words of its address, folded languages, and whether it
# can be reached (a phone or an e-mail).
Filters = tuple[str, tuple[str, ...], tuple[str, ...], str, str, bool]
# The guide: postings, and per entry (kind, key): ("step", "8") or ("term", "JR").
GuideState = tuple[dict[str, bytes], list[tuple[str, str]]]
# Worked out once rather than at every start: the synonyms with normalised keys; the Chinese words
# of each vocabulary (organisations', the guide's), which a Chinese query is matched within; the
# real English words (packed, see words.py); the vocabulary's words by the base they inflect
# ("family" -> "families") and by their one spelling ("center" -> "centre"); and each name of
# `names` without its filler words ("hong kong unison" -> "unison"), which a query's own words are
# compared with.
Words = dict[str, tuple[str, ...]]
# ... and the content words of each glossary term and its meaning, by entry number: a query that
# covers only a word of a meaning ("legal" of "Publicly funded legal assistance") counts for less.
TermNames = dict[int, list[list[str]]]
Prepared = tuple[Words, list[str], list[str], bytes, Words, Words, list[str], TermNames]
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
    pairs += [("address", a) for loc in c.locations for a in (loc.name, loc.address, loc.transportation) if a]
    pairs += [("address_note", loc.description) for loc in c.locations if loc.description]
    pairs += [("services", s) for s in org.services]
    pairs += [("serves", s) for s in org.serves]
    pairs += [("information_topics", s) for s in org.information_topics]
    pairs += [("languages", s) for s in c.languages]
    pairs += [("languages_note", c.languages_note)] if c.languages_note else []
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
        return [*pairs, ("summary", step.summary), ("what_to_do", step.what_to_do), *_law(step.law)]
    term = next(t for t in guide.glossary if t.term == key)
    pairs = [("term", term.term), ("meaning", term.meaning)]
    pairs += [("explanation", term.explanation)] if term.explanation else []
    return pairs + _law(term.law)


def _law(law: str | None) -> list[tuple[str, str]]:
    """A Law line's words support a match, as prose does; its references decide one: each word with
    a digit and the word before it ("s.37ZT", "Cap. 149", "Order 53"), so "37ZT" finds the step
    while "refugee" never finds a term by the Refugee Convention on its Law line."""
    if not law:
        return []
    said = law.split()
    digits = [any(c.isdigit() for c in w) for w in said]
    cited = [" ".join(said[i - 1 : i + 1] if i and not digits[i - 1] else said[i : i + 1]) for i in range(len(said))]
    return [("law", law), ("citation", "; ".join(c for c, d in zip(cited, digits, strict=True) if d))]


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
    for org_index, org in enumerate(directory.organisations):
        for name in (*org.all_names, org.slug):
            names.append(norm(name))
            name_orgs.append(org_index)
        filters.append(filters_of(org))
    owners: dict[str, set[int]] = defaultdict(set)
    for name, org_index in zip(names, name_orgs, strict=True):
        owners[name].add(org_index)
    org_texts = []
    for org_index, org in enumerate(directory.organisations):
        for field, text in texts(directory, org):
            if field == "keywords" and owners.get(norm(text), {org_index}) - {org_index}:
                field = "mentions"
            org_texts.append((org_index, field, text))
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
    real, lemmas, variants = vocabulary([*postings, *guide[0]])
    cores = [" ".join(content(search_words(name))) for name in names]
    prepared = (
        synonyms,
        sorted(w for w in postings if has_cjk(w)),
        sorted(w for w in guide[0] if has_cjk(w)),
        real,
        lemmas,
        variants,
        cores,
        term_names(directory.guide, entries),
    )
    return postings, names, name_orgs, sort_names, slugs, filters, guide, prepared, STATE_VERSION


def term_names(guide: Guide | None, entries: list[tuple[str, str]]) -> TermNames:
    if guide is None:
        return {}
    terms = {t.term: t for t in guide.glossary}
    return {
        n: [content(search_words(terms[key].term)), content(search_words(terms[key].meaning))]
        for n, (kind, key) in enumerate(entries)
        if kind == "term" and key in terms
    }


def vocabulary(vocab: Iterable[str]) -> tuple[bytes, Words, Words]:
    """The real English words (packed), and the vocabulary by base and by spelling: what lets a
    query word find its inflections and its other spelling without a word list at every run."""
    real = english_set()
    words_ = [w for w in vocab if w.isascii() and w.isalpha()]
    known = real.union(words_)
    lemmas: dict[str, list[str]] = defaultdict(list)
    variants: dict[str, list[str]] = defaultdict(list)
    for word in words_:
        for base in bases(word):
            if base in known:
                lemmas[base].append(word)
        spelled = american(word)
        if spelled != word:
            variants[spelled].append(word)
    return english_packed(), _frozen(lemmas), _frozen(variants)


def _frozen(found: dict[str, list[str]]) -> Words:
    return {k: tuple(sorted(v)) for k, v in sorted(found.items())}


PREPARED_LENGTH = 8


def valid(state: object) -> bool:
    """Whether a state (from the cache) has this version's shape: the version, and the length of
    its prepared part too, so a shape changed without a new version is still rebuilt."""
    return (
        isinstance(state, tuple)
        and len(state) == 9
        and state[-1] == STATE_VERSION
        and isinstance(state[7], tuple)
        and len(state[7]) == PREPARED_LENGTH
    )


def unpack(blob: bytes) -> array[int]:
    pairs = array("I")
    pairs.frombytes(blob)
    return pairs


def filters_of(org: Organisation) -> Filters:
    """What --district reads is where the organisation is (its locations' districts, names and
    addresses), not its notes: a note that a family once met it in Yuen Long does not place it there."""
    c = org.contact
    places = tuple(fold(p).strip() for p in (*c.districts, *(loc.name or "" for loc in c.locations)) if p.strip())
    said = (a for loc in c.locations for a in (loc.name, loc.address, loc.transportation) if a)
    address = " ".join(words(" ".join(said)))
    spoken = fold(" ".join(filter(None, (*c.languages, c.languages_note))))
    reachable = c.reachable
    return org.status, org.categories, places, address, spoken, reachable


# The 18 districts by region, as the Home Affairs Department groups its District Councils
# (www.districtcouncils.gov.hk): --district "Kowloon" means every district of Kowloon.
REGIONS: dict[str, tuple[str, ...]] = {
    "hong kong island": ("central and western", "eastern", "southern", "wan chai"),
    "kowloon": ("kowloon city", "kwun tong", "sham shui po", "wong tai sin", "yau tsim mong"),
    "new territories": (
        "islands", "kwai tsing", "north", "sai kung", "sha tin", "tai po", "tsuen wan", "tuen mun", "yuen long",
    ),
}  # fmt: skip
REGION_NAMES = {
    "hk island": "hong kong island",
    "hong kong island": "hong kong island",
    "港島": "hong kong island",
    "香港島": "hong kong island",
    "kowloon": "kowloon",
    "九龍": "kowloon",
    "new territories": "new territories",
    "nt": "new territories",
    "新界": "new territories",
}


def in_place(filters: Filters, district: str) -> bool:
    """--district: a district, area or region named exactly, or as whole words of the address or
    area ("Wan Chai" is not "Sheung Wan"; "Kowloon" is every district of Kowloon)."""
    wanted = " ".join(words(district))
    region = REGIONS.get(REGION_NAMES.get(wanted, ""), ())
    return wanted in filters[2] or f" {wanted} " in f" {filters[3]} " or any(d in filters[2] for d in region)


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
