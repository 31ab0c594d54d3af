"""What the fuzzers, their property and the hostile seeds found in the readers, each fixed and
kept as a test (tests/ingest/test_fuzz_findings.py, tests/ingest/test_hostile_images.py, for the
statement readers tests/payments/test_readers_*.py) and as a seed (``seeds.HOSTILE`` or
``fuzz/regressions/``); those still open say so (``fixed=False``), their inputs described here
until a fix keeps them as seeds. benchmarks/integrity.py reports them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Finding:
    readers: str
    input: str
    before: str
    found_by: str
    fixed: bool = True


FINDINGS = [
    Finding(
        "jsonl, cdr",
        "a number of more than 4,300 digits",
        "ValueError out of the reader: the run aborted, the batch lost",
        "hostile seed",
    ),
    Finding(
        "jsonl, cdr",
        "an escaped lone surrogate (\\ud800)",
        "read as a record, then UnicodeEncodeError storing it: the batch lost",
        "the property (every record storable)",
    ),
    Finding(
        "jsonl, csv",
        "a truncated .gz or corrupt .zst",
        "EOFError / zstd error out of the reader: the batch lost",
        "hostile seed",
    ),
    Finding(
        "format detection",
        "a first line nested 100,000 deep (or a huge number)",
        "RecursionError before any reader ran",
        "regression test of a seed",
    ),
    Finding(
        "csv", "a 30 MB line", "the line held whole in memory (memory grew with it)", "hostile seed"
    ),
    Finding(
        "html", "a page over the 8 MB limit", "read whole before being refused", "hostile seed"
    ),
    Finding(
        "html, cdr",
        "nesting past libxml2's depth, then a tag left open over 600 kB",
        "quadratic backtracking: about a quarter of an hour for one page",
        "hostile seed",
    ),
    Finding(
        "html, cdr",
        "NUL or control characters beside a script",
        "ValueError from lxml out of the page reader",
        "the fuzzer (20 s)",
    ),
    Finding(
        "image",
        "a 344 kB PNG that decodes to 9400 x 9400 RGBA (88 megapixels)",
        "decoded in the record stage: 1 GB and 2.3 s for one photo",
        "hostile seed",
    ),
    Finding(
        "image",
        "any image Pillow cannot identify",
        "its error kept a Python object repr (<_io.BytesIO object at 0x...>): now 'the file'",
        "the property",
    ),
    Finding(
        "ofx",
        "an OFX file of 9.5 MB: 100,000 <STMTTRN> never closed, 100 bytes apart",
        "each skipped past the record limit rescans 8 MB for its end tag: 44 s, 16,115 items",
        "hostile seed (a larger one than kept)",
    ),
    Finding(
        "mt940",
        "a statement header of 100,000 :28C: lines (1.4 MB), then 20 entries",
        "the header is parsed again with each entry: 0.5 s an entry, 10 s in all",
        "hostile seed (a larger one than kept)",
    ),
    Finding(
        "mt940",
        "one entry of 800,000 :86: lines (6.9 MB, under the record limit)",
        "the mt940 package joins each :86: to the last by +=: quadratic, 46 s and 300 MB",
        "hostile seed (a larger one than kept)",
    ),
    Finding(
        "venmo",
        "a row whose first cell opens a quote never closed",
        "the rest of the file is one cell, a row without an ID, taken for a balance row:"
        " every transaction after it dropped in silence",
        "hostile seed (a quote left open)",
    ),
]
