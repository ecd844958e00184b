//! 835 import at scale: a practice with 10,000 submitted claims, an 835 paying all of them
//! (written with `write_835` by the demo's sample generator: contracted allowed amounts,
//! CO 45, deductible / coinsurance / copay, a denial, bundled lines, one unknown claim), then
//! `import_835`: parse + match + post in one transaction.
//!
//! The same import is then made again on a copy of the practice through the one door, logged
//! in as the biller (the audit trail records it), side by side with the store's own import
//! (no action, no audit entry); and the patient search p95 both ways.
//!
//! Run: `cargo bench -p claimdesk-jobs --bench remittance`. BENCH_CLAIMS (default 10000),
//! BENCH_PATIENTS (default 2000); BENCH_PRIMARY_ONLY=1 bills only patients without a second
//! policy (so posting builds no secondary claims). Target: the import in under 1.5 s (release).

mod common;

use chrono::{NaiveDate, TimeDelta};
use claimdesk_core::claims::ClaimStatus;
use claimdesk_core::visits::{Conditions, ServiceLine, Visit};
use claimdesk_core::Action;
use claimdesk_core::{Money, PayerKind};
use claimdesk_demo::{create_demo_with, sample_835_for, DemoActivity, DemoOptions, Specialty};
use claimdesk_jobs::door::Door;
use claimdesk_jobs::{import_835, read_835};
use claimdesk_store::Actor;
use claimdesk_store::{SearchOptions, Source, Store};
use common::{env_size, weekday};
use std::time::Instant;

/// `wanted` visits of two lines for insured patients, billed, scrubbed and submitted.
fn submitted_claims(store: &mut Store, wanted: usize, today: NaiveDate) -> Vec<i64> {
    let rendering: Vec<i64> =
        store.list_providers().unwrap().into_iter().filter(|p| p.is_rendering).filter_map(|p| p.id).collect();
    let payers = store.list_payers().unwrap();
    let patients: Vec<(i64, NaiveDate)> = store
        .search_patients("", &SearchOptions { limit: 1_000_000, include_inactive: false })
        .unwrap()
        .into_iter()
        .filter_map(|s| {
            let p = store.get_patient(s.id).ok()?;
            let policy = p.policies.first()?;
            let payer = payers.iter().find(|y| y.id == Some(policy.payer_id))?;
            let skip_secondary = std::env::var_os("BENCH_PRIMARY_ONLY").is_some() && p.policies.len() > 1;
            if !p.active || skip_secondary || matches!(payer.kind, PayerKind::WorkersComp | PayerKind::Auto) {
                return None;
            }
            let from = policy.effective_from.unwrap_or(today - TimeDelta::days(365));
            let to = policy.effective_to.unwrap_or(today);
            let day = weekday((today - TimeDelta::days(20)).min(to));
            (day >= from && day <= today).then_some((s.id, day))
        })
        .collect();
    assert!(!patients.is_empty(), "insured patients");
    store
        .with_tx(|tx| {
            let fee = |code: &str, day| tx.fee_for(None, code, "", day).map(|f| f.expect("a standard fee").amount);
            let mut ready = Vec::with_capacity(wanted);
            let mut i = 0;
            while ready.len() < wanted {
                let (patient_id, day) = patients[i % patients.len()];
                let day = weekday(day - TimeDelta::days((i / patients.len()) as i64 % 30));
                i += 1;
                let line = |code: &str, pointers: Vec<u8>| -> claimdesk_store::Result<ServiceLine> {
                    Ok(ServiceLine {
                        id: None,
                        service_from: Some(day),
                        service_to: None,
                        code: code.into(),
                        modifiers: vec![],
                        pointers,
                        units: 1,
                        charge: fee(code, day)?,
                        charge_override_reason: String::new(),
                        supplemental: String::new(),
                        emergency: false,
                    })
                };
                let visit = Visit {
                    id: None,
                    patient_id,
                    service_date: Some(day),
                    rendering_provider_id: rendering[i % rendering.len()],
                    referring_provider_id: None,
                    facility_id: None,
                    place_of_service: "11".into(),
                    diagnoses: vec!["I10".into(), "E78.5".into()],
                    lines: vec![line("99213", vec![1, 2])?, line("36415", vec![2])?],
                    conditions: Conditions::default(),
                    onset_date: None,
                    initial_treatment_date: None,
                    last_xray_date: None,
                    prior_authorization: String::new(),
                    additional_info: String::new(),
                    abn_on_file: false,
                    episode_id: None,
                    injury_case_id: None,
                    epsdt: None,
                };
                let saved = tx.save_visit(&visit)?;
                let claim = tx.create_claim(saved.id.unwrap(), 1, Source::Cli)?;
                if tx.scrub_claim(claim, Source::Cli)?.status == ClaimStatus::Ready {
                    ready.push(claim);
                }
                assert!(i < wanted * 3, "most claims scrub clean");
            }
            for (k, batch) in ready.chunks(1000).enumerate() {
                tx.mark_submitted(batch, "electronic", &format!("bench-{k}.837"), Source::Cli)?;
            }
            Ok(ready)
        })
        .unwrap()
}

fn main() {
    let wanted = env_size("BENCH_CLAIMS", 10_000);
    let patients = env_size("BENCH_PATIENTS", 2_000);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("bench.claimdesk");
    let today = chrono::Local::now().date_naive();
    let options = DemoOptions { specialty: Specialty::Physician, patients, seed: 835, today };
    let start = Instant::now();
    let (mut store, _) = create_demo_with(&path, &options, &DemoActivity { visits: 0 }).expect("demo practice");
    let ids = submitted_claims(&mut store, wanted, today);
    println!("practice: {patients} patients, {} submitted claims in {:.2} s", ids.len(), start.elapsed().as_secs_f64());
    // A copy of the practice as it is now, for the same import through the door (the audit trail).
    drop(store);
    let audited_path = dir.path().join("audited.claimdesk");
    std::fs::copy(&path, &audited_path).expect("a copy of the practice");
    // And one encrypted (SQLCipher), for the same import on an encrypted file.
    let encrypted_path = dir.path().join("encrypted.claimdesk");
    std::fs::copy(&path, &encrypted_path).expect("a copy of the practice");
    let (_, key) = claimdesk_store::encrypt_practice(&encrypted_path, &[("admin", "demo-office-2026")], true)
        .expect("the copy encrypted");
    let mut store = Store::open(&path).expect("the practice");

    let start = Instant::now();
    let text = sample_835_for(&store, &ids).expect("an 835 paying every claim");
    println!(
        "write_835 (sample generator, {} claims + 1 unknown): {:.3} s, {:.1} MiB",
        ids.len(),
        start.elapsed().as_secs_f64(),
        text.len() as f64 / 1048576.0
    );

    let start = Instant::now();
    let inputs = read_835(&text, "bench.835").expect("parse");
    let parse = start.elapsed().as_secs_f64();
    let claims: usize = inputs.iter().map(|r| r.claims.len()).sum();
    println!("parse (read_835: X12 + conversion): {parse:.3} s for {} payments, {claims} claim payments", inputs.len());

    let start = Instant::now();
    let preview =
        import_835(&mut store, &text, "bench.835", true, &Actor::user("tester", Source::Cli)).expect("preview");
    println!("import_835 preview (parse + match + post, rolled back): {:.3} s", start.elapsed().as_secs_f64());

    let start = Instant::now();
    let reports =
        import_835(&mut store, &text, "bench.835", false, &Actor::user("tester", Source::Cli)).expect("import");
    let total = start.elapsed().as_secs_f64();
    let posted: usize = reports.iter().map(|r| r.claims.len()).sum();
    let secondaries = reports.iter().flat_map(|r| &r.claims).filter(|c| c.secondary_claim.is_some()).count();
    let exceptions: usize = reports.iter().map(|r| r.exceptions.len()).sum();
    let paid: Money = reports.iter().map(|r| r.total_paid).sum();
    assert_eq!(posted, ids.len(), "every claim posts");
    assert_eq!(exceptions, 1, "only the unknown claim is an exception");
    assert_eq!(preview.len(), reports.len());
    println!(
        "import_835 (parse + match + post, one transaction): {total:.3} s [parse {parse:.3} s, match + post {:.3} s] \
         — {posted} claims posted ({secondaries} secondary claims built and scrubbed), {exceptions} exception, \
         {paid} paid; target < 1.5 s: {}",
        total - parse,
        if total < 1.5 { "met" } else { "MISSED" }
    );
    audit_cost(&audited_path, &text, total, &store);

    let mut encrypted = Store::open_encrypted(&encrypted_path, &key).expect("the encrypted copy");
    let start = Instant::now();
    import_835(&mut encrypted, &text, "bench.835", false, &Actor::user("tester", Source::Cli)).expect("import");
    let sealed = start.elapsed().as_secs_f64();
    println!(
        "encryption cost, 835 import of {} claims: {total:.3} s unencrypted, {sealed:.3} s encrypted ({:+.0}%)",
        ids.len(),
        (sealed / total.max(1e-9) - 1.0) * 100.0
    );
}

/// The cost of the audit trail: the same 835 imported through the one door as the biller (one
/// audit entry, written in the posting's transaction), and the patient search's p95 through
/// the door and straight from the store.
fn audit_cost(path: &std::path::Path, text: &str, without: f64, store: &Store) {
    let mut door = Door::open(path).expect("the copy");
    door.log_in("biller", "demo-billing-2026", Source::App).expect("the demo biller logs in");
    let start = Instant::now();
    let before = Store::open(path).unwrap().audit_count().unwrap();
    door.act(Action::EraPost, |s, actor| import_835(s, text, "bench.835", false, actor)).expect("import");
    let with = start.elapsed().as_secs_f64();
    let entries = Store::open(path).unwrap().audit_count().unwrap() - before;
    println!(
        "audit trail, 835 import: {without:.3} s without, {with:.3} s through the door with it ({entries} entry); target < 2.0 s: {}",
        if with < 2.0 { "met" } else { "MISSED" }
    );
    let queries = ["smi", "joh", "gar", "1004", "05/17", "lee", "mar", "ann", "wil", "bro"];
    let p95 = |times: &mut Vec<f64>| {
        times.sort_by(f64::total_cmp);
        times[times.len() * 95 / 100]
    };
    let (mut plain, mut audited) = (Vec::new(), Vec::new());
    for round in 0..20 {
        for q in queries {
            let t = Instant::now();
            store.search_patients(q, &SearchOptions::default()).unwrap();
            plain.push(t.elapsed().as_secs_f64() * 1000.0);
            let t = Instant::now();
            door.act(Action::PatientsSearch, |s, _| s.search_patients(q, &SearchOptions::default())).unwrap();
            audited.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        let _ = round;
    }
    let (plain, audited) = (p95(&mut plain), p95(&mut audited));
    println!(
        "audit trail, patient search p95: {plain:.3} ms straight from the store, {audited:.3} ms through the door; target < 2 ms: {}",
        if audited < 2.0 { "met" } else { "MISSED" }
    );
}
