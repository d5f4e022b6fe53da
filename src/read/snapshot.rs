//! What the panes show, computed as of one day and held in memory. Building it is heavy
//! (every account is evaluated): run it on a worker thread with its own connection.
//! After that it is kept current by `changes_since`: the change feed (the audit log)
//! names the accounts and lists that changed, and only those are read again and
//! patched in (`Snapshot::apply`).

use super::changes::{touches, Touches};
use super::reports::{self, AuditLine, ReturnedCheckLine};
use crate::domain::account::{AccountStatus, Terms};
use crate::domain::collections::Placement;
use crate::domain::privacy::PrivacyRequest;
use crate::domain::repairs::Ticket;
use crate::domain::returns::Rma;
use crate::domain::{evaluate, AccountPosition, AgingRow, Bucket, ChargeKind, ChargeStatus, Money};
use crate::error::{Error, Result};
use crate::store::audit::AuditPage;
use crate::store::{self, Account, Store};
use chrono::NaiveDate;
use std::collections::{BTreeSet, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};

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

impl ChargeLine {
    pub(super) fn of(account_no: &str, c: ChargeStatus, as_of: NaiveDate) -> ChargeLine {
        let days = c.days_past_due(as_of);
        ChargeLine {
            account_no: account_no.to_string(),
            bucket: Bucket::of_days_past_due(days),
            days_past_due: days,
            doc_no: c.doc_no,
            kind: c.kind,
            date: c.date,
            due: c.due,
            amount: c.amount,
            outstanding: c.outstanding,
            interest: c.interest,
        }
    }
}

/// Entries of the audit log a page of the Audit pane holds.
pub const AUDIT_PAGE: usize = 500;

/// A page of the audit log as the Audit pane holds it, newest first, read by key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditWindow {
    pub lines: Vec<AuditLine>,
    /// Entries matching the filter lie beyond the last line (older) or the first (newer).
    pub older: bool,
    pub newer: bool,
    /// The filter the page was read with (lower case; empty = none).
    pub filter: String,
}

impl AuditWindow {
    /// Whether the page holds the whole log: a filter can then work on it alone.
    pub fn is_whole(&self) -> bool {
        !self.older && !self.newer && self.filter.is_empty()
    }
}

/// A page of the audit log starting `at`, matching `filter` (lower case).
pub fn audit_window(store: &Store, at: AuditPage, filter: &str) -> Result<AuditWindow> {
    let lines = store::audit::page(store, at, filter, AUDIT_PAGE)?;
    let (older, newer) = match (lines.last(), lines.first()) {
        (Some(last), Some(first)) => (
            store::audit::more_beyond(store, last.id, true, filter)?,
            store::audit::more_beyond(store, first.id, false, filter)?,
        ),
        _ => (false, false),
    };
    Ok(AuditWindow { lines, older, newer, filter: filter.to_string() })
}

#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub as_of: Option<NaiveDate>,
    /// The newest audit entry the figures include: what came after is read from the
    /// change feed.
    pub seen: i64,
    /// By account number.
    pub accounts: Vec<AccountSummary>,
    /// By account number, due date, date, document number.
    pub charges: Vec<ChargeLine>,
    pub bucket_totals: [Money; 5],
    /// Indices into `accounts` of the accounts flagged for collections.
    pub collections: Vec<usize>,
    /// The latest agency placement of each account placed by the day (and not recalled).
    pub placements: HashMap<String, Placement>,
    /// Checks returned on or before the day.
    pub returned_checks: Vec<ReturnedCheckLine>,
    /// Open tickets first, as they stood on the day.
    pub tickets: Vec<Ticket>,
    /// By RMA number, as they stood on the day.
    pub rmas: Vec<Rma>,
    /// The newest page of the audit log.
    pub audit: AuditWindow,
    /// Entries in the whole log.
    pub audit_total: usize,
    /// Open requests first, by due date, as they stood on the day.
    pub privacy: Vec<PrivacyRequest>,
    /// The settings (the Settings form starts from them) and the per-state rate caps.
    pub settings: Vec<super::SettingLine>,
    pub state_caps: Vec<super::StateCap>,
}

impl Snapshot {
    pub fn account_index(&self, account_no: &str) -> Option<usize> {
        self.accounts.binary_search_by(|a| a.account_no.as_str().cmp(account_no)).ok()
    }

    /// Where the account's open charges lie in `charges` (they are together).
    fn charges_of(&self, account_no: &str) -> std::ops::Range<usize> {
        let start = self.charges.partition_point(|c| c.account_no.as_str() < account_no);
        let end = start + self.charges[start..].partition_point(|c| c.account_no.as_str() == account_no);
        start..end
    }

    /// Patches in what changed: the accounts re-evaluated (row, open charges, bucket
    /// totals, flags), the lists read again, the new audit entries. A total that cannot
    /// be held is an error, and the snapshot must then be computed whole again.
    pub fn apply(&mut self, delta: Delta) -> Result<()> {
        for (account_no, figures) in delta.accounts {
            let range = self.charges_of(&account_no);
            add_charges(&mut self.bucket_totals, &self.charges[range.clone()], false).ok_or_else(book_too_large)?;
            let (summary, charges) = match figures {
                Some(f) => (Some(f.summary), f.charges),
                None => (None, Vec::new()),
            };
            add_charges(&mut self.bucket_totals, &charges, true).ok_or_else(book_too_large)?;
            Money::checked_sum(self.bucket_totals).ok_or_else(book_too_large)?;
            self.charges.splice(range, charges);
            match (self.accounts.binary_search_by(|a| a.account_no.as_str().cmp(&account_no)), summary) {
                (Ok(i), Some(s)) => self.accounts[i] = s,
                (Err(i), Some(s)) => self.accounts.insert(i, s),
                (Ok(i), None) => {
                    self.accounts.remove(i);
                }
                (Err(_), None) => {}
            }
        }
        self.collections = collections(&self.accounts);
        if let Some(p) = delta.placements {
            self.placements = p;
        }
        if let Some(r) = delta.returned_checks {
            self.returned_checks = r;
        }
        if let Some(t) = delta.tickets {
            self.tickets = t;
        }
        if let Some(r) = delta.rmas {
            self.rmas = r;
        }
        if let Some(p) = delta.privacy {
            self.privacy = p;
        }
        self.audit_total += delta.audit.len();
        self.seen = delta.seen;
        Ok(())
    }
}

/// Adds (or takes away) open charges to the bucket totals, checked; None on overflow.
fn add_charges(totals: &mut [Money; 5], charges: &[ChargeLine], add: bool) -> Option<()> {
    for c in charges {
        let total = &mut totals[c.bucket.index()];
        *total = if add { total.checked_add(c.outstanding)? } else { total.checked_sub(c.outstanding)? };
    }
    Some(())
}

fn book_too_large() -> Error {
    Error::TooLarge { what: "the book's open charges".into() }
}

fn collections(accounts: &[AccountSummary]) -> Vec<usize> {
    accounts.iter().enumerate().filter(|(_, a)| a.collections).map(|(i, _)| i).collect()
}

/// One account's figures as of a day: its row and its open charges (by due date,
/// date, document number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountFigures {
    pub summary: AccountSummary,
    pub charges: Vec<ChargeLine>,
}

fn figures(account: &Account, position: AccountPosition, as_of: NaiveDate, exemption_warning: bool) -> AccountFigures {
    let row = AgingRow::of(&account.account_no, &position, as_of);
    let balance = position.balance();
    let summary = AccountSummary {
        account_no: account.account_no.clone(),
        name: account.name.clone(),
        status: account.status,
        terms: account.terms,
        credit_limit: account.credit_limit,
        balance,
        oldest_days: row.oldest_days_past_due,
        collections: row.collections_flag,
        over_limit: account.credit_limit.is_positive() && balance > account.credit_limit,
        exemption_warning,
        past_60: row.past_60(),
    };
    let mut charges: Vec<ChargeLine> = position
        .charges
        .into_iter()
        .filter(|c| c.outstanding.is_positive())
        .map(|c| ChargeLine::of(&account.account_no, c, as_of))
        .collect();
    charges.sort_unstable_by(|a, b| (a.due, a.date, &a.doc_no).cmp(&(b.due, b.date, &b.doc_no)));
    AccountFigures { summary, charges }
}

/// One account's figures as of a day, read alone; None when there is no such account.
pub fn account_figures(store: &Store, account_no: &str, as_of: NaiveDate) -> Result<Option<AccountFigures>> {
    let Some(account) = store::accounts::by_no(store, account_no)? else { return Ok(None) };
    let warning = store::exemptions::of_account(store, account.id)?.is_some_and(|e| e.warning(as_of).is_some());
    let data = store::ledger::load(store, account.clone())?;
    let position = evaluate(&data.ledger(), as_of)?;
    Ok(Some(figures(&account, position, as_of, warning)))
}

/// Everything the panes show, as of `as_of`. `done` counts evaluated accounts;
/// `total` is set first.
pub fn build_snapshot(store: &Store, as_of: NaiveDate, total: &AtomicUsize, done: &AtomicUsize) -> Result<Snapshot> {
    total.store(store::accounts::count(store)? as usize, Ordering::Relaxed);
    // Exempt accounts whose certificate is missing or expired as of the day (RULES 1).
    let exemption: HashMap<i64, bool> =
        store::exemptions::by_account(store)?.into_iter().map(|(id, e)| (id, e.warning(as_of).is_some())).collect();
    let mut accounts = Vec::with_capacity(total.load(Ordering::Relaxed));
    let mut charges = Vec::new();
    let mut bucket_totals = [Money::ZERO; 5];
    // Accounts come in account number order, each one's charges in theirs: no sort.
    let mut too_large = false;
    let seen = reports::evaluate_each(
        store,
        as_of,
        |data, position| {
            let account = data.account.as_ref().expect("for_each sets the account");
            figures(account, position, as_of, exemption.get(&account.id).copied().unwrap_or(false))
        },
        |f| {
            done.fetch_add(1, Ordering::Relaxed);
            too_large |= add_charges(&mut bucket_totals, &f.charges, true).is_none();
            accounts.push(f.summary);
            charges.extend(f.charges);
            Ok(())
        },
    )?;
    // The Invoices pane shows the five totals summed.
    if too_large || Money::checked_sum(bucket_totals).is_none() {
        return Err(book_too_large());
    }
    let collections = collections(&accounts);
    // The lists are read after the figures: they may be newer than `seen`, never older,
    // and a change read again is patched in the same way.
    Ok(Snapshot {
        as_of: Some(as_of),
        seen,
        accounts,
        charges,
        bucket_totals,
        collections,
        placements: placements(store, as_of)?,
        returned_checks: store::ledger::returned_checks(store, as_of)?,
        tickets: super::tickets(store, as_of)?,
        rmas: super::rmas(store, as_of, None, None)?,
        audit: audit_window(store, AuditPage::Newest, "")?,
        audit_total: store::audit::count(store)?,
        privacy: super::privacy_requests(store, as_of)?,
        settings: super::settings(store)?,
        state_caps: super::state_caps(store)?,
    })
}

/// The latest placement of each account with the agency on the day.
fn placements(store: &Store, as_of: NaiveDate) -> Result<HashMap<String, Placement>> {
    let mut latest = HashMap::new();
    for p in store::placements::all(store)?.into_iter().filter(|p| p.active_on(as_of)) {
        latest.insert(p.account_no.clone(), p);
    }
    Ok(latest)
}

/// What changed after a snapshot's `seen`, read again: patch it in with `Snapshot::apply`.
#[derive(Debug, Clone)]
pub struct Delta {
    pub as_of: NaiveDate,
    /// The snapshot's `seen` it follows.
    pub base: i64,
    /// The newest entry it includes.
    pub seen: i64,
    /// The new entries of the audit log, oldest first.
    pub audit: Vec<AuditLine>,
    /// The accounts the entries name, re-evaluated (None: no longer there).
    pub accounts: Vec<(String, Option<AccountFigures>)>,
    pub placements: Option<HashMap<String, Placement>>,
    pub returned_checks: Option<Vec<ReturnedCheckLine>>,
    pub tickets: Option<Vec<Ticket>>,
    pub rmas: Option<Vec<Rma>>,
    pub privacy: Option<Vec<PrivacyRequest>>,
}

/// What the change feed holds after a snapshot.
#[derive(Debug, Clone)]
pub enum Changes {
    /// Nothing after `seen`.
    None,
    /// What to patch in.
    Delta(Box<Delta>),
    /// Nothing narrower is right (a setting, an import, too many changes): every
    /// figure again. The entries are the ones that made it so.
    Everything(Vec<AuditLine>),
}

/// Entries of the change feed read at a time; more than this is recomputed whole.
pub const FEED_LIMIT: usize = 2_000;
/// Accounts re-evaluated one by one at most; beyond, the whole book is faster.
pub const ACCOUNTS_LIMIT: usize = 500;

/// What changed after entry `seen` of a snapshot as of `as_of`, read again.
pub fn changes_since(store: &Store, seen: i64, as_of: NaiveDate) -> Result<Changes> {
    let tx = store.read()?;
    let entries = store::audit::since(&tx, seen, FEED_LIMIT + 1)?;
    let Some(last) = entries.last() else { return Ok(Changes::None) };
    let last = last.id;
    let mut touched = Touches::default();
    let mut names = BTreeSet::new();
    for e in &entries {
        touched = touched.or(touches(&e.entity, e.account_no.is_some()));
        if let Some(no) = &e.account_no {
            names.insert(no.clone());
        }
    }
    if touched.everything || entries.len() > FEED_LIMIT || names.len() > ACCOUNTS_LIMIT {
        return Ok(Changes::Everything(entries));
    }
    let accounts =
        names.into_iter().map(|no| Ok((no.clone(), account_figures(&tx, &no, as_of)?))).collect::<Result<Vec<_>>>()?;
    Ok(Changes::Delta(Box::new(Delta {
        as_of,
        base: seen,
        seen: last,
        accounts,
        placements: touched.placements.then(|| placements(&tx, as_of)).transpose()?,
        returned_checks: touched.returned_checks.then(|| store::ledger::returned_checks(&tx, as_of)).transpose()?,
        tickets: touched.tickets.then(|| super::tickets(&tx, as_of)).transpose()?,
        rmas: touched.rmas.then(|| super::rmas(&tx, as_of, None, None)).transpose()?,
        privacy: touched.privacy.then(|| super::privacy_requests(&tx, as_of)).transpose()?,
        audit: entries,
    })))
}
