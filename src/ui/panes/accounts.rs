//! Accounts: number, name, status, terms, limit, balance, oldest days past due, flags.

use crate::app::snapshot::{AccountSummary, Snapshot};
use crate::app::{App, Pane};
use crate::ui::list::{self, col, num, text};
use crate::ui::theme;
use ratatui::layout::Rect;
use ratatui::Frame;

/// Flags in words: COLL (collections), OVER (over the credit limit), CERT (tax
/// exemption certificate missing or expired).
pub fn flags(a: &AccountSummary) -> String {
    let mut out = Vec::new();
    if a.collections {
        out.push("COLL");
    }
    if a.over_limit {
        out.push("OVER");
    }
    if a.exemption_warning {
        out.push("CERT");
    }
    out.join(" ")
}

pub fn draw(f: &mut Frame, area: Rect, app: &App, s: &Snapshot) {
    // Too narrow: terms, status, limit, name, oldest, flags give way in that order;
    // the account and its balance never.
    let columns = [
        col("Account", 0),
        text("Name", 12, 4),
        col("Status", 2),
        col("Terms", 1),
        num("Limit", 12, 3),
        num("Balance", 13, 0),
        num("Oldest", 6, 5),
        col("Flags", 6),
    ];
    let empty = if s.accounts.is_empty() {
        "This database holds no accounts. Press D to generate demo data (40 dealers), or import customers."
    } else {
        "No account matches the filter (Esc clears it)."
    };
    list::draw(f, area, "Accounts".into(), &columns, app.view(), s.accounts.len(), empty, |i| {
        let a = &s.accounts[i];
        let style = if a.collections {
            Some(theme::alarm())
        } else if a.over_limit || a.exemption_warning {
            Some(theme::warn())
        } else {
            None
        };
        (
            vec![
                a.account_no.clone(),
                a.name.clone(),
                a.status.to_string(),
                a.terms.to_string(),
                a.credit_limit.grouped(),
                a.balance.grouped(),
                super::days(a.oldest_days.filter(|d| *d > 0)),
                flags(a),
            ],
            style,
        )
    });
    let _ = Pane::Accounts;
}
