//! Patient statements: one per guarantor, US Letter, for a standard double-window #10
//! envelope, with a tear-off remittance stub at the top.
//!
//! # Envelope geometry (all measurements from the top-left corner of the paper)
//!
//! The letter is folded in thirds (folds at 3 2/3 in = 264 pt and 7 1/3 in); the top third,
//! the remittance stub, faces the windows. A #10 envelope is 9 1/2 x 4 1/8 in; its windows,
//! measured from the envelope's left and top edges, vary a little between makers:
//! the return (upper) window is about 0.5-0.75 in from the left and 0.5 in from the top,
//! roughly 3 1/2 x 7/8-1 in; the recipient (lower) window is about 0.75-1.0 in from the left
//! and 2.0-2.5 in from the top, 4 1/2 x 1 1/8 in.
//!
//! ClaimDesk assumes the middle of those ranges with the stub pushed into the envelope's
//! top-left corner, then keeps the printed blocks 1/8 in (9 pt) inside each window on every
//! side, so the text stays visible when the paper slides a little in the envelope:
//!
//! | window | nominal window on the paper | printed (safe) area |
//! |---|---|---|
//! | return | 0.625 in left, 0.5 in top, 3.5 x 1.0 in: x 45-297, y 36-108 pt | x 54-288, y 45-99 pt ([`RETURN_SAFE`]) |
//! | recipient | 0.875 in left, 2.25 in top, 4.5 x 1.125 in: x 63-387, y 162-243 pt | x 72-378, y 171-234 pt ([`RECIPIENT_SAFE`]) |
//!
//! The practice's return address goes in the return area, the guarantor's name and address
//! in the recipient area (four lines of 10 pt on 12 pt leading use 171-220 pt, five lines
//! still fit). The stub's amounts and the remit-to address sit right of 5.5 in (396 pt),
//! clear of the recipient window even with the paper shifted, so only the two addresses show.
//! The dashed tear line is on the first fold, 264 pt from the top.

use crate::layout::{address_lines, date, fit, money, phone, wrap, Draw, BOLD, INCH, ITALIC};
use crate::layout::{MARGIN, PAGE_W, REGULAR, RIGHT};
use crate::pdf::{self, PageOps};
use claimdesk_core::statements::{StatementActivity, StatementSnapshot};
use claimdesk_core::Money;

/// A rectangle in points from the top-left corner of the paper.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Area {
    pub left: f32,
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
}

impl Area {
    pub fn contains(&self, x_min: f32, y_min: f32, x_max: f32, y_max: f32) -> bool {
        x_min >= self.left && x_max <= self.right && y_min >= self.top && y_max <= self.bottom
    }
}

/// Where the practice's return address is printed (the upper window, 1/8 in inside).
pub const RETURN_SAFE: Area = Area { left: 54.0, top: 45.0, right: 288.0, bottom: 99.0 };
/// Where the guarantor's name and address are printed (the lower window, 1/8 in inside).
pub const RECIPIENT_SAFE: Area = Area { left: 72.0, top: 171.0, right: 378.0, bottom: 234.0 };
/// The tear line between the stub and the statement: the first fold of a letter (11 in / 3).
pub const TEAR_LINE_Y: f32 = 11.0 * INCH / 3.0;
/// The stub's boxes and the remit-to address start here (5.5 in), right of the windows.
const STUB_RIGHT_X: f32 = 5.5 * INCH;

/// Renders the statements, in order, into one PDF: one or more pages each.
/// `progress(done, total)` is called after each statement.
pub fn statements_pdf(statements: &[StatementSnapshot], progress: &mut dyn FnMut(usize, usize)) -> Vec<u8> {
    let mut pages = Vec::with_capacity(statements.len());
    for (i, s) in statements.iter().enumerate() {
        pages.extend(statement_pages(s).into_iter().map(PageOps::into_page));
        progress(i + 1, statements.len());
    }
    if pages.is_empty() {
        pages.push(PageOps::new().into_page());
    }
    pdf::save("Patient statements", pages)
}

/// Activity table geometry.
const ROW_H: f32 = 12.0;
const TABLE_FONT: f32 = 8.5;
const COL_DATE: f32 = MARGIN + 3.0;
const COL_PATIENT: f32 = 92.0;
const COL_DESCRIPTION: f32 = 196.0;
const COL_PENDING: f32 = 414.0;
const COL_CHARGES_RIGHT: f32 = 508.0;
const COL_CREDITS_RIGHT: f32 = RIGHT - 3.0;
/// The last row's bottom on any page (the footer is below).
const TABLE_BOTTOM: f32 = 724.0;
/// Leading of body text.
const LEADING: f32 = 11.0;

fn statement_pages(s: &StatementSnapshot) -> Vec<PageOps> {
    let mut first = PageOps::new();
    first.fill_color(pdf::BLACK);
    stub(&mut first, s);
    let top = body_summary(&mut first, s);
    let mut pages = vec![first];
    let mut y = table_header(pages.last_mut().expect("a page"), top);
    let any_pending = s.lines.iter().any(|l| l.insurance_pending);
    if s.lines.is_empty() {
        let page = pages.last_mut().expect("a page");
        page.left(ITALIC, TABLE_FONT, COL_DATE, y + 9.0, "No activity since your last statement.");
        y += ROW_H;
    }
    for (i, line) in s.lines.iter().enumerate() {
        // Keep room for the "continued" note (or the legend after the last row).
        if y + ROW_H > TABLE_BOTTOM - ROW_H {
            let page = pages.last_mut().expect("a page");
            page.left(BOLD, 8.5, COL_DATE, y + 10.0, "Continued on next page");
            let mut next = PageOps::new();
            next.fill_color(pdf::BLACK);
            let top = continuation_header(&mut next, s);
            y = table_header(&mut next, top);
            pages.push(next);
        }
        let page = pages.last_mut().expect("a page");
        if i % 2 == 1 {
            page.shade(MARGIN, y, RIGHT - MARGIN, ROW_H);
        }
        activity_row(page, line, y);
        y += ROW_H;
    }
    let page = pages.last_mut().expect("a page");
    page.hline(MARGIN, RIGHT, y, 0.5);
    if any_pending {
        page.left(
            ITALIC,
            7.5,
            COL_DATE,
            y + 10.0,
            "Pending: billed to your insurance and not yet paid or processed. Not due from you yet.",
        );
    }
    let total = pages.len();
    for (n, page) in pages.iter_mut().enumerate() {
        footer(page, s, n + 1, total);
    }
    pages
}

/// The top third: return address, recipient address, the amounts, remit-to, the tear line.
fn stub(p: &mut PageOps, s: &StatementSnapshot) {
    // Return address, in the upper window.
    let width = RETURN_SAFE.right - RETURN_SAFE.left;
    let mut y = RETURN_SAFE.top + 9.0;
    p.left(BOLD, 10.0, RETURN_SAFE.left, y, &fit(BOLD, 10.0, width, &s.practice_name));
    // 9 pt on 10 pt leading: name, two address lines, city and phone end by 96 pt.
    for line in address_lines(&s.practice_address).iter().chain([&phone(&s.practice_phone)]).take(4) {
        y += 10.0;
        p.left(REGULAR, 9.0, RETURN_SAFE.left, y, &fit(REGULAR, 9.0, width, line));
    }

    // Recipient, in the lower window.
    let width = RECIPIENT_SAFE.right - RECIPIENT_SAFE.left;
    let mut y = RECIPIENT_SAFE.top + 9.0;
    p.left(REGULAR, 10.0, RECIPIENT_SAFE.left, y, &fit(REGULAR, 10.0, width, &s.guarantor_name.to_uppercase()));
    for line in address_lines(&s.guarantor_address).iter().take(4) {
        y += 12.0;
        p.left(REGULAR, 10.0, RECIPIENT_SAFE.left, y, &fit(REGULAR, 10.0, width, &line.to_uppercase()));
    }

    // Left, between the windows: how to return the stub.
    p.left(ITALIC, 8.0, RETURN_SAFE.left, 128.0, "Please detach and return this portion with your payment.");
    p.left(ITALIC, 8.0, RETURN_SAFE.left, 139.0, "Write your account number on your check.");

    // Right: the stub's boxes.
    let x = STUB_RIGHT_X;
    let w = RIGHT - x;
    let half = w / 2.0;
    p.left(BOLD, 15.0, x, 52.0, "STATEMENT");
    let cell = |p: &mut PageOps, cx: f32, cy: f32, cw: f32, label: &str, value: &str, bold: bool| {
        p.boxed(cx, cy, cw, 24.0, 0.6);
        p.left(REGULAR, 6.5, cx + 3.0, cy + 7.5, label);
        p.left(if bold { BOLD } else { REGULAR }, 10.0, cx + 3.0, cy + 19.5, value);
    };
    cell(p, x, 60.0, half, "STATEMENT DATE", &date(s.statement_date), false);
    cell(p, x + half, 60.0, half, "PAYMENT DUE BY", &date(s.due_date), false);
    cell(p, x, 84.0, w, "ACCOUNT NUMBER", &fit(BOLD, 10.0, w - 6.0, &s.account_number), true);
    p.shade(x, 108.0, w, 28.0);
    p.boxed(x, 108.0, w, 28.0, 1.0);
    p.left(BOLD, 7.0, x + 3.0, 116.0, "AMOUNT DUE NOW");
    p.right(BOLD, 13.0, RIGHT - 4.0, 131.0, &money(s.amount_due_now));
    if let Some((installment, due)) = s.plan_installment {
        let label = if installment.is_zero() { "Next plan installment" } else { "Plan installment due" };
        p.left(REGULAR, 6.5, x + 3.0, 131.0, &format!("{label} {}", date(due)));
    }
    p.boxed(x, 136.0, w, 28.0, 0.6);
    p.left(REGULAR, 7.0, x + 3.0, 144.0, "AMOUNT ENCLOSED");
    p.left(BOLD, 12.0, x + 60.0, 159.0, "$");
    p.hline(x + 70.0, RIGHT - 6.0, 160.0, 0.6);

    // Remit-to, under the boxes.
    p.left(REGULAR, 6.5, x, 178.0, "MAKE CHECKS PAYABLE AND MAIL TO:");
    let mut y = 190.0;
    p.left(BOLD, 9.0, x, y, &fit(BOLD, 9.0, w, &s.practice_name));
    for line in address_lines(&s.remit_to) {
        y += 10.5;
        p.left(REGULAR, 9.0, x, y, &fit(REGULAR, 9.0, w, &line));
    }

    // Tear line on the first fold.
    p.center(ITALIC, 7.0, PAGE_W / 2.0, TEAR_LINE_Y - 5.0, "Detach here and return the top portion with your payment");
    p.stroke(pdf::MID_GRAY, 0.8);
    p.dash(Some((4.0, 3.0)));
    p.line((18.0, TEAR_LINE_Y), (PAGE_W - 18.0, TEAR_LINE_Y));
    p.dash(None);
}

/// Header, account summary, aging, message and payment options. Returns where the activity
/// table starts.
fn body_summary(p: &mut PageOps, s: &StatementSnapshot) -> f32 {
    let top = TEAR_LINE_Y + 28.0;
    p.left(BOLD, 12.0, MARGIN, top, &fit(BOLD, 12.0, 300.0, &s.practice_name));
    p.right(
        REGULAR,
        8.5,
        RIGHT,
        top,
        &format!("Statement date {}   Account {}", date(s.statement_date), s.account_number),
    );
    p.left(REGULAR, 9.0, MARGIN, top + 13.0, &fit(REGULAR, 9.0, 360.0, &format!("Statement for {}", s.guarantor_name)));
    p.hline(MARGIN, RIGHT, top + 18.0, 1.0);

    // Account summary, left.
    let (x, w) = (MARGIN, 270.0);
    let label_x = x + 6.0;
    let value_right = x + w - 6.0;
    let box_top = top + 26.0;
    p.shade(x, box_top, w, 15.0);
    p.left(BOLD, 8.5, label_x, box_top + 10.5, "ACCOUNT SUMMARY");
    let new_charges: Money = s.lines.iter().filter_map(|l| l.charges).sum();
    let credits: Money = s.lines.iter().filter_map(|l| l.credits).sum();
    let mut y = box_top + 15.0;
    let row = |p: &mut PageOps, label: &str, value: String, font, size: f32, y: &mut f32| {
        *y += 14.0;
        p.left(font, size, label_x, *y - 3.5, label);
        p.right(font, size, value_right, *y - 3.5, &value);
    };
    row(p, "Previous balance", money(s.previous_balance), REGULAR, 9.0, &mut y);
    // Previous balance + pending then + charges - credits - pending now = your balance: without
    // this row a statement after insurance paid would not add up.
    if !s.previous_insurance_pending.is_zero() {
        row(p, "Insurance pending on last statement", money(s.previous_insurance_pending), REGULAR, 9.0, &mut y);
    }
    row(p, "New charges", money(new_charges), REGULAR, 9.0, &mut y);
    row(p, "Payments and adjustments", money(-credits), REGULAR, 9.0, &mut y);
    row(p, "Insurance pending", money(s.insurance_pending), REGULAR, 9.0, &mut y);
    y += 9.0;
    p.left(ITALIC, 7.5, label_x + 8.0, y - 2.0, "(billed to your insurance \u{2014} not due yet)");
    p.hline(label_x, value_right, y + 2.0, 0.5);
    row(p, "Your balance (patient balance)", money(s.patient_balance), BOLD, 9.0, &mut y);
    if let Some((installment, due)) = s.plan_installment {
        // On a plan with this cycle's installment already paid nothing is asked for now.
        let label = if installment.is_zero() {
            format!("Payment plan: paid up; next installment due {}", date(due))
        } else {
            format!("Payment plan installment due {}", date(due))
        };
        row(p, &label, money(installment), REGULAR, 9.0, &mut y);
    }
    y += 4.0;
    p.shade(x + 2.0, y, w - 4.0, 20.0);
    p.left(BOLD, 11.0, label_x, y + 14.5, "AMOUNT DUE NOW");
    p.right(BOLD, 11.0, value_right, y + 14.5, &money(s.amount_due_now));
    y += 22.0;
    p.boxed(x, box_top, w, y - box_top, 0.8);
    let left_end = y;

    // Aging, right.
    let x = x + w + 18.0;
    let w = RIGHT - x;
    p.left(BOLD, 8.5, x, box_top + 10.5, "AGING OF YOUR BALANCE");
    let buckets = [
        ("Current", s.aging.current),
        ("31-60 days", s.aging.days_31_60),
        ("61-90 days", s.aging.days_61_90),
        ("Over 90 days", s.aging.over_90),
    ];
    let bw = w / 4.0;
    let at = box_top + 15.0;
    for (k, (label, amount)) in buckets.iter().enumerate() {
        let bx = x + bw * k as f32;
        p.shade(bx, at, bw, 13.0);
        p.boxed(bx, at, bw, 32.0, 0.6);
        p.center(BOLD, 7.5, bx + bw / 2.0, at + 9.5, label);
        p.center(REGULAR, 9.5, bx + bw / 2.0, at + 26.0, &money(*amount));
    }
    let mut y = at + 32.0 + 8.0;

    // Message.
    let message = wrap(BOLD, 9.0, w - 12.0, &s.message);
    if !message.is_empty() {
        let h = message.len() as f32 * LEADING + 8.0;
        p.boxed(x, y, w, h, 1.0);
        for (k, line) in message.iter().enumerate() {
            p.left(BOLD, 9.0, x + 6.0, y + 12.5 + k as f32 * LEADING, line);
        }
        y += h + 8.0;
    }

    // Payment options and contact.
    p.left(BOLD, 8.5, x, y + 8.0, "HOW TO PAY");
    y += 8.0;
    for line in wrap(REGULAR, 8.0, w, &s.payment_options).iter().take(6) {
        y += 10.0;
        p.left(REGULAR, 8.0, x, y, line);
    }
    y += 12.0;
    let contact = format!("Questions? Call {} at {}.", s.practice_name, phone(&s.practice_phone));
    for line in wrap(ITALIC, 8.0, w, &contact) {
        p.left(ITALIC, 8.0, x, y, &line);
        y += 10.0;
    }
    let right_end = y;

    let table_top = left_end.max(right_end) + 10.0;
    p.left(BOLD, 9.5, MARGIN, table_top + 10.0, "ACCOUNT ACTIVITY");
    table_top + 15.0
}

/// The top of pages 2 and on.
fn continuation_header(p: &mut PageOps, s: &StatementSnapshot) -> f32 {
    p.left(BOLD, 12.0, MARGIN, 50.0, &fit(BOLD, 12.0, 300.0, &s.practice_name));
    p.right(
        REGULAR,
        8.5,
        RIGHT,
        50.0,
        &format!("Statement date {}   Account {}", date(s.statement_date), s.account_number),
    );
    p.left(REGULAR, 9.0, MARGIN, 63.0, &fit(REGULAR, 9.0, 360.0, &format!("Statement for {}", s.guarantor_name)));
    p.hline(MARGIN, RIGHT, 68.0, 1.0);
    p.left(BOLD, 9.5, MARGIN, 86.0, "ACCOUNT ACTIVITY (continued)");
    91.0
}

/// The column headings; returns the top of the first row.
fn table_header(p: &mut PageOps, top: f32) -> f32 {
    p.fill_color(pdf::BLACK);
    p.boxed(MARGIN, top, RIGHT - MARGIN, 14.0, 0.6);
    let y = top + 10.0;
    p.left(BOLD, 8.0, COL_DATE, y, "Date");
    p.left(BOLD, 8.0, COL_PATIENT, y, "Patient");
    p.left(BOLD, 8.0, COL_DESCRIPTION, y, "Description");
    p.left(BOLD, 8.0, COL_PENDING, y, "Insurance");
    p.right(BOLD, 8.0, COL_CHARGES_RIGHT, y, "Charges");
    p.right(BOLD, 8.0, COL_CREDITS_RIGHT, y, "Credits");
    top + 14.0
}

fn activity_row(p: &mut PageOps, line: &StatementActivity, y: f32) {
    let b = y + 8.8;
    p.left(REGULAR, TABLE_FONT, COL_DATE, b, &date(line.date));
    p.left(
        REGULAR,
        TABLE_FONT,
        COL_PATIENT,
        b,
        &fit(REGULAR, TABLE_FONT, COL_DESCRIPTION - COL_PATIENT - 6.0, &line.patient),
    );
    p.left(
        REGULAR,
        TABLE_FONT,
        COL_DESCRIPTION,
        b,
        &fit(REGULAR, TABLE_FONT, COL_PENDING - COL_DESCRIPTION - 6.0, &line.description),
    );
    if line.insurance_pending {
        p.left(ITALIC, TABLE_FONT, COL_PENDING, b, "Pending");
    }
    if let Some(c) = line.charges {
        p.right(REGULAR, TABLE_FONT, COL_CHARGES_RIGHT, b, &money(c));
    }
    if let Some(c) = line.credits {
        p.right(REGULAR, TABLE_FONT, COL_CREDITS_RIGHT, b, &money(c));
    }
}

fn footer(p: &mut PageOps, s: &StatementSnapshot, page: usize, pages: usize) {
    p.fill_color(pdf::BLACK);
    p.hline(MARGIN, RIGHT, 740.0, 0.5);
    let address = address_lines(&s.practice_address).join(", ");
    p.left(
        REGULAR,
        7.5,
        MARGIN,
        752.0,
        &fit(REGULAR, 7.5, 430.0, &format!("{}, {}  {}", s.practice_name, address, phone(&s.practice_phone))),
    );
    p.right(REGULAR, 7.5, RIGHT, 752.0, &format!("Page {page} of {pages}"));
    if page < pages {
        p.right(ITALIC, 7.5, RIGHT, 762.0, "continued");
    }
}
