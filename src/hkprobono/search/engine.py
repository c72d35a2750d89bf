"""One search over the organisations, the USM guide's steps and its glossary terms.

Fuzzy matching, prepared once per loaded directory. `Index.find` ranks all three kinds together:
a step or term that answers the question (its title, term, meaning or deadline matched) scores as
high as an organisation's name, and wins a tie, so the answer comes first and the organisations
that help follow. Among organisations with equal scores, active ones with a phone or an e-mail
come first. `Index.search` finds organisations only."""

from collections.abc import Callable

from rapidfuzz import fuzz, process

from hkprobono.model import Directory, Organisation, Step, Term
from hkprobono.record import NamedTuple
from hkprobono.search.corpus import Corpus, Match, Scored, TermHit, combine
from hkprobono.search.index import (
    DECIDING,
    FIELD_WEIGHTS,
    FIELDS,
    GUIDE_DECIDING,
    GUIDE_FIELDS,
    GUIDE_WEIGHTS,
    IndexState,
    build,
    guide_texts,
    norm,
    passes,
    rank,
    search_words,
    texts,
    valid,
)
from hkprobono.search.query import STOPWORDS, QueryTerm, plan
from hkprobono.search.words import Lexicon
from hkprobono.text import fold

__all__ = ["STOPWORDS", "Answer", "Found", "Index", "Match", "Result"]

MIN_SCORE = 55.0
NAME_MATCH_CUTOFF = 90.0
NAME_FIELDS = {"name", "chinese_name", "alternate_names", "former_names", "slug", "keywords"}
GUIDE_NAME_FIELDS = {"title", "term", "meaning"}
# A word of a longer name counts for less than the whole name: "doctor" is not "Doctor Jesus
# Centre", nor "legal" the term "Publicly funded legal assistance". Scaled by how much of the name
# the query covers, from a floor (one word of many) to 1 (all of it). An organisation's name is
# still its name ("dignity" finds the Dignity Institute first); a glossary term's meaning is
# only what the letters stand for, so a word of it counts for less.
PARTIAL_NAMES = ("name", "alternate_names", "former_names", "slug")
PARTIAL_TERMS = ("term", "meaning")
NAME_FLOOR = 0.7
MEANING_FLOOR = 0.5


class Result(NamedTuple):
    """An organisation that matched."""

    org: Organisation
    score: float
    matches: tuple[Match, ...]

    @property
    def kind(self) -> str:
        return "org"

    @property
    def best(self) -> Match:
        return max(self.matches, key=lambda m: m.score)


class Answer(NamedTuple):
    """A step (`kind` "step", with `step`) or glossary term ("term", with `term`) that matched."""

    kind: str
    step: Step | None
    term: Term | None
    score: float
    matches: tuple[Match, ...]

    @property
    def best(self) -> Match:
        return max(self.matches, key=lambda m: m.score)

    @property
    def key(self) -> str:
        """`step:8` or `term:JR`: the first column of --plain."""
        return f"step:{self.step.number}" if self.step else f"term:{self.term.term if self.term else ''}"


Hit = Result | Answer
# Sort key and reference of one hit: an organisation's index, or -1 - a guide entry's number.
Ranked = tuple[tuple[float, int, int, int, str, str], int]
Passing = Callable[[str | None, str | None, str | None, bool], list[int]]


class Found(NamedTuple):
    """What `find` found, and why something is not there."""

    hits: list[Hit]
    held_back: int = 0  # closed organisations that matched but were left out
    # The filters that left nothing, as (filter, value): each that does it alone ("category", "food"),
    # else all of them, with `together` set.
    emptied_by: tuple[tuple[str, str], ...] = ()
    unmatched: tuple[str, ...] = ()  # query words (or phrases) that matched nothing at all
    together: bool = False


class Index:
    """A search index over one directory. Build it once (or load its `state` from the cache);
    `search` is then cheap, and touches only the organisations it returns."""

    def __init__(self, directory: Directory, state: IndexState | None = None) -> None:
        self.directory = directory
        self.orgs = directory.organisations
        self.state: IndexState = state if state is not None and valid(state) else build(directory)
        postings, self.names, self.name_orgs, self.sort_names, self.slugs, self.filters, guide, prepared, _ = self.state
        self.synonyms, org_cjk, guide_cjk, real, lemmas, variants, self.cores, self._term_names = prepared
        lexicon = Lexicon(real, lemmas, variants)
        self.corpus = Corpus(postings, FIELDS, FIELD_WEIGHTS, DECIDING, NAME_FIELDS, org_cjk, lexicon)
        self.guide = Corpus(
            guide[0], GUIDE_FIELDS, GUIDE_WEIGHTS, GUIDE_DECIDING, GUIDE_NAME_FIELDS, guide_cjk, lexicon
        )
        self.entries = guide[1]
        self._org_names: dict[int, list[list[str]]] | None = None  # organisation -> its names' words
        # Place names of more than one word are matched as phrases ("wan chai").
        self.phrases = {p for f in self.filters for p in f[2] if " " in p}
        self.phrases |= {k for k in self.synonyms if " " in k}

    def _names_of(self, org_index: int) -> list[list[str]]:
        if self._org_names is None:
            self._org_names = {}
            for pos, owner in enumerate(self.name_orgs):
                self._org_names.setdefault(owner, []).append(self.cores[pos].split())
        return self._org_names.get(org_index, [])

    def _part(
        self,
        corpus: Corpus,
        terms: list[QueryTerm],
        fields: tuple[str, ...],
        names: Callable[[int], list[list[str]]],
        floor: float,
    ) -> Callable[[int, int], float]:
        """How much of an entry's name the query covers, as a factor for a match in that name."""
        codes = {corpus.fields.index(f) for f in fields if f in corpus.fields}
        matched = corpus.matched(terms)

        def part(entry: int, code: int) -> float:
            if code not in codes:
                return 1.0
            covered = max((sum(w in matched for w in name) / len(name) for name in names(entry) if name), default=1.0)
            return floor + (1 - floor) * covered

        return part

    def _known(self, token: str) -> bool:
        return any(token in v for v in self.corpus.cjk_vocab) or any(token in v for v in self.guide.cjk_vocab)

    def terms(self, query: str) -> list[QueryTerm]:
        return plan(query, self.synonyms, self.phrases, self._known)

    # -- organisations ----------------------------------------------------------------------
    def _org_scores(self, terms: list[QueryTerm]) -> tuple[list[dict[int, TermHit]], Scored, set[int]]:
        """Every organisation's score, and the ones the query names: its words, without filler,
        are one of the organisation's names without filler ("hong kong unison" is "Hong Kong
        Unison"), give or take a slip."""
        part = self._part(self.corpus, terms, PARTIAL_NAMES, self._names_of, NAME_FLOOR)
        per_term = [self.corpus.term_best(term, part) for term in terms]
        scored = combine(per_term, terms, FIELDS, len(self.orgs))
        named: set[int] = set()
        core = " ".join(t.text for t in terms)
        for _, ratio, pos in process.extract(
            core, self.cores, scorer=fuzz.ratio, score_cutoff=NAME_MATCH_CUTOFF, limit=None
        ):
            org_index = self.name_orgs[pos]
            named.add(org_index)
            ratio = round(ratio, 1)
            if org_index not in scored or ratio > scored[org_index][0]:
                scored[org_index] = (ratio, (Match(core, "name", self.names[pos], ratio),))
        return per_term, {i: v for i, v in scored.items() if v[0] >= MIN_SCORE}, named

    def _org_order(self, i: int, score: float, named: set[int]) -> tuple[float, int, int, int, str, str]:
        return (-score, 1, 0 if i in named else 1, rank(self.filters[i]), self.sort_names[i], self.slugs[i])

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
        found = self.find(
            query,
            kind="org",
            category=category,
            district=district,
            language=language,
            include_closed=include_closed,
            limit=limit,
        )
        return [h for h in found.hits if isinstance(h, Result)]

    # -- everything -------------------------------------------------------------------------
    def find(
        self,
        query: str,
        *,
        kind: str | None = None,
        category: str | None = None,
        district: str | None = None,
        language: str | None = None,
        include_closed: bool = False,
        limit: int | None = None,
        synonyms: bool = True,
    ) -> Found:
        """Organisations, steps and terms matching `query`, best first. Filters on organisations
        (category, district, language) leave the guide out unless `kind` asks for it. Without
        `synonyms`, only the words typed are matched (a glossary look-up by name)."""
        terms = self.terms(query) if synonyms else plan(query, {}, self.phrases, self._known)
        if not terms:
            return Found([])
        per_term, org_scored, named = self._org_scores(terms)
        part = self._part(self.guide, terms, PARTIAL_TERMS, lambda n: self._term_names.get(n, []), MEANING_FLOOR)
        guide_terms = [self.guide.term_best(term, part) for term in terms]
        guide_scored = {
            i: v for i, v in combine(guide_terms, terms, GUIDE_FIELDS, len(self.entries)).items() if v[0] >= MIN_SCORE
        }
        unmatched = tuple(t.text for t, o, g in zip(terms, per_term, guide_terms, strict=True) if not o and not g)
        spoken = fold(language) if language else None
        org_filtered = bool(category or district or language)

        def orgs_passing(cat: str | None, place: str | None, lang: str | None, closed: bool) -> list[int]:
            # A closed organisation the query names is shown, marked closed: it was asked for.
            return [i for i in org_scored if passes(self.filters[i], cat, place, lang, closed or i in named)]

        keys: list[Ranked] = []
        if kind in (None, "org"):
            passing = orgs_passing(category, district, spoken, include_closed)
            keys += [(self._org_order(i, org_scored[i][0], named), i) for i in passing]
        if kind in ("step", "term") or (kind is None and not org_filtered):
            for n, (score, _) in guide_scored.items():
                entry_kind = self.entries[n][0]
                if kind in (None, entry_kind):
                    keys.append(((-score, 0, 0, 0, "", f"{n:05d}"), -1 - n))
        keys.sort(key=lambda k: k[0])
        if limit:
            keys = keys[:limit]
        hits: list[Hit] = []
        for _, ref in keys:
            if ref >= 0:
                score, matches = org_scored[ref]
                hits.append(Result(self.orgs[ref], score, self._org_texts(ref, matches)))
            else:
                hits.append(self._answer(-1 - ref, *guide_scored[-1 - ref]))
        held_back = 0
        if not include_closed and kind in (None, "org"):
            held_back = len(orgs_passing(category, district, spoken, True)) - len(
                orgs_passing(category, district, spoken, False)
            )
        emptied: tuple[tuple[str, str], ...] = ()
        together = False
        if not hits:
            emptied, together = self._emptied_by(
                kind, category, district, language, orgs_passing, guide_scored, include_closed
            )
        return Found(hits, held_back, emptied, unmatched, together)

    def _emptied_by(
        self,
        kind: str | None,
        category: str | None,
        district: str | None,
        language: str | None,
        orgs_passing: Passing,
        guide_scored: Scored,
        include_closed: bool,
    ) -> tuple[tuple[tuple[str, str], ...], bool]:
        """Which filters, each alone, leave nothing of what the query matched; else all the filters
        given, which leave nothing together (the bool)."""
        spoken = fold(language) if language else None
        if not orgs_passing(None, None, None, include_closed) and not guide_scored:
            return (), False
        named = []
        if kind and kind != "org" and not any(self.entries[n][0] == kind for n in guide_scored):
            named.append(("kind", kind))
        alone: tuple[tuple[str, str | None, tuple[str | None, str | None, str | None]], ...] = (
            ("category", category, (category, None, None)),
            ("district", district, (None, district, None)),
            ("language", language, (None, None, spoken)),
        )
        for option, value, (cat, place, lang) in alone:
            if value and not orgs_passing(cat, place, lang, include_closed):
                named.append((option, value))
        if kind == "org" and not named and not orgs_passing(None, None, None, include_closed):
            named.append(("kind", "org"))
        if named:
            return tuple(named), False
        given = (("kind", kind), ("category", category), ("district", district), ("language", language))
        return tuple((option, value) for option, value in given if value), True

    # -- the text each match was found in ---------------------------------------------------
    def _fill(self, corpus: Corpus, pairs: list[tuple[str, str]], matches: tuple[Match, ...]) -> tuple[Match, ...]:
        """The first text of the matched field sharing a word with the term (or with a synonym of
        it), else the field's first text."""
        by_field: dict[str, list[str]] = {}
        for field, text in pairs:
            by_field.setdefault(field, []).append(text)
        by_field["mentions"] = by_field.get("keywords", [""])  # keywords that name another organisation
        filled = []
        for m in matches:
            wanted = search_words(m.term)
            for target in self.synonyms.get(norm(m.term), ()):
                wanted += search_words(target)
            hits = corpus.hits(wanted)
            candidates = by_field.get(m.field, [""])
            text = next((t for t in candidates if hits.intersection(search_words(t))), candidates[0])
            filled.append(Match(m.term, m.field, text, m.score))
        return tuple(filled)

    def _org_texts(self, org_index: int, matches: tuple[Match, ...]) -> tuple[Match, ...]:
        org = self.orgs[org_index]
        if len(matches) == 1 and matches[0].field == "name" and matches[0].text:  # a whole-name match
            m = matches[0]
            return (Match(m.term, m.field, org.name, m.score),)
        return self._fill(self.corpus, texts(self.directory, org), matches)

    def _answer(self, number: int, score: float, matches: tuple[Match, ...]) -> Answer:
        guide = self.directory.guide
        assert guide is not None  # a guide entry was found, so there is a guide
        kind, key = self.entries[number]
        filled = self._fill(self.guide, guide_texts(guide, kind, key), matches)
        if kind == "step":
            step = next(s for s in guide.steps if str(s.number) == key)
            return Answer("step", step, None, score, filled)
        term = next(t for t in guide.glossary if t.term == key)
        return Answer("term", None, term, score, filled)
