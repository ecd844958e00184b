-- Migration 17: injury cases (auto PIP/MedPay, workers' compensation, personal injury with an
-- attorney). Visits belong to a case; the case fills their box 10 conditions when they are
-- saved, names the carrier billed (through a policy row of its own, kept out of the patient's
-- order of health plans with removed = 1, that the case's claims point at) and its claim
-- number, and may hold billing until the attorney's settlement.
CREATE TABLE injury_cases (
    id                  INTEGER PRIMARY KEY,
    patient_id          INTEGER NOT NULL REFERENCES patients (id),
    kind                TEXT NOT NULL CHECK (kind IN ('auto_pip', 'auto_medpay', 'workers_comp', 'attorney')),
    injury_date         TEXT NOT NULL,
    accident_state      TEXT NOT NULL DEFAULT '',
    carrier_payer_id    INTEGER REFERENCES payers (id),
    -- The policy the case's claims are built against (payer = carrier, insured ID = claim number).
    carrier_policy_id   INTEGER REFERENCES policies (id),
    claim_number        TEXT NOT NULL DEFAULT '',
    adjuster_name       TEXT NOT NULL DEFAULT '',
    adjuster_phone      TEXT NOT NULL DEFAULT '',
    employer            TEXT NOT NULL DEFAULT '',
    attorney_name       TEXT NOT NULL DEFAULT '',
    attorney_firm       TEXT NOT NULL DEFAULT '',
    attorney_phone      TEXT NOT NULL DEFAULT '',
    attorney_line1      TEXT NOT NULL DEFAULT '',
    attorney_line2      TEXT NOT NULL DEFAULT '',
    attorney_city       TEXT NOT NULL DEFAULT '',
    attorney_state      TEXT NOT NULL DEFAULT '',
    attorney_zip        TEXT NOT NULL DEFAULT '',
    benefit_limit_cents INTEGER CHECK (benefit_limit_cents IS NULL OR benefit_limit_cents > 0),
    hold_billing        INTEGER NOT NULL DEFAULT 0 CHECK (hold_billing IN (0, 1)),
    status              TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'settled', 'closed')),
    note                TEXT NOT NULL DEFAULT '',
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
) STRICT;
CREATE INDEX injury_cases_by_patient ON injury_cases (patient_id);

ALTER TABLE visits ADD COLUMN injury_case_id INTEGER REFERENCES injury_cases (id);
CREATE INDEX visits_by_injury_case ON visits (injury_case_id) WHERE injury_case_id IS NOT NULL;

-- An attorney's settlement of a case: the payment and the agreed reduction, posted together
-- (one posting) so the case's balance is zero.
CREATE TABLE injury_settlements (
    id              INTEGER PRIMARY KEY,
    case_id         INTEGER NOT NULL REFERENCES injury_cases (id),
    posting_id      INTEGER NOT NULL REFERENCES postings (id),
    payment_id      INTEGER REFERENCES patient_payments (id),
    received_on     TEXT NOT NULL,
    amount_cents    INTEGER NOT NULL CHECK (amount_cents >= 0),
    reduction_cents INTEGER NOT NULL CHECK (reduction_cents >= 0),
    reason          TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL
) STRICT;
CREATE INDEX injury_settlements_by_case ON injury_settlements (case_id);
