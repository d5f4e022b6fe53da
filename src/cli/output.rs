//! One report, three formats: a report is built once as typed cells, then written as
//! CSV (the contract), JSON (amounts as strings, never floats) or a table for people
//! (aligned, thousands separators, a totals row).

use crate::domain::Money;
use chrono::NaiveDate;
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum Format {
    #[default]
    Table,
    Csv,
    Json,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Date(NaiveDate),
    Money(Money),
    Int(i64),
    Bool(bool),
    Empty,
}

impl Cell {
    fn plain(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Date(d) => d.to_string(),
            Cell::Money(m) => m.to_string(),
            Cell::Int(i) => i.to_string(),
            Cell::Bool(b) => b.to_string(),
            Cell::Empty => String::new(),
        }
    }

    fn for_people(&self) -> String {
        match self {
            Cell::Money(m) => m.grouped(),
            Cell::Bool(true) => "yes".into(),
            Cell::Bool(false) => "".into(),
            other => other.plain(),
        }
    }

    fn json(&self) -> serde_json::Value {
        match self {
            Cell::Int(i) => (*i).into(),
            Cell::Bool(b) => (*b).into(),
            Cell::Empty => serde_json::Value::Null,
            other => other.plain().into(),
        }
    }

    fn right_aligned(&self) -> bool {
        matches!(self, Cell::Money(_) | Cell::Int(_))
    }
}

/// A cell for an optional text: blank when absent.
pub fn opt_text(s: &Option<String>) -> Cell {
    s.as_ref().map_or(Cell::Empty, |s| Cell::Text(s.clone()))
}

pub struct Report {
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
    /// Whether the table ends with a totals row (money columns summed).
    pub totals: bool,
}

impl Report {
    pub fn write(&self, format: Format, out: &mut impl Write) -> std::io::Result<()> {
        match format {
            Format::Csv => self.write_csv(out),
            Format::Json => self.write_json(out),
            Format::Table => self.write_table(out),
        }
    }

    fn write_csv(&self, out: &mut impl Write) -> std::io::Result<()> {
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(out);
        w.write_record(&self.columns)?;
        for row in &self.rows {
            w.write_record(row.iter().map(Cell::plain))?;
        }
        w.flush()
    }

    fn write_json(&self, out: &mut impl Write) -> std::io::Result<()> {
        let rows: Vec<serde_json::Map<String, serde_json::Value>> = self
            .rows
            .iter()
            .map(|row| self.columns.iter().zip(row).map(|(c, v)| (c.to_string(), v.json())).collect())
            .collect();
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        writeln!(out)
    }

    fn write_table(&self, out: &mut impl Write) -> std::io::Result<()> {
        let mut lines: Vec<Vec<String>> = self.rows.iter().map(|r| r.iter().map(Cell::for_people).collect()).collect();
        let right: Vec<bool> = (0..self.columns.len())
            .map(|i| self.rows.first().is_some_and(|r| r.get(i).is_some_and(Cell::right_aligned)))
            .collect();
        if self.totals {
            let mut total: Vec<String> = vec![String::new(); self.columns.len()];
            total[0] = format!("TOTAL ({} rows)", self.rows.len());
            for (i, cell) in total.iter_mut().enumerate().skip(1) {
                let money: Vec<Money> = self
                    .rows
                    .iter()
                    .filter_map(|r| if let Some(Cell::Money(m)) = r.get(i) { Some(*m) } else { None })
                    .collect();
                if !money.is_empty() {
                    *cell = money.iter().sum::<Money>().grouped();
                }
            }
            lines.push(total);
        }
        let widths: Vec<usize> = self
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| lines.iter().map(|l| l[i].chars().count()).chain([c.len()]).max().unwrap_or(0))
            .collect();
        let render = |cells: &[String]| {
            cells
                .iter()
                .zip(&widths)
                .zip(&right)
                .map(|((c, w), r)| if *r { format!("{c:>w$}") } else { format!("{c:<w$}") })
                .collect::<Vec<_>>()
                .join("  ")
                .trim_end()
                .to_string()
        };
        let header: Vec<String> = self.columns.iter().map(|c| c.to_string()).collect();
        writeln!(out, "{}", render(&header))?;
        let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
        writeln!(out, "{}", rule.join("  "))?;
        for (n, line) in lines.iter().enumerate() {
            if self.totals && n == lines.len() - 1 {
                writeln!(out, "{}", rule.join("  "))?;
            }
            writeln!(out, "{}", render(line))?;
        }
        Ok(())
    }
}
