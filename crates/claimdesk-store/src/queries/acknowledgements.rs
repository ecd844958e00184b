//! Acknowledgements from the clearinghouse and payers: a 999 says whether a batch's files were
//! readable, a 277CA whether each claim was accepted into the payer's system or rejected
//! (with the reasons, so the biller can fix and resend).

use crate::error::{Result, StoreError};
use crate::queries::claims::change_status;
use crate::{Actor, Store, Tx};
use claimdesk_core::claims::ClaimStatus;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

/// One claim's acknowledgement (277CA).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimAckInput {
    pub control_number: String,
    pub accepted: bool,
    pub payer_claim_number: Option<String>,
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AckRejection {
    pub control_number: String,
    pub reasons: String,
}

/// What an acknowledgement file did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AckReport {
    /// "999" or "277CA".
    pub kind: String,
    pub accepted: Vec<String>,
    pub rejected: Vec<AckRejection>,
    /// Control numbers (or group numbers) that match nothing on file.
    pub unknown: Vec<String>,
}

fn claim_by_control(tx: &Tx, control: &str) -> Result<Option<(i64, ClaimStatus)>> {
    let row: Option<(i64, String)> = tx
        .prepare_cached("SELECT id, status FROM claims WHERE control_number = ?1")?
        .query_row([control.trim()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    row.map(|(id, s)| {
        ClaimStatus::parse(&s).map(|st| (id, st)).ok_or_else(|| StoreError::Corrupt(format!("claim status {s:?}")))
    })
    .transpose()
}

impl Store {
    /// Applies a 277CA: accepted claims move to accepted, rejected ones to rejected with the
    /// payer's reasons in their history. Claims already further along are left as they are.
    pub fn apply_claim_acks(&mut self, acks: &[ClaimAckInput], actor: &Actor) -> Result<AckReport> {
        self.with_tx_by(actor, |tx| {
            let mut report = AckReport { kind: "277CA".into(), ..AckReport::default() };
            for ack in acks {
                let Some((id, status)) = claim_by_control(tx, &ack.control_number)? else {
                    report.unknown.push(ack.control_number.trim().to_string());
                    continue;
                };
                if let Some(number) = ack.payer_claim_number.as_deref().filter(|n| !n.trim().is_empty()) {
                    tx.execute("UPDATE claims SET payer_claim_number = ?1 WHERE id = ?2", params![number.trim(), id])?;
                }
                let next = if ack.accepted { ClaimStatus::Accepted } else { ClaimStatus::Rejected };
                let reasons = ack.reasons.join("; ");
                if status.can_become(next) {
                    change_status(tx, id, status, next, actor.source, &format!("277CA {reasons}"))?;
                }
                if ack.accepted {
                    report.accepted.push(ack.control_number.trim().to_string());
                } else {
                    report
                        .rejected
                        .push(AckRejection { control_number: ack.control_number.trim().to_string(), reasons });
                }
            }
            Ok(report)
        })
    }

    /// Applies a 999 for one functional group: a rejected group sends every claim of its batch
    /// that is still submitted back as rejected; an accepted one is only reported.
    pub fn apply_group_ack(
        &mut self,
        group_control_number: u32,
        accepted: bool,
        errors: &[String],
        actor: &Actor,
    ) -> Result<AckReport> {
        self.with_tx_by(actor, |tx| {
            let mut report = AckReport { kind: "999".into(), ..AckReport::default() };
            let claims: Vec<(i64, String, String)> = tx
                .prepare_cached(
                    "SELECT c.id, c.control_number, c.status FROM claims c JOIN claim_batches b ON b.id = c.batch_id
                     WHERE b.group_control_number = ?1 AND b.method = 'electronic' ORDER BY c.id",
                )?
                .query_map([group_control_number], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            if claims.is_empty() {
                report.unknown.push(format!("group {group_control_number}"));
            }
            let reasons = errors.join("; ");
            for (id, control, status) in claims {
                let status = ClaimStatus::parse(&status)
                    .ok_or_else(|| StoreError::Corrupt(format!("claim status {status:?}")))?;
                if accepted {
                    report.accepted.push(control);
                } else {
                    if status == ClaimStatus::Submitted {
                        change_status(tx, id, status, ClaimStatus::Rejected, actor.source, &format!("999 {reasons}"))?;
                    }
                    report.rejected.push(AckRejection { control_number: control, reasons: reasons.clone() });
                }
            }
            Ok(report)
        })
    }
}
