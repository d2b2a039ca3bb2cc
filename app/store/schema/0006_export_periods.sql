-- 0006 export periods: every period this vault exported anonymous figures for, so that a
-- later export cannot be differenced against an earlier one (app/core/export_periods.py).
-- Dates are whole calendar months (first day .. last day), ISO 8601. No personal data.

CREATE TABLE export_period (
    id INTEGER PRIMARY KEY,
    period_from TEXT NOT NULL CHECK (period_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-01'),
    period_to TEXT NOT NULL CHECK (period_to GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    sector TEXT NOT NULL DEFAULT '' CHECK (length(sector) <= 40),
    export_id TEXT NOT NULL CHECK (length(export_id) BETWEEN 1 AND 64),
    exported_week TEXT NOT NULL CHECK (length(exported_week) = 8),  -- ISO week, e.g. 2026-W49
    CHECK (period_from <= period_to)
);

CREATE INDEX export_period_from ON export_period (period_from);
