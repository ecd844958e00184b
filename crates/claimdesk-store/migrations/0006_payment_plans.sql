-- Migration 6: payment plans.
--
-- A plan is identified by its plan_number; amending it writes a new version (same number,
-- version + 1, replaces_plan_id = the previous row) and marks the previous one 'replaced',
-- so every version and its schedule stay on file. The terms and the schedule are stored as
-- agreed; how the plan stands (paid, due, delinquent, completed) is derived from the
-- account's patient payments by claimdesk_core::payment_plans::plan_state.
--
-- status records only what the office decided: 'active' while the plan runs (delinquent or
-- completed are derived), 'cancelled' / 'defaulted' when ended, 'replaced' when amended.

CREATE TABLE payment_plans (
    id                       INTEGER PRIMARY KEY,
    plan_number              TEXT NOT NULL,
    version                  INTEGER NOT NULL,
    -- The account: the guarantor's own patient record (family members included).
    patient_id               INTEGER NOT NULL REFERENCES patients (id),
    status                   TEXT NOT NULL CHECK (status IN ('active', 'cancelled', 'defaulted', 'replaced')),
    financed_cents           INTEGER NOT NULL,
    down_payment_cents       INTEGER NOT NULL,
    frequency                TEXT NOT NULL CHECK (frequency IN ('weekly', 'every_two_weeks', 'monthly')),
    -- Exactly one of these two was typed; the other is NULL.
    installments             INTEGER,
    installment_amount_cents INTEGER,
    first_due                TEXT NOT NULL,
    grace_days               INTEGER NOT NULL,
    created_on               TEXT NOT NULL,
    ended_on                 TEXT,
    ended_reason             TEXT NOT NULL DEFAULT '',
    replaces_plan_id         INTEGER REFERENCES payment_plans (id),
    -- The plan's payments are the account's patient payments with an id above this one
    -- (those already on file when the plan was made are not the plan's) ...
    payments_after_id        INTEGER NOT NULL DEFAULT 0,
    -- ... and no higher than this one once the plan ended (NULL while it runs).
    payments_through_id      INTEGER,
    UNIQUE (plan_number, version)
) STRICT;
CREATE INDEX payment_plans_by_patient ON payment_plans (patient_id, status);

CREATE TABLE plan_installments (
    plan_id      INTEGER NOT NULL REFERENCES payment_plans (id),
    number       INTEGER NOT NULL,
    due          TEXT NOT NULL,
    amount_cents INTEGER NOT NULL,
    PRIMARY KEY (plan_id, number)
) STRICT, WITHOUT ROWID;

-- The visits a plan covers; none = the account's whole patient balance.
CREATE TABLE plan_visits (
    plan_id  INTEGER NOT NULL REFERENCES payment_plans (id),
    visit_id INTEGER NOT NULL REFERENCES visits (id),
    PRIMARY KEY (plan_id, visit_id)
) STRICT, WITHOUT ROWID;

INSERT INTO sequences (name, next_value) VALUES ('plan_number', 1);
