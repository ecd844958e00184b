-- Backups (issue 13): where they go, how many of each age are kept, when the home screen
-- warns, and every backup taken with what its verification found.

CREATE TABLE backup_settings (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    folder          TEXT NOT NULL DEFAULT '',        -- '' = not set: no automatic backups
    keep_daily      INTEGER NOT NULL DEFAULT 7 CHECK (keep_daily BETWEEN 1 AND 366),
    keep_weekly     INTEGER NOT NULL DEFAULT 4 CHECK (keep_weekly BETWEEN 0 AND 520),
    keep_monthly    INTEGER NOT NULL DEFAULT 12 CHECK (keep_monthly BETWEEN 0 AND 240),
    warn_after_days INTEGER NOT NULL DEFAULT 2 CHECK (warn_after_days BETWEEN 1 AND 365)
) STRICT;
INSERT INTO backup_settings (id) VALUES (1);

CREATE TABLE backup_log (
    id          INTEGER PRIMARY KEY,
    taken_at    TEXT NOT NULL,                  -- UTC, ISO 8601
    file_name   TEXT NOT NULL,                  -- the backup's name in its folder
    folder      TEXT NOT NULL,
    verified    INTEGER NOT NULL CHECK (verified IN (0, 1)),
    size_bytes  INTEGER NOT NULL DEFAULT 0,
    sha256      TEXT NOT NULL DEFAULT '',
    counts      TEXT NOT NULL DEFAULT '{}',     -- JSON: rows per table at snapshot time
    problem     TEXT NOT NULL DEFAULT ''        -- why verification failed ('' when verified)
) STRICT;
-- The home screen's "last verified backup" and the newest attempts.
CREATE INDEX backup_log_verified ON backup_log (taken_at) WHERE verified = 1;
CREATE INDEX backup_log_by_time ON backup_log (taken_at);
