//! The audit trail as a document: the Audit screen's export (CSV or PDF) and the CLI's
//! `audit list --csv`, laid out like the practice reports and written whole or not at all.

use crate::reports::{export_document, ExportFormat, ReportExport};
use crate::Result;
use claimdesk_forms::{Cell, Column, ReportDocument, Section};
use claimdesk_store::{AuditEntry, AuditFilter, Store, AUDIT_PAGE_MAX};
use std::path::Path;

/// Every entry `filter` matches, newest first, page by page (an export is a batch job).
pub fn audit_entries(store: &Store, filter: &AuditFilter) -> Result<Vec<AuditEntry>> {
    let mut all = Vec::new();
    let mut page_filter = AuditFilter { limit: Some(AUDIT_PAGE_MAX), ..filter.clone() };
    loop {
        let page = store.audit_page(&page_filter)?;
        page_filter.before_id = page.entries.last().map(|e| e.id);
        all.extend(page.entries);
        if !page.more {
            return Ok(all);
        }
    }
}

fn record_words(e: &AuditEntry) -> String {
    match e.record_id {
        Some(id) => format!("{} {id}", e.record_kind),
        None => e.record_kind.clone(),
    }
}

/// What the filter asked for, in words (the document's parameters line).
fn filter_words(filter: &AuditFilter) -> String {
    let mut parts = Vec::new();
    if let Some(u) = filter.user_id {
        parts.push(format!("user {u}"));
    }
    if let Some(p) = filter.patient_id {
        parts.push(format!("patient {p}"));
    }
    if let Some(a) = &filter.action {
        parts.push(format!("action {a}"));
    }
    if let Some(f) = filter.from {
        parts.push(format!("from {f}"));
    }
    if let Some(t) = filter.to {
        parts.push(format!("to {t}"));
    }
    if parts.is_empty() {
        "All entries".into()
    } else {
        parts.join(", ")
    }
}

/// The audit trail (as `filter` narrows it) as a document.
pub fn audit_document(store: &Store, filter: &AuditFilter) -> Result<ReportDocument> {
    audit_document_of(store, filter, audit_entries(store, filter)?)
}

/// `entries` (found with `filter`) as a document.
pub fn audit_document_of(store: &Store, filter: &AuditFilter, entries: Vec<AuditEntry>) -> Result<ReportDocument> {
    let rows = entries
        .iter()
        .map(|e| {
            vec![
                Cell::Text(e.id.to_string()),
                Cell::Text(e.at.clone()),
                Cell::Text(e.user_name.clone()),
                Cell::Text(e.source.clone()),
                Cell::Text(e.action.clone()),
                Cell::Text(format!("{:?}", e.outcome).to_lowercase()),
                Cell::Text(record_words(e)),
                Cell::Text(e.patient_id.map(|p| p.to_string()).unwrap_or_default()),
                Cell::Text(e.detail.clone()),
            ]
        })
        .collect();
    Ok(ReportDocument {
        title: "Audit trail".into(),
        practice_name: store.practice()?.name,
        parameters: filter_words(filter),
        printed_on: store.today(),
        sections: vec![Section {
            heading: String::new(),
            columns: vec![
                Column::text("Entry", 0.5),
                Column::text("When (UTC)", 1.5),
                Column::text("User", 0.9),
                Column::text("From", 0.5),
                Column::text("Action", 1.3),
                Column::text("Outcome", 0.7),
                Column::text("Record", 0.9),
                Column::text("Patient", 0.6),
                Column::text("Details", 3.0),
            ],
            rows,
            totals: None,
        }],
    })
}

/// Writes the audit trail (as `filter` narrows it) to `out` as CSV or PDF.
pub fn export_audit(store: &Store, filter: &AuditFilter, format: ExportFormat, out: &Path) -> Result<ReportExport> {
    export_document(&audit_document(store, filter)?, format, out)
}
