"""Every chat export reader under property-based tests: random bytes, and the sample exports
mutated (bytes cut, doubled, replaced, the formats' own tokens put in odd places), plain or
compressed. Whatever comes in, a reader only ever gives records and quarantined items with a
reason in words (an ``InputError`` only up front, for a file refused whole), each record
storable, and it ends: a reader that takes more than a few seconds on a small input fails."""

from __future__ import annotations

import gzip
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import pytest
import zstandard
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linkboard.ingest.sources import InputError
from linkboard.model import Quarantined, Record
from linkboard.social.readers import READERS, json_stream
from tests.social.test_readers import DATA, OPTIONS, SAMPLES, storable

PROPERTY = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
#: How long one small input may take to read before the reader counts as hanging.
LIMIT_S = 5
#: The file name each format is fuzzed under (WhatsApp's names its chat).
NAMES = {"telegram": "result.json", "whatsapp": "WhatsApp Chat with Fuzz.txt",
         "instagram": "message_1.json"}  # fmt: skip
TOKENS = [
    b"{", b"}", b"[", b"]", b'"', b",", b":", b"\\", b"\\u", b"\\ud800", b"\\\"", b"null",
    b"true", b"-", b"1e999999", b"9" * 40, b"[" * 3000, b"{\"a\":" * 500, b"\x00", b"\xff",
    b"\xe2\x80", b"\xef\xbb\xbf", b"\n", b"\r\n", b"\r", b" ", b'"messages": [',
    b'"type": "service"', b'"text": [{"type": "text_link", "href": 5}]', b'"from_id": 7',
    b'"date_unixtime": "99999999999999"', b'"date": "2025-13-45T99:99:99"', b'"chats": {"list": ',
    b'"participants": [', b'"sender_name": null', b'"timestamp_ms": -1', b'"media": [{"uri": 1}]',
    b"1/5/25, 9:05 PM - ", b"31.12.25, 21:05 - Lola: ", b"[1/5/25, 9:05:12\xe2\x80\xafPM] ",
    b"\xe2\x80\x8e", b"<Media omitted>", b"<attached: x.jpg>", b" (file attached)",
    b"99/99/99, 99:99 PM - X: y", b"+1 702-555-0142: ",
]  # fmt: skip
edits = st.lists(
    st.tuples(
        st.integers(0, 1 << 20),
        st.sampled_from(["delete", "insert", "replace", "double", "truncate"]),
        st.sampled_from(TOKENS) | st.binary(max_size=30),
    ),
    max_size=6,
)
packing = st.sampled_from(["", ".gz", ".zst"])


def mutated(data: bytes, changes: list[tuple[int, str, bytes]]) -> bytes:
    for at, how, token in changes:
        i = at % (len(data) + 1)
        if how == "delete":
            data = data[:i] + data[i + len(token) + 1 :]
        elif how == "insert":
            data = data[:i] + token + data[i:]
        elif how == "replace":
            data = data[:i] + token + data[i + len(token) :]
        elif how == "double":
            data = data[:i] + data[i : i + 200] + data[i:]
        else:
            data = data[:i]
    return data


@contextmanager
def bounded(seconds: int) -> Iterator[None]:
    """Fail, rather than hang, past SECONDS."""

    def expired(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"a reader took over {seconds} s on a small input")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _samples(fmt: str) -> list[Path]:
    return [DATA / name for name, own in SAMPLES.items() if own == fmt]


def written(folder: Path, fmt: str, data: bytes, suffix: str, name: str = "") -> Path:
    path = folder / ((name or NAMES[fmt]) + suffix)
    if suffix == ".gz":
        data = gzip.compress(data, mtime=0)
    elif suffix == ".zst":
        data = zstandard.ZstdCompressor().compress(data)
    path.write_bytes(data)
    return path


def read_all(fmt: str, path: Path) -> list[Record | Quarantined]:
    """Every item the reader gives PATH, each checked; an InputError only before any."""
    found: list[Record | Quarantined] = []
    refused: InputError | None = None
    with bounded(LIMIT_S):
        try:
            for item in READERS[fmt].read(path, OPTIONS, None):
                assert isinstance(item, Record | Quarantined)
                storable(item)
                found.append(item)
        except InputError as exc:
            refused = exc
    if refused is not None:
        assert not found, f"refused after {len(found)} items: {refused}"
        assert str(refused).strip()
    return found


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@contextmanager
def chunks_of(size: int) -> Iterator[None]:
    """Streams read in chunks of SIZE bytes (a few: every value then straddles a chunk's end)."""
    usual = json_stream.CHUNK
    json_stream.CHUNK = size
    try:
        yield
    finally:
        json_stream.CHUNK = usual


@pytest.mark.parametrize("fmt", list(READERS))
@PROPERTY
@given(data=st.binary(max_size=3000), suffix=packing)
def test_random_bytes_give_only_records_or_reasons(
    folder: Path, fmt: str, data: bytes, suffix: str
) -> None:
    path = written(folder, fmt, data, suffix)
    read_all(fmt, path)
    detect = READERS[fmt].detect
    assert detect is not None
    with bounded(LIMIT_S):
        detect(path)


@pytest.mark.parametrize("chunk", [json_stream.CHUNK, 5], ids=["chunk", "tiny-chunk"])
@pytest.mark.parametrize("fmt", list(READERS))
@PROPERTY
@given(which=st.integers(0, 10), changes=edits, suffix=packing)
def test_mutated_exports_give_only_records_or_reasons(
    folder: Path, chunk: int, fmt: str, which: int, changes: list[tuple[int, str, bytes]],
    suffix: str,
) -> None:  # fmt: skip
    sample = _samples(fmt)[which % len(_samples(fmt))]
    data = mutated(sample.read_bytes(), changes)
    name = "posts_1.json" if sample.name == "posts_1.json" else ""
    path = written(folder, fmt, data, suffix, name)
    with chunks_of(chunk):
        found = read_all(fmt, path)
    if not changes:
        assert any(isinstance(i, Record) for i in found)
