//! `claimdesk plans create|list|show|end|amend|agreement`: payment plans, through the store.

use crate::failure::Failure;
use crate::output;
use claimdesk_core::payment_plans::{PlanFrequency, PlanStatus, PlanTerms};
use claimdesk_core::validation::parse_date;
use claimdesk_core::Money;
use claimdesk_store::{PlanFilter, PlanInput, PlanView, Store, StoreError};
use clap::{Arg, Args, Subcommand, ValueEnum};

#[derive(Debug, Subcommand)]
pub enum PlansCommand {
    /// Put an account's patient balance (or chosen visits) on a payment plan.
    Create(CreateArgs),
    /// Running plans with their next installment (or only delinquent ones).
    List {
        /// Only plans with an installment unpaid past the grace period.
        #[arg(long)]
        delinquent: bool,
    },
    /// One plan: its schedule with paid and remaining per installment, status, next due.
    Show {
        /// The plan's id (from `plans list`).
        id: i64,
    },
    /// End a running plan: cancelled (by agreement) or defaulted (stopped paying). What is
    /// still unpaid goes back to normal statements and collections.
    End {
        /// The plan version's id (from `plans list`).
        id: i64,
        #[arg(long, conflicts_with = "defaulted", required_unless_present = "defaulted")]
        cancelled: bool,
        #[arg(long)]
        defaulted: bool,
        /// Why the plan ends.
        #[arg(long)]
        reason: String,
    },
    /// Amend a running plan: a new version over what is still unpaid (plus any balance added),
    /// the old version kept as history.
    Amend(AmendArgs),
    /// Print a plan version's agreement (schedule and signature lines) to a PDF.
    Agreement {
        /// The plan version's id.
        id: i64,
        #[arg(long)]
        out: std::path::PathBuf,
    },
}

/// The terms a plan is created or amended with. The help is worded for `plans create`;
/// `plans amend` words --amount, --down and --first-due for itself.
#[derive(Debug, Args)]
pub struct TermsArgs {
    /// The balance the plan covers, before the down payment.
    #[arg(long)]
    pub amount: String,
    /// Paid when the plan is signed (take it at the desk with `payments post`).
    #[arg(long, default_value = "0.00")]
    pub down: String,
    /// How many installments.
    #[arg(long, required_unless_present = "installment_amount", conflicts_with = "installment_amount")]
    pub installments: Option<u32>,
    /// How much each installment is (the last one may be smaller).
    #[arg(long)]
    pub installment_amount: Option<String>,
    #[arg(long, value_enum)]
    pub frequency: FrequencyArg,
    /// The first installment's due date, MM/DD/YYYY.
    #[arg(long)]
    pub first_due: String,
}

#[derive(Debug, Args)]
#[command(mut_args(amend_help))]
pub struct AmendArgs {
    /// The running plan version's id.
    pub id: i64,
    #[command(flatten)]
    pub terms: TermsArgs,
}

/// The help of the terms `plans amend` words for itself (in place: `mut_arg` would move the
/// argument to the end of the usage line).
fn amend_help(a: Arg) -> Arg {
    match a.get_id().as_str() {
        "amount" => a.help("Everything the new version covers: what remains unpaid plus any balance added"),
        "down" => a.help("Paid when the amendment is signed"),
        "first_due" => a.help("The new first due date, MM/DD/YYYY"),
        _ => a,
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FrequencyArg {
    Weekly,
    EveryTwoWeeks,
    Monthly,
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    /// The guarantor's account number.
    #[arg(long)]
    pub account: String,
    #[command(flatten)]
    pub terms: TermsArgs,
    /// Days an installment may be late before the plan is delinquent.
    #[arg(long, default_value_t = 10)]
    pub grace_days: i64,
    /// Cover only these visits (default: the whole patient balance).
    #[arg(long = "visit")]
    pub visits: Vec<i64>,
}

/// A typed amount, refused with the field named when it is not dollars and cents.
pub(crate) fn money(field: &str, label: &str, text: &str) -> Result<Money, StoreError> {
    Money::parse(text).map_err(|e| StoreError::invalid(field, format!("{label} {text:?} {e}")))
}

fn terms_from(a: &TermsArgs) -> Result<PlanTerms, StoreError> {
    Ok(PlanTerms {
        financed: money("terms.financed", "Amount", &a.amount)?,
        down_payment: money("terms.down_payment", "Down payment", &a.down)?,
        installments: a.installments,
        installment_amount: a
            .installment_amount
            .as_deref()
            .map(|t| money("terms.installment_amount", "Installment amount", t))
            .transpose()?,
        frequency: match a.frequency {
            FrequencyArg::Weekly => PlanFrequency::Weekly,
            FrequencyArg::EveryTwoWeeks => PlanFrequency::EveryTwoWeeks,
            FrequencyArg::Monthly => PlanFrequency::Monthly,
        },
        first_due: Some(
            parse_date("First due date", &a.first_due).map_err(|m| StoreError::invalid("terms.first_due", m))?,
        ),
    })
}

pub fn run(store: &mut Store, command: &PlansCommand, json: bool) -> Result<(), Failure> {
    match command {
        PlansCommand::Create(args) => {
            let patient = store.get_patient_by_account(&args.account)?;
            let terms = terms_from(&args.terms)?;
            let input = PlanInput {
                patient_id: patient.id.unwrap_or(0),
                terms,
                grace_days: args.grace_days,
                visit_ids: args.visits.clone(),
            };
            let plan = store.create_plan(&input)?;
            if json {
                output::json(&plan);
            } else {
                outln!("Created payment plan {} (id {}) for account {}", plan.plan_number, plan.id, args.account);
                print_plan(&plan);
            }
        }
        PlansCommand::List { delinquent } => {
            let filter = if *delinquent { PlanFilter::Delinquent } else { PlanFilter::Active };
            let plans = store.list_plans(filter)?;
            if json {
                output::json(&plans);
            } else if plans.is_empty() {
                outln!("No {} payment plans", if *delinquent { "delinquent" } else { "running" });
            } else {
                for p in &plans {
                    let next = p
                        .state
                        .next_due
                        .map_or("-".to_string(), |n| format!("{} due {}", n.amount, n.due.format("%m/%d/%Y")));
                    outln!(
                        "{:>5}  {} v{}  patient {}  {:?}  due now {}  next {}  remaining {}",
                        p.id,
                        p.plan_number,
                        p.version,
                        p.patient_id,
                        p.status,
                        p.state.amount_due_now,
                        next,
                        p.state.remaining_balance
                    );
                }
            }
        }
        PlansCommand::Show { id } => {
            let plan = store.plan(*id)?;
            if json {
                output::json(&plan);
            } else {
                print_plan(&plan);
            }
        }
        PlansCommand::End { id, cancelled, defaulted: _, reason } => {
            let status = if *cancelled { PlanStatus::Cancelled } else { PlanStatus::Defaulted };
            let plan = store.end_plan(*id, status, reason)?;
            if json {
                output::json(&plan);
            } else {
                outln!(
                    "Payment plan {} version {} ended: {:?} ({}); {} goes back to the regular statements",
                    plan.plan_number,
                    plan.version,
                    plan.status,
                    plan.ended_reason,
                    plan.state.remaining_balance
                );
            }
        }
        PlansCommand::Amend(args) => {
            let terms = terms_from(&args.terms)?;
            let plan = store.amend_plan(args.id, &terms)?;
            if json {
                output::json(&plan);
            } else {
                outln!("Amended: payment plan {} is now version {} (id {})", plan.plan_number, plan.version, plan.id);
                print_plan(&plan);
            }
        }
        PlansCommand::Agreement { id, out } => {
            let printed = claimdesk_jobs::print_plan_agreement(store, *id, &out.display().to_string())?;
            if json {
                output::json(&printed);
            } else {
                outln!("{} agreement printed to {} ({} bytes)", printed.title, printed.path, printed.bytes);
            }
        }
    }
    Ok(())
}

fn print_plan(p: &PlanView) {
    outln!(
        "Plan {} version {} — {:?}; covers {}, down payment {}",
        p.plan_number,
        p.version,
        p.status,
        p.terms.financed,
        p.terms.down_payment
    );
    outln!("  #  due         amount     paid   remaining");
    for i in &p.state.installments {
        outln!(
            "{:>3}  {}  {:>9}  {:>7}  {:>9}",
            i.number,
            i.due.format("%m/%d/%Y"),
            i.amount.to_string(),
            i.paid.to_string(),
            i.remaining.to_string()
        );
    }
    match p.state.next_due {
        Some(n) => outln!("Next due: {} on {}", n.amount, n.due.format("%m/%d/%Y")),
        None => outln!("Next due: nothing"),
    }
    outln!("Due now {}, remaining {}", p.state.amount_due_now, p.state.remaining_balance);
}
