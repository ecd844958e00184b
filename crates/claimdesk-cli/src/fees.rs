//! `fees import|export`: the fee schedule as CSV.

use crate::cli::FeesCommand;
use crate::failure::Failure;
use crate::output;
use claimdesk_store::Store;
use serde::Serialize;
use std::path::Path;

#[derive(Serialize)]
pub struct Exported {
    pub exported: usize,
    pub file: String,
}

pub fn run(store: &mut Store, command: &FeesCommand, json: bool) -> Result<(), Failure> {
    match command {
        FeesCommand::Import { file } => {
            let report = claimdesk_jobs::csv_files::import_fees_csv(store, file)?;
            crate::patients::finish_import(report, file, "fee schedule entries", json)
        }
        FeesCommand::Export { file } => {
            let rows = claimdesk_jobs::csv_files::export_fees_csv(store, file)?;
            exported(rows, file, "fee schedule entries", json);
            Ok(())
        }
    }
}

pub fn exported(rows: usize, file: &Path, what: &str, json: bool) {
    if json {
        output::json(&Exported { exported: rows, file: file.display().to_string() });
    } else {
        outln!("Exported {rows} {what} to {}", file.display());
    }
}
