//! Collections: accounts whose patient balance has gone unpaid too long, for a final notice
//! or a collection agency.
//!
//! An account is on the worklist when it owes at least `min_balance` and has gone at least
//! `days_without_payment` days without a patient payment: counted from the later of its last
//! patient payment and the day its oldest unpaid amount became the patient's (the statements'
//! patient-responsibility aging). A fresh balance is not a collections account: a share that
//! insurance set yesterday on an old visit is a day old, however long ago the patient last paid. An account on a payment plan that is up to date is not listed; a
//! delinquent plan is. Accounts already sent to an agency are listed only when asked
//! (`include_sent`), whatever their age, so the agency's payments can be recorded: those are
//! ordinary patient payments with method `agency` (`post_patient_payment`), which stay
//! possible after the account was sent. Sending an account stops its statements and keeps
//! its balance (`send_to_collections`); `recall_from_collections` undoes it.

use crate::error::Result;
use crate::page::{Page, PageRequest};
use crate::queries::plans::PlanRecordStatus;
use crate::queries::statements::{account_age, account_members, level_for};
use crate::{MessageLevel, StatementAccount, StatementFilter, Store};
use chrono::NaiveDate;
use claimdesk_core::Money;
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which accounts the collections worklist shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CollectionsFilter {
    /// Days since the last patient payment, or since the oldest unpaid amount became the
    /// patient's when that is more recent.
    pub days_without_payment: i64,
    /// Smaller patient balances are not worked.
    pub min_balance: Money,
    /// Also list accounts already sent to an agency (to record the agency's payments).
    #[serde(default)]
    pub include_sent: bool,
}

/// One account on the collections worklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CollectionsAccount {
    pub account: StatementAccount,
    /// The patient whose account number the account carries (send / record payments on it).
    pub patient_id: i64,
    pub account_number: String,
    pub name: String,
    pub patient_due: Money,
    pub last_payment: Option<NaiveDate>,
    /// Days without a payment as counted for the worklist (see the module docs).
    pub days_without_payment: Option<i64>,
    pub last_statement: Option<NaiveDate>,
    /// Age in days of the oldest unpaid amount, from the day it became the patient's.
    pub oldest_open_days: Option<i64>,
    /// What the next statement's message would be.
    pub message_level: MessageLevel,
    /// The account's running plan is delinquent.
    pub plan_delinquent: bool,
    pub hold: bool,
    pub sent_to_agency: bool,
    pub agency: String,
    pub sent_on: Option<NaiveDate>,
}

impl Store {
    /// One page of the collections worklist (at most `LIST_PAGE_MAX` accounts) and how many
    /// accounts it lists in all: what the worklist screen shows.
    pub fn collections_page(&self, filter: &CollectionsFilter, at: PageRequest) -> Result<Page<CollectionsAccount>> {
        Page::of(self.collections_worklist(filter)?, at)
    }

    /// The collections worklist as of the store's today, oldest unpaid first (see the
    /// module docs for who is listed). Reads only.
    pub fn collections_worklist(&self, filter: &CollectionsFilter) -> Result<Vec<CollectionsAccount>> {
        if filter.days_without_payment < 0 {
            return Err(crate::StoreError::invalid("days_without_payment", "Days cannot be negative"));
        }
        let conn = self.conn();
        let today = self.today();
        let accounts = self.statement_candidates(&StatementFilter {
            statement_date: today,
            min_balance: filter.min_balance,
            days_since_last: 0,
            include_holds: true,
            include_collections: true,
            final_notice_only: false,
        })?;
        let mut out = Vec::new();
        for c in accounts {
            let members = account_members(conn, c.account)?;
            let patient_id = match c.account {
                StatementAccount::Patient { patient_id } => patient_id,
                StatementAccount::Party { .. } => match members.first() {
                    Some(id) => *id,
                    None => continue,
                },
            };
            let mut last_payment: Option<NaiveDate> = None;
            let mut sent: Option<(String, Option<NaiveDate>)> = None;
            for m in &members {
                let paid: Option<NaiveDate> = conn
                    .prepare_cached("SELECT max(received_on) FROM patient_payments WHERE patient_id = ?1")?
                    .query_row([m], |r| r.get(0))?;
                last_payment = last_payment.max(paid);
                let flag: Option<(String, Option<NaiveDate>)> = conn
                    .prepare_cached(
                        "SELECT collections_agency, collections_since FROM patients
                         WHERE id = ?1 AND collections_status = 'sent_to_agency'",
                    )?
                    .query_row([m], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?;
                if sent.is_none() {
                    sent = flag;
                }
            }
            let (_, oldest) = account_age(conn, &members, today)?;
            // Owed and unpaid since the later of the two days: the last payment, or the day the
            // oldest amount still open became the patient's.
            let days = oldest.map(|age| last_payment.map_or(age, |paid| age.min((today - paid).num_days())));
            let plan = match c.account {
                StatementAccount::Patient { patient_id } => {
                    let running = self
                        .plans_for_patient(patient_id)?
                        .into_iter()
                        .find(|p| matches!(p.status, PlanRecordStatus::Active | PlanRecordStatus::Delinquent));
                    running.map(|p| p.status)
                }
                StatementAccount::Party { .. } => None,
            };
            let listed = if sent.is_some() {
                filter.include_sent
            } else {
                plan != Some(PlanRecordStatus::Active) && days.is_some_and(|d| d >= filter.days_without_payment)
            };
            if !listed {
                continue;
            }
            out.push(CollectionsAccount {
                account: c.account,
                patient_id,
                account_number: c.account_number,
                name: c.name,
                patient_due: c.patient_due,
                last_payment,
                days_without_payment: days,
                last_statement: c.last_statement,
                oldest_open_days: oldest,
                message_level: level_for(oldest),
                plan_delinquent: plan == Some(PlanRecordStatus::Delinquent),
                hold: c.hold,
                sent_to_agency: sent.is_some(),
                agency: sent.as_ref().map(|s| s.0.clone()).unwrap_or_default(),
                sent_on: sent.and_then(|s| s.1),
            });
        }
        out.sort_by(|a, b| {
            b.days_without_payment.cmp(&a.days_without_payment).then_with(|| a.account_number.cmp(&b.account_number))
        });
        Ok(out)
    }
}
