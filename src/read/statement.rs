//! Statements of account and activity statements, read and evaluated as of a day.

use super::reports::{account_position, evaluate_all};
use crate::domain::evaluate;
use crate::domain::privacy::Contact;
use crate::domain::statement::{activity as activity_of, Activity, Statement};
use crate::error::{Error, Result};
use crate::store::{self, Store};
use chrono::NaiveDate;

/// One account's statement as of a day, and whom it goes to.
pub fn statement(store: &Store, account_no: &str, as_of: NaiveDate) -> Result<(Statement, Contact)> {
    let account = super::account(store, account_no)?;
    let disputed = store::disputes::open_docs(store, as_of)?;
    let (_, position) = account_position(store, &account, as_of)?;
    let statement = Statement::of(&account.account_no, &position, as_of, |doc| disputed.contains(doc));
    Ok((statement, store::privacy::contact(store, account.id)?))
}

/// One account's activity from `from` through `to`.
pub fn activity(store: &Store, account_no: &str, from: NaiveDate, to: NaiveDate) -> Result<(Activity, Contact)> {
    if from > to {
        return Err(Error::invalid("from", format!("{from} is after --to {to}")));
    }
    let account = super::account(store, account_no)?;
    let data = store::ledger::load(store, account.clone())?;
    let l = data.ledger();
    let before = from.pred_opt().map(|d| evaluate(&l, d)).transpose()?.unwrap_or_default();
    let after = evaluate(&l, to)?;
    Ok((activity_of(&l, &before, &after, from, to), store::privacy::contact(store, account.id)?))
}

/// Every account's statement as of a day, handed to `f` (on two threads, in no set
/// order); what `f` returns, in account id order.
pub fn each_statement<R: Send>(
    store: &Store,
    as_of: NaiveDate,
    f: impl Fn(&Statement, &Contact) -> R + Sync,
) -> Result<Vec<R>> {
    let disputed = store::disputes::open_docs(store, as_of)?;
    let contacts = store::privacy::all_contacts(store)?;
    evaluate_all(store, as_of, |data, position| {
        let no = data.ledger().account_no;
        let s = Statement::of(no, &position, as_of, |doc| disputed.contains(doc));
        let fallback;
        let contact = match contacts.get(no) {
            Some(c) => c,
            None => {
                fallback = Contact { account_no: no.to_string(), ..Default::default() };
                &fallback
            }
        };
        f(&s, contact)
    })
}
