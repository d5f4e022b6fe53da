//! A table that draws only its visible rows: the pane hands over a closure that builds
//! one row, and this asks it only for the rows between the scroll offset and the bottom.

use super::theme;
use crate::app::snapshot::Snapshot;
use crate::app::table::{self, Column, Value};
use crate::app::{App, ListView, Sort};
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

/// A column's title, with ▲ or ▼ when the list is sorted by it.
fn heading(c: &Column, i: usize, sort: Option<Sort>) -> String {
    match sort.filter(|s| s.column == i) {
        Some(s) => fit(&format!("{}{}", if s.descending { "▼" } else { "▲" }, c.title), c),
        None => fit(c.title, c),
    }
}

/// `columns` with the last one widened to the rest of a list `width` wide (borders and
/// the space between columns left out), at least `min`.
pub fn widen_last(columns: &[Column], width: u16, min: u16) -> Vec<Column> {
    let mut cols = columns.to_vec();
    let n = cols.len() as u16;
    let used: u16 = cols.iter().take(cols.len().saturating_sub(1)).map(|c| c.width).sum();
    if let Some(last) = cols.last_mut() {
        last.width = width.saturating_sub(2 + used + n.saturating_sub(1)).max(min);
    }
    cols
}

/// Draws the list of `pane`: its columns and cells (`app::table`), each row in the
/// style `style` gives it.
#[allow(clippy::too_many_arguments)]
pub fn draw_pane(
    f: &mut Frame,
    area: Rect,
    app: &App,
    s: &Snapshot,
    title: String,
    columns: &[Column],
    empty: &str,
    style: impl Fn(usize) -> Option<Style>,
) {
    let pane = app.pane;
    let shown = |i| table::cells(s, pane, i, app.as_of).iter().map(Value::shown).collect();
    draw(f, area, title, columns, app.view(), app.rows(pane), empty, |i| (shown(i), style(i)));
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
    let header = Row::new(columns.iter().enumerate().map(|(i, c)| heading(c, i, view.sort)).collect::<Vec<_>>())
        .style(theme::title());
    let position = if len == 0 { "0 rows".to_string() } else { format!("{} of {}", view.selected + 1, len) };
    let mut filtered = if view.filter.as_str().is_empty() {
        String::new()
    } else {
        format!(" — filter “{}”", view.filter.as_str())
    };
    if let Some(sort) = view.sort {
        let by = columns.get(sort.column).map_or("", |c| c.title);
        filtered.push_str(&format!(" — sorted by {by} {}", if sort.descending { "▼" } else { "▲" }));
    }
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
