//! `claimdesk`: the command-line tool. A thin layer over the practice file: parse the
//! arguments, pass through the one door (`claimdesk_jobs::door`) with the subcommand's action
//! (`actions.rs`), make the store or job call, print the result.
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

pub mod actions;
mod backups;
mod care;
mod cases;
mod claims;
mod clearinghouse;
pub mod cli;
mod collections;
mod demo;
mod era;
mod failure;
mod fees;
mod holder;
mod output;
mod packages;
mod patients;
mod payments;
mod plans;
mod progress;
mod reports;
mod statements;
mod users;
mod visits;

use claimdesk_core::Action;
use claimdesk_jobs::door;
use claimdesk_store::Store;
use clap::{CommandFactory, FromArgMatches};
use cli::{Cli, Command};
use failure::Failure;
use std::path::Path;
use std::process::ExitCode;

/// The whole program: parse, dispatch through the door, report. `main.rs` only calls this.
pub fn main() -> ExitCode {
    claimdesk_core::install_private_panic_message("claimdesk");
    let matches = Cli::command().get_matches_from(audit_user_filter(std::env::args_os().collect()));
    let mut cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let Some(db) = cli.db.as_deref() else {
        Cli::command()
            .error(
                clap::error::ErrorKind::MissingRequiredArgument,
                "the practice file is required: --db PATH (or CLAIMDESK_DB)",
            )
            .exit();
    };
    let path = actions::subcommand_path(&matches);
    cli.command_name = path.clone();
    let Some(action) = actions::action_of(&path) else {
        // tests/door.rs makes sure every subcommand has its action; this is a programming error.
        errln!("internal error: `{path}` names no action");
        return ExitCode::from(1);
    };
    match run(&cli, action, db) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            failure.report(cli.json);
            ExitCode::from(1)
        }
    }
}

/// `--user` logs in, anywhere on the line; but after `audit` it names whose entries to list
/// (`claimdesk --user admin audit list --user frontdesk`), as the Audit screen's user filter
/// does. This turns that one into `--for-user` before clap reads the line.
pub fn audit_user_filter(args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    const TAKES_VALUE: &[&str] = &["--db", "--user", "--password-file", "--wait"];
    let mut out = Vec::with_capacity(args.len());
    let (mut in_audit, mut skip_value, mut seen_command) = (false, false, false);
    for (i, arg) in args.into_iter().enumerate() {
        let text = arg.to_string_lossy().into_owned();
        if i == 0 || skip_value {
            skip_value = false;
            out.push(arg);
            continue;
        }
        if !seen_command {
            if TAKES_VALUE.contains(&text.as_str()) {
                skip_value = true;
            } else if !text.starts_with('-') {
                seen_command = true;
                in_audit = text == "audit";
            }
            out.push(arg);
            continue;
        }
        if in_audit && text == "--user" {
            out.push("--for-user".into());
        } else if let Some(value) = text.strip_prefix("--user=").filter(|_| in_audit) {
            out.push(format!("--for-user={value}").into());
        } else {
            out.push(arg);
        }
    }
    out
}

/// Every subcommand passes the door here, as the user logged in with --user (`demo` makes a
/// new file with its own users; `admin-create` gives an old file its first administrator).
fn run(cli: &Cli, action: Action, db: &Path) -> Result<(), Failure> {
    let json = cli.json;
    let command = &cli.command;
    if let Command::Demo(args) = command {
        return door::pass(None, action, || demo::create(cli, db, args, json));
    }
    if let Command::AdminCreate(args) = command {
        return users::admin_create(cli, db, args, json);
    }
    if let Command::Recover(args) = command {
        return users::recover(cli, db, args, json);
    }
    if let Command::Restore(args) = command {
        return backups::restore(cli, db, args, json);
    }
    let mut door = users::log_in(cli, db)?;
    if let Command::Users(c) = command {
        return users::users(&mut door, action, c, json);
    }
    let run = |s: &mut Store, a: &claimdesk_core::Actor| match command {
        Command::Patients(c) => patients::run(s, a, c, json),
        Command::Fees(c) => fees::run(s, c, json),
        Command::Visits(c) => visits::run(s, a, c, json),
        Command::Claims(c) => claims::run(s, a, c, json),
        Command::Payments(c) => payments::run(s, a, c, json),
        Command::Era(c) => era::run(s, a, c, json),
        Command::Clearinghouse(c) => clearinghouse::run(s, c, json),
        Command::Statements(c) => statements::run(s, a, c, json),
        Command::Plans(c) => plans::run(s, c, json),
        Command::Episodes(c) => care::episodes(s, c, json),
        Command::Abn(c) => care::abn(s, c, json),
        Command::Cases(c) => cases::run(s, a, c, json),
        Command::Reports(c) => reports::run(s, c, json),
        Command::Collections(c) => collections::run(s, c, json),
        Command::PostingRules(args) => collections::posting_rules(s, args, json),
        Command::Packages(c) => packages::packages(s, a, c, json),
        Command::PromptPay(c) => packages::prompt_pay(s, a, c, json),
        Command::Audit(c) => users::audit(s, c, json),
        Command::Check => check(s, json),
        Command::Backup(args) => backups::backup(s, args, json),
        Command::Backups(c) => backups::run(s, c, json),
        Command::Demo(_) | Command::AdminCreate(_) | Command::Recover(_) | Command::Users(_) | Command::Restore(_) => {
            unreachable!("handled above")
        }
    };
    if holder::only_looks(command) {
        door.act_looking(action, run)
    } else {
        door.act(action, run)
    }
}

#[derive(serde::Serialize)]
struct CheckResult {
    ok: bool,
    problems: Vec<String>,
    schema_version: i64,
    patients: i64,
    /// SHA-256 of the practice's records (not the audit trail or the users): equal before and
    /// after a command that changed nothing.
    fingerprint: String,
    /// Rows in each table (the audit trail included).
    counts: std::collections::BTreeMap<String, i64>,
}

/// `check`: SQLite's integrity check and the foreign keys. Problems found exit 1.
fn check(store: &Store, json: bool) -> Result<(), Failure> {
    let problems = store.check()?;
    let result = CheckResult {
        ok: problems.is_empty(),
        problems,
        schema_version: store.schema_version()?,
        patients: store.count_patients()?,
        fingerprint: store.fingerprint()?,
        counts: store.table_counts()?,
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

#[cfg(test)]
mod tests {
    use super::audit_user_filter;

    fn line(args: &[&str]) -> Vec<String> {
        audit_user_filter(args.iter().map(Into::into).collect())
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn after_audit_user_filters_and_before_it_logs_in() {
        assert_eq!(
            line(&["claimdesk", "--user", "admin", "audit", "list", "--user", "frontdesk"]),
            ["claimdesk", "--user", "admin", "audit", "list", "--for-user", "frontdesk"]
        );
        assert_eq!(
            line(&["claimdesk", "--db", "audit", "check", "--user", "x"]),
            ["claimdesk", "--db", "audit", "check", "--user", "x"]
        );
        assert_eq!(
            line(&["claimdesk", "audit", "list", "--user=desk"]),
            ["claimdesk", "audit", "list", "--for-user=desk"]
        );
        assert_eq!(
            line(&["claimdesk", "--wait", "5", "audit", "list", "--user", "desk"]),
            ["claimdesk", "--wait", "5", "audit", "list", "--for-user", "desk"],
            "the seconds of --wait are not the command"
        );
        assert_eq!(
            line(&["claimdesk", "patients", "search", "x", "--user", "a"]),
            ["claimdesk", "patients", "search", "x", "--user", "a"]
        );
    }
}
