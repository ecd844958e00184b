//! Sending claims electronically: one 837P (005010X222A1) interchange per batch, for the
//! clearinghouse the biller uploads to.
//!
//! A batch sent to payers (`mark_submitted`) must hold only ready primary claims. The file's
//! control numbers (ISA13, GS06, every ST02) are reserved and committed before the file is
//! written, so no number is ever used twice, not even by a re-export or a failed write. The
//! file is written whole (temporary file, then renamed), and only then are the claims marked
//! submitted and the batch tied to its interchange, in one transaction. A re-export (not
//! `mark_submitted`) takes fresh control numbers and records nothing else.

use crate::{write_bytes, JobError, Result};
use claimdesk_core::claims::{ClaimData, ClaimStatus};
use claimdesk_core::clearinghouse::Clearinghouse;
use claimdesk_core::Money;
use claimdesk_store::{Actor, Store, StoreError};
use claimdesk_x12::{ClaimToSend, Envelope, PrimaryAdjudication, Receiver, Submitter, Usage};
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExportRequest {
    pub claim_ids: Vec<i64>,
    /// The clearinghouse to address the file to; None = the default one.
    pub clearinghouse_id: Option<i64>,
    pub out_path: String,
    /// True for a batch going to payers: only ready claims, marked submitted afterwards.
    /// False for a re-export: any claim, nothing recorded (but fresh control numbers).
    pub mark_submitted: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ExportReport {
    pub path: String,
    pub claims: usize,
    /// ST/SE transaction sets in the file (one per billing provider, at most 5,000 claims each).
    pub transaction_sets: usize,
    /// ISA13 of the file, as the clearinghouse's 999/TA1 will quote it.
    pub interchange_control_number: u32,
    pub bytes: usize,
    /// The batch recorded for submitted claims.
    pub batch_id: Option<i64>,
}

/// Why a claim cannot go out in an 837P now, or None.
fn refusal(claim: &ClaimData, mark_submitted: bool) -> Option<String> {
    let control = &claim.control_number;
    if mark_submitted && claim.status != ClaimStatus::Ready {
        return Some(format!(
            "Claim {control} is {}, not ready to send: scrub it first, or re-export it without sending",
            claim.status.label()
        ));
    }
    if claim.payer.payer_id.trim().is_empty() {
        return Some(format!(
            "Claim {control}: payer {:?} has no electronic payer ID; add it on the payer's setup screen or print \
             the claim on paper",
            claim.payer.name
        ));
    }
    None
}

/// For a secondary (or tertiary) claim, what the payer before it paid (loops 2320/2430).
/// A claim whose earlier payer has not paid yet cannot go out electronically.
fn prior_adjudication(store: &Store, claim: &ClaimData) -> Result<PrimaryAdjudication> {
    let control = &claim.control_number;
    let (Some(prior), Some(other)) = (store.prior_payment(claim.claim_id.unwrap_or(0))?, claim.other_coverage.as_ref())
    else {
        return Err(StoreError::Conflict(format!(
            "Claim {control} goes to the {} payer, but the earlier payer's payment is not posted yet: post its \
             remittance first",
            if claim.payer_rank == 2 { "secondary" } else { "tertiary" }
        ))
        .into());
    };
    Ok(PrimaryAdjudication {
        payer: other.payer.clone(),
        policy: other.policy.clone(),
        subscriber: other.subscriber.clone(),
        payment: prior,
    })
}

fn envelope(ch: &Clearinghouse, interchange: u32, group: u32, first_set: u32) -> Envelope {
    Envelope {
        sender_id: ch.sender_id.clone(),
        sender_qualifier: ch.sender_qualifier.clone(),
        receiver_id: ch.interchange_receiver_id.clone(),
        receiver_qualifier: ch.receiver_qualifier.clone(),
        interchange_control_number: interchange,
        group_control_number: group,
        first_transaction_set_number: first_set,
        usage: if ch.production { Usage::Production } else { Usage::Test },
        created: chrono::Local::now().naive_local(),
    }
}

/// The ST segments of a written interchange (the writer ends every segment with `~` and a newline).
fn transaction_sets(text: &str) -> usize {
    text.lines().filter(|l| l.starts_with("ST*")).count()
}

/// Writes the claims into one 837P file. `progress(done, total)` follows the reading of the claims.
pub fn export_837(
    store: &mut Store,
    request: &ExportRequest,
    actor: &Actor,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ExportReport> {
    let mut ids: Vec<i64> = Vec::with_capacity(request.claim_ids.len());
    for &id in &request.claim_ids {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    if ids.is_empty() {
        return Err(StoreError::invalid("claim_ids", "Choose at least one claim to send").into());
    }
    let clearinghouse =
        store.clearinghouse(request.clearinghouse_id).map_err(|e| match (e, request.clearinghouse_id) {
            (StoreError::NotFound(_), Some(id)) => StoreError::NotFound(format!("clearinghouse {id}")),
            (e, _) => e,
        })?;
    let total = ids.len();
    let mut claims: Vec<(ClaimData, Vec<String>, Option<PrimaryAdjudication>, Money)> = Vec::with_capacity(total);
    for (i, &id) in ids.iter().enumerate() {
        let data = store.claim_data(id)?;
        if let Some(problem) = refusal(&data, request.mark_submitted) {
            return Err(StoreError::Conflict(problem).into());
        }
        let lines = store.line_control_numbers(id)?;
        let primary = if data.payer_rank > 1 { Some(prior_adjudication(store, &data)?) } else { None };
        let patient_paid = store.patient_paid_on_claim(id)?;
        claims.push((data, lines, primary, patient_paid));
        progress(i + 1, total);
    }
    let to_send: Vec<ClaimToSend> = claims
        .iter()
        .map(|(claim, lines, primary, patient_paid)| ClaimToSend {
            claim,
            line_control_numbers: lines.clone(),
            primary: primary.clone(),
            patient_paid: *patient_paid,
        })
        .collect();
    let submitter = Submitter {
        name: clearinghouse.submitter_name.clone(),
        id: clearinghouse.submitter_id.clone(),
        contact_name: clearinghouse.contact_name.clone(),
        contact_phone: clearinghouse.contact_phone.clone(),
    };
    let receiver = Receiver { name: clearinghouse.receiver_name.clone(), id: clearinghouse.receiver_id.clone() };

    // A first pass with placeholder numbers: the writer checks every claim and the envelope,
    // so a claim it refuses costs no control numbers; and it says how many transaction sets
    // the file holds (the writer's own grouping), which is exactly how many ST02s to reserve.
    let trial = claimdesk_x12::write_837p(&envelope(&clearinghouse, 1, 1, 1), &submitter, &receiver, &to_send)?;
    let sets = transaction_sets(&trial);
    drop(trial);
    let sets_u32 = u32::try_from(sets)
        .map_err(|_| StoreError::Conflict(format!("{sets} transaction sets are too many for one file")))?;

    // A path that cannot be written is refused before numbers are taken for it.
    let path = Path::new(&request.out_path);
    crate::files::check_writable(path)?;
    let numbers = store.reserve_control_numbers(sets_u32)?;
    let env = envelope(&clearinghouse, numbers.interchange, numbers.group, numbers.first_transaction_set);
    let text = claimdesk_x12::write_837p(&env, &submitter, &receiver, &to_send)?;
    debug_assert_eq!(transaction_sets(&text), sets);

    write_bytes(path, text.as_bytes())?;
    let batch_id = if request.mark_submitted {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let recorded = store.with_tx_by(actor, |tx| {
            let batch = tx.mark_submitted(&ids, "electronic", &name, actor.source)?;
            tx.record_interchange(batch, numbers, clearinghouse.id)?;
            Ok(batch)
        });
        match recorded {
            Ok(batch) => Some(batch),
            Err(e) => {
                // A file nobody recorded must not be uploaded: the claims would go out unseen.
                let _ = std::fs::remove_file(path);
                return Err(JobError::Store(e));
            }
        }
    } else {
        None
    };
    Ok(ExportReport {
        path: request.out_path.clone(),
        claims: total,
        transaction_sets: sets,
        interchange_control_number: numbers.interchange,
        bytes: text.len(),
        batch_id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_transaction_sets() {
        let text = "ISA*00~\nGS*HC~\nST*837*0001*005010X222A1~\nSE*3*0001~\nST*837*0002*005010X222A1~\nSE*3*0002~\nGE*2*1~\nIEA*1*000000001~\n";
        assert_eq!(transaction_sets(text), 2);
    }
}
