//! Postal addresses, as printed on claims and statements.

use crate::text::{self, max};
use crate::validation::{self, Problems};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Address {
    pub line1: String,
    #[serde(default)]
    pub line2: String,
    pub city: String,
    pub state: String,
    /// 5 or 9 digits once validated.
    pub zip: String,
}

impl Address {
    /// Checks every part and returns the address normalized (trimmed, upper-case state,
    /// digits-only ZIP). Problems are reported as `line1`, `city`, `state`, `zip`.
    pub fn validated(&self, problems: &mut Problems) -> Address {
        let mut p = Problems::new();
        let line1 = p.check("line1", validation::required("Street address", &self.line1)).unwrap_or_default();
        let line2 = text::single_line("line2", "Second address line", &self.line2, max::STREET, &mut p);
        text::single_line("line1", "Street address", &line1, max::STREET, &mut p);
        let city = p.check("city", validation::required("City", &self.city)).unwrap_or_default();
        text::single_line("city", "City", &city, max::CITY, &mut p);
        let state = p.check("state", validation::state("State", &self.state)).unwrap_or_default();
        let zip = p.check("zip", validation::zip("ZIP code", &self.zip)).unwrap_or_default();
        let out = Address { line1, line2, city, state, zip };
        problems.nest("address", p);
        out
    }

    /// True when every part is blank (an optional address that was left empty).
    pub fn is_blank(&self) -> bool {
        [&self.line1, &self.line2, &self.city, &self.state, &self.zip].iter().all(|s| s.trim().is_empty())
    }

    /// True when the ZIP has all nine digits (ZIP+4).
    pub fn has_zip_plus_4(&self) -> bool {
        let digits: String = self.zip.chars().filter(char::is_ascii_digit).collect();
        digits.len() == 9
    }

    /// True when a letter can be mailed to it: street, city, state and ZIP are all there
    /// (the second line is optional).
    pub fn is_complete(&self) -> bool {
        [&self.line1, &self.city, &self.state, &self.zip].iter().all(|s| !s.trim().is_empty())
    }

    /// ZIP as people write it: 78701 or 78701-1234.
    pub fn zip_display(&self) -> String {
        if self.zip.len() == 9 {
            format!("{}-{}", &self.zip[..5], &self.zip[5..])
        } else {
            self.zip.clone()
        }
    }

    /// True for a post-office box, which the 837P refuses as the billing provider's address.
    pub fn is_po_box(&self) -> bool {
        let l = self.line1.to_ascii_uppercase().replace('.', "");
        l.starts_with("PO BOX") || l.starts_with("P O BOX") || l.starts_with("POST OFFICE BOX")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complete_means_street_city_state_and_zip() {
        let full = Address {
            line1: "12 Oak St".into(),
            line2: String::new(),
            city: "Austin".into(),
            state: "TX".into(),
            zip: "78702".into(),
        };
        assert!(full.is_complete());
        assert!(!Address::default().is_complete());
        for blank in [
            Address { line1: " ".into(), ..full.clone() },
            Address { city: String::new(), ..full.clone() },
            Address { state: String::new(), ..full.clone() },
            Address { zip: String::new(), ..full.clone() },
        ] {
            assert!(!blank.is_complete(), "{blank:?}");
        }
    }
}
