//! What the panes show, computed as of one day and held in memory. Building it is heavy
//! (every account is evaluated): run it on a worker thread with its own connection.
//! After that it is kept current by `changes_since`: the change feed (the audit log)
//! names the accounts and lists that changed, and only those are read again and
//! patched in (`Snapshot::apply`).

use super::changes::{touches, Touches};
use super::collections::{disputed_on, watch, Disputes, Watch, TREND_MONTHS};
use super::dunning::LettersDue;
use super::reports::{self, AuditLine, ReturnedCheckLine};
use super::today::{self, Others, TodayLine};
use crate::domain::account::{AccountStatus, Terms};
use crate::domain::collections::Placement;
use crate::domain::dispute::Dispute;
use crate::domain::ledger::evaluate_after;
use crate::domain::privacy::PrivacyRequest;
use crate::domain::repairs::Ticket;
use crate::domain::returns::Rma;
use crate::domain::trend::{in_dso_window, is_sale, month_ends, SharePart, TrendPoint, TrendShare};
use crate::domain::{AgingRow, Bucket, ChargeKind, ChargeStatus, Money};
use crate::error::{Error, Result};
use crate::store::audit::AuditPage;
use crate::store::{self, LedgerData, Store};
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
    /// On credit hold (RULES 11): why, in words.
    pub hold: Option<String>,
    /// The day the hold began.
    pub hold_since: Option<NaiveDate>,
    /// Some open charge is disputed.
    pub disputed: bool,
    /// Its part of the trend at the month ends of `Snapshot::trend`.
    pub trend: TrendShare,
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
            doc_no: c.doc_no.into_string(),
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
    /// What needs doing as of the day, in Today's order.
    pub today: Vec<TodayLine>,
    /// The book as of the last 12 month ends on or before the day.
    pub trend: Vec<TrendPoint>,
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
        // Today: the lines about the ledger of the accounts read again, and the other
        // lines of the groups read again, are replaced; the rest stay as they are.
        // (Every line is looked at once, cheaply: the kind first, then the few accounts
        // named; the new lines are put in their places, the list is not sorted again.)
        let mut lines = delta.today_other;
        let again: BTreeSet<&str> = delta.accounts.iter().map(|(no, _)| no.as_str()).collect();
        let others = delta.others;
        self.today
            .retain(|l| !others.has(l.kind) && (Others::ALL.has(l.kind) || !again.contains(l.account_no.as_str())));
        for (no, f) in &delta.accounts {
            if let (Some(w), Some(as_of)) = (f.as_ref().and_then(|f| f.watch.as_ref()), self.as_of) {
                lines.extend(today::ledger_lines([(no.as_str(), w)], as_of));
            }
        }
        for line in lines {
            // After the lines equal to it, as a stable sort of the old ones and then the
            // new ones would put it.
            let at = self.today.partition_point(|l| today::order(l, &line).is_le());
            self.today.insert(at, line);
        }
        // The collections list follows each account's flag in place; an account added or
        // gone moves the places after it, and the list is then made again once, at the end.
        let mut relist = false;
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
            let at = self.accounts.binary_search_by(|a| a.account_no.as_str().cmp(&account_no));
            let before = at.ok().map(|i| self.accounts[i].trend.clone()).unwrap_or_default();
            let after = summary.as_ref().map(|s| s.trend.clone()).unwrap_or_default();
            patch_trend(&mut self.trend, &before, &after).ok_or_else(trend_too_large)?;
            match (at, summary) {
                (Ok(i), Some(s)) => {
                    match (self.collections.binary_search(&i), s.collections) {
                        (Ok(k), false) => {
                            self.collections.remove(k);
                        }
                        (Err(k), true) => self.collections.insert(k, i),
                        _ => {}
                    }
                    self.accounts[i] = s;
                }
                (Err(i), Some(s)) => {
                    self.accounts.insert(i, s);
                    relist = true;
                }
                (Ok(i), None) => {
                    self.accounts.remove(i);
                    relist = true;
                }
                (Err(_), None) => {}
            }
        }
        if relist {
            self.collections = collections(&self.accounts);
        }
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

fn trend_too_large() -> Error {
    Error::TooLarge { what: "the book's totals over the month ends".into() }
}

/// Moves the trend by an account's part: `before` taken away, `after` added; None when
/// a total cannot be held.
fn patch_trend(trend: &mut [TrendPoint], before: &TrendShare, after: &TrendShare) -> Option<()> {
    if before == after {
        return Some(());
    }
    let (old, new) = (before.parts(trend.len()), after.parts(trend.len()));
    for ((p, o), n) in trend.iter_mut().zip(old).zip(new) {
        let moved = |m: Money, k: usize| Some(Money::from_cents(m.cents().checked_sub(o[k])?.checked_add(n[k])?));
        *p = TrendPoint::new(p.month_end, moved(p.total, 0)?, moved(p.past_60, 1)?, moved(p.sales_90, 2)?);
    }
    Some(())
}

fn collections(accounts: &[AccountSummary]) -> Vec<usize> {
    accounts.iter().enumerate().filter(|(_, a)| a.collections).map(|(i, _)| i).collect()
}

/// One account's figures as of a day: its row and its open charges (by due date,
/// date, document number), and what the collector watches on it, when anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountFigures {
    pub summary: AccountSummary,
    pub charges: Vec<ChargeLine>,
    pub watch: Option<Watch>,
}

/// What an account's figures are read with beside its ledger: the day, the trend's
/// month ends, the letters that decide a letter due.
struct Figuring {
    as_of: NaiveDate,
    ends: Vec<NaiveDate>,
    letters: LettersDue,
}

impl Figuring {
    fn new(store: &Store, as_of: NaiveDate) -> Result<Figuring> {
        Ok(Figuring { as_of, ends: month_ends(as_of, TREND_MONTHS), letters: LettersDue::load(store, as_of)? })
    }

    /// The account's figures, its ledger read as of the day (and seen at the month ends
    /// on the way), its disputes given.
    fn figures(&self, data: &LedgerData, disputes: &[Dispute], exemption_warning: bool) -> Result<AccountFigures> {
        let as_of = self.as_of;
        let account = data.account.as_ref().expect("a ledger read with its account");
        let no = account.account_no.as_str();
        let earlier = &self.ends[..self.ends.partition_point(|m| *m < as_of)];
        let mut parts: Vec<SharePart> = vec![[0; 3]; self.ends.len()];
        let mut i = 0;
        let position = evaluate_after(&data.ledger(), earlier, as_of, |p| {
            let row = AgingRow::at(no, &p);
            parts[i] = [row.total.cents(), row.past_60().cents(), 0];
            i += 1;
        })?;
        let row = AgingRow::of(no, &position, as_of);
        if self.ends.get(i) == Some(&as_of) {
            parts[i] = [row.total.cents(), row.past_60().cents(), 0];
        }
        for c in data.charges.iter().filter(|c| is_sale(c.kind)) {
            for (part, m) in parts.iter_mut().zip(&self.ends) {
                if in_dso_window(c.date, *m) {
                    part[2] = part[2].checked_add(c.amount.cents()).ok_or_else(trend_too_large)?;
                }
            }
        }
        let w = watch(data, &position, disputes, Some(&self.letters), as_of)?;
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
            hold: w.hold.as_ref().map(|h| h.reason()),
            hold_since: w.hold_since,
            disputed: position.open_charges().any(|c| disputed_on(disputes, &c.doc_no, as_of)),
            trend: TrendShare::new(&parts),
        };
        let mut charges: Vec<ChargeLine> = position
            .charges
            .into_iter()
            .filter(|c| c.outstanding.is_positive())
            .map(|c| {
                let disputed = disputed_on(disputes, &c.doc_no, as_of);
                ChargeLine::of(no, c, as_of, disputed)
            })
            .collect();
        charges.sort_unstable_by(|a, b| (a.due, a.date, &a.doc_no).cmp(&(b.due, b.date, &b.doc_no)));
        let watched = w.hold.is_some() || w.newly_flagged.is_some() || w.over_limit.is_some() || w.letter_due.is_some();
        Ok(AccountFigures { summary, charges, watch: watched.then_some(w) })
    }

    /// One account's figures, read alone; None when there is no such account.
    fn account(&self, store: &Store, account_no: &str) -> Result<Option<AccountFigures>> {
        let Some(account) = store::accounts::by_no(store, account_no)? else { return Ok(None) };
        let as_of = self.as_of;
        let warning = store::exemptions::of_account(store, account.id)?.is_some_and(|e| e.warning(as_of).is_some());
        let disputes = store::disputes::list(store, Some(&account.account_no))?;
        let data = store::ledger::load(store, account)?;
        Ok(Some(self.figures(&data, &disputes, warning)?))
    }
}

/// One account's figures as of a day, read alone; None when there is no such account.
pub fn account_figures(store: &Store, account_no: &str, as_of: NaiveDate) -> Result<Option<AccountFigures>> {
    Figuring::new(store, as_of)?.account(store, account_no)
}

/// Everything the panes show, as of `as_of`. `done` counts evaluated accounts;
/// `total` is set first.
pub fn build_snapshot(store: &Store, as_of: NaiveDate, total: &AtomicUsize, done: &AtomicUsize) -> Result<Snapshot> {
    total.store(store::accounts::count(store)? as usize, Ordering::Relaxed);
    // Exempt accounts whose certificate is missing or expired as of the day (RULES 1).
    let exemption: HashMap<i64, bool> =
        store::exemptions::by_account(store)?.into_iter().map(|(id, e)| (id, e.warning(as_of).is_some())).collect();
    let disputes = Disputes::load(store)?;
    let figuring = Figuring::new(store, as_of)?;
    let mut accounts = Vec::with_capacity(total.load(Ordering::Relaxed));
    let mut charges = Vec::new();
    let mut bucket_totals = [Money::ZERO; 5];
    let mut watched = Vec::new();
    let mut sums: Vec<SharePart> = vec![[0; 3]; figuring.ends.len()];
    // Accounts come in account number order, each one's charges in theirs: no sort.
    let (mut too_large, mut trend_too) = (false, false);
    let seen = reports::map_each(
        store,
        as_of,
        reports::Threads::Two,
        |data| {
            let account = data.account.as_ref().expect("for_each sets the account");
            let warning = exemption.get(&account.id).copied().unwrap_or(false);
            figuring.figures(data, disputes.of(&account.account_no), warning)
        },
        |f| {
            done.fetch_add(1, Ordering::Relaxed);
            too_large |= add_charges(&mut bucket_totals, &f.charges, true).is_none();
            for (sum, part) in sums.iter_mut().zip(f.summary.trend.parts(figuring.ends.len())) {
                for (s, p) in sum.iter_mut().zip(part) {
                    match s.checked_add(p) {
                        Some(v) => *s = v,
                        None => trend_too = true,
                    }
                }
            }
            if let Some(w) = f.watch {
                watched.push((f.summary.account_no.clone(), w));
            }
            accounts.push(f.summary);
            charges.extend(f.charges);
            Ok(())
        },
    )?;
    if trend_too {
        return Err(trend_too_large());
    }
    let trend = figuring
        .ends
        .iter()
        .zip(&sums)
        .map(|(m, [t, p, s])| TrendPoint::new(*m, Money::from_cents(*t), Money::from_cents(*p), Money::from_cents(*s)))
        .collect();
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
        today: {
            let mut lines = today::ledger_lines(watched.iter().map(|(no, w)| (no.as_str(), w)), as_of);
            lines.extend(today::other_lines(store, as_of)?);
            today::sorted(lines)
        },
        trend,
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
    /// Today's lines that do not come from the ledger, of the groups `others` (promises
    /// and notes, requests, certificates, nonstock items, applications), read again.
    pub others: Others,
    pub today_other: Vec<TodayLine>,
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
    let others = Others {
        promises: touched.promises,
        privacy: touched.privacy,
        certificates: touched.certificates,
        nonstock: touched.nonstock,
        applications: touched.applications,
    };
    let figuring = Figuring::new(&tx, as_of)?;
    let accounts =
        names.into_iter().map(|no| Ok((no.clone(), figuring.account(&tx, &no)?))).collect::<Result<Vec<_>>>()?;
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
        others,
        today_other: today::other_lines_of(&tx, as_of, others)?,
        audit: entries,
    })))
}
