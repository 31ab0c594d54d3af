"""What the fuzzers, their property and the hostile seeds found in the readers, each fixed and
kept as a test (tests/ingest/test_fuzz_findings.py, tests/ingest/test_hostile_images.py, for the
statement readers tests/payments/test_readers_*.py, for the chat export readers
tests/fuzz/test_social_findings.py) and as a seed (``seeds.HOSTILE`` or
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
    Finding(
        "telegram",
        "a personal chat of 100,000 messages whose peer never writes",
        "each message held back looked again at every one held (up to 1,000): 50 million"
        " look-ups, 34 s instead of 5",
        "hostile seed",
    ),
    Finding(
        "whatsapp",
        "a message line over the 8 MB record limit (after a message, or the file's first line)",
        "read as more of the message above, which was quarantined as too large with it; as the"
        " first line, dropped without a word",
        "hostile seed (a 30 MB line), by the property (every message line gives an item)",
    ),
    Finding(
        "whatsapp, instagram",
        "the same message (time, sender, text) again after others: a phone's clock set back an"
        " hour writes 1:30 twice",
        "both given one id (the count of alike messages started again at each new minute):"
        " the store kept one",
        "hostile seed (a sample repeated 40 times), by the property (no two messages share an id)",
    ),
    Finding(
        "instagram",
        "a post whose medium's name is longer than a file name may be (300 characters)",
        "OSError (ENAMETOOLONG) out of the reader looking for the file: the run aborted",
        "a hostile seed written on reading the reader",
    ),
    Finding(
        "instagram",
        "a follow list cut short (followers_1.json, following.json)",
        "Unreadable out of the reader (a follow list was read outside the try that quarantines"
        " a broken document): the run aborted",
        "the fuzzer (its first input: a seed cut in half)",
    ),
    Finding(
        "telegram, instagram (json_stream)",
        "a number cut by the end of a read after its point or exponent (5550. then 42)",
        "read as 5550, and the stream broken at the point: what follows quarantined, a chat"
        " lost, wherever a read of the file happened to end",
        "the fuzzer (the property: a file read in chunks of 7 bytes gives what it gives whole)",
    ),
]
