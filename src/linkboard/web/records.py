"""One record as the record page shows it: text and spans, risk breakdown, photos, provenance,
the other records sharing each identifier or photo, and its network."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from linkboard.ingest.images import stored_image
from linkboard.model import LINKABLE_KINDS
from linkboard.web import image_problems
from linkboard.web.reasons import bias, reasons
from linkboard.web.schemas import (
    Highlight,
    Hit,
    ImageOut,
    MentionOut,
    Provenance,
    RecordDetail,
)

#: How far a "shared with N other records" count goes before it says "N+".
SHARE_CAP = 100
IMAGE_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png",
               ".gif": "image/gif", ".webp": "image/webp"}  # fmt: skip


def record_detail(db: sqlite3.Connection, record_id: str) -> RecordDetail | None:
    row = db.execute("SELECT * FROM records WHERE id = ?", (record_id,)).fetchone()
    if row is None:
        return None
    mentions = _mentions(db, record_id)
    hits = hits_of(db, "record", record_id)
    network_name = ""
    if row["network_id"]:
        net = db.execute("SELECT name FROM networks WHERE id = ?", (row["network_id"],)).fetchone()
        network_name = (net["name"] if net else "") or ""
    return RecordDetail(
        id=row["id"], kind=row["kind"], title=row["title"], body=row["body"], url=row["url"],
        site=row["site"], posted_at=row["posted_at"], location=row["location"], city=row["city"],
        risk=row["risk"], possible_minor=bool(row["possible_minor"]),
        network_id=row["network_id"], network_name=network_name,
        provenance=Provenance(source=row["source"], locator=row["locator"],
                              ingested_at=row["ingested_at"], sha256=row["sha256"]),
        breakdown=reasons(row["breakdown"]), bias=bias(row["breakdown"]),
        mentions=mentions, hits=hits, images=_images(db, row),
        highlights=_highlights(mentions, hits),
    )  # fmt: skip


def _mentions(db: sqlite3.Connection, record_id: str) -> list[MentionOut]:
    out = []
    for m in db.execute(
        "SELECT * FROM mentions WHERE record_id = ? ORDER BY field, start", (record_id,)
    ):
        linkable = m["kind"] in LINKABLE_KINDS
        shared = 0
        if linkable:
            shared = db.execute(
                "SELECT count(*) FROM (SELECT DISTINCT record_id FROM mentions "
                "WHERE kind = ? AND value = ? AND record_id != ? LIMIT ?)",
                (m["kind"], m["value"], record_id, SHARE_CAP),
            ).fetchone()[0]
        out.append(MentionOut(
            kind=m["kind"], value=m["value"], text=m["text"], field=m["field"], start=m["start"],
            end=m["end"], rule=m["rule"],
            identifier=f"{m['kind']}:{m['value']}" if linkable else None, shared_with=shared,
        ))  # fmt: skip
    return out


def _images(db: sqlite3.Connection, row: sqlite3.Row) -> list[ImageOut]:
    facts = {
        f["ref"]: f for f in db.execute("SELECT * FROM images WHERE record_id = ?", (row["id"],))
    }
    refs = list(json.loads(row["images"] or "[]"))
    refs += [ref for ref in facts if ref not in refs]
    out = []
    for index, ref in enumerate(refs):
        fact = facts.get(ref)
        same = 0
        if fact is not None and fact["sha256"]:
            same = db.execute(
                "SELECT count(*) FROM (SELECT DISTINCT record_id FROM images WHERE sha256 = ? "
                "AND record_id != ? LIMIT ?)",
                (fact["sha256"], row["id"], SHARE_CAP),
            ).fetchone()[0]
        out.append(ImageOut(
            index=index, ref=ref, sha256=fact["sha256"] if fact else "",
            pdq=fact["pdq"] if fact else "", width=fact["width"] if fact else 0,
            height=fact["height"] if fact else 0, url=f"/records/{row['id']}/images/{index}",
            same_photo=same, problem=image_problems.plain(fact["error"]) if fact else "",
        ))  # fmt: skip
    return out


def _highlights(mentions: list[MentionOut], hits: list[Hit]) -> list[Highlight]:
    spans = [
        Highlight(
            field=m.field, start=m.start, end=m.end, label=m.kind, kind=m.kind, value=m.value
        )  # fmt: skip
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
        )  # fmt: skip
        for h in hits
        if h.field and h.start >= 0 and h.end > h.start
    ]
    return spans


def image_path(db: sqlite3.Connection, record_id: str, index: int, folder: Path) -> Path | None:
    """The stored file of a record's ``index``-th photo: only an image the record stage decoded
    (a sha256 and no error), and only from the store's own content-addressed image FOLDER
    (``ingest.images``), never from the path an ad named."""
    detail_row = db.execute("SELECT id, images FROM records WHERE id = ?", (record_id,)).fetchone()
    if detail_row is None:
        return None
    images = _images(db, detail_row)
    if not 0 <= index < len(images) or not images[index].sha256:
        return None
    decoded = db.execute(
        "SELECT 1 FROM images WHERE record_id = ? AND sha256 = ? AND error = '' AND pdq != ''",
        (record_id, images[index].sha256),
    ).fetchone()
    return stored_image(folder, images[index].sha256) if decoded else None


def related_records(
    db: sqlite3.Connection, kind: str, value: str, exclude: str, limit: int = 20
) -> list[str]:
    """Other records holding an identifier (``image`` = same photo sha256)."""
    if kind == "image":
        sql = "SELECT DISTINCT record_id FROM images WHERE sha256 = ? AND record_id != ? LIMIT ?"
        return [r[0] for r in db.execute(sql, (value, exclude, limit))]
    sql = (
        "SELECT DISTINCT record_id FROM mentions WHERE kind = ? AND value = ? "
        "AND record_id != ? LIMIT ?"
    )
    return [r[0] for r in db.execute(sql, (kind, value, exclude, limit))]


def hits_of(db: sqlite3.Connection, subject: str, subject_id: str) -> list[Hit]:
    """The indicator hits of a record or a network, strongest first."""
    rows = db.execute(
        "SELECT * FROM hits WHERE subject = ? AND subject_id = ? ORDER BY weight DESC",
        (subject, subject_id),
    )
    keys = ("code", "level", "weight", "evidence", "field", "start", "end")
    return [Hit(**{k: h[k] for k in keys}) for h in rows]
