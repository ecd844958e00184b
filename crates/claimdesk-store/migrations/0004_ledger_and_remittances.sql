-- Migration 4: the ledger and remittances.
--
-- The ledger is append-only: an entry is never edited or deleted (triggers refuse it); a
-- mistake is corrected by a reversing entry that names the one it reverses. Every amount is
-- signed INTEGER cents against one of two buckets of a service line: what insurance is
-- expected to pay, and what the patient owes. Balances are sums, so any past date's report
-- can be reproduced.

-- A service line that has money posted against it is never deleted; taken off its visit it is
-- marked removed (its charge reversed).
ALTER TABLE service_lines ADD COLUMN removed INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1));

-- One act of posting: a visit's charges, a remittance, a hand-keyed EOB, a payment at the desk.
CREATE TABLE postings (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('charges', 'remittance', 'eob', 'patient_payment', 'adjustment',
                    'refund', 'reversal')),
    posted_at   TEXT NOT NULL,
    source      TEXT NOT NULL,
    memo        TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE ledger_entries (
    id              INTEGER PRIMARY KEY,
    posting_id      INTEGER NOT NULL REFERENCES postings (id),
    patient_id      INTEGER NOT NULL REFERENCES patients (id),
    visit_id        INTEGER REFERENCES visits (id),
    service_line_id INTEGER REFERENCES service_lines (id),
    claim_id        INTEGER REFERENCES claims (id),
    payer_id        INTEGER REFERENCES payers (id),
    kind            TEXT NOT NULL CHECK (kind IN ('charge', 'insurance_payment', 'adjustment', 'transfer',
                        'patient_payment', 'refund')),
    bucket          TEXT NOT NULL CHECK (bucket IN ('insurance', 'patient')),
    amount_cents    INTEGER NOT NULL,
    entry_date      TEXT NOT NULL,
    group_code      TEXT NOT NULL DEFAULT '',
    reason_code     TEXT NOT NULL DEFAULT '',
    -- deductible / coinsurance / copay / other, for patient responsibility moved to the patient.
    responsibility  TEXT NOT NULL DEFAULT '',
    reversal_of     INTEGER UNIQUE REFERENCES ledger_entries (id),
    memo            TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX ledger_by_patient ON ledger_entries (patient_id, entry_date);
CREATE INDEX ledger_by_line ON ledger_entries (service_line_id);
CREATE INDEX ledger_by_claim ON ledger_entries (claim_id);

CREATE TRIGGER ledger_entries_are_never_edited BEFORE UPDATE ON ledger_entries
BEGIN
    SELECT RAISE(ABORT, 'posted entries are never edited: post a reversal instead');
END;
CREATE TRIGGER ledger_entries_are_never_deleted BEFORE DELETE ON ledger_entries
BEGIN
    SELECT RAISE(ABORT, 'posted entries are never deleted: post a reversal instead');
END;

-- An imported 835 (one payment). The same payer + trace number never posts twice.
CREATE TABLE remittances (
    id              INTEGER PRIMARY KEY,
    payer_id        INTEGER REFERENCES payers (id),
    payer_key       TEXT NOT NULL,
    payer_name      TEXT NOT NULL,
    trace_number    TEXT NOT NULL,
    payment_method  TEXT NOT NULL,
    paid_cents      INTEGER NOT NULL,
    payment_date    TEXT NOT NULL,
    file_name       TEXT NOT NULL DEFAULT '',
    posting_id      INTEGER NOT NULL REFERENCES postings (id),
    imported_at     TEXT NOT NULL,
    UNIQUE (payer_key, trace_number)
) STRICT;

-- Each claim adjudication posted (from an 835 or a paper EOB), with the payer's numbers,
-- kept for the secondary claim (837P loop 2320/2430) and for denial work.
CREATE TABLE claim_adjudications (
    id                           INTEGER PRIMARY KEY,
    posting_id                   INTEGER NOT NULL REFERENCES postings (id),
    remittance_id                INTEGER REFERENCES remittances (id),
    claim_id                     INTEGER NOT NULL REFERENCES claims (id),
    status_code                  TEXT NOT NULL,
    charge_cents                 INTEGER NOT NULL,
    paid_cents                   INTEGER NOT NULL,
    patient_responsibility_cents INTEGER NOT NULL,
    payer_claim_number           TEXT NOT NULL DEFAULT '',
    crossover_payer              TEXT NOT NULL DEFAULT '',
    remark_codes                 TEXT NOT NULL DEFAULT '',
    paid_date                    TEXT NOT NULL
) STRICT;
CREATE INDEX adjudications_by_claim ON claim_adjudications (claim_id);

CREATE TABLE line_adjudications (
    id                      INTEGER PRIMARY KEY,
    claim_adjudication_id   INTEGER NOT NULL REFERENCES claim_adjudications (id),
    claim_line_id           INTEGER NOT NULL REFERENCES claim_lines (id),
    matched_by              TEXT NOT NULL,
    procedure               TEXT NOT NULL,
    modifiers               TEXT NOT NULL DEFAULT '',
    units                   INTEGER,
    charge_cents            INTEGER NOT NULL,
    paid_cents              INTEGER NOT NULL,
    allowed_cents           INTEGER,
    -- The payer's contracted allowed amount when paid + patient responsibility fell short of it.
    underpaid_cents         INTEGER NOT NULL DEFAULT 0,
    remark_codes            TEXT NOT NULL DEFAULT ''
) STRICT;

-- CAS adjustments, claim level (line_adjudication_id NULL) or line level.
CREATE TABLE adjudication_adjustments (
    id                      INTEGER PRIMARY KEY,
    claim_adjudication_id   INTEGER NOT NULL REFERENCES claim_adjudications (id),
    line_adjudication_id    INTEGER REFERENCES line_adjudications (id),
    group_code              TEXT NOT NULL,
    reason_code             TEXT NOT NULL,
    amount_cents            INTEGER NOT NULL,
    quantity                INTEGER
) STRICT;

-- PLB: adjustments to the practice, not to a patient (interest, overpayment recovery).
CREATE TABLE provider_adjustments (
    id              INTEGER PRIMARY KEY,
    remittance_id   INTEGER NOT NULL REFERENCES remittances (id),
    reason          TEXT NOT NULL,
    reference       TEXT NOT NULL DEFAULT '',
    amount_cents    INTEGER NOT NULL
) STRICT;

-- What an import could not post, with the reason, for the biller to work.
CREATE TABLE remittance_exceptions (
    id              INTEGER PRIMARY KEY,
    remittance_id   INTEGER NOT NULL REFERENCES remittances (id),
    control_number  TEXT NOT NULL,
    patient_name    TEXT NOT NULL DEFAULT '',
    paid_cents      INTEGER NOT NULL,
    reason          TEXT NOT NULL,
    resolved_at     TEXT
) STRICT;

-- Which functional group (GS06) carried an electronic batch, to match 999 acknowledgements.
ALTER TABLE claim_batches ADD COLUMN group_control_number INTEGER;

-- Money taken at the desk or by mail: cash, check, card (a reference, never the card number).
CREATE TABLE patient_payments (
    id              INTEGER PRIMARY KEY,
    posting_id      INTEGER NOT NULL REFERENCES postings (id),
    patient_id      INTEGER NOT NULL REFERENCES patients (id),
    received_on     TEXT NOT NULL,
    method          TEXT NOT NULL CHECK (method IN ('cash', 'check', 'card', 'agency', 'other')),
    reference       TEXT NOT NULL DEFAULT '',
    amount_cents    INTEGER NOT NULL CHECK (amount_cents > 0),
    receipt_number  TEXT NOT NULL UNIQUE
) STRICT;
CREATE INDEX patient_payments_by_day ON patient_payments (received_on);
INSERT INTO sequences (name, next_value) VALUES ('receipt_number', 1);
