//! The practice: who bills (CMS-1500 box 33 / 837P loop 2010AA) and its tax identity (box 25).

use crate::address::Address;
use crate::text::{self, max};
use crate::validation::{self, Invalid, Problems};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Whether claims go out under a group (organization, NPI type 2) or a solo provider (type 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum BillingEntity {
    Group,
    Individual,
}

/// Box 25: an employer identification number or, for a sole provider, a social security number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TaxIdKind {
    Ein,
    Ssn,
}

/// What the guided setup asks for; also what "Practice settings" edits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Practice {
    /// Legal name of the practice / billing provider as registered with NPPES.
    pub name: String,
    pub billing_entity: BillingEntity,
    /// Group NPI (type 2) or, for an individual, the provider's own NPI (type 1).
    pub npi: String,
    pub tax_id: String,
    pub tax_id_kind: TaxIdKind,
    pub taxonomy: String,
    pub address: Address,
    pub phone: String,
    /// For an individual billing provider: last and first name go to NM1*85 instead of the name.
    #[serde(default)]
    pub contact_name: String,
    #[serde(default)]
    pub email: String,
}

impl Practice {
    pub fn validated(&self) -> Result<Practice, Invalid> {
        let mut p = Problems::new();
        let name = p.check("name", validation::required("Practice name", &self.name)).unwrap_or_default();
        text::single_line("name", "Practice name", &name, max::ORGANIZATION_NAME, &mut p);
        let contact_name =
            text::single_line("contact_name", "Contact name", &self.contact_name, max::CONTACT_NAME, &mut p);
        text::single_line("email", "E-mail", &self.email, max::EMAIL, &mut p);
        let npi = p.check("npi", validation::npi("Billing NPI", &self.npi)).unwrap_or_default();
        let tax_id = p.check("tax_id", validation::tax_id("Tax ID", &self.tax_id)).unwrap_or_default();
        let taxonomy = p.check("taxonomy", validation::taxonomy("Taxonomy code", &self.taxonomy)).unwrap_or_default();
        let address = self.address.validated(&mut p);
        if address.is_po_box() {
            p.add("address.line1", "The billing address must be a street address, not a PO box (837P rule)");
        }
        if !address.zip.is_empty() && !address.has_zip_plus_4() {
            p.add("address.zip", crate::providers::ZIP_PLUS_4_NEEDED);
        }
        let phone = p.check("phone", validation::phone("Phone", &self.phone)).unwrap_or_default();
        let email = p.check("email", validation::optional_email("E-mail", &self.email)).unwrap_or_default();
        p.into_result()?;
        Ok(Practice {
            name,
            billing_entity: self.billing_entity,
            npi,
            tax_id,
            tax_id_kind: self.tax_id_kind,
            taxonomy,
            address,
            phone,
            contact_name,
            email,
        })
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn sample() -> Practice {
        Practice {
            name: "Riverside Family Medicine".into(),
            billing_entity: BillingEntity::Group,
            npi: "1245319599".into(),
            tax_id: "74-1234567".into(),
            tax_id_kind: TaxIdKind::Ein,
            taxonomy: "207q00000x".into(),
            address: Address {
                line1: "100 Main St".into(),
                line2: String::new(),
                city: "Austin".into(),
                state: "tx".into(),
                zip: "78701-1234".into(),
            },
            phone: "(512) 555-0100".into(),
            contact_name: String::new(),
            email: String::new(),
        }
    }

    #[test]
    fn valid_practice_is_normalized() {
        let v = sample().validated().unwrap();
        assert_eq!(v.tax_id, "741234567");
        assert_eq!(v.taxonomy, "207Q00000X");
        assert_eq!(v.address.state, "TX");
        assert_eq!(v.address.zip, "787011234");
        assert_eq!(v.phone, "5125550100");
    }

    #[test]
    fn every_bad_field_is_named() {
        let mut bad = sample();
        bad.name = " ".into();
        bad.npi = "1245319598".into();
        bad.address.state = "ZZ".into();
        bad.address.line1 = "P.O. Box 12".into();
        let fields: Vec<String> = bad.validated().unwrap_err().0.into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["name", "npi", "address.state", "address.line1"]);
    }

    #[test]
    fn a_five_digit_zip_is_refused_for_the_billing_address() {
        let mut five = sample();
        five.address.zip = "78701".into();
        let errors = five.validated().unwrap_err().0;
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "address.zip");
        assert!(errors[0].message.contains("ZIP+4"), "{}", errors[0].message);
    }
}
