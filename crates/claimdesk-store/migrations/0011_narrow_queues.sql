-- Migration 11: the unbilled-visits queue reads the unbilled visits only, and the statements
-- found by claimdesk-demo/tests/query_plans.rs once it also sent an 837P batch, applied its
-- 999 and 277CA, keyed a paper EOB and refunded a credit read through an index too.
--
-- A visit is billed once it has a claim (of any status: a voided claim still billed the
-- visit). The mark is kept by the triggers below, in the transaction that adds or removes the
-- claim, so the queue walks a partial index of the visits not billed yet instead of looking
-- for a claim of every visit the practice ever saw.
ALTER TABLE visits ADD COLUMN billed INTEGER NOT NULL DEFAULT 0 CHECK (billed IN (0, 1));
UPDATE visits SET billed = 1 WHERE EXISTS (SELECT 1 FROM claims c WHERE c.visit_id = visits.id);
CREATE INDEX visits_unbilled ON visits (service_date, id) WHERE billed = 0;

CREATE TRIGGER claims_bill_visit AFTER INSERT ON claims
BEGIN
    UPDATE visits SET billed = 1 WHERE id = NEW.visit_id AND billed = 0;
END;

CREATE TRIGGER claims_unbill_visit AFTER DELETE ON claims
BEGIN
    UPDATE visits SET billed = EXISTS (SELECT 1 FROM claims c WHERE c.visit_id = OLD.visit_id)
    WHERE id = OLD.visit_id;
END;

CREATE TRIGGER claims_move_visit AFTER UPDATE OF visit_id ON claims
BEGIN
    UPDATE visits SET billed = 1 WHERE id = NEW.visit_id AND billed = 0;
    UPDATE visits SET billed = EXISTS (SELECT 1 FROM claims c WHERE c.visit_id = OLD.visit_id)
    WHERE id = OLD.visit_id;
END;

-- A claim's corrections (the foreign key from a corrected claim to the one it replaces: with
-- foreign keys on, adding a claim looks for claims naming it, which read every claim).
CREATE INDEX claims_by_replaced ON claims (replaces_claim_id);

-- The claims of one 837P batch (a 999 accepting or rejecting its functional group).
CREATE INDEX claim_batches_by_group ON claim_batches (group_control_number);
CREATE INDEX claims_by_batch ON claims (batch_id);

-- The payer's adjudications of one claim line (a secondary claim's COB: loops 2320/2430).
CREATE INDEX line_adjudications_by_claim_line ON line_adjudications (claim_line_id);
