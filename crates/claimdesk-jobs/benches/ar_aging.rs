//! AR aging over a big practice: about 500,000 service lines over two years (charges, insurance
//! payments, contractual write-offs, patient responsibility, secondary payments, denials,
//! patient payments, returned checks), written in bulk by `claimdesk_demo::bulk`.
//!
//! Run: `cargo bench -p claimdesk-jobs --bench ar_aging`. BENCH_LINES (default 500000),
//! BENCH_PATIENTS (default 40000), BENCH_RUNS (default 9); BENCH_DB=path keeps the generated
//! practice file there and reuses it next time (copied, so every run starts from the same file).
//! Prints the p50 (and min/max) of AR aging by payer and by guarantor, as of today and as of
//! 90 days ago. Target: < 300 ms.

mod common;

use claimdesk_demo::bulk::{create_bulk_practice, BulkOptions};
use claimdesk_store::{AgingBy, AgingFilter, Store};
use common::env_size;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn main() {
    let today = chrono::Local::now().date_naive();
    let lines = env_size("BENCH_LINES", 500_000);
    let patients = env_size("BENCH_PATIENTS", 40_000);
    let runs = env_size("BENCH_RUNS", 9).max(1);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("aging.claimdesk");
    let kept = std::env::var_os("BENCH_DB").map(PathBuf::from);
    let start = Instant::now();
    match &kept {
        Some(path) if path.exists() => {
            std::fs::copy(path, &db).unwrap();
            println!("practice file copied from {}", path.display());
        }
        _ => {
            let options = BulkOptions { patients, service_lines: lines, days: 730, seed: 1, today };
            let (store, summary) = create_bulk_practice(&db, &options).unwrap();
            drop(store);
            println!(
                "practice: {} patients, {} visits, {} service lines, {} ledger entries, generated in {:.1} s",
                summary.patients,
                summary.visits,
                summary.service_lines,
                summary.ledger_entries,
                start.elapsed().as_secs_f64()
            );
            if let Some(path) = &kept {
                std::fs::copy(&db, path).unwrap();
            }
        }
    }
    let mut store = Store::open(&db).unwrap();
    store.set_today(today);
    let mut all_met = true;
    for (label, as_of) in [("today", today), ("90 days ago", today - chrono::TimeDelta::days(90))] {
        for by in [AgingBy::Payer, AgingBy::Guarantor] {
            let filter = AgingFilter { as_of, by };
            let mut times: Vec<Duration> = Vec::with_capacity(runs);
            let mut report = None;
            for _ in 0..runs {
                let start = Instant::now();
                report = Some(store.report_aging(&filter).unwrap());
                times.push(start.elapsed());
            }
            times.sort();
            let report = report.unwrap();
            let p50 = times[times.len() / 2];
            let ms = |d: Duration| d.as_secs_f64() * 1000.0;
            all_met &= ms(p50) < 300.0;
            println!(
                "AR aging by {by:?} as of {label} ({as_of}): p50 {:.1} ms (min {:.1}, max {:.1}, {runs} runs); {} rows, total {}",
                ms(p50),
                ms(times[0]),
                ms(times[times.len() - 1]),
                report.rows.len(),
                report.total
            );
        }
    }
    println!("target (AR aging < 300 ms p50): {}", if all_met { "met" } else { "MISSED" });
}
