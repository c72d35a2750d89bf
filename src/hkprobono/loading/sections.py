"""The directory's sections other than organisations: categories, [about], the USM guide,
synonyms, and the source lists every part shares."""

from __future__ import annotations

from hkprobono.loading import refs
from hkprobono.loading.tables import Table, many, real_date
from hkprobono.model import About, Category, Deadline, Fact, Guide, Resource, Source, Step, Term

STAGES = ("procedure", "throughout")


def source(t: Table, known_fields: frozenset[str] | None = None, *, finish: bool = True) -> Source | None:
    title = t.text("title", required=True)
    url = t.url("url", required=True)
    date = t.text("date")
    if date is not None and not real_date(date):
        t.problem("date", f"'{date}' is not a real date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        date = None
    fields = t.texts("fields")
    if known_fields is not None:
        for name in fields:
            if name not in known_fields:
                t.problem("fields", f"'{name}' is not a field of an organisation")
    note = t.text("note", prose=True)
    if finish:
        t.finish()
    if title is None or url is None:
        return None
    return Source(title=title, url=url, date=date, fields=fields, note=note)


def category(t: Table) -> Category | None:
    cid = t.slug("id", "category")
    label = t.text("label", required=True)
    description = t.text("description", prose=True)
    t.finish()
    return Category(cid, label, description) if cid and label else None


def _fact(t: Table) -> Fact | None:
    text = t.text("text", required=True, prose=True)
    fact = Fact(text=text or "", sources=many(t, "sources", source), topic=t.text("topic"))
    t.finish()
    return fact if text else None


def _resource(t: Table) -> Resource | None:
    title = t.text("title", required=True)
    description = t.text("description", required=True, prose=True)
    url = t.url("url")
    t.finish()
    return Resource(title, description, url) if title and description else None


def about_section(t: Table) -> About:
    about = About(
        intro=t.text("intro", required=True, prose=True) or "",
        facts=many(t, "facts", _fact),
        resources=many(t, "resources", _resource),
        statistics=many(t, "statistics", _fact),
    )
    t.finish()
    return about


def _step(t: Table) -> Step | None:
    number = t.integer("number", required=True)
    if number is not None:
        t.entry = f"USM step {number}"
    title = t.text("title", required=True)
    summary = t.text("summary", required=True, prose=True)
    what_to_do = t.text("what_to_do", required=True, prose=True)
    stage = t.text("stage") or "procedure"
    if stage not in STAGES:
        t.problem("stage", f"'{stage}' is not one of: {', '.join(STAGES)}")
    sources = many(t, "sources", source)
    if not sources:
        t.problem("sources", "every step needs at least one source")
    step = Step(
        number=number or 0,
        title=title or "",
        summary=summary or "",
        what_to_do=what_to_do or "",
        sources=sources,
        stage=stage,
        deadline=t.text("deadline"),
        deadline_note=t.text("deadline_note", prose=True),
        helped_by=t.texts("helped_by"),
        see=refs.read(t, "see"),
        law=t.text("law"),
    )
    t.finish()
    # Number 0 is kept (and refused by the guide's 1..N check), never dropped without a word.
    return step if number is not None and title and summary and what_to_do else None


def _term(t: Table) -> Term | None:
    term = t.text("term", required=True)
    if term is not None:
        t.entry = f"glossary term '{term}'"
    meaning = t.text("meaning", required=True, prose=True)
    explanation = t.text("explanation", prose=True)
    result = Term(
        term or "", meaning or "", explanation, many(t, "sources", source), refs.read(t, "see"), law=t.text("law")
    )
    t.finish()
    return result if term and meaning else None


UNITS = ("days", "months")


def _deadline(t: Table) -> Deadline | None:
    kind = t.slug("kind", "deadline")
    title = t.text("title", required=True)
    starts = t.text("starts", required=True, prose=True)
    if_missed = t.text("if_missed", required=True, prose=True)
    period = t.integer("period")
    unit = t.text("unit")
    if (period is None) != (unit is None):
        t.problem("period", "period and unit go together: both or neither")
    if period is not None and not 0 < period <= 120:
        t.problem("period", f"{period} is not a period between 1 and 120")
    if unit is not None and unit not in UNITS:
        t.problem("unit", f"'{unit}' is not one of: {', '.join(UNITS)}")
    sources = many(t, "sources", source)
    if not sources:
        t.problem("sources", "every deadline needs at least one source")
    deadline = Deadline(
        kind=kind or "",
        title=title or "",
        starts=starts or "",
        if_missed=if_missed or "",
        sources=sources,
        period=period,
        unit=unit,
        court_office=t.flag("court_office"),
        step=t.integer("step"),
        note=t.text("note", prose=True),
        urgency=t.text("urgency", prose=True),
    )
    t.finish()
    return deadline if kind and title and starts and if_missed else None


def guide(t: Table) -> Guide:
    guide = Guide(
        overview=t.texts("overview", prose=True),
        steps=many(t, "steps", _step),
        glossary=many(t, "glossary", _term),
        sources=many(t, "sources", source),
        deadlines=many(t, "deadlines", _deadline),
        overview_see=refs.read(t, "overview_see"),
    )
    t.finish()
    return guide


def synonyms(t: Table) -> dict[str, tuple[str, ...]]:
    result: dict[str, tuple[str, ...]] = {}
    for word in list(t.raw):
        t.check_chars(word, word)
        targets = t.texts(word)
        if targets:
            result[word.casefold()] = targets
    return result
