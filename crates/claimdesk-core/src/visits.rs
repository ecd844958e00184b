//! A visit (encounter): what was done for a patient on a date and why. Charge entry fills
//! one in; a claim is built from it for each payer in turn.

use crate::money::Money;
use crate::text::{self, max};
use crate::validation::{Invalid, Problems};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Most diagnoses a claim can carry (box 21 A-L, 837P HI).
pub const MAX_DIAGNOSES: usize = 12;
/// Most diagnosis pointers per service line (box 24E, SV107).
pub const MAX_POINTERS: usize = 4;
/// Most modifiers per service line (box 24D, SV101-3..6).
pub const MAX_MODIFIERS: usize = 4;

/// The limits of a visit's claim the charge entry screen shows before saving (the save
/// checks them again): diagnoses A-L, pointers and modifiers per line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct VisitLimits {
    pub max_diagnoses: usize,
    pub max_pointers: usize,
    pub max_modifiers: usize,
}

pub const VISIT_LIMITS: VisitLimits =
    VisitLimits { max_diagnoses: MAX_DIAGNOSES, max_pointers: MAX_POINTERS, max_modifiers: MAX_MODIFIERS };

/// One procedure on the visit (a row of box 24).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ServiceLine {
    pub id: Option<i64>,
    /// 24A from; defaults to the visit's date.
    pub service_from: Option<NaiveDate>,
    /// 24A to; blank = same day.
    pub service_to: Option<NaiveDate>,
    pub code: String,
    #[serde(default)]
    pub modifiers: Vec<String>,
    /// 1-based indexes into the visit's diagnoses, primary first (printed as letters A-L).
    #[serde(default)]
    pub pointers: Vec<u8>,
    pub units: u32,
    pub charge: Money,
    /// Why the charge differs from the fee schedule, when it does.
    #[serde(default)]
    pub charge_override_reason: String,
    /// Shaded line of box 24 (e.g. NDC `N4` + 11 digits).
    #[serde(default)]
    pub supplemental: String,
    #[serde(default)]
    pub emergency: bool,
}

/// Accident and employment questions of box 10 and their dates.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Conditions {
    pub employment: bool,
    pub auto_accident: bool,
    /// Two-letter state where the auto accident happened (10b).
    #[serde(default)]
    pub auto_accident_state: String,
    pub other_accident: bool,
    pub accident_date: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Visit {
    pub id: Option<i64>,
    pub patient_id: i64,
    pub service_date: Option<NaiveDate>,
    pub rendering_provider_id: i64,
    pub referring_provider_id: Option<i64>,
    pub facility_id: Option<i64>,
    /// Box 24B, CLM05-1: 11 office, 12 home ...
    pub place_of_service: String,
    /// ICD-10-CM codes with their dots, in order A-L; the first is the principal diagnosis.
    pub diagnoses: Vec<String>,
    pub lines: Vec<ServiceLine>,
    #[serde(default)]
    pub conditions: Conditions,
    /// Box 14 (qualifier 431): onset of current illness or injury.
    pub onset_date: Option<NaiveDate>,
    /// Box 15 qualifier 454 / DTP*454: initial treatment (Medicare chiropractic).
    pub initial_treatment_date: Option<NaiveDate>,
    /// Box 15 qualifier 455 / DTP*455: last x-ray.
    pub last_xray_date: Option<NaiveDate>,
    /// Box 23.
    #[serde(default)]
    pub prior_authorization: String,
    /// Box 19.
    #[serde(default)]
    pub additional_info: String,
    /// An Advance Beneficiary Notice is on file (lets maintenance care carry GA).
    #[serde(default)]
    pub abn_on_file: bool,
    /// The Medicare chiropractic care episode the visit belongs to (`chiro_care`). When set,
    /// the store fills `initial_treatment_date` from the episode's initiation date and
    /// `abn_on_file` from the patient's ABNs each time the visit is saved.
    #[serde(default)]
    pub episode_id: Option<i64>,
    /// A Medicaid Early and Periodic Screening, Diagnosis and Treatment (EPSDT) screening
    /// visit, with what became of the referral: box 24H and the 837P CRC*ZZ / SV111.
    #[serde(default)]
    pub epsdt: Option<EpsdtReferral>,
    /// The injury case the visit belongs to (auto, workers' compensation, attorney): saving
    /// the visit fills `conditions` from the case, so box 10 and the 837P follow it.
    /// Optional on the wire (absent = none).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub injury_case_id: Option<i64>,
}

/// The EPSDT referral outcome (NUCC item 24H shaded codes; 837P 2300 CRC03).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum EpsdtReferral {
    /// NU: no referral was needed.
    NoReferral,
    /// AV: a referral was offered and the patient refused it.
    Refused,
    /// S2: the patient is under treatment for the condition found.
    UnderTreatment,
    /// ST: a referral to new services was given.
    NewServices,
}

impl EpsdtReferral {
    pub const ALL: [EpsdtReferral; 4] =
        [EpsdtReferral::NoReferral, EpsdtReferral::Refused, EpsdtReferral::UnderTreatment, EpsdtReferral::NewServices];

    /// The condition code of 24H (shaded) and CRC03.
    pub fn code(self) -> &'static str {
        match self {
            EpsdtReferral::NoReferral => "NU",
            EpsdtReferral::Refused => "AV",
            EpsdtReferral::UnderTreatment => "S2",
            EpsdtReferral::NewServices => "ST",
        }
    }

    pub fn parse(code: &str) -> Option<EpsdtReferral> {
        EpsdtReferral::ALL.into_iter().find(|r| r.code() == code.trim().to_ascii_uppercase())
    }

    /// CRC02: Y when a referral was given (AV, S2, ST), N when none was (NU).
    pub fn referral_given(self) -> bool {
        self != EpsdtReferral::NoReferral
    }
}

impl Visit {
    pub fn total_charge(&self) -> Money {
        self.lines.iter().map(|l| l.charge).sum()
    }

    /// Checks what must hold for the visit to be saved at all. Billing problems (a header
    /// diagnosis, a pointer to nothing, a missing AT modifier) are left to the scrubber, so
    /// a visit can be saved as it was written and fixed from the scrubber's list.
    pub fn validated(&self) -> Result<Visit, Invalid> {
        let mut p = Problems::new();
        if self.patient_id <= 0 {
            p.add("patient_id", "Choose the patient");
        }
        if self.service_date.is_none() {
            p.add("service_date", "Date of service is required");
        }
        if self.rendering_provider_id <= 0 {
            p.add("rendering_provider_id", "Choose the rendering provider");
        }
        let pos = self.place_of_service.trim().to_string();
        if pos.len() != 2 || !pos.chars().all(|c| c.is_ascii_digit()) {
            p.add("place_of_service", "Place of service is a 2-digit code (11 = office)");
        }
        if self.diagnoses.len() > MAX_DIAGNOSES {
            p.add("diagnoses", format!("At most {MAX_DIAGNOSES} diagnoses (A-L)"));
        }
        let diagnoses: Vec<String> = self.diagnoses.iter().map(|d| crate::icd10::normalize_code(d)).collect();
        for (i, d) in diagnoses.iter().enumerate() {
            if !crate::icd10::looks_like_code(d) {
                p.add(format!("diagnoses[{i}]"), format!("{d:?} is not shaped like an ICD-10-CM code (e.g. J02.0)"));
            }
        }
        if self.lines.is_empty() {
            p.add("lines", "Enter at least one procedure");
        }
        let lines: Vec<ServiceLine> =
            self.lines.iter().enumerate().map(|(i, l)| l.validated(i, self.service_date, &mut p)).collect();
        let prior_authorization = text::single_line(
            "prior_authorization",
            "Prior authorization",
            &self.prior_authorization,
            max::PRIOR_AUTHORIZATION,
            &mut p,
        );
        let additional_info = text::single_line(
            "additional_info",
            "Additional claim information",
            &self.additional_info,
            max::ADDITIONAL_INFO,
            &mut p,
        );
        text::single_line(
            "conditions.auto_accident_state",
            "Auto accident state",
            &self.conditions.auto_accident_state,
            2,
            &mut p,
        );
        if self.conditions.auto_accident_state.trim().len() > 2 {
            p.add("conditions.auto_accident_state", "Use the two-letter state code");
        }
        p.into_result()?;
        Ok(Visit {
            place_of_service: pos,
            diagnoses,
            lines,
            prior_authorization: prior_authorization.to_ascii_uppercase(),
            additional_info,
            conditions: Conditions {
                auto_accident_state: self.conditions.auto_accident_state.trim().to_ascii_uppercase(),
                ..self.conditions.clone()
            },
            ..self.clone()
        })
    }
}

impl ServiceLine {
    fn validated(&self, i: usize, visit_date: Option<NaiveDate>, p: &mut Problems) -> ServiceLine {
        let field = |name: &str| format!("lines[{i}].{name}");
        let code = self.code.trim().to_ascii_uppercase();
        if code.is_empty() {
            p.add(field("code"), format!("Line {}: procedure code is required", i + 1));
        }
        let modifiers: Vec<String> =
            self.modifiers.iter().map(|m| m.trim().to_ascii_uppercase()).filter(|m| !m.is_empty()).collect();
        if modifiers.len() > MAX_MODIFIERS {
            p.add(field("modifiers"), format!("Line {}: at most {MAX_MODIFIERS} modifiers", i + 1));
        }
        if self.pointers.len() > MAX_POINTERS || self.pointers.iter().any(|&x| !(1..=12).contains(&x)) {
            p.add(field("pointers"), format!("Line {}: up to {MAX_POINTERS} pointers, each A-L", i + 1));
        }
        if self.units == 0 {
            p.add(field("units"), format!("Line {}: units must be at least 1", i + 1));
        }
        if self.charge.is_negative() {
            p.add(field("charge"), format!("Line {}: charge cannot be negative", i + 1));
        }
        let service_from = self.service_from.or(visit_date);
        if service_from.is_none() {
            p.add(field("service_from"), format!("Line {}: date of service is required", i + 1));
        }
        let charge_override_reason = text::single_line(
            &field("charge_override_reason"),
            &format!("Line {}: reason for the charge", i + 1),
            &self.charge_override_reason,
            max::REASON,
            p,
        );
        let supplemental = text::single_line(
            &field("supplemental"),
            &format!("Line {}: supplemental information", i + 1),
            &self.supplemental,
            max::SUPPLEMENTAL,
            p,
        );
        ServiceLine { service_from, code, modifiers, charge_override_reason, supplemental, ..self.clone() }
    }
}

/// Pointer 1 -> "A" ... 12 -> "L"; anything else is shown as "?".
pub fn pointer_letter(pointer: u8) -> char {
    if (1..=12).contains(&pointer) {
        (b'A' + pointer - 1) as char
    } else {
        '?'
    }
}

/// "A" -> 1 ... "L" -> 12, as billers type pointers.
pub fn parse_pointer(letter: char) -> Option<u8> {
    let c = letter.to_ascii_uppercase();
    ('A'..='L').contains(&c).then(|| c as u8 - b'A' + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_are_letters_a_to_l() {
        assert_eq!(pointer_letter(1), 'A');
        assert_eq!(pointer_letter(12), 'L');
        assert_eq!(pointer_letter(13), '?');
        assert_eq!(parse_pointer('c'), Some(3));
        assert_eq!(parse_pointer('M'), None);
    }
}
