-- Visit limits and prior authorizations (issue 15): a policy's visit maximum per plan year,
-- the authorizations its plan issued, and which authorization each visit went under. Used
-- visits are never stored: they are counted from the visits entered.

ALTER TABLE policies ADD COLUMN visits_per_plan_year INTEGER CHECK (visits_per_plan_year IS NULL OR visits_per_plan_year > 0);
-- Any year's first day of the plan year; plan years repeat from its month and day.
ALTER TABLE policies ADD COLUMN plan_year_start TEXT;
ALTER TABLE policies ADD COLUMN authorization_required INTEGER NOT NULL DEFAULT 0 CHECK (authorization_required IN (0, 1));

-- The worklist of patients near their limits reads only policies that have one.
CREATE INDEX policies_with_limits ON policies (patient_id)
    WHERE removed = 0 AND (visits_per_plan_year IS NOT NULL OR authorization_required = 1);

CREATE TABLE authorizations (
    id                  INTEGER PRIMARY KEY,
    policy_id           INTEGER NOT NULL REFERENCES policies (id),
    number              TEXT NOT NULL CHECK (number <> ''),
    visits_authorized   INTEGER NOT NULL CHECK (visits_authorized > 0),
    starts              TEXT NOT NULL,
    ends                TEXT NOT NULL,
    -- Procedure codes covered, comma-separated; empty covers every service.
    codes               TEXT NOT NULL DEFAULT '',
    note                TEXT NOT NULL DEFAULT '',
    -- An authorization taken off the policy is kept: visits went under it.
    removed             INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
    CHECK (ends >= starts)
) STRICT;
CREATE INDEX authorizations_by_policy ON authorizations (policy_id, removed);
-- The worklist's authorizations still running.
CREATE INDEX authorizations_running ON authorizations (ends) WHERE removed = 0;

-- A voided visit (entered by mistake) keeps its row and history; its charges are reversed
-- and it no longer counts against any limit.
ALTER TABLE visits ADD COLUMN voided_at TEXT;
ALTER TABLE visits ADD COLUMN void_reason TEXT NOT NULL DEFAULT '';
-- The authorization the visit went under (chosen when the visit is saved; box 23 / REF*G1).
ALTER TABLE visits ADD COLUMN authorization_id INTEGER REFERENCES authorizations (id);
CREATE INDEX visits_by_authorization ON visits (authorization_id, service_date, id)
    WHERE authorization_id IS NOT NULL AND voided_at IS NULL;

-- Prompt-pay discounts and prepaid care packages: the full fee is always charged; the lower
-- price is an adjustment with its reason, never a second fee schedule.
CREATE TABLE prompt_pay_settings (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    percent         INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 50),
    within_days     INTEGER NOT NULL CHECK (within_days BETWEEN 0 AND 60)
) STRICT;

-- One prompt-pay discount per visit, with the posting that made it.
CREATE TABLE prompt_pay_discounts (
    visit_id        INTEGER PRIMARY KEY REFERENCES visits (id),
    posting_id      INTEGER NOT NULL REFERENCES postings (id),
    percent         INTEGER NOT NULL,
    amount_cents    INTEGER NOT NULL CHECK (amount_cents > 0)
) STRICT;

CREATE TABLE care_packages (
    id              INTEGER PRIMARY KEY,
    patient_id      INTEGER NOT NULL REFERENCES patients (id),
    name            TEXT NOT NULL CHECK (name <> ''),
    visits_included INTEGER NOT NULL CHECK (visits_included > 0),
    price_cents     INTEGER NOT NULL CHECK (price_cents > 0),
    purchased_on    TEXT NOT NULL,
    expires_on      TEXT,
    -- The prepayment the patient made for it (a patient payment held on the account).
    payment_id      INTEGER NOT NULL REFERENCES patient_payments (id),
    note            TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    CHECK (expires_on IS NULL OR expires_on >= purchased_on)
) STRICT;
CREATE INDEX care_packages_by_patient ON care_packages (patient_id);

-- Each visit drawn on a package: the posting that applied the prepayment and adjusted the rest.
-- A voided visit is returned (its posting reversed), never deleted.
CREATE TABLE package_visits (
    id              INTEGER PRIMARY KEY,
    package_id      INTEGER NOT NULL REFERENCES care_packages (id),
    visit_id        INTEGER NOT NULL REFERENCES visits (id),
    posting_id      INTEGER NOT NULL REFERENCES postings (id),
    value_cents     INTEGER NOT NULL CHECK (value_cents >= 0),
    drawn_at        TEXT NOT NULL,
    returned_at     TEXT
) STRICT;
CREATE INDEX package_visits_by_package ON package_visits (package_id);
CREATE UNIQUE INDEX package_visits_once ON package_visits (visit_id) WHERE returned_at IS NULL;
