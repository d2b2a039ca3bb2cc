-- 0007 retention: when a case was closed, and the extensions that keep one case longer.
-- A closed case is deleted with everything that belongs to it once its retention term has
-- passed (app/core/retention.py, app/store/retention.py). The term and the organisation's
-- maximum are rows in settings (0001): 'retention.months', 'retention.max_months'.

ALTER TABLE intake ADD COLUMN closed_on TEXT
    CHECK (closed_on IS NULL OR closed_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');

-- Cases closed before this step: the day of their last change is the best date known.
UPDATE intake SET closed_on = substr(updated_at, 1, 10) WHERE status = 'afgesloten';

-- reason: why this case is kept longer, typed by the advisor; deleted with the case.
CREATE TABLE retention_extension (
    id INTEGER PRIMARY KEY,
    intake_id INTEGER NOT NULL REFERENCES intake (id) ON DELETE CASCADE,
    keep_until TEXT NOT NULL CHECK (keep_until GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    created_at TEXT NOT NULL                -- UTC, ISO 8601
);

CREATE INDEX retention_extension_intake ON retention_extension (intake_id, keep_until);
CREATE INDEX intake_closed_on ON intake (closed_on) WHERE closed_on IS NOT NULL;
