//! Importing 835 remittance files: read with the X12 crate (whose claims are the posting
//! engine's adjudications), and posted (or previewed) through the store in one transaction per file.

use crate::Result;
use claimdesk_store::{Actor, PostingReport, RemittanceInput, Store};
use claimdesk_x12::Remittance;

/// The 835's claims are already the posting engine's adjudications; the payment around them
/// is named as the store keeps it.
fn input(r: Remittance, file_name: &str) -> RemittanceInput {
    RemittanceInput {
        payer_key: r.payer_id,
        payer_name: r.payer_name,
        trace_number: r.check_or_eft_number,
        payment_method: r.payment_method,
        total_paid: r.total_paid,
        payment_date: r.payment_date,
        file_name: file_name.to_string(),
        claims: r.claims.into_iter().map(|c| c.adjudication).collect(),
        provider_adjustments: r.provider_adjustments,
    }
}

/// Reads an 835 file into what the posting engine takes. A file that is not a valid 835 is
/// refused with the X12 reader's message, before anything is looked up.
pub fn read_835(text: &str, file_name: &str) -> Result<Vec<RemittanceInput>> {
    Ok(claimdesk_x12::parse_835(text)?.into_iter().map(|r| input(r, file_name)).collect())
}

/// Posts an 835 file (every payment in it, in one transaction), or previews it.
pub fn import_835(
    store: &mut Store,
    text: &str,
    file_name: &str,
    preview: bool,
    actor: &Actor,
) -> Result<Vec<PostingReport>> {
    let inputs = read_835(text, file_name)?;
    Ok(store.post_remittances(&inputs, actor, preview)?)
}

/// Reads an 835 file the user chose and posts it (or previews it); the remittance records the
/// file's name.
pub fn import_835_file(
    store: &mut Store,
    path: &std::path::Path,
    preview: bool,
    actor: &Actor,
) -> Result<Vec<PostingReport>> {
    let text = crate::files::read_user_file(path)?;
    import_835(store, &text, &crate::files::file_name(path), preview, actor)
}
