//! `ClaimData` -> the text of each CMS-1500 (02/12) box, placed at its grid cell.
//!
//! This module knows the form's rules (NUCC / Medicare instructions as summarised in the
//! project's DOMAIN.md); it knows nothing about PDF. One claim gives one [`FormPage`] per six
//! service lines; every page repeats the claim's header boxes and carries its own box 28.

use crate::format::{
    date_mm_dd_yyyy, date_parts, first_mi_last, fit, form_text, last_first_mi, money_columns, name_text, phone_parts,
};
use crate::grid::{Cell, Grid};
use crate::{FormError, PaperSettings};
use chrono::NaiveDate;
use claimdesk_core::claims::{ClaimData, Frequency};
use claimdesk_core::visits::ServiceLine;
use claimdesk_core::{Address, Money, PayerKind, Relationship, Sex, TaxIdKind};

/// Service lines on one form (24, lines 1-6).
pub const LINES_PER_PAGE: usize = 6;
/// Diagnoses on one form (21 A-L).
pub const MAX_DIAGNOSES: usize = 12;
/// Printed in box 28 on all but the last page when the payer wants it.
pub const CONTINUED: &str = "CONTINUED";

/// One piece of text at one place of the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// Box and grid description, e.g. `1a insured's ID number` (for tests and debugging).
    pub field: String,
    pub cell: Cell,
    /// Exactly what is printed from the cell on; leading spaces right-justify amounts.
    pub text: String,
}

/// One printed form: page `page` of `pages` of a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormPage {
    pub page: usize,
    pub pages: usize,
    pub items: Vec<Placed>,
}

impl FormPage {
    /// The text printed in a field, looked up by the start of its `field` name.
    pub fn text(&self, field_prefix: &str) -> Option<&str> {
        self.items.iter().find(|p| p.field.starts_with(field_prefix)).map(|p| p.text.as_str())
    }
}

/// Box 1 check box for a payer kind. NUCC: "Other indicates health insurance including HMOs,
/// commercial insurance, automobile accident, liability, or workers' compensation"; Group
/// Health Plan is for employer / group coverage, which is what ClaimDesk's GroupHealth and
/// BCBS (almost always an employer plan) kinds stand for. FECA Black Lung is never chosen:
/// no payer kind is that federal program.
pub fn box1_description(kind: PayerKind) -> &'static str {
    match kind {
        PayerKind::Medicare => "Medicare",
        PayerKind::Medicaid => "Medicaid",
        PayerKind::Tricare => "TRICARE",
        PayerKind::Champva => "CHAMPVA",
        PayerKind::GroupHealth | PayerKind::Bcbs => "Group Health Plan",
        PayerKind::Commercial | PayerKind::WorkersComp | PayerKind::Auto | PayerKind::Other => "Other",
    }
}

/// How many forms a claim takes: one per six service lines, at least one.
pub fn pages_for(claim: &ClaimData) -> usize {
    claim.visit.lines.len().div_ceil(LINES_PER_PAGE).max(1)
}

/// Collects placed text for one page, cleaning and fitting it to the grid.
struct Sheet {
    grid: &'static Grid,
    items: Vec<Placed>,
}

impl Sheet {
    fn new() -> Sheet {
        Sheet { grid: Grid::cms1500(), items: Vec::with_capacity(128) }
    }

    /// Upper-case printable text, cut to the cell's width; blank text prints nothing.
    fn put(&mut self, box_id: &str, description: &str, text: &str) {
        let cell = self.grid.cell(box_id, description);
        let text = fit(&form_text(text), cell.width);
        self.place(box_id, description, cell, text);
    }

    /// Text already laid out for its cell (amounts with their leading spaces).
    fn put_exact(&mut self, box_id: &str, description: &str, text: String) {
        let cell = self.grid.cell(box_id, description);
        self.place(box_id, description, cell, text);
    }

    /// An `X` in a check box when `checked`.
    fn mark(&mut self, box_id: &str, description: &str, checked: bool) {
        if checked {
            self.put(box_id, description, "X");
        }
    }

    fn place(&mut self, box_id: &str, description: &str, cell: Cell, text: String) {
        if !text.trim().is_empty() {
            self.items.push(Placed { field: format!("{box_id} {description}"), cell, text });
        }
    }

    fn date(&mut self, box_id: &str, prefix: &str, date: Option<NaiveDate>, year: Year) {
        if let Some(d) = date {
            let (mm, dd, yyyy, yy) = date_parts(d);
            self.put(box_id, &format!("{prefix}MM"), &mm);
            self.put(box_id, &format!("{prefix}DD"), &dd);
            match year {
                Year::Four => self.put(box_id, &format!("{prefix}CCYY"), &yyyy),
                Year::Two => self.put(box_id, &format!("{prefix}YY"), &yy),
            }
        }
    }

    fn sex(&mut self, box_id: &str, prefix: &str, sex: Sex) {
        self.mark(box_id, &format!("{prefix} M X"), sex == Sex::M);
        self.mark(box_id, &format!("{prefix} F X"), sex == Sex::F);
    }

    fn yes_no(&mut self, box_id: &str, prefix: &str, yes: bool) {
        self.mark(box_id, &format!("{prefix} YES X"), yes);
        self.mark(box_id, &format!("{prefix} NO X"), !yes);
    }
}

#[derive(Clone, Copy)]
enum Year {
    Four,
    Two,
}

fn city_state_zip(a: &Address) -> String {
    name_text(&format!("{} {} {}", a.city, a.state, a.zip_display()))
}

fn street(a: &Address) -> String {
    name_text(&format!("{} {}", a.line1, a.line2))
}

/// The forms of one claim, in order. Refuses a claim the form cannot carry faithfully.
///
/// `amount_paid` (box 29) is what other payers paid on the claim's services: the primary's
/// payment on a secondary claim. It prints with the total, on the last form.
pub fn form_pages(
    claim: &ClaimData,
    paper: &PaperSettings,
    amount_paid: Option<Money>,
    print_date: NaiveDate,
) -> Result<Vec<FormPage>, FormError> {
    check_printable(claim)?;
    let mut header = Sheet::new();
    fill_header(&mut header, claim, paper, print_date);
    let pages = pages_for(claim);
    let mut out = Vec::with_capacity(pages);
    for (index, lines) in claim.visit.lines.chunks(LINES_PER_PAGE).enumerate() {
        let mut sheet = Sheet { grid: header.grid, items: header.items.clone() };
        for (i, line) in lines.iter().enumerate() {
            fill_line(&mut sheet, claim, i + 1, line);
        }
        let last = index + 1 == pages;
        if paper.continued_in_box_28 && !last {
            // The grid's width 8 is for an amount; the word needs 9 and box 28 has the room.
            let cell = Cell { width: CONTINUED.len() as u16, ..header.grid.cell("28", "total charge") };
            sheet.place("28", "total charge", cell, CONTINUED.to_string());
        } else {
            let total: Money = lines.iter().map(|l| l.charge).sum();
            let text = amount(claim, "28", header.grid.cell("28", "total charge"), total)?;
            sheet.put_exact("28", "total charge", text);
        }
        if let Some(paid) = amount_paid.filter(|_| last) {
            let text = amount(claim, "29", header.grid.cell("29", AMOUNT_PAID), paid)?;
            sheet.put_exact("29", AMOUNT_PAID, text);
        }
        out.push(FormPage { page: index + 1, pages, items: sheet.items });
    }
    Ok(out)
}

/// Box 29's field in the grid.
const AMOUNT_PAID: &str = "amount paid (%8.2f, '.' as space)";

fn amount(claim: &ClaimData, box_id: &str, cell: Cell, value: Money) -> Result<String, FormError> {
    money_columns(value, usize::from(cell.width)).ok_or_else(|| FormError::AmountDoesNotFit {
        control_number: claim.control_number.clone(),
        box_id: box_id.to_string(),
        amount: value.to_string(),
    })
}

fn check_printable(claim: &ClaimData) -> Result<(), FormError> {
    let control_number = || claim.control_number.clone();
    if claim.visit.lines.is_empty() {
        return Err(FormError::NoServiceLines { control_number: control_number() });
    }
    let diagnoses = claim.visit.diagnoses.len();
    if diagnoses > MAX_DIAGNOSES {
        return Err(FormError::TooManyDiagnoses { control_number: control_number(), count: diagnoses });
    }
    for (i, line) in claim.visit.lines.iter().enumerate() {
        if let Some(&p) = line.pointers.iter().find(|&&p| p == 0 || usize::from(p) > diagnoses) {
            return Err(FormError::BadPointer { control_number: control_number(), line: i + 1, pointer: p });
        }
        amount(claim, "24F", Grid::cms1500().cell("24F-line1", "charges"), line.charge)?;
    }
    if claim.total_charge != claim.lines_total() {
        return Err(FormError::TotalMismatch {
            control_number: control_number(),
            recorded: claim.total_charge.to_string(),
            lines: claim.lines_total().to_string(),
        });
    }
    Ok(())
}

/// Everything but box 24 and box 28: the same on every page of the claim.
fn fill_header(s: &mut Sheet, c: &ClaimData, paper: &PaperSettings, print_date: NaiveDate) {
    // Carrier block: where the paper claim goes.
    let payer = &c.payer;
    s.put("carrier", "payer name", &name_text(&payer.name));
    if payer.address.line2.trim().is_empty() {
        s.put("carrier", "payer street", &name_text(&payer.address.line1));
    } else {
        s.put("carrier", "payer attention", &name_text(&payer.address.line1));
        s.put("carrier", "payer street", &name_text(&payer.address.line2));
    }
    s.put("carrier", "payer city", &city_state_zip(&payer.address));

    // 1, 1a
    s.mark("1", &format!("{} X", box1_description(payer.kind)), true);
    s.put("1a", "insured's ID", &c.policy.member_id);

    // 2, 3, 5: the patient.
    let p = &c.patient;
    s.put("2", "patient name", &last_first_mi(&p.last_name, &p.suffix, &p.first_name, &p.middle_name));
    s.date("3", "patient birth date ", p.birth_date, Year::Four);
    s.sex("3", "patient sex", p.sex);
    s.put("5", "patient street", &street(&p.address));
    s.put("5", "patient city", &name_text(&p.address.city));
    s.put("5", "patient state", &p.address.state);
    s.put("5", "patient ZIP", &p.address.zip_display());
    let phone = if p.home_phone.trim().is_empty() { &p.cell_phone } else { &p.home_phone };
    if let Some((area, number)) = phone_parts(phone) {
        s.put("5", "patient phone area", &area);
        s.put("5", "patient phone number", &number);
    }

    // 4, 6, 7: the insured (the subscriber; a blank address means the patient's).
    let insured = &c.subscriber;
    s.put("4", "insured name", &last_first_mi(&insured.last_name, "", &insured.first_name, &insured.middle_name));
    let relationship = c.relationship();
    for (r, desc) in [
        (Relationship::Itself, "relationship self"),
        (Relationship::Spouse, "relationship spouse"),
        (Relationship::Child, "relationship child"),
        (Relationship::Other, "relationship other"),
    ] {
        s.mark("6", desc, relationship == r);
    }
    let insured_address = if insured.address.is_blank() { &p.address } else { &insured.address };
    s.put("7", "insured street", &street(insured_address));
    s.put("7", "insured city", &name_text(&insured_address.city));
    s.put("7", "insured state", &insured_address.state);
    s.put("7", "insured ZIP", &insured_address.zip_display());
    let insured_phone =
        if insured.phone.trim().is_empty() && insured.address.is_blank() { phone } else { &insured.phone };
    if let Some((area, number)) = phone_parts(insured_phone) {
        s.put("7", "insured phone area", &area);
        s.put("7", "insured phone number", &number);
    }

    // 9, 9a, 9d, 11d: the next coverage in line.
    if let Some(other) = &c.other_coverage {
        let o = &other.subscriber;
        s.put("9", "other insured name", &last_first_mi(&o.last_name, "", &o.first_name, &o.middle_name));
        s.put("9a", "other insured policy", &other.policy.member_id);
        s.put("9d", "other insured plan", &name_text(&other.payer.name));
    }
    s.yes_no("11d", "another health benefit plan", c.other_coverage.is_some());

    // 10a-c: condition related to ...
    let cond = &c.visit.conditions;
    s.yes_no("10a", "employment", cond.employment);
    s.yes_no("10b", "auto accident", cond.auto_accident);
    if cond.auto_accident {
        s.put("10b", "auto accident state", &cond.auto_accident_state);
    }
    s.yes_no("10c", "other accident", cond.other_accident);

    // 11, 11a, 11c
    s.put("11", "insured policy group", &c.policy.group_number);
    s.date("11a", "insured DOB ", insured.birth_date, Year::Four);
    s.sex("11a", "insured sex", insured.sex);
    s.put("11c", "insurance plan", &name_text(&payer.name));

    // 12, 13: signatures on file, dated the day of printing.
    s.put("12", "patient signature", &paper.signature_on_file_text);
    s.put("12", "date signed", &date_mm_dd_yyyy(print_date));
    s.put("13", "insured signature", &paper.signature_on_file_text);

    // 14: date of current illness or injury (an accident date is the injury's date), 431 onset.
    let v = &c.visit;
    if let Some(d) = v.onset_date.or(cond.accident_date) {
        s.date("14", "date of current illness ", Some(d), Year::Four);
        s.put("14", "qualifier", "431");
    }
    // 15: one other date: initial treatment (454), else latest x-ray (455).
    let other_date = v.initial_treatment_date.map(|d| ("454", d)).or(v.last_xray_date.map(|d| ("455", d)));
    if let Some((qualifier, d)) = other_date {
        s.put("15", "other date qualifier", qualifier);
        s.date("15", "other date ", Some(d), Year::Four);
    }

    // 17, 17b: referring provider.
    if let Some(r) = &c.referring {
        s.put("17", "referring provider qualifier", "DN");
        s.put(
            "17",
            "referring provider name",
            &first_mi_last(&r.first_name, &r.middle_name, &r.last_name, &r.credentials),
        );
        s.put("17b", "referring provider NPI", &r.npi);
    }

    // 19, 21, 22, 23
    s.put("19", "additional claim information", &v.additional_info);
    s.put("21", "ICD indicator", "0");
    for (i, code) in v.diagnoses.iter().enumerate() {
        let letter = char::from(b'A' + i as u8);
        s.put("21", &format!("diagnosis {letter}"), &code.replace('.', ""));
    }
    if c.frequency != Frequency::Original {
        s.put("22", "resubmission code", c.frequency.code());
        s.put("22", "original ref", &c.original_reference);
    }
    s.put("23", "prior authorization", &v.prior_authorization);

    // 25, 26, 27
    let practice = &c.practice;
    s.put("25", "federal tax ID", &practice.tax_id.replace(['-', ' '], ""));
    s.mark("25", "SSN X", practice.tax_id_kind == TaxIdKind::Ssn);
    s.mark("25", "EIN X", practice.tax_id_kind == TaxIdKind::Ein);
    s.put("26", "patient account", &p.account_number);
    s.yes_no("27", "accept assignment", c.accept_assignment);
    // 29 amount paid: only what other payers paid (see `form_pages`); ClaimDesk takes no
    // patient payments against a claim before it is sent.

    // 31: rendering provider, dated the day of printing.
    let r = &c.rendering;
    s.put("31", "physician signature", &first_mi_last(&r.first_name, &r.middle_name, &r.last_name, &r.credentials));
    s.put("31", "date signed", &date_mm_dd_yyyy(print_date));

    // 32, 32a: service facility.
    if let Some(f) = &c.facility {
        s.put("32", "service facility name", &name_text(&f.name));
        s.put("32", "service facility street", &street(&f.address));
        s.put("32", "service facility city", &city_state_zip(&f.address));
        s.put("32a", "service facility NPI", &f.npi);
    }

    // 33, 33a: billing provider. NUCC: no hyphen or parentheses in the phone number.
    if let Some((area, number)) = phone_parts(&practice.phone) {
        s.put("33", "billing provider phone area", &area);
        s.put("33", "billing provider phone exchange", &number[..3]);
        s.put("33", "billing provider phone line", &number[3..]);
    }
    s.put("33", "billing provider name", &name_text(&practice.name));
    s.put("33", "billing provider street", &street(&practice.address));
    s.put("33", "billing provider city", &city_state_zip(&practice.address));
    s.put("33a", "billing provider NPI", &practice.npi);
}

/// One service line in row `n` (1-6) of box 24, with its shaded supplemental row above.
fn fill_line(s: &mut Sheet, c: &ClaimData, n: usize, line: &ServiceLine) {
    let b = |letter: &str| format!("24{letter}-line{n}");
    s.put(&format!("24-line{n}-shaded"), "supplemental", &line.supplemental);
    let from = line.service_from.or(c.visit.service_date);
    s.date(&b("A"), "from ", from, Year::Two);
    s.date(&b("A"), "to ", line.service_to.or(from), Year::Two);
    s.put(&b("B"), "place of service", &c.visit.place_of_service);
    if line.emergency {
        s.put(&b("C"), "EMG", "Y");
    }
    s.put(&b("D"), "CPT", &line.code);
    s.put(&b("D"), "modifiers", &line.modifiers.iter().map(|m| m.trim()).collect::<Vec<_>>().join(" "));
    let pointers: String = line.pointers.iter().map(|&p| char::from(b'A' + p - 1)).collect();
    s.put(&b("E"), "diagnosis pointer", &pointers);
    let charge = money_columns(line.charge, usize::from(s.grid.cell(&b("F"), "charges").width)).unwrap_or_default();
    s.put_exact(&b("F"), "charges", charge);
    s.put(&b("G"), "days or units", &line.units.to_string());
    s.put(&b("J"), "rendering provider NPI", &c.rendering.npi);
}
