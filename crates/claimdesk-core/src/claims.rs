//! Claims: a visit billed to one payer, its lifecycle, and everything the form or the
//! 837P needs gathered in one place (`ClaimData`).

use crate::money::Money;
use crate::patients::{Patient, Person, Policy, Relationship};
use crate::practice::Practice;
use crate::providers::{Facility, Payer, Provider};
use crate::visits::Visit;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where a claim is in its life. Transitions are recorded with a date and who made them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ClaimStatus {
    Draft,
    Ready,
    Submitted,
    Accepted,
    Rejected,
    Paid,
    PartiallyPaid,
    Denied,
    Appealed,
    Closed,
}

impl ClaimStatus {
    pub const ALL: [ClaimStatus; 10] = [
        ClaimStatus::Draft,
        ClaimStatus::Ready,
        ClaimStatus::Submitted,
        ClaimStatus::Accepted,
        ClaimStatus::Rejected,
        ClaimStatus::Paid,
        ClaimStatus::PartiallyPaid,
        ClaimStatus::Denied,
        ClaimStatus::Appealed,
        ClaimStatus::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ClaimStatus::Draft => "draft",
            ClaimStatus::Ready => "ready",
            ClaimStatus::Submitted => "submitted",
            ClaimStatus::Accepted => "accepted",
            ClaimStatus::Rejected => "rejected",
            ClaimStatus::Paid => "paid",
            ClaimStatus::PartiallyPaid => "partially_paid",
            ClaimStatus::Denied => "denied",
            ClaimStatus::Appealed => "appealed",
            ClaimStatus::Closed => "closed",
        }
    }

    pub fn parse(text: &str) -> Option<ClaimStatus> {
        ClaimStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// What a biller sees.
    pub fn label(self) -> &'static str {
        match self {
            ClaimStatus::Draft => "Draft",
            ClaimStatus::Ready => "Ready to send",
            ClaimStatus::Submitted => "Submitted",
            ClaimStatus::Accepted => "Accepted",
            ClaimStatus::Rejected => "Rejected",
            ClaimStatus::Paid => "Paid",
            ClaimStatus::PartiallyPaid => "Partially paid",
            ClaimStatus::Denied => "Denied",
            ClaimStatus::Appealed => "Appealed",
            ClaimStatus::Closed => "Closed",
        }
    }

    /// The moves a biller (or an import) may make from this status. Anything else is refused,
    /// so a paid claim cannot silently drop back to draft.
    pub fn can_become(self, next: ClaimStatus) -> bool {
        use ClaimStatus::*;
        matches!(
            (self, next),
            (Draft, Ready)
                | (Ready, Draft)
                | (Ready, Submitted)
                | (Submitted, Accepted | Rejected | Paid | PartiallyPaid | Denied)
                | (Accepted, Paid | PartiallyPaid | Denied | Rejected)
                | (Rejected, Draft | Ready | Closed)
                | (PartiallyPaid, Paid | Closed | Appealed)
                | (Denied, Appealed | Closed | Draft | Paid | PartiallyPaid)
                | (Appealed, Paid | PartiallyPaid | Denied | Closed)
                | (Paid, Closed)
                // A payer's reversal (835 CLP02 = 22) takes a decision back.
                | (Paid | PartiallyPaid | Denied, Accepted)
        )
    }

    /// A claim in these states has left the office and must not be edited, only corrected
    /// (frequency 7) or voided (8).
    pub fn is_sent(self) -> bool {
        !matches!(self, ClaimStatus::Draft | ClaimStatus::Ready | ClaimStatus::Rejected)
    }

    /// The moves a biller may make by hand: every move `can_become` allows except the
    /// scrubber's (draft and ready follow the claim's verdict) and a payer's reversal back to
    /// accepted (only an 835 makes it).
    pub fn next_by_hand(self) -> Vec<ClaimStatus> {
        use ClaimStatus::*;
        ClaimStatus::ALL
            .into_iter()
            .filter(|&next| self.can_become(next))
            .filter(|&next| !matches!((self, next), (Draft, Ready) | (Ready, Draft)))
            .filter(|&next| !(next == Accepted && matches!(self, Paid | PartiallyPaid | Denied)))
            .collect()
    }

    /// Whether a corrected (7) or void (8) claim can follow: the payer has this one.
    pub fn can_be_corrected(self) -> bool {
        self.is_sent()
    }

    /// Whether a paper EOB can be keyed for it: the payer has it (sent, or rejected after
    /// sending) and has not settled it. A paid or closed claim takes no more EOBs by hand; a
    /// payer taking a payment back sends an 835 reversal.
    pub fn takes_paper_eob(self) -> bool {
        (self.is_sent() || self == ClaimStatus::Rejected) && !matches!(self, ClaimStatus::Paid | ClaimStatus::Closed)
    }

    /// What a biller can do with a claim in this status, for the screen (which keeps no copy
    /// of these rules).
    pub fn choices(self) -> ClaimChoices {
        ClaimChoices {
            next_statuses: self.next_by_hand(),
            can_correct: self.can_be_corrected(),
            takes_paper_eob: self.takes_paper_eob(),
        }
    }
}

/// What the claim screen may offer for a claim: the statuses it can be set to by hand, and
/// whether it can be corrected or voided, or take a paper EOB.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ClaimChoices {
    pub next_statuses: Vec<ClaimStatus>,
    pub can_correct: bool,
    pub takes_paper_eob: bool,
}

/// CLM05-3 / box 22: an original claim, a replacement of one, or a void.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Frequency {
    Original,
    Replacement,
    Void,
}

impl Frequency {
    pub fn code(self) -> &'static str {
        match self {
            Frequency::Original => "1",
            Frequency::Replacement => "7",
            Frequency::Void => "8",
        }
    }
}

/// Everything known about one claim, resolved: the store gathers it, the scrubber checks
/// it, the CMS-1500 and the 837P are filled from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ClaimData {
    pub claim_id: Option<i64>,
    /// The patient control number (box 26 shows the account; CLM01 carries this).
    pub control_number: String,
    pub status: ClaimStatus,
    pub frequency: Frequency,
    /// The payer's claim number of the claim being replaced or voided (box 22, REF*F8).
    pub original_reference: String,
    /// 1 primary, 2 secondary, 3 tertiary.
    pub payer_rank: u8,
    pub accept_assignment: bool,
    /// The claim's recorded total (box 28), kept with the claim when it is built.
    pub total_charge: Money,
    pub practice: Practice,
    pub payer: Payer,
    pub policy: Policy,
    /// The insured, resolved to a person (the patient's own data when relationship is self).
    pub subscriber: Person,
    /// The next policy in line, for boxes 9 and 11d.
    pub other_coverage: Option<OtherCoverage>,
    pub patient: Patient,
    pub rendering: Provider,
    pub referring: Option<Provider>,
    pub facility: Option<Facility>,
    pub visit: Visit,
    /// Whose paper-claim instructions the payer follows (its claim settings; Medicare's for
    /// Medicare payers unless changed).
    #[serde(default)]
    pub form_rules: crate::paper::FormRules,
    /// The visit's standing with the policy's authorizations and plan-year maximum.
    #[serde(default)]
    pub limits: crate::plan_limits::ClaimLimits,
    /// The care episode of a chiropractic visit and the patient's ABNs (phase of care and
    /// the GA rule on each line's date); None when the visit is linked to none.
    #[serde(default)]
    pub care: Option<crate::chiro_care::CareFacts>,
    /// The property and casualty claim number when the claim goes to the auto or workers'
    /// compensation carrier of the visit's injury case (837P REF*Y4; box 11b with Y4).
    /// Optional on the wire (absent = none).
    #[serde(default)]
    #[ts(as = "Option<String>", optional)]
    pub property_casualty_claim_number: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OtherCoverage {
    pub payer: Payer,
    pub policy: Policy,
    pub subscriber: Person,
}

impl ClaimData {
    /// The sum of the service lines, which the recorded total must equal.
    pub fn lines_total(&self) -> Money {
        self.visit.total_charge()
    }

    pub fn relationship(&self) -> Relationship {
        self.policy.relationship
    }

    /// The first date of service on the claim.
    pub fn first_service_date(&self) -> Option<NaiveDate> {
        self.visit.lines.iter().filter_map(|l| l.service_from).min().or(self.visit.service_date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_screen_offers_only_moves_the_lifecycle_allows_by_hand() {
        use ClaimStatus::*;
        // A draft waits for the scrubber: nothing to set by hand (the old UI offered "closed").
        assert!(Draft.next_by_hand().is_empty());
        assert_eq!(Ready.next_by_hand(), vec![Submitted]);
        assert_eq!(Rejected.next_by_hand(), vec![Draft, Ready, Closed]);
        assert!(!Paid.next_by_hand().contains(&Accepted), "only a payer's 835 reverses a decision");
        assert!(Closed.next_by_hand().is_empty());
        for status in ClaimStatus::ALL {
            for next in status.next_by_hand() {
                assert!(status.can_become(next), "{status:?} -> {next:?}");
            }
        }
        assert!(!Draft.choices().can_correct && Paid.choices().can_correct);
        assert!(Rejected.choices().takes_paper_eob && !Draft.choices().takes_paper_eob);
        assert!(!Closed.choices().takes_paper_eob && !Paid.choices().takes_paper_eob);
    }

    #[test]
    fn lifecycle_moves() {
        use ClaimStatus::*;
        assert!(Draft.can_become(Ready));
        assert!(Ready.can_become(Submitted));
        assert!(Submitted.can_become(Paid));
        assert!(Denied.can_become(Appealed));
        assert!(!Paid.can_become(Draft));
        assert!(!Draft.can_become(Paid));
        assert!(!Submitted.can_become(Draft));
        for s in ClaimStatus::ALL {
            assert_eq!(ClaimStatus::parse(s.as_str()), Some(s));
            assert!(!s.can_become(s), "{s:?} to itself is not a move");
        }
    }

    #[test]
    fn frequency_codes() {
        assert_eq!(Frequency::Original.code(), "1");
        assert_eq!(Frequency::Replacement.code(), "7");
        assert_eq!(Frequency::Void.code(), "8");
    }
}
