-- Migration 10: indexes so no everyday statement's cost grows with the practice.
--
-- Found by claimdesk-demo/tests/query_plans.rs, which EXPLAINs every statement the store runs
-- on a file with the statistics of a big practice.

-- A posting's entries (reversing a payment, the receipts and payment lists that ask whether a
-- payment was reversed): without it SQLite walked the unique index on reversal_of.
CREATE INDEX ledger_by_posting ON ledger_entries (posting_id);

-- An account's payments (the desk's payment list, receipts).
CREATE INDEX patient_payments_by_patient ON patient_payments (patient_id);

-- A remittance's lines and their adjustments (posting, denials and underpaid-line reports).
CREATE INDEX line_adjudications_by_claim ON line_adjudications (claim_adjudication_id);
CREATE INDEX adjustments_by_claim ON adjudication_adjustments (claim_adjudication_id);
CREATE INDEX adjustments_by_line ON adjudication_adjustments (line_adjudication_id);

-- Finding a guarantor already on file when a patient is registered.
CREATE INDEX responsible_parties_by_name
    ON responsible_parties (last_name COLLATE NOCASE, first_name COLLATE NOCASE, birth_date);

-- The exceptions still to work (the posting screen's list): only the unresolved ones.
CREATE INDEX remittance_exceptions_open ON remittance_exceptions (id) WHERE resolved_at IS NULL;
