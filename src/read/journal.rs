//! The journal export: every account's posted documents as of a day, streamed one
//! account at a time (memory holds one ledger, whatever the size of the book).

use crate::domain::evaluate;
use crate::domain::journal::{entries, Entry};
use crate::error::Result;
use crate::store::{self, Store};
use chrono::NaiveDate;

/// Hands each account's number and journal entries to `visit`, in account number order.
pub fn each_account(
    store: &Store,
    as_of: NaiveDate,
    mut visit: impl FnMut(&str, Vec<Entry>) -> Result<()>,
) -> Result<()> {
    let tx = store.read()?;
    store::ledger::for_each(&tx, as_of, |data| {
        let l = data.ledger();
        let position = evaluate(&l, as_of)?;
        visit(l.account_no, entries(&l, &position, as_of))
    })
}
