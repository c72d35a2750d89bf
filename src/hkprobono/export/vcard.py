"""vCard 3.0 (RFC 2426) organisation cards, written by vobject and folded by octets."""

from __future__ import annotations

import datetime as dt
import uuid

from hkprobono.content.card import RowKey
from hkprobono.content.card import card as card_view
from hkprobono.content.words import STATUS_WORDS
from hkprobono.model import Directory, Organisation
from hkprobono.text import neutralise

# UIDs are uuid5 of the slug in this namespace, so a re-import updates the same contact.
UID_NAMESPACE = uuid.UUID("6f1c5a9e-4b0e-5d8a-9a51-2b1f0c7d3e42")
MAX_OCTETS = 75
TEL_TYPES = {"voice": ["WORK", "VOICE"], "cell": ["WORK", "CELL", "VOICE"], "fax": ["WORK", "FAX"]}


def uid(slug: str) -> str:
    return f"urn:uuid:{uuid.uuid5(UID_NAMESPACE, slug)}"


def fold_line(text: str) -> str:
    """Re-fold every content line at 75 octets without splitting a UTF-8 character.

    vobject decides whether to fold by counting characters, so a line of Chinese text can
    pass 75 octets unfolded; unfolding and folding again by octets fixes that."""
    out: list[str] = []
    for line in text.replace("\r\n ", "").split("\r\n"):
        if not line:
            continue
        current, size = "", 0
        for ch in line:
            width = len(ch.encode("utf-8"))
            if size + width > MAX_OCTETS:
                out.append(current)
                current, size = " ", 1
            current += ch
            size += width
        out.append(current)
    return "\r\n".join(out) + "\r\n"


# The card's rows a phone has no field for, chosen by key; each keeps the card's label.
NOTE_ROWS: tuple[RowKey, ...] = (
    "also_known_as",
    "formerly",
    "summary",
    "address",
    "places",
    "hours",
    "access",
    "languages",
    "services",
    "checked",
)


# RFC 2426 (and RFC 6350) escape ",", ";" and "\\" in text values only; a URI value is written as it
# is, but vobject escapes it as text, and importers differ on whether they undo that. A web
# address holding none of the three reads the same either way, so each is percent-encoded (the
# form a browser sends anyway): "https://x/';alert(1);//" is never shown as "...'\\;alert(1)\\;//".
_URI_ESCAPES = str.maketrans({";": "%3B", ",": "%2C", "\\": "%5C"})


def uri(url: str) -> str:
    return url.translate(_URI_ESCAPES)


def status_line(org: Organisation) -> str | None:
    """ "Status: unconfirmed. <why>" for an organisation that is not active; None for an active one."""
    word = STATUS_WORDS.get(org.status)
    if not word:
        return None
    return f"Status: {word}." + (f" {org.status_note}" if org.status_note else "")


def nicknames(org: Organisation) -> list[str]:
    """The Chinese name first, then the other names people know it by, each once."""
    names: list[str] = []
    for name in (org.chinese_name, *org.alternate_names):
        # "基督教勵行會" adds nothing after "基督教勵行會 難民服務中心".
        if name and name != org.name and not any(name.casefold() in kept.casefold() for kept in names):
            names.append(name)
    return names


def note(directory: Directory, org: Organisation, on: dt.date) -> str:
    """The NOTE: what the card says that a phone has no field for, with dates rather than ages,
    and the status only when the organisation is not active."""
    view = card_view(directory, org, on)
    lines = [line for line in (status_line(org),) if line]
    if org.chinese_name:
        lines.append(f"Chinese name: {org.chinese_name}")
    for row in view.rows:
        # The address itself is the ADR property: the NOTE repeats it only with more to say.
        places = org.contact.locations
        plain = row.key == "address" and not any(p.description or p.transportation for p in places)
        if row.key not in NOTE_ROWS or row.missing or plain:
            continue
        lines.append(f"{row.label}: " + ("; ".join(row.items) if row.items else row.value))
    if org.contact.website:
        # Repeated here because classic Outlook ignores a URL property without a TYPE, which RFC 2426 does not define.
        lines.append(f"Website: {org.contact.website}")
    phones = [f"{p.number}: {p.description}" for p in org.contact.phones if p.description]
    if phones:
        lines.append("Phone notes: " + "; ".join(phones))
    lines.append("Sources: " + "; ".join(f"{s.title}, {s.date or 'undated'}, {s.url}" for s in org.sources))
    lines.append(view.advice or directory.meta.confirm_notice)
    lines.append(f"From hkprobono, data compiled {directory.meta.compiled}.")
    return "\n".join(lines)


QR_NOTE = "From hkprobono: call to confirm before you visit."


def qr_note(org: Organisation) -> str:
    word = STATUS_WORDS.get(org.status)
    return f"Status: {word}. {QR_NOTE}" if word else QR_NOTE


def main_phone(org: Organisation) -> int | None:
    """The index of the number marked PREF: the first voice line, else the first mobile."""
    phones = org.contact.phones
    for kind in ("voice", "cell"):
        for index, phone in enumerate(phones):
            if phone.type == kind:
                return index
    return None


def card(directory: Directory, org: Organisation, on: dt.date, *, compact: bool = False) -> str:
    """One card. `compact` keeps only what a phone needs to call or find the organisation, so the
    QR code stays small enough to scan from a terminal."""
    import vobject

    c = org.contact
    v = vobject.vCard()
    v.add("n").value = vobject.vcard.Name()
    v.add("fn").value = neutralise(org.name)
    v.add("org").value = [neutralise(org.name)]
    v.add("x-abshowas").value = "COMPANY"
    # iOS, Android and Outlook all show NICKNAME on the contact (none shows X-PHONETIC-* as a name,
    # and a phonetic field is for pronouncing the name, not for another name): one text value, so
    # every importer shows the names together, the Chinese name first.
    # The QR code's card keeps only the Chinese name: every byte widens the code.
    names = ([org.chinese_name] if org.chinese_name else []) if compact else nicknames(org)
    if names:
        v.add("nickname").value = neutralise(", ".join(names))
    preferred = main_phone(org)
    for index, phone in enumerate(c.phones):
        tel = v.add("tel")
        tel.value = neutralise(phone.number)
        tel.type_paramlist = TEL_TYPES[phone.type] + (["PREF"] if index == preferred else [])
    for loc in c.locations[:1] if compact else c.locations:
        if not loc.address:
            continue
        adr = v.add("adr")
        adr.value = vobject.vcard.Address(
            street=neutralise(loc.address), region=neutralise(loc.district or ""), country="Hong Kong"
        )
        adr.type_paramlist = ["WORK"]
    if c.postal_address:
        adr = v.add("adr")
        adr.value = vobject.vcard.Address(street=neutralise(c.postal_address), country="Hong Kong")
        adr.type_paramlist = ["POSTAL"]
    if c.email:
        email = v.add("email")
        email.value = neutralise(c.email)
        email.type_paramlist = ["INTERNET", "WORK"]
    # RFC 2426 defines no TYPE for URL, so none is written (the NOTE repeats the website for Outlook).
    urls = [c.website] if compact else [c.website, *c.other_websites, *(s.url for s in c.social)]
    for url in urls:
        if url:
            v.add("url").value = uri(neutralise(url))
    v.add("note").value = neutralise(qr_note(org)) if compact else neutralise(note(directory, org, on))
    if not compact:
        v.add("categories").value = [neutralise(directory.category_label(x)) for x in org.categories]
        v.add("uid").value = uid(org.slug)
        v.add("rev").value = directory.meta.compiled
    return fold_line(v.serialize())


def cards(directory: Directory, orgs: list[Organisation], on: dt.date) -> str:
    return "".join(card(directory, org, on) for org in orgs)
