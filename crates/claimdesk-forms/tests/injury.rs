//! The attorney statement and the lien letter, checked through poppler.

mod common;

use claimdesk_core::{Address, Money};
use claimdesk_forms::{
    attorney_statement_pdf, lien_letter_pdf, AttorneyStatementData, CaseHeader, LienLetterData, StatementLine,
};
use common::date;
use common::poppler::{layout_pages, layout_text, save_artifact};

fn m(c: i64) -> Money {
    Money::from_cents(c)
}

fn header() -> CaseHeader {
    CaseHeader {
        practice_name: "Spine & Wellness Chiropractic".into(),
        practice_address: Address {
            line1: "100 Main St".into(),
            line2: String::new(),
            city: "Tulsa".into(),
            state: "OK".into(),
            zip: "74103".into(),
        },
        practice_phone: "9185550100".into(),
        document_date: date(2026, 11, 24),
        patient_name: "Rita Roe".into(),
        patient_birth_date: Some(date(1979, 1, 9)),
        account_number: "A000042".into(),
        case_kind: "Personal injury (attorney)".into(),
        injury_date: date(2026, 10, 28),
        claim_number: String::new(),
        attorney_name: "Morgan Lee".into(),
        attorney_firm: "Lee & Park LLP".into(),
        attorney_address: Address {
            line1: "1 Court St".into(),
            line2: String::new(),
            city: "Tulsa".into(),
            state: "OK".into(),
            zip: "74103".into(),
        },
        attorney_phone: "9185550123".into(),
    }
}

fn statement(lines: usize) -> AttorneyStatementData {
    let lines: Vec<StatementLine> = (0..lines)
        .map(|i| StatementLine {
            date: date(2026, 11, 2) + chrono::Duration::days(i as i64),
            code: if i % 2 == 0 { "98941".into() } else { "97140".into() },
            description: "Chiropractic manipulative treatment, spinal, 3-4 regions".into(),
            charge: m(6500),
            payments: if i == 0 { m(2000) } else { Money::ZERO },
            adjustments: Money::ZERO,
            balance: if i == 0 { m(4500) } else { m(6500) },
        })
        .collect();
    let sum = |f: fn(&StatementLine) -> Money| lines.iter().map(f).sum::<Money>();
    AttorneyStatementData {
        header: header(),
        total_charges: sum(|l| l.charge),
        total_payments: sum(|l| l.payments),
        total_adjustments: sum(|l| l.adjustments),
        balance: sum(|l| l.balance),
        lines,
    }
}

#[test]
fn attorney_statement_itemizes_lines_and_prints_the_totals_given() {
    let s = statement(3);
    let pdf = attorney_statement_pdf(&s);
    let text = layout_text(&pdf);
    for needle in [
        "ATTORNEY STATEMENT",
        "Rita Roe",
        "10/28/2026",
        "Morgan Lee",
        "Lee & Park LLP",
        "98941",
        "97140",
        "$45.00",
        "BALANCE DUE",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
    }
    assert!(
        text.lines()
            .any(|l| l.contains("Totals") && l.contains("$195.00") && l.contains("$20.00") && l.contains("$175.00")),
        "{text}"
    );
    assert_eq!(pdf, attorney_statement_pdf(&s), "reprint gives the same bytes");
    save_artifact(&pdf, "attorney-statement");
    let long = attorney_statement_pdf(&statement(80));
    assert!(layout_pages(&long).len() >= 2, "a long case continues on more pages");
    assert!(layout_text(&long).contains("ATTORNEY STATEMENT (continued)"));
}

#[test]
fn lien_letter_names_the_parties_the_balance_and_has_both_signature_lines() {
    let l = LienLetterData { header: header(), balance: m(19500) };
    let pdf = lien_letter_pdf(&l);
    let text = layout_text(&pdf);
    for needle in [
        "LIEN AND LETTER OF PROTECTION",
        "Rita Roe",
        "Morgan Lee",
        "10/28/2026",
        "$195.00",
        "Patient signature",
        "Attorney signature",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
    }
    assert_eq!(layout_pages(&pdf).len(), 1);
    save_artifact(&pdf, "lien-letter");
}
