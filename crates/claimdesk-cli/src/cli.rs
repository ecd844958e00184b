//! The command line, as clap reads it. Every argument's help text is here.

use claimdesk_core::claims::ClaimStatus;
use clap::{ArgGroup, Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const EXIT_CODES: &str = "\
Exit status:
  0  done
  1  refused: a message on stderr names each field and why; nothing in the file changed
     (also when another ClaimDesk program is changing the file: --wait SECONDS waits for it)
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

    /// Log in to the practice file as this user. The password comes from --password-file,
    /// else the CLAIMDESK_PASSWORD environment variable, else a prompt on the terminal.
    #[arg(long, value_name = "LOGIN", env = "CLAIMDESK_USER", global = true)]
    pub user: Option<String>,

    /// Read the password from the first line of this file (keep it readable by you only).
    #[arg(long, value_name = "PATH", global = true)]
    pub password_file: Option<PathBuf>,

    /// When another ClaimDesk program (the app, or another command) is changing the practice
    /// file, wait up to this many seconds for it to finish instead of refusing at once.
    /// Look-ups never wait.
    #[arg(long, value_name = "SECONDS", env = "CLAIMDESK_WAIT", default_value_t = 0, global = true)]
    pub wait: u64,

    /// The subcommand's name ("payments post"), set after parsing: the holder file beside the
    /// practice file names it while this command holds the file.
    #[arg(skip)]
    pub command_name: String,

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

    /// Enter visits (charges): diagnoses and procedures, optionally billed at once.
    #[command(subcommand)]
    Visits(VisitsCommand),

    /// List, scrub, print and export (837P) claims; print the printer calibration page.
    #[command(subcommand)]
    Claims(ClaimsCommand),

    /// Take payments from patients and guarantors.
    #[command(subcommand)]
    Payments(PaymentsCommand),

    /// Import 835 remittance files: preview what will post, then post it.
    #[command(subcommand)]
    Era(EraCommand),

    /// Show or set the clearinghouse electronic claims (837P files) are addressed to.
    #[command(subcommand)]
    Clearinghouse(ClearinghouseCommand),

    /// Patient statements: run a batch (one statement per guarantor) or reprint one.
    #[command(subcommand)]
    Statements(crate::statements::StatementsCommand),

    /// Injury cases (auto PIP/MedPay, workers' compensation, attorney): add, list, show the
    /// balance and MedPay left, print the attorney statement or lien letter, post a settlement.
    #[command(subcommand)]
    Cases(crate::cases::CasesCommand),

    /// Payment plans: create one, list running (or delinquent) plans, show a schedule.
    #[command(subcommand)]
    Plans(crate::plans::PlansCommand),

    /// Medicare chiropractic care episodes: the subluxation treated, when the course began,
    /// when maintenance care began.
    #[command(subcommand)]
    Episodes(crate::care::EpisodesCommand),

    /// Advance Beneficiary Notices (CMS-R-131): list a patient's, record one, print one.
    #[command(subcommand)]
    Abn(crate::care::AbnCommand),

    /// The collections worklist (accounts with no payment in N days); send an account to an
    /// agency or take it back.
    #[command(subcommand)]
    Collections(crate::collections::CollectionsCommand),

    /// Show or change what remittance posting does with OA and PI adjustments.
    PostingRules(crate::collections::PostingRulesArgs),

    /// Prepaid care packages: sell one, draw a visit on it, list a patient's.
    #[command(subcommand)]
    Packages(crate::packages::PackagesCommand),

    /// The practice's prompt-pay discount: show or set it, or take a visit's payment with it.
    #[command(subcommand)]
    PromptPay(crate::packages::PromptPayCommand),

    /// Practice reports: AR aging, day sheet, deposits, denials, plans, productivity, underpaid
    /// lines. A table on stdout; --csv for CSV on stdout, --pdf FILE for a PDF, --json.
    #[command(subcommand)]
    Reports(crate::reports::ReportsCommand),

    /// Check the practice file's integrity: SQLite's own check, every reference, and the
    /// audit trail's hash chain (naming the first entry that was changed, inserted or deleted).
    Check,

    /// Create the first administrator of a practice file that has no users yet (a file made
    /// before logins). Their password comes from --password-file, CLAIMDESK_PASSWORD or a
    /// prompt; at least 12 characters.
    AdminCreate(crate::users::AdminCreateArgs),

    /// Every administrator password forgotten: open the encrypted file with the recovery key
    /// from its recovery sheet (CLAIMDESK_RECOVERY_KEY or a prompt) and set an administrator's
    /// new password (CLAIMDESK_NEW_PASSWORD, --new-password-file or a prompt).
    Recover(crate::users::RecoverArgs),

    /// Users of the practice file: list, add, reset a password, deactivate, change your own.
    #[command(subcommand)]
    Users(crate::users::UsersCommand),

    /// The audit trail: who did what, when, from where, to which record.
    #[command(subcommand)]
    Audit(crate::users::AuditCommand),

    /// Back up the practice file: a consistent copy, verified (it opens, passes the integrity
    /// check and the audit chain, and holds the same rows), then rotated (7 daily, 4 weekly,
    /// 12 monthly by default).
    Backup(crate::backups::BackupArgs),

    /// Backups: list a folder's, verify one, a restore drill, the backup settings.
    #[command(subcommand)]
    Backups(crate::backups::BackupsCommand),

    /// Restore the practice file from a backup: verified first (nothing changes when it
    /// fails); the file it replaces is kept aside as `<file>.before-restore-<time>`.
    Restore(crate::backups::RestoreArgs),
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
    /// Visits over the last 120 days (0 = none). Most are billed, with claims in every
    /// status; the newest few wait in the unbilled queue.
    #[arg(long, value_name = "N", default_value_t = claimdesk_demo::DEFAULT_VISITS)]
    pub visits: usize,
    /// Billing history only: no patient payments, past statement runs, payment plans or
    /// collections on the accounts.
    #[arg(long)]
    pub no_accounts: bool,
    /// A big practice fast: two years of billing history with this many service lines,
    /// written in bulk (claims, remittances, patient payments already posted) instead of
    /// --visits through charge entry. For trying the app and its lists at practice scale.
    #[arg(long, value_name = "N", conflicts_with_all = ["visits", "no_accounts", "specialty"])]
    pub history_lines: Option<usize>,
    /// Leave the file unencrypted (demo files are encrypted like real ones): for benchmarks
    /// that compare the two. Never for real patients.
    #[arg(long)]
    pub unencrypted: bool,
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

    /// Put a patient's statements on hold (with a reason), or release the hold.
    Hold {
        /// The patient's account number.
        account: String,
        /// Why no statements go out for now.
        #[arg(long, required_unless_present = "release", conflicts_with = "release")]
        reason: Option<String>,
        /// Release the hold: statements go out again.
        #[arg(long)]
        release: bool,
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
    /// Street address. The address may be left out entirely when it is not known yet (a
    /// newborn, an emergency visit): claims and mailed statements wait until it is added.
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub address1: String,
    /// Apartment, suite, unit.
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub address2: String,
    /// City.
    #[arg(long, default_value = "")]
    pub city: String,
    /// State (two letters, e.g. TX).
    #[arg(long, default_value = "")]
    pub state: String,
    /// ZIP code: 12345 or 12345-6789.
    #[arg(long, default_value = "")]
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
    /// On a Medicare policy that pays second: why another plan pays first (Medicare secondary
    /// payer type, 837P SBR05): 12 working aged, 13 ESRD, 14 no-fault, 15 workers' comp, 16
    /// federal agency, 41 black lung, 42 VA, 43 disabled large group plan, 47 other liability.
    #[arg(long, value_name = "CODE", requires = "payer")]
    pub msp_type: Option<String>,
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

#[derive(Debug, Subcommand)]
pub enum PaymentsCommand {
    /// Post a payment from a patient or guarantor: applied to the account's oldest open
    /// balances (or to --visit), the rest kept as a credit; --copay holds it for a visit at
    /// check-in. Prints the receipt.
    Post {
        /// The account paid on (the guarantor's account number).
        #[arg(long)]
        account: String,
        /// Amount, e.g. 40.00.
        #[arg(long)]
        amount: String,
        #[arg(long, value_enum)]
        method: MethodArg,
        /// Check number, or the card's last four digits (never a card number).
        #[arg(long, default_value = "")]
        reference: String,
        /// Apply only to these visits (ids), oldest first.
        #[arg(long = "visit")]
        visits: Vec<i64>,
        /// A copay at check-in, held for the visit (with --visit, the first one).
        #[arg(long)]
        copay: bool,
        /// Date received, MM/DD/YYYY (default today).
        #[arg(long)]
        date: Option<String>,
        /// Also print the receipt to this PDF file.
        #[arg(long)]
        receipt: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum MethodArg {
    Cash,
    Check,
    Card,
    Agency,
    Other,
}

#[derive(Debug, Subcommand)]
pub enum VisitsCommand {
    /// Enter a visit: date, provider, diagnoses (box 21) and service lines (box 24).
    ///
    /// Each --line is CODE[:MODIFIERS][:POINTERS][:UNITS][:CHARGE]:
    ///   CODE       CPT or HCPCS code, e.g. 99213 or G0439
    ///   MODIFIERS  up to 4, comma-separated (25,59), or - for none
    ///   POINTERS   diagnosis letters A-L, primary first (AB); default A
    ///   UNITS      whole number, default 1
    ///   CHARGE     e.g. 135.00; default: the standard fee in force on the date of service
    ///              times the units. A charge that differs from the fee needs --charge-reason.
    ///
    /// Example: --dx J02.0,I10 --line "99213:25:AB:1" --line "87880::A"
    ///
    /// With --bill the primary claim is built and scrubbed at once and its findings listed
    /// (the visit, the claim and the scrub are saved together, or none of them). Prints the
    /// visit id, and the claim's control number with --bill.
    #[command(verbatim_doc_comment)]
    Add(Box<AddVisitArgs>),
    /// Void a visit entered by mistake: its charges are reversed, its claims not yet sent are
    /// closed, and it no longer counts against visit limits. Refused once a claim was sent.
    Void {
        /// The visit's id (printed by `visits add`).
        #[arg(long)]
        visit: i64,
        /// Why it is voided (kept with the visit and in the audit trail).
        #[arg(long)]
        reason: String,
    },
    /// Patients near their plan's visit limit or the end of an authorization: two visits or
    /// fewer left, or an authorization ending within two weeks.
    NearLimit {
        /// As of this day (MM/DD/YYYY); default today.
        #[arg(long, value_name = "MM/DD/YYYY")]
        date: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct AddVisitArgs {
    /// The patient's account number.
    #[arg(long)]
    pub account: String,
    /// Date of service (MM/DD/YYYY; YYYY-MM-DD also works).
    #[arg(long, value_name = "MM/DD/YYYY")]
    pub date: String,
    /// The rendering provider's NPI.
    #[arg(long, value_name = "NPI")]
    pub provider: String,
    /// The referring provider's NPI (box 17).
    #[arg(long, value_name = "NPI")]
    pub referring: Option<String>,
    /// Place of service (box 24B): 11 office, 12 home, 22 outpatient hospital ...
    #[arg(long, value_name = "CODE", default_value = "11")]
    pub pos: String,
    /// Diagnoses (ICD-10-CM), comma-separated, in order A-L; the first is the principal one.
    #[arg(long, value_name = "CODES", required = true, value_delimiter = ',')]
    pub dx: Vec<String>,
    /// A service line: CODE[:MODIFIERS][:POINTERS][:UNITS][:CHARGE] (repeat for more lines).
    #[arg(long = "line", value_name = "LINE", required = true)]
    pub lines: Vec<String>,
    /// Why a typed charge differs from the fee schedule (applies to every such line).
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub charge_reason: String,
    /// A Medicaid EPSDT screening, with its referral code (box 24H, CRC*ZZ): NU no referral,
    /// AV referral refused, S2 under treatment, ST new services requested.
    #[arg(long, value_name = "CODE")]
    pub epsdt: Option<String>,
    /// The injury case the visit belongs to (from `cases list`): box 10 and the claim's
    /// carrier follow the case.
    #[arg(long = "case", value_name = "ID")]
    pub case: Option<i64>,
    /// Also build the primary claim and scrub it.
    #[arg(long)]
    pub bill: bool,
}

/// Which claims `claims list` shows.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum QueueArg {
    /// Scrubbed clean, waiting to be printed or sent.
    Ready,
    /// Stopped by the scrubber: fix them on the visit.
    Errors,
    /// Submitted and unanswered after --days days.
    NoResponse,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormArg {
    /// Data only, for pre-printed red CMS-1500 forms.
    Red,
    /// The form drawn with the data, on plain paper.
    Full,
}

fn claim_status(text: &str) -> Result<ClaimStatus, String> {
    let wanted = text.trim().to_ascii_lowercase().replace('-', "_");
    ClaimStatus::parse(&wanted).ok_or_else(|| {
        let all: Vec<&str> = ClaimStatus::ALL.iter().map(|s| s.as_str()).collect();
        format!("unknown status {text:?}; one of {}", all.join(", "))
    })
}

#[derive(Debug, Subcommand)]
pub enum ClaimsCommand {
    /// Apply a 999 or 277CA acknowledgement file: claims accepted by the payer, or rejected
    /// with the reasons (their history keeps them), so they can be fixed and sent again. The
    /// file is told by its transaction set; a 999 under 005010X231A1 or 005010X231 is read.
    Ack {
        /// The 999 or 277CA file.
        file: std::path::PathBuf,
    },

    /// List claims: all of them, one status, or a work queue (oldest date of service first).
    ///
    /// With --json: {"claims": [...]}, each with id, control_number, account_number,
    /// patient_name, payer, payer_rank, service_date, status, frequency, charge,
    /// insurance_paid, patient_responsibility, adjustments, balance, scrub_errors,
    /// scrub_warnings, submitted_at.
    List(ListClaimsArgs),

    /// Run the scrubber on claims and list what it finds (box, field, rule, message).
    ///
    /// A clean draft becomes ready to send; a ready claim with problems goes back to
    /// draft. Exits 0 even when problems are found (it is a report) unless --strict.
    #[command(group(ArgGroup::new("which").required(true).args(["ids", "all_drafts"])))]
    Scrub(ScrubArgs),

    /// Print claims on CMS-1500 forms into one PDF.
    ///
    /// Without --reprint the batch goes to payers: every claim must be ready to send, and
    /// all of them are marked submitted (one batch) once the PDF is written; if one is not
    /// ready nothing is printed or marked. With --reprint any claim prints and nothing is
    /// recorded. A progress bar is shown on stderr when it is a terminal.
    #[command(group(ArgGroup::new("which").required(true).args(["ids", "ready"])))]
    Print(PrintArgs),

    /// Print the alignment page for pre-printed forms, with the printer's saved offsets.
    Calibration(CalibrationArgs),

    /// Write claims into one 837P file (005010X222A1) for the clearinghouse.
    ///
    /// Without --resend the batch goes to payers: every claim must be ready to send, and all
    /// of them are marked submitted (one batch, tied to the file's interchange control
    /// number) once the file is written; if one is refused nothing is written or marked.
    /// With --resend any claim is written again and no status changes. Every file takes new
    /// control numbers (ISA13, GS06, ST02), never used before.
    ///
    /// A secondary claim carries the primary's adjudication (loops 2320/2430) from the posted
    /// remittance; one whose primary payment is not posted yet is refused (--ready leaves it
    /// out and says so). Every payer needs its electronic payer ID. A progress bar is shown on
    /// stderr when it is a terminal.
    #[command(name = "export-837", group(ArgGroup::new("which").required(true).args(["ids", "ready"])))]
    Export837(ExportArgs),
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Claim ids (as `claims list` shows them), written in this order.
    #[arg(value_name = "ID")]
    pub ids: Vec<i64>,
    /// Every claim that is ready to send (secondaries once the primary's payment is posted).
    #[arg(long)]
    pub ready: bool,
    /// The 837P file to write (replaced if it exists).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// The clearinghouse id (default: the default clearinghouse; see `clearinghouse show`).
    #[arg(long, value_name = "ID")]
    pub clearinghouse: Option<i64>,
    /// Write the claims again without sending: any status, no status change (new control numbers).
    #[arg(long)]
    pub resend: bool,
}

#[derive(Debug, Subcommand)]
pub enum EraCommand {
    /// Post an 835 remittance file: payments, write-offs and patient responsibility per
    /// service line, denials to the denial queue, secondary claims built where a balance
    /// remains. The whole file posts in one transaction; the same payer + trace number never
    /// posts twice; claims that cannot be matched or do not balance are listed as exceptions.
    ///
    /// With --dry-run, shows exactly what would post and changes nothing.
    Import {
        /// The 835 file.
        file: std::path::PathBuf,
        /// Show what would post; change nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ClearinghouseCommand {
    /// Show the default clearinghouse (or --id), with its submitter and ISA addressing.
    Show {
        /// A clearinghouse id instead of the default one.
        #[arg(long, value_name = "ID")]
        id: Option<i64>,
    },
    /// Create the default clearinghouse, or change the fields given on the default one.
    ///
    /// Creating one needs every field except the qualifiers (default ZZ). IDs are letters
    /// and digits as the clearinghouse assigned them (the ISA sender and receiver IDs at most
    /// 15). New clearinghouses are in test mode (ISA15 T) until --production.
    Set(Box<SetClearinghouseArgs>),
}

#[derive(Debug, Args)]
pub struct SetClearinghouseArgs {
    /// What you call it ("Office Ally").
    #[arg(long)]
    pub name: Option<String>,
    /// 1000A submitter name: the practice or billing service as enrolled.
    #[arg(long, value_name = "NAME")]
    pub submitter_name: Option<String>,
    /// 1000A submitter ID (ETIN) the clearinghouse assigned.
    #[arg(long, value_name = "ID")]
    pub submitter_id: Option<String>,
    /// The submitter's contact person.
    #[arg(long, value_name = "NAME")]
    pub contact_name: Option<String>,
    /// The contact's phone, e.g. "(512) 555-0100".
    #[arg(long, value_name = "PHONE")]
    pub contact_phone: Option<String>,
    /// 1000B receiver name (the clearinghouse).
    #[arg(long, value_name = "NAME")]
    pub receiver_name: Option<String>,
    /// 1000B receiver ID.
    #[arg(long, value_name = "ID")]
    pub receiver_id: Option<String>,
    /// ISA05: the sender ID's qualifier (ZZ mutually defined, 30 tax ID, 01 DUNS ...).
    #[arg(long, value_name = "QUAL")]
    pub sender_qualifier: Option<String>,
    /// ISA06: the interchange sender ID.
    #[arg(long, value_name = "ID")]
    pub sender_id: Option<String>,
    /// ISA07: the receiver ID's qualifier.
    #[arg(long, value_name = "QUAL")]
    pub receiver_qualifier: Option<String>,
    /// ISA08: the interchange receiver ID.
    #[arg(long, value_name = "ID")]
    pub interchange_receiver_id: Option<String>,
    /// Send production files (ISA15 P).
    #[arg(long, conflicts_with = "test")]
    pub production: bool,
    /// Send test files (ISA15 T).
    #[arg(long)]
    pub test: bool,
}

#[derive(Debug, Args)]
pub struct ListClaimsArgs {
    /// Only claims in this status: draft, ready, submitted, accepted, rejected, paid,
    /// partially_paid, denied, appealed, closed.
    #[arg(long, value_name = "STATUS", value_parser = claim_status, conflicts_with_all = ["queue", "all"])]
    pub status: Option<ClaimStatus>,
    /// A work queue instead of a status.
    #[arg(long, value_enum, conflicts_with = "all")]
    pub queue: Option<QueueArg>,
    /// For --queue no-response: days since submission without an answer.
    #[arg(long, value_name = "N", default_value_t = 30, requires = "queue")]
    pub days: i64,
    /// Every claim (the default).
    #[arg(long)]
    pub all: bool,
    /// Claims whose claim number starts with this, or of the patients it finds (name,
    /// account number, birth date, phone, member ID, as `patients search` takes them).
    #[arg(long, value_name = "TEXT", visible_aliases = ["patient", "number"])]
    pub search: Option<String>,
    /// Claims to one payer: its id (`payers list`) or its name, or the first letters of it.
    #[arg(long, value_name = "PAYER")]
    pub payer: Option<String>,
    /// Dates of service from this day (MM/DD/YYYY or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Dates of service up to this day, included.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// One page of this many claims (at most 500) instead of every matching claim.
    #[arg(long, value_name = "N")]
    pub limit: Option<u32>,
    /// Which page of --limit claims (1 = the newest).
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
    pub page: u32,
}

#[derive(Debug, Args)]
pub struct ScrubArgs {
    /// Claim ids (as `claims list` shows them).
    #[arg(value_name = "ID")]
    pub ids: Vec<i64>,
    /// Scrub every draft claim.
    #[arg(long)]
    pub all_drafts: bool,
    /// Exit 1 if any scrubbed claim still has an error.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct PrintArgs {
    /// Claim ids (as `claims list` shows them), printed in this order.
    #[arg(value_name = "ID")]
    pub ids: Vec<i64>,
    /// Print every claim that is ready to send.
    #[arg(long)]
    pub ready: bool,
    /// Which form: red (pre-printed forms) or full (plain paper).
    #[arg(long, value_enum)]
    pub form: FormArg,
    /// The PDF file to write (replaced if it exists).
    #[arg(long, value_name = "FILE.pdf")]
    pub out: PathBuf,
    /// Print again without sending: any status, nothing is recorded.
    #[arg(long)]
    pub reprint: bool,
    /// The printer profile whose offsets to apply (default: the default printer).
    #[arg(long, value_name = "NAME")]
    pub printer: Option<String>,
}

#[derive(Debug, Args)]
pub struct CalibrationArgs {
    /// The PDF file to write (replaced if it exists).
    #[arg(long, value_name = "FILE.pdf")]
    pub out: PathBuf,
    /// Which form: red (pre-printed forms) or full (plain paper).
    #[arg(long, value_enum, default_value = "red")]
    pub form: FormArg,
    /// The printer profile whose offsets to apply (default: the default printer).
    #[arg(long, value_name = "NAME")]
    pub printer: Option<String>,
}
