//! The kill harness: each long job of the command line is killed (SIGKILL, no chance to clean
//! up) at moments spread over its whole run, many times, and after each kill the practice file
//! must open, pass `claimdesk check`, and hold exactly the work that had committed: its records
//! as before the job or as after it, never something between. A file the job writes is either
//! absent at its target path or whole, never half-written there.
//!
//! `CLAIMDESK_KILLS=N` kills each job N times (default 8; with 7 jobs that is 56 kills in CI).

mod common;

use common::*;
use rand::{Rng, SeedableRng};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn kills_per_job() -> usize {
    std::env::var("CLAIMDESK_KILLS").ok().and_then(|v| v.parse().ok()).unwrap_or(8)
}

/// What the practice holds, as `claimdesk check` (which must pass) counts it: the rows of every
/// table but the audit trail (every login adds to it), and the data version. Counts, not a
/// hash of the rows: a job stamps what it records with the time it ran, so two whole runs never
/// hash alike; one transaction per job means the counts are all before or all after.
fn fingerprint(db: &Path) -> Value {
    let mut checked = ok_json(claimdesk(db, &["--json", "check"]));
    assert_eq!(checked["ok"], true, "{checked}");
    let mut counts = checked["counts"].take();
    counts.as_object_mut().expect("counts by table").remove("audit_log");
    serde_json::json!({ "counts": counts, "schema_version": checked["schema_version"] })
}

/// Copies a practice file with its key file.
fn copy_practice(from: &Path, to: &Path) {
    std::fs::copy(from, to).unwrap();
    std::fs::copy(claimdesk_store::keyring_path(from), claimdesk_store::keyring_path(to)).unwrap();
}

fn spawn(db: &Path, args: &[String]) -> std::process::Child {
    command_as(ADMIN, db)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the claimdesk binary starts")
}

/// What a job writes, and how to tell a whole one.
#[derive(Clone, Copy)]
enum Output {
    None,
    Pdf,
    X12,
    /// A backup folder: every backup in it (under a backup's name) verifies.
    Backups,
}

impl Output {
    /// Made before the job starts (a backup folder must exist).
    fn prepare(self, path: &Path) {
        if let Output::Backups = self {
            std::fs::create_dir_all(path).unwrap();
        }
    }

    fn assert_whole(self, db: &Path, path: &Path, what: &str) {
        if let Output::Backups = self {
            for entry in std::fs::read_dir(path).unwrap() {
                let file = entry.unwrap().path();
                if file.extension().is_some_and(|e| e == "claimdesk") {
                    let checked = ok_json(claimdesk(db, &["--json", "backups", "verify", &file.to_string_lossy()]));
                    assert_eq!(
                        checked["ok"], true,
                        "{what}: a backup under its final name fails verification: {checked}"
                    );
                }
            }
            return;
        }
        let Ok(bytes) = std::fs::read(path) else { return };
        let text = String::from_utf8_lossy(&bytes);
        match self {
            Output::None | Output::Backups => {}
            Output::Pdf => assert!(
                bytes.starts_with(b"%PDF") && text.trim_end().ends_with("%%EOF"),
                "{what}: a half-written PDF at {}",
                path.display()
            ),
            Output::X12 => assert!(
                text.starts_with("ISA")
                    && text.trim_end().trim_end_matches('~').rsplit('~').next().unwrap_or("").trim().starts_with("IEA"),
                "{what}: a half-written 837P at {}",
                path.display()
            ),
        }
    }
}

/// The committed work a job is judged by (after `check` passed).
type State = fn(&Path) -> Value;

/// The claims waiting to be sent: the 837P export commits its control numbers first (never
/// used twice, by design), so its work is judged by which claims it marked submitted.
fn ready_claims(db: &Path) -> Value {
    fingerprint(db);
    ok_json(claimdesk(db, &["--json", "claims", "list", "--queue", "ready", "--limit", "500"]))
}

struct Job {
    name: &'static str,
    /// The job's arguments; `{out}` stands for its output file.
    args: Vec<String>,
    output: Output,
    state: State,
}

impl Job {
    fn new(name: &'static str, args: &[&str], output: Output) -> Job {
        Job { name, args: args.iter().map(|a| a.to_string()).collect(), output, state: fingerprint }
    }

    fn judged_by(self, state: State) -> Job {
        Job { state, ..self }
    }

    fn args_for(&self, out: &Path) -> Vec<String> {
        self.args.iter().map(|a| a.replace("{out}", &out.to_string_lossy())).collect()
    }
}

/// Kills `job` on copies of `base` at moments spread over its run; returns the kills made.
fn kill_repeatedly(dir: &Path, base: &Path, job: &Job, rng: &mut rand::rngs::StdRng) -> usize {
    let before = (job.state)(base);
    // One uninterrupted run: how long the job takes here, and what it leaves.
    let whole = dir.join(format!("{}-whole.claimdesk", job.name));
    copy_practice(base, &whole);
    let out = dir.join(format!("{}-whole.out", job.name));
    job.output.prepare(&out);
    let started = Instant::now();
    let status = spawn(&whole, &job.args_for(&out)).wait().unwrap();
    let full = started.elapsed();
    assert!(status.success(), "{} did not finish on its own", job.name);
    job.output.assert_whole(&whole, &out, job.name);
    let after = (job.state)(&whole);
    assert_ne!(before, after, "{} changed nothing: the harness would prove nothing", job.name);

    let kills = kills_per_job();
    let mut seen = (0, 0);
    for i in 0..kills {
        let db = dir.join(format!("{}-{i}.claimdesk", job.name));
        copy_practice(base, &db);
        let out = dir.join(format!("{}-{i}.out", job.name));
        job.output.prepare(&out);
        let mut child = spawn(&db, &job.args_for(&out));
        // From the start to a little past the end of an uninterrupted run, at random.
        let at = full.mul_f64(rng.gen_range(0.0..1.15));
        std::thread::sleep(at.min(Duration::from_secs(30)));
        let _ = child.kill();
        child.wait().unwrap();

        let what = format!("{} killed at {:?} of {:?}", job.name, at, full);
        job.output.assert_whole(&db, &out, &what);
        let now = (job.state)(&db);
        if now == before {
            seen.0 += 1;
        } else if now == after {
            seen.1 += 1;
        } else {
            panic!("{what}: the file holds part of the job's work");
        }
    }
    println!("{}: {kills} kills, {} left it before, {} after (whole run {:?})", job.name, seen.0, seen.1, full);
    kills
}

/// A demo practice with waiting claims, patients who owe, and the demo's sample 835.
fn practice(dir: &Path) -> (PathBuf, PathBuf) {
    let db = dir.join("base.claimdesk");
    let created = ok_json(
        Command::new(env!("CARGO_BIN_EXE_claimdesk"))
            .env_remove("CLAIMDESK_DB")
            .arg("--db")
            .arg(&db)
            .args(["--json", "demo", "--patients", "400", "--visits", "1600", "--seed", "77"])
            .output()
            .unwrap(),
    );
    let sample = PathBuf::from(created["sample_835"].as_str().expect("the demo writes a sample 835"));
    (db, sample)
}

#[test]
fn killed_jobs_leave_the_file_as_before_or_as_after_and_no_half_written_output() {
    let dir = tempfile::tempdir().unwrap();
    let (base, sample) = practice(dir.path());
    let sample = sample.to_string_lossy().into_owned();
    // A backup of the practice as it is, to restore over copies of it once the backup's own
    // log entry makes the live file differ from it.
    let first = dir.path().join("first-backup");
    std::fs::create_dir_all(&first).unwrap();
    let backup = ok_json(claimdesk(&base, &["--json", "backup", "--to", &first.to_string_lossy()]));
    let backup = backup["path"].as_str().expect("the backup's path").to_string();
    let jobs = [
        Job::new("era-import", &["era", "import", &sample], Output::None),
        Job::new("statement-run", &["statements", "run", "--out", "{out}"], Output::Pdf),
        Job::new("claims-print", &["claims", "print", "--ready", "--form", "red", "--out", "{out}"], Output::Pdf),
        Job::new("export-837", &["claims", "export-837", "--ready", "--out", "{out}"], Output::X12)
            .judged_by(ready_claims),
        Job::new("backup", &["backup", "--to", "{out}"], Output::Backups),
        Job::new("restore", &["restore", &backup], Output::None),
    ];
    let mut rng = rand::rngs::StdRng::seed_from_u64(2026);
    let mut total = 0;
    for job in &jobs {
        total += kill_repeatedly(dir.path(), &base, job, &mut rng);
    }
    println!("kill harness: {total} kills, nothing lost");
}

/// A migration killed at any moment: the next open finishes it and the file passes the check;
/// the copy kept from before the upgrade is whole or absent, never partial under its name.
#[test]
fn a_killed_migration_is_finished_by_the_next_open() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("old.claimdesk");
    {
        // A file as ClaimDesk left it at data version 13 (before backups), encrypted.
        let practice = claimdesk_demo::demo_practice(claimdesk_demo::Specialty::Physician);
        let mut store = claimdesk_store::Store::create_at_version(&base, &practice, 13).unwrap();
        claimdesk_demo::users::add_demo_users(&mut store).unwrap();
    }
    claimdesk_demo::users::encrypt_demo_file(&base).unwrap();
    let kills = kills_per_job();
    let mut rng = rand::rngs::StdRng::seed_from_u64(13);
    let whole = dir.path().join("whole.claimdesk");
    copy_practice(&base, &whole);
    let started = Instant::now();
    let after = fingerprint(&whole);
    let full = started.elapsed();
    for i in 0..kills {
        let db = dir.path().join(format!("migrating-{i}.claimdesk"));
        copy_practice(&base, &db);
        let mut child = spawn(&db, &["check".to_string()]);
        std::thread::sleep(full.mul_f64(rng.gen_range(0.0..1.0)));
        let _ = child.kill();
        child.wait().unwrap();
        let kept = db.with_extension("before-v14.claimdesk");
        if kept.exists() {
            let bytes = std::fs::metadata(&kept).unwrap().len();
            assert!(bytes > 0 && bytes.is_multiple_of(512), "kill {i}: the copy kept before the upgrade is partial");
        }
        assert_eq!(fingerprint(&db), after, "kill {i}: the migration did not finish on the next open");
    }
    println!("migration: {kills} kills, each finished by the next open");
}
