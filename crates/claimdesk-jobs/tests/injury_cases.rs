//! An injury case's attorney papers from the chiropractic demo: the attorney statement's
//! totals are the case's ledger, and posting the settlement leaves the case at zero.

use chrono::NaiveDate;
use claimdesk_core::injury_cases::{InjuryCase, InjuryCaseKind, InjuryCaseStatus};
use claimdesk_core::Money;
use claimdesk_demo::{create_demo_with, DemoActivity, DemoOptions, Specialty};
use claimdesk_jobs::injury_cases::attorney_statement_data;
use claimdesk_jobs::{print_attorney_statement, print_lien_letter};
use claimdesk_store::{Actor, PaymentMethod, SearchOptions, SettlementInput, Source, Store};
use std::path::Path;
use std::process::Command;

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext").arg("-layout").arg(path).arg("-").output().expect("pdftotext runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    text.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).collect::<Vec<_>>().join("\n")
}

fn attorney_case(store: &Store) -> InjuryCase {
    let everyone = SearchOptions { limit: 500, include_inactive: true };
    store
        .search_patients("", &everyone)
        .unwrap()
        .iter()
        .flat_map(|p| store.injury_cases_for_patient(p.id).unwrap())
        .find(|c| c.kind == InjuryCaseKind::Attorney)
        .expect("the chiro demo has an attorney case")
}

#[test]
fn the_attorney_statement_is_the_case_ledger_and_the_settlement_leaves_it_at_zero() {
    let dir = tempfile::tempdir().unwrap();
    let options = DemoOptions { specialty: Specialty::Chiro, patients: 60, seed: 3, today: today() };
    let (mut store, _) =
        create_demo_with(&dir.path().join("c.claimdesk"), &options, &DemoActivity { visits: 60 }).unwrap();
    store.set_today(today());
    let case = attorney_case(&store);
    let case_id = case.id.unwrap();

    // The statement's totals are the sums of the ledger entries of the case's visits.
    let data = attorney_statement_data(&store, case_id).unwrap();
    let visits: Vec<i64> = store
        .list_visits_for_patient(case.patient_id)
        .unwrap()
        .iter()
        .map(|v| v.id)
        .filter(|&id| store.get_visit(id).unwrap().injury_case_id == Some(case_id))
        .collect();
    assert!(visits.len() >= 3);
    let entries: Vec<_> = store
        .ledger_for_patient(case.patient_id)
        .unwrap()
        .into_iter()
        .filter(|e| e.visit_id.is_some_and(|v| visits.contains(&v)))
        .collect();
    let sum = |pred: &dyn Fn(&claimdesk_store::LedgerEntry) -> bool| -> Money {
        entries.iter().filter(|e| pred(e)).map(|e| e.amount).sum()
    };
    use claimdesk_core::posting::EntryKind;
    assert_eq!(data.total_charges, sum(&|e| e.kind == EntryKind::Charge));
    assert_eq!(data.balance, sum(&|_| true));
    assert_eq!(data.total_charges - data.total_payments - data.total_adjustments, data.balance);
    assert_eq!(data.lines.iter().map(|l| l.charge).sum::<Money>(), data.total_charges);
    assert!(data.balance > Money::ZERO);

    let out = dir.path().join("statement.pdf");
    let printed = print_attorney_statement(&store, case_id, &out.display().to_string()).unwrap();
    assert_eq!(printed.bytes as u64, std::fs::metadata(&out).unwrap().len());
    let text = pdf_text(&out);
    assert!(text.contains("ATTORNEY STATEMENT") && text.contains("Morgan Lee"), "{text}");
    let totals = format!(
        "Totals ${} ${} ${} ${}",
        data.total_charges, data.total_payments, data.total_adjustments, data.balance
    );
    assert!(text.contains(&totals), "{totals:?} in\n{text}");
    assert_eq!(
        text.matches("98940").count() + text.matches("98941").count() + text.matches("98942").count(),
        visits.len()
    );

    let lien = dir.path().join("lien.pdf");
    print_lien_letter(&store, case_id, &lien.display().to_string()).unwrap();
    let text = pdf_text(&lien);
    assert!(text.contains(&format!("${}", data.balance)) && text.contains("Attorney signature"), "{text}");

    // The attorney pays 60 % and the rest is the agreed reduction.
    let payment = Money::from_cents(data.balance.cents() * 60 / 100);
    let reduction = data.balance - payment;
    let before = store.ledger_for_patient(case.patient_id).unwrap();
    let summary = store
        .post_injury_settlement(
            &SettlementInput {
                case_id,
                received_on: None,
                method: PaymentMethod::Check,
                reference: "20931".into(),
                payment,
                reduction,
                reason: "Reduced by agreement with counsel".into(),
            },
            &Actor::user("tester", Source::Cli),
        )
        .unwrap();
    assert_eq!(summary.balance, Money::ZERO);
    assert_eq!(summary.case.status, InjuryCaseStatus::Settled);
    let after = store.ledger_for_patient(case.patient_id).unwrap();
    assert_eq!(&after[..before.len()], &before[..], "postings are never edited");
    let settled = attorney_statement_data(&store, case_id).unwrap();
    assert_eq!(settled.balance, Money::ZERO);
    assert_eq!(settled.total_payments, data.total_payments + payment);
    assert_eq!(settled.total_adjustments, data.total_adjustments + reduction);
    // Settled: the hold no longer stops a claim (the patient's health plan may be billed).
    assert!(store.injury_case(case_id).unwrap().billing_allowed().is_ok());
}
