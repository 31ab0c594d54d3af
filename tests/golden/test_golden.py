"""Same answers: the whole pipeline on a fixed synthetic corpus, against the recorded fixture.

The scenario (``tests/golden/record.py``) synthesises a corpus with photos, runs it in two parts
with curation, a case and four watches in between, and collects the record export with each
record's risk breakdown, the networks (members, summaries, breakdowns, history), the alerts, the
audit log and what the terminal shows. Each is compared field by field with
``tests/golden/fixture/``; clock times, the temporary folder and the hash of a file that holds
clock times are left out. Floats compare to 1e-9 relative, so a sum taken in another order
passes and a changed score does not.

A failure lists the first differences by path, e.g.
``records[ad-000017].breakdown.risk: 0.41, recorded 0.38``. When an answer is meant to change,
re-record (``tests/golden/README.md``).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.golden.record import FILES, load_fixture, run_scenario

SHOWN = 25
REL_TOL = 1e-9


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return run_scenario(Path(tmp_path_factory.mktemp("golden")))


@pytest.fixture(scope="module")
def recorded() -> dict[str, Any]:
    return load_fixture()


# A recursive diff: one branch per JSON shape and per tolerated field (timestamps aside).
def differences(want: Any, got: Any, path: str) -> Iterator[str]:  # noqa: C901
    """Where GOT differs from WANT, one line per difference, by path."""
    if isinstance(want, dict) and isinstance(got, dict):
        for key in sorted(want.keys() | got.keys()):
            where = f"{path}.{key}"
            if key not in got:
                yield f"{where}: missing (recorded {_short(want[key])})"
            elif key not in want:
                yield f"{where}: new (now {_short(got[key])})"
            else:
                yield from differences(want[key], got[key], where)
    elif isinstance(want, list) and isinstance(got, list):
        if _keyed(want) and _keyed(got):
            wanted, gotten = _by_key(want), _by_key(got)
            for key in sorted(wanted.keys() - gotten.keys()):
                yield f"{path}[{key}]: missing"
            for key in sorted(gotten.keys() - wanted.keys()):
                yield f"{path}[{key}]: new"
            for key in sorted(wanted.keys() & gotten.keys()):
                yield from differences(wanted[key], gotten[key], f"{path}[{key}]")
            return
        for i, (w, g) in enumerate(zip(want, got, strict=False)):
            yield from differences(w, g, f"{path}[{i}]")
        if len(want) != len(got):
            yield f"{path}: {len(got)} items, recorded {len(want)}"
    elif isinstance(want, str) and isinstance(got, str) and "\n" in want + got:
        lines = zip(want.splitlines(), got.splitlines(), strict=False)
        for i, (w, g) in enumerate(lines, start=1):
            if w != g:
                yield f"{path}, line {i}: {_short(g)}, recorded {_short(w)}"
        if len(want.splitlines()) != len(got.splitlines()):
            yield f"{path}: {len(got.splitlines())} lines, recorded {len(want.splitlines())}"
    elif _number(want) and _number(got):
        if not math.isclose(want, got, rel_tol=REL_TOL, abs_tol=1e-12):
            yield f"{path}: {got!r}, recorded {want!r}"
    elif type(want) is not type(got) or want != got:
        yield f"{path}: {_short(got)}, recorded {_short(want)}"


def _keyed(items: list[Any]) -> bool:
    """A list of objects with distinct keys (records, networks, alerts) compares by key, not
    position: one record more shows as one difference, not as every record after it."""
    keys = [_key(i) for i in items]
    return bool(keys) and None not in keys and len(set(keys)) == len(keys)


def _key(item: Any) -> str | None:
    if not isinstance(item, dict):
        return None
    if "id" in item:
        return str(item["id"])
    if "watch_id" in item and "record_id" in item:
        return f"watch {item['watch_id']}, {item['record_id']}"
    return None


def _by_key(items: list[dict[str, Any]]) -> dict[str, Any]:
    return {str(_key(item)): item for item in items}


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 160 else text[:157] + "..."


def test_the_corpus_is_the_recorded_one(answers: dict[str, Any], recorded: dict[str, Any]):
    """The answers are answers to this corpus: if `linkboard synth` writes another one, the
    comparisons below mean nothing (fix synth, or re-record on purpose)."""
    assert answers["scenario"]["corpus"] == recorded["scenario"]["corpus"]


@pytest.mark.parametrize("name", FILES)
def test_same_answers(answers: dict[str, Any], recorded: dict[str, Any], name: str):
    found = list(differences(recorded[name], answers[name], name))
    if found:
        more = f"\n... and {len(found) - SHOWN} more" if len(found) > SHOWN else ""
        pytest.fail(
            f"{len(found)} answer(s) differ from tests/golden/fixture/{name}.json:\n"
            + "\n".join(found[:SHOWN])
            + more,
            pytrace=False,
        )
