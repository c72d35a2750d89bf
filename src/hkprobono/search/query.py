"""Turning what someone typed into search terms: filler words, synonyms, place names, Chinese."""

from __future__ import annotations

from collections.abc import Callable

from hkprobono.record import NamedTuple
from hkprobono.search.index import search_words
from hkprobono.search.words import FILLER, STOP_PHRASES, bases
from hkprobono.text import has_cjk

MAX_TERMS = 32  # a pasted paragraph must not make a lookup slow
LONGEST_CHUNK = 5  # words in the longest synonym or place name looked for
SYNONYM_WEIGHT = 0.9
STOPWORDS = FILLER  # the name other modules know it by
CJK_FILLER = frozenset(w for w in FILLER if has_cjk(w))
APOSTROPHES = str.maketrans("", "", "'\u2019\u02bc")  # "can't" is typed "cant" as often


class Alternative(NamedTuple):
    """One way a term may be found: the words typed (any match: exact, inflection, spelling, and
    for a word that is not a real English word, prefix and typo), or the words of a synonym
    (`typed` false: exact, inflection or spelling only). `loose` marks a synonym found through an
    inflection of its key ("deported" for "deport")."""

    words: list[str]
    weight: float
    typed: bool = True
    loose: bool = False


class QueryTerm(NamedTuple):
    """A word or phrase of the query, its alternatives, and how many of the typed words it stands
    for (a phrase synonym, "second claim", counts for both its words)."""

    text: str
    alternatives: list[Alternative]
    words: int = 1


def synonym_key(word: str, synonyms: dict[str, tuple[str, ...]]) -> str | None:
    """The synonym a word names, itself or as an inflection of it ("deported"); None for none."""
    if word in synonyms:
        return word
    return next((base for base in bases(word) if base in synonyms), None)


def split_cjk(tokens: list[str], keys: set[str], known: Callable[[str], bool]) -> list[str]:
    """Chinese is written without spaces: a run no synonym or text knows as a whole ("免費律師")
    is cut into the longest synonym keys it contains ("免費" + "律師"), left to right."""
    out: list[str] = []
    for token in tokens:
        if not has_cjk(token) or token in keys or known(token):
            out.append(token)
            continue
        rest, i = "", 0
        while i < len(token):
            key = next((token[i:j] for j in range(len(token), i, -1) if token[i:j] in keys), None)
            if key is None:
                rest += token[i]
                i += 1
                continue
            if rest:
                out.append(rest)
                rest = ""
            out.append(key)
            i += len(key)
        if rest:
            out.append(rest)
    return out


def chunks(tokens: list[str], synonyms: dict[str, tuple[str, ...]], phrases: set[str]) -> list[str]:
    """Consecutive words that name a synonym ("no money", "back to my country") or a place ("wan
    chai") form one chunk. The query is cut into the fewest chunks, so a longer phrase later is
    not lost to a shorter one that overlaps it ("go back my country" is "go" + "back my country")."""
    n = len(tokens)
    fewest = [0] * (n + 1)  # fewest chunks for tokens[i:]
    step = [1] * (n + 1)
    for i in range(n - 1, -1, -1):
        fewest[i] = fewest[i + 1] + 1
        for size in range(2, min(LONGEST_CHUNK, n - i) + 1):
            chunk = " ".join(tokens[i : i + size])
            if (chunk in synonyms or chunk in phrases) and fewest[i + size] + 1 <= fewest[i]:
                fewest[i], step[i] = fewest[i + size] + 1, size
    out, i = [], 0
    while i < n:
        out.append(" ".join(tokens[i : i + step[i]]))
        i += step[i]
    return out


def plan(
    query: str, synonyms: dict[str, tuple[str, ...]], phrases: set[str], known: Callable[[str], bool]
) -> list[QueryTerm]:
    """The terms of a query, each with its alternatives (its words, then its synonyms' words).

    A phrase's words must then match within one field: "Wan Chai" is not Sheung Wan's "wan".
    Filler words are dropped, unless they are part of a synonym ("no food") or all there is."""
    tokens = search_words(query.translate(APOSTROPHES))[: MAX_TERMS * LONGEST_CHUNK]
    # Chinese runs are cut at synonyms and at filler words ("请问哪里有食物": "食物").
    tokens = split_cjk(tokens, {k for k in synonyms if has_cjk(k)} | CJK_FILLER, known)
    # A lone letter carries no meaning to match on, unless it is part of a synonym ("make a claim").
    found = [c for c in chunks(tokens, synonyms, phrases | STOP_PHRASES) if len(c) > 1 or has_cjk(c)]
    kept = [c for c in found if c not in FILLER and c not in STOP_PHRASES] or found
    terms: list[QueryTerm] = []
    for chunk in list(dict.fromkeys(kept))[:MAX_TERMS]:  # a word typed twice counts once
        alternatives = [Alternative(chunk.split(), 1.0)]
        key = synonym_key(chunk, synonyms)
        for target in synonyms.get(key, ()) if key else ():
            alternatives.append(Alternative(search_words(target), SYNONYM_WEIGHT, False, key != chunk))
        content = sum(1 for w in chunk.split() if w not in FILLER)
        terms.append(QueryTerm(chunk, alternatives, max(1, content)))
    return terms
