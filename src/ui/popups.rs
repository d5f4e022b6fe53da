//! On top of the pane: a form, a message, and the idle lock that hides everything.

use super::{centered, shown, theme, with_cursor};
use crate::app::form::Form;
use crate::app::App;
use crate::domain::text::visible_lines;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

/// The idle lock (RULES.md 5): nothing of the database shows — no names, no figures,
/// not even the file — until a key is pressed.
pub fn draw_lock(f: &mut Frame, app: &App) {
    f.render_widget(Clear, f.area());
    let minutes = app.idle_limit.map_or(0, |l| l.as_secs() / 60);
    let text = vec![
        Line::styled("creditdesk is locked", theme::title()),
        Line::default(),
        Line::from(format!("No key was pressed for {minutes} min, so the screen was hidden:")),
        Line::from("nothing personal shows on a shared desk while you are away."),
        Line::from("Sign off when finished using a shared computer."),
        Line::default(),
        Line::styled("Press any key to continue.", theme::key()),
    ];
    let area = centered(f.area(), 70, text.len() as u16 + 2);
    let block = Block::bordered().title(Line::styled(" Locked ", theme::title()));
    f.render_widget(Paragraph::new(text).block(block).centered(), area);
}

pub fn draw_form(f: &mut Frame, form: &Form) {
    let mut lines = Vec::new();
    for (i, field) in form.fields.iter().enumerate() {
        let focused = i == form.focus && !form.confirming;
        let marker = if focused { "›" } else { " " };
        let mut spans = vec![Span::styled(
            format!("{marker} {:<16}", field.label),
            if focused { theme::key() } else { Default::default() },
        )];
        if focused {
            spans.extend(with_cursor(&field.input, theme::focus()));
        } else {
            spans.push(Span::styled(field.shown(), theme::title()));
        }
        if !field.hint.is_empty() {
            spans.push(Span::styled(format!("  {}", field.hint), theme::dim()));
        }
        lines.push(Line::from(spans));
        if let Some(e) = &field.error {
            lines.push(Line::styled(format!("  {:<16}✗ {} {e}", "", field.label), theme::error()));
        }
    }
    if let Some(n) = &form.note {
        lines.push(Line::default());
        lines.push(Line::styled(format!("✗ {n}"), theme::error()));
    }
    lines.push(Line::default());
    if form.saving {
        lines.push(Line::styled("Saving…", theme::title()));
    } else if form.confirming {
        match &form.confirm_text {
            Some(t) => lines.extend(t.lines().map(|l| Line::styled(l.to_string(), theme::error()))),
            None => lines.push(Line::styled("Save this? y = save, n = keep editing", theme::key())),
        }
    } else {
        lines.push(Line::styled("Enter = check and confirm · Esc = cancel (nothing is written)", theme::dim()));
    }
    // Long lines (a refusal naming its rules) wrap: count the rows they take.
    let lines = shown(lines);
    let inner = usize::from(f.area().width.min(100).saturating_sub(2)).max(1);
    let h = lines.iter().map(|l| l.width().max(1).div_ceil(inner)).sum::<usize>() as u16 + 2;
    let area = centered(f.area(), 100, h);
    f.render_widget(Clear, area);
    let block = Block::new().borders(Borders::ALL).title(Line::styled(format!(" {} ", form.title), theme::title()));
    f.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), area);
}

pub fn draw_message(f: &mut Frame, title: &str, text: &str) {
    let lines = text.lines().count() as u16;
    let area = centered(f.area(), 70, lines + 4);
    f.render_widget(Clear, area);
    let block = Block::bordered().title(Line::styled(format!(" {} ", visible_lines(title)), theme::title()));
    let text = visible_lines(text).into_owned();
    f.render_widget(Paragraph::new(text).block(block).wrap(Wrap { trim: false }), area);
}
