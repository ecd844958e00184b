//! Where 837P files go: the clearinghouse a biller uploads batches to, with the submitter and
//! receiver identities and the interchange (ISA) addressing it assigned to the practice.

use crate::text::{self, max};
use crate::validation::{self, Invalid, Problems};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Clearinghouse {
    pub id: Option<i64>,
    /// What the biller calls it ("Office Ally", "Availity").
    pub name: String,
    /// 1000A: the submitter (usually the practice or the billing service) and its ETIN.
    pub submitter_name: String,
    pub submitter_id: String,
    pub contact_name: String,
    pub contact_phone: String,
    /// 1000B: the receiver (the clearinghouse) and its ID.
    pub receiver_name: String,
    pub receiver_id: String,
    /// ISA05/ISA06 and ISA07/ISA08 (qualifier ZZ = mutually defined, 30 = tax ID ...).
    pub sender_qualifier: String,
    pub sender_id: String,
    pub receiver_qualifier: String,
    pub interchange_receiver_id: String,
    /// ISA15: P production, T test.
    pub production: bool,
    pub is_default: bool,
}

/// X12 identifiers: letters, digits and spaces only, so no separator can sneak in.
fn x12_id(label: &str, text: &str, max: usize) -> Result<String, String> {
    let t = text.trim().to_ascii_uppercase();
    if t.is_empty() {
        return Err(format!("{label} is required"));
    }
    if t.len() > max || !t.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ') {
        return Err(format!("{label} must be 1 to {max} letters or digits"));
    }
    Ok(t)
}

fn qualifier(label: &str, text: &str) -> Result<String, String> {
    let t = text.trim().to_ascii_uppercase();
    if ["01", "14", "20", "27", "28", "29", "30", "33", "ZZ"].contains(&t.as_str()) {
        Ok(t)
    } else {
        Err(format!("{label} must be an ISA ID qualifier such as ZZ, 30 or 01"))
    }
}

impl Clearinghouse {
    pub fn validated(&self) -> Result<Clearinghouse, Invalid> {
        let mut p = Problems::new();
        let name = p.check("name", validation::required("Clearinghouse name", &self.name)).unwrap_or_default();
        text::single_line("name", "Clearinghouse name", &name, max::ORGANIZATION_NAME, &mut p);
        let submitter_name =
            p.check("submitter_name", x12_id("Submitter name", &self.submitter_name, 60)).unwrap_or_default();
        let submitter_id = p.check("submitter_id", x12_id("Submitter ID", &self.submitter_id, 80)).unwrap_or_default();
        let contact_name =
            p.check("contact_name", validation::required("Contact name", &self.contact_name)).unwrap_or_default();
        text::single_line("contact_name", "Contact name", &contact_name, max::CONTACT_NAME, &mut p);
        let contact_phone =
            p.check("contact_phone", validation::phone("Contact phone", &self.contact_phone)).unwrap_or_default();
        let receiver_name =
            p.check("receiver_name", x12_id("Receiver name", &self.receiver_name, 60)).unwrap_or_default();
        let receiver_id = p.check("receiver_id", x12_id("Receiver ID", &self.receiver_id, 80)).unwrap_or_default();
        let sender_qualifier =
            p.check("sender_qualifier", qualifier("Sender ID qualifier", &self.sender_qualifier)).unwrap_or_default();
        let sender_id = p.check("sender_id", x12_id("Interchange sender ID", &self.sender_id, 15)).unwrap_or_default();
        let receiver_qualifier = p
            .check("receiver_qualifier", qualifier("Receiver ID qualifier", &self.receiver_qualifier))
            .unwrap_or_default();
        let interchange_receiver_id = p
            .check("interchange_receiver_id", x12_id("Interchange receiver ID", &self.interchange_receiver_id, 15))
            .unwrap_or_default();
        p.into_result()?;
        Ok(Clearinghouse {
            id: self.id,
            name,
            submitter_name,
            submitter_id,
            contact_name,
            contact_phone,
            receiver_name,
            receiver_id,
            sender_qualifier,
            sender_id,
            receiver_qualifier,
            interchange_receiver_id,
            production: self.production,
            is_default: self.is_default,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub fn sample() -> Clearinghouse {
        Clearinghouse {
            id: None,
            name: "Test clearinghouse".into(),
            submitter_name: "Riverside Family Medicine".into(),
            submitter_id: "sub12345".into(),
            contact_name: "Billing office".into(),
            contact_phone: "512-555-0100".into(),
            receiver_name: "Clearinghouse Inc".into(),
            receiver_id: "CH0001".into(),
            sender_qualifier: "zz".into(),
            sender_id: "SUB12345".into(),
            receiver_qualifier: "ZZ".into(),
            interchange_receiver_id: "CH0001".into(),
            production: false,
            is_default: true,
        }
    }

    #[test]
    fn normalizes_and_names_bad_fields() {
        let ok = sample().validated().unwrap();
        assert_eq!(ok.submitter_id, "SUB12345");
        assert_eq!(ok.sender_qualifier, "ZZ");
        let mut bad = sample();
        bad.sender_id = "WAY-TOO-LONG*ID!".into();
        bad.receiver_qualifier = "QQ".into();
        bad.contact_phone = "555".into();
        let fields: Vec<String> = bad.validated().unwrap_err().0.into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["contact_phone", "sender_id", "receiver_qualifier"]);
    }
}
