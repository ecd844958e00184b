//! Queries grouped by what billers call things. Reads are `impl Store`, writes are `impl Tx`
//! (so several writes can share one transaction) with a `Store` wrapper for the common case.

pub mod acknowledgements;
pub mod audit;
pub mod backups;
pub mod bulk;
pub mod care;
pub mod claims;
pub mod clearinghouses;
pub mod collections;
pub mod deposits;
pub mod discounts;
pub mod facilities;
pub mod fee_schedule;
pub mod injury_cases;
pub mod ledger;
pub mod patients;
pub mod payers;
pub mod payments;
pub mod plan_limits;
pub mod plans;
pub mod practice;
pub mod printing;
pub mod providers;
pub mod remittances;
pub mod reports;
pub mod search;
pub mod statements;
pub mod users;
pub mod visits;
