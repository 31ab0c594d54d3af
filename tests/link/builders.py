"""Tiny builders: records with hand-made mentions and images, saved into a temp store."""

from __future__ import annotations

from linkboard.model import ImageFact, Mention, Provenance, Record, RecordFacts, sha256_text
from linkboard.store import SQLiteStore


def mentions_in(
    body: str, values: dict[str, tuple[str, str]], roles: dict[str, str] | None = None
) -> list[Mention]:
    """Mentions for each ``text -> (kind, value)`` found in BODY, in the role ROLES gives that
    text (``self`` when it gives none)."""
    out = []
    for text, (kind, value) in values.items():
        start = body.index(text)
        role = (roles or {}).get(text, "self")
        out.append(Mention(kind, value, text, start, start + len(text), "test", role=role))
    return out


def add(
    store: SQLiteStore,
    rid: str,
    body: str,
    values: dict[str, tuple[str, str]] | None = None,
    *,
    city: str | None = None,
    posted: str | None = None,
    site: str = "site-a",
    images: list[ImageFact] | None = None,
    roles: dict[str, str] | None = None,
) -> None:
    rec = Record(
        rid,
        "ad",
        body,
        Provenance("test", rid, "2024-01-01T00:00:00", sha256_text(body)),
        body=body,
        site=site,
        posted_at=posted,
    )
    store.add_records([rec])
    store.save_record_facts(
        [
            RecordFacts(
                rec, mentions_in(body, values or {}, roles), images or [], [], None, None, city=city
            )
        ]
    )


def network(store: SQLiteStore, rid: str) -> str | None:
    return store.record_row(rid)["network_id"]


def events(store: SQLiteStore) -> list[tuple[str, str]]:
    return [
        (r[0], r[1])
        for r in store.execute("SELECT event, network_id FROM network_events ORDER BY id")
    ]


def abstract_image(seed: int, size: tuple[int, int] = (320, 400)):
    """An abstract test 'photo': colour ramp, blobs, shapes and grain (never a person)."""
    import numpy as np
    from PIL import Image, ImageDraw

    rng = np.random.default_rng(seed)
    w, h = size
    ys, xs = np.mgrid[0:1:50j, 0:1:40j]
    angle = rng.uniform(0, 2 * np.pi)
    field = (np.cos(angle) * xs + np.sin(angle) * ys)[..., None] * rng.uniform(-200, 200, 3)
    field = field + rng.uniform(30, 220, 3)
    for _ in range(rng.integers(5, 10)):
        cy, cx, s = rng.uniform(0, 1), rng.uniform(0, 1), rng.uniform(0.06, 0.3)
        field += np.exp(-((ys - cy) ** 2 + (xs - cx) ** 2) / (2 * s * s))[..., None] * rng.uniform(
            -160, 160, 3
        )
    img = Image.fromarray(np.clip(field, 0, 255).astype(np.uint8)).resize(size)
    draw = ImageDraw.Draw(img)
    for _ in range(rng.integers(2, 6)):
        x0, y0 = int(rng.integers(-40, w)), int(rng.integers(-40, h))
        box = (x0, y0, x0 + int(rng.integers(40, 200)), y0 + int(rng.integers(40, 220)))
        colour = tuple(int(c) for c in rng.integers(0, 256, 3))
        (draw.ellipse if rng.random() < 0.5 else draw.rectangle)(box, fill=colour)
    grain = rng.integers(-10, 11, size=(h, w, 3))
    return Image.fromarray(
        np.clip(np.asarray(img, dtype=np.int16) + grain, 0, 255).astype(np.uint8)
    )


def crop_resize(img, share: float, seed: int = 0):
    """Cut SHARE of the area (more from one side) and resize back."""
    import random

    rng = random.Random(seed)
    w, h = img.size
    side = 1 - (1 - share) ** 0.5
    dx, dy = round(w * side), round(h * side)
    left, top = round(dx * rng.uniform(0.3, 0.7)), round(dy * rng.uniform(0.3, 0.7))
    return img.crop((left, top, w - (dx - left), h - (dy - top))).resize((w, h))


def jpeg(img, quality: int = 85) -> bytes:
    import io

    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=quality)
    return buf.getvalue()
