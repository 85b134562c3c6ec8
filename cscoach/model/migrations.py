"""Schema migrations. One function per change; ``PRAGMA user_version`` is the schema number.

Each migration runs with its version bump in one transaction (see ``Workbook``), so a
workbook is never left half-migrated. Tables are plain English and plural so the file reads
well in the ``sqlite3`` shell, sqlite-utils or Datasette.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

APPLICATION_ID = 0x43534348  # "CSCH": marks a file as a CS Coach workbook

M001_INITIAL = """
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Team ---------------------------------------------------------------------
CREATE TABLE team_members (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(trim(name)) > 0),
    role        TEXT NOT NULL DEFAULT '',
    start_date  TEXT CHECK (start_date IS NULL OR date(start_date) = start_date),
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at  TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
);

-- Questionnaire --------------------------------------------------------------
CREATE TABLE questions (
    id        INTEGER PRIMARY KEY,
    key       TEXT UNIQUE,              -- set on starter questions, NULL on the owner's own
    section   TEXT NOT NULL CHECK (length(trim(section)) > 0),
    text      TEXT NOT NULL CHECK (length(trim(text)) > 0),
    kind      TEXT NOT NULL DEFAULT 'text' CHECK (kind IN ('text', 'rating')),
    position  INTEGER NOT NULL,
    retired   INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1))
);

CREATE TABLE rounds (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(trim(name)) > 0),
    held_on    TEXT NOT NULL CHECK (date(held_on) = held_on),
    anonymous  INTEGER NOT NULL DEFAULT 0 CHECK (anonymous IN (0, 1)),
    closed     INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1)),
    created_at TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
);

-- The questions exactly as a round asked them: editing the bank never rewrites a round.
CREATE TABLE round_questions (
    id           INTEGER PRIMARY KEY,
    round_id     INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    question_id  INTEGER REFERENCES questions(id) ON DELETE SET NULL,
    position     INTEGER NOT NULL,
    section      TEXT NOT NULL,
    text         TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('text', 'rating')),
    UNIQUE (round_id, position)
);
CREATE INDEX round_questions_question ON round_questions(question_id);

CREATE TABLE responses (
    id          INTEGER PRIMARY KEY,
    round_id    INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    member_id   INTEGER REFERENCES team_members(id) ON DELETE CASCADE, -- NULL: anonymous
    shuffle_key INTEGER NOT NULL,   -- random, fixed at entry: the order anonymous answers show in
    created_at  TEXT NOT NULL DEFAULT (datetime('now', 'localtime')),
    updated_at  TEXT NOT NULL DEFAULT (datetime('now', 'localtime')),
    UNIQUE (round_id, member_id)
);
CREATE INDEX responses_member ON responses(member_id);

CREATE TABLE answers (
    id                 INTEGER PRIMARY KEY,
    response_id        INTEGER NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
    round_question_id  INTEGER NOT NULL REFERENCES round_questions(id) ON DELETE CASCADE,
    text               TEXT NOT NULL DEFAULT '',
    rating             INTEGER CHECK (rating IS NULL OR rating BETWEEN 1 AND 5),
    UNIQUE (response_id, round_question_id)
);
CREATE INDEX answers_round_question ON answers(round_question_id);

-- Philosophy -----------------------------------------------------------------
CREATE TABLE core_values (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(trim(name)) > 0),
    meaning   TEXT NOT NULL DEFAULT '',
    position  INTEGER NOT NULL
);

-- The draft: one row per section, edited in place.
CREATE TABLE philosophy_sections (
    id           INTEGER PRIMARY KEY,
    key          TEXT UNIQUE,
    title        TEXT NOT NULL CHECK (length(trim(title)) > 0),
    body         TEXT NOT NULL DEFAULT '',
    question_id  INTEGER REFERENCES questions(id) ON DELETE SET NULL,
    position     INTEGER NOT NULL
);

-- Published versions never change.
CREATE TABLE philosophy_versions (
    id            INTEGER PRIMARY KEY,
    number        INTEGER NOT NULL UNIQUE CHECK (number > 0),
    published_on  TEXT NOT NULL CHECK (date(published_on) = published_on),
    note          TEXT NOT NULL DEFAULT '',
    business_name TEXT NOT NULL DEFAULT ''
);

CREATE TABLE philosophy_version_sections (
    version_id  INTEGER NOT NULL REFERENCES philosophy_versions(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,
    PRIMARY KEY (version_id, position)
);

CREATE TABLE philosophy_version_values (
    version_id  INTEGER NOT NULL REFERENCES philosophy_versions(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    meaning     TEXT NOT NULL,
    PRIMARY KEY (version_id, position)
);

-- KPIs -----------------------------------------------------------------------
CREATE TABLE kpis (
    id                INTEGER PRIMARY KEY,
    key               TEXT UNIQUE,   -- csat, nps, retention, resolution_time for the starter KPIs
    name              TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(trim(name)) > 0),
    unit              TEXT NOT NULL DEFAULT '',
    min_value         REAL,
    max_value         REAL,
    higher_is_better  INTEGER NOT NULL DEFAULT 1 CHECK (higher_is_better IN (0, 1)),
    description       TEXT NOT NULL DEFAULT '',
    position          INTEGER NOT NULL,
    active            INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    CHECK (min_value IS NULL OR max_value IS NULL OR min_value < max_value)
);

-- A target holds from its month until the next change: history is kept.
CREATE TABLE kpi_targets (
    kpi_id      INTEGER NOT NULL REFERENCES kpis(id) ON DELETE CASCADE,
    from_month  TEXT NOT NULL CHECK (from_month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    target      REAL NOT NULL,
    PRIMARY KEY (kpi_id, from_month)
);

CREATE TABLE kpi_entries (
    kpi_id      INTEGER NOT NULL REFERENCES kpis(id) ON DELETE CASCADE,
    month       TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    value       REAL NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    -- counts: the numbers the value was computed from, when entered from counts
    counts      TEXT CHECK (counts IS NULL OR json_valid(counts)),
    updated_at  TEXT NOT NULL DEFAULT (datetime('now', 'localtime')),
    PRIMARY KEY (kpi_id, month)
);
CREATE INDEX kpi_entries_month ON kpi_entries(month);

CREATE TABLE monthly_reviews (
    month       TEXT PRIMARY KEY CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    next_steps  TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
);

CREATE TABLE kpi_values (
    kpi_id    INTEGER NOT NULL REFERENCES kpis(id) ON DELETE CASCADE,
    value_id  INTEGER NOT NULL REFERENCES core_values(id) ON DELETE CASCADE,
    PRIMARY KEY (kpi_id, value_id)
);

-- Standards ------------------------------------------------------------------
CREATE TABLE standard_categories (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(trim(name)) > 0),
    position  INTEGER NOT NULL
);

CREATE TABLE standards (
    id             INTEGER PRIMARY KEY,
    title          TEXT NOT NULL CHECK (length(trim(title)) > 0),
    detail         TEXT NOT NULL DEFAULT '',
    category_id    INTEGER NOT NULL REFERENCES standard_categories(id),
    kpi_id         INTEGER REFERENCES kpis(id) ON DELETE SET NULL,
    owner_id       INTEGER REFERENCES team_members(id) ON DELETE SET NULL,
    review_months  INTEGER NOT NULL DEFAULT 6 CHECK (review_months BETWEEN 1 AND 60),
    on_poster      INTEGER NOT NULL DEFAULT 0 CHECK (on_poster IN (0, 1)),
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    position       INTEGER NOT NULL,
    created_on     TEXT NOT NULL DEFAULT (date('now', 'localtime'))
);
CREATE INDEX standards_category ON standards(category_id);
CREATE INDEX standards_owner ON standards(owner_id);

CREATE TABLE standard_values (
    standard_id  INTEGER NOT NULL REFERENCES standards(id) ON DELETE CASCADE,
    value_id     INTEGER NOT NULL REFERENCES core_values(id) ON DELETE CASCADE,
    PRIMARY KEY (standard_id, value_id)
);

-- The last review date of a standard is the newest row here.
CREATE TABLE standard_reviews (
    id           INTEGER PRIMARY KEY,
    standard_id  INTEGER NOT NULL REFERENCES standards(id) ON DELETE CASCADE,
    reviewed_on  TEXT NOT NULL CHECK (date(reviewed_on) = reviewed_on),
    reviewed_by  INTEGER REFERENCES team_members(id) ON DELETE SET NULL,
    note         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX standard_reviews_standard ON standard_reviews(standard_id, reviewed_on);

-- Hiring ---------------------------------------------------------------------
CREATE TABLE hiring_criteria (
    id         INTEGER PRIMARY KEY,
    key        TEXT UNIQUE,
    quality    TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(trim(quality)) > 0),
    good_signs TEXT NOT NULL DEFAULT '',
    poor_signs TEXT NOT NULL DEFAULT '',
    weight     INTEGER NOT NULL DEFAULT 3 CHECK (weight BETWEEN 1 AND 5),
    position   INTEGER NOT NULL,
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE criterion_questions (
    id            INTEGER PRIMARY KEY,
    criterion_id  INTEGER NOT NULL REFERENCES hiring_criteria(id) ON DELETE CASCADE,
    text          TEXT NOT NULL CHECK (length(trim(text)) > 0),
    position      INTEGER NOT NULL
);
CREATE INDEX criterion_questions_criterion ON criterion_questions(criterion_id);

CREATE TABLE criterion_values (
    criterion_id  INTEGER NOT NULL REFERENCES hiring_criteria(id) ON DELETE CASCADE,
    value_id      INTEGER NOT NULL REFERENCES core_values(id) ON DELETE CASCADE,
    PRIMARY KEY (criterion_id, value_id)
);

CREATE TABLE candidates (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
    role            TEXT NOT NULL DEFAULT '',
    interview_date  TEXT CHECK (interview_date IS NULL OR date(interview_date) = interview_date),
    status          TEXT NOT NULL DEFAULT 'interviewing'
                    CHECK (status IN ('interviewing', 'offered', 'hired', 'not hired')),
    notes           TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL DEFAULT (datetime('now', 'localtime'))
);

CREATE TABLE candidate_scores (
    candidate_id  INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    criterion_id  INTEGER NOT NULL REFERENCES hiring_criteria(id) ON DELETE CASCADE,
    score         INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    note          TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (candidate_id, criterion_id)
);
CREATE INDEX candidate_scores_criterion ON candidate_scores(criterion_id);
"""


def m001_initial(conn: sqlite3.Connection) -> None:
    """Every table of every section, then the starter content."""
    from cscoach.model import starter

    for statement in _statements(M001_INITIAL):
        conn.execute(statement)
    starter.insert_starter_content(conn)


def _statements(script: str) -> list[str]:
    """Split a script of DDL statements (none of which contain ';' in a literal)."""
    lines = [line.split("--", 1)[0] for line in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


M002_FEEDBACK = """
-- Feedback: what customers say --------------------------------------------------
-- Dates are checked with IS, not =: date() of a non-date is NULL, and a CHECK that is NULL
-- passes.
-- A theme's keyword rule suggests it for an item: "keywords" are entries separated by
-- commas, matched as whole words; "match" says how (any entry, all of them, or the whole
-- text as one exact phrase). See cscoach.model.feedback_themes.
CREATE TABLE feedback_themes (
    id        INTEGER PRIMARY KEY,
    key       TEXT UNIQUE,             -- set on the starter themes, NULL on the owner's own
    name      TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(trim(name)) > 0),
    keywords  TEXT NOT NULL DEFAULT '',
    match     TEXT NOT NULL DEFAULT 'any' CHECK (match IN ('any', 'all', 'phrase')),
    suggest   INTEGER NOT NULL DEFAULT 1 CHECK (suggest IN (0, 1)),
    position  INTEGER NOT NULL
);

CREATE TABLE feedback_items (
    id               INTEGER PRIMARY KEY,
    received_on      TEXT NOT NULL CHECK (date(received_on) IS received_on),
    kind             TEXT NOT NULL
                     CHECK (kind IN ('compliment', 'complaint', 'suggestion', 'question')),
    channel          TEXT NOT NULL DEFAULT '',  -- a starter channel, the owner's own, or ''
    text             TEXT NOT NULL CHECK (length(trim(text)) > 0),
    customer         TEXT NOT NULL DEFAULT '',  -- name or contact, when given
    customer_asked   TEXT NOT NULL DEFAULT '',  -- what the customer asked for (a complaint)
    severity         TEXT CHECK (severity IS NULL OR severity IN ('minor', 'moderate', 'serious')),
    acknowledged_on  TEXT CHECK (acknowledged_on IS NULL
                                 OR (date(acknowledged_on) IS acknowledged_on
                                     AND acknowledged_on >= received_on)),
    -- the follow-up: who owns it (NULL: the owner of the business) and what was done
    follow_up_by     INTEGER REFERENCES team_members(id) ON DELETE SET NULL,
    action_taken     TEXT NOT NULL DEFAULT '',
    -- complaints only: open or resolved (and when; NULL when not known)
    status           TEXT CHECK (status IS NULL OR status IN ('open', 'resolved')),
    resolved_on      TEXT CHECK (resolved_on IS NULL
                                 OR (date(resolved_on) IS resolved_on
                                     AND resolved_on >= received_on AND status = 'resolved')),
    created_at       TEXT NOT NULL DEFAULT (datetime('now', 'localtime')),
    CHECK ((kind = 'complaint') = (status IS NOT NULL))
);
CREATE INDEX feedback_items_received ON feedback_items(received_on);
CREATE INDEX feedback_items_kind ON feedback_items(kind, received_on);
CREATE INDEX feedback_items_follow_up ON feedback_items(follow_up_by);

CREATE TABLE feedback_item_themes (
    item_id   INTEGER NOT NULL REFERENCES feedback_items(id) ON DELETE CASCADE,
    theme_id  INTEGER NOT NULL REFERENCES feedback_themes(id) ON DELETE CASCADE,
    PRIMARY KEY (item_id, theme_id)
);
CREATE INDEX feedback_item_themes_theme ON feedback_item_themes(theme_id);

-- the team members an item names (praise or a complaint about them)
CREATE TABLE feedback_item_members (
    item_id    INTEGER NOT NULL REFERENCES feedback_items(id) ON DELETE CASCADE,
    member_id  INTEGER NOT NULL REFERENCES team_members(id) ON DELETE CASCADE,
    PRIMARY KEY (item_id, member_id)
);
CREATE INDEX feedback_item_members_member ON feedback_item_members(member_id);

-- the standards an item concerns ("which standard would have prevented this?")
CREATE TABLE feedback_item_standards (
    item_id      INTEGER NOT NULL REFERENCES feedback_items(id) ON DELETE CASCADE,
    standard_id  INTEGER NOT NULL REFERENCES standards(id) ON DELETE CASCADE,
    PRIMARY KEY (item_id, standard_id)
);
CREATE INDEX feedback_item_standards_standard ON feedback_item_standards(standard_id);
"""


def m002_feedback(conn: sqlite3.Connection) -> None:
    """Feedback items with their themes, the team members and standards they name; the
    starter themes with their keyword rules; the settings of the pattern rules."""
    from cscoach.model import feedback_starter

    for statement in _statements(M002_FEEDBACK):
        conn.execute(statement)
    feedback_starter.insert_starter_feedback(conn)


M003_ACTIONS = """
-- Actions: what the business decided to do, and what came of it -----------------------
-- Where an action came from is its "source" and the one column of that kind that names it;
-- the other columns stay NULL. When the source is deleted its column becomes NULL but the
-- kind and "source_label" (the source as it was described when linked) stay, so the action
-- still says where it came from, marked as deleted. "kpi_month" is a KPI's review of a
-- month; "review" the monthly review of a month as a whole (kpi_month holds the month).
CREATE TABLE actions (
    id                 INTEGER PRIMARY KEY,
    title              TEXT NOT NULL CHECK (length(trim(title)) > 0),
    source             TEXT NOT NULL DEFAULT 'none'
                       CHECK (source IN ('none', 'round', 'question', 'feedback_item',
                                         'feedback_theme', 'kpi_month', 'review', 'standard')),
    source_label       TEXT NOT NULL DEFAULT '',
    round_id           INTEGER REFERENCES rounds(id) ON DELETE SET NULL,
    round_question_id  INTEGER REFERENCES round_questions(id) ON DELETE SET NULL,
    feedback_item_id   INTEGER REFERENCES feedback_items(id) ON DELETE SET NULL,
    feedback_theme_id  INTEGER REFERENCES feedback_themes(id) ON DELETE SET NULL,
    kpi_id             INTEGER REFERENCES kpis(id) ON DELETE SET NULL,
    kpi_month          TEXT CHECK (kpi_month IS NULL
                                   OR kpi_month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    standard_id        INTEGER REFERENCES standards(id) ON DELETE SET NULL,
    -- who carries it out: a team member, or NULL for the owner of the business
    owner_id           INTEGER REFERENCES team_members(id) ON DELETE SET NULL,
    due_on             TEXT CHECK (due_on IS NULL OR date(due_on) IS due_on),
    status             TEXT NOT NULL DEFAULT 'planned'
                       CHECK (status IN ('planned', 'doing', 'done', 'dropped')),
    done_on            TEXT CHECK (done_on IS NULL
                                   OR (date(done_on) IS done_on AND status = 'done')),
    outcome            TEXT NOT NULL DEFAULT '',   -- what came of it (or why it was dropped)
    share              INTEGER NOT NULL DEFAULT 0 CHECK (share IN (0, 1)), -- "You said, we did"
    -- about a month after it was done: did it help?
    helped             TEXT CHECK (helped IS NULL
                                   OR (helped IN ('yes', 'not yet', 'no') AND status = 'done')),
    helped_on          TEXT CHECK ((helped_on IS NULL) = (helped IS NULL)
                                   AND (helped_on IS NULL OR date(helped_on) IS helped_on)),
    created_on         TEXT NOT NULL CHECK (date(created_on) IS created_on),
    CHECK (source IN ('round', 'question') OR round_id IS NULL),
    CHECK (source = 'question' OR round_question_id IS NULL),
    CHECK (source = 'feedback_item' OR feedback_item_id IS NULL),
    CHECK (source = 'feedback_theme' OR feedback_theme_id IS NULL),
    CHECK (source = 'kpi_month' OR kpi_id IS NULL),
    CHECK (source IN ('kpi_month', 'review') OR kpi_month IS NULL),
    CHECK (source NOT IN ('kpi_month', 'review') OR kpi_month IS NOT NULL),
    CHECK (source = 'standard' OR standard_id IS NULL)
);
CREATE INDEX actions_status ON actions(status, due_on);
CREATE INDEX actions_owner ON actions(owner_id);
CREATE INDEX actions_round ON actions(round_id);
CREATE INDEX actions_round_question ON actions(round_question_id);
CREATE INDEX actions_feedback_item ON actions(feedback_item_id);
CREATE INDEX actions_feedback_theme ON actions(feedback_theme_id);
CREATE INDEX actions_kpi ON actions(kpi_id, kpi_month);
CREATE INDEX actions_standard ON actions(standard_id);
"""


def m003_actions(conn: sqlite3.Connection) -> None:
    """Actions with their source, owner and follow-up; and the workbook's own identity, a
    random id that calendar entries are named after (so importing the calendar again
    updates them rather than adding them twice)."""
    import uuid

    for statement in _statements(M003_ACTIONS):
        conn.execute(statement)
    conn.execute(
        "INSERT OR IGNORE INTO settings (key, value) VALUES ('workbook_uid', ?)",
        (uuid.uuid4().hex,),
    )


M004_KIOSK = """
-- The counter kiosk: one-tap votes at the counter -----------------------------------------
-- A kiosk session runs from the kiosk's start to the owner leaving it with the PIN;
-- "ignored" counts the presses its repeat guard did not count (a second press within
-- seconds of a vote: the same customer again, or a child at the buttons).
CREATE TABLE kiosk_sessions (
    id          INTEGER PRIMARY KEY,
    started_at  TEXT NOT NULL CHECK (datetime(started_at) IS started_at),
    ended_at    TEXT CHECK (ended_at IS NULL OR datetime(ended_at) IS ended_at),
    ignored     INTEGER NOT NULL DEFAULT 0 CHECK (ignored >= 0)
);

-- One row per customer: the 1-5 face (CSAT) and/or the 0-10 answer (NPS), local time. A
-- low score's answer to "What could we do better?" is a complaint in Feedback (channel
-- kiosk); the vote keeps a link to it.
CREATE TABLE kiosk_votes (
    id                INTEGER PRIMARY KEY,
    voted_at          TEXT NOT NULL CHECK (datetime(voted_at) IS voted_at),
    csat              INTEGER CHECK (csat IS NULL OR csat BETWEEN 1 AND 5),
    nps               INTEGER CHECK (nps IS NULL OR nps BETWEEN 0 AND 10),
    session_id        INTEGER REFERENCES kiosk_sessions(id) ON DELETE SET NULL,
    feedback_item_id  INTEGER REFERENCES feedback_items(id) ON DELETE SET NULL,
    CHECK (csat IS NOT NULL OR nps IS NOT NULL)
);
-- a month's counts from the index alone
CREATE INDEX kiosk_votes_time ON kiosk_votes(voted_at, csat, nps);
CREATE INDEX kiosk_votes_session ON kiosk_votes(session_id);
CREATE INDEX kiosk_votes_feedback_item ON kiosk_votes(feedback_item_id);

-- Months whose kiosk votes the owner keeps apart from a value typed or imported for them.
CREATE TABLE kiosk_kept_apart (
    kpi_id  INTEGER NOT NULL REFERENCES kpis(id) ON DELETE CASCADE,
    month   TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    PRIMARY KEY (kpi_id, month)
);
"""


def m004_kiosk(conn: sqlite3.Connection) -> None:
    """The counter kiosk's votes and sessions, and the months whose votes the owner keeps
    apart. Its settings (question, scales, the owner's PIN as a salted hash) are rows of
    ``settings`` (see ``cscoach.model.kiosk``)."""
    for statement in _statements(M004_KIOSK):
        conn.execute(statement)


M005_TRAINING = """
-- Training and recognition: sessions, who attended, success stories ----------------------
-- Who ran a session: "trainer" says whether it was the owner of the business, a team member
-- (trainer_id; trainer_name keeps their name, so a session still says who ran it after the
-- member is deleted) or someone from outside (trainer_name). "refresh_months": the training
-- must be taken again that long after (food hygiene, first aid, allergens); NULL: never.
CREATE TABLE training_sessions (
    id              INTEGER PRIMARY KEY,
    held_on         TEXT NOT NULL CHECK (date(held_on) IS held_on),
    topic           TEXT NOT NULL CHECK (length(trim(topic)) > 0),
    kind            TEXT NOT NULL DEFAULT 'soft_skills'
                    CHECK (kind IN ('soft_skills', 'product', 'role_play', 'onboarding')),
    trainer         TEXT NOT NULL DEFAULT 'owner' CHECK (trainer IN ('owner', 'member', 'outside')),
    trainer_id      INTEGER REFERENCES team_members(id) ON DELETE SET NULL,
    trainer_name    TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT '',
    refresh_months  INTEGER CHECK (refresh_months IS NULL OR refresh_months BETWEEN 1 AND 120),
    created_on      TEXT NOT NULL CHECK (date(created_on) IS created_on),
    CHECK (trainer = 'member' OR trainer_id IS NULL),
    CHECK (trainer <> 'outside' OR length(trim(trainer_name)) > 0)
);
CREATE INDEX training_sessions_held ON training_sessions(held_on);
CREATE INDEX training_sessions_trainer ON training_sessions(trainer_id);

-- the standards a session covered
CREATE TABLE training_standards (
    session_id   INTEGER NOT NULL REFERENCES training_sessions(id) ON DELETE CASCADE,
    standard_id  INTEGER NOT NULL REFERENCES standards(id) ON DELETE CASCADE,
    PRIMARY KEY (session_id, standard_id)
);
CREATE INDEX training_standards_standard ON training_standards(standard_id);

-- who attended
CREATE TABLE training_attendance (
    session_id  INTEGER NOT NULL REFERENCES training_sessions(id) ON DELETE CASCADE,
    member_id   INTEGER NOT NULL REFERENCES team_members(id) ON DELETE CASCADE,
    PRIMARY KEY (session_id, member_id)
);
CREATE INDEX training_attendance_member ON training_attendance(member_id);

-- A new starter's first weeks: the days they read the philosophy and signed the standards
-- (the onboarding sessions they attended are in training_attendance).
CREATE TABLE starter_checklists (
    member_id            INTEGER PRIMARY KEY REFERENCES team_members(id) ON DELETE CASCADE,
    philosophy_read_on   TEXT CHECK (philosophy_read_on IS NULL
                                     OR date(philosophy_read_on) IS philosophy_read_on),
    standards_signed_on  TEXT CHECK (standards_signed_on IS NULL
                                     OR date(standards_signed_on) IS standards_signed_on)
);

-- Success stories: what happened, who, the value it showed; optionally the compliment it
-- came from. "value_name" keeps the value's name as chosen, for when it is deleted.
CREATE TABLE success_stories (
    id                INTEGER PRIMARY KEY,
    happened_on       TEXT NOT NULL CHECK (date(happened_on) IS happened_on),
    value_id          INTEGER REFERENCES core_values(id) ON DELETE SET NULL,
    value_name        TEXT NOT NULL DEFAULT '',
    what_happened     TEXT NOT NULL CHECK (length(trim(what_happened)) > 0),
    feedback_item_id  INTEGER REFERENCES feedback_items(id) ON DELETE SET NULL,
    created_on        TEXT NOT NULL CHECK (date(created_on) IS created_on)
);
CREATE INDEX success_stories_happened ON success_stories(happened_on);
CREATE INDEX success_stories_value ON success_stories(value_id);
CREATE INDEX success_stories_feedback_item ON success_stories(feedback_item_id);

CREATE TABLE story_members (
    story_id   INTEGER NOT NULL REFERENCES success_stories(id) ON DELETE CASCADE,
    member_id  INTEGER NOT NULL REFERENCES team_members(id) ON DELETE CASCADE,
    PRIMARY KEY (story_id, member_id)
);
CREATE INDEX story_members_member ON story_members(member_id);

-- the months a story is featured in (the story of the month on the break-room wall)
CREATE TABLE story_features (
    story_id  INTEGER NOT NULL REFERENCES success_stories(id) ON DELETE CASCADE,
    month     TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    PRIMARY KEY (story_id, month)
);
CREATE INDEX story_features_month ON story_features(month);
"""


def m005_training(conn: sqlite3.Connection) -> None:
    """Training sessions (the standards each covered, who attended), a new starter's
    checklist, and success stories (who, the value, the compliment it came from, the months
    it is featured in). See ``cscoach.model.training``."""
    for statement in _statements(M005_TRAINING):
        conn.execute(statement)


def m006_left_on(conn: sqlite3.Connection) -> None:
    """The day someone left the team (``team_members.left_on``), so a questionnaire round is
    counted against who was on the team that day. Someone already inactive has none: it is
    not known."""
    conn.execute(
        "ALTER TABLE team_members ADD COLUMN left_on TEXT "
        "CHECK (left_on IS NULL OR date(left_on) IS left_on)"
    )


# Index i holds the migration that takes a workbook from schema i to schema i + 1.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    m001_initial,
    m002_feedback,
    m003_actions,
    m004_kiosk,
    m005_training,
    m006_left_on,
]


def latest_version() -> int:
    return len(MIGRATIONS)
