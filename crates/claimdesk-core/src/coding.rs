//! Coding facts the scrubber's coding edits rest on: which procedure fits which patient
//! (age, sex) and which diagnoses. Tables, not judgement: each names where it comes from.
//!
//! The rules that use them, with their severities, are the "coding edits" of `scrubber.rs`.
//! The demo picks its codes from the same tables, so it bills the way the scrubber checks.

use crate::icd10;
use crate::patients::Sex;
use chrono::NaiveDate;
use std::fmt;

/// The five spinal regions of CPT's CMT guidelines (cervical, thoracic, lumbar, sacral,
/// pelvic), as ICD-10-CM segmental dysfunction (subluxation) codes.
pub const SPINAL_SUBLUXATIONS: [&str; 5] = ["M99.01", "M99.02", "M99.03", "M99.04", "M99.05"];

/// The five extraspinal regions of CPT's CMT guidelines (head, lower extremity, upper
/// extremity, rib cage, abdomen) as ICD-10-CM codes: what 98943 treats.
pub const EXTRASPINAL_SUBLUXATIONS: [&str; 5] = ["M99.00", "M99.06", "M99.07", "M99.08", "M99.09"];

/// The extraspinal manipulation code.
pub const CMT_EXTRASPINAL: &str = "98943";

/// How many spinal regions the diagnoses show: distinct M99.01-M99.05 codes.
pub fn spinal_regions(diagnoses: &[impl AsRef<str>]) -> usize {
    SPINAL_SUBLUXATIONS
        .iter()
        .filter(|region| diagnoses.iter().any(|d| icd10::normalize_code(d.as_ref()) == **region))
        .count()
}

/// True when a diagnosis is an extraspinal subluxation (M99.00, M99.06-M99.09).
pub fn is_extraspinal_subluxation(diagnosis: &str) -> bool {
    EXTRASPINAL_SUBLUXATIONS.contains(&icd10::normalize_code(diagnosis).as_str())
}

/// The regions a spinal CMT code is for (CPT descriptors), or `None` for any other code.
pub fn cmt_regions(code: &str) -> Option<(usize, usize)> {
    match code {
        "98940" => Some((1, 2)),
        "98941" => Some((3, 4)),
        "98942" => Some((5, 5)),
        _ => None,
    }
}

/// The spinal CMT code for a number of regions: 1-2 -> 98940, 3-4 -> 98941, 5 -> 98942.
pub fn cmt_code_for_regions(regions: usize) -> Option<&'static str> {
    match regions {
        1 | 2 => Some("98940"),
        3 | 4 => Some("98941"),
        5 => Some("98942"),
        _ => None,
    }
}

/// Ages in whole years, `through` included; `None` = no upper limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgeBand {
    pub from: u32,
    pub through: Option<u32>,
}

impl AgeBand {
    pub fn contains(self, age: u32) -> bool {
        age >= self.from && self.through.is_none_or(|t| age <= t)
    }
}

impl fmt::Display for AgeBand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.from, self.through) {
            (0, Some(0)) => write!(f, "under 1 year"),
            (0, Some(t)) => write!(f, "through {t} years"),
            (from, None) => write!(f, "{from} years and over"),
            (from, Some(t)) => write!(f, "{from}-{t} years"),
        }
    }
}

const fn band(from: u32, through: u32) -> AgeBand {
    AgeBand { from, through: Some(through) }
}

/// Preventive medicine services (CPT 99381-99387 new patient, 99391-99397 established):
/// (new, established, ages) per the CPT descriptors.
const PREVENTIVE: [(&str, &str, AgeBand); 7] = [
    ("99381", "99391", band(0, 0)),
    ("99382", "99392", band(1, 4)),
    ("99383", "99393", band(5, 11)),
    ("99384", "99394", band(12, 17)),
    ("99385", "99395", band(18, 39)),
    ("99386", "99396", band(40, 64)),
    ("99387", "99397", AgeBand { from: 65, through: None }),
];

/// The ages a preventive medicine code is for, or `None` when it is not one.
pub fn preventive_ages(code: &str) -> Option<AgeBand> {
    PREVENTIVE.iter().find(|(new, established, _)| *new == code || *established == code).map(|p| p.2)
}

/// The preventive medicine code for a patient of this age, new or established.
pub fn preventive_code(age: u32, established: bool) -> &'static str {
    let (new, old, _) = PREVENTIVE.iter().find(|p| p.2.contains(age)).unwrap_or(&PREVENTIVE[6]);
    if established {
        old
    } else {
        new
    }
}

/// Immunization administration with counseling by the physician (CPT 90460, first
/// component; 90461, each additional): "through 18 years of age". Older patients: 90471-90474.
pub const IMMUNIZATION_WITH_COUNSELING: [&str; 2] = ["90460", "90461"];
pub const IMMUNIZATION_WITH_COUNSELING_AGES: AgeBand = band(0, 18);

/// Procedures defined for one sex: the Medicare screening pelvic exam and Pap smear
/// collection for women (G0101, Q0091; NCD 210.2, Pub. 100-04 ch. 18 §30-40), prostate
/// cancer screening for men (G0102 rectal exam, G0103 PSA; NCD 210.1).
const SEX_SPECIFIC_PROCEDURES: [(&str, Sex, &str); 4] = [
    ("G0101", Sex::F, "screening pelvic and breast exam"),
    ("Q0091", Sex::F, "screening Pap smear collection"),
    ("G0102", Sex::M, "prostate cancer screening, rectal exam"),
    ("G0103", Sex::M, "prostate cancer screening, PSA"),
];

/// The sex a procedure is defined for, with what it is, or `None` for most codes.
pub fn procedure_sex(code: &str) -> Option<(Sex, &'static str)> {
    SEX_SPECIFIC_PROCEDURES.iter().find(|p| p.0 == code).map(|p| (p.1, p.2))
}

/// True when a code defined for one sex is billed for a patient recorded as the other
/// (unknown is not a conflict: PATIENT_SEX_UNKNOWN asks for it).
pub fn sex_conflict(defined_for: Sex, recorded: Sex) -> bool {
    recorded != Sex::U && defined_for != recorded
}

/// "female", "male" or "unknown", for messages.
pub fn sex_word(sex: Sex) -> &'static str {
    match sex {
        Sex::F => "female",
        Sex::M => "male",
        Sex::U => "unknown",
    }
}

/// The sex an ICD-10-CM diagnosis is defined for, by chapter and block: O00-O9A
/// (pregnancy, childbirth and the puerperium: the maternal record only) and N70-N98
/// (female pelvic organs and genital tract) are female, N40-N53 (male genital organs) male.
pub fn diagnosis_sex(diagnosis: &str) -> Option<(Sex, &'static str)> {
    let code = icd10::normalize_code(diagnosis);
    let category = code.get(1..3).and_then(|n| n.parse::<u32>().ok());
    match (code.chars().next(), category) {
        (Some('O'), _) => Some((Sex::F, "pregnancy")),
        (Some('N'), Some(40..=53)) => Some((Sex::M, "male genital organs")),
        (Some('N'), Some(70..=98)) => Some((Sex::F, "female genital organs")),
        _ => None,
    }
}

/// Age in whole years on a day (a birthday counts on the day), or `None` when either date
/// is unknown or the day is before the birth.
pub fn age_on(birth: Option<NaiveDate>, day: Option<NaiveDate>) -> Option<u32> {
    day?.years_since(birth?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    fn dx(codes: &[&str]) -> Vec<String> {
        codes.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn spinal_regions_count_distinct_spinal_subluxations_only() {
        assert_eq!(spinal_regions(&dx(&["M54.50"])), 0);
        assert_eq!(spinal_regions(&dx(&["M99.03", "M54.50"])), 1);
        assert_eq!(spinal_regions(&dx(&["m9903", "M99.03", "M99.06", "M99.00"])), 1, "typed twice, or extraspinal");
        assert_eq!(spinal_regions(&dx(&["M99.01", "M99.02", "M99.03", "M99.04", "M99.05"])), 5);
        assert!(is_extraspinal_subluxation("m99.07") && !is_extraspinal_subluxation("M99.05"));
    }

    #[test]
    fn cmt_codes_and_regions_agree() {
        assert_eq!(cmt_code_for_regions(0), None);
        assert_eq!(cmt_code_for_regions(6), None);
        for n in 1..=5 {
            let code = cmt_code_for_regions(n).unwrap();
            let (from, to) = cmt_regions(code).unwrap();
            assert!((from..=to).contains(&n), "{n} regions -> {code}");
        }
        assert_eq!(cmt_regions(CMT_EXTRASPINAL), None);
    }

    #[test]
    fn preventive_bands_cover_every_age_once() {
        for age in 0..120 {
            for established in [false, true] {
                let code = preventive_code(age, established);
                assert!(preventive_ages(code).unwrap().contains(age), "{age} -> {code}");
            }
        }
        assert_eq!(preventive_code(0, true), "99391");
        assert_eq!(preventive_code(17, true), "99394");
        assert_eq!(preventive_code(18, false), "99385");
        assert_eq!(preventive_code(95, true), "99397");
        assert_eq!(preventive_ages("99213"), None);
        assert_eq!(preventive_ages("99384").unwrap().to_string(), "12-17 years");
        assert_eq!(preventive_ages("99381").unwrap().to_string(), "under 1 year");
        assert_eq!(preventive_ages("99397").unwrap().to_string(), "65 years and over");
    }

    #[test]
    fn age_counts_whole_years_from_the_birthday() {
        assert_eq!(age_on(d(2008, 11, 2), d(2026, 11, 1)), Some(17));
        assert_eq!(age_on(d(2008, 11, 2), d(2026, 11, 2)), Some(18));
        assert_eq!(age_on(d(2026, 3, 1), d(2026, 3, 1)), Some(0));
        assert_eq!(age_on(d(2026, 3, 2), d(2026, 3, 1)), None);
        assert_eq!(age_on(None, d(2026, 3, 1)), None);
    }

    #[test]
    fn sex_specific_codes() {
        assert_eq!(procedure_sex("G0102").map(|p| p.0), Some(Sex::M));
        assert_eq!(procedure_sex("Q0091").map(|p| p.0), Some(Sex::F));
        assert_eq!(procedure_sex("99213"), None);
        assert_eq!(diagnosis_sex("O09.90").map(|p| p.0), Some(Sex::F));
        assert_eq!(diagnosis_sex("o9a.111").map(|p| p.0), Some(Sex::F));
        assert_eq!(diagnosis_sex("N40.0").map(|p| p.0), Some(Sex::M));
        assert_eq!(diagnosis_sex("N53.9").map(|p| p.0), Some(Sex::M));
        assert_eq!(diagnosis_sex("N94.6").map(|p| p.0), Some(Sex::F));
        assert_eq!(diagnosis_sex("N39.0"), None, "urinary tract infection: either sex");
        assert_eq!(diagnosis_sex("N99.89"), None);
        assert_eq!(diagnosis_sex("Z00.00"), None);
        assert!(sex_conflict(Sex::M, Sex::F) && !sex_conflict(Sex::M, Sex::M) && !sex_conflict(Sex::F, Sex::U));
    }
}
