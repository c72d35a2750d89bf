"""References in the data: the `see` fields that send the reader to an organisation, a USM step, a
glossary term or a deadline. The data names each by its slug or id, never as a command (a command
is a terminal's way to show it; a page links to it, paper leaves it out).

Written as the organisation's slug ("iss-hk"), or as KIND:KEY for the guide ("step:8",
"term:TCAB", "deadline:appeal"). A reference to something the file does not hold is a load error,
as an unknown slug in `helped_by` is."""

from __future__ import annotations

from collections.abc import Iterator

from hkprobono.loading.tables import SLUG_RE, Problem, Table
from hkprobono.model import Directory, Guide, Ref

GUIDE_KINDS = ("step", "term", "deadline")
FORM = "an organisation's slug, or step:NUMBER, term:TERM or deadline:KIND"
# What a reference to nothing names, by kind: "no organisation has the slug 'x'".
MISSING = {
    "org": "no organisation has the slug",
    "step": "the USM guide has no step",
    "term": "the glossary has no term",
    "deadline": "no deadline has the kind",
}


def parse(text: str) -> Ref | None:
    """ "iss-hk" -> Ref("org", "iss-hk"); "deadline:appeal" -> Ref("deadline", "appeal"); None when
    the text is neither form."""
    kind, colon, key = text.partition(":")
    if not colon:
        return Ref("org", text) if SLUG_RE.match(text) else None
    if kind in GUIDE_KINDS and key and key == key.strip():
        return Ref(kind, key)
    return None


def read(t: Table, key: str) -> tuple[Ref, ...]:
    """The references in the list `key`; each one in neither form is a problem and is left out."""
    refs = []
    for i, text in enumerate(t.texts(key)):
        ref = parse(text)
        if ref is None:
            t.problem(f"{key}[{i}]", f"'{text}' is not a reference: write {FORM}")
        else:
            refs.append(ref)
    return tuple(refs)


def _places(guide: Guide) -> Iterator[tuple[str, str, tuple[Ref, ...]]]:
    yield "[usm]", "overview_see", guide.overview_see
    for step in guide.steps:
        yield f"USM step {step.number}", "see", step.see
    for term in guide.glossary:
        yield f"glossary term '{term.term}'", "see", term.see


def missing(directory: Directory) -> Iterator[Problem]:
    """A problem for every reference to an organisation, step, term or deadline the file does not hold."""
    guide = directory.guide
    if guide is None:
        return
    known = {
        "org": {o.slug for o in directory.organisations},
        "step": {str(s.number) for s in guide.steps},
        "term": {t.term.casefold() for t in guide.glossary},
        "deadline": {d.kind for d in guide.deadlines},
    }
    for entry, field, refs in _places(guide):
        for ref in refs:
            key = ref.key.casefold() if ref.kind == "term" else ref.key
            if key not in known.get(ref.kind, ()):
                yield Problem(entry, field, f"{MISSING.get(ref.kind, 'nothing is named')} '{ref.key}'")
