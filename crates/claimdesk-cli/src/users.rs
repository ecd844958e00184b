//! Logging in from the command line, users, the first administrator and the audit trail.
//!
//! The CLI logs in like the app: `--user LOGIN` (or CLAIMDESK_USER) with the password from
//! `--password-file`, CLAIMDESK_PASSWORD, or a prompt on the terminal. The only way around it
//! is `demo`, which creates its own users (their logins and passwords are printed and in the
//! README).

use crate::cli::Cli;
use crate::failure::Failure;
use crate::{holder, output};
use chrono::NaiveDate;
use claimdesk_core::{Role, Source};
use claimdesk_jobs::door::Door;
use claimdesk_jobs::ExportFormat;
use claimdesk_store::{AuditFilter, NewUser, Store, StoreError, User};
use clap::{Args, Subcommand};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// The environment variable a script gives the password in.
pub const PASSWORD_ENV: &str = "CLAIMDESK_PASSWORD";
/// The environment variable a script gives a new user's (or a new) password in.
pub const NEW_PASSWORD_ENV: &str = "CLAIMDESK_NEW_PASSWORD";

#[derive(Debug, Args)]
pub struct AdminCreateArgs {
    /// The administrator's login (letters, digits, . _ - @).
    #[arg(long)]
    pub login: String,
    /// Their full name.
    #[arg(long)]
    pub name: String,
    /// Also write the recovery sheet (PDF, holding the recovery key) here.
    #[arg(long, value_name = "FILE")]
    pub recovery_sheet: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RecoverArgs {
    /// The administrator whose password is set anew.
    #[arg(long)]
    pub login: String,
    /// Read the new password from this file instead.
    #[arg(long, value_name = "FILE")]
    pub new_password_file: Option<PathBuf>,
}

/// Where `recover` reads the recovery key from (else a prompt).
pub const RECOVERY_KEY_ENV: &str = "CLAIMDESK_RECOVERY_KEY";

#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    /// List the users with their role and whether they are active.
    List,
    /// Add a user. Their first password comes from --new-password-file, CLAIMDESK_NEW_PASSWORD
    /// or a prompt; they must change it at their first login.
    Add {
        #[arg(long)]
        login: String,
        #[arg(long)]
        name: String,
        /// administrator, biller, front_desk or read_only.
        #[arg(long, value_parser = parse_role)]
        role: Role,
        #[arg(long, value_name = "PATH")]
        new_password_file: Option<PathBuf>,
    },
    /// Set a temporary password (from --new-password-file, CLAIMDESK_NEW_PASSWORD or a
    /// prompt); the user must change it at their next login.
    ResetPassword {
        login: String,
        #[arg(long, value_name = "PATH")]
        new_password_file: Option<PathBuf>,
    },
    /// Deactivate a user: they can no longer log in (users are never deleted).
    Deactivate { login: String },
    /// Let a deactivated user log in again.
    Activate { login: String },
    /// Change your own password (the new one from --new-password-file,
    /// CLAIMDESK_NEW_PASSWORD or a prompt).
    Passwd {
        #[arg(long, value_name = "PATH")]
        new_password_file: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// The audit trail, newest first, narrowed by user, patient, action and dates.
    List(AuditArgs),
    /// Write the audit trail (narrowed the same way) to a CSV or PDF file.
    Export {
        #[command(flatten)]
        filter: AuditArgs,
        /// The file to write; .pdf for a PDF, anything else CSV.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Only this user's entries (their login). After `audit`, `--user LOGIN` means this too
    /// (log in with --user before `audit`, or CLAIMDESK_USER).
    #[arg(long = "for-user", value_name = "LOGIN")]
    pub for_user: Option<String>,
    /// Only entries about this patient (account number).
    #[arg(long, value_name = "ACCOUNT")]
    pub patient: Option<String>,
    /// Only this kind of entry: an action (patient_save, posting_reverse, ...) or a session
    /// event (log_in, lock, unlock, log_out).
    #[arg(long, alias = "kind")]
    pub action: Option<String>,
    /// From this day (UTC).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: Option<NaiveDate>,
    /// To this day (UTC).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub to: Option<NaiveDate>,
    /// CSV on stdout instead of a table.
    #[arg(long)]
    pub csv: bool,
    /// At most this many entries (the newest).
    #[arg(long, default_value_t = 100)]
    pub limit: u32,
}

fn parse_role(text: &str) -> Result<Role, String> {
    Role::parse(text).ok_or_else(|| "one of administrator, biller, front_desk, read_only".to_string())
}

/// A password from a file's first line, an environment variable, or a prompt on the terminal.
fn read_secret(file: Option<&Path>, env: &str, prompt: &str) -> Result<String, Failure> {
    if let Some(path) = file {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Failure::Message(format!("the password file {} could not be read: {e}", path.display())))?;
        return Ok(text.lines().next().unwrap_or_default().to_string());
    }
    if let Ok(p) = std::env::var(env) {
        return Ok(p);
    }
    if std::io::stdin().is_terminal() {
        return rpassword::prompt_password(prompt)
            .map_err(|e| Failure::Message(format!("the password could not be read: {e}")));
    }
    Err(Failure::Message(format!(
        "a password is needed: give it with --password-file PATH or {env}, or run on a terminal to be asked"
    )))
}

/// Opens the practice file and logs in as `--user` (every subcommand but `demo` does).
pub fn log_in(cli: &Cli, db: &Path) -> Result<Door, Failure> {
    let mut door = open(cli, db)?;
    if door.needs_administrator()? {
        return Err(Failure::Message(format!(
            "{} has no users yet: create its administrator first with `claimdesk --db {} admin-create --login NAME --name \"FULL NAME\"`",
            db.display(),
            db.display()
        )));
    }
    let Some(login) = cli.user.as_deref() else {
        return Err(Failure::Message(
            "log in with --user LOGIN (or CLAIMDESK_USER); the password comes from --password-file, CLAIMDESK_PASSWORD or a prompt".into(),
        ));
    };
    let password = read_secret(cli.password_file.as_deref(), PASSWORD_ENV, &format!("Password for {login}: "))?;
    door.log_in(login, &password, Source::Cli)?;
    if let Some(key) = door.take_recovery_key() {
        // An administrator's first login encrypted an older file: its recovery key, once.
        eprintln!("This practice file is now encrypted. Its recovery key (shown once; print it and keep it in the office safe):");
        eprintln!("  {}", key.display().as_str());
        eprintln!("Without it, forgetting every administrator password loses the practice.");
    }
    Ok(door)
}

/// Opens an existing practice file; a missing one is a clear refusal, never a new empty file.
/// The door takes the file on the command's first change (`holder`).
pub fn open(cli: &Cli, db: &Path) -> Result<Door, Failure> {
    if !db.exists() {
        return Err(Failure::Message(format!(
            "{} does not exist; check the path, or create a practice file with `claimdesk --db {} demo`",
            db.display(),
            db.display()
        )));
    }
    let door = Door::open(db)?.from_source(Source::Cli);
    Ok(door.holding_as(holder::program(cli), holder::wait(cli), holder::on_wait(cli, db)))
}

/// `admin-create`: the first administrator of a file without users.
pub fn admin_create(cli: &Cli, db: &Path, args: &AdminCreateArgs, json: bool) -> Result<(), Failure> {
    let mut door = open(cli, db)?;
    let password = read_secret(cli.password_file.as_deref(), PASSWORD_ENV, "Password for the administrator: ")?;
    let new = NewUser { login: args.login.clone(), full_name: args.name.clone(), role: Role::Administrator, password };
    let user = door.create_administrator(&new, Source::Cli)?;
    let recovery = door.take_recovery_key().map(|k| k.display().to_string());
    if let (Some(sheet), Some(key)) = (&args.recovery_sheet, &recovery) {
        let practice = door.act(claimdesk_core::Action::PracticeCurrent, |s, _| s.practice())?;
        claimdesk_jobs::recovery::write_recovery_sheet(sheet, &practice.name, db, key)?;
    }
    if json {
        output::json(&serde_json::json!({ "user": user, "recovery_key": recovery }));
    } else {
        print_user(&user, json, "created the administrator");
        if let Some(key) = &recovery {
            outln!("The practice file is now encrypted. Its recovery key (shown once; print it and keep it in the office safe):");
            outln!("  {key}");
            outln!("Without it, forgetting every administrator password loses the practice.");
        }
    }
    Ok(())
}

/// `recover`: the recovery key opens the encrypted file; an administrator gets a new password.
pub fn recover(cli: &Cli, db: &Path, args: &RecoverArgs, json: bool) -> Result<(), Failure> {
    let mut door = open(cli, db)?;
    let key = read_secret(None, RECOVERY_KEY_ENV, "Recovery key: ")?;
    let new = read_secret(args.new_password_file.as_deref(), NEW_PASSWORD_ENV, "New password: ")?;
    let user = door.recover(&key, &args.login, &new, Source::Cli)?;
    print_user(&user, json, "recovered; new password set for");
    Ok(())
}

fn user_by_login(store: &Store, login: &str) -> Result<User, StoreError> {
    store
        .users()?
        .into_iter()
        .find(|u| u.login.eq_ignore_ascii_case(login.trim()))
        .ok_or_else(|| StoreError::NotFound(format!("the user {}", login.trim())))
}

fn print_user(user: &User, json: bool, what: &str) {
    if json {
        output::json(user);
    } else {
        outln!("{what}: {} ({}, {})", user.login, user.full_name, user.role.label());
    }
}

/// `users ...`, after logging in. Changing one's own password goes through the door's own way.
pub fn users(
    door: &mut Door,
    action: claimdesk_core::Action,
    command: &UsersCommand,
    json: bool,
) -> Result<(), Failure> {
    let new_password = |file: &Option<PathBuf>| read_secret(file.as_deref(), NEW_PASSWORD_ENV, "New password: ");
    match command {
        UsersCommand::Passwd { new_password_file } => {
            let current = std::env::var(PASSWORD_ENV).ok();
            let new = new_password(new_password_file)?;
            let current = match current {
                Some(c) => c,
                None => read_secret(None, PASSWORD_ENV, "Current password: ")?,
            };
            let user = door.change_password(&current, &new)?;
            print_user(&user, json, "changed the password of");
            Ok(())
        }
        UsersCommand::List => door.act(action, |s, _| {
            let list = s.users()?;
            if json {
                output::json(&list);
            } else {
                for u in &list {
                    let state = if u.active { "" } else { " (deactivated)" };
                    outln!("{:<20} {:<28} {}{state}", u.login, u.full_name, u.role.label());
                }
            }
            Ok(())
        }),
        UsersCommand::Add { login, name, role, new_password_file } => {
            let password = new_password(new_password_file)?;
            let new = NewUser { login: login.clone(), full_name: name.clone(), role: *role, password };
            let created = door.add_user(&new)?;
            // A first password someone else chose: the user picks their own at login.
            let user = door.reset_password(created.id, &new.password)?;
            print_user(&user, json, "added");
            Ok(())
        }
        UsersCommand::ResetPassword { login, new_password_file } => {
            let password = new_password(new_password_file)?;
            let id = door.act(action, |s, _| user_by_login(s, login))?.id;
            let user = door.reset_password(id, &password)?;
            print_user(&user, json, "reset the password of");
            Ok(())
        }
        UsersCommand::Deactivate { login } | UsersCommand::Activate { login } => {
            let active = matches!(command, UsersCommand::Activate { .. });
            let id = door.act(action, |s, _| user_by_login(s, login))?.id;
            let user = door.set_user_active(id, active)?;
            print_user(&user, json, if active { "activated" } else { "deactivated" });
            Ok(())
        }
    }
}

fn audit_filter(store: &Store, args: &AuditArgs) -> Result<AuditFilter, Failure> {
    let user_id = match &args.for_user {
        Some(login) => Some(user_by_login(store, login)?.id),
        None => None,
    };
    let patient_id = match &args.patient {
        Some(account) => Some(store.get_patient_by_account(account)?.id.expect("a stored patient has an id")),
        None => None,
    };
    Ok(AuditFilter {
        user_id,
        patient_id,
        action: args.action.clone(),
        from: args.from,
        to: args.to,
        before_id: None,
        limit: Some(args.limit.max(1)),
    })
}

/// `audit list` and `audit export`, after logging in (administrators only, at the door).
pub fn audit(store: &Store, command: &AuditCommand, json: bool) -> Result<(), Failure> {
    match command {
        AuditCommand::List(args) => {
            let filter = audit_filter(store, args)?;
            let page = store.audit_page(&filter)?;
            if json {
                output::json(&page);
            } else if args.csv {
                let doc = claimdesk_jobs::audit::audit_document_of(store, &filter, page.entries)?;
                let bytes = claimdesk_jobs::reports::report_csv(&doc)?;
                out!("{}", String::from_utf8_lossy(&bytes));
            } else {
                for e in &page.entries {
                    let record = e.record_id.map(|id| format!("{} {id}", e.record_kind)).unwrap_or_default();
                    outln!(
                        "{:>6}  {}  {:<12} {:<4} {:<24} {:<8} {}",
                        e.id,
                        e.at,
                        e.user_name,
                        e.source,
                        e.action,
                        format!("{:?}", e.outcome).to_lowercase(),
                        record
                    );
                }
            }
            Ok(())
        }
        AuditCommand::Export { filter, out } => {
            let mut f = audit_filter(store, filter)?;
            f.limit = None;
            let format = if out.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")) {
                ExportFormat::Pdf
            } else {
                ExportFormat::Csv
            };
            let done = claimdesk_jobs::audit::export_audit(store, &f, format, out)?;
            if json {
                output::json(&done);
            } else {
                outln!("wrote {} entries to {}", done.rows, done.path);
            }
            Ok(())
        }
    }
}
