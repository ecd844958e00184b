//! Printing claims on CMS-1500 forms, in batches.
//!
//! A batch sent to payers (`mark_submitted`) must hold only ready (scrubbed, clean) claims;
//! the PDF is written completely (temporary file, then renamed) before the claims are marked
//! submitted, all in one transaction. A reprint prints any claim and changes nothing.

use crate::{write_bytes, Result};
use claimdesk_core::claims::ClaimStatus;
use claimdesk_forms::{FormMode, PaperSettings, PrintJob, PrintOptions, PrinterOffsets};
use claimdesk_store::{Actor, PayerClaimSettings, Store};
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// Which form to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FormKind {
    /// Data only, for pre-printed red CMS-1500 forms.
    Red,
    /// The form drawn under the data, on plain paper.
    Full,
}

impl FormKind {
    fn mode(self) -> FormMode {
        match self {
            FormKind::Red => FormMode::RedForm,
            FormKind::Full => FormMode::FullForm,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PrintRequest {
    pub claim_ids: Vec<i64>,
    pub form: FormKind,
    pub out_path: String,
    /// True for a batch going to payers: only ready claims, marked submitted afterwards.
    /// False for a reprint: nothing is recorded.
    pub mark_submitted: bool,
    /// The printer whose offsets to apply; None = the default printer profile.
    pub printer: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PrintReport {
    pub path: String,
    pub claims: usize,
    pub pages: usize,
    pub bytes: usize,
    /// The batch recorded for submitted claims.
    pub batch_id: Option<i64>,
}

fn paper(settings: PayerClaimSettings) -> PaperSettings {
    PaperSettings {
        continued_in_box_28: settings.continued_in_box_28,
        signature_on_file_text: settings.signature_on_file_text,
    }
}

fn offsets(store: &Store, printer: Option<&str>) -> Result<PrinterOffsets> {
    let profile = match printer {
        None => store.default_printer_profile()?,
        Some(name) => store
            .printer_profiles()?
            .into_iter()
            .find(|p| p.name == name)
            .ok_or_else(|| claimdesk_store::StoreError::NotFound(format!("printer profile {name:?}")))?,
    };
    Ok(PrinterOffsets { left_pt: profile.offset_left_pt, top_pt: profile.offset_top_pt })
}

/// Box 29. NUCC: "the total amount the patient and/or other payers paid on the covered
/// services only" (a secondary claim's primary payment, its EOB attached). Medicare (Pub.
/// 100-04 ch. 26 item 29): "the total amount the patient paid on the covered services only",
/// never the primary insurer's payment. Blank when nothing was paid.
fn amount_paid(store: &Store, claim: &claimdesk_core::claims::ClaimData) -> Result<Option<claimdesk_core::Money>> {
    let id = claim.claim_id.unwrap_or(0);
    let mut paid = store.patient_paid_on_claim(id)?;
    if claim.form_rules == claimdesk_core::paper::FormRules::Nucc && claim.payer_rank > 1 {
        paid = paid + store.prior_payment(id)?.map(|p| p.claim_paid).unwrap_or_default();
    }
    Ok((paid > claimdesk_core::Money::ZERO).then_some(paid))
}

/// Prints the claims into one PDF. `progress(done, total)` follows the rendering.
pub fn print_claims(
    store: &mut Store,
    request: &PrintRequest,
    actor: &Actor,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<PrintReport> {
    let mut claims = Vec::with_capacity(request.claim_ids.len());
    for &id in &request.claim_ids {
        let data = store.claim_data(id)?;
        if request.mark_submitted && data.status != ClaimStatus::Ready {
            return Err(claimdesk_store::StoreError::Conflict(format!(
                "Claim {} is {}, not ready to send: scrub it first, or reprint it without sending",
                data.control_number,
                data.status.label()
            ))
            .into());
        }
        let settings = store.payer_claim_settings(data.payer.id.unwrap_or(0))?;
        let paid = amount_paid(store, &data)?;
        claims.push((data, paper(settings), paid));
    }
    let jobs: Vec<PrintJob> = claims
        .iter()
        .map(|(claim, paper, paid)| PrintJob { claim, paper: paper.clone(), amount_paid: *paid })
        .collect();
    let options = PrintOptions {
        mode: request.form.mode(),
        offsets: offsets(store, request.printer.as_deref())?,
        print_date: store.today(),
    };
    let bytes = claimdesk_forms::print_claims(&jobs, &options, progress)?;
    let path = Path::new(&request.out_path);
    write_bytes(path, &bytes)?;
    let batch_id = if request.mark_submitted {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        Some(store.mark_submitted(&request.claim_ids, "paper", &name, actor)?)
    } else {
        None
    };
    Ok(PrintReport {
        path: request.out_path.clone(),
        claims: jobs.len(),
        pages: jobs.iter().map(|j| claimdesk_forms::pages_for(j.claim)).sum(),
        bytes: bytes.len(),
        batch_id,
    })
}

/// The alignment page for a printer, with its saved offsets applied.
pub fn print_calibration(store: &Store, form: FormKind, printer: Option<&str>, out_path: &str) -> Result<usize> {
    let options = PrintOptions { mode: form.mode(), offsets: offsets(store, printer)?, print_date: store.today() };
    let bytes = claimdesk_forms::calibration_page(&options);
    write_bytes(Path::new(out_path), &bytes)?;
    Ok(bytes.len())
}
