//! Registering patients: demographics, guarantor and insurance policies in billing order.

use super::audit::{AuditNote, Record};
use crate::error::{Result, StoreError};
use crate::{now_utc, rows, Actor, Store, Tx};
use claimdesk_core::patients::{display_name, EligibilityStatus};
use claimdesk_core::{Address, EligibilityCheck, Invalid, Patient, Person, Policy, Responsible};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::search;

/// How the patient search behaves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SearchOptions {
    pub limit: usize,
    pub include_inactive: bool,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions { limit: 50, include_inactive: false }
    }
}

const COLUMNS: &str = "id, account_number, last_name, first_name, middle_name, suffix, birth_date, sex,
    address_line1, address_line2, city, state, zip, home_phone, cell_phone, email,
    guarantor_patient_id, guarantor_party_id, guarantor_relationship, active, inactive_reason";

/// A patient row with the guarantor still as raw ids.
struct PatientRow {
    patient: Patient,
    guarantor_patient_id: Option<i64>,
    guarantor_party_id: Option<i64>,
}

fn from_row(r: &Row) -> rusqlite::Result<PatientRow> {
    Ok(PatientRow {
        patient: Patient {
            id: Some(r.get(0)?),
            account_number: r.get(1)?,
            last_name: r.get(2)?,
            first_name: r.get(3)?,
            middle_name: r.get(4)?,
            suffix: r.get(5)?,
            birth_date: Some(r.get(6)?),
            sex: rows::sex(r, 7)?,
            address: rows::address(r, 8)?,
            home_phone: r.get(13)?,
            cell_phone: r.get(14)?,
            email: r.get(15)?,
            guarantor: Responsible::Itself,
            guarantor_relationship: rows::relationship(r, 18)?,
            policies: Vec::new(),
            active: rows::flag(r, 19)?,
            inactive_reason: r.get(20)?,
        },
        guarantor_patient_id: r.get(16)?,
        guarantor_party_id: r.get(17)?,
    })
}

fn party(conn: &Connection, id: i64) -> Result<Person> {
    conn.prepare_cached("SELECT id, last_name, first_name, middle_name, birth_date, sex, address_line1, address_line2, city, state, zip, phone
         FROM responsible_parties WHERE id = ?1")?.query_row(
        [id],
        |r| {
            Ok(Person {
                id: Some(r.get(0)?),
                last_name: r.get(1)?,
                first_name: r.get(2)?,
                middle_name: r.get(3)?,
                birth_date: r.get(4)?,
                sex: rows::sex(r, 5)?,
                address: rows::address(r, 6)?,
                phone: r.get(11)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| StoreError::Corrupt(format!("responsible party {id} is missing")))
}

pub(crate) fn patient_name(conn: &Connection, id: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT last_name, first_name, middle_name FROM patients WHERE id = ?1")?
        .query_row([id], |r| {
            Ok(display_name(&r.get::<_, String>(0)?, &r.get::<_, String>(1)?, &r.get::<_, String>(2)?))
        })
        .optional()?)
}

fn responsible(conn: &Connection, patient_id: Option<i64>, party_id: Option<i64>) -> Result<Responsible> {
    match (patient_id, party_id) {
        (None, None) => Ok(Responsible::Itself),
        (Some(id), None) => {
            let name =
                patient_name(conn, id)?.ok_or_else(|| StoreError::Corrupt(format!("patient {id} is missing")))?;
            Ok(Responsible::Patient { patient_id: id, name })
        }
        (None, Some(id)) => Ok(Responsible::Person { person: party(conn, id)? }),
        (Some(_), Some(_)) => Err(StoreError::Corrupt("a role refers to two people".into())),
    }
}

fn eligibility(conn: &Connection, policy_id: i64) -> Result<Vec<EligibilityCheck>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, checked_on, status, note FROM eligibility_checks WHERE policy_id = ?1 ORDER BY checked_on DESC, id DESC",
    )?;
    let list = stmt
        .query_map([policy_id], |r| {
            let status: String = r.get(2)?;
            Ok((r.get(0)?, r.get(1)?, status, r.get(3)?))
        })?
        .map(|row| {
            let (id, checked_on, status, note): (i64, chrono::NaiveDate, String, String) = row?;
            let status = EligibilityStatus::parse(&status)
                .ok_or_else(|| StoreError::Corrupt(format!("eligibility status {status:?}")))?;
            Ok(EligibilityCheck { id: Some(id), checked_on: Some(checked_on), status, note })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(list)
}

/// Policies matching `condition` (over `p`, the policies table) with `key` as ?1.
fn read_policies(conn: &Connection, condition: &str, key: i64) -> Result<Vec<Policy>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT p.id, p.payer_id, y.name, p.member_id, p.group_number, p.group_name, p.subscriber_patient_id,
                p.subscriber_party_id, p.relationship, p.effective_from, p.effective_to, p.copay_cents, p.msp_type,
                p.visits_per_plan_year, p.plan_year_start, p.authorization_required
         FROM policies p JOIN payers y ON y.id = p.payer_id
         WHERE {condition} ORDER BY p.priority"
    ))?;
    let raw = stmt
        .query_map([key], |r| {
            Ok((
                Policy {
                    id: Some(r.get(0)?),
                    payer_id: r.get(1)?,
                    payer_name: r.get(2)?,
                    member_id: r.get(3)?,
                    group_number: r.get(4)?,
                    group_name: r.get(5)?,
                    subscriber: Responsible::Itself,
                    relationship: rows::relationship(r, 8)?,
                    effective_from: Some(r.get(9)?),
                    effective_to: r.get(10)?,
                    copay: rows::money(r, 11)?,
                    eligibility: Vec::new(),
                    msp_type: r.get(12)?,
                    limits: claimdesk_core::plan_limits::PlanLimits {
                        visits_per_plan_year: r.get(13)?,
                        plan_year_start: r.get(14)?,
                        authorization_required: rows::flag(r, 15)?,
                        authorizations: Vec::new(),
                    },
                },
                r.get::<_, Option<i64>>(6)?,
                r.get::<_, Option<i64>>(7)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    raw.into_iter()
        .map(|(mut policy, sub_patient, sub_party)| {
            policy.subscriber = responsible(conn, sub_patient, sub_party)?;
            policy.eligibility = eligibility(conn, policy.id.expect("read from a row"))?;
            policy.limits.authorizations =
                super::plan_limits::authorizations(conn, policy.id.expect("read from a row"))?;
            Ok(policy)
        })
        .collect()
}

/// A patient's account number and name as lists show them.
pub(crate) fn account_and_name(conn: &Connection, id: i64) -> Result<(String, String)> {
    conn.prepare_cached("SELECT account_number, last_name, first_name, middle_name FROM patients WHERE id = ?1")?
        .query_row([id], |r| {
            Ok((r.get(0)?, display_name(&r.get::<_, String>(1)?, &r.get::<_, String>(2)?, &r.get::<_, String>(3)?)))
        })
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("patient {id}")))
}

/// The patient's policies in billing order.
pub(crate) fn policies_of(conn: &Connection, patient_id: i64) -> Result<Vec<Policy>> {
    policies(conn, patient_id)
}

fn policies(conn: &Connection, patient_id: i64) -> Result<Vec<Policy>> {
    read_policies(conn, "p.patient_id = ?1 AND p.removed = 0", patient_id)
}

/// One policy by id, even one since taken off the patient (old claims still bill it).
pub(crate) fn policy_by_id(conn: &Connection, policy_id: i64) -> Result<Policy> {
    read_policies(conn, "p.id = ?1", policy_id)?
        .pop()
        .ok_or_else(|| StoreError::NotFound(format!("policy {policy_id}")))
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<Patient> {
    let row = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM patients WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("patient {id}")))?;
    let mut patient = row.patient;
    patient.guarantor = responsible(conn, row.guarantor_patient_id, row.guarantor_party_id)?;
    patient.policies = policies(conn, id)?;
    Ok(patient)
}

impl Store {
    pub fn get_patient(&self, id: i64) -> Result<Patient> {
        get(self.conn(), id)
    }

    /// A patient's record opened for a person to read: the door's audit entry names it
    /// (HIPAA 164.312(b); lookups inside ClaimDesk's own work are not views).
    pub fn view_patient(&self, id: i64) -> Result<Patient> {
        let patient = get(self.conn(), id)?;
        self.note(|| AuditNote::about(Record::new("patient", id), Some(id)));
        Ok(patient)
    }

    pub fn get_patient_by_account(&self, account_number: &str) -> Result<Patient> {
        let id: i64 = self
            .conn()
            .prepare_cached("SELECT id FROM patients WHERE account_number = ?1")?
            .query_row([account_number.trim()], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("account {}", account_number.trim())))?;
        get(self.conn(), id)
    }

    pub fn count_patients(&self) -> Result<i64> {
        Ok(self.conn().prepare_cached("SELECT count(*) FROM patients")?.query_row([], |r| r.get(0))?)
    }

    /// Registers a new patient (`id` None) or saves changes to one, all in one transaction.
    /// `actor` is who registers or changes the patient (the audit trail will name them).
    pub fn save_patient(&mut self, patient: &Patient, actor: &Actor) -> Result<Patient> {
        self.with_tx_by(actor, |tx| tx.save_patient(patient))
    }

    /// Deactivates (with a reason) or reactivates a patient. Patients are never deleted:
    /// their history stays reproducible.
    pub fn set_patient_active(&mut self, id: i64, active: bool, reason: &str) -> Result<Patient> {
        self.with_tx(|tx| {
            let mut patient = get(tx, id)?;
            StoreError::check_text("inactive_reason", "Reason inactive", reason, claimdesk_core::text::max::REASON)?;
            patient.active = active;
            patient.inactive_reason = if active { String::new() } else { reason.trim().to_string() };
            if !active && patient.inactive_reason.is_empty() {
                return Err(StoreError::invalid(
                    "inactive_reason",
                    "Say why the patient is inactive (moved, deceased, duplicate ...)",
                ));
            }
            tx.prepare_cached("UPDATE patients SET active = ?1, inactive_reason = ?2, updated_at = ?3 WHERE id = ?4")?
                .execute(params![active, patient.inactive_reason, now_utc(), id])?;
            get(tx, id)
        })
    }

    pub fn search_patients(&self, query: &str, options: &SearchOptions) -> Result<Vec<claimdesk_core::PatientSummary>> {
        search::search(self.conn(), query, options)
    }
}

/// Checks that the people and payers a registration refers to exist, naming the field.
fn check_references(tx: &Tx, p: &Patient) -> Result<()> {
    let mut problems = Vec::new();
    let mut check_patient = |field: String, r: &Responsible| -> Result<()> {
        if let Responsible::Patient { patient_id, .. } = r {
            if patient_name(tx, *patient_id)?.is_none() {
                problems.push((field, format!("Patient {patient_id} does not exist")));
            }
        }
        Ok(())
    };
    check_patient("guarantor".into(), &p.guarantor)?;
    for (i, policy) in p.policies.iter().enumerate() {
        check_patient(format!("policies[{i}].subscriber"), &policy.subscriber)?;
    }
    for (i, policy) in p.policies.iter().enumerate() {
        if super::payers::get(tx, policy.payer_id).is_err() {
            problems
                .push((format!("policies[{i}].payer_id"), "Choose an insurance company from the payer list".into()));
        }
        if let (Some(policy_id), Some(patient_id)) = (policy.id, p.id) {
            let owner: Option<i64> = tx
                .prepare_cached("SELECT patient_id FROM policies WHERE id = ?1")?
                .query_row([policy_id], |r| r.get(0))
                .optional()?;
            if owner != Some(patient_id) {
                problems.push((format!("policies[{i}]"), "This policy belongs to another patient".into()));
            }
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    Err(StoreError::Invalid(Invalid(
        problems.into_iter().map(|(field, message)| claimdesk_core::FieldError { field, message }).collect(),
    )))
}

/// Inserts or updates a responsible party; returns its id.
fn save_party(tx: &Tx, person: &Person) -> Result<i64> {
    let a = &person.address;
    let values = params![
        person.last_name,
        person.first_name,
        person.middle_name,
        person.birth_date,
        person.sex.as_str(),
        a.line1,
        a.line2,
        a.city,
        a.state,
        a.zip,
        person.phone
    ];
    // The same person typed again for a sibling (or as both guarantor and subscriber) is the
    // person already on file: same last and first name and birth date, updated with what was
    // typed now. One record means one statement to the household, not one per child.
    let known = match person.id {
        None if person.birth_date.is_some() => existing_party(tx, person)?,
        id => id,
    };
    match known {
        Some(id) => {
            let changed = tx.prepare_cached("UPDATE responsible_parties SET last_name = ?1, first_name = ?2, middle_name = ?3, birth_date = ?4, sex = ?5,
                 address_line1 = ?6, address_line2 = ?7, city = ?8, state = ?9, zip = ?10, phone = ?11 WHERE id = ?12")?.execute(
                params![
                    person.last_name, person.first_name, person.middle_name, person.birth_date, person.sex.as_str(),
                    a.line1, a.line2, a.city, a.state, a.zip, person.phone, id
                ],
            )?;
            if changed == 0 {
                return Err(StoreError::NotFound(format!("responsible party {id}")));
            }
            Ok(id)
        }
        None => {
            tx.prepare_cached(
                "INSERT INTO responsible_parties (last_name, first_name, middle_name, birth_date, sex, address_line1,
                 address_line2, city, state, zip, phone) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?
            .execute(values)?;
            Ok(tx.last_insert_rowid())
        }
    }
}

/// A responsible party on file with this person's last and first name and birth date.
fn existing_party(tx: &Tx, person: &Person) -> Result<Option<i64>> {
    Ok(tx
        .prepare_cached(
            "SELECT id FROM responsible_parties
             WHERE last_name = ?1 COLLATE NOCASE AND first_name = ?2 COLLATE NOCASE AND birth_date = ?3
             ORDER BY id LIMIT 1",
        )?
        .query_row(params![person.last_name.trim(), person.first_name.trim(), person.birth_date], |r| r.get(0))
        .optional()?)
}

/// The (patient id, party id) columns that store a role.
fn role_columns(tx: &Tx, r: &Responsible) -> Result<(Option<i64>, Option<i64>)> {
    Ok(match r {
        Responsible::Itself => (None, None),
        Responsible::Patient { patient_id, .. } => (Some(*patient_id), None),
        Responsible::Person { person } => (None, Some(save_party(tx, person)?)),
    })
}

/// The next free account number. Numbers are never reused, even after a rollback of a
/// later write, because the counter moves inside the same transaction as the insert.
fn next_account_number(tx: &Tx) -> Result<String> {
    loop {
        let n: i64 = tx.prepare_cached("UPDATE sequences SET next_value = next_value + 1 WHERE name = 'account_number' RETURNING next_value - 1")?.query_row(
            [],
            |r| r.get(0),
        )?;
        let candidate = n.to_string();
        if !account_taken(tx, &candidate, None)? {
            return Ok(candidate);
        }
    }
}

fn account_taken(tx: &Tx, account: &str, except: Option<i64>) -> Result<bool> {
    let found: Option<i64> = tx
        .prepare_cached("SELECT id FROM patients WHERE account_number = ?1")?
        .query_row([account], |r| r.get(0))
        .optional()?;
    Ok(found.is_some() && found != except)
}

fn account_number_for(tx: &Tx, p: &Patient) -> Result<String> {
    let wanted = p.account_number.trim().to_ascii_uppercase();
    if wanted.is_empty() {
        return match p.id {
            Some(id) => Ok(get(tx, id)?.account_number),
            None => next_account_number(tx),
        };
    }
    if wanted.len() > 20 || !wanted.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(StoreError::invalid(
            "account_number",
            "Account number may contain only letters, digits and dashes (at most 20)",
        ));
    }
    if account_taken(tx, &wanted, p.id)? {
        return Err(StoreError::invalid(
            "account_number",
            format!("Account number {wanted} is already used by another patient"),
        ));
    }
    Ok(wanted)
}

impl Tx<'_> {
    pub fn save_patient(&self, patient: &Patient) -> Result<Patient> {
        let p = patient.validated(self.today())?;
        // The record edited must exist before anything else of it is checked against the file.
        let before = match p.id {
            Some(id) => Some(get(self, id)?),
            None => None,
        };
        check_references(self, &p)?;
        let account = account_number_for(self, &p)?;
        let (g_patient, g_party) = role_columns(self, &p.guarantor)?;
        let a: &Address = &p.address;
        let now = now_utc();
        let id = match p.id {
            None => {
                self.execute(
                    &format!(
                        "INSERT INTO patients ({COLUMNS}, created_at, updated_at) VALUES (NULL, ?1, ?2, ?3, ?4, ?5, ?6, ?7,
                         ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?21)"
                    ),
                    params![
                        account, p.last_name, p.first_name, p.middle_name, p.suffix, p.birth_date, p.sex.as_str(),
                        a.line1, a.line2, a.city, a.state, a.zip, p.home_phone, p.cell_phone, p.email,
                        g_patient, g_party, p.guarantor_relationship.as_str(), p.active, p.inactive_reason, now
                    ],
                )?;
                self.last_insert_rowid()
            }
            Some(id) => {
                self.prepare_cached("UPDATE patients SET account_number = ?1, last_name = ?2, first_name = ?3, middle_name = ?4, suffix = ?5,
                     birth_date = ?6, sex = ?7, address_line1 = ?8, address_line2 = ?9, city = ?10, state = ?11, zip = ?12,
                     home_phone = ?13, cell_phone = ?14, email = ?15, guarantor_patient_id = ?16, guarantor_party_id = ?17,
                     guarantor_relationship = ?18, active = ?19, inactive_reason = ?20, updated_at = ?21 WHERE id = ?22")?.execute(
                    params![
                        account, p.last_name, p.first_name, p.middle_name, p.suffix, p.birth_date, p.sex.as_str(),
                        a.line1, a.line2, a.city, a.state, a.zip, p.home_phone, p.cell_phone, p.email,
                        g_patient, g_party, p.guarantor_relationship.as_str(), p.active, p.inactive_reason, now, id
                    ],
                )?;
                id
            }
        };
        self.save_policies(id, &p.policies)?;
        super::plan_limits::relink_patient_visits(self, id)?;
        search::index_patient(self, id)?;
        let saved = get(self, id)?;
        self.note(|| AuditNote::change(Record::new("patient", id), Some(id), before.as_ref(), &saved));
        Ok(saved)
    }

    /// Puts the patient's policies in the given order. Policies no longer listed are kept
    /// (marked removed) because claims may refer to them.
    fn save_policies(&self, patient_id: i64, list: &[Policy]) -> Result<()> {
        // `AND removed = 0` changes nothing about which rows end up removed, but lets SQLite use
        // the partial index `policies_order` instead of scanning every policy on file.
        self.prepare_cached("UPDATE policies SET removed = 1 WHERE patient_id = ?1 AND removed = 0")?
            .execute([patient_id])?;
        for (i, policy) in list.iter().enumerate() {
            let priority = i as i64 + 1;
            let (s_patient, s_party) = role_columns(self, &policy.subscriber)?;
            let values = params![
                priority,
                policy.payer_id,
                policy.member_id,
                policy.group_number,
                policy.group_name,
                s_patient,
                s_party,
                policy.relationship.as_str(),
                policy.effective_from,
                policy.effective_to,
                policy.copay.cents(),
                patient_id,
                policy.msp_type,
                policy.limits.visits_per_plan_year,
                policy.limits.plan_year_start,
                policy.limits.authorization_required
            ];
            let policy_id = match policy.id {
                Some(id) => {
                    self.prepare_cached("UPDATE policies SET priority = ?1, payer_id = ?2, member_id = ?3, group_number = ?4, group_name = ?5,
                         subscriber_patient_id = ?6, subscriber_party_id = ?7, relationship = ?8, effective_from = ?9,
                         effective_to = ?10, copay_cents = ?11, msp_type = ?12, removed = 0, visits_per_plan_year = ?15,
                         plan_year_start = ?16, authorization_required = ?17 WHERE patient_id = ?13 AND id = ?14")?.execute(
                        params![
                            priority, policy.payer_id, policy.member_id, policy.group_number, policy.group_name, s_patient,
                            s_party, policy.relationship.as_str(), policy.effective_from, policy.effective_to,
                            policy.copay.cents(), policy.msp_type, patient_id, id, policy.limits.visits_per_plan_year,
                            policy.limits.plan_year_start, policy.limits.authorization_required
                        ],
                    )?;
                    id
                }
                None => {
                    self.prepare_cached("INSERT INTO policies (priority, payer_id, member_id, group_number, group_name, subscriber_patient_id,
                         subscriber_party_id, relationship, effective_from, effective_to, copay_cents, patient_id, msp_type,
                         visits_per_plan_year, plan_year_start, authorization_required)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)")?.execute(
                        values,
                    )?;
                    self.last_insert_rowid()
                }
            };
            super::plan_limits::save_authorizations(self, policy_id, &policy.limits.authorizations)?;
            for check in policy.eligibility.iter().filter(|c| c.id.is_none()) {
                self.prepare_cached("INSERT INTO eligibility_checks (policy_id, checked_on, status, note, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5)")?.execute(
                    params![policy_id, check.checked_on, check.status.as_str(), check.note, now_utc()],
                )?;
            }
        }
        Ok(())
    }
}
