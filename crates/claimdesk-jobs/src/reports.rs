//! Practice reports shared by the CLI and the app: run one (`run_report`), turn it into a
//! document of tables (`report_document`), and write that as CSV (money as plain decimal
//! strings such as `1250.00`), as PDF (`claimdesk_forms::report_pdf`) or as a text table.

use crate::{write_whole, JobError, Result};
use chrono::NaiveDate;
use claimdesk_core::aging::{AgeBucket, Aging};
use claimdesk_forms::{report_pdf, Cell, Column, ReportDocument, Section};
use claimdesk_store::{
    AgingBy, AgingFilter, AgingReport, DateRange, DaySheet, DaySheetAmounts, DenialReport, DepositReconciliation,
    PlansReport, ProductivityAmounts, ProductivityReport, Store, UnderpaidReport,
};
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

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

impl ReportKind {
    pub fn title(self) -> &'static str {
        match self {
            ReportKind::Aging => "AR aging",
            ReportKind::DaySheet => "Day sheet",
            ReportKind::Deposits => "Deposit reconciliation",
            ReportKind::Denials => "Denials",
            ReportKind::Plans => "Payment plans",
            ReportKind::Productivity => "Provider productivity",
            ReportKind::Underpaid => "Underpaid lines",
        }
    }
}

/// A report and its parameters, as the screen and the CLI ask for it. Missing dates default
/// to the store's today (`as_of`, `to`) and the first of that month (`from`).
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

    fn range(&self, today: NaiveDate) -> DateRange {
        use chrono::Datelike;
        let to = self.to.unwrap_or(today);
        let from = self.from.unwrap_or_else(|| to.with_day(1).unwrap_or(to));
        DateRange { from, to }
    }
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

/// Runs a report on the open practice file.
pub fn run_report(store: &Store, params: &ReportParams) -> Result<Report> {
    let today = store.today();
    let range = params.range(today);
    Ok(match params.kind {
        ReportKind::Aging => Report::Aging(store.report_aging(&AgingFilter {
            as_of: params.as_of.unwrap_or(today),
            by: params.by.unwrap_or(AgingBy::Payer),
        })?),
        ReportKind::DaySheet => Report::DaySheet(store.report_day_sheet(&range)?),
        ReportKind::Deposits => Report::Deposits(store.report_deposits(&range)?),
        ReportKind::Denials => Report::Denials(store.report_denials(&range)?),
        ReportKind::Plans => Report::Plans(store.report_plans()?),
        ReportKind::Productivity => Report::Productivity(store.report_productivity(&range)?),
        ReportKind::Underpaid => Report::Underpaid(store.report_underpaid(&range)?),
    })
}

fn mdy(d: NaiveDate) -> String {
    d.format("%m/%d/%Y").to_string()
}

fn range_words(r: &DateRange) -> String {
    format!("From {} to {}", mdy(r.from), mdy(r.to))
}

fn money(m: claimdesk_core::Money) -> Cell {
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
    let (title, parameters, sections) = match report {
        Report::Aging(r) => {
            let (by, who) = match r.by {
                AgingBy::Payer => ("by payer", "Payer"),
                AgingBy::Guarantor => ("by guarantor", "Guarantor"),
            };
            let rows = r
                .rows
                .iter()
                .map(|row| {
                    let mut cells = vec![Cell::text(&row.name), Cell::text(&row.account_number)];
                    cells.extend(aging_cells(&row.aging));
                    cells
                })
                .collect();
            let mut totals = vec![Cell::text("Total"), Cell::Empty];
            totals.extend(aging_cells(&r.totals));
            (
                format!("AR aging {by}"),
                format!("As of {} (age from the date of service)", mdy(r.as_of)),
                vec![Section {
                    heading: String::new(),
                    columns: aging_columns(vec![Column::text(who, 3.0), Column::text("Account", 1.2)]),
                    rows,
                    totals: Some(totals),
                }],
            )
        }
        Report::DaySheet(r) => {
            let days = r
                .days
                .iter()
                .map(|d| {
                    let mut cells = vec![Cell::Date(d.date)];
                    cells.extend(day_cells(&d.amounts));
                    cells
                })
                .collect();
            let mut totals = vec![Cell::text("Total")];
            totals.extend(day_cells(&r.totals));
            let users = r
                .by_user
                .iter()
                .map(|u| {
                    let mut cells = vec![Cell::text(if u.user.is_empty() { "(not recorded)" } else { &u.user })];
                    cells.extend(day_cells(&u.amounts));
                    cells
                })
                .collect();
            let methods = r
                .by_method
                .iter()
                .map(|m| vec![Cell::text(&m.method), Cell::Count(m.payments), money(m.amount)])
                .collect();
            (
                "Day sheet".to_string(),
                range_words(&r.range),
                vec![
                    Section {
                        heading: "By day".into(),
                        columns: day_columns(Column::text("Date", 1.1)),
                        rows: days,
                        totals: Some(totals.clone()),
                    },
                    Section {
                        heading: "By user".into(),
                        columns: day_columns(Column::text("User", 1.1)),
                        rows: users,
                        totals: Some(totals),
                    },
                    Section {
                        heading: "Payments by method".into(),
                        columns: vec![
                            Column::text("Method", 2.0),
                            Column::number("Payments", 1.0),
                            Column::number("Amount", 1.0),
                        ],
                        rows: methods,
                        totals: Some(vec![
                            Cell::text("Total"),
                            Cell::Count(r.by_method.iter().map(|m| m.payments).sum()),
                            money(r.by_method.iter().map(|m| m.amount).sum()),
                        ]),
                    },
                ],
            )
        }
        Report::Deposits(r) => {
            let deposits = r
                .deposits
                .iter()
                .map(|d| {
                    vec![
                        Cell::Date(d.deposit_date),
                        Cell::text(&d.bank_reference),
                        Cell::Count(d.payments.len() as i64),
                        money(d.slip_amount),
                        money(d.payments_total),
                        money(d.difference),
                    ]
                })
                .collect();
            let payments = |list: &[claimdesk_store::DepositPayment]| -> Vec<Vec<Cell>> {
                list.iter()
                    .map(|p| {
                        vec![
                            Cell::Date(p.received_on),
                            Cell::text(match p.source {
                                claimdesk_store::PaymentSource::Patient => "Patient",
                                claimdesk_store::PaymentSource::Insurance => "Insurance",
                            }),
                            Cell::text(&p.from),
                            Cell::text(&p.method),
                            Cell::text(&p.reference),
                            money(p.amount),
                        ]
                    })
                    .collect()
            };
            let payment_columns = vec![
                Column::text("Received", 1.1),
                Column::text("From", 0.9),
                Column::text("Payer / patient", 2.6),
                Column::text("Method", 0.9),
                Column::text("Reference", 1.4),
                Column::number("Amount", 1.0),
            ];
            let none = [Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty];
            (
                "Deposit reconciliation".to_string(),
                range_words(&r.range),
                vec![
                    Section {
                        heading: "Deposits".into(),
                        columns: vec![
                            Column::text("Date", 1.1),
                            Column::text("Bank reference", 1.8),
                            Column::number("Payments", 0.9),
                            Column::number("Slip", 1.0),
                            Column::number("Posted", 1.0),
                            Column::number("Difference", 1.0),
                        ],
                        rows: deposits,
                        totals: Some(vec![
                            Cell::text("Total"),
                            Cell::Empty,
                            Cell::Count(r.deposits.iter().map(|d| d.payments.len() as i64).sum()),
                            money(r.slips_total),
                            money(r.deposited_total),
                            money(r.slips_total - r.deposited_total),
                        ]),
                    },
                    Section {
                        heading: "Not deposited yet".into(),
                        columns: payment_columns,
                        rows: payments(&r.undeposited),
                        totals: Some(
                            [Cell::text("Total")].into_iter().chain(none).chain([money(r.undeposited_total)]).collect(),
                        ),
                    },
                ],
            )
        }
        Report::Denials(r) => (
            "Denials".to_string(),
            range_words(&r.range),
            vec![
                Section {
                    heading: "By reason".into(),
                    columns: vec![
                        Column::text("Group", 0.6),
                        Column::text("Reason", 0.7),
                        Column::text("Description", 4.0),
                        Column::number("Count", 0.8),
                        Column::number("Amount", 1.1),
                    ],
                    rows: r
                        .by_reason
                        .iter()
                        .map(|d| {
                            vec![
                                Cell::text(&d.group_code),
                                Cell::text(&d.reason_code),
                                Cell::text(&d.description),
                                Cell::Count(d.count),
                                money(d.amount),
                            ]
                        })
                        .collect(),
                    totals: None,
                },
                Section {
                    heading: "By payer".into(),
                    columns: vec![
                        Column::text("Payer", 3.0),
                        Column::number("Claims", 0.8),
                        Column::number("Lines", 0.8),
                        Column::number("Denied charges", 1.2),
                    ],
                    rows: r
                        .by_payer
                        .iter()
                        .map(|p| {
                            vec![Cell::text(&p.payer), Cell::Count(p.claims), Cell::Count(p.lines), money(p.amount)]
                        })
                        .collect(),
                    totals: Some(vec![
                        Cell::text("Total"),
                        Cell::Count(r.claims),
                        Cell::Count(r.lines),
                        money(r.amount),
                    ]),
                },
            ],
        ),
        Report::Plans(r) => {
            let plan_rows = |list: &[claimdesk_store::PlanLine]| -> Vec<Vec<Cell>> {
                list.iter()
                    .map(|p| {
                        vec![
                            Cell::text(&p.plan_number),
                            Cell::text(&p.account_number),
                            Cell::text(&p.name),
                            money(p.remaining),
                            money(p.due_now),
                            p.next_due.map(Cell::Date).unwrap_or(Cell::Empty),
                            p.next_amount.map(Cell::Money).unwrap_or(Cell::Empty),
                            Cell::Count(p.days_late),
                        ]
                    })
                    .collect()
            };
            let plan_columns = || {
                vec![
                    Column::text("Plan", 0.9),
                    Column::text("Account", 0.9),
                    Column::text("Guarantor", 2.0),
                    Column::number("Remaining", 1.0),
                    Column::number("Due now", 1.0),
                    Column::text("Next due", 1.0),
                    Column::number("Next amount", 1.0),
                    Column::number("Days late", 0.8),
                ]
            };
            (
                "Payment plans".to_string(),
                format!("As of {}", mdy(r.as_of)),
                vec![
                    Section {
                        heading: "By status".into(),
                        columns: vec![
                            Column::text("Status", 2.0),
                            Column::number("Plans", 1.0),
                            Column::number("Remaining", 1.0),
                            Column::number("Due now", 1.0),
                        ],
                        rows: r
                            .by_status
                            .iter()
                            .map(|s| {
                                vec![
                                    Cell::text(format!("{:?}", s.status)),
                                    Cell::Count(s.plans),
                                    money(s.remaining),
                                    money(s.due_now),
                                ]
                            })
                            .collect(),
                        totals: Some(vec![
                            Cell::text("Total"),
                            Cell::Count(r.by_status.iter().map(|s| s.plans).sum()),
                            money(r.by_status.iter().map(|s| s.remaining).sum()),
                            money(r.by_status.iter().map(|s| s.due_now).sum()),
                        ]),
                    },
                    Section {
                        heading: "Delinquent".into(),
                        columns: plan_columns(),
                        rows: plan_rows(&r.delinquent),
                        totals: None,
                    },
                    Section {
                        heading: "Running plans".into(),
                        columns: plan_columns(),
                        rows: plan_rows(&r.running),
                        totals: None,
                    },
                ],
            )
        }
        Report::Productivity(r) => {
            let columns = |first: &str| {
                vec![
                    Column::text(first, 2.4),
                    Column::text("Code", 0.8),
                    Column::number("Services", 0.8),
                    Column::number("Units", 0.7),
                    Column::number("Charges", 1.1),
                    Column::number("Insurance paid", 1.1),
                    Column::number("Patient paid", 1.1),
                    Column::number("Adjustments", 1.1),
                ]
            };
            let row = |p: &claimdesk_store::ProductivityRow| {
                let mut cells = vec![Cell::text(&p.provider), Cell::text(&p.code)];
                cells.extend(productivity_cells(&p.amounts));
                cells
            };
            let mut totals = vec![Cell::text("Total"), Cell::Empty];
            totals.extend(productivity_cells(&r.totals));
            (
                "Provider productivity".to_string(),
                format!(
                    "{} (posted in the range; patient payments not applied to a service: {})",
                    range_words(&r.range),
                    claimdesk_forms::Cell::Money(r.unapplied_payments).printed()
                ),
                vec![
                    Section {
                        heading: "By provider".into(),
                        columns: columns("Provider"),
                        rows: r.providers.iter().map(row).collect(),
                        totals: Some(totals.clone()),
                    },
                    Section {
                        heading: "By provider and code".into(),
                        columns: columns("Provider"),
                        rows: r.rows.iter().map(row).collect(),
                        totals: Some(totals),
                    },
                ],
            )
        }
        Report::Underpaid(r) => (
            "Underpaid lines".to_string(),
            range_words(&r.range),
            vec![
                Section {
                    heading: "By payer".into(),
                    columns: vec![
                        Column::text("Payer", 3.0),
                        Column::number("Lines", 1.0),
                        Column::number("Underpaid", 1.0),
                    ],
                    rows: r
                        .by_payer
                        .iter()
                        .map(|p| vec![Cell::text(&p.payer), Cell::Count(p.lines), money(p.underpaid)])
                        .collect(),
                    totals: Some(vec![Cell::text("Total"), Cell::Count(r.lines.len() as i64), money(r.total)]),
                },
                Section {
                    heading: "Lines".into(),
                    columns: vec![
                        Column::text("Payer", 1.6),
                        Column::text("Paid on", 1.0),
                        Column::text("Claim", 1.0),
                        Column::text("Patient", 1.6),
                        Column::text("Service", 1.0),
                        Column::text("Code", 0.7),
                        Column::number("Paid", 0.9),
                        Column::number("Patient resp.", 0.9),
                        Column::number("Expected", 0.9),
                        Column::number("Underpaid", 0.9),
                    ],
                    rows: r
                        .lines
                        .iter()
                        .map(|l| {
                            vec![
                                Cell::text(&l.payer),
                                Cell::Date(l.paid_date),
                                Cell::text(&l.control_number),
                                Cell::text(format!("{} {}", l.account_number, l.patient)),
                                Cell::Date(l.service_date),
                                Cell::text(&l.code),
                                money(l.paid),
                                money(l.patient_responsibility),
                                money(l.expected),
                                money(l.underpaid),
                            ]
                        })
                        .collect(),
                    totals: None,
                },
            ],
        ),
    };
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
    let bytes = match format {
        ExportFormat::Csv => report_csv(&doc)?,
        ExportFormat::Pdf => report_pdf(&doc),
    };
    write_whole(out, &bytes)?;
    Ok(ReportExport {
        path: out.display().to_string(),
        format,
        bytes: bytes.len() as u64,
        rows: doc.sections.iter().map(|s| s.rows.len() as u64).sum(),
    })
}
