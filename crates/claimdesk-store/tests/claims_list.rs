//! The claims list at practice scale on a real practice file: newest first, a page at a time,
//! with the matching total, filtered by queue, typed text, payer and dates of service.

mod common;
use claimdesk_store::Actor;
use common::*;

use claimdesk_core::claims::ClaimStatus;
use claimdesk_core::*;
use claimdesk_store::{ClaimPage, ClaimQuery, ClaimQueue, Source, Store, StoreError, CLAIM_PAGE_MAX};

struct Office {
    store: Store,
    acme: i64,
    blue: i64,
    /// (claim id, control number, account number, patient, payer id, date of service), in the order built.
    claims: Vec<(i64, String, String, &'static str, i64, chrono::NaiveDate)>,
}

/// Three patients (Doe and Smithers with Acme, Smith with Blue Shield), two visits each,
/// Doe's and Smith's second visits on the same day; every claim is built (draft), Smith's
/// first one is then made ready.
fn office(dir: &std::path::Path) -> Office {
    let (mut store, acme) = store_with_payer(dir, "list.claimdesk");
    let blue = store.save_payer(&payer("Blue Shield", "BLUE1", PayerKind::Commercial)).unwrap().id.unwrap();
    let provider = store.save_provider(&provider("Nguyen", "1679576722")).unwrap().id.unwrap();
    let mut claims = Vec::new();
    let people: [(&str, &str, i64, [chrono::NaiveDate; 2]); 3] = [
        ("Doe", "Jane", acme, [d(2026, 9, 1), d(2026, 10, 5)]),
        ("Smith", "John", blue, [d(2026, 9, 15), d(2026, 10, 5)]),
        ("Smithers", "Ann", acme, [d(2026, 8, 20), d(2026, 11, 1)]),
    ];
    for (last, first, payer_id, days) in people {
        let mut p = patient(last, first, d(1970, 1, 2));
        p.policies.push(policy(payer_id, &format!("M{last}")));
        let p = store.save_patient(&p, &Actor::user("tester", Source::App)).unwrap();
        for day in days {
            let v =
                store.save_visit(&visit(p.id.unwrap(), provider, day), &Actor::user("tester", Source::App)).unwrap();
            let c = store.create_claim(v.id.unwrap(), 1, &Actor::user("tester", Source::App)).unwrap();
            claims.push((c.id, c.control_number, p.account_number.clone(), last, payer_id, day));
        }
    }
    let smith_first = claims[2].0;
    store.set_claim_status(smith_first, ClaimStatus::Ready, "", &Actor::user("tester", Source::App)).unwrap();
    Office { store, acme, blue, claims }
}

fn query() -> ClaimQuery {
    ClaimQuery::queue(ClaimQueue::All)
}

fn ids(page: &ClaimPage) -> Vec<i64> {
    page.rows.iter().map(|c| c.id).collect()
}

/// The office's claims that pass `keep`, newest first as the list orders them.
fn expected(
    o: &Office,
    keep: impl Fn(&(i64, String, String, &'static str, i64, chrono::NaiveDate)) -> bool,
) -> Vec<i64> {
    let mut list: Vec<_> = o.claims.iter().filter(|c| keep(c)).map(|c| (c.5, c.0)).collect();
    list.sort_by(|a, b| b.cmp(a));
    list.into_iter().map(|(_, id)| id).collect()
}

#[test]
fn the_list_runs_newest_first_and_pages_add_up_to_the_whole() {
    let dir = tempfile::tempdir().unwrap();
    let o = office(dir.path());
    let all = o.store.claims_page(&query()).unwrap();
    assert_eq!(all.total, 6);
    assert_eq!(ids(&all), expected(&o, |_| true));
    let dates: Vec<_> = all.rows.iter().map(|c| c.service_date).collect();
    assert_eq!(dates[0], d(2026, 11, 1));
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    // Same day: the newer claim (Smith's, built after Doe's) first.
    assert_eq!(all.rows[1].patient_name, "Smith, John");
    assert_eq!(all.rows[2].patient_name, "Doe, Jane");

    let mut paged = Vec::new();
    for offset in [0, 4] {
        let page = o.store.claims_page(&ClaimQuery { offset, limit: 4, ..query() }).unwrap();
        assert_eq!(page.total, 6, "every page tells the whole count");
        assert_eq!(page.offset, offset);
        paged.extend(ids(&page));
    }
    assert_eq!(paged, ids(&all));
    let past = o.store.claims_page(&ClaimQuery { offset: 6, limit: 4, ..query() }).unwrap();
    assert!(past.rows.is_empty());
    assert_eq!(past.total, 6);
}

#[test]
fn filters_narrow_the_list_and_its_total() {
    let dir = tempfile::tempdir().unwrap();
    let o = office(dir.path());
    let page = |q: ClaimQuery| o.store.claims_page(&q).unwrap();

    let acme = page(ClaimQuery { payer_id: Some(o.acme), ..query() });
    assert_eq!(ids(&acme), expected(&o, |c| c.4 == o.acme));
    assert_eq!(acme.total, 4);
    assert_eq!(page(ClaimQuery { payer_id: Some(o.blue), ..query() }).total, 2);

    let october = page(ClaimQuery { from: Some(d(2026, 10, 1)), to: Some(d(2026, 10, 31)), ..query() });
    assert_eq!(ids(&october), expected(&o, |c| c.5 >= d(2026, 10, 1) && c.5 <= d(2026, 10, 31)));
    assert_eq!(october.total, 2);
    // Both ends are included.
    assert_eq!(page(ClaimQuery { from: Some(d(2026, 9, 1)), to: Some(d(2026, 9, 1)), ..query() }).total, 1);
    assert_eq!(page(ClaimQuery { from: Some(d(2026, 10, 6)), ..query() }).total, 1);

    let ready = page(ClaimQuery::queue(ClaimQueue::Ready));
    assert_eq!(ids(&ready), vec![o.claims[2].0]);
    let drafts = page(ClaimQuery::queue(ClaimQueue::Status { status: ClaimStatus::Draft }));
    assert_eq!(drafts.total, 5);
    assert!(!ids(&drafts).contains(&o.claims[2].0));

    // Typed text: a patient's name (prefix, so "smith" finds Smith and Smithers), an
    // account number, or a claim number or its first digits.
    let smith = page(ClaimQuery { text: "smith".into(), ..query() });
    assert_eq!(ids(&smith), expected(&o, |c| c.3.starts_with("Smith")));
    let smithers = page(ClaimQuery { text: "  Smithers ".into(), ..query() });
    assert_eq!(ids(&smithers), expected(&o, |c| c.3 == "Smithers"));
    let doe_account = &o.claims[0].2;
    assert_eq!(ids(&page(ClaimQuery { text: doe_account.clone(), ..query() })), expected(&o, |c| c.3 == "Doe"));
    let control = &o.claims[3].1;
    assert_eq!(ids(&page(ClaimQuery { text: control.clone(), ..query() })), vec![o.claims[3].0]);
    let prefix = &control[..control.len() - 1];
    let by_prefix = page(ClaimQuery { text: prefix.into(), ..query() });
    assert_eq!(ids(&by_prefix), expected(&o, |c| c.1.starts_with(prefix)));
    assert!(by_prefix.total >= 1);
    assert_eq!(page(ClaimQuery { text: "nobody".into(), ..query() }).total, 0);

    // Filters add up: Acme's claims of patients named Smith* in November.
    let combined =
        page(ClaimQuery { text: "smith".into(), payer_id: Some(o.acme), from: Some(d(2026, 11, 1)), ..query() });
    assert_eq!(ids(&combined), vec![o.claims[5].0]);
    assert_eq!(combined.total, 1);
}

#[test]
fn a_backwards_date_range_is_refused_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let o = office(dir.path());
    match o.store.claims_page(&ClaimQuery { from: Some(d(2026, 10, 2)), to: Some(d(2026, 10, 1)), ..query() }) {
        Err(StoreError::Invalid(inv)) => assert_eq!(inv.0[0].field, "to"),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn a_visit_moved_to_another_day_moves_its_claim_in_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let mut o = office(dir.path());
    // Doe's first visit (9/1, still a draft claim) was really on 11/3: now the newest.
    let (claim, visit_id) = {
        let c = o.store.claims_page(&query()).unwrap().rows.into_iter().find(|c| c.id == o.claims[0].0).unwrap();
        (c.id, c.visit_id)
    };
    let mut v = o.store.get_visit(visit_id).unwrap();
    v.service_date = Some(d(2026, 11, 3));
    for l in &mut v.lines {
        l.service_from = Some(d(2026, 11, 3));
        l.service_to = Some(d(2026, 11, 3));
    }
    o.store.save_visit(&v, &Actor::user("tester", Source::App)).unwrap();
    let first = &o.store.claims_page(&query()).unwrap().rows[0];
    assert_eq!((first.id, first.service_date), (claim, d(2026, 11, 3)));
    let november = o.store.claims_page(&ClaimQuery { from: Some(d(2026, 11, 2)), ..query() }).unwrap();
    assert_eq!(ids(&november), vec![claim]);
}

#[test]
fn no_page_holds_more_than_the_cap_whatever_is_asked() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, acme) = store_with_payer(dir.path(), "cap.claimdesk");
    let provider = store.save_provider(&provider("Nguyen", "1679576722")).unwrap().id.unwrap();
    let mut p = patient("Doe", "Jane", d(1970, 1, 2));
    p.policies.push(policy(acme, "M1"));
    let patient_id = store.save_patient(&p, &Actor::user("tester", Source::App)).unwrap().id.unwrap();
    let count = CLAIM_PAGE_MAX as usize + 3;
    for n in 0..count {
        let mut v = visit(patient_id, provider, d(2026, 1, 1) + chrono::Duration::days((n % 300) as i64));
        v.lines.truncate(1);
        let v = store.save_visit(&v, &Actor::user("tester", Source::App)).unwrap();
        store.create_claim(v.id.unwrap(), 1, &Actor::user("tester", Source::App)).unwrap();
    }
    for limit in [0, CLAIM_PAGE_MAX + 1, u32::MAX] {
        let page = store.claims_page(&ClaimQuery { limit, ..query() }).unwrap();
        assert_eq!(page.rows.len(), CLAIM_PAGE_MAX as usize, "limit {limit}");
        assert_eq!(page.total as usize, count);
    }
    let rest = store.claims_page(&ClaimQuery { offset: CLAIM_PAGE_MAX, limit: 100, ..query() }).unwrap();
    assert_eq!(rest.rows.len(), 3);
}
