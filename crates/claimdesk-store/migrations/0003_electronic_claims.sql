-- Migration 3: electronic claims. Clearinghouse settings and the X12 control numbers of
-- 837P files, which are never reused (each takes the next value inside a transaction).

CREATE TABLE clearinghouses (
    id                      INTEGER PRIMARY KEY,
    name                    TEXT NOT NULL,
    submitter_name          TEXT NOT NULL,
    submitter_id            TEXT NOT NULL,
    contact_name            TEXT NOT NULL,
    contact_phone           TEXT NOT NULL,
    receiver_name           TEXT NOT NULL,
    receiver_id             TEXT NOT NULL,
    sender_qualifier        TEXT NOT NULL,
    sender_id               TEXT NOT NULL,
    receiver_qualifier      TEXT NOT NULL,
    interchange_receiver_id TEXT NOT NULL,
    production              INTEGER NOT NULL CHECK (production IN (0, 1)),
    is_default              INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1))
) STRICT;

INSERT INTO sequences (name, next_value) VALUES ('interchange_control_number', 1);
INSERT INTO sequences (name, next_value) VALUES ('group_control_number', 1);
INSERT INTO sequences (name, next_value) VALUES ('transaction_set_number', 1);

-- Which interchange carried an electronic batch, to match 999/277CA acknowledgements.
ALTER TABLE claim_batches ADD COLUMN interchange_control_number INTEGER;
ALTER TABLE claim_batches ADD COLUMN clearinghouse_id INTEGER REFERENCES clearinghouses (id);
