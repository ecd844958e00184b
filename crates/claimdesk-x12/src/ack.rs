//! Readers for what comes back after an 837P: the 999 (was the file well-formed?) and the
//! 277CA (did the payer/clearinghouse accept each claim?). A file is told by its transaction set
//! (ST01) and content, and each version variant clearinghouses write is read (a 999 under
//! 005010X231A1 or 005010X231). Lenient readers: they check the envelope and read what they
//! need, never panicking.

use crate::error::X12Error;
use crate::r835::{amount, date};
use crate::segments::{tokenize, Segment};
use chrono::NaiveDate;
use claimdesk_core::Money;

/// A 999 implementation acknowledgment for one functional group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ack999 {
    /// AK101 functional identifier (HC for an 837).
    pub functional_id: String,
    /// AK102: the GS06 acknowledged.
    pub group_control_number: String,
    /// AK901: A accepted, E accepted with errors, P partially accepted, R rejected.
    pub group_status: String,
    pub sets: Vec<SetAck>,
}

/// One acknowledged transaction set (AK2 .. IK5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetAck {
    /// AK201, e.g. 837.
    pub set_id: String,
    /// AK202: the ST02 acknowledged.
    pub control_number: String,
    /// IK501: A, E, R (M, W, X also exist).
    pub status: String,
    /// Readable errors: IK3 (segment) and IK4 (element) lines, IK5 codes.
    pub errors: Vec<String>,
}

impl SetAck {
    pub fn accepted(&self) -> bool {
        matches!(self.status.as_str(), "A" | "E")
    }
}

/// The 277CA claim acknowledgment, flattened to claims.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimAckReport {
    pub claims: Vec<ClaimAck>,
}

/// One claim's status in a 277CA (the PT level).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimAck {
    /// TRN02 = the 837's CLM01.
    pub control_number: String,
    /// REF*1K: the payer's claim number, when assigned.
    pub payer_claim_number: Option<String>,
    /// Every claim-level STC01 composite, e.g. "A1:20" or "A7:562:85".
    pub status_codes: Vec<String>,
    /// STC04 total charge of the first STC.
    pub charge: Option<Money>,
    /// STC02 of the first STC.
    pub status_date: Option<NaiveDate>,
    /// STC12 free-form message(s).
    pub messages: Vec<String>,
    pub patient_name: String,
}

impl ClaimAck {
    /// Accepted for adjudication: the first status category is A1 or A2.
    pub fn accepted(&self) -> bool {
        self.status_codes.first().is_some_and(|s| s.starts_with("A1") || s.starts_with("A2"))
    }
}

/// What a clearinghouse sends back after an 837P, told apart by its transaction set (ST01)
/// and content, whatever variant of the version its GS08 names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Acknowledgement {
    /// A 999: was each transaction set of the file well-formed?
    Implementation(Vec<Ack999>),
    /// A 277CA: was each claim accepted for adjudication?
    Claims(ClaimAckReport),
}

/// The versions a 999 comes under: the implementation guide and its addenda (pyx12 and many
/// clearinghouses write 005010X231).
pub const VERSIONS_999: [&str; 2] = [crate::VERSION_999, "005010X231"];
/// The versions a 277CA comes under.
pub const VERSIONS_277CA: [&str; 1] = [crate::VERSION_277CA];

/// Reads a 999 or a 277CA, whichever the file is; anything else is refused, naming what it is.
pub fn parse_acknowledgement(text: &str) -> Result<Acknowledgement, X12Error> {
    let x = tokenize(text)?;
    let st = first_st(&x.segments)?;
    match st.el(1) {
        "999" => parse_999(text).map(Acknowledgement::Implementation),
        "277" => parse_277ca(text).map(Acknowledgement::Claims),
        other => Err(X12Error::NotAnAcknowledgement { found: other.into(), at: st.position }),
    }
}

fn first_st<'a, 'b>(segs: &'b [Segment<'a>]) -> Result<&'b Segment<'a>, X12Error> {
    segs.iter().find(|s| s.id == "ST").ok_or_else(|| X12Error::MissingSegment {
        segment: "ST".into(),
        context: "no transaction set".into(),
        at: segs.last().map_or(1, |s| s.position + 1),
    })
}

/// Checks the envelope holds transaction set `set_id` under one of `versions` (GS08, or the
/// set's own ST03), and that the file is whole.
fn check_set(segs: &[Segment], set_id: &str, versions: &[&str]) -> Result<(), X12Error> {
    let Some(gs) = segs.iter().find(|s| s.id == "GS") else {
        return Err(X12Error::MissingSegment { segment: "GS".into(), context: "no functional group".into(), at: 2 });
    };
    let st = first_st(segs)?;
    if st.el(1) != set_id {
        return Err(X12Error::WrongTransaction { found: st.el(1).into(), expected: set_id.into(), at: st.position });
    }
    if !versions.contains(&gs.el(8)) && !versions.contains(&st.el(3)) {
        return Err(X12Error::WrongVersion {
            found: gs.el(8).into(),
            expected: versions.join(" or "),
            at: gs.position,
        });
    }
    if !segs.iter().any(|s| s.id == "IEA") {
        let at = segs.last().map_or(1, |s| s.position + 1);
        return Err(X12Error::MissingSegment { segment: "IEA".into(), context: "truncated?".into(), at });
    }
    Ok(())
}

/// Reads a 999 (005010X231A1 or 005010X231): one [`Ack999`] per AK1 group.
pub fn parse_999(text: &str) -> Result<Vec<Ack999>, X12Error> {
    let x = tokenize(text)?;
    check_set(&x.segments, "999", &VERSIONS_999)?;
    let mut out: Vec<Ack999> = Vec::new();
    for s in &x.segments {
        match s.id {
            "AK1" => out.push(Ack999 {
                functional_id: s.el(1).into(),
                group_control_number: s.el(2).into(),
                group_status: String::new(),
                sets: Vec::new(),
            }),
            "AK2" => {
                if let Some(g) = out.last_mut() {
                    g.sets.push(SetAck {
                        set_id: s.el(1).into(),
                        control_number: s.el(2).into(),
                        status: String::new(),
                        errors: Vec::new(),
                    });
                }
            }
            "IK3" => {
                if let Some(set) = out.last_mut().and_then(|g| g.sets.last_mut()) {
                    set.errors.push(format!(
                        "segment {} at position {} (loop {}): error code {}",
                        s.el(1),
                        s.el(2),
                        s.el(3),
                        s.el(4)
                    ));
                }
            }
            "IK4" => {
                if let Some(set) = out.last_mut().and_then(|g| g.sets.last_mut()) {
                    let bad = if s.el(4).is_empty() { String::new() } else { format!(", value {:?}", s.el(4)) };
                    set.errors.push(format!(
                        "element {} (data element {}): error code {}{bad}",
                        s.el(1),
                        s.el(2),
                        s.el(3)
                    ));
                }
            }
            "IK5" => {
                if let Some(set) = out.last_mut().and_then(|g| g.sets.last_mut()) {
                    set.status = s.el(1).into();
                    for n in 2..=6 {
                        if !s.el(n).is_empty() {
                            set.errors.push(format!("transaction set error code {}", s.el(n)));
                        }
                    }
                }
            }
            "AK9" => {
                if let Some(g) = out.last_mut() {
                    g.group_status = s.el(1).into();
                }
            }
            _ => {}
        }
    }
    if out.is_empty() {
        return Err(X12Error::MissingSegment {
            segment: "AK1".into(),
            context: "no acknowledged group in the 999".into(),
            at: 3,
        });
    }
    Ok(out)
}

/// Reads a 277CA (005010X214): every patient-level (HL03 = PT) claim status.
pub fn parse_277ca(text: &str) -> Result<ClaimAckReport, X12Error> {
    let x = tokenize(text)?;
    check_set(&x.segments, "277", &VERSIONS_277CA)?;
    let mut claims: Vec<ClaimAck> = Vec::new();
    let mut in_claim = false;
    let mut in_line = false;
    for s in &x.segments {
        match s.id {
            "HL" => {
                in_claim = s.el(3) == "PT";
                in_line = false;
                if in_claim {
                    claims.push(ClaimAck {
                        control_number: String::new(),
                        payer_claim_number: None,
                        status_codes: Vec::new(),
                        charge: None,
                        status_date: None,
                        messages: Vec::new(),
                        patient_name: String::new(),
                    });
                }
            }
            "SVC" if in_claim => in_line = true,
            "NM1" if in_claim && s.el(1) == "QC" => {
                if let Some(c) = claims.last_mut() {
                    c.patient_name = format!("{}, {}", s.el(3), s.el(4));
                }
            }
            "TRN" if in_claim && !in_line => {
                if let Some(c) = claims.last_mut() {
                    c.control_number = s.el(2).into();
                }
            }
            "REF" if in_claim && !in_line && s.el(1) == "1K" => {
                if let Some(c) = claims.last_mut() {
                    c.payer_claim_number = Some(s.el(2).into());
                }
            }
            "STC" if in_claim && !in_line => {
                let first = claims.last().is_some_and(|c| c.status_codes.is_empty());
                let charge = if first && !s.el(4).is_empty() { Some(amount(s, 4)?) } else { None };
                let when = if first && !s.el(2).is_empty() { Some(date(s, 2)?) } else { None };
                if let Some(c) = claims.last_mut() {
                    for n in [1, 10, 11] {
                        if !s.el(n).is_empty() {
                            c.status_codes.push(s.el(n).into());
                        }
                    }
                    if first {
                        c.charge = charge;
                        c.status_date = when;
                    }
                    if !s.el(12).is_empty() {
                        c.messages.push(s.el(12).into());
                    }
                }
            }
            _ => {}
        }
    }
    Ok(ClaimAckReport { claims })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ISA: &str =
        "ISA*00*          *00*          *ZZ*CLEARINGHOUSE  *ZZ*CLAIMDESK      *240102*0800*^*00501*000000077*0*P*:~";

    #[test]
    fn reads_a_999() {
        let text = format!(
            "{ISA}GS*FA*CH*CD*20240102*0800*77*X*005010X231A1~ST*999*0001*005010X231A1~AK1*HC*17*005010X222A1~\
             AK2*837*0001*005010X222A1~IK5*A~AK2*837*0002*005010X222A1~IK3*NM1*23*2010BA*8~IK4*9*67*7*ABC~IK5*R*5~\
             AK9*P*2*2*1~SE*10*0001~GE*1*77~IEA*1*000000077~"
        );
        let acks = parse_999(&text).unwrap();
        assert_eq!(acks.len(), 1);
        assert_eq!(acks[0].group_control_number, "17");
        assert_eq!(acks[0].group_status, "P");
        assert!(acks[0].sets[0].accepted());
        assert!(!acks[0].sets[1].accepted());
        assert_eq!(acks[0].sets[1].errors.len(), 3);
        assert!(acks[0].sets[1].errors[0].contains("NM1"));
    }

    #[test]
    fn reads_a_277ca() {
        let text = format!(
            "{ISA}GS*HN*CH*CD*20240102*0800*78*X*005010X214~ST*277*0001*005010X214~BHT*0085*08*1*20240102*0800*TH~\
             HL*1**20*1~NM1*AY*2*CLEARINGHOUSE*****46*CH1~TRN*1*B1~DTP*050*D8*20240102~DTP*009*D8*20240102~\
             HL*2*1*21*1~NM1*41*2*RIVERSIDE*****46*ETIN1~TRN*2*17~STC*A1:19:PR*20240102*WQ*250~QTY*90*1~QTY*AA*1~AMT*YU*100~AMT*YY*150~\
             HL*3*2*19*1~NM1*85*2*RIVERSIDE*****XX*1245319599~\
             HL*4*3*PT~NM1*QC*1*DOE*JANE****MI*M1~TRN*2*CLM0001~STC*A2:20:PR*20240102*WQ*100~REF*1K*ICN123~DTP*472*D8*20240101~\
             HL*5*3*PT~NM1*QC*1*ROE*RICK****MI*M2~TRN*2*CLM0002~STC*A7:562:85*20240102*U*150********NPI INVALID~DTP*472*D8*20240101~\
             SE*24*0001~GE*1*78~IEA*1*000000077~"
        );
        let r = parse_277ca(&text).unwrap();
        assert_eq!(r.claims.len(), 2);
        assert_eq!(r.claims[0].control_number, "CLM0001");
        assert!(r.claims[0].accepted());
        assert_eq!(r.claims[0].payer_claim_number.as_deref(), Some("ICN123"));
        assert_eq!(r.claims[0].charge, Some(Money::from_cents(10000)));
        assert!(!r.claims[1].accepted());
        assert_eq!(r.claims[1].status_codes, ["A7:562:85"]);
        assert_eq!(r.claims[1].messages, ["NPI INVALID"]);
        assert_eq!(r.claims[1].patient_name, "ROE, RICK");
    }

    #[test]
    fn the_999_versions_in_use_are_read() {
        for version in ["005010X231A1", "005010X231"] {
            let text = format!(
                "{ISA}GS*FA*CH*CD*20240102*0800*77*X*{version}~ST*999*0001*{version}~AK1*HC*17*005010X222A1~\
                 AK2*837*0001*005010X222A1~IK5*A~AK9*A*1*1*1~SE*6*0001~GE*1*77~IEA*1*000000077~"
            );
            let acks = parse_999(&text).unwrap_or_else(|e| panic!("{version}: {e}"));
            assert_eq!(acks[0].group_status, "A", "{version}");
            assert!(matches!(parse_acknowledgement(&text), Ok(Acknowledgement::Implementation(a)) if a == acks));
        }
    }

    #[test]
    fn an_acknowledgement_is_told_by_its_transaction_set() {
        let t277 = format!(
            "{ISA}GS*HN*CH*CD*20240102*0800*78*X*005010X214~ST*277*0001*005010X214~BHT*0085*08*1*20240102*0800*TH~\
             HL*1**20*1~HL*2*1*21*1~HL*3*2*19*1~HL*4*3*PT~TRN*2*CLM0001~STC*A1:20*20240102*WQ*100~\
             SE*9*0001~GE*1*78~IEA*1*000000077~"
        );
        assert!(matches!(parse_acknowledgement(&t277), Ok(Acknowledgement::Claims(r)) if r.claims.len() == 1));
        // Each reader refuses the other's file by its ST01, not by its version.
        assert!(matches!(parse_999(&t277), Err(X12Error::WrongTransaction { found, .. }) if found == "277"));
        let t999 = t277.replace("ST*277*0001*005010X214", "ST*999*0001*005010X231");
        assert!(matches!(parse_277ca(&t999), Err(X12Error::WrongTransaction { found, .. }) if found == "999"));

        // An 835 (or a 997, or anything else) is neither, and says what it is.
        let t835 =
            format!("{ISA}GS*HP*CH*CD*20240102*0800*79*X*005010X221A1~ST*835*0001~SE*2*0001~GE*1*79~IEA*1*000000077~");
        let e = parse_acknowledgement(&t835).unwrap_err();
        assert!(matches!(&e, X12Error::NotAnAcknowledgement { found, .. } if found == "835"), "{e:?}");
        assert!(e.to_string().contains("999") && e.to_string().contains("277CA"), "{e}");
        let none = format!("{ISA}GS*FA*CH*CD*20240102*0800*77*X*005010X231~GE*0*77~IEA*1*000000077~");
        assert!(
            matches!(parse_acknowledgement(&none), Err(X12Error::MissingSegment { segment, .. }) if segment == "ST")
        );
    }

    #[test]
    fn wrong_version_is_refused() {
        let text = format!("{ISA}GS*FA*CH*CD*20240102*0800*77*X*004010~ST*999*0001~SE*2*0001~GE*1*77~IEA*1*000000077~");
        assert!(matches!(parse_999(&text), Err(X12Error::WrongVersion { .. })));
        // A 277 claim status response (to a 276) is not a claim acknowledgement.
        let text = format!(
            "{ISA}GS*HN*CH*CD*20240102*0800*77*X*005010X212~ST*277*0001*005010X212~SE*2*0001~GE*1*77~IEA*1*000000077~"
        );
        let e = parse_277ca(&text).unwrap_err();
        assert!(matches!(&e, X12Error::WrongVersion { found, .. } if found == "005010X212"), "{e:?}");
        assert!(matches!(parse_acknowledgement(&text), Err(X12Error::WrongVersion { .. })));
    }
}
