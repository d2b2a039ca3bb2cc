-- 0008 advisor contact: how the recipient of a referral letter reaches the vertrouwenspersoon
-- (phone and e-mail, set once in Instellingen). The advisor's own work details, not the
-- employee's. Numbered 0008 so that it does not clash with 0007 of another change.

ALTER TABLE advisor_profile ADD COLUMN phone TEXT NOT NULL DEFAULT '' CHECK (length(phone) <= 40);
ALTER TABLE advisor_profile ADD COLUMN email TEXT NOT NULL DEFAULT '' CHECK (length(email) <= 200);
