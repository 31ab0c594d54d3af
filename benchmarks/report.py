"""Write a benchmark's table into its own section of docs/benchmarks.md.

Each benchmark owns one section, fenced by ``<!-- bench:NAME -->`` markers, and replaces only that
section, so benchmarks run in any order and re-running one refreshes its numbers.
"""

from __future__ import annotations

import os
import platform
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
HEADER = (
    "# Benchmarks\n\n"
    "Measured numbers, written by the scripts in `benchmarks/` (`make bench` runs them all).\n"
    "Each section says which machine and when. Tests never time things; these scripts do.\n"
)


def machine() -> str:
    mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, {mem_gb:.0f} GB, "
        f"Python {platform.python_version()}, {datetime.now(UTC):%Y-%m-%d}"
    )


def table(header: list[str], rows: list[list[object]]) -> str:
    def cell(v: object) -> str:
        if isinstance(v, float):
            return f"{v:,.3f}" if abs(v) < 10 else f"{v:,.0f}"
        return str(v)

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def write_section(name: str, title: str, body: str, doc: Path = DOC) -> None:
    """Replace (or append) the section NAME in docs/benchmarks.md and echo it to stdout."""
    section = (
        f"<!-- bench:{name} -->\n## {title}\n\nMachine: {machine()}. "
        f"Command: `{' '.join([Path(sys.argv[0]).name, *sys.argv[1:]])}`.\n\n{body.strip()}\n"
        f"<!-- /bench:{name} -->"
    )
    text = doc.read_text() if doc.exists() else HEADER
    pattern = re.compile(
        rf"<!-- bench:{re.escape(name)} -->.*?<!-- /bench:{re.escape(name)} -->", re.S
    )
    text = (
        pattern.sub(lambda _: section, text)
        if pattern.search(text)
        else text.rstrip() + "\n\n" + section + "\n"
    )
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text(text)
    print(section)
