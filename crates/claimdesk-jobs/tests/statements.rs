//! Statement runs on a demo practice file (with posted remittances, so patients owe money):
//! who gets a statement, what it says, the PDF, the recorded run and reprints.

use chrono::NaiveDate;
use claimdesk_core::{Money, Responsible};
use claimdesk_demo::{create_demo_with, DemoActivity, DemoOptions, Specialty};
use claimdesk_jobs::statements::{practice_contact, to_form};
use claimdesk_jobs::{reprint_statement, run_statements, JobError, StatementRunRequest};
use claimdesk_store::{SearchOptions, Source, StatementAccount, StatementFilter, Store};
use std::path::Path;
use std::process::Command;

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn demo(dir: &Path, patients: usize, visits: usize) -> Store {
    let options = DemoOptions { specialty: Specialty::Physician, patients, seed: 5, today: today() };
    let (mut store, _) = create_demo_with(&dir.join("p.claimdesk"), &options, &DemoActivity { visits }).unwrap();
    store.set_today(today());
    store
}

fn filter() -> StatementFilter {
    StatementRunRequest::new(today(), "").filter
}

fn request(out: &Path) -> StatementRunRequest {
    StatementRunRequest::new(today(), out.display().to_string())
}

fn pdf_text(path: &Path, pages: Option<(usize, usize)>) -> String {
    let mut cmd = Command::new("pdftotext");
    cmd.arg("-layout");
    if let Some((first, last)) = pages {
        cmd.args(["-f", &first.to_string(), "-l", &last.to_string()]);
    }
    let out = cmd.arg(path).arg("-").output().expect("pdftotext runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn page_count(pdf: &[u8]) -> usize {
    let needle = b"/Type/Page";
    pdf.windows(needle.len() + 1).filter(|w| &w[..needle.len()] == needle && w[needle.len()] != b's').count()
}

fn keys(store: &Store, f: &StatementFilter) -> Vec<StatementAccount> {
    store.statement_candidates(f).unwrap().into_iter().map(|c| c.account).collect()
}

fn account_patient(account: StatementAccount) -> Option<i64> {
    match account {
        StatementAccount::Patient { patient_id } => Some(patient_id),
        StatementAccount::Party { .. } => None,
    }
}

#[test]
fn candidates_respect_min_balance_holds_collections_and_recent_statements() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo(dir.path(), 120, 300);
    let all = store.statement_candidates(&filter()).unwrap();
    assert!(all.len() >= 5, "the demo leaves balances to patients: {}", all.len());
    assert!(all.iter().all(|c| c.patient_due >= Money::from_cents(500)));

    // A higher minimum keeps only the larger balances.
    let high = StatementFilter { min_balance: Money::from_cents(5000), ..filter() };
    let fewer = store.statement_candidates(&high).unwrap();
    assert!(fewer.len() < all.len());
    assert!(fewer.iter().all(|c| c.patient_due >= Money::from_cents(5000)));
    let none = StatementFilter { min_balance: Money::from_cents(1), ..filter() };
    assert!(store.statement_candidates(&none).unwrap().len() >= all.len());

    // A hold skips the account unless holds are included; releasing it brings it back.
    let held = all.iter().find_map(|c| account_patient(c.account)).unwrap();
    store.set_statement_hold(held, "Disputing a charge").unwrap();
    let key = StatementAccount::Patient { patient_id: held };
    assert!(!keys(&store, &filter()).contains(&key));
    let with_holds = StatementFilter { include_holds: true, ..filter() };
    let got = store.statement_candidates(&with_holds).unwrap();
    assert!(got.iter().any(|c| c.account == key && c.hold));
    store.set_statement_hold(held, "").unwrap();
    assert!(keys(&store, &filter()).contains(&key));

    // Collections likewise.
    let sent = all.iter().filter_map(|c| account_patient(c.account)).nth(1).unwrap();
    store.send_to_collections(sent, "Acme Recovery").unwrap();
    let key = StatementAccount::Patient { patient_id: sent };
    assert!(!keys(&store, &filter()).contains(&key));
    assert!(keys(&store, &StatementFilter { include_collections: true, ..filter() }).contains(&key));
    assert!(store.send_to_collections(sent, " ").is_err(), "an agency is required");

    // A run right after the first skips everyone (sent within 28 days); 0 days includes them again.
    let first = run_statements(&mut store, &request(&dir.path().join("a.pdf")), Source::Cli, &mut |_, _| {}).unwrap();
    assert_eq!(
        first.statements.len(),
        store.statement_candidates(&StatementFilter { days_since_last: 0, ..filter() }).unwrap().len()
    );
    assert!(store.statement_candidates(&filter()).unwrap().is_empty());
    let again = dir.path().join("b.pdf");
    let err = run_statements(&mut store, &request(&again), Source::Cli, &mut |_, _| {}).unwrap_err();
    assert!(matches!(err, JobError::Store(_)), "{err}");
    assert!(!again.exists(), "nothing written for an empty run");
    let c = &store.statement_candidates(&StatementFilter { days_since_last: 0, ..filter() }).unwrap()[0];
    assert_eq!(c.last_statement, Some(today()));
}

#[test]
fn statements_show_the_account_balance_aging_and_pending_and_reprint_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo(dir.path(), 120, 300);
    let out = dir.path().join("statements.pdf");
    let mut seen = (0, 0);
    let report = run_statements(&mut store, &request(&out), Source::Cli, &mut |d, t| seen = (d, t)).unwrap();
    let n = report.statements.len();
    assert!(n >= 5);
    assert_eq!(seen, (n, n));
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(bytes.len(), report.bytes);
    assert!(report.pages >= n);
    assert_eq!(report.total_due, report.statements.iter().map(|s| s.amount_due).sum());

    let text = pdf_text(&out, None);
    let mut page = 1;
    for (i, s) in report.statements.iter().enumerate() {
        let snapshot = store.statement_snapshot(s.statement_id).unwrap();
        assert_eq!(snapshot.amount_due_now, s.amount_due);
        // The account's figures.
        if let Some(patient_id) = account_patient(s.account) {
            let balance = store.account_balance(patient_id).unwrap();
            assert_eq!(snapshot.patient_balance, balance.patient_due, "{}", s.account_number);
            assert_eq!(snapshot.amount_due_now, balance.patient_due);
            assert_eq!(snapshot.insurance_pending, balance.insurance_pending);
        }
        assert_eq!(
            snapshot.aging.current + snapshot.aging.days_31_60 + snapshot.aging.days_61_90 + snapshot.aging.over_90,
            snapshot.patient_balance
        );
        assert!(snapshot.amount_due_now > Money::ZERO);
        assert_eq!(snapshot.previous_balance, Money::ZERO, "a first statement");
        // First statement: previous + charges - credits - pending = the patient balance.
        let charges: Money = snapshot.lines.iter().filter_map(|l| l.charges).sum();
        let credits: Money = snapshot.lines.iter().filter_map(|l| l.credits).sum();
        assert_eq!(charges - credits - snapshot.insurance_pending, snapshot.patient_balance, "{}", s.account_number);
        assert!(text.contains(&format!("${}", s.amount_due)), "{} is in the PDF", s.amount_due);
        assert!(text.contains(&s.account_number));

        // The reprint: same bytes as rendering the snapshot, same text as the original pages.
        let again = dir.path().join(format!("reprint-{i}.pdf"));
        let size = reprint_statement(&store, s.statement_id, &again.display().to_string()).unwrap();
        let reprint = std::fs::read(&again).unwrap();
        assert_eq!(size, reprint.len());
        let fresh = claimdesk_forms::statements_pdf(&[to_form(&snapshot)], &mut |_, _| {});
        assert_eq!(reprint, fresh, "deterministic bytes");
        let pages = page_count(&reprint);
        if i < 3 || i + 1 == n {
            assert_eq!(pdf_text(&again, None), pdf_text(&out, Some((page, page + pages - 1))), "statement {i}");
        }
        page += pages;
    }
    assert_eq!(page - 1, report.pages);

    // The same statement gathered again on the same day is what was recorded.
    let contact = practice_contact(&store, &request(&out)).unwrap();
    let first = &report.statements[0];
    let snapshot = store.statement_snapshot(first.statement_id).unwrap();
    assert_eq!(store.statement_data(first.account, today(), &contact).unwrap(), snapshot);
}

#[test]
fn a_guarantor_gets_one_statement_for_all_their_patients() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo(dir.path(), 200, 600);
    // Parents with at least two children who are patients.
    let everyone = SearchOptions { limit: 10_000, include_inactive: true };
    let patients: Vec<_> =
        store.search_patients("", &everyone).unwrap().iter().map(|s| store.get_patient(s.id).unwrap()).collect();
    let mut dependents: std::collections::BTreeMap<i64, Vec<i64>> = Default::default();
    for p in &patients {
        if let Responsible::Patient { patient_id, .. } = p.guarantor {
            dependents.entry(patient_id).or_default().push(p.id.unwrap());
        }
    }
    let all = StatementFilter { min_balance: Money::from_cents(1), days_since_last: 0, ..filter() };
    let candidates = store.statement_candidates(&all).unwrap();
    let contact = practice_contact(&store, &request(dir.path())).unwrap();
    let mut checked = 0;
    for (parent, children) in dependents.iter().filter(|(_, c)| c.len() >= 2) {
        let key = StatementAccount::Patient { patient_id: *parent };
        // No child has a statement of their own.
        for child in children {
            assert!(!candidates.iter().any(|c| c.account == StatementAccount::Patient { patient_id: *child }));
        }
        let Some(c) = candidates.iter().find(|c| c.account == key) else { continue };
        let snapshot = store.statement_data(key, today(), &contact).unwrap();
        let balance = store.account_balance(*parent).unwrap();
        assert_eq!(c.patient_due, balance.patient_due);
        assert_eq!(snapshot.patient_balance, balance.patient_due);
        let mut family = Money::ZERO;
        for id in std::iter::once(parent).chain(children) {
            family = family + store.patient_balance(*id).unwrap().patient_due;
        }
        assert_eq!(family, snapshot.patient_balance, "the statement covers every patient of the account");
        let names: std::collections::BTreeSet<&str> = snapshot.lines.iter().map(|l| l.patient.as_str()).collect();
        if names.len() >= 2 {
            checked += 1;
        }
    }
    assert!(checked >= 1, "the demo has a parent whose statement lists several patients");
}
