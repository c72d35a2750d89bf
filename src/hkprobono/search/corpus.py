"""Matching query words against one postings table (the organisations', or the guide's)."""

import bisect
from typing import NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import OSA

from hkprobono.search.index import FIELD_BITS, FIELD_MASK, unpack
from hkprobono.text import has_cjk

SYNONYM_WEIGHT = 0.9
# Evidence in several fields ("legal" as category, service and keyword) breaks ties between
# entries that match a word equally well in their single best field.
BREADTH_BONUS = 1.0
BREADTH_CAP = 5.0

# One term of a query: what was typed, and its alternatives (the words, then synonyms) with weights.
Alternatives = list[tuple[list[str], float]]


class Match(NamedTuple):
    """Why an entry matched one query term."""

    term: str
    field: str
    text: str
    score: float


class Corpus:
    """One postings table with its field names and weights; `name_fields` are the fields where
    one- and two-letter words are trusted ("hk", "un" must not match every text)."""

    def __init__(
        self,
        postings: dict[str, bytes],
        fields: tuple[str, ...],
        weights: dict[str, float],
        name_fields: set[str],
        cjk_vocab: list[str],
    ) -> None:
        self.postings = postings
        self.fields = fields
        self.weights = tuple(weights[f] for f in fields)
        self.name_codes = frozenset(fields.index(f) for f in name_fields if f in fields)
        self.vocab = sorted(postings)
        self.cjk_vocab = cjk_vocab
        self._word_cache: dict[str, dict[str, float]] = {}

    def word_matches(self, word: str) -> dict[str, float]:
        """Every vocabulary word that `word` may mean, with how well: exact, prefix, stem, typo."""
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
                # One slip in four letters, or one in five. RapidFuzz turns a cutoff of exactly 0.8
                # into a distance that rounds the wrong way ("foood" missed "food"), so ask with a
                # little slack and keep only what reaches the cutoff.
                cutoff = 0.75 if len(word) == 4 else 0.8
                for v, sim, _ in process.extract(
                    word, self.vocab, scorer=OSA.normalized_similarity, score_cutoff=cutoff - 0.01, limit=None
                ):
                    if round(sim, 6) < cutoff or v[:1] != word[:1]:
                        continue  # a slip is rarely the first letter: "food" is not "good", nor "deported" "reported"
                    found.setdefault(v, round(sim * 100, 1))
        self._word_cache[word] = found
        return found

    def word_pairs(self, word: str) -> dict[int, float]:
        """Best score of one query word for every (entry, field) pair."""
        scores: dict[int, float] = {}
        # Lowest first, so a better match of the same pair overwrites a worse one (all in C).
        for v, s in sorted(self.word_matches(word).items(), key=lambda item: item[1]):
            scores.update(dict.fromkeys(unpack(self.postings[v]), s))
        return scores

    def phrase_scores(self, phrase: list[str]) -> dict[int, float]:
        """Best score per (entry, field) pair: every word must match in the same field."""
        per_word = []
        for word in phrase:
            scores = self.word_pairs(word)
            if not scores:
                return {}
            per_word.append(scores)
        if len(per_word) == 1:
            return per_word[0]
        common = set(per_word[0]).intersection(*per_word[1:])
        return {p: sum(w[p] for w in per_word) / len(per_word) for p in common}

    def term_best(self, alternatives: Alternatives, term: str) -> dict[int, Match]:
        """Per entry, its best match of one query term (the text is filled in later)."""
        best: dict[int, tuple[float, int]] = {}  # entry -> (score, field code)
        seen: dict[int, int] = {}  # entry -> bitmask of the fields that matched
        for phrase, alt_weight in alternatives:
            if not phrase:
                continue
            short = all(len(w) <= 2 and not has_cjk(w) for w in phrase)
            for pair, s in self.phrase_scores(phrase).items():
                entry, code = pair >> FIELD_BITS, pair & FIELD_MASK
                if short and code not in self.name_codes:
                    continue
                score = s * self.weights[code] * alt_weight
                seen[entry] = seen.get(entry, 0) | 1 << code
                if score > best.get(entry, (0.0, 0))[0]:
                    best[entry] = (score, code)
        matches = {}
        for entry, (score, code) in best.items():
            bonus = min(BREADTH_CAP, BREADTH_BONUS * (seen[entry].bit_count() - 1))
            matches[entry] = Match(term, self.fields[code], "", round(min(100.0, score + bonus), 1))
        return matches

    def hits(self, words: list[str]) -> set[str]:
        """The vocabulary words that any of `words` matches (to find the text a match was in)."""
        return {v for w in words for v in self.word_matches(w)}


def combine(per_term: list[dict[int, Match]], count: int) -> dict[int, tuple[float, tuple[Match, ...]]]:
    """Score every entry over all the terms: a term that found nothing counts as zero, so
    matching every word beats matching one."""
    scored: dict[int, tuple[float, tuple[Match, ...]]] = {}
    for entry in set().union(*per_term):
        matches = tuple(t[entry] for t in per_term if entry in t)
        scores = [m.score for m in matches]
        mean = sum(scores) / count
        scored[entry] = (round(0.6 * mean + 0.4 * max(scores), 1), matches)
    return scored
