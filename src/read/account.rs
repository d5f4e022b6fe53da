//! One account's view, opened with Enter: light (one ledger), read when opened.

use super::collections::{disputed_on, HoldLine, PromiseLine};
use super::history::HistoryLine;
use super::reports::{self, AuditLine};
use super::snapshot::ChargeLine;
use crate::domain::credit::CreditApplication;
use crate::domain::dealer::Verification;
use crate::domain::notes::Note;
use crate::domain::repairs::Ticket;
use crate::domain::{ChargeKind, Money, PaymentMethod};
use crate::error::{Error, Result};
use crate::store::dunning::LetterLine;
use crate::store::ledger::VoidMark;
use crate::store::{self, Account, Store};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Entries of the account's audit trail the view shows (the newest).
const AUDIT_ROWS: usize = 200;

/// One payment of the account view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentLine {
    pub reference: String,
    pub date: NaiveDate,
    pub method: PaymentMethod,
    pub amount: Money,
    pub apply_to: Option<String>,
    /// The day the bank returned it, for a returned check.
    pub returned_on: Option<NaiveDate>,
    /// Void (RULES 10): who voided it, when, why. It counts nowhere.
    pub void: Option<VoidMark>,
}

/// A void charge of the account view: shown, struck, counted nowhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoidCharge {
    pub doc_no: String,
    pub kind: ChargeKind,
    pub date: NaiveDate,
    pub amount: Money,
    pub void: VoidMark,
}

/// The account's contact details as held.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contact {
    pub contact_name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
}

/// A document of the account view that a key can act on, in the order shown: the open
/// charges, the void charges, the payments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Document<'a> {
    Charge(&'a ChargeLine),
    VoidCharge(&'a VoidCharge),
    Payment(&'a PaymentLine),
}

/// One account opened with Enter: everything about it, read when opened.
#[derive(Debug, Clone)]
pub struct AccountDetail {
    pub account: Account,
    pub exemption: Option<String>,
    /// The exemption's certificate is missing or expired (the text says which).
    pub exemption_warning: bool,
    /// The latest credit application, its identifier masked.
    pub credit: Option<CreditApplication>,
    pub verification: Option<Verification>,
    /// The identifier, unmasked for a moment after a manager's audited reveal.
    pub revealed: Option<String>,
    /// On credit hold as of the day: why, and since when.
    pub hold: Option<HoldLine>,
    /// Notes written by the day, newest first.
    pub notes: Vec<Note>,
    /// Promises recorded by the day, with their state that day.
    pub promises: Vec<PromiseLine>,
    pub open_charges: Vec<ChargeLine>,
    /// Dated on or before the day, by date, then document number.
    pub void_charges: Vec<VoidCharge>,
    /// Every document, paid and void ones and payments included, in date order.
    pub history: Vec<HistoryLine>,
    pub accrued_interest: Money,
    pub unapplied_credit: Money,
    pub balance: Money,
    /// What a payment on the day must be to leave the account at 0.00 (RULES 10).
    pub payoff: Money,
    /// The day the account took its present status, when recorded.
    pub status_since: Option<NaiveDate>,
    /// Contact, phone, e-mail and address (the edit form starts from them).
    pub contact: Contact,
    /// Dated on or before the day, by date, then reference; void ones included.
    pub payments: Vec<PaymentLine>,
    pub tickets: Vec<Ticket>,
    /// The newest entries about the account, newest first.
    pub audit: Vec<AuditLine>,
    /// The dunning letters sent to it, oldest first.
    pub letters: Vec<LetterLine>,
    /// The selected document (`documents()`), which `V` voids.
    pub selected: usize,
    /// Lines scrolled by hand (PgDn/PgUp), past what keeps the selection in view.
    pub scroll: isize,
}

impl AccountDetail {
    /// The documents a key can act on, in the order the view shows them.
    pub fn documents(&self) -> Vec<Document<'_>> {
        let charges = self.open_charges.iter().map(Document::Charge);
        let void = self.void_charges.iter().map(Document::VoidCharge);
        charges.chain(void).chain(self.payments.iter().map(Document::Payment)).collect()
    }

    pub fn selected_document(&self) -> Option<Document<'_>> {
        self.documents().get(self.selected).copied()
    }
}

/// One account's view as of the day.
pub fn load_detail(store: &Store, account_no: &str, as_of: NaiveDate) -> Result<AccountDetail> {
    let account = store::accounts::by_no(store, account_no)?
        .ok_or_else(|| Error::NotFound(format!("no account {account_no}")))?;
    let id = account.id;
    let exemption_record = store::exemptions::of_account(store, id)?;
    let exemption_warning = exemption_record.as_ref().is_some_and(|e| e.warning(as_of).is_some());
    let exemption = exemption_record.map(|e| {
        let state = match e.warning(as_of) {
            Some(w) => w.message(),
            None => format!(
                "certificate on file{}",
                e.certificate_expires.map(|d| format!(", expires {d}")).unwrap_or_default()
            ),
        };
        format!("{} ({state})", e.exemption_no)
    });
    let (data, position) = reports::account_position(store, &account, as_of)?;
    let balance = position.balance();
    let payoff = crate::domain::corrections::payoff(&data.ledger(), as_of)?;
    let disputes = store::disputes::list(store, Some(account_no))?;
    let open_charges = position
        .charges
        .iter()
        .filter(|c| c.outstanding.is_positive())
        .map(|c| ChargeLine::of(account_no, c.clone(), as_of, disputed_on(&disputes, &c.doc_no, as_of)))
        .collect();
    // What happened by the day: later payments and later returns are not shown.
    let returned: HashMap<&str, NaiveDate> = data
        .returns
        .iter()
        .filter(|r| r.returned_date <= as_of)
        .map(|r| (r.payment_ref.as_str(), r.returned_date))
        .collect();
    let mut payments: Vec<PaymentLine> = data
        .payments
        .iter()
        .filter(|p| p.date <= as_of)
        .map(|p| PaymentLine {
            reference: p.reference.clone(),
            date: p.date,
            method: p.method,
            amount: p.amount,
            apply_to: p.apply_to.clone(),
            returned_on: returned.get(p.reference.as_str()).copied(),
            void: None,
        })
        .collect();
    payments.extend(store::ledger::voided_payments(store, id)?.into_iter().filter(|(p, _)| p.date <= as_of).map(
        |(p, void)| PaymentLine {
            reference: p.reference,
            date: p.date,
            method: p.method,
            amount: p.amount,
            apply_to: p.apply_to,
            returned_on: None,
            void: Some(void),
        },
    ));
    payments.sort_by(|a, b| (a.date, &a.reference).cmp(&(b.date, &b.reference)));
    let void_charges = store::ledger::voided_charges(store, id)?
        .into_iter()
        .filter(|(c, _)| c.date <= as_of)
        .map(|(c, void)| VoidCharge { doc_no: c.doc_no, kind: c.kind, date: c.date, amount: c.amount, void })
        .collect();
    let tickets = super::tickets(store, as_of)?.into_iter().filter(|t| t.account_no == account_no).collect();
    Ok(AccountDetail {
        hold: super::collections::hold_of(store, account_no, as_of)?,
        notes: store::notes::of_account(store, id, as_of)?,
        promises: super::collections::promises(store, Some(account_no), as_of)?,
        history: super::history::history(store, account_no, as_of)?,
        exemption_warning,
        credit: store::credit::latest(store, id)?,
        verification: store::dealers::last_verification(store, id)?,
        revealed: None,
        accrued_interest: position.accrued_interest,
        unapplied_credit: position.unapplied_credit,
        balance,
        payoff,
        status_since: store::accounts::status_since(store, id)?,
        contact: {
            let [_, contact_name, phone, email, address, _] = store::accounts::details(store, id)?;
            Contact { contact_name, phone, email, address }
        },
        void_charges,
        exemption,
        open_charges,
        payments,
        tickets,
        audit: store::audit::newest_of_account(store, account_no, AUDIT_ROWS)?,
        letters: store::dunning::list(store, Some(account_no), as_of)?,
        account,
        selected: 0,
        scroll: 0,
    })
}
