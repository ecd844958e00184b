//! Patient search on a practice of realistic size: how long the front desk waits between
//! typing and seeing the list.
//!
//! Generates a 50,000-patient demo practice in a temporary file (set
//! `CLAIMDESK_BENCH_PATIENTS` for another size), then times about 2,000 searches of the
//! kinds billers type through `Store::search_patients` with the default options, and prints
//! p50/p95/p99/max per kind and overall. Figures only: nothing here fails on a slow run.
//!
//! Run with `cargo bench -p claimdesk-demo --bench patient_search`.

use claimdesk_core::validation::us_date;
use claimdesk_core::Patient;
use claimdesk_demo::{create_demo, DemoOptions, Specialty};
use claimdesk_store::{SearchOptions, Store};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::time::{Duration, Instant};

const SEARCHES_PER_KIND: usize = 290;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    LastNamePrefix,
    LastFirst,
    Account,
    BirthDate,
    PhoneLast4,
    MemberId,
    FullPhone,
}

const KINDS: [Kind; 7] = [
    Kind::LastNamePrefix,
    Kind::LastFirst,
    Kind::Account,
    Kind::BirthDate,
    Kind::PhoneLast4,
    Kind::MemberId,
    Kind::FullPhone,
];

impl Kind {
    fn label(self) -> &'static str {
        match self {
            Kind::LastNamePrefix => "last name prefix (2-4)",
            Kind::LastFirst => "last first",
            Kind::Account => "account number",
            Kind::BirthDate => "birth date MM/DD/YYYY",
            Kind::PhoneLast4 => "phone last 4",
            Kind::MemberId => "member ID",
            Kind::FullPhone => "full phone",
        }
    }

    /// What someone looking for `p` would type, if `p` has the data this kind searches by.
    fn query(self, p: &Patient, rng: &mut ChaCha8Rng) -> Option<String> {
        let last: String = p.last_name.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase();
        let phone = [&p.home_phone, &p.cell_phone].into_iter().find(|ph| ph.len() == 10);
        match self {
            Kind::LastNamePrefix => Some(last.chars().take(rng.gen_range(2..=4)).collect()),
            Kind::LastFirst => {
                let first: String = p.first_name.chars().take(rng.gen_range(1..=3)).collect();
                Some(format!("{} {first}", p.last_name))
            }
            Kind::Account => Some(p.account_number.clone()),
            Kind::BirthDate => p.birth_date.map(us_date),
            Kind::PhoneLast4 => phone.map(|ph| ph[6..].to_string()),
            Kind::MemberId => p.policies.first().map(|pol| pol.member_id.clone()),
            Kind::FullPhone => phone.map(|ph| format!("({}) {}-{}", &ph[..3], &ph[3..6], &ph[6..])),
        }
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The value below which `p` of the sorted samples fall (nearest rank).
fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn report(label: &str, samples: &mut [Duration], results: usize) {
    samples.sort();
    println!(
        "{label:<24} {:>6} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>10.1}",
        samples.len(),
        ms(percentile(samples, 0.50)),
        ms(percentile(samples, 0.95)),
        ms(percentile(samples, 0.99)),
        ms(*samples.last().unwrap_or(&Duration::ZERO)),
        results as f64 / samples.len().max(1) as f64,
    );
}

fn main() {
    let patients: usize =
        std::env::var("CLAIMDESK_BENCH_PATIENTS").ok().and_then(|v| v.trim().parse().ok()).unwrap_or(50_000);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("bench.claimdesk");
    let options = DemoOptions { specialty: Specialty::Physician, patients, seed: 2026, ..DemoOptions::default() };

    let started = Instant::now();
    let (store, summary) = create_demo(&path, &options).expect("demo practice");
    let generation = started.elapsed();
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!(
        "generated {} patients ({} policies, {} fee entries) in {:.2} s; file {:.1} MB",
        summary.patients,
        summary.policies,
        summary.fees,
        generation.as_secs_f64(),
        size as f64 / 1e6
    );
    drop(store);

    // Reopen as the app would, so nothing from generation is still cached in the connection.
    let store = Store::open(&path).expect("reopen");
    let count = store.count_patients().expect("count") as i64;
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let mut queries: Vec<(Kind, String)> = Vec::new();
    for kind in KINDS {
        let mut made = 0;
        while made < SEARCHES_PER_KIND {
            let patient = store.get_patient(rng.gen_range(1..=count)).expect("patient");
            if let Some(q) = kind.query(&patient, &mut rng) {
                queries.push((kind, q));
                made += 1;
            }
        }
    }
    // Interleave the kinds, as a front desk would.
    for i in (1..queries.len()).rev() {
        queries.swap(i, rng.gen_range(0..=i));
    }

    let plain = measure(&store, &queries, "unencrypted");
    drop(store);

    // The same searches on the same practice encrypted (SQLCipher), side by side.
    let encrypted_path = dir.path().join("bench-encrypted.claimdesk");
    std::fs::copy(&path, &encrypted_path).expect("a copy");
    let (_, key) =
        claimdesk_store::encrypt_practice(&encrypted_path, &[("admin", "demo-office-2026")], true).expect("encrypt");
    let store = Store::open_encrypted(&encrypted_path, &key).expect("reopen encrypted");
    let encrypted = measure(&store, &queries, "encrypted");
    println!(
        "\nencryption cost, patient search p95 on {count} patients: {:.3} ms unencrypted, {:.3} ms encrypted ({:+.0}%)",
        ms(plain),
        ms(encrypted),
        (ms(encrypted) / ms(plain).max(1e-9) - 1.0) * 100.0
    );
}

/// Runs every search (after a warm-up) and prints the table; returns the overall p95.
fn measure(store: &Store, queries: &[(Kind, String)], label: &str) -> Duration {
    let options = SearchOptions::default();
    for (_, q) in queries.iter().take(100) {
        store.search_patients(q, &options).expect("warm-up search");
    }
    let mut by_kind: Vec<(Vec<Duration>, usize)> = KINDS.iter().map(|_| (Vec::new(), 0)).collect();
    let mut overall = Vec::new();
    let mut overall_results = 0;
    for (kind, q) in queries {
        let t = Instant::now();
        let found = store.search_patients(q, &options).expect("search");
        let took = t.elapsed();
        let slot = KINDS.iter().position(|k| k == kind).unwrap_or(0);
        by_kind[slot].0.push(took);
        by_kind[slot].1 += found.len();
        overall.push(took);
        overall_results += found.len();
    }

    println!(
        "\n{label}\n{:<24} {:>6} {:>8} {:>8} {:>8} {:>8} {:>10}",
        "kind", "n", "p50 ms", "p95 ms", "p99 ms", "max ms", "avg rows"
    );
    for (kind, (samples, results)) in KINDS.iter().zip(by_kind.iter_mut()) {
        report(kind.label(), samples, *results);
    }
    report("overall", &mut overall, overall_results);
    overall.sort();
    percentile(&overall, 0.95)
}
