"""The README's and docs/'s examples are real output: every ```console block is run and compared.

A block holds commands (`$ hkprobono ...`) each followed by its output. A line `...` stands for
any number of lines left out (at the end: the rest is cut). Commands run through the app with the
date pinned (conftest) and no colour; `| cut -f...` is applied here; a command that changes a data
file changes a copy. The maintainers' shell steps must run as written after the Quickstart, without
activating the virtual environment. The figures the README and docs/ state about the data, the JSON
keys, the exit codes and the limits are the code's."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import shlex
import shutil
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from conftest import TODAY
from hkprobono import errors
from hkprobono.cli.app import app
from hkprobono.content.about import figures
from hkprobono.content.jsondoc import JSON_VERSION
from hkprobono.freshness import detail_ages
from hkprobono.maintain.stale import stale
from hkprobono.model import Directory

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
# The pages the README links to for safety, performance, JSON, exports, search and the data file.
DOCS = {path.name: path.read_text(encoding="utf-8") for path in sorted((ROOT / "docs").glob("*.md"))}
FENCE = re.compile(r"^( *)```console\n(.*?)^\1```$", re.S | re.M)
# These change a data file: an example runs them on a copy of data/ in a temporary folder.
EDITS = {"set", "unset", "new", "confirm", "fmt"}


def flat(text: str) -> str:
    return " ".join(text.split())


def examples(text: str = README) -> list[tuple[str, list[str]]]:
    found = []
    for match in FENCE.finditer(text):
        indent = len(match.group(1))
        lines = [line[indent:] for line in match.group(2).splitlines()]
        command: str | None = None
        output: list[str] = []
        for line in lines:
            if line.startswith("$ "):
                if command is not None:
                    found.append((command, output))
                command, output = line[2:], []
            else:
                output.append(line)
        if command is not None:
            found.append((command, output))
    return found


EXAMPLES = examples()
ALL_EXAMPLES = [(name, *example) for name, text in [("README.md", README), *DOCS.items()] for example in examples(text)]


def cut(text: str, fields: str) -> str:
    wanted = [int(f) - 1 for f in fields.split(",")]
    rows = [line.split("\t") for line in text.splitlines()]
    return "".join("\t".join(row[i] for i in wanted if i < len(row)) + "\n" for row in rows)


def run(command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    line, _, pipe = command.partition(" | ")
    args = shlex.split(line)
    assert args[0] == "hkprobono", command
    # In a clone, as a reader would run it; an example that writes a file writes it elsewhere, and
    # one that changes the data changes a copy of data/.
    if args[1:3] and args[1] == "data" and args[2] in EDITS and "--check" not in args:
        shutil.copytree(ROOT / "data", tmp_path / "data")
        monkeypatch.chdir(tmp_path)
    else:
        monkeypatch.chdir(tmp_path if re.search(r" (-o|--output|--ics|--qr-png) ", f"{line} ") else ROOT)
    result = CliRunner().invoke(app, ["--color", "never", *args[1:]], env={"COLUMNS": "100"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    text = result.output
    if pipe:
        program = shlex.split(pipe)
        assert program[0] == "cut" and program[1].startswith("-f"), pipe
        text = cut(result.stdout, program[1][2:])
    return text


def matches(expected: list[str], actual: list[str]) -> bool:
    """`...` lines in `expected` stand for any run of lines (possibly none)."""
    pattern = "".join(".*" if line == "..." else re.escape(line + "\n") for line in expected)
    return re.fullmatch(pattern, "".join(line + "\n" for line in actual), re.S) is not None


def test_there_are_examples() -> None:
    commands = {c.split()[1] for c, _ in EXAMPLES}
    assert {"search", "show", "list", "about", "usm", "export", "data", "handout"} <= commands
    assert {"safety.md", "performance.md", "json.md", "data-schema.md", "exports.md", "search.md"} <= set(DOCS)
    assert {name for name, *_ in ALL_EXAMPLES} >= {"README.md", "json.md", "exports.md", "search.md"}


def test_the_readme_links_every_page_in_docs() -> None:
    for name in DOCS:
        assert f"](docs/{name})" in README, name


@pytest.mark.parametrize(
    ("document", "command", "expected"), ALL_EXAMPLES, ids=[f"{d}: {c}" for d, c, _ in ALL_EXAMPLES]
)
def test_readme_example_is_real_output(
    document: str, command: str, expected: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    while expected and not expected[-1]:
        expected = expected[:-1]  # the blank line between two commands of one block
    actual = run(command, tmp_path, monkeypatch).splitlines()
    assert matches(expected, actual), "\n".join([f"{document} says:", *expected, "", "the tool says:", *actual[:40]])


def shell_steps(heading: str, text: str) -> list[str]:
    section = text.split(heading, 1)[1]
    section = re.split(r"^#{1,3} ", section, maxsplit=1, flags=re.M)[0]
    steps = []
    for block in re.findall(r"```sh\n(.*?)```", section, re.S):
        steps += [line.split("  #")[0].strip() for line in block.splitlines() if line.strip()]
    return steps


@pytest.mark.parametrize(
    ("document", "heading"),
    [
        ("README.md", "## Maintaining the data"),
        ("README.md", "### Recording what you learn"),
        ("README.md", "### The call list"),
        ("CONTRIBUTING.md", ""),
    ],
)
def test_maintainers_steps_run_without_activating_the_venv(document: str, heading: str) -> None:
    text = (ROOT / document).read_text(encoding="utf-8")
    steps = shell_steps(heading, text) if heading else re.findall(r"`((?:\.venv/bin/)?hkprobono [^`]*)`", text)
    assert steps, (document, heading)
    for step in steps:
        program = shlex.split(step)[0]
        assert program.startswith(".venv/bin/") or program in ("python3", "make"), (document, step)


def test_maintainers_data_check_runs_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    for step in shell_steps("## Maintaining the data", README):
        args = shlex.split(step)
        if args[0] == ".venv/bin/hkprobono":
            result = CliRunner().invoke(app, [*args[1:], *(["--check"] if "fmt" in args else [])])
            assert result.exit_code == 0, (step, result.output)


# -- the figures the README states about the data are the data's -------------------------------------------
def test_the_readme_states_the_datas_reach_and_age(directory: Directory) -> None:
    from hkprobono.usm.counting import covered_years

    text = flat(README)
    orgs = directory.organisations
    status = {name: sum(o.status == name for o in orgs) for name in ("active", "unconfirmed", "closed")}
    assert f"{len(orgs)} organisations: {status['active']} operating" in text
    assert f"{status['unconfirmed']} *unconfirmed*" in text and f"{status['closed']} *closed*" in text
    counted = figures(directory)
    assert f"Of the {counted.current} that are not closed, {counted.reachable} ({counted.share}%) have a phone" in text
    assert f"For the other {counted.current - counted.reachable} the card says so" in text
    assert f"Of the {counted.helpers} organisations the USM guide names as helpers, {counted.helpers_reachable}" in text
    compiled = dt.date.fromisoformat(directory.meta.compiled)
    assert f"compiled from public web pages on {compiled.day} {compiled:%B %Y}" in text
    # "Nobody has yet confirmed any detail with the organisations by phone."
    assert not any(c.method == "phone" for o in orgs for c in o.confirmations)
    ages = [age for o in directory.current() for age in detail_ages(o, dt.date.fromisoformat(TODAY))]
    assert all(age.stale for age in ages) and f"All {len(ages)} of its contact details" in text
    assert f"undated ({sum(age.date is None for age in ages)} of them)" in text
    assert f"the oldest is from {min(age.date for age in ages if age.date)}" in text
    view = stale(directory, dt.date.fromisoformat(TODAY))
    assert f"{view.checked} of {view.checked} contact details to re-check" in text
    assert directory.guide is not None
    assert f"The USM in {len(directory.guide.steps)} steps, a glossary of {len(directory.guide.glossary)} terms" in text
    first, last = covered_years()
    assert f"general holidays for {first} to {last}" in text


def test_the_limits_stated_are_the_codes() -> None:
    from hkprobono.cli.options import MAX_TYPED
    from hkprobono.content.deadline import LABEL_MAX
    from hkprobono.loading.source import MAX_BYTES, MAX_DEPTH
    from hkprobono.maintain.confirm import MAX_BY, MAX_FIELDS, MAX_NOTE
    from hkprobono.render.width import NARROWEST, WIDEST
    from hkprobono.safewrite import LOCK_SECONDS

    safety, readme = flat(DOCS["safety.md"]), flat(README)
    assert f"a regular file of at most {MAX_BYTES // 2**20} MiB" in safety
    assert f"nested at most {MAX_DEPTH} tables or arrays deep" in safety
    assert f"may be at most {MAX_TYPED} characters" in safety
    assert (
        f"a `--by` of at most {MAX_BY} characters, a `--note` of at most {MAX_NOTE} "
        f"and a `--fields` of at most {MAX_FIELDS}" in safety
    )
    assert f"is taken between {NARROWEST} and {WIDEST} columns" in safety
    assert f"within {LOCK_SECONDS:g} seconds" in safety and f"within {LOCK_SECONDS:g} seconds" in readme
    assert f"`data confirm --by` is at most {MAX_BY} characters, `--note` at most {MAX_NOTE}" in readme
    assert readme.count(f"up to {LABEL_MAX} characters") >= 2  # --label, for the calendar and the handout


# -- docs/json.md: every --json command, its keys, the version and the exit codes --------------------------
def json_rows() -> dict[str, str]:
    """Each row of the table, by the commands its first cell names."""
    rows = {}
    for line in DOCS["json.md"].splitlines():
        if line.startswith("| `"):
            first = line.split(" | ", 1)[0]
            for named in re.findall(r"`([^`]+)`", first):
                rows[named] = line
    return rows


def keys_at(document: Any, path: str) -> set[str]:
    """The keys of the object at `path`: "" the document, "a.b" inside a, "a[]" a's first element."""
    node = document
    for step in filter(None, path.split(".")):
        node = node[step[:-2]][0] if step.endswith("[]") else node[step]
    assert isinstance(node, dict), path
    return set(node) - {"hkprobono_json_version"}


# (the command as the table names it, a run of it, where to look for keys the row must name)
JSON_DOCUMENTS = [
    ("search --json", ["search", "justice", "centre", "--json"], ["", "results[]", "results[].matched"]),
    ("districts --json", ["districts", "--json"], ["", "districts[]"]),
    (
        "show --json",
        ["show", "refugee-union", "--json"],
        [
            "organisation",
            "organisation.contact",
            "organisation.sources[]",
            "organisation.contact.phones[]",
            "organisation.contact.locations[]",
        ],
    ),
    ("list --json", ["list", "--json"], ["", "categories[]"]),
    ("about --json", ["about", "--json"], ["", "meta", "data_in_use", "facts[]", "resources[]"]),
    ("usm --json", ["usm", "--json"], [""]),
    ("usm overview --json", ["usm", "overview", "--json"], [""]),
    ("usm steps --json", ["usm", "steps", "--json"], ["steps[]"]),
    ("usm step N --json", ["usm", "step", "8", "--json"], [""]),
    ("usm glossary --json", ["usm", "glossary", "--json"], ["terms[]"]),
    ("usm deadlines --json", ["usm", "deadlines", "--json"], ["", "deadlines[]"]),
    (
        "usm deadline KIND --from DATE --json",
        ["usm", "deadline", "appeal", "--from", "2026-11-01", "--json"],
        ["", "moved[]", "sources[]"],
    ),
    (
        "handout SLUG... --json",
        ["handout", "justice-centre", "--appeal-from", "2026-11-20", "--json"],
        ["", "referrals[]", "referrals[].qr"],
    ),
    ("data check [FILE] --json", ["data", "check", "--json"], ["", "reach", "problems[]"]),
    ("data stale [FILE] --json", ["data", "stale", "--json"], ["", "details[]"]),
    ("export json", ["export", "json"], ["", "usm"]),
]


def test_docs_json_names_every_command_with_json_output() -> None:
    def with_json(group: Any, prefix: tuple[str, ...] = ()) -> set[str]:
        found, ctx = set(), typer.Context(group)
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            if hasattr(command, "commands"):
                found |= with_json(command, (*prefix, name))
            if any("--json" in getattr(p, "opts", ()) for p in command.params):
                found.add(" ".join((*prefix, name)))
        return found

    def command(label: str) -> str:  # "usm step N --json" -> "usm step"
        return " ".join(itertools.takewhile(lambda word: word.isalpha() and word.islower(), label.split()))

    documented = {command(label) for label, *_ in JSON_DOCUMENTS}
    assert with_json(typer.main.get_command(app)) <= documented
    assert set(json_rows()) >= {label for label, *_ in JSON_DOCUMENTS}


@pytest.mark.parametrize(("label", "args", "paths"), JSON_DOCUMENTS, ids=[label for label, *_ in JSON_DOCUMENTS])
def test_docs_json_names_every_key(
    label: str, args: list[str], paths: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert next(iter(document)) == "hkprobono_json_version" and document["hkprobono_json_version"] == JSON_VERSION
    row = json_rows()[label]
    for path in paths:
        missing = {key for key in keys_at(document, path) if f"`{key}`" not in row}
        assert not missing, (label, path, missing)


def test_docs_json_gives_the_version_and_every_exit_code() -> None:
    text = DOCS["json.md"]
    assert f"`hkprobono_json_version` (now `{JSON_VERSION}`)" in text
    table = text.split("## Exit codes", 1)[1]
    documented = {int(code) for code in re.findall(r"^\| (\d+) \|", table, re.M)}
    defined = {value for name, value in vars(errors).items() if name.startswith("EXIT_")}
    assert documented == {0} | defined


# -- links between the README and docs/ ----------------------------------------------------------------
def anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


@pytest.mark.parametrize("document", ["README.md", *(f"docs/{name}" for name in DOCS)])
def test_every_link_between_the_pages_arrives(document: str) -> None:
    path = ROOT / document
    text = path.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue  # a web address
        file, _, fragment = target.partition("#")
        linked = (path.parent / file).resolve() if file else path
        assert linked.is_file(), (document, target)
        if fragment:
            body = re.sub(r"^```.*?^```", "", linked.read_text(encoding="utf-8"), flags=re.S | re.M)
            headings = {anchor(h) for h in re.findall(r"^#+ (.+)$", body, re.M)}
            assert fragment in headings, (document, target)
