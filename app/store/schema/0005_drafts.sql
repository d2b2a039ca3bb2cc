-- 0005 drafts: work in progress that is not (yet) a record of its own, saved as the advisor
-- types, and where the advisor was when the vault locked or the window closed.
-- kind: 'referral' (the consent flow's fields; ref = the intake id), 'settings.signals',
-- 'resume' (the screen to come back to after unlocking). data is JSON.
-- A draft of a consent form is never a consent: consent_record holds confirmed consents only.
-- The intake's own answers are saved in intake.data / intake.step (0002), not here.

CREATE TABLE draft (
    kind TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 40),
    ref TEXT NOT NULL DEFAULT '' CHECK (length(ref) <= 40),
    intake_id INTEGER REFERENCES intake (id) ON DELETE CASCADE,
    data TEXT NOT NULL CHECK (json_valid(data) AND length(data) <= 1000000),
    saved_at TEXT NOT NULL,                 -- UTC, ISO 8601
    PRIMARY KEY (kind, ref)
);

CREATE INDEX draft_intake ON draft (intake_id) WHERE intake_id IS NOT NULL;
