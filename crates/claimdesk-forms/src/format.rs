//! How values are written on the form: upper case ASCII, NUCC date layouts, money split into
//! dollars and cents without `$` or a decimal point.

use chrono::{Datelike, NaiveDate};
use claimdesk_core::Money;

pub use claimdesk_core::paper::{form_text, initial, name_text};

/// `MM DD YYYY`: the signature dates (12, 31), which Medicare exempts from the date-format
/// rule of the other items.
pub fn date_mm_dd_yyyy(d: NaiveDate) -> String {
    format!("{:02} {:02} {:04}", d.month(), d.day(), d.year())
}

/// The parts of a date for boxes that have a cell per part.
pub fn date_parts(d: NaiveDate) -> (String, String, String, String) {
    (
        format!("{:02}", d.month()),
        format!("{:02}", d.day()),
        format!("{:04}", d.year()),
        format!("{:02}", d.year() % 100),
    )
}

/// `%8.2f` with the decimal point printed as a space, as the form's dollars | cents columns
/// want it: `  125 00`. `None` when the amount is negative or does not fit five dollar digits.
pub fn money_columns(amount: Money, width: usize) -> Option<String> {
    let cents = amount.cents();
    if cents < 0 {
        return None;
    }
    let text = format!("{} {:02}", cents / 100, cents % 100);
    (text.len() <= width).then(|| format!("{text:>width$}"))
}

/// The digits of a US phone number split as (area code, 7-digit number); `None` unless it
/// has exactly 10 digits (or 11 with a leading 1).
pub fn phone_parts(phone: &str) -> Option<(String, String)> {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let digits = match digits.len() {
        11 if digits.starts_with('1') => &digits[1..],
        10 => &digits[..],
        _ => return None,
    };
    Some((digits[..3].to_string(), digits[3..].to_string()))
}

/// Fits text into `width` characters (the form has no room for more).
pub fn fit(text: &str, width: u16) -> String {
    text.chars().take(usize::from(width)).collect::<String>().trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_splits_dollars_and_cents() {
        assert_eq!(money_columns(Money::from_cents(12500), 8).as_deref(), Some("  125 00"));
        assert_eq!(money_columns(Money::from_cents(5), 8).as_deref(), Some("    0 05"));
        assert_eq!(money_columns(Money::from_cents(9_999_999), 8).as_deref(), Some("99999 99"));
        assert_eq!(money_columns(Money::from_cents(10_000_000), 8), None);
        assert_eq!(money_columns(Money::from_cents(-1), 8), None);
    }

    #[test]
    fn dates_and_phones() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 7).unwrap();
        assert_eq!(date_mm_dd_yyyy(d), "03 07 2026");
        assert_eq!(date_parts(d), ("03".into(), "07".into(), "2026".into(), "26".into()));
        assert_eq!(phone_parts("(512) 555-0100"), Some(("512".into(), "5550100".into())));
        assert_eq!(phone_parts("1-512-555-0100"), Some(("512".into(), "5550100".into())));
        assert_eq!(phone_parts("555-0100"), None);
    }

    #[test]
    fn fit_truncates() {
        assert_eq!(fit("ABCDEFG", 4), "ABCD");
        assert_eq!(fit("AB CD", 3), "AB");
    }
}
