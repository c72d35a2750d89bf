"""`show SLUG --share`: what a caseworker pastes into WhatsApp or an SMS, decided here once.

Plain text of at most SHARE_LIMIT characters: the name (and Chinese name), the status when not
active, the phones with their notes, the address, the hours when known, and the dates of the
sources the details come from. Every piece of data text is one line with its control characters
shown as escapes, so the text never carries an escape code, on a terminal or anywhere else.
When it would be too long, notes, hours and the address are shortened (marked "…"), in that
order; a phone number, the name, the status and the dates are never cut."""

from __future__ import annotations

import datetime as dt

from hkprobono.content.words import STATUS_WORDS, with_status
from hkprobono.freshness import describe, detail_ages, latest_day
from hkprobono.model import Organisation
from hkprobono.text import one_line

SHARE_LIMIT = 500
ELLIPSIS = "…"


def _cut(text: str, size: int) -> str:
    """`text` in at most `size` characters, cut at a word and marked, or "" when nothing fits."""
    if len(text) <= size:
        return text
    if size < 12:
        return ""
    cut = text[: size - 1].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return cut + ELLIPSIS


def dates_line(org: Organisation, on: dt.date) -> str:
    """ "Address and phone from an undated source; e-mail from 2019-03-04. Call to confirm ..."

    Each detail is dated by the sources that give that detail, as on the card."""
    if org.is_closed:
        return ""
    ages = detail_ages(org, on)
    if ages:
        text = describe(ages)
        return f"{text[0].upper()}{text[1:]}. Call to confirm before you go."
    # No address, phone, e-mail or hours: the website is what is shared; date it by its own sources.
    dated = sorted((latest_day(s.date), s.date) for s in org.sources if s.date and "website" in s.fields)
    return f"Website from {dated[-1][1]}." if dated else "Details from undated sources."


def share_text(org: Organisation, on: dt.date, limit: int = SHARE_LIMIT) -> str:
    c = org.contact
    name = one_line(org.name) + (f" {one_line(org.chinese_name)}" if org.chinese_name else "")
    head = with_status(name, STATUS_WORDS.get(org.status, ""))
    if org.is_closed and org.status_note:
        head += f"\n{_cut(one_line(org.status_note), 200)}"
    phones = [(one_line(p.number), one_line(p.description or ""), p.type) for p in c.phones]
    address = one_line("; ".join(c.addresses))
    hours = one_line("; ".join(loc.hours for loc in c.locations if loc.hours))
    email = one_line(c.email or "")
    reachable = c.reachable
    website = "" if reachable else one_line(c.website or "")
    # With no phone or e-mail, how to get help is the only route the sources give: share it.
    access = "" if reachable else one_line(c.application_process or "")
    tail = dates_line(org, on)

    def render(notes: list[str], hours_text: str, address_text: str) -> str:
        lines = [head]
        for (number, _, kind), note in zip(phones, notes, strict=True):
            label = {"fax": "Fax", "cell": "Mobile"}.get(kind, "Tel")
            lines.append(f"{label}: {number}" + (f" ({note})" if note else ""))
        if email:
            lines.append(f"Email: {email}")
        if website:
            lines.append(f"Web: {website}")
        if address_text:
            lines.append(f"Address: {address_text}")
        if hours_text:
            lines.append(f"Hours: {hours_text}")
        if access:
            lines.append(f"How to get help: {access}")
        if tail:
            lines.append(tail)
        return "\n".join(lines)

    notes = [note for _, note, _ in phones]
    text = render(notes, hours, address)
    # Shorten the longest optional texts first: phone notes, the hours, how to get help, the address.
    for step in ("notes", "hours", "access", "address"):
        over = len(text) - limit
        if over <= 0:
            break
        if step == "notes":
            for i in sorted(range(len(notes)), key=lambda i: -len(notes[i])):
                over = len(text) - limit
                if over <= 0:
                    break
                notes[i] = _cut(notes[i], max(len(notes[i]) - over, 0))
                text = render(notes, hours, address)
        elif step == "hours":
            hours = _cut(hours, max(len(hours) - over, 0))
        elif step == "access":
            access = _cut(access, max(len(access) - over, 0))
        else:
            address = _cut(address, max(len(address) - over, 0))
        text = render(notes, hours, address)
    if len(text) > limit and email and c.voice_phones:
        email = ""  # the phones are the way to reach them; the e-mail gives way first
        text = render(notes, hours, address)
    while len(text) > limit and len(phones) > 1:
        # Whole numbers only: the last ones give way, and the text says so.
        phones, notes = phones[:-1], notes[:-1]
        tail = "More numbers in the directory. " + dates_line(org, on)
        text = render(notes, hours, address)
    return text
