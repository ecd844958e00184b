-- Migration 8: the practice's posting rules for adjustments other than CO and PR.
--
-- OA (other adjustments) are written off by default; PI (payer-initiated reductions) stay
-- pending with insurance for follow-up by default. One row: the practice's choice.
CREATE TABLE posting_rules (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    write_off_oa  INTEGER NOT NULL CHECK (write_off_oa IN (0, 1)),
    write_off_pi  INTEGER NOT NULL CHECK (write_off_pi IN (0, 1)),
    updated_at    TEXT
) STRICT;
INSERT INTO posting_rules (id, write_off_oa, write_off_pi) VALUES (1, 1, 0);
