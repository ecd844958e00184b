//! Payment receipts: a half page (the top 5.5 in of a US Letter sheet, with a dashed cut
//! line at the middle) when the payment fits, which is up to about ten applied lines;
//! longer ones continue down the page and onto further pages.

use crate::layout::{address_lines, date, fit, money, phone, Draw, BOLD, INCH, ITALIC, MARGIN, PAGE_W, REGULAR, RIGHT};
use crate::pdf::{self, PageOps};
use chrono::NaiveDate;
use claimdesk_core::{Address, Money};

/// One payment received. All figures are given; nothing is computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptData {
    pub practice_name: String,
    pub practice_address: Address,
    pub practice_phone: String,
    pub receipt_number: String,
    pub date: NaiveDate,
    pub received_from: String,
    pub patient: String,
    /// The guarantor's account (blank to leave out).
    pub account_number: String,
    /// "Cash", "Check 1234", "Card ending 4242".
    pub method: String,
    pub amount: Money,
    /// Visit / description and the amount applied to it.
    pub applied_to: Vec<(String, Money)>,
    /// Left on account as a credit.
    pub unapplied: Money,
    /// The account's patient balance after this payment.
    pub balance_after: Money,
}

/// The middle of the sheet: where a half-page receipt is cut.
const HALF_PAGE: f32 = 5.5 * INCH;
const ROW_H: f32 = 13.0;
const BOTTOM: f32 = 740.0;

pub fn receipt_pdf(r: &ReceiptData) -> Vec<u8> {
    let mut pages = vec![PageOps::new()];
    let p = pages.last_mut().expect("a page");
    p.fill_color(pdf::BLACK);

    // Practice, top-left; title, number and date, top-right.
    let mut y = 48.0;
    p.left(BOLD, 12.0, MARGIN, y, &fit(BOLD, 12.0, 300.0, &r.practice_name));
    for line in address_lines(&r.practice_address).iter().chain([&phone(&r.practice_phone)]) {
        y += 11.0;
        p.left(REGULAR, 9.0, MARGIN, y, line);
    }
    p.right(BOLD, 16.0, RIGHT, 50.0, "PAYMENT RECEIPT");
    p.right(REGULAR, 9.0, RIGHT, 66.0, &format!("Receipt no. {}", r.receipt_number));
    p.right(REGULAR, 9.0, RIGHT, 78.0, &format!("Date {}", date(r.date)));
    p.hline(MARGIN, RIGHT, 100.0, 1.0);

    // Who paid, how; the amount in a box.
    let mut y = 104.0;
    let details = [
        ("Received from", r.received_from.as_str()),
        ("Patient", r.patient.as_str()),
        ("Account", r.account_number.as_str()),
        ("Payment method", r.method.as_str()),
    ];
    for (label, value) in details.iter().filter(|(_, v)| !v.trim().is_empty()) {
        y += 14.0;
        p.left(REGULAR, 8.0, MARGIN, y, label);
        p.left(BOLD, 10.0, MARGIN + 90.0, y, &fit(BOLD, 10.0, 250.0, value));
    }
    let bx = 5.5 * INCH;
    p.shade(bx, 108.0, RIGHT - bx, 48.0);
    p.boxed(bx, 108.0, RIGHT - bx, 48.0, 1.0);
    p.left(BOLD, 8.0, bx + 6.0, 121.0, "AMOUNT RECEIVED");
    p.right(BOLD, 18.0, RIGHT - 8.0, 147.0, &money(r.amount));

    // Where it went.
    let mut y = y.max(156.0) + 14.0;
    p.shade(MARGIN, y, RIGHT - MARGIN, 14.0);
    p.left(BOLD, 8.5, MARGIN + 4.0, y + 10.0, "Applied to");
    p.right(BOLD, 8.5, RIGHT - 4.0, y + 10.0, "Amount");
    y += 14.0;
    for (description, amount) in &r.applied_to {
        if y + ROW_H > BOTTOM {
            pages.push(PageOps::new());
            let p = pages.last_mut().expect("a page");
            p.fill_color(pdf::BLACK);
            p.left(BOLD, 10.0, MARGIN, 50.0, &format!("Receipt no. {} (continued)", r.receipt_number));
            y = 62.0;
        }
        let p = pages.last_mut().expect("a page");
        p.left(REGULAR, 9.0, MARGIN + 4.0, y + 9.5, &fit(REGULAR, 9.0, 420.0, description));
        p.right(REGULAR, 9.0, RIGHT - 4.0, y + 9.5, &money(*amount));
        y += ROW_H;
    }
    if y + 3.0 * ROW_H + 30.0 > BOTTOM {
        pages.push(PageOps::new());
        y = 50.0;
    }
    let single_page = pages.len() == 1;
    let p = pages.last_mut().expect("a page");
    p.fill_color(pdf::BLACK);
    p.hline(MARGIN, RIGHT, y + 1.0, 0.5);
    y += ROW_H;
    p.left(REGULAR, 9.0, MARGIN + 4.0, y, "Unapplied (credit on your account)");
    p.right(REGULAR, 9.0, RIGHT - 4.0, y, &money(r.unapplied));
    y += ROW_H;
    p.left(BOLD, 9.0, MARGIN + 4.0, y, "Total received");
    p.right(BOLD, 9.0, RIGHT - 4.0, y, &money(r.amount));
    y += ROW_H + 4.0;
    p.left(BOLD, 10.0, MARGIN + 4.0, y, "Balance after this payment");
    p.right(BOLD, 10.0, RIGHT - 4.0, y, &money(r.balance_after));
    y += 22.0;
    p.left(ITALIC, 9.0, MARGIN, y, "Thank you for your payment. Please keep this receipt for your records.");

    // The cut line at the middle of the sheet, when the receipt fits the top half.
    if single_page && y + 12.0 < HALF_PAGE {
        p.stroke(pdf::MID_GRAY, 0.6);
        p.dash(Some((4.0, 3.0)));
        p.line((18.0, HALF_PAGE), (PAGE_W - 18.0, HALF_PAGE));
        p.dash(None);
    }
    pdf::save("Payment receipt", pages.into_iter().map(PageOps::into_page).collect())
}
