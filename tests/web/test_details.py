"""Stored details in words (``linkboard.web.details``): no JSON, no server path, whole times."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from linkboard.web.details import action_text, alert_reason, clean, detail_text, moment


def test_an_export_detail_names_the_file_not_the_server_folder() -> None:
    detail = {
        "format": "csv",
        "include_images": False,
        "out": "/tmp/linkboard-export-p9lvlcbm/case-1.csv",
        "records": 4,
        "sha256": "8a9bd6717db9c0faab641cdc079fef831b26810bd3eb06434eaaf291a4d32604",
    }
    assert detail_text(detail) == (
        "format csv · include images no · file case-1.csv · records 4 · sha256 8a9bd6717db9…"
    )


def test_paths_inside_text_are_cut_but_urls_and_slashes_are_not() -> None:
    assert clean("[Errno 13] Permission denied: '/srv/exports/a.html'") == (
        "[Errno 13] Permission denied: 'a.html'"
    )
    assert clean("wrote /var/tmp/x/report.html") == "wrote report.html"
    assert clean(r"wrote C:\Users\ana\report.html") == "wrote report.html"
    assert clean("https://ads.example/a/b and either/or") == "https://ads.example/a/b and either/or"


def test_nested_values_read_as_words() -> None:
    text = detail_text({"curation_id": 3, "previous": None, "records": ["a1", "a2"],
                        "removed_links": [{"a": "a1", "b": "b1"}], "api": True})  # fmt: skip
    assert text == (
        "curation id 3 · previous none · records a1, a2 · removed links 1 item · "
        "through the API yes"
    )


def test_alert_reasons_and_case_actions_are_sentences() -> None:
    assert alert_reason({"identifier": "phone:+17025550101"}) == (
        "It mentions the phone +1 702-555-0101 you watch."
    )
    assert alert_reason({"image": "/srv/x/p.png", "distance": 6}) == (
        "One of its photos is within distance 6 of the photo you watch."
    )
    assert action_text("case.add", {"kind": "network", "ref": "N00000001"}) == (
        "added network N00000001"
    )
    assert action_text("case.status", {"from": "open", "to": "closed"}) == (
        "set the status from open to closed"
    )


def test_times_read_whole() -> None:
    assert moment("2024-05-01T10:00:00+00:00") == "2024-05-01 10:00:00 UTC"
    assert moment("2024-05-01T10:00:00Z") == "2024-05-01 10:00:00 UTC"
    assert moment("2024-05-01T10:00:00-05:00") == "2024-05-01 10:00:00 -0500"
    assert moment("not a time") == "not a time"


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=12,
)  # fmt: skip


@given(st.dictionaries(st.text(min_size=1, max_size=10), JSONISH, max_size=6))
def test_any_detail_reads_without_json_punctuation(detail: dict) -> None:  # type: ignore[type-arg]
    text = detail_text(detail)
    written = "".join(str(x) for x in _leaves(detail))
    for mark in "{}[]":
        assert mark not in text or mark in written, text  # only where the input wrote it


def _leaves(value: object) -> list[object]:
    if isinstance(value, dict):
        return [x for k, v in value.items() for x in [k, *_leaves(v)]]
    if isinstance(value, list):
        return [x for v in value for x in _leaves(v)]
    return [value]
