//! `claimdesk episodes list|save` and `claimdesk abn list|save|print`: Medicare chiropractic
//! care episodes (active care, then maintenance from maximum therapeutic improvement) and
//! Advance Beneficiary Notices (CMS-R-131), through the store.

use crate::failure::Failure;
use crate::output;
use crate::plans::money;
use claimdesk_core::chiro_care::{Abn, AbnOption, AbnService, CareEpisode, MAINTENANCE_REASON};
use claimdesk_core::validation::parse_date;
use claimdesk_store::{Store, StoreError};
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum EpisodesCommand {
    /// A patient's care episodes with the region, the phase of care today and the visits.
    List {
        /// The patient's account number.
        #[arg(long)]
        account: String,
    },
    /// Add a care episode, or change one (--id): the subluxation treated, the date the course
    /// began (box 14 / DTP*454 of its visits) and, once reached, maximum improvement.
    Save {
        /// The patient's account number.
        #[arg(long)]
        account: String,
        /// Change this episode instead of adding one.
        #[arg(long)]
        id: Option<i64>,
        /// The subluxation treated, M99.00-M99.09 (M99.03 = lumbar).
        #[arg(long)]
        subluxation: String,
        /// The first treatment of the course, MM/DD/YYYY.
        #[arg(long)]
        initiated: String,
        /// Maximum therapeutic improvement: maintenance care from this day, MM/DD/YYYY.
        #[arg(long)]
        maintenance_from: Option<String>,
        #[arg(long, default_value = "")]
        notes: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum AbnCommand {
    /// A patient's ABNs with where each stands today ("valid until 03/14/2027", "expired").
    List {
        /// The patient's account number.
        #[arg(long)]
        account: String,
    },
    /// Add an ABN, or change one (--id), e.g. to record the signature date and option.
    Save {
        /// The patient's account number.
        #[arg(long)]
        account: String,
        /// Change this ABN instead of adding one.
        #[arg(long)]
        id: Option<i64>,
        /// A service listed (blanks D and F): CODE:DESCRIPTION:ESTIMATED COST, e.g.
        /// "98941:Spinal manipulation, maintenance:45.00". Repeat for each.
        #[arg(long = "service", required = true)]
        services: Vec<String>,
        /// Why Medicare may not pay (blank E); the maintenance-care reason by default.
        #[arg(long)]
        reason: Option<String>,
        /// The day the patient signed (blank J), MM/DD/YYYY.
        #[arg(long, requires = "option")]
        signed: Option<String>,
        /// The option the patient checked (blank G): 1 bill Medicare, 2 do not bill, 3 declined.
        #[arg(long, value_parser = clap::value_parser!(u8).range(1..=3), requires = "signed")]
        option: Option<u8>,
        /// Additional information (blank H).
        #[arg(long, default_value = "")]
        additional_info: String,
    },
    /// Print an ABN (CMS-R-131) to a PDF.
    Print {
        /// The ABN's id (from `abn list`).
        id: i64,
        #[arg(long)]
        out: std::path::PathBuf,
    },
}

fn date(field: &str, label: &str, text: &str) -> Result<chrono::NaiveDate, StoreError> {
    parse_date(label, text).map_err(|m| StoreError::invalid(field, m))
}

/// "CODE:DESCRIPTION:COST" (the description may hold colons: the cost is after the last).
fn service(i: usize, text: &str) -> Result<AbnService, StoreError> {
    let field = format!("services[{i}]");
    let (head, cost) = text.rsplit_once(':').ok_or_else(|| {
        StoreError::invalid(
            &field,
            format!("{text:?} is not CODE:DESCRIPTION:COST (e.g. 98941:Spinal manipulation:45.00)"),
        )
    })?;
    let (code, description) = head.split_once(':').unwrap_or((head, ""));
    Ok(AbnService {
        code: code.trim().to_string(),
        description: description.trim().to_string(),
        estimated_cost: money(&format!("{field}.estimated_cost"), "Estimated cost", cost.trim())?,
    })
}

pub fn episodes(store: &mut Store, command: &EpisodesCommand, json: bool) -> Result<(), Failure> {
    match command {
        EpisodesCommand::List { account } => {
            let patient = store.get_patient_by_account(account)?;
            let list = store.care_episodes_for_patient(patient.id.unwrap_or(0), store.today())?;
            if json {
                output::json(&list);
            } else if list.is_empty() {
                outln!("No care episodes for account {account}");
            } else {
                for v in &list {
                    let e = &v.episode;
                    let started = e.initiation_date.map(|d| d.format("%m/%d/%Y").to_string()).unwrap_or_default();
                    let mmi = e.maintenance_from.map_or("-".to_string(), |d| d.format("%m/%d/%Y").to_string());
                    outln!(
                        "{:>5}  {} {}  began {}  maintenance from {}  {} today  {} visits",
                        e.id.unwrap_or(0),
                        e.subluxation,
                        v.region,
                        started,
                        mmi,
                        v.phase_today.label(),
                        v.visit_count
                    );
                }
            }
        }
        EpisodesCommand::Save { account, id, subluxation, initiated, maintenance_from, notes } => {
            let patient = store.get_patient_by_account(account)?;
            let episode = CareEpisode {
                id: *id,
                patient_id: patient.id.unwrap_or(0),
                subluxation: subluxation.clone(),
                initiation_date: Some(date("initiation_date", "Initiation date", initiated)?),
                maintenance_from: maintenance_from
                    .as_deref()
                    .map(|t| date("maintenance_from", "Maintenance from", t))
                    .transpose()?,
                notes: notes.clone(),
            };
            let saved = store.save_care_episode(&episode)?;
            if json {
                output::json(&saved);
            } else {
                outln!(
                    "Care episode {} saved: {} ({}), {} today",
                    saved.id.unwrap_or(0),
                    saved.subluxation,
                    saved.region().unwrap_or_default(),
                    saved.phase_on(store.today()).label()
                );
            }
        }
    }
    Ok(())
}

pub fn abn(store: &mut Store, command: &AbnCommand, json: bool) -> Result<(), Failure> {
    match command {
        AbnCommand::List { account } => {
            let patient = store.get_patient_by_account(account)?;
            let list = store.abns_for_patient(patient.id.unwrap_or(0), store.today())?;
            if json {
                output::json(&list);
            } else if list.is_empty() {
                outln!("No ABNs for account {account}");
            } else {
                for v in &list {
                    let a = &v.abn;
                    let signed = a.signed_on.map_or("not signed".to_string(), |d| d.format("%m/%d/%Y").to_string());
                    let codes: Vec<&str> = a.services.iter().map(|s| s.code.as_str()).collect();
                    outln!("{:>5}  signed {}  {}  {}", a.id.unwrap_or(0), signed, v.status_label, codes.join(", "));
                }
            }
        }
        AbnCommand::Save { account, id, services, reason, signed, option, additional_info } => {
            let patient = store.get_patient_by_account(account)?;
            let abn = Abn {
                id: *id,
                patient_id: patient.id.unwrap_or(0),
                signed_on: signed.as_deref().map(|t| date("signed_on", "Signed", t)).transpose()?,
                option: option.and_then(AbnOption::from_number),
                reason: reason.clone().unwrap_or_else(|| MAINTENANCE_REASON.to_string()),
                services: services.iter().enumerate().map(|(i, t)| service(i, t)).collect::<Result<_, _>>()?,
                additional_info: additional_info.clone(),
            };
            let saved = store.save_abn(&abn)?;
            if json {
                output::json(&saved);
            } else {
                let status = saved.status_on(store.today()).label();
                outln!("ABN {} saved for account {account}: {status}", saved.id.unwrap_or(0));
            }
        }
        AbnCommand::Print { id, out } => {
            let printed = claimdesk_jobs::print_abn(store, *id, &out.display().to_string())?;
            if json {
                output::json(&printed);
            } else {
                outln!("{} printed to {} ({} bytes)", printed.title, printed.path, printed.bytes);
            }
        }
    }
    Ok(())
}
