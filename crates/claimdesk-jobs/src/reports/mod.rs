//! Practice reports shared by the CLI and the app. `REPORTS` is the one table of them: each
//! row names a report, its title, the parameters it takes and the function that runs it, and
//! the screen's list of reports (`reports_catalog`), the app's `report_run` and the CLI's
//! `claimdesk reports ...` all read it. A report is run (`run_report`), turned into a document
//! of tables (`report_document`), and shown (`report_page`) or written as CSV (money as plain
//! decimal strings such as `1250.00`), as PDF (`claimdesk_forms::report_pdf`) or as a text
//! table.
//!
//! Adding a report: its query in the store, a module here with `run` and `document` (and a
//! `chart` where a picture helps), a variant in `ReportKind` and `Report`, a row in `REPORTS`,
//! and a `claimdesk reports` subcommand. The screen needs nothing: it lists what the catalog
//! holds and draws the tables it is sent.

mod aging;
mod day_sheet;
mod denials;
mod deposits;
mod plans;
mod productivity;
mod underpaid;

use crate::files::write_bytes;
use crate::{JobError, Result};
use chrono::NaiveDate;
use claimdesk_core::aging::{AgeBucket, Aging};
use claimdesk_core::Money;
use claimdesk_forms::{report_pdf, Cell, Column, ReportDocument, Section};
use claimdesk_store::{
    AgingBy, AgingFilter, AgingReport, DateRange, DaySheet, DaySheetAmounts, DenialReport, DepositReconciliation,
    PlansReport, ProductivityAmounts, ProductivityReport, Store, StoreError, UnderpaidReport,
};
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

type StoreResult<T> = std::result::Result<T, StoreError>;

/// A report's title line, the line saying what it covers, and its tables.
type Parts = (String, String, Vec<Section>);

/// Which report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ReportKind {
    Aging,
    DaySheet,
    Deposits,
    Denials,
    Plans,
    Productivity,
    Underpaid,
}

/// A parameter a report takes besides its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ReportParam {
    /// The day the report is for (`as_of`, default today).
    AsOf,
    /// Group by payer or by guarantor (`by`, default payer).
    By,
    /// A range of days (`from`, `to`; default the first of the month to today).
    Range,
}

/// One row of the table of reports.
pub struct ReportEntry {
    pub kind: ReportKind,
    /// The `claimdesk reports` subcommand.
    pub command: &'static str,
    pub title: &'static str,
    /// One sentence saying what the report shows.
    pub about: &'static str,
    pub takes: &'static [ReportParam],
    run: fn(&Store, &Asked) -> StoreResult<Report>,
}

const RANGE: &[ReportParam] = &[ReportParam::Range];

/// Every report, in the order the screen lists them.
pub const REPORTS: &[ReportEntry] = &[
    ReportEntry {
        kind: ReportKind::Aging,
        command: "aging",
        title: "AR aging",
        about: "What insurance owes by payer, or what patients owe by guarantor, by age from the date of service.",
        takes: &[ReportParam::AsOf, ReportParam::By],
        run: aging::run,
    },
    ReportEntry {
        kind: ReportKind::DaySheet,
        command: "daysheet",
        title: "Day sheet",
        about: "Charges, payments, adjustments and refunds per day, with who posted them.",
        takes: RANGE,
        run: day_sheet::run,
    },
    ReportEntry {
        kind: ReportKind::Deposits,
        command: "deposits",
        title: "Deposit reconciliation",
        about: "Bank deposits against the payments in them, and the payments not deposited yet.",
        takes: RANGE,
        run: deposits::run,
    },
    ReportEntry {
        kind: ReportKind::Denials,
        command: "denials",
        title: "Denials",
        about: "Denied claims and lines by reason code and by payer.",
        takes: RANGE,
        run: denials::run,
    },
    ReportEntry {
        kind: ReportKind::Plans,
        command: "plans",
        title: "Payment plans",
        about: "Plans by status, the delinquent ones and the running ones.",
        takes: &[],
        run: plans::run,
    },
    ReportEntry {
        kind: ReportKind::Productivity,
        command: "productivity",
        title: "Provider productivity",
        about: "Charges, payments and adjustments by rendering provider and procedure code.",
        takes: RANGE,
        run: productivity::run,
    },
    ReportEntry {
        kind: ReportKind::Underpaid,
        command: "underpaid",
        title: "Underpaid lines",
        about: "Lines paid below the payer's contracted allowed amount.",
        takes: RANGE,
        run: underpaid::run,
    },
];

impl ReportKind {
    /// Its row in `REPORTS`.
    pub fn entry(self) -> &'static ReportEntry {
        REPORTS.iter().find(|e| e.kind == self).expect("every report kind has a row in REPORTS")
    }

    pub fn title(self) -> &'static str {
        self.entry().title
    }
}

/// A report as the screen lists it: its title, what it shows and the parameters it takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReportInfo {
    pub kind: ReportKind,
    pub title: String,
    pub about: String,
    pub takes: Vec<ReportParam>,
}

/// The table of reports, for the screen.
pub fn reports_catalog() -> Vec<ReportInfo> {
    REPORTS
        .iter()
        .map(|e| ReportInfo {
            kind: e.kind,
            title: e.title.to_string(),
            about: e.about.to_string(),
            takes: e.takes.to_vec(),
        })
        .collect()
}

/// A report and its parameters, as the screen and the CLI ask for it. Missing dates default
/// to the store's today (`as_of`, `to`) and the first of that month (`from`); parameters the
/// report does not take are ignored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReportParams {
    pub kind: ReportKind,
    #[serde(default)]
    pub as_of: Option<NaiveDate>,
    #[serde(default)]
    pub by: Option<AgingBy>,
    #[serde(default)]
    pub from: Option<NaiveDate>,
    #[serde(default)]
    pub to: Option<NaiveDate>,
}

impl ReportParams {
    pub fn new(kind: ReportKind) -> ReportParams {
        ReportParams { kind, as_of: None, by: None, from: None, to: None }
    }

    /// The parameters with their defaults filled in, checked.
    fn asked(&self, today: NaiveDate) -> StoreResult<Asked> {
        use chrono::Datelike;
        let to = self.to.unwrap_or(today);
        let from = self.from.unwrap_or_else(|| to.with_day(1).unwrap_or(to));
        if self.kind.entry().takes.contains(&ReportParam::Range) && from > to {
            return Err(StoreError::invalid("to", "The end date is before the start date"));
        }
        Ok(Asked {
            as_of: self.as_of.unwrap_or(today),
            by: self.by.unwrap_or(AgingBy::Payer),
            range: DateRange { from, to },
        })
    }
}

/// What a report's `run` is given: every parameter, defaults filled in.
struct Asked {
    as_of: NaiveDate,
    by: AgingBy,
    range: DateRange,
}

/// A report's figures, tagged by kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", content = "report", rename_all = "snake_case")]
#[ts(export)]
pub enum Report {
    Aging(AgingReport),
    DaySheet(DaySheet),
    Deposits(DepositReconciliation),
    Denials(DenialReport),
    Plans(PlansReport),
    Productivity(ProductivityReport),
    Underpaid(UnderpaidReport),
}

impl Report {
    pub fn kind(&self) -> ReportKind {
        match self {
            Report::Aging(_) => ReportKind::Aging,
            Report::DaySheet(_) => ReportKind::DaySheet,
            Report::Deposits(_) => ReportKind::Deposits,
            Report::Denials(_) => ReportKind::Denials,
            Report::Plans(_) => ReportKind::Plans,
            Report::Productivity(_) => ReportKind::Productivity,
            Report::Underpaid(_) => ReportKind::Underpaid,
        }
    }

    fn parts(&self) -> Parts {
        match self {
            Report::Aging(r) => aging::document(r),
            Report::DaySheet(r) => day_sheet::document(r),
            Report::Deposits(r) => deposits::document(r),
            Report::Denials(r) => denials::document(r),
            Report::Plans(r) => plans::document(r),
            Report::Productivity(r) => productivity::document(r),
            Report::Underpaid(r) => underpaid::document(r),
        }
    }

    fn chart(&self) -> Option<ReportChart> {
        match self {
            Report::Aging(r) => aging::chart(r),
            Report::Denials(r) => denials::chart(r),
            Report::Productivity(r) => productivity::chart(r),
            Report::DaySheet(_) | Report::Deposits(_) | Report::Plans(_) | Report::Underpaid(_) => None,
        }
    }
}

/// The file formats a report exports to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ExportFormat {
    Csv,
    Pdf,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReportExport {
    pub path: String,
    pub format: ExportFormat,
    pub bytes: u64,
    /// Rows written (all sections, without headings and totals).
    pub rows: u64,
}

/// Runs a report on the open practice file. Refuses a range that ends before it starts.
pub fn run_report(store: &Store, params: &ReportParams) -> Result<Report> {
    let asked = params.asked(store.today())?;
    Ok((params.kind.entry().run)(store, &asked)?)
}

/// One cell of a report as the screen gets it: money as a decimal string, dates ISO.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
#[ts(export)]
pub enum ReportCell {
    Text(String),
    Money(Money),
    Count(i64),
    Date(NaiveDate),
    Empty,
}

impl From<&Cell> for ReportCell {
    fn from(c: &Cell) -> ReportCell {
        match c {
            Cell::Text(s) => ReportCell::Text(s.clone()),
            Cell::Money(m) => ReportCell::Money(*m),
            Cell::Count(n) => ReportCell::Count(*n),
            Cell::Date(d) => ReportCell::Date(*d),
            Cell::Empty => ReportCell::Empty,
        }
    }
}

/// A column heading; numeric columns (money, counts) are right-aligned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReportColumn {
    pub heading: String,
    pub numeric: bool,
}

/// One table of a report, the same one the PDF and the CSV carry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReportTable {
    /// Empty for a report of one table.
    pub heading: String,
    pub columns: Vec<ReportColumn>,
    pub rows: Vec<Vec<ReportCell>>,
    pub totals: Option<Vec<ReportCell>>,
}

/// A bar of a chart: a money amount or a count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ChartBar {
    pub label: String,
    pub value: ReportCell,
}

/// A bar chart where a picture helps (aging buckets, denial reasons, charges by provider).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReportChart {
    pub title: String,
    pub bars: Vec<ChartBar>,
}

/// A report as the screen shows it: what `report_run` returns. The screen draws any report
/// from this alone, so a new report needs no screen code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReportPage {
    pub kind: ReportKind,
    pub title: String,
    /// What the report covers ("As of 12/01/2026 ...", "From ... to ...").
    pub parameters: String,
    pub chart: Option<ReportChart>,
    pub tables: Vec<ReportTable>,
}

/// Runs a report and lays it out for the screen: the tables of its PDF and CSV, and its chart.
pub fn report_page(store: &Store, params: &ReportParams) -> Result<ReportPage> {
    let report = run_report(store, params)?;
    let (title, parameters, sections) = report.parts();
    Ok(ReportPage {
        kind: report.kind(),
        title,
        parameters,
        chart: report.chart(),
        tables: sections
            .iter()
            .map(|s| ReportTable {
                heading: s.heading.clone(),
                columns: s
                    .columns
                    .iter()
                    .map(|c| ReportColumn { heading: c.heading.clone(), numeric: c.numeric })
                    .collect(),
                rows: s.rows.iter().map(|r| r.iter().map(ReportCell::from).collect()).collect(),
                totals: s.totals.as_ref().map(|t| t.iter().map(ReportCell::from).collect()),
            })
            .collect(),
    })
}

fn mdy(d: NaiveDate) -> String {
    d.format("%m/%d/%Y").to_string()
}

fn range_words(r: &DateRange) -> String {
    format!("From {} to {}", mdy(r.from), mdy(r.to))
}

fn money(m: Money) -> Cell {
    Cell::Money(m)
}

fn aging_cells(a: &Aging) -> Vec<Cell> {
    let mut cells: Vec<Cell> = AgeBucket::ALL.iter().map(|b| money(a.get(*b))).collect();
    cells.push(money(a.total()));
    cells
}

fn aging_columns(first: Vec<Column>) -> Vec<Column> {
    let mut columns = first;
    for b in AgeBucket::ALL {
        columns.push(Column::number(b.label(), 1.0));
    }
    columns.push(Column::number("Total", 1.1));
    columns
}

fn day_cells(a: &DaySheetAmounts) -> Vec<Cell> {
    vec![
        money(a.charges),
        money(a.insurance_payments),
        money(a.patient_payments),
        money(a.adjustments),
        money(a.refunds),
        money(a.net),
    ]
}

fn day_columns(first: Column) -> Vec<Column> {
    vec![
        first,
        Column::number("Charges", 1.0),
        Column::number("Insurance paid", 1.0),
        Column::number("Patient paid", 1.0),
        Column::number("Adjustments", 1.0),
        Column::number("Refunds", 0.9),
        Column::number("Net change", 1.0),
    ]
}

fn productivity_cells(a: &ProductivityAmounts) -> Vec<Cell> {
    vec![
        Cell::Count(a.services),
        Cell::Count(a.units),
        money(a.charges),
        money(a.insurance_payments),
        money(a.patient_payments),
        money(a.adjustments),
    ]
}

/// The report as titled tables, ready for a PDF, a CSV or a text table.
pub fn report_document(report: &Report, practice_name: &str, printed_on: NaiveDate) -> ReportDocument {
    let (title, parameters, sections) = report.parts();
    ReportDocument { title, practice_name: practice_name.to_string(), parameters, printed_on, sections }
}

/// A cell as CSV text: money as a plain decimal (`1250.00`, `-5.00`), dates ISO.
fn csv_text(c: &Cell) -> String {
    match c {
        Cell::Text(s) => s.clone(),
        Cell::Money(m) => m.to_string(),
        Cell::Count(n) => n.to_string(),
        Cell::Date(d) => d.to_string(),
        Cell::Empty => String::new(),
    }
}

/// The report as CSV. A one-table report is its heading row, its rows and its totals row
/// (first cell "Total"); a report of several tables has each one after a row holding only its
/// name, with an empty row between tables.
pub fn report_csv(doc: &ReportDocument) -> Result<Vec<u8>> {
    let fail = |e: csv::Error| JobError::Write { path: "CSV".into(), source: std::io::Error::other(e) };
    let mut w = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
    let several = doc.sections.len() > 1;
    for (i, s) in doc.sections.iter().enumerate() {
        if several {
            if i > 0 {
                w.write_record([""]).map_err(fail)?;
            }
            w.write_record([s.heading.as_str()]).map_err(fail)?;
        }
        w.write_record(s.columns.iter().map(|c| c.heading.as_str())).map_err(fail)?;
        for row in s.rows.iter().chain(&s.totals) {
            w.write_record(row.iter().map(csv_text)).map_err(fail)?;
        }
    }
    w.into_inner().map_err(|e| JobError::Write { path: "CSV".into(), source: std::io::Error::other(e.to_string()) })
}

/// The report as a plain text table (what the CLI prints).
pub fn report_text(doc: &ReportDocument) -> String {
    let mut out = format!("{} - {}\n{}\n", doc.title, doc.practice_name, doc.parameters);
    for s in &doc.sections {
        out.push('\n');
        if !s.heading.is_empty() {
            out.push_str(&format!("{}\n", s.heading));
        }
        let text: Vec<Vec<String>> =
            s.rows.iter().chain(&s.totals).map(|r| r.iter().map(Cell::printed).collect()).collect();
        let mut widths: Vec<usize> = s.columns.iter().map(|c| c.heading.chars().count()).collect();
        for row in &text {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let line = |cells: Vec<String>| -> String {
            let parts: Vec<String> = s
                .columns
                .iter()
                .zip(&widths)
                .zip(cells)
                .map(|((c, w), t)| if c.numeric { format!("{t:>w$}") } else { format!("{t:<w$}") })
                .collect();
            format!("{}\n", parts.join("  ").trim_end())
        };
        out.push_str(&line(s.columns.iter().map(|c| c.heading.clone()).collect()));
        if s.rows.is_empty() {
            out.push_str("(nothing to report)\n");
        }
        for (i, row) in text.into_iter().enumerate() {
            if i == s.rows.len() {
                out.push_str(&format!(
                    "{}\n",
                    "-".repeat(widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1))
                ));
            }
            out.push_str(&line(row));
        }
    }
    out
}

/// Runs a report and writes it to `out` as CSV or PDF (whole or not at all).
pub fn export_report(store: &Store, params: &ReportParams, format: ExportFormat, out: &Path) -> Result<ReportExport> {
    let report = run_report(store, params)?;
    let doc = report_document(&report, &store.practice()?.name, store.today());
    export_document(&doc, format, out)
}

/// Writes a report already laid out to `out` as CSV or PDF (whole or not at all).
pub fn export_document(doc: &ReportDocument, format: ExportFormat, out: &Path) -> Result<ReportExport> {
    let bytes = match format {
        ExportFormat::Csv => report_csv(doc)?,
        ExportFormat::Pdf => report_pdf(doc),
    };
    write_bytes(out, &bytes)?;
    Ok(ReportExport {
        path: out.display().to_string(),
        format,
        bytes: bytes.len() as u64,
        rows: doc.sections.iter().map(|s| s.rows.len() as u64).sum(),
    })
}
