//! The people who log in to a practice file (migration 13): their login, name, role and
//! password, kept only as an argon2id hash (HIPAA 164.312(d): person authentication).
//!
//! Logging in, changing and resetting passwords and (de)activating users are written here with
//! their audit entries, in one transaction each. Failed logins slow down: after the fifth in a
//! row, each further try must wait twice as long as the one before (2 s, 4 s, ... up to 15
//! minutes); every failure is audited, also for a login that does not exist.

use super::audit::{AuditNote, Outcome, Record};
use crate::error::{Result, StoreError};
use crate::{Store, Tx};
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::{DateTime, Utc};
use claimdesk_core::{Actor, Login, Role, Source};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The shortest password accepted: a passphrase of several words.
pub const PASSWORD_MIN_CHARS: usize = 12;
/// Failed logins in a row allowed before each further try must wait.
pub const FREE_FAILED_LOGINS: i64 = 5;
/// The longest wait between tries.
const MAX_WAIT_SECONDS: i64 = 15 * 60;

/// A user as the app lists them (never the password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct User {
    pub id: i64,
    pub login: String,
    pub full_name: String,
    pub role: Role,
    /// The role as the app shows it ("Front desk").
    pub role_label: String,
    pub active: bool,
    /// Set by an administrator's reset: the user must choose a new password at next login.
    pub must_change_password: bool,
    pub created_at: String,
    pub password_changed_at: String,
}

/// A new user, as the administrator enters them.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct NewUser {
    pub login: String,
    pub full_name: String,
    pub role: Role,
    pub password: String,
}

/// The practice file's security settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct SecuritySettings {
    /// Lock the screen after this many idle minutes (1-240; 10 by default).
    pub lock_after_minutes: u32,
}

impl Default for SecuritySettings {
    /// As a new file starts (migration 13).
    fn default() -> SecuritySettings {
        SecuritySettings { lock_after_minutes: 10 }
    }
}

/// Whether `password` is acceptable for `login`; the message names what to change.
pub fn check_password(login: &str, password: &str) -> Result<()> {
    let chars = password.chars().count();
    if chars < PASSWORD_MIN_CHARS {
        return Err(StoreError::invalid(
            "password",
            format!(
                "Use at least {PASSWORD_MIN_CHARS} characters: a passphrase of three or four words is easy to remember"
            ),
        ));
    }
    if chars > 200 {
        return Err(StoreError::invalid("password", "Use at most 200 characters"));
    }
    if password.chars().any(char::is_control) {
        return Err(StoreError::invalid("password", "Use letters, digits, spaces and punctuation only"));
    }
    let lower = password.to_lowercase();
    if !login.trim().is_empty() && lower.contains(&login.trim().to_lowercase()) {
        return Err(StoreError::invalid("password", "The password must not contain the login name"));
    }
    let first = lower.chars().next().unwrap_or(' ');
    if lower.chars().all(|c| c == first)
        || ["password", "123456789", "qwertyuiop", "claimdesk"].iter().any(|w| lower.contains(w))
    {
        return Err(StoreError::invalid("password", "That password is too easy to guess; choose a passphrase"));
    }
    Ok(())
}

/// The argon2id hash (PHC string, with its own random salt) of `password`.
fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|_| StoreError::Corrupt("the password could not be hashed".into()))
}

fn password_matches(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
}

fn check_login(login: &str) -> Result<String> {
    let login = login.trim();
    if login.is_empty() {
        return Err(StoreError::invalid("login", "Enter a login name"));
    }
    if login.chars().count() > 40 || !login.chars().all(|c| c.is_ascii_alphanumeric() || "._-@".contains(c)) {
        return Err(StoreError::invalid("login", "Use up to 40 letters, digits and . _ - @ (no spaces)"));
    }
    Ok(login.to_string())
}

fn check_full_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(StoreError::invalid("full_name", "Enter the person's name"));
    }
    StoreError::check_text("full_name", "Name", name, claimdesk_core::text::max::USER_NAME)?;
    Ok(name.to_string())
}

const USER_COLUMNS: &str =
    "SELECT id, login, full_name, role, active, must_change_password, created_at, password_changed_at FROM users";

fn user(r: &rusqlite::Row) -> rusqlite::Result<User> {
    let role: String = r.get(3)?;
    let role = Role::parse(&role)
        .ok_or_else(|| rusqlite::Error::FromSqlConversionFailure(3, rusqlite::types::Type::Text, "user role".into()))?;
    Ok(User {
        id: r.get(0)?,
        login: r.get(1)?,
        full_name: r.get(2)?,
        role,
        role_label: role.label().to_string(),
        active: r.get(4)?,
        must_change_password: r.get(5)?,
        created_at: r.get(6)?,
        password_changed_at: r.get(7)?,
    })
}

/// How long the next try must wait after `failed` failures in a row (0: it may go now).
pub(crate) fn wait_seconds(failed: i64) -> i64 {
    if failed < FREE_FAILED_LOGINS {
        0
    } else {
        2_i64.saturating_pow((failed - FREE_FAILED_LOGINS + 1).min(20) as u32).min(MAX_WAIT_SECONDS)
    }
}

/// The actor a user works as once logged in.
pub fn actor_of(user: &User, source: Source) -> Actor {
    Actor::logged_in(&user.login, Login { user_id: user.id, role: user.role }, source)
}

/// Who a failed login is recorded as: the login typed (not a user of the file, perhaps).
fn stranger(login: &str, source: Source) -> Actor {
    let typed: String = login.trim().chars().filter(|c| !c.is_control()).take(40).collect();
    Actor::user(&typed, source)
}

impl Store {
    /// Whether anyone can log in to this file yet (a file made before logins has no users: its
    /// first administrator is created once, then logins apply).
    pub fn has_users(&self) -> Result<bool> {
        Ok(self.conn().prepare_cached("SELECT EXISTS (SELECT 1 FROM users)")?.query_row([], |r| r.get(0))?)
    }

    pub fn users(&self) -> Result<Vec<User>> {
        // A practice has a handful of users; the list is whole.
        let mut stmt = self.conn().prepare_cached(&format!("{USER_COLUMNS} ORDER BY active DESC, login"))?;
        let list = stmt.query_map([], user)?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(list)
    }

    pub fn user(&self, id: i64) -> Result<User> {
        self.conn()
            .prepare_cached(&format!("{USER_COLUMNS} WHERE id = ?1"))?
            .query_row([id], user)
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("user {id}")))
    }

    /// Whether this is a demo practice file (invented data, shared demo logins).
    pub fn is_demo(&self) -> Result<bool> {
        Ok(self
            .conn()
            .prepare_cached("SELECT demo FROM security_settings WHERE id = 1")?
            .query_row([], |r| r.get(0))?)
    }

    pub fn security_settings(&self) -> Result<SecuritySettings> {
        Ok(self
            .conn()
            .prepare_cached("SELECT lock_after_minutes FROM security_settings WHERE id = 1")?
            .query_row([], |r| Ok(SecuritySettings { lock_after_minutes: r.get(0)? }))?)
    }

    /// Creates the file's first administrator; refused once the file has users.
    pub fn create_first_administrator(&mut self, new: &NewUser, source: Source) -> Result<User> {
        if new.role != Role::Administrator {
            return Err(StoreError::invalid("role", "The first user of a practice file is its administrator"));
        }
        let tx = Tx {
            tx: self.conn.transaction()?,
            today: chrono::Local::now().date_naive(),
            actor: Actor::system(source),
            notes: &self.notes,
            // This entry is written below by hand: it is the first administrator's own.
            recording: false,
        };
        if tx.prepare_cached("SELECT EXISTS (SELECT 1 FROM users)")?.query_row([], |r| r.get::<_, bool>(0))? {
            return Err(StoreError::Conflict("this practice file already has its administrator; log in".into()));
        }
        let created = tx.insert_user(new)?;
        let actor = actor_of(&created, source);
        super::audit::append(
            &tx,
            &actor,
            "administrator_create",
            Outcome::Done,
            &AuditNote::change(Record::new("user", created.id), None, None, &created),
            Utc::now(),
        )?;
        tx.tx.commit()?;
        Ok(created)
    }

    /// Checks a login and password at `now`. A good one clears the failure count and returns
    /// the user; a wrong one counts, is audited and is refused with the same words whether the
    /// login exists or not. While the wait after repeated failures runs, even the right
    /// password is refused (and the wait named).
    pub fn log_in(&mut self, login: &str, password: &str, source: Source, now: DateTime<Utc>) -> Result<User> {
        let found: Option<(User, String, i64, Option<String>)> = self
            .conn()
            .prepare_cached(
                "SELECT id, login, full_name, role, active, must_change_password, created_at, password_changed_at,
                        password_hash, failed_logins, last_failed_at
                 FROM users WHERE login = ?1",
            )?
            .query_row([login.trim()], |r| Ok((user(r)?, r.get(8)?, r.get(9)?, r.get(10)?)))
            .optional()?;
        let refused = || StoreError::invalid("password", "That login and password do not match");
        let Some((user, hash, failed, last_failed)) = found else {
            // Hash anyway, so an unknown login takes as long as a wrong password.
            let _ = password_matches(
                password,
                "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$ZHVtbXloYXNoZHVtbXloYXNoZHVtbXloYXNo",
            );
            self.audit_event(
                &stranger(login, source),
                "log_in",
                Outcome::Failed,
                &AuditNote::default().with_note("unknown login"),
            )?;
            return Err(refused());
        };
        let actor = actor_of(&user, source);
        let record = AuditNote::about(Record::new("user", user.id), None);
        let wait = wait_seconds(failed);
        if wait > 0 {
            let since = last_failed
                .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
                .map(|t| (now - t.with_timezone(&Utc)).num_seconds())
                .unwrap_or(i64::MAX);
            if since < wait {
                self.audit_event(
                    &actor,
                    "log_in",
                    Outcome::Refused,
                    &record.clone().with_note("waiting after failed logins"),
                )?;
                return Err(StoreError::invalid(
                    "password",
                    format!("Too many failed logins: try again in {} seconds", wait - since.max(0)),
                ));
            }
        }
        if !password_matches(password, &hash) {
            let tx = self.conn.transaction()?;
            tx.prepare_cached("UPDATE users SET failed_logins = failed_logins + 1, last_failed_at = ?2 WHERE id = ?1")?
                .execute(params![user.id, now.to_rfc3339()])?;
            super::audit::append(&tx, &actor, "log_in", Outcome::Failed, &record.with_note("wrong password"), now)?;
            tx.commit()?;
            return Err(refused());
        }
        if !user.active {
            self.audit_event(&actor, "log_in", Outcome::Refused, &record.with_note("user deactivated"))?;
            return Err(StoreError::NotAllowed(format!(
                "The user {} is deactivated; ask an administrator",
                user.login
            )));
        }
        let tx = self.conn.transaction()?;
        tx.prepare_cached("UPDATE users SET failed_logins = 0, last_failed_at = NULL WHERE id = ?1")?
            .execute([user.id])?;
        super::audit::append(&tx, &actor, "log_in", Outcome::Done, &record, now)?;
        tx.commit()?;
        Ok(user)
    }

    /// Whether `password` is the user's (unlocking a locked screen). A wrong one is audited.
    pub fn verify_password(&mut self, actor: &Actor, password: &str) -> Result<bool> {
        let user_id = actor.user_id().ok_or_else(|| StoreError::LoggedOut("Log in first".into()))?;
        let hash: String = self
            .conn()
            .prepare_cached("SELECT password_hash FROM users WHERE id = ?1 AND active = 1")?
            .query_row([user_id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreError::NotAllowed("This user was deactivated; ask an administrator".into()))?;
        Ok(password_matches(password, &hash))
    }
}

impl Tx<'_> {
    fn insert_user(&self, new: &NewUser) -> Result<User> {
        let login = check_login(&new.login)?;
        let full_name = check_full_name(&new.full_name)?;
        check_password(&login, &new.password)?;
        let taken: bool = self
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM users WHERE login = ?1)")?
            .query_row([&login], |r| r.get(0))?;
        if taken {
            return Err(StoreError::invalid("login", format!("The login {login} is taken; choose another")));
        }
        let now = crate::now_utc();
        self.prepare_cached(
            "INSERT INTO users (login, full_name, role, password_hash, created_at, password_changed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        )?
        .execute(params![login, full_name, new.role.as_str(), hash_password(&new.password)?, now])?;
        let id = self.last_insert_rowid();
        Ok(self.prepare_cached(&format!("{USER_COLUMNS} WHERE id = ?1"))?.query_row([id], user)?)
    }

    fn user(&self, id: i64) -> Result<User> {
        self.prepare_cached(&format!("{USER_COLUMNS} WHERE id = ?1"))?
            .query_row([id], user)
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("user {id}")))
    }

    /// Adds a user (administrators only, checked at the door).
    pub fn create_user(&self, new: &NewUser) -> Result<User> {
        let created = self.insert_user(new)?;
        self.note(|| AuditNote::change(Record::new("user", created.id), None, None, &created));
        Ok(created)
    }

    /// A user changes their own password, proving the old one.
    pub fn change_password(&self, user_id: i64, old: &str, new: &str) -> Result<User> {
        let before = self.user(user_id)?;
        let hash: String =
            self.prepare_cached("SELECT password_hash FROM users WHERE id = ?1")?.query_row([user_id], |r| r.get(0))?;
        if !password_matches(old, &hash) {
            return Err(StoreError::invalid("current_password", "The current password is not right"));
        }
        if old == new {
            return Err(StoreError::invalid("password", "Choose a password different from the current one"));
        }
        check_password(&before.login, new)?;
        self.set_password(user_id, new, false)?;
        let after = self.user(user_id)?;
        self.note(|| AuditNote::change(Record::new("user", user_id), None, Some(&before), &after));
        Ok(after)
    }

    /// An administrator sets a temporary password; the user must change it at next login.
    pub fn reset_password(&self, user_id: i64, temporary: &str) -> Result<User> {
        let before = self.user(user_id)?;
        check_password(&before.login, temporary)?;
        self.set_password(user_id, temporary, true)?;
        self.prepare_cached("UPDATE users SET failed_logins = 0, last_failed_at = NULL WHERE id = ?1")?
            .execute([user_id])?;
        let after = self.user(user_id)?;
        self.note(|| AuditNote::change(Record::new("user", user_id), None, Some(&before), &after));
        Ok(after)
    }

    /// Sets an administrator's new password with the recovery key (every password was
    /// forgotten): only an active administrator can be recovered this way.
    pub fn recover_administrator(&self, login: &str, new: &str) -> Result<User> {
        let id: Option<i64> = self
            .prepare_cached("SELECT id FROM users WHERE login = ?1 AND role = 'administrator' AND active = 1")?
            .query_row([login.trim()], |r| r.get(0))
            .optional()?;
        let id = id.ok_or_else(|| StoreError::invalid("login", "No active administrator has that login"))?;
        let before = self.user(id)?;
        check_password(&before.login, new)?;
        self.set_password(id, new, false)?;
        self.prepare_cached("UPDATE users SET failed_logins = 0, last_failed_at = NULL WHERE id = ?1")?
            .execute([id])?;
        let after = self.user(id)?;
        self.note(|| {
            AuditNote::change(Record::new("user", id), None, Some(&before), &after).with_note("recovery key used")
        });
        Ok(after)
    }

    fn set_password(&self, user_id: i64, password: &str, must_change: bool) -> Result<()> {
        self.prepare_cached(
            "UPDATE users SET password_hash = ?2, must_change_password = ?3, password_changed_at = ?4 WHERE id = ?1",
        )?
        .execute(params![user_id, hash_password(password)?, must_change, crate::now_utc()])?;
        Ok(())
    }

    /// Deactivates (or reactivates) a user. Users are never deleted: the audit trail names
    /// them. The last active administrator stays.
    pub fn set_user_active(&self, user_id: i64, active: bool) -> Result<User> {
        let before = self.user(user_id)?;
        if !active && before.role == Role::Administrator && before.active {
            let others: i64 = self
                .prepare_cached("SELECT count(*) FROM users WHERE role = 'administrator' AND active = 1 AND id <> ?1")?
                .query_row([user_id], |r| r.get(0))?;
            if others == 0 {
                return Err(StoreError::Conflict(
                    "This is the only active administrator; make another one first".into(),
                ));
            }
        }
        self.prepare_cached("UPDATE users SET active = ?2 WHERE id = ?1")?.execute(params![user_id, active])?;
        let after = self.user(user_id)?;
        self.note(|| AuditNote::change(Record::new("user", user_id), None, Some(&before), &after));
        Ok(after)
    }

    /// Marks the file as a demo practice (the demo generator does, once).
    pub fn mark_demo(&self) -> Result<()> {
        self.prepare_cached("UPDATE security_settings SET demo = 1 WHERE id = 1")?.execute([])?;
        Ok(())
    }

    pub fn save_security_settings(&self, settings: &SecuritySettings) -> Result<SecuritySettings> {
        if !(1..=240).contains(&settings.lock_after_minutes) {
            return Err(StoreError::invalid("lock_after_minutes", "Lock after 1 to 240 idle minutes"));
        }
        let before: u32 = self
            .prepare_cached("SELECT lock_after_minutes FROM security_settings WHERE id = 1")?
            .query_row([], |r| r.get(0))?;
        self.prepare_cached("UPDATE security_settings SET lock_after_minutes = ?1 WHERE id = 1")?
            .execute([settings.lock_after_minutes])?;
        self.note(|| {
            AuditNote::change(
                Record::new("setting", 1),
                None,
                Some(&SecuritySettings { lock_after_minutes: before }),
                settings,
            )
        });
        Ok(*settings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_or_guessable_passwords_are_refused() {
        assert!(check_password("ann", "short").is_err());
        assert!(check_password("ann", "aaaaaaaaaaaaaa").is_err());
        assert!(check_password("ann", "my password is long").is_err());
        assert!(check_password("annabelle", "annabelle-rocks-2026").is_err());
        assert!(check_password("ann", "blue heron quiet river").is_ok());
    }

    #[test]
    fn the_wait_doubles_after_the_fifth_failure_and_stops_growing() {
        assert_eq!(wait_seconds(4), 0);
        assert_eq!(wait_seconds(5), 2);
        assert_eq!(wait_seconds(6), 4);
        assert_eq!(wait_seconds(7), 8);
        assert_eq!(wait_seconds(40), MAX_WAIT_SECONDS);
    }

    #[test]
    fn a_hash_is_argon2id_and_checks_only_its_password() {
        let h = hash_password("blue heron quiet river").unwrap();
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(password_matches("blue heron quiet river", &h));
        assert!(!password_matches("blue heron quiet rivers", &h));
    }
}
