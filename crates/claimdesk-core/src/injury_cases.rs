//! Injury cases: an auto accident (PIP or MedPay), a workers' compensation injury, or a
//! personal injury the patient's attorney handles. Visits belong to a case; the case says
//! what box 10 of the CMS-1500 and the 837P accident indicators carry, which carrier the
//! claims go to with its claim number (the property and casualty claim number), and whether
//! billing waits for the settlement.

use crate::address::Address;
use crate::money::Money;
use crate::text::{self, max};
use crate::validation::{self, Invalid, Problems};
use crate::visits::Conditions;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The most characters of a carrier's claim number: 837P REF02 of REF*Y4 is AN 1-50.
pub const MAX_CLAIM_NUMBER: usize = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum InjuryCaseKind {
    /// Personal injury protection of an auto policy (no-fault).
    AutoPip,
    /// Medical payments coverage of an auto policy.
    AutoMedpay,
    WorkersComp,
    /// A personal injury the patient's attorney handles (a slip and fall, a third party's
    /// liability); the practice is paid from the settlement.
    Attorney,
}

impl InjuryCaseKind {
    pub const ALL: [InjuryCaseKind; 4] =
        [InjuryCaseKind::AutoPip, InjuryCaseKind::AutoMedpay, InjuryCaseKind::WorkersComp, InjuryCaseKind::Attorney];

    pub fn as_str(self) -> &'static str {
        match self {
            InjuryCaseKind::AutoPip => "auto_pip",
            InjuryCaseKind::AutoMedpay => "auto_medpay",
            InjuryCaseKind::WorkersComp => "workers_comp",
            InjuryCaseKind::Attorney => "attorney",
        }
    }

    pub fn parse(text: &str) -> Option<InjuryCaseKind> {
        InjuryCaseKind::ALL.into_iter().find(|k| k.as_str() == text.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            InjuryCaseKind::AutoPip => "Auto accident (PIP)",
            InjuryCaseKind::AutoMedpay => "Auto accident (MedPay)",
            InjuryCaseKind::WorkersComp => "Workers' compensation",
            InjuryCaseKind::Attorney => "Personal injury (attorney)",
        }
    }

    pub fn is_auto(self) -> bool {
        matches!(self, InjuryCaseKind::AutoPip | InjuryCaseKind::AutoMedpay)
    }

    /// Auto and workers' compensation cases are billed to a property and casualty carrier.
    pub fn needs_carrier(self) -> bool {
        self != InjuryCaseKind::Attorney
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum InjuryCaseStatus {
    Open,
    /// The attorney's settlement was posted: the case's balance is zero.
    Settled,
    Closed,
}

impl InjuryCaseStatus {
    pub const ALL: [InjuryCaseStatus; 3] =
        [InjuryCaseStatus::Open, InjuryCaseStatus::Settled, InjuryCaseStatus::Closed];

    pub fn as_str(self) -> &'static str {
        match self {
            InjuryCaseStatus::Open => "open",
            InjuryCaseStatus::Settled => "settled",
            InjuryCaseStatus::Closed => "closed",
        }
    }

    pub fn parse(text: &str) -> Option<InjuryCaseStatus> {
        InjuryCaseStatus::ALL.into_iter().find(|k| k.as_str() == text.trim())
    }
}

/// The patient's attorney on a case.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Attorney {
    pub name: String,
    #[serde(default)]
    pub firm: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub address: Address,
}

impl Attorney {
    pub fn is_blank(&self) -> bool {
        self.name.trim().is_empty()
            && self.firm.trim().is_empty()
            && self.phone.trim().is_empty()
            && self.address.is_blank()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct InjuryCase {
    pub id: Option<i64>,
    pub patient_id: i64,
    pub kind: InjuryCaseKind,
    pub injury_date: Option<NaiveDate>,
    /// Two-letter state where the accident happened (box 10b, CLM11-4 for auto accidents).
    #[serde(default)]
    pub accident_state: String,
    /// The auto or workers' compensation carrier billed for the case's visits (a payer);
    /// none for an attorney case paid from the settlement.
    pub carrier_payer_id: Option<i64>,
    /// The carrier's claim number: the property and casualty claim number (837P REF*Y4,
    /// box 11b with qualifier Y4) and the insured's ID (box 1a, 2010BA NM109).
    #[serde(default)]
    pub claim_number: String,
    #[serde(default)]
    pub adjuster_name: String,
    #[serde(default)]
    pub adjuster_phone: String,
    /// The employer of a workers' compensation case.
    #[serde(default)]
    pub employer: String,
    #[serde(default)]
    pub attorney: Attorney,
    /// The MedPay or PIP limit of the policy, tracked as the carrier pays.
    pub benefit_limit: Option<Money>,
    /// An attorney case whose visits are neither billed nor sent statements until settlement.
    #[serde(default)]
    pub hold_billing: bool,
    pub status: InjuryCaseStatus,
    #[serde(default)]
    pub note: String,
}

impl InjuryCase {
    /// Checks the case and returns it normalized. `today` bounds the date of injury.
    pub fn validated(&self, today: NaiveDate) -> Result<InjuryCase, Invalid> {
        let mut p = Problems::new();
        if self.patient_id <= 0 {
            p.add("patient_id", "Choose the patient");
        }
        match self.injury_date {
            None => p.add("injury_date", "Date of injury is required"),
            Some(d) if d > today => p.add("injury_date", "The date of injury cannot be in the future"),
            Some(_) => {}
        }
        let state = self.accident_state.trim().to_ascii_uppercase();
        if self.kind.is_auto() && state.is_empty() {
            // NUCC 1500 manual, item 10b: "Enter the State postal code" for an auto accident;
            // 837P CLM11-4 is required when CLM11-1..3 is AA.
            p.add("accident_state", "Enter the state where the auto accident happened");
        }
        if !state.is_empty() {
            p.check("accident_state", validation::state("Accident state", &state));
        }
        if self.kind.needs_carrier() && self.carrier_payer_id.is_none() {
            p.add("carrier_payer_id", "Choose the auto or workers' compensation carrier billed for the case");
        }
        let claim_number =
            text::single_line("claim_number", "Carrier's claim number", &self.claim_number, MAX_CLAIM_NUMBER, &mut p);
        if self.carrier_payer_id.is_some() && claim_number.is_empty() {
            p.add("claim_number", "Enter the carrier's claim number (it goes on every claim of the case)");
        }
        let adjuster_name =
            text::single_line("adjuster_name", "Adjuster", &self.adjuster_name, max::CONTACT_NAME, &mut p);
        let adjuster_phone =
            p.check("adjuster_phone", validation::optional_phone("Adjuster's phone", &self.adjuster_phone));
        let employer = text::single_line("employer", "Employer", &self.employer, max::ORGANIZATION_NAME, &mut p);
        if self.kind == InjuryCaseKind::WorkersComp && employer.is_empty() {
            p.add("employer", "Enter the employer of a workers' compensation case");
        }
        let a = &self.attorney;
        let mut ap = Problems::new();
        let attorney_name = text::single_line("name", "Attorney", &a.name, max::CONTACT_NAME, &mut ap);
        let firm = text::single_line("firm", "Law firm", &a.firm, max::ORGANIZATION_NAME, &mut ap);
        let attorney_phone = ap.check("phone", validation::optional_phone("Attorney's phone", &a.phone));
        let address = if a.address.is_blank() { Address::default() } else { a.address.validated(&mut ap) };
        if self.kind == InjuryCaseKind::Attorney && attorney_name.is_empty() {
            ap.add("name", "Enter the patient's attorney");
        }
        p.nest("attorney", ap);
        if let Some(limit) = self.benefit_limit {
            if limit.is_negative() || limit.is_zero() {
                p.add(
                    "benefit_limit",
                    "The MedPay/PIP limit must be more than 0.00 (leave it blank when there is none)",
                );
            }
        }
        if self.hold_billing && self.carrier_payer_id.is_some() {
            p.add("hold_billing", "Only a case paid from a settlement holds billing; this case has a carrier to bill");
        }
        let note = text::lines("note", "Note", &self.note, max::NOTE, &mut p);
        p.into_result()?;
        Ok(InjuryCase {
            accident_state: state,
            claim_number: claim_number.to_ascii_uppercase(),
            adjuster_name,
            adjuster_phone: adjuster_phone.unwrap_or_default(),
            employer,
            attorney: Attorney { name: attorney_name, firm, phone: attorney_phone.unwrap_or_default(), address },
            note,
            ..self.clone()
        })
    }

    /// What box 10 (and 837P CLM11 / DTP*439) says for a visit of this case.
    ///
    /// NUCC 1500 Claim Form Reference Instruction Manual, items 10a-10c: 10a "is the
    /// patient's condition related to employment" (YES for workers' compensation), 10b
    /// "auto accident" with the state's postal code, 10c "other accident" (any other
    /// accident, as a personal injury case is). 837P TR3 005010X222A1 2300 CLM11-1..3 (EM,
    /// AA, OA) with CLM11-4 the auto accident state, and DTP*439 the accident date "required
    /// when CLM11-1, -2 or -3 = AA or OA"; the date of injury fills it for EM too (box 14 and
    /// the payer's own claim both key on it).
    pub fn conditions(&self) -> Conditions {
        Conditions {
            employment: self.kind == InjuryCaseKind::WorkersComp,
            auto_accident: self.kind.is_auto(),
            auto_accident_state: if self.kind.is_auto() { self.accident_state.clone() } else { String::new() },
            other_accident: self.kind == InjuryCaseKind::Attorney,
            accident_date: self.injury_date,
        }
    }

    /// Whether a visit of the case may be billed now (a claim built or a statement sent).
    /// Err says why not.
    pub fn billing_allowed(&self) -> Result<(), String> {
        if self.hold_billing && self.status == InjuryCaseStatus::Open {
            return Err(format!(
                "The visit belongs to an injury case ({}) held until settlement; release the hold or post the settlement first",
                self.kind.label()
            ));
        }
        Ok(())
    }
}

/// What a case's MedPay or PIP benefit has left: the limit less what the carrier paid.
pub fn benefit_left(limit: Option<Money>, paid_by_carrier: Money) -> Option<Money> {
    limit.map(|l| if paid_by_carrier >= l { Money::ZERO } else { l - paid_by_carrier })
}

/// How a settlement is posted: the attorney's payment plus the agreed reduction must be the
/// case's balance exactly. Err names the field that does not fit.
pub fn check_settlement(balance: Money, payment: Money, reduction: Money, reason: &str) -> Result<(), Invalid> {
    let mut p = Problems::new();
    if payment.is_negative() {
        p.add("payment", "The attorney's payment cannot be negative");
    }
    if reduction.is_negative() {
        p.add("reduction", "The reduction cannot be negative");
    }
    if payment.is_zero() && reduction.is_zero() {
        p.add("payment", "Enter the attorney's payment (and the agreed reduction, if any)");
    }
    if !reduction.is_zero() && reason.trim().is_empty() {
        p.add("reason", "Say why the balance is reduced (the agreement with the attorney)");
    }
    text::single_line("reason", "Reason", reason, max::REASON, &mut p);
    if p.is_empty() && payment + reduction != balance {
        p.add(
            "reduction",
            format!(
                "The payment ({payment}) and the reduction ({reduction}) must add up to the case's balance ({balance})"
            ),
        );
    }
    p.into_result()
}

/// Splits `total` over open amounts in order, each taking at most what it has open. The
/// pieces add up to `total` when the open amounts do.
pub fn spread(total: Money, open: &[Money]) -> Vec<Money> {
    let mut left = total;
    open.iter()
        .map(|&o| {
            let take = if o.is_negative() || left.is_negative() {
                Money::ZERO
            } else if o < left {
                o
            } else {
                left
            };
            left = left - take;
            take
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn case(kind: InjuryCaseKind) -> InjuryCase {
        InjuryCase {
            id: None,
            patient_id: 1,
            kind,
            injury_date: Some(d(2026, 3, 2)),
            accident_state: "ok".into(),
            carrier_payer_id: Some(4),
            claim_number: " ab-12345 ".into(),
            adjuster_name: "Pat Adjuster".into(),
            adjuster_phone: "405-555-0101".into(),
            employer: String::new(),
            attorney: Attorney::default(),
            benefit_limit: Some(Money::from_cents(500_000)),
            hold_billing: false,
            status: InjuryCaseStatus::Open,
            note: String::new(),
        }
    }

    fn fields(e: Invalid) -> Vec<String> {
        e.0.into_iter().map(|f| f.field).collect()
    }

    #[test]
    fn an_auto_case_is_normalized_and_implies_box_10b_with_the_state() {
        let c = case(InjuryCaseKind::AutoPip).validated(d(2026, 4, 1)).unwrap();
        assert_eq!(c.accident_state, "OK");
        assert_eq!(c.claim_number, "AB-12345");
        let k = c.conditions();
        assert!(k.auto_accident && !k.employment && !k.other_accident);
        assert_eq!(k.auto_accident_state, "OK");
        assert_eq!(k.accident_date, Some(d(2026, 3, 2)));
    }

    #[test]
    fn workers_comp_implies_employment_and_needs_the_employer() {
        let mut c = case(InjuryCaseKind::WorkersComp);
        assert_eq!(fields(c.validated(d(2026, 4, 1)).unwrap_err()), vec!["employer"]);
        c.employer = "Acme Freight".into();
        let k = c.validated(d(2026, 4, 1)).unwrap().conditions();
        assert!(k.employment && !k.auto_accident && !k.other_accident);
        assert_eq!(k.auto_accident_state, "", "10b's state is for auto accidents only");
    }

    #[test]
    fn an_attorney_case_implies_other_accident_and_may_hold_billing() {
        let mut c = case(InjuryCaseKind::Attorney);
        c.carrier_payer_id = None;
        c.claim_number = String::new();
        c.hold_billing = true;
        assert_eq!(fields(c.validated(d(2026, 4, 1)).unwrap_err()), vec!["attorney.name"]);
        c.attorney.name = "Morgan Lee".into();
        let ok = c.validated(d(2026, 4, 1)).unwrap();
        assert!(ok.conditions().other_accident);
        assert!(ok.billing_allowed().is_err());
        let settled = InjuryCase { status: InjuryCaseStatus::Settled, ..ok };
        assert!(settled.billing_allowed().is_ok());
    }

    #[test]
    fn bad_cases_are_refused_naming_each_field() {
        let mut c = case(InjuryCaseKind::AutoMedpay);
        c.patient_id = 0;
        c.injury_date = Some(d(2027, 1, 1));
        c.accident_state = String::new();
        c.carrier_payer_id = None;
        c.benefit_limit = Some(Money::ZERO);
        c.adjuster_phone = "12".into();
        c.hold_billing = false;
        let f = fields(c.validated(d(2026, 4, 1)).unwrap_err());
        for want in
            ["patient_id", "injury_date", "accident_state", "carrier_payer_id", "benefit_limit", "adjuster_phone"]
        {
            assert!(f.contains(&want.to_string()), "{want} in {f:?}");
        }
        let mut held = case(InjuryCaseKind::AutoPip);
        held.hold_billing = true;
        assert_eq!(fields(held.validated(d(2026, 4, 1)).unwrap_err()), vec!["hold_billing"]);
        let mut blank_claim = case(InjuryCaseKind::AutoPip);
        blank_claim.claim_number = " ".into();
        assert_eq!(fields(blank_claim.validated(d(2026, 4, 1)).unwrap_err()), vec!["claim_number"]);
    }

    #[test]
    fn medpay_left_never_goes_below_zero() {
        let m = Money::from_cents;
        assert_eq!(benefit_left(Some(m(500_000)), m(120_000)), Some(m(380_000)));
        assert_eq!(benefit_left(Some(m(100)), m(250)), Some(Money::ZERO));
        assert_eq!(benefit_left(None, m(250)), None);
    }

    #[test]
    fn a_settlement_must_add_up_to_the_balance() {
        let m = Money::from_cents;
        assert!(check_settlement(m(100_000), m(70_000), m(30_000), "agreed with counsel").is_ok());
        assert!(check_settlement(m(100_000), m(100_000), Money::ZERO, "").is_ok());
        assert_eq!(fields(check_settlement(m(100_000), m(70_000), m(20_000), "x").unwrap_err()), vec!["reduction"]);
        assert_eq!(fields(check_settlement(m(100_000), m(70_000), m(30_000), " ").unwrap_err()), vec!["reason"]);
        assert_eq!(fields(check_settlement(m(100), Money::ZERO, Money::ZERO, "").unwrap_err()), vec!["payment"]);
    }

    #[test]
    fn spread_takes_the_open_amounts_in_order() {
        let m = Money::from_cents;
        assert_eq!(spread(m(150), &[m(100), m(100), m(100)]), vec![m(100), m(50), Money::ZERO]);
        assert_eq!(spread(m(300), &[m(100), m(200)]), vec![m(100), m(200)]);
    }
}
