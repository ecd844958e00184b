//! The practice's setup records: the practice itself, its providers, service facilities,
//! the payers it bills and the clearinghouse its electronic claims go to.

use crate::Specialty;
use claimdesk_core::clearinghouse::Clearinghouse;
use claimdesk_core::validation::npi_with_check_digit;
use claimdesk_core::{Address, BillingEntity, Facility, Payer, PayerKind, Practice, Provider, TaxIdKind};
use claimdesk_store::{Result, Tx};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeSet;

const FAMILY_MEDICINE: &str = "207Q00000X";
const INTERNAL_MEDICINE: &str = "207R00000X";
const FAMILY_NURSE_PRACTITIONER: &str = "363LF0000X";
const CHIROPRACTOR: &str = "111N00000X";
const ORTHOPAEDIC_SURGERY: &str = "207X00000X";

fn address(line1: &str, line2: &str, city: &str, state: &str, zip: &str) -> Address {
    Address { line1: line1.into(), line2: line2.into(), city: city.into(), state: state.into(), zip: zip.into() }
}

/// The billing practice (box 33). Fixed per specialty: the seed varies the people, not the office.
pub fn practice(specialty: Specialty) -> Practice {
    match specialty {
        Specialty::Physician => Practice {
            name: "Riverside Family Medicine".into(),
            billing_entity: BillingEntity::Group,
            npi: npi_with_check_digit("124531959"),
            tax_id: "74-2918365".into(),
            tax_id_kind: TaxIdKind::Ein,
            taxonomy: FAMILY_MEDICINE.into(),
            address: address("1200 W Riverside Dr", "Suite 210", "Austin", "TX", "78704-3318"),
            phone: "512-555-0100".into(),
            contact_name: "Dana Whitfield".into(),
            email: "billing@example.com".into(),
        },
        Specialty::Chiro => Practice {
            name: "Spine & Wellness Chiropractic".into(),
            billing_entity: BillingEntity::Group,
            npi: npi_with_check_digit("163927184"),
            tax_id: "74-3051742".into(),
            tax_id_kind: TaxIdKind::Ein,
            taxonomy: CHIROPRACTOR.into(),
            address: address("4500 S Lamar Blvd", "Suite 104", "Austin", "TX", "78745-1526"),
            phone: "512-555-0150".into(),
            contact_name: "Marcy Holloway".into(),
            email: "frontdesk@example.com".into(),
        },
    }
}

/// (last, first, middle, credentials, taxonomy, rendering)
type ProviderSketch = (&'static str, &'static str, &'static str, &'static str, &'static str, bool);

const PHYSICIAN_PROVIDERS: [ProviderSketch; 6] = [
    ("Alvarado", "Sofia", "M", "MD", FAMILY_MEDICINE, true),
    ("Okafor", "Daniel", "", "DO", FAMILY_MEDICINE, true),
    ("Lindqvist", "Maria", "E", "MD", INTERNAL_MEDICINE, true),
    ("Reyes", "Carmen", "", "NP", FAMILY_NURSE_PRACTITIONER, true),
    // Outside doctors who send patients here: referring only.
    ("Brennan", "Thomas", "J", "MD", ORTHOPAEDIC_SURGERY, false),
    ("Haddad", "Leila", "", "MD", "", false),
];

const CHIRO_PROVIDERS: [ProviderSketch; 5] = [
    ("Whitaker", "Jordan", "A", "DC", CHIROPRACTOR, true),
    ("Tran", "Linh", "", "DC", CHIROPRACTOR, true),
    ("Castellanos", "Marco", "R", "DC", CHIROPRACTOR, true),
    ("Brennan", "Thomas", "J", "MD", ORTHOPAEDIC_SURGERY, false),
    ("Patel", "Anika", "", "MD", FAMILY_MEDICINE, false),
];

/// Ten-digit NPIs with a correct check digit, different from each other and the practice's.
fn unique_npi(rng: &mut ChaCha8Rng, taken: &mut BTreeSet<String>) -> String {
    loop {
        let npi = npi_with_check_digit(&format!("1{:08}", rng.gen_range(0..100_000_000u32)));
        if taken.insert(npi.clone()) {
            return npi;
        }
    }
}

/// Saves the providers; returns how many, and the ids of the rendering ones.
pub fn save_providers(tx: &Tx, rng: &mut ChaCha8Rng, specialty: Specialty) -> Result<(usize, Vec<i64>)> {
    let sketches: &[ProviderSketch] = match specialty {
        Specialty::Physician => &PHYSICIAN_PROVIDERS,
        Specialty::Chiro => &CHIRO_PROVIDERS,
    };
    let mut taken = BTreeSet::from([practice(specialty).npi]);
    let mut rendering_ids = Vec::new();
    for (last, first, middle, credentials, taxonomy, rendering) in sketches {
        let license = if *rendering {
            format!("TX-{}{:05}", &credentials[..1], rng.gen_range(10_000..99_999))
        } else {
            String::new()
        };
        let saved = tx.save_provider(&Provider {
            id: None,
            last_name: (*last).into(),
            first_name: (*first).into(),
            middle_name: (*middle).into(),
            credentials: (*credentials).into(),
            npi: unique_npi(rng, &mut taken),
            taxonomy: (*taxonomy).into(),
            license_number: license,
            is_rendering: *rendering,
            // The practice's own doctors also refer (to labs, imaging); outside ones only refer.
            is_referring: true,
            active: true,
        })?;
        if *rendering {
            rendering_ids.extend(saved.id);
        }
    }
    Ok((sketches.len(), rendering_ids))
}

pub fn save_facilities(tx: &Tx, specialty: Specialty) -> Result<usize> {
    let list = match specialty {
        Specialty::Physician => vec![
            ("Riverside North Clinic", "11", address("9800 N Lamar Blvd", "", "Austin", "TX", "78753-4519")),
            (
                "Colorado River Surgery Center",
                "22",
                address("3100 E Cesar Chavez St", "", "Austin", "TX", "78702-4601"),
            ),
        ],
        Specialty::Chiro => {
            vec![(
                "Spine & Wellness Round Rock",
                "11",
                address("1500 E Palm Valley Blvd", "", "Round Rock", "TX", "78664-3306"),
            )]
        }
    };
    for (name, pos, address) in &list {
        tx.save_facility(&Facility {
            id: None,
            name: (*name).into(),
            npi: String::new(),
            address: address.clone(),
            place_of_service: (*pos).into(),
            active: true,
        })?;
    }
    Ok(list.len())
}

/// How a payer's member IDs look on the card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardStyle {
    /// Medicare Beneficiary Identifier, e.g. 1EG4TE5MK72.
    Mbi,
    /// Nine digits.
    Medicaid,
    /// Three letters of the plan then nine digits, e.g. LSH123456789.
    Prefixed(&'static str),
    /// Eleven-digit benefits number.
    Tricare,
    /// An injury claim number: workers' comp and auto insurers bill by claim, not by member.
    Claim(&'static str),
}

/// A payer saved in the demo file, with what the patient generator needs to know about it.
#[derive(Debug, Clone)]
pub struct DemoPayer {
    pub id: i64,
    pub kind: PayerKind,
    pub card: CardStyle,
    /// Whether the plan has employer groups (group number and name on the card).
    pub has_groups: bool,
    pub timely_filing_days: i64,
}

/// (name, kind, payer ID, PO box, city, ZIP, timely filing days, card style)
type PayerSketch = (&'static str, PayerKind, &'static str, &'static str, &'static str, &'static str, i64, CardStyle);

const PAYERS: [PayerSketch; 9] = [
    ("Medicare Part B (Demo)", PayerKind::Medicare, "MCRDM1", "PO Box 660156", "Dallas", "75266", 365, CardStyle::Mbi),
    (
        "Texas Medicaid (Demo)",
        PayerKind::Medicaid,
        "TXMDM1",
        "PO Box 200555",
        "Austin",
        "78720",
        95,
        CardStyle::Medicaid,
    ),
    (
        "Bluebonnet BCBS Plan",
        PayerKind::Bcbs,
        "BBCBS1",
        "PO Box 660044",
        "Dallas",
        "75266",
        180,
        CardStyle::Prefixed("ZBB"),
    ),
    (
        "Lone Star Health Plan",
        PayerKind::Commercial,
        "LSHP01",
        "PO Box 31362",
        "Salt Lake City",
        "84131",
        90,
        CardStyle::Prefixed("LSH"),
    ),
    (
        "Summit Mutual Health",
        PayerKind::Commercial,
        "SMHLT2",
        "PO Box 14079",
        "Lexington",
        "40512",
        120,
        CardStyle::Prefixed("SMH"),
    ),
    (
        "Armed Services Family Health",
        PayerKind::Tricare,
        "ASFH03",
        "PO Box 7031",
        "Camden",
        "29021",
        365,
        CardStyle::Tricare,
    ),
    (
        "Texas Employers Comp Mutual",
        PayerKind::WorkersComp,
        "TECM04",
        "PO Box 149104",
        "Austin",
        "78714",
        180,
        CardStyle::Claim("WC"),
    ),
    (
        "Heartland Medigap Plan",
        PayerKind::Medigap,
        "HMSUP7",
        "PO Box 8014",
        "Omaha",
        "68108",
        365,
        CardStyle::Prefixed("HMS"),
    ),
    (
        "Pinnacle Auto Insurance PIP",
        PayerKind::Auto,
        "PNAUT5",
        "PO Box 26500",
        "Houston",
        "77210",
        180,
        CardStyle::Claim("PIP"),
    ),
];

/// The chiropractic office does not bill TRICARE in this demo: seven payers instead of eight.
fn payer_sketches(specialty: Specialty) -> Vec<PayerSketch> {
    PAYERS.iter().copied().filter(|p| specialty == Specialty::Physician || p.1 != PayerKind::Tricare).collect()
}

pub fn save_payers(tx: &Tx, specialty: Specialty) -> Result<Vec<DemoPayer>> {
    let mut saved = Vec::new();
    for (i, (name, kind, payer_id, po_box, city, zip, days, card)) in payer_sketches(specialty).into_iter().enumerate()
    {
        let state = match city {
            "Salt Lake City" => "UT",
            "Lexington" => "KY",
            "Camden" => "SC",
            "Omaha" => "NE",
            _ => "TX",
        };
        let payer = tx.save_payer(&Payer {
            id: None,
            name: name.into(),
            kind,
            payer_id: payer_id.into(),
            address: address(po_box, "", city, state, zip),
            phone: format!("800-555-01{:02}", 20 + i),
            claim_filing_indicator: kind.default_filing_indicator().into(),
            timely_filing_days: days,
            accept_assignment: true,
            active: true,
            // An invented COBA Medigap ID (Medicare's range for them is 55000-59999).
            coba_id: if kind == PayerKind::Medigap { "55817".into() } else { String::new() },
        })?;
        let has_groups = matches!(kind, PayerKind::Bcbs | PayerKind::Commercial);
        let id = payer.id.ok_or_else(|| claimdesk_store::StoreError::Corrupt("payer saved without an id".into()))?;
        saved.push(DemoPayer { id, kind, card, has_groups, timely_filing_days: days });
    }
    Ok(saved)
}

/// The clearinghouse the demo practice sends its 837P files to: invented, in test mode (ISA15 T).
pub fn save_clearinghouse(tx: &Tx, specialty: Specialty) -> Result<()> {
    let practice = practice(specialty);
    // X12 names: letters, digits and single spaces ("Spine & Wellness" -> "Spine Wellness").
    let submitter_name = practice
        .name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let submitter_id = match specialty {
        Specialty::Physician => "RFM0001",
        Specialty::Chiro => "SWC0001",
    };
    tx.save_clearinghouse(&Clearinghouse {
        id: None,
        name: "Demo Clearinghouse".into(),
        submitter_name,
        submitter_id: submitter_id.into(),
        contact_name: practice.contact_name.clone(),
        contact_phone: practice.phone.clone(),
        receiver_name: "Demo Clearinghouse".into(),
        receiver_id: "DEMOCH".into(),
        sender_qualifier: "ZZ".into(),
        sender_id: submitter_id.into(),
        receiver_qualifier: "ZZ".into(),
        interchange_receiver_id: "DEMOCH".into(),
        production: false,
        is_default: true,
    })?;
    Ok(())
}
