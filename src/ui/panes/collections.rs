//! Collections: accounts flagged (RULES.md 2.4), what is past 60 days, agency placement.

use crate::app::snapshot::Snapshot;
use crate::app::App;
use crate::ui::list::{self, col, num, text};
use crate::ui::theme;
use ratatui::layout::Rect;
use ratatui::Frame;

pub fn draw(f: &mut Frame, area: Rect, app: &App, s: &Snapshot) {
    let columns = [
        col("Account", 0),
        text("Name", 10, 5),
        num("Past 60 days", 13, 0),
        num("Oldest", 6, 4),
        num("Balance", 13, 6),
        text("Agency", 8, 3),
        col("Placed", 1),
        num("Placed amt", 12, 2),
    ];
    let empty = "No account is flagged for collections as of this day.";
    list::draw(f, area, "Flagged for collections".into(), &columns, app.view(), s.collections.len(), empty, |i| {
        let a = &s.accounts[s.collections[i]];
        let p = s.placements.get(&a.account_no);
        (
            vec![
                a.account_no.clone(),
                a.name.clone(),
                a.past_60.grouped(),
                super::days(a.oldest_days),
                a.balance.grouped(),
                p.map_or("—".into(), |p| p.agency.clone()),
                p.map_or(String::new(), |p| p.placed_on.to_string()),
                p.map_or(String::new(), |p| p.amount.grouped()),
            ],
            p.is_none().then(theme::alarm),
        )
    });
}
