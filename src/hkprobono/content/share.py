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
from hkprobono.freshness import detail_ages, latest_day
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
    """ "Details from sources dated 2024-03 (phone, address), undated (hours)." """
    groups: dict[str, list[str]] = {}
    for age in detail_ages(org, on):
        if age.date is None:
            when = "undated sources"
        elif age.confirmed is not None:
            when = f"a check with the organisation on {age.date}"
        else:
            when = f"sources dated {age.date}"
        groups.setdefault(when, []).append(age.words)
    if not groups:
        if org.is_closed:
            return ""
        # No contact detail but a website or a name: the date of the newest source.
        dated = sorted((latest_day(s.date), s.date) for s in org.sources if s.date)
        return f"Details from sources dated up to {dated[-1][1]}." if dated else "Details from undated sources."
    parts = [f"{when} ({', '.join(words)})" for when, words in groups.items()]
    return "Details from " + "; ".join(parts) + ". Call to confirm before you go."


def share_text(org: Organisation, on: dt.date, limit: int = SHARE_LIMIT) -> str:
    c = org.contact
    name = one_line(org.name) + (f" {one_line(org.chinese_name)}" if org.chinese_name else "")
    head = with_status(name, STATUS_WORDS.get(org.status, ""))
    if org.is_closed and org.status_note:
        head += f"\n{_cut(one_line(org.status_note), 200)}"
    phones = [(one_line(p.number), one_line(p.note or ""), p.kind) for p in c.phones]
    address = one_line(c.address or "")
    hours = one_line(c.hours or "")
    email = one_line(c.email or "")
    website = one_line(c.website or "") if not (c.voice_phones or c.email) else ""
    tail = dates_line(org, on)

    def render(notes: list[str], hours_text: str, address_text: str) -> str:
        lines = [head]
        for (number, _, kind), note in zip(phones, notes, strict=True):
            label = {"fax": "Fax", "mobile": "Mobile"}.get(kind, "Tel")
            lines.append(f"{label}: {number}" + (f" ({note})" if note else ""))
        if email:
            lines.append(f"Email: {email}")
        if website:
            lines.append(f"Web: {website}")
        if address_text:
            lines.append(f"Address: {address_text}")
        if hours_text:
            lines.append(f"Hours: {hours_text}")
        if tail:
            lines.append(tail)
        return "\n".join(lines)

    notes = [note for _, note, _ in phones]
    text = render(notes, hours, address)
    # Shorten the longest optional texts first: phone notes, then the hours, then the address.
    for step in ("notes", "hours", "address"):
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
