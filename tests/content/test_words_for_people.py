"""Words for people (issue 24): search shows no bare score, and no output a person reads names a
library or one of the data file's field names."""

from __future__ import annotations

import io
import json
import re

import pytest

from conftest import Invoke
from hkprobono import model
from hkprobono.model import Directory
from hkprobono.render.terminal import RichRenderer

QUERIES = ("legal", "food", "appeal deadline", "going out pass", "interpreter")


@pytest.mark.parametrize("query", QUERIES)
def test_search_shows_no_score(invoke: Invoke, query: str) -> None:
    shown = invoke("search", query).stdout
    assert shown and "score" not in shown.casefold()
    # nor a score as a number of its own: a trailing figure after a result's kind, or "(96)"
    assert not re.search(r"\|\s*\d+\s*$|\(\d{1,3}\)\s*$", shown, re.M)
    explained = invoke("search", query, "--explain").stdout
    assert re.search(r"score \d+ of 100", explained)
    results = json.loads(invoke("search", query, "--json").stdout)["results"]
    assert all(isinstance(r["score"], int | float) for r in results)


def test_rich_search_shows_no_score(directory: Directory, rich_console: tuple[RichRenderer, io.StringIO]) -> None:
    from hkprobono.content import search
    from hkprobono.search.engine import Index

    renderer, buffer = rich_console
    view = search.view(directory, "food", Index(directory).find("food", kind="org"))
    assert view is not None
    renderer.results(view)
    assert "score" not in buffer.getvalue().casefold()


LIBRARIES = (
    "rapidfuzz", "typer", "textstat", "pyphen", "holidays package", "the holidays library", "icalendar",
    "vobject", "segno", "phonenumbers", "jsonschema", "tomllib", "tomli", "pyspellchecker", "platformdirs",
)  # fmt: skip
# Every field name of the data model that a person could mistake for a word: those with an underscore.
FIELDS = sorted(
    {
        field
        for cls in (model.Organisation, model.Contact, model.Location, model.Phone, model.Step, model.Term)
        for field in cls._fields
        if "_" in field
    }
    | {"deadline_note", "what_to_do", "status_note", "helped_by", "overview_see", "if_missed", "court_office"}
)


def _reader_outputs(invoke: Invoke, directory: Directory) -> dict[str, str]:
    commands: list[list[str]] = [["list"], ["about"], ["districts"], ["usm"], ["usm", "steps"], ["usm", "glossary"]]
    commands += [["usm", "step", str(s.number)] for s in directory.guide.steps] if directory.guide else []
    commands += [["usm", "deadlines"], ["usm", "deadline", "jr", "--from", "2026-11-20"]]
    commands += [["usm", "deadline", "appeal", "--from", day] for day in ("2026-11-20", "2026-10-01")]
    commands += [["search", q] for q in QUERIES]
    commands += [["show", o.slug] for o in directory.organisations]
    return {" ".join(c): invoke(*c).stdout for c in commands}


def test_no_output_names_a_library_or_a_field(invoke: Invoke, directory: Directory) -> None:
    found = []
    for command, text in _reader_outputs(invoke, directory).items():
        words = re.sub(r"https?://\S+", " ", text).casefold()
        found += [f"{command}: {name}" for name in LIBRARIES if re.search(rf"\b{re.escape(name)}\b", words)]
        found += [f"{command}: {field}" for field in FIELDS if re.search(rf"\b{field}\b", words)]
        found += [f"{command}: toml" for _ in re.finditer(r"\btoml\b", words)]
    assert found == []
