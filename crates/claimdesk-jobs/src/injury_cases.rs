//! Papers of an injury case for the patient's attorney: the itemized attorney statement and
//! the lien / letter of protection, gathered from the practice file (the case's ledger),
//! rendered by the forms crate and written whole. They record nothing but the disclosure.

use crate::accounts::PrintedPaper;
use crate::{write_bytes, Result};
use claimdesk_forms::{
    attorney_statement_pdf, lien_letter_pdf, AttorneyStatementData, CaseHeader, LienLetterData, StatementLine,
};
use claimdesk_store::{AuditNote, PracticeContact, Record, Store};
use std::path::Path;

/// The header both papers print: practice, patient, case and attorney.
pub fn case_header(store: &Store, case_id: i64) -> Result<CaseHeader> {
    let case = store.injury_case(case_id)?;
    let practice = PracticeContact::from_practice(&store.practice()?);
    let patient = store.get_patient(case.patient_id)?;
    Ok(CaseHeader {
        practice_name: practice.name,
        practice_address: practice.address,
        practice_phone: practice.phone,
        document_date: store.today(),
        patient_name: format!("{} {}", patient.first_name.trim(), patient.last_name.trim()).trim().to_string(),
        patient_birth_date: patient.birth_date,
        account_number: patient.account_number,
        case_kind: case.kind.label().to_string(),
        injury_date: case.injury_date.unwrap_or_else(|| store.today()),
        claim_number: case.claim_number,
        attorney_name: case.attorney.name,
        attorney_firm: case.attorney.firm,
        attorney_address: case.attorney.address,
        attorney_phone: case.attorney.phone,
    })
}

/// The attorney statement of a case: every line of its visits with the ledger's sums, and
/// the totals of those sums (the case's ledger, to the cent).
pub fn attorney_statement_data(store: &Store, case_id: i64) -> Result<AttorneyStatementData> {
    let header = case_header(store, case_id)?;
    let ledger = store.injury_case_ledger(case_id)?;
    Ok(AttorneyStatementData {
        header,
        lines: ledger
            .lines
            .iter()
            .map(|l| StatementLine {
                date: l.service_date,
                code: l.code.clone(),
                description: l.description.clone(),
                charge: l.charge,
                payments: l.payments,
                adjustments: l.adjustments,
                balance: l.balance,
            })
            .collect(),
        total_charges: ledger.charges,
        total_payments: ledger.payments,
        total_adjustments: ledger.adjustments,
        balance: ledger.balance,
    })
}

fn disclosed(store: &Store, case_id: i64, what: &str) -> Result<()> {
    let patient = store.injury_case(case_id)?.patient_id;
    store.note(|| AuditNote::about(Record::new("injury_case", case_id), Some(patient)).with_note(what.to_string()));
    Ok(())
}

/// Writes the attorney statement of a case to `out_path` (whole or not at all).
pub fn print_attorney_statement(store: &Store, case_id: i64, out_path: &str) -> Result<PrintedPaper> {
    let data = attorney_statement_data(store, case_id)?;
    disclosed(store, case_id, "attorney statement printed")?;
    let bytes = attorney_statement_pdf(&data);
    write_bytes(Path::new(out_path), &bytes)?;
    Ok(PrintedPaper {
        path: out_path.to_string(),
        bytes: bytes.len(),
        title: format!("Attorney statement, case {case_id}"),
    })
}

/// Writes the lien / letter of protection of a case, with its balance to date.
pub fn print_lien_letter(store: &Store, case_id: i64, out_path: &str) -> Result<PrintedPaper> {
    let header = case_header(store, case_id)?;
    let balance = store.injury_case_ledger(case_id)?.balance;
    disclosed(store, case_id, "lien letter printed")?;
    let bytes = lien_letter_pdf(&LienLetterData { header, balance });
    write_bytes(Path::new(out_path), &bytes)?;
    Ok(PrintedPaper { path: out_path.to_string(), bytes: bytes.len(), title: format!("Lien letter, case {case_id}") })
}
