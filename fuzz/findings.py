"""What the fuzzers, their property and the hostile seeds found in the readers, each fixed and
kept as a test (tests/ingest/test_fuzz_findings.py, tests/ingest/test_hostile_images.py) and as
a seed (``seeds.HOSTILE`` or ``fuzz/regressions/``). benchmarks/integrity.py reports them."""

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
]
