//! Holding the practice file from the command line: a command that changes the file takes it
//! on its first change (`Door::holding_as`), waiting up to `--wait SECONDS` for the app or
//! another command to finish with it; look-ups never wait.

use crate::backups::BackupsCommand;
use crate::cli::{Cli, Command, EraCommand};
use crate::failure::Failure;
use crate::statements::StatementsCommand;
use claimdesk_store::holder::held_by;
use claimdesk_store::{HolderInfo, PracticeLock, Program};
use std::path::Path;
use std::time::Duration;

/// Whether this run of a subcommand that can look or change only looks (a dry run, settings
/// shown): it then works while another program has the file, as look-ups do.
pub fn only_looks(command: &Command) -> bool {
    match command {
        Command::PostingRules(args) => args.write_off_oa.is_none() && args.write_off_pi.is_none(),
        Command::Era(EraCommand::Import { dry_run, .. }) => *dry_run,
        Command::Statements(StatementsCommand::Run(args)) => args.dry_run,
        Command::Backups(BackupsCommand::Settings(args)) => !args.changing(),
        _ => false,
    }
}

/// How long to wait for another program (None: refuse at once, the default).
pub fn wait(cli: &Cli) -> Option<Duration> {
    (cli.wait > 0).then(|| Duration::from_secs(cli.wait))
}

/// This command, as the holder file names it ("payments post"; never its arguments, which may
/// name a patient).
pub fn program(cli: &Cli) -> Program {
    Program::command_line(&cli.command_name)
}

/// Tells the person at the terminal once who they are waiting for. With --json stderr is kept
/// for the error report alone.
pub fn on_wait(cli: &Cli, db: &Path) -> impl FnMut(Option<&HolderInfo>) + Send + 'static {
    let file = db.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let (seconds, quiet) = (cli.wait, cli.json);
    move |holder| {
        if !quiet {
            errln!("Waiting for {} to finish with {file} (up to {seconds} s)…", held_by(holder));
        }
    }
}

/// Holds `db` now, for a command that makes or replaces the whole file (`demo`, a restore onto
/// a file that cannot be opened). None when its folder does not exist: the command refuses
/// that itself, and nothing is made beside a path that cannot be a practice file.
pub fn hold(cli: &Cli, db: &Path) -> Result<Option<PracticeLock>, Failure> {
    let folder = db.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !folder.is_dir() {
        return Ok(None);
    }
    let mut told = on_wait(cli, db);
    Ok(Some(PracticeLock::acquire(db, program(cli), wait(cli), &mut told)?))
}
