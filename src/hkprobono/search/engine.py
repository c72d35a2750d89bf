"""Fuzzy search over names, needs, places and services, prepared once per loaded directory."""

import bisect
from typing import NamedTuple

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from hkprobono.model import Directory, Organisation
from hkprobono.search.index import (
    FIELD_BITS,
    FIELD_MASK,
    FIELD_WEIGHTS,
    FIELDS,
    IndexState,
    build,
    passes,
    texts,
    unpack,
)
from hkprobono.text import fold, has_cjk, words

SYNONYM_WEIGHT = 0.9
# Evidence in several fields ("legal" as category, service and keyword) breaks ties between
# organisations that match a word equally well in their single best field.
BREADTH_BONUS = 1.0
BREADTH_CAP = 5.0
# One- and two-letter words ("hk", "un") are only trusted in names, so they cannot match every text.
NAME_FIELDS = frozenset({"name", "chinese_name", "alternate_names", "former_names", "slug", "keywords"})
NAME_CODES = frozenset(FIELDS.index(f) for f in NAME_FIELDS)
WEIGHTS = tuple(FIELD_WEIGHTS[f] for f in FIELDS)
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


class Match(NamedTuple):
    """Why an organisation matched one query term."""

    term: str
    field: str
    text: str
    score: float


class Result(NamedTuple):
    org: Organisation
    score: float
    matches: tuple[Match, ...]

    @property
    def best(self) -> Match:
        return max(self.matches, key=lambda m: m.score)


class Index:
    """A search index over one directory. Build it once (or load its `state` from the cache);
    `search` is then cheap, and touches only the organisations it returns."""

    def __init__(self, directory: Directory, state: IndexState | None = None) -> None:
        self.directory = directory
        self.orgs = directory.organisations
        self.state: IndexState = state if state is not None else build(directory)
        self.postings, self.names, self.name_orgs, self.sort_names, self.slugs, self.filters = self.state
        self.vocab = sorted(self.postings)
        self.cjk_vocab = [w for w in self.vocab if has_cjk(w)]
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

    def _word_pairs(self, word: str) -> dict[int, float]:
        """Best score of one query word for every (organisation, field) pair."""
        scores: dict[int, float] = {}
        # Lowest first, so a better match of the same pair overwrites a worse one (all in C).
        for v, s in sorted(self._word_matches(word).items(), key=lambda item: item[1]):
            scores.update(dict.fromkeys(unpack(self.postings[v]), s))
        return scores

    def _phrase_scores(self, phrase: list[str]) -> dict[int, float]:
        """Best score per (organisation, field) pair: every word must match in the same field."""
        per_word = []
        for word in phrase:
            scores = self._word_pairs(word)
            if not scores:
                return {}
            per_word.append(scores)
        if len(per_word) == 1:
            return per_word[0]
        common = set(per_word[0]).intersection(*per_word[1:])
        return {p: sum(w[p] for w in per_word) / len(per_word) for p in common}

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
        best: dict[int, tuple[float, int]] = {}  # org -> (score, field code)
        seen: dict[int, int] = {}  # org -> bitmask of the fields that matched
        for phrase, alt_weight in alternatives:
            if not phrase:
                continue
            short = all(len(w) <= 2 and not has_cjk(w) for w in phrase)
            for pair, s in self._phrase_scores(phrase).items():
                org, code = pair >> FIELD_BITS, pair & FIELD_MASK
                if short and code not in NAME_CODES:
                    continue
                score = s * WEIGHTS[code] * alt_weight
                seen[org] = seen.get(org, 0) | 1 << code
                if score > best.get(org, (0.0, 0))[0]:
                    best[org] = (score, code)
        matches = {}
        for org, (score, code) in best.items():
            bonus = min(BREADTH_CAP, BREADTH_BONUS * (seen[org].bit_count() - 1))
            # The text is found later, and only for the organisations shown (see `_texts_for`).
            matches[org] = Match(term, FIELDS[code], "", round(min(100.0, score + bonus), 1))
        return matches

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
        scored: dict[int, tuple[float, tuple[Match, ...]]] = {}
        for org_index in set().union(*per_term):
            matches = tuple(t[org_index] for t in per_term if org_index in t)
            scores = [m.score for m in matches]
            # A term that found nothing counts as zero: matching every word beats matching one.
            mean = sum(scores) / len(terms)
            scored[org_index] = (round(0.6 * mean + 0.4 * max(scores), 1), matches)
        folded = fold(query).strip()
        for name, ratio, pos in process.extract(
            folded, self.names, scorer=fuzz.ratio, score_cutoff=NAME_MATCH_CUTOFF, limit=None
        ):
            org_index = self.name_orgs[pos]
            ratio = round(ratio, 1)
            if org_index not in scored or ratio > scored[org_index][0]:
                scored[org_index] = (ratio, (Match(folded, "name", name, ratio),))
        wanted = (fold(district) if district else None, fold(language) if language else None)
        chosen = [
            (score, self.sort_names[i], self.slugs[i], i, matches)
            for i, (score, matches) in scored.items()
            if score >= MIN_SCORE and passes(self.filters[i], category, *wanted, include_closed)
        ]
        chosen.sort(key=lambda c: (-c[0], c[1], c[2]))
        if limit:
            chosen = chosen[:limit]
        # Only now are organisations touched: with a lazily loaded directory, only these are built.
        return [Result(self.orgs[i], score, self._with_texts(i, matches)) for score, _, _, i, matches in chosen]

    def _with_texts(self, org_index: int, matches: tuple[Match, ...]) -> tuple[Match, ...]:
        """Fill in the text each match was found in: the first text of that field sharing a word
        with the term (or with a synonym of it), else the field's first text."""
        org = self.orgs[org_index]
        by_field: dict[str, list[str]] = {}
        for field, text in texts(self.directory, org):
            by_field.setdefault(field, []).append(text)
        filled = []
        for m in matches:
            if m.field == "name" and m.text:  # a whole-name match: show the display name
                filled.append(Match(m.term, m.field, org.name, m.score))
                continue
            wanted = set(words(m.term))
            for target in self.synonyms.get(fold(m.term), ()):
                wanted.update(words(target))
            hits = {v for w in wanted for v in self._word_matches(w)}
            candidates = by_field.get(m.field, [""])
            text = next((t for t in candidates if hits.intersection(words(t))), candidates[0])
            filled.append(Match(m.term, m.field, text, m.score))
        return tuple(filled)
