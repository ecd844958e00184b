//! No statement the store runs reads a table that grows with the practice by a full scan or
//! through an index that does not narrow the rows.
//!
//! A demo practice is filled through the store (patients registered, visits saved and edited,
//! claims built, scrubbed and submitted, 835s posted, desk payments, statement runs, plans) and
//! then used the way a desk uses it (open accounts, reverse a payment, read and scrub claims,
//! reports), with every statement the store runs recorded (`Store::trace_statements`). Each
//! distinct statement is then EXPLAINed twice: as SQLite plans it on a file without statistics
//! (practice files today: the store never runs ANALYZE) and on a file with the statistics of a
//! practice `SCALE` times the demo (`ANALYZE`, then row counts multiplied). A step fails when it
//! scans a growing table, builds an automatic index, or searches an index whose prefix matches
//! more than `NARROW` rows on the big practice (a bucket, a kind, a status alone), unless the
//! statement is in `ALLOWED` with the reason it may read the whole table.

use chrono::Duration;
use claimdesk_core::claims::ClaimStatus;
use claimdesk_core::posting::{CasAdjustment, ClaimAdjudication, LineAdjudication};
use claimdesk_core::Money;
use claimdesk_demo::{demo_practice, populate_with, settle_accounts, DemoActivity, DemoOptions};
use claimdesk_store::Actor;
use claimdesk_store::{
    AgingBy, AgingFilter, ApplyTo, AuditFilter, ClaimAckInput, ClaimQuery, ClaimQueue, CollectionsFilter, DateRange,
    FeeFilter, FeeSchedule, PageRequest, PaymentInput, PaymentMethod, PlanFilter, Source, StatementFilter, Store,
};
use rusqlite::Connection;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

/// Tables whose size does not grow with the practice's patients and visits (its setup): a
/// scan of them is fine.
const SETUP_TABLES: &[&str] = &[
    "practice",
    "sequences",
    "providers",
    "facilities",
    "payers",
    "fee_schedule",
    "scrubber_overrides",
    "payer_claim_settings",
    "printer_profiles",
    "clearinghouses",
    "posting_rules",
    "schema_migrations",
    "users",
    "security_settings",
];

/// How much bigger than the demo the planner is told the practice is.
const SCALE: i64 = 1000;

/// Every statement the store runs while `work` does, as prepared.
fn traced(store: &mut Store, work: impl FnOnce(&mut Store)) -> BTreeSet<String> {
    let seen = Arc::new(Mutex::new(BTreeSet::new()));
    let sink = Arc::clone(&seen);
    store
        .trace_statements(Some(move |sql: &str| {
            sink.lock().unwrap().insert(sql.to_string());
        }))
        .unwrap();
    work(store);
    store.trace_statements(None::<fn(&str)>).unwrap();
    let seen = seen.lock().unwrap().clone();
    seen
}

fn main_statements(store: &mut Store, options: &DemoOptions) -> BTreeSet<String> {
    traced(store, |store| {
        populate_with(store, options, &DemoActivity { visits: 240 }).unwrap();
        settle_accounts(store, options).unwrap();
        everyday_reads(store, options);
        other_writes(store, options);
        users_and_audit(store);
    })
}

/// Logins, users and the audit trail: writing entries through an action, and reading the
/// Audit screen's pages by each of its filters.
fn users_and_audit(store: &mut Store) {
    let admin = claimdesk_store::NewUser {
        login: "admin".into(),
        full_name: "Dana Admin".into(),
        role: claimdesk_core::Role::Administrator,
        password: "demo-office-2026".into(),
    };
    store.create_first_administrator(&admin, Source::App).unwrap();
    let user = store.log_in("admin", "demo-office-2026", Source::App, chrono::Utc::now()).unwrap();
    assert!(store.log_in("admin", "wrong password!", Source::App, chrono::Utc::now()).is_err());
    store.set_actor(&claimdesk_store::actor_of(&user, Source::App));
    store.set_action(Some(claimdesk_core::Action::PatientSave));
    let patient = store.search_patients("a", &Default::default()).unwrap()[0].id;
    let record = store.view_patient(patient).unwrap();
    let actor = store.actor().clone();
    store.save_patient(&record, &actor).unwrap();
    store.set_action(None);
    for filter in [
        AuditFilter::default(),
        AuditFilter { user_id: Some(user.id), ..AuditFilter::default() },
        AuditFilter { patient_id: Some(patient), ..AuditFilter::default() },
        AuditFilter { action: Some("log_in".into()), ..AuditFilter::default() },
        AuditFilter { from: Some(chrono::Utc::now().date_naive()), to: None, ..AuditFilter::default() },
        AuditFilter { before_id: Some(3), limit: Some(2), ..AuditFilter::default() },
    ] {
        store.audit_page(&filter).unwrap();
    }
    store.users().unwrap();
    store.has_users().unwrap();
}

/// What the desk does besides what the demo generator did: open accounts, claims, reports.
fn everyday_reads(store: &mut Store, options: &DemoOptions) {
    let today = options.today;
    let range = DateRange { from: today - Duration::days(30), to: today };
    for patient_id in 1..=5 {
        store.get_patient(patient_id).unwrap();
        store.list_visits_for_patient(patient_id).unwrap();
        store.ledger_for_patient(patient_id).unwrap();
        // The account screen's pages: the newest, then the ones before it.
        let page = store.ledger_page(patient_id, None, 5).unwrap();
        store.ledger_page(patient_id, page.entries.last().map(|e| e.id), 5).unwrap();
        let visits = store.visits_page(patient_id, None, 2).unwrap();
        store.visits_page(patient_id, visits.visits.last().map(|v| v.id), 2).unwrap();
        store.account_balance(patient_id).unwrap();
        store.account_payments(patient_id).unwrap();
        store.plans_for_patient(patient_id).unwrap();
        store.statements_for_patient(patient_id).unwrap();
        store.account_visit_balances(patient_id).unwrap();
        store.statement_flags(patient_id).unwrap();
    }
    for claim_id in 1..=5 {
        store.claim_data(claim_id).unwrap();
        store.claim_history(claim_id).unwrap();
        store.claim_money(claim_id).unwrap();
        store.patient_paid_on_claim(claim_id).unwrap();
        store.scrub_claim(claim_id, &Actor::user("tester", Source::App)).unwrap();
    }
    // Reverse a desk payment and reprint its receipt.
    let payment = (1..=200)
        .find_map(|patient_id| store.account_payments(patient_id).ok().and_then(|p| p.into_iter().next()))
        .expect("a demo payment");
    let receipt = store.payment_receipt(payment.payment_id).unwrap();
    store.reverse_posting(receipt.posting_id, "bounced", &Actor::user("tester", Source::App)).unwrap();
    store.payment_receipt(payment.payment_id).unwrap();
    store.list_remittance_exceptions().unwrap();
    // The pages the screens ask for (first and a later one) of the lists that grow.
    for at in [PageRequest::FIRST, PageRequest::new(2, 2)] {
        store.remittance_exceptions_page(at).unwrap();
        store.fees_page(&FeeFilter::default(), at).unwrap();
        store
            .fees_page(&FeeFilter { schedule: FeeSchedule::Payer { payer_id: 1 }, code_prefix: "99".into() }, at)
            .unwrap();
        for filter in [PlanFilter::All, PlanFilter::Active, PlanFilter::Delinquent] {
            store.plans_page(filter, at).unwrap();
        }
        store.undeposited_page(None, at).unwrap();
        let worklist = CollectionsFilter { days_without_payment: 30, min_balance: Money::ZERO, include_sent: true };
        store.collections_page(&worklist, at).unwrap();
        let statements = StatementFilter {
            statement_date: today,
            min_balance: Money::ZERO,
            days_since_last: 0,
            include_holds: true,
            include_collections: true,
            final_notice_only: false,
        };
        store.statement_candidates_page(&statements, at).unwrap();
    }
    store.list_unbilled_visits().unwrap();
    store.unbilled_visits_page(PageRequest::FIRST).unwrap();
    store.unbilled_visits_page(PageRequest::new(5, 5)).unwrap();
    store.list_claims(&ClaimQueue::All).unwrap();
    claims_list_pages(store, options);
    for by in [AgingBy::Payer, AgingBy::Guarantor] {
        store.report_aging(&AgingFilter { as_of: today, by }).unwrap();
    }
    store.report_day_sheet(&range).unwrap();
    store.report_deposits(&range).unwrap();
    store.report_denials(&range).unwrap();
    store.report_plans().unwrap();
    store.report_productivity(&range).unwrap();
    store.report_underpaid(&range).unwrap();
    store
        .collections_worklist(&CollectionsFilter {
            days_without_payment: 30,
            min_balance: Money::ZERO,
            include_sent: true,
        })
        .unwrap();
    store
        .statement_candidates(&StatementFilter {
            statement_date: today,
            min_balance: Money::ZERO,
            days_since_last: 0,
            include_holds: true,
            include_collections: true,
            final_notice_only: false,
        })
        .unwrap();
}

/// The writes the demo generator does not make, and the reads of the record screens: a refund,
/// a paper EOB, an 837P batch (control numbers reserved, claims marked submitted, the
/// interchange recorded), the clearinghouse's 999 and 277CA for it, a patient made inactive
/// and active again.
/// Medicare chiropractic care: an episode and an ABN saved (and saved again), a visit linked to
/// the episode (box 14 and the ABN flag from them), its claim read and scrubbed, the lists.
fn medicare_care(store: &mut Store, today: chrono::NaiveDate) {
    use claimdesk_core::chiro_care::{Abn, AbnOption, AbnService, CareEpisode};
    let actor = Actor::user("tester", Source::App);
    let ready = store.list_claims(&ClaimQueue::Status { status: ClaimStatus::Ready }).unwrap();
    let data = store.claim_data(ready.first().expect("a ready claim").id).unwrap();
    let patient_id = data.patient.id.unwrap();
    let episode = CareEpisode {
        id: None,
        patient_id,
        subluxation: "M99.03".into(),
        initiation_date: Some(today - Duration::days(60)),
        maintenance_from: Some(today - Duration::days(20)),
        notes: String::new(),
    };
    let episode = store.save_care_episode(&episode).unwrap();
    store.save_care_episode(&episode).unwrap();
    let abn = Abn {
        id: None,
        patient_id,
        signed_on: Some(today - Duration::days(21)),
        option: Some(AbnOption::BillMedicare),
        reason: "Maintenance care".into(),
        services: vec![AbnService {
            code: "98940".into(),
            description: "Spinal manipulation".into(),
            estimated_cost: Money::from_cents(4500),
        }],
        additional_info: String::new(),
    };
    let abn = store.save_abn(&abn).unwrap();
    store.save_abn(&abn).unwrap();
    let mut visit = data.visit.clone();
    visit.id = None;
    visit.episode_id = episode.id;
    for l in visit.lines.iter_mut() {
        l.id = None;
    }
    let visit = store.save_visit(&visit, &actor).unwrap();
    let claim = store.create_claim(visit.id.unwrap(), 1, &actor).unwrap();
    store.claim_data(claim.id).unwrap();
    store.scrub_claim(claim.id, &actor).unwrap();
    store.care_episodes_for_patient(patient_id, today).unwrap();
    store.abns_for_patient(patient_id, today).unwrap();
    store.get_abn(abn.id.unwrap(), today).unwrap();
    store.care_on(episode.id.unwrap(), today, "98940").unwrap();
}

fn other_writes(store: &mut Store, options: &DemoOptions) {
    let today = options.today;
    let claims = |store: &Store, status| store.list_claims(&ClaimQueue::Status { status }).unwrap();

    medicare_care(store, today);

    // An overpayment, and its credit paid back.
    let patient_id = 7;
    let due = store.account_balance(patient_id).unwrap().patient_due.max(Money::ZERO);
    let payment = PaymentInput {
        patient_id,
        received_on: Some(today),
        method: PaymentMethod::Check,
        reference: "1234".into(),
        amount: due + Money::from_cents(5000),
        apply: ApplyTo::OldestFirst,
    };
    store.post_patient_payment(&payment, &Actor::user("tester", Source::App)).unwrap();
    let credit = -store.account_balance(patient_id).unwrap().patient_due;
    store.refund_credit(patient_id, credit, "CHK 99", "overpaid", &Actor::user("tester", Source::App)).unwrap();

    // A paper EOB denying a submitted claim, keyed line by line.
    let sent = claims(store, ClaimStatus::Submitted);
    let claim = sent.first().expect("a submitted claim");
    let billed = store.claim_billed_lines(claim.id).unwrap();
    store.line_balance(billed[0].0.service_line_id).unwrap();
    let lines: Vec<LineAdjudication> = billed
        .iter()
        .map(|(b, units)| LineAdjudication {
            procedure: b.code.clone(),
            modifiers: b.modifiers.clone(),
            submitted_procedure: None,
            service_date: Some(b.service_date),
            line_control_number: Some(b.line_control_number.clone()),
            charge: b.charge,
            paid: Money::ZERO,
            units: Some(*units),
            allowed: None,
            adjustments: vec![CasAdjustment {
                group: "CO".into(),
                reason: "16".into(),
                amount: b.charge,
                quantity: None,
            }],
            remarks: vec![],
        })
        .collect();
    let eob = ClaimAdjudication {
        control_number: claim.control_number.clone(),
        status_code: "4".into(),
        charge: lines.iter().map(|l| l.charge).sum(),
        paid: Money::ZERO,
        patient_responsibility: Money::ZERO,
        payer_claim_number: "EOB0001".into(),
        adjustments: vec![],
        remarks: vec!["N290".into()],
        crossover_payer: None,
        lines,
    };
    store.post_eob(&eob, today, &Actor::user("tester", Source::App)).unwrap();

    // An 837P batch: what export_837 asks of the store, then the clearinghouse's answers.
    let ready: Vec<i64> = claims(store, ClaimStatus::Ready).iter().take(2).map(|c| c.id).collect();
    assert_eq!(ready.len(), 2, "two ready claims to send");
    let _ = store.clearinghouse(None);
    for &id in &ready {
        store.claim_data(id).unwrap();
        store.line_control_numbers(id).unwrap();
        store.prior_payment(id).unwrap();
        store.claim_summary(id).unwrap();
    }
    let numbers = store.reserve_control_numbers(1).unwrap();
    store
        .with_tx(|tx| {
            let batch = tx.mark_submitted(&ready, "electronic", "batch.837", Source::App)?;
            tx.record_interchange(batch, numbers, None)
        })
        .unwrap();
    store.apply_group_ack(numbers.group, true, &[], &Actor::user("tester", Source::App)).unwrap();
    let control = |id: i64| store.claim_data(id).unwrap().control_number;
    let acks = [
        ClaimAckInput {
            control_number: control(ready[0]),
            accepted: true,
            payer_claim_number: Some("PCN0001".into()),
            reasons: vec![],
        },
        ClaimAckInput {
            control_number: control(ready[1]),
            accepted: false,
            payer_claim_number: None,
            reasons: vec!["A7:21 missing subscriber ID".into()],
        },
    ];
    store.apply_claim_acks(&acks, &Actor::user("tester", Source::App)).unwrap();

    // The record screens.
    let patient = store.get_patient(patient_id).unwrap();
    store.get_patient_by_account(&patient.account_number).unwrap();
    store.set_patient_active(patient_id, false, "moved away").unwrap();
    store.set_patient_active(patient_id, true, "").unwrap();
    store.statement_mailing(patient_id).unwrap();
    store.plan_coverable_balance(patient_id, &[]).unwrap();
    store.get_visit(1).unwrap();
    let payer = store.get_payer(1).unwrap();
    store.find_payer(&payer.name).unwrap();
    let provider_id = store.list_providers().unwrap()[0].id.unwrap();
    store.get_provider(provider_id).unwrap();
}

/// The Claims screen: every queue, each filter alone and together, a first and a later page.
fn claims_list_pages(store: &Store, options: &DemoOptions) {
    let today = options.today;
    let queues = [
        ClaimQueue::All,
        ClaimQueue::Status { status: ClaimStatus::Paid },
        ClaimQueue::Ready,
        ClaimQueue::ScrubberErrors,
        ClaimQueue::NoResponse { days: 30 },
    ];
    let control = store.claims_page(&ClaimQuery::queue(ClaimQueue::All)).unwrap().rows[0].control_number.clone();
    for queue in queues {
        for (text, payer_id, from, to) in [
            ("", None, None, None),
            ("smi", None, None, None),
            (control.as_str(), None, None, None),
            ("", Some(1), None, None),
            ("", None, Some(today - Duration::days(30)), Some(today)),
            ("", None, Some(today - Duration::days(30)), None),
            ("a", Some(1), Some(today - Duration::days(60)), Some(today)),
        ] {
            for offset in [0, 50] {
                let query = ClaimQuery { queue, text: text.into(), payer_id, from, to, offset, limit: 50 };
                store.claims_page(&query).unwrap();
            }
        }
    }
}

/// Columns with a handful of values whatever the practice's size (a bucket, a kind, a status,
/// a flag): on a practice `SCALE` times bigger each value matches `SCALE` times more rows.
const CATEGORICAL: &[&str] = &["bucket", "kind", "status", "removed", "active", "method", "group_code", "payer_rank"];

/// The planner's statistics as ANALYZE left them: (table, index, stat).
fn stat1_rows(conn: &Connection) -> Vec<(String, Option<String>, String)> {
    conn.prepare("SELECT tbl, idx, stat FROM sqlite_stat1")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
}

/// Gives the file the statistics of a practice `SCALE` times bigger: `ANALYZE` on the demo,
/// then every growing table's row count multiplied, and so the rows matched by an index prefix
/// made of categorical columns only; a prefix with any other column (an id, a date) keeps the
/// demo's average (a patient has as many visits in a big practice as in a small one).
fn big_practice_statistics(conn: &Connection) {
    conn.execute_batch("ANALYZE").unwrap();
    let rows = stat1_rows(conn);
    for (tbl, idx, stat) in rows {
        if SETUP_TABLES.contains(&tbl.as_str()) {
            continue;
        }
        let columns: Vec<String> = match &idx {
            Some(idx) => conn
                .prepare("SELECT coalesce(name, '') FROM pragma_index_info(?1) ORDER BY seqno")
                .unwrap()
                .query_map([idx], |r| r.get(0))
                .unwrap()
                .map(|r| r.unwrap())
                .collect(),
            None => Vec::new(),
        };
        let mut fields = stat.split(' ');
        let Some(Ok(n)) = fields.next().map(str::parse::<i64>) else { continue };
        let mut out = vec![(n * SCALE).to_string()];
        for (k, f) in fields.enumerate() {
            let categorical = columns.get(..=k).is_some_and(|c| c.iter().all(|c| CATEGORICAL.contains(&c.as_str())));
            match f.parse::<i64>() {
                Ok(avg) if categorical => out.push((avg * SCALE).to_string()),
                _ => out.push(f.to_string()),
            }
        }
        conn.execute(
            "UPDATE sqlite_stat1 SET stat = ?3 WHERE tbl = ?1 AND idx IS ?2",
            rusqlite::params![tbl, idx, out.join(" ")],
        )
        .unwrap();
    }
}

fn plan(conn: &Connection, sql: &str) -> Vec<String> {
    let mut explain = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    // The plan is made when the statement is prepared, not from the values bound.
    let values = rusqlite::params_from_iter(std::iter::repeat_n(rusqlite::types::Null, explain.parameter_count()));
    explain.query_map(values, |r| r.get::<_, String>(3)).unwrap().map(|r| r.unwrap()).collect()
}

/// Statements allowed to read a growing table whole, by a piece of their text, each with why.
/// A practice-wide list or report reads what it lists; nothing here runs when one visit is
/// saved, one payment posted or one account opened.
const ALLOWED: &[(&str, &str)] = &[
    // AR aging (by payer, by guarantor) reads every open line of a bucket: the partial index of
    // open balances, then the entries after "as of" by date. It reports every open line.
    ("FROM ledger_balances\n        WHERE bucket = ?2 AND amount_cents <> 0", "AR aging reports every open line"),
    // Statement runs and the collections worklist go through every account with its balances
    // (open balances only) and every guarantor's name: a practice-wide run.
    ("FROM ledger_balances WHERE amount_cents <> 0", "statement run / worklist: every account"),
    ("SELECT id, first_name, last_name FROM responsible_parties", "statement run: every guarantor's name"),
    // The claims list "All" and the plans report list every claim / plan.
    ("WHERE (1 = 1 OR ?1 = '')", "the claims list without a filter lists every claim"),
    ("WHERE (c.status = ?1) ORDER BY v.service_date", "a claims queue (one status) lists every claim in it"),
    // The Claims screen's list pages newest first along an index already in that order
    // (claims_newest, claims_by_status, claims_by_payer): it reads the pages before and stops at
    // the LIMIT; `a_claims_page_never_sorts_the_practice` checks that it never sorts the
    // practice to find a page. Its total counts the matching claims in an index.
    ("ORDER BY c.service_date DESC, c.id DESC LIMIT", "the claims list: one page along an index in date order"),
    ("SELECT count(*) AS matching FROM claims c", "the claims list's total: an index count, no claim read"),
    ("FROM payment_plans ORDER BY plan_number DESC, version DESC", "the plans report lists every plan"),
    // The plans screen's running plans: how each stands today (due, late) is worked out from its
    // schedule, so every running plan is read before the page is cut (`Store::plans_page`).
    ("FROM payment_plans WHERE status = 'active' ORDER BY plan_number DESC", "the plans screen: every running plan"),
];

/// Rows an index search may match on the big practice before it counts as not narrowing.
const NARROW: i64 = 5_000;

/// `stat1` of each index: its row count and the average rows matched by its first k columns.
fn index_stats(conn: &Connection) -> BTreeMap<String, Vec<i64>> {
    conn.prepare("SELECT idx, stat FROM sqlite_stat1 WHERE idx IS NOT NULL")
        .unwrap()
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .map(|(idx, stat)| (idx, stat.split(' ').filter_map(|f| f.parse().ok()).collect()))
        .collect()
}

/// The alias of a WHERE term `reversal_of IS NULL` that an index may answer (not written
/// `+alias.reversal_of IS NULL`; a `CASE WHEN ... IS NULL` in the result is no search term).
fn usable_null_reversal(sql: &str) -> Option<String> {
    sql.match_indices("reversal_of IS NULL").find_map(|(at, _)| {
        let before = &sql[..at];
        let (alias, rest) = match before.strip_suffix('.') {
            Some(b) => {
                let start = b.rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).map_or(0, |i| i + 1);
                (&b[start..], &b[..start])
            }
            None => ("ledger_entries", before),
        };
        (!rest.ends_with('+') && !rest.trim_end().ends_with("WHEN")).then(|| alias.to_string())
    })
}

/// The number of columns of `index` when it is a unique index.
fn unique_columns(index: &str) -> Option<usize> {
    UNIQUE.with(|u| u.borrow().get(index).copied())
}

thread_local! {
    static UNIQUE: std::cell::RefCell<BTreeMap<String, usize>> = const { std::cell::RefCell::new(BTreeMap::new()) };
    static PARTIAL: std::cell::RefCell<BTreeSet<String>> = const { std::cell::RefCell::new(BTreeSet::new()) };
}

/// Remembers which indexes are unique (and how many columns they have) and which are partial.
fn load_unique_indexes(conn: &Connection) {
    let rows: Vec<(String, usize)> = conn
        .prepare(
            "SELECT il.name, (SELECT count(*) FROM pragma_index_info(il.name))
             FROM sqlite_schema t, pragma_index_list(t.name) il WHERE t.type = 'table' AND il.\"unique\"",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as usize)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    UNIQUE.with(|u| u.borrow_mut().extend(rows));
    let partial: Vec<String> = conn
        .prepare(
            "SELECT il.name FROM sqlite_schema t, pragma_index_list(t.name) il WHERE t.type = 'table' AND il.partial",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    PARTIAL.with(|p| p.borrow_mut().extend(partial));
}

/// What is wrong with one step of a plan, if anything. `local` are the names of the plan's
/// own subqueries, views and CTEs (reading them is not reading a table).
fn step_problem(sql: &str, step: &str, local: &BTreeSet<String>, stats: &BTreeMap<String, Vec<i64>>) -> Option<String> {
    let mut words = step.split(' ');
    let verb = words.next()?;
    let name = words.next()?.to_string();
    if local.contains(&name) || name.starts_with('(') || name == "CONSTANT" || SETUP_TABLES.contains(&name.as_str()) {
        return None;
    }
    let table_of = |name: &str| -> String {
        // The plan names a table by its alias: find `table alias` in the statement.
        let sql = sql.replace(['\n', '\t'], " ");
        let words: Vec<&str> = sql.split(' ').filter(|w| !w.is_empty()).collect();
        words
            .windows(2)
            .find(|w| {
                w[1] == name
                    && (w[0].chars().all(|c| c.is_ascii_lowercase() || c == '_'))
                    && !matches!(w[0], "as" | "on" | "and" | "or" | "join" | "from")
            })
            .map(|w| w[0].to_string())
            .unwrap_or_else(|| name.to_string())
    };
    if SETUP_TABLES.contains(&table_of(&name).as_str()) {
        return None;
    }
    match verb {
        "SCAN" if step.contains("VIRTUAL TABLE INDEX") && step.contains(':') && !step.ends_with(':') => None,
        // A partial index holds the open items only (open balances, unresolved exceptions).
        "SCAN" if step.split(" INDEX ").nth(1).is_some_and(|i| PARTIAL.with(|p| p.borrow().contains(i))) => None,
        "SCAN" => Some(format!("reads {} whole", table_of(&name))),
        "SEARCH" => {
            if step.contains("AUTOMATIC") {
                return Some("builds a temporary index (no index of its own)".into());
            }
            let index = step.split(" INDEX ").nth(1)?.split(' ').next()?;
            let within = step.rsplit_once('(')?.1.trim_end_matches(')');
            let equal = within.split(" AND ").take_while(|t| t.ends_with("=?")).count();
            let ranged = within.split(" AND ").count() > equal;
            let stat = stats.get(index)?;
            // `=` on every column of a unique index is one row (`reversal_of IS NULL` is
            // caught from the statement's text in `check_plans`).
            if unique_columns(index).is_some_and(|n| n == equal) {
                return None;
            }
            let rows = *stat.get(equal).unwrap_or(&1);
            (equal > 0 && !ranged && rows > NARROW).then(|| format!("{index} ({within}) matches about {rows} rows"))
        }
        _ => None,
    }
}

/// Plans every statement on `conn`; returns how many were checked and each one whose plan
/// reads a growing table unnarrowed, with the allowlist entry that excuses it if any.
fn check_plans(
    conn: &Connection,
    statements: &BTreeSet<String>,
    stats: &BTreeMap<String, Vec<i64>>,
    with: &str,
) -> (usize, Vec<(Option<&'static str>, String)>) {
    let mut problems = Vec::new();
    let mut checked = 0;
    for sql in statements {
        let head = sql.trim_start().to_ascii_uppercase();
        let dml = ["SELECT", "WITH", "UPDATE", "DELETE", "INSERT"].iter().any(|k| head.starts_with(k));
        // FTS5's own statements on its shadow tables are SQLite's, not the store's.
        if !dml || sql.contains("'main'.'patient_search") {
            continue;
        }
        checked += 1;
        let steps = plan(conn, sql);
        let local: BTreeSet<String> = steps
            .iter()
            .filter_map(|s| s.strip_prefix("CO-ROUTINE ").or_else(|| s.strip_prefix("MATERIALIZE ")))
            .map(|s| s.to_string())
            .collect();
        let mut found: Vec<String> =
            steps.iter().filter_map(|s| step_problem(sql, s, &local, stats).map(|why| format!("{s}: {why}"))).collect();
        // Whatever this SQLite plans: the bundled one goes through the other index, the
        // system's sqlite3 3.40 through the unique index on reversal_of (nearly every entry).
        if let Some(alias) = usable_null_reversal(sql) {
            found.push(format!("`{alias}.reversal_of IS NULL` can be answered through the unique index: write it `+{alias}.reversal_of`"));
        }
        if found.is_empty() {
            continue;
        }
        let allowed = ALLOWED.iter().find(|(key, _)| sql.contains(key)).map(|(key, _)| *key);
        problems.push((allowed, format!("[{with}]\n{sql}\n  {}\n  plan: {steps:#?}", found.join("\n  "))));
    }
    (checked, problems)
}

#[test]
fn no_statement_reads_a_growing_table_without_narrowing_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("practice.claimdesk");
    let options = DemoOptions { patients: 160, ..DemoOptions::default() };
    let mut store = Store::create(&path, &demo_practice(options.specialty)).unwrap();
    let statements = main_statements(&mut store, &options);
    drop(store);

    // How many rows each index prefix matches on a big practice: what a search is judged by.
    let conn = Connection::open(&path).unwrap();
    load_unique_indexes(&conn);
    big_practice_statistics(&conn);
    let stats = index_stats(&conn);
    let saved = stat1_rows(&conn);
    // Planned as practice files are today (the store never runs ANALYZE): SQLite's guesses.
    conn.execute("DELETE FROM sqlite_stat1", []).unwrap();
    drop(conn);
    let conn = Connection::open(&path).unwrap();
    let (checked, mut problems) = check_plans(&conn, &statements, &stats, "no statistics");
    // Planned with the statistics of a big practice (as after ANALYZE or PRAGMA optimize).
    for (tbl, idx, stat) in &saved {
        conn.execute(
            "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?1, ?2, ?3)",
            rusqlite::params![tbl, idx, stat],
        )
        .unwrap();
    }
    drop(conn);
    let conn = Connection::open(&path).unwrap();
    let (_, more) = check_plans(&conn, &statements, &stats, "a big practice's statistics");
    problems.extend(more);
    let allowed_used: BTreeSet<&str> = problems.iter().filter_map(|(key, _)| *key).collect();
    let problems: Vec<String> = problems.into_iter().filter(|(key, _)| key.is_none()).map(|(_, p)| p).collect();
    assert!(checked > 150, "only {checked} statements seen");
    assert!(
        problems.is_empty(),
        "{} statements read a growing table unnarrowed:\n\n{}",
        problems.len(),
        problems.join("\n\n")
    );
    let unused: Vec<&&str> = ALLOWED.iter().map(|(k, _)| k).filter(|k| !allowed_used.contains(**k)).collect();
    assert!(unused.is_empty(), "allowlist entries no statement needs any more: {unused:#?}");
}

/// A page of the claims list is found without sorting the practice: a filter without typed
/// text walks an index already in date order (no temporary sort); typed text gathers its few
/// claims first and only those are sorted (each read by its id).
#[test]
fn a_claims_page_never_sorts_the_practice() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("practice.claimdesk");
    let options = DemoOptions { patients: 60, ..DemoOptions::default() };
    let mut store = Store::create(&path, &demo_practice(options.specialty)).unwrap();
    populate_with(&mut store, &options, &DemoActivity { visits: 80 }).unwrap();
    let statements = traced(&mut store, |store| claims_list_pages(store, &options));
    drop(store);
    let conn = Connection::open(&path).unwrap();
    big_practice_statistics(&conn);
    drop(conn);
    let conn = Connection::open(&path).unwrap();
    let pages: Vec<&String> =
        statements.iter().filter(|s| s.contains("ORDER BY c.service_date DESC, c.id DESC LIMIT")).collect();
    assert!(pages.len() >= 20, "only {} page statements seen", pages.len());
    let mut problems = Vec::new();
    for sql in pages {
        let steps = plan(&conn, sql);
        let typed = sql.contains("patient_search") || sql.contains("control_number >=");
        let outer =
            steps.iter().find(|s| s.starts_with("SCAN c ") || s.starts_with("SEARCH c ")).cloned().unwrap_or_default();
        let ok = if typed {
            outer.starts_with("SEARCH c USING INTEGER PRIMARY KEY")
        } else {
            !steps.iter().any(|s| s.contains("TEMP B-TREE"))
        };
        if !ok {
            problems.push(format!("{sql}\n  plan: {steps:#?}"));
        }
    }
    assert!(problems.is_empty(), "claims pages that sort or test every claim:\n\n{}", problems.join("\n\n"));
}
