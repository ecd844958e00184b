//! `claimdesk reports aging|daysheet|deposits|denials|plans|productivity|underpaid`: one
//! subcommand per row of `claimdesk_jobs::reports::REPORTS` (its `command`), each building the
//! `ReportParams` the app's Reports screen sends and running it through the same jobs functions.

use crate::failure::Failure;
use crate::output;
use chrono::NaiveDate;
use claimdesk_core::validation::parse_date;
use claimdesk_jobs::reports::{export_document, report_csv, report_document, report_text};
use claimdesk_jobs::{run_report, ExportFormat, ReportKind, ReportParams};
use claimdesk_store::{AgingBy, Store, StoreError};
use clap::{Args, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum ReportsCommand {
    /// Accounts receivable by age (current, 31-60, 61-90, 91-120, over 120 days from the date
    /// of service): what insurance owes by payer, or what patients owe by guarantor.
    Aging {
        /// The day the report is for, MM/DD/YYYY (default: today).
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// Group by payer (insurance balances) or by guarantor (patient balances).
        #[arg(long, value_enum, default_value = "payer")]
        by: ByArg,
        #[command(flatten)]
        out: OutArgs,
    },
    /// Charges, payments (insurance and patient, by method), adjustments and refunds per day,
    /// with who posted them.
    Daysheet {
        #[command(flatten)]
        range: RangeArgs,
        #[command(flatten)]
        out: OutArgs,
    },
    /// Bank deposits against the payments in them, and the payments not deposited yet.
    Deposits {
        #[command(flatten)]
        range: RangeArgs,
        #[command(flatten)]
        out: OutArgs,
    },
    /// Denied claims and lines by reason code (CARC) and by payer.
    Denials {
        #[command(flatten)]
        range: RangeArgs,
        #[command(flatten)]
        out: OutArgs,
    },
    /// Payment plans: counts and balances by status, delinquent and running plans.
    Plans {
        #[command(flatten)]
        out: OutArgs,
    },
    /// Charges, payments and adjustments by rendering provider and procedure code.
    Productivity {
        #[command(flatten)]
        range: RangeArgs,
        #[command(flatten)]
        out: OutArgs,
    },
    /// Lines paid below the payer's contracted allowed amount.
    Underpaid {
        #[command(flatten)]
        range: RangeArgs,
        #[command(flatten)]
        out: OutArgs,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ByArg {
    Payer,
    Guarantor,
}

#[derive(Debug, Args)]
pub struct RangeArgs {
    /// First day, MM/DD/YYYY (default: the first of the --to month).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Last day, MM/DD/YYYY (default: today).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
}

#[derive(Debug, Args)]
pub struct OutArgs {
    /// Write the report as CSV to stdout instead of a table (money as plain decimals).
    #[arg(long, conflicts_with = "pdf")]
    pub csv: bool,
    /// Also write the report as a PDF to this file (replaced whole, or not at all).
    #[arg(long, value_name = "FILE")]
    pub pdf: Option<PathBuf>,
}

fn date(field: &str, label: &str, text: &Option<String>) -> Result<Option<NaiveDate>, Failure> {
    match text {
        None => Ok(None),
        Some(t) => Ok(Some(parse_date(label, t).map_err(|m| StoreError::invalid(field, m))?)),
    }
}

fn ranged(kind: ReportKind, range: &RangeArgs) -> Result<ReportParams, Failure> {
    Ok(ReportParams {
        from: date("from", "Start date", &range.from)?,
        to: date("to", "End date", &range.to)?,
        ..ReportParams::new(kind)
    })
}

pub fn run(store: &mut Store, command: &ReportsCommand, json: bool) -> Result<(), Failure> {
    let (params, out) = match command {
        ReportsCommand::Aging { as_of, by, out } => (
            ReportParams {
                as_of: date("as_of", "As-of date", as_of)?,
                by: Some(match by {
                    ByArg::Payer => AgingBy::Payer,
                    ByArg::Guarantor => AgingBy::Guarantor,
                }),
                ..ReportParams::new(ReportKind::Aging)
            },
            out,
        ),
        ReportsCommand::Daysheet { range, out } => (ranged(ReportKind::DaySheet, range)?, out),
        ReportsCommand::Deposits { range, out } => (ranged(ReportKind::Deposits, range)?, out),
        ReportsCommand::Denials { range, out } => (ranged(ReportKind::Denials, range)?, out),
        ReportsCommand::Plans { out } => (ReportParams::new(ReportKind::Plans), out),
        ReportsCommand::Productivity { range, out } => (ranged(ReportKind::Productivity, range)?, out),
        ReportsCommand::Underpaid { range, out } => (ranged(ReportKind::Underpaid, range)?, out),
    };
    // The same path as the app's `report_run` and `report_export`: run once, lay out once.
    let report = run_report(store, &params)?;
    let doc = report_document(&report, &store.practice()?.name, store.today());
    if let Some(path) = &out.pdf {
        export_document(&doc, ExportFormat::Pdf, path)?;
    }
    if out.csv {
        let bytes = report_csv(&doc)?;
        output::stdout_bytes(&bytes);
    } else if json {
        output::json(&report);
    } else {
        out!("{}", report_text(&doc));
        if let Some(path) = &out.pdf {
            outln!("\nPDF written to {}", path.display());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// Every report in the jobs' table has its subcommand, with the flags for the parameters
    /// it takes: a report added to the table and forgotten here fails this test.
    #[test]
    fn every_report_in_the_table_has_a_subcommand_with_its_flags() {
        let cli = crate::cli::Cli::command();
        let reports = cli.find_subcommand("reports").expect("a reports command");
        let names: Vec<&str> = reports.get_subcommands().map(|c| c.get_name()).collect();
        assert_eq!(names.len(), claimdesk_jobs::reports::REPORTS.len(), "{names:?}");
        for entry in claimdesk_jobs::reports::REPORTS {
            let sub =
                reports.find_subcommand(entry.command).unwrap_or_else(|| panic!("no `reports {}`", entry.command));
            let flags: Vec<&str> = sub.get_arguments().filter_map(|a| a.get_long()).collect();
            for param in entry.takes {
                let wanted: &[&str] = match param {
                    claimdesk_jobs::reports::ReportParam::AsOf => &["as-of"],
                    claimdesk_jobs::reports::ReportParam::By => &["by"],
                    claimdesk_jobs::reports::ReportParam::Range => &["from", "to"],
                };
                for flag in wanted {
                    assert!(flags.contains(flag), "`reports {}` takes --{flag}: {flags:?}", entry.command);
                }
            }
            for flag in ["as-of", "by", "from", "to"] {
                let taken = entry.takes.iter().any(|p| match p {
                    claimdesk_jobs::reports::ReportParam::AsOf => flag == "as-of",
                    claimdesk_jobs::reports::ReportParam::By => flag == "by",
                    claimdesk_jobs::reports::ReportParam::Range => flag == "from" || flag == "to",
                });
                assert_eq!(flags.contains(&flag), taken, "`reports {}` and --{flag}", entry.command);
            }
        }
    }
}
