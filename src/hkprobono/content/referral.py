"""A client's handout (`hkprobono handout`): what it says, decided here once, in every form: the
page (`page`, which export/html.py only lays out), the text to paste (`text`) and the JSON (`record`).

`Handout` is the one result: the organisations in the order the caseworker gave them, the deadline
count or None, the caseworker's label and the day it was made. Nothing of it is kept anywhere but
in the one output the caseworker asks for: no cache, no history, no file of its own.

What it says, and why:
- the deadline first, in the words of `usm deadline`'s own view (content/deadline.py `brief`): the
  last day and the days left, and when the date has passed, the late-filing rule and who can help
  before anything else; then what the act is and what to do;
- each organisation: its name (and Chinese name) with its status, its phones and e-mail as links,
  its address, hours and how to get help, its website, and a QR code whose caption says what it
  opens. No fax (a client cannot use one), no detail the sources do not give (an absent one is left
  out, and "no phone or e-mail found" is said where there is neither), no command;
- after them, "check before you go": the date of each organisation's details.

A closed organisation is refused, not marked: a client acts on every entry of a handout, and a page
that sends them to a closed office wastes a journey. At most MAX_REFERRALS organisations: the page
must fit one A4 sheet and a short read; more is a usage error that says so.

No `from __future__ import annotations`: NamedTuples (see model.py)."""

import datetime as dt
from collections.abc import Sequence
from typing import Any

from hkprobono.content.card import organisation, tel
from hkprobono.content.deadline import Count, Row, brief, clean_label, count, long_date, text_lines
from hkprobono.content.deadline import record as count_record
from hkprobono.content.jsondoc import VERSION_KEY, document
from hkprobono.content.share import dated_details
from hkprobono.content.words import NO_REACH_LINE, status_word, with_status
from hkprobono.errors import EXIT_USAGE, HkProBonoError
from hkprobono.model import Directory, Location, Organisation
from hkprobono.record import NamedTuple
from hkprobono.text import first_unsafe, one_line

MAX_REFERRALS = 3  # one printed A4 page, and as many as a client takes in at once
TITLE = "Where to get help"
# What an unconfirmed organisation's status means to a client, in one short line.
STATUS_LINES = {"unconfirmed": "It may no longer be open: check before you go."}
CHECK_HEADING = "Check before you go"
CHECK_LEAD = "These details come from public pages of these dates, and may have changed:"
WEB_SCHEMES = ("https://", "http://")
# The options that ask for a count, and the deadline kind each counts.
KINDS = {"appeal-from": "appeal", "jr-from": "jr"}


class Handout(NamedTuple):
    """`hkprobono handout`'s one result; every form of the handout comes from it."""

    organisations: tuple[Organisation, ...]
    deadline: Count | None
    label: str | None
    today: dt.date
    repeated: tuple[str, ...] = ()  # slugs named more than once, listed once


class Line(NamedTuple):
    """One line of a referral: `text` is what the sources give; `href` links it (tel:, mailto:, a
    web address); `note` follows the link as plain text (what a number is for)."""

    label: str  # "" for a line of its own
    text: str
    href: str = ""
    note: str = ""


class Code(NamedTuple):
    """A QR code: what it opens ("website", "phone" or "email"), what it holds, and its caption: what
    scanning it does, and the address or number it opens, as the page shows it."""

    opens: str
    content: str
    caption: str
    shown: str


class Referral(NamedTuple):
    number: int
    slug: str
    name: str
    chinese_name: str | None
    status: str  # "" when active, else the status word every view uses
    status_line: str  # what the status means to a client, "" when active
    lines: tuple[Line, ...]
    code: Code | None


class HandoutPage(NamedTuple):
    title: str
    label: str | None
    deadline: tuple[Row, ...]  # the deadline view's own rows; () without a deadline
    referrals: tuple[Referral, ...]
    check_heading: str
    check: tuple[str, ...]  # "Name: address and phone from an undated source"
    notes: tuple[str, ...]  # at the end: not legal advice; when the page was made


def count_for(directory: Directory, kind: str, start: str, on: dt.date) -> Count:
    """The count `usm deadline KIND --from START` makes, with its checks: a real date, not after today."""
    from hkprobono.usm import counting as core
    from hkprobono.usm.guide import guide_of

    found = core.find(guide_of(directory).deadlines, kind)
    start_day = core.parse_date(start)
    core.check_started(start_day, on)
    return count(core.compute(found, start_day), on, directory)


def handout(chosen: Sequence[Organisation], counted: Count | None, label: str | None, today: dt.date) -> Handout:
    """The organisations in the order given, each once; a closed one, or more than MAX_REFERRALS,
    is a usage error. The label is one short line of plain text, as a calendar event's."""
    tag = clean_label(label, "anyone who is handed the page") if label is not None else None
    unique: dict[str, Organisation] = {}
    repeated: list[str] = []
    for org in chosen:
        if org.slug in unique:
            repeated += [] if org.slug in repeated else [org.slug]
            continue
        if org.is_closed:
            raise HkProBonoError(
                f"'{org.slug}' is closed: a handout lists only organisations a client can go to",
                exit_code=EXIT_USAGE,
                hint="leave it out",
                see=("org", org.slug),
            )
        unique[org.slug] = org
    if len(unique) > MAX_REFERRALS:
        raise HkProBonoError(
            f"a handout holds at most {MAX_REFERRALS} organisations, on one printed page; {len(unique)} were named",
            exit_code=EXIT_USAGE,
            hint=f"choose the {MAX_REFERRALS} the client needs most, or make a second handout for the others",
        )
    return Handout(tuple(unique.values()), counted, tag, today, tuple(repeated))


# --- the page ----------------------------------------------------------------------------------------
def _plain(text: str | None) -> str:
    """A link's target as the data gives it, or "" when it holds anything a link must not."""
    return text if text and first_unsafe(text) is None and not any(ch.isspace() for ch in text) else ""


def code(org: Organisation) -> Code | None:
    """The website, else the first phone, else the e-mail: a printed phone number is quick to dial,
    a web address slow and easy to mistype, so the code saves the most typing where it opens the
    website."""
    c = org.contact
    website = _plain(c.website)
    if website.lower().startswith(WEB_SCHEMES):
        return Code("website", website, "Scan to open the website", website)
    if c.voice_phones:
        number = c.voice_phones[0].number  # the link and the code dial the same digits (tel)
        return Code("phone", tel(number), "Scan to call", one_line(number))
    email = _plain(c.email)
    if email:
        return Code("email", f"mailto:{email}", "Scan to write an e-mail to", email)
    return None


def _place(loc: Location, several: bool) -> Line:
    """Where to go: its name (and district, among several), its address, how to get there, and
    among several places its own hours."""
    head = ", ".join(filter(None, (loc.name, loc.district if several else None)))
    where = loc.address or "no address found"
    if loc.transportation:
        where += f" ({loc.transportation})"
    for more in (loc.description, f"Hours: {loc.hours}" if several and loc.hours else None):
        if more:
            where = f"{where.rstrip('.')}. {more}"
    return Line("Place" if several else "Address", f"{head}: {where}" if head else where)


def _lines(org: Organisation) -> tuple[Line, ...]:
    c = org.contact
    lines = [Line("Phone", p.number, tel(p.number), p.description or "") for p in c.voice_phones]
    if c.email:
        email = _plain(c.email)  # no link where the address holds what a link must not, as for the code
        lines.append(Line("E-mail", c.email, f"mailto:{email}" if email else "", c.email_note or ""))
    if not c.reachable:
        lines.append(Line("", NO_REACH_LINE))
    several = len(c.locations) > 1
    for loc in c.locations:
        if several or loc.address or loc.name or loc.description:
            lines.append(_place(loc, several))
        if loc.hours and not several:
            lines.append(Line("Hours", loc.hours))
    if c.application_process:
        lines.append(Line("How to get help", c.application_process))
    if c.website:
        lines.append(Line("Website", c.website, c.website))
    return tuple(lines)


def referral(org: Organisation, number: int) -> Referral:
    status = status_word(org)
    return Referral(
        number=number,
        slug=org.slug,
        name=org.name,
        chinese_name=org.chinese_name,
        status=status,
        status_line=STATUS_LINES.get(org.status, ""),
        lines=_lines(org),
        code=code(org),
    )


def _check(org: Organisation, on: dt.date) -> str:
    """How old each detail is, in the words the text form uses: "details from undated sources"
    where no source of a detail is dated."""
    return f"{with_status(org.name, status_word(org))}: {dated_details(org, on)}."


def notes(h: Handout) -> tuple[str, ...]:
    """What ends every form of the handout: with a deadline, that it is not legal advice."""
    from hkprobono.usm.counting import NOT_ADVICE

    return (NOT_ADVICE,) if h.deadline is not None else ()


def page(directory: Directory, h: Handout) -> HandoutPage:
    checks = tuple(filter(None, (_check(o, h.today) for o in h.organisations)))
    made = f"Made on {long_date(h.today)}, from a directory compiled on {directory.meta.compiled}."
    return HandoutPage(
        title=TITLE,
        label=h.label,
        deadline=brief(h.deadline) if h.deadline is not None else (),
        referrals=tuple(referral(o, n) for n, o in enumerate(h.organisations, 1)),
        check_heading=CHECK_HEADING,
        check=(CHECK_LEAD, *checks) if checks else (),
        notes=(*notes(h), made),
    )


# --- the text to paste --------------------------------------------------------------------------------
def text(h: Handout) -> str:
    """Plain text for WhatsApp or an SMS: the label, the deadline's lines, then each organisation
    as `show --share` words it (at most 500 characters each), numbered; never a fax or a command."""
    from hkprobono.content.share import share_text

    head = [f"For: {h.label}"] if h.label else []
    if h.deadline is not None:
        head += text_lines(brief(h.deadline))
    parts = ["\n".join(head)] if head else []
    parts += [f"{n}. {share_text(org, h.today)}" for n, org in enumerate(h.organisations, 1)]
    parts += list(notes(h))
    return "\n\n".join(parts) + "\n"


# --- the JSON -------------------------------------------------------------------------------------------
def record(h: Handout) -> dict[str, Any]:
    """`hkprobono handout ... --json`: `deadline` as `usm deadline --json` has it (or null), and each
    organisation as `show --json` has it, with what its QR code opens."""
    counted = None
    if h.deadline is not None:
        counted = {key: value for key, value in count_record(h.deadline).items() if key != VERSION_KEY}
    referrals = []
    for org in h.organisations:
        found = code(org)
        qr = {"opens": found.opens, "content": found.content} if found else None
        referrals.append({"organisation": organisation(org), "qr": qr})
    return document(today=h.today.isoformat(), label=h.label, deadline=counted, referrals=referrals)
