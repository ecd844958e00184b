//! A practice with 10,000 claims: scrubbing them all, and printing 1,000 to one PDF.
//!
//! Run: `cargo bench -p claimdesk-jobs --bench claims`. Sizes from the environment:
//! BENCH_CLAIMS (default 10000), BENCH_PATIENTS (default 3000), BENCH_PRINT (default 1000).
//! Target: 1,000 claims to PDF in under 3 s (release).

mod common;

use claimdesk_core::claims::{ClaimData, ClaimStatus};
use claimdesk_core::icd10::CodeSet;
use claimdesk_core::scrubber::{self, Context};
use claimdesk_demo::{create_demo_with, DemoActivity, DemoOptions, Specialty};
use claimdesk_jobs::{print_claims, FormKind, PrintRequest};
use claimdesk_store::Actor;
use claimdesk_store::{ClaimQueue, Source, Store};
use common::env_size;
use std::time::Instant;

fn seconds(start: Instant) -> f64 {
    start.elapsed().as_secs_f64()
}

fn main() {
    let wanted = env_size("BENCH_CLAIMS", 10_000);
    let patients = env_size("BENCH_PATIENTS", 3_000);
    let to_print = env_size("BENCH_PRINT", 1_000);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("bench.claimdesk");

    // About 1 visit in 15 stays unbilled; secondaries and a correction add a few claims.
    let visits = wanted * 15 / 14 + 15;
    let today = chrono::Local::now().date_naive();
    let options = DemoOptions { specialty: Specialty::Physician, patients, seed: 2026, today };
    let start = Instant::now();
    let (mut store, summary) =
        create_demo_with(&path, &options, &DemoActivity { visits }).expect("the demo practice is generated");
    println!(
        "practice: {} patients, {} visits, {} claims generated in {:.2} s (each built, scrubbed and moved along)",
        summary.patients,
        summary.visits,
        summary.claims,
        seconds(start)
    );
    let mut ids: Vec<i64> = store.list_claims(&ClaimQueue::All).unwrap().into_iter().map(|c| c.id).collect();
    ids.truncate(wanted);
    let n = ids.len();

    scrub_benchmarks(&mut store, &ids);
    print_benchmarks(&mut store, &ids, to_print, dir.path());
    println!("file size: {:.1} MiB", std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) as f64 / 1048576.0);
    println!("({n} claims)");
}

fn scrub_benchmarks(store: &mut Store, ids: &[i64]) {
    let n = ids.len() as f64;
    // What the app's "scrub" button does: one transaction per claim.
    let start = Instant::now();
    let mut errors = 0;
    for &id in ids {
        let result = store.scrub_claim(id, &Actor::user("tester", Source::App)).expect("scrubs");
        errors += usize::from(result.findings.iter().any(|f| f.severity == scrubber::Severity::Error));
    }
    let each_tx = seconds(start);
    println!(
        "store.scrub_claim x {}: {each_tx:.2} s ({:.0} µs/claim), {errors} with errors",
        ids.len(),
        each_tx * 1e6 / n
    );

    // The same in one transaction (what a "scrub all drafts" batch can do).
    let start = Instant::now();
    store
        .with_tx(|tx| {
            for &id in ids {
                tx.scrub_claim(id, Source::App)?;
            }
            Ok(())
        })
        .expect("scrubs");
    let one_tx = seconds(start);
    println!("tx.scrub_claim x {} in one transaction: {one_tx:.2} s ({:.0} µs/claim)", ids.len(), one_tx * 1e6 / n);

    // Where the time goes: gathering ClaimData from the file, then the rules alone.
    let start = Instant::now();
    let data: Vec<ClaimData> = ids.iter().map(|&id| store.claim_data(id).expect("claim data")).collect();
    let load = seconds(start);
    println!("store.claim_data x {}: {load:.2} s ({:.0} µs/claim)", ids.len(), load * 1e6 / n);
    let ctx = Context { today: store.today(), codes: CodeSet::bundled(), timely_filing_warning_days: 14 };
    let start = Instant::now();
    let mut findings = 0;
    for claim in &data {
        findings += scrubber::scrub(claim, &ctx, &[]).len();
    }
    let pure = seconds(start);
    println!(
        "scrubber::scrub (rules only) x {}: {pure:.3} s ({:.1} µs/claim), {findings} findings",
        ids.len(),
        pure * 1e6 / n
    );
}

fn print_benchmarks(store: &mut Store, ids: &[i64], count: usize, dir: &std::path::Path) {
    // Reprints (nothing recorded) of the first printable claims (no scrubber errors: a
    // pointer to no diagnosis cannot be printed), both forms.
    let clean: std::collections::HashSet<i64> = store
        .list_claims(&ClaimQueue::All)
        .unwrap()
        .into_iter()
        .filter(|c| c.scrub_errors == Some(0))
        .map(|c| c.id)
        .collect();
    let batch: Vec<i64> = ids.iter().copied().filter(|id| clean.contains(id)).take(count).collect();
    let lines: usize = batch.iter().map(|&id| store.claim_data(id).map(|c| c.visit.lines.len()).unwrap_or(0)).sum();
    println!("printing {} claims ({lines} service lines)", batch.len());
    for (form, name) in [(FormKind::Red, "red.pdf"), (FormKind::Full, "full.pdf")] {
        let out = dir.join(name);
        let request = PrintRequest {
            claim_ids: batch.clone(),
            form,
            out_path: out.display().to_string(),
            mark_submitted: false,
            printer: None,
        };
        let start = Instant::now();
        let report =
            print_claims(store, &request, &Actor::user("tester", Source::App), &mut |_, _| {}).expect("prints");
        let s = seconds(start);
        println!(
            "print_claims {form:?} (reprint): {} claims, {} pages in {s:.2} s, {:.1} KiB ({:.1} KiB/claim)",
            report.claims,
            report.pages,
            report.bytes as f64 / 1024.0,
            report.bytes as f64 / 1024.0 / report.claims.max(1) as f64
        );
    }
    // A real batch: ready claims, written and then marked submitted in one transaction.
    let ready: Vec<i64> = store
        .list_claims(&ClaimQueue::Status { status: ClaimStatus::Ready })
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .take(count)
        .collect();
    let out = dir.join("batch.pdf");
    let request = PrintRequest {
        claim_ids: ready.clone(),
        form: FormKind::Red,
        out_path: out.display().to_string(),
        mark_submitted: true,
        printer: None,
    };
    let start = Instant::now();
    let report =
        print_claims(store, &request, &Actor::user("tester", Source::App), &mut |_, _| {}).expect("prints and marks");
    println!(
        "print_claims Red (send, {} ready claims marked submitted): {:.2} s, {:.1} KiB",
        ready.len(),
        seconds(start),
        report.bytes as f64 / 1024.0
    );
}
