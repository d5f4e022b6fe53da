//! Corrections (RULES.md section 10): the payoff amount of an account, a write-off, a
//! refund of unapplied credit. Voids are with their documents (`payment void`, `charge
//! void`, `check waive`).

use super::output::{say, single, text, Cell, Format};
use crate::domain::corrections::RefundMethod;
use crate::domain::Money;
use crate::error::Result;
use crate::service::corrections::{NewRefund, NewWriteOff};
use crate::service::Service;
use chrono::NaiveDate;
use std::io::Write;

/// `account_no,as_of,payoff`: what a payment on `as_of` must be to leave the account at 0.00.
pub fn payoff(service: &Service, account: &str, as_of: NaiveDate, format: Format, out: &mut impl Write) -> Result<()> {
    let p = crate::read::payoff(service.store(), account, as_of)?;
    let fields =
        vec![("account_no", text(&p.account_no)), ("as_of", Cell::Date(p.as_of)), ("payoff", Cell::Money(p.payoff))];
    single(format, &p, fields, None, out)
}

pub fn write_off(
    service: &mut Service,
    account: &str,
    date: NaiveDate,
    reason: &str,
    out: &mut impl Write,
) -> Result<()> {
    let w = service.write_off(&NewWriteOff { account_no: account.to_string(), date, reason: reason.to_string() })?;
    say(out, w.line())
}

/// The arguments of `refund`.
pub struct RefundArgs<'a> {
    pub account: &'a str,
    pub amount: Money,
    pub method: RefundMethod,
    pub reference: &'a str,
    pub date: NaiveDate,
}

pub fn refund(service: &mut Service, r: RefundArgs<'_>, out: &mut impl Write) -> Result<()> {
    let done = service.refund_credit(&NewRefund {
        account_no: r.account.to_string(),
        amount: r.amount,
        method: r.method,
        reference: r.reference.to_string(),
        date: r.date,
    })?;
    say(out, done.line())
}
