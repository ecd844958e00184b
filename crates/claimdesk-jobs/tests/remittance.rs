//! 835 posting on a real practice file: each scenario imports 835 text through the X12 reader
//! and the posting engine, then checks the ledger to the cent and the claim statuses.

// The one pyx12 helper, kept with the X12 crate's tests.
#[path = "../../claimdesk-x12/tests/common/pyx12.rs"]
mod pyx12;

use chrono::NaiveDate;
use claimdesk_core::claims::ClaimStatus;
use claimdesk_core::visits::{ServiceLine, Visit};
use claimdesk_core::*;
use claimdesk_jobs::import_835;
use claimdesk_store::Actor;
use claimdesk_store::{Source, Store, StoreError};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn m(text: &str) -> Money {
    Money::parse(text).unwrap()
}

fn addr(line1: &str) -> Address {
    Address {
        line1: line1.into(),
        line2: String::new(),
        city: "Austin".into(),
        state: "TX".into(),
        zip: "78701-2345".into(),
    }
}

/// A practice with two payers and a provider; `patient(..)` registers insured patients.
struct Office {
    store: Store,
    _dir: tempfile::TempDir,
    primary: i64,
    secondary: i64,
    provider: i64,
}

impl Office {
    fn new() -> Office {
        let dir = tempfile::tempdir().unwrap();
        let practice = Practice {
            name: "Riverside Family Medicine".into(),
            billing_entity: BillingEntity::Group,
            npi: "1245319599".into(),
            tax_id: "741234567".into(),
            tax_id_kind: TaxIdKind::Ein,
            taxonomy: "207Q00000X".into(),
            address: addr("100 Main St"),
            phone: "5125550100".into(),
            contact_name: String::new(),
            email: String::new(),
        };
        let mut store = Store::create(&dir.path().join("posting.claimdesk"), &practice).unwrap();
        store.set_today(d(2026, 11, 20));
        let payer = |name: &str, id: &str| Payer {
            id: None,
            name: name.into(),
            kind: PayerKind::Commercial,
            payer_id: id.into(),
            address: addr("PO Box 1"),
            phone: String::new(),
            claim_filing_indicator: "CI".into(),
            timely_filing_days: 180,
            accept_assignment: true,
            active: true,
            coba_id: String::new(),
        };
        let primary = store.save_payer(&payer("Acme Health Plan", "ACME1")).unwrap().id.unwrap();
        let secondary = store.save_payer(&payer("Second Mutual", "SECMU")).unwrap().id.unwrap();
        let provider = store
            .save_provider(&Provider {
                id: None,
                last_name: "Nguyen".into(),
                first_name: "Ana".into(),
                middle_name: String::new(),
                credentials: "MD".into(),
                npi: "1679576722".into(),
                taxonomy: "207Q00000X".into(),
                license_number: String::new(),
                is_rendering: true,
                is_referring: false,
                active: true,
            })
            .unwrap()
            .id
            .unwrap();
        // The payer's contracted allowed amount for 99213, to flag underpayments.
        store
            .save_fee(&FeeEntry {
                id: None,
                payer_id: Some(primary),
                schedule_name: String::new(),
                code: "99213".into(),
                modifier: String::new(),
                description: "Office visit".into(),
                amount: m("100.00"),
                effective_from: Some(d(2026, 1, 1)),
                effective_to: None,
            })
            .unwrap();
        Office { store, _dir: dir, primary, secondary, provider }
    }

    fn patient(&mut self, last: &str, with_secondary: bool) -> i64 {
        let policy = |payer_id: i64, member: &str| Policy {
            id: None,
            payer_id,
            payer_name: String::new(),
            member_id: member.into(),
            group_number: String::new(),
            group_name: String::new(),
            subscriber: Responsible::Itself,
            relationship: Relationship::Itself,
            effective_from: Some(d(2026, 1, 1)),
            effective_to: None,
            copay: Money::ZERO,
            eligibility: vec![],
            msp_type: String::new(),
            limits: Default::default(),
        };
        let mut policies = vec![policy(self.primary, &format!("{last}1").to_uppercase())];
        if with_secondary {
            policies.push(policy(self.secondary, &format!("{last}2").to_uppercase()));
        }
        let p = Patient {
            id: None,
            account_number: String::new(),
            last_name: last.into(),
            first_name: "Pat".into(),
            middle_name: String::new(),
            suffix: String::new(),
            birth_date: Some(d(1970, 3, 4)),
            sex: Sex::F,
            address: addr("12 Oak St"),
            home_phone: String::new(),
            cell_phone: String::new(),
            email: String::new(),
            guarantor: Responsible::Itself,
            guarantor_relationship: Relationship::Itself,
            policies,
            active: true,
            inactive_reason: String::new(),
        };
        self.store.save_patient(&p, &Actor::user("tester", Source::App)).unwrap().id.unwrap()
    }

    /// A sent claim for `lines` (code, modifiers, charge) on 11/02/2026; returns (claim id, control number).
    fn sent_claim(&mut self, patient: i64, lines: &[(&str, &[&str], &str)]) -> (i64, String) {
        let day = d(2026, 11, 2);
        let visit = Visit {
            id: None,
            patient_id: patient,
            service_date: Some(day),
            rendering_provider_id: self.provider,
            referring_provider_id: None,
            facility_id: None,
            place_of_service: "11".into(),
            diagnoses: vec!["J02.0".into()],
            lines: lines
                .iter()
                .map(|(code, mods, charge)| ServiceLine {
                    id: None,
                    service_from: Some(day),
                    service_to: None,
                    code: code.to_string(),
                    modifiers: mods.iter().map(|s| s.to_string()).collect(),
                    pointers: vec![1],
                    units: 1,
                    charge: m(charge),
                    charge_override_reason: String::new(),
                    supplemental: String::new(),
                    emergency: false,
                })
                .collect(),
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
        let v = self.store.save_visit(&visit, &Actor::user("tester", Source::App)).unwrap();
        let claim = self.store.create_claim(v.id.unwrap(), 1, &Actor::user("tester", Source::App)).unwrap();
        self.store.set_claim_status(claim.id, ClaimStatus::Ready, "", &Actor::user("tester", Source::App)).unwrap();
        self.store.mark_submitted(&[claim.id], "electronic", "batch.837", &Actor::user("tester", Source::App)).unwrap();
        (claim.id, claim.control_number)
    }

    fn import(&mut self, text: &str, preview: bool) -> claimdesk_jobs::Result<Vec<claimdesk_store::PostingReport>> {
        import_835(&mut self.store, text, "test.835", preview, &Actor::user("tester", Source::Import))
    }

    fn status(&self, claim: i64) -> ClaimStatus {
        self.store.claim_summary(claim).unwrap().status
    }

    fn entries(&self, patient: i64) -> usize {
        self.store.ledger_for_patient(patient).unwrap().len()
    }
}

/// An SVC loop: code with modifiers ("99213:25"), charge, paid, CAS triples, REF*6R.
struct Svc<'a> {
    code: &'a str,
    charge: &'a str,
    paid: &'a str,
    cas: &'a [(&'a str, &'a str, &'a str)],
    lcn: Option<&'a str>,
}

/// A CLP loop.
struct Clp<'a> {
    control: &'a str,
    status: &'a str,
    charge: &'a str,
    paid: &'a str,
    patient_share: &'a str,
    lines: Vec<Svc<'a>>,
    crossover: bool,
}

/// An 835 with the right counts, from the payer ACME1.
fn x835(trace: &str, total: &str, claims: &[Clp], plb: Option<&str>) -> String {
    let mut body: Vec<String> = vec![
        format!("BPR*I*{total}*C*CHK************20261115"),
        format!("TRN*1*{trace}*1741234567"),
        "DTM*405*20261115".into(),
        "N1*PR*ACME HEALTH PLAN".into(),
        "N3*PO BOX 1".into(),
        "N4*DALLAS*TX*75201".into(),
        "REF*2U*ACME1".into(),
        "N1*PE*RIVERSIDE FAMILY MEDICINE*XX*1245319599".into(),
        "LX*1".into(),
    ];
    for c in claims {
        body.push(format!(
            "CLP*{}*{}*{}*{}*{}*12*ICN{}*11*1",
            c.control, c.status, c.charge, c.paid, c.patient_share, c.control
        ));
        body.push("NM1*QC*1*DOE*PAT****MI*M1".into());
        if c.crossover {
            body.push("NM1*TT*2*SECOND MUTUAL*****PI*SECMU".into());
        }
        for s in &c.lines {
            body.push(format!("SVC*HC:{}*{}*{}**1", s.code, s.charge, s.paid));
            body.push("DTM*472*20261102".into());
            for (group, reason, amount) in s.cas {
                body.push(format!("CAS*{group}*{reason}*{amount}"));
            }
            if let Some(lcn) = s.lcn {
                body.push(format!("REF*6R*{lcn}"));
            }
        }
    }
    if let Some(plb) = plb {
        body.push(format!("PLB*1245319599*20261231*{plb}"));
    }
    let mut segments = vec!["ST*835*0001".to_string()];
    segments.extend(body);
    segments.push(format!("SE*{}*0001", segments.len() + 1));
    format!(
        "ISA*00*          *00*          *ZZ*ACMEPAYER      *ZZ*CLAIMDESK01    *261115*0900*^*00501*000000321*0*T*:~\
         GS*HP*ACMEPAYER*CLAIMDESK01*20261115*0900*321*X*005010X221A1~{}~GE*1*321~IEA*1*000000321~",
        segments.join("~")
    )
}

fn paid_in_full<'a>(control: &'a str, lcn: &'a str) -> Clp<'a> {
    paid_100_of_125(control, lcn, &[("CO", "45", "25.00")])
}

/// A 99213 billed at 125.00 and paid 100.00, the other 25.00 adjusted as `cas` says.
fn paid_100_of_125<'a>(control: &'a str, lcn: &'a str, cas: &'a [(&'a str, &'a str, &'a str)]) -> Clp<'a> {
    Clp {
        control,
        status: "1",
        charge: "125.00",
        paid: "100.00",
        patient_share: "0",
        lines: vec![Svc { code: "99213", charge: "125.00", paid: "100.00", cas, lcn: Some(lcn) }],
        crossover: false,
    }
}

#[test]
fn a_paid_claim_posts_payment_and_write_off_to_the_cent() {
    let mut o = Office::new();
    let p = o.patient("Alder", false);
    let (claim, control) = o.sent_claim(p, &[("99213", &[], "125.00")]);
    let report =
        o.import(&x835("T1", "100.00", &[paid_in_full(&control, &format!("{control}-1"))], None), false).unwrap();
    assert_eq!(report[0].claims.len(), 1);
    assert!(report[0].exceptions.is_empty());
    assert_eq!(o.status(claim), ClaimStatus::Paid);
    let money = o.store.claim_money(claim).unwrap();
    assert_eq!(
        (money.charge, money.insurance_paid, money.adjustments, money.balance),
        (m("125.00"), m("100.00"), m("25.00"), m("0.00"))
    );
    let balance = o.store.patient_balance(p).unwrap();
    assert_eq!((balance.insurance_pending, balance.patient_due), (m("0.00"), m("0.00")));
}

/// PI (payer-initiated) reductions stay pending with insurance for follow-up unless the
/// practice chose to write them off; the choice is the practice's, kept in its file.
#[test]
fn pi_reductions_follow_the_practice_posting_rules() {
    let post = |write_off_pi: bool| {
        let mut o = Office::new();
        let rules = claimdesk_core::posting::PostingRules { write_off_oa: true, write_off_pi };
        assert_eq!(o.store.save_posting_rules(&rules).unwrap(), rules);
        let p = o.patient("Cedar", false);
        let (claim, control) = o.sent_claim(p, &[("99213", &[], "125.00")]);
        let lcn = format!("{control}-1");
        let clp = paid_100_of_125(&control, &lcn, &[("CO", "45", "15.00"), ("PI", "94", "10.00")]);
        o.import(&x835("TPI", "100.00", &[clp], None), false).unwrap();
        (o.store.claim_money(claim).unwrap(), o.store.patient_balance(p).unwrap())
    };
    let (money, balance) = post(false);
    assert_eq!((money.adjustments, balance.insurance_pending), (m("15.00"), m("10.00")), "PI left for follow-up");
    let (money, balance) = post(true);
    assert_eq!((money.adjustments, balance.insurance_pending), (m("25.00"), m("0.00")), "PI written off");
    assert_eq!(balance.patient_due, m("0.00"));
}

/// A corrected claim is the same claim to the payer: it shows what was paid on the original
/// (the money stays posted against the claim it came for).
#[test]
fn a_corrected_claim_shows_what_was_paid_on_the_original() {
    let mut o = Office::new();
    let p = o.patient("Birch", false);
    let (claim, control) = o.sent_claim(p, &[("99213", &[], "125.00")]);
    o.import(&x835("T7", "100.00", &[paid_in_full(&control, &format!("{control}-1"))], None), false).unwrap();
    let corrected = o
        .store
        .create_correction(
            claim,
            claimdesk_core::claims::Frequency::Replacement,
            "ICN-1",
            &Actor::user("tester", Source::App),
        )
        .unwrap();
    let money = o.store.claim_money(corrected.id).unwrap();
    assert_eq!(
        (money.charge, money.insurance_paid, money.adjustments, money.balance),
        (m("125.00"), m("100.00"), m("25.00"), m("0.00"))
    );
    assert_eq!(o.store.claim_money(claim).unwrap(), money, "both show the same claim's money");
}

#[test]
fn a_partly_paid_claim_and_the_patient_share_split_by_kind() {
    let mut o = Office::new();
    let p = o.patient("Birch", false);
    let (claim, control) =
        o.sent_claim(p, &[("99213", &[], "125.00"), ("87880", &[], "30.00"), ("36415", &[], "20.00")]);
    let clp = Clp {
        control: &control,
        status: "1",
        charge: "175.00",
        paid: "60.00",
        patient_share: "55.00",
        lines: vec![
            // Deductible 40.00 and coinsurance 10.00 on the visit; copay 5.00 on the test; the draw denied.
            Svc {
                code: "99213",
                charge: "125.00",
                paid: "50.00",
                cas: &[("CO", "45", "25.00"), ("PR", "1", "40.00"), ("PR", "2", "10.00")],
                lcn: None,
            },
            Svc {
                code: "87880",
                charge: "30.00",
                paid: "10.00",
                cas: &[("CO", "45", "15.00"), ("PR", "3", "5.00")],
                lcn: None,
            },
            Svc { code: "36415", charge: "20.00", paid: "0", cas: &[("CO", "97", "20.00")], lcn: None },
        ],
        crossover: false,
    };
    o.import(&x835("T2", "60.00", &[clp], None), false).unwrap();
    assert_eq!(o.status(claim), ClaimStatus::PartiallyPaid);
    let balance = o.store.patient_balance(p).unwrap();
    assert_eq!((balance.insurance_pending, balance.patient_due), (m("0.00"), m("55.00")));
    let ledger = o.store.ledger_for_patient(p).unwrap();
    let share = |kind: &str| -> Money {
        ledger
            .iter()
            .filter(|e| e.responsibility == kind && e.bucket == posting::Bucket::Patient)
            .map(|e| e.amount)
            .sum()
    };
    assert_eq!((share("deductible"), share("coinsurance"), share("copay")), (m("40.00"), m("10.00"), m("5.00")));
    // The visit paid below the contract (50 + 50 < 100 is not; 50 + 40 + 10 = 100 is not): no flag.
    assert_eq!(o.store.claim_money(claim).unwrap().patient_responsibility, m("55.00"));
}

#[test]
fn a_denial_posts_no_money_and_waits_in_the_denial_queue() {
    let mut o = Office::new();
    let p = o.patient("Cedar", false);
    let (claim, control) = o.sent_claim(p, &[("99213", &[], "125.00")]);
    let before = o.entries(p);
    let clp = Clp {
        control: &control,
        status: "4",
        charge: "125.00",
        paid: "0",
        patient_share: "0",
        lines: vec![Svc { code: "99213", charge: "125.00", paid: "0", cas: &[("CO", "16", "125.00")], lcn: None }],
        crossover: false,
    };
    o.import(&x835("T3", "0", &[clp], None), false).unwrap();
    assert_eq!(o.status(claim), ClaimStatus::Denied);
    assert_eq!(o.entries(p), before, "nothing is written off on a denial");
    assert_eq!(o.store.patient_balance(p).unwrap().insurance_pending, m("125.00"));
    let denied = o.store.list_claims(&claimdesk_store::ClaimQueue::Status { status: ClaimStatus::Denied }).unwrap();
    assert_eq!(denied.len(), 1);
}

#[test]
fn a_reversal_then_the_corrected_payment_nets_to_the_new_amounts() {
    let mut o = Office::new();
    let p = o.patient("Dogwood", false);
    let (claim, control) = o.sent_claim(p, &[("99213", &[], "125.00")]);
    let lcn = format!("{control}-1");
    o.import(&x835("T4", "100.00", &[paid_in_full(&control, &lcn)], None), false).unwrap();
    let reversal = Clp {
        control: &control,
        status: "22",
        charge: "-125.00",
        paid: "-100.00",
        patient_share: "0",
        lines: vec![Svc {
            code: "99213",
            charge: "-125.00",
            paid: "-100.00",
            cas: &[("CO", "45", "-25.00")],
            lcn: Some(&lcn),
        }],
        crossover: false,
    };
    let corrected = Clp {
        control: &control,
        status: "1",
        charge: "125.00",
        paid: "90.00",
        patient_share: "10.00",
        lines: vec![Svc {
            code: "99213",
            charge: "125.00",
            paid: "90.00",
            cas: &[("CO", "45", "25.00"), ("PR", "3", "10.00")],
            lcn: Some(&lcn),
        }],
        crossover: false,
    };
    o.import(&x835("T5", "-10.00", &[reversal, corrected], None), false).unwrap();
    assert_eq!(o.status(claim), ClaimStatus::Paid);
    let money = o.store.claim_money(claim).unwrap();
    assert_eq!(
        (money.insurance_paid, money.adjustments, money.patient_responsibility),
        (m("90.00"), m("25.00"), m("10.00"))
    );
    let balance = o.store.patient_balance(p).unwrap();
    assert_eq!((balance.insurance_pending, balance.patient_due), (m("0.00"), m("10.00")));
    let history: Vec<ClaimStatus> = o.store.claim_history(claim).unwrap().into_iter().map(|h| h.to_status).collect();
    assert_eq!(&history[history.len() - 3..], [ClaimStatus::Paid, ClaimStatus::Accepted, ClaimStatus::Paid]);
}

#[test]
fn the_secondary_is_billed_after_the_primary_unless_crossed_over() {
    let mut o = Office::new();
    let billed = o.patient("Elm", true);
    let crossed = o.patient("Fir", true);
    let (claim_a, control_a) = o.sent_claim(billed, &[("99213", &[], "125.00")]);
    let (claim_b, control_b) = o.sent_claim(crossed, &[("99213", &[], "125.00")]);
    let with_share = |control, crossover| Clp {
        control,
        status: if crossover { "19" } else { "1" },
        charge: "125.00",
        paid: "80.00",
        patient_share: "20.00",
        lines: vec![Svc {
            code: "99213",
            charge: "125.00",
            paid: "80.00",
            cas: &[("CO", "45", "25.00"), ("PR", "2", "20.00")],
            lcn: None,
        }],
        crossover,
    };
    let report = o
        .import(&x835("T6", "160.00", &[with_share(&control_a, false), with_share(&control_b, true)], None), false)
        .unwrap();
    let posted = &report[0].claims;
    assert!(posted[0].secondary_claim.is_some(), "a secondary claim is built for the remaining 20.00");
    assert!(posted[1].crossover && posted[1].secondary_claim.is_none(), "the payer forwarded it: we do not bill");
    // The coinsurance waits for the secondary payer instead of going to the patient.
    for p in [billed, crossed] {
        let b = o.store.patient_balance(p).unwrap();
        assert_eq!((b.insurance_pending, b.patient_due), (m("20.00"), m("0.00")));
    }
    assert_eq!((o.status(claim_a), o.status(claim_b)), (ClaimStatus::Paid, ClaimStatus::Paid));
    let secondary = o.store.list_claims(&claimdesk_store::ClaimQueue::All).unwrap();
    assert_eq!(secondary.iter().filter(|c| c.payer_rank == 2).count(), 1);
}

#[test]
fn provider_adjustments_balance_the_payment_and_stay_off_patient_accounts() {
    let mut o = Office::new();
    let p = o.patient("Gum", false);
    let (_, control) = o.sent_claim(p, &[("99213", &[], "125.00")]);
    // 100.00 for the claim, plus 5.25 interest (negative PLB), less a 40.00 recovery.
    let report = o
        .import(&x835("T7", "65.25", &[paid_in_full(&control, "")], Some("L6:INT1*-5.25*WO:ICN9*40.00")), false)
        .unwrap();
    assert_eq!(report[0].provider_adjustments, m("34.75"));
    assert_eq!(o.store.patient_balance(p).unwrap().total, m("0.00"));
}

#[test]
fn the_same_835_never_posts_twice() {
    let mut o = Office::new();
    let p = o.patient("Hazel", false);
    let (_, control) = o.sent_claim(p, &[("99213", &[], "125.00")]);
    let text = x835("T8", "100.00", &[paid_in_full(&control, "")], None);
    o.import(&text, false).unwrap();
    let after_first = o.entries(p);
    match o.import(&text, false) {
        Err(claimdesk_jobs::JobError::Store(StoreError::Conflict(message))) => {
            assert!(message.contains("already posted"))
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(o.entries(p), after_first);
}

#[test]
fn an_unknown_claim_goes_to_the_exceptions_and_the_rest_posts() {
    let mut o = Office::new();
    let p = o.patient("Ivy", false);
    let (claim, control) = o.sent_claim(p, &[("99213", &[], "125.00")]);
    let report = o
        .import(&x835("T9", "200.00", &[paid_in_full(&control, ""), paid_in_full("9999999", "")], None), false)
        .unwrap();
    assert_eq!(report[0].claims.len(), 1);
    assert_eq!(report[0].exceptions.len(), 1);
    assert!(report[0].exceptions[0].reason.contains("no claim has control number 9999999"));
    assert_eq!(o.status(claim), ClaimStatus::Paid);
    assert_eq!(o.store.list_remittance_exceptions().unwrap().len(), 1);
}

#[test]
fn an_unbalanced_file_posts_nothing() {
    let mut o = Office::new();
    let p = o.patient("Juniper", false);
    let (claim, control) = o.sent_claim(p, &[("99213", &[], "125.00")]);
    let before = o.entries(p);
    let err = o.import(&x835("T10", "99.00", &[paid_in_full(&control, "")], None), false).unwrap_err();
    assert!(err.to_string().contains("does not balance"), "{err}");
    assert_eq!(o.entries(p), before);
    assert_eq!(o.status(claim), ClaimStatus::Submitted);
}

#[test]
fn a_payer_that_dropped_a_modifier_still_pays_the_line() {
    let mut o = Office::new();
    let p = o.patient("Kapok", false);
    let (claim, control) = o.sent_claim(p, &[("99213", &["25"], "125.00"), ("87880", &[], "30.00")]);
    let clp = Clp {
        control: &control,
        status: "1",
        charge: "155.00",
        paid: "130.00",
        patient_share: "0",
        lines: vec![
            Svc { code: "99213", charge: "125.00", paid: "100.00", cas: &[("CO", "45", "25.00")], lcn: None },
            Svc { code: "87880", charge: "30.00", paid: "30.00", cas: &[], lcn: None },
        ],
        crossover: false,
    };
    let report = o.import(&x835("T11", "130.00", &[clp], None), false).unwrap();
    assert_eq!(report[0].claims[0].lines_matched_loosely, 2);
    assert_eq!(o.status(claim), ClaimStatus::Paid);
    assert_eq!(o.store.patient_balance(p).unwrap().total, m("0.00"));
}

#[test]
fn a_preview_shows_what_posting_does_and_changes_nothing() {
    let mut o = Office::new();
    let p = o.patient("Linden", false);
    let (claim, control) = o.sent_claim(p, &[("99213", &[], "125.00")]);
    let text = x835("T12", "100.00", &[paid_in_full(&control, "")], None);
    let before = o.entries(p);
    let preview = o.import(&text, true).unwrap();
    assert!(preview[0].preview && preview[0].remittance_id.is_none());
    assert_eq!(o.entries(p), before);
    assert_eq!(o.status(claim), ClaimStatus::Submitted);
    let posted = o.import(&text, false).unwrap();
    assert_eq!(preview[0].claims, posted[0].claims, "the preview is exactly what posts");
}

#[test]
fn a_paper_eob_posts_through_the_same_engine() {
    let mut o = Office::new();
    let p = o.patient("Maple", false);
    let (claim, control) = o.sent_claim(p, &[("99213", &[], "125.00")]);
    let eob = posting::ClaimAdjudication {
        control_number: control,
        status_code: "1".into(),
        charge: m("125.00"),
        paid: m("70.00"),
        patient_responsibility: m("30.00"),
        payer_claim_number: "EOB-1".into(),
        adjustments: vec![],
        remarks: vec![],
        crossover_payer: None,
        lines: vec![posting::LineAdjudication {
            procedure: "99213".into(),
            modifiers: vec![],
            submitted_procedure: None,
            service_date: Some(d(2026, 11, 2)),
            line_control_number: None,
            charge: m("125.00"),
            paid: m("70.00"),
            units: Some(1),
            allowed: None,
            adjustments: vec![
                posting::CasAdjustment { group: "CO".into(), reason: "45".into(), amount: m("25.00"), quantity: None },
                posting::CasAdjustment { group: "PR".into(), reason: "1".into(), amount: m("30.00"), quantity: None },
            ],
            remarks: vec![],
        }],
    };
    let posted = o.store.post_eob(&eob, d(2026, 11, 15), &Actor::user("tester", Source::App)).unwrap();
    // 70.00 + 30.00 is the 100.00 contracted: not underpaid. A payment of 70 alone would be.
    assert_eq!(posted.underpaid_lines, 0);
    assert_eq!(o.status(claim), ClaimStatus::Paid);
    let b = o.store.patient_balance(p).unwrap();
    assert_eq!((b.insurance_pending, b.patient_due), (m("0.00"), m("30.00")));
}

#[test]
fn a_line_paid_below_the_contract_is_flagged() {
    let mut o = Office::new();
    let p = o.patient("Nutmeg", false);
    let (_, control) = o.sent_claim(p, &[("99213", &[], "125.00")]);
    let clp = Clp {
        control: &control,
        status: "1",
        charge: "125.00",
        paid: "80.00",
        patient_share: "0",
        lines: vec![Svc { code: "99213", charge: "125.00", paid: "80.00", cas: &[("CO", "45", "45.00")], lcn: None }],
        crossover: false,
    };
    let report = o.import(&x835("T13", "80.00", &[clp], None), false).unwrap();
    assert_eq!(report[0].claims[0].underpaid_lines, 1, "80.00 paid against a 100.00 contract");
}

#[test]
fn files_that_are_not_835s_are_refused_and_change_nothing() {
    let mut o = Office::new();
    let p = o.patient("Olive", false);
    let (_, control) = o.sent_claim(p, &[("99213", &[], "125.00")]);
    let before = o.entries(p);
    let good = x835("T14", "100.00", &[paid_in_full(&control, "")], None);
    // Separators that differ from the ones the ISA declares.
    let (isa, rest) = good.split_once('~').unwrap();
    let wrong_separators = format!("{isa}~{}", rest.replace('*', "|"));
    for bad in [
        "",
        "hello, not X12",
        &good[..good.len() / 2],
        &good.replace("005010X221A1", "004010X091A1"),
        &wrong_separators,
    ] {
        assert!(o.import(bad, false).is_err(), "{bad:.40}");
    }
    assert_eq!(o.entries(p), before);
}

#[test]
fn the_secondary_claim_goes_out_electronically_with_the_primary_payment() {
    let mut o = Office::new();
    let p = o.patient("Pecan", true);
    let (_, control) = o.sent_claim(p, &[("99213", &[], "125.00")]);
    let clp = Clp {
        control: &control,
        status: "1",
        charge: "125.00",
        paid: "80.00",
        patient_share: "20.00",
        lines: vec![Svc {
            code: "99213",
            charge: "125.00",
            paid: "80.00",
            cas: &[("CO", "45", "25.00"), ("PR", "2", "20.00")],
            lcn: None,
        }],
        crossover: false,
    };
    let report = o.import(&x835("T20", "80.00", &[clp], None), false).unwrap();
    let secondary_control = report[0].claims[0].secondary_claim.clone().expect("a secondary claim");
    let secondary = o
        .store
        .list_claims(&claimdesk_store::ClaimQueue::All)
        .unwrap()
        .into_iter()
        .find(|c| c.control_number == secondary_control)
        .unwrap();
    assert_eq!(secondary.status, ClaimStatus::Ready, "scrubbed clean");
    let prior = o.store.prior_payment(secondary.id).unwrap().expect("the primary's payment");
    assert_eq!((prior.claim_paid, prior.lines[0].adjustments.len()), (m("80.00"), 2));

    o.store
        .save_clearinghouse(&claimdesk_core::clearinghouse::Clearinghouse {
            id: None,
            name: "Test clearinghouse".into(),
            submitter_name: "Riverside Family Medicine".into(),
            submitter_id: "SUB12345".into(),
            contact_name: "Billing office".into(),
            contact_phone: "512-555-0100".into(),
            receiver_name: "Clearinghouse Inc".into(),
            receiver_id: "CH0001".into(),
            sender_qualifier: "ZZ".into(),
            sender_id: "SUB12345".into(),
            receiver_qualifier: "ZZ".into(),
            interchange_receiver_id: "CH0001".into(),
            production: false,
            is_default: true,
        })
        .unwrap();
    let out = o._dir.path().join("secondary.837");
    let request = claimdesk_jobs::ExportRequest {
        claim_ids: vec![secondary.id],
        clearinghouse_id: None,
        out_path: out.display().to_string(),
        mark_submitted: true,
    };
    claimdesk_jobs::export_837(&mut o.store, &request, &Actor::user("tester", Source::App), &mut |_, _| {}).unwrap();
    let text = std::fs::read_to_string(&out).unwrap();
    // 2320: the primary paid 80.00; 2430: the line's adjudication with its CAS.
    assert!(text.contains("AMT*D*80"), "{text}");
    assert!(text.contains("SVD*ACME1*80"), "{text}");
    assert!(text.contains("CAS*CO*45*25"), "{text}");
    assert_eq!(o.status(secondary.id), ClaimStatus::Submitted);
    pyx12::validate("jobs-secondary-cob.837", &text, "837/005010X222A1").unwrap();
}

const ACK_ISA: &str =
    "ISA*00*          *00*          *ZZ*CLEARINGHOUSE  *ZZ*CLAIMDESK      *261102*0800*^*00501*000000077*0*P*:~";

#[test]
fn a_277ca_accepts_one_claim_and_rejects_another_with_its_reason() {
    let mut o = Office::new();
    let p = o.patient("Quince", false);
    let (accepted, control_a) = o.sent_claim(p, &[("99213", &[], "125.00")]);
    let (rejected, control_b) = o.sent_claim(p, &[("87880", &[], "30.00")]);
    let text = format!(
        "{ACK_ISA}GS*HN*CH*CD*20261102*0800*78*X*005010X214~ST*277*0001*005010X214~BHT*0085*08*1*20261102*0800*TH~\
         HL*1**20*1~NM1*AY*2*CLEARINGHOUSE*****46*CH1~TRN*1*B1~DTP*050*D8*20261102~DTP*009*D8*20261102~\
         HL*2*1*21*1~NM1*41*2*RIVERSIDE*****46*ETIN1~TRN*2*17~STC*A1:19:PR*20261102*WQ*155~QTY*90*1~QTY*AA*1~AMT*YU*125~AMT*YY*30~\
         HL*3*2*19*1~NM1*85*2*RIVERSIDE*****XX*1245319599~\
         HL*4*3*PT~NM1*QC*1*DOE*JANE****MI*M1~TRN*2*{control_a}~STC*A2:20:PR*20261102*WQ*125~REF*1K*ICN555~DTP*472*D8*20261102~\
         HL*5*3*PT~NM1*QC*1*ROE*RICK****MI*M2~TRN*2*{control_b}~STC*A7:562:85*20261102*U*30********NPI INVALID~DTP*472*D8*20261102~\
         SE*24*0001~GE*1*78~IEA*1*000000077~"
    );
    let report =
        claimdesk_jobs::import_acknowledgement(&mut o.store, &text, &Actor::user("tester", Source::Import)).unwrap();
    assert_eq!((report.kind.as_str(), report.accepted.len(), report.rejected.len()), ("277CA", 1, 1));
    assert_eq!(o.status(accepted), ClaimStatus::Accepted);
    assert_eq!(o.status(rejected), ClaimStatus::Rejected);
    let note = o.store.claim_history(rejected).unwrap().pop().unwrap().note;
    assert!(note.contains("NPI INVALID"), "{note}");
    // The payer's claim number is kept: a corrected claim quotes it without retyping.
    let correction = o
        .store
        .create_correction(
            accepted,
            claimdesk_core::claims::Frequency::Replacement,
            "",
            &Actor::user("tester", Source::App),
        )
        .unwrap();
    assert_eq!(o.store.claim_data(correction.id).unwrap().original_reference, "ICN555");
}

#[test]
fn a_999_rejecting_a_batch_sends_its_claims_back_as_rejected() {
    let mut o = Office::new();
    let p = o.patient("Rowan", false);
    // An electronic batch recorded with its group control number, as an 837P export leaves it.
    let (claim, _) = o.sent_claim(p, &[("99213", &[], "125.00")]);
    let numbers = o.store.reserve_control_numbers(1).unwrap();
    o.store
        .with_tx(|tx| {
            let batch: i64 = tx.query_row("SELECT batch_id FROM claims WHERE id = ?1", [claim], |r| r.get(0))?;
            tx.record_interchange(batch, numbers, None)
        })
        .unwrap();
    let text = format!(
        "{ACK_ISA}GS*FA*CH*CD*20261102*0800*77*X*005010X231A1~ST*999*0001*005010X231A1~AK1*HC*{}*005010X222A1~\
         AK2*837*0001*005010X222A1~IK3*NM1*23*2010BA*8~IK4*9*67*7*ABC~IK5*R*5~AK9*R*1*1*0~SE*8*0001~GE*1*77~IEA*1*000000077~",
        numbers.group
    );
    let report =
        claimdesk_jobs::import_acknowledgement(&mut o.store, &text, &Actor::user("tester", Source::Import)).unwrap();
    assert_eq!((report.kind.as_str(), report.rejected.len()), ("999", 1));
    assert_eq!(o.status(claim), ClaimStatus::Rejected);
}
