-- Migration 7: practice reports and bank deposits.
--
-- Who posted: every posting records the operator's name (the OS login until logins arrive).
ALTER TABLE postings ADD COLUMN user_name TEXT NOT NULL DEFAULT '';

-- A bank deposit: the payments taken to the bank together, with the amount on the slip.
-- The slip amount is what the biller typed from the deposit slip; the reconciliation report
-- compares it with the payments in the deposit.
CREATE TABLE deposits (
    id              INTEGER PRIMARY KEY,
    deposit_date    TEXT NOT NULL,
    bank_reference  TEXT NOT NULL DEFAULT '',
    slip_cents      INTEGER NOT NULL,
    memo            TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL
) STRICT;
CREATE INDEX deposits_by_date ON deposits (deposit_date);

-- NULL: not deposited yet.
ALTER TABLE patient_payments ADD COLUMN deposit_id INTEGER REFERENCES deposits (id);
ALTER TABLE remittances ADD COLUMN deposit_id INTEGER REFERENCES deposits (id);
CREATE INDEX patient_payments_by_deposit ON patient_payments (deposit_id);
CREATE INDEX remittances_by_deposit ON remittances (deposit_id);
CREATE INDEX remittances_by_date ON remittances (payment_date);
-- The day sheet finds a payment's method through its posting.
CREATE INDEX patient_payments_by_posting ON patient_payments (posting_id);
CREATE INDEX remittances_by_posting ON remittances (posting_id);

-- Reports by date (day sheet, productivity) read the entries of a range of days; aging "as
-- of" a past day takes back the entries of one bucket dated after it (covering: no row reads).
CREATE INDEX ledger_by_date ON ledger_entries (entry_date);
CREATE INDEX ledger_by_bucket_date ON ledger_entries (bucket, entry_date, patient_id, service_line_id, amount_cents);
-- The payer a service line is billed to now: its newest claim.
CREATE INDEX claim_lines_by_service_line ON claim_lines (service_line_id, claim_id);
CREATE INDEX claim_adjudications_by_date ON claim_adjudications (paid_date);

-- The open balance of every service line per bucket (service_line_id 0: amounts of a patient
-- not tied to a line, such as an unapplied payment), kept by a trigger as entries are
-- appended. It is a sum of ledger_entries and nothing else: AR aging reads the few lines
-- that are open instead of summing the whole ledger, and "as of" a past date it takes back
-- the entries dated after that day. The ledger stays the record; this can be rebuilt from it.
CREATE TABLE ledger_balances (
    patient_id      INTEGER NOT NULL,
    service_line_id INTEGER NOT NULL,
    bucket          TEXT NOT NULL,
    amount_cents    INTEGER NOT NULL,
    PRIMARY KEY (patient_id, service_line_id, bucket)
) STRICT, WITHOUT ROWID;
CREATE INDEX ledger_balances_open ON ledger_balances (bucket, service_line_id, patient_id, amount_cents)
    WHERE amount_cents <> 0;

INSERT INTO ledger_balances (patient_id, service_line_id, bucket, amount_cents)
    SELECT patient_id, coalesce(service_line_id, 0), bucket, sum(amount_cents)
    FROM ledger_entries GROUP BY patient_id, coalesce(service_line_id, 0), bucket;

CREATE TRIGGER ledger_balances_follow_entries AFTER INSERT ON ledger_entries
BEGIN
    INSERT INTO ledger_balances (patient_id, service_line_id, bucket, amount_cents)
        VALUES (NEW.patient_id, coalesce(NEW.service_line_id, 0), NEW.bucket, NEW.amount_cents)
        ON CONFLICT (patient_id, service_line_id, bucket)
        DO UPDATE SET amount_cents = amount_cents + excluded.amount_cents;
END;
