//! `claimdesk packages sell|draw|list` and `claimdesk prompt-pay show|set|pay`: prepaid care
//! packages and the prompt-pay discount, through the store (`claimdesk_core::discounts` has the
//! rules: the full fee is charged and the discount is an adjustment with its reason).

use crate::cli::MethodArg;
use crate::failure::Failure;
use crate::output;
use crate::payments::payment_method;
use crate::plans::money;
use claimdesk_core::discounts::{CarePackage, PackageStanding, PromptPayPolicy};
use claimdesk_core::validation::parse_date;
use claimdesk_store::{Actor, Store, StoreError};
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum PackagesCommand {
    /// Sell a prepaid package: the price is taken as a payment held on the account, and
    /// visits are drawn on it one by one.
    Sell {
        /// The patient's account number.
        #[arg(long)]
        account: String,
        /// What the office calls it, e.g. "12-visit adjustment package".
        #[arg(long)]
        name: String,
        /// Visits it holds.
        #[arg(long)]
        visits: u32,
        /// What the patient paid, e.g. 540.00.
        #[arg(long)]
        price: String,
        #[arg(long, value_enum)]
        method: MethodArg,
        #[arg(long, default_value = "")]
        reference: String,
        /// The day it was bought, MM/DD/YYYY (default today).
        #[arg(long)]
        date: Option<String>,
        /// The last day it can be used, MM/DD/YYYY (default: never expires).
        #[arg(long)]
        expires: Option<String>,
    },
    /// Draw a visit on a package: its share of the price pays the visit, the rest of the full
    /// fee is adjusted off.
    Draw {
        /// The package's id (`packages list`).
        #[arg(long)]
        package: i64,
        /// The visit's id.
        #[arg(long)]
        visit: i64,
    },
    /// A patient's packages with what is left of each.
    List {
        /// The patient's account number.
        #[arg(long)]
        account: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum PromptPayCommand {
    /// The practice's prompt-pay discount.
    Show,
    /// Set the prompt-pay discount (0 percent: none offered).
    Set {
        #[arg(long)]
        percent: u32,
        /// Paid within this many days of the visit (0: the same day).
        #[arg(long, default_value_t = 0)]
        within_days: u32,
    },
    /// Take what the patient owes on a visit with the discount: the discount posts as an
    /// adjustment, the rest as the payment.
    Pay {
        #[arg(long)]
        visit: i64,
        #[arg(long, value_enum)]
        method: MethodArg,
        #[arg(long, default_value = "")]
        reference: String,
    },
}

fn day(field: &str, label: &str, text: &Option<String>) -> Result<Option<chrono::NaiveDate>, StoreError> {
    text.as_deref().map(|t| parse_date(label, t).map_err(|m| StoreError::invalid(field, m))).transpose()
}

fn show(s: &PackageStanding) {
    outln!(
        "Package {} ({}): {} — {} left to use",
        s.package.id.unwrap_or_default(),
        s.package.name,
        s.message,
        s.value_left
    );
}

pub fn packages(store: &mut Store, actor: &Actor, command: &PackagesCommand, json: bool) -> Result<(), Failure> {
    match command {
        PackagesCommand::Sell { account, name, visits, price, method, reference, date, expires } => {
            let patient = store.get_patient_by_account(account)?;
            let package = CarePackage {
                id: None,
                patient_id: patient.id.unwrap_or_default(),
                name: name.clone(),
                visits_included: *visits,
                price: money("price", "Price", price)?,
                purchased_on: Some(day("purchased_on", "Date bought", date)?.unwrap_or_else(|| store.today())),
                expires_on: day("expires_on", "Expiry date", expires)?,
                note: String::new(),
            };
            let (standing, receipt) = store
                .with_tx_by(actor, |tx| tx.sell_package(&package, payment_method(*method), reference, actor.source))?;
            if json {
                output::json(&serde_json::json!({ "package": standing, "receipt": receipt }));
            } else {
                outln!("Receipt {} — {} received for the package", receipt.receipt_number, receipt.amount);
                show(&standing);
            }
        }
        PackagesCommand::Draw { package, visit } => {
            let standing = store.with_tx_by(actor, |tx| tx.draw_package_visit(*package, *visit, actor.source))?;
            if json {
                output::json(&standing);
            } else {
                show(&standing);
            }
        }
        PackagesCommand::List { account } => {
            let patient = store.get_patient_by_account(account)?;
            let list = store.packages_for_patient(patient.id.unwrap_or_default())?;
            if json {
                output::json(&list);
            } else if list.is_empty() {
                outln!("No prepaid package on account {account}");
            } else {
                list.iter().for_each(show);
            }
        }
    }
    Ok(())
}

pub fn prompt_pay(store: &mut Store, actor: &Actor, command: &PromptPayCommand, json: bool) -> Result<(), Failure> {
    let policy = match command {
        PromptPayCommand::Show => store.prompt_pay_policy()?,
        PromptPayCommand::Set { percent, within_days } => {
            let asked = PromptPayPolicy { percent: *percent, within_days: *within_days };
            store.with_tx_by(actor, |tx| tx.save_prompt_pay_policy(&asked))?
        }
        PromptPayCommand::Pay { visit, method, reference } => {
            let receipt = store.with_tx_by(actor, |tx| {
                tx.take_prompt_payment(*visit, payment_method(*method), reference, actor.source)
            })?;
            if json {
                output::json(&receipt);
            } else {
                outln!("Receipt {} — {} received with the prompt-pay discount", receipt.receipt_number, receipt.amount);
            }
            return Ok(());
        }
    };
    if json {
        output::json(&policy);
    } else if policy.percent == 0 {
        outln!("No prompt-pay discount is offered");
    } else {
        let when = if policy.within_days == 0 {
            "the same day".to_string()
        } else {
            format!("within {} days", policy.within_days)
        };
        outln!("Prompt-pay discount: {}% of what is owed on a visit paid in full {when}", policy.percent);
    }
    Ok(())
}
