"""Span highlighting, pasted lists and template slots: the pure pieces of the pages."""

from __future__ import annotations

from linkboard.web.highlight import highlight
from linkboard.web.schemas import Highlight
from linkboard.web.search import parse_list
from linkboard.web.template_slots import template_parts


def span(start: int, end: int, label: str, kind: str = "phone") -> Highlight:
    return Highlight(field="body", start=start, end=end, label=label, kind=kind)


def test_overlapping_and_nested_spans_are_cut_and_all_named() -> None:
    text = "call <702> 555 now"
    html = str(highlight(text, [span(5, 14, "phone"), span(0, 10, "CODE", "indicator")]))
    assert "&lt;702&gt;" in html
    assert "<702>" not in html
    assert html.count("<mark") == 3  # "call " | "<702>" (both) | " 555"
    assert 'class="hl hl-indicator hl-phone hl-overlap"' in html
    assert html.index(">CODE<") < html.index(">phone<")
    assert html.endswith(" now")


def test_spans_outside_the_text_are_ignored_and_text_still_escaped() -> None:
    assert str(highlight("<b>", [span(2, 99, "x")])) == "&lt;b&gt;"


def test_pasted_lists_split_on_lines_commas_and_tabs() -> None:
    assert parse_list("a\nb, c\t\ta\n") == ["a", "b", "c"]


def test_template_slots_are_the_words_that_vary() -> None:
    parts = template_parts(["Hi I am Lola in Houston", "Hi I am Mia in Dallas"])
    assert parts == [{"text": "Hi I am"}, {"slot": ["Lola", "Mia"]}, {"text": "in"},
                     {"slot": ["Houston", "Dallas"]}]  # fmt: skip
