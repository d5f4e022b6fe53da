//! Returned checks: the fee log (RULES.md 2.2).

use crate::app::snapshot::Snapshot;
use crate::app::App;
use crate::ui::list::{self, col, num, text};
use crate::ui::theme;
use ratatui::layout::Rect;
use ratatui::Frame;

pub fn draw(f: &mut Frame, area: Rect, app: &App, s: &Snapshot) {
    let columns = [
        text("Payment", 8, 0),
        col("Account", 9),
        num("Check amt", 12, 8),
        col("Returned", 7),
        num("Fee", 8, 6),
        col("Waived", 3),
        text("By", 6, 2),
        text("Reason", 10, 4),
    ];
    let empty = "No returned checks. Press r to record one.";
    let n = s.returned_checks.len();
    list::draw(f, area, "Returned-check fee log".into(), &columns, app.view(), n, empty, |i| {
        let r = &s.returned_checks[i];
        (
            vec![
                r.payment_ref.clone(),
                r.account_no.clone(),
                r.check_amount.grouped(),
                r.returned_date.to_string(),
                r.fee.grouped(),
                if r.fee_waived { "yes".into() } else { "no".into() },
                r.waived_by.clone().unwrap_or_default(),
                r.waiver_reason.clone().unwrap_or_default(),
            ],
            (!r.fee_waived).then(theme::warn),
        )
    });
}
