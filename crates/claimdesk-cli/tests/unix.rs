//! The `claimdesk` binary as a Unix tool: a reader that stops early (`| head`) ends it quietly,
//! and stderr that is not a terminal (a log, a script) gets no progress lines.

mod common;

use common::*;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::Stdio;

/// Runs `claimdesk` with stdout piped to a reader that takes `lines` lines (none: it closes
/// the pipe before the program writes anything) and then closes the pipe, as `head` does.
/// Returns (what was read, exit code, stderr).
fn read_then_close(db: &Path, args: &[&str], lines: usize) -> (String, Option<i32>, String) {
    let mut child = command_as(ADMIN, db)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the claimdesk binary runs");
    let mut read = String::new();
    {
        let mut out = BufReader::new(child.stdout.take().expect("stdout"));
        for _ in 0..lines {
            out.read_line(&mut read).expect("read a line");
        }
    } // the reader goes away here
    let mut err = String::new();
    child.stderr.take().expect("stderr").read_to_string(&mut err).expect("read stderr");
    let status = child.wait().expect("claimdesk ends");
    (read, status.code(), err)
}

#[track_caller]
fn assert_quiet(what: &str, code: Option<i32>, err: &str) {
    assert!(!err.contains("panicked"), "{what}: no panic message, stderr: {err}");
    assert!(!err.to_lowercase().contains("broken pipe"), "{what}: no broken pipe message, stderr: {err}");
    assert_eq!(err, "", "{what}: nothing on stderr");
    assert_eq!(code, Some(0), "{what}: a quiet exit");
}

#[test]
fn a_reader_that_stops_early_ends_the_output_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_without_accounts(dir.path(), "many.claimdesk", 600, 3);
    // The whole search result as JSON is far larger than a pipe's buffer (64 KiB on Linux), so
    // the writes after the reader took its line really fail.
    let search = ["--json", "patients", "search", "", "--limit", "500"];
    let whole = ok(claimdesk(&db, &search));
    assert!(stdout(&whole).len() > 2 * 65536, "the result outgrows a pipe buffer: {}", stdout(&whole).len());
    let (line, code, err) = read_then_close(&db, &search, 1);
    assert_eq!(line.trim(), "{", "the JSON object began: {line:?}");
    assert_quiet("patients search --json | head -1", code, &err);

    let (line, code, err) = read_then_close(&db, &["patients", "search", "", "--limit", "500"], 1);
    assert!(line.starts_with("ACCOUNT"), "the table's header came first: {line:?}");
    assert_quiet("patients search | head -1", code, &err);

    // A reader that is gone before the first write: tables, CSV and JSON alike.
    let runs: [&[&str]; 4] = [
        &["patients", "search", ""],
        &["claims", "list"],
        &["reports", "aging", "--csv"],
        &["--json", "claims", "list"],
    ];
    for args in runs {
        let (_, code, err) = read_then_close(&db, args, 0);
        assert_quiet(&format!("{args:?} | true"), code, &err);
    }
}

#[test]
fn progress_never_reaches_a_stderr_that_is_not_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "progress.claimdesk", 60, 11);
    let pdf = dir.path().join("claims.pdf");
    let file = dir.path().join("claims.837");
    let statements = dir.path().join("statements.pdf");
    let runs: [&[&str]; 3] = [
        &["claims", "print", "--ready", "--reprint", "--form", "red", "--out", pdf.to_str().unwrap()],
        &["claims", "export-837", "--ready", "--resend", "--out", file.to_str().unwrap()],
        &["statements", "run", "--out", statements.to_str().unwrap()],
    ];
    for args in runs {
        let out = ok(claimdesk(&db, args));
        let err = stderr(&out);
        assert!(!err.contains('\r'), "{args:?}: no carriage returns on stderr: {err:?}");
        assert!(!err.contains(" of "), "{args:?}: no per-item progress lines: {err:?}");
        // What may be there is what a biller must know, e.g. a secondary claim left out.
        assert!(err.lines().all(|l| l.starts_with("left out: ")), "{args:?}: stderr holds only notices: {err}");
        assert!(!stdout(&out).contains('\r'), "{args:?}: none on stdout either");
    }
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    assert!(std::fs::read_to_string(&file).unwrap().starts_with("ISA"));
    assert!(std::fs::read(&statements).unwrap().starts_with(b"%PDF"));
}
