-- 0003 signals: the anonymous signal log. No names, no free text, no days: an ISO week only.
-- week_key and logged_week_key are yyyyww (ISO year * 100 + ISO week).
-- logged_week_key is the ISO week in which the advisor entered the signal: it may be changed
-- or deleted only during that same week.

CREATE TABLE signal (
    id INTEGER PRIMARY KEY,
    category TEXT NOT NULL CHECK (length(category) BETWEEN 1 AND 64),
    week_key INTEGER NOT NULL CHECK (week_key BETWEEN 200001 AND 210053 AND week_key % 100 BETWEEN 1 AND 53),
    source TEXT NOT NULL CHECK (source IN ('eigen_waarneming', 'collega', 'administratie', 'medewerker')),
    department TEXT CHECK (department IS NULL OR length(department) BETWEEN 1 AND 40),
    age_band TEXT CHECK (age_band IS NULL OR age_band IN ('onder_18', '18_27', '28_44', '45_66', '67_plus')),
    contract_type TEXT CHECK (contract_type IS NULL OR contract_type IN ('vast', 'tijdelijk', 'oproep', 'uitzend', 'anders')),
    conversation_offered INTEGER CHECK (conversation_offered IS NULL OR conversation_offered IN (0, 1)),
    logged_week_key INTEGER NOT NULL CHECK (logged_week_key BETWEEN 200001 AND 210053)
);

-- The dashboard and exports count per (week, category) over a range of weeks: covered by this.
CREATE INDEX signal_week_category ON signal (week_key, category);
