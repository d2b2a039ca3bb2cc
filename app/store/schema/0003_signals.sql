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
    age_band TEXT CHECK (age_band IS NULL OR age_band IN ('onder_18', '18_27', '28_45', '46_66', '67_plus')),
    contract_type TEXT CHECK (contract_type IS NULL OR contract_type IN ('vast', 'tijdelijk', 'oproep', 'uitzend', 'zzp', 'anders')),
    conversation_offered INTEGER CHECK (conversation_offered IS NULL OR conversation_offered IN (0, 1)),
    logged_week_key INTEGER NOT NULL CHECK (logged_week_key BETWEEN 200001 AND 210053)
);

CREATE INDEX signal_week ON signal (week_key);

-- Running counts per ISO week, kept exact by the triggers below, so the dashboard and exports
-- read a few thousand small rows instead of counting every signal again (100,000 signals:
-- a few ms instead of a GROUP BY sort). dimension: category, source, department, age_band,
-- contract_type, conversation_offered; a missing value counts under 'onbekend'.
CREATE TABLE signal_tally (
    week_key INTEGER NOT NULL,
    dimension TEXT NOT NULL,
    key TEXT NOT NULL,
    n INTEGER NOT NULL CHECK (n >= 0),
    PRIMARY KEY (week_key, dimension, key)
) WITHOUT ROWID;

CREATE TRIGGER signal_tally_insert AFTER INSERT ON signal BEGIN
    INSERT INTO signal_tally (week_key, dimension, key, n) VALUES
        (NEW.week_key, 'category', NEW.category, 1),
        (NEW.week_key, 'source', NEW.source, 1),
        (NEW.week_key, 'department', coalesce(NEW.department, 'onbekend'), 1),
        (NEW.week_key, 'age_band', coalesce(NEW.age_band, 'onbekend'), 1),
        (NEW.week_key, 'contract_type', coalesce(NEW.contract_type, 'onbekend'), 1),
        (NEW.week_key, 'conversation_offered',
            CASE NEW.conversation_offered WHEN 1 THEN 'ja' WHEN 0 THEN 'nee' ELSE 'onbekend' END, 1)
    ON CONFLICT (week_key, dimension, key) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER signal_tally_delete AFTER DELETE ON signal BEGIN
    UPDATE signal_tally SET n = n - 1
    WHERE week_key = OLD.week_key AND (
        (dimension = 'category' AND key = OLD.category)
        OR (dimension = 'source' AND key = OLD.source)
        OR (dimension = 'department' AND key = coalesce(OLD.department, 'onbekend'))
        OR (dimension = 'age_band' AND key = coalesce(OLD.age_band, 'onbekend'))
        OR (dimension = 'contract_type' AND key = coalesce(OLD.contract_type, 'onbekend'))
        OR (dimension = 'conversation_offered' AND key =
            CASE OLD.conversation_offered WHEN 1 THEN 'ja' WHEN 0 THEN 'nee' ELSE 'onbekend' END)
    );
END;

CREATE TRIGGER signal_tally_update AFTER UPDATE ON signal BEGIN
    UPDATE signal_tally SET n = n - 1
    WHERE week_key = OLD.week_key AND (
        (dimension = 'category' AND key = OLD.category)
        OR (dimension = 'source' AND key = OLD.source)
        OR (dimension = 'department' AND key = coalesce(OLD.department, 'onbekend'))
        OR (dimension = 'age_band' AND key = coalesce(OLD.age_band, 'onbekend'))
        OR (dimension = 'contract_type' AND key = coalesce(OLD.contract_type, 'onbekend'))
        OR (dimension = 'conversation_offered' AND key =
            CASE OLD.conversation_offered WHEN 1 THEN 'ja' WHEN 0 THEN 'nee' ELSE 'onbekend' END)
    );
    INSERT INTO signal_tally (week_key, dimension, key, n) VALUES
        (NEW.week_key, 'category', NEW.category, 1),
        (NEW.week_key, 'source', NEW.source, 1),
        (NEW.week_key, 'department', coalesce(NEW.department, 'onbekend'), 1),
        (NEW.week_key, 'age_band', coalesce(NEW.age_band, 'onbekend'), 1),
        (NEW.week_key, 'contract_type', coalesce(NEW.contract_type, 'onbekend'), 1),
        (NEW.week_key, 'conversation_offered',
            CASE NEW.conversation_offered WHEN 1 THEN 'ja' WHEN 0 THEN 'nee' ELSE 'onbekend' END, 1)
    ON CONFLICT (week_key, dimension, key) DO UPDATE SET n = n + 1;
END;
