-- Migration 13: who does what. The people who log in to this practice file, with their role,
-- and the audit trail of what they did (HIPAA Security Rule 164.312(a)(2)(i) unique user
-- identification, 164.312(b) audit controls, 164.312(c) integrity).
--
-- Passwords are kept only as argon2id hashes (PHC strings). A user is never deleted, only
-- deactivated: the audit trail names them.
CREATE TABLE users (
    id                   INTEGER PRIMARY KEY,
    login                TEXT NOT NULL UNIQUE COLLATE NOCASE,
    full_name            TEXT NOT NULL,
    role                 TEXT NOT NULL CHECK (role IN ('administrator', 'biller', 'front_desk', 'read_only')),
    password_hash        TEXT NOT NULL,
    must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
    active               INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    -- Failed logins since the last good one, and when the last failed: each failure after the
    -- fifth makes the next try wait longer.
    failed_logins        INTEGER NOT NULL DEFAULT 0,
    last_failed_at       TEXT,
    created_at           TEXT NOT NULL,
    password_changed_at  TEXT NOT NULL
) STRICT;

-- The practice file's security settings: one row.
CREATE TABLE security_settings (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    lock_after_minutes INTEGER NOT NULL DEFAULT 10 CHECK (lock_after_minutes BETWEEN 1 AND 240),
    -- A demo practice (invented data): its login screen shows the demo logins.
    demo               INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1))
) STRICT;
INSERT INTO security_settings (id) VALUES (1);

-- The audit trail: append-only and hash-chained. Each entry's hash covers its own fields and
-- the previous entry's hash, so changing, inserting or deleting an entry breaks the chain from
-- there on (`Store::check` names the first such entry). Ids run 1, 2, 3... with no gaps.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,              -- UTC, ISO 8601
    user_id     INTEGER REFERENCES users (id),
    user_name   TEXT NOT NULL,              -- the login (or "system", "demo") as it was
    source      TEXT NOT NULL,              -- app, cli, import, demo
    action      TEXT NOT NULL,              -- claimdesk_core::Action name, or a session event
    outcome     TEXT NOT NULL CHECK (outcome IN ('done', 'refused', 'failed')),
    record_kind TEXT NOT NULL DEFAULT '',   -- patient, visit, claim, remittance, payment, ...
    record_id   INTEGER,
    patient_id  INTEGER,
    detail      TEXT NOT NULL DEFAULT '',   -- JSON: the fields before and after, or a note
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
) STRICT;
-- The Audit screen's filters, each newest first.
CREATE INDEX audit_by_user ON audit_log (user_id);
CREATE INDEX audit_by_patient ON audit_log (patient_id) WHERE patient_id IS NOT NULL;
CREATE INDEX audit_by_action ON audit_log (action);
CREATE INDEX audit_by_time ON audit_log (at);

-- Append-only: the program never changes or removes an entry.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
