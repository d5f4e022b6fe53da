//! Selection and filtering: which row of which pane is selected, what it is about,
//! and which rows a filter leaves (any shown text field, case-insensitive).

use super::snapshot::{AuditWindow, ChargeLine, Snapshot, AUDIT_PAGE};
use super::state::AuditPlace;
use super::{App, Effect, ListView, Mode, Pane};
use crate::domain::privacy::PrivacyRequest;
use crate::domain::repairs::Ticket;
use crate::domain::returns::Rma;
use crate::read::AuditLine;
use crate::store::audit::AuditPage;

impl App {
    pub fn view(&self) -> &ListView {
        &self.views[self.pane.index()]
    }

    /// Rows in a pane (unfiltered; the Audit pane's page of the log).
    pub fn rows(&self, pane: Pane) -> usize {
        if pane == Pane::Audit {
            return self.audit.lines.len();
        }
        let Some(s) = &self.snapshot else { return 0 };
        match pane {
            Pane::Today => s.today.len(),
            Pane::Overview => s.trend.len(),
            Pane::Accounts => s.accounts.len(),
            Pane::Invoices => s.charges.len(),
            Pane::Collections => s.collections.len(),
            Pane::ReturnedChecks => s.returned_checks.len(),
            Pane::Repairs => s.tickets.len(),
            Pane::Rmas => s.rmas.len(),
            Pane::Audit => 0,
            Pane::Privacy => s.privacy.len(),
        }
    }

    /// The account number of the selected row of the current pane.
    pub fn selected_account(&self) -> Option<String> {
        let s = self.snapshot.as_ref()?;
        let v = self.view();
        if v.len(self.rows(self.pane)) == 0 {
            return None;
        }
        let i = v.row(v.selected);
        Some(match self.pane {
            Pane::Today => s.today[i].account_no.clone(),
            Pane::Overview => return None,
            Pane::Accounts => s.accounts[i].account_no.clone(),
            Pane::Invoices => s.charges[i].account_no.clone(),
            Pane::Collections => s.accounts[s.collections[i]].account_no.clone(),
            Pane::ReturnedChecks => s.returned_checks[i].account_no.clone(),
            Pane::Repairs => s.tickets[i].account_no.clone(),
            Pane::Rmas => s.rmas[i].account_no.clone(),
            Pane::Audit => self.audit.lines[i].account_no.clone()?,
            Pane::Privacy => s.privacy[i].account_no.clone(),
        })
    }

    /// The selected row of `pane`, if it is the current pane and has one.
    fn selected_in<'a, T>(&'a self, pane: Pane, rows: impl FnOnce(&'a Snapshot) -> &'a [T]) -> Option<&'a T> {
        let rows = rows(self.snapshot.as_ref()?);
        let v = &self.views[pane.index()];
        (self.pane == pane && v.len(rows.len()) > 0).then(|| &rows[v.row(v.selected)])
    }

    /// The selected RMA of the RMAs pane.
    pub fn selected_rma(&self) -> Option<&Rma> {
        self.selected_in(Pane::Rmas, |s| &s.rmas)
    }

    /// The selected request of the Privacy pane.
    pub fn selected_request(&self) -> Option<&PrivacyRequest> {
        self.selected_in(Pane::Privacy, |s| &s.privacy)
    }

    /// The selected ticket of the Repairs pane.
    pub fn selected_ticket(&self) -> Option<&Ticket> {
        self.selected_in(Pane::Repairs, |s| &s.tickets)
    }

    /// The selected line of Today.
    pub fn selected_today(&self) -> Option<&crate::read::TodayLine> {
        self.selected_in(Pane::Today, |s| &s.today)
    }

    /// The selected charge of the Invoices pane's list (not under an account view).
    pub fn selected_charge(&self) -> Option<&ChargeLine> {
        self.selected_in(Pane::Invoices, |s| &s.charges).filter(|_| matches!(self.mode, Mode::Normal))
    }

    /// Whether a row of `pane` contains `needle` (lower case), in any shown text field.
    fn row_matches(&self, s: &Snapshot, pane: Pane, i: usize, needle: &str) -> bool {
        let has = |h: &str| contains_ci(h, needle);
        match pane {
            Pane::Today => {
                let l = &s.today[i];
                has(l.kind.as_str()) || has(&l.account_no) || has(&l.detail)
            }
            Pane::Overview => has(&s.trend[s.trend.len() - 1 - i].month_end.to_string()),
            Pane::Accounts => {
                let a = &s.accounts[i];
                has(&a.account_no) || has(&a.name) || has(a.status.as_str()) || has(a.terms.as_str())
            }
            Pane::Invoices => {
                let c = &s.charges[i];
                has(&c.doc_no) || has(&c.account_no) || has(c.kind.as_str()) || has(c.bucket.label())
            }
            Pane::Collections => {
                let a = &s.accounts[s.collections[i]];
                has(&a.account_no) || has(&a.name) || s.placements.get(&a.account_no).is_some_and(|p| has(&p.agency))
            }
            Pane::ReturnedChecks => {
                let r = &s.returned_checks[i];
                has(&r.payment_ref) || has(&r.account_no)
            }
            Pane::Repairs => {
                let t = &s.tickets[i];
                has(&t.ticket_no)
                    || has(&t.account_no)
                    || has(&t.manufacturer)
                    || has(&t.model)
                    || has(&t.serial)
                    || has(t.status.as_str())
            }
            Pane::Rmas => {
                let r = &s.rmas[i];
                has(&r.rma_no) || has(&r.account_no) || has(&r.invoice) || has(r.status.as_str())
            }
            Pane::Audit => {
                let a = &self.audit.lines[i];
                has(&a.at)
                    || has(&a.operator)
                    || has(&a.action)
                    || has(&a.entity)
                    || a.entity_key.as_deref().is_some_and(has)
                    || a.account_no.as_deref().is_some_and(has)
                    || a.before.as_deref().is_some_and(has)
                    || a.after.as_deref().is_some_and(has)
            }
            Pane::Privacy => {
                let r = &s.privacy[i];
                has(&r.id.to_string())
                    || has(r.kind.as_str())
                    || has(&r.account_no)
                    || has(&r.requester)
                    || has(r.status.as_str())
            }
        }
    }

    /// Applies the sort and the filter of `pane` again (after an edit, a new sort, or to
    /// a new snapshot). The Audit pane filters its page itself only when it holds the
    /// whole log; else the log is read again through the filter (`filter_changed`) and
    /// the page read is sorted as it is.
    pub(crate) fn refilter(&mut self, pane: Pane) {
        let total = self.rows(pane);
        let needle = self.views[pane.index()].filter.as_str().to_lowercase();
        let sort = self.views[pane.index()].sort;
        let local = !needle.is_empty() && (pane != Pane::Audit || self.audit.is_whole());
        let matches = match (self.list_rows(), local, sort) {
            (Some(rows), false, Some(sort)) => Some(super::table::sorted_rows(&rows, pane, total, sort, self.as_of)),
            (Some(rows), true, sort) => {
                let order = match sort {
                    Some(sort) => super::table::sorted_rows(&rows, pane, total, sort, self.as_of),
                    None => (0..total).collect(),
                };
                Some(order.into_iter().filter(|&i| self.row_matches(&rows, pane, i, &needle)).collect())
            }
            _ => None,
        };
        let v = &mut self.views[pane.index()];
        v.matches = matches;
        let len = v.len(total);
        v.selected = v.selected.min(len.saturating_sub(1));
        self.scroll_into_view(pane);
    }

    /// The filter of the current pane was edited: filtered at once in memory, or, on an
    /// Audit pane whose log is longer than its page, read again through the filter.
    pub(crate) fn filter_changed(&mut self) -> Vec<Effect> {
        let needle = self.view().filter.as_str().to_lowercase();
        if self.pane == Pane::Audit && !self.audit.is_whole() {
            if needle == self.audit.filter {
                return vec![];
            }
            self.audit_place = Some(AuditPlace::First);
            return vec![Effect::LoadAudit(AuditPage::Newest, needle)];
        }
        self.refilter(self.pane);
        vec![]
    }

    /// Moves the cursor by `delta` rows (a very large one: to the first or last row). On
    /// the Audit pane, moving past its page reads the next page by key.
    pub(crate) fn move_cursor(&mut self, delta: isize) -> Vec<Effect> {
        let len = self.audit.lines.len();
        if self.pane != Pane::Audit || self.view().matches.is_some() || len == 0 {
            self.move_by(delta);
            return vec![];
        }
        let v = &self.views[Pane::Audit.index()];
        let target = v.selected as isize + delta;
        let jump = delta.unsigned_abs() >= (isize::MAX / 4) as usize;
        let request = if target >= len as isize && self.audit.older {
            Some(if jump {
                (AuditPage::Oldest, AuditPlace::Last)
            } else {
                let top = v.offset.min(len - 1);
                let anchor = self.audit.lines[top].id;
                (AuditPage::AtOrBefore(anchor), AuditPlace::From(anchor, target - top as isize))
            })
        } else if target < 0 && self.audit.newer {
            Some(if jump {
                (AuditPage::Newest, AuditPlace::First)
            } else {
                let bottom = (v.offset + self.page.max(1) - 1).min(len - 1);
                let anchor = self.audit.lines[bottom].id;
                (AuditPage::AtOrAfter(anchor), AuditPlace::From(anchor, target - bottom as isize))
            })
        } else {
            None
        };
        match request {
            Some((at, place)) => {
                self.audit_place = Some(place);
                vec![Effect::LoadAudit(at, self.audit.filter.clone())]
            }
            None => {
                self.move_by(delta);
                vec![]
            }
        }
    }

    /// A page of the audit log arrived: show it, the cursor where it was asked to go.
    pub(crate) fn show_audit_page(&mut self, window: AuditWindow) {
        let len = window.lines.len();
        let page = self.page.max(1);
        let place = self.audit_place.take().unwrap_or(AuditPlace::First);
        let (selected, offset) = match place {
            AuditPlace::First => (0, 0),
            AuditPlace::Last => (len.saturating_sub(1), len.saturating_sub(page)),
            AuditPlace::From(id, rows) => {
                let at = window.lines.iter().position(|l| l.id == id).unwrap_or(0);
                let selected = (at as isize + rows).clamp(0, len.saturating_sub(1) as isize) as usize;
                // The anchor keeps its place on screen: the top row going down, the bottom going up.
                let offset = if rows >= 0 { at } else { (at + 1).saturating_sub(page) };
                (selected, offset)
            }
        };
        self.audit = window;
        let v = &mut self.views[Pane::Audit.index()];
        v.matches = None;
        v.selected = selected;
        v.offset = offset;
        self.refilter(Pane::Audit);
    }

    /// New entries of the log (oldest first), from the change feed: on top of a page
    /// that shows the newest, the selected entry staying selected; else there are newer.
    pub(crate) fn audit_arrived(&mut self, entries: Vec<AuditLine>) {
        if entries.is_empty() {
            return;
        }
        if self.audit.newer || !self.audit.filter.is_empty() {
            self.audit.newer = true;
            return;
        }
        let n = entries.len();
        let v = &mut self.views[Pane::Audit.index()];
        if v.selected > 0 {
            v.selected += n;
            v.offset += n;
        }
        let mut lines: Vec<AuditLine> = entries.into_iter().rev().collect();
        lines.append(&mut self.audit.lines);
        if lines.len() > 2 * AUDIT_PAGE {
            lines.truncate(2 * AUDIT_PAGE);
            self.audit.older = true;
        }
        self.audit.lines = lines;
    }

    pub(crate) fn scroll_into_view(&mut self, pane: Pane) {
        let page = self.page.max(1);
        let v = &mut self.views[pane.index()];
        if v.selected < v.offset {
            v.offset = v.selected;
        } else if v.selected >= v.offset + page {
            v.offset = v.selected + 1 - page;
        }
    }

    pub(crate) fn move_by(&mut self, delta: isize) {
        let len = self.view().len(self.rows(self.pane));
        let v = &mut self.views[self.pane.index()];
        if len == 0 {
            v.selected = 0;
        } else {
            v.selected = (v.selected as isize + delta).clamp(0, len as isize - 1) as usize;
        }
        self.scroll_into_view(self.pane);
    }
}

/// Case-insensitive `contains` for an already lower-cased needle, without allocating.
fn contains_ci(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    n.is_empty() || h.windows(n.len()).any(|w| w.iter().zip(n).all(|(a, b)| a.to_ascii_lowercase() == *b))
}
