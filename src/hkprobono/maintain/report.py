"""What `data check` says: errors first, then warnings grouped by kind, then the summary; and its JSON."""

from typing import TYPE_CHECKING, Any, NamedTuple

from hkprobono.content.jsondoc import document

if TYPE_CHECKING:  # every view's renderer imports ReportView; only `data check` needs the check itself
    from hkprobono.maintain.check import Report


class ReportView(NamedTuple):
    file: str
    errors: tuple[str, ...]
    warnings: tuple[tuple[str, tuple[str, ...]], ...]  # (kind of warning, its lines)
    summary: str
    acknowledged: tuple[str, ...] = ()  # warnings accepted in the data, with who, when and why
    in_use: str = ""  # which data is in use and where it came from, when the data in use was checked

    @property
    def kind(self) -> str:
        return "report"

    @property
    def acknowledged_heading(self) -> str:
        return ACKNOWLEDGED


WARNING_KINDS = {
    "age": "Contact details from old or undated sources",
    "reach": "Organisations with no way to reach them",
    "stale-ack": "Acknowledgements that no longer match a warning",
}
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
    return ReportView(
        rep.file,
        tuple(str(p) for p in rep.errors),
        tuple((kind, tuple(lines)) for kind, lines in groups.items()),
        summary,
        tuple(str(p) for p in rep.acknowledged),
        in_use,
    )


def check_report(report: "Report", in_use: dict[str, Any] | None = None) -> dict[str, Any]:
    """`hkprobono data check --json`; `data_in_use` as in `about --json` (null for a file named)."""
    return document(
        file=report.file,
        errors=len(report.errors),
        warnings=len(report.warnings),
        acknowledged=len(report.acknowledged),
        problems=[
            {"severity": p.severity, "kind": p.kind, "entry": p.entry, "field": p.field, "message": p.message}
            for p in report.problems
        ],
        data_in_use=in_use,
    )
