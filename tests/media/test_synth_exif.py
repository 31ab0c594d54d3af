"""``synth.exif``: deterministic JPEGs with a camera's metadata, or none."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from linkboard.synth.exif import dms, stripped, with_exif
from linkboard.synth.images import synthesize

TAKEN = datetime(2025, 7, 1, 9, 30, 0, tzinfo=timezone(timedelta(hours=-4)))


def test_the_same_arguments_give_the_same_bytes() -> None:
    img = synthesize(8, 2)
    one = with_exif(img, "Google", "Pixel Fiction", "PF00991122", TAKEN, 43.653226, -79.383184)
    two = with_exif(
        synthesize(8, 2), "Google", "Pixel Fiction", "PF00991122", TAKEN, 43.653226, -79.383184
    )
    assert one == two
    assert stripped(img) == stripped(img)
    assert b"Exif" in one[:64]
    assert b"Exif" not in stripped(img)[:200]
    assert b"PF00991122" in one


@pytest.mark.parametrize("angle", [0.0, 12.5, 48.856614, 89.9999999, -33.86882, 179.99999995])
def test_dms_holds_an_angle_to_a_millionth_of_a_second(angle: float) -> None:
    d, m, s = dms(angle)
    assert 0 <= float(m) < 60
    assert 0 <= float(s) < 60
    assert float(d) + float(m) / 60 + float(s) / 3600 == pytest.approx(abs(angle), abs=1e-9)
