//! Medicare chiropractic care: the course of treatment of one subluxation (an episode, active
//! then maintenance care), the Advance Beneficiary Notice of Non-coverage (ABN, form
//! CMS-R-131) a beneficiary signs before maintenance care, and the modifiers a spinal
//! manipulation line carries because of them.
//!
//! Sources:
//! - Medicare Benefit Policy Manual (Pub. 100-02) ch. 15 §240.1.3: active/corrective treatment
//!   (acute and chronic subluxation) is covered; maintenance therapy (when further clinical
//!   improvement cannot reasonably be expected: maximum therapeutic improvement) is not
//!   reasonable and necessary. AT goes on active treatment only, never on maintenance.
//! - Pub. 100-04 ch. 12 §220 and ch. 26 item 14: the initiation date of the course of treatment
//!   (box 14 on Medicare's paper claim, 837P 2300 DTP*454).
//! - Pub. 100-04 ch. 30 §50 (ABN) and §50.14.3 (repetitive or continuous care: one ABN may
//!   cover an extended course of treatment for up to one year); the ABN form instructions
//!   (CMS-R-131): blanks D (items/services), E (reason Medicare may not pay), F (estimated
//!   cost), G (options 1-3, chosen by the beneficiary), I/J (signature, date). GA = a required
//!   ABN was issued (Option 1: bill Medicare); GZ = expected to be denied as not reasonable and
//!   necessary and no ABN is on file; GY = statutorily excluded, no ABN required.
//! - SSA §1861(r)(5), Pub. 100-02 ch. 15 §30.5: a chiropractor's only covered service is
//!   manual manipulation of the spine (98940-98942); exams, x-rays, extraspinal manipulation
//!   and therapies by a chiropractor are statutorily excluded (GY). Pub. 100-04 ch. 5 §20.1:
//!   "always therapy" codes (physical medicine 97010-97799) carry a therapy modifier, GP for
//!   physical therapy, whoever furnishes them; MACs (e.g. Noridian JF, NGS) list GP with GY on
//!   therapies billed by chiropractors.

use crate::money::Money;
use crate::text::{self, max};
use crate::validation::{self, Invalid, Problems};
use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Spinal manipulation codes Medicare covers for chiropractors (CPT 98940-98942).
pub const MEDICARE_CMT: [&str; 3] = ["98940", "98941", "98942"];

pub fn is_medicare_cmt(code: &str) -> bool {
    MEDICARE_CMT.contains(&code)
}

/// Physical medicine and rehabilitation codes (97010-97799): "always therapy" under Pub.
/// 100-04 ch. 5 §20.1 (the medical nutrition codes 97802-97804 are not therapy).
pub fn is_therapy(code: &str) -> bool {
    code.len() == 5
        && code.starts_with("97")
        && code.bytes().all(|b| b.is_ascii_digit())
        && ("97010"..="97799").contains(&code)
}

/// The part of the body a subluxation code names (ICD-10-CM M99.00-M99.09, segmental and
/// somatic dysfunction).
pub fn subluxation_region(code: &str) -> Option<&'static str> {
    Some(match crate::icd10::normalize_code(code).as_str() {
        "M99.00" => "head",
        "M99.01" => "cervical",
        "M99.02" => "thoracic",
        "M99.03" => "lumbar",
        "M99.04" => "sacral",
        "M99.05" => "pelvic",
        "M99.06" => "lower extremity",
        "M99.07" => "upper extremity",
        "M99.08" => "rib cage",
        "M99.09" => "abdomen",
        _ => return None,
    })
}

/// Active (corrective) or maintenance care on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CarePhase {
    Active,
    Maintenance,
}

impl CarePhase {
    pub fn label(self) -> &'static str {
        match self {
            CarePhase::Active => "active care",
            CarePhase::Maintenance => "maintenance care",
        }
    }
}

/// One course of chiropractic treatment of a condition: the subluxation treated (its code
/// names the region), begun on the initiation date, maintenance from the day the doctor
/// recorded maximum therapeutic improvement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CareEpisode {
    pub id: Option<i64>,
    pub patient_id: i64,
    /// The subluxation treated, ICD-10-CM M99.00-M99.09.
    pub subluxation: String,
    /// First treatment of this course (box 14 / DTP*454 on every claim of the episode).
    pub initiation_date: Option<NaiveDate>,
    /// Maximum therapeutic improvement: visits from this date are maintenance care.
    #[serde(default)]
    pub maintenance_from: Option<NaiveDate>,
    #[serde(default)]
    pub notes: String,
}

impl CareEpisode {
    /// The region treated, for screens ("lumbar").
    pub fn region(&self) -> Option<&'static str> {
        subluxation_region(&self.subluxation)
    }

    /// The phase of care on `day`: active before the maintenance date, maintenance from it.
    pub fn phase_on(&self, day: NaiveDate) -> CarePhase {
        phase_on(self.maintenance_from, day)
    }

    pub fn validated(&self) -> Result<CareEpisode, Invalid> {
        let mut p = Problems::new();
        if self.patient_id <= 0 {
            p.add("patient_id", "Choose the patient");
        }
        let subluxation = crate::icd10::normalize_code(&self.subluxation);
        if subluxation_region(&subluxation).is_none() {
            p.add("subluxation", "The condition treated is a subluxation code, M99.00-M99.09 (e.g. M99.03 lumbar)");
        }
        match self.initiation_date {
            None => p.add("initiation_date", "Enter the date this course of treatment began"),
            Some(start) => {
                if let Some(m) = self.maintenance_from.filter(|m| *m < start) {
                    p.add(
                        "maintenance_from",
                        format!(
                            "Maintenance cannot begin ({}) before the course of treatment ({})",
                            validation::us_date(m),
                            validation::us_date(start)
                        ),
                    );
                }
            }
        }
        let notes = text::lines("notes", "Notes", &self.notes, max::NOTE, &mut p);
        p.into_result()?;
        Ok(CareEpisode { subluxation, notes, ..self.clone() })
    }
}

/// The phase rule on its own (used where only the maintenance date is at hand).
pub fn phase_on(maintenance_from: Option<NaiveDate>, day: NaiveDate) -> CarePhase {
    match maintenance_from {
        Some(m) if day >= m => CarePhase::Maintenance,
        _ => CarePhase::Active,
    }
}

/// The beneficiary's choice in blank G of the ABN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AbnOption {
    /// Option 1: wants the services, Medicare is billed (GA on the claim), the patient pays if
    /// Medicare does not.
    BillMedicare,
    /// Option 2: wants the services, Medicare is not billed; the patient pays.
    DoNotBill,
    /// Option 3: does not want the services.
    Declined,
}

impl AbnOption {
    pub const ALL: [AbnOption; 3] = [AbnOption::BillMedicare, AbnOption::DoNotBill, AbnOption::Declined];

    pub fn number(self) -> u8 {
        match self {
            AbnOption::BillMedicare => 1,
            AbnOption::DoNotBill => 2,
            AbnOption::Declined => 3,
        }
    }

    pub fn from_number(n: u8) -> Option<AbnOption> {
        AbnOption::ALL.into_iter().find(|o| o.number() == n)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            AbnOption::BillMedicare => "bill_medicare",
            AbnOption::DoNotBill => "do_not_bill",
            AbnOption::Declined => "declined",
        }
    }

    pub fn parse(text: &str) -> Option<AbnOption> {
        AbnOption::ALL.into_iter().find(|o| o.as_str() == text)
    }
}

/// One row of the ABN's table: the service (D), its estimated cost (F).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AbnService {
    /// CPT/HCPCS code, which the claim's lines are matched by.
    pub code: String,
    /// What the beneficiary reads in column D ("Spinal manipulation, maintenance care").
    pub description: String,
    /// Column F: what the practice expects the beneficiary may pay.
    pub estimated_cost: Money,
}

/// Reason in blank E that the form is usually given for chiropractic maintenance care.
pub const MAINTENANCE_REASON: &str =
    "Medicare does not pay for chiropractic maintenance care: treatment that keeps your condition from getting worse \
     once no further improvement is expected.";

/// An Advance Beneficiary Notice of Non-coverage (CMS-R-131) given to a patient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Abn {
    pub id: Option<i64>,
    pub patient_id: i64,
    /// Blank J: the day the beneficiary signed. None while printed but not yet signed.
    pub signed_on: Option<NaiveDate>,
    /// Blank G: the option the beneficiary checked (with the signature).
    pub option: Option<AbnOption>,
    /// Blank E: why Medicare may not pay.
    pub reason: String,
    /// Blanks D and F.
    pub services: Vec<AbnService>,
    /// Blank H: additional information.
    #[serde(default)]
    pub additional_info: String,
}

/// Most rows an ABN lists here: what the printed form's table holds on its one page with
/// two-line descriptions (the form allows an attached sheet for more, which this program does
/// not print; a second ABN does the same).
pub const MAX_ABN_SERVICES: usize = 6;

/// Where an ABN stands on a date, in words a biller reads ("valid until 03/14/2027").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
#[ts(export)]
pub enum AbnStatus {
    /// Printed, not yet signed.
    NotSigned,
    /// Signed, no option checked: not validly executed.
    NoOption,
    /// Option 2 or 3: Medicare is not to be billed for these services.
    NotForMedicare {
        option: AbnOption,
    },
    /// Signed after the date asked about.
    NotYetSigned {
        signed_on: NaiveDate,
    },
    Valid {
        until: NaiveDate,
    },
    Expired {
        on: NaiveDate,
    },
}

impl AbnStatus {
    pub fn label(&self) -> String {
        match self {
            AbnStatus::NotSigned => "not signed".into(),
            AbnStatus::NoOption => "signed without an option checked".into(),
            AbnStatus::NotForMedicare { option } => format!("option {}: not billed to Medicare", option.number()),
            AbnStatus::NotYetSigned { signed_on } => format!("signed later, {}", validation::us_date(*signed_on)),
            AbnStatus::Valid { until } => format!("valid until {}", validation::us_date(*until)),
            AbnStatus::Expired { on } => format!("expired {}", validation::us_date(*on)),
        }
    }

    pub fn is_valid(&self) -> bool {
        matches!(self, AbnStatus::Valid { .. })
    }
}

impl Abn {
    /// The last day the ABN covers: one year from signing (Pub. 100-04 ch. 30 §50.14.3, the
    /// ABN form instructions: "an ABN ... for an extended course of treatment ... is effective
    /// for up to 1 year"; a new one is needed after). Signed 03/15/2026: valid through
    /// 03/14/2027.
    pub fn valid_until(&self) -> Option<NaiveDate> {
        let signed = self.signed_on?;
        signed.checked_add_months(Months::new(12)).and_then(|d| d.checked_sub_days(Days::new(1)))
    }

    /// Where the ABN stands on `day` for billing Medicare with GA.
    pub fn status_on(&self, day: NaiveDate) -> AbnStatus {
        let Some(signed) = self.signed_on else { return AbnStatus::NotSigned };
        match self.option {
            None => return AbnStatus::NoOption,
            Some(o @ (AbnOption::DoNotBill | AbnOption::Declined)) => return AbnStatus::NotForMedicare { option: o },
            Some(AbnOption::BillMedicare) => {}
        }
        let until = self.valid_until().unwrap_or(signed);
        if day < signed {
            AbnStatus::NotYetSigned { signed_on: signed }
        } else if day > until {
            AbnStatus::Expired { on: until }
        } else {
            AbnStatus::Valid { until }
        }
    }

    pub fn lists(&self, code: &str) -> bool {
        self.services.iter().any(|s| s.code == code)
    }

    /// A valid ABN on `day` listing `code`: what GA on that line stands for.
    pub fn covers(&self, code: &str, day: NaiveDate) -> bool {
        self.lists(code) && self.status_on(day).is_valid()
    }

    pub fn validated(&self) -> Result<Abn, Invalid> {
        let mut p = Problems::new();
        if self.patient_id <= 0 {
            p.add("patient_id", "Choose the patient");
        }
        if self.option.is_some() && self.signed_on.is_none() {
            p.add("signed_on", "Enter the date the patient signed (blank J) with the option checked");
        }
        let reason = text::lines("reason", "Reason Medicare may not pay (E)", &self.reason, max::REASON, &mut p);
        if reason.is_empty() {
            p.add("reason", "Enter why Medicare may not pay (blank E)");
        }
        if self.services.is_empty() {
            p.add("services", "List at least one service (blank D) with its estimated cost (F)");
        }
        if self.services.len() > MAX_ABN_SERVICES {
            p.add("services", format!("At most {MAX_ABN_SERVICES} services on one notice"));
        }
        let mut services = Vec::new();
        for (i, s) in self.services.iter().enumerate() {
            let code = p.check(&format!("services[{i}].code"), validation::procedure_code("Code", &s.code));
            let description = text::single_line(
                &format!("services[{i}].description"),
                "Service",
                &s.description,
                max::DESCRIPTION,
                &mut p,
            );
            if description.is_empty() {
                p.add(format!("services[{i}].description"), "Describe the service as the patient will read it");
            }
            if s.estimated_cost.is_negative() || s.estimated_cost.is_zero() {
                p.add(format!("services[{i}].estimated_cost"), "Estimated cost must be more than zero");
            }
            services.push(AbnService { code: code.unwrap_or_default(), description, estimated_cost: s.estimated_cost });
        }
        let additional_info =
            text::lines("additional_info", "Additional information (H)", &self.additional_info, max::REASON, &mut p);
        p.into_result()?;
        Ok(Abn { reason, services, additional_info, ..self.clone() })
    }
}

/// The ABN that speaks for `day`: the latest signed on or before it (an older one may still
/// be within its year, but the newer notice replaced it).
pub fn abn_on(abns: &[Abn], day: NaiveDate) -> Option<&Abn> {
    abns.iter().filter(|a| a.signed_on.is_some_and(|s| s <= day)).max_by_key(|a| (a.signed_on, a.id))
}

/// What the claim carries about the care episode of its visit (`ClaimData::care`): the store
/// fills it when the visit is linked to an episode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CareFacts {
    pub episode_id: i64,
    pub subluxation: String,
    pub initiation_date: Option<NaiveDate>,
    pub maintenance_from: Option<NaiveDate>,
    /// The patient's ABNs (signed or not), for the GA rule on each line's date.
    #[serde(default)]
    pub abns: Vec<Abn>,
}

impl CareFacts {
    pub fn phase_on(&self, day: NaiveDate) -> CarePhase {
        phase_on(self.maintenance_from, day)
    }

    /// Whether a valid ABN listing `code` is on file on `day`, and if not, why (for messages).
    pub fn abn_for(&self, code: &str, day: NaiveDate) -> Result<(), String> {
        let Some(abn) = abn_on(&self.abns, day) else {
            return Err("no signed ABN is on file".into());
        };
        let status = abn.status_on(day);
        if !status.is_valid() {
            let signed = abn.signed_on.map(validation::us_date).unwrap_or_default();
            return Err(format!("the ABN signed {signed} is {}", status.label()));
        }
        if !abn.lists(code) {
            return Err(format!("the ABN on file does not list {code}"));
        }
        Ok(())
    }
}

/// The modifiers charge entry should put on a line, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ModifierSuggestion {
    /// The care modifiers this line should carry (AT, GA, GZ, GP, GY), in that order.
    pub modifiers: Vec<String>,
    /// The biller's explanation ("maintenance care with a valid ABN: GA").
    pub reason: String,
}

/// The modifiers these rules manage; any other modifier on a line is left as it is.
pub const CARE_MODIFIERS: [&str; 5] = ["AT", "GA", "GZ", "GP", "GY"];

impl ModifierSuggestion {
    /// `existing` with the care modifiers replaced by the suggested ones (others kept first,
    /// at most four in all, as box 24D and SV101 hold).
    pub fn applied_to(&self, existing: &[String]) -> Vec<String> {
        let mut out: Vec<String> = existing.iter().filter(|m| !CARE_MODIFIERS.contains(&m.as_str())).cloned().collect();
        out.extend(self.modifiers.iter().cloned());
        out.truncate(crate::visits::MAX_MODIFIERS);
        out
    }
}

/// What charge entry asks for one line of a Medicare claim by a chiropractor:
/// - 98940-98942 on active care: AT;
/// - on maintenance care: never AT; GA when `abn_covers` (a valid ABN listing the code on
///   the date of service), else GZ;
/// - physical medicine (97010-97799): GP and GY (therapy by a chiropractor is excluded);
/// - anything else (exams, x-rays, 98943): GY.
///
/// `None` when the rules do not apply (not Medicare, not a chiropractor).
pub fn suggest_modifiers(
    code: &str,
    medicare: bool,
    chiropractor: bool,
    phase: CarePhase,
    abn_covers: bool,
) -> Option<ModifierSuggestion> {
    if !medicare || !chiropractor {
        return None;
    }
    let code = code.trim().to_ascii_uppercase();
    let (mods, reason): (&[&str], &str) = if is_medicare_cmt(&code) {
        match (phase, abn_covers) {
            (CarePhase::Active, _) => (&["AT"], "active care: AT"),
            (CarePhase::Maintenance, true) => (&["GA"], "maintenance care with a valid ABN on file: GA, never AT"),
            (CarePhase::Maintenance, false) => (&["GZ"], "maintenance care without a valid ABN: GZ, never AT"),
        }
    } else if is_therapy(&code) {
        (&["GP", "GY"], "therapy by a chiropractor: GP (physical therapy) and GY (not a Medicare benefit)")
    } else {
        (&["GY"], "not covered for chiropractors (exams, x-rays, extraspinal): GY")
    };
    Some(ModifierSuggestion { modifiers: mods.iter().map(|m| m.to_string()).collect(), reason: reason.into() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn episode() -> CareEpisode {
        CareEpisode {
            id: None,
            patient_id: 7,
            subluxation: "m99.03".into(),
            initiation_date: Some(d(2026, 1, 5)),
            maintenance_from: Some(d(2026, 3, 2)),
            notes: String::new(),
        }
    }

    fn abn(signed: Option<NaiveDate>, option: Option<AbnOption>) -> Abn {
        Abn {
            id: Some(1),
            patient_id: 7,
            signed_on: signed,
            option,
            reason: MAINTENANCE_REASON.into(),
            services: vec![AbnService {
                code: "98941".into(),
                description: "Spinal manipulation, 3-4 regions".into(),
                estimated_cost: Money::from_cents(4500),
            }],
            additional_info: String::new(),
        }
    }

    #[test]
    fn the_phase_is_active_before_the_maintenance_date_and_maintenance_from_it() {
        let e = episode();
        assert_eq!(e.phase_on(d(2026, 3, 1)), CarePhase::Active);
        assert_eq!(e.phase_on(d(2026, 3, 2)), CarePhase::Maintenance);
        assert_eq!(e.phase_on(d(2027, 1, 1)), CarePhase::Maintenance);
        let open = CareEpisode { maintenance_from: None, ..e };
        assert_eq!(open.phase_on(d(2030, 1, 1)), CarePhase::Active);
    }

    #[test]
    fn an_episode_is_checked_field_by_field() {
        let e = episode().validated().unwrap();
        assert_eq!(e.subluxation, "M99.03");
        assert_eq!(e.region(), Some("lumbar"));
        let bad = CareEpisode {
            patient_id: 0,
            subluxation: "M54.50".into(),
            maintenance_from: Some(d(2025, 12, 1)),
            ..episode()
        };
        let fields: Vec<String> = bad.validated().unwrap_err().0.into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["patient_id", "subluxation", "maintenance_from"]);
        let none = CareEpisode { initiation_date: None, ..episode() };
        assert_eq!(none.validated().unwrap_err().0[0].field, "initiation_date");
    }

    #[test]
    fn an_abn_is_valid_for_one_year_from_signing() {
        let a = abn(Some(d(2026, 3, 15)), Some(AbnOption::BillMedicare));
        assert_eq!(a.valid_until(), Some(d(2027, 3, 14)));
        assert_eq!(a.status_on(d(2026, 3, 15)), AbnStatus::Valid { until: d(2027, 3, 14) });
        assert_eq!(a.status_on(d(2027, 3, 14)).label(), "valid until 03/14/2027");
        assert_eq!(a.status_on(d(2027, 3, 15)), AbnStatus::Expired { on: d(2027, 3, 14) });
        assert_eq!(a.status_on(d(2027, 3, 15)).label(), "expired 03/14/2027");
        assert!(matches!(a.status_on(d(2026, 3, 14)), AbnStatus::NotYetSigned { .. }));
        assert!(a.covers("98941", d(2026, 6, 1)));
        assert!(!a.covers("98940", d(2026, 6, 1)), "only the services it lists");
        assert!(!a.covers("98941", d(2027, 6, 1)), "expired");
        assert_eq!(abn(None, None).status_on(d(2026, 6, 1)), AbnStatus::NotSigned);
        assert_eq!(abn(Some(d(2026, 3, 15)), None).status_on(d(2026, 6, 1)), AbnStatus::NoOption);
        let two = abn(Some(d(2026, 3, 15)), Some(AbnOption::DoNotBill));
        assert!(!two.covers("98941", d(2026, 6, 1)), "option 2: Medicare is not billed, so no GA");
        assert_eq!(two.status_on(d(2026, 6, 1)).label(), "option 2: not billed to Medicare");
    }

    #[test]
    fn the_latest_abn_signed_speaks_for_a_day() {
        let old = abn(Some(d(2025, 3, 15)), Some(AbnOption::BillMedicare));
        let new = Abn { id: Some(2), ..abn(Some(d(2026, 3, 10)), Some(AbnOption::BillMedicare)) };
        let all = [old, new];
        assert_eq!(abn_on(&all, d(2026, 3, 1)).and_then(|a| a.id), Some(1));
        assert_eq!(abn_on(&all, d(2026, 3, 10)).and_then(|a| a.id), Some(2));
        assert!(abn_on(&all, d(2025, 1, 1)).is_none());
        let facts = CareFacts {
            episode_id: 1,
            subluxation: "M99.03".into(),
            initiation_date: Some(d(2025, 1, 5)),
            maintenance_from: Some(d(2025, 3, 1)),
            abns: all.to_vec(),
        };
        assert!(facts.abn_for("98941", d(2026, 3, 12)).is_ok());
        assert_eq!(
            facts.abn_for("98941", d(2027, 4, 1)).unwrap_err(),
            "the ABN signed 03/10/2026 is expired 03/09/2027"
        );
        assert_eq!(facts.abn_for("98942", d(2026, 4, 1)).unwrap_err(), "the ABN on file does not list 98942");
    }

    #[test]
    fn an_abn_is_checked_field_by_field() {
        let ok = abn(Some(d(2026, 3, 15)), Some(AbnOption::BillMedicare)).validated().unwrap();
        assert_eq!(ok.services[0].code, "98941");
        let mut bad = abn(None, Some(AbnOption::BillMedicare));
        bad.reason = " ".into();
        bad.services[0].code = "9894".into();
        bad.services[0].estimated_cost = Money::ZERO;
        let fields: Vec<String> = bad.validated().unwrap_err().0.into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["signed_on", "reason", "services[0].code", "services[0].estimated_cost"]);
        let empty = Abn { services: vec![], ..abn(None, None) };
        assert_eq!(empty.validated().unwrap_err().0[0].field, "services");
    }

    #[test]
    fn the_modifiers_follow_the_phase_and_the_abn() {
        let s = |code, phase, abn| suggest_modifiers(code, true, true, phase, abn).unwrap().modifiers;
        assert_eq!(s("98940", CarePhase::Active, false), ["AT"]);
        assert_eq!(s("98941", CarePhase::Active, true), ["AT"], "an ABN is not given for active care");
        assert_eq!(s("98941", CarePhase::Maintenance, true), ["GA"]);
        assert_eq!(s("98942", CarePhase::Maintenance, false), ["GZ"]);
        assert_eq!(s("97140", CarePhase::Active, false), ["GP", "GY"]);
        assert_eq!(s("97012", CarePhase::Maintenance, true), ["GP", "GY"]);
        assert_eq!(s("99203", CarePhase::Active, false), ["GY"]);
        assert_eq!(s("72100", CarePhase::Active, false), ["GY"]);
        assert_eq!(s("98943", CarePhase::Active, false), ["GY"]);
        assert!(suggest_modifiers("98940", false, true, CarePhase::Active, false).is_none());
        assert!(suggest_modifiers("98940", true, false, CarePhase::Active, false).is_none());
        let ga = suggest_modifiers("98941", true, true, CarePhase::Maintenance, true).unwrap();
        let existing = ["25".to_string(), "AT".to_string()];
        assert_eq!(ga.applied_to(&existing), ["25", "GA"]);
        assert!(!is_therapy("97802") && is_therapy("97010") && is_therapy("97799") && !is_therapy("9701A"));
    }
}
