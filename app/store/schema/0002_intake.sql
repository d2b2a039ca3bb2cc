-- 0002 intake: Geldclinic conversations. Pseudonymous: a case code, never a name.
-- data holds the intake as JSON (resources/schemas/intake.schema.json); advice holds the route
-- advice as shown to the advisor (JSON), so a later change of routes.yaml does not rewrite it.

CREATE TABLE intake (
    id INTEGER PRIMARY KEY,
    case_code TEXT NOT NULL UNIQUE CHECK (case_code GLOB 'GC-[0-9][0-9][0-9][0-9]-[A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9]'),
    status TEXT NOT NULL DEFAULT 'concept' CHECK (status IN ('concept', 'open', 'verwezen', 'afgesloten')),
    data TEXT NOT NULL CHECK (json_valid(data)),
    step INTEGER NOT NULL DEFAULT 0 CHECK (step >= 0),     -- screen to resume at
    conversation_date TEXT NOT NULL,                        -- YYYY-MM-DD
    follow_up TEXT CHECK (follow_up IS NULL OR follow_up GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    advice TEXT CHECK (advice IS NULL OR json_valid(advice)),
    advice_date TEXT,
    chosen_route TEXT CHECK (chosen_route IS NULL OR length(chosen_route) BETWEEN 1 AND 40),
    override_reason TEXT CHECK (override_reason IS NULL OR length(override_reason) <= 2000),
    created_at TEXT NOT NULL,                               -- UTC, ISO 8601
    updated_at TEXT NOT NULL
);

CREATE INDEX intake_status ON intake (status, updated_at);
CREATE INDEX intake_follow_up ON intake (follow_up) WHERE follow_up IS NOT NULL;
