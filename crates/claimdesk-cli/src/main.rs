//! `claimdesk`: the command-line tool. A thin layer over the practice file's `Store`:
//! parse the arguments, make one store call, print the result.
//!
//! Exit status 0 = done, 1 = refused (stderr names each field; the file is unchanged),
//! 2 = usage error (clap's own).

/// `print!` to stdout through [`output::stdout_fmt`]: a closed stdout ends the program quietly.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::output::stdout_fmt(format_args!($($arg)*))
    };
}

/// `println!` to stdout through [`output::stdout_fmt`]: a closed stdout ends the program quietly.
macro_rules! outln {
    () => {
        $crate::output::stdout_fmt(format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::output::stdout_fmt(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// `eprintln!` that never panics: a message nobody can read any more (stderr closed) is dropped.
macro_rules! errln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod claims;
mod clearinghouse;
mod cli;
mod collections;
mod demo;
mod era;
mod failure;
mod fees;
mod output;
mod patients;
mod payments;
mod plans;
mod progress;
mod reports;
mod statements;
mod visits;

use claimdesk_store::Store;
use clap::{CommandFactory, Parser};
use cli::{Cli, Command};
use failure::Failure;
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let Some(db) = cli.db.as_deref() else {
        Cli::command()
            .error(
                clap::error::ErrorKind::MissingRequiredArgument,
                "the practice file is required: --db PATH (or CLAIMDESK_DB)",
            )
            .exit();
    };
    match run(&cli.command, db, cli.json) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            failure.report(cli.json);
            ExitCode::from(1)
        }
    }
}

fn run(command: &Command, db: &Path, json: bool) -> Result<(), Failure> {
    match command {
        Command::Demo(args) => demo::create(db, args, json),
        Command::Patients(command) => patients::run(&mut open(db)?, command, json),
        Command::Fees(command) => fees::run(&mut open(db)?, command, json),
        Command::Visits(command) => visits::run(&mut open(db)?, command, json),
        Command::Claims(command) => claims::run(&mut open(db)?, command, json),
        Command::Payments(command) => payments::run(&mut open(db)?, command, json),
        Command::Era(command) => era::run(&mut open(db)?, command, json),
        Command::Clearinghouse(command) => clearinghouse::run(&mut open(db)?, command, json),
        Command::Statements(command) => statements::run(&mut open(db)?, command, json),
        Command::Plans(command) => plans::run(&mut open(db)?, command, json),
        Command::Reports(command) => reports::run(&mut open(db)?, command, json),
        Command::Collections(command) => collections::run(&mut open(db)?, command, json),
        Command::PostingRules(args) => collections::posting_rules(&mut open(db)?, args, json),
        Command::Check => check(&open(db)?, json),
    }
}

/// Opens an existing practice file; a missing one is a clear refusal, never a new empty file.
fn open(db: &Path) -> Result<Store, Failure> {
    if !db.exists() {
        return Err(Failure::Message(format!(
            "{} does not exist; check the path, or create a practice file with `claimdesk --db {} demo`",
            db.display(),
            db.display()
        )));
    }
    Ok(Store::open(db)?)
}

#[derive(serde::Serialize)]
struct CheckResult {
    ok: bool,
    problems: Vec<String>,
    schema_version: i64,
    patients: i64,
}

/// `check`: SQLite's integrity check and the foreign keys. Problems found exit 1.
fn check(store: &Store, json: bool) -> Result<(), Failure> {
    let problems = store.check()?;
    let result = CheckResult {
        ok: problems.is_empty(),
        problems,
        schema_version: store.schema_version()?,
        patients: store.count_patients()?,
    };
    if json {
        output::json(&result);
    } else if result.ok {
        outln!(
            "ok: the practice file is healthy (data version {}, {} patients)",
            result.schema_version,
            result.patients
        );
    } else {
        for p in &result.problems {
            errln!("problem: {p}");
        }
    }
    if result.ok {
        Ok(())
    } else {
        Err(Failure::Reported(format!("{} problems found; restore from a backup", result.problems.len())))
    }
}
