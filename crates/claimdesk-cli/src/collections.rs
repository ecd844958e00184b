//! `claimdesk collections list|send|recall` and `claimdesk posting-rules`: the collections
//! worklist and the practice's write-off choices, through the store.

use crate::failure::Failure;
use crate::output;
use crate::plans::money;
use claimdesk_core::posting::PostingRules;
use claimdesk_store::{CollectionsFilter, Store};
use clap::{Args, Subcommand, ValueEnum};

#[derive(Debug, Subcommand)]
pub enum CollectionsCommand {
    /// Accounts that owe and have gone N days without a patient payment (counted from the
    /// oldest unpaid amount when they never paid). An account on an up-to-date plan is left off.
    List {
        /// Days without a payment.
        #[arg(long, default_value_t = 90)]
        days: i64,
        /// Smaller balances are not worked.
        #[arg(long, default_value = "25.00")]
        min_balance: String,
        /// Also list accounts already sent to an agency.
        #[arg(long)]
        include_sent: bool,
    },
    /// Send an account to a collection agency: statements stop, the balance stays. Record the
    /// agency's payments with `payments post --method agency`.
    Send {
        /// The guarantor's account number.
        account: String,
        #[arg(long)]
        agency: String,
    },
    /// Take an account back from the agency: statements go out again.
    Recall {
        /// The guarantor's account number.
        account: String,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum YesNo {
    Yes,
    No,
}

/// Show the posting rules, or change them with the flags.
#[derive(Debug, Args)]
pub struct PostingRulesArgs {
    /// Write off OA (other adjustment) amounts when remittances post.
    #[arg(long, value_enum)]
    pub write_off_oa: Option<YesNo>,
    /// Write off PI (payer-initiated) reductions; otherwise they stay pending with insurance.
    #[arg(long, value_enum)]
    pub write_off_pi: Option<YesNo>,
}

pub fn run(store: &mut Store, command: &CollectionsCommand, json: bool) -> Result<(), Failure> {
    match command {
        CollectionsCommand::List { days, min_balance, include_sent } => {
            let filter = CollectionsFilter {
                days_without_payment: *days,
                min_balance: money("min_balance", "Minimum balance", min_balance)?,
                include_sent: *include_sent,
            };
            let list = store.collections_worklist(&filter)?;
            if json {
                output::json(&list);
                return Ok(());
            }
            if list.is_empty() {
                outln!("No account owes {} with no payment in {days} days", filter.min_balance);
                return Ok(());
            }
            let date =
                |d: Option<chrono::NaiveDate>| d.map_or("never".to_string(), |d| d.format("%m/%d/%Y").to_string());
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|a| {
                    vec![
                        a.account_number.clone(),
                        a.name.clone(),
                        a.patient_due.to_string(),
                        date(a.last_payment),
                        a.days_without_payment.map_or(String::new(), |d| d.to_string()),
                        date(a.last_statement),
                        if a.sent_to_agency { format!("at {}", a.agency) } else { String::new() },
                    ]
                })
                .collect();
            out!(
                "{}",
                output::table(
                    &["Account", "Guarantor", "Owes", "Last payment", "Days", "Last statement", "Agency"],
                    &rows
                )
            );
            Ok(())
        }
        CollectionsCommand::Send { account, agency } => {
            let patient = store.get_patient_by_account(account)?;
            store.send_to_collections(patient.id.unwrap_or_default(), agency)?;
            done(json, &format!("Account {account} sent to {}: no more statements", agency.trim()));
            Ok(())
        }
        CollectionsCommand::Recall { account } => {
            let patient = store.get_patient_by_account(account)?;
            store.recall_from_collections(patient.id.unwrap_or_default())?;
            done(json, &format!("Account {account} taken back from the agency: statements go out again"));
            Ok(())
        }
    }
}

fn done(json: bool, message: &str) {
    if json {
        output::json(&serde_json::json!({ "done": message }));
    } else {
        outln!("{message}");
    }
}

pub fn posting_rules(store: &mut Store, args: &PostingRulesArgs, json: bool) -> Result<(), Failure> {
    let mut rules = store.posting_rules()?;
    let yes = |v: YesNo| matches!(v, YesNo::Yes);
    if args.write_off_oa.is_some() || args.write_off_pi.is_some() {
        rules = PostingRules {
            write_off_oa: args.write_off_oa.map_or(rules.write_off_oa, yes),
            write_off_pi: args.write_off_pi.map_or(rules.write_off_pi, yes),
        };
        rules = store.save_posting_rules(&rules)?;
    }
    if json {
        output::json(&rules);
    } else {
        let word = |w: bool| if w { "written off" } else { "left pending with insurance" };
        outln!("OA (other adjustments): {}", word(rules.write_off_oa));
        outln!("PI (payer-initiated reductions): {}", word(rules.write_off_pi));
    }
    Ok(())
}
