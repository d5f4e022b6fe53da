//! The one way a command writes its answer. A list is built once as typed cells, then
//! written as CSV (the contract), JSON (amounts as strings, never floats) or a table for
//! people (aligned, thousands separators, a totals row). A single result is one CSV row,
//! one JSON object or `field  value` lines; a done change is one line of text.
//!
//! Nothing from the database reaches the terminal raw (RULES.md section 9): tables, CSV
//! and lines of text pass every value through `domain::text::visible`, which writes a
//! control character out as `\u{1b}`; JSON carries the exact value, every control
//! character escaped as JSON's own `\u001b` (see `SafeJson`). Valid data holds no control
//! characters, so for it every format is exact.

use crate::domain::text::{for_spreadsheet, visible, visible_lines};
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
    /// The value exactly as held (for JSON, which escapes what must be escaped).
    fn exact(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Date(d) => d.to_string(),
            Cell::Money(m) => m.to_string(),
            Cell::Int(i) => i.to_string(),
            Cell::Bool(b) => b.to_string(),
            Cell::Empty => String::new(),
        }
    }

    /// The value for a table or CSV: control characters made visible.
    fn plain(&self) -> String {
        match self {
            Cell::Text(s) => visible(s).into_owned(),
            other => other.exact(),
        }
    }

    /// `plain`, into `out`, by hand for the cells a report writes millions of.
    fn write_plain(&self, out: &mut String) {
        use chrono::Datelike;
        match self {
            Cell::Text(s) => out.push_str(&visible(s)),
            Cell::Date(d) if (0..=9999).contains(&d.year()) => {
                push_digits(out, d.year() as u64, 4);
                out.push('-');
                push_digits(out, u64::from(d.month()), 2);
                out.push('-');
                push_digits(out, u64::from(d.day()), 2);
            }
            Cell::Money(m) => {
                if m.cents() < 0 {
                    out.push('-');
                }
                let cents = m.cents().unsigned_abs();
                push_digits(out, cents / 100, 1);
                out.push('.');
                push_digits(out, cents % 100, 2);
            }
            Cell::Int(i) => {
                if *i < 0 {
                    out.push('-');
                }
                push_digits(out, i.unsigned_abs(), 1);
            }
            other => out.push_str(&other.plain()),
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
            other => other.exact().into(),
        }
    }

    fn right_aligned(&self) -> bool {
        matches!(self, Cell::Money(_) | Cell::Int(_))
    }
}

/// `n` in decimal, zero-padded to at least `width` digits.
fn push_digits(out: &mut String, mut n: u64, width: usize) {
    let mut digits = [b'0'; 20];
    let mut i = digits.len();
    while n > 0 || i > digits.len() - width.max(1) {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    out.extend(digits[i..].iter().map(|&d| char::from(d)));
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
    /// A list opened in spreadsheets (the marketing contacts): as CSV, a text that
    /// would run as a formula (`=`, `+`, `-`, `@` first) is quoted with a `'`.
    pub for_spreadsheets: bool,
}

impl Report {
    /// A report without a totals row.
    pub fn new(columns: &[&'static str], rows: Vec<Vec<Cell>>) -> Report {
        Report { columns: columns.to_vec(), rows, totals: false, for_spreadsheets: false }
    }

    /// A report whose table ends with the money columns summed.
    pub fn with_totals(columns: &[&'static str], rows: Vec<Vec<Cell>>) -> Report {
        Report { columns: columns.to_vec(), rows, totals: true, for_spreadsheets: false }
    }

    /// The same report, marked as a list opened in spreadsheets.
    pub fn for_spreadsheets(mut self) -> Report {
        self.for_spreadsheets = true;
        self
    }

    /// Writes the report to standard output in `format`. A totals row whose sum cannot
    /// be held is an error naming the column, and nothing is written.
    pub fn print(&self, format: Format, out: &mut impl Write) -> Result<()> {
        let totals = match (format, self.totals) {
            (Format::Table, true) => Some(self.totals_row()?),
            _ => None,
        };
        match format {
            Format::Csv => self.write_csv(out),
            Format::Json => self.write_json(out),
            Format::Table => self.write_table(totals, out),
        }
        .map_err(stdout_error)
    }

    /// The money columns summed (checked), for the table's last row.
    fn totals_row(&self) -> Result<Vec<String>> {
        let mut total: Vec<String> = vec![String::new(); self.columns.len()];
        total[0] = format!("TOTAL ({} rows)", self.rows.len());
        for (i, cell) in total.iter_mut().enumerate().skip(1) {
            let mut money = self.rows.iter().filter_map(|r| match r.get(i) {
                Some(Cell::Money(m)) => Some(*m),
                _ => None,
            });
            if let Some(first) = money.next() {
                let sum = money
                    .try_fold(first, Money::checked_add)
                    .ok_or_else(|| Error::TooLarge { what: format!("the total of column {}", self.columns[i]) })?;
                *cell = sum.grouped();
            }
        }
        Ok(total)
    }

    fn write_csv(&self, out: &mut impl Write) -> std::io::Result<()> {
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(out);
        w.write_record(&self.columns)?;
        for row in &self.rows {
            w.write_record(row.iter().map(|c| match c {
                Cell::Text(s) if self.for_spreadsheets => for_spreadsheet(s).into_owned(),
                c => c.plain(),
            }))?;
        }
        w.flush()
    }

    fn write_json(&self, out: &mut impl Write) -> std::io::Result<()> {
        let rows: Vec<serde_json::Map<String, serde_json::Value>> = self
            .rows
            .iter()
            .map(|row| self.columns.iter().zip(row).map(|(c, v)| (c.to_string(), v.json())).collect())
            .collect();
        write_json(out, &rows)
    }

    fn write_table(&self, totals: Option<Vec<String>>, out: &mut impl Write) -> std::io::Result<()> {
        let mut lines: Vec<Vec<String>> = self.rows.iter().map(|r| r.iter().map(Cell::in_column).collect()).collect();
        let right: Vec<bool> = (0..self.columns.len())
            .map(|i| self.rows.first().is_some_and(|r| r.get(i).is_some_and(Cell::right_aligned)))
            .collect();
        if let Some(total) = totals {
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

/// A report written row by row as `rows` hands them over: CSV and JSON are written as
/// they come, so memory stays flat whatever the number of rows, into a spool that goes
/// to `out` only once every row is in — a figure that cannot be held stops the report
/// with nothing printed (RULES.md section 9). A table (its widths, its totals) is
/// written once every row is in.
pub fn stream<W: Write>(
    format: Format,
    columns: &[&'static str],
    totals: bool,
    out: &mut W,
    rows: impl FnOnce(&mut dyn FnMut(Vec<Cell>) -> Result<()>) -> Result<()>,
) -> Result<()> {
    let mut spool = Spool::new();
    match format {
        Format::Table => {
            let mut all = Vec::new();
            rows(&mut |r| {
                all.push(r);
                Ok(())
            })?;
            let report = if totals { Report::with_totals(columns, all) } else { Report::new(columns, all) };
            return report.print(format, out);
        }
        Format::Csv => {
            let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(&mut spool);
            let csv_error = |e: csv::Error| stdout_error(e.into());
            w.write_record(columns).map_err(csv_error)?;
            // One buffer for every cell: a report writes millions.
            let mut text = String::new();
            rows(&mut |r| {
                for cell in &r {
                    text.clear();
                    cell.write_plain(&mut text);
                    w.write_field(&text).map_err(csv_error)?;
                }
                w.write_record(None::<&[u8]>).map_err(csv_error)
            })?;
            w.flush().map_err(stdout_error)?;
        }
        Format::Json => {
            // As `serde_json::to_writer_pretty` writes the whole array, one object at a time.
            let mut first = true;
            rows(&mut |r| {
                let object: serde_json::Map<String, serde_json::Value> =
                    columns.iter().zip(&r).map(|(c, v)| (c.to_string(), v.json())).collect();
                let mut text = Vec::new();
                write_json(&mut text, &object).map_err(stdout_error)?;
                let text = String::from_utf8_lossy(&text);
                let lead = if std::mem::take(&mut first) { "[\n" } else { ",\n" };
                spool.write_all(lead.as_bytes()).map_err(stdout_error)?;
                for (i, line) in text.lines().enumerate() {
                    let nl = if i == 0 { "" } else { "\n" };
                    write!(spool, "{nl}  {line}").map_err(stdout_error)?;
                }
                Ok(())
            })?;
            spool.write_all(if first { b"[]\n" } else { b"\n]\n" }).map_err(stdout_error)?;
        }
    }
    spool.copy_to(out).map_err(stdout_error)
}

/// What a report writes, held until it is whole: in memory up to `SPOOL_IN_MEMORY`
/// bytes, then in a temporary file removed from the directory as soon as it is made (it
/// leaves nothing behind, whatever happens).
struct Spool {
    memory: Vec<u8>,
    file: Option<std::fs::File>,
}

/// Bytes of a report held in memory before the rest goes to a temporary file.
const SPOOL_IN_MEMORY: usize = 4 << 20;

impl Spool {
    fn new() -> Spool {
        Spool { memory: Vec::new(), file: None }
    }

    fn temporary() -> std::io::Result<std::fs::File> {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let path = std::env::temp_dir().join(format!("creditdesk-report-{}-{nanos}", std::process::id()));
        let mut options = std::fs::OpenOptions::new();
        options.read(true).write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = options.open(&path)?;
        std::fs::remove_file(&path)?;
        Ok(file)
    }

    fn copy_to(mut self, out: &mut impl Write) -> std::io::Result<()> {
        use std::io::{Seek, SeekFrom};
        match self.file.as_mut() {
            Some(file) => {
                file.write_all(&self.memory)?;
                file.seek(SeekFrom::Start(0))?;
                std::io::copy(file, out)?;
            }
            None => out.write_all(&self.memory)?,
        }
        Ok(())
    }
}

impl Write for Spool {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.memory.extend_from_slice(bytes);
        if self.memory.len() >= SPOOL_IN_MEMORY {
            if self.file.is_none() {
                self.file = Some(Spool::temporary()?);
            }
            if let Some(file) = self.file.as_mut() {
                file.write_all(&self.memory)?;
            }
            self.memory.clear();
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// JSON's pretty layout, with every control character of RULES.md section 9 escaped
/// (`\u001b`): serde_json escapes U+0000–U+001F itself but writes DEL and the C1
/// controls (U+0080–U+009F, which some terminals obey) raw. The value stays exact.
struct SafeJson(serde_json::ser::PrettyFormatter<'static>);

impl serde_json::ser::Formatter for SafeJson {
    fn write_string_fragment<W: ?Sized + Write>(&mut self, w: &mut W, fragment: &str) -> std::io::Result<()> {
        let mut rest = fragment;
        while let Some(at) = rest.find(crate::domain::text::is_control) {
            w.write_all(&rest.as_bytes()[..at])?;
            let c = rest[at..].chars().next().unwrap_or_default();
            write!(w, "\\u{:04x}", u32::from(c))?;
            rest = &rest[at + c.len_utf8()..];
        }
        w.write_all(rest.as_bytes())
    }
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// `value` as pretty JSON and a line end, control characters escaped.
fn write_json(out: &mut impl Write, value: &impl serde::Serialize) -> std::io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, SafeJson(serde_json::ser::PrettyFormatter::new()));
    value.serialize(&mut ser)?;
    writeln!(out)
}

/// A value as pretty JSON, on its own.
pub fn json(out: &mut impl Write, value: &impl serde::Serialize) -> Result<()> {
    write_json(out, value).map_err(stdout_error)
}

/// One line of text: what a change did (control characters made visible).
pub fn say(out: &mut impl Write, line: impl std::fmt::Display) -> Result<()> {
    writeln!(out, "{}", visible(&line.to_string())).map_err(stdout_error)
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
            Report::new(&columns, vec![row]).print(Format::Csv, out)
        }
        Format::Table => {
            let width = fields.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
            for (k, v) in &fields {
                writeln!(out, "{k:<width$}  {}", v.beside_name()).map_err(stdout_error)?;
            }
            if let Some(f) = footer {
                writeln!(out).map_err(stdout_error)?;
                write!(out, "{}", visible_lines(f)).map_err(stdout_error)?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::d;

    fn written(c: &Cell) -> String {
        let mut out = String::new();
        c.write_plain(&mut out);
        out
    }

    #[test]
    fn a_cell_written_by_hand_reads_as_its_plain_text() {
        let cells = [
            Cell::Money(Money::from_cents(0)),
            Cell::Money(Money::from_cents(5)),
            Cell::Money(Money::from_cents(-5)),
            Cell::Money(Money::from_cents(123_456_789)),
            Cell::Money(Money::from_cents(-100_000)),
            Cell::Money(Money::from_cents(i64::MIN)),
            Cell::Money(Money::from_cents(i64::MAX)),
            Cell::Int(0),
            Cell::Int(-17),
            Cell::Int(i64::MIN),
            Cell::Int(1_000_000),
            Cell::Date(d("2026-01-05")),
            Cell::Date(d("0026-11-30")),
            Cell::Date(NaiveDate::from_ymd_opt(12_345, 1, 1).unwrap()),
            Cell::Date(NaiveDate::from_ymd_opt(-1, 1, 1).unwrap()),
            Cell::Text("a,b".into()),
            Cell::Bool(true),
            Cell::Empty,
        ];
        for c in &cells {
            assert_eq!(written(c), c.plain(), "{c:?}");
        }
    }
}

#[cfg(test)]
mod spool_tests {
    use super::*;

    #[test]
    fn a_spooled_report_comes_out_whole_and_in_order_from_memory_or_a_file() {
        for size in [10, SPOOL_IN_MEMORY - 1, SPOOL_IN_MEMORY, 3 * SPOOL_IN_MEMORY + 17] {
            let data: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
            let mut spool = Spool::new();
            for chunk in data.chunks(4099) {
                spool.write_all(chunk).unwrap();
            }
            assert_eq!(spool.file.is_some(), size >= SPOOL_IN_MEMORY, "{size}");
            let mut out = Vec::new();
            spool.copy_to(&mut out).unwrap();
            assert!(out == data, "{size} bytes came out changed");
        }
    }

    #[test]
    fn a_report_that_fails_prints_nothing() {
        let mut out = Vec::new();
        let failed = stream(Format::Csv, &["a"], false, &mut out, |row| {
            row(vec![Cell::Int(1)])?;
            Err(Error::TooLarge { what: "account X".into() })
        });
        assert!(failed.is_err() && out.is_empty());
        stream(Format::Csv, &["a"], false, &mut out, |row| row(vec![Cell::Int(1)])).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "a\n1\n");
    }
}
