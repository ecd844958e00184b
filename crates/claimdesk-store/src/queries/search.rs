//! Finding a patient from one search box: name parts, account number, birth date, phone
//! or member ID, results as you type.
//!
//! Each patient has one row in the FTS5 table `patient_search` (rowid = patient id) whose
//! text is made of normalized tokens. What the user types is turned into the same tokens
//! and matched as prefixes, so "smi jo" finds John Smith and "0517" finds a phone ending
//! in 0517. Dates are recognized and matched exactly in any usual spelling.

use crate::error::Result;
use crate::rows;
use crate::SearchOptions;
use chrono::{Datelike, NaiveDate};
use claimdesk_core::{validation, PatientSummary};
use rusqlite::{params, Connection};

/// Letters and digits only, lower case: "O'Brien" -> "obrien", "XYZ-123" -> "xyz123".
fn squash(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

fn date_token(d: NaiveDate) -> String {
    format!("d{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// The tokens a patient can be found by.
fn tokens_for(conn: &Connection, id: i64) -> Result<String> {
    let (last, first, middle, account, birth, home, cell): (String, String, String, String, NaiveDate, String, String) =
        conn.prepare_cached(
            "SELECT last_name, first_name, middle_name, account_number, birth_date, home_phone, cell_phone
             FROM patients WHERE id = ?1",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))?;
    let mut tokens: Vec<String> = Vec::new();
    for name in [&last, &first, &middle] {
        // Both the whole name squashed and its parts: "Smith-Jones" matches "smithj" and "jones".
        tokens.push(squash(name));
        tokens.extend(name.split(|c: char| !c.is_alphanumeric()).map(squash));
    }
    tokens.push(squash(&account));
    tokens.push(date_token(birth));
    for phone in [&home, &cell].into_iter().filter(|p| p.len() == 10) {
        // Full number, the 7-digit local number and the last four digits.
        tokens.push(format!("p{phone}"));
        tokens.push(format!("p{}", &phone[3..]));
        tokens.push(format!("p{}", &phone[6..]));
    }
    let mut stmt = conn.prepare_cached("SELECT member_id FROM policies WHERE patient_id = ?1 AND removed = 0")?;
    for member in stmt.query_map([id], |r| r.get::<_, String>(0))? {
        tokens.push(squash(&member?));
    }
    tokens.retain(|t| !t.is_empty());
    tokens.sort();
    tokens.dedup();
    Ok(tokens.join(" "))
}

/// Rewrites the patient's search row; called in the transaction that changed the patient.
pub(crate) fn index_patient(conn: &Connection, id: i64) -> Result<()> {
    let terms = tokens_for(conn, id)?;
    conn.prepare_cached("DELETE FROM patient_search WHERE rowid = ?1")?.execute([id])?;
    conn.prepare_cached("INSERT INTO patient_search (rowid, terms) VALUES (?1, ?2)")?.execute(params![id, terms])?;
    Ok(())
}

/// Turns what was typed into an FTS5 query: every term must match (AND), each as a prefix,
/// except dates which match exactly. Returns None when nothing searchable was typed.
pub(crate) fn fts_query(typed: &str) -> Option<String> {
    let digits: String = typed.chars().filter(|c| c.is_ascii_digit()).collect();
    let phone_like = typed.chars().all(|c| c.is_ascii_digit() || " ()-.+".contains(c));
    // A whole phone number typed with spaces, e.g. "(512) 555-0134".
    if phone_like && digits.len() >= 7 && typed.trim().contains([' ', '(', ')', '.']) {
        let national = if digits.len() == 11 && digits.starts_with('1') { &digits[1..] } else { &digits[..] };
        return Some(format!("\"p{national}\"*"));
    }
    let mut terms = Vec::new();
    for raw in typed.split(|c: char| c.is_whitespace() || c == ',') {
        if raw.is_empty() {
            continue;
        }
        if raw.contains(['/', '-']) && raw.chars().filter(char::is_ascii_digit).count() >= 6 {
            if let Ok(d) = validation::parse_date("date", raw) {
                terms.push(format!("\"{}\"", date_token(d)));
                continue;
            }
        }
        let token = squash(raw);
        if token.is_empty() {
            continue;
        }
        if token.len() == 8 && token.chars().all(|c| c.is_ascii_digit()) {
            // 8 digits could be a birth date MMDDYYYY, or part of an account / member ID / phone.
            if let Ok(d) = validation::parse_date("date", &token) {
                terms.push(format!("(\"{}\" OR \"{token}\"* OR \"p{token}\"*)", date_token(d)));
                continue;
            }
        }
        if token.chars().all(|c| c.is_ascii_digit()) {
            // Digits may be an account number, a member ID or a phone number.
            terms.push(format!("(\"{token}\"* OR \"p{token}\"*)"));
        } else {
            terms.push(format!("\"{token}\"*"));
        }
    }
    if terms.is_empty() {
        None
    } else {
        Some(terms.join(" AND "))
    }
}

const SUMMARY: &str = "SELECT p.id, p.account_number, p.last_name, p.first_name, p.middle_name, p.birth_date, p.sex,
    CASE WHEN p.home_phone <> '' THEN p.home_phone ELSE p.cell_phone END, p.city,
    coalesce((SELECT y.name FROM policies o JOIN payers y ON y.id = o.payer_id
              WHERE o.patient_id = p.id AND o.removed = 0 AND o.priority = 1), ''),
    coalesce((SELECT o.member_id FROM policies o WHERE o.patient_id = p.id AND o.removed = 0 AND o.priority = 1), ''),
    p.active
    FROM patients p";

fn summary(r: &rusqlite::Row) -> rusqlite::Result<PatientSummary> {
    Ok(PatientSummary {
        id: r.get(0)?,
        account_number: r.get(1)?,
        last_name: r.get(2)?,
        first_name: r.get(3)?,
        middle_name: r.get(4)?,
        birth_date: r.get(5)?,
        sex: rows::sex(r, 6)?,
        phone: r.get(7)?,
        city: r.get(8)?,
        primary_payer: r.get(9)?,
        primary_member_id: r.get(10)?,
        active: rows::flag(r, 11)?,
    })
}

pub(crate) fn search(conn: &Connection, typed: &str, options: &SearchOptions) -> Result<Vec<PatientSummary>> {
    let limit = options.limit.clamp(1, 500) as i64;
    let active_only = if options.include_inactive { "" } else { "AND p.active = 1" };
    let list = match fts_query(typed) {
        None => {
            let sql = format!(
                "{SUMMARY} WHERE 1 = 1 {active_only} ORDER BY p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE LIMIT ?1"
            );
            let mut stmt = conn.prepare_cached(&sql)?;
            let rows = stmt.query_map([limit], summary)?.collect::<rusqlite::Result<Vec<_>>>()?;
            rows
        }
        Some(q) => {
            let sql = format!(
                "{SUMMARY} WHERE p.id IN (SELECT rowid FROM patient_search WHERE patient_search MATCH ?1) {active_only}
                 ORDER BY p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE LIMIT ?2"
            );
            let mut stmt = conn.prepare_cached(&sql)?;
            let rows = stmt.query_map(params![q, limit], summary)?.collect::<rusqlite::Result<Vec<_>>>()?;
            rows
        }
    };
    Ok(list)
}

#[cfg(test)]
mod tests {
    use super::fts_query;

    #[test]
    fn typed_text_becomes_prefix_terms() {
        assert_eq!(fts_query("smi jo").unwrap(), "\"smi\"* AND \"jo\"*");
        assert_eq!(fts_query("O'Bri").unwrap(), "\"obri\"*");
        assert_eq!(fts_query("  ").as_deref(), None);
        assert_eq!(fts_query("\"*").as_deref(), None);
    }

    #[test]
    fn dates_and_phones_are_recognized() {
        assert_eq!(fts_query("05/17/1980").unwrap(), "\"d19800517\"");
        assert_eq!(fts_query("1980-05-17").unwrap(), "\"d19800517\"");
        assert_eq!(fts_query("(512) 555-0134").unwrap(), "\"p5125550134\"*");
        assert_eq!(fts_query("0134").unwrap(), "(\"0134\"* OR \"p0134\"*)");
    }
}
