//! One page of a list a screen shows, and how many rows the whole list holds.
//!
//! A list that grows with the practice (fees, plans, remittance exceptions, undeposited
//! payments, the collections worklist, statement candidates, unbilled visits, deposits)
//! reaches a screen one page at a
//! time, never whole: at most [`LIST_PAGE_MAX`] rows, with the total so the screen can say
//! "Showing 500 of 3,210" and ask for the next page. Batch work that needs every row (the
//! statement run, the CSV export, the CLI) reads the whole list through the store's own
//! methods, which no command returns to the UI.

use crate::error::{Result, StoreError};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The most rows one page of a list holds, whatever was asked.
pub const LIST_PAGE_MAX: u32 = 500;

/// Which page of a list: the rows to skip and how many are wanted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PageRequest {
    /// Rows to skip (the rows of the pages before).
    #[serde(default)]
    pub offset: u32,
    /// Rows wanted; 0 or more than [`LIST_PAGE_MAX`] gives [`LIST_PAGE_MAX`].
    #[serde(default)]
    pub limit: u32,
}

impl PageRequest {
    /// The first page, as big as a page may be.
    pub const FIRST: PageRequest = PageRequest { offset: 0, limit: LIST_PAGE_MAX };

    pub fn new(offset: u32, limit: u32) -> PageRequest {
        PageRequest { offset, limit }
    }

    /// The rows this page holds at most: `limit`, capped at [`LIST_PAGE_MAX`].
    pub fn size(self) -> u32 {
        match self.limit {
            0 => LIST_PAGE_MAX,
            n => n.min(LIST_PAGE_MAX),
        }
    }

    /// The page after this one.
    pub fn next(self) -> PageRequest {
        PageRequest { offset: self.offset.saturating_add(self.size()), limit: self.limit }
    }
}

/// One page of a list and how many rows match in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Page<T> {
    pub rows: Vec<T>,
    /// How many rows the whole list holds (more than `offset + rows`: there are later pages).
    pub total: u32,
    /// Where this page starts in the whole list (the request's offset).
    pub offset: u32,
}

impl<T> Page<T> {
    /// The requested page of a list already read whole (a list computed row by row, as the
    /// statement candidates are).
    pub fn of(all: Vec<T>, at: PageRequest) -> Result<Page<T>> {
        let total = count(all.len())?;
        let rows = all.into_iter().skip(at.offset as usize).take(at.size() as usize).collect();
        Ok(Page { rows, total, offset: at.offset })
    }

    /// A page read by the query itself, with the total counted apart.
    pub fn read(rows: Vec<T>, total: i64, at: PageRequest) -> Result<Page<T>> {
        let total = u32::try_from(total).map_err(|_| StoreError::Corrupt("more rows than a list can count".into()))?;
        Ok(Page { rows, total, offset: at.offset })
    }

    /// Whether rows remain after this page.
    pub fn has_more(&self) -> bool {
        (self.offset as usize).saturating_add(self.rows.len()) < self.total as usize
    }
}

fn count(n: usize) -> Result<u32> {
    u32::try_from(n).map_err(|_| StoreError::Corrupt("more rows than a list can count".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_capped_and_knows_the_total() {
        let all: Vec<u32> = (0..LIST_PAGE_MAX + 7).collect();
        let first = Page::of(all.clone(), PageRequest::new(0, 0)).unwrap();
        assert_eq!(first.rows.len(), LIST_PAGE_MAX as usize);
        assert_eq!(first.total, LIST_PAGE_MAX + 7);
        assert!(first.has_more());
        let huge = Page::of(all.clone(), PageRequest::new(0, u32::MAX)).unwrap();
        assert_eq!(huge.rows.len(), LIST_PAGE_MAX as usize);
        let rest = Page::of(all, PageRequest::FIRST.next()).unwrap();
        assert_eq!(rest.rows, (LIST_PAGE_MAX..LIST_PAGE_MAX + 7).collect::<Vec<_>>());
        assert_eq!(rest.offset, LIST_PAGE_MAX);
        assert!(!rest.has_more());
    }
}
