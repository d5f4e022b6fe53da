//! Nonconforming-goods claims: reported within 5 business days of receipt, resolved
//! by replacement or full credit.

use super::{check_value, invoice, to_json};
use crate::domain::returns::{check_claim, Claim, ClaimReason, ClaimRemedy, ClaimStatus};
use crate::domain::Money;
use crate::error::{Error, Result};
use crate::input::{self, identifier as required};
use crate::service::{audit, Change, Service};
use crate::store::{self, Store};
use chrono::NaiveDate;

/// A nonconforming-goods claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewClaim {
    pub invoice: String,
    pub received_on: NaiveDate,
    pub reported_on: NaiveDate,
    pub reason: ClaimReason,
    pub description: String,
    pub value: Money,
}

fn claim(store: &Store, claim_no: &str) -> Result<Claim> {
    let no = required("claim", claim_no)?;
    store::claims::by_no(store, no)?.ok_or_else(|| Error::invalid("claim", format!("no claim {no}")))
}

impl Service {
    /// Opens a nonconforming-goods claim (any operator); refused, naming the rule, when
    /// reported more than 5 business days after receipt.
    pub fn open_claim(&mut self, c: &NewClaim) -> Result<Claim> {
        self.transact(|tx, op| {
            let inv = invoice(tx, &c.invoice)?;
            let received_on = input::within_limits("received", c.received_on)?;
            let reported_on = input::within_limits("reported", c.reported_on)?;
            if received_on < inv.date {
                return Err(Error::invalid("received", format!("is before the invoice's date {}", inv.date)));
            }
            let reason = c.reason;
            let description = input::text("description", &c.description)?;
            let value = input::positive("value", c.value)?;
            check_claim(received_on, reported_on)
                .map_err(|e| Error::Refused(format!("no claim against {}: {e}", inv.doc_no)))?;
            check_value(tx, &inv, value, "claimed")?;
            let claim_no = store::claims::next_no(tx)?;
            store::claims::insert(
                tx,
                &store::claims::NewClaim {
                    claim_no: &claim_no,
                    account_id: inv.account.id,
                    invoice_doc_no: &inv.doc_no,
                    received_on,
                    reported_on,
                    reason,
                    description,
                    value,
                    opened_by: &op.name,
                },
            )?;
            let opened = claim(tx, &claim_no)?;
            audit(
                tx,
                op,
                &Change::of("open", "claim").key(&claim_no).account(&inv.account.account_no).after(to_json(&opened)),
            )?;
            Ok(opened)
        })
    }

    /// Resolves a claim by replacement or full credit (no restocking); full credit posts
    /// a `CREDIT_MEMO` `CM-<claim_no>` of the claimed value applied to the invoice.
    pub fn resolve_claim(&mut self, claim_no: &str, remedy: ClaimRemedy, resolved_on: NaiveDate) -> Result<Claim> {
        self.transact(|tx, op| {
            let before = claim(tx, claim_no)?;
            if before.status != ClaimStatus::Open {
                return Err(Error::invalid("claim", format!("{} is already resolved", before.claim_no)));
            }
            let on = input::within_limits("date", resolved_on)?;
            if on < before.reported_on {
                return Err(Error::invalid(
                    "date",
                    format!("is before the claim was reported ({})", before.reported_on),
                ));
            }
            let credit = remedy.credit(before.value);
            let credit_ref = format!("CM-{}", before.claim_no);
            if credit.is_positive() {
                let account = crate::read::account(tx, &before.account_no)?;
                crate::service::documents::insert_credit_memo(tx, &account, &credit_ref, on, credit, &before.invoice)?;
            }
            store::claims::resolve(
                tx,
                &before.claim_no,
                remedy,
                on,
                credit.is_positive().then_some(credit_ref.as_str()),
                &op.name,
            )?;
            let after = claim(tx, &before.claim_no)?;
            audit(
                tx,
                op,
                &Change::of("resolve", "claim")
                    .key(&before.claim_no)
                    .account(&before.account_no)
                    .before(to_json(&before))
                    .after(to_json(&after)),
            )?;
            Ok(after)
        })
    }
}
