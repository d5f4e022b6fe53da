//! Around the pane: the header (database, operator, as-of, progress), the tab bar, the
//! status line (the filter being typed, or the last message) and the footer of keys.

use super::{theme, with_cursor};
use crate::app::forms;
use crate::app::keymap::{self, Cmd};
use crate::app::{App, Mode, Pane, PANES};
use crate::domain::text::visible;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

pub fn draw_header(f: &mut Frame, area: Rect, app: &App) {
    let mut spans = vec![
        Span::raw(" creditdesk │ "),
        Span::raw(visible(&app.db_label).into_owned()),
        Span::raw(format!(" │ operator {} ({}) │ ", visible(&app.operator), app.role)),
        Span::raw(format!("as of {} ", app.as_of)),
    ];
    if let Some((done, total)) = app.computing {
        let pct = (done * 100).checked_div(total).unwrap_or(0);
        spans.push(Span::raw(format!("│ computing… {pct}% ({done}/{total} accounts) ")));
    }
    f.render_widget(Paragraph::new(Line::from(spans)).style(theme::header()), area);
}

pub fn draw_tabs(f: &mut Frame, area: Rect, app: &App) {
    // Ten panes share one line: key, title and row count (none for the audit log and the
    // overview, which are not worklists), the active one bracketed and reversed. Too
    // wide for the terminal, the other tabs take their short titles.
    let label = |p: Pane, title: &str| {
        let count = app.snapshot.as_ref().filter(|_| !matches!(p, Pane::Audit | Pane::Overview)).map(|_| app.rows(p));
        match count {
            Some(n) => format!("{} {title} {n}", p.key()),
            None => format!("{} {title}", p.key()),
        }
    };
    // Too wide: the longest titles give way first, one at a time.
    let mut short = [false; PANES];
    let width = |short: &[bool; PANES]| -> usize {
        Pane::ALL
            .iter()
            .map(|p| label(*p, if short[p.index()] { p.short_title() } else { p.title() }).chars().count() + 2)
            .sum()
    };
    for p in [Pane::ReturnedChecks, Pane::Collections, Pane::Invoices, Pane::Accounts] {
        if width(&short) <= usize::from(area.width) {
            break;
        }
        short[p.index()] = p != app.pane;
    }
    let mut spans = Vec::new();
    for p in Pane::ALL {
        if p == app.pane {
            spans.push(Span::styled(format!("[{}]", label(p, p.title())), theme::tab_active()));
        } else {
            let title = if short[p.index()] { p.short_title() } else { p.title() };
            spans.push(Span::styled(format!(" {} ", label(p, title)), theme::tab()));
        }
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

pub fn draw_status(f: &mut Frame, area: Rect, app: &App) {
    let line = if matches!(app.mode, Mode::Filter) {
        let v = app.view();
        let n = v.len(app.rows(app.pane));
        let mut spans = vec![Span::styled(" /", theme::key())];
        spans.extend(with_cursor(&v.filter, Style::default()));
        spans.push(Span::styled(format!("  {n} matching"), theme::dim()));
        Line::from(spans)
    } else if let Some(t) = &app.toast {
        Line::from(Span::styled(format!(" {}", visible(t)), theme::ok()))
    } else {
        Line::default()
    };
    f.render_widget(Paragraph::new(line), area);
}

/// The keys that work here, from the keymap; a manager's key, for a clerk, greyed and
/// struck through (pressing it says why).
pub fn draw_footer(f: &mut Frame, area: Rect, app: &App) {
    let mut keys: Vec<&keymap::Binding> = keymap::active(&app.mode, app.pane).filter(|b| b.footer).collect();
    // Too wide for the terminal: the keys that work everywhere give way to this
    // pane's own (all of them stay in `?` help), `?` itself never.
    let width = |keys: &[&keymap::Binding]| keys.iter().map(|b| b.label.len() + b.desc.len() + 3).sum::<usize>();
    let general = [
        Cmd::Quit,
        Cmd::Form(&forms::as_of::FORM),
        Cmd::Export,
        Cmd::Form(&forms::find_document::FORM),
        Cmd::NextPane,
        Cmd::Filter,
        Cmd::Sort,
    ];
    while width(&keys) > usize::from(area.width) {
        match general.iter().find_map(|c| keys.iter().position(|b| b.cmd == *c)) {
            Some(i) => {
                keys.remove(i);
            }
            None => break,
        }
    }
    let mut spans = Vec::new();
    for b in keys {
        if app.refuses(b.cmd).is_some() {
            spans.push(Span::styled(format!(" {}", b.label), theme::refused()));
            spans.push(Span::styled(format!(" {} ", b.desc), theme::refused()));
        } else {
            spans.push(Span::styled(format!(" {}", b.label), theme::key()));
            spans.push(Span::raw(format!(" {} ", b.desc)));
        }
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}
