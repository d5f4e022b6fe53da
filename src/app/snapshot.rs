//! What the panes show, computed off the UI thread as of one day and held in memory.

use crate::domain::account::{AccountStatus, Terms};
use crate::domain::{Bucket, ChargeKind, Money};
use crate::report::{AuditLine, ReturnedCheckLine};
use crate::service::operations::Placement;
use crate::service::privacy::PrivacyRequest;
use crate::service::repairs::Ticket;
use crate::service::returns::Rma;
use chrono::NaiveDate;
use std::collections::HashMap;

/// One account's line in the Accounts pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountSummary {
    pub account_no: String,
    pub name: String,
    pub status: AccountStatus,
    pub terms: Terms,
    pub credit_limit: Money,
    pub balance: Money,
    /// Days past due of the oldest open charge.
    pub oldest_days: Option<i64>,
    pub collections: bool,
    pub over_limit: bool,
    /// Exempt, and the certificate is missing or expired (RULES.md 1).
    pub exemption_warning: bool,
    /// Outstanding more than 60 days past due.
    pub past_60: Money,
}

/// One open charge in the Invoices pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChargeLine {
    pub account_no: String,
    pub doc_no: String,
    pub kind: ChargeKind,
    pub date: NaiveDate,
    pub due: NaiveDate,
    pub amount: Money,
    pub outstanding: Money,
    pub days_past_due: i64,
    pub bucket: Bucket,
    pub interest: Money,
}

#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub as_of: Option<NaiveDate>,
    /// By account number.
    pub accounts: Vec<AccountSummary>,
    /// By account number, due date, date, document number.
    pub charges: Vec<ChargeLine>,
    pub bucket_totals: [Money; 5],
    /// Indices into `accounts` of the accounts flagged for collections.
    pub collections: Vec<usize>,
    /// The latest agency placement of each account placed.
    pub placements: HashMap<String, Placement>,
    pub returned_checks: Vec<ReturnedCheckLine>,
    /// Open tickets first.
    pub tickets: Vec<Ticket>,
    /// By RMA number.
    pub rmas: Vec<Rma>,
    /// The newest `AUDIT_CAP` entries of the audit log, newest first.
    pub audit: Vec<AuditLine>,
    /// Entries in the whole log (the pane says when it shows fewer).
    pub audit_total: usize,
    /// Open requests first, by due date.
    pub privacy: Vec<PrivacyRequest>,
}

/// The Audit pane holds at most this many entries (the newest), and says so.
pub const AUDIT_CAP: usize = 10_000;

impl Snapshot {
    pub fn account_index(&self, account_no: &str) -> Option<usize> {
        self.accounts.binary_search_by(|a| a.account_no.as_str().cmp(account_no)).ok()
    }
}
