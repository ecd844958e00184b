//! ClaimDesk printed forms: CMS-1500 (02/12) claim forms as PDF.
//!
//! Pure: data in, PDF bytes out. Two modes:
//! - [`FormMode::RedForm`]: only the data, black Courier 12 pt (10 cpi, 6 lpi) at the cells of
//!   the print grid (`assets/cms1500_grid.csv`), for pre-printed red OCR forms. Printers feed
//!   paper differently, so [`PrinterOffsets`] move everything; [`calibration_page`] helps the
//!   user measure them.
//! - [`FormMode::FullForm`]: the form drawn under the same data, for plain paper, review and
//!   archive.
//!
//! Modules: [`grid`] (the cells), [`cms1500`] (ClaimData -> text per box), [`full_form`]
//! (the drawn form), [`calibration`] (the alignment page), `pdf` (printpdf plumbing).
//!
//! Patient-facing documents, same principle: [`statement`] (patient statements with a tear-off
//! stub, for double-window #10 envelopes), [`receipt`] (payment receipts), [`plan_agreement`]
//! (printed payment plan agreements), [`abn`] (the Advance Beneficiary Notice, CMS-R-131),
//! [`injury`] (an injury case's attorney statement and lien letter). Every PDF is
//! deterministic: the same data gives the same bytes, so a reprint equals the original.

pub mod abn;
pub mod calibration;
pub mod cms1500;
pub mod format;
pub mod full_form;
pub mod grid;
pub mod injury;
mod layout;
mod pdf;
pub mod plan_agreement;
pub mod receipt;
pub mod recovery_sheet;
pub mod report;
pub mod statement;

use chrono::NaiveDate;
use claimdesk_core::claims::ClaimData;
use claimdesk_core::Money;
use grid::{BASELINE_BELOW_CELL_TOP_PT, DATA_FONT_PT};
use printpdf::{BuiltinFont, Op};

pub use abn::{abn_pdf, AbnData};
pub use calibration::calibration_page;
pub use cms1500::pages_for;
pub use injury::{
    attorney_statement_pdf, lien_letter_pdf, AttorneyStatementData, CaseHeader, LienLetterData, StatementLine,
};
pub use plan_agreement::{plan_agreement_pdf, PlanAgreementData};
pub use receipt::{receipt_pdf, ReceiptData};
pub use recovery_sheet::{recovery_sheet_pdf, RecoverySheet};
pub use report::{report_pdf, Cell, Column, ReportDocument, Section};
pub use statement::statements_pdf;

/// What the PDF carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FormMode {
    /// Data only, for pre-printed red CMS-1500 forms.
    #[default]
    RedForm,
    /// The form drawn under the data, for plain paper.
    FullForm,
}

/// How far to move everything printed, in PDF points (1/72 inch; 7.2 pt = one character,
/// 12 pt = one line, 2.83 pt = 1 mm). Positive `left_pt` moves the print right, positive
/// `top_pt` moves it down. A per-printer (or per-user) setting, measured with
/// [`calibration_page`].
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PrinterOffsets {
    pub left_pt: f32,
    pub top_pt: f32,
}

impl PrinterOffsets {
    /// Offsets larger than this (one inch) are a typing mistake, not a printer.
    pub const MAX_PT: f32 = 72.0;

    pub fn is_valid(&self) -> bool {
        [self.left_pt, self.top_pt].iter().all(|v| v.is_finite() && v.abs() <= Self::MAX_PT)
    }
}

/// Per-payer paper claim settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaperSettings {
    /// Print "CONTINUED" in box 28 on all but the last form of a claim with more than six
    /// lines (some payers want it; Medicare wants each form's own total, the default).
    pub continued_in_box_28: bool,
    /// What boxes 12 and 13 say ("SIGNATURE ON FILE", or "SOF" for some payers).
    pub signature_on_file_text: String,
}

impl Default for PaperSettings {
    fn default() -> Self {
        PaperSettings { continued_in_box_28: false, signature_on_file_text: "SIGNATURE ON FILE".to_string() }
    }
}

/// One claim to print, with its payer's paper settings.
#[derive(Debug, Clone)]
pub struct PrintJob<'a> {
    pub claim: &'a ClaimData,
    pub paper: PaperSettings,
    /// Box 29: what was already paid on this claim's services, as the payer's instructions
    /// count it (NUCC: patient and other payers; Medicare: the patient only); blank when None.
    pub amount_paid: Option<Money>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PrintOptions {
    pub mode: FormMode,
    pub offsets: PrinterOffsets,
    /// The date printed by the signatures (boxes 12 and 31).
    pub print_date: NaiveDate,
}

/// Why a batch could not be printed. Nothing is printed when any claim is refused, and the
/// message names the claim so the biller can fix it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormError {
    #[error("Printer offsets must be numbers between -72 and 72 points (one inch); got left {left}, top {top}")]
    InvalidOffsets { left: String, top: String },
    #[error("There are no claims to print")]
    NothingToPrint,
    #[error("Claim {control_number}: it has no service lines to print")]
    NoServiceLines { control_number: String },
    #[error("Claim {control_number}: {count} diagnoses, but the form has room for 12 (A-L)")]
    TooManyDiagnoses { control_number: String, count: usize },
    #[error("Claim {control_number}: line {line} points to diagnosis {pointer}, which the claim does not have")]
    BadPointer { control_number: String, line: usize, pointer: u8 },
    #[error("Claim {control_number}: the amount {amount} does not fit box {box_id} (at most 99999.99, not negative)")]
    AmountDoesNotFit { control_number: String, box_id: String, amount: String },
    #[error("Claim {control_number}: recorded total {recorded} differs from the sum of its lines {lines}; rebuild the claim")]
    TotalMismatch { control_number: String, recorded: String, lines: String },
}

/// Prints the claims, in order, into one PDF: one form per six service lines of each claim.
/// `progress(done, total)` is called after each claim. Refuses the whole batch if any claim
/// cannot be printed faithfully.
pub fn print_claims(
    jobs: &[PrintJob],
    options: &PrintOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<u8>, FormError> {
    let offsets = options.offsets;
    if !offsets.is_valid() {
        return Err(FormError::InvalidOffsets { left: offsets.left_pt.to_string(), top: offsets.top_pt.to_string() });
    }
    if jobs.is_empty() {
        return Err(FormError::NothingToPrint);
    }
    let background = background_ops(options);
    let mut pages = Vec::with_capacity(jobs.iter().map(|j| pages_for(j.claim)).sum());
    for (i, job) in jobs.iter().enumerate() {
        for form in cms1500::form_pages(job.claim, &job.paper, job.amount_paid, options.print_date)? {
            let mut page = pdf::PageOps::new();
            page.extend(&background);
            page.fill_color(pdf::BLACK);
            write_data(&mut page, &form.items, offsets);
            pages.push(page.into_page());
        }
        progress(i + 1, jobs.len());
    }
    Ok(pdf::save("CMS-1500 claims", pages))
}

/// The data of one form: Courier 12 pt, each text from the left edge of its cell, its
/// baseline [`BASELINE_BELOW_CELL_TOP_PT`] below the top of the cell's line.
pub(crate) fn write_data(page: &mut pdf::PageOps, items: &[cms1500::Placed], offsets: PrinterOffsets) {
    for item in items {
        let x = item.cell.left_pt() + offsets.left_pt;
        let baseline = item.cell.top_pt() + BASELINE_BELOW_CELL_TOP_PT + offsets.top_pt;
        page.text(BuiltinFont::Courier, DATA_FONT_PT, x, baseline, &item.text);
    }
}

/// What goes under the data: nothing on red forms, the drawn form (moved with the data) on
/// plain paper.
fn background_ops(options: &PrintOptions) -> Vec<Op> {
    match options.mode {
        FormMode::RedForm => Vec::new(),
        FormMode::FullForm => full_form::form_ops(options.offsets.left_pt, options.offsets.top_pt),
    }
}
