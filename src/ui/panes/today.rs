//! Today: what needs doing as of the day, one line each, one key from its action
//! (Enter opens the account, p records a payment, n logs a call, P a promise).

use crate::app::snapshot::Snapshot;
use crate::app::App;
use crate::read::TodayKind;
use crate::ui::list;
use crate::ui::theme;
use ratatui::layout::Rect;
use ratatui::Frame;

pub fn draw(f: &mut Frame, area: Rect, app: &App, s: &Snapshot) {
    let title = format!("Today, {}: {} things to do", app.as_of, s.today.len());
    let empty = "Nothing needs doing as of this day.";
    list::draw_pane(f, area, app, title, empty, |i| match s.today[i].kind {
        TodayKind::PromiseBroken | TodayKind::CreditHold | TodayKind::NewlyFlagged => Some(theme::alarm()),
        TodayKind::PromiseDue | TodayKind::NextAction | TodayKind::OverLimit | TodayKind::LetterDue => {
            Some(theme::warn())
        }
        _ => None,
    });
}
