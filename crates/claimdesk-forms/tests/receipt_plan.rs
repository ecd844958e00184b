//! Receipts and payment plan agreements checked through poppler.

mod common;

use claimdesk_forms::{plan_agreement_pdf, receipt_pdf};
use common::documents::{plan_agreement, receipt};
use common::poppler::{layout_pages, layout_text, save_artifact};

#[test]
fn receipt_has_its_figures() {
    let r = receipt();
    let pdf = receipt_pdf(&r);
    let text = layout_text(&pdf);
    for needle in [
        "PAYMENT RECEIPT",
        "R-000123",
        "11/24/2026",
        "Morgan Q Testperson",
        "Casey Testperson",
        "Check 1234",
        "$150.00",
        "$95.00",
        "$42.50",
        "$12.50",
        "$337.62",
        "Visit 10/02/2026 office visit 99213",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
    }
    assert_eq!(layout_pages(&pdf).len(), 1);
    assert_eq!(pdf, receipt_pdf(&r), "reprint gives the same bytes");
    save_artifact(&pdf, "receipt");
}

#[test]
fn plan_agreement_has_schedule_totals_and_signatures() {
    let a = plan_agreement(6);
    let pdf = plan_agreement_pdf(&a);
    let text = layout_text(&pdf);
    for needle in ["PAYMENT PLAN AGREEMENT", "PP-2026-0042", "version 2", "G001000", "Monthly", "10 days", "$100.00"] {
        assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
    }
    assert!(text.contains(&format!("${}", a.financed)));
    // Every schedule row: number, due date, amount on one line.
    for (n, due, amount) in &a.installments {
        let due = due.format("%m/%d/%Y").to_string();
        assert!(
            text.lines().any(|l| l.split_whitespace().collect::<Vec<_>>() == [n.to_string(), due.clone(), format!("${amount}")]),
            "schedule row {n} {due} ${amount} missing:\n{text}"
        );
    }
    // The printed total is the sum of the given installments: 5 x 83.33 + 83.37.
    assert!(text.lines().any(|l| l.contains("Total of installments") && l.contains("$500.02")));
    assert!(text.contains("Guarantor signature") && text.contains("For the practice"));
    assert!(text.contains("interest-free"));
    assert_eq!(pdf, plan_agreement_pdf(&a), "reprint gives the same bytes");
    save_artifact(&pdf, "plan-agreement");
}

#[test]
fn long_schedules_continue_on_more_pages() {
    let a = plan_agreement(72);
    let pages = layout_pages(&plan_agreement_pdf(&a));
    assert!(pages.len() >= 2);
    assert!(pages[1].contains("PAYMENT SCHEDULE (continued)"));
    let text = pages.join("\n");
    assert!(text.contains("Guarantor signature"));
    for (n, _, _) in &a.installments {
        assert!(text.lines().any(|l| l.trim_start().starts_with(&format!("{n} "))), "row {n}");
    }
}
