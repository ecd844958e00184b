//! `backup`, `backups list|verify|drill|settings` and `restore`.

use crate::cli::Cli;
use crate::failure::Failure;
use crate::output;
use crate::progress::Progress;
use claimdesk_jobs::backups::{self, BackupCheck};
use claimdesk_jobs::door::Door;
use claimdesk_store::{BackupSettings, Store};
use clap::{Args, Subcommand};
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The folder to write the backup to (default: the backup folder of the settings).
    #[arg(long, value_name = "DIR")]
    pub to: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup to restore (`<practice file>.backup-<time>.claimdesk`).
    pub file: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum BackupsCommand {
    /// The backups in a folder, newest first, with their practice, date and counts.
    List {
        /// The folder to look in (default: the backup folder of the settings).
        #[arg(long = "in", value_name = "DIR")]
        folder: Option<PathBuf>,
    },
    /// Verify a backup: its bytes as verified when it was taken, the integrity check, the
    /// audit chain and its rows.
    Verify { file: PathBuf },
    /// A restore drill: restore a backup into a temporary folder and check it there; the
    /// practice file is not touched.
    Drill { file: PathBuf },
    /// Show the backup settings, or change them with any of the flags.
    Settings(SettingsArgs),
}

#[derive(Debug, Args)]
pub struct SettingsArgs {
    /// The folder backups go to (a USB drive, a network share); "" clears it.
    #[arg(long, value_name = "DIR")]
    pub folder: Option<String>,
    /// How many daily backups to keep (1-366).
    #[arg(long)]
    pub keep_daily: Option<u32>,
    /// How many weekly backups to keep (0-520).
    #[arg(long)]
    pub keep_weekly: Option<u32>,
    /// How many monthly backups to keep (0-240).
    #[arg(long)]
    pub keep_monthly: Option<u32>,
    /// Warn when the last verified backup is older than this many days (1-365).
    #[arg(long)]
    pub warn_after_days: Option<u32>,
}

/// `backup [--to DIR]`.
pub fn backup(store: &mut Store, args: &BackupArgs, json: bool) -> Result<(), Failure> {
    let folder = backups::backup_folder(store, args.to.as_deref())?;
    let mut bar = Progress::new("backing up");
    let report = backups::take_backup(store, &folder, chrono::Utc::now(), &mut |d, t| bar.update(d, t));
    drop(bar);
    let report = report?;
    if json {
        output::json(&report);
    } else {
        outln!("backed up and verified: {}", report.path);
        outln!(
            "  {} bytes; {} patients, {} visits, {} claims, {} ledger entries",
            report.size_bytes,
            report.counts.patients,
            report.counts.visits,
            report.counts.claims,
            report.counts.ledger_entries
        );
        if !report.removed.is_empty() {
            outln!("  rotation removed {} older backups; {} kept", report.removed.len(), report.kept);
        }
    }
    Ok(())
}

pub fn run(store: &mut Store, command: &BackupsCommand, json: bool) -> Result<(), Failure> {
    match command {
        BackupsCommand::List { folder } => {
            let folder = backups::backup_folder(store, folder.as_deref())?;
            let list = backups::list_backups(store, &folder)?;
            if json {
                output::json(&list);
            } else if list.is_empty() {
                outln!("no backups in {}", folder.display());
            } else {
                let rows: Vec<Vec<String>> = list
                    .iter()
                    .map(|b| {
                        vec![
                            b.taken_at.clone(),
                            b.practice_name.clone(),
                            b.counts.patients.to_string(),
                            b.counts.claims.to_string(),
                            b.size_bytes.to_string(),
                            if !b.problem.is_empty() {
                                "does not open".into()
                            } else if b.verified_when_taken {
                                "verified".into()
                            } else {
                                "not verified".into()
                            },
                            b.file_name.clone(),
                        ]
                    })
                    .collect();
                out!(
                    "{}",
                    output::table(&["Taken (UTC)", "Practice", "Patients", "Claims", "Bytes", "State", "File"], &rows)
                );
            }
            Ok(())
        }
        BackupsCommand::Verify { file } => report_check(backups::verify_backup(store, file)?, json),
        BackupsCommand::Drill { file } => {
            let report = backups::drill(store, file)?;
            if json {
                output::json(&report);
            } else if report.ok {
                outln!(
                    "restore drill passed in {} ms: {} restores to a file that opens and passes every check ({} patients)",
                    report.millis,
                    file.display(),
                    report.check.counts.patients
                );
            }
            if report.ok {
                Ok(())
            } else {
                if !json {
                    for p in &report.check.problems {
                        errln!("problem: {p}");
                    }
                }
                Err(Failure::Reported("the restore drill failed: this backup would not restore".into()))
            }
        }
        BackupsCommand::Settings(args) => settings(store, args, json),
    }
}

fn report_check(check: BackupCheck, json: bool) -> Result<(), Failure> {
    if json {
        output::json(&check);
    } else if check.ok {
        outln!("ok: {} is a good backup of {} (taken {})", check.path, check.practice_name, check.taken_at);
    } else {
        for p in &check.problems {
            errln!("problem: {p}");
        }
    }
    if check.ok {
        Ok(())
    } else {
        Err(Failure::Reported(format!("{} failed verification: do not restore it", check.path)))
    }
}

impl SettingsArgs {
    /// Whether any setting is given (none: the settings are shown).
    pub fn changing(&self) -> bool {
        self.folder.is_some()
            || self.keep_daily.is_some()
            || self.keep_weekly.is_some()
            || self.keep_monthly.is_some()
            || self.warn_after_days.is_some()
    }
}

fn settings(store: &mut Store, args: &SettingsArgs, json: bool) -> Result<(), Failure> {
    let current = store.backup_settings()?;
    let settings = if args.changing() {
        let folder = args.folder.clone().unwrap_or_else(|| current.folder.clone());
        let wanted = BackupSettings {
            folder,
            keep_daily: args.keep_daily.unwrap_or(current.keep_daily),
            keep_weekly: args.keep_weekly.unwrap_or(current.keep_weekly),
            keep_monthly: args.keep_monthly.unwrap_or(current.keep_monthly),
            warn_after_days: args.warn_after_days.unwrap_or(current.warn_after_days),
        };
        backups::save_settings(store, &wanted)?
    } else {
        current
    };
    if json {
        output::json(&settings);
    } else {
        let folder = if settings.folder.is_empty() { "(none: no automatic backups)" } else { &settings.folder };
        outln!("{:<16}{folder}", "Folder");
        outln!(
            "{:<16}{} daily, {} weekly, {} monthly",
            "Keep",
            settings.keep_daily,
            settings.keep_weekly,
            settings.keep_monthly
        );
        outln!("{:<16}after {} days without a verified backup", "Warn", settings.warn_after_days);
    }
    Ok(())
}

/// `restore FILE`: over the practice file when it opens (logged in to it, as any command);
/// when it is missing or does not open (a disk that died), the backup is opened through the
/// door like any practice file and logged in to with the same --user, and put in its place.
pub fn restore(cli: &Cli, db: &Path, args: &RestoreArgs, json: bool) -> Result<(), Failure> {
    let action = claimdesk_core::Action::BackupRestore;
    let report = match db.exists().then(|| Door::open(db)) {
        Some(Ok(_)) => {
            let mut door = crate::users::log_in(cli, db)?;
            door.restore(&args.file)?
        }
        _ => {
            if !args.file.is_file() {
                return Err(Failure::Message(format!("{} does not exist", args.file.display())));
            }
            // The file is replaced whole: held until the restored one is in place.
            let _held = crate::holder::hold(cli, db)?;
            let (dir, copy) = backups::scratch_copy(&args.file)?;
            let result = (|| -> Result<_, Failure> {
                let mut door = crate::users::log_in(cli, &copy)?;
                let report = door.act(action, |s, _| {
                    backups::restore_closed(s, &args.file, db, chrono::Utc::now()).map_err(Failure::from)
                })?;
                Ok(report)
            })();
            let _ = std::fs::remove_dir_all(&dir);
            result?
        }
    };
    if json {
        output::json(&report);
    } else {
        outln!("restored {} from {}", report.practice_file, report.restored_from);
        if !report.kept_aside.is_empty() {
            outln!("  the file it replaced is kept as {}", report.kept_aside);
        }
        outln!("  log in again: the restored file's users and passwords are those of the backup");
    }
    Ok(())
}
