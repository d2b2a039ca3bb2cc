-- 0004 consent + referral: the employee's recorded consent, the referral letters made with it,
-- and their status history. The letters themselves (PDF) are never stored: they can be made
-- again from the intake while the consent is valid.

-- The sender of every letter: the vertrouwenspersoon (one row).
CREATE TABLE advisor_profile (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    function TEXT NOT NULL CHECK (length(function) BETWEEN 1 AND 200),
    employer_name TEXT NOT NULL DEFAULT '' CHECK (length(employer_name) <= 200)
);

-- data: the consent as JSON (resources/schemas/consent.schema.json). withdrawn_on is kept in
-- its own column so withdrawing never rewrites the record of what was agreed.
CREATE TABLE consent_record (
    id INTEGER PRIMARY KEY,
    intake_id INTEGER NOT NULL REFERENCES intake (id) ON DELETE CASCADE,
    data TEXT NOT NULL CHECK (json_valid(data)),
    recipient_id TEXT NOT NULL CHECK (length(recipient_id) BETWEEN 1 AND 40),
    given_at TEXT NOT NULL,                 -- ISO 8601 with offset
    expires_on TEXT NOT NULL CHECK (expires_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    withdrawn_on TEXT CHECK (withdrawn_on IS NULL OR withdrawn_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    created_at TEXT NOT NULL
);

CREATE INDEX consent_record_intake ON consent_record (intake_id);

CREATE TABLE referral (
    id INTEGER PRIMARY KEY,
    intake_id INTEGER NOT NULL REFERENCES intake (id) ON DELETE CASCADE,
    consent_id INTEGER NOT NULL REFERENCES consent_record (id) ON DELETE CASCADE,
    recipient_id TEXT NOT NULL CHECK (length(recipient_id) BETWEEN 1 AND 40),
    recipient_name TEXT NOT NULL CHECK (length(recipient_name) BETWEEN 1 AND 200),
    status TEXT NOT NULL DEFAULT 'concept'
        CHECK (status IN ('concept', 'verzonden', 'in_behandeling', 'afgewezen', 'afgerond', 'ingetrokken')),
    status_since TEXT NOT NULL CHECK (status_since GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    crisis INTEGER NOT NULL DEFAULT 0 CHECK (crisis IN (0, 1)),
    deadline TEXT CHECK (deadline IS NULL OR deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    -- contact details typed for this letter (JSON), shared only when consented
    contact TEXT CHECK (contact IS NULL OR json_valid(contact)),
    employee_sends INTEGER NOT NULL DEFAULT 0 CHECK (employee_sends IN (0, 1)),
    encrypted INTEGER NOT NULL DEFAULT 0 CHECK (encrypted IN (0, 1)),
    produced_on TEXT CHECK (produced_on IS NULL OR produced_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX referral_status_since ON referral (status, status_since);
CREATE INDEX referral_intake ON referral (intake_id);

CREATE TABLE referral_status_history (
    id INTEGER PRIMARY KEY,
    referral_id INTEGER NOT NULL REFERENCES referral (id) ON DELETE CASCADE,
    status TEXT NOT NULL
        CHECK (status IN ('concept', 'verzonden', 'in_behandeling', 'afgewezen', 'afgerond', 'ingetrokken')),
    on_date TEXT NOT NULL CHECK (on_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    at TEXT NOT NULL                        -- UTC, ISO 8601
);

CREATE INDEX referral_status_history_referral ON referral_status_history (referral_id, id);
