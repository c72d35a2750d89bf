"""Matching query words against one postings table (the organisations', or the guide's)."""

import bisect
import math
from collections.abc import Callable

from rapidfuzz import process
from rapidfuzz.distance import OSA

from hkprobono.record import NamedTuple
from hkprobono.search.index import FIELD_BITS, FIELD_MASK, unpack
from hkprobono.search.query import QueryTerm
from hkprobono.search.words import Lexicon
from hkprobono.text import has_cjk

# Evidence in several fields ("legal" as category, service and keyword) breaks ties between
# entries that match a word equally well in their single best field.
BREADTH_BONUS = 1.0
BREADTH_CAP = 5.0
EXACT = 100.0
PREFIX = 90.0
INSIDE = 90.0  # Chinese: a word within a longer one ("食" in "食物")


class Match(NamedTuple):
    """Why an entry matched one query term."""

    term: str
    field: str
    text: str
    score: float


class TermHit(NamedTuple):
    """How one entry matched one term: its best match in a deciding field (0 for none), whether
    that needed a loose match (typo, prefix or inflection: no exact one in a deciding field), and
    its best match in a supporting field, which only breaks ties."""

    decide: float
    decide_code: int
    loose: bool
    support: float
    support_code: int


class Corpus:
    """One postings table with its field names and weights. `deciding` names the fields that can
    make an entry a result; `name_fields` the fields where one- and two-letter words are trusted
    ("hk", "un" must not match every text)."""

    def __init__(
        self,
        postings: dict[str, bytes],
        fields: tuple[str, ...],
        weights: dict[str, float],
        deciding: frozenset[str],
        name_fields: set[str],
        cjk_vocab: list[str],
        lexicon: Lexicon,
    ) -> None:
        self.postings = postings
        self.fields = fields
        self.weights = tuple(weights[f] for f in fields)
        self.deciding = frozenset(fields.index(f) for f in deciding if f in fields)
        self.name_codes = frozenset(fields.index(f) for f in name_fields if f in fields)
        self.vocab = sorted(postings)
        self.cjk_vocab = cjk_vocab
        self.lexicon = lexicon
        self._word_cache: dict[tuple[str, bool], dict[str, float]] = {}

    def word_matches(self, word: str, typed: bool = True) -> dict[str, float]:
        """Every vocabulary word that `word` may mean, with how well (100 for the word itself or
        its other spelling, less for a loose match). Any word finds its inflections. A typed word
        that is not a real English word also finds the words it begins and the words one slip
        away; a real word never becomes another word ("concert" is not "concern")."""
        cached = self._word_cache.get((word, typed))
        if cached is not None:
            return cached
        found: dict[str, float] = {}
        if word in self.postings:
            found[word] = EXACT
        if has_cjk(word):
            if typed:
                found.update((v, INSIDE) for v in self.cjk_vocab if word in v and v != word)
        elif word.isascii() and word.isalpha():
            for form, score in self.lexicon.forms(word).items():
                if form in self.postings:
                    found.setdefault(form, score)
            if typed and word not in self.lexicon.real:
                self._loose(word, found)
        elif typed and not word.isdigit():
            self._loose(word, found)  # "usm" finds "usm1", "bor" finds "bor2"
        self._word_cache[(word, typed)] = found
        return found

    def _loose(self, word: str, found: dict[str, float]) -> None:
        """The words `word` begins, and the words one slip away (two in ten letters)."""
        if len(word) < 3:
            return
        start = bisect.bisect_left(self.vocab, word)
        for v in self.vocab[start:]:
            if not v.startswith(word):
                break
            found.setdefault(v, PREFIX)
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

    def word_pairs(self, word: str, typed: bool = True) -> dict[int, float]:
        """Best score of one query word for every (entry, field) pair."""
        scores: dict[int, float] = {}
        # Lowest first, so a better match of the same pair overwrites a worse one (all in C).
        for v, s in sorted(self.word_matches(word, typed).items(), key=lambda item: item[1]):
            scores.update(dict.fromkeys(unpack(self.postings[v]), s))
        return scores

    def phrase_scores(self, phrase: list[str], typed: bool = True) -> dict[int, float]:
        """Best score per (entry, field) pair: every word must match in the same field."""
        per_word = []
        for word in phrase:
            scores = self.word_pairs(word, typed)
            if not scores:
                return {}
            per_word.append(scores)
        if len(per_word) == 1:
            return per_word[0]
        common = set(per_word[0]).intersection(*per_word[1:])
        return {p: sum(w[p] for w in per_word) / len(per_word) for p in common}

    def term_best(self, term: QueryTerm, part: Callable[[int, int], float] | None = None) -> dict[int, TermHit]:
        """Per entry, how it matched one query term: best in a deciding field, best in the rest.
        `part(entry, field)` scales a match in a name by how much of the name the query covers."""
        decide: dict[int, tuple[float, int]] = {}
        exact: set[int] = set()  # entries with an exact match in a deciding field
        support: dict[int, tuple[float, int]] = {}
        seen: dict[int, int] = {}  # entry -> bitmask of the fields that matched
        for alt in term.alternatives:
            if not alt.words:
                continue
            short = all(len(w) <= 2 and not has_cjk(w) for w in alt.words)
            for pair, s in self.phrase_scores(alt.words, alt.typed).items():
                entry, code = pair >> FIELD_BITS, pair & FIELD_MASK
                if short and code not in self.name_codes:
                    continue
                score = s * self.weights[code] * alt.weight * (part(entry, code) if part else 1.0)
                seen[entry] = seen.get(entry, 0) | 1 << code
                best = decide if code in self.deciding else support
                if score > best.get(entry, (0.0, 0))[0]:
                    best[entry] = (score, code)
                # Loose is what the typed word needed: a synonym's own words may be inflected.
                if code in self.deciding and (s >= EXACT or not alt.typed) and not alt.loose:
                    exact.add(entry)
        hits = {}
        for entry, fields in seen.items():
            d, d_code = decide.get(entry, (0.0, 0))
            if d:
                d = round(min(100.0, d + min(BREADTH_CAP, BREADTH_BONUS * (fields.bit_count() - 1))), 1)
            s, s_code = support.get(entry, (0.0, 0))
            hits[entry] = TermHit(d, d_code, entry not in exact, round(s, 1), s_code)
        return hits

    def matched(self, terms: list[QueryTerm]) -> set[str]:
        """The vocabulary words the query's terms (and their synonyms) match."""
        return {v for t in terms for alt in t.alternatives for w in alt.words for v in self.word_matches(w, alt.typed)}

    def hits(self, words: list[str]) -> set[str]:
        """The vocabulary words that any of `words` matches (to find the text a match was in)."""
        return {v for w in words for v in self.word_matches(w)}


Scored = dict[int, tuple[float, tuple[Match, ...]]]


def combine(
    per_term: list[dict[int, TermHit]], terms: list[QueryTerm], fields: tuple[str, ...], entries: int
) -> Scored:
    """Score every entry over all the terms: a term that found nothing counts as zero, so matching
    every word beats matching one. Each term counts for the words it stands for, and for how
    rare what it found is: in "help for women who were trafficked", the few organisations that help
    after trafficking outrank the many that name women. An entry needs a match in a deciding field;
    in a query of two or more terms, one loosely matched word alone ("concert" as a slip for
    "concern") is not enough. Supporting matches only break ties."""
    scored: Scored = {}
    weights = _weights(per_term, terms, entries)
    total = sum(weights)
    for entry in set().union(*per_term):
        hits = [(t, w, per[entry]) for t, w, per in zip(terms, weights, per_term, strict=True) if entry in per]
        deciding = [h.decide for _, _, h in hits if h.decide]
        if not deciding or (len(terms) > 1 and len(hits) == 1 and hits[0][2].loose):
            continue
        mean = sum(w * (h.decide or h.support / 100) for _, w, h in hits) / total
        matches = tuple(
            Match(t.text, fields[h.decide_code], "", h.decide)
            if h.decide
            else Match(t.text, fields[h.support_code], "", round(h.support / 100, 2))
            for t, _, h in hits
        )
        scored[entry] = (round(0.6 * mean + 0.4 * max(deciding), 1), matches)
    return scored


def _weights(per_term: list[dict[int, TermHit]], terms: list[QueryTerm], entries: int) -> list[float]:
    """Each term's weight: the words it stands for, times how rare its matches are (inverse
    document frequency, relative to the query's other terms). A term that matched nothing weighs
    as an average term."""
    rarity = []
    for per in per_term:
        found = sum(1 for h in per.values() if h.decide)
        rarity.append(math.log(1 + max(entries, found) / found) if found else None)
    known = [r for r in rarity if r is not None]
    mean = sum(known) / len(known) if known else 1.0
    return [t.words * (r / mean if r is not None else 1.0) for t, r in zip(terms, rarity, strict=True)]
