"""The audit log's chain, as a migration: each entry chained to the one before by hash
(``store.auditchain``); the entries written before are chained in order, then triggers keep every
insert on the chain and refuse any update or delete."""

from __future__ import annotations

from linkboard.store.auditchain import GENESIS, chain_existing
from linkboard.store.migration import Step

AUDIT_NO_UPDATE = """
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
        SELECT RAISE(ABORT, 'audit_log is append-only');
    END"""

AUDIT_CHAIN = Step(
    before=(
        "ALTER TABLE audit_log ADD COLUMN prev_hash TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE audit_log ADD COLUMN hash TEXT NOT NULL DEFAULT ''",
        """CREATE TABLE audit_head (
            one INTEGER PRIMARY KEY CHECK (one = 1),
            entries INTEGER NOT NULL,
            last_id INTEGER NOT NULL,
            hash TEXT NOT NULL
        )""",
        "DROP TRIGGER audit_log_no_update",
    ),
    run=chain_existing,
    after=(
        AUDIT_NO_UPDATE,
        f"""CREATE TRIGGER audit_log_chained BEFORE INSERT ON audit_log
        WHEN new.id IS NULL OR new.id <= (SELECT last_id FROM audit_head)
            OR new.prev_hash IS NOT (SELECT hash FROM audit_head)
            OR length(new.hash) != 64 OR new.hash = '{GENESIS}'
        BEGIN
            SELECT RAISE(ABORT, 'audit_log is a chain: an entry follows the last one');
        END""",
        """CREATE TRIGGER audit_log_head AFTER INSERT ON audit_log BEGIN
            UPDATE audit_head SET entries = entries + 1, last_id = new.id, hash = new.hash;
        END""",
        """CREATE TRIGGER audit_head_follows BEFORE UPDATE ON audit_head
        WHEN new.entries IS NOT old.entries + 1
            OR new.last_id IS NOT (SELECT max(id) FROM audit_log)
            OR new.hash IS NOT (SELECT hash FROM audit_log WHERE id = new.last_id)
        BEGIN
            SELECT RAISE(ABORT, 'audit_head follows the audit log');
        END""",
        """CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head BEGIN
            SELECT RAISE(ABORT, 'audit_head follows the audit log');
        END""",
    ),
)
