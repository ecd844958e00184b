//! Patient statements checked through poppler: the figures in the text, the addresses inside
//! the envelope windows (`pdftotext -bbox`), the stub, pagination, reprint equality.

mod common;

use claimdesk_forms::statement::{RECIPIENT_SAFE, RETURN_SAFE, TEAR_LINE_Y};
use claimdesk_forms::statements_pdf;
use common::documents::{statement, statement_line};
use common::poppler::{layout_pages, layout_text, save_artifact, words, Word};

fn render(s: &[claimdesk_core::statements::StatementSnapshot]) -> Vec<u8> {
    statements_pdf(s, &mut |_, _| {})
}

/// The words forming `phrase` consecutively on one line of `page`.
fn find_phrase<'a>(page: &'a [Word], phrase: &str) -> Vec<&'a Word> {
    let tokens: Vec<&str> = phrase.split_whitespace().collect();
    for start in 0..page.len() {
        let run = &page[start..(start + tokens.len()).min(page.len())];
        if run.len() == tokens.len()
            && run.iter().zip(&tokens).all(|(w, t)| w.text == *t)
            && run.iter().all(|w| (w.y_min - run[0].y_min).abs() < 1.0)
        {
            return run.iter().collect();
        }
    }
    panic!("{phrase:?} not found on the page");
}

#[test]
fn statement_text_has_every_figure() {
    let s = statement(0, 8, false);
    let text = layout_text(&render(std::slice::from_ref(&s)));
    for figure in [
        s.previous_balance,
        s.amount_due_now,
        s.patient_balance,
        s.insurance_pending,
        s.aging.current,
        s.aging.days_31_60,
        s.aging.days_61_90,
        s.aging.over_90,
    ] {
        assert!(text.contains(&format!("${figure}")), "${figure} missing from:\n{text}");
    }
    assert!(text.contains("AMOUNT DUE NOW"));
    assert!(text.contains("not due yet"), "insurance pending must be explained as not due");
    assert!(text.contains("Pending"), "insurance-pending lines are marked");
    assert!(text.contains("Office visit 99213") && text.contains("Contractual adjustment"));
    assert!(text.contains(&s.message[..40]));
    assert!(text.contains("We accept cash"));
    // New charges of the 8 lines: 125 + 65 + 125; credits: 80 + 25 + 20 + 80.
    assert!(text.contains("$315.00"), "new charges");
    assert!(text.contains("-$205.00"), "payments and adjustments");
}

/// A first statement with charges only (nothing paid yet): the summary says $0.00 for payments
/// and adjustments, never a negative zero ("$-0.00" came from negating a zero sum).
#[test]
fn nothing_paid_prints_zero_not_negative_zero() {
    let mut s = statement(0, 0, false);
    s.lines = (0..8).map(statement_line).filter(|l| l.credits.is_none()).collect();
    assert!(!s.lines.is_empty());
    let text = layout_text(&render(std::slice::from_ref(&s)));
    let row = text.lines().find(|l| l.contains("Payments and adjustments")).expect("the summary row");
    assert!(row.contains("$0.00"), "{row}");
    assert!(!text.contains("-0.00"), "a negative zero is printed:\n{text}");
}

#[test]
fn on_a_plan_the_installment_is_due_not_the_balance() {
    let s = statement(0, 8, true);
    let pages = layout_pages(&render(std::slice::from_ref(&s)));
    let text = pages.join("\n");
    assert!(text.contains("Payment plan installment due 12/15/2026"), "{text}");
    assert!(text.contains("$75.00"));
    for line in text.lines().filter(|l| l.contains("AMOUNT DUE NOW")) {
        assert!(line.contains("$75.00") || !line.contains('$'), "amount due now must be the installment: {line}");
        assert!(!line.contains("$487.62"), "the whole balance is not due now: {line}");
    }
    // The balance is still shown, as the balance.
    assert!(text.contains("$487.62"));
    // The stub's amount due (right of 5.5 in, above the tear line) is the installment.
    let w = &words(&render(std::slice::from_ref(&s)))[0];
    let stub_amounts: Vec<&str> = w
        .iter()
        .filter(|w| w.x_min >= 396.0 && w.y_max < TEAR_LINE_Y && w.text.starts_with('$') && w.text.len() > 1)
        .map(|w| w.text.as_str())
        .collect();
    assert_eq!(stub_amounts, vec!["$75.00"]);
}

#[test]
fn addresses_fall_inside_the_envelope_windows() {
    let s = statement(3, 5, false);
    let pages = words(&render(std::slice::from_ref(&s)));
    let page = &pages[0];
    let inside = |area: claimdesk_forms::statement::Area, phrase: &str| {
        for w in find_phrase(page, phrase) {
            assert!(
                area.contains(w.x_min, w.y_min, w.x_max, w.y_max),
                "{:?} at ({:.1},{:.1})-({:.1},{:.1}) is outside {area:?}",
                w.text,
                w.x_min,
                w.y_min,
                w.x_max,
                w.y_max
            );
        }
    };
    for line in ["MORGAN Q TESTPERSON", "42 ELM STREET", "APT 3B", "ROUND ROCK, TX 78664-1234"] {
        inside(RECIPIENT_SAFE, line);
    }
    for line in ["Riverside Family Medicine", "100 Main St", "Suite 200", "Austin, TX 78701-1234", "(512) 555-0100"] {
        inside(RETURN_SAFE, line);
    }
    // Nothing else shows through the recipient window.
    let strays: Vec<&str> = page
        .iter()
        .filter(|w| w.x_max > RECIPIENT_SAFE.left - 9.0 && w.x_min < RECIPIENT_SAFE.right + 9.0)
        .filter(|w| w.y_max > RECIPIENT_SAFE.top - 9.0 && w.y_min < RECIPIENT_SAFE.bottom + 9.0)
        .map(|w| w.text.as_str())
        .filter(|t| !"MORGAN Q TESTPERSON 42 ELM STREET APT 3B ROUND ROCK, TX 78664-1234".contains(t))
        .collect();
    assert!(strays.is_empty(), "other text near the recipient window: {strays:?}");
}

#[test]
fn the_stub_has_account_amount_due_and_amount_enclosed_above_the_tear_line() {
    let s = statement(7, 3, false);
    let pages = words(&render(std::slice::from_ref(&s)));
    let stub: Vec<&Word> = pages[0].iter().filter(|w| w.y_max < TEAR_LINE_Y).collect();
    let has = |t: &str| stub.iter().any(|w| w.text == t);
    assert!(has(&s.account_number), "account number on the stub");
    assert!(has("ENCLOSED"), "Amount enclosed on the stub");
    assert!(has(&format!("${}", s.amount_due_now)));
    assert!(has("11/24/2026") && has("12/15/2026"), "statement and due dates on the stub");
    assert!(has("9876"), "remit-to address on the stub");
    let text = layout_text(&render(std::slice::from_ref(&s)));
    assert!(text.contains("AMOUNT ENCLOSED"));
}

#[test]
fn long_activity_continues_on_further_pages() {
    let s = statement(1, 60, false);
    let pdf = render(std::slice::from_ref(&s));
    let pages = layout_pages(&pdf);
    assert!(pages.len() >= 2, "60 lines take 2+ pages, got {}", pages.len());
    assert!(pages[0].contains("Continued on next page"));
    assert!(pages[1].contains("(continued)"));
    assert!(pages[0].contains(&format!("Page 1 of {}", pages.len())));
    // Every line is printed exactly once: count the dates of the 60 lines.
    let text = pages.join("\n");
    let printed = text.matches("Office visit 99213").count()
        + text.matches("Acme Health payment").count()
        + text.matches("Contractual adjustment").count()
        + text.matches("Moved to you: deductible").count()
        + text.matches("Spinal manipulation 98941").count()
        + text.matches("Patient payment - thank you").count();
    assert_eq!(printed, 60);
    // Only page 1 has the stub.
    assert!(!pages[1].contains("AMOUNT ENCLOSED"));
    save_artifact(&pdf, "statement-60-lines");
}

#[test]
fn several_statements_share_one_pdf_and_report_progress() {
    let list = [statement(0, 4, false), statement(1, 60, true), statement(2, 0, false)];
    let mut calls = Vec::new();
    let pdf = statements_pdf(&list, &mut |done, total| calls.push((done, total)));
    assert_eq!(calls, vec![(1, 3), (2, 3), (3, 3)]);
    let pages = layout_pages(&pdf);
    assert_eq!(pages.iter().filter(|p| p.contains("AMOUNT ENCLOSED")).count(), 3);
    assert!(pages.last().expect("a page").contains("No activity since your last statement"));
}

#[test]
fn reprints_are_identical() {
    let list = [statement(0, 8, true), statement(1, 60, false)];
    let a = render(&list);
    let b = render(&list);
    assert_eq!(layout_text(&a), layout_text(&b));
    assert!(a == b, "the same statements must give the same bytes");
    // A different statement gives a different document ID.
    let c = render(&[statement(5, 8, true)]);
    assert_ne!(a, c);
}

#[test]
fn artifacts_for_review() {
    save_artifact(&render(&[statement(0, 12, false)]), "statement");
    save_artifact(&render(&[statement(0, 12, true)]), "statement-plan");
}
