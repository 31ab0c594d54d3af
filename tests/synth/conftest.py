"""Corpora generated once per test module run: they are the data these tests read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from linkboard.synth import SynthSummary, generate


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SynthSummary]:
    """1000 ads, text only."""
    out = tmp_path_factory.mktemp("synth-text")
    return out, generate(out, 1000, seed=11, images=False)


@pytest.fixture(scope="session")
def pictured(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SynthSummary]:
    """300 ads with their images."""
    out = tmp_path_factory.mktemp("synth-images")
    return out, generate(out, 300, seed=5, images=True)
