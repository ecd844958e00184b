//! The lists a screen shows come one page at a time: at most `LIST_PAGE_MAX` rows (or fewer
//! when fewer are asked), the total of matching rows beside them, and the next page where the
//! last one ended. Fees, remittance exceptions, plans, the collections worklist, undeposited
//! payments and statement candidates.

mod common;
use common::*;

use claimdesk_core::FeeEntry;
use claimdesk_store::{
    Actor, CollectionsFilter, FeeFilter, FeeSchedule, Page, PageRequest, PaymentMethod, PlanFilter, RemittanceInput,
    Source, StatementFilter, Store, LIST_PAGE_MAX,
};

fn tester() -> Actor {
    Actor::user("tester", Source::App)
}

/// A practice of `n` insured patients, each owing 100.00 on a denied visit of 11/02/2026.
fn owing_practice(dir: &std::path::Path, n: usize) -> (Store, Vec<i64>) {
    let (mut store, payer_id) = store_with_payer(dir, "pages.claimdesk");
    let provider = store.save_provider(&provider("Nguyen", "1679576722")).unwrap().id.unwrap();
    let mut patients = Vec::new();
    for i in 0..n {
        let mut p = patient("Doe", &format!("Jane{i}"), d(1980, 5, 17));
        p.policies.push(policy(payer_id, &format!("XYZ{i}")));
        let id = store.save_patient(&p, &tester()).unwrap().id.unwrap();
        let (_, claim) = send_visit(&mut store, id, provider, d(2026, 11, 2), "b.pdf");
        store.post_eob(&denied(&claim.control_number), d(2026, 11, 15), &tester()).unwrap();
        patients.push(id);
    }
    (store, patients)
}

/// Reads every page of a list of `total` rows `size` at a time; checks each page's bound and
/// total, and returns the rows in order.
fn all_pages<T: Clone>(size: u32, mut read: impl FnMut(PageRequest) -> Page<T>) -> Vec<T> {
    let mut at = PageRequest::new(0, size);
    let mut rows = Vec::new();
    loop {
        let page = read(at);
        assert!(page.rows.len() <= size as usize, "a page of {size} holds {}", page.rows.len());
        assert_eq!(page.offset, at.offset);
        rows.extend(page.rows.iter().cloned());
        if !page.has_more() {
            assert_eq!(rows.len(), page.total as usize, "the pages hold the total");
            return rows;
        }
        at = at.next();
    }
}

#[test]
fn the_fee_schedule_comes_a_page_at_a_time_with_the_matching_total() {
    let mut store = Store::open_in_memory(&practice("Riverside Family Medicine")).unwrap();
    let count = LIST_PAGE_MAX as usize + 3;
    for i in 0..count {
        let entry = FeeEntry {
            id: None,
            payer_id: None,
            schedule_name: String::new(),
            code: format!("9{i:04}"),
            modifier: String::new(),
            description: format!("Service {i}"),
            amount: m(1000 + i as i64),
            effective_from: Some(d(2026, 1, 1)),
            effective_to: None,
        };
        store.save_fee(&entry).unwrap();
    }
    let all = FeeFilter::default();
    // Whatever is asked, a page holds at most LIST_PAGE_MAX, and says how many match.
    for limit in [0, LIST_PAGE_MAX + 1, u32::MAX] {
        let page = store.fees_page(&all, PageRequest::new(0, limit)).unwrap();
        assert_eq!((page.rows.len(), page.total), (LIST_PAGE_MAX as usize, count as u32), "limit {limit}");
        assert!(page.has_more());
    }
    let rest = store.fees_page(&all, PageRequest::FIRST.next()).unwrap();
    assert_eq!((rest.rows.len(), rest.total, rest.offset), (3, count as u32, LIST_PAGE_MAX));
    assert!(!rest.has_more());
    // The pages, in order, are the whole list the CSV export writes.
    assert_eq!(all_pages(LIST_PAGE_MAX, |at| store.fees_page(&all, at).unwrap()), store.list_fees(&all).unwrap());
    // A code prefix narrows the total too.
    let narrowed = FeeFilter { schedule: FeeSchedule::Standard, code_prefix: "900".into() };
    let page = store.fees_page(&narrowed, PageRequest::new(0, 10)).unwrap();
    assert_eq!((page.rows.len(), page.total), (10, 100));
    assert!(page.rows.iter().all(|f| f.code.starts_with("900")));
}

#[test]
fn remittance_exceptions_come_a_page_at_a_time_oldest_first() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = owing_practice(dir.path(), 0);
    // Payments for claims the practice never sent: each one an exception.
    let claims: Vec<_> = (0..5).map(|i| eob(&format!("NOSUCH{i}"), 1000, 1500, 0, "1")).collect();
    let input = RemittanceInput {
        payer_key: "ACME1".into(),
        payer_name: "Acme Health".into(),
        trace_number: "TRACE1".into(),
        payment_method: "CHK".into(),
        total_paid: m(5000),
        payment_date: d(2026, 11, 20),
        file_name: "era.835".into(),
        claims,
        provider_adjustments: vec![],
    };
    store.post_remittances(&[input], &tester(), false).unwrap();
    let first = store.remittance_exceptions_page(PageRequest::new(0, 2)).unwrap();
    assert_eq!((first.rows.len(), first.total), (2, 5));
    assert_eq!(first.rows[0].control_number, "NOSUCH0");
    let rows = all_pages(2, |at| store.remittance_exceptions_page(at).unwrap());
    assert_eq!(rows, store.list_remittance_exceptions().unwrap());
}

#[test]
fn plans_come_a_page_at_a_time_with_the_total() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, patients) = owing_practice(dir.path(), 3);
    for &p in &patients {
        store.create_plan(&input(p)).unwrap();
    }
    for filter in [PlanFilter::All, PlanFilter::Active] {
        let page = store.plans_page(filter, PageRequest::new(0, 2)).unwrap();
        assert_eq!((page.rows.len(), page.total), (2, 3), "{filter:?}");
        let rows = all_pages(2, |at| store.plans_page(filter, at).unwrap());
        assert_eq!(rows, store.list_plans(filter).unwrap(), "{filter:?}");
    }
    let none = store.plans_page(PlanFilter::Delinquent, PageRequest::FIRST).unwrap();
    assert_eq!((none.rows.len(), none.total), (0, 0));
}

#[test]
fn statement_candidates_and_the_worklist_come_a_page_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = owing_practice(dir.path(), 5);
    store.set_today(d(2027, 6, 1));
    let filter = StatementFilter {
        statement_date: d(2027, 6, 1),
        min_balance: m(0),
        days_since_last: 0,
        include_holds: true,
        include_collections: true,
        final_notice_only: false,
    };
    let page = store.statement_candidates_page(&filter, PageRequest::new(0, 2)).unwrap();
    assert_eq!((page.rows.len(), page.total), (2, 5));
    let rows = all_pages(2, |at| store.statement_candidates_page(&filter, at).unwrap());
    assert_eq!(rows, store.statement_candidates(&filter).unwrap(), "the run still sees every account");

    let worklist = CollectionsFilter { days_without_payment: 30, min_balance: m(500), include_sent: true };
    let page = store.collections_page(&worklist, PageRequest::new(0, 2)).unwrap();
    assert_eq!((page.rows.len(), page.total), (2, 5));
    let rows = all_pages(2, |at| store.collections_page(&worklist, at).unwrap());
    assert_eq!(rows, store.collections_worklist(&worklist).unwrap());
}

#[test]
fn undeposited_payments_come_a_page_at_a_time_oldest_first() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, patients) = owing_practice(dir.path(), 1);
    for day in 16..21 {
        pay(&mut store, patients[0], 1000, d(2026, 11, day), PaymentMethod::Cash);
    }
    let page = store.undeposited_page(None, PageRequest::new(0, 2)).unwrap();
    assert_eq!((page.rows.len(), page.total), (2, 5));
    assert_eq!(page.rows[0].received_on, d(2026, 11, 16));
    let rows = all_pages(2, |at| store.undeposited_page(None, at).unwrap());
    assert_eq!(rows, store.list_undeposited_payments(None).unwrap());
}

#[test]
fn the_unbilled_visits_come_a_page_at_a_time_oldest_first_with_how_many_wait() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, payer_id) = store_with_payer(dir.path(), "unbilled.claimdesk");
    let provider = store.save_provider(&provider("Nguyen", "1679576722")).unwrap().id.unwrap();
    let mut p = patient("Doe", "Jane", d(1980, 5, 17));
    p.policies.push(policy(payer_id, "XYZ1"));
    let id = store.save_patient(&p, &tester()).unwrap().id.unwrap();
    for day in 1..=7 {
        store.save_visit(&visit(id, provider, d(2026, 10, day)), &tester()).unwrap();
    }
    let first = store.unbilled_visits_page(PageRequest::new(0, 3)).unwrap();
    assert_eq!((first.rows.len(), first.total), (3, 7));
    let rows = all_pages(3, |at| store.unbilled_visits_page(at).unwrap());
    let days: Vec<_> = rows.iter().map(|v| v.service_date).collect();
    assert_eq!(days, (1..=7).map(|day| d(2026, 10, day)).collect::<Vec<_>>(), "oldest first");
    assert_eq!(rows.len(), store.list_unbilled_visits().unwrap().len());
}
