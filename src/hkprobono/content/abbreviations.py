"""Abbreviations spelled out where a reader first meets them, once in each view.

The guide's text is written once and read in many views (all the steps, one step, the glossary,
the deadlines, the HTML page), so the data cannot know which use comes first. Each view runs its
text through one `FirstUse`, in reading order: the first use of an abbreviation that the text does
not already spell out ("the Immigration Department (ImmD)") is written out in full, and later
uses stay short. Words inside quotation marks are someone's own and stay as they are. A short
name ("the Board") is given its full name unless the full name came before it in the view.
Sources and organisation names are titles, and are left as they are.

The table is the one list of what the guide abbreviates; each entry is also a glossary term
(tests/content/test_abbreviations.py keeps the two in step). Case-citation codes (HKCA, HCAL...)
are left out: they are parts of a reference, which spelling out would break."""

import re

from hkprobono.record import NamedTuple


class Abbreviation(NamedTuple):
    short: str  # as the text writes it: "ImmD"
    full: str  # what it stands for, as it reads inside a sentence: "Immigration Department"
    article: bool = False  # the full name takes "the" where the short form stands alone


ABBREVIATIONS = (
    Abbreviation("USM", "Unified Screening Mechanism", article=True),
    Abbreviation("ImmD", "Immigration Department", article=True),
    Abbreviation("NCF", "Non-refoulement Claim Form", article=True),
    Abbreviation("TCAB", "Torture Claims Appeal Board", article=True),
    Abbreviation("NCPO", "Non-refoulement Claims Petition Office", article=True),
    Abbreviation("NRCPO", "Non-refoulement Claims Petition Office", article=True),
    Abbreviation("PFLA", "publicly funded legal assistance"),
    Abbreviation("DLS", "Duty Lawyer Service", article=True),
    Abbreviation("ISS-HK", "International Social Service Hong Kong Branch"),
    Abbreviation("SWD", "Social Welfare Department", article=True),
    Abbreviation("RSD", "refugee status determination"),
    Abbreviation("SOHK", "UNHCR Sub-Office Hong Kong", article=True),
    Abbreviation("COI", "country of origin information"),
    Abbreviation("CAT", "United Nations Convention against Torture", article=True),
    Abbreviation("BOR2", "Article 2 of the Hong Kong Bill of Rights"),
    Abbreviation("BOR3", "Article 3 of the Hong Kong Bill of Rights"),
    Abbreviation("CIDTP", "cruel, inhuman or degrading treatment or punishment"),
    Abbreviation("JR", "judicial review"),
    Abbreviation("APRRN", "Asia Pacific Refugee Rights Network", article=True),
    Abbreviation("HKRAC", "Hong Kong Refugee Advice Centre", article=True),
    Abbreviation("CFR", "Christian Action Centre for Refugees"),
    Abbreviation("SoCO", "Society for Community Organization", article=True),
    Abbreviation("LegCo", "Legislative Council", article=True),
    Abbreviation("UNHCR", "United Nations High Commissioner for Refugees", article=True),
    Abbreviation("UN", "United Nations", article=True),
    Abbreviation("SCMP", "South China Morning Post", article=True),
    Abbreviation("LAD", "Legal Aid Department", article=True),
    Abbreviation("NGO", "non-governmental organisation"),
    Abbreviation("MTR", "Mass Transit Railway", article=True),
    Abbreviation("CLIC", "Community Legal Information Centre", article=True),
    Abbreviation("CESCR", "United Nations Committee on Economic, Social and Cultural Rights", article=True),
    Abbreviation("RTHK", "Radio Television Hong Kong"),
    Abbreviation("HKU", "University of Hong Kong", article=True),
    Abbreviation("CLE", "Clinical Legal Education"),
    Abbreviation("CEDARS", "Centre of Development and Resources for Students"),
    Abbreviation("PIME", "Pontifical Institute for Foreign Missions", article=True),
)


class ShortName(NamedTuple):
    short: str  # "the Board", as it stands in a sentence
    full: str  # "Torture Claims Appeal Board": once this has been read, the short name is clear


SHORT_NAMES = (ShortName("the Board", "Torture Claims Appeal Board"),)

BY_SHORT = {a.short: a for a in ABBREVIATIONS}
NAMES = {s.short.casefold(): s for s in SHORT_NAMES}
# The longest first, so that "UNHCR" is never read as "UN"; never inside a longer word ("UNHCR",
# "ISS-HK", "NCF-1") nor a case reference's code.
_WORD = "|".join(re.escape(short) for short in sorted(BY_SHORT, key=len, reverse=True))
_NAME = "|".join("[Tt]" + re.escape(s.short[1:]) for s in SHORT_NAMES)  # "the Board" or "The Board"
USE_RE = re.compile(rf"(?<![\w-])(?:(?P<abbr>{_WORD})|(?P<name>{_NAME}))(?P<poss>'s)?(?![\w-])")
# Words that already say which one is meant: no "the" goes before the full name after them.
DETERMINERS = frozenset({"the", "a", "an", "its", "their", "your", "his", "her", "our", "this", "that", "each", "any"})
SENTENCE_END_RE = re.compile(r"(?:^|[.!?]\s+|[.!?]\s*[\"”')\]]\s+)$")
LAST_WORD_RE = re.compile(r"(\w+)\W*$")
ARTICLE_RE = re.compile(r"(?<![\w-])([Aa]n?)(?= $)")


def quoted(before: str) -> bool:
    """Whether what follows `before` is inside quotation marks: someone's own words, or a word
    named as a word ('write "NRCPO"'), which stay as they are."""
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


def _article(article: str, word: str) -> str:
    """ "a" or "an" as `word` sounds, for the full names in the table ("an Immigration...", "a United...")."""
    wanted = "an" if word[:1].casefold() in "aeio" else "a"
    return _capital(wanted) if article[:1].isupper() else wanted


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


class FirstUse:
    """One view's reader: call it on each text of the view in reading order."""

    def __init__(self) -> None:
        self.known: set[str] = set()  # short forms the reader has met spelled out
        self.named: set[str] = set()  # full names of short names ("the Board") already read

    def defined(self, short: str) -> None:
        """The view spells `short` out itself (a glossary entry's term and meaning)."""
        if short in BY_SHORT:
            self.known.add(short)

    def __call__(self, text: str) -> str:
        out: list[str] = []
        done = 0
        for match in USE_RE.finditer(text):
            before = text[: match.start()]
            segment = text[done : match.start()]
            self._read(segment)
            spelled = self._spelled(match, before)
            if spelled != match.group(0):  # "an NCF form" becomes "a Non-refoulement Claim Form (NCF) form"
                article = ARTICLE_RE.search(segment)
                if article:
                    segment = segment[: article.start()] + _article(article.group(1), spelled) + " "
            out += (segment, spelled)
            done = match.end()
        self._read(text[done:])
        out.append(text[done:])
        return "".join(out)

    def _read(self, text: str) -> None:
        folded = text.casefold()
        self.named.update(s.full for s in SHORT_NAMES if s.full.casefold() in folded)

    def _spelled(self, match: "re.Match[str]", before: str) -> str:
        used = match.group(0)
        if match.group("name"):
            name = NAMES[match.group("name").casefold()]
            if name.full in self.named:
                return used
            self.named.add(name.full)
            return f"{used[:4]}{name.full}{match.group('poss') or ''}"  # "the " or "The ", kept
        short = match.group("abbr")
        entry = BY_SHORT[short]
        if short in self.known or quoted(before):
            return used
        self.known.add(short)
        if before.casefold().endswith((f"{entry.full.casefold()} (", f"{entry.full.casefold()}'s (")):
            return used  # the text spells it out itself
        self.named.update(s.full for s in SHORT_NAMES if s.full in entry.full)
        last = LAST_WORD_RE.search(before)
        starts = bool(SENTENCE_END_RE.search(before))
        the = entry.article and not (last and last.group(1).casefold() in DETERMINERS)
        full = f"the {entry.full}" if the else entry.full
        full = _capital(full) if starts else full
        if match.group("poss"):
            return f"{full}'s ({short}'s)"
        return f"{full} ({short})"
