//! The help overlay: every key of the keymap by where it works, in as many columns
//! as the screen needs; a manager's keys greyed for a clerk.

use super::{centered, theme};
use crate::app::keymap::{self, Cmd, Ctx, KEYMAP};
use crate::app::App;
use crate::app::Pane;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;

pub fn draw(f: &mut Frame, app: &App) {
    let mut lines: Vec<Line> = Vec::new();
    let mut last_ctx: Option<Ctx> = None;
    let mut seen: Vec<(&str, &str)> = Vec::new();
    // A key that does the same in another context as everywhere is listed once, under
    // "Everywhere" (`?` and `q` in the account view, Esc while filtering).
    let everywhere = |b: &keymap::Binding| {
        b.ctx != Ctx::List && KEYMAP.iter().any(|e| e.ctx == Ctx::List && e.label == b.label && e.desc == b.desc)
    };
    for b in KEYMAP.iter().filter(|b| b.ctx.in_help()) {
        if seen.contains(&(b.ctx.title(), b.desc)) || everywhere(b) {
            continue;
        }
        // The ten pane keys take one line: 0 Today … 9 Overview.
        if let Cmd::GoPane(p) = b.cmd {
            if p == Pane::ALL[0] {
                lines.push(Line::from(vec![
                    Span::styled(format!("  {:<8}", "0-9"), theme::key()),
                    Span::raw("go to a pane"),
                ]));
            }
            continue;
        }
        seen.push((b.ctx.title(), b.desc));
        if last_ctx != Some(b.ctx) {
            lines.push(Line::styled(b.ctx.title().to_string(), theme::title()));
            last_ctx = Some(b.ctx);
        }
        // Greyed for a clerk: the keys only a manager may use (completing a request
        // is a clerk's act, unless it is a deletion, so it stays lit here).
        let refused = keymap::act(b.cmd).is_some_and(|act| !app.role.may(act));
        lines.push(if refused {
            Line::from(vec![
                Span::styled(format!("  {:<8}", b.label), theme::refused()),
                Span::styled(b.desc, theme::refused()),
            ])
        } else {
            Line::from(vec![Span::styled(format!("  {:<8}", b.label), theme::key()), Span::raw(b.desc)])
        });
    }
    // As many columns as the screen needs (at most four), top to bottom, left to right.
    let area = centered(f.area(), f.area().width.saturating_sub(4), f.area().height.saturating_sub(2));
    f.render_widget(Clear, area);
    let block = Block::bordered().title(Line::styled(" Keys — any key closes ", theme::title()));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let per_col = usize::from(inner.height).max(1);
    let n = lines.len().div_ceil(per_col).clamp(1, 4);
    let per_col = lines.len().div_ceil(n);
    let cols = Layout::horizontal(vec![Constraint::Ratio(1, n as u32); n]).split(inner);
    for (i, chunk) in lines.chunks(per_col).enumerate().take(n) {
        f.render_widget(Paragraph::new(chunk.to_vec()), cols[i]);
    }
}
