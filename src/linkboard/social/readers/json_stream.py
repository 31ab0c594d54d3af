"""One large JSON document walked as a stream, in bounded memory: its objects member by member
and its arrays item by item, each value that is wanted decoded on its own (``json``'s C decoder,
``raw_decode``, over a buffer that holds a little more than that value), each other one skipped
by a scanner that never holds more than a buffer of it. A two-gigabyte chat export is read one
message at a time.

A value that cannot be decoded (broken, too large, nested too deeply) is skipped to its end and
reported (``BadValue``); the walk goes on after it. Where the document's own structure breaks
(a missing comma between messages, a truncated file) the walk cannot go on: ``Unreadable``.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from linkboard.ingest.lines import MAX_DEPTH, too_deep
from linkboard.ingest.sources import MAX_RECORD_BYTES, STREAM_ERRORS, open_binary

#: How many bytes one read takes from the file.
CHUNK = 1 << 20
#: A decoding error this close to the buffer's end may be the buffer's end: read on and retry.
NEAR_END = 16
_SPACE = re.compile(r"[ \t\r\n]*")
_STRING_BODY = re.compile(r'[^"\\]*(?:\\.[^"\\]*)*', re.S)
_BARE = re.compile(r'[^ \t\r\n"\[\]{},:]*')
_DECODER = json.JSONDecoder()


def _may_go_on(value: Any, left: int) -> bool:
    """Whether a value decoded with LEFT characters after it in the buffer may go on past the
    buffer's end: any value that ends it, and a number with a part of one after it (``5550.``
    then ``42``; ``1.5e`` then ``10``)."""
    number = isinstance(value, int | float) and not isinstance(value, bool)
    return left == 0 or (left <= 2 and number)


class Unreadable(Exception):
    """The document's structure breaks at LINE: nothing after it can be read."""

    def __init__(self, reason: str, line: int) -> None:
        super().__init__(reason)
        self.reason, self.line = reason, line


class BadValue(Exception):
    """One value could not be decoded; the stream is past it (``skipped``) or at its end."""

    def __init__(self, reason: str, line: int, sample: str) -> None:
        super().__init__(reason)
        self.reason, self.line, self.sample = reason, line, sample


@contextmanager
def opened(path: Path, progress: Callable[[int], None] | None = None) -> Iterator[JsonStream]:
    """A JsonStream over the file at PATH (plain, .gz or .zst); PROGRESS is told how many bytes
    of the file are read."""
    stream, raw_file = open_binary(path)
    with raw_file, stream:
        yield JsonStream(stream, (lambda: progress(raw_file.tell())) if progress else None)


class JsonStream:
    """A cursor over the JSON text of STREAM (UTF-8 bytes; bad bytes read as U+FFFD); TELL, when
    given, is told after each read how far into the file the stream is."""

    def __init__(self, stream: IO[bytes], tell: Callable[[], None] | None = None) -> None:
        self._stream, self._tell = stream, tell
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self.buf, self.pos, self.eof = "", 0, False
        self._lines, self._counted = 0, 0
        self._fill(0)
        if self.buf.startswith("\ufeff"):
            self.pos = 1

    # -- reading ------------------------------------------------------------------------------

    def _fill(self, at_least: int) -> bool:
        """Read on (AT_LEAST characters more, or a chunk); False at the end of the input."""
        if self.eof:
            return False
        self.line()
        self.buf, self._counted, self.pos = self.buf[self.pos :], 0, 0
        try:
            data = self._stream.read(max(CHUNK, at_least))
        except STREAM_ERRORS as exc:
            self.eof = True
            raise Unreadable(f"unreadable input from here on: {exc or type(exc).__name__}",
                             self.line()) from None  # fmt: skip
        if self._tell is not None:
            self._tell()
        self.eof = not data
        self.buf += self._decoder.decode(data, final=self.eof)
        return True

    def line(self) -> int:
        """The line the cursor is on (from 1)."""
        self._lines += self.buf.count("\n", self._counted, self.pos)
        self._counted = self.pos
        return self._lines + 1

    def peek(self) -> str:
        """The next character that is not white space ("" at the end), not consumed."""
        while True:
            self.pos = _SPACE.match(self.buf, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._fill(0):
                return ""

    def broken(self, expected: str) -> Unreadable:
        found = self.peek()
        what = repr(found) if found else "the end of the input"
        return Unreadable(f"unreadable JSON from here on: expected {expected}, found {what}",
                          self.line())  # fmt: skip

    # -- walking ------------------------------------------------------------------------------

    def members(self) -> Iterator[str]:
        """The keys of the object at the cursor; after each, the caller reads or skips its
        value (``value``, ``skip`` or a walk of its own)."""
        if self.peek() != "{":
            raise self.broken("an object")
        self.pos += 1
        yield from self._entries("}", key=True)

    def items(self) -> Iterator[int]:
        """The array at the cursor, item by item (each item's index); the caller reads or skips
        each item."""
        if self.peek() != "[":
            raise self.broken("an array")
        self.pos += 1
        for index, _ in enumerate(self._entries("]", key=False)):
            yield index

    def _entries(self, close: str, *, key: bool) -> Iterator[str]:
        first = True
        while True:
            found = self.peek()
            if found == close:
                self.pos += 1
                return
            if not first:
                if found != ",":
                    raise self.broken(f"',' or '{close}'")
                self.pos += 1
            first = False
            yield self._key() if key else ""

    def _key(self) -> str:
        if self.peek() != '"':
            raise self.broken("a key")
        try:
            name = self.value(limit=MAX_RECORD_BYTES)[0]
        except BadValue as exc:
            raise Unreadable(f"unreadable JSON from here on: a key that is {exc.reason}",
                             exc.line) from None  # fmt: skip
        if self.peek() != ":":
            raise self.broken("':'")
        self.pos += 1
        return str(name)

    # -- values -------------------------------------------------------------------------------

    def value(self, limit: int = MAX_RECORD_BYTES) -> tuple[Any, str, int]:
        """(value, its JSON text, its line) at the cursor; BadValue, once past it, when it is
        not JSON, over LIMIT characters, or nested over ``MAX_DEPTH`` levels."""
        if self.peek() == "":
            raise self.broken("a value")
        line = self.line()
        while True:
            try:
                found, end = _DECODER.raw_decode(self.buf, self.pos)
            except RecursionError:
                raise self._bad(f"too deeply nested: over {MAX_DEPTH} levels", line) from None
            except ValueError as exc:
                if self._truncated(exc, limit) and self._fill(len(self.buf) - self.pos):
                    continue
                raise self._bad(self._why(exc, limit), line) from None
            if _may_go_on(found, len(self.buf) - end) and self._fill(0):
                continue  # a number may go on in the next chunk
            if end - self.pos > limit:
                raise self._bad(f"too large: over {limit:,} characters", line)
            text, self.pos = self.buf[self.pos : end], end
            if text.count("[") + text.count("{") > MAX_DEPTH and too_deep(found):
                raise BadValue(f"too deeply nested: over {MAX_DEPTH} levels", line, text[:200])
            return found, text, line

    def _truncated(self, exc: ValueError, limit: int) -> bool:
        """Whether the value may only be cut short by the buffer's end (and may be read whole
        with more of the input, within LIMIT)."""
        if self.eof or len(self.buf) - self.pos > limit:
            return False
        if not isinstance(exc, json.JSONDecodeError):
            return False
        near_end = exc.pos >= len(self.buf) - NEAR_END  # a literal, number or escape cut short
        return near_end or exc.msg.startswith("Unterminated string")

    def _why(self, exc: ValueError, limit: int) -> str:
        if len(self.buf) - self.pos > limit:
            return f"too large: over {limit:,} characters"
        if isinstance(exc, json.JSONDecodeError):
            return f"invalid JSON: {exc.msg}"
        return f"invalid JSON: {str(exc)[:100]}"

    def _bad(self, reason: str, line: int) -> BadValue:
        sample = self.buf[self.pos : self.pos + 200]
        self.skip()
        return BadValue(reason, line, sample)

    def skip(self) -> None:
        """Move past the value at the cursor without decoding it (bounded memory: a value of any
        size, broken or not; a broken one ends where its brackets balance, or at a comma)."""
        depth = 0
        while (found := self.peek()) != "":
            if found in "]},:":
                if depth == 0:
                    return
                self.pos += 1
                depth -= 1 if found in "]}" else 0
            elif found in "[{":
                self.pos += 1
                depth += 1
            elif found == '"':
                self._skip_string()
            else:
                self._skip_bare()
            if depth == 0:
                return

    def _skip_string(self) -> None:
        self.pos += 1
        while True:
            self.pos = _STRING_BODY.match(self.buf, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.buf) and self.buf[self.pos] == '"':
                self.pos += 1
                return
            if not self._fill(0):  # a lone backslash at the buffer's end waits for more
                self.pos = len(self.buf)
                return

    def _skip_bare(self) -> None:
        while True:
            self.pos = _BARE.match(self.buf, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.buf) or not self._fill(0):
                return
