//! Drawing only: the state in, a frame out. The chrome (header, tab bar, status line,
//! the footer of keys that work here) around the pane; popups (form, help, account
//! view, messages, the lock) on top.

pub mod chrome;
pub mod help;
pub mod list;
pub mod panes;
pub mod popups;
pub mod theme;

use crate::app::text::TextInput;
use crate::app::{App, Mode, Pane};
use crate::domain::text::visible;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;
use std::borrow::Cow;

/// Lines above and below the pane: header, tabs, status, footer.
pub const CHROME: u16 = 4;

/// Data rows the list of `pane` shows in a terminal `height` lines tall.
pub fn page_rows(height: u16, pane: Pane) -> usize {
    match pane {
        // The charts take the top; the table of month ends the rest.
        Pane::Overview => {
            let body = height.saturating_sub(CHROME);
            list::data_rows((crate::app::snapshot::TREND_MONTHS as u16 + 3).min(body / 2).max(4))
        }
        _ => list::data_rows(height.saturating_sub(CHROME + u16::from(pane == Pane::Invoices))),
    }
}

pub fn draw(f: &mut Frame, app: &App) {
    if app.locked {
        popups::draw_lock(f, app);
        return;
    }
    let [header, tabs, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(f.area());
    chrome::draw_header(f, header, app);
    chrome::draw_tabs(f, tabs, app);
    match &app.snapshot {
        Some(s) => match app.pane {
            Pane::Today => panes::today::draw(f, body, app, s),
            Pane::Overview => panes::overview::draw(f, body, app, s),
            Pane::Accounts => panes::accounts::draw(f, body, app, s),
            Pane::Invoices => panes::invoices::draw(f, body, app, s),
            Pane::Collections => panes::collections::draw(f, body, app, s),
            Pane::ReturnedChecks => panes::returned_checks::draw(f, body, app, s),
            Pane::Repairs => panes::repairs::draw(f, body, app, s),
            Pane::Rmas => panes::rmas::draw(f, body, app, s),
            Pane::Audit => panes::audit::draw(f, body, app, s),
            Pane::Privacy => panes::privacy::draw(f, body, app, s),
        },
        None => {
            let text = format!("\n  Computing every account as of {}…", app.as_of);
            f.render_widget(Paragraph::new(text).block(Block::bordered()), body);
        }
    }
    chrome::draw_status(f, status, app);
    chrome::draw_footer(f, footer, app);
    match &app.mode {
        Mode::Help => help::draw(f, app),
        Mode::Detail(d) => panes::account::draw(f, body, d, app),
        Mode::Rma(r) => panes::rmas::draw_detail(f, body, r),
        Mode::Explain(e, _) => panes::explain::draw(f, body, e),
        Mode::Dunning(p) => panes::dunning::draw(f, body, p),
        Mode::Form(form) => popups::draw_form(f, form),
        Mode::ConfirmQuit(form) => {
            popups::draw_form(f, form);
            popups::draw_message(
                f,
                "Quit?",
                "The form holds input that was not saved.\n\ny = quit and lose it, any other key = back to the form",
            );
        }
        Mode::Message(m) => popups::draw_message(f, "Message", &format!("{m}\n\n(any key)")),
        Mode::Normal | Mode::Filter => {}
    }
}

/// Every span of `lines` with its control characters made visible (RULES.md section 9):
/// a panel that shows values of the database passes its lines through this before
/// drawing them. (Lists do it cell by cell in `list::draw`.)
pub fn shown(mut lines: Vec<Line<'_>>) -> Vec<Line<'_>> {
    for span in lines.iter_mut().flat_map(|l| l.spans.iter_mut()) {
        let fixed = match visible(&span.content) {
            Cow::Owned(v) => Some(v),
            Cow::Borrowed(_) => None,
        };
        if let Some(v) = fixed {
            span.content = v.into();
        }
    }
    lines
}

/// A rectangle of `w`×`h` centred in `r`, clipped to it.
pub fn centered(r: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(r.width);
    let h = h.min(r.height);
    Rect { x: r.x + (r.width - w) / 2, y: r.y + (r.height - h) / 2, width: w, height: h }
}

/// A text field being edited, in `style`, with its cursor: a block after the text when
/// the cursor is at the end, else the character under it reversed.
pub fn with_cursor(input: &TextInput, style: Style) -> Vec<Span<'static>> {
    let (before, under, after) = input.split();
    let mut spans = vec![Span::styled(visible(before).into_owned(), style)];
    match under {
        None => spans.push(Span::styled("█", theme::focus())),
        Some(c) => {
            spans.push(Span::styled(visible(&c.to_string()).into_owned(), theme::cursor()));
            spans.push(Span::styled(visible(after).into_owned(), style));
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::text::Edit;

    fn text(spans: &[Span]) -> String {
        spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn a_cursor_at_the_end_draws_as_a_block_after_the_text() {
        let spans = with_cursor(&TextInput::new("12.50"), theme::focus());
        assert_eq!(text(&spans), "12.50█");
    }

    #[test]
    fn shown_lines_carry_no_control_character() {
        let lines = shown(vec![Line::from(vec![Span::raw("\u{1b}]0;pwned\u{7}T"), Span::raw("plain")])]);
        assert_eq!(lines[0].spans[0].content, "\\u{1b}]0;pwned\\u{7}T");
        assert_eq!(lines[0].spans[1].content, "plain");
    }

    #[test]
    fn a_cursor_inside_the_text_reverses_the_character_under_it() {
        let mut input = TextInput::new("12.50");
        input.apply(&Edit::Left);
        input.apply(&Edit::Left);
        let spans = with_cursor(&input, theme::focus());
        assert_eq!(text(&spans), "12.50", "nothing added");
        assert_eq!(spans[1].content, "5");
        assert_eq!(spans[1].style, theme::cursor());
    }
}
