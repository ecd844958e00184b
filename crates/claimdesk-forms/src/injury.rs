//! Documents of an injury case for the patient's attorney: the itemized attorney statement
//! (every visit's lines with charge, payments, adjustments and balance) and the lien / letter
//! of protection (the practice is paid from the settlement; signed by patient and attorney).
//! All figures are given (the store reads them from the ledger); nothing is computed here but
//! layout.

use crate::layout::{address_lines, date, fit, money, phone, wrap, Draw, BOLD, ITALIC, MARGIN, REGULAR, RIGHT};
use crate::pdf::{self, PageOps};
use chrono::NaiveDate;
use claimdesk_core::{Address, Money};

/// Who and what the case is, printed at the top of both documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseHeader {
    pub practice_name: String,
    pub practice_address: Address,
    pub practice_phone: String,
    pub document_date: NaiveDate,
    pub patient_name: String,
    pub patient_birth_date: Option<NaiveDate>,
    pub account_number: String,
    /// "Personal injury (attorney)", "Auto accident (MedPay)" ...
    pub case_kind: String,
    pub injury_date: NaiveDate,
    /// The carrier's claim number (blank when none).
    pub claim_number: String,
    pub attorney_name: String,
    pub attorney_firm: String,
    pub attorney_address: Address,
    pub attorney_phone: String,
}

/// One service line of the statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementLine {
    pub date: NaiveDate,
    pub code: String,
    pub description: String,
    pub charge: Money,
    pub payments: Money,
    pub adjustments: Money,
    pub balance: Money,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttorneyStatementData {
    pub header: CaseHeader,
    pub lines: Vec<StatementLine>,
    pub total_charges: Money,
    pub total_payments: Money,
    pub total_adjustments: Money,
    pub balance: Money,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LienLetterData {
    pub header: CaseHeader,
    /// The balance of the case to the letter's date.
    pub balance: Money,
}

const ROW_H: f32 = 13.0;
const BOTTOM: f32 = 740.0;
// Columns of the itemized table (x of the left edge, or of the right edge for amounts).
const C_DATE: f32 = MARGIN + 4.0;
const C_CODE: f32 = MARGIN + 66.0;
const C_DESC: f32 = MARGIN + 116.0;
const C_CHARGE: f32 = 390.0;
const C_PAID: f32 = 450.0;
const C_ADJ: f32 = 510.0;
const C_BAL: f32 = RIGHT - 4.0;

struct Flow {
    pages: Vec<PageOps>,
    y: f32,
}

impl Flow {
    fn new() -> Flow {
        let mut p = PageOps::new();
        p.fill_color(pdf::BLACK);
        Flow { pages: vec![p], y: 0.0 }
    }

    fn page(&mut self) -> &mut PageOps {
        self.pages.last_mut().expect("a page")
    }

    /// Starts a new page when `height` does not fit; true when it did.
    fn room(&mut self, height: f32, title: &str) -> bool {
        if self.y + height <= BOTTOM {
            return false;
        }
        let mut p = PageOps::new();
        p.fill_color(pdf::BLACK);
        p.left(BOLD, 10.0, MARGIN, 50.0, &format!("{title} (continued)"));
        self.pages.push(p);
        self.y = 66.0;
        true
    }
}

/// Practice at the top left, the title at the right, then the case's facts in two columns.
fn header(f: &mut Flow, h: &CaseHeader, title: &str) {
    let p = f.page();
    let mut y = 48.0;
    p.left(BOLD, 12.0, MARGIN, y, &fit(BOLD, 12.0, 300.0, &h.practice_name));
    for line in address_lines(&h.practice_address).iter().chain([&phone(&h.practice_phone)]) {
        y += 11.0;
        p.left(REGULAR, 9.0, MARGIN, y, line);
    }
    p.right(BOLD, 15.0, RIGHT, 50.0, title);
    p.right(REGULAR, 9.0, RIGHT, 66.0, &format!("Date {}", date(h.document_date)));
    p.hline(MARGIN, RIGHT, 100.0, 1.0);
    let left = [
        ("Patient", h.patient_name.clone()),
        ("Date of birth", h.patient_birth_date.map(date).unwrap_or_default()),
        ("Account", h.account_number.clone()),
        ("Case", h.case_kind.clone()),
        ("Date of injury", date(h.injury_date)),
        ("Claim number", h.claim_number.clone()),
    ];
    let mut y = 104.0;
    for (label, value) in left.iter().filter(|(_, v)| !v.trim().is_empty()) {
        y += 13.0;
        p.left(REGULAR, 8.0, MARGIN, y, label);
        p.left(BOLD, 9.5, MARGIN + 80.0, y, &fit(BOLD, 9.5, 190.0, value));
    }
    let mut ry = 104.0 + 13.0;
    let x = 320.0;
    p.left(REGULAR, 8.0, x, ry, "Attorney");
    let mut attorney = vec![h.attorney_name.clone(), h.attorney_firm.clone()];
    attorney.extend(address_lines(&h.attorney_address));
    attorney.push(phone(&h.attorney_phone));
    for line in attorney.iter().filter(|l| !l.trim().is_empty()) {
        p.left(BOLD, 9.5, x + 50.0, ry, &fit(BOLD, 9.5, RIGHT - x - 50.0, line));
        ry += 12.0;
    }
    f.y = y.max(ry) + 16.0;
}

fn table_header(p: &mut PageOps, y: f32) {
    p.shade(MARGIN, y, RIGHT - MARGIN, 14.0);
    p.left(BOLD, 8.0, C_DATE, y + 10.0, "Date");
    p.left(BOLD, 8.0, C_CODE, y + 10.0, "Code");
    p.left(BOLD, 8.0, C_DESC, y + 10.0, "Description");
    p.right(BOLD, 8.0, C_CHARGE, y + 10.0, "Charge");
    p.right(BOLD, 8.0, C_PAID, y + 10.0, "Payments");
    p.right(BOLD, 8.0, C_ADJ, y + 10.0, "Adjustments");
    p.right(BOLD, 8.0, C_BAL, y + 10.0, "Balance");
}

/// The itemized statement of a case's charges, payments, adjustments and balance.
pub fn attorney_statement_pdf(s: &AttorneyStatementData) -> Vec<u8> {
    const TITLE: &str = "ATTORNEY STATEMENT";
    let mut f = Flow::new();
    header(&mut f, &s.header, TITLE);
    let y = f.y;
    table_header(f.page(), y);
    f.y += 14.0;
    for (n, l) in s.lines.iter().enumerate() {
        if f.room(ROW_H, TITLE) {
            let y = f.y;
            table_header(f.page(), y);
            f.y += 14.0;
        }
        let y = f.y;
        let p = f.page();
        if n % 2 == 1 {
            p.shade(MARGIN, y, RIGHT - MARGIN, ROW_H);
        }
        let b = y + 9.5;
        p.left(REGULAR, 8.5, C_DATE, b, &date(l.date));
        p.left(REGULAR, 8.5, C_CODE, b, &l.code);
        p.left(REGULAR, 8.5, C_DESC, b, &fit(REGULAR, 8.5, C_CHARGE - C_DESC - 50.0, &l.description));
        p.right(REGULAR, 8.5, C_CHARGE, b, &money(l.charge));
        p.right(REGULAR, 8.5, C_PAID, b, &money(l.payments));
        p.right(REGULAR, 8.5, C_ADJ, b, &money(l.adjustments));
        p.right(REGULAR, 8.5, C_BAL, b, &money(l.balance));
        f.y += ROW_H;
    }
    f.room(5.0 * ROW_H + 40.0, TITLE);
    let y = f.y;
    let p = f.page();
    p.hline(MARGIN, RIGHT, y + 1.0, 0.8);
    let b = y + 12.0;
    p.left(BOLD, 9.0, C_DATE, b, "Totals");
    p.right(BOLD, 9.0, C_CHARGE, b, &money(s.total_charges));
    p.right(BOLD, 9.0, C_PAID, b, &money(s.total_payments));
    p.right(BOLD, 9.0, C_ADJ, b, &money(s.total_adjustments));
    p.right(BOLD, 9.0, C_BAL, b, &money(s.balance));
    let by = y + 24.0;
    p.shade(330.0, by, RIGHT - 330.0, 26.0);
    p.boxed(330.0, by, RIGHT - 330.0, 26.0, 1.0);
    p.left(BOLD, 9.0, 338.0, by + 17.0, "BALANCE DUE");
    p.right(BOLD, 13.0, RIGHT - 8.0, by + 18.0, &money(s.balance));
    p.left(
        ITALIC,
        8.5,
        MARGIN,
        by + 48.0,
        "Charges are itemized by date of service. Payments include insurance and settlement payments received.",
    );
    pdf::save("Attorney statement", f.pages.into_iter().map(PageOps::into_page).collect())
}

/// The letter of protection / lien: the patient directs the attorney to pay the practice's
/// charges from any settlement, judgment or verdict before paying the patient.
pub fn lien_letter_pdf(l: &LienLetterData) -> Vec<u8> {
    const TITLE: &str = "LIEN AND LETTER OF PROTECTION";
    let h = &l.header;
    let mut f = Flow::new();
    header(&mut f, h, TITLE);
    let firm =
        if h.attorney_firm.trim().is_empty() { String::new() } else { format!(" of {}", h.attorney_firm.trim()) };
    let paragraphs = [
        format!("To {}{}:", h.attorney_name.trim(), firm),
        format!(
            "{} is receiving care at {} for injuries from the incident of {}. The charges for this care to {} are {}, and further care may add to them.",
            h.patient_name.trim(),
            h.practice_name.trim(),
            date(h.injury_date),
            date(h.document_date),
            money(l.balance)
        ),
        format!(
            "I, {}, direct my attorney to pay {} directly, from any settlement, judgment or verdict of my claim, the full amount of its charges for my care, before any of it is paid to me. I grant {} a lien on that recovery for those charges.",
            h.patient_name.trim(),
            h.practice_name.trim(),
            h.practice_name.trim()
        ),
        "I understand that I remain responsible for these charges whatever the outcome of my claim, and that this agreement does not depend on a settlement being reached. If my attorney changes, I will give the new attorney this letter."
            .to_string(),
        format!(
            "The attorney agrees to honor this lien, to protect the practice's charges in any settlement, and to notify {} when the claim is settled or closed.",
            h.practice_name.trim()
        ),
    ];
    let width = RIGHT - MARGIN;
    for text in paragraphs {
        for line in wrap(REGULAR, 10.0, width, &text) {
            f.room(14.0, TITLE);
            let y = f.y;
            f.page().left(REGULAR, 10.0, MARGIN, y, &line);
            f.y += 14.0;
        }
        f.y += 8.0;
    }
    f.room(150.0, TITLE);
    let mut y = f.y + 30.0;
    let p = f.page();
    for (label, name) in
        [("Patient signature", h.patient_name.as_str()), ("Attorney signature", h.attorney_name.as_str())]
    {
        p.hline(MARGIN, 360.0, y, 0.6);
        p.hline(400.0, RIGHT, y, 0.6);
        p.left(REGULAR, 8.0, MARGIN, y + 10.0, label);
        p.left(REGULAR, 8.0, 400.0, y + 10.0, "Date");
        p.left(ITALIC, 8.0, MARGIN + 110.0, y + 10.0, &fit(ITALIC, 8.0, 210.0, name));
        y += 44.0;
    }
    p.left(ITALIC, 8.5, MARGIN, y, "Please sign and return a copy to the practice; keep a copy for your file.");
    pdf::save("Lien and letter of protection", f.pages.into_iter().map(PageOps::into_page).collect())
}
