"""What search knows about English words: which are real, their inflections, their two spellings.

A word someone typed that is a real English word means that word: typo and prefix matching may
not turn it into a different word ("concert" is not "concern", "form" is not "for", "car" is not
"care"). It still finds its own inflections ("family" finds "families") and its other spelling
("center" finds "centre"). Which words are real comes from the English word list of
pyspellchecker (MIT licence; word counts from OpenSubtitles, cleaned by its author): the words
seen more often than the list's floor, read once when the index is built and kept in the index
state as a sorted array of 32-bit hashes, so a cached run never reads the list again."""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterable
from functools import cache

from hkprobono.errors import HkProBonoError

try:  # the built-in BLAKE2, as the cache uses it: hashlib would load OpenSSL at start-up
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - CPython always has it
    from hashlib import blake2b

# Filler words, dropped from a query ("where can I get help with rent" is a query about rent;
# the Chinese ones in simplified script, as a query is matched)
# unless the query is nothing else ("help" alone), or they are part of a synonym ("no money",
# "go home", "talk to"). Contractions are typed without their apostrophe ("cant", "dont", "im").
# "free" is here too: every service in the directory is free or says what it costs, so the word
# only found names ("Free to Run"); "free lawyer" is a synonym. So are "hong kong" and "hk":
# every organisation is in Hong Kong, and its name says so ("Hong Kong Unison" is "unison"). And
# "country": every claimant comes from one, and the word alone only found UNHCR's "third country"
# ("back to my country" is a synonym: going home).
_FILLER = """
    a an and the of for or to in on at by from with about into onto over after before because as than then
    so too very really just also still again already even only much many more most lot lots some any all
    each every other such same own both either neither this that these those there here which what who whom
    whose when where why how whether while if
    i me my mine myself we us our ours you your yours he him his she her hers they them their it its
    someone somebody something anyone anybody anything everyone everybody everything one
    somewhere anywhere
    am is are was were be been being have has had having do does did doing done
    can could cant cannot couldnt may might must shall should will would wont dont doesnt didnt isnt arent
    wasnt im ive youre theres whats heres lets
    need needs needed want wants wanted wish like would get gets getting got give gives find go goes going
    went come comes make makes making made know tell say said ask asking think feel feels feeling felt
    try trying please pls plz thanks thank thx hi hello dear sir madam ok okay yes no not
    help helps helped helping new free hk country countries now next told true see seen out up off
    我 我想 我要 我需要 想 要 需要 可以 请问 请 你好 唔该 吗 呢 点样 怎样 如何 有 有冇 有没有 哪里 边度
"""
FILLER = frozenset(_FILLER.split())
STOP_PHRASES = frozenset({"hong kong"})
# pyspellchecker gives every word it adds from its "include" list (never seen in the subtitles)
# the count 50: names and rare words ("acton", "voussoir"). A word counts as real above it.
FLOOR = 50
VOWELS = frozenset("aeiouy")
# Words that end like an inflection but are not one ("thing" is not "the" + ing, "news" not "new"+s).
_NOT_INFLECTED = (
    "being doing going thing nothing something anything everything morning evening during ceiling "
    "news means always perhaps sometimes series species physics politics economics"
)
NOT_INFLECTED = frozenset(_NOT_INFLECTED.split())


def content(tokens: list[str]) -> list[str]:
    """The words that carry meaning: no filler word, no "hong kong"."""
    out: list[str] = []
    for token in tokens:
        if out and f"{out[-1]} {token}" in STOP_PHRASES:
            out.pop()
        elif token not in FILLER:
            out.append(token)
    return out


def _hash(word: str) -> int:
    return int.from_bytes(blake2b(word.encode(), digest_size=4).digest(), "little")


def pack(words: Iterable[str]) -> bytes:
    """The words as a sorted array of their hashes: what `WordSet` reads."""
    return array("I", sorted({_hash(w) for w in words})).tobytes()


class WordSet:
    """Membership in a packed word list, by binary search over the hashes (no set to build)."""

    def __init__(self, packed: bytes) -> None:
        self._hashes = memoryview(packed).cast("I") if packed else memoryview(array("I").tobytes()).cast("I")

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not word.isascii():
            return False
        h = _hash(word)
        i = bisect.bisect_left(self._hashes, h)
        return i < len(self._hashes) and self._hashes[i] == h


@cache
def english() -> tuple[str, ...]:
    """The real English words (lower case, letters only, three or more), from pyspellchecker's list.
    Read only when an index is built (about 0.2 s); cached for the process."""
    import gzip
    import json
    from importlib.util import find_spec
    from pathlib import Path

    spec = find_spec("spellchecker")
    if spec is None or not spec.submodule_search_locations:
        raise HkProBonoError("the English word list is missing", hint="reinstall hkprobono (it needs pyspellchecker)")
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "en.json.gz"
    try:
        counts = json.loads(gzip.decompress(path.read_bytes()))
    except (OSError, ValueError) as err:
        raise HkProBonoError(
            f"the English word list could not be read: {err}", hint="reinstall pyspellchecker"
        ) from err
    return tuple(w for w, n in counts.items() if n > FLOOR and len(w) >= 3 and w.isascii() and w.isalpha())


@cache
def english_packed() -> bytes:
    """`english()` packed for `WordSet`: the same for every directory, so worked out once."""
    return pack(english())


@cache
def english_set() -> frozenset[str]:
    return frozenset(english())


def bases(word: str) -> tuple[str, ...]:
    """What `word` may be an inflection of: a plural (-s, -es, -ies), a past (-ed, -d, -ied) or an
    -ing form, with a doubled last consonant undone ("running", "stopped", "counselling"). Only
    candidates: the caller checks them against the vocabulary or the word list."""
    n = len(word)
    if n < 4 or not word.isascii() or not word.isalpha() or word in NOT_INFLECTED:
        return ()
    found: list[str] = []
    if word.endswith("ies") and n > 4:
        found.append(word[:-3] + "y")
    if word.endswith("es") and word[:-2].endswith(("s", "x", "z", "ch", "sh", "o")):
        found.append(word[:-2])
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        found.append(word[:-1])
    for ending in ("ed", "ing"):
        stem = word[: -len(ending)]
        if not word.endswith(ending) or not VOWELS.intersection(stem) or word.endswith("eed"):
            continue
        if ending == "ed" and word.endswith("ied") and n > 4:
            found.append(word[:-3] + "y")
            continue
        found += [stem, stem + "e"]
        if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] not in VOWELS:
            found.append(stem[:-1])
    return tuple(b for b in dict.fromkeys(found) if len(b) >= 3)


def american(word: str) -> str:
    """One spelling for the British and American forms of a word, to tell that they are the same
    word: centre/center, labour/labor, organise/organize, analyse/analyze, counselling/counseling,
    programme/program, catalogue/catalog, licence/license, judgement/judgment, ageing/aging."""
    plural = word.endswith("s") and not word.endswith("ss") and len(word) > 4
    w = word[:-1] if plural else word
    for end, to in (("ogue", "og"), ("amme", "am"), ("dgement", "dgment"), ("eing", "ing"), ("ence", "ense")):
        if w.endswith(end) and len(w) > len(end) + 1:
            w = w[: -len(end)] + to
    if w.endswith("re") and len(w) > 4 and w[-3] not in VOWELS:
        w = w[:-2] + "er"  # centre, litre, fibre
    i = w.find("our", 3)
    if i > 0 and len(w) >= 6:
        w = w[:i] + "or" + w[i + 3 :]  # colour, labourer, behaviour (not four, tour, flour)
    for suffix in ("ise", "ised", "ising", "isation", "yse", "ysed", "ysing"):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            w = w[: -len(suffix)] + suffix[0] + "z" + suffix[2:]  # organise, analyse
            break
    i = w.find("ll", 3)
    if i > 0 and w[i + 2 :] in ("ing", "ed", "er", "or"):
        syllables = sum(1 for j, ch in enumerate(w[:i]) if ch in VOWELS and (j == 0 or w[j - 1] not in VOWELS))
        if syllables >= 2:  # counselling, travelled (not filling: "fi" is one syllable)
            w = w[:i] + w[i + 1 :]
    return w + "s" if plural else w


# How well a form of the word matches: its own spelling in the other variety is the same word.
SAME = 100.0
INFLECTED = 92.0


class Lexicon:
    """The real English words and the vocabulary's inflections and spellings, as the index state
    keeps them (see index.vocabulary)."""

    def __init__(self, real: bytes, lemmas: dict[str, tuple[str, ...]], variants: dict[str, tuple[str, ...]]) -> None:
        self.real = WordSet(real)
        self.lemmas = lemmas
        self.variants = variants

    def forms(self, word: str) -> dict[str, float]:
        """The other forms of `word` the vocabulary may hold, with how well each matches: its other
        spelling (as good as the word itself), its bases and their other inflections ("families"
        -> "family", "runs" -> "running"). Not filtered: the caller keeps the ones it has."""
        found: dict[str, float] = {}

        def add(other: str, score: float) -> None:
            if other != word and found.get(other, 0.0) < score:
                found[other] = score

        for form in (word, *bases(word)):
            score = SAME if form == word else INFLECTED
            spelled = american(form)
            for other in (form, spelled, *self.variants.get(spelled, ())):
                add(other, score)
            for base in {form, spelled}:
                for other in self.lemmas.get(base, ()):
                    add(other, INFLECTED)
        return found
