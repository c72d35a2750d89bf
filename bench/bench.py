"""Start-up benchmark: whole processes, piped and on a pseudo-terminal, against floors measured in the
same run. Run by hand, not by the test suite:

    python bench/bench.py [--runs 15] [--scale] [--instructions] [--json results.json]

Prints each command's median wall time, its ratio to each floor, and peak memory (max RSS).
Wall time on a shared VM drifts by 15% from run to run; --instructions also counts each process's
instructions under valgrind (callgrind), which gives the same count every time, as a steady check.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import pty
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
PY = sys.executable
EXE = str(Path(PY).parent / "hkprobono")

FLOORS = {
    "python -c pass": [PY, "-c", "pass"],
    "import floor": [PY, "-c", "import typer, rapidfuzz.process, tomllib"],
    "terminal floor": [PY, "-c", "import typer, rapidfuzz.process, tomllib, rich.console"],
    "import typer": [PY, "-c", "import typer"],
}
LOOKUPS = {
    "search legal": ["search", "legal"],
    "search legal --json": ["search", "legal", "--json"],
    "show justice-centre": ["--no-pager", "show", "justice-centre"],
    "list": ["--no-pager", "list"],
    "usm steps": ["--no-pager", "usm", "steps"],
    "usm deadline appeal": ["--no-pager", "usm", "deadline", "appeal", "--from", "2026-11-27"],
}
# A count depends on today (days left, and a date in the future is refused): pinned for every run.
PINNED = {"HKPROBONO_TODAY": "2026-12-03"}
# Not a lookup, so no budget: it loads vobject (about 40 ms of imports) to write every card.
OTHER = {"export vcard --all": ["export", "vcard", "--all"]}
FAST = {"--version": ["--version"]}
COMPLETION_ENV = {"_HKPROBONO_COMPLETE": "complete_bash", "COMP_WORDS": "hkprobono show jus", "COMP_CWORD": "2"}


@dataclass
class Job:
    argv: list[str]
    tty: bool = False
    env: dict[str, str] | None = None


@dataclass
class Timing:
    median_ms: float
    peak_kb: int
    min_ms: float = 0.0


def run_once(argv: list[str], *, tty: bool, env: dict[str, str]) -> tuple[float, int]:
    """Wall time and max RSS of one process; on a pty its output is drained like a terminal would."""
    start = time.perf_counter()
    if tty:
        master, slave = pty.openpty()
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, env=env)
        os.close(slave)
        while True:  # read until the child has finished and closed its side (EOF or EIO)
            ready, _, _ = select.select([master], [], [], 0.5)
            if not ready:
                if proc.poll() is not None:
                    break
                continue
            try:
                if not os.read(master, 65536):
                    break
            except OSError:
                break
        os.close(master)
    else:
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        proc.stdout.read()  # type: ignore[union-attr]
        proc.stderr.read()  # type: ignore[union-attr]
    _, _, usage = os.wait4(proc.pid, 0)
    return (time.perf_counter() - start) * 1000, usage.ru_maxrss


def count_instructions(argv: list[str], *, tty: bool, env: dict[str, str]) -> int:
    """Instructions one process executes, by valgrind's callgrind: the same count on every run."""
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "valgrind.log"
        tool = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", f"--log-file={log}"]
        run_once([*tool, *argv], tty=tty, env=env)
        for line in log.read_text().splitlines():
            if "Collected :" in line:
                return int(line.rsplit(":", 1)[1])
    raise RuntimeError(f"valgrind did not report a count for {argv}")


def instructions(jobs: dict[str, Job]) -> None:
    print("Instructions (valgrind callgrind, one run each; budget as above):")
    counts = {name: count_instructions(job.argv, tty=job.tty, env=_env(job.env)) for name, job in jobs.items()}
    budgets = {"piped": ("import floor", 1.25), "tty": ("terminal floor", 1.25), "fast": ("import typer", 1.1)}
    for name, count in counts.items():
        kind, label = name.split(":", 1)
        line = f"  {kind + ' ' + label:<34} {count / 1e6:8.1f} M"
        if kind in budgets:
            floor, factor = budgets[kind]
            ratio = count / counts[f"floor:{floor}"]
            line += f"   x{ratio:4.2f} {floor}: {'ok' if ratio <= factor else 'OVER'} (budget {factor}x)"
        print(line)


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "PYTHONDONTWRITEBYTECODE")}
    env.update({"COLUMNS": "100", "TERM": "xterm-256color", **(extra or {})})
    return env


def measure_all(jobs: dict[str, Job], runs: int) -> dict[str, Timing]:
    """Round-robin: every job once per round, so drift in the machine's speed hits all alike."""
    for job in jobs.values():  # warm-up: page cache, __pycache__, the directory cache
        for _ in range(2):
            run_once(job.argv, tty=job.tty, env=_env(job.env))
    samples: dict[str, list[tuple[float, int]]] = {name: [] for name in jobs}
    for _ in range(runs):
        for name, job in jobs.items():
            samples[name].append(run_once(job.argv, tty=job.tty, env=_env(job.env)))
    return {
        name: Timing(statistics.median(s[0] for s in runs_), max(s[1] for s in runs_), min(s[0] for s in runs_))
        for name, runs_ in samples.items()
    }


def measure(argv: list[str], runs: int, *, tty: bool = False, extra_env: dict[str, str] | None = None) -> Timing:
    return measure_all({"job": Job(argv, tty, extra_env)}, runs)["job"]


def report(name: str, t: Timing, floors: dict[str, Timing], budget: tuple[str, float] | None) -> dict[str, object]:
    ratios = {f: t.median_ms / floors[f].median_ms for f in ("python -c pass", "import floor", "terminal floor")}
    line = f"  {name:<28} {t.median_ms:7.1f} ms (min {t.min_ms:6.1f})  {t.peak_kb / 1024:6.1f} MB  " + "  ".join(
        f"x{r:4.2f} {f.split()[0]}" for f, r in ratios.items()
    )
    verdict = None
    if budget:
        floor_name, factor = budget
        limit = floors[floor_name].median_ms * factor
        verdict = t.median_ms <= limit
        ratio = t.median_ms / floors[floor_name].median_ms
        line += f"   x{ratio:4.2f} {floor_name}, budget {factor}x = {limit:.0f} ms: {'ok' if verdict else 'OVER'}"
    print(line)
    return {
        "command": name,
        "median_ms": round(t.median_ms, 1),
        "min_ms": round(t.min_ms, 1),
        "peak_kb": t.peak_kb,
        "within_budget": verdict,
    }


def scale(runs: int) -> list[dict[str, object]]:
    """Time and memory from 100 to 10,000 organisations, cold (no cache) and warm."""
    from generate import write  # type: ignore[import-not-found]

    rows = []
    print("\nScale: hkprobono --data big.toml search 'legal aid' --json")
    with tempfile.TemporaryDirectory() as tmp:
        for n in (100, 1000, 10_000):
            path = Path(tmp) / f"dir-{n}.toml"
            write(path, n)
            argv = [EXE, "--data", str(path), "search", "legal", "aid", "--json"]
            cold_times, cold_rss = [], 0
            for i in range(max(3, runs // 3)):
                cache = Path(tmp) / f"cache-{n}-{i}"  # a fresh cache directory: nothing cached yet
                ms, rss = run_once(argv, tty=False, env={**os.environ, "XDG_CACHE_HOME": str(cache)})
                cold_times.append(ms)
                cold_rss = max(cold_rss, rss)
                shutil.rmtree(cache, ignore_errors=True)
            warm = measure(argv, runs, extra_env={"XDG_CACHE_HOME": str(Path(tmp) / "warm")})
            cold = statistics.median(cold_times)
            size = path.stat().st_size / 1024
            print(
                f"  {n:>6} organisations ({size:7.0f} KB): cold {cold:7.1f} ms {cold_rss / 1024:6.1f} MB"
                f"   warm {warm.median_ms:7.1f} ms {warm.peak_kb / 1024:6.1f} MB"
            )
            rows.append(
                {
                    "organisations": n,
                    "cold_ms": round(cold, 1),
                    "cold_peak_kb": cold_rss,
                    "warm_ms": round(warm.median_ms, 1),
                }
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--scale", action="store_true", help="also time 100, 1,000 and 10,000 organisations")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--instructions", action="store_true", help="also count instructions under valgrind")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))

    print(
        f"{platform.node()}: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {args.runs} runs each, median"
    )
    jobs: dict[str, Job] = {f"floor:{name}": Job(argv) for name, argv in FLOORS.items()}
    jobs["floor:terminal floor"] = Job(FLOORS["terminal floor"], tty=True)
    for name, argv in LOOKUPS.items():
        jobs[f"piped:{name}"] = Job([EXE, *argv], env=PINNED)
        if not name.endswith("--json"):
            jobs[f"tty:{name}"] = Job([EXE, *argv], tty=True, env=PINNED)
    for name, argv in OTHER.items():
        jobs[f"other:{name}"] = Job([EXE, *argv])
    jobs["fast:--version"] = Job([EXE, "--version"])
    # Typer answers completion itself now; the budget is the 100 ms that feels instant.
    jobs["other:completion of 'show jus' (budget 100 ms)"] = Job([EXE], env=COMPLETION_ENV)
    timings = measure_all(jobs, args.runs)
    floors = {name.split(":", 1)[1]: t for name, t in timings.items() if name.startswith("floor:")}
    print("Floors:")
    for name, t in floors.items():
        print(f"  {name:<28} {t.median_ms:7.1f} ms (min {t.min_ms:6.1f})  {t.peak_kb / 1024:6.1f} MB")
    results: dict[str, object] = {"floors": {k: round(v.median_ms, 1) for k, v in floors.items()}}
    print("Piped (budget 1.25x the import floor):")
    piped = [report(n[6:], t, floors, ("import floor", 1.25)) for n, t in timings.items() if n.startswith("piped:")]
    print("On a pseudo-terminal (budget 1.25x the terminal floor):")
    terminal = [report(n[4:], t, floors, ("terminal floor", 1.25)) for n, t in timings.items() if n.startswith("tty:")]
    print("Fast paths (budget 1.1x import typer):")
    fast = [report(n[5:], t, floors, ("import typer", 1.1)) for n, t in timings.items() if n.startswith("fast:")]
    print("Other commands (no budget):")
    other = [report(n[6:], t, floors, None) for n, t in timings.items() if n.startswith("other:")]
    results.update({"piped": piped, "terminal": terminal, "fast": fast, "other": other})
    if args.instructions:
        instructions(jobs)
    if args.scale:
        results["scale"] = scale(args.runs)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
