"""A page of headed sections: the view of `about`, the USM overview and the districts.

Renderers lay it out; nothing here knows about terminals, HTML or colour."""

from hkprobono.model import Ref
from hkprobono.record import NamedTuple


class Section(NamedTuple):
    heading: str
    paragraphs: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    see: tuple[Ref, ...] = ()  # where the section sends the reader next, after its paragraphs


class PageView(NamedTuple):
    title: str
    sections: tuple[Section, ...] = ()

    @property
    def kind(self) -> str:
        return "page"
