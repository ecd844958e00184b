//! The command line and the app never change the same practice file at once: while another
//! program holds it, a change is refused (exit 1, the holder named, the file unchanged) or,
//! with --wait, waits for it; look-ups go on.

mod common;

use claimdesk_store::{PracticeLock, Program};
use common::*;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// Longest a test waits for the binary to say something before failing (never a fixed sleep:
/// the wait ends as soon as the line comes).
const PATIENCE: Duration = Duration::from_secs(120);

fn practice(dir: &Path) -> (PathBuf, String) {
    let db = demo(dir, "Clinic.claimdesk", 12, 21);
    let found = ok_json(claimdesk(&db, &["--json", "patients", "search", ""]));
    let account = found["results"][0]["account_number"].as_str().expect("an account number").to_string();
    (db, account)
}

fn pay(account: &str) -> Vec<&str> {
    vec!["payments", "post", "--account", account, "--amount", "12.50", "--method", "cash"]
}

/// What the file holds: its records' fingerprint, and its patient payments.
fn contents(db: &Path) -> (String, i64) {
    let checked = ok_json(claimdesk(db, &["--json", "check"]));
    let fingerprint = checked["fingerprint"].as_str().expect("a fingerprint").to_string();
    (fingerprint, checked["counts"]["patient_payments"].as_i64().expect("patient payments counted"))
}

/// The app's hold on the file, taken by this test process.
fn as_the_app(db: &Path) -> PracticeLock {
    PracticeLock::acquire(db, Program::App, None, &mut |_| {}).expect("the file is free")
}

/// Starts `claimdesk` with `args`; its stderr lines come on the returned channel as they are
/// written.
fn start(db: &Path, args: &[&str]) -> (Child, mpsc::Receiver<String>) {
    let mut child = command_as(ADMIN, db)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the claimdesk binary runs");
    let stderr = child.stderr.take().unwrap();
    let (lines, heard) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    (child, heard)
}

/// Waits for a stderr line starting with `start`; the lines before it are returned too.
fn wait_for_line(heard: &mpsc::Receiver<String>, start: &str) -> Vec<String> {
    let mut seen = Vec::new();
    loop {
        match heard.recv_timeout(PATIENCE) {
            Ok(line) => {
                let found = line.starts_with(start);
                seen.push(line);
                if found {
                    return seen;
                }
            }
            Err(e) => panic!("no line starting {start:?} ({e}); stderr so far: {seen:?}"),
        }
    }
}

/// Waits for the run to end: its exit code, stdout and the rest of its stderr.
fn finish(mut child: Child, heard: mpsc::Receiver<String>) -> (i32, String, String) {
    let mut stdout = String::new();
    child.stdout.take().unwrap().read_to_string(&mut stdout).unwrap();
    let status = child.wait().unwrap();
    let rest: Vec<String> = heard.iter().collect();
    (status.code().expect("exited normally"), stdout, rest.join("\n"))
}

#[test]
fn a_file_the_app_holds_is_refused_or_waited_for_and_still_looked_up() {
    let dir = tempfile::tempdir().unwrap();
    let (db, account) = practice(dir.path());
    let (before, payments) = contents(&db);
    let app = as_the_app(&db);
    let holder = app.holder().clone();

    let refused = claimdesk(&db, &pay(&account));
    let message = stderr(&refused);
    assert_eq!(code(&refused), 1, "{message}");
    assert!(message.starts_with("refused: Clinic.claimdesk is in use by the ClaimDesk app ("), "{message}");
    assert!(message.contains(&format!("on {}", holder.computer)), "{message}");
    assert!(message.contains(&format!("process {}", std::process::id())), "{message}");
    assert!(message.contains("close it in ClaimDesk on") && message.contains("--wait SECONDS"), "{message}");
    assert!(!message.contains(&dir.path().display().to_string()), "the file's name, not its folder: {message}");
    assert_eq!(contents(&db), (before.clone(), payments), "nothing changed");

    // The JSON error report says the same.
    let refused = claimdesk(&db, &[&["--json"], &pay(&account)[..]].concat());
    assert_eq!(code(&refused), 1);
    let report = json(&stderr(&refused));
    assert_eq!(report["kind"], "conflict", "{report}");
    assert!(report["message"].as_str().unwrap().contains("the ClaimDesk app"), "{report}");

    // Look-ups go on while the app has the file.
    let found = ok_json(claimdesk(&db, &["--json", "patients", "search", ""]));
    assert!(!found["results"].as_array().unwrap().is_empty(), "{found}");
    // So do the runs of changing subcommands that only look; changing with them is refused.
    ok(claimdesk(&db, &["--json", "statements", "run", "--dry-run"]));
    ok(claimdesk(&db, &["posting-rules"]));
    ok(claimdesk(&db, &["backups", "settings"]));
    let refused = claimdesk(&db, &["posting-rules", "--write-off-oa", "yes"]);
    assert_eq!(code(&refused), 1, "{}", stderr(&refused));
    assert!(stderr(&refused).contains("in use by the ClaimDesk app"), "{}", stderr(&refused));
    assert_eq!(contents(&db), (before.clone(), payments), "nothing changed");

    // A command that waits: the app closes the file once it says it is waiting.
    let (child, heard) = start(&db, &[&["--wait", "60"], &pay(&account)[..]].concat());
    let said = wait_for_line(&heard, "Waiting for ");
    let waiting = said.last().unwrap();
    assert!(waiting.starts_with("Waiting for the ClaimDesk app ("), "{waiting}");
    assert!(waiting.ends_with("to finish with Clinic.claimdesk (up to 60 s)…"), "{waiting}");
    drop(app);
    let (code, stdout, rest) = finish(child, heard);
    assert_eq!(code, 0, "stdout: {stdout}\nstderr: {said:?} {rest}");
    assert!(!rest.contains("Waiting for"), "said once: {rest}");
    let (after, payments_after) = contents(&db);
    assert_ne!(after, before);
    assert_eq!(payments_after, payments + 1, "exactly one new payment");
}

#[test]
fn two_commands_changing_the_file_at_once_both_land_one_after_the_other() {
    let dir = tempfile::tempdir().unwrap();
    let (db, account) = practice(dir.path());
    let (_, payments) = contents(&db);
    // Both wait for the app first, so they surely run at once when it lets go: one takes the
    // file, the other waits for it in turn.
    let app = as_the_app(&db);
    let args = [&["--wait", "60"], &pay(&account)[..]].concat();
    let runs = [start(&db, &args), start(&db, &args)];
    for (_, heard) in &runs {
        wait_for_line(heard, "Waiting for the ClaimDesk app");
    }
    drop(app);
    for (child, heard) in runs {
        let (code, stdout, rest) = finish(child, heard);
        assert_eq!(code, 0, "stdout: {stdout}\nstderr: {rest}");
    }
    assert_eq!(contents(&db).1, payments + 2);
}

#[test]
fn a_command_holding_the_file_is_named_with_its_command() {
    let dir = tempfile::tempdir().unwrap();
    let (db, account) = practice(dir.path());
    let other = PracticeLock::acquire(&db, Program::command_line("era post"), None, &mut |_| {}).unwrap();
    let refused = claimdesk(&db, &pay(&account));
    assert_eq!(code(&refused), 1);
    let message = stderr(&refused);
    assert!(message.contains("in use by the claimdesk command-line tool (era post)"), "{message}");
    assert!(message.contains("try again when it is done, or add --wait SECONDS"), "{message}");

    // Gone (the holder file stays, as a crash would leave it): the next change goes through.
    let holder_file = claimdesk_store::holder::holder_path(&db);
    let stale = std::fs::read(&holder_file).unwrap();
    drop(other);
    std::fs::write(&holder_file, stale).unwrap();
    ok(claimdesk(&db, &pay(&account)));
    assert!(!holder_file.exists(), "the holder file the command wrote went with it");
}

#[test]
fn a_demo_is_not_made_where_another_program_holds_the_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("New.claimdesk");
    let app = as_the_app(&db);
    let refused = claimdesk(&db, &["demo", "--patients", "3"]);
    assert_eq!(code(&refused), 1);
    assert!(stderr(&refused).contains("New.claimdesk is in use by the ClaimDesk app"), "{}", stderr(&refused));
    assert!(!db.exists(), "nothing made");
    drop(app);
    ok(claimdesk(&db, &["demo", "--patients", "3", "--visits", "0"]));
    assert!(!claimdesk_store::holder::holder_path(&db).exists(), "let go once made");
}
