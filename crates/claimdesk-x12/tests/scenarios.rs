//! 837P scenarios: each file is generated from synthetic ClaimData, checked by pyx12 4.0.0
//! and by the structural assertions pyx12 does not make (totals, counts, HL links, pointers,
//! control numbers).

mod common;

use claimdesk_core::claims::{ClaimData, Frequency};
use claimdesk_core::patients::{Relationship, Sex};
use claimdesk_core::posting::{CasAdjustment, PriorLinePayment, PriorPayment};
use claimdesk_core::practice::{BillingEntity, TaxIdKind};
use claimdesk_core::providers::PayerKind;
use claimdesk_core::Money;
use claimdesk_x12::segments::tokenize;
use claimdesk_x12::{write_837p, ClaimToSend, PrimaryAdjudication, X12Error};
use common::fixtures::*;
use common::pyx12;

fn send(c: &ClaimData) -> ClaimToSend<'_> {
    ClaimToSend { claim: c, line_control_numbers: Vec::new(), primary: None, patient_paid: Money::ZERO }
}

/// Structural checks pyx12 does not make. Returns the segments as `id*el*el` strings.
fn check_structure(text: &str, expected_sets: usize) -> Vec<String> {
    let x = tokenize(text).expect("our own output tokenizes");
    let env = envelope();
    let segs = &x.segments;
    let isa = &segs[0];
    assert_eq!(isa.el(13), format!("{:09}", env.interchange_control_number), "ISA13 as given");
    assert_eq!(isa.el(15), "T");
    let gs = segs.iter().find(|s| s.id == "GS").expect("GS");
    assert_eq!(gs.el(6), env.group_control_number.to_string(), "GS06 as given");
    assert_eq!(gs.el(8), "005010X222A1");
    let ge = segs.iter().find(|s| s.id == "GE").expect("GE");
    assert_eq!(ge.el(2), gs.el(6));
    let iea = segs.last().expect("IEA");
    assert_eq!(iea.id, "IEA");
    assert_eq!(iea.el(1), "1");
    assert_eq!(iea.el(2), isa.el(13));
    let sts: Vec<usize> = segs.iter().enumerate().filter(|(_, s)| s.id == "ST").map(|(i, _)| i).collect();
    assert_eq!(sts.len(), expected_sets, "number of ST");
    assert_eq!(ge.el(1), sts.len().to_string(), "GE01 counts ST");
    for (k, &st_i) in sts.iter().enumerate() {
        let st = &segs[st_i];
        assert_eq!(st.el(2), format!("{:04}", env.first_transaction_set_number as usize + k), "ST02 numbering");
        let se_i = st_i + segs[st_i..].iter().position(|s| s.id == "SE").expect("SE");
        let se = &segs[se_i];
        assert_eq!(se.el(1), (se_i - st_i + 1).to_string(), "SE01 counts ST..SE");
        assert_eq!(se.el(2), st.el(2));
        // HL numbering and parents, per ST.
        let mut hl_ids: Vec<(String, String)> = Vec::new(); // (id, level)
        for s in &segs[st_i..se_i] {
            if s.id == "HL" {
                assert_eq!(s.el(1), (hl_ids.len() + 1).to_string(), "HL01 counts from 1 in each ST");
                match s.el(3) {
                    "20" => assert_eq!(s.el(2), "", "2000A has no parent"),
                    "22" => {
                        assert!(hl_ids.iter().any(|(id, lvl)| id == s.el(2) && lvl == "20"), "2000B parent is a 2000A")
                    }
                    "23" => {
                        assert!(hl_ids.iter().any(|(id, lvl)| id == s.el(2) && lvl == "22"), "2000C parent is a 2000B")
                    }
                    other => panic!("unexpected HL03 {other}"),
                }
                hl_ids.push((s.el(1).to_string(), s.el(3).to_string()));
            }
        }
        // Claims: CLM02 = sum SV102; pointers within HI; LX counts 1..n.
        let mut i = st_i;
        while i < se_i {
            if segs[i].id == "CLM" {
                let end =
                    segs[i + 1..se_i].iter().position(|s| s.id == "CLM" || s.id == "HL").map_or(se_i, |p| i + 1 + p);
                let clm = &segs[i];
                let hi = segs[i..end].iter().find(|s| s.id == "HI").expect("HI");
                let dx = hi.len();
                let mut total = Money::ZERO;
                let mut lx = 0;
                for s in &segs[i..end] {
                    match s.id {
                        "LX" => {
                            lx += 1;
                            assert_eq!(s.el(1), lx.to_string());
                        }
                        "SV1" => {
                            total = total + Money::parse(s.el(2)).expect("SV102");
                            for p in s.components(7) {
                                let p: usize = p.parse().expect("pointer number");
                                assert!((1..=dx).contains(&p), "pointer {p} within {dx} HI entries");
                            }
                        }
                        _ => {}
                    }
                }
                assert_eq!(Money::parse(clm.el(2)).expect("CLM02"), total, "CLM02 = sum of SV102 for {}", clm.el(1));
                i = end;
            } else {
                i += 1;
            }
        }
    }
    segs.iter().map(|s| text_of(text, s.position)).collect()
}

fn text_of(text: &str, position: usize) -> String {
    text.split('~').map(|s| s.trim()).filter(|s| !s.is_empty()).nth(position - 1).unwrap_or("").to_string()
}

fn run(name: &str, claims: &[ClaimToSend], sets: usize) -> Vec<String> {
    let text = write_837p(&envelope(), &submitter(), &receiver(), claims).expect("write 837P");
    let segs = check_structure(&text, sets);
    if let Err(e) = pyx12::validate(&format!("{name}.837"), &text, "837/005010X222A1") {
        panic!("pyx12 rejected {name}:\n{e}\n{text}");
    }
    segs
}

fn has(segs: &[String], seg: &str) -> bool {
    segs.iter().any(|s| s == seg)
}

fn assert_has(segs: &[String], seg: &str) {
    assert!(has(segs, seg), "expected segment {seg:?} in\n{}", segs.join("\n"));
}

#[test]
fn s01_patient_is_subscriber() {
    let c = claim("CLM0001");
    let segs = run("s01_self", &[send(&c)], 1);
    assert_has(&segs, "HL*2*1*22*0");
    assert_has(&segs, "SBR*P*18*GRP100******CI");
    assert_has(&segs, "NM1*IL*1*DOE*JANE*Q***MI*XYZ123456");
    assert_has(&segs, "DMG*D8*19800412*F");
    assert_has(&segs, "NM1*PR*2*ACME HEALTH PLAN*****PI*ACME1");
    assert_has(&segs, "CLM*CLM0001*125.00***11:B:1*Y*A*Y*Y");
    assert_has(&segs, "HI*ABK:J029*ABF:R509");
    assert_has(&segs, "SV1*HC:99213*125.00*UN*1***1:2");
    assert_has(&segs, "DTP*472*D8*20240304");
    assert!(!segs.iter().any(|s| s.starts_with("PAT")), "no PAT when patient is subscriber");
    assert!(!segs.iter().any(|s| s.starts_with("NM1*82")), "no 2310B when rendering = billing");
}

#[test]
fn s02_child_patient_has_pat_loop() {
    let mut c = claim("CLM0002");
    c.policy = policy("XYZ777", Relationship::Child);
    c.subscriber = person_from(&c.patient);
    c.subscriber.first_name = "Robert".into();
    c.subscriber.last_name = "Doe".into();
    c.subscriber.sex = Sex::M;
    c.subscriber.birth_date = Some(date(1975, 1, 2));
    c.patient.first_name = "Tim".into();
    c.patient.middle_name = String::new();
    c.patient.birth_date = Some(date(2015, 6, 30));
    c.patient.sex = Sex::M;
    let segs = run("s02_child", &[send(&c)], 1);
    assert_has(&segs, "HL*2*1*22*1");
    assert_has(&segs, "SBR*P**GRP100******CI");
    assert_has(&segs, "NM1*IL*1*DOE*ROBERT*Q***MI*XYZ777");
    assert_has(&segs, "HL*3*2*23*0");
    assert_has(&segs, "PAT*19");
    assert_has(&segs, "NM1*QC*1*DOE*TIM");
    assert_has(&segs, "DMG*D8*20150630*M");
    assert!(!has(&segs, "DMG*D8*19750102*M"), "no subscriber DMG when subscriber is not the patient");
}

#[test]
fn s03_referring_provider() {
    let mut c = claim("CLM0003");
    c.referring = Some(provider("Jones", "Alice", "1679576722", ""));
    let segs = run("s03_referring", &[send(&c)], 1);
    assert_has(&segs, "NM1*DN*1*JONES*ALICE****XX*1679576722");
}

#[test]
fn s04_rendering_differs_from_billing() {
    let mut c = claim("CLM0004");
    c.rendering = provider("Nguyen", "Lan", "1932102084", "363LF0000X");
    let segs = run("s04_rendering", &[send(&c)], 1);
    assert_has(&segs, "NM1*82*1*NGUYEN*LAN****XX*1932102084");
    assert_has(&segs, "PRV*PE*PXC*363LF0000X");
    assert_has(&segs, "PRV*BI*PXC*207Q00000X");
}

#[test]
fn s05_service_facility() {
    let mut c = claim("CLM0005");
    c.facility = Some(facility());
    c.visit.place_of_service = "24".into();
    let segs = run("s05_facility", &[send(&c)], 1);
    assert_has(&segs, "NM1*77*2*RIVERSIDE SURGERY CENTER*****XX*1093817373");
    assert_has(&segs, "N3*500 RIVER RD");
    assert_has(&segs, "N4*AUSTIN*TX*787031111");
    assert_has(&segs, "CLM*CLM0005*125.00***24:B:1*Y*A*Y*Y");
}

#[test]
fn s06_four_modifiers_and_four_pointers() {
    let mut c = claim("CLM0006");
    c.visit.diagnoses = vec!["M54.50".into(), "M25.511".into(), "G89.29".into(), "Z79.891".into(), "R52".into()];
    let mut l = line("97110", "60.00", &[1, 2, 3, 5]);
    l.modifiers = vec!["GP".into(), "59".into(), "KX".into(), "xu".into()];
    l.units = 3;
    c.visit.lines = vec![l, line("97140", "45.50", &[4])];
    fix_total(&mut c);
    let lcns = vec!["L-6-1".to_string(), "L-6-2".to_string()];
    let segs = run(
        "s06_modifiers",
        &[ClaimToSend { claim: &c, line_control_numbers: lcns, primary: None, patient_paid: Money::ZERO }],
        1,
    );
    assert_has(&segs, "SV1*HC:97110:GP:59:KX:XU*60.00*UN*3***1:2:3:5");
    assert_has(&segs, "SV1*HC:97140*45.50*UN*1***4");
    assert_has(&segs, "HI*ABK:M5450*ABF:M25511*ABF:G8929*ABF:Z79891*ABF:R52");
    assert_has(&segs, "CLM*CLM0006*105.50***11:B:1*Y*A*Y*Y");
    assert_has(&segs, "REF*6R*L-6-1");
    assert_has(&segs, "LX*2");
}

#[test]
fn s07_prior_authorization() {
    let mut c = claim("CLM0007");
    c.visit.prior_authorization = "PA-99812".into();
    let segs = run("s07_prior_auth", &[send(&c)], 1);
    assert_has(&segs, "REF*G1*PA-99812");
}

#[test]
fn s08_auto_accident_with_state() {
    let mut c = claim("CLM0008");
    c.visit.conditions.auto_accident = true;
    c.visit.conditions.auto_accident_state = "ok".into();
    c.visit.conditions.accident_date = Some(date(2024, 2, 28));
    c.visit.onset_date = Some(date(2024, 2, 28));
    c.visit.diagnoses = vec!["S13.4XXA".into(), "V43.52XA".into()];
    let segs = run("s08_auto", &[send(&c)], 1);
    assert_has(&segs, "CLM*CLM0008*125.00***11:B:1*Y*A*Y*Y**AA:::OK");
    assert_has(&segs, "DTP*439*D8*20240228");
    assert_has(&segs, "DTP*431*D8*20240228");
    assert_has(&segs, "HI*ABK:S134XXA*ABF:V4352XA");
}

#[test]
fn s09_chiropractic() {
    let mut c = claim("CLM0009");
    c.payer = payer("Medicare Part B", "MCRB1", PayerKind::Medicare);
    c.visit.diagnoses = vec!["M99.03".into(), "M54.50".into()];
    let mut l = line("98941", "55.00", &[1, 2]);
    l.modifiers = vec!["AT".into()];
    c.visit.lines = vec![l];
    c.visit.initial_treatment_date = Some(date(2024, 1, 15));
    c.visit.last_xray_date = Some(date(2024, 1, 10));
    c.rendering = provider("Bones", "Carl", "1366456782", "111N00000X");
    fix_total(&mut c);
    let segs = run("s09_chiro", &[send(&c)], 1);
    assert_has(&segs, "SV1*HC:98941:AT*55.00*UN*1***1:2");
    assert_has(&segs, "HI*ABK:M9903*ABF:M5450");
    assert_has(&segs, "DTP*454*D8*20240115");
    assert_has(&segs, "DTP*455*D8*20240110");
    assert_has(&segs, "SBR*P*18*GRP100******MB");
    let i454 = segs.iter().position(|s| s.starts_with("DTP*454")).expect("454");
    let i455 = segs.iter().position(|s| s.starts_with("DTP*455")).expect("455");
    assert!(i454 < i455, "DTP order as in the implementation guide");
}

#[test]
fn s10_corrected_claim() {
    let mut c = claim("CLM0010");
    c.frequency = Frequency::Replacement;
    c.original_reference = "ICN20240311001".into();
    let segs = run("s10_corrected", &[send(&c)], 1);
    assert_has(&segs, "CLM*CLM0010*125.00***11:B:7*Y*A*Y*Y");
    assert_has(&segs, "REF*F8*ICN20240311001");
}

#[test]
fn s11_void_claim() {
    let mut c = claim("CLM0011");
    c.frequency = Frequency::Void;
    c.original_reference = "ICN20240311002".into();
    c.accept_assignment = false;
    let segs = run("s11_void", &[send(&c)], 1);
    assert_has(&segs, "CLM*CLM0011*125.00***11:B:8*Y*C*Y*Y");
    assert_has(&segs, "REF*F8*ICN20240311002");
}

fn adj(group: &str, reason: &str, amount: &str) -> CasAdjustment {
    CasAdjustment { group: group.into(), reason: reason.into(), amount: money(amount), quantity: None }
}

#[test]
fn s12_secondary_claim_with_primary_adjudication() {
    let mut c = claim("CLM0012");
    c.payer_rank = 2;
    c.payer = payer("Second Mutual", "SECMU", PayerKind::Commercial);
    c.policy = policy("SM555", Relationship::Itself);
    c.visit.lines = vec![line("99214", "180.00", &[1]), line("36415", "20.00", &[2])];
    fix_total(&mut c);
    let primary = PrimaryAdjudication {
        payer: payer("Acme Health Plan", "ACME1", PayerKind::Commercial),
        policy: policy("XYZ123456", Relationship::Itself),
        subscriber: person_from(&c.patient),
        payment: PriorPayment {
            paid_date: date(2024, 3, 20),
            claim_paid: money("110.00"),
            claim_adjustments: vec![],
            lines: vec![
                PriorLinePayment {
                    line_number: 1,
                    procedure: "99214".into(),
                    modifiers: vec![],
                    paid: money("100.00"),
                    units: 1,
                    adjustments: vec![adj("CO", "45", "50.00"), adj("PR", "2", "30.00")],
                },
                PriorLinePayment {
                    line_number: 2,
                    procedure: "36415".into(),
                    modifiers: vec![],
                    paid: money("10.00"),
                    units: 1,
                    adjustments: vec![adj("CO", "45", "5.00"), adj("PR", "1", "5.00")],
                },
            ],
        },
    };
    let segs = run(
        "s12_secondary",
        &[ClaimToSend {
            claim: &c,
            line_control_numbers: vec!["A1".into(), "A2".into()],
            primary: Some(primary.clone()),
            patient_paid: Money::ZERO,
        }],
        1,
    );
    assert_has(&segs, "SBR*S*18*GRP100******CI");
    assert_has(&segs, "SBR*P*18*GRP100******CI");
    assert_has(&segs, "AMT*D*110.00");
    assert_has(&segs, "OI***Y*P**Y");
    assert_has(&segs, "NM1*IL*1*DOE*JANE*Q***MI*XYZ123456");
    assert_has(&segs, "NM1*PR*2*ACME HEALTH PLAN*****PI*ACME1");
    assert_has(&segs, "SVD*ACME1*100.00*HC:99214**1");
    assert_has(&segs, "CAS*CO*45*50.00");
    assert_has(&segs, "CAS*PR*2*30.00");
    assert_has(&segs, "DTP*573*D8*20240320");
    // Claim-level CAS in 2320 when the primary adjusted at claim level.
    let mut p2 = primary;
    p2.payment.claim_adjustments = vec![adj("PR", "1", "25.00"), adj("PR", "2", "5.00")];
    p2.payment.lines.clear();
    let segs = run(
        "s12b_secondary_claim_level",
        &[ClaimToSend { claim: &c, line_control_numbers: vec![], primary: Some(p2), patient_paid: Money::ZERO }],
        1,
    );
    assert_has(&segs, "CAS*PR*1*25.00**2*5.00");
    assert_has(&segs, "DTP*573*D8*20240320");
}

/// A primary claim for a patient with a second policy names it in 2320/2330 (rank S, not yet
/// adjudicated: no AMT*D, no CAS, no DTP*573), so the payer can coordinate benefits.
#[test]
fn s12c_primary_claim_names_the_other_coverage() {
    let mut c = claim("CLM0012C");
    c.other_coverage = Some(claimdesk_core::claims::OtherCoverage {
        payer: payer("Second Mutual", "SECMU", PayerKind::Commercial),
        policy: policy("SM555", Relationship::Itself),
        subscriber: person_from(&c.patient),
    });
    let segs = run("s12c_primary_other_coverage", &[send(&c)], 1);
    assert_has(&segs, "SBR*P*18*GRP100******CI");
    assert_has(&segs, "SBR*S*18*GRP100******CI");
    assert_has(&segs, "OI***Y*P**Y");
    assert_has(&segs, "NM1*IL*1*DOE*JANE*Q***MI*SM555");
    assert_has(&segs, "NM1*PR*2*SECOND MUTUAL*****PI*SECMU");
    assert!(!segs.iter().any(|s| s.starts_with("AMT*D") || s.starts_with("DTP*573") || s.starts_with("SVD")));
    // Without other coverage there is no 2320.
    let alone = run("s12c_primary_alone", &[send(&claim("CLM0012D"))], 1);
    assert_eq!(alone.iter().filter(|s| s.starts_with("SBR")).count(), 1);
}

#[test]
fn s13_batch_of_ten_claims_two_payers() {
    let claims: Vec<ClaimData> = (0..10)
        .map(|i| {
            let mut c = claim(&format!("B{i:04}"));
            if i % 2 == 1 {
                c.payer = payer("Blue Plan of Texas", "BPTX1", PayerKind::Bcbs);
            }
            c.patient.first_name = format!("Pat{i}");
            c.visit.lines[0].charge = money(&format!("{}.25", 100 + i));
            fix_total(&mut c);
            c
        })
        .collect();
    let to_send: Vec<ClaimToSend> = claims.iter().map(send).collect();
    let segs = run("s13_batch", &to_send, 1);
    assert_eq!(segs.iter().filter(|s| s.starts_with("CLM*")).count(), 10);
    assert_eq!(segs.iter().filter(|s| s.starts_with("HL*")).count(), 11);
    assert_eq!(segs.iter().filter(|s| s.starts_with("NM1*PR*2*BLUE PLAN")).count(), 5);
    assert_has(&segs, "HL*11*1*22*0");
    assert_has(&segs, "CLM*B0009*109.25***11:B:1*Y*A*Y*Y");
}

#[test]
fn s14_individual_billing_provider_with_ssn() {
    let mut c = claim("CLM0014");
    c.practice.billing_entity = BillingEntity::Individual;
    c.practice.tax_id_kind = TaxIdKind::Ssn;
    c.practice.tax_id = "123-45-6789".into();
    c.practice.name = "John Smith MD".into();
    let segs = run("s14_individual", &[send(&c)], 1);
    assert_has(&segs, "NM1*85*1*SMITH*JOHN****XX*1245319599");
    assert_has(&segs, "REF*SY*123456789");
    // Individual with an EIN, name taken from the practice name "LAST, FIRST".
    c.practice.tax_id_kind = TaxIdKind::Ein;
    c.practice.tax_id = "74-1234567".into();
    c.practice.name = "Garcia, Maria".into();
    c.rendering.npi = "1932102084".into();
    let segs = run("s14b_individual_ein", &[send(&c)], 1);
    assert_has(&segs, "NM1*85*1*GARCIA*MARIA****XX*1245319599");
    assert_has(&segs, "REF*EI*741234567");
}

#[test]
fn s15_note_date_range_emergency_and_spouse() {
    let mut c = claim("CLM0015");
    c.visit.additional_info = "Lab ref*123: see~notes".into();
    let mut l = line("97530", "240.00", &[1]);
    l.service_to = Some(date(2024, 3, 8));
    l.units = 4;
    l.emergency = true;
    c.visit.lines = vec![l];
    c.policy = policy("SP100", Relationship::Spouse);
    c.subscriber.first_name = "Sam".into();
    fix_total(&mut c);
    let segs = run("s15_misc", &[send(&c)], 1);
    assert_has(&segs, "NTE*ADD*LAB REF 123 SEE NOTES");
    assert_has(&segs, "DTP*472*RD8*20240304-20240308");
    assert_has(&segs, "SV1*HC:97530*240.00*UN*4***1**Y");
    assert_has(&segs, "PAT*01");
}

#[test]
fn s16_two_billing_providers_two_transaction_sets() {
    let a = claim("MULTI1");
    let mut b = claim("MULTI2");
    b.practice.npi = "1093817373".into();
    b.practice.tax_id = "759876543".into();
    b.practice.name = "Hill Country Clinic".into();
    b.rendering.npi = "1093817373".into();
    let c = claim("MULTI3");
    let segs = run("s16_two_providers", &[send(&a), send(&b), send(&c)], 2);
    // HL numbering restarts in the second ST.
    assert_eq!(segs.iter().filter(|s| s.as_str() == "HL*1**20*1").count(), 2);
    assert_has(&segs, "ST*837*0002*005010X222A1");
}

#[test]
fn refuses_claim_without_lines() {
    let mut c = claim("EMPTY01");
    c.visit.lines.clear();
    fix_total(&mut c);
    let err = write_837p(&envelope(), &submitter(), &receiver(), &[send(&c)]).unwrap_err();
    assert!(matches!(&err, X12Error::InvalidClaim { control_number, .. } if control_number == "EMPTY01"), "{err:?}");
    assert!(err.to_string().contains("EMPTY01") && err.to_string().contains("no service lines"), "{err}");
}

type Change = Box<dyn Fn(&mut ClaimData)>;

#[test]
fn refuses_bad_claims_naming_them() {
    let ok = claim("GOOD01");
    let cases: Vec<(Change, &str)> = vec![
        (Box::new(|c| c.visit.lines[0].pointers = vec![3]), "points to diagnosis 3"),
        (Box::new(|c| c.visit.lines[0].pointers.clear()), "diagnosis pointers"),
        (Box::new(|c| c.total_charge = money("1.00")), "does not equal"),
        (Box::new(|c| c.visit.diagnoses.clear()), "no diagnosis"),
        (Box::new(|c| c.payer.payer_id.clear()), "payer ID"),
        (Box::new(|c| c.frequency = Frequency::Replacement), "REF*F8"),
        (Box::new(|c| c.visit.lines[0].units = 0), "0 units"),
    ];
    for (change, expected) in cases {
        let mut c = claim("BAD01");
        change(&mut c);
        let err = write_837p(&envelope(), &submitter(), &receiver(), &[send(&ok), send(&c)]).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("BAD01") && msg.contains(expected), "{msg} should mention {expected}");
    }
    let mut env = envelope();
    env.sender_id = "A VERY LONG SENDER ID".into();
    assert!(matches!(write_837p(&env, &submitter(), &receiver(), &[send(&ok)]), Err(X12Error::InvalidEnvelope(_))));
    assert!(matches!(write_837p(&envelope(), &submitter(), &receiver(), &[]), Err(X12Error::InvalidEnvelope(_))));
    let wrong_lcn = ClaimToSend {
        claim: &ok,
        line_control_numbers: vec!["A".into(), "B".into()],
        primary: None,
        patient_paid: Money::ZERO,
    };
    assert!(write_837p(&envelope(), &submitter(), &receiver(), &[wrong_lcn]).is_err());
}

/// Medicare pays second behind an employer plan (working aged): 2000B SBR05 carries the
/// Medicare secondary payer type (005010X222A1: required when the payer is Medicare and
/// Medicare is not primary); the 2320 of the employer plan, which is primary, has none.
#[test]
fn s17_medicare_secondary_carries_the_msp_type_in_sbr05() {
    let mut c = claim("CLM0017");
    c.payer = payer("Medicare Part B", "MCRDM1", PayerKind::Medicare);
    c.payer_rank = 2;
    c.policy.group_number.clear();
    c.policy.msp_type = "12".into();
    let employer = payer("Bluebonnet BCBS", "BBCBS1", PayerKind::Bcbs);
    let primary = PrimaryAdjudication {
        payer: employer.clone(),
        policy: policy("ZBB900", Relationship::Itself),
        subscriber: person_from(&c.patient),
        payment: PriorPayment {
            paid_date: date(2024, 3, 20),
            claim_paid: money("80.00"),
            claim_adjustments: vec![CasAdjustment {
                group: "PR".into(),
                reason: "2".into(),
                amount: money("20.00"),
                quantity: None,
            }],
            lines: vec![],
        },
    };
    c.other_coverage = Some(claimdesk_core::claims::OtherCoverage {
        payer: employer,
        policy: primary.policy.clone(),
        subscriber: primary.subscriber.clone(),
    });
    let segs = run(
        "s17_medicare_secondary",
        &[ClaimToSend { claim: &c, line_control_numbers: vec![], primary: Some(primary), patient_paid: Money::ZERO }],
        1,
    );
    assert_has(&segs, "SBR*S*18***12****MB");
    assert_has(&segs, "SBR*P*18*GRP100******BL");
    // Without the type the claim would go out with SBR05 empty: the scrubber refuses that
    // (MEDICARE_SECONDARY_PAYER_TYPE); the writer only writes what it is given.
}

/// A commercial primary claim naming Medicare as the second coverage: 2320 SBR05 is the
/// Medicare policy's secondary payer type.
#[test]
fn s18_medicare_as_other_coverage_carries_the_msp_type_in_2320() {
    let mut c = claim("CLM0018");
    let mut medicare_policy = policy("1EG4TE5MK72", Relationship::Itself);
    medicare_policy.group_number.clear();
    medicare_policy.msp_type = "43".into();
    c.other_coverage = Some(claimdesk_core::claims::OtherCoverage {
        payer: payer("Medicare Part B", "MCRDM1", PayerKind::Medicare),
        policy: medicare_policy,
        subscriber: person_from(&c.patient),
    });
    let segs = run("s18_medicare_other_coverage", &[send(&c)], 1);
    assert_has(&segs, "SBR*P*18*GRP100******CI");
    assert_has(&segs, "SBR*S*18***43****MB");
}

/// A Medicaid EPSDT screening: 2300 CRC*ZZ (N with NU when no referral was given, Y with
/// ST when one was) and SV111 = Y on its lines; what the patient paid in AMT*F5.
#[test]
fn s19_medicaid_epsdt_screening_and_the_patient_amount_paid() {
    use claimdesk_core::visits::EpsdtReferral;
    let mut c = claim("CLM0019");
    c.payer = payer("Texas Medicaid", "TXMDM1", PayerKind::Medicaid);
    c.visit.lines[0].code = "99392".into();
    c.visit.epsdt = Some(EpsdtReferral::NoReferral);
    let segs = run("s19_epsdt_no_referral", &[send(&c)], 1);
    assert_has(&segs, "CRC*ZZ*N*NU");
    let sv1 = segs.iter().find(|s| s.starts_with("SV1*")).expect("SV1");
    assert_eq!(sv1.split('*').nth(11), Some("Y"), "SV111 EPSDT indicator: {sv1}");
    // The CRC sits before HI, as the guide orders 2300.
    let crc = segs.iter().position(|s| s.starts_with("CRC*")).unwrap();
    let hi = segs.iter().position(|s| s.starts_with("HI*")).unwrap();
    assert!(crc < hi);

    c.visit.epsdt = Some(EpsdtReferral::NewServices);
    let paid = ClaimToSend { claim: &c, line_control_numbers: vec![], primary: None, patient_paid: money("15.00") };
    let segs = run("s19_epsdt_referral_and_copay", &[paid], 1);
    assert_has(&segs, "CRC*ZZ*Y*ST");
    assert_has(&segs, "AMT*F5*15.00");

    // Not an EPSDT visit: no CRC, no SV111, no AMT*F5 when nothing was paid.
    let plain = run("s19_not_epsdt", &[send(&claim("CLM0019B"))], 1);
    assert!(!plain.iter().any(|s| s.starts_with("CRC") || s.starts_with("AMT*F5")));
    assert!(plain.iter().filter(|s| s.starts_with("SV1*")).all(|s| s.split('*').count() < 12));
}

/// The billing provider (2010AA) and the service facility (2310C) carry their nine-digit ZIPs.
#[test]
fn s20_billing_and_facility_addresses_carry_zip_plus_4() {
    let mut c = claim("CLM0020");
    c.facility = Some(facility());
    c.visit.place_of_service = "24".into();
    let segs = run("s20_zip_plus_4", &[send(&c)], 1);
    let n4s: Vec<&String> = segs.iter().filter(|s| s.starts_with("N4*")).collect();
    assert!(n4s.iter().any(|s| s.as_str() == "N4*AUSTIN*TX*787011234"), "{n4s:?}");
    assert!(n4s.iter().any(|s| s.as_str() == "N4*AUSTIN*TX*787031111"), "{n4s:?}");
}

/// A Medicare chiropractic claim of a care episode, its lines' modifiers as charge entry
/// suggests them (`chiro_care::suggest_modifiers`), the initiation date from the episode.
fn medicare_chiro(control: &str, phase: claimdesk_core::chiro_care::CarePhase, abn: bool) -> ClaimData {
    use claimdesk_core::chiro_care::{suggest_modifiers, CareEpisode};
    let episode = CareEpisode {
        id: Some(1),
        patient_id: 1,
        subluxation: "M99.03".into(),
        initiation_date: Some(date(2024, 1, 15)),
        maintenance_from: Some(date(2024, 4, 1)),
        notes: String::new(),
    };
    let mut c = claim(control);
    c.payer = payer("Medicare Part B", "MCRB1", PayerKind::Medicare);
    c.rendering = provider("Bones", "Carl", "1366456782", "111N00000X");
    c.visit.diagnoses = vec!["M99.03".into(), "M54.50".into()];
    let mut lines = vec![line("98940", "45.00", &[1, 2]), line("97140", "30.00", &[1]), line("99213", "60.00", &[2])];
    for l in lines.iter_mut() {
        l.modifiers = suggest_modifiers(&l.code, true, true, phase, abn).expect("Medicare chiro").applied_to(&[]);
    }
    c.visit.lines = lines;
    c.visit.episode_id = episode.id;
    c.visit.initial_treatment_date = episode.initiation_date;
    c.visit.abn_on_file = abn;
    fix_total(&mut c);
    c
}

#[test]
fn s21_medicare_active_chiropractic_care() {
    use claimdesk_core::chiro_care::CarePhase;
    let c = medicare_chiro("CLM0021", CarePhase::Active, false);
    let segs = run("s21_chiro_active", &[send(&c)], 1);
    // Pub. 100-04 ch. 12 §220: AT on active treatment; DTP*454 the episode's initiation date.
    assert_has(&segs, "SV1*HC:98940:AT*45.00*UN*1***1:2");
    assert_has(&segs, "DTP*454*D8*20240115");
    // A therapy by a chiropractor: GP and GY; an exam: GY (Pub. 100-04 ch. 5 §20.1; SSA §1861(r)(5)).
    assert_has(&segs, "SV1*HC:97140:GP:GY*30.00*UN*1***1");
    assert_has(&segs, "SV1*HC:99213:GY*60.00*UN*1***2");
    assert!(!segs.iter().any(|s| s.contains(":GA") || s.contains(":GZ")));
}

#[test]
fn s22_medicare_maintenance_care_with_and_without_an_abn() {
    use claimdesk_core::chiro_care::CarePhase;
    let with_abn = medicare_chiro("CLM0022", CarePhase::Maintenance, true);
    let without = medicare_chiro("CLM0022B", CarePhase::Maintenance, false);
    let segs = run("s22_chiro_maintenance", &[send(&with_abn), send(&without)], 1);
    // Maintenance: never AT; GA with a valid ABN on file, GZ without.
    assert_has(&segs, "SV1*HC:98940:GA*45.00*UN*1***1:2");
    assert_has(&segs, "SV1*HC:98940:GZ*45.00*UN*1***1:2");
    assert!(!segs.iter().any(|s| s.contains(":AT")), "no AT on maintenance care");
    assert_eq!(segs.iter().filter(|s| s.as_str() == "DTP*454*D8*20240115").count(), 2, "both claims carry 454");
    let clm: Vec<&String> = segs.iter().filter(|s| s.starts_with("CLM*")).collect();
    assert!(clm[0].starts_with("CLM*CLM0022*") && clm[1].starts_with("CLM*CLM0022B*"), "{clm:?}");
}

/// An auto accident case's claim to the carrier: CLM11 AA with the state, DTP*439 and the
/// property and casualty claim number (REF*Y4 in 2010BA when the patient is the insured).
#[test]
fn s21_auto_case_claim_to_the_carrier_carries_the_pc_claim_number() {
    let mut c = claim("CLM0021");
    c.payer = payer("Sooner Mutual Auto", "SMA01", PayerKind::Auto);
    c.policy = policy("PC778899", Relationship::Itself);
    c.policy.group_number = String::new();
    c.property_casualty_claim_number = "pc778899".into();
    c.visit.conditions.auto_accident = true;
    c.visit.conditions.auto_accident_state = "OK".into();
    c.visit.conditions.accident_date = Some(date(2024, 2, 28));
    c.visit.diagnoses = vec!["S13.4XXA".into(), "V43.52XA".into()];
    let segs = run("s21_auto_case", &[send(&c)], 1);
    assert_has(&segs, "SBR*P*18*******AM");
    assert_has(&segs, "NM1*IL*1*DOE*JANE*Q***MI*PC778899");
    assert_has(&segs, "REF*Y4*PC778899");
    assert_has(&segs, "CLM*CLM0021*125.00***11:B:1*Y*A*Y*Y**AA:::OK");
    assert_has(&segs, "DTP*439*D8*20240228");
    let dmg = segs.iter().position(|s| s.starts_with("DMG")).unwrap();
    assert_eq!(segs[dmg + 1], "REF*Y4*PC778899", "REF*Y4 follows the subscriber's DMG in 2010BA");
}

/// A workers' compensation case's claim: CLM11 EM, DTP*439 (the date of injury) and REF*Y4.
#[test]
fn s22_workers_comp_case_claim() {
    let mut c = claim("CLM0022");
    c.payer = payer("Prairie Workers Comp", "PWC01", PayerKind::WorkersComp);
    c.policy = policy("WC-2026-0042", Relationship::Itself);
    c.policy.group_number = String::new();
    c.property_casualty_claim_number = "WC-2026-0042".into();
    c.visit.conditions.employment = true;
    c.visit.conditions.accident_date = Some(date(2024, 2, 20));
    c.visit.diagnoses = vec!["S33.5XXA".into()];
    c.visit.lines[0].pointers = vec![1];
    let segs = run("s22_wc_case", &[send(&c)], 1);
    assert_has(&segs, "SBR*P*18*******WC");
    assert_has(&segs, "NM1*IL*1*DOE*JANE*Q***MI*WC-2026-0042");
    assert_has(&segs, "REF*Y4*WC-2026-0042");
    assert_has(&segs, "CLM*CLM0022*125.00***11:B:1*Y*A*Y*Y**EM");
    assert_has(&segs, "DTP*439*D8*20240220");
    assert!(!segs.iter().any(|s| s.starts_with("CLM") && s.contains("AA")), "no auto indicator on a WC claim");
}

/// A child hurt in a parent's car: REF*Y4 goes with the patient in 2010CA.
#[test]
fn s23_auto_case_for_a_dependent_puts_ref_y4_in_the_patient_loop() {
    let mut c = claim("CLM0023");
    c.payer = payer("Sooner Mutual Auto", "SMA01", PayerKind::Auto);
    c.policy = policy("PC5501", Relationship::Child);
    c.policy.group_number = String::new();
    c.subscriber = person_from(&c.patient);
    c.subscriber.first_name = "Robert".into();
    c.subscriber.sex = Sex::M;
    c.subscriber.birth_date = Some(date(1975, 1, 2));
    c.patient.first_name = "Tim".into();
    c.patient.birth_date = Some(date(2015, 6, 30));
    c.property_casualty_claim_number = "PC5501".into();
    c.visit.conditions.auto_accident = true;
    c.visit.conditions.auto_accident_state = "TX".into();
    c.visit.conditions.accident_date = Some(date(2024, 3, 1));
    let segs = run("s23_auto_dependent", &[send(&c)], 1);
    let qc = segs.iter().position(|s| s.starts_with("NM1*QC")).unwrap();
    let y4 = segs.iter().position(|s| s == "REF*Y4*PC5501").expect("REF*Y4");
    assert!(y4 > qc, "REF*Y4 in 2010CA, after the patient's name");
    assert_eq!(segs.iter().filter(|s| s.starts_with("REF*Y4")).count(), 1);
    assert_has(&segs, "CLM*CLM0023*125.00***11:B:1*Y*A*Y*Y**AA:::TX");
    assert_has(&segs, "DTP*439*D8*20240301");
}
