//! Receipts and plan agreements printed from a demo practice file, checked by the text
//! pdftotext reads back.

use chrono::NaiveDate;
use claimdesk_core::payment_plans::{PlanFrequency, PlanTerms};
use claimdesk_core::Money;
use claimdesk_demo::{create_demo_with, DemoActivity, DemoOptions, Specialty};
use claimdesk_jobs::{print_plan_agreement, print_receipt, JobError, StatementRunRequest};
use claimdesk_store::Actor;
use claimdesk_store::{ApplyTo, PaymentInput, PaymentMethod, PlanInput, Source, StatementAccount, Store};
use std::path::Path;
use std::process::Command;

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn demo(dir: &Path) -> Store {
    let options = DemoOptions { specialty: Specialty::Physician, patients: 60, seed: 5, today: today() };
    let (mut store, _) = create_demo_with(&dir.join("p.claimdesk"), &options, &DemoActivity { visits: 150 }).unwrap();
    store.set_today(today());
    store
}

fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext").arg("-layout").arg(path).arg("-").output().expect("pdftotext runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Collapses runs of spaces so a label and its value can be found on one line.
fn squeeze(text: &str) -> String {
    text.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).collect::<Vec<_>>().join("\n")
}

/// An account (its own guarantor) that owes at least 60.00.
fn owing_account(store: &Store) -> (i64, Money) {
    let filter = StatementRunRequest::new(today(), "").filter;
    store
        .statement_candidates(&claimdesk_store::StatementFilter { min_balance: Money::from_cents(6000), ..filter })
        .unwrap()
        .into_iter()
        .find_map(|c| match c.account {
            StatementAccount::Patient { patient_id } => Some((patient_id, c.patient_due)),
            StatementAccount::Party { .. } => None,
        })
        .expect("the demo leaves an account owing 60.00 or more")
}

#[test]
fn a_receipt_prints_who_paid_how_where_it_went_and_the_balance_after() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo(dir.path());
    let (patient_id, due) = owing_account(&store);
    let account = store.get_patient(patient_id).unwrap();
    let payment = PaymentInput {
        patient_id,
        received_on: None,
        method: PaymentMethod::Check,
        reference: "1042".into(),
        amount: Money::from_cents(2500),
        apply: ApplyTo::OldestFirst,
    };
    let receipt = store.post_patient_payment(&payment, &Actor::user("tester", Source::Cli)).unwrap();
    let out = dir.path().join("receipt.pdf");
    let printed = print_receipt(&store, receipt.payment_id, &out.display().to_string()).unwrap();
    assert_eq!(printed.bytes as u64, std::fs::metadata(&out).unwrap().len());
    assert_eq!(printed.title, format!("Receipt {}", receipt.receipt_number));

    let text = squeeze(&pdf_text(&out));
    assert!(text.contains("PAYMENT RECEIPT"), "{text}");
    assert!(text.contains(&format!("Receipt no. {}", receipt.receipt_number)), "{text}");
    assert!(text.contains(&store.practice().unwrap().name), "{text}");
    assert!(text.contains(&format!("Account {}", account.account_number)), "{text}");
    assert!(text.contains(&format!("Received from {} {}", account.first_name, account.last_name)), "{text}");
    assert!(text.contains("Payment method Check 1042"), "{text}");
    assert!(text.contains("$25.00"), "{text}");
    let applied: Money = receipt.applied.iter().map(|a| a.amount).sum();
    assert_eq!(applied + receipt.unapplied, Money::from_cents(2500));
    for a in &receipt.applied {
        assert!(text.contains(&format!("{} {}", a.service_date.format("%m/%d/%Y"), a.code)), "{text}");
    }
    let after = due - Money::from_cents(2500);
    assert!(text.contains(&format!("Balance after this payment ${after}")), "{text}");

    // Printed again later: the same bytes.
    let again = dir.path().join("again.pdf");
    print_receipt(&store, receipt.payment_id, &again.display().to_string()).unwrap();
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&again).unwrap());

    // An unknown payment writes nothing.
    let none = dir.path().join("none.pdf");
    assert!(matches!(print_receipt(&store, 999_999, &none.display().to_string()), Err(JobError::Store(_))));
    assert!(!none.exists());
}

#[test]
fn a_plan_agreement_prints_the_terms_the_schedule_and_signature_lines() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo(dir.path());
    let (patient_id, due) = owing_account(&store);
    let account = store.get_patient(patient_id).unwrap();
    let first_due = today().checked_add_days(chrono::Days::new(20)).unwrap();
    let terms = PlanTerms {
        financed: due,
        down_payment: Money::from_cents(1000),
        installments: Some(4),
        installment_amount: None,
        frequency: PlanFrequency::EveryTwoWeeks,
        first_due: Some(first_due),
    };
    let plan =
        store.create_plan(&PlanInput { patient_id, terms: terms.clone(), grace_days: 7, visit_ids: vec![] }).unwrap();
    let out = dir.path().join("agreement.pdf");
    let printed = print_plan_agreement(&store, plan.id, &out.display().to_string()).unwrap();
    assert_eq!(printed.title, format!("Plan {} version 1", plan.plan_number));

    let text = squeeze(&pdf_text(&out));
    assert!(text.contains("PAYMENT PLAN AGREEMENT"), "{text}");
    assert!(text.contains(&format!("Plan {} version 1", plan.plan_number)), "{text}");
    assert!(text.contains(&format!("{} {}", account.first_name, account.last_name)), "{text}");
    assert!(text.contains(&account.account_number), "{text}");
    assert!(text.contains("Down payment $10.00"), "{text}");
    assert!(text.contains(&format!("Amount financed ${}", due - Money::from_cents(1000))), "{text}");
    assert!(text.contains("Every 2 weeks"), "{text}");
    assert!(text.contains("Grace period 7 days"), "{text}");
    for i in &plan.schedule {
        assert!(text.contains(&format!("{} {} ${}", i.number, i.due.format("%m/%d/%Y"), i.amount)), "{text}");
    }
    assert!(text.contains(&format!("Total of installments ${}", due - Money::from_cents(1000))), "{text}");
    assert!(text.contains("7 days after its due date"), "{text}");
    assert!(text.contains("Guarantor signature"), "{text}");
    assert!(text.contains("For the practice"), "{text}");

    // An amendment prints as version 2 and says what it replaces.
    store.set_today(today());
    let v2 = store
        .amend_plan(plan.id, &PlanTerms { down_payment: Money::ZERO, installments: Some(2), ..terms.clone() })
        .unwrap();
    let out2 = dir.path().join("agreement-v2.pdf");
    print_plan_agreement(&store, v2.id, &out2.display().to_string()).unwrap();
    let text2 = squeeze(&pdf_text(&out2));
    assert!(text2.contains(&format!("Plan {} version 2", plan.plan_number)), "{text2}");
    assert!(text2.contains("replaces version 1"), "{text2}");
}
