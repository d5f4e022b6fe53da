//! What the panes show, computed as of one day and held in memory. Building it is heavy
//! (every account is evaluated): run it on a worker thread with its own connection.

use super::collections::{disputed_on, watch, Disputes, TrendGatherer};
use super::reports::{self, AuditLine, ReturnedCheckLine};
use super::today::{self, TodayLine};
use crate::domain::account::{AccountStatus, Terms};
use crate::domain::aging::is_collections_item;
use crate::domain::collections::Placement;
use crate::domain::ledger::evaluate_after;
use crate::domain::privacy::PrivacyRequest;
use crate::domain::repairs::Ticket;
use crate::domain::returns::Rma;
use crate::domain::trend::TrendPoint;
use crate::domain::{AgingRow, Bucket, ChargeKind, ChargeStatus, Money};
use crate::error::{Error, Result};
use crate::store::{self, Store};
use chrono::NaiveDate;
use std::collections::HashMap;
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
    /// On credit hold (RULES 11): why, in words.
    pub hold: Option<String>,
    /// The day the hold began.
    pub hold_since: Option<NaiveDate>,
    /// Some open charge is disputed.
    pub disputed: bool,
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
    /// Disputed as of the day (RULES 11): it still ages and accrues interest.
    pub disputed: bool,
}

impl ChargeLine {
    pub(super) fn of(account_no: &str, c: ChargeStatus, as_of: NaiveDate, disputed: bool) -> ChargeLine {
        let days = c.days_past_due(as_of);
        ChargeLine {
            disputed,
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
    /// The latest agency placement of each account placed (and not recalled).
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
    /// What needs doing as of the day, in Today's order.
    pub today: Vec<TodayLine>,
    /// The book as of the last 12 month ends on or before the day.
    pub trend: Vec<TrendPoint>,
    /// The settings (the Settings form starts from them) and the per-state rate caps.
    pub settings: Vec<super::SettingLine>,
    pub state_caps: Vec<super::StateCap>,
}

/// The Audit pane holds at most this many entries (the newest), and says so.
pub const AUDIT_CAP: usize = 10_000;

impl Snapshot {
    pub fn account_index(&self, account_no: &str) -> Option<usize> {
        self.accounts.binary_search_by(|a| a.account_no.as_str().cmp(account_no)).ok()
    }
}

/// Everything the panes show, as of `as_of`. `done` counts evaluated accounts;
/// `total` is set first.
pub fn build_snapshot(store: &Store, as_of: NaiveDate, total: &AtomicUsize, done: &AtomicUsize) -> Result<Snapshot> {
    total.store(store::accounts::count(store)? as usize, Ordering::Relaxed);
    // Exempt accounts whose certificate is missing or expired as of the day (RULES 1).
    let exemption: HashMap<i64, bool> =
        store::exemptions::by_account(store)?.into_iter().map(|(id, e)| (id, e.warning(as_of).is_some())).collect();
    let disputes = Disputes::load(store)?;
    let letters = super::dunning::LettersDue::load(store, as_of)?;
    let trend = TrendGatherer::new(as_of);
    let earlier = trend.earlier(as_of);
    let per_account = reports::for_all(store, |data| {
        done.fetch_add(1, Ordering::Relaxed);
        let account = data.account.as_ref().expect("for_each_ledger sets the account");
        let no = account.account_no.as_str();
        let mut i = 0;
        let position = evaluate_after(&data.ledger(), earlier, as_of, |p| {
            trend.add(i, &AgingRow::at(no, &p));
            i += 1;
        })?;
        let row = AgingRow::of(no, &position, as_of);
        if trend.ends.get(i) == Some(&as_of) {
            trend.add(i, &row);
        }
        trend.add_sales(data);
        let disputes = disputes.of(no);
        let watch = watch(data, &position, disputes, Some(&letters), as_of)?;
        let balance = position.balance();
        let summary = AccountSummary {
            account_no: account.account_no.clone(),
            name: account.name.clone(),
            status: account.status,
            terms: account.terms,
            credit_limit: account.credit_limit,
            balance,
            oldest_days: row.oldest_days_past_due,
            collections: position.open_charges().any(|c| is_collections_item(c, as_of)),
            over_limit: account.credit_limit.is_positive() && balance > account.credit_limit,
            exemption_warning: exemption.get(&account.id).copied().unwrap_or(false),
            past_60: row.past_60(),
            hold: watch.hold.map(|h| h.reason()),
            hold_since: watch.hold_since,
            disputed: position.open_charges().any(|c| disputed_on(disputes, &c.doc_no, as_of)),
        };
        let charges: Vec<ChargeLine> = position
            .charges
            .into_iter()
            .filter(|c| c.outstanding.is_positive())
            .map(|c| {
                let disputed = disputed_on(disputes, &c.doc_no, as_of);
                ChargeLine::of(no, c, as_of, disputed)
            })
            .collect();
        let watched = (watch.hold.is_some()
            || watch.newly_flagged.is_some()
            || watch.over_limit.is_some()
            || watch.letter_due.is_some())
        .then(|| (no.to_string(), watch));
        Ok((summary, charges, watched))
    })?;
    let mut accounts = Vec::with_capacity(per_account.len());
    let mut charges = Vec::new();
    let mut bucket_totals = [Money::ZERO; 5];
    let mut watched = Vec::new();
    let too_large = || Error::TooLarge { what: "the book's open charges".into() };
    for (a, cs, w) in per_account {
        watched.extend(w);
        for c in &cs {
            let total = &mut bucket_totals[c.bucket.index()];
            *total = total.checked_add(c.outstanding).ok_or_else(too_large)?;
        }
        accounts.push(a);
        charges.extend(cs);
    }
    // The Invoices pane shows the five totals summed.
    Money::checked_sum(bucket_totals).ok_or_else(too_large)?;
    accounts.sort_unstable_by(|a, b| a.account_no.cmp(&b.account_no));
    charges.sort_unstable_by(|a, b| {
        (&a.account_no, a.due, a.date, &a.doc_no).cmp(&(&b.account_no, b.due, b.date, &b.doc_no))
    });
    let collections = accounts.iter().enumerate().filter(|(_, a)| a.collections).map(|(i, _)| i).collect();
    let mut placements = HashMap::new();
    for p in store::placements::all(store)?.into_iter().filter(Placement::is_active) {
        placements.insert(p.account_no.clone(), p);
    }
    Ok(Snapshot {
        as_of: Some(as_of),
        accounts,
        charges,
        bucket_totals,
        collections,
        placements,
        returned_checks: store::ledger::returned_checks(store)?,
        tickets: store::tickets::all(store)?,
        rmas: store::rmas::list(store, None, None)?,
        audit: store::audit::newest(store, AUDIT_CAP)?,
        audit_total: store::audit::count(store)?,
        privacy: store::privacy::requests(store)?,
        today: {
            let mut lines = today::ledger_lines(watched.iter().map(|(no, w)| (no.as_str(), w)), as_of);
            lines.extend(today::other_lines(store, as_of)?);
            today::sorted(lines)
        },
        trend: trend.points()?,
        settings: super::settings(store)?,
        state_caps: super::state_caps(store)?,
    })
}
