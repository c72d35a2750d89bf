"""How every view cites a source: its title, its date and age, its address, and what it gives."""

import datetime as dt

from hkprobono.content.words import field_words
from hkprobono.freshness import age_text
from hkprobono.model import Source


def source_line(source: Source, on: dt.date) -> str:
    line = f"{source.title} ({age_text(source, on)}) {source.url}"
    if source.fields:
        line += f"  [for: {field_words(source.fields)}]"
    if source.note:
        line += f"  {source.note}"
    return line
