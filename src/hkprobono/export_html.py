"""One self-contained, printable HTML page: the directory by category, and the USM steps."""

from __future__ import annotations

import datetime as dt
import html

from hkprobono.freshness import advice, age_text
from hkprobono.model import Directory, Organisation, Step
from hkprobono.text import neutralise

CSS = """
:root { color-scheme: light; }
body { font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK TC", sans-serif;
       margin: 0 auto; max-width: 48rem; padding: 1rem; color: #111; background: #fff; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid #333; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 .2rem; }
.notice { border: 2px solid #b45309; background: #fffbeb; padding: .6rem .8rem; }
.org, .step { border: 1px solid #ccc; border-radius: 6px; padding: .5rem .8rem; margin: .6rem 0;
              break-inside: avoid; page-break-inside: avoid; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem; margin: .3rem 0; }
dt { font-weight: 600; } dd { margin: 0; overflow-wrap: anywhere; }
.missing { color: #555; font-style: italic; }
.warn { color: #92400e; font-weight: 600; }
.deadline { color: #991b1b; font-weight: 700; }
.sources { font-size: .85rem; color: #333; overflow-wrap: anywhere; }
a { color: #1d4ed8; }
@media (max-width: 30rem) { dl { grid-template-columns: 1fr; } dt { margin-top: .3rem; } }
@media print {
  @page { size: A4; margin: 15mm; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  a { color: #000; text-decoration: none; }
  .org, .step { border-color: #999; }
  .sources { font-size: 8pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
}
"""


def _e(text: str) -> str:
    return html.escape(neutralise(text), quote=True)


def _link(url: str) -> str:
    return f'<a href="{_e(url)}">{_e(url)}</a>'


def _row(label: str, value_html: str) -> str:
    return f"<dt>{_e(label)}</dt><dd>{value_html}</dd>"


def _missing(note: str | None = None) -> str:
    return f'<span class="missing">{_e(note or "not found in the sources")}</span>'


def _org(directory: Directory, org: Organisation, on: dt.date) -> str:
    c = org.contact
    rows = []
    if org.status != "active":
        rows.append(_row("Status", f'<span class="warn">{_e(org.status.upper())}: {_e(org.status_note or "")}</span>'))
    if c.address:
        rows.append(_row("Address", _e(c.address) + (f" ({_e(c.address_note)})" if c.address_note else "")))
    else:
        rows.append(_row("Address", _missing(c.address_note)))
    if c.postal_address:
        rows.append(_row("Postal address", _e(c.postal_address)))
    phones = [f"{_e(p.number)}" + (f" ({_e(p.note)})" if p.note else "") for p in c.voice_phones]
    rows.append(_row("Phone", "<br>".join(phones) if phones else _missing()))
    for fax in c.faxes:
        rows.append(_row("Fax", _e(fax.number)))
    rows.append(_row("Email", _e(c.email) if c.email else _missing(c.email_note)))
    rows.append(_row("Website", _link(c.website) if c.website else _missing()))
    rows.append(_row("Hours", _e(c.hours) if c.hours else _missing()))
    if c.languages or c.languages_note:
        rows.append(_row("Languages", _e(", ".join(filter(None, (*c.languages, c.languages_note))))))
    if org.services:
        rows.append(_row("Services", "<br>".join(_e(s) for s in org.services)))
    warning = advice(org, on)
    sources = "".join(f"<li>{_e(s.title)} ({_e(age_text(s, on))}): {_link(s.url)}</li>" for s in org.sources)
    chinese = f' <span lang="zh-Hant">{_e(org.chinese_name)}</span>' if org.chinese_name else ""
    return (
        f'<section class="org" id="{_e(org.slug)}"><h3>{_e(org.name)}{chinese}</h3>'
        f"<p>{_e(org.summary)}</p><dl>{''.join(rows)}</dl>"
        + (f'<p class="warn">{_e(warning)}</p>' if warning else "")
        + f'<details class="sources" open><summary>Sources</summary><ul>{sources}</ul></details></section>'
    )


def _step(directory: Directory, step: Step) -> str:
    parts = [f"<h3>{step.number}. {_e(step.title)}</h3>", f"<p>{_e(step.summary)}</p>"]
    parts.append(f"<p><strong>What to do:</strong> {_e(step.what_to_do)}</p>")
    if step.deadline:
        parts.append(f'<p class="deadline">Deadline: {_e(step.deadline)}</p>')
    if step.deadline_note:
        parts.append(f'<p class="warn">{_e(step.deadline_note)}</p>')
    if step.helped_by:
        names = []
        for slug in step.helped_by:
            org = directory.by_slug(slug)
            names.append(f'<a href="#{_e(slug)}">{_e(org.name if org else slug)}</a>')
        parts.append(f"<p><strong>Who can help:</strong> {', '.join(names)}</p>")
    return f'<section class="step">{"".join(parts)}</section>'


def page(directory: Directory, on: dt.date) -> str:
    meta = directory.meta
    orgs = directory.current()
    body = [
        f"<h1>{_e(meta.title)}</h1>",
        f"<p>Data compiled {_e(meta.compiled)}; page made {on.isoformat()}. {_e(meta.compiled_note)}</p>",
        f'<p class="notice"><strong>Confirm by phone.</strong> {_e(meta.confirm_notice)} {_e(meta.disclaimer)}</p>',
    ]
    for fact in directory.about.facts:
        body.append(f"<p>{_e(fact.text)}</p>")
    for category in directory.categories:
        members = [o for o in orgs if o.categories and o.categories[0] == category.id]
        if members:
            body.append(f"<h2>{_e(category.label)}</h2>")
            body.extend(_org(directory, o, on) for o in members)
    if directory.guide:
        body.append("<h2>The Unified Screening Mechanism (USM), step by step</h2>")
        body.extend(f"<p>{_e(p)}</p>" for p in directory.guide.overview)
        body.extend(_step(directory, s) for s in directory.guide.steps)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(meta.title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
