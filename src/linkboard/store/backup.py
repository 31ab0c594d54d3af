"""Backup and restore of a store: its database by SQLite's online backup, and its image folder.

``backup`` copies every page of the database in one step, which reads one snapshot: the web app
and a pipeline run go on writing meanwhile (WAL), and the copy is the store as it was at one
commit, with the audit entries spooled until then (``store.auditspool``) chained into it. The
copy is a store itself (one file, no WAL), written beside OUT and renamed into place only once
it passes ``PRAGMA quick_check``. The image folder (``<db>.images/``) is copied after
the database: images are written before the records that name them and never deleted, so every
image the copy names is there (and perhaps a few newer ones).

``restore`` brings a backup back the same way, by the online backup API into the store's file,
so that a running app sees the restored store at its next query rather than a file replaced
under it; it refuses to overwrite an existing store unless told to (``force``).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from linkboard.ingest.images import image_folder
from linkboard.store import auditspool
from linkboard.store.base import StoreError
from linkboard.store.schema import MIGRATIONS


@dataclass(frozen=True, slots=True)
class Copied:
    """What a backup or restore wrote: the database, its size and its image files."""

    path: Path
    size: int
    schema: int
    images: int
    images_copied: int


def backup(db_path: Path, out: Path, *, force: bool = False) -> Copied:
    """Write a consistent copy of the store at DB_PATH, and its images, to OUT."""
    if not db_path.is_file():
        raise StoreError(f"no database at {db_path}")
    if out.exists() and out.resolve() == db_path.resolve():
        raise StoreError(f"{out} is the store itself: name another file for the backup")
    if out.exists() and not force:
        raise StoreError(f"{out} exists: name another file, or give --force to overwrite it")
    if out.is_dir():
        raise StoreError(f"{out} is a folder: name a file for the backup")
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.partial")
    _remove(partial)
    try:
        _copy_pages(_connect(db_path), sqlite3.connect(partial), to_file=True)
        _chain_spooled(db_path, partial)
        _check(partial)
        os.replace(partial, out)
    finally:
        _remove(partial)
    files, copied = mirror(image_folder(db_path), image_folder(out))
    return Copied(out, out.stat().st_size, _schema(out), files, copied)


def restore(backup_path: Path, db_path: Path, *, force: bool = False) -> Copied:
    """Bring the backup at BACKUP_PATH (and its images) back as the store at DB_PATH."""
    if not backup_path.is_file():
        raise StoreError(f"no backup at {backup_path}")
    if db_path.exists() and backup_path.resolve() == db_path.resolve():
        raise StoreError(f"{backup_path} is the store itself")
    _check(backup_path, what="backup")
    if db_path.exists() and not force:
        raise StoreError(
            f"{db_path} exists: restore into another file, or give --force to overwrite it"
        )
    db_path.parent.mkdir(parents=True, exist_ok=True)
    kept, fresh = image_folder(db_path), not db_path.exists()
    files, copied = mirror(image_folder(backup_path), kept, prune=False)
    try:
        _copy_pages(_connect(backup_path), _connect(db_path), to_file=False)
    except StoreError:
        if fresh:  # leave no half-restored store behind
            _remove(db_path)
        raise
    mirror(image_folder(backup_path), kept)  # now drop the images the old store had besides
    return Copied(db_path, db_path.stat().st_size, _schema(db_path), files, copied)


def _connect(path: Path) -> sqlite3.Connection:
    from linkboard.store.sqlite import BUSY_TIMEOUT

    return sqlite3.connect(path, timeout=BUSY_TIMEOUT)


def _copy_pages(source: sqlite3.Connection, target: sqlite3.Connection, *, to_file: bool) -> None:
    """Every page of SOURCE into TARGET in one step (one read snapshot of SOURCE)."""
    try:
        source.backup(target)
        if to_file:  # a backup is one self-contained file: no WAL beside it
            target.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot copy the store: {exc}") from exc
    finally:
        source.close()
        target.close()


def _chain_spooled(db_path: Path, copy: Path) -> None:
    """Chain into COPY the audit entries that wait in the store's spool (the store itself
    chains them at its next audit write)."""
    upto = 0
    db = sqlite3.connect(copy, isolation_level=None)
    try:
        while (waiting := auditspool.waiting(db_path, after=upto)) is not None:
            db.execute("BEGIN IMMEDIATE")
            auditspool.chain(db, waiting)
            db.execute("COMMIT")
            upto = waiting.rows[-1][0]
    finally:
        db.close()


def _check(path: Path, what: str = "copy") -> None:
    """PATH is a sound linkboard store, or StoreError says why not."""
    try:
        db = _read_only(path)
        try:
            found = db.execute("PRAGMA quick_check").fetchone()[0]
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
            version = db.execute("PRAGMA user_version").fetchone()[0]
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} is not a linkboard {what}: {exc}") from None
    if found != "ok":
        raise StoreError(f"{path} is damaged: {found}")
    if not {"records", "audit_log"} <= tables:
        raise StoreError(f"{path} is not a linkboard {what}: it has no records or audit log")
    if version > len(MIGRATIONS):
        raise StoreError(f"{path} has schema {version}, newer than this linkboard")


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def _schema(path: Path) -> int:
    db = _read_only(path)
    try:
        return int(db.execute("PRAGMA user_version").fetchone()[0])
    finally:
        db.close()


def mirror(source: Path, target: Path, *, prune: bool = True) -> tuple[int, int]:
    """Make the content-addressed folder TARGET hold SOURCE's files: copy the missing ones
    (each atomically), and with PRUNE remove those SOURCE lacks. Returns (files, copied)."""
    wanted = {p.relative_to(source) for p in _files(source)} if source.is_dir() else set()
    copied = 0
    for rel in sorted(wanted):
        dest = target / rel
        if dest.is_file() and dest.stat().st_size == (source / rel).stat().st_size:
            continue  # named by its sha256: same name and size, same bytes
        dest.parent.mkdir(parents=True, exist_ok=True)
        partial = dest.with_name(f".{dest.name}.{os.getpid()}.part")
        shutil.copyfile(source / rel, partial)
        os.replace(partial, dest)
        copied += 1
    if prune and target.is_dir():
        for path in _files(target):
            if path.relative_to(target) not in wanted:
                path.unlink()
    return len(wanted), copied


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")]


def _remove(path: Path) -> None:
    for extra in ("", "-journal", "-wal", "-shm"):
        Path(f"{path}{extra}").unlink(missing_ok=True)
