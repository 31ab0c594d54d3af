from __future__ import annotations

import dataclasses
import pickle
import subprocess
import sys

import pytest

from linkboard.engine.local import facts_in_batches
from linkboard.model import Hit, ImageFact, Mention, Provenance, Record

PROV = Provenance("synthetic", "ads.jsonl:1", "2025-01-01T00:00:00Z", "0" * 64)


def _records(n: int) -> list[Record]:
    return [
        Record(
            id=f"r{i}",
            kind="ad",
            raw="{}",
            provenance=PROV,
            title=f"New in Houston, call 713-555-01{i % 100:02d}",
            body=f"Hi, I'm Lola, 2{i % 10}. IG: @lola_{i} $LolaCash{i} 150hh 24/7",
            location="Houston, TX",
            images=("img/a.jpg",),
            extra={"seen": [i, {"k": "v"}]},
        )
        for i in range(n)
    ]


def test_a_pool_of_workers_derives_what_one_process_does():
    """The record stage on two worker processes gives the facts the caller's process gives,
    record by record and in order (they travel back pickled)."""
    batches = [_records(150)[i : i + 50] for i in range(0, 150, 50)]
    here = [f for batch in facts_in_batches(iter(batches), 1, None, False) for f in batch]
    pooled = [f for batch in facts_in_batches(iter(batches), 2, None, False) for f in batch]
    assert pooled == here
    assert [f.record.id for f in pooled] == [f"r{i}" for i in range(150)]
    assert all(f.mentions and f.hits for f in pooled)


def test_model_objects_pickle_as_their_fields():
    """What the engine sends between processes comes back equal, of its class, frozen still."""
    record = _records(1)[0]
    mention = Mention("phone", "+17135550100", "713-555-0100", 21, 33, "phone.digits", "title")
    mention.data["region"] = {"country": "US", "region": "TX", "place": "Houston"}
    hit = Hit("AVAIL_24_7", "record", 0.7, '"24/7"', "body", 5, 9, {"term": "24/7"})
    image = ImageFact("img/a.jpg", "ab" * 32, "cd" * 32, 90, width=20, height=10)
    for obj in (PROV, record, mention, hit, image):
        back = pickle.loads(pickle.dumps(obj))
        assert back == obj
        assert type(back) is type(obj)
        assert back is not obj
    back = pickle.loads(pickle.dumps(record))
    with pytest.raises(dataclasses.FrozenInstanceError):
        back.id = "changed"  # type: ignore[misc]
    assert back.id == "r0"
    assert back.extra == {"seen": [0, {"k": "v"}]}


def test_a_worker_starts_without_scipy():
    """Each worker of the record stage imports the scoring package and builds a ``RecordStage``;
    scipy (half a second to import) is for fitting weights only, and stays unimported."""
    code = (
        "import sys; from linkboard.engine.stages import RecordStage; RecordStage(None, False); "
        "import linkboard.score; print(sorted(m for m in sys.modules if m.startswith('scipy')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_record_stage_workers_run_below_the_workspace():
    """A run beside `serve` on the same cores: the engine pool's workers yield the CPU to the
    analysts' pages (load benchmark: network pages p95 304 ms under ingest before)."""
    import multiprocessing as mp
    import os

    from linkboard.engine.local import WORKER_NICENESS, _init_worker

    ctx = mp.get_context("forkserver")
    with ctx.Pool(1, initializer=_init_worker, initargs=(None,)) as pool:
        niceness = pool.apply(os.nice, (0,))
    assert niceness >= os.nice(0) + WORKER_NICENESS or niceness == 19
