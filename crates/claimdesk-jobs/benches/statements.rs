//! A patient statement run at scale: a big demo practice (visits, claims, posted remittances,
//! so thousands of guarantors owe money), then `run_statements` for every guarantor with a
//! patient balance: gather (store), render (forms), write, record.
//!
//! Run: `cargo bench -p claimdesk-jobs --bench statements`. BENCH_PATIENTS (default 24000),
//! BENCH_VISITS (default 60000); BENCH_DB=path keeps the generated practice file there and
//! reuses it on the next run (copied, so every run starts from the same file).
//! Target: 10,000 statements in under 20 s (release).

mod common;

use claimdesk_core::Money;
use claimdesk_demo::{create_demo_with, DemoActivity, DemoOptions, Specialty};
use claimdesk_jobs::{run_statements, StatementRunRequest};
use claimdesk_store::Actor;
use claimdesk_store::{Source, Store};
use common::env_size;
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let today = chrono::Local::now().date_naive();
    let patients = env_size("BENCH_PATIENTS", 24_000);
    let visits = env_size("BENCH_VISITS", 60_000);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("big.claimdesk");
    let kept = std::env::var_os("BENCH_DB").map(PathBuf::from);
    let start = Instant::now();
    match &kept {
        Some(path) if path.exists() => {
            std::fs::copy(path, &db).unwrap();
            println!("practice file copied from {}", path.display());
        }
        _ => {
            let options = DemoOptions { specialty: Specialty::Physician, patients, seed: 1, today };
            let (store, summary) = create_demo_with(&db, &options, &DemoActivity { visits }).unwrap();
            drop(store);
            println!(
                "demo: {} patients, {} visits, {} claims generated in {:.1} s",
                summary.patients,
                summary.visits,
                summary.claims,
                start.elapsed().as_secs_f64()
            );
            if let Some(path) = &kept {
                std::fs::copy(&db, path).unwrap();
            }
        }
    }
    // The same practice encrypted (SQLCipher): the same run on both, side by side.
    let encrypted = dir.path().join("big-encrypted.claimdesk");
    std::fs::copy(&db, &encrypted).unwrap();
    let (_, key) = claimdesk_store::encrypt_practice(&encrypted, &[("admin", "demo-office-2026")], true).unwrap();
    let plain = run(Store::open(&db).unwrap(), today, &dir.path().join("statements.pdf"), "unencrypted");
    let sealed = run(
        Store::open_encrypted(&encrypted, &key).unwrap(),
        today,
        &dir.path().join("statements-enc.pdf"),
        "encrypted",
    );
    println!(
        "encryption cost, statement run: {plain:.2} s unencrypted, {sealed:.2} s encrypted ({:+.0}%)",
        (sealed / plain.max(1e-9) - 1.0) * 100.0
    );
}

/// One statement run on `store`; prints its figures and returns its total seconds.
fn run(mut store: Store, today: chrono::NaiveDate, out: &std::path::Path, label: &str) -> f64 {
    println!("\n{label}:");
    store.set_today(today);
    let mut request = StatementRunRequest::new(today, out.display().to_string());
    request.filter.min_balance = Money::from_cents(1);

    let start = Instant::now();
    let candidates = store.statement_candidates(&request.filter).unwrap().len();
    let pick = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let report = run_statements(&mut store, &request, &Actor::user("tester", Source::Cli), &mut |_, _| {}).unwrap();
    let total = start.elapsed().as_secs_f64();
    let t = report.timings;
    println!("{} guarantors with a balance (candidates listed in {pick:.3} s)", candidates);
    println!(
        "{} statements, {} pages, {} due: total {total:.2} s = gather {:.2} s + render {:.2} s + write {:.2} s + record {:.2} s",
        report.statements.len(),
        report.pages,
        report.total_due,
        t.gather.as_secs_f64(),
        t.render.as_secs_f64(),
        t.write.as_secs_f64(),
        t.record.as_secs_f64()
    );
    println!(
        "PDF: {} bytes ({:.1} MiB, {:.2} KiB per statement)",
        report.bytes,
        report.bytes as f64 / 1024.0 / 1024.0,
        report.bytes as f64 / 1024.0 / report.statements.len().max(1) as f64
    );
    if report.statements.len() >= 10_000 {
        println!("target (10,000 statements < 20 s): {}", if total < 20.0 { "met" } else { "MISSED" });
    } else {
        println!("fewer than 10,000 statements: raise BENCH_PATIENTS / BENCH_VISITS");
    }
    total
}
