"""Self-contained, printable HTML pages: the directory by category with the USM steps (`page`),
and a client's handout (`handout_page`).

They lay out the content model (`content.handout.directory_page`, `content.referral.page`); they
decide nothing of what a card or a referral says, nor where a link goes."""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from hkprobono.content.card import CardView, Row, RowKey
from hkprobono.content.guide import StepLine, StepView
from hkprobono.content.handout import GUIDE_ANCHOR, GUIDE_CONTENTS, GUIDE_HEADING, DirectoryPage, Link, step_anchor
from hkprobono.content.words import with_status
from hkprobono.model import Ref
from hkprobono.text import neutralise

if TYPE_CHECKING:
    from hkprobono.content.deadline import Row as DeadlineRow
    from hkprobono.content.referral import HandoutPage, Line, Referral

CSS = """
:root { color-scheme: light; }
body { font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK TC", sans-serif;
       margin: 0 auto; max-width: 48rem; padding: 1rem; color: #111; background: #fff; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid #333; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 0 0 .2rem; }
.notice { border: 2px solid #b45309; background: #fffbeb; padding: .6rem .8rem; }
.org, .step { border: 1px solid #ccc; border-radius: 6px; padding: .5rem .8rem; margin: .6rem 0;
              break-inside: avoid; page-break-inside: avoid; }
.org p, .step p { margin: .3rem 0; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem; margin: .3rem 0; }
dt { font-weight: 600; } dd { margin: 0; overflow-wrap: anywhere; }
dd ul { margin: 0; padding-left: 1.1rem; }
.missing { color: #555; font-style: italic; }
.warn { color: #92400e; font-weight: 600; }
.deadline { color: #991b1b; font-weight: 700; }
.sources { font-size: .85rem; color: #333; overflow-wrap: anywhere; }
.toc { columns: 2 12rem; padding-left: 1.2rem; }
a { color: #1d4ed8; }
@media (max-width: 30rem) { dl { grid-template-columns: 1fr; } dt { margin-top: .3rem; } }
@media print {
  @page { size: A4; margin: 11mm 10mm; }
  body { max-width: none; padding: 0; font-size: 7.6pt; line-height: 1.3; }
  h1 { font-size: 13pt; margin: 0 0 1mm; }
  h2 { font-size: 10pt; margin: 0 0 1mm; padding-top: 1mm; break-after: avoid; page-break-after: avoid; }
  h3 { font-size: 8.4pt; }
  header p, nav { margin: 0 0 1.2mm; }
  .notice { padding: 1mm 2mm; border-width: 1px; }
  nav h2 { display: none; }
  .toc { columns: 4; margin: 0; padding-left: 4mm; }
  .cols { column-count: 2; column-gap: 5mm; }
  .org, .step { border-color: #999; border-radius: 0; padding: 1mm 1.6mm; margin: 0 0 1.6mm; }
  .org p, .step p { margin: .4mm 0; }
  dl { grid-template-columns: 5.6em 1fr; gap: 0 1.5mm; margin: .5mm 0; }
  dt { font-size: 7pt; }
  dd ul { padding: 0; list-style: none; display: inline; }
  dd li { display: inline; }
  dd li + li::before { content: "; "; }
  .sources, .screen, .see { display: none; }
  .also { margin: 0 0 1.6mm; break-inside: avoid; }
  a { color: #000; text-decoration: none; }
}
"""


def _e(text: str) -> str:
    return html.escape(neutralise(text), quote=True)


# Rows the screen shows and paper leaves out, so the whole directory prints in 12 A4 pages: the
# long background text (the summary stays) and the district (the address names it).
SCREEN_ONLY: tuple[RowKey, ...] = ("about", "district")
# Rows the page says elsewhere: the summary is the card's first paragraph, the categories its sections.
SAID_ELSEWHERE: tuple[RowKey, ...] = ("summary", "categories")
SAFE_SCHEMES = ("https://", "http://", "tel:", "mailto:")


def _link(href: str, text: str | None = None, css: str = "") -> str:
    """A live link only for http(s), tel: and mailto:; anything else stays plain text."""
    shown = _e(text if text is not None else href)
    if not href.lower().startswith(SAFE_SCHEMES):
        return shown
    styled = f' class="{css}"' if css else ""
    return f'<a{styled} href="{_e(href)}">{shown}</a>'


def _row(row: Row) -> str:
    if row.items:
        links = row.links or ("",) * len(row.items)
        value = (
            "<ul>"
            + "".join(
                f"<li>{_link(href, item) if href else _e(item)}</li>"
                for item, href in zip(row.items, links, strict=False)
            )
            + "</ul>"
        )
    elif row.links:
        value = _link(row.links[0], row.value)
    else:
        value = _e(row.value)
    css = ' class="missing"' if row.missing else ' class="warn"' if row.warn else ""
    if row.key in SCREEN_ONLY:
        return f'<dt class="screen">{_e(row.label)}</dt><dd class="screen">{value}</dd>'
    return f"<dt>{_e(row.label)}</dt><dd{css}>{value}</dd>"


def _card(view: CardView) -> str:
    chinese = f' <span lang="zh-Hant">{_e(view.subtitle)}</span>' if view.subtitle else ""
    status = f' <span class="warn">({_e(view.status)})</span>' if view.status else ""
    rows = "".join(_row(r) for r in view.rows if r.key not in SAID_ELSEWHERE)
    sources = "".join(f"<li>{_e(line)}</li>" for line in view.sources)
    return (
        f'<section class="org" id="{_e(view.slug)}"><h3>{_e(view.title)}{chinese}{status}</h3>'
        f"<p>{_e(view.summary)}</p><dl>{rows}</dl>"
        f'<details class="sources"><summary>Sources</summary><ul>{sources}</ul></details></section>'
    )


def _see(refs: Iterable[Ref], links: dict[Ref, Link]) -> str:
    """Links to what `refs` point to on this page ("See X and Y."); "" when none of it is here. For
    the screen only (class "see"): on paper a link goes nowhere."""
    found = [links[ref] for ref in refs if ref in links]
    if not found:
        return ""
    shown = [f'<a href="#{_e(link.anchor)}">{_e(link.text)}</a>' for link in found]
    listed = shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"
    return f"See {listed}."


# How a line of a step stands out, by its kind: a deadline in its own colour, a note as a warning.
LINE_CLASSES = {"deadline": ' class="deadline"', "deadline_note": ' class="warn"'}


def _line(line: StepLine, links: dict[Ref, Link]) -> str:
    see = _see(line.see, links)
    text = _e(line.text) + (f' <span class="see">{see}</span>' if see else "")
    if line.kind == "summary":  # the lead paragraph, under the step's title
        return f"<p>{text}</p>"
    return f"<p{LINE_CLASSES.get(line.kind, '')}><strong>{_e(line.label)}:</strong> {text}</p>"


def _step(step: StepView, links: dict[Ref, Link]) -> str:
    parts = [f"<h3>{step.number}. {_e(step.title)}</h3>", *(_line(line, links) for line in step.lines)]
    for label, people in (("Who can help", step.helped_by), ("Who decides", step.decided_by)):
        if people:
            names = ", ".join(f'<a href="#{_e(h.slug)}">{_e(h.name)}</a>' for h in people)
            parts.append(f"<p><strong>{label}:</strong> {names}</p>")
    return f'<section class="step" id="{_e(step_anchor(step.number))}">{"".join(parts)}</section>'


def page(view: DirectoryPage) -> str:
    header = [f"<h1>{_e(view.title)}</h1>", f"<p>{_e(view.made)}</p>"]
    header.append(f'<p class="notice"><strong>Confirm by phone.</strong> {" ".join(_e(n) for n in view.notices)}</p>')
    body = [f"<header>{''.join(header)}</header>"]
    contents = "".join(f'<li><a href="#{_e(s.anchor)}">{_e(s.label)}</a></li>' for s in view.sections)
    if view.steps:
        contents += f'<li><a href="#{GUIDE_ANCHOR}">{_e(GUIDE_CONTENTS)}</a></li>'
    if len(view.sections) > 1 or view.steps:
        body.append(f'<nav><h2>Contents</h2><ul class="toc">{contents}</ul></nav>')
    # One flow of two columns on paper, every category in it: no half-empty page after a section.
    body.append('<main class="cols">')
    for section in view.sections:
        body.append(f'<h2 id="{_e(section.anchor)}">{_e(section.label)}</h2>')
        body.extend(_card(c) for c in section.cards)
        if section.also:
            listed = ", ".join(f'<a href="#{_e(m.slug)}">{_e(with_status(m.name, m.status))}</a>' for m in section.also)
            body.append(f'<p class="also">Also in this category: {listed}</p>')
    if view.steps:
        body.append(f'<h2 id="{GUIDE_ANCHOR}">{_e(GUIDE_HEADING)}</h2>')
        # The legal background first: it comes after the directory, so the first page holds contacts.
        body.extend(f"<p>{_e(fact)}</p>" for fact in view.facts)
        body.extend(f"<p>{_e(p)}</p>" for p in view.overview)
        see = _see(view.overview_see, view.links)
        if see:
            body.append(f'<p class="see">{see}</p>')
        body.extend(_step(s, view.links) for s in view.steps)
    body.append("</main>")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(view.title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


# --- a client's handout ---------------------------------------------------------------------------------
# On a phone (390 px) the deadline and the first referral's phone are on the first screen: nothing
# comes before them but the caseworker's label. On A4 three referrals fit one page, each with its
# QR code beside it; on a narrow screen the code goes under the details.
HANDOUT_CSS = """
:root { color-scheme: light; }
body { font: 17px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK TC", sans-serif;
       margin: 0 auto; max-width: 42rem; padding: .5rem .75rem 1rem; color: #111; background: #fff; }
h1 { font-size: 1.3rem; line-height: 1.25; margin: 0 0 .15rem; }
h2 { font-size: 1.15rem; margin: .7rem 0 .2rem; }
h3 { font-size: 1.1rem; line-height: 1.25; margin: 0 0 .15rem; }
p { margin: .15rem 0; }
ul { margin: .1rem 0; padding-left: 1.2rem; }
a { color: #1d4ed8; }
.label { font-size: .85rem; color: #333; margin: 0 0 .3rem; }
.deadline { border: 3px solid #991b1b; border-radius: 6px; padding: .35rem .6rem; }
.deadline h1 + p { font-weight: 700; font-size: 1.1rem; }
.late { color: #991b1b; }
.warn { color: #92400e; font-weight: 600; }
.advice { font-weight: 600; }
.quiet { color: #333; }
.org { border-top: 2px solid #333; padding: .4rem 0 .5rem; display: flex; flex-wrap: wrap; gap: .3rem 1rem;
       break-inside: avoid; page-break-inside: avoid; }
.details { flex: 1 1 18rem; min-width: 0; overflow-wrap: anywhere; }
.status { color: #92400e; font-weight: 600; }
.tel { font-size: 1.2rem; font-weight: 700; white-space: nowrap; }
.qr { margin: 0; width: 8rem; font-size: .8rem; line-height: 1.25; overflow-wrap: anywhere; }
.qr img { display: block; width: 8rem; height: 8rem; image-rendering: pixelated; }
.qr .shown { display: block; }
.check, .notes { font-size: .85rem; color: #333; }
.check { margin-top: .6rem; }
@media print {
  @page { size: A4; margin: 9mm 11mm; }
  body { max-width: none; padding: 0; font-size: 9.3pt; line-height: 1.2; }
  h1 { font-size: 13.5pt; } h2 { font-size: 11.5pt; margin-top: 2mm; } h3 { font-size: 11pt; }
  p { margin: .5mm 0; }
  .deadline { border-width: 2px; padding: 1mm 2.5mm; }
  .deadline h1 + p { font-size: 11.5pt; }
  .tel { font-size: 10.5pt; }
  .org { flex-wrap: nowrap; padding: 1.2mm 0 1.5mm; gap: 0 4mm; }
  .qr { width: 27mm; font-size: 7pt; }
  .qr img { width: 27mm; height: 27mm; }
  .screen { display: none; }
  .deadline ul, .check ul { display: inline; padding: 0; list-style: none; }
  .deadline p:has(+ ul), .check p { display: inline; }
  .deadline li, .check li { display: inline; }
  .deadline li + li::before { content: "; "; }
  .check ul::before, .check li + li::before { content: " "; }
  .deadline ul::after, .check ul::after { content: ""; display: block; }
  .check, .notes { font-size: 8pt; }
  a { color: #000; text-decoration: none; }
}
"""
HANDOUT_TONES = ("late", "warn", "advice", "quiet")  # the tones with a style of their own


def _deadline_row(row: DeadlineRow, slugs: set[str]) -> str:
    """A row of the deadline view: the last day as the page's heading; a row that is a command is
    not on a page; an organisation named in it links to its referral when that is on the page."""
    if row.ref is not None:
        return ""
    if row.tone == "date":
        return f"<h1>{_e(row.text)}</h1>"
    css = f' class="{row.tone}"' if row.tone in HANDOUT_TONES else ""
    head = f"<strong>{_e(row.label)}:</strong> " if row.label else ""
    if not row.items:
        return f"<p{css}>{head}{_e(row.text)}</p>"
    items = "".join(
        f'<li><a href="#{_e(item.ref.key)}">{_e(item.text)}</a></li>'
        if item.ref is not None and item.ref.kind == "org" and item.ref.key in slugs
        else f"<li>{_e(item.text)}</li>"
        for item in row.items
    )
    return f"<p{css}>{head}</p><ul>{items}</ul>"


def _referral_line(line: Line, captioned: str) -> str:
    """A line of a referral; on paper a web address the QR code's caption shows is left out."""
    head = f"<strong>{_e(line.label)}:</strong> " if line.label else ""
    shown = _link(line.href, line.text, "tel" if line.href.startswith("tel:") else "") if line.href else _e(line.text)
    note = f" ({_e(line.note)})" if line.note else ""
    css = ' class="screen"' if line.href and line.href == captioned else ""
    return f"<p{css}>{head}{shown}{note}</p>"


def _breakable(address: str) -> str:
    """An address that may wrap after a dot or a slash (a narrow caption), never inside a word."""
    return re.sub(r"([./@])", r"\1<wbr>", _e(address))


def _referral(item: Referral, level: int) -> str:
    from hkprobono.export.qr import png

    chinese = f' <span lang="zh-Hant">{_e(item.chinese_name)}</span>' if item.chinese_name else ""
    status = f' <span class="status">({_e(item.status)})</span>' if item.status else ""
    parts = [f"<h{level}>{item.number}. {_e(item.name)}{chinese}{status}</h{level}>"]
    if item.status_line:
        parts.append(f'<p class="status">{_e(item.status_line)}</p>')
    code = item.code
    captioned = code.content if code is not None and code.opens == "website" else ""
    parts += [_referral_line(line, captioned) for line in item.lines]
    figure = ""
    if code is not None:
        image = base64.b64encode(png(code.content)).decode("ascii")
        figure = (
            f'<figure class="qr"><img src="data:image/png;base64,{image}" alt="QR code">'
            f'<figcaption>{_e(code.caption)} <span class="shown">{_breakable(code.shown)}</span></figcaption></figure>'
        )
    return f'<section class="org" id="{_e(item.slug)}"><div class="details">{"".join(parts)}</div>{figure}</section>'


def handout_page(view: HandoutPage) -> str:
    """The handout as one file: no scripts, no external files (the QR codes are inline images)."""
    body = [f'<p class="label">For: {_e(view.label)}</p>'] if view.label else []
    slugs = {item.slug for item in view.referrals}
    if view.deadline:
        rows = "".join(_deadline_row(row, slugs) for row in view.deadline)
        body.append(f'<section class="deadline">{rows}</section>')
        body.append(f"<h2>{_e(view.title)}</h2>")
    else:
        body.append(f"<h1>{_e(view.title)}</h1>")
    level = 3 if view.deadline else 2
    body += [_referral(item, level) for item in view.referrals]
    if view.check:
        lead, *checks = view.check
        listed = "".join(f"<li>{_e(line)}</li>" for line in checks)
        heading = f"<strong>{_e(view.check_heading)}.</strong>"
        body.append(f'<section class="check"><p>{heading} {_e(lead)}</p><ul>{listed}</ul></section>')
    body.append(f'<footer class="notes"><p>{" ".join(_e(note) for note in view.notes)}</p></footer>')
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(view.title)}</title>\n<style>{HANDOUT_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
