"""The media migrations: what a photo's bytes and EXIF say beside its hashes, and the hash lists
an analyst loads (``media``)."""

from __future__ import annotations

# photo metadata: an image's MD5 and SHA-1 (what hash lists exchange besides PDQ) and what
# its EXIF says (``media.PhotoMeta`` as JSON: make, model, serial, taken_at, lat, lon);
# images hashed before this have neither until their records are processed again
PHOTO_METADATA = """
ALTER TABLE images ADD COLUMN md5 TEXT NOT NULL DEFAULT '';
ALTER TABLE images ADD COLUMN sha1 TEXT NOT NULL DEFAULT '';
ALTER TABLE images ADD COLUMN meta TEXT NOT NULL DEFAULT '{}';
CREATE INDEX images_md5 ON images(md5);
CREATE INDEX images_sha1 ON images(sha1);
"""

# hash lists an analyst loaded (``media.hashlists``), their entries, and the images found
# on them (by hash alone: list, entry, hash kind, distance)
HASH_LISTS = """
CREATE TABLE hashlists (
    name TEXT PRIMARY KEY,
    source TEXT NOT NULL DEFAULT '',
    path TEXT NOT NULL DEFAULT '',
    loaded_at TEXT NOT NULL,
    loaded_by TEXT NOT NULL DEFAULT '',
    entries INTEGER NOT NULL DEFAULT 0,
    bad INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE hashlist_entries (
    list TEXT NOT NULL,
    id TEXT NOT NULL,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    quality INTEGER
);
CREATE INDEX hashlist_entries_list ON hashlist_entries(list, id);
CREATE INDEX hashlist_entries_value ON hashlist_entries(kind, value);
CREATE TABLE hashlist_matches (
    list TEXT NOT NULL,
    entry TEXT NOT NULL,
    record_id TEXT NOT NULL,
    ref TEXT NOT NULL,
    kind TEXT NOT NULL,
    distance INTEGER NOT NULL DEFAULT 0,
    matched_at TEXT NOT NULL,
    PRIMARY KEY (list, entry, record_id, ref, kind)
) WITHOUT ROWID;
CREATE INDEX hashlist_matches_record ON hashlist_matches(record_id);
"""
