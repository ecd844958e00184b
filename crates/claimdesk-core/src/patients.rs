//! Patients, the people responsible for them, and their insurance policies.
//!
//! A patient has one guarantor (who receives statements: the patient, another patient of
//! the practice, or a person who is not a patient) and up to three policies in billing
//! order. Each policy names its subscriber (the insured: the patient or someone else) and
//! the patient's relationship to that subscriber (box 6).

use crate::address::Address;
use crate::money::Money;
use crate::text::{self, max};
use crate::validation::{self, Invalid, Problems};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Most policies a patient can hold: primary, secondary, tertiary.
pub const MAX_POLICIES: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum Sex {
    F,
    M,
    /// Unknown (837P DMG03 = U).
    U,
}

impl Sex {
    pub fn as_str(self) -> &'static str {
        match self {
            Sex::F => "F",
            Sex::M => "M",
            Sex::U => "U",
        }
    }

    pub fn parse(text: &str) -> Option<Sex> {
        match text.trim().to_ascii_uppercase().as_str() {
            "F" | "FEMALE" => Some(Sex::F),
            "M" | "MALE" => Some(Sex::M),
            "U" | "UNKNOWN" => Some(Sex::U),
            _ => None,
        }
    }
}

/// The patient's relationship to the insured or the guarantor (CMS-1500 box 6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Relationship {
    #[serde(rename = "self")]
    Itself,
    Spouse,
    Child,
    Other,
}

impl Relationship {
    pub fn as_str(self) -> &'static str {
        match self {
            Relationship::Itself => "self",
            Relationship::Spouse => "spouse",
            Relationship::Child => "child",
            Relationship::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<Relationship> {
        match text.trim().to_ascii_lowercase().as_str() {
            "self" | "" => Some(Relationship::Itself),
            "spouse" => Some(Relationship::Spouse),
            "child" => Some(Relationship::Child),
            "other" => Some(Relationship::Other),
            _ => None,
        }
    }
}

/// Someone who is not (necessarily) a patient but guarantees an account or holds a policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Person {
    pub id: Option<i64>,
    pub last_name: String,
    pub first_name: String,
    #[serde(default)]
    pub middle_name: String,
    pub birth_date: Option<NaiveDate>,
    pub sex: Sex,
    /// Blank means "same as the patient's address".
    pub address: Address,
    #[serde(default)]
    pub phone: String,
}

/// Who a role (guarantor, subscriber) refers to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
// A wire and form type, a few per patient: boxing the person would only complicate its use.
#[allow(clippy::large_enum_variant)]
pub enum Responsible {
    /// The patient themself.
    #[serde(rename = "self")]
    Itself,
    /// Another patient of this practice (a parent who is also seen here, a spouse).
    Patient { patient_id: i64, name: String },
    /// A person on file who is not a patient.
    Person { person: Person },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum EligibilityStatus {
    Active,
    Inactive,
    Unknown,
}

impl EligibilityStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            EligibilityStatus::Active => "active",
            EligibilityStatus::Inactive => "inactive",
            EligibilityStatus::Unknown => "unknown",
        }
    }

    pub fn parse(text: &str) -> Option<EligibilityStatus> {
        [EligibilityStatus::Active, EligibilityStatus::Inactive, EligibilityStatus::Unknown]
            .into_iter()
            .find(|s| s.as_str() == text)
    }
}

/// A dated record of checking a policy's eligibility (portal, phone call, 270/271).
/// Notes are only ever added, never edited: they are evidence of what was verified when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EligibilityCheck {
    pub id: Option<i64>,
    pub checked_on: Option<NaiveDate>,
    pub status: EligibilityStatus,
    #[serde(default)]
    pub note: String,
}

/// One insurance policy of a patient. Its place in `Patient::policies` is its billing order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Policy {
    pub id: Option<i64>,
    pub payer_id: i64,
    /// Filled in when read back, for display.
    #[serde(default)]
    pub payer_name: String,
    pub member_id: String,
    #[serde(default)]
    pub group_number: String,
    #[serde(default)]
    pub group_name: String,
    pub subscriber: Responsible,
    /// The patient's relationship to the subscriber.
    pub relationship: Relationship,
    pub effective_from: Option<NaiveDate>,
    pub effective_to: Option<NaiveDate>,
    pub copay: Money,
    #[serde(default)]
    pub eligibility: Vec<EligibilityCheck>,
    /// On a Medicare policy that is not primary: why another plan pays first (the Medicare
    /// Secondary Payer type, one of [`MSP_TYPES`]; 837P SBR05). Blank otherwise.
    #[serde(default)]
    pub msp_type: String,
    /// Visit maximum per plan year and prior authorizations (`plan_limits`).
    #[serde(default)]
    pub limits: crate::plan_limits::PlanLimits,
}

/// Medicare Secondary Payer types: the 837P SBR05 insurance type codes (005010X222A1, 2000B
/// and 2320 SBR05: "required when the payer is Medicare and Medicare is not the primary
/// payer"), with the words billers see on the MSP questionnaire.
pub const MSP_TYPES: [(&str, &str); 9] = [
    ("12", "Working aged: employer group health plan (patient or spouse still working)"),
    ("13", "End-stage renal disease, within the coordination period"),
    ("14", "No-fault insurance, including auto"),
    ("15", "Workers' compensation"),
    ("16", "Public health service or other federal agency"),
    ("41", "Black lung"),
    ("42", "Veterans Affairs"),
    ("43", "Disabled: large group health plan"),
    ("47", "Other liability insurance"),
];

/// True for a code of [`MSP_TYPES`].
pub fn is_msp_type(code: &str) -> bool {
    MSP_TYPES.iter().any(|(c, _)| *c == code)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Patient {
    pub id: Option<i64>,
    /// Assigned by ClaimDesk when the patient is first saved; unique within the practice file.
    #[serde(default)]
    pub account_number: String,
    pub last_name: String,
    pub first_name: String,
    #[serde(default)]
    pub middle_name: String,
    /// Jr, Sr, III.
    #[serde(default)]
    pub suffix: String,
    pub birth_date: Option<NaiveDate>,
    pub sex: Sex,
    pub address: Address,
    #[serde(default)]
    pub home_phone: String,
    #[serde(default)]
    pub cell_phone: String,
    #[serde(default)]
    pub email: String,
    pub guarantor: Responsible,
    /// The patient's relationship to the guarantor.
    pub guarantor_relationship: Relationship,
    pub policies: Vec<Policy>,
    pub active: bool,
    #[serde(default)]
    pub inactive_reason: String,
}

/// One row of the patient search results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PatientSummary {
    pub id: i64,
    pub account_number: String,
    pub last_name: String,
    pub first_name: String,
    pub middle_name: String,
    pub birth_date: NaiveDate,
    pub sex: Sex,
    pub phone: String,
    pub city: String,
    pub primary_payer: String,
    pub primary_member_id: String,
    pub active: bool,
}

/// A member ID or group number: letters, digits and dashes as printed on the card.
fn card_id(label: &str, text: &str, required: bool) -> Result<String, String> {
    let t = text.trim().to_ascii_uppercase();
    if t.is_empty() {
        return if required { Err(format!("{label} is required")) } else { Ok(t) };
    }
    if t.len() > 50 || !t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(format!("{label} may contain only letters, digits and dashes (at most 50)"));
    }
    Ok(t)
}

impl Person {
    /// `needs_birth_date`: a subscriber's birth date goes on the claim (box 11a); a
    /// guarantor's does not have to be known.
    fn validated(&self, needs_birth_date: bool, today: NaiveDate, p: &mut Problems) -> Person {
        let last_name = p.check("last_name", validation::required("Last name", &self.last_name)).unwrap_or_default();
        let first_name =
            p.check("first_name", validation::required("First name", &self.first_name)).unwrap_or_default();
        text::single_line("last_name", "Last name", &last_name, max::LAST_NAME, p);
        text::single_line("first_name", "First name", &first_name, max::FIRST_NAME, p);
        let middle_name = text::single_line("middle_name", "Middle name", &self.middle_name, max::MIDDLE_NAME, p);
        let birth_date = if needs_birth_date || self.birth_date.is_some() {
            p.check("birth_date", validation::birth_date("Birth date", self.birth_date, today))
        } else {
            None
        };
        let address = if self.address.is_blank() { Address::default() } else { self.address.validated(p) };
        let phone = p.check("phone", validation::optional_phone("Phone", &self.phone)).unwrap_or_default();
        Person { id: self.id, last_name, first_name, middle_name, birth_date, sex: self.sex, address, phone }
    }
}

impl Responsible {
    fn validated(
        &self,
        relationship: Relationship,
        role: &str,
        needs_birth_date: bool,
        today: NaiveDate,
        p: &mut Problems,
    ) -> Responsible {
        let is_self = matches!(self, Responsible::Itself);
        if is_self != (relationship == Relationship::Itself) {
            p.add(
                "relationship",
                if is_self {
                    format!("The patient is their own {role}: relationship must be Self")
                } else {
                    format!("The {role} is someone else: relationship cannot be Self")
                },
            );
        }
        match self {
            Responsible::Person { person } => {
                let mut inner = Problems::new();
                let person = person.validated(needs_birth_date, today, &mut inner);
                p.nest("person", inner);
                Responsible::Person { person }
            }
            other => other.clone(),
        }
    }
}

impl Policy {
    fn validated(&self, today: NaiveDate, p: &mut Problems) -> Policy {
        if self.payer_id <= 0 {
            p.add("payer_id", "Choose the insurance company (payer)");
        }
        let member_id = p.check("member_id", card_id("Member ID", &self.member_id, true)).unwrap_or_default();
        let group_number =
            p.check("group_number", card_id("Group number", &self.group_number, false)).unwrap_or_default();
        if self.effective_from.is_none() {
            p.add("effective_from", "Effective date is required");
        }
        if let Some(start) = self.effective_from {
            p.check("effective_to", validation::date_range("End date", start, self.effective_to));
        }
        if self.copay.is_negative() {
            p.add("copay", "Copay cannot be negative");
        }
        let msp_type = self.msp_type.trim().to_string();
        if !msp_type.is_empty() && !is_msp_type(&msp_type) {
            p.add("msp_type", format!("{msp_type:?} is not a Medicare secondary payer type (12-16, 41, 42, 43, 47)"));
        }
        let group_name = text::single_line("group_name", "Group name", &self.group_name, max::GROUP_NAME, p);
        let limits = self.limits.validated(p);
        let mut sub = Problems::new();
        let subscriber = self.subscriber.validated(self.relationship, "subscriber", true, today, &mut sub);
        for e in sub_into(sub) {
            // relationship errors belong to the policy itself, person errors under subscriber.
            if e.0 == "relationship" {
                p.add("relationship", e.1);
            } else {
                p.add(format!("subscriber.{}", e.0), e.1);
            }
        }
        let mut eligibility = Vec::new();
        for (i, check) in self.eligibility.iter().enumerate() {
            if check.id.is_none() {
                match check.checked_on {
                    None => p.add(format!("eligibility[{i}].checked_on"), "Verification date is required"),
                    Some(d) if d > today => {
                        p.add(format!("eligibility[{i}].checked_on"), "Verification date cannot be in the future")
                    }
                    _ => {}
                }
            }
            let note = text::lines(&format!("eligibility[{i}].note"), "Eligibility note", &check.note, max::NOTE, p);
            eligibility.push(EligibilityCheck { note, ..check.clone() });
        }
        Policy {
            id: self.id,
            payer_id: self.payer_id,
            payer_name: self.payer_name.clone(),
            member_id,
            group_number,
            group_name,
            subscriber,
            relationship: self.relationship,
            effective_from: self.effective_from,
            effective_to: self.effective_to,
            copay: self.copay,
            eligibility,
            msp_type,
            limits,
        }
    }
}

fn sub_into(p: Problems) -> Vec<(String, String)> {
    match p.into_result() {
        Ok(()) => Vec::new(),
        Err(Invalid(errs)) => errs.into_iter().map(|e| (e.field, e.message)).collect(),
    }
}

impl Patient {
    /// Checks the whole registration and returns it normalized. `today` decides what
    /// "in the future" means, so tests do not depend on the clock.
    pub fn validated(&self, today: NaiveDate) -> Result<Patient, Invalid> {
        let mut p = Problems::new();
        let last_name = p.check("last_name", validation::required("Last name", &self.last_name)).unwrap_or_default();
        let first_name =
            p.check("first_name", validation::required("First name", &self.first_name)).unwrap_or_default();
        text::single_line("last_name", "Last name", &last_name, max::LAST_NAME, &mut p);
        text::single_line("first_name", "First name", &first_name, max::FIRST_NAME, &mut p);
        let middle_name = text::single_line("middle_name", "Middle name", &self.middle_name, max::MIDDLE_NAME, &mut p);
        let suffix = text::single_line("suffix", "Suffix", &self.suffix, max::SUFFIX, &mut p);
        let account_number =
            text::single_line("account_number", "Account number", &self.account_number, max::ACCOUNT_NUMBER, &mut p);
        let inactive_reason =
            text::single_line("inactive_reason", "Reason inactive", &self.inactive_reason, max::REASON, &mut p);
        text::single_line("email", "E-mail", &self.email, max::EMAIL, &mut p);
        let birth_date = p.check("birth_date", validation::birth_date("Birth date", self.birth_date, today));
        // A registration may leave the address out entirely (a newborn, an emergency visit):
        // the record is kept, claims refuse it (scrubber rule PATIENT_ADDRESS) and statements
        // are held out until it is added. An address that is started must be complete.
        let address = if self.address.is_blank() { Address::default() } else { self.address.validated(&mut p) };
        let home_phone =
            p.check("home_phone", validation::optional_phone("Home phone", &self.home_phone)).unwrap_or_default();
        let cell_phone =
            p.check("cell_phone", validation::optional_phone("Cell phone", &self.cell_phone)).unwrap_or_default();
        let email = p.check("email", validation::optional_email("E-mail", &self.email)).unwrap_or_default();

        let mut g = Problems::new();
        let guarantor = self.guarantor.validated(self.guarantor_relationship, "guarantor", false, today, &mut g);
        for (field, message) in sub_into(g) {
            let field = if field == "relationship" {
                "guarantor_relationship".to_string()
            } else {
                format!("guarantor.{field}")
            };
            p.add(field, message);
        }
        if let (Some(id), Responsible::Patient { patient_id, .. }) = (self.id, &self.guarantor) {
            if id == *patient_id {
                p.add("guarantor", "Choose Self when the patient is their own guarantor");
            }
        }

        if self.policies.len() > MAX_POLICIES {
            p.add(
                "policies",
                format!("A patient can have at most {MAX_POLICIES} policies (primary, secondary, tertiary)"),
            );
        }
        let mut policies = Vec::new();
        for (i, policy) in self.policies.iter().enumerate() {
            let mut pp = Problems::new();
            policies.push(policy.validated(today, &mut pp));
            p.nest(&format!("policies[{i}]"), pp);
        }
        for (i, a) in policies.iter().enumerate() {
            if policies[..i].iter().any(|b| b.payer_id == a.payer_id && b.member_id == a.member_id) {
                p.add(format!("policies[{i}].member_id"), "The same policy is entered twice");
            }
        }
        if !self.active && self.inactive_reason.trim().is_empty() {
            p.add("inactive_reason", "Say why the patient is inactive (moved, deceased, duplicate ...)");
        }
        p.into_result()?;
        Ok(Patient {
            id: self.id,
            account_number,
            last_name,
            first_name,
            middle_name,
            suffix,
            birth_date,
            sex: self.sex,
            address,
            home_phone,
            cell_phone,
            email,
            guarantor,
            guarantor_relationship: self.guarantor_relationship,
            policies,
            active: self.active,
            inactive_reason,
        })
    }

    /// "DOE, JANE Q" as on the claim form and in lists.
    pub fn display_name(&self) -> String {
        display_name(&self.last_name, &self.first_name, &self.middle_name)
    }
}

pub fn display_name(last: &str, first: &str, middle: &str) -> String {
    if middle.is_empty() {
        format!("{last}, {first}")
    } else {
        format!("{last}, {first} {middle}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn today() -> NaiveDate {
        d(2026, 11, 23)
    }

    pub fn sample() -> Patient {
        Patient {
            id: None,
            account_number: String::new(),
            last_name: " Doe ".into(),
            first_name: "Jane".into(),
            middle_name: "Q".into(),
            suffix: String::new(),
            birth_date: Some(d(1980, 5, 17)),
            sex: Sex::F,
            address: Address {
                line1: "12 Oak St".into(),
                line2: String::new(),
                city: "Austin".into(),
                state: "TX".into(),
                zip: "78702".into(),
            },
            home_phone: "512-555-0111".into(),
            cell_phone: String::new(),
            email: String::new(),
            guarantor: Responsible::Itself,
            guarantor_relationship: Relationship::Itself,
            policies: vec![Policy {
                id: None,
                payer_id: 1,
                payer_name: String::new(),
                member_id: "xyz123456".into(),
                group_number: "G-100".into(),
                group_name: String::new(),
                subscriber: Responsible::Itself,
                relationship: Relationship::Itself,
                effective_from: Some(d(2025, 1, 1)),
                effective_to: None,
                copay: Money::from_cents(2500),
                eligibility: vec![],
                msp_type: String::new(),
                limits: Default::default(),
            }],
            active: true,
            inactive_reason: String::new(),
        }
    }

    fn fields(p: &Patient) -> Vec<String> {
        p.validated(today()).unwrap_err().0.into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn valid_registration_is_normalized() {
        let v = sample().validated(today()).unwrap();
        assert_eq!(v.last_name, "Doe");
        assert_eq!(v.home_phone, "5125550111");
        assert_eq!(v.policies[0].member_id, "XYZ123456");
    }

    #[test]
    fn the_address_may_be_left_out_but_not_half_filled() {
        let mut p = sample();
        p.address = Address::default();
        assert_eq!(p.validated(today()).unwrap().address, Address::default());
        p.address.city = "Austin".into();
        assert_eq!(fields(&p), ["address.line1", "address.state", "address.zip"]);
    }

    #[test]
    fn future_birth_date_is_refused() {
        let mut p = sample();
        p.birth_date = Some(d(2027, 1, 1));
        assert_eq!(fields(&p), ["birth_date"]);
    }

    #[test]
    fn policy_end_before_start_is_refused() {
        let mut p = sample();
        p.policies[0].effective_to = Some(d(2024, 12, 31));
        assert_eq!(fields(&p), ["policies[0].effective_to"]);
    }

    #[test]
    fn subscriber_must_match_relationship() {
        let mut p = sample();
        p.policies[0].relationship = Relationship::Child;
        assert_eq!(fields(&p), ["policies[0].relationship"]);
    }

    #[test]
    fn other_subscriber_needs_name_and_birth_date() {
        let mut p = sample();
        p.policies[0].relationship = Relationship::Child;
        p.policies[0].subscriber = Responsible::Person {
            person: Person {
                id: None,
                last_name: "Doe".into(),
                first_name: String::new(),
                middle_name: String::new(),
                birth_date: None,
                sex: Sex::M,
                address: Address::default(),
                phone: String::new(),
            },
        };
        assert_eq!(
            fields(&p),
            ["policies[0].subscriber.person.first_name", "policies[0].subscriber.person.birth_date"]
        );
    }

    #[test]
    fn at_most_three_policies_and_no_duplicates() {
        let mut p = sample();
        let extra = p.policies[0].clone();
        p.policies = vec![extra.clone(), extra.clone(), extra.clone(), extra];
        let f = fields(&p);
        assert_eq!(f[0], "policies");
        assert!(f.contains(&"policies[1].member_id".to_string()));
    }

    #[test]
    fn guarantor_person_may_omit_birth_date_but_not_name() {
        let mut p = sample();
        p.guarantor_relationship = Relationship::Child;
        p.guarantor = Responsible::Person {
            person: Person {
                id: None,
                last_name: "Doe".into(),
                first_name: "John".into(),
                middle_name: String::new(),
                birth_date: None,
                sex: Sex::M,
                address: Address::default(),
                phone: "5125550199".into(),
            },
        };
        assert!(p.validated(today()).is_ok());
        if let Responsible::Person { person } = &mut p.guarantor {
            person.last_name.clear();
        }
        assert_eq!(fields(&p), ["guarantor.person.last_name"]);
    }

    #[test]
    fn deactivation_needs_a_reason() {
        let mut p = sample();
        p.active = false;
        assert_eq!(fields(&p), ["inactive_reason"]);
        p.inactive_reason = "Moved away".into();
        assert!(p.validated(today()).is_ok());
    }

    #[test]
    fn eligibility_note_needs_a_past_date() {
        let mut p = sample();
        p.policies[0].eligibility.push(EligibilityCheck {
            id: None,
            checked_on: Some(d(2026, 12, 1)),
            status: EligibilityStatus::Active,
            note: "portal".into(),
        });
        assert_eq!(fields(&p), ["policies[0].eligibility[0].checked_on"]);
    }
}
