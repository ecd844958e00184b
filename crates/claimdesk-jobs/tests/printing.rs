//! Printing batches of claims from a demo practice file: the PDF is written before anything
//! is recorded, and a refused batch records nothing.

use chrono::NaiveDate;
use claimdesk_core::claims::ClaimStatus;
use claimdesk_core::paper::FormRules;
use claimdesk_demo::{create_demo_with, DemoActivity, DemoOptions, Specialty};
use claimdesk_jobs::{print_calibration, print_claims, FormKind, JobError, PrintRequest};
use claimdesk_store::Actor;
use claimdesk_store::{ClaimQueue, ClaimSummary, Source, Store};
use std::path::Path;

fn demo(dir: &Path) -> Store {
    let today = chrono::Local::now().date_naive();
    let options = DemoOptions { specialty: Specialty::Physician, patients: 60, seed: 12, today };
    let (mut store, _) = create_demo_with(&dir.join("p.claimdesk"), &options, &DemoActivity { visits: 200 }).unwrap();
    store.set_today(today);
    store
}

/// Every claim's status and batch, to compare before and after.
fn statuses(store: &Store) -> Vec<(i64, ClaimStatus, Option<String>)> {
    store.list_claims(&ClaimQueue::All).unwrap().into_iter().map(|c| (c.id, c.status, c.submitted_at)).collect()
}

fn ready(store: &Store) -> Vec<ClaimSummary> {
    store.list_claims(&ClaimQueue::Ready).unwrap()
}

fn request(ids: Vec<i64>, out: &Path, send: bool) -> PrintRequest {
    PrintRequest {
        claim_ids: ids,
        form: FormKind::Red,
        out_path: out.display().to_string(),
        mark_submitted: send,
        printer: None,
    }
}

#[test]
fn a_batch_of_ready_claims_prints_and_is_submitted_as_one_batch() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo(dir.path());
    let batch: Vec<i64> = ready(&store).iter().take(5).map(|c| c.id).collect();
    assert_eq!(batch.len(), 5);
    let out = dir.path().join("batch.pdf");
    let mut seen = Vec::new();
    let report = print_claims(
        &mut store,
        &request(batch.clone(), &out, true),
        &Actor::user("tester", Source::Cli),
        &mut |d, t| seen.push((d, t)),
    )
    .unwrap();
    assert_eq!(report.claims, 5);
    assert!(report.pages >= 5);
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    assert_eq!(bytes.len(), report.bytes);
    assert_eq!(seen.last(), Some(&(5, 5)), "progress reaches the end");
    let batch_id = report.batch_id.expect("a batch was recorded");
    for id in &batch {
        let summary = store.claim_summary(*id).unwrap();
        assert_eq!(summary.status, ClaimStatus::Submitted);
        assert!(summary.submitted_at.is_some());
        let history = store.claim_history(*id).unwrap();
        let last = history.last().unwrap();
        assert_eq!(last.to_status, ClaimStatus::Submitted);
        assert!(last.note.contains(&format!("batch {batch_id} (paper)")), "{}", last.note);
        assert_eq!(last.source, "cli");
    }
    let temporary = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".tmp"))
        .count();
    assert_eq!(temporary, 0, "no temporary file is left");
}

#[test]
fn a_batch_with_one_claim_that_is_not_ready_is_refused_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo(dir.path());
    let mut batch: Vec<i64> = ready(&store).iter().take(3).map(|c| c.id).collect();
    let draft = store.list_claims(&ClaimQueue::ScrubberErrors).unwrap()[0].id;
    batch.insert(1, draft);
    let before = statuses(&store);
    let out = dir.path().join("refused.pdf");
    let err =
        print_claims(&mut store, &request(batch, &out, true), &Actor::user("tester", Source::Cli), &mut |_, _| {})
            .unwrap_err();
    assert!(matches!(err, JobError::Store(claimdesk_store::StoreError::Conflict(_))), "{err:?}");
    assert!(err.to_string().contains("not ready to send"), "{err}");
    assert!(!out.exists(), "no file");
    assert_eq!(statuses(&store), before, "no status changed");
}

#[test]
fn an_unwritable_output_path_fails_before_anything_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo(dir.path());
    let batch: Vec<i64> = ready(&store).iter().take(2).map(|c| c.id).collect();
    let before = statuses(&store);
    let out = dir.path().join("no-such-folder").join("batch.pdf");
    let err =
        print_claims(&mut store, &request(batch, &out, true), &Actor::user("tester", Source::Cli), &mut |_, _| {})
            .unwrap_err();
    assert!(matches!(err, JobError::Write { .. }), "{err:?}");
    assert_eq!(statuses(&store), before, "nothing marked submitted");
    assert!(!out.exists());

    let err = print_calibration(&store, FormKind::Red, None, &out.display().to_string()).unwrap_err();
    assert!(matches!(err, JobError::Write { .. }));
}

#[test]
fn a_reprint_prints_any_claim_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo(dir.path());
    let paid = store.list_claims(&ClaimQueue::Status { status: ClaimStatus::Paid }).unwrap()[0].id;
    let ready_one = ready(&store)[0].id;
    let before = statuses(&store);
    let history = store.claim_history(paid).unwrap();
    let out = dir.path().join("reprint.pdf");
    let mut req = request(vec![paid, ready_one], &out, false);
    req.form = FormKind::Full;
    let report = print_claims(&mut store, &req, &Actor::user("tester", Source::Cli), &mut |_, _| {}).unwrap();
    assert_eq!(report.batch_id, None);
    assert_eq!(report.claims, 2);
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF"));
    assert_eq!(statuses(&store), before);
    assert_eq!(store.claim_history(paid).unwrap(), history);
}

#[test]
fn the_demo_date_does_not_stick_to_the_store() {
    // create_demo_with dates its work as of `options.today` without fixing the store's today.
    let dir = tempfile::tempdir().unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    let options = DemoOptions { specialty: Specialty::Chiro, patients: 30, seed: 3, today: day };
    let (store, summary) =
        create_demo_with(&dir.path().join("c.claimdesk"), &options, &DemoActivity { visits: 40 }).unwrap();
    assert_eq!(store.today(), chrono::Local::now().date_naive());
    assert_eq!(summary.visits, 40);
}

/// A secondary claim prints the primary's payment in box 29, on the totals row beside box 28.
#[test]
fn a_secondary_claim_prints_the_primary_payment_in_box_29() {
    // NUCC item 29: what the patient and other payers paid. Medicare item 29: only what the
    // patient paid, never the primary insurer's payment.
    let dir = tempfile::tempdir().unwrap();
    // A practice large enough to hold patients who still work past 65 (Medicare second).
    let today = chrono::Local::now().date_naive();
    let options = DemoOptions { specialty: Specialty::Physician, patients: 300, seed: 12, today };
    let (mut store, _) =
        create_demo_with(&dir.path().join("p.claimdesk"), &options, &DemoActivity { visits: 700 }).unwrap();
    store.set_today(today);
    let all = store.list_claims(&ClaimQueue::All).unwrap();
    let secondary = |store: &Store, rules: FormRules| {
        all.iter()
            .find(|c| {
                c.payer_rank == 2
                    && store.claim_data(c.id).unwrap().form_rules == rules
                    && store.prior_payment(c.id).unwrap().is_some_and(|p| !p.claim_paid.is_zero())
            })
            .cloned()
            .unwrap_or_else(|| panic!("the demo builds a {rules:?} secondary claim after the primary paid"))
    };
    // Boxes 28 and 29 are 8 columns each: dollars right-aligned, a space for the point, cents.
    let columns = |m: claimdesk_core::Money| format!("{:>5} {:02}", m.cents() / 100, m.cents() % 100);
    let totals_row = |store: &mut Store, claim: &ClaimSummary, name: &str| {
        let out = dir.path().join(name);
        print_claims(store, &request(vec![claim.id], &out, false), &Actor::user("tester", Source::Cli), &mut |_, _| {})
            .unwrap();
        let text = pdf_text_layout(&out);
        // Box 28 is the last row with the total (a one-line claim shows it in 24F too).
        text.lines().rfind(|l| l.contains(&columns(claim.charge))).expect("box 28").to_string()
    };

    let nucc = secondary(&store, FormRules::Nucc);
    let paid = store.prior_payment(nucc.id).unwrap().unwrap().claim_paid;
    let by_patient = store.patient_paid_on_claim(nucc.id).unwrap();
    let totals = totals_row(&mut store, &nucc, "secondary.pdf");
    assert!(totals.contains(&columns(paid + by_patient)), "box 29 {:?} on the totals row: {totals:?}", columns(paid));

    let medicare = secondary(&store, FormRules::Medicare);
    let paid = store.prior_payment(medicare.id).unwrap().unwrap().claim_paid;
    let by_patient = store.patient_paid_on_claim(medicare.id).unwrap();
    let totals = totals_row(&mut store, &medicare, "medicare-secondary.pdf");
    assert!(!totals.contains(&columns(paid)), "Medicare's box 29 leaves out the primary's {paid}: {totals:?}");
    if !by_patient.is_zero() {
        assert!(totals.contains(&columns(by_patient)), "box 29 is what the patient paid: {totals:?}");
    }
}

fn pdf_text_layout(path: &Path) -> String {
    let o = std::process::Command::new("pdftotext").arg("-layout").arg(path).arg("-").output().unwrap();
    String::from_utf8(o.stdout).unwrap()
}
