-- Migration 2: visits (charge entry), claims with their status history, scrubber settings
-- and printing settings.

CREATE TABLE visits (
    id                      INTEGER PRIMARY KEY,
    patient_id              INTEGER NOT NULL REFERENCES patients (id),
    service_date            TEXT NOT NULL,
    rendering_provider_id   INTEGER NOT NULL REFERENCES providers (id),
    referring_provider_id   INTEGER REFERENCES providers (id),
    facility_id             INTEGER REFERENCES facilities (id),
    place_of_service        TEXT NOT NULL,
    employment              INTEGER NOT NULL DEFAULT 0 CHECK (employment IN (0, 1)),
    auto_accident           INTEGER NOT NULL DEFAULT 0 CHECK (auto_accident IN (0, 1)),
    auto_accident_state     TEXT NOT NULL DEFAULT '',
    other_accident          INTEGER NOT NULL DEFAULT 0 CHECK (other_accident IN (0, 1)),
    accident_date           TEXT,
    onset_date              TEXT,
    initial_treatment_date  TEXT,
    last_xray_date          TEXT,
    prior_authorization     TEXT NOT NULL DEFAULT '',
    additional_info         TEXT NOT NULL DEFAULT '',
    abn_on_file             INTEGER NOT NULL DEFAULT 0 CHECK (abn_on_file IN (0, 1)),
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL
) STRICT;
CREATE INDEX visits_by_patient ON visits (patient_id, service_date);

-- Box 21 A-L in order; position 1 is the principal diagnosis.
CREATE TABLE visit_diagnoses (
    visit_id    INTEGER NOT NULL REFERENCES visits (id),
    position    INTEGER NOT NULL CHECK (position BETWEEN 1 AND 12),
    code        TEXT NOT NULL,
    PRIMARY KEY (visit_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE service_lines (
    id                      INTEGER PRIMARY KEY,
    visit_id                INTEGER NOT NULL REFERENCES visits (id),
    position                INTEGER NOT NULL CHECK (position >= 1),
    service_from            TEXT NOT NULL,
    service_to              TEXT,
    code                    TEXT NOT NULL,
    modifier1               TEXT NOT NULL DEFAULT '',
    modifier2               TEXT NOT NULL DEFAULT '',
    modifier3               TEXT NOT NULL DEFAULT '',
    modifier4               TEXT NOT NULL DEFAULT '',
    -- Diagnosis pointers 1-12 (A-L), primary first; NULL = not used.
    pointer1                INTEGER CHECK (pointer1 BETWEEN 1 AND 12),
    pointer2                INTEGER CHECK (pointer2 BETWEEN 1 AND 12),
    pointer3                INTEGER CHECK (pointer3 BETWEEN 1 AND 12),
    pointer4                INTEGER CHECK (pointer4 BETWEEN 1 AND 12),
    units                   INTEGER NOT NULL CHECK (units >= 1),
    charge_cents            INTEGER NOT NULL CHECK (charge_cents >= 0),
    charge_override_reason  TEXT NOT NULL DEFAULT '',
    supplemental            TEXT NOT NULL DEFAULT '',
    emergency               INTEGER NOT NULL DEFAULT 0 CHECK (emergency IN (0, 1)),
    UNIQUE (visit_id, position)
) STRICT;

-- A print run of CMS-1500 forms or an 837P file: what left the office together.
CREATE TABLE claim_batches (
    id          INTEGER PRIMARY KEY,
    method      TEXT NOT NULL CHECK (method IN ('paper', 'electronic')),
    created_at  TEXT NOT NULL,
    claim_count INTEGER NOT NULL,
    file_name   TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE claims (
    id                  INTEGER PRIMARY KEY,
    -- CLM01, the patient control number the payer echoes back in the 835 (CLP01).
    control_number      TEXT NOT NULL UNIQUE,
    visit_id            INTEGER NOT NULL REFERENCES visits (id),
    policy_id           INTEGER NOT NULL REFERENCES policies (id),
    payer_id            INTEGER NOT NULL REFERENCES payers (id),
    payer_rank          INTEGER NOT NULL CHECK (payer_rank BETWEEN 1 AND 3),
    status              TEXT NOT NULL CHECK (status IN ('draft', 'ready', 'submitted', 'accepted', 'rejected',
                            'paid', 'partially_paid', 'denied', 'appealed', 'closed')),
    frequency           TEXT NOT NULL DEFAULT '1' CHECK (frequency IN ('1', '7', '8')),
    original_reference  TEXT NOT NULL DEFAULT '',
    -- The payer's own number for this claim (ICN/DCN from a remittance or acknowledgement),
    -- which a later corrected or void claim must quote.
    payer_claim_number  TEXT NOT NULL DEFAULT '',
    -- The claim this one corrects or voids.
    replaces_claim_id   INTEGER REFERENCES claims (id),
    accept_assignment   INTEGER NOT NULL CHECK (accept_assignment IN (0, 1)),
    total_charge_cents  INTEGER NOT NULL,
    -- Last scrub: counts of blocking errors and of warnings not yet acknowledged.
    scrub_errors        INTEGER,
    scrub_warnings      INTEGER,
    scrubbed_at         TEXT,
    submitted_at        TEXT,
    submission_method   TEXT CHECK (submission_method IN ('paper', 'electronic')),
    -- The batch (print run or 837P file) that last sent this claim.
    batch_id            INTEGER REFERENCES claim_batches (id),
    last_printed_at     TEXT,
    created_at          TEXT NOT NULL
) STRICT;
CREATE INDEX claims_by_status ON claims (status);
CREATE INDEX claims_by_visit ON claims (visit_id);

-- Each service line as billed on the claim, with the line control number (REF*6R).
CREATE TABLE claim_lines (
    id                  INTEGER PRIMARY KEY,
    claim_id            INTEGER NOT NULL REFERENCES claims (id),
    service_line_id     INTEGER NOT NULL REFERENCES service_lines (id),
    line_number         INTEGER NOT NULL,
    line_control_number TEXT NOT NULL UNIQUE,
    charge_cents        INTEGER NOT NULL,
    UNIQUE (claim_id, line_number)
) STRICT;

-- Append-only: every status change, when, by which source, and why.
CREATE TABLE claim_status_history (
    id          INTEGER PRIMARY KEY,
    claim_id    INTEGER NOT NULL REFERENCES claims (id),
    from_status TEXT,
    to_status   TEXT NOT NULL,
    changed_at  TEXT NOT NULL,
    source      TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX claim_history_by_claim ON claim_status_history (claim_id);

-- Warnings a biller looked at and accepted for a claim.
CREATE TABLE claim_acknowledged_warnings (
    claim_id        INTEGER NOT NULL REFERENCES claims (id),
    rule            TEXT NOT NULL,
    field           TEXT NOT NULL,
    acknowledged_at TEXT NOT NULL,
    PRIMARY KEY (claim_id, rule, field)
) STRICT, WITHOUT ROWID;

-- Per-payer (or, with payer_id NULL, practice-wide) changes to scrubber rules.
CREATE TABLE scrubber_overrides (
    id          INTEGER PRIMARY KEY,
    payer_id    INTEGER REFERENCES payers (id),
    rule        TEXT NOT NULL,
    severity    TEXT NOT NULL CHECK (severity IN ('error', 'warning', 'off'))
) STRICT;
CREATE UNIQUE INDEX scrubber_override_key ON scrubber_overrides (coalesce(payer_id, 0), rule);

-- How a payer wants its paper claims.
CREATE TABLE payer_claim_settings (
    payer_id                INTEGER PRIMARY KEY REFERENCES payers (id),
    continued_in_box_28     INTEGER NOT NULL DEFAULT 0 CHECK (continued_in_box_28 IN (0, 1)),
    signature_on_file_text  TEXT NOT NULL DEFAULT 'SIGNATURE ON FILE'
) STRICT;

-- Printer alignment for the red form, per printer name.
CREATE TABLE printer_profiles (
    name            TEXT PRIMARY KEY,
    offset_left_pt  REAL NOT NULL DEFAULT 0,
    offset_top_pt   REAL NOT NULL DEFAULT 0,
    is_default      INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1))
) STRICT;

INSERT INTO sequences (name, next_value) VALUES ('claim_control_number', 1);
