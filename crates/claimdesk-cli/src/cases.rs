//! `claimdesk cases add|list|show|statement|lien|settle`: injury cases, through the store.

use crate::failure::Failure;
use crate::output;
use claimdesk_core::address::Address;
use claimdesk_core::injury_cases::{Attorney, InjuryCase, InjuryCaseKind, InjuryCaseStatus};
use claimdesk_core::validation::parse_date;
use claimdesk_core::Money;
use claimdesk_store::{Actor, InjuryCaseSummary, PaymentMethod, SettlementInput, Store, StoreError};
use clap::{Args, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum CasesCommand {
    /// Open an injury case for a patient (add --case ID to `visits add` for its visits).
    Add(Box<AddCaseArgs>),
    /// A patient's injury cases.
    List {
        /// The patient's account number.
        #[arg(long)]
        account: String,
    },
    /// One case: charges, payments, adjustments, balance, and the MedPay/PIP left.
    Show {
        /// The case's id (from `cases list`).
        id: i64,
    },
    /// Print the itemized attorney statement of a case to a PDF.
    Statement {
        id: i64,
        #[arg(long)]
        out: PathBuf,
    },
    /// Print the lien / letter of protection of a case to a PDF.
    Lien {
        id: i64,
        #[arg(long)]
        out: PathBuf,
    },
    /// Post the attorney's settlement: the payment and the agreed reduction must add up to
    /// the case's balance, which ends at zero.
    Settle(SettleArgs),
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    AutoPip,
    AutoMedpay,
    WorkersComp,
    Attorney,
}

#[derive(Debug, Args)]
pub struct AddCaseArgs {
    /// The patient's account number.
    #[arg(long)]
    pub account: String,
    #[arg(long, value_enum)]
    pub kind: KindArg,
    /// Date of injury (MM/DD/YYYY; YYYY-MM-DD also works).
    #[arg(long, value_name = "DATE")]
    pub injury_date: String,
    /// Two-letter state where the accident happened (required for auto cases).
    #[arg(long, default_value = "")]
    pub state: String,
    /// The carrier billed: its payer ID (as on claims) or its name.
    #[arg(long)]
    pub carrier: Option<String>,
    /// The carrier's claim number.
    #[arg(long, default_value = "")]
    pub claim_number: String,
    #[arg(long, default_value = "")]
    pub adjuster: String,
    #[arg(long, default_value = "")]
    pub adjuster_phone: String,
    /// The employer (workers' compensation).
    #[arg(long, default_value = "")]
    pub employer: String,
    #[arg(long, default_value = "")]
    pub attorney: String,
    #[arg(long, default_value = "")]
    pub firm: String,
    #[arg(long, default_value = "")]
    pub attorney_phone: String,
    /// The attorney's street address (with --attorney-city, --attorney-state, --attorney-zip).
    #[arg(long, default_value = "")]
    pub attorney_street: String,
    #[arg(long, default_value = "")]
    pub attorney_city: String,
    #[arg(long, default_value = "")]
    pub attorney_state: String,
    #[arg(long, default_value = "")]
    pub attorney_zip: String,
    /// The MedPay/PIP limit.
    #[arg(long)]
    pub limit: Option<String>,
    /// Hold billing (claims and statements) until the settlement.
    #[arg(long)]
    pub hold: bool,
}

#[derive(Debug, Args)]
pub struct SettleArgs {
    /// The case's id.
    pub id: i64,
    /// What the attorney paid.
    #[arg(long)]
    pub payment: String,
    /// The agreed reduction of the balance.
    #[arg(long, default_value = "0.00")]
    pub reduction: String,
    /// Why the balance is reduced.
    #[arg(long, default_value = "")]
    pub reason: String,
    /// The attorney's check number.
    #[arg(long, default_value = "")]
    pub reference: String,
    /// The day the payment was received (default today).
    #[arg(long)]
    pub date: Option<String>,
}

fn money(field: &str, text: &str) -> Result<Money, StoreError> {
    Money::parse(text).map_err(|e| StoreError::invalid(field, format!("{text:?} {e}")))
}

fn carrier_id(store: &Store, carrier: &str) -> Result<i64, StoreError> {
    let wanted = carrier.trim().to_ascii_lowercase();
    store
        .list_payers()?
        .into_iter()
        .find(|p| p.payer_id.to_ascii_lowercase() == wanted || p.name.to_ascii_lowercase() == wanted)
        .and_then(|p| p.id)
        .ok_or_else(|| {
            StoreError::invalid("carrier_payer_id", format!("No payer has the payer ID or name {carrier:?}"))
        })
}

fn print_summary(s: &InjuryCaseSummary) {
    let c = &s.case;
    outln!(
        "Case {} — {} — injured {}",
        c.id.unwrap_or_default(),
        c.kind.label(),
        c.injury_date.map(|d| d.format("%m/%d/%Y").to_string()).unwrap_or_default()
    );
    if !s.carrier_name.is_empty() {
        outln!("  carrier {} claim {}", s.carrier_name, c.claim_number);
    }
    if !c.attorney.name.is_empty() {
        outln!("  attorney {} {}", c.attorney.name, c.attorney.firm);
    }
    outln!("  status {}{}", c.status.as_str(), if c.hold_billing { ", billing held until settlement" } else { "" });
    outln!(
        "  {} visits: charges {}, payments {}, adjustments {}, balance {}",
        s.visits,
        s.charges,
        s.payments,
        s.adjustments,
        s.balance
    );
    if let Some(left) = s.benefit_left {
        outln!("  MedPay/PIP: carrier paid {}, {} left", s.carrier_paid, left);
    }
}

pub fn run(store: &mut Store, actor: &Actor, command: &CasesCommand, json: bool) -> Result<(), Failure> {
    match command {
        CasesCommand::Add(a) => {
            let patient = store.get_patient_by_account(&a.account)?;
            let injury_date =
                parse_date("Date of injury", &a.injury_date).map_err(|m| StoreError::invalid("injury_date", m))?;
            let carrier_payer_id = a.carrier.as_deref().map(|c| carrier_id(store, c)).transpose()?;
            let case = InjuryCase {
                id: None,
                patient_id: patient.id.unwrap_or_default(),
                kind: match a.kind {
                    KindArg::AutoPip => InjuryCaseKind::AutoPip,
                    KindArg::AutoMedpay => InjuryCaseKind::AutoMedpay,
                    KindArg::WorkersComp => InjuryCaseKind::WorkersComp,
                    KindArg::Attorney => InjuryCaseKind::Attorney,
                },
                injury_date: Some(injury_date),
                accident_state: a.state.clone(),
                carrier_payer_id,
                claim_number: a.claim_number.clone(),
                adjuster_name: a.adjuster.clone(),
                adjuster_phone: a.adjuster_phone.clone(),
                employer: a.employer.clone(),
                attorney: Attorney {
                    name: a.attorney.clone(),
                    firm: a.firm.clone(),
                    phone: a.attorney_phone.clone(),
                    address: Address {
                        line1: a.attorney_street.clone(),
                        line2: String::new(),
                        city: a.attorney_city.clone(),
                        state: a.attorney_state.clone(),
                        zip: a.attorney_zip.clone(),
                    },
                },
                benefit_limit: a.limit.as_deref().map(|l| money("benefit_limit", l)).transpose()?,
                hold_billing: a.hold,
                status: InjuryCaseStatus::Open,
                note: String::new(),
            };
            let saved = store.save_injury_case(&case, actor)?;
            if json {
                output::json(&saved);
            } else {
                outln!("Case {} opened: {}", saved.id.unwrap_or_default(), saved.kind.label());
            }
        }
        CasesCommand::List { account } => {
            let patient = store.get_patient_by_account(account)?;
            let cases = store.injury_cases_for_patient(patient.id.unwrap_or_default())?;
            if json {
                output::json(&cases);
            } else if cases.is_empty() {
                outln!("No injury cases");
            } else {
                for c in &cases {
                    let injured = c.injury_date.map(|d| d.format("%m/%d/%Y").to_string()).unwrap_or_default();
                    outln!(
                        "{:>6}  {:<28} {}  {}",
                        c.id.unwrap_or_default(),
                        c.kind.label(),
                        injured,
                        c.status.as_str()
                    );
                }
            }
        }
        CasesCommand::Show { id } => {
            let summary = store.injury_case_summary(*id)?;
            if json {
                output::json(&summary);
            } else {
                print_summary(&summary);
            }
        }
        CasesCommand::Statement { id, out } => {
            let printed = claimdesk_jobs::print_attorney_statement(store, *id, &out.display().to_string())?;
            if json {
                output::json(&printed);
            } else {
                outln!("{} printed to {} ({} bytes)", printed.title, printed.path, printed.bytes);
            }
        }
        CasesCommand::Lien { id, out } => {
            let printed = claimdesk_jobs::print_lien_letter(store, *id, &out.display().to_string())?;
            if json {
                output::json(&printed);
            } else {
                outln!("{} printed to {} ({} bytes)", printed.title, printed.path, printed.bytes);
            }
        }
        CasesCommand::Settle(a) => {
            let received_on = a
                .date
                .as_deref()
                .map(|d| parse_date("Date received", d).map_err(|m| StoreError::invalid("received_on", m)))
                .transpose()?;
            let input = SettlementInput {
                case_id: a.id,
                received_on,
                method: PaymentMethod::Check,
                reference: a.reference.clone(),
                payment: money("payment", &a.payment)?,
                reduction: money("reduction", &a.reduction)?,
                reason: a.reason.clone(),
            };
            let summary = store.post_injury_settlement(&input, actor)?;
            if json {
                output::json(&summary);
            } else {
                print_summary(&summary);
            }
        }
    }
    Ok(())
}
