//! Who may do what: the four roles of a practice's users, as data. Every action
//! (`crate::actions`) belongs to one area of the work; a role is the list of areas it grants.
//! The one door (`claimdesk_jobs::door`) asks [`Role::may`] before any action runs, in the app
//! and the command line alike; the app hides what a role may not do by asking the same table.
//!
//! The README's roles table is [`roles_table_markdown`] (a test keeps them equal).

use crate::actions::{Action, ActionKind};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A part of the work, as the roles table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Area {
    /// Choosing, opening and creating practice files (before anyone logs in).
    PracticeFile,
    /// Logging in and out, locking, one's own password: everyone's.
    Session,
    /// Creating the first administrator of a file that has no users yet.
    FirstRun,
    /// Finding and looking at patients, accounts, visits, claims, plans and lists.
    LookUp,
    /// Registering and editing patients and their insurance.
    Patients,
    /// Entering visits (charge entry).
    Visits,
    /// Taking payments at the desk and printing their receipts.
    DeskPayments,
    /// Printing one patient's statement.
    PatientStatement,
    /// Claims: creating, scrubbing, printing, 837P files, acknowledgements.
    Claims,
    /// Remittances: 835 files and paper EOBs.
    Remittances,
    /// Reversals, refunds and write-offs.
    Adjustments,
    /// Statement runs and holds.
    Statements,
    /// Payment plans.
    Plans,
    /// The collections worklist and agencies.
    Collections,
    /// Practice-wide reports.
    Reports,
    /// Bank deposits.
    Deposits,
    /// Fee schedules.
    FeeSchedules,
    /// Payers and their claim settings.
    Payers,
    /// Importing or exporting every patient at once.
    AllPatients,
    /// The practice, providers, facilities, posting rules, printers, clearinghouses.
    PracticeSetup,
    /// Users and the security settings.
    Users,
    /// The audit trail.
    Audit,
    /// Backups: where they go, taking one, restoring one, restore drills.
    Backups,
}

impl Area {
    /// Every area, in the roles table's order.
    pub const ALL: &'static [Area] = &[
        Area::PracticeFile,
        Area::Session,
        Area::FirstRun,
        Area::LookUp,
        Area::Patients,
        Area::Visits,
        Area::DeskPayments,
        Area::PatientStatement,
        Area::Claims,
        Area::Remittances,
        Area::Adjustments,
        Area::Statements,
        Area::Plans,
        Area::Collections,
        Area::Reports,
        Area::Deposits,
        Area::FeeSchedules,
        Area::Payers,
        Area::AllPatients,
        Area::PracticeSetup,
        Area::Users,
        Area::Audit,
        Area::Backups,
    ];

    /// The area as the roles table and the app call it.
    pub fn label(self) -> &'static str {
        match self {
            Area::PracticeFile => "Open or create a practice file",
            Area::Session => "Log in, lock, change own password",
            Area::FirstRun => "Create the first administrator",
            Area::LookUp => "Find and look up patients, accounts, claims",
            Area::Patients => "Register patients and insurance",
            Area::Visits => "Enter visits",
            Area::DeskPayments => "Take payments, print receipts",
            Area::PatientStatement => "Print a patient's statement",
            Area::Claims => "Claims (print, 837P, status)",
            Area::Remittances => "Remittances (835, paper EOB)",
            Area::Adjustments => "Reversals, refunds, write-offs",
            Area::Statements => "Statement runs",
            Area::Plans => "Payment plans",
            Area::Collections => "Collections",
            Area::Reports => "Practice reports",
            Area::Deposits => "Bank deposits",
            Area::FeeSchedules => "Fee schedules",
            Area::Payers => "Payers and payer settings",
            Area::AllPatients => "Import or export all patients",
            Area::PracticeSetup => "Practice setup, posting rules, printers",
            Area::Users => "Users and security settings",
            Area::Audit => "Audit trail",
            Area::Backups => "Backups and restore",
        }
    }

    /// Areas anyone may use whatever their role, or before logging in.
    fn open_to_all(self) -> bool {
        matches!(self, Area::PracticeFile | Area::Session)
    }
}

/// A user's role in a practice file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Role {
    Administrator,
    Biller,
    FrontDesk,
    ReadOnly,
}

use Area::*;

/// What each role grants beyond the areas open to all.
const BILLER: &[Area] = &[
    LookUp,
    Patients,
    Visits,
    DeskPayments,
    PatientStatement,
    Claims,
    Remittances,
    Adjustments,
    Statements,
    Plans,
    Collections,
    Reports,
    Deposits,
    FeeSchedules,
    Payers,
    AllPatients,
];
const FRONT_DESK: &[Area] = &[LookUp, Patients, Visits, DeskPayments, PatientStatement];
const READ_ONLY: &[Area] = &[LookUp, Reports];

impl Role {
    pub const ALL: &'static [Role] = &[Role::Administrator, Role::Biller, Role::FrontDesk, Role::ReadOnly];

    /// The word stored in the practice file and typed on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Administrator => "administrator",
            Role::Biller => "biller",
            Role::FrontDesk => "front_desk",
            Role::ReadOnly => "read_only",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        let text = text.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        Role::ALL.iter().copied().find(|r| r.as_str() == text)
    }

    /// The role as the app shows it.
    pub fn label(self) -> &'static str {
        match self {
            Role::Administrator => "Administrator",
            Role::Biller => "Biller",
            Role::FrontDesk => "Front desk",
            Role::ReadOnly => "Read-only",
        }
    }

    /// Whether the role grants `area`.
    pub fn grants(self, area: Area) -> bool {
        if area.open_to_all() {
            return true;
        }
        match self {
            // The first administrator is created once, by whoever sets the file up; after that
            // new users are `Users` work.
            Role::Administrator => area != FirstRun,
            Role::Biller => BILLER.contains(&area),
            Role::FrontDesk => FRONT_DESK.contains(&area),
            Role::ReadOnly => READ_ONLY.contains(&area),
        }
    }

    /// Whether a person with this role may do `action`. A read-only role never writes, whatever
    /// its areas say.
    pub fn may(self, action: Action) -> bool {
        if self == Role::ReadOnly && action.kind() == ActionKind::Write && !action.area().open_to_all() {
            return false;
        }
        self.grants(action.area())
    }

    /// Every action this role may do (what the app asks to hide or disable the rest).
    pub fn allowed(self) -> Vec<Action> {
        Action::ALL.iter().copied().filter(|&a| self.may(a)).collect()
    }
}

/// One row of the roles table: an area and whether each role (in [`Role::ALL`] order) has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RoleTableRow {
    pub area: Area,
    pub label: String,
    pub granted: Vec<bool>,
}

/// A role and its name as the app shows it (the columns of the roles table, the choices of a
/// new user's role), in [`Role::ALL`] order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RoleName {
    pub role: Role,
    pub label: String,
}

/// The roles table as the app shows it: the roles (its columns) and a row per area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RolesTable {
    pub roles: Vec<RoleName>,
    pub rows: Vec<RoleTableRow>,
}

/// The roles, their names and which areas each grants.
pub fn roles_with_names() -> RolesTable {
    RolesTable {
        roles: Role::ALL.iter().map(|&role| RoleName { role, label: role.label().to_string() }).collect(),
        rows: roles_table(),
    }
}

/// The roles table the app shows: every area a person works in, and which roles grant it.
pub fn roles_table() -> Vec<RoleTableRow> {
    Area::ALL
        .iter()
        .filter(|a| !matches!(a, Area::PracticeFile | Area::FirstRun))
        .map(|&area| RoleTableRow {
            area,
            label: area.label().to_string(),
            granted: Role::ALL.iter().map(|r| r.grants(area)).collect(),
        })
        .collect()
}

/// The roles table as the README shows it (Markdown).
pub fn roles_table_markdown() -> String {
    let mut out = String::from("| Work | ");
    out += &Role::ALL.iter().map(|r| r.label()).collect::<Vec<_>>().join(" | ");
    out += " |\n|---|";
    out += &"---|".repeat(Role::ALL.len());
    out += "\n";
    for row in roles_table() {
        out += &format!("| {} |", row.label);
        for granted in row.granted {
            out += if granted { " yes |" } else { " no |" };
        }
        out += "\n";
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_desk_takes_payments_but_never_reverses_or_sets_fees() {
        let desk = Role::FrontDesk;
        assert!(desk.may(Action::PatientSave));
        assert!(desk.may(Action::PaymentPost));
        assert!(desk.may(Action::ReceiptPrint));
        assert!(desk.may(Action::StatementReprint));
        for refused in [
            Action::PostingReverse,
            Action::CreditRefund,
            Action::FeeSave,
            Action::ReportRun,
            Action::PatientsExport,
            Action::UserCreate,
        ] {
            assert!(!desk.may(refused), "front desk may {refused:?}");
        }
    }

    #[test]
    fn billers_do_the_billing_but_not_users_or_setup() {
        assert!(Role::Biller.may(Action::EraPost));
        assert!(Role::Biller.may(Action::FeeSave));
        assert!(Role::Biller.may(Action::PostingReverse));
        assert!(!Role::Biller.may(Action::UserCreate));
        assert!(!Role::Biller.may(Action::AuditList));
        assert!(!Role::Biller.may(Action::PostingRulesSave));
    }

    #[test]
    fn read_only_looks_and_reports_and_writes_nothing() {
        let ro = Role::ReadOnly;
        assert!(ro.may(Action::PatientGet));
        assert!(ro.may(Action::ReportRun));
        assert!(ro.may(Action::PasswordChange), "everyone changes their own password");
        for &a in Action::ALL {
            if a.kind() == ActionKind::Write && !a.area().open_to_all() {
                assert!(!ro.may(a), "read-only may {a:?}");
            }
        }
    }

    #[test]
    fn administrators_do_everything_but_the_first_run() {
        for &a in Action::ALL {
            assert_eq!(Role::Administrator.may(a), a.area() != Area::FirstRun, "{a:?}");
        }
    }

    #[test]
    fn roles_read_back_from_their_stored_word() {
        for &r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("Front desk"), Some(Role::FrontDesk));
        assert_eq!(Role::parse("janitor"), None);
    }

    #[test]
    fn the_table_has_a_row_per_area_and_a_column_per_role() {
        let md = roles_table_markdown();
        assert!(md.starts_with("| Work | Administrator | Biller | Front desk | Read-only |"));
        assert!(md.contains("| Reversals, refunds, write-offs | yes | yes | no | no |"), "{md}");
    }
}
