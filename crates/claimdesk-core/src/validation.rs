//! Field rules shared by every screen, the CLI and imports.
//!
//! Each rule is a small function that takes what the user typed and returns the normalized
//! value (digits only, upper case, ...) or a message a biller understands. `Problems`
//! collects the failures of one record with the field each is about, so a form can show
//! every message next to its field at once and the store can refuse the whole record.

use chrono::NaiveDate;
use serde::Serialize;
use std::fmt;
use ts_rs::TS;

/// One refused field: `field` is the input's path (`address.zip`, `policies[1].member_id`),
/// `message` is for the person at the keyboard and names the field in their words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// Every problem found in one record. Empty means valid.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems(Vec<FieldError>);

/// A record was refused; nothing was saved. Carries every field problem found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Invalid(pub Vec<FieldError>);

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.0.iter().map(|e| format!("{}: {}", e.field, e.message)).collect();
        f.write_str(&parts.join("; "))
    }
}

impl Invalid {
    pub fn one(field: impl Into<String>, message: impl Into<String>) -> Invalid {
        Invalid(vec![FieldError { field: field.into(), message: message.into() }])
    }
}

impl Problems {
    pub fn new() -> Problems {
        Problems(Vec::new())
    }

    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push(FieldError { field: field.into(), message: message.into() });
    }

    /// Records the error of a rule, if any, and gives back its normalized value.
    pub fn check<T>(&mut self, field: &str, result: Result<T, String>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(message) => {
                self.add(field, message);
                None
            }
        }
    }

    /// Adds the problems of a nested record with its fields prefixed (`address.` + `zip`).
    pub fn nest(&mut self, prefix: &str, inner: Problems) {
        for e in inner.0 {
            self.add(format!("{prefix}.{}", e.field), e.message);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_result(self) -> Result<(), Invalid> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(Invalid(self.0))
        }
    }
}

fn digits(text: &str) -> String {
    text.chars().filter(|c| c.is_ascii_digit()).collect()
}

/// Text that must not be blank. Returns it trimmed.
pub fn required(label: &str, text: &str) -> Result<String, String> {
    let t = text.trim();
    if t.is_empty() {
        Err(format!("{label} is required"))
    } else {
        Ok(t.to_string())
    }
}

/// National Provider Identifier: 10 digits whose last is a Luhn check digit computed over
/// the prefix 80840 followed by the first nine digits (CMS NPI standard).
pub fn npi(label: &str, text: &str) -> Result<String, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(format!("{label} is required"));
    }
    if t.len() != 10 || !t.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("{label} must be exactly 10 digits"));
    }
    if !npi_check_digit_ok(t) {
        return Err(format!("{label} {t} fails the NPI check digit; check for a typo"));
    }
    Ok(t.to_string())
}

/// Luhn over "80840" + the NPI's ten digits: valid when the sum is a multiple of 10.
pub fn npi_check_digit_ok(ten_digits: &str) -> bool {
    let full = format!("80840{ten_digits}");
    let mut sum = 0u32;
    for (i, c) in full.chars().rev().enumerate() {
        let Some(mut d) = c.to_digit(10) else { return false };
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    sum.is_multiple_of(10)
}

/// Computes the check digit that completes nine NPI digits (used by the demo generator).
pub fn npi_with_check_digit(nine_digits: &str) -> String {
    (0..10)
        .map(|d| format!("{nine_digits}{d}"))
        .find(|candidate| npi_check_digit_ok(candidate))
        .expect("one of ten digits always completes a Luhn sum")
}

/// Federal tax ID: an EIN (`12-3456789`) or an SSN (`123-45-6789`), stored as 9 digits.
pub fn tax_id(label: &str, text: &str) -> Result<String, String> {
    let d = digits(text);
    let only_allowed = text.trim().chars().all(|c| c.is_ascii_digit() || c == '-' || c == ' ');
    if text.trim().is_empty() {
        return Err(format!("{label} is required"));
    }
    if d.len() != 9 || !only_allowed {
        return Err(format!("{label} must be 9 digits (EIN 12-3456789 or SSN 123-45-6789)"));
    }
    if d == "000000000" {
        return Err(format!("{label} {} is not a valid number", text.trim()));
    }
    Ok(d)
}

/// Provider taxonomy code: 10 characters, 3 digits, 6 letters/digits, ending in X (207Q00000X).
pub fn taxonomy(label: &str, text: &str) -> Result<String, String> {
    let t = text.trim().to_ascii_uppercase();
    let ok = t.len() == 10
        && t[..3].chars().all(|c| c.is_ascii_digit())
        && t[3..9].chars().all(|c| c.is_ascii_alphanumeric())
        && t.ends_with('X');
    if t.is_empty() {
        Err(format!("{label} is required"))
    } else if !ok {
        Err(format!("{label} must be a 10-character taxonomy code like 207Q00000X"))
    } else {
        Ok(t)
    }
}

/// Postal abbreviations of the states, DC and the territories the USPS serves.
pub const STATE_CODES: [&str; 59] = [
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA",
    "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR",
    "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "AS", "GU", "MP", "PR", "VI", "AA",
    "AE", "AP",
];

pub fn state(label: &str, text: &str) -> Result<String, String> {
    let t = text.trim().to_ascii_uppercase();
    if t.is_empty() {
        Err(format!("{label} is required"))
    } else if STATE_CODES.contains(&t.as_str()) {
        Ok(t)
    } else {
        Err(format!("{label} {:?} is not a US state code (two letters, e.g. TX)", text.trim()))
    }
}

/// ZIP or ZIP+4: `12345`, `12345-6789` or `123456789`; stored as 5 or 9 digits.
pub fn zip(label: &str, text: &str) -> Result<String, String> {
    let t = text.trim();
    let d = digits(t);
    let shape_ok = t.chars().all(|c| c.is_ascii_digit() || c == '-')
        && (t.len() == 5 || t.len() == 9 || (t.len() == 10 && t.as_bytes()[5] == b'-'));
    if t.is_empty() {
        Err(format!("{label} is required"))
    } else if !shape_ok || !(d.len() == 5 || d.len() == 9) {
        Err(format!("{label} must be 5 digits or ZIP+4 (12345-6789)"))
    } else {
        Ok(d)
    }
}

/// A North American phone number, stored as 10 digits. Area code and exchange cannot
/// start with 0 or 1 (NANP). A leading country code 1 is accepted and dropped.
pub fn phone(label: &str, text: &str) -> Result<String, String> {
    let t = text.trim();
    if !t.chars().all(|c| c.is_ascii_digit() || " ()-.+".contains(c)) {
        return Err(format!("{label} may contain only digits, spaces and ( ) - ."));
    }
    let mut d = digits(t);
    if d.len() == 11 && d.starts_with('1') {
        d.remove(0);
    }
    if d.len() != 10 {
        return Err(format!("{label} must have 10 digits, e.g. (512) 555-0134"));
    }
    if matches!(d.as_bytes()[0], b'0' | b'1') || matches!(d.as_bytes()[3], b'0' | b'1') {
        return Err(format!("{label} {t} has an area code or exchange starting with 0 or 1"));
    }
    Ok(d)
}

/// An optional phone: blank stays blank.
pub fn optional_phone(label: &str, text: &str) -> Result<String, String> {
    if text.trim().is_empty() {
        Ok(String::new())
    } else {
        phone(label, text)
    }
}

pub fn optional_email(label: &str, text: &str) -> Result<String, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(String::new());
    }
    let mut parts = t.split('@');
    let (local, domain) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    if parts.next().is_some() || local.is_empty() || !domain.contains('.') || t.contains(char::is_whitespace) {
        Err(format!("{label} is not an e-mail address (name@example.com)"))
    } else {
        Ok(t.to_string())
    }
}

/// A birth date: not in the future and not absurdly old.
pub fn birth_date(label: &str, date: Option<NaiveDate>, today: NaiveDate) -> Result<NaiveDate, String> {
    let Some(d) = date else { return Err(format!("{label} is required")) };
    if d > today {
        Err(format!("{label} {} is in the future", us_date(d)))
    } else if d < NaiveDate::from_ymd_opt(1890, 1, 1).expect("valid literal date") {
        Err(format!("{label} {} is before 1890", us_date(d)))
    } else {
        Ok(d)
    }
}

/// A date range such as a policy's effective dates: the end, when given, is on or after the start.
pub fn date_range(end_label: &str, start: NaiveDate, end: Option<NaiveDate>) -> Result<(), String> {
    match end {
        Some(e) if e < start => Err(format!("{end_label} {} is before the start date {}", us_date(e), us_date(start))),
        _ => Ok(()),
    }
}

/// Parses a date the way billers type it: `2024-03-05`, `03/05/2024`, `3/5/2024`, `03052024`.
pub fn parse_date(label: &str, text: &str) -> Result<NaiveDate, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(format!("{label} is required"));
    }
    let formats = ["%Y-%m-%d", "%m/%d/%Y", "%m-%d-%Y", "%m%d%Y"];
    formats
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(t, f).ok())
        .filter(|d| (1800..=2999).contains(&chrono::Datelike::year(d)))
        .ok_or_else(|| format!("{label} {t:?} is not a date (use MM/DD/YYYY)"))
}

/// Dates as billers read them on screens and forms.
pub fn us_date(d: NaiveDate) -> String {
    d.format("%m/%d/%Y").to_string()
}

/// A procedure code: CPT (4 digits + a digit, F, T or U) or HCPCS Level II (a letter + 4 digits).
pub fn procedure_code(label: &str, text: &str) -> Result<String, String> {
    let t = text.trim().to_ascii_uppercase();
    let b = t.as_bytes();
    let cpt =
        t.len() == 5 && b[..4].iter().all(u8::is_ascii_digit) && (b[4].is_ascii_digit() || b"FTU".contains(&b[4]));
    let hcpcs = t.len() == 5 && b[0].is_ascii_uppercase() && b[1..].iter().all(u8::is_ascii_digit);
    if t.is_empty() {
        Err(format!("{label} is required"))
    } else if cpt || hcpcs {
        Ok(t)
    } else {
        Err(format!("{label} {:?} is not a CPT or HCPCS code (5 characters, e.g. 99213 or G0439)", text.trim()))
    }
}

/// A procedure modifier: two letters or digits (25, 59, AT, GA), or blank.
pub fn modifier(label: &str, text: &str) -> Result<String, String> {
    let t = text.trim().to_ascii_uppercase();
    if t.is_empty() || (t.len() == 2 && t.chars().all(|c| c.is_ascii_alphanumeric())) {
        Ok(t)
    } else {
        Err(format!("{label} {:?} must be 2 letters or digits, e.g. 25 or AT", text.trim()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn npi_accepts_valid_check_digits() {
        // 1234567893 is the example in the CMS NPI check-digit document.
        for good in ["1234567893", "1245319599", "1679576722", "1003000126"] {
            assert_eq!(npi("NPI", good), Ok(good.to_string()), "{good}");
        }
    }

    #[test]
    fn npi_refuses_bad_check_digit_and_shapes() {
        assert!(npi("NPI", "1234567890").unwrap_err().contains("check digit"));
        assert!(npi("NPI", "1234567894").unwrap_err().contains("check digit"));
        assert!(npi("NPI", "123456789").unwrap_err().contains("10 digits"));
        assert!(npi("NPI", "12345678931").unwrap_err().contains("10 digits"));
        assert!(npi("NPI", "12345A7893").unwrap_err().contains("10 digits"));
        assert!(npi("Billing NPI", "").unwrap_err().starts_with("Billing NPI is required"));
    }

    #[test]
    fn npi_generator_completes_a_valid_number() {
        assert_eq!(npi_with_check_digit("123456789"), "1234567893");
        for nine in ["100000000", "987654321", "155555555"] {
            assert!(npi_check_digit_ok(&npi_with_check_digit(nine)));
        }
    }

    #[test]
    fn tax_id_accepts_ein_and_ssn_forms() {
        assert_eq!(tax_id("Tax ID", "12-3456789"), Ok("123456789".into()));
        assert_eq!(tax_id("Tax ID", "123-45-6789"), Ok("123456789".into()));
        assert_eq!(tax_id("Tax ID", "123456789"), Ok("123456789".into()));
    }

    #[test]
    fn tax_id_refuses_wrong_length_letters_and_zeros() {
        assert!(tax_id("Tax ID", "12-345678").is_err());
        assert!(tax_id("Tax ID", "12-34567890").is_err());
        assert!(tax_id("Tax ID", "12-34S6789").is_err());
        assert!(tax_id("Tax ID", "000000000").is_err());
        assert!(tax_id("Tax ID", "").unwrap_err().contains("required"));
    }

    #[test]
    fn taxonomy_shape() {
        assert_eq!(taxonomy("Taxonomy", "207q00000x"), Ok("207Q00000X".into()));
        assert_eq!(taxonomy("Taxonomy", "111N00000X"), Ok("111N00000X".into()));
        assert!(taxonomy("Taxonomy", "207Q00000").is_err());
        assert!(taxonomy("Taxonomy", "20AQ00000X").is_err());
        assert!(taxonomy("Taxonomy", "207Q000000").is_err());
    }

    #[test]
    fn state_codes() {
        assert_eq!(state("State", "tx"), Ok("TX".into()));
        assert_eq!(state("State", "DC"), Ok("DC".into()));
        assert_eq!(state("State", "PR"), Ok("PR".into()));
        assert!(state("State", "XX").unwrap_err().contains("not a US state"));
        assert!(state("State", "Texas").is_err());
        assert!(state("State", "").unwrap_err().contains("required"));
    }

    #[test]
    fn zip_codes() {
        assert_eq!(zip("ZIP", "78701"), Ok("78701".into()));
        assert_eq!(zip("ZIP", "78701-1234"), Ok("787011234".into()));
        assert_eq!(zip("ZIP", "787011234"), Ok("787011234".into()));
        for bad in ["7870", "787011", "78701-12", "7870A", "78-7011234", ""] {
            assert!(zip("ZIP", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn phone_numbers() {
        assert_eq!(phone("Phone", "(512) 555-0134"), Ok("5125550134".into()));
        assert_eq!(phone("Phone", "512.555.0134"), Ok("5125550134".into()));
        assert_eq!(phone("Phone", "+1 512 555 0134"), Ok("5125550134".into()));
        assert!(phone("Phone", "555-0134").unwrap_err().contains("10 digits"));
        assert!(phone("Phone", "(012) 555-0134").unwrap_err().contains("area code"));
        assert!(phone("Phone", "(512) 155-0134").unwrap_err().contains("exchange"));
        assert!(phone("Phone", "512-555-01x4").unwrap_err().contains("only digits"));
        assert_eq!(optional_phone("Cell phone", " "), Ok(String::new()));
    }

    #[test]
    fn email_addresses() {
        assert_eq!(optional_email("E-mail", ""), Ok(String::new()));
        assert!(optional_email("E-mail", "pat@example.com").is_ok());
        assert!(optional_email("E-mail", "pat@example").is_err());
        assert!(optional_email("E-mail", "pat example@x.com").is_err());
        assert!(optional_email("E-mail", "a@b@c.com").is_err());
    }

    #[test]
    fn birth_dates() {
        let today = d(2026, 11, 23);
        assert_eq!(birth_date("Birth date", Some(d(1980, 2, 29)), today), Ok(d(1980, 2, 29)));
        assert_eq!(birth_date("Birth date", Some(today), today), Ok(today));
        assert!(birth_date("Birth date", Some(d(2026, 11, 24)), today).unwrap_err().contains("future"));
        assert!(birth_date("Birth date", Some(d(1850, 1, 1)), today).unwrap_err().contains("1890"));
        assert!(birth_date("Birth date", None, today).unwrap_err().contains("required"));
    }

    #[test]
    fn date_ranges() {
        assert!(date_range("End date", d(2025, 1, 1), None).is_ok());
        assert!(date_range("End date", d(2025, 1, 1), Some(d(2025, 1, 1))).is_ok());
        assert!(date_range("End date", d(2025, 1, 1), Some(d(2024, 12, 31))).unwrap_err().contains("before the start"));
    }

    #[test]
    fn dates_as_typed() {
        for t in ["2024-03-05", "03/05/2024", "3/5/2024", "03052024", "03-05-2024"] {
            assert_eq!(parse_date("Date", t), Ok(d(2024, 3, 5)), "{t}");
        }
        assert!(parse_date("Date", "02/30/2024").is_err());
        assert!(parse_date("Date", "yesterday").is_err());
        assert!(parse_date("Date", "").unwrap_err().contains("required"));
    }

    #[test]
    fn procedure_codes_and_modifiers() {
        for good in ["99213", "98941", "0001F", "0042T", "0001U", "g0439", "A4570"] {
            assert!(procedure_code("Code", good).is_ok(), "{good}");
        }
        for bad in ["9921", "992133", "9921A", "GG439", ""] {
            assert!(procedure_code("Code", bad).is_err(), "{bad}");
        }
        assert_eq!(modifier("Modifier", "at"), Ok("AT".into()));
        assert_eq!(modifier("Modifier", ""), Ok(String::new()));
        assert!(modifier("Modifier", "A").is_err());
        assert!(modifier("Modifier", "25X").is_err());
    }

    #[test]
    fn problems_collect_and_nest() {
        let mut p = Problems::new();
        let z = p.check("zip", zip("ZIP", "1"));
        assert!(z.is_none());
        let mut outer = Problems::new();
        outer.nest("address", p);
        let err = outer.into_result().unwrap_err();
        assert_eq!(err.0[0].field, "address.zip");
        assert!(err.to_string().starts_with("address.zip: ZIP must be"));
    }
}
