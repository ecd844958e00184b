//! The guarantors' side of the demo: what happened on the accounts after the payers answered.
//! Copays taken at check-in, patients paying their share in full or in part, two past
//! statement runs, payment plans in every state (running on time, delinquent, completed,
//! cancelled, defaulted, amended), accounts sent to a collection agency (one of them with an
//! agency payment) and a statement hold, so every accounts screen has something to show.
//!
//! It all goes through the store's ordinary writes, replayed in date order with the store's
//! "today" set to each event's day (`Store::as_of`), so plans see exactly the payments made
//! after them and statements see exactly the activity before them.

use chrono::{Days, NaiveDate};
use claimdesk_core::patients::Responsible;
use claimdesk_core::payment_plans::{PlanFrequency, PlanStatus, PlanTerms};
use claimdesk_core::posting::Bucket;
use claimdesk_core::Money;
use claimdesk_store::{
    ApplyTo, DepositInput, PaymentInput, PaymentMethod, PaymentSource, PlanInput, PracticeContact, Result,
    StatementAccount, StatementFilter, Store,
};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeMap;

/// The collection agency the demo practice works with (invented).
pub const DEMO_AGENCY: &str = "Summit Recovery Services";

/// What the accounts' history added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AccountsSummary {
    pub patient_payments: usize,
    /// Bank deposits of the payments (all but the last few days').
    pub deposits: usize,
    pub statement_runs: usize,
    pub statements: usize,
    pub plans: usize,
    pub sent_to_collections: usize,
}

/// The part a payment plan plays in the demo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PlanRole {
    Defaulted,
    Delinquent,
    Completed,
    Cancelled,
    Amended,
    OnTime,
}

impl PlanRole {
    /// The order plans are handed out: the roles that need the longest history take the
    /// accounts whose balance is oldest.
    const ALL: [PlanRole; 6] = [
        PlanRole::Defaulted,
        PlanRole::Delinquent,
        PlanRole::Completed,
        PlanRole::Cancelled,
        PlanRole::Amended,
        PlanRole::OnTime,
    ];

    /// How many days before today the plan must have been made for its story to have happened.
    fn history_days(self) -> u64 {
        match self {
            PlanRole::Defaulted => 35,
            PlanRole::Delinquent => 30,
            PlanRole::Completed => 25,
            PlanRole::Cancelled => 25,
            PlanRole::Amended => 25,
            PlanRole::OnTime => 12,
        }
    }
}

/// Something that happens to an account on a day.
#[derive(Debug, Clone)]
enum Event {
    Pay { account: i64, amount: Money, method: PaymentMethod, apply: ApplyTo },
    StatementRun,
    CreatePlan { account: i64, role: PlanRole, terms: PlanTerms },
    EndPlan { account: i64, status: PlanStatus, reason: &'static str },
    AmendPlan { account: i64 },
    SendToCollections { account: i64 },
    Hold { account: i64 },
}

/// Events by day; `seq` keeps same-day events in the order they were planned.
struct Timeline {
    events: BTreeMap<(NaiveDate, u64), Event>,
    seq: u64,
}

impl Timeline {
    fn add(&mut self, day: NaiveDate, event: Event) {
        self.seq += 1;
        self.events.insert((day, self.seq), event);
    }

    fn pop(&mut self) -> Option<(NaiveDate, Event)> {
        self.events.pop_first().map(|((day, _), e)| (day, e))
    }
}

/// An account that owes the practice something after insurance.
struct Owing {
    account: i64,
    due: Money,
    /// The day the newest amount was moved to the patient (or charged to them).
    newest: NaiveDate,
    /// The date of service of the oldest amount still owed.
    oldest_service: NaiveDate,
    /// Still waiting on insurance for some of the account (a secondary or crossover claim).
    insurance_pending: bool,
}

fn days_before(day: NaiveDate, n: u64) -> NaiveDate {
    day.checked_sub_days(Days::new(n)).unwrap_or(day)
}

fn days_after(day: NaiveDate, n: u64) -> NaiveDate {
    day.checked_add_days(Days::new(n)).unwrap_or(day)
}

fn money(cents: i64) -> Money {
    Money::from_cents(cents)
}

/// Accounts (guarantors who are patients themselves) with a patient balance today.
fn owing_accounts(store: &Store, today: NaiveDate) -> Result<Vec<Owing>> {
    let filter = StatementFilter {
        statement_date: today,
        min_balance: Money::ZERO,
        days_since_last: 0,
        include_holds: true,
        include_collections: true,
        final_notice_only: false,
    };
    let mut out = Vec::new();
    for c in store.statement_candidates(&filter)? {
        let StatementAccount::Patient { patient_id } = c.account else { continue };
        let ledger = store.ledger_for_patient(patient_id)?;
        let patient_entries = ledger.iter().filter(|e| e.bucket == Bucket::Patient);
        let Some(newest) = patient_entries.clone().map(|e| e.entry_date).max() else { continue };
        let oldest_service = patient_entries.map(|e| e.entry_date).min().unwrap_or(newest);
        let insurance_pending = c.insurance_pending > Money::ZERO;
        out.push(Owing { account: patient_id, due: c.patient_due, newest, oldest_service, insurance_pending });
    }
    Ok(out)
}

fn method_for(rng: &mut ChaCha8Rng) -> PaymentMethod {
    match rng.gen_range(0..10) {
        0..=3 => PaymentMethod::Card,
        4..=6 => PaymentMethod::Check,
        _ => PaymentMethod::Cash,
    }
}

/// A check number or a card terminal's approval code; never a card number.
fn reference_for(rng: &mut ChaCha8Rng, method: PaymentMethod) -> String {
    match method {
        PaymentMethod::Check => format!("Check {}", rng.gen_range(1001..9999)),
        PaymentMethod::Card => format!("Approval {:06}", rng.gen_range(0..1_000_000)),
        _ => String::new(),
    }
}

/// Plan terms for a role over `due`, made on `created`.
fn terms_for(role: PlanRole, due: Money, created: NaiveDate) -> PlanTerms {
    // Weekly plans tell their story (late, defaulted, paid off) within a month or so.
    let (installments, frequency, down) = match role {
        PlanRole::Completed => (3, PlanFrequency::Weekly, Money::ZERO),
        PlanRole::Delinquent | PlanRole::Defaulted => (6, PlanFrequency::Weekly, Money::ZERO),
        PlanRole::Cancelled => (3, PlanFrequency::Monthly, Money::ZERO),
        PlanRole::OnTime => (4, PlanFrequency::Monthly, money((due.cents() / 5 / 100).max(1) * 100)),
        PlanRole::Amended => (6, PlanFrequency::Monthly, Money::ZERO),
    };
    PlanTerms {
        financed: due,
        down_payment: down,
        installments: Some(installments),
        installment_amount: None,
        frequency,
        first_due: Some(days_after(created, 7)),
    }
}

/// Adds the accounts' history to a practice whose visits, claims and remittances are in.
pub(crate) fn settle(store: &mut Store, rng: &mut ChaCha8Rng, today: NaiveDate) -> Result<AccountsSummary> {
    let mut summary = AccountsSummary::default();
    let mut timeline = Timeline { events: BTreeMap::new(), seq: 0 };
    plan_copays(store, rng, today, &mut timeline)?;

    let mut owing = owing_accounts(store, today)?;
    if owing.is_empty() && timeline.events.is_empty() {
        // No billing history (a demo without visits): nothing happened on the accounts.
        return Ok(summary);
    }
    // Oldest balances first: they have the longest stories.
    owing.sort_by_key(|o| (o.newest, o.account));
    let mut taken = vec![false; owing.len()];

    // Payment plans, one per role, over balances big enough to split.
    for role in PlanRole::ALL {
        let latest_start = days_before(today, role.history_days());
        let pick = owing
            .iter()
            .enumerate()
            .position(|(i, o)| !taken[i] && o.due >= money(4000) && days_after(o.newest, 3) <= latest_start);
        let Some(i) = pick else { continue };
        taken[i] = true;
        let o = &owing[i];
        let created = match role {
            PlanRole::OnTime => latest_start,
            _ => days_after(o.newest, 3).max(days_before(today, role.history_days() + 20)),
        };
        timeline.add(created, Event::CreatePlan { account: o.account, role, terms: terms_for(role, o.due, created) });
    }

    // Two accounts with the oldest unpaid balances go to the agency; one more is on hold. An
    // account still waiting on a secondary payer is not sent (its balance may yet be paid).
    let mut oldest: Vec<usize> = (0..owing.len()).filter(|&i| !taken[i] && !owing[i].insurance_pending).collect();
    oldest.sort_by_key(|&i| (owing[i].oldest_service, owing[i].account));
    for (n, &i) in oldest.iter().take(3).enumerate() {
        taken[i] = true;
        let o = &owing[i];
        if n < 2 {
            timeline.add(days_before(today, 12), Event::SendToCollections { account: o.account });
            if n == 0 {
                // The agency collected part of it and sent the practice its share.
                let amount = money((o.due.cents() / 2).max(1));
                let apply = ApplyTo::OldestFirst;
                timeline.add(
                    days_before(today, 3),
                    Event::Pay { account: o.account, amount, method: PaymentMethod::Agency, apply },
                );
            }
        } else {
            timeline.add(days_before(today, 20), Event::Hold { account: o.account });
        }
    }

    // Everyone else: about half pay their share in full, some pay part, the rest have not yet.
    for (i, o) in owing.iter().enumerate() {
        if taken[i] {
            continue;
        }
        let roll = rng.gen_range(0..100);
        let amount = match roll {
            0..=44 => o.due,
            45..=64 => money((o.due.cents() / 2 / 100).max(1) * 100),
            _ => continue,
        };
        let day = days_after(o.newest, rng.gen_range(4..28));
        if day >= today {
            continue;
        }
        let method = method_for(rng);
        timeline.add(day, Event::Pay { account: o.account, amount, method, apply: ApplyTo::OldestFirst });
    }

    timeline.add(days_before(today, 60), Event::StatementRun);
    timeline.add(days_before(today, 30), Event::StatementRun);

    let contact = PracticeContact::from_practice(&store.practice()?);
    let mut plans: BTreeMap<i64, i64> = BTreeMap::new();
    while let Some((day, event)) = timeline.pop() {
        store.as_of(day, |store| {
            match event {
                Event::Pay { account, amount, method, apply } => {
                    let reference = reference_for(rng, method);
                    let payment =
                        PaymentInput { patient_id: account, received_on: Some(day), method, reference, amount, apply };
                    store.post_patient_payment(&payment, &crate::demo_actor())?;
                    summary.patient_payments += 1;
                }
                Event::StatementRun => {
                    let filter = StatementFilter {
                        statement_date: day,
                        min_balance: money(500),
                        days_since_last: 25,
                        include_holds: false,
                        include_collections: false,
                        final_notice_only: false,
                    };
                    let mut snapshots = Vec::new();
                    // As a run does: an account without a mailing address is held out.
                    for c in store.statement_candidates(&filter)?.into_iter().filter(|c| c.held_out.is_none()) {
                        snapshots.push(store.statement_data(c.account, day, &contact)?);
                    }
                    // The demo keeps no PDF of its past runs: a reprint renders the stored statement.
                    store.with_tx(|tx| tx.record_statement_run(&filter, "", &snapshots))?;
                    summary.statement_runs += 1;
                    summary.statements += snapshots.len();
                }
                Event::CreatePlan { account, role, mut terms } => {
                    // Planned on today's balance; on the day the plan is made the patient may
                    // owe less (a copay taken at check-in since), and a plan never covers more.
                    let owed = store.account_balance(account)?.patient_due;
                    if owed <= Money::ZERO {
                        return Ok(());
                    }
                    terms.financed = terms.financed.min(owed);
                    terms.down_payment = terms.down_payment.min(terms.financed);
                    let input = PlanInput { patient_id: account, terms, grace_days: 10, visit_ids: vec![] };
                    let plan = store.create_plan(&input)?;
                    plans.insert(account, plan.id);
                    summary.plans += 1;
                    schedule_plan_story(&mut timeline, rng, role, account, &plan, today);
                }
                Event::EndPlan { account, status, reason } => {
                    store.end_plan(plans[&account], status, reason)?;
                }
                Event::AmendPlan { account } => {
                    let plan = store.plan(plans[&account])?;
                    let terms = PlanTerms {
                        financed: plan.state.remaining_balance,
                        down_payment: Money::ZERO,
                        installments: Some(4),
                        installment_amount: None,
                        frequency: PlanFrequency::Monthly,
                        first_due: Some(days_after(day, 14)),
                    };
                    let amended = store.amend_plan(plan.id, &terms)?;
                    plans.insert(account, amended.id);
                }
                Event::SendToCollections { account } => {
                    store.send_to_collections(account, DEMO_AGENCY)?;
                    summary.sent_to_collections += 1;
                }
                Event::Hold { account } => {
                    store.set_statement_hold(account, "Disputes a charge; waiting for the insurer's review")?;
                }
            }
            Ok(())
        })?;
    }
    summary.deposits = make_deposits(store, today)?;
    Ok(summary)
}

/// The office takes each week's payments to the bank the next business day; the last few
/// days' are not deposited yet. One slip was added up wrong ($20.00 short), so deposit
/// reconciliation has a difference to show.
fn make_deposits(store: &mut Store, today: NaiveDate) -> Result<usize> {
    use chrono::Datelike;
    let through = days_before(today, 4);
    let mut weeks: BTreeMap<NaiveDate, (Vec<i64>, Vec<i64>, Money)> = BTreeMap::new();
    for p in store.list_undeposited_payments(Some(through))? {
        let monday = days_before(p.received_on, u64::from(p.received_on.weekday().num_days_from_monday()));
        let week = weeks.entry(monday).or_default();
        match p.source {
            PaymentSource::Patient => week.0.push(p.id),
            PaymentSource::Insurance => week.1.push(p.id),
        }
        week.2 = week.2 + p.amount;
    }
    let count = weeks.len();
    // The slip added up wrong is a recent week's that holds more than the $20.00 it is short.
    let short_week = weeks.iter().rev().skip(1).find(|(_, w)| w.2 > money(2000)).map(|(monday, _)| *monday);
    for (monday, (patient_payment_ids, remittance_ids, total)) in weeks {
        // The Monday after the week, or today for this week's.
        let deposit_date = days_after(monday, 7).min(today);
        let short = Some(monday) == short_week;
        let input = DepositInput {
            deposit_date,
            bank_reference: format!("DEP-{}", deposit_date.format("%Y%m%d")),
            slip_amount: Some(if short { total - money(2000) } else { total }),
            memo: if short { "Slip total checked against the bank statement".into() } else { String::new() },
            patient_payment_ids,
            remittance_ids,
        };
        store.as_of(deposit_date, |store| store.create_deposit(&input).map(|_| ()))?;
    }
    Ok(count)
}

/// The payments (and the office's decisions) that make a plan play its role.
fn schedule_plan_story(
    timeline: &mut Timeline,
    rng: &mut ChaCha8Rng,
    role: PlanRole,
    account: i64,
    plan: &claimdesk_store::PlanView,
    today: NaiveDate,
) {
    let pay = |timeline: &mut Timeline, rng: &mut ChaCha8Rng, day: NaiveDate, amount: Money| {
        if day < today {
            let method = method_for(rng);
            timeline.add(day, Event::Pay { account, amount, method, apply: ApplyTo::OldestFirst });
        }
    };
    if !plan.terms.down_payment.is_zero() {
        pay(timeline, rng, plan.created_on, plan.terms.down_payment);
    }
    let installments = &plan.schedule;
    let paid_count = match role {
        PlanRole::Completed => installments.len(),
        PlanRole::OnTime => installments.iter().filter(|i| i.due < today).count(),
        _ => 1,
    };
    for i in installments.iter().take(paid_count) {
        // On time: on the due date or a few days before.
        let early = rng.gen_range(0..4);
        pay(timeline, rng, days_before(i.due, early), i.amount);
    }
    let first_due = installments.first().map(|i| i.due).unwrap_or(plan.created_on);
    let ended = |days: u64| days_after(first_due, days).min(days_before(today, 1));
    match role {
        PlanRole::Defaulted => timeline.add(
            ended(21),
            Event::EndPlan {
                account,
                status: PlanStatus::Defaulted,
                reason: "No payment since the first installment; two reminders sent",
            },
        ),
        PlanRole::Cancelled => timeline.add(
            ended(10),
            Event::EndPlan {
                account,
                status: PlanStatus::Cancelled,
                reason: "Guarantor asked to pay the rest after the insurance appeal",
            },
        ),
        PlanRole::Amended => timeline.add(ended(10), Event::AmendPlan { account }),
        _ => {}
    }
}

/// Copays taken at check-in for about half of the visits not billed yet (the newest ones), on
/// the day of the visit, for patients who are their own guarantor.
fn plan_copays(store: &Store, rng: &mut ChaCha8Rng, today: NaiveDate, timeline: &mut Timeline) -> Result<()> {
    for visit in store.list_unbilled_visits()? {
        if visit.service_date > today || !rng.gen_bool(0.5) {
            continue;
        }
        let patient = store.get_patient(visit.patient_id)?;
        if !matches!(patient.guarantor, Responsible::Itself) {
            continue;
        }
        let amount = money(if rng.gen_bool(0.5) { 2500 } else { 3000 });
        let method = method_for(rng);
        let apply = ApplyTo::Copay { visit_id: Some(visit.id) };
        timeline.add(visit.service_date, Event::Pay { account: visit.patient_id, amount, method, apply });
    }
    Ok(())
}
