"""A record's text as HTML with every mention and indicator span marked and labelled.

Spans may overlap or nest: the text is cut at every span boundary, each piece is escaped and
wrapped in one ``<mark>`` that names all the spans covering it, and a small label opens each span.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from markupsafe import Markup, escape

from linkboard.web.schemas import Highlight


def highlight(text: str, spans: Iterable[Highlight]) -> Markup:
    """``text`` escaped, with ``spans`` (already filtered to this field) marked."""
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    if not valid:
        return escape(text)
    order = sorted(range(len(valid)), key=lambda i: (valid[i].start, -valid[i].end))
    cuts = sorted({0, len(text), *(s.start for s in valid), *(s.end for s in valid)})
    out: list[str] = []
    for lo, hi in itertools.pairwise(cuts):
        covering = [i for i in order if valid[i].start <= lo and valid[i].end >= hi]
        for i in covering:
            if valid[i].start == lo:
                out.append(_label(valid[i], i))
        piece = str(escape(text[lo:hi]))
        if not covering:
            out.append(piece)
            continue
        kinds = sorted({_css_kind(valid[i]) for i in covering})
        title = "; ".join(_title(valid[i]) for i in covering)
        spans_attr = " ".join(f"s{i}" for i in covering)
        classes = " ".join(["hl", *(f"hl-{k}" for k in kinds)])
        if len(covering) > 1:
            classes += " hl-overlap"
        out.append(
            f'<mark class="{classes}" data-spans="{spans_attr}" title="{escape(title)}">'
            f"{piece}</mark>"
        )
    return Markup("".join(out))


def _css_kind(span: Highlight) -> str:
    return "indicator" if span.kind == "indicator" else span.kind


def _label(span: Highlight, index: int) -> str:
    return (
        f'<span class="hl-label hl-label-{_css_kind(span)}" id="span-{span.field}-{index}" '
        f'aria-hidden="true">{escape(span.label)}</span>'
    )


def _title(span: Highlight) -> str:
    return f"{span.label}: {span.value}" if span.value else span.label
