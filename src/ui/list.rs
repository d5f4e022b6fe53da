//! A table that draws only its visible rows: the pane hands over a closure that builds
//! one row, and this asks it only for the rows between the scroll offset and the bottom.
//!
//! The columns and cells are the pane's table (`app::table`), the same that sorts and
//! exports. Columns fit their content: an amount, a date or a code is never cut (its
//! column is as wide as the widest of the rows on screen, and at least its usual width);
//! names, references and reasons take the room that is left, up to their whole text.
//! When the terminal is too narrow for every column, whole columns give way, the least
//! needed first, and the title says which.

use super::theme;
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

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// The width of each column (None: it gives way) in `room` columns of the screen, one
/// space between columns, given the widest text of each (`need`, rows and title).
pub fn layout(columns: &[Column], need: &[usize], room: usize) -> Vec<Option<usize>> {
    let least: Vec<usize> = columns
        .iter()
        .zip(need)
        .map(|(c, &n)| if c.flex { n.min(usize::from(c.width).max(1)) } else { n.max(usize::from(c.width)) })
        .collect();
    let mut shown: Vec<bool> = vec![true; columns.len()];
    let used = |shown: &[bool]| {
        let n = shown.iter().filter(|s| **s).count();
        least.iter().zip(shown).filter(|(_, s)| **s).map(|(w, _)| w).sum::<usize>() + n.saturating_sub(1)
    };
    while used(&shown) > room {
        let gives_way = (0..columns.len())
            .filter(|&i| shown[i] && columns[i].keep > 0)
            .min_by_key(|&i| (columns[i].keep, std::cmp::Reverse(i)));
        match gives_way {
            Some(i) => shown[i] = false,
            None => break,
        }
    }
    let mut widths: Vec<Option<usize>> = least.iter().zip(&shown).map(|(w, s)| s.then_some(*w)).collect();
    // The room left goes to the text columns, the most needed first, up to their whole text.
    let mut spare = room.saturating_sub(used(&shown));
    let mut flex: Vec<usize> = (0..columns.len()).filter(|&i| shown[i] && columns[i].flex).collect();
    flex.sort_by_key(|&i| (columns[i].keep == 0, columns[i].keep));
    flex.reverse();
    for i in flex {
        if let Some(w) = &mut widths[i] {
            let more = need[i].saturating_sub(*w).min(spare);
            *w += more;
            spare -= more;
        }
    }
    widths
}

/// `text` in `width` columns: cut with "…" when longer, right-aligned when asked.
fn fit(text: &str, width: usize, right: bool) -> String {
    let t: String = if chars(text) > width {
        let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
        if width > 0 {
            cut.push('…');
        }
        cut
    } else {
        text.to_string()
    };
    if right {
        format!("{t:>width$}")
    } else {
        t
    }
}

/// A column's title, with ▲ or ▼ when the list is sorted by it.
fn heading(c: &Column, i: usize, sort: Option<Sort>) -> String {
    match sort.filter(|s| s.column == i) {
        Some(s) => format!("{}{}", if s.descending { "▼" } else { "▲" }, c.title),
        None => c.title.to_string(),
    }
}

/// Draws the list of the current pane: its columns and cells (`app::table`), each row
/// in the style `style` gives it.
pub fn draw_pane(
    f: &mut Frame,
    area: Rect,
    app: &App,
    title: String,
    empty: &str,
    style: impl Fn(usize) -> Option<Style>,
) {
    let pane = app.pane;
    let Some(rows) = app.list_rows() else { return };
    let shown = |i| table::cells(&rows, pane, i, app.as_of).iter().map(Value::shown).collect();
    let columns = table::columns(pane);
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
    let built: Vec<(usize, Vec<String>, Option<Style>)> = (offset..end)
        .map(|pos| {
            let (cells, style) = row(view.row(pos));
            // Control characters made visible first: what is measured is what is shown.
            (pos, cells.iter().map(|c| visible(c).into_owned()).collect(), style)
        })
        .collect();
    let titles: Vec<String> = columns.iter().enumerate().map(|(i, c)| heading(c, i, view.sort)).collect();
    let need: Vec<usize> = titles
        .iter()
        .enumerate()
        .map(|(i, t)| {
            built.iter().filter_map(|(_, cells, _)| cells.get(i)).map(|t| chars(t)).fold(chars(t), usize::max)
        })
        .collect();
    let widths = layout(columns, &need, usize::from(area.width.saturating_sub(2)));
    let cells = |texts: Vec<String>| -> Vec<String> {
        texts.iter().zip(columns).zip(&widths).filter_map(|((t, c), w)| w.map(|w| fit(t, w, c.right))).collect()
    };
    let rows: Vec<Row> = built
        .into_iter()
        .map(|(pos, texts, style)| {
            let mut style = style.unwrap_or_default();
            if pos == view.selected {
                style = style.patch(theme::selected());
            }
            Row::new(cells(texts)).style(style)
        })
        .collect();
    let header = Row::new(cells(titles)).style(theme::title());
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
    let hidden: Vec<&str> = columns.iter().zip(&widths).filter(|(_, w)| w.is_none()).map(|(c, _)| c.title).collect();
    let hidden = match hidden.len() {
        0 => String::new(),
        _ if len == 0 => String::new(),
        _ => format!(" ‹hidden: {}›", hidden.join(", ")),
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .title(Line::styled(visible(&format!(" {title}{filtered}{hidden} ")).into_owned(), theme::title()))
        .title_bottom(Line::from(format!(" {position} ")).right_aligned());
    if len == 0 {
        f.render_widget(ratatui::widgets::Paragraph::new(format!("\n  {}", visible(empty))).block(block), area);
        return;
    }
    let constraints: Vec<Constraint> = widths.iter().flatten().map(|w| Constraint::Length(*w as u16)).collect();
    f.render_widget(Table::new(rows, constraints).header(header).block(block).column_spacing(1), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none(_: &table::Rows<'_>, _: usize, _: chrono::NaiveDate) -> Value {
        Value::Empty
    }

    const fn col(title: &'static str, keep: u8) -> Column {
        Column { title, width: 0, right: false, flex: false, keep, cell: none }
    }

    const fn num(title: &'static str, width: u16, keep: u8) -> Column {
        Column { title, width, right: true, flex: false, keep, cell: none }
    }

    const fn text(title: &'static str, width: u16, keep: u8) -> Column {
        Column { title, width, right: false, flex: true, keep, cell: none }
    }

    const COLUMNS: [Column; 4] = [col("Account", 0), text("Name", 6, 2), num("Balance", 12, 0), col("Status", 1)];

    #[test]
    fn amounts_and_codes_are_never_cut_and_get_at_least_their_usual_width() {
        let w = layout(&COLUMNS, &[7, 20, 15, 6], 200);
        assert_eq!(w[2], Some(15), "wider than usual: as wide as the amount");
        let w = layout(&COLUMNS, &[7, 20, 7, 6], 200);
        assert_eq!(w[2], Some(12), "the usual width at least");
        assert_eq!(w[0], Some(7));
    }

    #[test]
    fn text_takes_the_room_left_up_to_its_whole_text() {
        // 7 + 12 + 6 + 3 spaces = 28 fixed; the name gets the rest up to 20.
        assert_eq!(layout(&COLUMNS, &[7, 20, 7, 6], 200)[1], Some(20));
        assert_eq!(layout(&COLUMNS, &[7, 20, 7, 6], 38)[1], Some(10));
        assert_eq!(layout(&COLUMNS, &[7, 20, 7, 6], 34)[1], Some(6), "down to its narrowest");
        assert_eq!(layout(&COLUMNS, &[7, 3, 7, 6], 200)[1], Some(3), "no wider than its text");
    }

    #[test]
    fn when_too_narrow_whole_columns_give_way_the_least_needed_first() {
        // 7 + 6 + 12 + 6 + 3 = 34: at 33 the status goes, then the name; never the amount.
        assert_eq!(layout(&COLUMNS, &[7, 20, 7, 6], 34), vec![Some(7), Some(6), Some(12), Some(6)]);
        assert_eq!(layout(&COLUMNS, &[7, 20, 7, 6], 33), vec![Some(7), Some(12), Some(12), None]);
        assert_eq!(layout(&COLUMNS, &[7, 20, 7, 6], 26), vec![Some(7), None, Some(12), None]);
        assert_eq!(layout(&COLUMNS, &[7, 20, 7, 6], 10), vec![Some(7), None, Some(12), None], "0 never gives way");
    }

    #[test]
    fn of_two_columns_equally_needed_the_one_further_right_gives_way_first() {
        let columns = [col("A", 1), col("B", 1)];
        assert_eq!(layout(&columns, &[5, 5], 8), vec![Some(5), None]);
    }

    #[test]
    fn the_room_left_goes_to_the_most_needed_text_first() {
        let columns = [text("Ref", 3, 5), text("Reason", 3, 2)];
        assert_eq!(layout(&columns, &[10, 10], 12), vec![Some(8), Some(3)]);
        assert_eq!(layout(&columns, &[10, 10], 30), vec![Some(10), Some(10)]);
        let never = [text("Ref", 3, 0), text("Reason", 3, 9)];
        assert_eq!(layout(&never, &[10, 10], 12), vec![Some(8), Some(3)], "a column that never gives way first");
    }

    #[test]
    fn cut_text_ends_with_an_ellipsis_and_amounts_align_right() {
        assert_eq!(fit("Allied Alarm Co", 8, false), "Allied …");
        assert_eq!(fit("Allied", 8, false), "Allied");
        assert_eq!(fit("1,123.69", 10, true), "  1,123.69");
        assert_eq!(fit("x", 0, false), "");
    }
}
