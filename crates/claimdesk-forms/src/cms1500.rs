//! `ClaimData` -> the text of each CMS-1500 (02/12) box, placed at its grid cell.
//!
//! This module knows the form's rules (NUCC / Medicare instructions as summarised in the
//! project's DOMAIN.md); it knows nothing about PDF. One claim gives one [`FormPage`] per six
//! service lines; every page repeats the claim's header boxes and carries its own box 28.

use crate::format::{date_mm_dd_yyyy, date_parts, fit, form_text, money_columns, name_text, phone_parts};
use crate::grid::{Cell, Grid};
use crate::{FormError, PaperSettings};
use chrono::NaiveDate;
use claimdesk_core::claims::{ClaimData, Frequency};
use claimdesk_core::paper::{
    fit_city, fit_city_state_zip, fit_first_last, fit_last_first, fit_organization, fit_plain, fit_street,
    service_location, widths, Fitted, FormRules,
};
use claimdesk_core::visits::ServiceLine;
use claimdesk_core::{Address, Money, PayerKind, Person, Policy, Relationship, Sex, TaxIdKind};

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
        PayerKind::Commercial | PayerKind::WorkersComp | PayerKind::Auto | PayerKind::Medigap | PayerKind::Other => {
            "Other"
        }
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

    /// Text shortened to its box by `claimdesk_core::paper` (cut only when it had to be).
    fn put_fitted(&mut self, box_id: &str, description: &str, fitted: Fitted) {
        self.put(box_id, description, &fitted.text);
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

/// The forms of one claim, in order. Refuses a claim the form cannot carry faithfully.
///
/// `amount_paid` (box 29) is what the caller says was paid on the claim's services (NUCC: the
/// patient and other payers; Medicare: the patient only, see `claimdesk_jobs::printing`). It
/// prints with the total, on the last form.
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

/// Everything but box 24 and box 28: the same on every page of the claim. Each box names
/// the instruction it follows: NUCC's 1500 Reference Instruction Manual (02/12 form) and,
/// for payers that follow Medicare's, CMS Pub. 100-04 ch. 26 §10.2-10.4 ("Medicare" below).
fn fill_header(s: &mut Sheet, c: &ClaimData, paper: &PaperSettings, print_date: NaiveDate) {
    let medicare = c.form_rules == FormRules::Medicare;
    // Carrier block: where the paper claim goes.
    let payer = &c.payer;
    s.put("carrier", "payer name", &name_text(&payer.name));
    if payer.address.line2.trim().is_empty() {
        s.put("carrier", "payer street", &name_text(&payer.address.line1));
    } else {
        s.put("carrier", "payer attention", &name_text(&payer.address.line1));
        s.put("carrier", "payer street", &name_text(&payer.address.line2));
    }
    s.put(
        "carrier",
        "payer city",
        &name_text(&format!("{} {} {}", payer.address.city, payer.address.state, payer.address.zip_display())),
    );

    // 1, 1a: the program billed and the patient's ID with it (NUCC 1, 1a).
    s.mark("1", &format!("{} X", box1_description(payer.kind)), true);
    s.put("1a", "insured's ID", &c.policy.member_id);

    // 2, 3, 5: the patient (NUCC 2: Last, First MI; 3: 8-digit birth date; 5: no punctuation).
    let p = &c.patient;
    s.put_fitted(
        "2",
        "patient name",
        fit_last_first(&p.last_name, &p.suffix, &p.first_name, &p.middle_name, widths::PATIENT_NAME),
    );
    s.date("3", "patient birth date ", p.birth_date, Year::Four);
    s.sex("3", "patient sex", p.sex);
    s.put_fitted("5", "patient street", fit_street(&p.address.line1, &p.address.line2, widths::PATIENT_STREET));
    s.put_fitted("5", "patient city", fit_city(&p.address.city, widths::PATIENT_CITY));
    s.put("5", "patient state", &p.address.state);
    s.put("5", "patient ZIP", &p.address.zip_display());
    let phone = if p.home_phone.trim().is_empty() { &p.cell_phone } else { &p.home_phone };
    if let Some((area, number)) = phone_parts(phone) {
        s.put("5", "patient phone area", &area);
        s.put("5", "patient phone number", &number);
    }

    // 4, 6, 7, 11, 11a, 11c, 11d: the insured.
    if medicare {
        fill_insured_medicare(s, c);
    } else {
        fill_insured_nucc(s, c);
    }
    // 9, 9a, 9d: the other insured.
    let medigap = if medicare { fill_other_insured_medicare(s, c) } else { fill_other_insured_nucc(s, c) };

    // 10a-c: condition related to ... (NUCC and Medicare alike: YES or NO in each).
    let cond = &c.visit.conditions;
    s.yes_no("10a", "employment", cond.employment);
    s.yes_no("10b", "auto accident", cond.auto_accident);
    if cond.auto_accident {
        s.put("10b", "auto accident state", &cond.auto_accident_state);
    }
    s.yes_no("10c", "other accident", cond.other_accident);

    // 12: signature on file, dated the day of printing (Medicare exempts 12 from the 6/8-digit
    // date rule). 13: NUCC: the insured's authorization of payment to the provider; Medicare:
    // it authorizes payment of mandated Medigap benefits, so only when item 9 names a Medigap.
    s.put("12", "patient signature", &paper.signature_on_file_text);
    s.put("12", "date signed", &date_mm_dd_yyyy(print_date));
    if !medicare || medigap {
        s.put("13", "insured signature", &paper.signature_on_file_text);
    }

    fill_dates(s, c, medicare);
    fill_referring(s, c, medicare);

    // 19: NUCC: additional claim information as the payer asks. Medicare: the x-ray date for
    // chiropractic services (when an x-ray showed the subluxation), 6 digits like the other dates.
    let v = &c.visit;
    let xray = v.last_xray_date.filter(|_| medicare && v.initial_treatment_date.is_some()).map(date_6);
    let info = [xray.unwrap_or_default(), v.additional_info.trim().to_string()];
    s.put(
        "19",
        "additional claim information",
        info.iter().filter(|t| !t.is_empty()).cloned().collect::<Vec<_>>().join(" ").as_str(),
    );
    // 21: ICD indicator 0 (ICD-10-CM) and up to 12 codes without their dots (NUCC 21).
    s.put("21", "ICD indicator", "0");
    for (i, code) in v.diagnoses.iter().enumerate() {
        let letter = char::from(b'A' + i as u8);
        s.put("21", &format!("diagnosis {letter}"), &code.replace('.', ""));
    }
    // 22: resubmission code 7/8 and the payer's original claim number (NUCC 22).
    if c.frequency != Frequency::Original {
        s.put("22", "resubmission code", c.frequency.code());
        s.put("22", "original ref", &c.original_reference);
    }
    // 23: prior authorization number (NUCC 23).
    s.put_fitted("23", "prior authorization", fit_plain(&v.prior_authorization, widths::PRIOR_AUTHORIZATION));

    // 25, 26, 27: tax ID without hyphens, the patient's account, assignment (NUCC 25-27).
    let practice = &c.practice;
    s.put("25", "federal tax ID", &practice.tax_id.replace(['-', ' '], ""));
    s.mark("25", "SSN X", practice.tax_id_kind == TaxIdKind::Ssn);
    s.mark("25", "EIN X", practice.tax_id_kind == TaxIdKind::Ein);
    s.put("26", "patient account", &p.account_number);
    s.yes_no("27", "accept assignment", c.accept_assignment);
    // 29 amount paid: see `form_pages` (the caller knows the payments).

    // 31: rendering provider with credentials, dated the day of printing (NUCC 31; Medicare
    // exempts 31 from the date rule).
    let r = &c.rendering;
    s.put_fitted(
        "31",
        "physician signature",
        fit_first_last(&r.first_name, &r.middle_name, &r.last_name, &r.credentials, widths::PHYSICIAN_SIGNATURE),
    );
    s.put("31", "date signed", &date_mm_dd_yyyy(print_date));

    // 32, 32a: where the services were rendered (see `paper::service_location`: Medicare wants
    // it for every place of service but home, even the office). NUCC 32a: the facility's NPI
    // only when it is not the billing provider's.
    if let Some((name, address, _)) = service_location(c) {
        let w = widths::SERVICE_FACILITY;
        s.put_fitted("32", "service facility name", fit_organization(name, w));
        s.put_fitted("32", "service facility street", fit_street(&address.line1, &address.line2, w));
        s.put_fitted("32", "service facility city", fit_city_state_zip(&address.city, &address.state, &address.zip, w));
    }
    if let Some(f) = c.facility.as_ref().filter(|f| f.npi != practice.npi) {
        s.put("32a", "service facility NPI", &f.npi);
    }

    // 33, 33a: billing provider. NUCC 33: the phone number without a hyphen or space inside
    // it (area code in its own place), the 9-digit ZIP without a hyphen.
    if let Some((area, number)) = phone_parts(&practice.phone) {
        s.put("33", "billing provider phone area", &area);
        s.put("33", "billing provider phone number", &number);
    }
    let w = widths::BILLING_PROVIDER;
    s.put_fitted("33", "billing provider name", fit_organization(&practice.name, w));
    s.put_fitted("33", "billing provider street", fit_street(&practice.address.line1, &practice.address.line2, w));
    s.put_fitted(
        "33",
        "billing provider city",
        fit_city_state_zip(&practice.address.city, &practice.address.state, &practice.address.zip, w),
    );
    s.put("33a", "billing provider NPI", &practice.npi);
}

/// NUCC 4, 6, 7, 11, 11a, 11c, 11d: the insured of the policy billed (the subscriber; a blank
/// address means the patient's), its group number and plan, and whether another plan exists.
fn fill_insured_nucc(s: &mut Sheet, c: &ClaimData) {
    let insured = &c.subscriber;
    s.put_fitted(
        "4",
        "insured name",
        fit_last_first(&insured.last_name, "", &insured.first_name, &insured.middle_name, widths::INSURED_NAME),
    );
    mark_relationship(s, c.relationship());
    let address = if insured.address.is_blank() { &c.patient.address } else { &insured.address };
    put_insured_address(s, address);
    let patient_phone =
        if c.patient.home_phone.trim().is_empty() { &c.patient.cell_phone } else { &c.patient.home_phone };
    let phone =
        if insured.phone.trim().is_empty() && insured.address.is_blank() { patient_phone } else { &insured.phone };
    if let Some((area, number)) = phone_parts(phone) {
        s.put("7", "insured phone area", &area);
        s.put("7", "insured phone number", &number);
    }
    s.put("11", "insured policy group", &c.policy.group_number);
    s.date("11a", "insured DOB ", insured.birth_date, Year::Four);
    s.sex("11a", "insured sex", insured.sex);
    // NUCC 1500 manual (02/12) item 11b "Other Claim ID": the qualifier Y4 (Agency Claim
    // Number, the property and casualty claim number) to the left of the dotted line, then
    // the number the auto or workers' compensation carrier gave the claim.
    if !c.property_casualty_claim_number.trim().is_empty() {
        s.put(
            "11b",
            "other claim ID (02/12; OpenEMR still prints employer/school name here)",
            &format!("Y4 {}", c.property_casualty_claim_number),
        );
    }
    s.put_fitted("11c", "insurance plan", fit_organization(&c.payer.name, widths::INSURED_POLICY));
    s.yes_no("11d", "another health benefit plan", c.other_coverage.is_some());
}

/// Medicare 11 is required: with no insurance primary to Medicare it says NONE and items 4,
/// 6, 7 and 11a-11c stay blank; when another plan pays first, 4, 6 and 7 name that plan's
/// insured (SAME when it is the patient), 11 its policy or group number, 11a the insured's
/// birth date and sex when not the patient's, 11c the primary payer. Medicare 11d: leave blank.
fn fill_insured_medicare(s: &mut Sheet, c: &ClaimData) {
    let primary = c.other_coverage.as_ref().filter(|_| c.payer_rank > 1);
    let Some(primary) = primary else {
        s.put("11", "insured policy group", "NONE");
        return;
    };
    let insured_is_patient = primary.policy.relationship == Relationship::Itself;
    let insured = &primary.subscriber;
    put_name_or_same(s, ("4", "insured name"), insured, insured_is_patient, widths::INSURED_NAME);
    mark_relationship(s, primary.policy.relationship);
    if insured_is_patient || insured.address.is_blank() || insured.address == c.patient.address {
        s.put("7", "insured street", "SAME");
    } else {
        put_insured_address(s, &insured.address);
        if let Some((area, number)) = phone_parts(&insured.phone) {
            s.put("7", "insured phone area", &area);
            s.put("7", "insured phone number", &number);
        }
    }
    let policy = &primary.policy;
    s.put("11", "insured policy group", policy_or_group_number(policy));
    if !insured_is_patient {
        s.date("11a", "insured DOB ", insured.birth_date, Year::Four);
        s.sex("11a", "insured sex", insured.sex);
    }
    s.put_fitted("11c", "insurance plan", fit_organization(&primary.payer.name, widths::INSURED_POLICY));
}

/// Medicare items 4 and 9: SAME when the insured is the patient, else `LAST, FIRST MI`.
fn put_name_or_same(s: &mut Sheet, (box_id, description): (&str, &str), who: &Person, is_patient: bool, width: usize) {
    if is_patient {
        s.put(box_id, description, "SAME");
    } else {
        s.put_fitted(box_id, description, fit_last_first(&who.last_name, "", &who.first_name, &who.middle_name, width));
    }
}

/// Medicare items 9a and 11: "the policy and/or group number": the group when the card has one.
fn policy_or_group_number(policy: &Policy) -> &str {
    if policy.group_number.trim().is_empty() {
        &policy.member_id
    } else {
        &policy.group_number
    }
}

fn mark_relationship(s: &mut Sheet, relationship: Relationship) {
    for (r, desc) in [
        (Relationship::Itself, "relationship self"),
        (Relationship::Spouse, "relationship spouse"),
        (Relationship::Child, "relationship child"),
        (Relationship::Other, "relationship other"),
    ] {
        s.mark("6", desc, relationship == r);
    }
}

fn put_insured_address(s: &mut Sheet, a: &Address) {
    s.put_fitted("7", "insured street", fit_street(&a.line1, &a.line2, widths::INSURED_STREET));
    s.put_fitted("7", "insured city", fit_city(&a.city, widths::INSURED_CITY));
    s.put("7", "insured state", &a.state);
    s.put("7", "insured ZIP", &a.zip_display());
}

/// NUCC 9, 9a, 9d: when 11d is YES, the other insured, their policy or group number and plan.
fn fill_other_insured_nucc(s: &mut Sheet, c: &ClaimData) -> bool {
    if let Some(other) = &c.other_coverage {
        let o = &other.subscriber;
        s.put_fitted(
            "9",
            "other insured name",
            fit_last_first(&o.last_name, "", &o.first_name, &o.middle_name, widths::OTHER_INSURED),
        );
        s.put("9a", "other insured policy", &other.policy.member_id);
        s.put_fitted("9d", "other insured plan", fit_organization(&other.payer.name, widths::OTHER_INSURED));
    }
    false
}

/// Medicare 9: only a Medigap policy (other supplemental plans are not listed there): 9 the
/// enrollee's name or SAME, 9a the policy or group number preceded by MEDIGAP (or MG when
/// that does not fit), 9d the insurer's COBA Medigap ID (its name when it has none). Returns
/// whether a Medigap was named (item 13 then authorizes its payment).
fn fill_other_insured_medicare(s: &mut Sheet, c: &ClaimData) -> bool {
    let Some(gap) = c.other_coverage.as_ref().filter(|o| o.payer.kind == PayerKind::Medigap && c.payer_rank == 1)
    else {
        return false;
    };
    let o = &gap.subscriber;
    let is_patient = gap.policy.relationship == Relationship::Itself;
    put_name_or_same(s, ("9", "other insured name"), o, is_patient, widths::OTHER_INSURED);
    let number = policy_or_group_number(&gap.policy);
    let long = format!("MEDIGAP {}", form_text(number));
    let text = if long.len() <= widths::OTHER_INSURED { long } else { format!("MG {}", form_text(number)) };
    s.put("9a", "other insured policy", &text);
    if gap.payer.coba_id.trim().is_empty() {
        s.put_fitted("9d", "other insured plan", fit_organization(&gap.payer.name, widths::OTHER_INSURED));
    } else {
        s.put("9d", "other insured plan", &gap.payer.coba_id);
    }
    true
}

/// 14 and 15, in the same 6-digit MM DD YY as 24A (Medicare: the dates of items 11b, 14, 16,
/// 18, 19 and 24A in one format, 6 or 8 digits; NUCC allows either).
///
/// NUCC 14: the date of the current illness or injury (an accident's date when that is the
/// injury) with qualifier 431; 15: one other date, initial treatment (454) else latest x-ray
/// (455). Medicare 14: for chiropractic services the initiation of the course of treatment,
/// otherwise the date of the current illness or injury, and no qualifier (Medicare does not
/// use it; claims with one are returned as unprocessable, CO-16/MA130); 15: leave blank.
fn fill_dates(s: &mut Sheet, c: &ClaimData, medicare: bool) {
    let v = &c.visit;
    let illness = v.onset_date.or(v.conditions.accident_date);
    if medicare {
        if let Some(d) = v.initial_treatment_date.or(illness) {
            s.date("14", "date of current illness ", Some(d), Year::Two);
        }
        return;
    }
    if let Some(d) = illness {
        s.date("14", "date of current illness ", Some(d), Year::Two);
        s.put("14", "qualifier", "431");
    }
    let other_date = v.initial_treatment_date.map(|d| ("454", d)).or(v.last_xray_date.map(|d| ("455", d)));
    if let Some((qualifier, d)) = other_date {
        s.put("15", "other date qualifier", qualifier);
        s.date("15", "other date ", Some(d), Year::Two);
    }
}

/// 17, 17b. NUCC: the referring provider (DN). Medicare: for clinical laboratory and
/// diagnostic radiology services the ordering physician (DK), which is the performing
/// physician when no one else ordered them ("as often is the case with in-office clinical
/// laboratory tests, the performing physician's name and NPI shall appear in items 17 and 17b").
fn fill_referring(s: &mut Sheet, c: &ClaimData, medicare: bool) {
    let ordered = medicare && c.visit.lines.iter().any(|l| is_ordered_service(&l.code));
    let (qualifier, provider) = match (&c.referring, ordered) {
        (Some(r), true) => ("DK", r),
        (None, true) => ("DK", &c.rendering),
        (Some(r), false) => ("DN", r),
        (None, false) => return,
    };
    s.put("17", "referring provider qualifier", qualifier);
    s.put_fitted(
        "17",
        "referring provider name",
        fit_first_last(
            &provider.first_name,
            &provider.middle_name,
            &provider.last_name,
            &provider.credentials,
            widths::REFERRING_NAME,
        ),
    );
    s.put("17b", "referring provider NPI", &provider.npi);
}

/// CPT 70010-79999 (diagnostic radiology) and 80047-89398 (pathology and laboratory): the
/// services Medicare names as ordered (Pub. 100-04 ch. 26 item 17).
fn is_ordered_service(code: &str) -> bool {
    code.len() == 5 && code.chars().all(|c| c.is_ascii_digit()) && ("70010"..="89398").contains(&code)
}

/// `MMDDYY`: a date written inside a free-text box (19).
fn date_6(d: NaiveDate) -> String {
    let (mm, dd, _, yy) = date_parts(d);
    format!("{mm}{dd}{yy}")
}

/// One service line in row `n` (1-6) of box 24, with its shaded supplemental row above.
fn fill_line(s: &mut Sheet, c: &ClaimData, n: usize, line: &ServiceLine) {
    let b = |letter: &str| format!("24{letter}-line{n}");
    s.put(&format!("24-line{n}-shaded"), "supplemental", &line.supplemental);
    let from = line.service_from.or(c.visit.service_date);
    // 24A: 6-digit dates, like 14 and 15 (see `fill_dates`).
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
    // 24H (NUCC): the EPSDT referral code right-justified in the shaded area; Medicare: blank.
    if let Some(epsdt) = c.visit.epsdt.filter(|_| c.form_rules != FormRules::Medicare) {
        s.put(&format!("24H-line{n}-shaded"), "EPSDT referral code", epsdt.code());
    }
    s.put(&b("J"), "rendering provider NPI", &c.rendering.npi);
}
