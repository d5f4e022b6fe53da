//! The console's reading: a whole snapshot as of a day (heavy: every account is
//! evaluated; run it on a worker thread with its own connection), and one account's
//! view (light: one ledger).

use crate::app::snapshot::{AccountSummary, ChargeLine, Snapshot, AUDIT_CAP};
use crate::app::AccountDetail;
use crate::domain::aging::is_collections_item;
use crate::domain::{AgingRow, Bucket, ChargeStatus, Money};
use crate::error::{Error, Result};
use crate::report;
use crate::service::{operations, repairs};
use crate::store;
use chrono::NaiveDate;
use rusqlite::Connection;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};

fn charge_line(account_no: &str, c: ChargeStatus, as_of: NaiveDate) -> ChargeLine {
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

/// Exempt accounts whose certificate is missing or expired as of the day (RULES 1).
fn exemption_warnings(conn: &Connection, as_of: NaiveDate) -> Result<HashMap<i64, bool>> {
    let mut stmt = conn.prepare("SELECT account_id FROM tax_exemptions")?;
    let ids = stmt.query_map([], |r| r.get::<_, i64>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = HashMap::new();
    for id in ids {
        if let Some(e) = crate::service::dealers::exemption_of(conn, id)? {
            out.insert(id, e.warning(as_of).is_some());
        }
    }
    Ok(out)
}

/// Everything the panes show, as of `as_of`. `progress` counts evaluated accounts;
/// `total` is set first.
pub fn build_snapshot(
    conn: &Connection,
    as_of: NaiveDate,
    total: &AtomicUsize,
    done: &AtomicUsize,
) -> Result<Snapshot> {
    let n: i64 = conn.query_row("SELECT count(*) FROM accounts", [], |r| r.get(0))?;
    total.store(n as usize, Ordering::Relaxed);
    let exemption = exemption_warnings(conn, as_of)?;
    let per_account = report::evaluate_all(conn, as_of, |data, position| {
        done.fetch_add(1, Ordering::Relaxed);
        let account = data.account.as_ref().expect("for_each_ledger sets the account");
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
            collections: position.open_charges().any(|c| is_collections_item(c, as_of)),
            over_limit: account.credit_limit.is_positive() && balance > account.credit_limit,
            exemption_warning: exemption.get(&account.id).copied().unwrap_or(false),
            past_60: row.past_60(),
        };
        let charges: Vec<ChargeLine> = position
            .charges
            .into_iter()
            .filter(|c| c.outstanding.is_positive())
            .map(|c| charge_line(&account.account_no, c, as_of))
            .collect();
        (summary, charges)
    })?;
    let mut accounts = Vec::with_capacity(per_account.len());
    let mut charges = Vec::new();
    let mut bucket_totals = [Money::ZERO; 5];
    for (a, cs) in per_account {
        for c in &cs {
            bucket_totals[c.bucket.index()] += c.outstanding;
        }
        accounts.push(a);
        charges.extend(cs);
    }
    accounts.sort_unstable_by(|a, b| a.account_no.cmp(&b.account_no));
    charges.sort_unstable_by(|a, b| {
        (&a.account_no, a.due, a.date, &a.doc_no).cmp(&(&b.account_no, b.due, b.date, &b.doc_no))
    });
    let collections = accounts.iter().enumerate().filter(|(_, a)| a.collections).map(|(i, _)| i).collect();
    let mut placements = HashMap::new();
    for p in operations::placements(conn)? {
        placements.insert(p.account_no.clone(), p);
    }
    Ok(Snapshot {
        as_of: Some(as_of),
        accounts,
        charges,
        bucket_totals,
        collections,
        placements,
        returned_checks: report::returned_checks(conn)?,
        tickets: repairs::tickets(conn)?,
        rmas: crate::service::returns::rmas(conn, None, None)?,
        audit: report::newest_audit(conn, AUDIT_CAP)?,
        audit_total: conn.query_row("SELECT count(*) FROM audit_log", [], |r| r.get::<_, i64>(0))? as usize,
        privacy: crate::service::privacy::requests(conn)?,
    })
}

/// One account's view as of the day.
pub fn load_detail(conn: &Connection, account_no: &str, as_of: NaiveDate) -> Result<AccountDetail> {
    let account =
        store::account_by_no(conn, account_no)?.ok_or_else(|| Error::NotFound(format!("no account {account_no}")))?;
    let id = account.id;
    let exemption_record = crate::service::dealers::exemption_of(conn, id)?;
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
    let (data, position) = report::account_position(conn, &account, as_of)?;
    let balance = position.balance();
    let open_charges = position
        .charges
        .iter()
        .filter(|c| c.outstanding.is_positive())
        .map(|c| charge_line(account_no, c.clone(), as_of))
        .collect();
    let returned: HashMap<&str, NaiveDate> =
        data.returns.iter().map(|r| (r.payment_ref.as_str(), r.returned_date)).collect();
    let mut payments: Vec<_> = data
        .payments
        .iter()
        .map(|p| {
            (
                p.reference.clone(),
                p.date,
                p.method.to_string(),
                p.amount,
                p.apply_to.clone(),
                returned.get(p.reference.as_str()).copied(),
            )
        })
        .collect();
    payments.sort_by(|a, b| (a.1, &a.0).cmp(&(b.1, &b.0)));
    let tickets = repairs::tickets(conn)?.into_iter().filter(|t| t.account_no == account_no).collect();
    let mut stmt = conn.prepare_cached(
        "SELECT at, operator, action, entity, coalesce(entity_key, '') FROM audit_log WHERE account_no = ?1 ORDER BY at DESC, id DESC LIMIT 200",
    )?;
    let audit = stmt
        .query_map([account_no], |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?]))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(AccountDetail {
        exemption_warning,
        credit: crate::service::credit::latest_application(conn, id)?,
        verification: crate::service::dealers::last_verification(conn, id)?,
        revealed: None,
        accrued_interest: position.accrued_interest,
        unapplied_credit: position.unapplied_credit,
        balance,
        account,
        exemption,
        open_charges,
        payments,
        tickets,
        audit,
        scroll: 0,
    })
}
