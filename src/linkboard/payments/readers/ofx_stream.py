"""The parts of an OFX file a statement reader needs, found in a stream of text in bounded
memory: each STMTTRN aggregate (an entry), each BANKACCTFROM and CCACCTFROM (the account the
entries after it are booked on), and the CURDEF and ORG elements, each with the line it starts
on. OFX 1.x (SGML, elements without end tags) and 2.x (XML) alike: aggregates always end.

Time is linear in the input: the scanner remembers, for each aggregate, how far a search for
its end tag has looked in vain, and a later search (the same aggregate, once more text is read,
or the next one opened inside text already searched) goes on from there. Without it each
aggregate opened inside a region past the record limit rescanned the region: 8 MB apiece."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from linkboard.ingest.sources import MAX_RECORD_BYTES

AGGREGATES = ("STMTTRN", "BANKACCTFROM", "CCACCTFROM")
ELEMENTS = ("CURDEF", "ORG")
CHUNK = 1 << 20
_OPEN = re.compile(rf"<({'|'.join(AGGREGATES + ELEMENTS)})>", re.I)
_CLOSE = {name: re.compile(rf"</{name}>", re.I) for name in AGGREGATES}
#: How much text after the last match is kept for the next chunk: a tag cut in two.
_TAIL = 16


@dataclass(frozen=True, slots=True)
class Piece:
    name: str  # STMTTRN, BANKACCTFROM, CCACCTFROM, CURDEF or ORG
    text: str  # an aggregate's markup, an element's value
    line: int
    problem: str = ""


class Scanner:
    """The pieces of the OFX body a stream of bytes holds, decoded with ENCODING."""

    def __init__(self, stream: IO[bytes], encoding: str) -> None:
        self._stream = stream
        self._decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
        self._text = ""
        self._pos = 0
        self._line = 1  # the line self._pos is on
        self._eof = False
        #: Per aggregate, where in self._text a search for its end tag is to go on: none ends
        #: in the text before (searched from an opening tag at or before self._pos).
        self._searched: dict[str, int] = {}

    def __iter__(self) -> Iterator[Piece]:
        while True:
            found = _OPEN.search(self._text, self._pos)
            if found is None:
                self._advance(max(self._pos, len(self._text) - _TAIL))
                if not self._more():
                    return
                continue
            self._advance(found.start())
            piece = self._piece(found)
            if piece is not None:
                yield piece
            elif len(self._text) - self._pos > MAX_RECORD_BYTES:
                yield self._skip(found, f"<{found[1]}> too large: over {MAX_RECORD_BYTES:,} bytes")
            elif not self._more():
                yield self._skip(found, f"<{found[1]}> does not end: the file is cut short")
                return

    def _more(self) -> bool:
        """Read another chunk; False at the end of the stream."""
        if self._eof:
            return False
        data = self._stream.read(CHUNK)
        self._eof = not data
        self._text = self._text[self._pos :] + self._decoder.decode(data, final=self._eof)
        self._searched = {name: at - self._pos for name, at in self._searched.items()}
        self._pos = 0
        return True

    def _advance(self, to: int) -> int:
        self._line += self._text.count("\n", self._pos, to)
        self._pos = to
        return self._line

    def _piece(self, found: re.Match[str]) -> Piece | None:
        """The piece FOUND opens, once the text holds all of it; None until then."""
        name, line = found[1].upper(), self._line
        if name in ELEMENTS:
            end = self._text.find("<", found.end())
            if end < 0 and not self._eof:
                return None
            end = len(self._text) if end < 0 else end
            value = self._text[found.end() : end]
        else:
            close = self._close(name, found.end())
            if close is None:
                return None
            end = close.end()
            value = self._text[found.start() : end]
        self._advance(end)
        return Piece(name, value, line)

    def _close(self, name: str, start: int) -> re.Match[str] | None:
        """NAME's end tag after START, searched for from where the last search for it stopped;
        None when the text read so far holds none."""
        close = _CLOSE[name].search(self._text, max(start, self._searched.get(name, 0)))
        if close is None:  # an end tag cut in two by the chunk's end is looked for again
            self._searched[name] = max(start, len(self._text) - _TAIL)
        return close

    def _skip(self, found: re.Match[str], problem: str) -> Piece:
        """Past the opening tag FOUND: a piece that says why what it opens cannot be read."""
        line = self._line
        sample = self._text[self._pos : self._pos + 200]
        self._advance(min(found.end(), len(self._text)))
        return Piece(found[1].upper(), sample, line, problem)
