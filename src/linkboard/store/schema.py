"""The store's schema as an ordered list of migrations.

A database records the number of migrations applied (``PRAGMA user_version``); opening it applies
the missing ones in order, each in one transaction. Never edit a released migration: add one.
A migration is SQL, or a ``Step``: statements, a Python function over the data, statements.
"""

from __future__ import annotations

from linkboard.store.migration import Step
from linkboard.store.schema_audit import AUDIT_CHAIN
from linkboard.store.schema_media import HASH_LISTS, PHOTO_METADATA

__all__ = ["MIGRATIONS", "Step"]


MIGRATIONS: list[str | Step] = [
    # 1: records, provenance, quarantine, full-text search
    """
    CREATE TABLE records (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        source TEXT NOT NULL,
        locator TEXT NOT NULL,
        ingested_at TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        raw TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL DEFAULT '',
        url TEXT NOT NULL DEFAULT '',
        site TEXT NOT NULL DEFAULT '',
        posted_at TEXT,
        location TEXT NOT NULL DEFAULT '',
        images TEXT NOT NULL DEFAULT '[]',
        region TEXT NOT NULL DEFAULT 'US',
        extra TEXT NOT NULL DEFAULT '{}',
        processed_sha TEXT,
        processed_version TEXT,
        risk REAL,
        record_risk REAL,
        breakdown TEXT,
        possible_minor INTEGER NOT NULL DEFAULT 0,
        city TEXT,
        network_id TEXT
    );
    CREATE INDEX records_pending ON records(processed_sha);
    CREATE INDEX records_risk ON records(risk DESC);
    CREATE INDEX records_posted ON records(posted_at);
    CREATE INDEX records_site ON records(site);
    CREATE INDEX records_city ON records(city);
    CREATE INDEX records_network ON records(network_id);
    CREATE INDEX records_triage ON records(possible_minor, risk DESC, id DESC);
    CREATE INDEX records_city_triage ON records(city, possible_minor, risk DESC, id DESC);
    CREATE INDEX records_ingested ON records(ingested_at);
    CREATE INDEX records_lifted ON records(id) WHERE network_id IS NULL AND risk != record_risk;
    CREATE TABLE record_history (
        id TEXT NOT NULL, sha256 TEXT NOT NULL, raw TEXT NOT NULL,
        source TEXT NOT NULL, locator TEXT NOT NULL, ingested_at TEXT NOT NULL
    );
    CREATE TABLE quarantine (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        locator TEXT NOT NULL,
        reason TEXT NOT NULL,
        sample TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL,
        UNIQUE (source, locator, reason)
    );
    CREATE VIRTUAL TABLE records_fts USING fts5(
        title, body, content='records', content_rowid='rowid', tokenize='unicode61',
        prefix='2 3'
    );
    CREATE TRIGGER records_ai AFTER INSERT ON records BEGIN
        INSERT INTO records_fts(rowid, title, body) VALUES (new.rowid, new.title, new.body);
    END;
    CREATE TRIGGER records_ad AFTER DELETE ON records BEGIN
        INSERT INTO records_fts(records_fts, rowid, title, body)
        VALUES ('delete', old.rowid, old.title, old.body);
    END;
    CREATE TRIGGER records_au AFTER UPDATE OF title, body ON records BEGIN
        INSERT INTO records_fts(records_fts, rowid, title, body)
        VALUES ('delete', old.rowid, old.title, old.body);
        INSERT INTO records_fts(rowid, title, body) VALUES (new.rowid, new.title, new.body);
    END;
    """,
    # 2: derived facts: mentions, images, indicator hits
    """
    CREATE TABLE mentions (
        record_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        value TEXT NOT NULL,
        text TEXT NOT NULL,
        field TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        rule TEXT NOT NULL,
        data TEXT NOT NULL DEFAULT '{}',
        version TEXT NOT NULL
    );
    CREATE INDEX mentions_record ON mentions(record_id);
    CREATE INDEX mentions_value ON mentions(kind, value);
    CREATE TABLE images (
        record_id TEXT NOT NULL,
        ref TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        pdq TEXT NOT NULL,
        quality INTEGER NOT NULL,
        phash TEXT NOT NULL DEFAULT '',
        width INTEGER NOT NULL DEFAULT 0,
        height INTEGER NOT NULL DEFAULT 0,
        error TEXT NOT NULL DEFAULT '',
        version TEXT NOT NULL
    );
    CREATE INDEX images_record ON images(record_id);
    CREATE INDEX images_sha ON images(sha256);
    CREATE INDEX images_pdq ON images(pdq);
    CREATE TABLE hits (
        subject TEXT NOT NULL,
        subject_id TEXT NOT NULL,
        code TEXT NOT NULL,
        level TEXT NOT NULL,
        weight REAL NOT NULL,
        evidence TEXT NOT NULL,
        field TEXT NOT NULL DEFAULT '',
        start INTEGER NOT NULL DEFAULT -1,
        "end" INTEGER NOT NULL DEFAULT -1,
        detail TEXT NOT NULL DEFAULT '{}',
        version TEXT NOT NULL
    );
    CREATE INDEX hits_subject ON hits(subject, subject_id);
    CREATE INDEX hits_code ON hits(code);
    """,
    # 3: links, networks, their history, and identifiers held back from linking
    """
    CREATE TABLE links (
        a TEXT NOT NULL,
        b TEXT NOT NULL,
        kind TEXT NOT NULL,
        hard INTEGER NOT NULL,
        score REAL NOT NULL,
        evidence TEXT NOT NULL,
        version TEXT NOT NULL,
        PRIMARY KEY (a, b, kind)
    ) WITHOUT ROWID;
    CREATE INDEX links_b ON links(b);
    CREATE TABLE networks (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL DEFAULT '',
        size INTEGER NOT NULL,
        risk REAL,
        possible_minor INTEGER NOT NULL DEFAULT 0,
        first_seen TEXT,
        last_seen TEXT,
        summary TEXT NOT NULL DEFAULT '{}',
        breakdown TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX networks_risk ON networks(risk DESC);
    CREATE INDEX networks_triage ON networks(possible_minor, risk DESC, id DESC);
    CREATE TABLE network_events (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        event TEXT NOT NULL,
        network_id TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX network_events_network ON network_events(network_id);
    CREATE TABLE text_bands (
        band INTEGER NOT NULL,
        key INTEGER NOT NULL,
        record_id TEXT NOT NULL
    );
    CREATE INDEX text_bands_key ON text_bands(band, key);
    CREATE INDEX text_bands_record ON text_bands(record_id);
    CREATE TABLE identifier_status (
        identifier TEXT PRIMARY KEY,
        status TEXT NOT NULL,
        reason TEXT NOT NULL,
        by TEXT NOT NULL,
        at TEXT NOT NULL
    );
    """,
    # casework: accounts, settings, audit (append-only), cases, curation, watches and alerts
    """
    CREATE TABLE users (
        username TEXT PRIMARY KEY,
        password_hash TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'viewer')),
        disabled INTEGER NOT NULL DEFAULT 0,
        failed_logins INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        epoch INTEGER NOT NULL DEFAULT 0,
        last_login TEXT,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL
    );
    CREATE TABLE app_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL DEFAULT '',
        outcome TEXT NOT NULL DEFAULT 'ok',
        detail TEXT NOT NULL DEFAULT '{}',
        client TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX audit_log_target ON audit_log(target);
    CREATE INDEX audit_log_actor ON audit_log(actor);
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
        SELECT RAISE(ABORT, 'audit_log is append-only');
    END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
        SELECT RAISE(ABORT, 'audit_log is append-only');
    END;
    CREATE TABLE cases (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'open',
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE case_items (
        case_id INTEGER NOT NULL REFERENCES cases(id),
        kind TEXT NOT NULL CHECK (kind IN ('network', 'record', 'identifier')),
        ref TEXT NOT NULL,
        added_by TEXT NOT NULL,
        added_at TEXT NOT NULL,
        PRIMARY KEY (case_id, kind, ref)
    );
    CREATE INDEX case_items_ref ON case_items(kind, ref);
    CREATE TABLE case_notes (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        author TEXT NOT NULL,
        at TEXT NOT NULL,
        body TEXT NOT NULL,
        about TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX case_notes_case ON case_notes(case_id);
    CREATE TABLE case_tags (
        case_id INTEGER NOT NULL REFERENCES cases(id),
        tag TEXT NOT NULL,
        PRIMARY KEY (case_id, tag)
    );
    CREATE TABLE curation_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        detail TEXT NOT NULL DEFAULT '{}',
        undoes INTEGER REFERENCES curation_log(id)
    );
    CREATE INDEX curation_log_target ON curation_log(target);
    CREATE TRIGGER curation_log_no_update BEFORE UPDATE ON curation_log BEGIN
        SELECT RAISE(ABORT, 'curation_log is append-only');
    END;
    CREATE TRIGGER curation_log_no_delete BEFORE DELETE ON curation_log BEGIN
        SELECT RAISE(ABORT, 'curation_log is append-only');
    END;
    CREATE TABLE link_decisions (
        a TEXT NOT NULL,
        b TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('join', 'cut')),
        curation_id INTEGER NOT NULL REFERENCES curation_log(id),
        PRIMARY KEY (a, b, decision)
    ) WITHOUT ROWID;
    CREATE INDEX link_decisions_curation ON link_decisions(curation_id);
    CREATE TABLE watches (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('identifier', 'image', 'search', 'network')),
        value TEXT NOT NULL,
        label TEXT NOT NULL DEFAULT '',
        owner TEXT NOT NULL,
        webhook TEXT NOT NULL DEFAULT '',
        max_distance INTEGER NOT NULL DEFAULT 0,
        active INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL
    );
    CREATE TABLE alerts (
        id INTEGER PRIMARY KEY,
        watch_id INTEGER NOT NULL REFERENCES watches(id),
        record_id TEXT NOT NULL,
        at TEXT NOT NULL,
        retroactive INTEGER NOT NULL DEFAULT 0,
        seen INTEGER NOT NULL DEFAULT 0,
        detail TEXT NOT NULL DEFAULT '{}',
        UNIQUE (watch_id, record_id)
    );
    CREATE INDEX alerts_unseen ON alerts(seen, id);
    """,
    # linking: per-sentence spread (boilerplate detection for text linking, incremental)
    """
    CREATE TABLE IF NOT EXISTS text_sentences (
        hash INTEGER PRIMARY KEY,
        records INTEGER NOT NULL,
        names TEXT NOT NULL DEFAULT '[]',
        cities TEXT NOT NULL DEFAULT '[]'
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS links_kind ON links(kind);
    """,
    # linking: template families (ads written from one template), a finding apart from networks
    """
    CREATE TABLE template_families (
        id TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        networks TEXT NOT NULL DEFAULT '[]',
        template TEXT NOT NULL DEFAULT '',
        slots TEXT NOT NULL DEFAULT '[]',
        similarity REAL NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE template_members (
        record_id TEXT PRIMARY KEY,
        family_id TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX template_members_family ON template_members(family_id);
    """,
    # engine: the link stage's own mark, set in the transaction that saves its links, so that a
    # run after a crash links what the record stage finished but linking did not (stores from
    # before this migration count as linked where they are processed)
    """
    ALTER TABLE records ADD COLUMN linked_sha TEXT;
    ALTER TABLE records ADD COLUMN linked_version TEXT;
    UPDATE records SET linked_sha = processed_sha, linked_version = processed_version;
    CREATE INDEX records_unlinked ON records(id) WHERE processed_sha IS NOT NULL
        AND (linked_sha IS NOT processed_sha OR linked_version IS NOT processed_version);
    """,
    # casework: the sign-in throttle and the web sessions, kept in the store so that every
    # worker process of the web app sees the same failures and the same sessions
    """
    CREATE TABLE sign_in_failures (
        key TEXT PRIMARY KEY,
        failures INTEGER NOT NULL,
        last_at TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX sign_in_failures_last ON sign_in_failures(last_at);
    CREATE TABLE sign_in_origins (
        username TEXT NOT NULL,
        address TEXT NOT NULL,
        last_at TEXT NOT NULL,
        PRIMARY KEY (username, address)
    ) WITHOUT ROWID;
    CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL,
        started_at TEXT NOT NULL,
        seen_at TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX sessions_user ON sessions(username);
    """,
    AUDIT_CHAIN,
    # web workspace: what each signed-in user has seen and reviewed, and their visits (the web
    # app created these itself before, hence IF NOT EXISTS)
    """
    CREATE TABLE IF NOT EXISTS web_marks (
        session TEXT NOT NULL,
        subject TEXT NOT NULL,
        subject_id TEXT NOT NULL,
        mark TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (session, subject, subject_id, mark)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS web_visits (
        session TEXT PRIMARY KEY,
        previous TEXT,
        last TEXT NOT NULL
    ) WITHOUT ROWID;
    """,
    # facts: how a record holds each value it mentions (model.ROLES); only 'self' identifiers
    # link records into one network. Every mention stored before this is its record's own.
    """
    ALTER TABLE mentions ADD COLUMN role TEXT NOT NULL DEFAULT 'self';
    """,
    # channels: the records of one kind (every account, to re-evaluate its rules)
    """
    CREATE INDEX records_kind ON records(kind);
    """,
    PHOTO_METADATA,
    HASH_LISTS,
]
