"""The back half only moves behind its seams (issue 18): a ratchet over what
benchmarks/architecture.py counts in src/linkboard, with ``ast`` alone (no mypy, under a second).

ALLOWANCES holds, per kind and module, today's count of SQL calls and SQL literals outside
store/, SQLite imports outside store/, modules over 400 lines and functions over 40. A count
above its allowance, or a module that is not listed, fails with the lines to change; a count
below it fails too, asking to lower the allowance, so the numbers only go down. After a change
that lowers them, ``python benchmarks/architecture.py --no-mypy --allowances`` prints the new
table to paste here.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _architecture() -> ModuleType:
    if str(ROOT / "benchmarks") not in sys.path:
        sys.path.insert(0, str(ROOT / "benchmarks"))
    return importlib.import_module("architecture")


architecture = _architecture()

ALLOWANCES: dict[str, dict[str, int]] = {
    "sql_call": {},
    "sql_literal": {},
    "sqlite_import": {},
    "long_module": {},
    "long_function": {},
}


@pytest.fixture(scope="module")
def found() -> list:
    return architecture.findings(ROOT / "src" / "linkboard")


def test_the_ratchet_covers_what_the_benchmark_counts():
    assert tuple(ALLOWANCES) == architecture.RATCHET


@pytest.mark.parametrize("kind", list(ALLOWANCES))
def test_no_module_grows_past_its_allowance(found, kind):
    title, todo = architecture.KINDS[kind]
    allowed = ALLOWANCES[kind]
    counts = architecture.counts(found)[kind]
    problems = []
    for module, n in counts.items():
        if n > allowed.get(module, 0):
            lines = [f"  {f}" for f in found if f.kind == kind and f.module == module]
            problems.append(
                f"src/linkboard/{module}: {n} {title}, allowed {allowed.get(module, 0)}; "
                f"{todo}:\n" + "\n".join(lines)
            )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("kind", list(ALLOWANCES))
def test_an_allowance_comes_down_with_its_count(found, kind):
    title, _ = architecture.KINDS[kind]
    counts = architecture.counts(found)[kind]
    problems = [
        f"src/linkboard/{module}: {counts.get(module, 0)} {title}, allowed {n}: "
        + (
            f"lower its allowance in tests/test_architecture.py to {counts[module]}"
            if counts.get(module)
            else "remove its entry from tests/test_architecture.py"
        )
        + " (the ratchet only moves down)"
        for module, n in ALLOWANCES[kind].items()
        if counts.get(module, 0) < n
    ]
    assert not problems, "\n".join(problems)
