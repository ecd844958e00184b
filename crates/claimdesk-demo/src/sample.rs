//! A sample 835 for the user to import: the payers' answers to the claims still waiting
//! (submitted or accepted), one payment per payer in one file, as a clearinghouse sends them,
//! plus one claim payment for a control number the practice never billed, to show the
//! exceptions list.

use crate::remits::{Answer, Facts, Payers};
use claimdesk_core::claims::ClaimStatus;
use claimdesk_core::posting::ClaimAdjudication;
use claimdesk_core::Payer;
use claimdesk_store::{ClaimQueue, RemittanceInput, Result, Store, StoreError};
use claimdesk_x12::{write_835, ClaimPayment, Envelope, RemitDetails, Remittance, Usage};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeMap;

/// The control number of the sample's payment for a claim nobody billed.
pub const UNKNOWN_CONTROL_NUMBER: &str = "9999999";

/// An 835 paying the practice's submitted and accepted claims (see [`sample_835_for`]).
pub fn sample_835(store: &Store) -> Result<String> {
    let mut ids = Vec::new();
    for status in [ClaimStatus::Submitted, ClaimStatus::Accepted] {
        ids.extend(store.list_claims(&ClaimQueue::Status { status })?.into_iter().map(|c| c.id));
    }
    ids.sort_unstable();
    sample_835_for(store, &ids)
}

/// CLP06 for a payer: its 837P claim filing indicator where the 835 has the same code.
fn clp06(payer: &Payer) -> String {
    let code = payer.claim_filing_indicator.trim().to_ascii_uppercase();
    let same =
        ["12", "13", "14", "15", "16", "17", "AM", "CH", "DS", "HM", "LM", "MA", "MB", "MC", "OF", "TV", "VA", "WC"];
    if same.contains(&code.as_str()) {
        code
    } else {
        "12".into()
    }
}

fn x12_error(e: claimdesk_x12::X12Error) -> StoreError {
    StoreError::invalid("sample_835", format!("The sample 835 cannot be written: {e}"))
}

/// An 835 paying `claim_ids` (claims the payers have: submitted or accepted), one payment per
/// payer: most claims paid (allowed = the payer's contracted fee, CO 45 for the rest of the
/// charge, deductible / 20% coinsurance / copay as patient responsibility), about one
/// multi-line claim in seven with a line denied as bundled, one claim denied, and a payment
/// for a control number the practice never billed ([`UNKNOWN_CONTROL_NUMBER`]). Amounts are
/// the same for the same claims; the trace numbers are new each time (the clock), so a new
/// sample never collides with one already imported.
pub fn sample_835_for(store: &Store, claim_ids: &[i64]) -> Result<String> {
    if claim_ids.is_empty() {
        return Err(StoreError::invalid("claims", "No submitted or accepted claims are waiting for a payment"));
    }
    let mut rng = ChaCha8Rng::seed_from_u64(0x835);
    let mut payers = Payers::new();
    let mut by_payer: BTreeMap<i64, Vec<(Facts, ClaimAdjudication)>> = BTreeMap::new();
    for (i, &id) in claim_ids.iter().enumerate() {
        let facts = Facts::gather(store.claim_data(id)?, store.claim_billed_lines(id)?, |p, c, m, d| {
            store.fee_for(p, c, m, d)
        })?;
        let answer = if i == 2 {
            Answer::Denied
        } else if i % 7 == 3 && facts.multi_line() {
            Answer::PartlyPaid
        } else {
            Answer::Paid
        };
        let a = payers.adjudicate(&mut rng, &facts, answer);
        by_payer.entry(facts.claim.payer.id.unwrap_or_default()).or_default().push((facts, a));
    }
    let today = store.today();
    let stamp = chrono::Utc::now().format("%y%m%d%H%M%S").to_string();
    let (sender, receiver) = match store.clearinghouse(None) {
        Ok(ch) => (ch.interchange_receiver_id.clone(), ch.sender_id.clone()),
        Err(_) => ("DEMOCH".to_string(), "CLAIMDESK".to_string()),
    };
    let created = chrono::Local::now().naive_local();
    let mut sets = Vec::new();
    for (k, (payer_id, list)) in by_payer.iter().enumerate() {
        let claim = &list[0].0.claim;
        let payer = &claim.payer;
        let mut pairs: Vec<(&Facts, ClaimAdjudication)> = list.iter().map(|(f, a)| (f, a.clone())).collect();
        if k == 0 {
            // A payment for a claim this practice never sent: it lands on the exceptions list.
            let (f, a) = &list[0];
            let stray = ClaimAdjudication { control_number: UNKNOWN_CONTROL_NUMBER.into(), ..a.clone() };
            pairs.push((f, stray));
        }
        let trace = format!("EFT{stamp}{payer_id:02}");
        let input: RemittanceInput = crate::remits::remittance(&pairs, trace, today, None, "");
        let payer_key = if payer.payer_id.trim().is_empty() { payer.name.clone() } else { payer.payer_id.clone() };
        let remittance = Remittance {
            transaction_set_control_number: format!("{:04}", k + 1),
            payer_name: payer.name.clone(),
            payer_id: payer_key,
            payee_npi: claim.practice.npi.clone(),
            payee_tax_id: claim.practice.tax_id.clone(),
            check_or_eft_number: input.trace_number.clone(),
            transaction_handling: if input.total_paid.is_zero() { "H".into() } else { "I".into() },
            payment_method: input.payment_method.clone(),
            total_paid: input.total_paid,
            payment_date: today,
            claims: pairs
                .iter()
                .zip(&input.claims)
                .map(|((f, _), a)| {
                    let p = &f.claim.patient;
                    ClaimPayment {
                        adjudication: a.clone(),
                        patient_name: format!("{}, {}", p.last_name.to_uppercase(), p.first_name.to_uppercase()),
                        member_id: f.claim.policy.member_id.clone(),
                    }
                })
                .collect(),
            provider_adjustments: input.provider_adjustments.clone(),
        };
        let envelope = Envelope {
            sender_id: sender.clone(),
            sender_qualifier: "ZZ".into(),
            receiver_id: receiver.clone(),
            receiver_qualifier: "ZZ".into(),
            interchange_control_number: 1,
            group_control_number: 1,
            first_transaction_set_number: 1,
            usage: Usage::Test,
            created,
        };
        let details = RemitDetails {
            payer_trn_id: format!("1{:09}", 740_000_000 + payer_id),
            payer_address: payer.address.clone(),
            payer_phone: payer.phone.clone(),
            payee_name: claim.practice.name.clone(),
            claim_filing_indicator: clp06(payer),
        };
        sets.push(write_835(&envelope, &details, &remittance).map_err(x12_error)?);
    }
    Ok(one_interchange(&sets))
}

/// Puts the transaction sets of several single-set interchanges into the first one's
/// interchange and group.
fn one_interchange(files: &[String]) -> String {
    let body = |f: &str| -> (usize, usize) {
        let st = f.find("ST*835*").unwrap_or(0);
        let ge = f.rfind("GE*").unwrap_or(f.len());
        (st, ge)
    };
    let first = &files[0];
    let (st, _) = body(first);
    let mut out = first[..st].to_string();
    for f in files {
        let (st, ge) = body(f);
        out.push_str(&f[st..ge]);
    }
    let (_, ge) = body(first);
    let trailer = &first[ge..];
    // GE*1*<gs06>~ becomes GE*<sets>*<gs06>~.
    out.push_str(&trailer.replacen("GE*1*", &format!("GE*{}*", files.len()), 1));
    out
}

/// Writes the sample 835 beside the practice file at `db` as `<stem>-sample.835` and returns its
/// path, or None when no claim is waiting for a payment (a demo without visits).
pub fn write_sample_835(store: &Store, db: &std::path::Path) -> Result<Option<std::path::PathBuf>> {
    let text = match sample_835(store) {
        Ok(text) => text,
        Err(StoreError::Invalid(_)) => return Ok(None),
        Err(e) => return Err(e),
    };
    let stem = db.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "demo".into());
    let path = db.with_file_name(format!("{stem}-sample.835"));
    std::fs::write(&path, text)?;
    Ok(Some(path))
}
