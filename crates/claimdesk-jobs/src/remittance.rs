//! Importing 835 remittance files: read with the X12 crate, turned into the posting engine's
//! terms, and posted (or previewed) through the store in one transaction per file.

use crate::Result;
use claimdesk_core::posting::{CasAdjustment, ClaimAdjudication, LineAdjudication};
use claimdesk_store::{PostingReport, ProviderAdjustmentInput, RemittanceInput, Source, Store};
use claimdesk_x12::Adjustment;
use claimdesk_x12::{ClaimPayment, LinePayment, Remittance};

fn cas(list: &[Adjustment]) -> Vec<CasAdjustment> {
    list.iter()
        .map(|a| CasAdjustment {
            group: a.group.clone(),
            reason: a.reason.clone(),
            amount: a.amount,
            quantity: a.quantity,
        })
        .collect()
}

fn line(l: &LinePayment) -> LineAdjudication {
    LineAdjudication {
        procedure: l.procedure.clone(),
        modifiers: l.modifiers.clone(),
        submitted_procedure: l.submitted_procedure.clone(),
        service_date: l.service_date,
        line_control_number: l.line_control_number.clone(),
        charge: l.charge,
        paid: l.paid,
        units: l.units,
        allowed: l.allowed,
        adjustments: cas(&l.adjustments),
        remarks: l.remarks.clone(),
    }
}

fn claim(c: &ClaimPayment) -> ClaimAdjudication {
    ClaimAdjudication {
        control_number: c.control_number.clone(),
        status_code: c.status_code.clone(),
        charge: c.charge,
        paid: c.paid,
        patient_responsibility: c.patient_responsibility,
        payer_claim_number: c.payer_claim_number.clone(),
        adjustments: cas(&c.adjustments),
        remarks: c.remarks.clone(),
        crossover_payer: c.crossover_payer.clone(),
        lines: c.lines.iter().map(line).collect(),
    }
}

fn input(r: &Remittance, file_name: &str) -> RemittanceInput {
    RemittanceInput {
        payer_key: r.payer_id.clone(),
        payer_name: r.payer_name.clone(),
        trace_number: r.check_or_eft_number.clone(),
        payment_method: r.payment_method.clone(),
        total_paid: r.total_paid,
        payment_date: r.payment_date,
        file_name: file_name.to_string(),
        claims: r.claims.iter().map(claim).collect(),
        provider_adjustments: r
            .provider_adjustments
            .iter()
            .map(|p| ProviderAdjustmentInput {
                reason: p.reason.clone(),
                reference: p.reference.clone(),
                amount: p.amount,
            })
            .collect(),
    }
}

/// Reads an 835 file into what the posting engine takes. A file that is not a valid 835 is
/// refused with the X12 reader's message, before anything is looked up.
pub fn read_835(text: &str, file_name: &str) -> Result<Vec<RemittanceInput>> {
    Ok(claimdesk_x12::parse_835(text)?.iter().map(|r| input(r, file_name)).collect())
}

/// Posts an 835 file (every payment in it, in one transaction), or previews it.
pub fn import_835(
    store: &mut Store,
    text: &str,
    file_name: &str,
    preview: bool,
    source: Source,
) -> Result<Vec<PostingReport>> {
    let inputs = read_835(text, file_name)?;
    Ok(store.post_remittances(&inputs, source, preview)?)
}

/// Reads an 835 file the user chose and posts it (or previews it); the remittance records the
/// file's name.
pub fn import_835_file(
    store: &mut Store,
    path: &std::path::Path,
    preview: bool,
    source: Source,
) -> Result<Vec<PostingReport>> {
    let text = crate::files::read_user_file(path)?;
    import_835(store, &text, &crate::files::file_name(path), preview, source)
}
