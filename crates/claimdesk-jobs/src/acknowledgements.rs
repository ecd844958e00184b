//! Importing 999 and 277CA acknowledgement files.

use crate::Result;
use claimdesk_store::{AckReport, Actor, ClaimAckInput, Store};
use claimdesk_x12::Acknowledgement;

/// Applies a 999 (batch-level) or 277CA (claim-level) acknowledgement, whichever the file is
/// (told by its ST01); any other file is refused and nothing changes.
pub fn import_acknowledgement(store: &mut Store, text: &str, actor: &Actor) -> Result<AckReport> {
    match claimdesk_x12::parse_acknowledgement(text)? {
        Acknowledgement::Implementation(groups) => {
            let mut report = AckReport { kind: "999".into(), ..AckReport::default() };
            for g in groups {
                let Ok(number) = g.group_control_number.trim().parse::<u32>() else {
                    report.unknown.push(g.group_control_number.clone());
                    continue;
                };
                let accepted = matches!(g.group_status.as_str(), "A" | "E");
                let errors: Vec<String> = g.sets.iter().flat_map(|s| s.errors.iter().cloned()).collect();
                let part = store.apply_group_ack(number, accepted, &errors, actor)?;
                report.accepted.extend(part.accepted);
                report.rejected.extend(part.rejected);
                report.unknown.extend(part.unknown);
            }
            Ok(report)
        }
        Acknowledgement::Claims(acks) => {
            let inputs: Vec<ClaimAckInput> = acks
                .claims
                .iter()
                .map(|c| ClaimAckInput {
                    control_number: c.control_number.clone(),
                    accepted: c.accepted(),
                    payer_claim_number: c.payer_claim_number.clone(),
                    reasons: c.messages.iter().chain(&c.status_codes).cloned().collect(),
                })
                .collect();
            Ok(store.apply_claim_acks(&inputs, actor)?)
        }
    }
}

/// Reads a 999 or 277CA file the user chose and applies it.
pub fn import_acknowledgement_file(store: &mut Store, path: &std::path::Path, actor: &Actor) -> Result<AckReport> {
    import_acknowledgement(store, &crate::files::read_user_file(path)?, actor)
}
