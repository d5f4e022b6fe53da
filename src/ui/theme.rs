//! Colors from the 16 ANSI ones only, and every meaning also carried by text or a
//! modifier (reverse, bold, a marker), so the console reads without color too.

use ratatui::style::{Color, Modifier, Style};

pub fn header() -> Style {
    Style::new().fg(Color::White).bg(Color::Blue).add_modifier(Modifier::BOLD)
}
pub fn tab() -> Style {
    Style::new()
}
pub fn tab_active() -> Style {
    Style::new().fg(Color::Black).bg(Color::Cyan).add_modifier(Modifier::BOLD | Modifier::REVERSED)
}
pub fn selected() -> Style {
    Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
}
/// Rows past 60 days, overdue things.
pub fn alarm() -> Style {
    Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
}
pub fn warn() -> Style {
    Style::new().fg(Color::Yellow)
}
pub fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}
pub fn title() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}
pub fn key() -> Style {
    Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
}
pub fn error() -> Style {
    Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
}
pub fn ok() -> Style {
    Style::new().fg(Color::Green)
}
pub fn focus() -> Style {
    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}
/// A key this operator may not use (a manager's): grey and struck through.
pub fn refused() -> Style {
    Style::new().fg(Color::DarkGray).add_modifier(Modifier::CROSSED_OUT)
}
/// The character under a text field's cursor (at the end, the cursor is a block in `focus`).
pub fn cursor() -> Style {
    focus().add_modifier(Modifier::REVERSED)
}
/// A disputed charge (it still ages and accrues interest).
pub fn disputed() -> Style {
    Style::new().fg(Color::Magenta)
}
/// The bars and lines of a chart.
pub fn chart() -> Style {
    Style::new().fg(Color::Cyan)
}
