//! Where a payment's `apply_to` finds its document: the charges of the period by
//! number, and where each sits in the engine's list once charged.

use super::ChargeStatus;
use crate::domain::{Charge, ChargeKind, Money, ReturnedCheck};
use chrono::NaiveDate;

/// The documents of the period by number, and where each sits in the engine's list
/// once charged: what a payment's `apply_to` finds (a sorted list searched, not a
/// hash: an account has few documents).
pub(super) struct Charged<'a> {
    /// (`doc_key`, document number, position among the charges of the period), by key
    /// then number.
    pub(super) by_doc: Vec<(u64, &'a str, usize)>,
    /// The engine's position of each charge of the period; `usize::MAX` until charged.
    pub(super) at: Vec<usize>,
}

impl<'a> Charged<'a> {
    #[cfg(test)]
    pub(super) fn new(charges: &[(NaiveDate, &'a str, ToCharge<'_>)], wanted: bool) -> Charged<'a> {
        Charged::reusing(charges, wanted, Vec::new(), Vec::new())
    }

    /// `new`, in the buffers of an earlier one.
    pub(super) fn reusing(
        charges: &[(NaiveDate, &'a str, ToCharge<'_>)],
        wanted: bool,
        mut by_doc: Vec<(u64, &'a str, usize)>,
        mut at: Vec<usize>,
    ) -> Charged<'a> {
        by_doc.clear();
        if wanted {
            by_doc.extend(charges.iter().enumerate().map(|(i, c)| (doc_key(c.1), c.1, i)));
        }
        by_doc.sort_unstable();
        at.clear();
        at.resize(charges.len(), usize::MAX);
        Charged { by_doc, at }
    }

    /// The engine's position of the document numbered `doc_no`, once charged.
    pub(super) fn find(&self, doc_no: &str) -> Option<usize> {
        let key = (doc_key(doc_no), doc_no);
        let k = self.by_doc.binary_search_by(|(k, d, _)| (*k, *d).cmp(&key)).ok()?;
        Some(self.at[self.by_doc[k].2]).filter(|&i| i != usize::MAX)
    }
}

/// A document number's search key: its last eight bytes read as one number. The numbers
/// of one ledger mostly differ at the end (`INV-A100-0001`, `INV-A100-0002`), so comparing
/// keys settles most comparisons without comparing text; equal numbers have equal keys.
pub(super) fn doc_key(doc_no: &str) -> u64 {
    let b = doc_no.as_bytes();
    // After the shift the low byte is zero, so `|` and `^` (or `+`) give the same key:
    // that mutant is equivalent (docs/testing.md).
    b[b.len().saturating_sub(8)..].iter().fold(0, |k, &c| k << 8 | u64::from(c))
}

/// A charge of the period not yet charged: recorded, or a returned check's fee.
#[derive(Clone, Copy)]
pub(super) enum ToCharge<'a> {
    Recorded(&'a Charge),
    Fee(&'a ReturnedCheck),
}

impl ToCharge<'_> {
    pub(super) fn status(self, doc_no: &str) -> ChargeStatus {
        let (kind, date, due, amount) = match self {
            ToCharge::Recorded(c) => (c.kind, c.date, c.due, c.amount),
            ToCharge::Fee(r) => (ChargeKind::ReturnedCheckFee, r.returned_date, r.returned_date, r.fee),
        };
        ChargeStatus {
            doc_no: doc_no.into(),
            kind,
            date,
            due,
            amount,
            outstanding: amount,
            interest_cent_days: 0,
            interest: Money::ZERO,
        }
    }
}
