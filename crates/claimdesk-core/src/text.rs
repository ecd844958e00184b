//! Free text as people type it into a record: at most as long as where it is printed and sent
//! allows, and no control or escape characters (a tab, a line break in a one-line field, ESC,
//! NUL), which would break the 837P, the printed form or the screen. Every validator checks its
//! text fields here, once, with the limit of the field from [`max`].
//!
//! Where a field is both sent (837P) and printed (CMS-1500), the hard limit is the 837P
//! element's maximum; the paper form shortens names and streets the standard way and the
//! scrubber warns (`BOX_TEXT_TOO_LONG`) when a box still cuts them (`paper::widths`). A field
//! that fills a box alone on the form takes the smaller of the two.

use crate::validation::Problems;

/// Maximum lengths in characters, each with where it comes from.
pub mod max {
    /// 837P NM103 (person's last name, 2010BA/2310B ...): 60.
    pub const LAST_NAME: usize = 60;
    /// 837P NM104: 35.
    pub const FIRST_NAME: usize = 35;
    /// 837P NM105: 25.
    pub const MIDDLE_NAME: usize = 25;
    /// 837P NM107: 10.
    pub const SUFFIX: usize = 10;
    /// 837P NM103 (organization name: billing provider, facility, payer): 60.
    pub const ORGANIZATION_NAME: usize = 60;
    /// 837P N301/N302: 55.
    pub const STREET: usize = 55;
    /// 837P N401: 30.
    pub const CITY: usize = 30;
    /// 837P PER02 (submitter / billing contact name): 60.
    pub const CONTACT_NAME: usize = 60;
    /// 837P PER04 with qualifier EM: 256.
    pub const EMAIL: usize = 256;
    /// 837P REF02 (license, identifiers): 50.
    pub const REFERENCE: usize = 50;
    /// 837P SBR04 (group or plan name): 60.
    pub const GROUP_NAME: usize = 60;
    /// CMS-1500 box 23 holds 29 (`paper::widths::PRIOR_AUTHORIZATION`); 837P REF02 50: the box.
    pub const PRIOR_AUTHORIZATION: usize = crate::paper::widths::PRIOR_AUTHORIZATION;
    /// CMS-1500 box 19: 71 characters (NUCC 1500 instructions); 837P NTE02 80: the box.
    pub const ADDITIONAL_INFO: usize = 71;
    /// CMS-1500 box 24's shaded line: 61 characters (NUCC); the 837P's line elements are longer.
    pub const SUPPLEMENTAL: usize = 61;
    /// Credentials print after the provider's name in box 31 (20 columns for name and all):
    /// MD, DO, DC, PA-C, FNP-BC.
    pub const CREDENTIALS: usize = 15;
    /// Box 26, the patient's account number: 837P CLM01 holds 38, the box 14; ClaimDesk
    /// generates short ones, an imported one may be up to the box.
    pub const ACCOUNT_NUMBER: usize = 14;
    /// Fee schedule description: printed on statements, not sent; 837P SV101-7 allows 80.
    pub const DESCRIPTION: usize = 80;
    /// A short reason kept in the file and shown on screens (an inactive patient, a charge
    /// that differs from the fee, a hold): one line.
    pub const REASON: usize = 200;
    /// A user's full name: shown on screens and in the audit trail, never sent or printed on
    /// a claim.
    pub const USER_NAME: usize = 80;
    /// A note of several lines (an eligibility call): kept and shown, never sent.
    pub const NOTE: usize = 2000;
}

/// One line of text (`field` in the record, `label` in the biller's words): at most `max`
/// characters once trimmed, no control characters. Records a problem naming the field and
/// returns the trimmed text either way.
pub fn single_line(field: &str, label: &str, value: &str, max: usize, problems: &mut Problems) -> String {
    check(field, label, value, max, false, problems)
}

/// Like [`single_line`], but line breaks are allowed (a note); tabs and other control
/// characters are still refused.
pub fn lines(field: &str, label: &str, value: &str, max: usize, problems: &mut Problems) -> String {
    check(field, label, value, max, true, problems)
}

fn check(field: &str, label: &str, value: &str, max: usize, breaks: bool, problems: &mut Problems) -> String {
    let t = value.trim();
    let allowed = |c: char| breaks && (c == '\n' || c == '\r');
    if let Some(c) = t.chars().find(|&c| is_forbidden(c) && !allowed(c)) {
        let what = match c {
            '\t' => "a tab".to_string(),
            '\n' | '\r' => "a line break".to_string(),
            '\u{1b}' => "an escape character".to_string(),
            c => format!("a control character (U+{:04X})", c as u32),
        };
        let how = if breaks { "plain text" } else { "plain text on one line" };
        problems.add(field, format!("{label} contains {what}; type {how}"));
    } else {
        let n = t.chars().count();
        if n > max {
            problems.add(field, format!("{label} is {n} characters long; at most {max} fit"));
        }
    }
    t.to_string()
}

/// Control characters (C0, DEL, C1) and the Unicode line and paragraph separators.
fn is_forbidden(c: char) -> bool {
    c.is_control() || c == '\u{2028}' || c == '\u{2029}'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(value: &str, max: usize) -> Vec<(String, String)> {
        let mut p = Problems::new();
        single_line("last_name", "Last name", value, max, &mut p);
        match p.into_result() {
            Ok(()) => vec![],
            Err(inv) => inv.0.into_iter().map(|e| (e.field, e.message)).collect(),
        }
    }

    #[test]
    fn plain_text_within_the_limit_is_kept_trimmed() {
        let mut p = Problems::new();
        assert_eq!(single_line("f", "F", "  O'Brien-Núñez ", 60, &mut p), "O'Brien-Núñez");
        assert!(p.is_empty());
        assert!(one(&"x".repeat(60), 60).is_empty(), "exactly the limit fits");
    }

    #[test]
    fn too_long_and_control_characters_are_refused_naming_the_field() {
        let long = one(&"x".repeat(100_000), 60);
        assert_eq!(long[0].0, "last_name");
        assert!(long[0].1.contains("100000 characters long; at most 60"), "{}", long[0].1);
        for bad in ["Smith\u{1b}[31m", "Sm\0ith", "Smi\tth", "Smi\nth", "Smi\u{7f}th", "Smi\u{85}th", "a\u{2028}b"] {
            let found = one(bad, 60);
            assert_eq!(found.len(), 1, "{bad:?}");
            assert_eq!(found[0].0, "last_name");
            assert!(found[0].1.starts_with("Last name contains"), "{}", found[0].1);
        }
        // Counted in characters, not bytes.
        assert!(one(&"é".repeat(60), 60).is_empty());
    }

    #[test]
    fn notes_may_have_line_breaks_but_no_other_control_characters() {
        let mut p = Problems::new();
        lines("note", "Note", "called payer\r\nactive", max::NOTE, &mut p);
        assert!(p.is_empty());
        lines("note", "Note", "tab\there", max::NOTE, &mut p);
        lines("note", "Note", "bell\u{7}", max::NOTE, &mut p);
        assert_eq!(p.into_result().unwrap_err().0.len(), 2);
    }
}
