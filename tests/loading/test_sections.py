"""loading/sections.py, the USM guide: a guide whose parts disagree is refused at load, naming the
entry. Before (issue 26): a duplicate deadline kind, a step pointing to a deadline that does not
exist, step numbers outside 1..N and a deadline naming a missing step were all accepted."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINIMAL, Invoke
from hkprobono.errors import HkProBonoError
from hkprobono.loading.source import RawFile, load, problems_in
from hkprobono.model import Directory

GUIDE_HEAD = MINIMAL[: MINIMAL.index("[[usm.steps]]")]
GLOSSARY = MINIMAL[MINIMAL.index("[[usm.glossary]]") :]
SOURCE = 'sources = [{ title = "Test source", url = "https://example.org/usm", date = "2025-01-01" }]'


def step(number: int, what_to_do: str = "Write to ImmD.") -> str:
    head = f'[[usm.steps]]\nnumber = {number}\ntitle = "Step"\nsummary = "A step."\n'
    return f'{head}what_to_do = "{what_to_do}"\n{SOURCE}\n'


def deadline(kind: str, step_number: int | None = None) -> str:
    tail = f"step = {step_number}\n" if step_number is not None else ""
    return (
        f'[[usm.deadlines]]\nkind = "{kind}"\ntitle = "A limit"\nstarts = "The decision."\n'
        f'if_missed = "Ask a lawyer."\nperiod = 14\nunit = "days"\n{tail}{SOURCE}\n'
    )


def guide(steps: list[str], deadlines: list[str]) -> str:
    return GUIDE_HEAD + "".join(steps) + "".join(deadlines) + GLOSSARY


def problems(text: str) -> list[str]:
    _, found = problems_in(RawFile("g.toml", text.encode("utf-8")))
    return [str(p) for p in found if p.severity == "error"]


GUIDES = {
    "duplicate deadline kind": (
        guide([step(1), step(2)], [deadline("appeal", 1), deadline("appeal", 2)]),
        "deadline 'appeal', field 'kind': duplicate deadline kind 'appeal'",
    ),
    "a deadline naming a missing step": (
        guide([step(1)], [deadline("appeal", 8)]),
        "deadline 'appeal', field 'step': no USM step has the number 8",
    ),
    "a step pointing to a missing deadline": (
        guide([step(1, "'hkprobono usm deadline apeal --from DATE' counts the days.")], [deadline("appeal", 1)]),
        "USM step 1, field 'what_to_do': refers to the deadline 'apeal', which the guide does not have",
    ),
    "a step number past the count": (
        guide([step(1), step(3)], []),
        "USM step 3, field 'number': 3 is not between 1 and 2, the number of steps",
    ),
    "step number zero": (
        guide([step(0), step(1)], []),
        "USM step 0, field 'number': 0 is not between 1 and 2, the number of steps",
    ),
    "a negative step number": (
        guide([step(-4)], []),
        "USM step -4, field 'number': -4 is not between 1 and 1, the number of steps",
    ),
}


@pytest.mark.parametrize("case", list(GUIDES))
def test_a_guide_whose_parts_disagree_is_refused_naming_the_entry(invoke: Invoke, tmp_path: Path, case: str) -> None:
    text, message = GUIDES[case]
    assert message in problems(text)
    path = tmp_path / "g.toml"
    path.write_text(text, encoding="utf-8")
    loaded = invoke("--data", str(path), "usm", "steps")
    assert loaded.exit_code == 2 and loaded.stderr.startswith(f"Error: {path}: {message}"), loaded.output
    checked = invoke("data", "check", str(path))
    assert checked.exit_code == 2 and message in checked.stdout


def test_a_guide_whose_parts_agree_loads() -> None:
    text = guide([step(2, "'hkprobono usm deadline appeal --from DATE'"), step(1)], [deadline("appeal", 2)])
    assert problems(text) == []
    loaded = load_text(text)
    assert loaded.guide is not None and [s.number for s in loaded.guide.steps] == [2, 1]


def load_text(text: str) -> Directory:
    from hkprobono.loading.source import load_raw

    return load_raw(RawFile("g.toml", text.encode("utf-8")))


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    numbers=st.lists(st.integers(-3, 12), min_size=1, max_size=8),
    links=st.lists(
        st.tuples(st.sampled_from(["appeal", "jr", "claim-form"]), st.none() | st.integers(-1, 12)), max_size=5
    ),
    mentions=st.lists(st.sampled_from(["appeal", "jr", "claim-form", "oral"]), max_size=3),
)
def test_any_guide_is_accepted_exactly_when_its_parts_agree(
    numbers: list[int], links: list[tuple[str, int | None]], mentions: list[str]
) -> None:
    says = " ".join(["Write.", *(f"'hkprobono usm deadline {kind} --from DATE'" for kind in mentions)])
    steps = [step(n, says if i == 0 else "Write.") for i, n in enumerate(numbers)]
    text = guide(steps, [deadline(kind, n) for kind, n in links])
    kinds = [kind for kind, _ in links]
    agree = (
        sorted(numbers) == list(range(1, len(numbers) + 1))
        and len(set(kinds)) == len(kinds)
        and all(n is None or n in numbers for _, n in links)
        and set(mentions) <= set(kinds)
    )
    found = problems(text)
    assert (found == []) is agree, (numbers, links, mentions, found)
    if not agree:
        with pytest.raises(HkProBonoError):
            load_text(text)


def test_the_bundled_guide_agrees() -> None:
    directory = load()
    assert directory.guide is not None
    steps = directory.guide.steps
    assert sorted(s.number for s in steps) == list(range(1, len(steps) + 1))
