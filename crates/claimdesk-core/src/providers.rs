//! Practice setup records: providers (rendering / referring), service facilities and payers.

use crate::address::Address;
use crate::text::{self, max};
use crate::validation::{self, Invalid, Problems};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A person who renders or refers services (CMS-1500 boxes 17 and 24J, 837P 2310A/2310B).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Provider {
    /// `None` when creating.
    pub id: Option<i64>,
    pub last_name: String,
    pub first_name: String,
    #[serde(default)]
    pub middle_name: String,
    /// MD, DO, DC, NP, PA-C ...
    #[serde(default)]
    pub credentials: String,
    /// Individual NPI (type 1).
    pub npi: String,
    /// Required for rendering providers; referring providers from outside may not have one on file.
    #[serde(default)]
    pub taxonomy: String,
    #[serde(default)]
    pub license_number: String,
    pub is_rendering: bool,
    pub is_referring: bool,
    pub active: bool,
}

impl Provider {
    pub fn validated(&self) -> Result<Provider, Invalid> {
        let mut p = Problems::new();
        let last_name = p.check("last_name", validation::required("Last name", &self.last_name)).unwrap_or_default();
        let first_name =
            p.check("first_name", validation::required("First name", &self.first_name)).unwrap_or_default();
        text::single_line("last_name", "Last name", &last_name, max::LAST_NAME, &mut p);
        text::single_line("first_name", "First name", &first_name, max::FIRST_NAME, &mut p);
        let middle_name = text::single_line("middle_name", "Middle name", &self.middle_name, max::MIDDLE_NAME, &mut p);
        let credentials = text::single_line("credentials", "Credentials", &self.credentials, max::CREDENTIALS, &mut p);
        let license_number =
            text::single_line("license_number", "License number", &self.license_number, max::REFERENCE, &mut p);
        let npi = p.check("npi", validation::npi("NPI", &self.npi)).unwrap_or_default();
        let taxonomy = if self.taxonomy.trim().is_empty() && !self.is_rendering {
            String::new()
        } else {
            p.check("taxonomy", validation::taxonomy("Taxonomy code", &self.taxonomy)).unwrap_or_default()
        };
        if !self.is_rendering && !self.is_referring {
            p.add("is_rendering", "Choose at least one role: rendering or referring");
        }
        p.into_result()?;
        Ok(Provider {
            id: self.id,
            last_name,
            first_name,
            middle_name,
            credentials: credentials.to_ascii_uppercase(),
            npi,
            taxonomy,
            license_number,
            is_rendering: self.is_rendering,
            is_referring: self.is_referring,
            active: self.active,
        })
    }

    /// "SMITH, JOHN A MD" style, as billers see it in pick lists.
    pub fn display_name(&self) -> String {
        let mut s = format!("{}, {}", self.last_name, self.first_name);
        if !self.middle_name.is_empty() {
            s.push(' ');
            s.push_str(&self.middle_name);
        }
        if !self.credentials.is_empty() {
            s.push_str(", ");
            s.push_str(&self.credentials);
        }
        s
    }
}

/// 837P 005010X222A1 2010AA and 2310C N403 notes: the billing provider's and the service
/// facility's ZIP code must be the full nine digits (ZIP+4); clearinghouses reject five.
pub const ZIP_PLUS_4_NEEDED: &str =
    "Enter the full ZIP+4 (12345-6789): electronic claims need all nine digits for this address";

/// Where services were rendered when not at the billing address (box 32, 837P 2310C).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Facility {
    pub id: Option<i64>,
    pub name: String,
    /// Optional: an organization NPI (type 2) when the facility has one.
    #[serde(default)]
    pub npi: String,
    pub address: Address,
    /// Default place-of-service code for visits here (11 office, 22 outpatient hospital, ...).
    pub place_of_service: String,
    pub active: bool,
}

impl Facility {
    pub fn validated(&self) -> Result<Facility, Invalid> {
        let mut p = Problems::new();
        let name = p.check("name", validation::required("Facility name", &self.name)).unwrap_or_default();
        text::single_line("name", "Facility name", &name, max::ORGANIZATION_NAME, &mut p);
        let npi = if self.npi.trim().is_empty() {
            String::new()
        } else {
            p.check("npi", validation::npi("Facility NPI", &self.npi)).unwrap_or_default()
        };
        let address = self.address.validated(&mut p);
        if !address.zip.is_empty() && !address.has_zip_plus_4() {
            p.add("address.zip", ZIP_PLUS_4_NEEDED);
        }
        let pos = self.place_of_service.trim().to_string();
        if !crate::place_of_service::is_known(&pos) {
            p.add("place_of_service", format!("Place of service {pos:?} is not a CMS place-of-service code"));
        }
        p.into_result()?;
        Ok(Facility { id: self.id, name, npi, address, place_of_service: pos, active: self.active })
    }
}

/// Kinds of insurance, matching the CMS-1500 box 1 check boxes plus what offices bill besides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PayerKind {
    Medicare,
    Medicaid,
    Tricare,
    Champva,
    GroupHealth,
    Bcbs,
    Commercial,
    WorkersComp,
    Auto,
    /// A Medicare supplement policy (Medigap, Social Security Act §1882(g)(1)): pays after
    /// Medicare, and is the only other plan Medicare's paper claim names in item 9.
    Medigap,
    Other,
}

impl PayerKind {
    pub const ALL: [PayerKind; 11] = [
        PayerKind::Medicare,
        PayerKind::Medicaid,
        PayerKind::Tricare,
        PayerKind::Champva,
        PayerKind::GroupHealth,
        PayerKind::Bcbs,
        PayerKind::Commercial,
        PayerKind::WorkersComp,
        PayerKind::Auto,
        PayerKind::Medigap,
        PayerKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PayerKind::Medicare => "medicare",
            PayerKind::Medicaid => "medicaid",
            PayerKind::Tricare => "tricare",
            PayerKind::Champva => "champva",
            PayerKind::GroupHealth => "group_health",
            PayerKind::Bcbs => "bcbs",
            PayerKind::Commercial => "commercial",
            PayerKind::WorkersComp => "workers_comp",
            PayerKind::Auto => "auto",
            PayerKind::Medigap => "medigap",
            PayerKind::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<PayerKind> {
        PayerKind::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// The claim filing indicator (837P SBR09) a payer of this kind usually takes.
    pub fn default_filing_indicator(self) -> &'static str {
        match self {
            PayerKind::Medicare => "MB",
            PayerKind::Medicaid => "MC",
            PayerKind::Tricare => "CH",
            PayerKind::Champva => "VA",
            PayerKind::GroupHealth | PayerKind::Commercial | PayerKind::Medigap => "CI",
            PayerKind::Bcbs => "BL",
            PayerKind::WorkersComp => "WC",
            PayerKind::Auto => "AM",
            PayerKind::Other => "11",
        }
    }
}

/// Claim filing indicator codes of the 837P SBR09 element (X12 5010) with their meaning.
pub const CLAIM_FILING_INDICATORS: [(&str, &str); 24] = [
    ("09", "Self-pay"),
    ("11", "Other non-federal program"),
    ("12", "PPO"),
    ("13", "Point of service"),
    ("14", "EPO"),
    ("15", "Indemnity insurance"),
    ("16", "HMO Medicare risk"),
    ("17", "Dental maintenance organization"),
    ("AM", "Automobile medical"),
    ("BL", "Blue Cross/Blue Shield"),
    ("CH", "CHAMPUS / TRICARE"),
    ("CI", "Commercial insurance"),
    ("DS", "Disability"),
    ("FI", "Federal Employees Program"),
    ("HM", "HMO"),
    ("LM", "Liability medical"),
    ("MA", "Medicare Part A"),
    ("MB", "Medicare Part B"),
    ("MC", "Medicaid"),
    ("OF", "Other federal program"),
    ("TV", "Title V"),
    ("VA", "Veterans Affairs plan"),
    ("WC", "Workers' compensation"),
    ("ZZ", "Mutually defined / unknown"),
];

/// An insurance company or program that receives claims.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Payer {
    pub id: Option<i64>,
    pub name: String,
    pub kind: PayerKind,
    /// Electronic payer ID used by clearinghouses (837P NM1*PR). Blank for paper-only payers.
    #[serde(default)]
    pub payer_id: String,
    /// Where paper claims are mailed (printed at the top of the CMS-1500).
    pub address: Address,
    #[serde(default)]
    pub phone: String,
    /// 837P SBR09.
    pub claim_filing_indicator: String,
    /// Days after the date of service within which the payer accepts a claim.
    pub timely_filing_days: i64,
    /// Default for box 27 "accept assignment" on this payer's claims.
    pub accept_assignment: bool,
    pub active: bool,
    /// For a Medigap insurer: the Coordination of Benefits Agreement (COBA) Medigap-based ID
    /// Medicare crosses claims over with (5 digits, 55000-59999), printed in item 9d.
    #[serde(default)]
    pub coba_id: String,
}

impl Payer {
    pub fn validated(&self) -> Result<Payer, Invalid> {
        let mut p = Problems::new();
        let name = p.check("name", validation::required("Payer name", &self.name)).unwrap_or_default();
        text::single_line("name", "Payer name", &name, max::ORGANIZATION_NAME, &mut p);
        let payer_id = self.payer_id.trim().to_ascii_uppercase();
        if !payer_id.is_empty()
            && (payer_id.len() < 2 || payer_id.len() > 80 || !payer_id.chars().all(|c| c.is_ascii_alphanumeric()))
        {
            p.add("payer_id", "Payer ID must be 2 to 80 letters or digits, as the clearinghouse lists it");
        }
        let address = self.address.validated(&mut p);
        let phone = p.check("phone", validation::optional_phone("Phone", &self.phone)).unwrap_or_default();
        let indicator = self.claim_filing_indicator.trim().to_ascii_uppercase();
        if !CLAIM_FILING_INDICATORS.iter().any(|(code, _)| *code == indicator) {
            p.add(
                "claim_filing_indicator",
                format!("Claim filing indicator {indicator:?} is not an 837P SBR09 code (e.g. CI, MB, MC, BL)"),
            );
        }
        if !(1..=3650).contains(&self.timely_filing_days) {
            p.add("timely_filing_days", "Timely filing must be between 1 and 3650 days");
        }
        let coba_id = self.coba_id.trim().to_string();
        if !coba_id.is_empty() && !is_coba_medigap_id(&coba_id) {
            p.add("coba_id", "The COBA Medigap ID is 5 digits from 55000 to 59999, as Medicare assigned it");
        }
        p.into_result()?;
        Ok(Payer {
            id: self.id,
            name,
            kind: self.kind,
            payer_id,
            address,
            phone,
            claim_filing_indicator: indicator,
            timely_filing_days: self.timely_filing_days,
            accept_assignment: self.accept_assignment,
            active: self.active,
            coba_id,
        })
    }
}

/// Medicare's COBA IDs for Medigap claim-based crossovers are the range 55000-59999
/// (CMS Pub. 100-04 ch. 28 §70.6.4).
fn is_coba_medigap_id(id: &str) -> bool {
    id.len() == 5 && id.chars().all(|c| c.is_ascii_digit()) && id.starts_with('5') && id >= "55000"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr() -> Address {
        Address {
            line1: "PO Box 1".into(),
            line2: String::new(),
            city: "Dallas".into(),
            state: "TX".into(),
            zip: "75201".into(),
        }
    }

    #[test]
    fn payer_rules() {
        let good = Payer {
            id: None,
            name: "Acme Health".into(),
            kind: PayerKind::Commercial,
            payer_id: "acme1".into(),
            address: addr(),
            phone: String::new(),
            claim_filing_indicator: "ci".into(),
            timely_filing_days: 90,
            accept_assignment: true,
            active: true,
            coba_id: String::new(),
        };
        let v = good.validated().unwrap();
        assert_eq!(v.payer_id, "ACME1");
        assert_eq!(v.claim_filing_indicator, "CI");

        let mut bad = good.clone();
        bad.claim_filing_indicator = "QQ".into();
        bad.timely_filing_days = 0;
        bad.payer_id = "A*1".into();
        let fields: Vec<String> = bad.validated().unwrap_err().0.into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["payer_id", "claim_filing_indicator", "timely_filing_days"]);
    }

    #[test]
    fn provider_rules() {
        let mut p = Provider {
            id: None,
            last_name: "Nguyen".into(),
            first_name: "Ana".into(),
            middle_name: String::new(),
            credentials: "md".into(),
            npi: "1679576722".into(),
            taxonomy: "207Q00000X".into(),
            license_number: String::new(),
            is_rendering: true,
            is_referring: false,
            active: true,
        };
        assert_eq!(p.validated().unwrap().credentials, "MD");
        p.npi = "1679576723".into();
        p.is_rendering = false;
        let fields: Vec<String> = p.validated().unwrap_err().0.into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["npi", "is_rendering"]);
        // A referring-only provider may have no taxonomy on file.
        p.npi = "1679576722".into();
        p.is_referring = true;
        p.taxonomy = String::new();
        assert!(p.validated().is_ok());
    }

    #[test]
    fn facility_rules() {
        let f = Facility {
            id: None,
            name: "North Clinic".into(),
            npi: String::new(),
            address: Address { zip: "75201-4455".into(), ..addr() },
            place_of_service: "11".into(),
            active: true,
        };
        assert!(f.validated().is_ok());
        let bad = Facility { place_of_service: "98".into(), npi: "123".into(), ..f.clone() };
        let fields: Vec<String> = bad.validated().unwrap_err().0.into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["npi", "place_of_service"]);
        // 837P 2310C: the service facility's ZIP has all nine digits.
        let five = Facility { address: addr(), ..f };
        let errors = five.validated().unwrap_err().0;
        assert_eq!(errors[0].field, "address.zip");
        assert!(errors[0].message.contains("ZIP+4"));
    }

    #[test]
    fn a_coba_medigap_id_is_five_digits_in_medicares_range() {
        assert!(is_coba_medigap_id("55817"));
        assert!(!is_coba_medigap_id("54999"));
        assert!(!is_coba_medigap_id("5581"));
        assert!(!is_coba_medigap_id("5581A"));
    }

    #[test]
    fn every_kind_round_trips_its_name() {
        for k in PayerKind::ALL {
            assert_eq!(PayerKind::parse(k.as_str()), Some(k));
            let code = k.default_filing_indicator();
            assert!(CLAIM_FILING_INDICATORS.iter().any(|(c, _)| *c == code));
        }
    }
}
