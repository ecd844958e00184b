//! `patients add|search|show|import|export`.

use crate::cli::{AddPatientArgs, PatientsCommand, SearchArgs};
use crate::failure::Failure;
use crate::{fees, output};
use claimdesk_core::validation::parse_date;
use claimdesk_core::{Address, FieldError, Invalid, Money, Patient, Policy, Relationship, Responsible, Sex};
use claimdesk_store::{Actor, ImportReport, SearchOptions, Store, StoreError};
use serde::Serialize;
use std::path::Path;

pub fn run(store: &mut Store, actor: &Actor, command: &PatientsCommand, json: bool) -> Result<(), Failure> {
    match command {
        PatientsCommand::Add(args) => add(store, actor, args, json),
        PatientsCommand::Search(args) => search(store, args, json),
        PatientsCommand::Show { account } => {
            let found = store.get_patient_by_account(account)?;
            let patient = store.view_patient(found.id.expect("a stored patient has an id"))?;
            if json {
                output::json(&patient);
            } else {
                out!("{}", output::patient_card(&patient, store.today()));
            }
            Ok(())
        }
        PatientsCommand::Import { file } => {
            let report = claimdesk_jobs::csv_files::import_patients_csv(store, file)?;
            finish_import(report, file, "patients", json)
        }
        PatientsCommand::Hold { account, reason, release } => {
            crate::statements::hold(store, account, reason.as_deref(), *release, json)
        }
        PatientsCommand::Export { file } => {
            let rows = claimdesk_jobs::csv_files::export_patients_csv(store, file)?;
            fees::exported(rows, file, "patients", json);
            Ok(())
        }
    }
}

/// Prints what an import did; refused rows make the command fail (nothing was imported).
pub fn finish_import(report: ImportReport, file: &Path, what: &str, json: bool) -> Result<(), Failure> {
    if json {
        output::json(&report);
    }
    if !report.rejected.is_empty() {
        return Err(Failure::ImportRefused(report));
    }
    if !json {
        outln!("Imported {} {what} from {} ({} unchanged)", report.imported, file.display(), report.unchanged);
    }
    Ok(())
}

/// What was typed on the command line that could not even be read (a date, an amount, a
/// payer), reported with the same field paths the store uses.
#[derive(Default)]
struct Unreadable(Vec<FieldError>);

impl Unreadable {
    fn add(&mut self, field: &str, message: String) {
        self.0.push(FieldError { field: field.into(), message });
    }
}

fn primary_policy(store: &Store, args: &AddPatientArgs, problems: &mut Unreadable) -> Option<Policy> {
    let payer_key = args.payer.as_deref()?;
    let payer_id = match store.find_payer(payer_key) {
        Ok(Some(payer)) => payer.id.unwrap_or_default(),
        _ => {
            problems.add("policies[0].payer_id", format!("No payer has the payer ID or name {payer_key:?}"));
            0
        }
    };
    let effective_from = match args.effective_from.as_deref() {
        None => Some(store.today()),
        Some(text) => {
            parse_date("Effective date", text).map_err(|m| problems.add("policies[0].effective_from", m)).ok()
        }
    };
    let copay = match args.copay.as_deref() {
        None => Money::ZERO,
        Some(text) => Money::parse(text).unwrap_or_else(|e| {
            problems.add("policies[0].copay", format!("Copay {text:?} {e}"));
            Money::ZERO
        }),
    };
    Some(Policy {
        id: None,
        payer_id,
        payer_name: String::new(),
        member_id: args.member_id.clone().unwrap_or_default(),
        group_number: args.group.clone().unwrap_or_default(),
        group_name: String::new(),
        subscriber: Responsible::Itself,
        relationship: Relationship::Itself,
        effective_from,
        effective_to: None,
        copay,
        eligibility: Vec::new(),
        msp_type: args.msp_type.clone().unwrap_or_default(),
        limits: Default::default(),
    })
}

/// The registration as typed, and what could not be read from it.
fn registration(store: &Store, args: &AddPatientArgs) -> (Patient, Unreadable) {
    let mut problems = Unreadable::default();
    let birth_date = parse_date("Birth date", &args.dob).map_err(|m| problems.add("birth_date", m)).ok();
    let sex = Sex::parse(&args.sex).unwrap_or_else(|| {
        problems.add("sex", format!("Sex {:?} must be F, M or U", args.sex));
        Sex::U
    });
    let policies = primary_policy(store, args, &mut problems).into_iter().collect();
    let patient = Patient {
        id: None,
        account_number: String::new(),
        last_name: args.last.clone(),
        first_name: args.first.clone(),
        middle_name: args.middle.clone(),
        suffix: String::new(),
        birth_date,
        sex,
        address: Address {
            line1: args.address1.clone(),
            line2: args.address2.clone(),
            city: args.city.clone(),
            state: args.state.clone(),
            zip: args.zip.clone(),
        },
        home_phone: args.home_phone.clone(),
        cell_phone: args.cell_phone.clone(),
        email: args.email.clone(),
        guarantor: Responsible::Itself,
        guarantor_relationship: Relationship::Itself,
        policies,
        active: true,
        inactive_reason: String::new(),
    };
    (patient, problems)
}

fn add(store: &mut Store, actor: &Actor, args: &AddPatientArgs, json: bool) -> Result<(), Failure> {
    let (patient, unreadable) = registration(store, args);
    if !unreadable.0.is_empty() {
        // Report everything wrong at once: the unreadable values and the record's other problems.
        let mut fields = unreadable.0;
        if let Err(Invalid(more)) = patient.validated(store.today()) {
            let more: Vec<FieldError> =
                more.into_iter().filter(|m| !fields.iter().any(|f| f.field == m.field)).collect();
            fields.extend(more);
        }
        return Err(StoreError::Invalid(Invalid(fields)).into());
    }
    let saved = store.save_patient(&patient, actor)?;
    if json {
        output::json(&saved);
    } else {
        outln!("Registered {} as account {}\n", saved.display_name(), saved.account_number);
        out!("{}", output::patient_card(&saved, store.today()));
    }
    Ok(())
}

#[derive(Serialize)]
struct SearchResults {
    results: Vec<claimdesk_core::PatientSummary>,
}

fn search(store: &Store, args: &SearchArgs, json: bool) -> Result<(), Failure> {
    let options = SearchOptions { limit: args.limit, include_inactive: args.include_inactive };
    let results = store.search_patients(&args.query, &options)?;
    if json {
        output::json(&SearchResults { results });
        return Ok(());
    }
    if results.is_empty() {
        outln!("No patients found");
        return Ok(());
    }
    out!("{}", output::search_results(&results, args.include_inactive));
    if results.len() >= args.limit {
        outln!("\nShowing the first {}; type more to narrow the search, or use --limit", results.len());
    } else {
        outln!("\n{} found", results.len());
    }
    Ok(())
}
