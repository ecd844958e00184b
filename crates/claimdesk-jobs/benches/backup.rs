//! A backup of a big practice: the 500,000-line practice of the AR aging benchmark
//! (`claimdesk_demo::bulk`), encrypted, backed up and verified (snapshot, integrity check,
//! audit chain, rows per table, SHA-256), then a restore drill. Unencrypted and encrypted
//! side by side.
//!
//! Run: `cargo bench -p claimdesk-jobs --bench backup`. BENCH_LINES (default 500000),
//! BENCH_PATIENTS (default 40000); BENCH_DB=path reuses the (unencrypted) practice the aging
//! benchmark kept there.

mod common;

use claimdesk_demo::bulk::{create_bulk_practice, BulkOptions};
use claimdesk_jobs::backups::{drill, take_backup};
use claimdesk_store::Store;
use common::env_size;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() {
    let today = chrono::Local::now().date_naive();
    let lines = env_size("BENCH_LINES", 500_000);
    let patients = env_size("BENCH_PATIENTS", 40_000);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("big.claimdesk");
    match std::env::var_os("BENCH_DB").map(PathBuf::from) {
        Some(path) if path.exists() => {
            std::fs::copy(&path, &db).unwrap();
            println!("practice file copied from {}", path.display());
        }
        _ => {
            let start = Instant::now();
            let options = BulkOptions { patients, service_lines: lines, days: 730, seed: 1, today };
            let (store, summary) = create_bulk_practice(&db, &options).unwrap();
            drop(store);
            println!(
                "practice: {} patients, {} service lines, {} ledger entries, generated in {:.1} s",
                summary.patients,
                summary.service_lines,
                summary.ledger_entries,
                start.elapsed().as_secs_f64()
            );
        }
    }
    let encrypted = dir.path().join("big-encrypted.claimdesk");
    std::fs::copy(&db, &encrypted).unwrap();
    let start = Instant::now();
    let (_, key) = claimdesk_store::encrypt_practice(&encrypted, &[("admin", "demo-office-2026")], true).unwrap();
    println!("encrypting the file in place (copy, verify, swap): {:.1} s", start.elapsed().as_secs_f64());

    back_up(Store::open(&db).unwrap(), &dir.path().join("usb-plain"), "unencrypted");
    back_up(Store::open_encrypted(&encrypted, &key).unwrap(), &dir.path().join("usb-encrypted"), "encrypted");
}

fn back_up(mut store: Store, folder: &Path, label: &str) {
    std::fs::create_dir_all(folder).unwrap();
    let live = std::fs::metadata(store.path().unwrap()).unwrap().len();
    let start = Instant::now();
    let report = take_backup(&mut store, folder, chrono::Utc::now(), &mut |_, _| {}).unwrap();
    let took = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let drilled = drill(&store, Path::new(&report.path)).unwrap();
    println!(
        "{label}: backup + verification {took:.1} s, {:.1} MB (practice file {:.1} MB); restore drill {:.1} s, ok: {}",
        report.size_bytes as f64 / 1e6,
        live as f64 / 1e6,
        start.elapsed().as_secs_f64(),
        drilled.ok
    );
}
