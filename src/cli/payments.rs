//! Payments received and checks the bank returned unpaid. Each goes through the same
//! service call as the console's form, so the same rules, roles and audit apply.

use super::output::say;
use crate::domain::{Money, PaymentMethod};
use crate::error::Result;
use crate::service::corrections::NewVoid;
use crate::service::operations::{NewPayment, NewReturnedCheck};
use crate::service::Service;
use chrono::NaiveDate;
use clap::Subcommand;
use std::io::Write;

#[derive(Debug, Subcommand)]
pub enum PaymentCmd {
    /// Record a payment. A CARD payment also posts the card surcharge (setting
    /// `card_surcharge_pct`, default 3.00%) as a FEE `SUR-<reference>`.
    Record {
        /// The paying account's number.
        account: String,
        /// Amount, like 125 or 125.50.
        #[arg(long, value_parser = super::parse_amount)]
        amount: Money,
        /// WIRE, CASH, CHECK, CERTIFIED_CHECK, MONEY_ORDER, CARD or CREDIT_MEMO.
        #[arg(long, value_parser = super::parse_choice::<PaymentMethod>)]
        method: PaymentMethod,
        /// Unique reference, e.g. the check number.
        #[arg(long)]
        reference: String,
        /// The document it is meant for (else oldest first).
        #[arg(long)]
        apply_to: Option<String>,
        /// Day received (default: --as-of).
        #[arg(long, value_parser = super::parse_date)]
        date: Option<NaiveDate>,
        /// Waive a CARD payment's surcharge (manager only), saying why.
        #[arg(long)]
        waive_surcharge: Option<String>,
    },
    /// Void a payment recorded by mistake (manager only, with a reason; the console's `V`
    /// in the account view): it counts nowhere, at any as-of date; the row stays, marked
    /// void. A CARD payment's surcharge is voided with it. A returned check is not voided.
    Void {
        /// The payment's reference.
        payment_ref: String,
        /// Why (kept with the payment and in the audit log).
        #[arg(long)]
        reason: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum CheckCmd {
    /// Record that the bank returned a CHECK or CERTIFIED_CHECK unpaid: the payment is
    /// void from its own date, and a $25.00 RETURNED_CHECK_FEE is charged unless a
    /// manager waives it with a reason.
    Return {
        /// The returned payment's reference (the check number).
        payment_ref: String,
        /// Day the bank returned it (default: --as-of).
        #[arg(long, value_parser = super::parse_date)]
        date: Option<NaiveDate>,
        /// Waive the fee (manager only), saying why.
        #[arg(long)]
        waive: Option<String>,
    },
    /// Waive a returned-check fee already posted (manager only, with a reason): RCF-<ref>
    /// counts nowhere, at any as-of date.
    Waive {
        /// The returned payment's reference (the check number).
        payment_ref: String,
        /// Why the fee is waived.
        #[arg(long)]
        reason: String,
    },
}

pub fn run_payment(service: &mut Service, cmd: &PaymentCmd, as_of: NaiveDate, out: &mut impl Write) -> Result<()> {
    let (account, amount, method, reference, apply_to, date, waive_surcharge) = match cmd {
        PaymentCmd::Record { account, amount, method, reference, apply_to, date, waive_surcharge } => {
            (account, amount, method, reference, apply_to, date, waive_surcharge)
        }
        PaymentCmd::Void { payment_ref, reason } => {
            let v = service.void_payment(&NewVoid { document: payment_ref.clone(), reason: reason.clone() })?;
            return say(out, v.line());
        }
    };
    let done = service.record_payment(&NewPayment {
        account_no: account.clone(),
        amount: *amount,
        method: *method,
        date: date.unwrap_or(as_of),
        reference: reference.clone(),
        apply_to: apply_to.clone(),
        surcharge_waiver: waive_surcharge.clone(),
    })?;
    let mut text = format!("payment {} of {} recorded", done.reference, done.amount.grouped());
    if let Some((doc, fee)) = done.surcharge {
        text.push_str(&format!("; card surcharge {doc} {}", fee.grouped()));
    }
    say(out, text)
}

pub fn run_check(service: &mut Service, cmd: &CheckCmd, as_of: NaiveDate, out: &mut impl Write) -> Result<()> {
    let (payment_ref, date, waive) = match cmd {
        CheckCmd::Return { payment_ref, date, waive } => (payment_ref, date, waive),
        CheckCmd::Waive { payment_ref, reason } => {
            let v =
                service.waive_returned_check_fee(&NewVoid { document: payment_ref.clone(), reason: reason.clone() })?;
            return say(out, v.line());
        }
    };
    service.record_returned_check(&NewReturnedCheck {
        payment_ref: payment_ref.clone(),
        returned_date: date.unwrap_or(as_of),
        waive_fee: waive.is_some(),
        waiver_reason: waive.clone(),
    })?;
    say(out, format_args!("returned check {payment_ref} recorded{}", if waive.is_some() { "; fee waived" } else { "" }))
}
