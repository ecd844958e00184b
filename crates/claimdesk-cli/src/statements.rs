//! `claimdesk statements run|reprint` and `claimdesk patients hold`.

use crate::failure::Failure;
use crate::output;
use crate::progress::Progress;
use claimdesk_core::validation::parse_date;
use claimdesk_core::Money;
use claimdesk_jobs::{reprint_statement, run_statements, StatementRunRequest};
use claimdesk_store::{Actor, HeldReason, StatementCandidate, Store, StoreError};
use clap::{Args, Subcommand};
use serde::Serialize;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum StatementsCommand {
    /// Print patient statements for every guarantor who owes money, into one PDF, and record
    /// the run (so each statement can be reprinted exactly).
    ///
    /// Skipped: balances below --min-balance, accounts on statement hold or sent to
    /// collections (unless included), and accounts sent a statement within --days-since-last days.
    /// Held out and listed with the reason: accounts whose guarantor has no complete mailing
    /// address (add it on the patient's record; the next run includes them).
    Run(RunArgs),

    /// Print a recorded statement again, exactly as it was sent. Records nothing.
    Reprint {
        /// The statement's id (from `statements run --json`).
        id: i64,
        /// The PDF file to write.
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// The PDF file to write (replaced whole, or not at all).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// The statement date, MM/DD/YYYY (default: today).
    #[arg(long)]
    pub date: Option<String>,
    /// The smallest patient balance that gets a statement.
    #[arg(long, default_value = "5.00")]
    pub min_balance: String,
    /// Skip accounts sent a statement fewer than this many days ago.
    #[arg(long, default_value_t = 28)]
    pub days_since_last: i64,
    /// Include accounts on statement hold.
    #[arg(long)]
    pub include_holds: bool,
    /// Include accounts sent to collections.
    #[arg(long)]
    pub include_collections: bool,
    /// List who would get a statement and the amounts, and who is held out and why; write and
    /// record nothing.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(store: &mut Store, actor: &Actor, command: &StatementsCommand, json: bool) -> Result<(), Failure> {
    match command {
        StatementsCommand::Run(args) => run_batch(store, actor, args, json),
        StatementsCommand::Reprint { id, out } => {
            let bytes = reprint_statement(store, *id, &out.display().to_string())?;
            if json {
                output::json(&Reprinted { statement_id: *id, path: out.display().to_string(), bytes });
            } else {
                outln!("Reprinted statement {id} to {} ({bytes} bytes)", out.display());
            }
            Ok(())
        }
    }
}

#[derive(Serialize)]
struct Reprinted {
    statement_id: i64,
    path: String,
    bytes: usize,
}

#[derive(Serialize)]
struct DryRun<'a> {
    dry_run: bool,
    statements: &'a [StatementCandidate],
    /// Picked by the filter but held out (`held_out` says why): no statement.
    held: &'a [StatementCandidate],
    total_due: Money,
}

/// One account of a list: number, name and the amounts, with its flags in parentheses.
fn account_line(c: &StatementCandidate) -> String {
    let mut flags = Vec::new();
    if c.hold {
        flags.push("on hold");
    }
    if c.in_collections {
        flags.push("in collections");
    }
    format!(
        "{:<10} {:<32} due {:>10}  insurance pending {:>10}{}",
        c.account_number,
        c.name,
        c.patient_due.to_string(),
        c.insurance_pending.to_string(),
        if flags.is_empty() { String::new() } else { format!("  ({})", flags.join(", ")) }
    )
}

/// The accounts held out of a run, each with the reason.
fn print_held(held: &[StatementCandidate]) {
    if held.is_empty() {
        return;
    }
    outln!("Held out, no statement ({}):", held.len());
    for c in held {
        let reason = c.held_out.map(HeldReason::message).unwrap_or_default();
        outln!("{}  {reason}", account_line(c));
    }
}

fn run_batch(store: &mut Store, actor: &Actor, args: &RunArgs, json: bool) -> Result<(), Failure> {
    let date = match &args.date {
        Some(d) => parse_date("Statement date", d).map_err(|m| StoreError::invalid("statement_date", m))?,
        None => store.today(),
    };
    let min_balance = Money::parse(&args.min_balance)
        .map_err(|e| StoreError::invalid("min_balance", format!("Minimum balance {:?} {e}", args.min_balance)))?;
    if min_balance.is_negative() {
        return Err(StoreError::invalid("min_balance", "The minimum balance cannot be negative").into());
    }
    if args.days_since_last < 0 {
        return Err(StoreError::invalid("days_since_last", "Days since the last statement cannot be negative").into());
    }
    let out = args.out.as_ref().map(|p| p.display().to_string()).unwrap_or_default();
    let mut request = StatementRunRequest::new(date, out);
    request.filter.min_balance = min_balance;
    request.filter.days_since_last = args.days_since_last;
    request.filter.include_holds = args.include_holds;
    request.filter.include_collections = args.include_collections;

    if args.dry_run {
        let (candidates, held): (Vec<StatementCandidate>, Vec<StatementCandidate>) =
            store.statement_candidates(&request.filter)?.into_iter().partition(|c| c.held_out.is_none());
        let total_due: Money = candidates.iter().map(|c| c.patient_due).sum();
        if json {
            output::json(&DryRun { dry_run: true, statements: &candidates, held: &held, total_due });
            return Ok(());
        }
        for c in &candidates {
            outln!("{}", account_line(c));
        }
        outln!("{} statements would be sent, {} due in all (dry run: nothing written)", candidates.len(), total_due);
        print_held(&held);
        return Ok(());
    }
    if request.out_path.is_empty() {
        return Err(StoreError::invalid("out", "Name the PDF file to write: --out FILE.pdf").into());
    }
    let mut bar = Progress::new("writing statements");
    let report = run_statements(store, &request, actor, &mut |done, total| bar.update(done, total))?;
    drop(bar);
    if json {
        output::json(&report);
        return Ok(());
    }
    for s in &report.statements {
        outln!(
            "statement {:<6} {:<10} {:<32} due {:>10}  {}",
            s.statement_id,
            s.account_number,
            s.name,
            s.amount_due.to_string(),
            s.message_level.as_str()
        );
    }
    outln!(
        "Statement run {}: {} statements, {} pages, {} due in all, written to {} ({} bytes)",
        report.run_id,
        report.statements.len(),
        report.pages,
        report.total_due,
        report.path,
        report.bytes
    );
    print_held(&report.held);
    Ok(())
}

#[derive(Serialize)]
struct Hold {
    account: String,
    statement_hold_reason: String,
}

/// `patients hold ACCOUNT --reason ..` / `--release`.
pub fn hold(store: &mut Store, account: &str, reason: Option<&str>, release: bool, json: bool) -> Result<(), Failure> {
    let patient = store.get_patient_by_account(account)?;
    let reason = match (reason.map(str::trim), release) {
        (_, true) => "",
        (Some(r), false) if !r.is_empty() => r,
        _ => return Err(StoreError::invalid("reason", "Give a reason for the hold (--reason), or --release it").into()),
    };
    store.set_statement_hold(patient.id.unwrap_or(0), reason)?;
    if json {
        output::json(&Hold { account: patient.account_number.clone(), statement_hold_reason: reason.to_string() });
    } else if reason.is_empty() {
        outln!("Statements released for {}", patient.account_number);
    } else {
        outln!("Statements on hold for {}: {reason}", patient.account_number);
    }
    Ok(())
}
