//! The claim scrubber: rules every claim passes before it can be sent.
//!
//! Rules are data: a code, a severity, the CMS-1500 box it concerns, a summary, and a check
//! function that says where (which field) and what exactly is wrong. A payer can relax or
//! turn off a rule, or make a warning an error, through `RuleOverride`s kept in the store.
//! Errors block submission; warnings must be acknowledged.
//!
//! Many of these are checks an X12 validator cannot make (check digits, sums, pointer
//! ranges, code-set membership, policy and timely-filing dates).

use crate::claims::{ClaimData, Frequency};
use crate::icd10::{self, CodeSet};
use crate::patients::Relationship;
use crate::plan_limits::AuthorizationStanding;
use crate::providers::PayerKind;
use crate::validation;
use crate::visits::{MAX_DIAGNOSES, MAX_MODIFIERS, MAX_POINTERS};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found on one claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    /// The CMS-1500 box, e.g. "24E".
    pub box_id: String,
    pub message: String,
    /// Where to fix it on the charge entry or patient screen: `diagnoses[2]`,
    /// `lines[1].pointers`, `patient.birth_date`, `policy.member_id` ...
    pub field: String,
}

/// A payer-specific change to a rule: a different severity, or `None` to turn it off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RuleOverride {
    pub rule: String,
    pub severity: Option<Severity>,
}

/// What a rule needs besides the claim.
pub struct Context<'a> {
    pub today: NaiveDate,
    pub codes: &'a CodeSet,
    /// Warn this many days before the timely-filing limit.
    pub timely_filing_warning_days: i64,
}

/// A place and a detail reported by a check.
struct Hit {
    field: String,
    detail: String,
}

fn hit(field: impl Into<String>, detail: impl Into<String>) -> Vec<Hit> {
    vec![Hit { field: field.into(), detail: detail.into() }]
}

fn none() -> Vec<Hit> {
    Vec::new()
}

type Check = fn(&ClaimData, &Context) -> Vec<Hit>;

/// A rule as shown in settings and documentation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RuleInfo {
    pub code: String,
    pub severity: Severity,
    pub box_id: String,
    pub summary: String,
}

pub struct Rule {
    pub code: &'static str,
    pub severity: Severity,
    pub box_id: &'static str,
    pub summary: &'static str,
    check: Check,
}

use crate::chiro_care::CarePhase;
use Severity::{Error, Warning};

/// Spinal manipulation codes that Medicare pays chiropractors for.
const CHIRO_CMT: [&str; 3] = ["98940", "98941", "98942"];

fn is_medicare(c: &ClaimData) -> bool {
    c.payer.kind == PayerKind::Medicare
}

fn is_chiro_cmt(code: &str) -> bool {
    CHIRO_CMT.contains(&code)
}

fn is_chiropractor(c: &ClaimData) -> bool {
    c.rendering.taxonomy.starts_with("111N")
}

/// The line's date of service (24A from, else the visit's).
fn line_date(c: &ClaimData, l: &crate::visits::ServiceLine) -> Option<chrono::NaiveDate> {
    l.service_from.or(c.visit.service_date)
}

/// The phase of care of the line, when the visit belongs to a care episode.
fn care_phase(c: &ClaimData, l: &crate::visits::ServiceLine) -> Option<CarePhase> {
    Some(c.care.as_ref()?.phase_on(line_date(c, l)?))
}

fn npi_problem(label: &str, npi: &str) -> Option<String> {
    validation::npi(label, npi).err()
}

pub const RULES: &[Rule] = &[
    // --- billing provider (boxes 25, 33) ---
    Rule {
        code: "BILLING_NPI",
        severity: Error,
        box_id: "33a",
        summary: "Billing provider NPI is missing or fails its check digit",
        check: |c, _| npi_problem("Billing NPI", &c.practice.npi).map_or_else(none, |m| hit("practice.npi", m)),
    },
    Rule {
        code: "BILLING_TAX_ID",
        severity: Error,
        box_id: "25",
        summary: "Federal tax ID must be 9 digits",
        check: |c, _| {
            validation::tax_id("Tax ID", &c.practice.tax_id).err().map_or_else(none, |m| hit("practice.tax_id", m))
        },
    },
    Rule {
        code: "BILLING_TAXONOMY",
        severity: Error,
        box_id: "33b",
        summary: "Billing provider taxonomy code is missing or malformed",
        check: |c, _| {
            validation::taxonomy("Billing taxonomy", &c.practice.taxonomy)
                .err()
                .map_or_else(none, |m| hit("practice.taxonomy", m))
        },
    },
    Rule {
        code: "BILLING_PO_BOX",
        severity: Error,
        box_id: "33",
        summary: "Billing provider address must be a street address, not a PO box",
        check: |c, _| {
            if c.practice.address.is_po_box() {
                hit("practice.address.line1", "The billing address is a PO box")
            } else {
                none()
            }
        },
    },
    Rule {
        code: "BILLING_ZIP_PLUS_4",
        severity: Error,
        box_id: "33",
        summary: "Billing provider ZIP code must have all nine digits (ZIP+4)",
        // 005010X222A1 2010AA N403: "the full 9-digit ZIP code is required"; NUCC item 33
        // asks for the 9-digit ZIP as well.
        check: |c, _| {
            if c.practice.address.has_zip_plus_4() {
                none()
            } else {
                hit("practice.address.zip", "The billing address has a 5-digit ZIP; enter the ZIP+4 in Practice setup")
            }
        },
    },
    Rule {
        code: "GROUP_NPI_IS_RENDERING",
        severity: Warning,
        box_id: "33a",
        summary: "A group bills with its own NPI, not the rendering provider's",
        check: |c, _| {
            let group = c.practice.billing_entity == crate::practice::BillingEntity::Group;
            if group && c.practice.npi == c.rendering.npi {
                hit("practice.npi", "The group NPI equals the rendering provider's NPI")
            } else {
                none()
            }
        },
    },
    // --- providers and facility (17, 24J, 31, 32) ---
    Rule {
        code: "RENDERING_NPI",
        severity: Error,
        box_id: "24J",
        summary: "Rendering provider NPI is missing or fails its check digit",
        check: |c, _| {
            npi_problem("Rendering NPI", &c.rendering.npi).map_or_else(none, |m| hit("rendering_provider_id", m))
        },
    },
    Rule {
        code: "RENDERING_TAXONOMY",
        severity: Warning,
        box_id: "24J",
        summary: "Rendering provider has no taxonomy code",
        check: |c, _| {
            if c.rendering.taxonomy.is_empty() {
                hit("rendering_provider_id", format!("{} has no taxonomy code on file", c.rendering.display_name()))
            } else {
                none()
            }
        },
    },
    Rule {
        code: "REFERRING_NPI",
        severity: Error,
        box_id: "17b",
        summary: "Referring provider NPI is missing or fails its check digit",
        check: |c, _| {
            c.referring
                .as_ref()
                .and_then(|r| npi_problem("Referring NPI", &r.npi))
                .map_or_else(none, |m| hit("referring_provider_id", m))
        },
    },
    Rule {
        code: "FACILITY_NPI",
        severity: Error,
        box_id: "32a",
        summary: "Service facility NPI fails its check digit",
        check: |c, _| {
            c.facility
                .as_ref()
                .filter(|f| !f.npi.is_empty())
                .and_then(|f| npi_problem("Facility NPI", &f.npi))
                .map_or_else(none, |m| hit("facility_id", m))
        },
    },
    Rule {
        code: "FACILITY_ZIP_PLUS_4",
        severity: Error,
        box_id: "32",
        summary: "Service facility ZIP code must have all nine digits (ZIP+4)",
        // 005010X222A1 2310C N403: the service facility's full 9-digit ZIP code is required.
        check: |c, _| match &c.facility {
            Some(f) if !f.address.has_zip_plus_4() => {
                hit("facility_id", format!("{} has a 5-digit ZIP; enter its ZIP+4 in Setup > Facilities", f.name))
            }
            _ => none(),
        },
    },
    // --- patient and insured (1a-11) ---
    Rule {
        code: "INSURED_ID",
        severity: Error,
        box_id: "1a",
        summary: "Insured's ID (member ID) is missing",
        check: |c, _| {
            if c.policy.member_id.trim().is_empty() {
                hit("policy.member_id", "The policy has no member ID")
            } else {
                none()
            }
        },
    },
    Rule {
        code: "PATIENT_BIRTH_DATE",
        severity: Error,
        box_id: "3",
        summary: "Patient birth date is missing or in the future",
        check: |c, ctx| match c.patient.birth_date {
            None => hit("patient.birth_date", "The patient has no birth date"),
            Some(d) if d > ctx.today => hit("patient.birth_date", "The patient's birth date is in the future"),
            _ => none(),
        },
    },
    Rule {
        code: "PATIENT_SEX_UNKNOWN",
        severity: Warning,
        box_id: "3",
        summary: "Patient sex is unknown; most payers require M or F",
        check: |c, _| {
            if c.patient.sex == crate::patients::Sex::U {
                hit("patient.sex", "Sex is recorded as unknown")
            } else {
                none()
            }
        },
    },
    Rule {
        code: "PATIENT_ADDRESS",
        severity: Error,
        box_id: "5",
        summary: "Patient address is incomplete",
        check: |c, _| {
            let a = &c.patient.address;
            if a.line1.is_empty() || a.city.is_empty() || a.state.is_empty() || a.zip.is_empty() {
                hit("patient.address", "Street, city, state and ZIP are all required")
            } else {
                none()
            }
        },
    },
    Rule {
        code: "INSURED_DETAILS",
        severity: Error,
        box_id: "4",
        summary: "Insured's name and birth date are required when the patient is not the insured",
        check: |c, _| {
            let s = &c.subscriber;
            if c.relationship() != Relationship::Itself
                && (s.last_name.is_empty() || s.first_name.is_empty() || s.birth_date.is_none())
            {
                hit("policy.subscriber", "The subscriber's name or birth date is missing")
            } else {
                none()
            }
        },
    },
    Rule {
        code: "MEDICARE_RELATIONSHIP",
        severity: Error,
        box_id: "6",
        summary: "Medicare beneficiaries are their own insured (relationship Self)",
        check: |c, _| {
            if is_medicare(c) && c.relationship() != Relationship::Itself {
                hit("policy.relationship", "A Medicare policy's insured is the patient")
            } else {
                none()
            }
        },
    },
    Rule {
        code: "PAYER_ADDRESS",
        severity: Warning,
        box_id: "carrier",
        summary: "Payer has no mailing address for paper claims",
        check: |c, _| {
            if c.payer.address.line1.is_empty() || c.payer.address.zip.is_empty() {
                hit("payer.address", format!("{} has no claims mailing address", c.payer.name))
            } else {
                none()
            }
        },
    },
    Rule {
        code: "SECONDARY_WITHOUT_PRIMARY",
        severity: Error,
        box_id: "11d",
        summary: "A secondary claim needs the primary's payment on file",
        check: |c, _| {
            if c.payer_rank > 1 && c.other_coverage.is_none() {
                hit("policy", "There is no primary policy for this secondary claim")
            } else {
                none()
            }
        },
    },
    Rule {
        code: "MEDICARE_SECONDARY_PAYER_TYPE",
        severity: Error,
        box_id: "11",
        summary:
            "Medicare as a secondary payer needs the Medicare secondary payer type (why the other plan pays first)",
        // 005010X222A1 2000B SBR05 and 2320 SBR05: required when the payer is Medicare and
        // Medicare is not the primary payer.
        check: |c, _| {
            let medicare_not_primary =
                |kind: PayerKind, rank: u8, msp: &str| kind == PayerKind::Medicare && rank > 1 && msp.trim().is_empty();
            if medicare_not_primary(c.payer.kind, c.payer_rank, &c.policy.msp_type) {
                return hit(
                    "policy.msp_type",
                    "Choose why Medicare pays second (e.g. 12 working aged) on the Medicare policy",
                );
            }
            match &c.other_coverage {
                Some(o) if c.payer_rank == 1 && medicare_not_primary(o.payer.kind, 2, &o.policy.msp_type) => hit(
                    "patient.policies",
                    "Medicare is the patient's second policy: choose why it pays second on the Medicare policy",
                ),
                _ => none(),
            }
        },
    },
    Rule {
        code: "MEDIGAP_COBA_ID",
        severity: Warning,
        box_id: "9d",
        summary: "A Medigap insurer should have Medicare's COBA Medigap ID for item 9d",
        // Pub. 100-04 ch. 26 item 9d: "Enter the Coordination of Benefits Agreement (COBA)
        // Medigap-based Identifier (ID)"; without it Medicare cannot cross the claim over.
        check: |c, _| match &c.other_coverage {
            Some(o) if is_medicare(c) && o.payer.kind == PayerKind::Medigap && o.payer.coba_id.trim().is_empty() => {
                hit(
                    "other_coverage.payer.coba_id",
                    format!(
                        "{} has no COBA Medigap ID: item 9d will carry its name and the crossover may fail",
                        o.payer.name
                    ),
                )
            }
            _ => none(),
        },
    },
    Rule {
        code: "EPSDT_INDICATOR",
        severity: Warning,
        box_id: "24H",
        summary: "A Medicaid well-child checkup (EPSDT) should carry the EPSDT indicator and referral code",
        // NUCC item 24H and 005010X222A1 2300 CRC (EPSDT referral) / SV111: Medicaid pays
        // EPSDT screenings for patients under 21 only when they are marked as such.
        check: |c, _| {
            let under_21 =
                crate::coding::age_on(c.patient.birth_date, c.first_service_date()).is_some_and(|age| age < 21);
            let checkup = c.visit.lines.iter().any(|l| crate::coding::preventive_ages(&l.code).is_some());
            if c.payer.kind == PayerKind::Medicaid && under_21 && checkup && c.visit.epsdt.is_none() {
                hit("epsdt", "Mark the visit as an EPSDT screening and say what became of the referral")
            } else {
                none()
            }
        },
    },
    // --- paper claim boxes ---
    Rule {
        code: "BOX_TEXT_TOO_LONG",
        severity: Warning,
        box_id: "2-33",
        summary: "A name or address is longer than its box on the paper claim, even abbreviated",
        // NUCC 1500 manual, general instructions: information must be entered within the
        // allotted space of each box. Widths are measured on the 02/12 form (`paper::widths`).
        check: |c, _| {
            crate::paper::overflowing_boxes(c)
                .into_iter()
                .map(|o| Hit {
                    field: o.field.into(),
                    detail: format!(
                        "Box {}: {} does not fit its {} characters and prints as {:?}",
                        o.box_id, o.what, o.width, o.printed
                    ),
                })
                .collect()
        },
    },
    // --- diagnoses (21) ---
    Rule {
        code: "NO_DIAGNOSIS",
        severity: Error,
        box_id: "21",
        summary: "At least one diagnosis is required",
        check: |c, _| {
            if c.visit.diagnoses.is_empty() {
                hit("diagnoses", "Enter the diagnosis (ICD-10-CM) for this visit")
            } else {
                none()
            }
        },
    },
    Rule {
        code: "TOO_MANY_DIAGNOSES",
        severity: Error,
        box_id: "21",
        summary: "At most 12 diagnoses (A-L) fit on a claim",
        check: |c, _| {
            if c.visit.diagnoses.len() > MAX_DIAGNOSES {
                hit("diagnoses", format!("{} diagnoses entered; the claim holds 12", c.visit.diagnoses.len()))
            } else {
                none()
            }
        },
    },
    Rule {
        code: "DIAGNOSIS_UNKNOWN",
        severity: Error,
        box_id: "21",
        summary: "Diagnosis is not an ICD-10-CM code of the bundled code year",
        check: |c, ctx| {
            c.visit
                .diagnoses
                .iter()
                .enumerate()
                .filter(|(_, d)| ctx.codes.get(d).is_none())
                .map(|(i, d)| Hit {
                    field: format!("diagnoses[{i}]"),
                    detail: format!("{d} is not an ICD-10-CM {} code", ctx.codes.year),
                })
                .collect()
        },
    },
    Rule {
        code: "DIAGNOSIS_NOT_BILLABLE",
        severity: Error,
        box_id: "21",
        summary: "Diagnosis is a category header, not a billable code",
        check: |c, ctx| {
            c.visit
                .diagnoses
                .iter()
                .enumerate()
                .filter(|(_, d)| ctx.codes.get(d).is_some_and(|x| !x.billable))
                .map(|(i, d)| Hit {
                    field: format!("diagnoses[{i}]"),
                    detail: format!("{d} has more specific codes below it; pick one"),
                })
                .collect()
        },
    },
    Rule {
        code: "DIAGNOSIS_DUPLICATE",
        severity: Error,
        box_id: "21",
        summary: "The same diagnosis is entered twice",
        check: |c, _| {
            let dx = &c.visit.diagnoses;
            dx.iter()
                .enumerate()
                .filter(|(i, d)| dx[..*i].iter().any(|e| icd10::normalize_code(e) == icd10::normalize_code(d)))
                .map(|(i, d)| Hit { field: format!("diagnoses[{i}]"), detail: format!("{d} is already entered") })
                .collect()
        },
    },
    Rule {
        code: "DIAGNOSIS_UNUSED",
        severity: Warning,
        box_id: "21",
        summary: "A diagnosis is not pointed to by any service line",
        check: |c, _| {
            (1..=c.visit.diagnoses.len().min(MAX_DIAGNOSES))
                .filter(|n| !c.visit.lines.iter().any(|l| l.pointers.contains(&(*n as u8))))
                .map(|n| Hit {
                    field: format!("diagnoses[{}]", n - 1),
                    detail: format!(
                        "Diagnosis {} ({}) is not used by any line",
                        crate::visits::pointer_letter(n as u8),
                        c.visit.diagnoses[n - 1]
                    ),
                })
                .collect()
        },
    },
    // --- service lines (24) ---
    Rule {
        code: "NO_LINES",
        severity: Error,
        box_id: "24",
        summary: "A claim needs at least one service line",
        check: |c, _| {
            if c.visit.lines.is_empty() {
                hit("lines", "Enter at least one procedure")
            } else {
                none()
            }
        },
    },
    Rule {
        code: "POINTER_MISSING",
        severity: Error,
        box_id: "24E",
        summary: "Every line points to at least one diagnosis",
        check: |c, _| {
            lines_where(
                c,
                |l| l.pointers.is_empty(),
                "pointers",
                |i, _| format!("Line {} has no diagnosis pointer", i + 1),
            )
        },
    },
    Rule {
        code: "POINTER_BEYOND_DIAGNOSES",
        severity: Error,
        box_id: "24E",
        summary: "A pointer refers to a diagnosis that is not entered",
        check: |c, _| {
            let n = c.visit.diagnoses.len();
            lines_where(
                c,
                |l| l.pointers.iter().any(|&p| p == 0 || p as usize > n),
                "pointers",
                |i, l| {
                    let bad: String = l
                        .pointers
                        .iter()
                        .filter(|&&p| p == 0 || p as usize > n)
                        .map(|&p| crate::visits::pointer_letter(p))
                        .collect();
                    format!("Line {} points to {bad}, but only {n} diagnoses are entered", i + 1)
                },
            )
        },
    },
    Rule {
        code: "TOO_MANY_POINTERS",
        severity: Error,
        box_id: "24E",
        summary: "At most 4 diagnosis pointers per line",
        check: |c, _| {
            lines_where(
                c,
                |l| l.pointers.len() > MAX_POINTERS,
                "pointers",
                |i, _| format!("Line {} has more than 4 pointers", i + 1),
            )
        },
    },
    Rule {
        code: "POINTER_REPEATED",
        severity: Error,
        box_id: "24E",
        summary: "A line points to the same diagnosis twice",
        check: |c, _| {
            lines_where(
                c,
                |l| l.pointers.iter().enumerate().any(|(i, p)| l.pointers[..i].contains(p)),
                "pointers",
                |i, _| format!("Line {} repeats a pointer", i + 1),
            )
        },
    },
    Rule {
        code: "PROCEDURE_CODE",
        severity: Error,
        box_id: "24D",
        summary: "Procedure code is not a CPT or HCPCS code",
        check: |c, _| {
            lines_where(
                c,
                |l| validation::procedure_code("Code", &l.code).is_err(),
                "code",
                |i, l| format!("Line {}: {:?} is not a CPT/HCPCS code", i + 1, l.code),
            )
        },
    },
    Rule {
        code: "MODIFIER_SHAPE",
        severity: Error,
        box_id: "24D",
        summary: "Modifiers are 2 letters or digits, at most 4 per line",
        check: |c, _| {
            lines_where(
                c,
                |l| {
                    l.modifiers.len() > MAX_MODIFIERS
                        || l.modifiers.iter().any(|m| m.len() != 2 || validation::modifier("Modifier", m).is_err())
                },
                "modifiers",
                |i, _| format!("Line {} has a malformed modifier or more than 4", i + 1),
            )
        },
    },
    Rule {
        code: "UNITS",
        severity: Error,
        box_id: "24G",
        summary: "Units must be at least 1 (and fit 3 digits)",
        check: |c, _| {
            lines_where(
                c,
                |l| l.units == 0 || l.units > 999,
                "units",
                |i, _| format!("Line {} has {} units", i + 1, c.visit.lines[i].units),
            )
        },
    },
    Rule {
        code: "CHARGE",
        severity: Error,
        box_id: "24F",
        summary: "Each line's charge must be more than 0.00",
        check: |c, _| {
            lines_where(
                c,
                |l| l.charge.is_zero() || l.charge.is_negative(),
                "charge",
                |i, l| format!("Line {} is charged {}", i + 1, l.charge),
            )
        },
    },
    Rule {
        code: "PLACE_OF_SERVICE",
        severity: Error,
        box_id: "24B",
        summary: "Place of service is not a CMS place-of-service code",
        check: |c, _| {
            if crate::place_of_service::is_known(&c.visit.place_of_service) {
                none()
            } else {
                hit("place_of_service", format!("{:?} is not a place-of-service code", c.visit.place_of_service))
            }
        },
    },
    Rule {
        code: "DUPLICATE_LINE",
        severity: Warning,
        box_id: "24",
        summary: "Two lines have the same date, code and modifiers",
        check: |c, _| {
            let l = &c.visit.lines;
            (0..l.len())
                .filter(|&i| {
                    l[..i].iter().any(|o| {
                        o.code == l[i].code && o.modifiers == l[i].modifiers && o.service_from == l[i].service_from
                    })
                })
                .map(|i| Hit {
                    field: format!("lines[{i}].code"),
                    detail: format!(
                        "Line {} repeats an earlier line; bill units instead, or add a modifier (e.g. 59, 76)",
                        i + 1
                    ),
                })
                .collect()
        },
    },
    Rule {
        code: "LINE_DATES",
        severity: Error,
        box_id: "24A",
        summary: "A line's 'to' date is before its 'from' date, or a date is missing",
        check: |c, _| {
            lines_where(
                c,
                |l| l.service_from.is_none() || matches!((l.service_from, l.service_to), (Some(f), Some(t)) if t < f),
                "service_from",
                |i, _| format!("Line {} has a missing or reversed date range", i + 1),
            )
        },
    },
    // --- dates ---
    Rule {
        code: "SERVICE_IN_FUTURE",
        severity: Error,
        box_id: "24A",
        summary: "Date of service is in the future",
        check: |c, ctx| {
            lines_where(
                c,
                |l| l.service_from.is_some_and(|d| d > ctx.today) || l.service_to.is_some_and(|d| d > ctx.today),
                "service_from",
                |i, _| format!("Line {} is dated in the future", i + 1),
            )
        },
    },
    Rule {
        code: "SERVICE_BEFORE_BIRTH",
        severity: Error,
        box_id: "24A",
        summary: "Date of service is before the patient's birth",
        check: |c, _| {
            let born = c.patient.birth_date;
            lines_where(
                c,
                |l| matches!((l.service_from, born), (Some(d), Some(b)) if d < b),
                "service_from",
                |i, _| format!("Line {} is before the patient was born", i + 1),
            )
        },
    },
    Rule {
        code: "OUTSIDE_POLICY_DATES",
        severity: Error,
        box_id: "24A",
        summary: "Date of service is outside the policy's effective dates",
        check: |c, _| {
            let (from, to) = (c.policy.effective_from, c.policy.effective_to);
            lines_where(
                c,
                |l| l.service_from.is_some_and(|d| from.is_some_and(|f| d < f) || to.is_some_and(|t| d > t)),
                "service_from",
                |i, _| format!("Line {} is outside {}'s coverage dates", i + 1, c.payer.name),
            )
        },
    },
    Rule {
        code: "TIMELY_FILING",
        severity: Error,
        box_id: "24A",
        summary: "Past the payer's timely-filing limit",
        check: |c, ctx| {
            let limit = c.payer.timely_filing_days;
            lines_where(
                c,
                |l| l.service_from.is_some_and(|d| (ctx.today - d).num_days() > limit),
                "service_from",
                |i, _| format!("Line {} is more than {limit} days old; {} will deny it as late", i + 1, c.payer.name),
            )
        },
    },
    Rule {
        code: "TIMELY_FILING_SOON",
        severity: Warning,
        box_id: "24A",
        summary: "Close to the payer's timely-filing limit",
        check: |c, ctx| {
            let limit = c.payer.timely_filing_days;
            lines_where(
                c,
                |l| {
                    l.service_from.is_some_and(|d| {
                        let age = (ctx.today - d).num_days();
                        age <= limit && age > limit - ctx.timely_filing_warning_days
                    })
                },
                "service_from",
                |i, _| format!("Line {} reaches the {limit}-day filing limit soon: send it now", i + 1),
            )
        },
    },
    // --- totals and resubmission (22, 28) ---
    Rule {
        code: "TOTAL_MATCHES_LINES",
        severity: Error,
        box_id: "28",
        summary: "Total charge equals the sum of the lines",
        check: |c, _| {
            // The recorded total is what box 28 and CLM02 print; it must not drift from the lines.
            let sum = c.lines_total();
            if sum == c.total_charge {
                none()
            } else {
                hit("lines", format!("Lines sum to {sum} but the claim total is {}", c.total_charge))
            }
        },
    },
    Rule {
        code: "CORRECTION_NEEDS_ORIGINAL",
        severity: Error,
        box_id: "22",
        summary: "A corrected or void claim needs the payer's original claim number",
        check: |c, _| {
            if c.frequency != Frequency::Original && c.original_reference.trim().is_empty() {
                hit("original_reference", "Enter the payer's claim number of the claim being corrected or voided")
            } else {
                none()
            }
        },
    },
    // --- conditions (10, 14, 15) ---
    Rule {
        code: "AUTO_ACCIDENT_STATE",
        severity: Error,
        box_id: "10b",
        summary: "An auto accident needs the state where it happened",
        check: |c, _| {
            let k = &c.visit.conditions;
            if k.auto_accident && validation::state("State", &k.auto_accident_state).is_err() {
                hit("conditions.auto_accident_state", "Enter the two-letter state of the auto accident")
            } else {
                none()
            }
        },
    },
    Rule {
        code: "ACCIDENT_DATE",
        severity: Warning,
        box_id: "14",
        summary: "An accident claim should carry the accident date",
        check: |c, _| {
            let k = &c.visit.conditions;
            if (k.auto_accident || k.other_accident || k.employment)
                && k.accident_date.is_none()
                && c.visit.onset_date.is_none()
            {
                hit("conditions.accident_date", "Enter the date of the accident or injury")
            } else {
                none()
            }
        },
    },
    Rule {
        code: "INJURY_ACCIDENT_INDICATOR",
        severity: Error,
        box_id: "10",
        summary: "A claim to an auto or workers' compensation carrier needs its accident question answered",
        check: |c, _| {
            // NUCC 1500 items 10a/10b and 837P CLM11 (related causes): an auto carrier pays
            // because of an auto accident (AA, with the state), a workers' compensation carrier
            // because of employment (EM); a claim without it is denied as not their liability.
            let k = &c.visit.conditions;
            match c.payer.kind {
                PayerKind::Auto if !k.auto_accident => hit(
                    "conditions.auto_accident",
                    format!("{} is an auto carrier: answer box 10b (auto accident) with the state, or put the visit on the injury case", c.payer.name),
                ),
                PayerKind::WorkersComp if !k.employment => hit(
                    "conditions.employment",
                    format!("{} is a workers' compensation carrier: answer box 10a (employment), or put the visit on the injury case", c.payer.name),
                ),
                _ => none(),
            }
        },
    },
    Rule {
        code: "PRIOR_AUTH_FORMAT",
        severity: Error,
        box_id: "23",
        summary: "Prior authorization number has characters payers refuse",
        check: |c, _| {
            let a = c.visit.prior_authorization.trim();
            if a.len() > 50 || !a.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-') {
                hit("prior_authorization", "Use letters, digits and dashes only (at most 50)")
            } else {
                none()
            }
        },
    },
    // --- visit limits and prior authorizations (`plan_limits`; counts from the visits entered) ---
    Rule {
        code: "AUTHORIZATION_MISSING",
        severity: Error,
        box_id: "23",
        summary: "The plan requires a prior authorization and none on file covers this visit",
        check: |c, _| {
            match &c.limits.authorization {
            AuthorizationStanding::Missing => hit(
                "policy.limits.authorizations",
                format!(
                    "{} requires a prior authorization and none on file covers {} and these services: add it to the patient's insurance",
                    c.payer.name,
                    c.visit.service_date.map(validation::us_date).unwrap_or_default()
                ),
            ),
            _ => none(),
        }
        },
    },
    Rule {
        code: "AUTHORIZATION_EXPIRED",
        severity: Error,
        box_id: "23",
        summary: "The plan requires a prior authorization and the one on file has ended",
        check: |c, _| match &c.limits.authorization {
            AuthorizationStanding::Expired { number, ended } => hit(
                "policy.limits.authorizations",
                format!(
                    "Authorization {number} ended {}: ask the plan for a new one or an extension",
                    validation::us_date(*ended)
                ),
            ),
            _ => none(),
        },
    },
    Rule {
        code: "AUTHORIZATION_USED_UP",
        severity: Error,
        box_id: "23",
        summary: "Every visit the authorization allows was used before this one",
        check: |c, _| {
            match &c.limits.authorization {
            AuthorizationStanding::UsedUp { number, visit_number, allowed } => hit(
                "policy.limits.authorizations",
                format!("Authorization {number} allows {allowed} visits and this is visit {visit_number}: ask the plan for more visits"),
            ),
            _ => none(),
        }
        },
    },
    Rule {
        code: "PLAN_YEAR_VISITS_EXCEEDED",
        severity: Warning,
        box_id: "24",
        summary: "The visit is beyond the plan's visit maximum for the plan year (the plan is likely to deny it)",
        check: |c, _| {
            match &c.limits.plan_year {
            Some(year) if year.left < 0 => hit(
                "policy.limits.visits_per_plan_year",
                format!(
                    "This is visit {} of the {} the plan allows this plan year: expect a denial (the patient may owe it; an ABN or waiver may apply)",
                    year.used, year.allowed
                ),
            ),
            _ => none(),
        }
        },
    },
    // --- coding edits: the code fits the diagnoses and the patient (tables in `coding.rs`) ---
    Rule {
        code: "CMT_REGIONS_NOT_SUPPORTED",
        severity: Error,
        box_id: "24D",
        summary: "Spinal manipulation billed for more regions than the subluxation diagnoses (M99.01-M99.05) show",
        check: |c, _| {
            // CPT 98940/98941/98942: spinal, 1-2 / 3-4 / 5 regions (cervical, thoracic, lumbar,
            // sacral, pelvic); each region treated is diagnosed at its level (Pub. 100-02 ch. 15
            // §240.1.2, §240.1.4). A higher level than the diagnoses show is denied as overcoded.
            let regions = crate::coding::spinal_regions(&c.visit.diagnoses);
            lines_where(
                c,
                |l| crate::coding::cmt_regions(&l.code).is_some_and(|(from, _)| regions < from),
                "code",
                |i, l| {
                    let (from, to) = crate::coding::cmt_regions(&l.code).unwrap_or_default();
                    let span = if from == to { from.to_string() } else { format!("{from}-{to}") };
                    let fix = match crate::coding::cmt_code_for_regions(regions) {
                        Some(code) => format!("bill {code}, or enter the subluxation of each region treated"),
                        None => "enter the subluxation (M99.01-M99.05) of each region treated".into(),
                    };
                    let n = i + 1;
                    format!("Line {n} ({}) is for {span} spinal regions, the diagnoses show {regions}: {fix}", l.code)
                },
            )
        },
    },
    Rule {
        code: "CMT_REGIONS_UNDERCODED",
        severity: Warning,
        box_id: "24D",
        summary: "Spinal manipulation billed for fewer regions than the subluxation diagnoses show",
        check: |c, _| {
            // CPT 98940-98942 count the regions treated. More subluxations diagnosed than the code
            // covers is paid, but at the lower level: a warning, since a region diagnosed may not
            // have been treated that day.
            let regions = crate::coding::spinal_regions(&c.visit.diagnoses);
            lines_where(
                c,
                |l| crate::coding::cmt_regions(&l.code).is_some_and(|(_, to)| regions > to),
                "code",
                |i, l| {
                    let level = crate::coding::cmt_code_for_regions(regions).unwrap_or("98942");
                    let n = i + 1;
                    format!(
                        "Line {n} ({}) is for fewer than the {regions} regions diagnosed: if all were treated, bill {level}",
                        l.code
                    )
                },
            )
        },
    },
    Rule {
        code: "CMT_EXTRASPINAL_DIAGNOSIS",
        severity: Warning,
        box_id: "24D",
        summary: "Extraspinal manipulation (98943) without an extraspinal subluxation (M99.00, M99.06-M99.09)",
        check: |c, _| {
            // CPT 98943: extraspinal, one or more regions (head, lower and upper extremities, rib
            // cage, abdomen): ICD-10-CM M99.00, M99.06-M99.09. A warning: an extremity may be
            // diagnosed with another code (a sprain, joint pain) the scrubber cannot place.
            // Medicare does not pay a chiropractor for 98943: CHIRO_MEDICARE_NOT_COVERED asks for GY/GA.
            if c.visit.diagnoses.iter().any(|d| crate::coding::is_extraspinal_subluxation(d)) {
                return none();
            }
            lines_where(
                c,
                |l| l.code == crate::coding::CMT_EXTRASPINAL,
                "code",
                |i, _| {
                    let n = i + 1;
                    format!("Line {n} (98943): enter the extraspinal subluxation treated (M99.00, M99.06-M99.09)")
                },
            )
        },
    },
    Rule {
        code: "PREVENTIVE_AGE_BAND",
        severity: Error,
        box_id: "24D",
        summary: "Preventive medicine code (99381-99397) does not fit the patient's age on the date of service",
        check: |c, _| {
            // CPT 99381-99387 / 99391-99397: under 1, 1-4, 5-11, 12-17, 18-39, 40-64, 65 and over,
            // at the date of service; payers deny the wrong band (CARC 6, procedure inconsistent
            // with the patient's age).
            let age = |l: &crate::visits::ServiceLine| {
                crate::coding::age_on(c.patient.birth_date, l.service_from.or(c.visit.service_date))
            };
            let misfit = |l: &crate::visits::ServiceLine| {
                let band = crate::coding::preventive_ages(&l.code)?;
                age(l).filter(|a| !band.contains(*a)).map(|a| (band, a))
            };
            lines_where(
                c,
                |l| misfit(l).is_some(),
                "code",
                |i, l| {
                    let Some((band, a)) = misfit(l) else { return String::new() };
                    let established = crate::coding::preventive_code(a, true);
                    let new = crate::coding::preventive_code(a, false);
                    format!(
                        "Line {} ({}) is for ages {band}; the patient was {a}: bill {established}, or {new} if new",
                        i + 1,
                        l.code
                    )
                },
            )
        },
    },
    Rule {
        code: "MEDICARE_ROUTINE_PHYSICAL",
        severity: Warning,
        box_id: "24D",
        summary: "Medicare does not pay routine physicals (99381-99397): bill G0402/G0438/G0439, or add GY",
        check: |c, _| {
            // Social Security Act §1862(a)(7), Pub. 100-02 ch. 16 §90: routine physical checkups
            // are excluded. Medicare pays the IPPE (G0402) and the annual wellness visit (G0438,
            // G0439) instead (Pub. 100-04 ch. 18). GY marks the line statutorily excluded, so
            // the patient or a secondary payer can be billed. A chiropractor's lines are
            // CHIRO_MEDICARE_NOT_COVERED's.
            if !is_medicare(c) || c.rendering.taxonomy.starts_with("111N") {
                return none();
            }
            lines_where(
                c,
                |l| crate::coding::preventive_ages(&l.code).is_some() && !l.modifiers.iter().any(|m| m == "GY"),
                "modifiers",
                |i, l| {
                    format!(
                        "Line {} ({}) is a routine physical, excluded by Medicare: bill G0402/G0438/G0439, or add GY",
                        i + 1,
                        l.code
                    )
                },
            )
        },
    },
    Rule {
        code: "IMMUNIZATION_COUNSELING_AGE",
        severity: Error,
        box_id: "24D",
        summary: "Vaccine administration with counseling (90460, 90461) is for patients through 18",
        check: |c, _| {
            // CPT 90460/90461: immunization administration through 18 years of age, with counseling
            // by the physician; from 19 the administration is 90471-90474.
            let ages = crate::coding::IMMUNIZATION_WITH_COUNSELING_AGES;
            let counseled =
                |l: &crate::visits::ServiceLine| crate::coding::IMMUNIZATION_WITH_COUNSELING.contains(&l.code.as_str());
            lines_where(
                c,
                |l| {
                    let age = crate::coding::age_on(c.patient.birth_date, l.service_from.or(c.visit.service_date));
                    counseled(l) && age.is_some_and(|a| !ages.contains(a))
                },
                "code",
                |i, l| format!("Line {} ({}) is for patients through 18: bill 90471-90474", i + 1, l.code),
            )
        },
    },
    Rule {
        code: "PROCEDURE_SEX",
        severity: Error,
        box_id: "24D",
        summary: "A procedure defined for one sex (G0101, Q0091 female; G0102, G0103 male) on a patient of the other",
        check: |c, _| {
            // G0101/Q0091: screening pelvic exam and Pap smear for women (NCD 210.2, Pub. 100-04
            // ch. 18 §30-40); G0102/G0103: prostate cancer screening for men (NCD 210.1). Payers
            // deny with CARC 7. KX on the line says the code is right for this patient (Pub.
            // 100-04 ch. 32 §240: the sex edits are bypassed).
            let sex = c.patient.sex;
            let conflict = |l: &crate::visits::ServiceLine| {
                let (defined_for, what) = crate::coding::procedure_sex(&l.code)?;
                let kx = l.modifiers.iter().any(|m| m == "KX");
                (crate::coding::sex_conflict(defined_for, sex) && !kx).then_some((defined_for, what))
            };
            lines_where(
                c,
                |l| conflict(l).is_some(),
                "code",
                |i, l| {
                    let (defined_for, what) = conflict(l).unwrap_or((sex, ""));
                    format!(
                        "Line {} ({}, {what}) is for {} patients; this patient is recorded {}: check both, or add KX",
                        i + 1,
                        l.code,
                        crate::coding::sex_word(defined_for),
                        crate::coding::sex_word(sex)
                    )
                },
            )
        },
    },
    Rule {
        code: "DIAGNOSIS_SEX",
        severity: Error,
        box_id: "21",
        summary: "A diagnosis for one sex (pregnancy O00-O9A, N70-N98 female; N40-N53 male) on a patient of the other",
        check: |c, _| {
            // ICD-10-CM chapter 15 (O00-O9A) is used on the maternal record only; chapter 14
            // blocks N40-N53 (male genital organs) and N70-N98 (female pelvic organs, genital
            // tract). Payers deny with CARC 10; KX on the lines that point to it bypasses the
            // edit (Pub. 100-04 ch. 32 §240).
            let sex = c.patient.sex;
            let kx_on_lines_for = |pointer: u8| {
                let mut lines = c.visit.lines.iter().filter(|l| l.pointers.contains(&pointer));
                lines.any(|l| l.modifiers.iter().any(|m| m == "KX"))
            };
            let mut hits = Vec::new();
            for (i, d) in c.visit.diagnoses.iter().enumerate() {
                let Some((defined_for, what)) = crate::coding::diagnosis_sex(d) else { continue };
                if crate::coding::sex_conflict(defined_for, sex) && !kx_on_lines_for((i + 1) as u8) {
                    hits.push(Hit {
                        field: format!("diagnoses[{i}]"),
                        detail: format!(
                            "{d} ({what}) is for {} patients; this patient is recorded {}: check both, or add KX",
                            crate::coding::sex_word(defined_for),
                            crate::coding::sex_word(sex)
                        ),
                    });
                }
            }
            hits
        },
    },
    // --- chiropractic under Medicare (payer settings can relax these) ---
    Rule {
        code: "CHIRO_MEDICARE_AT_MODIFIER",
        severity: Error,
        box_id: "24D",
        summary: "Medicare spinal manipulation (98940-98942) needs one of AT (active treatment), GA or GZ",
        check: |c, _| {
            // Pub. 100-04 ch. 12 §220 / Pub. 100-02 ch. 15 §240.1.3: a CMT line without AT is
            // denied as maintenance; AT with GA (or GZ) on one line is rejected by the MACs
            // (e.g. Palmetto, from 11/01/2015). A line on maintenance care is
            // CHIRO_MEDICARE_MAINTENANCE_GA_GZ's.
            if !is_medicare(c) {
                return none();
            }
            let count = |l: &crate::visits::ServiceLine| {
                l.modifiers.iter().filter(|m| matches!(m.as_str(), "AT" | "GA" | "GZ")).count()
            };
            lines_where(
                c,
                |l| is_chiro_cmt(&l.code) && care_phase(c, l) != Some(CarePhase::Maintenance) && count(l) != 1,
                "modifiers",
                |i, l| {
                    if count(l) > 1 {
                        format!("Line {} ({}) carries more than one of AT, GA and GZ: keep one", i + 1, l.code)
                    } else {
                        format!(
                            "Line {} ({}) needs modifier AT (active treatment), GA (ABN on file) or GZ",
                            i + 1,
                            l.code
                        )
                    }
                },
            )
        },
    },
    Rule {
        code: "CHIRO_MEDICARE_GA_NEEDS_ABN",
        severity: Error,
        box_id: "24D",
        summary: "Modifier GA says a valid ABN is on file on the date of service, but none is",
        check: |c, _| {
            // GA: a required ABN was issued (Pub. 100-04 ch. 30 §50); an ABN covers up to one
            // year (§50.14.3), so an expired one counts as none. With a care episode the
            // patient's ABNs are checked on each line's date and for its code; without one,
            // the visit's "ABN on file" box.
            if !is_medicare(c) {
                return none();
            }
            let problem = |l: &crate::visits::ServiceLine| -> Option<String> {
                if !l.modifiers.iter().any(|m| m == "GA") {
                    return None;
                }
                match (&c.care, line_date(c, l)) {
                    (Some(care), Some(day)) => care.abn_for(&l.code, day).err(),
                    _ => (!c.visit.abn_on_file).then(|| "no ABN is on file for this visit".to_string()),
                }
            };
            lines_where(
                c,
                |l| problem(l).is_some(),
                "modifiers",
                |i, l| {
                    format!(
                        "Line {} carries GA but {}: use GZ, or record the signed ABN",
                        i + 1,
                        problem(l).unwrap_or_default()
                    )
                },
            )
        },
    },
    Rule {
        code: "CHIRO_MEDICARE_SUBLUXATION",
        severity: Error,
        box_id: "21",
        summary: "Medicare spinal manipulation needs a subluxation (M99.0x) as the primary diagnosis",
        check: |c, _| {
            let cmt = c.visit.lines.iter().any(|l| is_chiro_cmt(&l.code));
            let primary_ok = c.visit.diagnoses.first().is_some_and(|d| icd10::normalize_code(d).starts_with("M99.0"));
            if is_medicare(c) && cmt && !primary_ok {
                hit("diagnoses[0]", "Put the subluxation code (M99.00-M99.09, level treated) first")
            } else {
                none()
            }
        },
    },
    Rule {
        code: "CHIRO_MEDICARE_INITIAL_TREATMENT",
        severity: Error,
        box_id: "14",
        summary: "Medicare spinal manipulation needs the initial treatment date (the care episode's initiation)",
        check: |c, _| {
            // Pub. 100-04 ch. 26 item 14 / ch. 12 §220: the initiation date of the course of
            // treatment; 837P 2300 DTP*454. Saving a visit linked to its care episode fills it.
            let cmt = c.visit.lines.iter().any(|l| is_chiro_cmt(&l.code));
            if is_medicare(c) && cmt && c.visit.initial_treatment_date.is_none() {
                hit(
                    "initial_treatment_date",
                    "Link the visit to its care episode, or enter the date this course of treatment began",
                )
            } else {
                none()
            }
        },
    },
    Rule {
        code: "CHIRO_MEDICARE_NOT_COVERED",
        severity: Warning,
        box_id: "24D",
        summary: "Medicare does not pay chiropractors for exams, x-rays or therapies: add GY (patient pays)",
        check: |c, _| {
            // SSA §1861(r)(5), Pub. 100-02 ch. 15 §30.5: a chiropractor's only covered service is
            // spinal manipulation; everything else is statutorily excluded: GY (GA/GZ when the
            // biller treats it as not reasonable and necessary instead).
            if !is_medicare(c) || !is_chiropractor(c) {
                return none();
            }
            lines_where(
                c,
                |l| !is_chiro_cmt(&l.code) && !l.modifiers.iter().any(|m| matches!(m.as_str(), "GA" | "GY" | "GZ")),
                "code",
                |i, l| {
                    format!("Line {} ({}) is not covered for chiropractors: add GY (statutorily excluded) or GA with an ABN", i + 1, l.code)
                },
            )
        },
    },
    Rule {
        code: "CHIRO_MEDICARE_AT_ON_MAINTENANCE",
        severity: Error,
        box_id: "24D",
        summary: "AT on spinal manipulation during maintenance care (never AT on maintenance)",
        check: |c, _| {
            // Pub. 100-02 ch. 15 §240.1.3: maintenance therapy is not active treatment; AT
            // must not be used. The phase is the care episode's on the line's date.
            if !is_medicare(c) {
                return none();
            }
            lines_where(
                c,
                |l| {
                    is_chiro_cmt(&l.code)
                        && care_phase(c, l) == Some(CarePhase::Maintenance)
                        && l.modifiers.iter().any(|m| m == "AT")
                },
                "modifiers",
                |i, l| {
                    format!(
                        "Line {} ({}) is maintenance care (the episode reached maximum improvement): remove AT, use GA with a signed ABN or GZ",
                        i + 1,
                        l.code
                    )
                },
            )
        },
    },
    Rule {
        code: "CHIRO_MEDICARE_MAINTENANCE_GA_GZ",
        severity: Error,
        box_id: "24D",
        summary: "Spinal manipulation during maintenance care needs GA (ABN on file) or GZ (none)",
        check: |c, _| {
            // Pub. 100-04 ch. 30 §50: maintenance care is expected to be denied as not
            // reasonable and necessary: GA when the beneficiary signed an ABN, GZ when not.
            if !is_medicare(c) {
                return none();
            }
            lines_where(
                c,
                |l| {
                    is_chiro_cmt(&l.code)
                        && care_phase(c, l) == Some(CarePhase::Maintenance)
                        && l.modifiers.iter().filter(|m| matches!(m.as_str(), "GA" | "GZ")).count() != 1
                },
                "modifiers",
                |i, l| {
                    format!(
                        "Line {} ({}) is maintenance care: add GA (signed ABN on file) or GZ (none), one of them",
                        i + 1,
                        l.code
                    )
                },
            )
        },
    },
    Rule {
        code: "CHIRO_MEDICARE_THERAPY_GP",
        severity: Warning,
        box_id: "24D",
        summary: "Therapy (97010-97799) billed to Medicare needs GP, with GY when a chiropractor furnished it",
        check: |c, _| {
            // Pub. 100-04 ch. 5 §20.1: "always therapy" codes carry a therapy modifier (GP
            // physical therapy) whoever furnishes them; by a chiropractor they are also
            // excluded (GY, CHIRO_MEDICARE_NOT_COVERED).
            if !is_medicare(c) || !is_chiropractor(c) {
                return none();
            }
            lines_where(
                c,
                |l| crate::chiro_care::is_therapy(&l.code) && !l.modifiers.iter().any(|m| m == "GP"),
                "modifiers",
                |i, l| {
                    format!(
                        "Line {} ({}) is a therapy: add GP (and GY, not a Medicare benefit from a chiropractor)",
                        i + 1,
                        l.code
                    )
                },
            )
        },
    },
];

/// One hit per line for which `bad` holds, pointing at `lines[i].<field>`.
fn lines_where(
    c: &ClaimData,
    bad: impl Fn(&crate::visits::ServiceLine) -> bool,
    field: &str,
    detail: impl Fn(usize, &crate::visits::ServiceLine) -> String,
) -> Vec<Hit> {
    c.visit
        .lines
        .iter()
        .enumerate()
        .filter(|(_, l)| bad(l))
        .map(|(i, l)| Hit { field: format!("lines[{i}].{field}"), detail: detail(i, l) })
        .collect()
}

pub fn rules() -> Vec<RuleInfo> {
    RULES
        .iter()
        .map(|r| RuleInfo {
            code: r.code.into(),
            severity: r.severity,
            box_id: r.box_id.into(),
            summary: r.summary.into(),
        })
        .collect()
}

/// Runs every rule on the claim, with the payer's overrides applied. Errors first.
pub fn scrub(claim: &ClaimData, ctx: &Context, overrides: &[RuleOverride]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for rule in RULES {
        let severity = match overrides.iter().find(|o| o.rule == rule.code) {
            Some(o) => match o.severity {
                Some(s) => s,
                None => continue,
            },
            None => rule.severity,
        };
        for h in (rule.check)(claim, ctx) {
            findings.push(Finding {
                rule: rule.code.into(),
                severity,
                box_id: rule.box_id.into(),
                message: h.detail,
                field: h.field,
            });
        }
    }
    findings.sort_by_key(|f| f.severity);
    findings
}

/// True when nothing blocks the claim.
pub fn is_clean(findings: &[Finding]) -> bool {
    !findings.iter().any(|f| f.severity == Severity::Error)
}
