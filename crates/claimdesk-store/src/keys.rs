//! The practice file's encryption key and the key file that holds it, wrapped.
//!
//! An encrypted practice file (SQLCipher: AES-256 pages with an HMAC each) is opened with a
//! random 256-bit data key. Nobody types that key: it is kept in the key file beside the
//! practice file, wrapped (XChaCha20-Poly1305) once for each user by a key derived from their
//! password (argon2id, the same slow hash as the password check), and once for the recovery key
//! printed for the administrator at setup. Changing a password re-wraps one key and
//! re-encrypts nothing; a deactivated user's wrapping is removed.
//!
//! Each wrapping also keeps a short check value derived from the password's key, so a wrong
//! password ("that login and password do not match") is told apart from a key file that was
//! altered ("the key file ... was changed or damaged"). The file's id is bound into every
//! wrapping, so wrappings cannot be moved from one practice's key file to another's.
//!
//! Wrong passwords slow down here as at the users table (after the fifth in a row the wait
//! doubles), and are kept in the key file until the next successful login copies them into
//! the practice's audit trail (the file cannot be written before someone opens it).

use crate::error::{Result, StoreError};
use crate::files::{keyring_path, write_atomically};
use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use chrono::{DateTime, Utc};
use rand::rngs::OsRng;
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::Path;
use zeroize::{Zeroize, Zeroizing};

const FORMAT: &str = "claimdesk-keys";
const FORMAT_VERSION: u32 = 1;
/// argon2id's recommended minimum (OWASP): 19 MiB, 2 passes, 1 lane, as for password hashes.
const ARGON2_MEMORY_KIB: u32 = 19 * 1024;
const ARGON2_PASSES: u32 = 2;
const ARGON2_LANES: u32 = 1;

/// The key that opens the practice file's pages. Wiped from memory when dropped.
#[derive(Clone)]
pub struct DataKey(Zeroizing<[u8; 32]>);

impl DataKey {
    pub fn random() -> DataKey {
        let mut bytes = Zeroizing::new([0u8; 32]);
        OsRng.fill_bytes(bytes.as_mut());
        DataKey(bytes)
    }

    /// SQLCipher's raw-key form (`x'…'`): the key is used as is, without SQLCipher's own
    /// slow derivation (ours already ran, on the password).
    pub(crate) fn pragma_value(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("\"x'{}'\"", hex(self.0.as_ref())))
    }
}

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(..)")
    }
}

/// The recovery key printed on the recovery sheet: 160 random bits written as 32 letters and
/// digits in groups of four (Crockford's base 32: no I, L, O or U to misread).
pub struct RecoveryKey(Zeroizing<[u8; 20]>);

const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

impl RecoveryKey {
    pub fn random() -> RecoveryKey {
        let mut bytes = Zeroizing::new([0u8; 20]);
        OsRng.fill_bytes(bytes.as_mut());
        RecoveryKey(bytes)
    }

    /// As printed: `7KQ2-M9XD-…` (8 groups of 4).
    pub fn display(&self) -> Zeroizing<String> {
        let mut bits: u64 = 0;
        let mut nbits = 0;
        let mut out = Zeroizing::new(String::with_capacity(39));
        let mut written: usize = 0;
        for &byte in self.0.iter() {
            bits = (bits << 8) | u64::from(byte);
            nbits += 8;
            while nbits >= 5 {
                nbits -= 5;
                if written > 0 && written.is_multiple_of(4) {
                    out.push('-');
                }
                out.push(CROCKFORD[((bits >> nbits) & 31) as usize] as char);
                written += 1;
            }
        }
        bits.zeroize();
        out
    }

    /// Reads a typed recovery key: case, spaces and dashes do not matter, and the letters
    /// people mistake for digits (O, I, L) are taken as the digits.
    pub fn parse(typed: &str) -> Result<RecoveryKey> {
        let wrong = || StoreError::invalid("recovery_key", "That is not a recovery key: it has 32 letters and digits");
        let mut bits: u64 = 0;
        let mut nbits = 0;
        let mut bytes = Zeroizing::new([0u8; 20]);
        let mut filled = 0;
        let mut digits = 0;
        for c in typed.chars().filter(|c| !c.is_whitespace() && *c != '-') {
            let c = match c.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            };
            let value = CROCKFORD.iter().position(|&d| d as char == c).ok_or_else(wrong)? as u64;
            digits += 1;
            if digits > 32 {
                return Err(wrong());
            }
            bits = (bits << 5) | value;
            nbits += 5;
            if nbits >= 8 {
                nbits -= 8;
                bytes[filled] = ((bits >> nbits) & 0xff) as u8;
                filled += 1;
            }
        }
        bits.zeroize();
        if digits != 32 {
            return Err(wrong());
        }
        Ok(RecoveryKey(bytes))
    }

    fn secret(&self) -> Zeroizing<String> {
        self.display()
    }
}

/// The key file: the data key wrapped for each user and for the recovery key.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Keyring {
    format: String,
    version: u32,
    /// Random, made with the key: binds every wrapping to this practice's key file.
    file_id: String,
    /// A demo practice: the login screen may show the demo logins before anyone logs in.
    #[serde(default)]
    pub demo: bool,
    wrappings: Vec<Wrapping>,
    #[serde(default)]
    throttle: Vec<Throttle>,
    /// Failed logins not yet in the audit trail (copied there at the next login).
    #[serde(default)]
    failed_logins: Vec<FailedLogin>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Holder {
    /// A user's password: `login` names them.
    Password,
    /// The recovery key on the recovery sheet.
    Recovery,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Wrapping {
    holder: Holder,
    #[serde(default)]
    login: String,
    salt: String,
    memory_kib: u32,
    passes: u32,
    lanes: u32,
    /// A hash of the wrapping key: tells a wrong password from an altered wrapping.
    check: String,
    nonce: String,
    wrapped: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Throttle {
    login: String,
    failed: i64,
    last_failed_at: String,
}

/// A failed login kept in the key file until the audit trail can take it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailedLogin {
    pub login: String,
    pub at: String,
    pub why: String,
}

/// What a wrapping was opened with.
pub enum Secret<'a> {
    Password { login: &'a str, password: &'a str },
    Recovery(&'a RecoveryKey),
}

impl Keyring {
    /// A key file for a new data key, wrapped for nobody yet.
    pub fn new(demo: bool) -> Keyring {
        let mut id = [0u8; 16];
        OsRng.fill_bytes(&mut id);
        Keyring {
            format: FORMAT.into(),
            version: FORMAT_VERSION,
            file_id: hex(&id),
            demo,
            wrappings: Vec::new(),
            throttle: Vec::new(),
            failed_logins: Vec::new(),
        }
    }

    /// Reads the key file of the practice file at `db`.
    pub fn load(db: &Path) -> Result<Keyring> {
        let path = keyring_path(db);
        let damaged =
            || StoreError::KeyFile(format!("The key file {} is damaged: restore it from a backup", file_name(&path)));
        let bytes = std::fs::read(&path).map_err(|_| {
            StoreError::KeyFile(format!(
                "The key file {} that opens this practice file is missing: restore it from a backup",
                file_name(&path)
            ))
        })?;
        let ring: Keyring = serde_json::from_slice(&bytes).map_err(|_| damaged())?;
        if ring.format != FORMAT || ring.version != FORMAT_VERSION {
            return Err(damaged());
        }
        Ok(ring)
    }

    /// Writes the key file beside `db` (all or nothing).
    pub fn save(&self, db: &Path) -> Result<()> {
        let json = serde_json::to_vec_pretty(self).map_err(|e| StoreError::KeyFile(e.to_string()))?;
        write_atomically(&keyring_path(db), &json)?;
        Ok(())
    }

    /// Wraps `key` for `login`'s password (kept beside any wrapping they already have, until
    /// [`Keyring::keep_only`] drops the old one: a crash between changing the password in the
    /// practice file and here leaves a wrapping for whichever password the file holds).
    pub fn add_password(&mut self, login: &str, password: &str, key: &DataKey) -> Result<()> {
        let wrapping = self.wrap(Holder::Password, login, password.as_bytes(), key)?;
        self.wrappings.push(wrapping);
        Ok(())
    }

    /// Wraps `key` for the recovery key, replacing the recovery wrapping there was.
    pub fn set_recovery(&mut self, recovery: &RecoveryKey, key: &DataKey) -> Result<()> {
        let wrapping = self.wrap(Holder::Recovery, "", recovery.secret().as_bytes(), key)?;
        self.wrappings.retain(|w| w.holder != Holder::Recovery);
        self.wrappings.push(wrapping);
        Ok(())
    }

    /// Removes every wrapping of `login` (a deactivated user).
    pub fn remove_login(&mut self, login: &str) {
        self.wrappings.retain(|w| !(w.holder == Holder::Password && w.login == login));
    }

    /// Keeps only the wrapping of `login` that `password` opens (after a login that the
    /// practice file confirmed): drops one left from a password change a crash interrupted.
    pub fn keep_only(&mut self, login: &str, password: &str) -> bool {
        let before = self.wrappings.len();
        let file_id = self.file_id.clone();
        self.wrappings.retain(|w| {
            w.holder != Holder::Password
                || w.login != login
                || derive(w, password.as_bytes()).map(|k| w.check == check_of(&k, &file_id)).unwrap_or(false)
        });
        before != self.wrappings.len()
    }

    /// The logins that have a wrapping.
    pub fn logins(&self) -> Vec<String> {
        let mut logins: Vec<String> =
            self.wrappings.iter().filter(|w| w.holder == Holder::Password).map(|w| w.login.clone()).collect();
        logins.dedup();
        logins
    }

    pub fn has_recovery(&self) -> bool {
        self.wrappings.iter().any(|w| w.holder == Holder::Recovery)
    }

    /// Unwraps the data key. A wrong password counts toward the wait (the caller saves the
    /// key file either way: [`Keyring::save`]).
    pub fn unlock(&mut self, secret: &Secret, now: DateTime<Utc>) -> Result<DataKey> {
        let (holder, login, bytes): (Holder, &str, Zeroizing<Vec<u8>>) = match secret {
            Secret::Password { login, password } => {
                (Holder::Password, login.trim(), Zeroizing::new(password.as_bytes().to_vec()))
            }
            Secret::Recovery(key) => (Holder::Recovery, "", Zeroizing::new(key.secret().as_bytes().to_vec())),
        };
        self.wait_for(login, now)?;
        let candidates: Vec<Wrapping> =
            self.wrappings.iter().filter(|w| w.holder == holder && w.login == login).cloned().collect();
        if candidates.is_empty() {
            // Derive anyway, so an unknown login takes as long as a wrong password.
            let _ = derive(&self.wrap_template(), &bytes);
        }
        for wrapping in &candidates {
            let kek = derive(wrapping, &bytes)?;
            if check_of(&kek, &self.file_id) != wrapping.check {
                continue;
            }
            return self.unwrap(wrapping, &kek);
        }
        self.count_failure(login, holder, now);
        Err(match holder {
            Holder::Password => StoreError::invalid("password", "That login and password do not match"),
            Holder::Recovery => {
                StoreError::invalid("recovery_key", "That recovery key does not open this practice file")
            }
        })
    }

    /// The failed logins waiting for the audit trail, taken out of the key file.
    pub fn take_failed_logins(&mut self) -> Vec<FailedLogin> {
        std::mem::take(&mut self.failed_logins)
    }

    /// A successful login clears the wait. True when there was one to clear.
    pub fn clear_failures(&mut self, login: &str) -> bool {
        let before = self.throttle.len();
        self.throttle.retain(|t| t.login != login.trim());
        before != self.throttle.len()
    }

    fn wait_for(&self, login: &str, now: DateTime<Utc>) -> Result<()> {
        let Some(t) = self.throttle.iter().find(|t| t.login == login) else {
            return Ok(());
        };
        let wait = crate::queries::users::wait_seconds(t.failed);
        let since = DateTime::parse_from_rfc3339(&t.last_failed_at)
            .map(|at| (now - at.with_timezone(&Utc)).num_seconds())
            .unwrap_or(i64::MAX);
        if wait > 0 && since < wait {
            return Err(StoreError::invalid(
                "password",
                format!("Too many failed logins: try again in {} seconds", wait - since.max(0)),
            ));
        }
        Ok(())
    }

    fn count_failure(&mut self, login: &str, holder: Holder, now: DateTime<Utc>) {
        let at = now.to_rfc3339();
        match self.throttle.iter_mut().find(|t| t.login == login) {
            Some(t) => {
                t.failed += 1;
                t.last_failed_at = at.clone();
            }
            None => self.throttle.push(Throttle { login: login.into(), failed: 1, last_failed_at: at.clone() }),
        }
        let typed: String = login.chars().filter(|c| !c.is_control()).take(40).collect();
        let why = match holder {
            Holder::Password => "wrong password (key file)",
            Holder::Recovery => "wrong recovery key",
        };
        // Bounded: a flood of tries cannot grow the key file without end.
        if self.failed_logins.len() < 1000 {
            self.failed_logins.push(FailedLogin { login: typed, at, why: why.into() });
        }
    }

    fn wrap_template(&self) -> Wrapping {
        Wrapping {
            holder: Holder::Password,
            login: String::new(),
            salt: hex(&[0u8; 16]),
            memory_kib: ARGON2_MEMORY_KIB,
            passes: ARGON2_PASSES,
            lanes: ARGON2_LANES,
            check: String::new(),
            nonce: String::new(),
            wrapped: String::new(),
        }
    }

    fn wrap(&self, holder: Holder, login: &str, secret: &[u8], key: &DataKey) -> Result<Wrapping> {
        let mut salt = [0u8; 16];
        OsRng.fill_bytes(&mut salt);
        let mut nonce = [0u8; 24];
        OsRng.fill_bytes(&mut nonce);
        let mut wrapping = Wrapping {
            holder,
            login: login.trim().to_string(),
            salt: hex(&salt),
            nonce: hex(&nonce),
            ..self.wrap_template()
        };
        let kek = derive(&wrapping, secret)?;
        wrapping.check = check_of(&kek, &self.file_id);
        let cipher = XChaCha20Poly1305::new(kek.as_ref().into());
        let aad = self.associated_data(&wrapping);
        let wrapped = cipher
            .encrypt(XNonce::from_slice(&nonce), Payload { msg: key.0.as_ref(), aad: &aad })
            .map_err(|_| StoreError::KeyFile("The practice key could not be wrapped".into()))?;
        wrapping.wrapped = hex(&wrapped);
        Ok(wrapping)
    }

    fn unwrap(&self, wrapping: &Wrapping, kek: &Zeroizing<[u8; 32]>) -> Result<DataKey> {
        let altered = || {
            StoreError::KeyFile(
                "The key file beside this practice file was changed or damaged: restore it from a backup".into(),
            )
        };
        let nonce = unhex(&wrapping.nonce).filter(|n| n.len() == 24).ok_or_else(altered)?;
        let wrapped = unhex(&wrapping.wrapped).ok_or_else(altered)?;
        let cipher = XChaCha20Poly1305::new(kek.as_ref().into());
        let aad = self.associated_data(wrapping);
        let plain = Zeroizing::new(
            cipher.decrypt(XNonce::from_slice(&nonce), Payload { msg: &wrapped, aad: &aad }).map_err(|_| altered())?,
        );
        let mut key = Zeroizing::new([0u8; 32]);
        if plain.len() != 32 {
            return Err(altered());
        }
        key.copy_from_slice(&plain);
        Ok(DataKey(key))
    }

    fn associated_data(&self, w: &Wrapping) -> Vec<u8> {
        format!("{FORMAT}/{}/{:?}/{}", self.file_id, w.holder, w.login).into_bytes()
    }
}

/// The wrapping key: argon2id over the secret with the wrapping's salt and costs.
fn derive(w: &Wrapping, secret: &[u8]) -> Result<Zeroizing<[u8; 32]>> {
    let damaged = || StoreError::KeyFile("The key file beside this practice file is damaged".into());
    let salt = unhex(&w.salt).ok_or_else(damaged)?;
    // Costs outside sane bounds come only from an altered file; refuse rather than hang.
    if !(8..=1 << 21).contains(&w.memory_kib) || !(1..=10).contains(&w.passes) || !(1..=8).contains(&w.lanes) {
        return Err(damaged());
    }
    let params = Params::new(w.memory_kib, w.passes, w.lanes, Some(32)).map_err(|_| damaged())?;
    let mut out = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(secret, &salt, out.as_mut())
        .map_err(|_| damaged())?;
    Ok(out)
}

fn check_of(kek: &Zeroizing<[u8; 32]>, file_id: &str) -> String {
    let mut h = Sha256::new();
    h.update(b"claimdesk key check/");
    h.update(file_id.as_bytes());
    h.update(kek.as_ref());
    hex(&h.finalize()[..16])
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok()).collect()
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        "2026-12-02T10:00:00Z".parse().unwrap()
    }

    #[test]
    fn a_password_unwraps_the_key_it_wrapped_and_a_wrong_one_does_not() {
        let key = DataKey::random();
        let mut ring = Keyring::new(false);
        ring.add_password("maria", "correct horse battery", &key).unwrap();
        let got = ring.unlock(&Secret::Password { login: "maria", password: "correct horse battery" }, now()).unwrap();
        assert_eq!(got.0.as_ref(), key.0.as_ref());
        let wrong = ring.unlock(&Secret::Password { login: "maria", password: "correct horse batterY" }, now());
        assert!(wrong.unwrap_err().to_string().contains("do not match"));
        assert_eq!(ring.take_failed_logins().len(), 1);
    }

    #[test]
    fn an_altered_wrapping_is_told_apart_from_a_wrong_password() {
        let key = DataKey::random();
        let mut ring = Keyring::new(false);
        ring.add_password("maria", "correct horse battery", &key).unwrap();
        let w = &mut ring.wrappings[0];
        let flipped = if w.wrapped.starts_with('0') { "1" } else { "0" };
        w.wrapped.replace_range(0..1, flipped);
        let err = ring.unlock(&Secret::Password { login: "maria", password: "correct horse battery" }, now());
        assert!(err.unwrap_err().to_string().contains("changed or damaged"));
    }

    #[test]
    fn a_wrapping_moved_to_another_key_file_does_not_open() {
        let key = DataKey::random();
        let mut ring = Keyring::new(false);
        ring.add_password("maria", "correct horse battery", &key).unwrap();
        let mut other = Keyring::new(false);
        other.wrappings = ring.wrappings.clone();
        assert!(other.unlock(&Secret::Password { login: "maria", password: "correct horse battery" }, now()).is_err());
    }

    #[test]
    fn the_recovery_key_reads_back_as_printed_and_forgives_misread_letters() {
        let key = DataKey::random();
        let recovery = RecoveryKey::random();
        let printed = recovery.display().to_string();
        assert_eq!(printed.len(), 39);
        assert_eq!(printed.split('-').count(), 8);
        let mut ring = Keyring::new(false);
        ring.set_recovery(&recovery, &key).unwrap();
        let typed = printed.to_lowercase().replace('-', " ").replace('0', "o").replace('1', "l");
        let parsed = RecoveryKey::parse(&typed).unwrap();
        assert_eq!(ring.unlock(&Secret::Recovery(&parsed), now()).unwrap().0.as_ref(), key.0.as_ref());
        assert!(RecoveryKey::parse("ABCD").is_err());
        assert!(RecoveryKey::parse(&format!("{printed}-AAAA")).is_err());
        assert!(RecoveryKey::parse(&printed.replace(|c: char| c.is_ascii_digit(), "U")).is_err());
    }

    #[test]
    fn after_a_password_change_only_the_confirmed_wrapping_stays() {
        let key = DataKey::random();
        let mut ring = Keyring::new(false);
        ring.add_password("maria", "old password here", &key).unwrap();
        ring.add_password("maria", "new password here", &key).unwrap();
        assert!(ring.keep_only("maria", "new password here"));
        assert!(ring.unlock(&Secret::Password { login: "maria", password: "old password here" }, now()).is_err());
        assert!(ring.unlock(&Secret::Password { login: "maria", password: "new password here" }, now()).is_ok());
    }

    #[test]
    fn repeated_failures_make_the_next_try_wait() {
        let key = DataKey::random();
        let mut ring = Keyring::new(false);
        ring.add_password("maria", "correct horse battery", &key).unwrap();
        for _ in 0..5 {
            let _ = ring.unlock(&Secret::Password { login: "maria", password: "nope nope nope" }, now());
        }
        let err = ring.unlock(&Secret::Password { login: "maria", password: "correct horse battery" }, now());
        assert!(err.unwrap_err().to_string().contains("try again in"));
        let later = now() + chrono::Duration::seconds(3);
        assert!(ring.unlock(&Secret::Password { login: "maria", password: "correct horse battery" }, later).is_ok());
    }
}
