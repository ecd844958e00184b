//! Shared helpers for the `claimdesk` binary's tests: run it on a practice file, check it
//! succeeded, read its output as JSON, make demo practice files.
#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The demo administrator's login and password (`claimdesk demo` creates them).
pub const ADMIN: (&str, &str) = ("admin", "demo-office-2026");

/// Runs the real `claimdesk` binary on the practice file `db` (never one from the environment),
/// logged in as the demo administrator.
pub fn claimdesk(db: &Path, args: &[&str]) -> Output {
    claimdesk_as(ADMIN, db, args)
}

/// Runs the real `claimdesk` binary on `db` logged in as `(login, password)`.
pub fn claimdesk_as(user: (&str, &str), db: &Path, args: &[&str]) -> Output {
    command_as(user, db).args(args).output().expect("the claimdesk binary runs")
}

/// The real `claimdesk` binary on `db` (never one from the environment), logged in as
/// `(login, password)`: arguments and how to run it are the caller's.
pub fn command_as((login, password): (&str, &str), db: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_claimdesk"));
    command
        .env_remove("CLAIMDESK_DB")
        .env("CLAIMDESK_USER", login)
        .env("CLAIMDESK_PASSWORD", password)
        .arg("--db")
        .arg(db);
    command
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn code(o: &Output) -> i32 {
    o.status.code().expect("exited normally")
}

/// The run, after checking it exited 0 (else its stdout and stderr are shown).
#[track_caller]
pub fn ok(o: Output) -> Output {
    assert_eq!(code(&o), 0, "stdout: {}\nstderr: {}", stdout(&o), stderr(&o));
    o
}

pub fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// A run's stdout as JSON.
pub fn stdout_json(o: &Output) -> Value {
    json(&stdout(o))
}

/// The stdout of a run that must exit 0, as JSON.
#[track_caller]
pub fn ok_json(o: Output) -> Value {
    stdout_json(&ok(o))
}

/// A demo practice file `name` in `dir` with `patients` patients, from `seed`.
pub fn demo(dir: &Path, name: &str, patients: usize, seed: u64) -> PathBuf {
    demo_with(dir, name, patients, seed, &[])
}

/// [`demo`] with billing history only: no patient payments, past statement runs, payment plans
/// or collections on the accounts.
pub fn demo_without_accounts(dir: &Path, name: &str, patients: usize, seed: u64) -> PathBuf {
    demo_with(dir, name, patients, seed, &["--no-accounts"])
}

/// [`demo`] with more `claimdesk demo` flags (`--unencrypted`: a file as ClaimDesk made them
/// before encryption).
pub fn demo_with_flags(dir: &Path, name: &str, patients: usize, seed: u64, flags: &[&str]) -> PathBuf {
    demo_with(dir, name, patients, seed, flags)
}

fn demo_with(dir: &Path, name: &str, patients: usize, seed: u64, flags: &[&str]) -> PathBuf {
    let db = dir.join(name);
    let (patients, seed) = (patients.to_string(), seed.to_string());
    let mut args = vec!["demo", "--patients", &patients, "--seed", &seed];
    args.extend_from_slice(flags);
    ok(claimdesk(&db, &args));
    db
}

/// The file's data key, unwrapped from its key file with the demo administrator's password
/// (no login is recorded: the file itself is not opened).
pub fn data_key(db: &Path) -> claimdesk_store::DataKey {
    let mut ring = claimdesk_store::Keyring::load(db).expect("a key file");
    ring.unlock(&claimdesk_store::Secret::Password { login: ADMIN.0, password: ADMIN.1 }, chrono::Utc::now())
        .expect("the administrator's password unwraps the key")
}

/// A bare SQLite connection to the encrypted file, as an insider with sqlite3 and the key
/// would have.
pub fn insider_connection(db: &Path) -> rusqlite::Connection {
    claimdesk_store::open_connection(db, &data_key(db)).expect("the key opens the file")
}

/// Moves a practice file with its key file.
pub fn move_practice(from: &Path, to: &Path) {
    std::fs::rename(from, to).unwrap();
    std::fs::rename(claimdesk_store::keyring_path(from), claimdesk_store::keyring_path(to)).unwrap();
}
