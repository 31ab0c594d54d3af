"""The ``device`` value type: a body serial with its maker, junk rejected, defaults generic."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from linkboard.media import devices
from linkboard.media.devices import (
    DEVICE_TYPE,
    GENERIC_SERIALS,
    device_of,
    display_device,
    is_generic,
    read_device,
)
from linkboard.media.exif import PhotoMeta
from linkboard.values import ValueType


@pytest.mark.parametrize(
    ("serial", "make", "value"),
    [
        ("FX0012345678", "Canon", "canon:FX0012345678"),
        ("  fx0012345678\x00", "CANON", "canon:FX0012345678"),
        ("4012 7788", "NIKON CORPORATION", "nikon:40127788"),
        ("4012 7788", "Nikon", "nikon:40127788"),
        ("BHP12345", "OLYMPUS IMAGING CORP.", "olympus:BHP12345"),
        ("5551234", "PENTAX Corporation", "pentax:5551234"),
        ("R58M12ABCDE", "samsung", "samsung:R58M12ABCDE"),
        ("R58M12ABCDE", "SAMSUNG Electronics", "samsung:R58M12ABCDE"),
        ("A1B2-C3D4", "Google", "google:A1B2-C3D4"),
        ("ABCD", "Sony", "sony:ABCD"),
        ("9" * 39 + "8", "Sony", "sony:" + "9" * 39 + "8"),
    ],
)
def test_a_serial_reads_with_its_maker(serial: str, make: str, value: str) -> None:
    assert read_device(serial, make, "US") == value


@pytest.mark.parametrize(
    ("serial", "make"),
    [
        ("0000000000", "Canon"),
        ("000000", "Canon"),
        ("XXXX", "Canon"),
        ("unknown", "Canon"),
        ("Unknown", "Canon"),
        ("N/A", "Canon"),
        ("none", "Canon"),
        ("Serial Number", "Canon"),
        ("abc", "Canon"),  # too short
        ("A" * 20 + "B" * 21, "Canon"),  # too long
        ("AB\x01CD1234", "Canon"),  # non-printable
        ("ÄBCD1234", "Canon"),  # not ASCII
        ("----", "Canon"),
        ("", "Canon"),
        ("FX0012345678", ""),  # a serial means nothing without its maker
        ("FX0012345678", "Unknown"),
        ("FX0012345678", "Ca\x07non"),
    ],
)
def test_junk_is_no_device(serial: str, make: str) -> None:
    assert read_device(serial, make, "US") is None


def test_typed_alone_it_is_make_colon_serial() -> None:
    assert read_device("Canon:FX0012345678") == "canon:FX0012345678"
    assert read_device(" nikon corporation : 4012 7788 ") == "nikon:40127788"
    assert read_device("FX0012345678") is None
    assert read_device(":FX0012345678") is None


def test_display_and_value_type() -> None:
    assert display_device("canon:FX0012345678") == "device FX0012345678 (canon)"
    assert isinstance(DEVICE_TYPE, ValueType)
    assert (DEVICE_TYPE.kind, DEVICE_TYPE.linkable, DEVICE_TYPE.bare) == ("device", True, False)
    assert DEVICE_TYPE.read("FX0012345678", "Canon", "US") == "canon:FX0012345678"
    assert DEVICE_TYPE.same("canon:FX1", "canon:FX1")
    assert not DEVICE_TYPE.same("canon:FX1", "nikon:FX1")


def test_factory_defaults_are_read_but_generic() -> None:
    for serial in ("123456", "0123456789ABCDEF", "20080411"):
        assert serial in GENERIC_SERIALS
        value = read_device(serial, "Generic Tablets Inc.")
        assert value is not None
        assert is_generic(value)
    assert not is_generic("canon:FX0012345678")


def test_device_of_a_photo() -> None:
    assert device_of(PhotoMeta(make="Canon", serial="FX0012345678")) == "canon:FX0012345678"
    assert device_of(PhotoMeta(serial="FX0012345678")) is None
    assert device_of(PhotoMeta(make="Canon", serial="0000000000")) is None


def test_every_data_entry_has_a_serial_and_a_meaning() -> None:
    data = yaml.safe_load((devices.DATA / "generic_serials.yaml").read_text("utf-8"))
    for section in ("placeholders", "generic"):
        assert data[section]
        for entry in data[section]:
            assert set(entry) == {"serial", "meaning"}
            assert entry["serial"]
            assert entry["meaning"]


def test_a_bad_list_file_names_itself(tmp_path: Path) -> None:
    path = tmp_path / "serials.yaml"
    path.write_text("placeholders:\n  - {serial: X}\n", "utf-8")
    with pytest.raises(ValueError, match=r"serials\.yaml"):
        devices.serial_lists(path)
