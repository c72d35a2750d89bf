"""Fuzzy search over names, needs, places and services, prepared once per loaded directory."""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from hkprobono.model import Directory, Organisation
from hkprobono.text import fold, has_cjk, words

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
SYNONYM_WEIGHT = 0.9
# Evidence in several fields ("legal" as category, service and keyword) breaks ties between
# organisations that match a word equally well in their single best field.
BREADTH_BONUS = 1.0
BREADTH_CAP = 5.0
# One- and two-letter words ("hk", "un") are only trusted in names, so they cannot match every text.
NAME_FIELDS = frozenset({"name", "chinese_name", "alternate_names", "former_names", "slug", "keywords"})
MIN_SCORE = 55.0
MAX_TERMS = 32  # a pasted paragraph must not make a lookup slow
NAME_MATCH_CUTOFF = 90.0
# Filler words dropped from multi-word queries ("help with rent" is a query about rent).
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "the",
        "of",
        "for",
        "or",
        "to",
        "in",
        "on",
        "with",
        "my",
        "i",
        "me",
        "we",
        "need",
        "needs",
        "help",
        "want",
        "get",
        "find",
        "where",
        "who",
        "can",
        "is",
        "at",
        "by",
        "from",
        "some",
        "please",
        "any",
    ]
)


@dataclass(frozen=True, slots=True)
class Match:
    """Why an organisation matched one query term."""

    term: str
    field: str
    text: str
    score: float


@dataclass(frozen=True, slots=True)
class Result:
    org: Organisation
    score: float
    matches: tuple[Match, ...]

    @property
    def best(self) -> Match:
        return max(self.matches, key=lambda m: m.score)


@dataclass(frozen=True, slots=True)
class _Entry:
    org: int
    field: str
    text: str


def _texts(directory: Directory, org: Organisation) -> list[tuple[str, str]]:
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


class Index:
    """A search index over one directory. Build it once; `search` is then cheap."""

    def __init__(self, directory: Directory) -> None:
        self.directory = directory
        self.orgs = directory.organisations
        self.entries: list[_Entry] = []
        postings: dict[str, set[int]] = defaultdict(set)
        for org_index, org in enumerate(self.orgs):
            for field, text in _texts(directory, org):
                entry_id = len(self.entries)
                self.entries.append(_Entry(org_index, field, text))
                for word in words(text):
                    postings[word].add(entry_id)
        self.postings = dict(postings)
        self.vocab = sorted(self.postings)
        self.cjk_vocab = [w for w in self.vocab if has_cjk(w)]
        self.names: list[str] = []
        self.name_orgs: list[int] = []
        for org_index, org in enumerate(self.orgs):
            for name in (*org.all_names, org.slug):
                self.names.append(fold(name))
                self.name_orgs.append(org_index)
        self.synonyms = {fold(k): v for k, v in directory.synonyms.items()}
        self._word_cache: dict[str, dict[str, float]] = {}

    # -- matching one word against the vocabulary -------------------------------------------
    def _word_matches(self, word: str) -> dict[str, float]:
        cached = self._word_cache.get(word)
        if cached is not None:
            return cached
        found: dict[str, float] = {}
        if word in self.postings:
            found[word] = 100.0
        if has_cjk(word):
            for v in self.cjk_vocab:
                if word in v and v != word:
                    found[v] = 90.0
        elif not word.isdigit() and len(word) >= 3:
            start = bisect.bisect_left(self.vocab, word)
            for v in self.vocab[start:]:
                if not v.startswith(word):
                    break
                found.setdefault(v, 90.0)
            for cut in range(len(word) - 1, 3, -1):  # "lawyers" finds "lawyer"
                if word[:cut] in self.postings:
                    found.setdefault(word[:cut], 92.0)
                    break
            if len(word) >= 4:
                cutoff = 0.75 if len(word) == 4 else 0.8
                for v, sim, _ in process.extract(
                    word, self.vocab, scorer=OSA.normalized_similarity, score_cutoff=cutoff, limit=None
                ):
                    if len(word) == 4 and v[:1] != word[:1]:
                        continue  # "food" must not find "good"
                    found.setdefault(v, round(sim * 100, 1))
        self._word_cache[word] = found
        return found

    def _phrase_scores(self, phrase: list[str]) -> dict[int, float]:
        """Best score per entry for a phrase: every word must match somewhere in the entry."""
        per_word: list[dict[int, float]] = []
        for word in phrase:
            scores: dict[int, float] = {}
            for v, s in self._word_matches(word).items():
                for entry_id in self.postings[v]:
                    if s > scores.get(entry_id, 0.0):
                        scores[entry_id] = s
            if not scores:
                return {}
            per_word.append(scores)
        common = set(per_word[0]).intersection(*per_word[1:])
        return {e: sum(p[e] for p in per_word) / len(per_word) for e in common}

    # -- query planning ---------------------------------------------------------------------
    def _terms(self, query: str) -> list[tuple[str, list[tuple[list[str], float]]]]:
        """Split a query into terms, each with its alternatives (the words, then synonyms)."""
        # A lone letter carries no meaning to match on.
        tokens = [t for t in words(query) if len(t) > 1 or has_cjk(t)]
        kept = ([t for t in tokens if t not in STOPWORDS] or tokens)[:MAX_TERMS]
        terms: list[tuple[str, list[tuple[list[str], float]]]] = []
        i = 0
        while i < len(kept):
            for n in (3, 2, 1):
                chunk = " ".join(kept[i : i + n])
                if n == 1 or (i + n <= len(kept) and chunk in self.synonyms):
                    break
            alternatives: list[tuple[list[str], float]] = [(chunk.split(), 1.0)]
            for target in self.synonyms.get(chunk, ()):
                alternatives.append((words(target), SYNONYM_WEIGHT))
            terms.append((chunk, alternatives))
            i += len(chunk.split())
        return terms

    def _term_best(self, alternatives: list[tuple[list[str], float]], term: str) -> dict[int, Match]:
        best: dict[int, Match] = {}
        fields: dict[int, set[str]] = defaultdict(set)
        for phrase, alt_weight in alternatives:
            if not phrase:
                continue
            short = all(len(w) <= 2 and not has_cjk(w) for w in phrase)
            for entry_id, s in self._phrase_scores(phrase).items():
                entry = self.entries[entry_id]
                if short and entry.field not in NAME_FIELDS:
                    continue
                score = s * FIELD_WEIGHTS[entry.field] * alt_weight
                fields[entry.org].add(entry.field)
                current = best.get(entry.org)
                if current is None or score > current.score:
                    best[entry.org] = Match(term, entry.field, entry.text, round(score, 1))
        for org, match in best.items():
            bonus = min(BREADTH_CAP, BREADTH_BONUS * (len(fields[org]) - 1))
            if bonus:
                best[org] = Match(match.term, match.field, match.text, round(min(100.0, match.score + bonus), 1))
        return best

    def search(
        self,
        query: str,
        *,
        category: str | None = None,
        district: str | None = None,
        language: str | None = None,
        include_closed: bool = False,
        limit: int | None = None,
    ) -> list[Result]:
        """Organisations matching `query`, best first; empty when nothing matches well."""
        terms = self._terms(query)
        if not terms:
            return []
        per_term = [self._term_best(alternatives, term) for term, alternatives in terms]
        results: dict[int, Result] = {}
        for org_index in set().union(*per_term):
            matches = tuple(t[org_index] for t in per_term if org_index in t)
            scores = [m.score for m in matches]
            # A term that found nothing counts as zero: matching every word beats matching one.
            mean = sum(scores) / len(terms)
            score = 0.6 * mean + 0.4 * max(scores)
            results[org_index] = Result(self.orgs[org_index], round(score, 1), matches)
        folded = fold(query).strip()
        for _, ratio, pos in process.extract(
            folded, self.names, scorer=fuzz.ratio, score_cutoff=NAME_MATCH_CUTOFF, limit=None
        ):
            org_index = self.name_orgs[pos]
            ratio = round(ratio, 1)
            current = results.get(org_index)
            if current is None or ratio > current.score:
                match = Match(folded, "name", self.orgs[org_index].name, ratio)
                results[org_index] = Result(self.orgs[org_index], ratio, (match,))
        chosen = [
            r
            for r in results.values()
            if r.score >= MIN_SCORE and _passes(r.org, category, district, language, include_closed)
        ]
        chosen.sort(key=lambda r: (-r.score, fold(r.org.name), r.org.slug))
        return chosen[:limit] if limit else chosen


def _passes(
    org: Organisation, category: str | None, district: str | None, language: str | None, include_closed: bool
) -> bool:
    return matches_filters(org, category=category, district=district, language=language) and (
        include_closed or not org.is_closed
    )


def matches_filters(
    org: Organisation,
    *,
    category: str | None = None,
    district: str | None = None,
    language: str | None = None,
) -> bool:
    """The --category, --district and --language filters, shared by search and list."""
    if category and category not in org.categories:
        return False
    c = org.contact
    if district:
        places = " ".join(filter(None, (*c.districts, c.area, c.address)))
        if fold(district) not in fold(places):
            return False
    if language:
        spoken = " ".join(filter(None, (*c.languages, c.languages_note)))
        if fold(language) not in fold(spoken):
            return False
    return True
