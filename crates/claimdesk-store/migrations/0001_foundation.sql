-- Migration 1: the foundation. A practice file holds exactly one practice.
-- Money is INTEGER cents. Dates are ISO text (YYYY-MM-DD). Every table is STRICT.

CREATE TABLE practice (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    name            TEXT NOT NULL,
    billing_entity  TEXT NOT NULL CHECK (billing_entity IN ('group', 'individual')),
    npi             TEXT NOT NULL,
    tax_id          TEXT NOT NULL,
    tax_id_kind     TEXT NOT NULL CHECK (tax_id_kind IN ('ein', 'ssn')),
    taxonomy        TEXT NOT NULL,
    address_line1   TEXT NOT NULL,
    address_line2   TEXT NOT NULL DEFAULT '',
    city            TEXT NOT NULL,
    state           TEXT NOT NULL,
    zip             TEXT NOT NULL,
    phone           TEXT NOT NULL,
    contact_name    TEXT NOT NULL DEFAULT '',
    email           TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;

-- Counters such as the next account number; incremented inside the writing transaction.
CREATE TABLE sequences (
    name        TEXT PRIMARY KEY,
    next_value  INTEGER NOT NULL
) STRICT;
INSERT INTO sequences (name, next_value) VALUES ('account_number', 1001);

CREATE TABLE providers (
    id              INTEGER PRIMARY KEY,
    last_name       TEXT NOT NULL,
    first_name      TEXT NOT NULL,
    middle_name     TEXT NOT NULL DEFAULT '',
    credentials     TEXT NOT NULL DEFAULT '',
    npi             TEXT NOT NULL,
    taxonomy        TEXT NOT NULL DEFAULT '',
    license_number  TEXT NOT NULL DEFAULT '',
    is_rendering    INTEGER NOT NULL CHECK (is_rendering IN (0, 1)),
    is_referring    INTEGER NOT NULL CHECK (is_referring IN (0, 1)),
    active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    UNIQUE (npi)
) STRICT;

CREATE TABLE facilities (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL,
    npi               TEXT NOT NULL DEFAULT '',
    address_line1     TEXT NOT NULL,
    address_line2     TEXT NOT NULL DEFAULT '',
    city              TEXT NOT NULL,
    state             TEXT NOT NULL,
    zip               TEXT NOT NULL,
    place_of_service  TEXT NOT NULL,
    active            INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE payers (
    id                      INTEGER PRIMARY KEY,
    name                    TEXT NOT NULL,
    kind                    TEXT NOT NULL,
    payer_id                TEXT NOT NULL DEFAULT '',
    address_line1           TEXT NOT NULL,
    address_line2           TEXT NOT NULL DEFAULT '',
    city                    TEXT NOT NULL,
    state                   TEXT NOT NULL,
    zip                     TEXT NOT NULL,
    phone                   TEXT NOT NULL DEFAULT '',
    claim_filing_indicator  TEXT NOT NULL,
    timely_filing_days      INTEGER NOT NULL CHECK (timely_filing_days > 0),
    accept_assignment       INTEGER NOT NULL CHECK (accept_assignment IN (0, 1)),
    active                  INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

-- People who guarantee an account or hold a policy but are not patients here.
CREATE TABLE responsible_parties (
    id              INTEGER PRIMARY KEY,
    last_name       TEXT NOT NULL,
    first_name      TEXT NOT NULL,
    middle_name     TEXT NOT NULL DEFAULT '',
    birth_date      TEXT,
    sex             TEXT NOT NULL CHECK (sex IN ('F', 'M', 'U')),
    address_line1   TEXT NOT NULL DEFAULT '',
    address_line2   TEXT NOT NULL DEFAULT '',
    city            TEXT NOT NULL DEFAULT '',
    state           TEXT NOT NULL DEFAULT '',
    zip             TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE patients (
    id                      INTEGER PRIMARY KEY,
    account_number          TEXT NOT NULL UNIQUE,
    last_name               TEXT NOT NULL,
    first_name              TEXT NOT NULL,
    middle_name             TEXT NOT NULL DEFAULT '',
    suffix                  TEXT NOT NULL DEFAULT '',
    birth_date              TEXT NOT NULL,
    sex                     TEXT NOT NULL CHECK (sex IN ('F', 'M', 'U')),
    address_line1           TEXT NOT NULL,
    address_line2           TEXT NOT NULL DEFAULT '',
    city                    TEXT NOT NULL,
    state                   TEXT NOT NULL,
    zip                     TEXT NOT NULL,
    home_phone              TEXT NOT NULL DEFAULT '',
    cell_phone              TEXT NOT NULL DEFAULT '',
    email                   TEXT NOT NULL DEFAULT '',
    -- Guarantor: both NULL = the patient themself; else exactly one is set.
    guarantor_patient_id    INTEGER REFERENCES patients (id),
    guarantor_party_id      INTEGER REFERENCES responsible_parties (id),
    guarantor_relationship  TEXT NOT NULL CHECK (guarantor_relationship IN ('self', 'spouse', 'child', 'other')),
    active                  INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    inactive_reason         TEXT NOT NULL DEFAULT '',
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL,
    CHECK (guarantor_patient_id IS NULL OR guarantor_party_id IS NULL)
) STRICT;
CREATE INDEX patients_guarantor_patient ON patients (guarantor_patient_id);
CREATE INDEX patients_guarantor_party ON patients (guarantor_party_id);

CREATE TABLE policies (
    id                      INTEGER PRIMARY KEY,
    patient_id              INTEGER NOT NULL REFERENCES patients (id),
    -- 1 primary, 2 secondary, 3 tertiary.
    priority                INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 3),
    payer_id                INTEGER NOT NULL REFERENCES payers (id),
    member_id               TEXT NOT NULL,
    group_number            TEXT NOT NULL DEFAULT '',
    group_name              TEXT NOT NULL DEFAULT '',
    -- Subscriber: both NULL = the patient themself.
    subscriber_patient_id   INTEGER REFERENCES patients (id),
    subscriber_party_id     INTEGER REFERENCES responsible_parties (id),
    relationship            TEXT NOT NULL CHECK (relationship IN ('self', 'spouse', 'child', 'other')),
    effective_from          TEXT NOT NULL,
    effective_to            TEXT,
    copay_cents             INTEGER NOT NULL DEFAULT 0 CHECK (copay_cents >= 0),
    -- A policy taken off the patient is kept (claims will point at it), just no longer in order.
    removed                 INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
    CHECK (effective_to IS NULL OR effective_to >= effective_from),
    CHECK (subscriber_patient_id IS NULL OR subscriber_party_id IS NULL)
) STRICT;
CREATE UNIQUE INDEX policies_order ON policies (patient_id, priority) WHERE removed = 0;
CREATE INDEX policies_member ON policies (member_id);

-- Append-only: each row is evidence of a verification on a date.
CREATE TABLE eligibility_checks (
    id          INTEGER PRIMARY KEY,
    policy_id   INTEGER NOT NULL REFERENCES policies (id),
    checked_on  TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('active', 'inactive', 'unknown')),
    note        TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX eligibility_by_policy ON eligibility_checks (policy_id);

-- Standard charges (payer_id NULL) and payer contracted allowed amounts, dated.
CREATE TABLE fee_schedule (
    id              INTEGER PRIMARY KEY,
    payer_id        INTEGER REFERENCES payers (id),
    code            TEXT NOT NULL,
    modifier        TEXT NOT NULL DEFAULT '',
    description     TEXT NOT NULL DEFAULT '',
    amount_cents    INTEGER NOT NULL CHECK (amount_cents > 0),
    effective_from  TEXT NOT NULL,
    effective_to    TEXT,
    CHECK (effective_to IS NULL OR effective_to >= effective_from)
) STRICT;
CREATE INDEX fee_schedule_lookup ON fee_schedule (code, modifier, payer_id, effective_from);

-- Full-text patient search. Rows are written by the store in the same transaction as the
-- patient (the text draws on policies too, so triggers on one table would not do).
-- The trigram-free unicode61 tokenizer plus prefix queries gives results as you type.
CREATE VIRTUAL TABLE patient_search USING fts5 (
    terms,
    tokenize = "unicode61 remove_diacritics 2",
    prefix = '2 3 4'
);

CREATE INDEX patients_by_name ON patients (last_name COLLATE NOCASE, first_name COLLATE NOCASE);
