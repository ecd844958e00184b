-- Migration 9: what payers and clearinghouses check beyond the syntax of a claim.
--
-- A Medigap insurer's COBA ID (Medicare item 9d), a Medicare policy's secondary payer type
-- (837P SBR05 when Medicare is not primary), a visit's EPSDT referral code (box 24H, CRC*ZZ;
-- NULL when the visit is not an EPSDT screening), and whose paper instructions a payer's
-- claims follow (NULL: Medicare's for Medicare payers, NUCC's for the others).
ALTER TABLE payers ADD COLUMN coba_id TEXT NOT NULL DEFAULT '';
ALTER TABLE policies ADD COLUMN msp_type TEXT NOT NULL DEFAULT ''
    CHECK (msp_type IN ('', '12', '13', '14', '15', '16', '41', '42', '43', '47'));
ALTER TABLE visits ADD COLUMN epsdt_referral TEXT CHECK (epsdt_referral IN ('NU', 'AV', 'S2', 'ST'));
ALTER TABLE payer_claim_settings ADD COLUMN form_rules TEXT CHECK (form_rules IN ('nucc', 'medicare'));
