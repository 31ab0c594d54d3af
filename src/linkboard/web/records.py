"""One record as the record page shows it: text and spans, risk breakdown, photos (with what
their metadata says: camera, device, capture time, GPS), provenance, the other records sharing
each identifier or photo, and its network."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from linkboard.ingest.images import stored_image
from linkboard.model import is_linkable
from linkboard.store.base import Store
from linkboard.store.pages import PageQueries
from linkboard.web import image_problems
from linkboard.web.accounts import channel_parts
from linkboard.web.hashlists import known_images
from linkboard.web.photos import photo_fields, photo_points
from linkboard.web.reasons import bias, reasons
from linkboard.web.schemas import (
    Highlight,
    Hit,
    ImageOut,
    MentionOut,
    Provenance,
    RecordDetail,
)
from linkboard.web.social_accounts import social_parts

#: How far a "shared with N other records" count goes before it says "N+".
SHARE_CAP = 100
IMAGE_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png",
               ".gif": "image/gif", ".webp": "image/webp"}  # fmt: skip


def record_detail(
    store: Store, record_id: str, *, page: int = 1, reveal: bool = True
) -> RecordDetail | None:
    """RECORD_ID as its page shows it; an account's PAGE of transactions. REVEAL: account
    numbers the payments parts show in full (``web.masking`` conceals the rest)."""
    row = store.record_view(record_id)
    if row is None:
        return None
    mentions = _mentions(store, record_id)
    hits = hits_of(store, "record", record_id)
    return RecordDetail(
        id=row.id, kind=row.kind, title=row.title, body=row.body, url=row.url, site=row.site,
        posted_at=row.posted_at, location=row.location, city=row.city, risk=row.risk,
        possible_minor=row.possible_minor, network_id=row.network_id,
        network_name=row.network_name,
        provenance=Provenance(source=row.source, locator=row.locator,
                              ingested_at=row.ingested_at, sha256=row.sha256),
        breakdown=reasons(row.breakdown), bias=bias(row.breakdown),
        mentions=mentions, hits=hits, images=_images(store, row.id, row.images),
        known_images=known_images(store, row.id),
        photo_points=photo_points(store, [row.id]),
        highlights=_highlights(mentions, hits), other_fields=_other_fields(row.extra),
        **channel_parts(store, row.kind, row.id, page, reveal),
        **social_parts(store, row, page),
    )  # fmt: skip


def _other_fields(extra: dict[str, Any]) -> dict[str, str]:
    """The fields a record kind keeps as they are, as text (a value over 500 characters cut)."""
    shown = {}
    for name, value in sorted(extra.items()):
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        shown[name] = text if len(text) <= 500 else text[:500] + "…"
    return shown


def _mentions(store: PageQueries, record_id: str) -> list[MentionOut]:
    out = []
    for m in store.mentions(record_id):
        linkable = is_linkable(m.kind)
        shared = 0
        if linkable:
            shared = store.identifier_shared(m.kind, m.value, record_id, SHARE_CAP)
        out.append(MentionOut(
            kind=m.kind, value=m.value, text=m.text, field=m.field, start=m.start, end=m.end,
            rule=m.rule, identifier=f"{m.kind}:{m.value}" if linkable else None,
            shared_with=shared, role=m.role,
        ))  # fmt: skip
    return out


def _images(store: PageQueries, record_id: str, named: list[str]) -> list[ImageOut]:
    facts = {f.ref: f for f in store.images(record_id)}
    refs = list(named)
    refs += [ref for ref in facts if ref not in refs]
    out = []
    for index, ref in enumerate(refs):
        fact = facts.get(ref)
        same = 0
        if fact is not None and fact.sha256:
            same = store.photo_shared(fact.sha256, record_id, SHARE_CAP)
        out.append(ImageOut(
            index=index, ref=ref, sha256=fact.sha256 if fact else "",
            pdq=fact.pdq if fact else "", width=fact.width if fact else 0,
            height=fact.height if fact else 0, url=f"/records/{record_id}/images/{index}",
            same_photo=same, problem=image_problems.plain(fact.error) if fact else "",
            **(photo_fields(fact.meta) if fact else {}),
        ))  # fmt: skip
    return out


def _highlights(mentions: list[MentionOut], hits: list[Hit]) -> list[Highlight]:
    spans = [
        Highlight(field=m.field, start=m.start, end=m.end, label=m.kind, kind=m.kind, value=m.value)
        for m in mentions
    ]
    spans += [
        Highlight(
            field=h.field,
            start=h.start,
            end=h.end,
            label=h.code,
            kind="indicator",
            value=h.evidence,
        )
        for h in hits
        if h.field and h.start >= 0 and h.end > h.start
    ]
    return spans


def image_path(store: PageQueries, record_id: str, index: int, folder: Path) -> Path | None:
    """The stored file of a record's ``index``-th photo: only an image the record stage decoded
    (a sha256 and no error), and only from the store's own content-addressed image FOLDER
    (``ingest.images``), never from the path an ad named."""
    named = store.record_image_refs(record_id)
    if named is None:
        return None
    images = _images(store, record_id, named)
    if not 0 <= index < len(images) or not images[index].sha256:
        return None
    decoded = store.photo_decoded(record_id, images[index].sha256)
    return stored_image(folder, images[index].sha256) if decoded else None


def hits_of(store: PageQueries, subject: str, subject_id: str) -> list[Hit]:
    """The indicator hits of a record or a network, strongest first."""
    return [
        Hit(code=h.code, level=h.level, weight=h.weight, evidence=h.evidence, field=h.field,
            start=h.start, end=h.end)
        for h in store.hits(subject, subject_id)
    ]  # fmt: skip
