//! The Advance Beneficiary Notice (CMS-R-131) of a patient, gathered from the practice file,
//! rendered by the forms crate and written whole (`write_bytes`: a temporary file renamed into
//! place, so a failed write leaves no half PDF). Printing records nothing but the audit
//! trail's disclosure, so printing it again gives the same paper.

use crate::accounts::PrintedPaper;
use crate::{write_bytes, Result};
use claimdesk_forms::abn::{abn_pdf, AbnData};
use claimdesk_store::{AuditNote, PracticeContact, Record, Store};
use std::path::Path;

/// The forms crate's ABN for a stored one: the practice as notifier, the patient by name and
/// account number (blank C: the practice's number, never the Medicare number).
pub fn abn_data(store: &Store, abn_id: i64) -> Result<AbnData> {
    let abn = store.get_abn(abn_id, store.today())?.abn;
    let practice = PracticeContact::from_practice(&store.practice()?);
    let patient = store.get_patient(abn.patient_id)?;
    let name = [patient.first_name.trim(), patient.middle_name.trim(), patient.last_name.trim()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    Ok(AbnData {
        practice_name: practice.name,
        practice_address: practice.address,
        practice_phone: practice.phone,
        patient_name: name,
        identification_number: patient.account_number,
        services: abn.services,
        reason: abn.reason,
        option: abn.option,
        additional_info: abn.additional_info,
        signed_on: abn.signed_on,
    })
}

/// Writes the ABN's PDF to `out_path` (one page).
pub fn print_abn(store: &Store, abn_id: i64, out_path: &str) -> Result<PrintedPaper> {
    let data = abn_data(store, abn_id)?;
    let patient = store.get_abn(abn_id, store.today())?.abn.patient_id;
    store.note(|| AuditNote::about(Record::new("abn", abn_id), Some(patient)).with_note("ABN printed"));
    let bytes = abn_pdf(&data);
    write_bytes(Path::new(out_path), &bytes)?;
    Ok(PrintedPaper {
        path: out_path.to_string(),
        bytes: bytes.len(),
        title: format!("ABN for account {}", data.identification_number),
    })
}
