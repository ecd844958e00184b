//! The command line, as clap reads it. Every argument's help text is here.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const EXIT_CODES: &str = "\
Exit status:
  0  done
  1  refused: a message on stderr names each field and why; nothing in the file changed
  2  usage error (unknown command, missing or malformed argument)

With --json the result is one JSON object on stdout (snake_case keys, ISO dates YYYY-MM-DD,
money as decimal strings such as \"125.00\"); a refusal is a JSON error report on stderr:
{\"kind\": ..., \"message\": ..., \"fields\": [{\"field\": ..., \"message\": ...}]}.";

/// ClaimDesk from the command line: everything the app does, scriptable.
///
/// Each practice lives in one practice file (SQLite). Name it with --db or the CLAIMDESK_DB
/// environment variable.
#[derive(Debug, Parser)]
#[command(name = "claimdesk", version, after_help = EXIT_CODES)]
pub struct Cli {
    /// The practice file to work on.
    #[arg(long, value_name = "PATH", env = "CLAIMDESK_DB", hide_env_values = true, global = true)]
    pub db: Option<PathBuf>,

    /// Print the result as one JSON object on stdout (errors as JSON on stderr).
    #[arg(long, global = true)]
    pub json: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new practice file filled with a synthetic demo practice.
    ///
    /// Providers, facilities, payers, a two-year fee schedule and patients with policies, all
    /// invented. The same seed always gives the same practice. Refuses an existing file.
    Demo(DemoArgs),

    /// Register, find, show, import and export patients.
    #[command(subcommand)]
    Patients(PatientsCommand),

    /// Import and export the fee schedule (standard fees and payer allowed amounts).
    #[command(subcommand)]
    Fees(FeesCommand),

    /// Check the practice file's integrity (SQLite's own check and every reference).
    Check,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SpecialtyArg {
    /// A family-medicine group.
    Physician,
    /// A chiropractic office.
    Chiro,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Kind of office.
    #[arg(long, value_enum, default_value = "physician")]
    pub specialty: SpecialtyArg,
    /// Number of patients.
    #[arg(long, value_name = "N", default_value_t = claimdesk_demo::DEFAULT_PATIENTS)]
    pub patients: usize,
    /// Seed of the generator: the same seed gives the same practice.
    #[arg(long, value_name = "N", default_value_t = claimdesk_demo::DEFAULT_SEED)]
    pub seed: u64,
}

#[derive(Debug, Subcommand)]
pub enum PatientsCommand {
    /// Register a new patient, optionally with a primary insurance policy.
    ///
    /// The patient is their own guarantor and the policy's subscriber; other arrangements
    /// (a parent, a spouse's plan) are entered in the app. The account number is assigned.
    Add(Box<AddPatientArgs>),

    /// Find patients by name, account number, birth date, phone or member ID.
    ///
    /// Words are matched as prefixes and all must match: "smi jo" finds John Smith, "0134"
    /// a phone ending in 0134, "05/17/1980" a birth date.
    Search(SearchArgs),

    /// Show one patient with guarantor, policies and eligibility notes.
    Show {
        /// The patient's account number.
        account: String,
    },

    /// Import patients from a CSV file; all rows or none.
    ///
    /// Columns: account_number (optional), last_name, first_name, middle_name, birth_date,
    /// sex, address_line1, address_line2, city, state, zip, home_phone, cell_phone, email,
    /// primary_payer (payer ID or name), primary_member_id, primary_group_number,
    /// primary_effective_from, primary_copay. If any row is refused, each problem is listed
    /// (row, column, reason) and nothing is imported.
    Import {
        /// The CSV file to read.
        file: PathBuf,
    },

    /// Export every patient (active and inactive) with their primary policy to CSV.
    ///
    /// The columns are those `patients import` reads. An existing file is replaced.
    Export {
        /// The CSV file to write.
        file: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct AddPatientArgs {
    /// Last name.
    #[arg(long)]
    pub last: String,
    /// First name.
    #[arg(long)]
    pub first: String,
    /// Middle name or initial.
    #[arg(long, default_value = "")]
    pub middle: String,
    /// Birth date (MM/DD/YYYY; YYYY-MM-DD also works).
    #[arg(long, value_name = "MM/DD/YYYY")]
    pub dob: String,
    /// Sex: F, M or U (unknown).
    #[arg(long, value_name = "F|M|U")]
    pub sex: String,
    /// Street address.
    #[arg(long, value_name = "TEXT")]
    pub address1: String,
    /// Apartment, suite, unit.
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub address2: String,
    /// City.
    #[arg(long)]
    pub city: String,
    /// State (two letters, e.g. TX).
    #[arg(long)]
    pub state: String,
    /// ZIP code: 12345 or 12345-6789.
    #[arg(long)]
    pub zip: String,
    /// Home phone, e.g. "(512) 555-0134".
    #[arg(long, value_name = "PHONE", default_value = "")]
    pub home_phone: String,
    /// Cell phone.
    #[arg(long, value_name = "PHONE", default_value = "")]
    pub cell_phone: String,
    /// E-mail address.
    #[arg(long, default_value = "")]
    pub email: String,
    /// Primary insurance: the payer's electronic payer ID or its name.
    #[arg(long, value_name = "ID-OR-NAME", requires = "member_id")]
    pub payer: Option<String>,
    /// Member ID as printed on the insurance card.
    #[arg(long, value_name = "ID", requires = "payer")]
    pub member_id: Option<String>,
    /// Group number from the card.
    #[arg(long, value_name = "NUMBER", requires = "payer")]
    pub group: Option<String>,
    /// First day the policy covers (MM/DD/YYYY); defaults to today.
    #[arg(long, value_name = "DATE", requires = "payer")]
    pub effective_from: Option<String>,
    /// Copay per visit, e.g. 25 or 25.00.
    #[arg(long, value_name = "AMOUNT", requires = "payer")]
    pub copay: Option<String>,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to look for (quote several words: "smith jo").
    pub query: String,
    /// Most patients to list.
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub limit: usize,
    /// Also list inactive patients.
    #[arg(long)]
    pub include_inactive: bool,
}

#[derive(Debug, Subcommand)]
pub enum FeesCommand {
    /// Import fee schedule entries from CSV; all rows or none.
    ///
    /// Columns: schedule ("standard" or blank for the practice's fee, else a payer ID or
    /// name), code, modifier, description, amount, effective_from, effective_to. A row with
    /// the same schedule, code, modifier and start date as an entry on file updates it; a
    /// later start date begins a new fee year. If any row is refused, each problem is
    /// listed (row, column, reason) and nothing is imported.
    Import {
        /// The CSV file to read.
        file: PathBuf,
    },
    /// Export every fee schedule entry to CSV (the columns `fees import` reads).
    ///
    /// An existing file is replaced.
    Export {
        /// The CSV file to write.
        file: PathBuf,
    },
}
