//! The paper claim (CMS-1500 02/12): whose instructions a payer follows, how names and
//! addresses are written on it, and how wide its text boxes are.
//!
//! The forms crate prints with these functions and the scrubber warns with them, so what
//! the scrubber calls "does not fit" is exactly what the printer would have to cut.

use crate::address::Address;
use crate::claims::ClaimData;
use crate::patients::Relationship;
use crate::providers::PayerKind;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Whose item-by-item instructions a payer's paper claims follow. They differ in items 4, 6,
/// 7, 9, 11, 11d, 13, 14, 15, 17, 19, 29 and 32 (see `claimdesk_forms::cms1500`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FormRules {
    /// The NUCC 1500 Health Insurance Claim Form Reference Instruction Manual (02/12 form).
    #[default]
    Nucc,
    /// Medicare's Claims Processing Manual, Pub. 100-04 chapter 26, items 1-33.
    Medicare,
}

impl FormRules {
    /// Medicare's instructions for Medicare payers, NUCC's for everyone else, unless the
    /// payer's claim settings say otherwise.
    pub fn default_for(kind: PayerKind) -> FormRules {
        match kind {
            PayerKind::Medicare => FormRules::Medicare,
            _ => FormRules::Nucc,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            FormRules::Nucc => "nucc",
            FormRules::Medicare => "medicare",
        }
    }

    pub fn parse(text: &str) -> Option<FormRules> {
        [FormRules::Nucc, FormRules::Medicare].into_iter().find(|r| r.as_str() == text)
    }
}

/// Widths in characters (10 characters per inch) of the text boxes, measured on the 02/12
/// form as `claimdesk-forms` draws it on the print grid: a box's data runs from its first
/// data column up to the column before the next box's edge (a character in the column that
/// holds an edge would sit on the line). Boxes on the right half run from column 50 to 78.
/// The grid in `claimdesk-forms/assets/cms1500_grid.csv` carries the same widths (tested).
pub mod widths {
    /// Box 2, patient's name (columns 1-28; box 3's edge is in column 30's margin).
    pub const PATIENT_NAME: usize = 28;
    /// Box 5, street (columns 1-28).
    pub const PATIENT_STREET: usize = 28;
    /// Box 5, city (columns 1-23; the state box starts at 25).
    pub const PATIENT_CITY: usize = 23;
    /// Box 4, insured's name (columns 50-78).
    pub const INSURED_NAME: usize = 29;
    /// Box 7, street (columns 50-78).
    pub const INSURED_STREET: usize = 29;
    /// Box 7, city (columns 50-71; the state box starts at 73).
    pub const INSURED_CITY: usize = 22;
    /// Boxes 9, 9a, 9d (columns 1-28).
    pub const OTHER_INSURED: usize = 28;
    /// Boxes 11, 11b, 11c (columns 50-78).
    pub const INSURED_POLICY: usize = 29;
    /// Box 17, name after its qualifier (columns 4-27; 17a starts at 29).
    pub const REFERRING_NAME: usize = 24;
    /// Box 23 (columns 50-78).
    pub const PRIOR_AUTHORIZATION: usize = 29;
    /// Box 31, the signature line (columns 1-20; box 32 starts at 22).
    pub const PHYSICIAN_SIGNATURE: usize = 20;
    /// Box 32, each of its three lines (columns 23-48; box 33 starts at 50).
    pub const SERVICE_FACILITY: usize = 26;
    /// Box 33, each of its three lines (columns 50-78).
    pub const BILLING_PROVIDER: usize = 29;
}

/// Text cut or shortened to fit a box, and whether nothing had to be cut.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fitted {
    pub text: String,
    /// False when the text was cut: the scrubber warns about it.
    pub complete: bool,
}

impl Fitted {
    fn whole(text: String) -> Fitted {
        Fitted { text, complete: true }
    }

    fn cut(text: &str, width: usize) -> Fitted {
        if text.chars().count() <= width {
            return Fitted::whole(text.to_string());
        }
        let cut: String = text.chars().take(width).collect();
        Fitted { text: cut.trim_end().to_string(), complete: false }
    }
}

/// Upper case, printable ASCII only (the form is read by OCR): accented Latin letters lose
/// their accent, other characters become a space, runs of spaces collapse.
pub fn form_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = fold_to_ascii(c).to_ascii_uppercase();
        let c = if c.is_ascii_graphic() { c } else { ' ' };
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(c);
    }
    out.truncate(out.trim_end().len());
    out
}

/// Names and addresses. NUCC: "Do not use punctuation (i.e., commas, periods) or other
/// symbols in the address (e.g., 123 N Main Street 101 instead of 123 N. Main Street, #101)"
/// and "do not use periods within the name": periods go (D.C. is DC), commas, `#`, `;` and
/// `:` become spaces; hyphens and apostrophes in names stay.
pub fn name_text(text: &str) -> String {
    let cleaned: String =
        text.chars().filter(|c| *c != '.').map(|c| if matches!(c, ',' | '#' | ';' | ':') { ' ' } else { c }).collect();
    form_text(&cleaned)
}

fn fold_to_ascii(c: char) -> char {
    match c {
        'À'..='Å' | 'à'..='å' => 'A',
        'Ç' | 'ç' => 'C',
        'È'..='Ë' | 'è'..='ë' => 'E',
        'Ì'..='Ï' | 'ì'..='ï' => 'I',
        'Ñ' | 'ñ' => 'N',
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' => 'O',
        'Ù'..='Ü' | 'ù'..='ü' => 'U',
        'Ý' | 'ý' | 'ÿ' => 'Y',
        'ß' => 'S',
        c => c,
    }
}

/// The first letter of a middle name (NUCC: middle initial only).
pub fn initial(middle: &str) -> String {
    middle.trim().chars().find(|c| c.is_alphabetic()).map(String::from).unwrap_or_default()
}

fn words(parts: &[&str]) -> String {
    parts.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ")
}

/// `LAST SUFFIX, FIRST MI` (boxes 2, 4, 9; NUCC: commas between last name, first name and
/// middle initial). When it does not fit: the middle initial goes, then the first name
/// becomes its initial, then the text is cut.
pub fn fit_last_first(last: &str, suffix: &str, first: &str, middle: &str, width: usize) -> Fitted {
    let last = name_text(&words(&[last, suffix]));
    let first = name_text(first);
    if last.is_empty() && first.is_empty() {
        return Fitted::whole(String::new());
    }
    let mi = name_text(&initial(middle));
    let first_initial = initial(&first);
    let tries = [words(&[&first, &mi]), first.clone(), first_initial];
    for given in &tries {
        let text = format!("{last}, {given}");
        if text.chars().count() <= width {
            return Fitted::whole(text);
        }
    }
    Fitted::cut(&format!("{last}, {}", tries[2]), width)
}

/// `FIRST MI LAST CREDENTIALS` (boxes 17 and 31). When it does not fit: the middle initial
/// goes, then the first name becomes its initial, then the text is cut (the credential is
/// kept as long as possible: Medicare asks for it in item 31).
pub fn fit_first_last(first: &str, middle: &str, last: &str, credentials: &str, width: usize) -> Fitted {
    let (first, last, credentials) = (name_text(first), name_text(last), name_text(credentials));
    let mi = name_text(&initial(middle));
    let first_initial = initial(&first);
    let tries = [
        words(&[&first, &mi, &last, &credentials]),
        words(&[&first, &last, &credentials]),
        words(&[&first_initial, &last, &credentials]),
    ];
    match tries.iter().find(|t| t.chars().count() <= width) {
        Some(t) => Fitted::whole(t.clone()),
        None => Fitted::cut(&tries[2], width),
    }
}

/// USPS Publication 28 standard abbreviations: secondary unit designators (Appendix C2),
/// directionals (§233) and the common street suffixes (Appendix C1).
const USPS_ABBREVIATIONS: &[(&str, &str)] = &[
    ("SUITE", "STE"),
    ("APARTMENT", "APT"),
    ("BUILDING", "BLDG"),
    ("FLOOR", "FL"),
    ("ROOM", "RM"),
    ("DEPARTMENT", "DEPT"),
    ("OFFICE", "OFC"),
    ("SPACE", "SPC"),
    ("TRAILER", "TRLR"),
    ("BASEMENT", "BSMT"),
    ("PENTHOUSE", "PH"),
    ("NORTH", "N"),
    ("SOUTH", "S"),
    ("EAST", "E"),
    ("WEST", "W"),
    ("NORTHEAST", "NE"),
    ("NORTHWEST", "NW"),
    ("SOUTHEAST", "SE"),
    ("SOUTHWEST", "SW"),
    ("STREET", "ST"),
    ("AVENUE", "AVE"),
    ("BOULEVARD", "BLVD"),
    ("DRIVE", "DR"),
    ("ROAD", "RD"),
    ("LANE", "LN"),
    ("COURT", "CT"),
    ("CIRCLE", "CIR"),
    ("PLACE", "PL"),
    ("PARKWAY", "PKWY"),
    ("HIGHWAY", "HWY"),
    ("EXPRESSWAY", "EXPY"),
    ("FREEWAY", "FWY"),
    ("TERRACE", "TER"),
    ("TRAIL", "TRL"),
    ("SQUARE", "SQ"),
    ("PLAZA", "PLZ"),
    ("CENTER", "CTR"),
    ("CENTRE", "CTR"),
    ("HEIGHTS", "HTS"),
    ("MOUNT", "MT"),
    ("MOUNTAIN", "MTN"),
    ("POINT", "PT"),
    ("CROSSING", "XING"),
    ("JUNCTION", "JCT"),
    ("ROUTE", "RTE"),
    ("STATION", "STA"),
    ("TURNPIKE", "TPKE"),
    ("COVE", "CV"),
    ("CREEK", "CRK"),
    ("GROVE", "GRV"),
    ("RIDGE", "RDG"),
    ("SPRINGS", "SPGS"),
    ("VALLEY", "VLY"),
    ("VILLAGE", "VLG"),
    ("FORT", "FT"),
];

/// Words organizations shorten in their own names (the standard business abbreviations).
const NAME_ABBREVIATIONS: &[(&str, &str)] = &[
    ("ASSOCIATES", "ASSOC"),
    ("ASSOCIATION", "ASSN"),
    ("CENTER", "CTR"),
    ("CENTRE", "CTR"),
    ("CHIROPRACTIC", "CHIRO"),
    ("CLINIC", "CLIN"),
    ("COMPANY", "CO"),
    ("CORPORATION", "CORP"),
    ("DEPARTMENT", "DEPT"),
    ("HOSPITAL", "HOSP"),
    ("INCORPORATED", "INC"),
    ("INTERNATIONAL", "INTL"),
    ("LIMITED", "LTD"),
    ("MEDICAL", "MED"),
    ("MEDICINE", "MED"),
    ("NATIONAL", "NATL"),
    ("PHYSICIANS", "PHYS"),
    ("PROFESSIONAL", "PROF"),
    ("SERVICES", "SVCS"),
    ("UNIVERSITY", "UNIV"),
    ("AND", "&"),
];

fn abbreviate(text: &str, table: &[(&str, &str)]) -> String {
    text.split(' ')
        .map(|w| table.iter().find(|(long, _)| *long == w).map_or(w, |(_, short)| short))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A street line: as written when it fits, else with USPS abbreviations (SUITE is STE), else
/// without the unit's designator (NUCC's own example: "123 N Main Street 101"), else cut.
pub fn fit_street(line1: &str, line2: &str, width: usize) -> Fitted {
    let text = name_text(&words(&[line1, line2]));
    let fitted = fit_abbreviated(&text, USPS_ABBREVIATIONS, width);
    if fitted.complete {
        return fitted;
    }
    Fitted::cut(&without_unit_designators(&abbreviate(&text, USPS_ABBREVIATIONS)), width)
}

/// Secondary unit designators (USPS Pub. 28 Appendix C2, abbreviated) dropped before a unit
/// number: "STE 210" becomes "210".
fn without_unit_designators(text: &str) -> String {
    const DESIGNATORS: [&str; 10] = ["STE", "APT", "BLDG", "FL", "RM", "DEPT", "OFC", "SPC", "UNIT", "TRLR"];
    let words: Vec<&str> = text.split(' ').collect();
    let mut out = Vec::with_capacity(words.len());
    for (i, w) in words.iter().enumerate() {
        let numbered = words.get(i + 1).is_some_and(|n| n.chars().any(|c| c.is_ascii_digit()));
        if !(DESIGNATORS.contains(w) && numbered) {
            out.push(*w);
        }
    }
    out.join(" ")
}

/// An organization's name (boxes 32, 33, 9d, 11c): as written when it fits, else with the
/// standard abbreviations of its words, else cut.
pub fn fit_organization(name: &str, width: usize) -> Fitted {
    fit_abbreviated(&name_text(name), NAME_ABBREVIATIONS, width)
}

/// `CITY ST ZIP` on one line (boxes 32 and 33: NUCC "enter a space between town name and
/// state code; do not include a comma"; the 9-digit ZIP without its hyphen). A long city
/// name is shortened with USPS abbreviations (FORT WORTH is FT WORTH), else cut.
pub fn fit_city_state_zip(city: &str, state: &str, zip: &str, width: usize) -> Fitted {
    let zip: String = zip.chars().filter(char::is_ascii_digit).collect();
    let tail = format!(" {} {zip}", form_text(state));
    let room = width.saturating_sub(tail.len());
    let city = fit_abbreviated(&name_text(city), USPS_ABBREVIATIONS, room);
    let text = format!("{}{tail}", city.text);
    Fitted { complete: city.complete && text.len() <= width, text: Fitted::cut(&text, width).text }
}

/// A city on its own (boxes 5 and 7): as written, else with USPS abbreviations, else cut.
pub fn fit_city(city: &str, width: usize) -> Fitted {
    fit_abbreviated(&name_text(city), USPS_ABBREVIATIONS, width)
}

/// Plain text in a box (IDs, plan names): cut when too long.
pub fn fit_plain(text: &str, width: usize) -> Fitted {
    Fitted::cut(&form_text(text), width)
}

fn fit_abbreviated(text: &str, table: &[(&str, &str)], width: usize) -> Fitted {
    if text.chars().count() <= width {
        return Fitted::whole(text.to_string());
    }
    Fitted::cut(&abbreviate(text, table), width)
}

/// A box whose text had to be cut.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overflow {
    pub box_id: &'static str,
    /// What the box holds, in the biller's words.
    pub what: &'static str,
    /// Where to fix it (the scrubber's field path).
    pub field: &'static str,
    pub width: usize,
    /// What the form prints instead.
    pub printed: String,
}

/// The boxes of a claim's paper form whose names or addresses do not fit even shortened.
/// Mirrors what `claimdesk_forms::cms1500` prints in each box.
pub fn overflowing_boxes(c: &ClaimData) -> Vec<Overflow> {
    use widths::*;
    let mut out = Vec::new();
    let mut check = |box_id, what, field, width, fitted: Fitted| {
        if !fitted.complete {
            out.push(Overflow { box_id, what, field, width, printed: fitted.text });
        }
    };
    let p = &c.patient;
    check("2", "the patient's name", "patient.last_name", PATIENT_NAME, {
        fit_last_first(&p.last_name, &p.suffix, &p.first_name, &p.middle_name, PATIENT_NAME)
    });
    check("5", "the patient's street", "patient.address.line1", PATIENT_STREET, {
        fit_street(&p.address.line1, &p.address.line2, PATIENT_STREET)
    });
    check("5", "the patient's city", "patient.address.city", PATIENT_CITY, fit_city(&p.address.city, PATIENT_CITY));
    let s = &c.subscriber;
    if c.relationship() != Relationship::Itself {
        check("4", "the insured's name", "policy.subscriber", INSURED_NAME, {
            fit_last_first(&s.last_name, "", &s.first_name, &s.middle_name, INSURED_NAME)
        });
        check("7", "the insured's street", "policy.subscriber", INSURED_STREET, {
            fit_street(&s.address.line1, &s.address.line2, INSURED_STREET)
        });
        check("7", "the insured's city", "policy.subscriber", INSURED_CITY, fit_city(&s.address.city, INSURED_CITY));
    }
    if let Some(o) = &c.other_coverage {
        let os = &o.subscriber;
        check("9", "the other insured's name", "patient.policies", OTHER_INSURED, {
            fit_last_first(&os.last_name, "", &os.first_name, &os.middle_name, OTHER_INSURED)
        });
        check("9d", "the other plan's name", "patient.policies", OTHER_INSURED, {
            fit_organization(&o.payer.name, OTHER_INSURED)
        });
    }
    check("11c", "the plan's name", "payer.name", INSURED_POLICY, fit_organization(&c.payer.name, INSURED_POLICY));
    if let Some(r) = &c.referring {
        check("17", "the referring provider's name", "referring_provider_id", REFERRING_NAME, {
            fit_first_last(&r.first_name, &r.middle_name, &r.last_name, &r.credentials, REFERRING_NAME)
        });
    }
    check("23", "the prior authorization number", "prior_authorization", PRIOR_AUTHORIZATION, {
        fit_plain(&c.visit.prior_authorization, PRIOR_AUTHORIZATION)
    });
    let r = &c.rendering;
    check("31", "the rendering provider's name", "rendering_provider_id", PHYSICIAN_SIGNATURE, {
        fit_first_last(&r.first_name, &r.middle_name, &r.last_name, &r.credentials, PHYSICIAN_SIGNATURE)
    });
    if let Some((name, address, office)) = service_location(c) {
        let (name_field, field) =
            if office { ("practice.name", "practice.address.line1") } else { ("facility_id", "facility_id") };
        check(
            "32",
            "the service location's name",
            name_field,
            SERVICE_FACILITY,
            fit_organization(name, SERVICE_FACILITY),
        );
        check("32", "the service location's street", field, SERVICE_FACILITY, {
            fit_street(&address.line1, &address.line2, SERVICE_FACILITY)
        });
        check("32", "the service location's city", field, SERVICE_FACILITY, {
            fit_city_state_zip(&address.city, &address.state, &address.zip, SERVICE_FACILITY)
        });
    }
    let b = &c.practice;
    check("33", "the billing provider's name", "practice.name", BILLING_PROVIDER, {
        fit_organization(&b.name, BILLING_PROVIDER)
    });
    check("33", "the billing provider's street", "practice.address.line1", BILLING_PROVIDER, {
        fit_street(&b.address.line1, &b.address.line2, BILLING_PROVIDER)
    });
    check("33", "the billing provider's city", "practice.address.city", BILLING_PROVIDER, {
        fit_city_state_zip(&b.address.city, &b.address.state, &b.address.zip, BILLING_PROVIDER)
    });
    out
}

/// Place of service 12: the patient's home, which Medicare leaves out of item 32.
pub const POS_HOME: &str = "12";

/// What item 32 names: the visit's service facility; under Medicare's rules, the office
/// itself when there is none (Pub. 100-04 ch. 26 item 32: "enter the name, address, and ZIP
/// code of the service location for all services other than those furnished in place of
/// service home - 12", including the office). Returns the name, the address and whether it
/// is the office itself (the billing provider of item 33).
pub fn service_location(c: &ClaimData) -> Option<(&str, &Address, bool)> {
    if let Some(f) = &c.facility {
        return Some((&f.name, &f.address, false));
    }
    let office = c.form_rules == FormRules::Medicare && c.visit.place_of_service.trim() != POS_HOME;
    office.then_some((c.practice.name.as_str(), &c.practice.address, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_upper_ascii_without_punctuation() {
        assert_eq!(form_text("  José  Núñez\tJr "), "JOSE NUNEZ JR");
        assert_eq!(name_text("123 N. Main St., #101"), "123 N MAIN ST 101");
        assert_eq!(name_text("O'Brien-Smith"), "O'BRIEN-SMITH");
        assert_eq!(name_text("D.C."), "DC");
    }

    #[test]
    fn names_drop_the_middle_initial_then_shorten_the_first_name() {
        assert_eq!(fit_first_last("Marco", "Rafael", "Castellanos", "D.C.", 20).text, "MARCO CASTELLANOS DC");
        assert_eq!(fit_first_last("Marco", "Rafael", "Castellanos", "DC", 30).text, "MARCO R CASTELLANOS DC");
        let tight = fit_first_last("Bartholomew", "", "Castellanos", "DC", 20);
        assert_eq!((tight.text.as_str(), tight.complete), ("B CASTELLANOS DC", true));
        let long = fit_first_last("Bartholomew", "", "Castellanos-Villanueva", "DC", 20);
        assert!(!long.complete);
        assert_eq!(long.text.len(), 20);
        assert_eq!(fit_last_first("Doe", "", "Jane", "quinn", 29).text, "DOE, JANE Q");
        assert_eq!(fit_last_first("Smith", "Jr.", "John", "", 29).text, "SMITH JR, JOHN");
        assert_eq!(fit_last_first("Featherstonehaugh", "", "Alexandria", "Q", 24).text, "FEATHERSTONEHAUGH, A");
        assert_eq!(fit_last_first("", "", "", "", 29).text, "");
    }

    #[test]
    fn addresses_are_abbreviated_the_usps_way_only_when_needed() {
        assert_eq!(fit_street("1200 W Riverside Dr", "Suite 210", 29).text, "1200 W RIVERSIDE DR SUITE 210");
        let short = fit_street("1200 West Riverside Drive", "Suite 210", 27);
        assert_eq!((short.text.as_str(), short.complete), ("1200 W RIVERSIDE DR STE 210", true));
        // Narrower still: the suite number without its designator, as NUCC's example has it.
        let bare = fit_street("1200 West Riverside Drive", "Suite 210", 26);
        assert_eq!((bare.text.as_str(), bare.complete), ("1200 W RIVERSIDE DR 210", true));
        let cut = fit_street("98765 Extraordinarily Long Name Boulevard", "", 27);
        assert!(!cut.complete);
        assert!(cut.text.len() <= 27);
    }

    #[test]
    fn city_state_zip_keeps_state_and_zip_whole() {
        assert_eq!(fit_city_state_zip("Austin", "tx", "787011234", 27).text, "AUSTIN TX 787011234");
        let fort = fit_city_state_zip("Fort Saint Johnsbury Village", "VT", "058191234", 29);
        assert_eq!((fort.text.as_str(), fort.complete), ("FT SAINT JOHNSBU VT 058191234", false));
        assert!(fit_city_state_zip("Fort Worth", "TX", "761021234", 27).complete);
    }

    #[test]
    fn organizations_use_standard_abbreviations() {
        assert_eq!(fit_organization("Riverside Family Medicine", 29).text, "RIVERSIDE FAMILY MEDICINE");
        assert_eq!(fit_organization("Riverside Family Medical Associates", 29).text, "RIVERSIDE FAMILY MED ASSOC");
    }

    #[test]
    fn medicare_payers_follow_medicare_rules_by_default() {
        assert_eq!(FormRules::default_for(PayerKind::Medicare), FormRules::Medicare);
        assert_eq!(FormRules::default_for(PayerKind::Bcbs), FormRules::Nucc);
        assert_eq!(FormRules::parse("medicare"), Some(FormRules::Medicare));
    }
}
