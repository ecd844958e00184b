//! A code of a fixed list with the words billers see, sent to the window for lists it shows
//! but keeps no copy of (the Medicare secondary payer types).

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CodeLabel {
    pub code: &'static str,
    pub label: &'static str,
}
