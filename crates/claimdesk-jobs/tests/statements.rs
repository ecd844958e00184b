//! Statement runs on a demo practice file (with posted remittances, so patients owe money):
//! who gets a statement, what it says, the PDF, the recorded run and reprints.

use chrono::NaiveDate;
use claimdesk_core::{Money, Responsible};
use claimdesk_demo::{create_demo_with, DemoActivity, DemoOptions, Specialty};
use claimdesk_jobs::statements::practice_contact;
use claimdesk_jobs::{reprint_statement, run_statements, JobError, StatementRunRequest};
use claimdesk_store::Actor;
use claimdesk_store::{
    HeldReason, MessageLevel, PageRequest, SearchOptions, Source, StatementAccount, StatementFilter, Store,
};
use std::path::Path;
use std::process::Command;

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn demo(dir: &Path, patients: usize, visits: usize) -> Store {
    let options = DemoOptions { specialty: Specialty::Physician, patients, seed: 5, today: today() };
    let (mut store, _) = create_demo_with(&dir.join("p.claimdesk"), &options, &DemoActivity { visits }).unwrap();
    store.set_today(today());
    store
}

fn filter() -> StatementFilter {
    StatementRunRequest::new(today(), "").filter
}

fn request(out: &Path) -> StatementRunRequest {
    StatementRunRequest::new(today(), out.display().to_string())
}

fn pdf_text(path: &Path, pages: Option<(usize, usize)>) -> String {
    let mut cmd = Command::new("pdftotext");
    cmd.arg("-layout");
    if let Some((first, last)) = pages {
        cmd.args(["-f", &first.to_string(), "-l", &last.to_string()]);
    }
    let out = cmd.arg(path).arg("-").output().expect("pdftotext runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn page_count(pdf: &[u8]) -> usize {
    let needle = b"/Type/Page";
    pdf.windows(needle.len() + 1).filter(|w| &w[..needle.len()] == needle && w[needle.len()] != b's').count()
}

fn keys(store: &Store, f: &StatementFilter) -> Vec<StatementAccount> {
    store.statement_candidates(f).unwrap().into_iter().map(|c| c.account).collect()
}

fn account_patient(account: StatementAccount) -> Option<i64> {
    match account {
        StatementAccount::Patient { patient_id } => Some(patient_id),
        StatementAccount::Party { .. } => None,
    }
}

#[test]
fn candidates_respect_min_balance_holds_collections_and_recent_statements() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo(dir.path(), 120, 300);
    let all = store.statement_candidates(&filter()).unwrap();
    assert!(all.len() >= 5, "the demo leaves balances to patients: {}", all.len());
    assert!(all.iter().all(|c| c.patient_due >= Money::from_cents(500)));

    // A higher minimum keeps only the larger balances.
    let high = StatementFilter { min_balance: Money::from_cents(5000), ..filter() };
    let fewer = store.statement_candidates(&high).unwrap();
    assert!(fewer.len() < all.len());
    assert!(fewer.iter().all(|c| c.patient_due >= Money::from_cents(5000)));
    let none = StatementFilter { min_balance: Money::from_cents(1), ..filter() };
    assert!(store.statement_candidates(&none).unwrap().len() >= all.len());

    // A hold skips the account unless holds are included; releasing it brings it back.
    let held = all.iter().find_map(|c| account_patient(c.account)).unwrap();
    store.set_statement_hold(held, "Disputing a charge").unwrap();
    let key = StatementAccount::Patient { patient_id: held };
    assert!(!keys(&store, &filter()).contains(&key));
    let with_holds = StatementFilter { include_holds: true, ..filter() };
    let got = store.statement_candidates(&with_holds).unwrap();
    assert!(got.iter().any(|c| c.account == key && c.hold));
    store.set_statement_hold(held, "").unwrap();
    assert!(keys(&store, &filter()).contains(&key));

    // Collections likewise.
    let sent = all.iter().filter_map(|c| account_patient(c.account)).nth(1).unwrap();
    store.send_to_collections(sent, "Acme Recovery").unwrap();
    let key = StatementAccount::Patient { patient_id: sent };
    assert!(!keys(&store, &filter()).contains(&key));
    assert!(keys(&store, &StatementFilter { include_collections: true, ..filter() }).contains(&key));
    assert!(store.send_to_collections(sent, " ").is_err(), "an agency is required");

    // A run right after the first skips everyone (sent within 28 days); 0 days includes them again.
    let first = run_statements(
        &mut store,
        &request(&dir.path().join("a.pdf")),
        &Actor::user("tester", Source::Cli),
        &mut |_, _| {},
    )
    .unwrap();
    assert_eq!(
        first.statements.len(),
        store.statement_candidates(&StatementFilter { days_since_last: 0, ..filter() }).unwrap().len()
    );
    assert!(store.statement_candidates(&filter()).unwrap().is_empty());
    let again = dir.path().join("b.pdf");
    let err =
        run_statements(&mut store, &request(&again), &Actor::user("tester", Source::Cli), &mut |_, _| {}).unwrap_err();
    assert!(matches!(err, JobError::Store(_)), "{err}");
    assert!(!again.exists(), "nothing written for an empty run");
    let c = &store.statement_candidates(&StatementFilter { days_since_last: 0, ..filter() }).unwrap()[0];
    assert_eq!(c.last_statement, Some(today()));
}

#[test]
fn statements_show_the_account_balance_aging_and_pending_and_reprint_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo(dir.path(), 120, 300);
    let out = dir.path().join("statements.pdf");
    let mut seen = (0, 0);
    let report =
        run_statements(&mut store, &request(&out), &Actor::user("tester", Source::Cli), &mut |d, t| seen = (d, t))
            .unwrap();
    let n = report.statements.len();
    assert!(n >= 5);
    assert_eq!(seen, (n, n));
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(bytes.len(), report.bytes);
    assert!(report.pages >= n);
    assert_eq!(report.total_due, report.statements.iter().map(|s| s.amount_due).sum());

    let text = pdf_text(&out, None);
    let mut page = 1;
    for (i, s) in report.statements.iter().enumerate() {
        let snapshot = store.statement_snapshot(s.statement_id).unwrap();
        assert_eq!(snapshot.amount_due_now, s.amount_due);
        // The account's figures.
        if let Some(patient_id) = account_patient(s.account) {
            let balance = store.account_balance(patient_id).unwrap();
            assert_eq!(snapshot.patient_balance, balance.patient_due, "{}", s.account_number);
            assert_eq!(snapshot.amount_due_now, balance.patient_due);
            assert_eq!(snapshot.insurance_pending, balance.insurance_pending);
        }
        assert_eq!(
            snapshot.aging.current + snapshot.aging.days_31_60 + snapshot.aging.days_61_90 + snapshot.aging.over_90,
            snapshot.patient_balance
        );
        assert!(snapshot.amount_due_now > Money::ZERO);
        assert_eq!(snapshot.previous_balance, Money::ZERO, "a first statement");
        // First statement: previous + charges - credits - pending = the patient balance.
        let charges: Money = snapshot.lines.iter().filter_map(|l| l.charges).sum();
        let credits: Money = snapshot.lines.iter().filter_map(|l| l.credits).sum();
        assert_eq!(charges - credits - snapshot.insurance_pending, snapshot.patient_balance, "{}", s.account_number);
        assert!(text.contains(&format!("${}", s.amount_due)), "{} is in the PDF", s.amount_due);
        assert!(text.contains(&s.account_number));

        // The reprint: same bytes as rendering the snapshot, same text as the original pages.
        let again = dir.path().join(format!("reprint-{i}.pdf"));
        let size = reprint_statement(&store, s.statement_id, &again.display().to_string()).unwrap();
        let reprint = std::fs::read(&again).unwrap();
        assert_eq!(size, reprint.len());
        let fresh = claimdesk_forms::statements_pdf(std::slice::from_ref(&snapshot), &mut |_, _| {});
        assert_eq!(reprint, fresh, "deterministic bytes");
        let pages = page_count(&reprint);
        if i < 3 || i + 1 == n {
            assert_eq!(pdf_text(&again, None), pdf_text(&out, Some((page, page + pages - 1))), "statement {i}");
        }
        page += pages;
    }
    assert_eq!(page - 1, report.pages);

    // The same statement gathered again on the same day is what was recorded.
    let contact = practice_contact(&store, &request(&out)).unwrap();
    let first = &report.statements[0];
    let snapshot = store.statement_snapshot(first.statement_id).unwrap();
    assert_eq!(store.statement_data(first.account, today(), &contact).unwrap(), snapshot);
}

#[test]
fn a_guarantor_gets_one_statement_for_all_their_patients() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo(dir.path(), 200, 600);
    // Parents with at least two children who are patients.
    let everyone = SearchOptions { limit: 10_000, include_inactive: true };
    let patients: Vec<_> =
        store.search_patients("", &everyone).unwrap().iter().map(|s| store.get_patient(s.id).unwrap()).collect();
    let mut dependents: std::collections::BTreeMap<i64, Vec<i64>> = Default::default();
    for p in &patients {
        if let Responsible::Patient { patient_id, .. } = p.guarantor {
            dependents.entry(patient_id).or_default().push(p.id.unwrap());
        }
    }
    let all = StatementFilter { min_balance: Money::from_cents(1), days_since_last: 0, ..filter() };
    let candidates = store.statement_candidates(&all).unwrap();
    let contact = practice_contact(&store, &request(dir.path())).unwrap();
    let mut checked = 0;
    for (parent, children) in dependents.iter().filter(|(_, c)| c.len() >= 2) {
        let key = StatementAccount::Patient { patient_id: *parent };
        // No child has a statement of their own.
        for child in children {
            assert!(!candidates.iter().any(|c| c.account == StatementAccount::Patient { patient_id: *child }));
        }
        let Some(c) = candidates.iter().find(|c| c.account == key) else { continue };
        let snapshot = store.statement_data(key, today(), &contact).unwrap();
        let balance = store.account_balance(*parent).unwrap();
        assert_eq!(c.patient_due, balance.patient_due);
        assert_eq!(snapshot.patient_balance, balance.patient_due);
        let mut family = Money::ZERO;
        for id in std::iter::once(parent).chain(children) {
            family = family + store.patient_balance(*id).unwrap().patient_due;
        }
        assert_eq!(family, snapshot.patient_balance, "the statement covers every patient of the account");
        let names: std::collections::BTreeSet<&str> = snapshot.lines.iter().map(|l| l.patient.as_str()).collect();
        if names.len() >= 2 {
            checked += 1;
        }
    }
    assert!(checked >= 1, "the demo has a parent whose statement lists several patients");
}

/// The installment an account on a payment plan is asked for, as printed, against the plan and
/// the ledger; after a payment the next statement's previous balance, payment and new balance
/// add up.
#[test]
fn an_account_on_a_plan_is_asked_for_its_installment_and_the_next_statement_adds_up() {
    use claimdesk_core::payment_plans::{PlanFrequency, PlanTerms};
    use claimdesk_store::{ApplyTo, PaymentInput, PaymentMethod, PlanInput};
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo(dir.path(), 120, 300);
    let owing = store.statement_candidates(&filter()).unwrap();
    let (account, due) = owing
        .iter()
        .filter(|c| c.patient_due >= Money::from_cents(3000))
        .find_map(|c| account_patient(c.account).map(|id| (id, c.patient_due)))
        .expect("an account owing at least $30");
    let first_due = today() + chrono::Days::new(10);
    let terms = PlanTerms {
        financed: due,
        down_payment: Money::ZERO,
        installments: Some(3),
        installment_amount: None,
        frequency: PlanFrequency::Monthly,
        first_due: Some(first_due),
    };
    let plan = store.create_plan(&PlanInput { patient_id: account, terms, grace_days: 10, visit_ids: vec![] }).unwrap();
    let installment = plan.schedule[0].amount;

    let out = dir.path().join("first.pdf");
    let report =
        run_statements(&mut store, &request(&out), &Actor::user("tester", Source::Cli), &mut |_, _| {}).unwrap();
    let on_plan = report.statements.iter().find(|s| account_patient(s.account) == Some(account)).unwrap();
    let snapshot = store.statement_snapshot(on_plan.statement_id).unwrap();
    assert_eq!(snapshot.plan_installment, Some((installment, first_due)));
    assert_eq!(snapshot.amount_due_now, installment, "the installment, not the whole balance");
    assert_eq!(snapshot.patient_balance, store.account_balance(account).unwrap().patient_due);
    assert_eq!(snapshot.patient_balance, due, "the balance is still shown");
    // The printed statement, from its own pages.
    let single = dir.path().join("one.pdf");
    reprint_statement(&store, on_plan.statement_id, &single.display().to_string()).unwrap();
    let text = pdf_text(&single, None);
    let printed_due = first_due.format("%m/%d/%Y").to_string();
    assert!(text.contains(&format!("Payment plan installment due {printed_due}")), "{text}");
    assert!(text.contains(&format!("Plan installment due {printed_due}")), "on the stub too: {text}");
    assert!(text.contains(&format!("${installment}")), "{text}");
    assert!(text.contains(&format!("${due}")), "{text}");

    // The installment is paid at the desk; the next statement starts from the last one.
    let payment = PaymentInput {
        patient_id: account,
        received_on: Some(today()),
        method: PaymentMethod::Check,
        reference: "Check 2044".into(),
        amount: installment,
        apply: ApplyTo::OldestFirst,
    };
    store.post_patient_payment(&payment, &Actor::user("tester", Source::Cli)).unwrap();
    let contact = practice_contact(&store, &request(&out)).unwrap();
    let tomorrow = today() + chrono::Days::new(1);
    let next = store.statement_data(StatementAccount::Patient { patient_id: account }, tomorrow, &contact).unwrap();
    assert_eq!(next.last_statement, Some(today()));
    assert_eq!(next.previous_balance, due);
    let credits: Money = next.lines.iter().filter_map(|l| l.credits).sum();
    let charges: Money = next.lines.iter().filter_map(|l| l.charges).sum();
    assert_eq!(next.previous_balance + charges - credits, next.patient_balance);
    assert_eq!(next.patient_balance, due - installment);
    assert_eq!(next.patient_balance, store.account_balance(account).unwrap().patient_due);
    // The first installment is paid and the second is more than a cycle away: nothing is asked
    // for now (never the whole balance), and the statement says when the next one is due.
    assert_eq!(next.amount_due_now, Money::ZERO);
    assert_eq!(next.plan_installment, Some((Money::ZERO, plan.schedule[1].due)));
    let form = claimdesk_forms::statements_pdf(std::slice::from_ref(&next), &mut |_, _| {});
    let later = dir.path().join("next.pdf");
    std::fs::write(&later, form).unwrap();
    let text = pdf_text(&later, None);
    let next_due = plan.schedule[1].due.format("%m/%d/%Y").to_string();
    assert!(text.contains(&format!("Payment plan: paid up; next installment due {next_due}")), "{text}");
}

/// A statement after insurance paid what was pending on the last one still adds up: previous
/// balance + pending then + new charges - payments and adjustments - pending now = the balance.
#[test]
fn a_later_statement_adds_up_after_insurance_pays_what_was_pending() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo(dir.path(), 120, 300);
    let everyone = StatementFilter { min_balance: Money::ZERO, days_since_last: 0, include_holds: true, ..filter() };
    let first = StatementRunRequest { filter: everyone.clone(), ..request(&dir.path().join("first.pdf")) };
    run_statements(&mut store, &first, &Actor::user("tester", Source::Cli), &mut |_, _| {}).unwrap();
    let sample = claimdesk_demo::sample_835(&store).unwrap();
    let posted =
        claimdesk_jobs::import_835(&mut store, &sample, "sample.835", false, &Actor::user("tester", Source::Cli))
            .unwrap();
    assert!(!posted.is_empty());

    let tomorrow = today() + chrono::Days::new(1);
    let contact = practice_contact(&store, &first).unwrap();
    let later = StatementFilter { statement_date: tomorrow, ..everyone };
    let mut settled = None;
    for c in store.statement_candidates(&later).unwrap() {
        let s = store.statement_data(c.account, tomorrow, &contact).unwrap();
        let charges: Money = s.lines.iter().filter_map(|l| l.charges).sum();
        let credits: Money = s.lines.iter().filter_map(|l| l.credits).sum();
        assert_eq!(
            s.previous_balance + s.previous_insurance_pending + charges - credits - s.insurance_pending,
            s.patient_balance,
            "{}",
            s.account_number
        );
        if s.last_statement.is_some() && !s.previous_insurance_pending.is_zero() && !credits.is_zero() {
            settled = Some(s);
        }
    }
    let s = settled.expect("an account whose pending claim was paid since its last statement");
    let out = dir.path().join("later.pdf");
    std::fs::write(&out, claimdesk_forms::statements_pdf(std::slice::from_ref(&s), &mut |_, _| {})).unwrap();
    let text = pdf_text(&out, None);
    assert!(text.contains("Insurance pending on last statement"), "{text}");
    assert!(text.contains(&format!("${}", s.previous_insurance_pending)), "{text}");
}

/// A demo practice with patients, payers, providers and the fee schedule, and no billing yet.
fn quiet_demo(dir: &Path) -> Store {
    demo(dir, 20, 0)
}

/// A 99213 office visit of `patient_id` on `service`, charged the standard fee.
fn office_visit(store: &mut Store, patient_id: i64, service: NaiveDate) -> (i64, Money) {
    use claimdesk_core::visits::{ServiceLine, Visit};
    let provider = store.list_providers().unwrap().into_iter().find(|p| p.is_rendering && p.active).unwrap();
    let fee = store.fee_for(None, "99213", "", service).unwrap().expect("the demo has a fee for 99213").charge_for(1);
    let visit = Visit {
        id: None,
        patient_id,
        service_date: Some(service),
        rendering_provider_id: provider.id.unwrap(),
        referring_provider_id: None,
        facility_id: None,
        place_of_service: "11".into(),
        diagnoses: vec!["J02.0".into()],
        lines: vec![ServiceLine {
            id: None,
            service_from: Some(service),
            service_to: None,
            code: "99213".into(),
            modifiers: vec![],
            pointers: vec![1],
            units: 1,
            charge: fee,
            charge_override_reason: String::new(),
            supplemental: String::new(),
            emergency: false,
        }],
        conditions: Default::default(),
        onset_date: None,
        initial_treatment_date: None,
        last_xray_date: None,
        prior_authorization: String::new(),
        additional_info: String::new(),
        abn_on_file: false,
        episode_id: None,
        injury_case_id: None,
        epsdt: None,
    };
    (store.save_visit(&visit, &Actor::user("tester", Source::App)).unwrap().id.unwrap(), fee)
}

/// A demo patient who is their own guarantor and was insured on `service`, seen that day and
/// billed; the payer answers on `answered`, leaving `coinsurance` to the patient (the rest of
/// the allowed amount paid, the difference written off). Returns the patient's id and last name.
fn answered_visit(store: &mut Store, service: NaiveDate, answered: NaiveDate, coinsurance: Money) -> (i64, String) {
    use claimdesk_core::claims::ClaimStatus;
    use claimdesk_core::posting::{CasAdjustment, ClaimAdjudication, LineAdjudication};
    let everyone = SearchOptions { limit: 10_000, include_inactive: false };
    let patient = store
        .search_patients("", &everyone)
        .unwrap()
        .iter()
        .map(|s| store.get_patient(s.id).unwrap())
        .find(|p| {
            // One policy: with a second one, the share would go on to that payer first.
            p.guarantor == Responsible::Itself
                && p.policies.len() == 1
                && p.policies.first().is_some_and(|pol| {
                    pol.effective_from.is_some_and(|f| f <= service) && pol.effective_to.is_none_or(|t| t >= service)
                })
        })
        .expect("an insured demo patient");
    let patient_id = patient.id.unwrap();
    // Billed the day after the visit (the scrubber checks timely filing against the store's today).
    store.set_today(service + chrono::Days::new(1));
    let (visit_id, charge) = office_visit(store, patient_id, service);
    let claim = store.create_claim(visit_id, 1, &Actor::user("tester", Source::App)).unwrap();
    store.set_claim_status(claim.id, ClaimStatus::Ready, "", &Actor::user("tester", Source::App)).unwrap();
    store.mark_submitted(&[claim.id], "paper", "b.pdf", &Actor::user("tester", Source::App)).unwrap();
    let written_off = Money::from_cents(charge.cents() / 4);
    let paid = charge - written_off - coinsurance;
    let cas = |group: &str, reason: &str, amount| CasAdjustment {
        group: group.into(),
        reason: reason.into(),
        amount,
        quantity: None,
    };
    let adjudication = ClaimAdjudication {
        control_number: claim.control_number.clone(),
        status_code: "1".into(),
        charge,
        paid,
        patient_responsibility: coinsurance,
        payer_claim_number: "ICN1".into(),
        adjustments: vec![],
        remarks: vec![],
        crossover_payer: None,
        lines: vec![LineAdjudication {
            procedure: "99213".into(),
            modifiers: vec![],
            submitted_procedure: None,
            service_date: Some(service),
            line_control_number: None,
            charge,
            paid,
            units: Some(1),
            allowed: None,
            adjustments: vec![cas("CO", "45", written_off), cas("PR", "2", coinsurance)],
            remarks: vec![],
        }],
    };
    store.set_today(answered);
    store.post_eob(&adjudication, answered, &Actor::user("tester", Source::App)).unwrap();
    (patient_id, patient.last_name.to_uppercase())
}

/// The case: a visit of 110 days ago that insurance answered only yesterday. The first
/// statement asking for the patient's share is a reminder, with no past-due wording; the
/// statements after it climb (past due after 60 days, final notice after 90), counted from the
/// day the share became the patient's. Each line says what the service was, in the fee
/// schedule's words.
#[test]
fn a_first_statement_for_a_share_set_yesterday_is_a_reminder_and_later_ones_escalate() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = quiet_demo(dir.path());
    let service = today() - chrono::Days::new(110);
    let (patient, _) = answered_visit(&mut store, service, today() - chrono::Days::new(1), Money::from_cents(3000));
    let description = store.fee_for(None, "99213", "", service).unwrap().unwrap().description.trim().to_string();
    assert!(!description.is_empty());

    let mut printed = Vec::new();
    for (n, days) in [0u64, 30, 61, 91].into_iter().enumerate() {
        let day = today() + chrono::Days::new(days);
        store.set_today(day);
        let out = dir.path().join(format!("run-{n}.pdf"));
        let report = run_statements(
            &mut store,
            &StatementRunRequest::new(day, out.display().to_string()),
            &Actor::user("tester", Source::Cli),
            &mut |_, _| {},
        )
        .unwrap();
        assert_eq!(report.statements.len(), 1, "only this account owes");
        assert_eq!(account_patient(report.statements[0].account), Some(patient));
        printed.push((report.statements[0].message_level, pdf_text(&out, None)));
    }
    let levels: Vec<MessageLevel> = printed.iter().map(|(l, _)| *l).collect();
    use MessageLevel::*;
    assert_eq!(levels, [Reminder, Reminder, PastDue, FinalNotice]);
    let first = &printed[0].1;
    assert!(!first.contains("PAST DUE") && !first.contains("FINAL NOTICE"), "{first}");
    assert!(first.contains("This is your balance after insurance"), "{first}");
    assert!(printed[2].1.contains("PAST DUE") && !printed[2].1.contains("FINAL NOTICE"), "{}", printed[2].1);
    assert!(printed[3].1.contains("FINAL NOTICE"), "{}", printed[3].1);
    // The visit is named as the practice describes it, not by its code.
    assert!(first.contains(&description), "{description:?} missing:\n{first}");
    assert!(!first.contains("Service 99213"), "{first}");
}

/// Two self-pay patients owe for a visit; one was registered without an address. The run prints
/// the other's statement, and lists the one without an address as held out with the reason;
/// once the address is added the next run sends it. A first statement with charges only says
/// $0.00 for payments, never "$-0.00".
#[test]
fn a_guarantor_without_an_address_is_held_out_of_the_run_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = quiet_demo(dir.path());
    let everyone = SearchOptions { limit: 10_000, include_inactive: false };
    let template = store.get_patient(store.search_patients("", &everyone).unwrap()[0].id).unwrap();
    let register = |store: &mut Store, last: &str, with_address: bool| {
        let mut p = template.clone();
        p.id = None;
        p.account_number = String::new();
        p.last_name = last.into();
        p.guarantor = Responsible::Itself;
        p.guarantor_relationship = claimdesk_core::Relationship::Itself;
        p.policies.clear();
        if !with_address {
            p.address = claimdesk_core::Address::default();
        }
        store.save_patient(&p, &Actor::user("tester", Source::App)).unwrap().id.unwrap()
    };
    let mailed = register(&mut store, "Brightwater", true);
    let walk_in = register(&mut store, "Quillfeather", false);
    for who in [mailed, walk_in] {
        office_visit(&mut store, who, today() - chrono::Days::new(5));
    }

    let out = dir.path().join("held.pdf");
    let report =
        run_statements(&mut store, &request(&out), &Actor::user("tester", Source::Cli), &mut |_, _| {}).unwrap();
    let sent: Vec<Option<i64>> = report.statements.iter().map(|s| account_patient(s.account)).collect();
    assert_eq!(sent, [Some(mailed)]);
    assert_eq!(report.held.len(), 1);
    assert_eq!(account_patient(report.held[0].account), Some(walk_in));
    assert_eq!(report.held[0].held_out, Some(HeldReason::NoMailingAddress));
    let text = pdf_text(&out, None);
    assert!(text.contains("BRIGHTWATER") && !text.contains("QUILLFEATHER"), "{text}");
    let payments = text.lines().find(|l| l.contains("Payments and adjustments")).unwrap();
    assert!(payments.contains("$0.00"), "{payments}");
    assert!(!text.contains("-0.00"), "{text}");
    assert!(store.statements_for_patient(walk_in).unwrap().is_empty(), "nothing recorded for the held account");

    // Only held accounts left: refused, saying why, nothing written.
    let none = dir.path().join("none.pdf");
    let err =
        run_statements(&mut store, &request(&none), &Actor::user("tester", Source::Cli), &mut |_, _| {}).unwrap_err();
    assert!(err.to_string().contains("No mailing address"), "{err}");
    assert!(!none.exists());

    // The address is added: the next run sends the statement.
    let mut found = store.get_patient(walk_in).unwrap();
    found.address = template.address.clone();
    store.save_patient(&found, &Actor::user("tester", Source::App)).unwrap();
    let next = dir.path().join("next.pdf");
    let report =
        run_statements(&mut store, &request(&next), &Actor::user("tester", Source::Cli), &mut |_, _| {}).unwrap();
    assert_eq!(report.statements.iter().map(|s| account_patient(s.account)).collect::<Vec<_>>(), [Some(walk_in)]);
    assert!(report.held.is_empty());
    assert!(pdf_text(&next, None).contains("QUILLFEATHER"));
}

/// The screen's preview comes a page at a time with the total; the run still sends every
/// account the filter picks, however many pages the preview would take.
#[test]
fn the_preview_is_a_page_and_the_run_sends_every_account() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo(dir.path(), 60, 150);
    let all = store.statement_candidates(&filter()).unwrap();
    assert!(all.len() >= 3, "the demo leaves balances to patients: {}", all.len());
    let page = claimdesk_jobs::statements::statement_candidates(&store, &filter(), PageRequest::new(0, 2)).unwrap();
    assert_eq!((page.rows.len(), page.total as usize), (2, all.len()));
    assert_eq!(page.rows, all[..2]);
    let sending = all.iter().filter(|c| c.held_out.is_none()).count();
    let report = run_statements(
        &mut store,
        &request(&dir.path().join("all.pdf")),
        &Actor::user("tester", Source::Cli),
        &mut |_, _| {},
    )
    .unwrap();
    assert_eq!(report.statements.len(), sending);
    assert_eq!(report.held.len(), all.len() - sending);
}
