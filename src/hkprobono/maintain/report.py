"""What `data check` says: errors first, then warnings grouped by kind, then the summary; and its JSON."""

from typing import TYPE_CHECKING, Any

from hkprobono.content.jsondoc import as_dict, document
from hkprobono.record import NamedTuple

if TYPE_CHECKING:  # every view's renderer imports ReportView; only `data check` needs the check itself
    from hkprobono.maintain.check import Report


class ReportView(NamedTuple):
    file: str
    errors: tuple[str, ...]
    warnings: tuple[tuple[str, tuple[str, ...]], ...]  # (kind of warning, its lines)
    summary: str
    acknowledged: tuple[str, ...] = ()  # warnings accepted in the data, with who, when and why
    notes: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (heading, lines) listed on every run, never counted
    reach: str = ""  # how far the directory reaches, on every run
    in_use: str = ""  # which data is in use and where it came from, when the data in use was checked

    @property
    def kind(self) -> str:
        return "report"

    @property
    def acknowledged_heading(self) -> str:
        return ACKNOWLEDGED


WARNING_KINDS = {
    "age": "Contact details from old or undated sources",
    "reach": "Organisations with no phone or e-mail and no search recorded, or no way in at all",
    "absence": "Values that say what was not found",
    "stale-ack": "Acknowledgements that no longer match a warning",
}
UNREACHABLE = "No phone or e-mail (each with what was searched, and when)"
RETIRED = "Details recorded as gone (history; never shown on a card)"
ACKNOWLEDGED = "Acknowledged in the data (reviewed; not counted as warnings)"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def report(rep: "Report", in_use: str = "") -> ReportView:
    """`data check`: errors first, then warnings grouped by kind, then the summary."""
    groups: dict[str, list[str]] = {}
    for problem in rep.warnings:
        groups.setdefault(WARNING_KINDS.get(problem.kind, problem.kind), []).append(str(problem))
    summary = f"{_count(len(rep.errors), 'error')}, {_count(len(rep.warnings), 'warning')}"
    if rep.acknowledged:
        summary += f", {len(rep.acknowledged)} acknowledged"
    notes = []
    searched = [str(p) for p in rep.unreachable if p.severity == "acknowledged"]
    if searched:
        notes.append((UNREACHABLE, tuple(searched)))
    if rep.retired:
        gone = [f"organisation '{slug}', {r.field}: {r.value} ({r.date}: {r.reason})" for slug, r in rep.retired]
        notes.append((RETIRED, tuple(gone)))
    return ReportView(
        rep.file,
        tuple(str(p) for p in rep.errors),
        tuple((kind, tuple(lines)) for kind, lines in groups.items()),
        summary,
        tuple(str(p) for p in rep.acknowledged),
        tuple(notes),
        f"Reach: {rep.reach.text}" if rep.reach else "",
        in_use,
    )


def check_report(report: "Report", in_use: dict[str, Any] | None = None) -> dict[str, Any]:
    """`hkprobono data check --json`; `data_in_use` as in `about --json` (null for a file named)."""
    reach = report.reach
    return document(
        file=report.file,
        errors=len(report.errors),
        warnings=len(report.warnings),
        acknowledged=len(report.acknowledged),
        reach={**as_dict(reach), "reachable_percent": reach.share} if reach else None,
        retired=[{"slug": slug, **as_dict(r)} for slug, r in report.retired],
        problems=[
            {"severity": p.severity, "kind": p.kind, "entry": p.entry, "field": p.field, "message": p.message}
            for p in report.problems
        ],
        data_in_use=in_use,
    )
