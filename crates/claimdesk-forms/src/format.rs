//! How values are written on the form: upper case ASCII, NUCC date layouts, money split into
//! dollars and cents without `$` or a decimal point.

use chrono::{Datelike, NaiveDate};
use claimdesk_core::Money;

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

/// Names and addresses: NUCC asks for no periods or other punctuation (`123 N MAIN ST 101`,
/// not `123 N. Main St., #101`); hyphens and apostrophes in names stay.
pub fn name_text(text: &str) -> String {
    let cleaned: String =
        text.chars().map(|c| if matches!(c, '.' | ',' | '#' | ';' | ':') { ' ' } else { c }).collect();
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

/// `MM DD YYYY`: birth dates (3, 11a), 14, 15, and the signature dates (12, 31).
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

/// The first character of a middle name (NUCC: middle initial only).
pub fn initial(middle: &str) -> String {
    middle.trim().chars().find(|c| c.is_alphabetic()).map(String::from).unwrap_or_default()
}

/// `LAST SUFFIX, FIRST MI` (boxes 2, 4, 9).
pub fn last_first_mi(last: &str, suffix: &str, first: &str, middle: &str) -> String {
    let last = [last, suffix].iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ");
    let first_mi =
        [first.trim().to_string(), initial(middle)].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>();
    if last.is_empty() && first_mi.is_empty() {
        return String::new();
    }
    // Commas go before the punctuation filter, so keep them explicitly.
    format!("{}, {}", name_text(&last), name_text(&first_mi.join(" ")))
}

/// `FIRST MI LAST CREDENTIALS` (boxes 17 and 31).
pub fn first_mi_last(first: &str, middle: &str, last: &str, credentials: &str) -> String {
    name_text(
        &[first.trim().to_string(), initial(middle), last.trim().to_string(), credentials.trim().to_string()].join(" "),
    )
}

/// Fits text into `width` characters (the form has no room for more).
pub fn fit(text: &str, width: u16) -> String {
    text.chars().take(usize::from(width)).collect::<String>().trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_upper_ascii() {
        assert_eq!(form_text("  José  Núñez\tJr "), "JOSE NUNEZ JR");
        assert_eq!(form_text("n4 12345678901 un1"), "N4 12345678901 UN1");
        assert_eq!(name_text("123 N. Main St., #101"), "123 N MAIN ST 101");
        assert_eq!(name_text("O'Brien-Smith"), "O'BRIEN-SMITH");
    }

    #[test]
    fn names() {
        assert_eq!(last_first_mi("Doe", "", "Jane", "quinn"), "DOE, JANE Q");
        assert_eq!(last_first_mi("Smith", "Jr.", "John", ""), "SMITH JR, JOHN");
        assert_eq!(last_first_mi("", "", "", ""), "");
        assert_eq!(first_mi_last("Ann", "B", "Lee", "D.C."), "ANN B LEE D C");
    }

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
