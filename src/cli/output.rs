//! The one way a command writes its answer. A list is built once as typed cells, then
//! written as CSV (the contract), JSON (amounts as strings, never floats) or a table for
//! people (aligned, thousands separators, a totals row). A single result is one CSV row,
//! one JSON object or `field  value` lines; a done change is one line of text.

use crate::domain::Money;
use crate::error::{Error, Result};
use chrono::NaiveDate;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum Format {
    #[default]
    Table,
    Csv,
    Json,
}

/// The `--format` option every listing and showing command takes.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct Out {
    /// Output: table (for people), csv, or json (for scripts; amounts as strings).
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// A failed write to standard output.
pub fn stdout_error(e: std::io::Error) -> Error {
    Error::File { path: PathBuf::from("<stdout>"), source: e }
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

    /// In a table's column: a flag that is off is left blank, so the ones set stand out.
    fn in_column(&self) -> String {
        match self {
            Cell::Money(m) => m.grouped(),
            Cell::Bool(true) => "yes".into(),
            Cell::Bool(false) => "".into(),
            other => other.plain(),
        }
    }

    /// Beside its field's name: a flag that is off says so.
    fn beside_name(&self) -> String {
        match self {
            Cell::Bool(false) => "no".into(),
            other => other.in_column(),
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

pub fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// A cell for an optional text: blank when absent.
pub fn opt_text(s: &Option<String>) -> Cell {
    s.as_ref().map_or(Cell::Empty, |s| Cell::Text(s.clone()))
}

pub fn opt_money(m: Option<Money>) -> Cell {
    m.map_or(Cell::Empty, Cell::Money)
}

pub fn opt_date(d: Option<NaiveDate>) -> Cell {
    d.map_or(Cell::Empty, Cell::Date)
}

pub struct Report {
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
    /// Whether the table ends with a totals row (money columns summed).
    pub totals: bool,
}

impl Report {
    /// A report without a totals row.
    pub fn new(columns: &[&'static str], rows: Vec<Vec<Cell>>) -> Report {
        Report { columns: columns.to_vec(), rows, totals: false }
    }

    /// A report whose table ends with the money columns summed.
    pub fn with_totals(columns: &[&'static str], rows: Vec<Vec<Cell>>) -> Report {
        Report { columns: columns.to_vec(), rows, totals: true }
    }

    /// Writes the report to standard output in `format`.
    pub fn print(&self, format: Format, out: &mut impl Write) -> Result<()> {
        self.write(format, out).map_err(stdout_error)
    }

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
        let mut lines: Vec<Vec<String>> = self.rows.iter().map(|r| r.iter().map(Cell::in_column).collect()).collect();
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

/// A value as pretty JSON, on its own.
pub fn json(out: &mut impl Write, value: &impl serde::Serialize) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(|e| stdout_error(e.into()))?;
    writeln!(out).map_err(stdout_error)
}

/// One line of text: what a change did.
pub fn say(out: &mut impl Write, line: impl std::fmt::Display) -> Result<()> {
    writeln!(out, "{line}").map_err(stdout_error)
}

/// A single result: one JSON object (`value` itself), one CSV row, or `field  value`
/// lines followed by `footer` (the RMA form's label text).
pub fn single<T: serde::Serialize>(
    format: Format,
    value: &T,
    fields: Vec<(&'static str, Cell)>,
    footer: Option<&str>,
    out: &mut impl Write,
) -> Result<()> {
    match format {
        Format::Json => json(out, value),
        Format::Csv => {
            let (columns, row): (Vec<&'static str>, Vec<Cell>) = fields.into_iter().unzip();
            Report { columns, rows: vec![row], totals: false }.print(Format::Csv, out)
        }
        Format::Table => {
            let width = fields.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
            for (k, v) in &fields {
                writeln!(out, "{k:<width$}  {}", v.beside_name()).map_err(stdout_error)?;
            }
            if let Some(f) = footer {
                writeln!(out).map_err(stdout_error)?;
                write!(out, "{f}").map_err(stdout_error)?;
            }
            Ok(())
        }
    }
}

/// A list of items: as JSON the items themselves (every field), else the report.
pub fn list<T: serde::Serialize>(format: Format, items: &[T], report: Report, out: &mut impl Write) -> Result<()> {
    match format {
        Format::Json => json(out, &items),
        f => report.print(f, out),
    }
}
