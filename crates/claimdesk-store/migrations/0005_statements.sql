-- Migration 5: patient statements, statement holds and collections.
--
-- A statement run is recorded after its PDF was written; each statement keeps a snapshot of
-- everything it printed (JSON), so a reprint renders exactly the same statement.

-- A reason to send no statements for now (empty: statements go out as usual).
ALTER TABLE patients ADD COLUMN statement_hold_reason TEXT NOT NULL DEFAULT '';
-- Sent to a collection agency: no more statements from the practice.
ALTER TABLE patients ADD COLUMN collections_status TEXT NOT NULL DEFAULT ''
    CHECK (collections_status IN ('', 'sent_to_agency'));
ALTER TABLE patients ADD COLUMN collections_agency TEXT NOT NULL DEFAULT '';
ALTER TABLE patients ADD COLUMN collections_since TEXT;

CREATE TABLE statement_runs (
    id                  INTEGER PRIMARY KEY,
    run_at              TEXT NOT NULL,
    statement_date      TEXT NOT NULL,
    min_balance_cents   INTEGER NOT NULL,
    days_since_last     INTEGER NOT NULL,
    statement_count     INTEGER NOT NULL,
    total_due_cents     INTEGER NOT NULL,
    file_name           TEXT NOT NULL DEFAULT ''
) STRICT;

-- One statement to one guarantor: a patient account (guarantor_party_id NULL) or a
-- responsible party (account_patient_id = the first of their patients, for the account number).
CREATE TABLE statements (
    id                      INTEGER PRIMARY KEY,
    run_id                  INTEGER NOT NULL REFERENCES statement_runs (id),
    account_patient_id      INTEGER NOT NULL REFERENCES patients (id),
    guarantor_party_id      INTEGER REFERENCES responsible_parties (id),
    statement_date          TEXT NOT NULL,
    amount_due_cents        INTEGER NOT NULL,
    patient_balance_cents   INTEGER NOT NULL,
    insurance_pending_cents INTEGER NOT NULL,
    message_level           TEXT NOT NULL CHECK (message_level IN ('reminder', 'past_due', 'final_notice')),
    -- The newest ledger entry the statement saw: later postings (even back-dated ones, or a
    -- payment taken the same day after the run) are the next statement's activity.
    ledger_through          INTEGER NOT NULL DEFAULT 0,
    snapshot                TEXT NOT NULL
) STRICT;
CREATE INDEX statements_by_patient ON statements (account_patient_id, statement_date);
CREATE INDEX statements_by_party ON statements (guarantor_party_id, statement_date);
CREATE INDEX statements_by_run ON statements (run_id);
