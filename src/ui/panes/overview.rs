//! Overview: pictures of the book — the aging buckets as bars, and over the last 12
//! month ends the total receivables, the part past 60 days and DSO as lines — above
//! the table of those month ends.

use crate::app::snapshot::Snapshot;
use crate::app::App;
use crate::domain::{Bucket, Money};
use crate::ui::list;
use crate::ui::theme;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::Line;
use ratatui::widgets::{Axis, Bar, BarChart, BarGroup, Block, Chart, Dataset, GraphType};
use ratatui::Frame;

/// Whole dollars, for a chart's scale.
fn dollars(m: Money) -> f64 {
    (m.cents() / 100) as f64
}

/// `12.3k`, `4.5M`: an axis label.
fn short(v: f64) -> String {
    let a = v.abs();
    if a >= 1e6 {
        format!("{:.1}M", v / 1e6)
    } else if a >= 1e3 {
        format!("{:.1}k", v / 1e3)
    } else {
        format!("{v:.0}")
    }
}

pub fn draw(f: &mut Frame, area: Rect, app: &App, s: &Snapshot) {
    let table_rows = (crate::app::snapshot::TREND_MONTHS as u16 + 3).min(area.height / 2).max(4);
    let [charts, table] = Layout::vertical([Constraint::Min(6), Constraint::Length(table_rows)]).areas(area);
    let [buckets, book, dso] = Layout::horizontal([Constraint::Ratio(1, 3); 3]).areas(charts);
    draw_buckets(f, buckets, s);
    let ends: Vec<String> = s.trend.iter().map(|p| p.month_end.format("%Y-%m").to_string()).collect();
    let total: Vec<(f64, f64)> = s.trend.iter().enumerate().map(|(i, p)| (i as f64, dollars(p.total))).collect();
    let past: Vec<(f64, f64)> = s.trend.iter().enumerate().map(|(i, p)| (i as f64, dollars(p.past_60))).collect();
    let days: Vec<(f64, f64)> = s
        .trend
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.dso.and_then(|d| d.to_string().parse::<f64>().ok()).map(|d| (i as f64, d)))
        .collect();
    draw_lines(
        f,
        book,
        "Receivables, past 60 days",
        &ends,
        &[("total", &total, theme::chart()), ("past 60", &past, Style::new().fg(Color::Red))],
    );
    draw_lines(f, dso, "DSO, days", &ends, &[("DSO", &days, Style::new().fg(Color::Yellow))]);
    let title = format!("The last {} month ends, newest first", s.trend.len());
    let empty = "No month end to show.";
    list::draw_pane(f, table, app, title, empty, |_| None);
}

fn draw_buckets(f: &mut Frame, area: Rect, s: &Snapshot) {
    let width = (area.width.saturating_sub(2) + 1) / 5;
    let width = width.saturating_sub(1).clamp(1, 12);
    let bars: Vec<Bar> = Bucket::ALL
        .iter()
        .map(|b| {
            let label = if usize::from(width) < b.label().len() { "cur." } else { b.label() };
            let m = s.bucket_totals[b.index()];
            let style = if *b >= Bucket::Days61To90 { theme::alarm() } else { theme::chart() };
            Bar::default()
                .value(m.cents().max(0) as u64 / 100)
                .label(Line::from(label))
                .text_value(short(dollars(m)))
                .style(style)
        })
        .collect();
    let chart = BarChart::default()
        .block(Block::bordered().title(Line::styled(" Aging buckets, as of the day ", theme::title())))
        .data(BarGroup::default().bars(&bars))
        .bar_width(width)
        .bar_gap(1);
    f.render_widget(chart, area);
}

/// One line of a chart: its name, its points (month end's index, value), its style.
type Series<'a> = (&'a str, &'a [(f64, f64)], Style);

fn draw_lines(f: &mut Frame, area: Rect, title: &str, ends: &[String], series: &[Series<'_>]) {
    let values = series.iter().flat_map(|(_, d, _)| d.iter().map(|(_, y)| *y));
    let (lo, hi) = values.fold((0f64, 0f64), |(lo, hi), y| (lo.min(y), hi.max(y)));
    let hi = if hi <= lo { lo + 1.0 } else { hi };
    let datasets = series
        .iter()
        .map(|(name, data, style)| {
            Dataset::default().name(*name).marker(Marker::Braille).graph_type(GraphType::Line).style(*style).data(data)
        })
        .collect();
    let last = ends.len().saturating_sub(1);
    let x_labels: Vec<Line> = match ends {
        [] => vec![],
        [only] => vec![Line::from(only.clone())],
        [first, .., end] => vec![Line::from(first.clone()), Line::from(end.clone())],
    };
    let chart = Chart::new(datasets)
        .block(Block::bordered().title(Line::styled(format!(" {title} "), theme::title())))
        .x_axis(Axis::default().bounds([0.0, last.max(1) as f64]).labels(x_labels).style(theme::dim()))
        .y_axis(
            Axis::default()
                .bounds([lo, hi])
                .labels(vec![Line::from(short(lo)), Line::from(short((lo + hi) / 2.0)), Line::from(short(hi))])
                .style(theme::dim()),
        );
    f.render_widget(chart, area);
}
