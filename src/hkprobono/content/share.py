"""`show SLUG --share`: what a caseworker pastes into WhatsApp or an SMS, decided here once.

Plain text of at most SHARE_LIMIT characters, counted as a phone counts them: UTF-16 code units,
what an SMS counter and WhatsApp count (a combining mark is one, an emoji or a rare CJK ideograph
beyond the Basic Multilingual Plane two). It holds the name (and Chinese name), the status when
not active, the phones with their notes (never a fax: the reader is a client on a phone), the
address, the hours when known, and the dates of the sources the details come from, with what to do:
call, or write, to confirm, or, where the sources give neither a phone nor an e-mail, that none was
found. Every piece of data text is one line with its control characters
shown as escapes, so the text never carries an escape code, on a terminal or anywhere else.
When it would be too long, notes, hours and the address are shortened (marked "…"), in that
order, then the e-mail and the last numbers give way (the text says so); a phone number and the
dates are never cut, and a name is cut only past NAME_LIMIT. The work is bounded by the limit,
not by the data: 10,000 phones or a name of 8,000 characters cost no more than a few."""

from __future__ import annotations

import datetime as dt

from hkprobono.content.words import NO_REACH_LINE, STATUS_WORDS, with_status
from hkprobono.freshness import describe, detail_ages, latest_day
from hkprobono.model import Organisation
from hkprobono.text import one_line

SHARE_LIMIT = 500
NAME_LIMIT = 150  # the longest real name is half of it; the Chinese name gets 60
ELLIPSIS = "…"


def units(text: str) -> int:
    """Length as a phone counts it: UTF-16 code units."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def _prefix(text: str, size: int) -> str:
    """The longest start of `text` of at most `size` units."""
    kept = text[:size]  # every character is one unit or two: this is long enough, and short
    over = units(kept) - size
    while over > 0:
        over -= units(kept[-1])
        kept = kept[:-1]
    return kept


def _cut(text: str, size: int) -> str:
    """`text` in at most `size` units, cut at a word and marked, or "" when nothing fits."""
    if units(text) <= size:
        return text
    if size < 12:
        return ""
    cut = _prefix(text, size - 1).rsplit(" ", 1)[0].rstrip(" ,;:.")
    return cut + ELLIPSIS


def _confirm(org: Organisation) -> str:
    c = org.contact
    if c.voice_phones:
        return "Call to confirm before you go."
    return "Write to confirm before you go." if c.email else NO_REACH_LINE


def dates_line(org: Organisation, on: dt.date) -> str:
    """ "Address and phone from an undated source; e-mail from 2019-03-04. Call to confirm ..."

    Each detail is dated by the sources that give that detail, as on the card."""
    if org.is_closed:
        return ""
    text = dated_details(org, on)
    return f"{text[0].upper()}{text[1:]}. {_confirm(org)}"


def dated_details(org: Organisation, on: dt.date) -> str:
    """ "address and phone from an undated source; e-mail from 2019-03-04"; with no address, phone,
    e-mail or hours, the website (what is shared then) dated by its own sources."""
    ages = detail_ages(org, on)
    if ages:
        return describe(ages)
    dated = sorted((latest_day(s.date), s.date) for s in org.sources if s.date and "website" in s.fields)
    return f"website from {dated[-1][1]}" if dated else "details from undated sources"


def share_text(org: Organisation, on: dt.date, limit: int = SHARE_LIMIT) -> str:
    c = org.contact
    name = _cut(one_line(org.name), NAME_LIMIT)
    if org.chinese_name:
        name += f" {_cut(one_line(org.chinese_name), 60)}"
    head = with_status(name, STATUS_WORDS.get(org.status, ""))
    if org.is_closed and org.status_note:
        head += f"\n{_cut(one_line(org.status_note), 200)}"
    # Only the numbers that could fit at all are looked at: each line takes more than 12 units.
    phones: list[tuple[str, str, str]] = []
    room = limit
    for p in c.voice_phones:
        number = one_line(p.number)
        room -= units(number) + 7
        if room < 0:
            break
        phones.append((number, _cut(one_line(p.description or ""), limit), p.type))
    more = len(phones) < len(c.voice_phones)
    address = _cut(one_line("; ".join(c.addresses)), limit)
    hours = _cut(one_line("; ".join(loc.hours for loc in c.locations if loc.hours)), limit)
    # An e-mail or web address cannot be cut: one too long to share is left out.
    email = one_line(c.email or "")
    email = email if units(email) <= limit // 2 else ""
    reachable = c.reachable
    website = "" if reachable else one_line(c.website or "")
    website = website if units(website) <= limit // 2 else ""
    # With no phone or e-mail, how to get help is the only route the sources give: share it.
    access = "" if reachable else _cut(one_line(c.application_process or ""), limit)
    dates = dates_line(org, on)

    def render(notes: list[str], hours_text: str, address_text: str) -> str:
        lines = [head]
        for (number, _, kind), note in zip(phones, notes, strict=True):
            label = "Mobile" if kind == "cell" else "Tel"
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
        tail = ("More numbers in the directory. " + dates).strip() if more else dates
        if tail:
            lines.append(tail)
        return "\n".join(lines)

    notes = [note for _, note, _ in phones]
    text = render(notes, hours, address)
    # Shorten the longest optional texts first: phone notes, the hours, how to get help, the address.
    for step in ("notes", "hours", "access", "address"):
        over = units(text) - limit
        if over <= 0:
            break
        if step == "notes":
            for i in sorted(range(len(notes)), key=lambda i: -units(notes[i])):
                over = units(text) - limit
                if over <= 0:
                    break
                notes[i] = _cut(notes[i], max(units(notes[i]) - over, 0))
                text = render(notes, hours, address)
        elif step == "hours":
            hours = _cut(hours, max(units(hours) - over, 0))
        elif step == "access":
            access = _cut(access, max(units(access) - over, 0))
        else:
            address = _cut(address, max(units(address) - over, 0))
        text = render(notes, hours, address)
    if units(text) > limit and email and c.voice_phones:
        email = ""  # the phones are the way to reach them; the e-mail gives way first
        text = render(notes, hours, address)
    while units(text) > limit and len(phones) > 1:
        # Whole numbers only: the last ones give way, and the text says so.
        phones, notes, more = phones[:-1], notes[:-1], True
        text = render(notes, hours, address)
    if units(text) > limit:  # only data past every real case (a name and an e-mail of hundreds)
        email = website = ""
        head = _cut(head.split("\n", 1)[0], limit // 4)
        text = render(notes, hours, address)
    return text if units(text) <= limit else _cut(text, limit)
