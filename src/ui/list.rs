//! A table that draws only its visible rows: the pane hands over a closure that builds
//! one row, and this asks it only for the rows between the scroll offset and the bottom.

use super::theme;
use crate::app::ListView;
use crate::domain::text::visible;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Row, Table};
use ratatui::Frame;

/// Rows of data a list area of `height` shows (borders and the header row excluded).
pub fn data_rows(height: u16) -> usize {
    usize::from(height.saturating_sub(3)).max(1)
}

pub struct Column {
    pub title: &'static str,
    pub width: u16,
    pub right: bool,
}

pub const fn col(title: &'static str, width: u16) -> Column {
    Column { title, width, right: false }
}
pub const fn num(title: &'static str, width: u16) -> Column {
    Column { title, width, right: true }
}

/// A cell's text cut to its column, control characters made visible first.
fn fit(text: &str, c: &Column) -> String {
    let w = usize::from(c.width);
    let t: String = visible(text).chars().take(w).collect();
    if c.right {
        format!("{t:>w$}")
    } else {
        t
    }
}

/// Draws `total` rows (after filtering: `view.len(total)`), building only the visible ones.
/// `row(i)` gives the cells of underlying row `i` and whether it stands out.
#[allow(clippy::too_many_arguments)]
pub fn draw(
    f: &mut Frame,
    area: Rect,
    title: String,
    columns: &[Column],
    view: &ListView,
    total: usize,
    empty: &str,
    row: impl Fn(usize) -> (Vec<String>, Option<Style>),
) {
    let len = view.len(total);
    let page = data_rows(area.height);
    // The offset kept in the state, clamped so the cursor shows whatever the size.
    let mut offset = view.offset.min(len.saturating_sub(1));
    if view.selected < offset {
        offset = view.selected;
    } else if view.selected >= offset + page {
        offset = view.selected + 1 - page;
    }
    let end = (offset + page).min(len);
    let rows: Vec<Row> = (offset..end)
        .map(|pos| {
            let (cells, style) = row(view.row(pos));
            let cells: Vec<String> = cells.iter().zip(columns).map(|(t, c)| fit(t, c)).collect();
            let mut style = style.unwrap_or_default();
            if pos == view.selected {
                style = style.patch(theme::selected());
            }
            Row::new(cells).style(style)
        })
        .collect();
    let header = Row::new(columns.iter().map(|c| fit(c.title, c)).collect::<Vec<_>>()).style(theme::title());
    let position = if len == 0 { "0 rows".to_string() } else { format!("{} of {}", view.selected + 1, len) };
    let filtered =
        if view.matches.is_some() { format!(" — filter “{}”", view.filter.as_str()) } else { String::new() };
    let block = Block::new()
        .borders(Borders::ALL)
        .title(Line::styled(visible(&format!(" {title}{filtered} ")).into_owned(), theme::title()))
        .title_bottom(Line::from(format!(" {position} ")).right_aligned());
    if len == 0 {
        f.render_widget(ratatui::widgets::Paragraph::new(format!("\n  {}", visible(empty))).block(block), area);
        return;
    }
    let widths: Vec<Constraint> = columns.iter().map(|c| Constraint::Length(c.width)).collect();
    f.render_widget(Table::new(rows, widths).header(header).block(block).column_spacing(1), area);
}
