//! The printed payment plan agreement: parties, amounts, the installment schedule, terms and
//! signature lines. The schedule comes from the plan as given; the only money computed here
//! is the printed total, the sum of the given installments.

use crate::layout::{address_lines, date, fit, money, phone, wrap, Draw, BOLD, ITALIC, MARGIN, REGULAR, RIGHT};
use crate::pdf::{self, PageOps};
use chrono::NaiveDate;
use claimdesk_core::{Address, Money};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanAgreementData {
    pub practice_name: String,
    pub practice_address: Address,
    pub practice_phone: String,
    pub guarantor_name: String,
    pub guarantor_address: Address,
    pub account_number: String,
    pub plan_number: String,
    /// 1 for the original agreement, higher for amendments.
    pub version: u32,
    pub created: NaiveDate,
    /// The balance the plan covers (after the down payment).
    pub financed: Money,
    pub down_payment: Money,
    /// (number, due date, amount), in order.
    pub installments: Vec<(u32, NaiveDate, Money)>,
    /// "Monthly", "Every 2 weeks", "Weekly".
    pub frequency: String,
    /// Days after a due date before an unpaid installment makes the plan delinquent.
    pub grace_days: u32,
    /// Interest, what happens when late, how to pay (paragraphs separated by newlines).
    pub terms: String,
}

const BOTTOM: f32 = 730.0;
const ROW_H: f32 = 13.0;
/// The schedule table's columns.
const TABLE_X: f32 = MARGIN;
const TABLE_W: f32 = 300.0;

struct Flow {
    pages: Vec<PageOps>,
    y: f32,
}

impl Flow {
    fn page(&mut self) -> &mut PageOps {
        self.pages.last_mut().expect("a page")
    }

    /// Starts a new page when `height` more points do not fit.
    fn room(&mut self, height: f32, a: &PlanAgreementData) -> bool {
        if self.y + height <= BOTTOM {
            return false;
        }
        let mut p = PageOps::new();
        p.fill_color(pdf::BLACK);
        p.left(BOLD, 11.0, MARGIN, 50.0, "Payment Plan Agreement (continued)");
        p.right(REGULAR, 8.5, RIGHT, 50.0, &format!("Plan {} version {}", a.plan_number, a.version));
        p.hline(MARGIN, RIGHT, 56.0, 0.8);
        self.pages.push(p);
        self.y = 70.0;
        true
    }
}

pub fn plan_agreement_pdf(a: &PlanAgreementData) -> Vec<u8> {
    let mut first = PageOps::new();
    first.fill_color(pdf::BLACK);
    let mut f = Flow { pages: vec![first], y: 0.0 };
    header(&mut f, a);
    summary(&mut f, a);
    schedule(&mut f, a);
    terms(&mut f, a);
    signatures(&mut f, a);
    let total = f.pages.len();
    for (n, p) in f.pages.iter_mut().enumerate() {
        p.fill_color(pdf::BLACK);
        p.hline(MARGIN, RIGHT, 748.0, 0.5);
        p.left(
            REGULAR,
            7.5,
            MARGIN,
            760.0,
            &format!("{}  Plan {} version {}  Account {}", a.practice_name, a.plan_number, a.version, a.account_number),
        );
        p.right(REGULAR, 7.5, RIGHT, 760.0, &format!("Page {} of {total}", n + 1));
    }
    pdf::save("Payment plan agreement", f.pages.into_iter().map(PageOps::into_page).collect())
}

fn header(f: &mut Flow, a: &PlanAgreementData) {
    let p = f.page();
    let mut y = 48.0;
    p.left(BOLD, 12.0, MARGIN, y, &fit(BOLD, 12.0, 300.0, &a.practice_name));
    for line in address_lines(&a.practice_address).iter().chain([&phone(&a.practice_phone)]) {
        y += 11.0;
        p.left(REGULAR, 9.0, MARGIN, y, line);
    }
    p.right(BOLD, 15.0, RIGHT, 50.0, "PAYMENT PLAN AGREEMENT");
    p.right(REGULAR, 9.0, RIGHT, 66.0, &format!("Plan {}  version {}", a.plan_number, a.version));
    p.right(REGULAR, 9.0, RIGHT, 78.0, &format!("Date {}", date(a.created)));
    p.hline(MARGIN, RIGHT, 100.0, 1.0);

    // The guarantor.
    let mut y = 116.0;
    p.left(REGULAR, 8.0, MARGIN, y, "GUARANTOR (RESPONSIBLE PARTY)");
    p.left(REGULAR, 8.0, 330.0, y, "ACCOUNT NUMBER");
    p.left(BOLD, 10.0, 330.0, y + 13.0, &a.account_number);
    y += 13.0;
    p.left(BOLD, 10.0, MARGIN, y, &a.guarantor_name);
    for line in address_lines(&a.guarantor_address) {
        y += 12.0;
        p.left(REGULAR, 10.0, MARGIN, y, &line);
    }
    f.y = y + 18.0;
}

fn summary(f: &mut Flow, a: &PlanAgreementData) {
    let p = f.pages.last_mut().expect("a page");
    let top = f.y;
    let w = RIGHT - MARGIN;
    p.shade(MARGIN, top, w, 15.0);
    p.left(BOLD, 8.5, MARGIN + 6.0, top + 10.5, "PLAN SUMMARY");
    let total: Money = a.installments.iter().map(|i| i.2).sum();
    let first = a.installments.first().map(|i| date(i.1)).unwrap_or_default();
    let last = a.installments.last().map(|i| date(i.1)).unwrap_or_default();
    let rows = [
        ("Down payment", money(a.down_payment), "Frequency", a.frequency.clone()),
        ("Amount financed", money(a.financed), "Number of installments", a.installments.len().to_string()),
        ("Total of installments", money(total), "First payment due", first),
        ("Grace period", format!("{} days", a.grace_days), "Last payment due", last),
    ];
    let mut y = top + 15.0;
    for (l1, v1, l2, v2) in rows {
        y += 15.0;
        p.left(REGULAR, 9.0, MARGIN + 6.0, y - 4.0, l1);
        p.right(BOLD, 9.5, MARGIN + 250.0, y - 4.0, &v1);
        p.left(REGULAR, 9.0, 320.0, y - 4.0, l2);
        p.right(BOLD, 9.5, RIGHT - 6.0, y - 4.0, &v2);
    }
    p.boxed(MARGIN, top, w, y - top + 2.0, 0.8);
    f.y = y + 18.0;
}

fn schedule_header(p: &mut PageOps, y: f32, continued: bool) {
    p.left(BOLD, 9.5, TABLE_X, y - 4.0, if continued { "PAYMENT SCHEDULE (continued)" } else { "PAYMENT SCHEDULE" });
    p.shade(TABLE_X, y, TABLE_W, 14.0);
    p.boxed(TABLE_X, y, TABLE_W, 14.0, 0.6);
    p.left(BOLD, 8.5, TABLE_X + 6.0, y + 10.0, "Installment");
    p.left(BOLD, 8.5, TABLE_X + 90.0, y + 10.0, "Due date");
    p.right(BOLD, 8.5, TABLE_X + TABLE_W - 6.0, y + 10.0, "Amount");
}

fn schedule(f: &mut Flow, a: &PlanAgreementData) {
    f.room(14.0 + 3.0 * ROW_H + 14.0, a);
    f.y += 10.0;
    let y = f.y;
    schedule_header(f.page(), y, false);
    f.y += 14.0;
    for (n, (number, due, amount)) in a.installments.iter().enumerate() {
        if f.room(ROW_H + 14.0, a) {
            f.y += 10.0;
            let y = f.y;
            schedule_header(f.page(), y, true);
            f.y += 14.0;
        }
        let y = f.y;
        let p = f.page();
        if n % 2 == 1 {
            p.shade(TABLE_X, y, TABLE_W, ROW_H);
        }
        p.left(REGULAR, 9.0, TABLE_X + 6.0, y + 9.5, &number.to_string());
        p.left(REGULAR, 9.0, TABLE_X + 90.0, y + 9.5, &date(*due));
        p.right(REGULAR, 9.0, TABLE_X + TABLE_W - 6.0, y + 9.5, &money(*amount));
        f.y += ROW_H;
    }
    f.room(2.0 * ROW_H, a);
    let total: Money = a.installments.iter().map(|i| i.2).sum();
    let y = f.y;
    let p = f.page();
    p.hline(TABLE_X, TABLE_X + TABLE_W, y, 0.8);
    p.left(BOLD, 9.0, TABLE_X + 6.0, y + 11.0, "Total of installments");
    p.right(BOLD, 9.0, TABLE_X + TABLE_W - 6.0, y + 11.0, &money(total));
    f.y += ROW_H + 18.0;
}

fn terms(f: &mut Flow, a: &PlanAgreementData) {
    let width = RIGHT - MARGIN;
    f.room(30.0, a);
    let y = f.y;
    f.page().left(BOLD, 9.5, MARGIN, y, "TERMS");
    f.y += 14.0;
    for line in wrap(REGULAR, 9.0, width, &a.terms) {
        f.room(12.0, a);
        let y = f.y;
        f.page().left(REGULAR, 9.0, MARGIN, y, &line);
        f.y += 12.0;
    }
    f.y += 10.0;
}

fn signatures(f: &mut Flow, a: &PlanAgreementData) {
    // Both signature blocks stay together on one page.
    f.room(120.0, a);
    let mut y = f.y;
    let p = f.pages.last_mut().expect("a page");
    p.left(
        ITALIC,
        8.5,
        MARGIN,
        y,
        "By signing, the guarantor agrees to pay the installments above when due, and the practice agrees to the terms.",
    );
    y += 40.0;
    for (label, name) in
        [("Guarantor signature", a.guarantor_name.as_str()), ("For the practice", a.practice_name.as_str())]
    {
        p.hline(MARGIN, 360.0, y, 0.6);
        p.hline(400.0, RIGHT, y, 0.6);
        p.left(REGULAR, 8.0, MARGIN, y + 10.0, label);
        p.left(REGULAR, 8.0, 400.0, y + 10.0, "Date");
        p.left(ITALIC, 8.0, MARGIN + 110.0, y + 10.0, &fit(ITALIC, 8.0, 210.0, name));
        y += 44.0;
    }
    f.y = y;
}
