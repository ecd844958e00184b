-- Migration 11: the claims list at practice scale, newest first, a page at a time.
--
-- A claim's date of service is its visit's. The list runs newest first and is filtered by
-- status, payer or a date range: with the date on the claim, one index per filter walks the
-- claims already in that order and stops at the page, instead of sorting the practice.
-- A claim is written with its visit's date; a trigger keeps the copy equal when a visit's
-- date is edited (which refreshes its unsent claims).
ALTER TABLE claims ADD COLUMN service_date TEXT NOT NULL DEFAULT '';
UPDATE claims SET service_date = (SELECT v.service_date FROM visits v WHERE v.id = claims.visit_id);

CREATE TRIGGER claims_service_date_on_visit AFTER UPDATE OF service_date ON visits
BEGIN
    UPDATE claims SET service_date = NEW.service_date WHERE visit_id = NEW.id;
END;

-- Index entries end with the rowid, so each of these is in (…, service date, id) order.
CREATE INDEX claims_newest ON claims (service_date);
-- Replaces claims_by_status (its prefix): a work queue is one status, newest first.
DROP INDEX claims_by_status;
CREATE INDEX claims_by_status ON claims (status, service_date);
CREATE INDEX claims_by_payer ON claims (payer_id, service_date);
-- The scrubber-errors queue (drafts and rejections the scrubber stopped): only those claims.
CREATE INDEX claims_scrubber_errors ON claims (service_date)
    WHERE status IN ('draft', 'rejected') AND scrub_errors > 0;
