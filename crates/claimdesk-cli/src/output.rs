//! Printing results: one JSON object with --json, readable text otherwise.

use claimdesk_core::validation::us_date;
use claimdesk_core::{Patient, PatientSummary, Policy, Responsible};
use serde::Serialize;
use std::fmt::Write as _;
use std::io::Write as _;

/// Writes to stdout, which every result goes through (`out!`, `outln!`). A closed stdout (the
/// output was piped into `head`, which has read enough) ends the program quietly with status 0:
/// the command's work is done by the time it prints. Any other write failure is an error.
pub fn stdout_fmt(args: std::fmt::Arguments<'_>) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_fmt(args) {
        stdout_failed(&e);
    }
}

/// Writes bytes to stdout and flushes them, with [`stdout_fmt`]'s handling of a closed stdout.
pub fn stdout_bytes(bytes: &[u8]) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(bytes).and_then(|()| out.flush()) {
        stdout_failed(&e);
    }
}

fn stdout_failed(e: &std::io::Error) -> ! {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    let _ = writeln!(std::io::stderr(), "error: could not write to stdout: {e}");
    std::process::exit(1);
}

/// Writes `value` as one JSON object on stdout.
pub fn json<T: Serialize>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(text) => outln!("{text}"),
        // Our own types always serialize; if one ever does not, say so rather than print half.
        Err(e) => errln!("error: could not write the JSON result: {e}"),
    }
}

/// Writes `value` as one JSON object on stderr (error reports).
pub fn json_err<T: Serialize>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(text) => errln!("{text}"),
        Err(e) => errln!("error: could not write the JSON error report: {e}"),
    }
}

/// (512) 555-0134 for a stored 10-digit number; anything else as stored.
pub fn phone(digits: &str) -> String {
    if digits.len() == 10 && digits.chars().all(|c| c.is_ascii_digit()) {
        format!("({}) {}-{}", &digits[..3], &digits[3..6], &digits[6..])
    } else {
        digits.to_string()
    }
}

/// Columns padded to their widest cell, two spaces apart.
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |cells: Vec<&str>| {
        let mut text = String::new();
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            if i > 0 {
                text.push_str("  ");
            }
            let pad = w.saturating_sub(cell.chars().count());
            text.push_str(cell);
            text.extend(std::iter::repeat_n(' ', pad));
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    line(header.to_vec());
    for row in rows {
        line(row.iter().map(String::as_str).collect());
    }
    out
}

/// The search results as a table.
pub fn search_results(list: &[PatientSummary], show_status: bool) -> String {
    let mut header = vec!["ACCOUNT", "NAME", "BORN", "SEX", "PHONE", "CITY", "PRIMARY INSURANCE", "MEMBER ID"];
    if show_status {
        header.push("STATUS");
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|s| {
            let mut row = vec![
                s.account_number.clone(),
                claimdesk_core::patients::display_name(&s.last_name, &s.first_name, &s.middle_name),
                us_date(s.birth_date),
                s.sex.as_str().to_string(),
                phone(&s.phone),
                s.city.clone(),
                s.primary_payer.clone(),
                s.primary_member_id.clone(),
            ];
            if show_status {
                row.push(if s.active { "active" } else { "inactive" }.to_string());
            }
            row
        })
        .collect();
    table(&header, &rows)
}

fn age_on(birth: chrono::NaiveDate, today: chrono::NaiveDate) -> i32 {
    use chrono::Datelike;
    let had_birthday = (today.month(), today.day()) >= (birth.month(), birth.day());
    today.year() - birth.year() - i32::from(!had_birthday)
}

fn who(r: &Responsible) -> String {
    match r {
        Responsible::Itself => "Self".to_string(),
        Responsible::Patient { patient_id, name } => format!("{name} (patient id {patient_id})"),
        Responsible::Person { person } => {
            let name =
                claimdesk_core::patients::display_name(&person.last_name, &person.first_name, &person.middle_name);
            match person.birth_date {
                Some(b) => format!("{name}, born {}", us_date(b)),
                None => name,
            }
        }
    }
}

const ORDER: [&str; 3] = ["Primary", "Secondary", "Tertiary"];

fn policy_lines(out: &mut String, i: usize, p: &Policy) {
    let label = ORDER.get(i).copied().unwrap_or("Other");
    let _ = writeln!(out, "  {label:<10}{}", p.payer_name);
    let mut card = format!("Member ID {}", p.member_id);
    if !p.group_number.is_empty() {
        let _ = write!(card, "   Group {}", p.group_number);
    }
    if !p.group_name.is_empty() {
        let _ = write!(card, " ({})", p.group_name);
    }
    let _ = writeln!(out, "  {:<10}{card}", "");
    let mut subscriber = format!("Subscriber: {}", who(&p.subscriber));
    if !matches!(p.subscriber, Responsible::Itself) {
        let _ = write!(subscriber, " (patient is {})", p.relationship.as_str());
    }
    let _ = writeln!(out, "  {:<10}{subscriber}", "");
    let from = p.effective_from.map(us_date).unwrap_or_default();
    let period = match p.effective_to {
        Some(to) => format!("{from} to {}", us_date(to)),
        None => format!("{from} onward"),
    };
    let _ = writeln!(out, "  {:<10}Effective {period}   Copay {}", "", p.copay);
    for check in &p.eligibility {
        let day = check.checked_on.map(us_date).unwrap_or_default();
        let _ = writeln!(out, "  {:<10}Verified {day} ({}): {}", "", check.status.as_str(), check.note);
    }
}

/// A patient as a card: demographics, guarantor, then insurance in billing order.
pub fn patient_card(p: &Patient, today: chrono::NaiveDate) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}   Account {}", p.display_name(), p.account_number);
    if let Some(b) = p.birth_date {
        let _ = writeln!(out, "  {:<10}{} (age {})   Sex {}", "Born", us_date(b), age_on(b, today), p.sex.as_str());
    }
    let a = &p.address;
    let street = if a.line2.is_empty() { a.line1.clone() } else { format!("{}, {}", a.line1, a.line2) };
    let _ = writeln!(out, "  {:<10}{street}", "Address");
    let _ = writeln!(out, "  {:<10}{}, {} {}", "", a.city, a.state, a.zip_display());
    for (label, value) in [("Home", phone(&p.home_phone)), ("Cell", phone(&p.cell_phone)), ("E-mail", p.email.clone())]
    {
        if !value.is_empty() {
            let _ = writeln!(out, "  {label:<10}{value}");
        }
    }
    let mut guarantor = who(&p.guarantor);
    if !matches!(p.guarantor, Responsible::Itself) {
        let _ = write!(guarantor, " (patient is {})", p.guarantor_relationship.as_str());
    }
    let _ = writeln!(out, "  {:<10}{guarantor}", "Guarantor");
    if !p.active {
        let _ = writeln!(out, "  {:<10}Inactive: {}", "Status", p.inactive_reason);
    }
    out.push_str("\nInsurance\n");
    if p.policies.is_empty() {
        out.push_str("  None on file (self-pay)\n");
    }
    for (i, policy) in p.policies.iter().enumerate() {
        policy_lines(&mut out, i, policy);
    }
    out
}
