-- Medicare chiropractic care (issue 15, point 2): the course of treatment of a subluxation
-- (active care, then maintenance from maximum therapeutic improvement) and the Advance
-- Beneficiary Notices (CMS-R-131) a patient signed, with the services each lists.
-- Rules: claimdesk_core::chiro_care.

CREATE TABLE care_episodes (
    id                INTEGER PRIMARY KEY,
    patient_id        INTEGER NOT NULL REFERENCES patients (id),
    subluxation       TEXT NOT NULL,                -- ICD-10-CM M99.00-M99.09
    initiation_date   TEXT NOT NULL,                -- box 14 / DTP*454 of every claim of the episode
    maintenance_from  TEXT,                         -- maximum therapeutic improvement; NULL = active care
    notes             TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
) STRICT;
CREATE INDEX care_episodes_by_patient ON care_episodes (patient_id, initiation_date);

CREATE TABLE abns (
    id               INTEGER PRIMARY KEY,
    patient_id       INTEGER NOT NULL REFERENCES patients (id),
    signed_on        TEXT,                          -- blank J; NULL = printed, not signed yet
    option_chosen    TEXT CHECK (option_chosen IN ('bill_medicare', 'do_not_bill', 'declined')),
    reason           TEXT NOT NULL,                 -- blank E
    additional_info  TEXT NOT NULL DEFAULT '',      -- blank H
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
) STRICT;
CREATE INDEX abns_by_patient ON abns (patient_id, signed_on);

-- Blanks D and F, in the order printed.
CREATE TABLE abn_services (
    abn_id                INTEGER NOT NULL REFERENCES abns (id),
    position              INTEGER NOT NULL CHECK (position >= 1),
    code                  TEXT NOT NULL,
    description           TEXT NOT NULL,
    estimated_cost_cents  INTEGER NOT NULL CHECK (estimated_cost_cents > 0),
    PRIMARY KEY (abn_id, position)
) STRICT, WITHOUT ROWID;

-- The episode a visit belongs to (its box 14 / DTP*454 and ABN come from it when saved).
ALTER TABLE visits ADD COLUMN episode_id INTEGER REFERENCES care_episodes (id);
CREATE INDEX visits_by_episode ON visits (episode_id) WHERE episode_id IS NOT NULL;
