//! `demo`: a new practice file with a synthetic practice.

use crate::cli::{Cli, DemoArgs, SpecialtyArg};
use crate::failure::Failure;
use crate::output;
use claimdesk_demo::bulk::{create_bulk_practice, BulkOptions};
use claimdesk_demo::users::DEMO_USERS;
use claimdesk_demo::{create_demo_full, create_demo_with, DemoActivity, DemoOptions, Specialty};
use claimdesk_store::{ClaimQuery, ClaimQueue};
use serde::Serialize;
use std::path::Path;

#[derive(Serialize)]
struct DemoCreated {
    file: String,
    practice: String,
    specialty: &'static str,
    seed: u64,
    providers: usize,
    facilities: usize,
    payers: usize,
    patients: usize,
    policies: usize,
    fees: usize,
    visits: usize,
    claims: usize,
    unbilled: usize,
    patient_payments: usize,
    deposits: usize,
    statement_runs: usize,
    payment_plans: usize,
    sent_to_collections: usize,
    /// A sample 835 paying the claims still waiting, to try `era import` on (none when no claim waits).
    sample_835: Option<String>,
    /// The demo's users, one per role, with their (invented) passwords.
    logins: Vec<DemoLogin>,
}

pub fn create(cli: &Cli, db: &Path, args: &DemoArgs, json: bool) -> Result<(), Failure> {
    // Held from before the file exists until it is whole and encrypted, so no other program
    // opens it half made. An existing file is refused below as before, nothing made beside it.
    let _held = if db.exists() { None } else { crate::holder::hold(cli, db)? };
    let specialty = match args.specialty {
        SpecialtyArg::Physician => Specialty::Physician,
        SpecialtyArg::Chiro => Specialty::Chiro,
    };
    let options = DemoOptions { specialty, patients: args.patients, seed: args.seed, ..DemoOptions::default() };
    if let Some(lines) = args.history_lines {
        return bulk(db, args, lines, json);
    }
    let activity = DemoActivity { visits: args.visits };
    let (store, summary) = if args.no_accounts {
        create_demo_with(db, &options, &activity)?
    } else {
        create_demo_full(db, &options, &activity)?
    };
    let sample = claimdesk_demo::write_sample_835(&store, db)?.map(|p| p.display().to_string());
    let practice = store.practice()?.name;
    drop(store);
    encrypt(db, args)?;
    let created = DemoCreated {
        file: db.display().to_string(),
        practice,
        specialty: specialty.as_str(),
        seed: args.seed,
        providers: summary.providers,
        facilities: summary.facilities,
        payers: summary.payers,
        patients: summary.patients,
        policies: summary.policies,
        fees: summary.fees,
        visits: summary.visits,
        claims: summary.claims,
        unbilled: summary.unbilled,
        patient_payments: summary.accounts.patient_payments,
        deposits: summary.accounts.deposits,
        statement_runs: summary.accounts.statement_runs,
        payment_plans: summary.accounts.plans,
        sent_to_collections: summary.accounts.sent_to_collections,
        sample_835: sample,
        logins: demo_logins(),
    };
    if json {
        output::json(&created);
    } else {
        outln!("Created {} ({}, seed {})", created.file, created.practice, created.seed);
        outln!(
            "  {} providers, {} facilities, {} payers, {} fee schedule entries",
            created.providers,
            created.facilities,
            created.payers,
            created.fees
        );
        outln!("  {} patients with {} insurance policies", created.patients, created.policies);
        outln!("  {} visits, {} claims, {} visits not billed yet", created.visits, created.claims, created.unbilled);
        outln!(
            "  {} patient payments ({} bank deposits), {} past statement runs, {} payment plans, {} accounts sent to collections",
            created.patient_payments,
            created.deposits,
            created.statement_runs,
            created.payment_plans,
            created.sent_to_collections
        );
        if let Some(path) = &created.sample_835 {
            outln!("Sample 835 paying the claims still waiting: {path}");
            outln!("  try: claimdesk --db {} era import {path} --dry-run", created.file);
        }
        print_logins();
    }
    Ok(())
}

/// A demo file is encrypted like a real one, with every demo login wrapped; `--unencrypted`
/// leaves it plain (for benchmarks comparing the two; never for real data).
fn encrypt(db: &Path, args: &DemoArgs) -> Result<(), Failure> {
    if !args.unencrypted {
        claimdesk_demo::users::encrypt_demo_file(db)?;
    }
    Ok(())
}

/// The demo's logins, one per role (invented: the same in every demo file, never for real work).
#[derive(Serialize)]
struct DemoLogin {
    login: &'static str,
    role: &'static str,
    password: &'static str,
}

fn demo_logins() -> Vec<DemoLogin> {
    DEMO_USERS.iter().map(|&(login, _, role, password)| DemoLogin { login, role: role.as_str(), password }).collect()
}

fn print_logins() {
    outln!("Demo logins (invented; log in with --user LOGIN and CLAIMDESK_PASSWORD, or in the app):");
    for l in demo_logins() {
        outln!("  {:<10} {:<14} password {}", l.login, l.role, l.password);
    }
}

#[derive(Serialize)]
struct BulkCreated {
    file: String,
    practice: String,
    seed: u64,
    patients: usize,
    visits: usize,
    service_lines: usize,
    claims: usize,
    ledger_entries: usize,
    logins: Vec<DemoLogin>,
}

/// `demo --history-lines N`: the demo's setup and patients, then two years of history in bulk.
fn bulk(db: &Path, args: &DemoArgs, lines: usize, json: bool) -> Result<(), Failure> {
    let options = BulkOptions {
        patients: args.patients,
        service_lines: lines,
        days: 730,
        seed: args.seed,
        today: chrono::Local::now().date_naive(),
    };
    let (store, summary) = create_bulk_practice(db, &options)?;
    let practice = store.practice()?.name;
    let claims = store.claims_page(&ClaimQuery::queue(ClaimQueue::All))?.total as usize;
    drop(store);
    encrypt(db, args)?;
    let created = BulkCreated {
        file: db.display().to_string(),
        practice,
        seed: args.seed,
        patients: summary.patients,
        visits: summary.visits,
        service_lines: summary.service_lines,
        claims,
        ledger_entries: summary.ledger_entries,
        logins: demo_logins(),
    };
    if json {
        output::json(&created);
    } else {
        outln!("Created {} ({}, seed {})", created.file, created.practice, created.seed);
        outln!(
            "  {} patients, {} visits with {} service lines, {} claims, {} ledger entries (two years, written in bulk)",
            created.patients,
            created.visits,
            created.service_lines,
            created.claims,
            created.ledger_entries
        );
        print_logins();
    }
    Ok(())
}
