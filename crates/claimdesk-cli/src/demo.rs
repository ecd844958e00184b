//! `demo`: a new practice file with a synthetic practice.

use crate::cli::{DemoArgs, SpecialtyArg};
use crate::failure::Failure;
use crate::output;
use claimdesk_demo::{create_demo_full, create_demo_with, DemoActivity, DemoOptions, Specialty};
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
}

pub fn create(db: &Path, args: &DemoArgs, json: bool) -> Result<(), Failure> {
    let specialty = match args.specialty {
        SpecialtyArg::Physician => Specialty::Physician,
        SpecialtyArg::Chiro => Specialty::Chiro,
    };
    let options = DemoOptions { specialty, patients: args.patients, seed: args.seed, ..DemoOptions::default() };
    let activity = DemoActivity { visits: args.visits };
    let (store, summary) = if args.no_accounts {
        create_demo_with(db, &options, &activity)?
    } else {
        create_demo_full(db, &options, &activity)?
    };
    let sample = claimdesk_demo::write_sample_835(&store, db)?.map(|p| p.display().to_string());
    let created = DemoCreated {
        file: db.display().to_string(),
        practice: store.practice()?.name,
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
    }
    Ok(())
}
