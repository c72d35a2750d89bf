"""What `about` says: the legal context, resources, statistics, and how far the directory reaches."""

import datetime as dt
from typing import Any

from hkprobono.content.jsondoc import as_dict, document
from hkprobono.content.pages import PageView, Section
from hkprobono.content.sources import source_line
from hkprobono.model import Directory
from hkprobono.record import NamedTuple


class Figures(NamedTuple):
    """How far the directory reaches, computed from the data (never written into it)."""

    current: int  # organisations not closed
    reachable: int  # of those, with a phone or an e-mail
    helpers: int  # organisations the USM guide names as helpers (not closed)
    helpers_reachable: int

    @property
    def share(self) -> int:
        """The reachable share, in whole percent (rounded down: never overstated)."""
        return self.reachable * 100 // self.current if self.current else 0

    @property
    def text(self) -> str:
        if self.current == 1:
            has = "has a" if self.reachable else "has no"
            line = f"1 current organisation; it {has} phone number or e-mail address from a source or a confirmation."
        else:
            line = (
                f"{self.current} current organisations; {self.reachable} of them ({self.share}%) "
                f"{'has' if self.reachable == 1 else 'have'} a phone number or an e-mail address, each from a "
                "source or a confirmation."
            )
        if self.helpers == 1:
            some = "one" if self.helpers_reachable else "none"
            line += f" The one organisation the USM guide names as a helper has {some}."
        elif self.helpers:
            line += (
                f" {self.helpers_reachable} of the {self.helpers} organisations the USM guide names as helpers "
                f"{'has' if self.helpers_reachable == 1 else 'have'} one."
            )
        return line


def guide_slugs(directory: Directory) -> tuple[str, ...]:
    """The organisations the USM guide relies on, in the order its steps first name them."""
    seen: list[str] = []
    for step in directory.guide.steps if directory.guide else ():
        seen += [slug for slug in step.helped_by if slug not in seen]
    return tuple(seen)


def figures(directory: Directory) -> Figures:
    current = directory.current()
    helpers = [o for o in (directory.by_slug(s) for s in guide_slugs(directory)) if o is not None and not o.is_closed]
    return Figures(
        current=len(current),
        reachable=sum(o.contact.reachable for o in current),
        helpers=len(helpers),
        helpers_reachable=sum(o.contact.reachable for o in helpers),
    )


def about(directory: Directory, on: dt.date, in_use: str = "") -> PageView:
    a = directory.about
    sections = [Section(directory.meta.title, (a.intro,))]
    for fact in a.facts:
        sections.append(Section(fact.topic or "", (fact.text,), tuple(source_line(s, on) for s in fact.sources)))
    if a.resources:
        resources = tuple(f"{r.title}: {r.description}" for r in a.resources)
        sections.append(Section("Resources in the source document", resources))
    if a.statistics:
        paragraphs = tuple(stat.text for stat in a.statistics)
        cited = tuple(source_line(s, on) for stat in a.statistics for s in stat.sources)
        sections.append(Section("Statistics", paragraphs, cited))
    sections.append(Section("Reach of this directory", (figures(directory).text,)))
    meta = directory.meta
    sections.append(
        Section(
            "About this data",
            (
                f"Compiled {meta.compiled}. {meta.compiled_note}",
                *((in_use,) if in_use else ()),
                meta.confirm_notice,
                meta.disclaimer,
            ),
        )
    )
    return PageView(directory.meta.title, tuple(sections))


def record(directory: Directory, in_use: dict[str, Any] | None = None) -> dict[str, Any]:
    """`about --json`: the [meta] and [about] tables, `figures` computed from the data, and
    `data_in_use` (content/origin.py)."""
    counted = figures(directory)
    return document(
        meta=as_dict(directory.meta),
        **as_dict(directory.about),
        figures={**as_dict(counted), "reachable_percent": counted.share},
        data_in_use=in_use,
    )
