//! CSV imports of history (RULES.md section 7): all or nothing. The file is read and
//! every row validated and written inside one transaction; the first bad row rolls it
//! all back and is reported with file, line (the header is line 1), column and reason.
//! The file is read through `bounded_text::Bounded`, so memory stays bounded whatever
//! it holds (no line ends, NUL bytes, `/dev/zero`).

use super::bounded_text::{self, Bounded};
use super::documents::document_of_account;
use super::{audit, Change, Operator, Service};
use crate::domain::charge::{due_date, has_reserved_prefix};
use crate::domain::payment::RETURNED_CHECK_FEE;
use crate::domain::{ChargeKind, Money, PaymentMethod, Terms};
use crate::error::{Error, ImportError, Result};
use crate::store::{self, Tx};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::Path;
use std::str::FromStr;
use strum::VariantNames;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, strum::IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum ImportKind {
    Customers,
    Invoices,
    Payments,
    ReturnedChecks,
}

impl ImportKind {
    /// (required columns, optional columns)
    pub fn columns(self) -> (&'static [&'static str], &'static [&'static str]) {
        match self {
            ImportKind::Customers => {
                (&["account_no", "name"], &["state", "terms", "credit_limit", "annual_rate_cap_pct"])
            }
            ImportKind::Invoices => (&["doc_no", "account_no", "kind", "date", "amount"], &["due_date"]),
            ImportKind::Payments => (&["payment_ref", "account_no", "date", "method", "amount"], &["apply_to"]),
            ImportKind::ReturnedChecks => (&["payment_ref", "returned_date"], &["fee_waived"]),
        }
    }

    pub fn entity(self) -> &'static str {
        self.into()
    }
}

/// The longest field an import takes, in characters (a note's limit, RULES.md section 9).
pub const MAX_FIELD_CHARS: usize = 4_000;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ImportSummary {
    pub kind: &'static str,
    pub file: String,
    pub rows: u64,
}

/// The header of the file being read: which column holds which field.
struct Header {
    file: String,
    index: HashMap<String, usize>,
}

impl Header {
    fn error(&self, line: u64, column: &str, reason: impl Into<String>) -> ImportError {
        ImportError {
            file: self.file.clone(),
            line,
            column_no: self.index.get(column).map_or(0, |i| i + 1),
            column: column.to_string(),
            reason: reason.into(),
        }
    }
}

/// One data row, with the helpers that turn its text into values or errors.
struct Row<'a> {
    header: &'a Header,
    rec: &'a csv::StringRecord,
    line: u64,
}

type RowResult<T> = std::result::Result<T, ImportError>;

impl Row<'_> {
    fn err(&self, column: &str, reason: impl Into<String>) -> ImportError {
        self.header.error(self.line, column, reason)
    }

    /// The value, or `None` when the column is absent or the cell blank.
    fn get(&self, column: &str) -> Option<&str> {
        self.header.index.get(column).and_then(|&i| self.rec.get(i)).filter(|v| !v.is_empty())
    }

    /// No field longer than the longest text of RULES.md section 9 (a note, 4,000
    /// characters); each column's own, smaller limit is checked where it is parsed.
    fn within_limits(&self) -> RowResult<()> {
        let Some(i) = self.rec.iter().position(|v| v.chars().nth(MAX_FIELD_CHARS).is_some()) else {
            return Ok(());
        };
        let name = self.header.index.iter().find(|(_, &at)| at == i).map_or("", |(n, _)| n.as_str());
        Err(self.err(name, format!("is longer than {MAX_FIELD_CHARS} characters")))
    }

    fn required(&self, column: &str) -> RowResult<&str> {
        self.get(column).ok_or_else(|| self.err(column, "is required but blank"))
    }

    /// An account or document number, a reference: at most 64 characters, no control
    /// character.
    fn identifier(&self, column: &str) -> RowResult<&str> {
        crate::input::identifier(column, self.required(column)?).map_err(|e| self.err(column, e.reason))
    }

    /// A name or a state: at most 200 characters, no control character; blank is none.
    fn text(&self, column: &str) -> RowResult<Option<&str>> {
        crate::input::optional_text(column, self.get(column).unwrap_or("")).map_err(|e| self.err(column, e.reason))
    }

    fn date(&self, column: &str) -> RowResult<Option<NaiveDate>> {
        self.get(column).map(|v| crate::input::date(column, v).map_err(|e| self.err(column, e.reason))).transpose()
    }

    fn required_date(&self, column: &str) -> RowResult<NaiveDate> {
        self.required(column)?;
        self.date(column)?.ok_or_else(|| self.err(column, "is required but blank"))
    }

    fn amount(&self, column: &str) -> RowResult<Option<Money>> {
        self.get(column).map(|v| crate::input::amount(column, v).map_err(|e| self.err(column, e.reason))).transpose()
    }

    fn positive_amount(&self, column: &str) -> RowResult<Money> {
        let v = self.required(column)?;
        match self.amount(column)? {
            Some(m) if m.is_positive() => Ok(m),
            _ => Err(self.err(column, format!("{v:?} must be greater than zero"))),
        }
    }

    fn parsed<T: FromStr>(&self, column: &str, allowed: &str) -> RowResult<T> {
        let v = self.required(column)?;
        v.parse().map_err(|_| self.err(column, format!("{v:?} is not one of {allowed}")))
    }
}

impl Service {
    /// Imports one CSV file of `kind`, all or nothing.
    pub fn import(&mut self, kind: ImportKind, path: &Path) -> Result<ImportSummary> {
        let file = path.display().to_string();
        let opened = std::fs::File::open(path).map_err(|source| Error::File { path: path.to_path_buf(), source })?;
        let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(Bounded::new(opened));
        let header = read_header(&mut reader, kind, &file)?;
        self.transact(|tx, op| {
            let mut importer = Importer { tx, op, accounts: HashMap::new() };
            let mut rec = csv::StringRecord::new();
            let mut rows = 0u64;
            loop {
                match reader.read_record(&mut rec) {
                    Ok(false) => break,
                    Ok(true) => {}
                    Err(e) => return Err(csv_error(&header.file, e).into()),
                }
                let line = rec.position().map_or(rows + 2, |p| p.line());
                let row = Row { header: &header, rec: &rec, line };
                row.within_limits()?;
                match kind {
                    ImportKind::Customers => importer.customer(&row)?,
                    ImportKind::Invoices => importer.charge(&row)?,
                    ImportKind::Payments => importer.payment(&row)?,
                    ImportKind::ReturnedChecks => importer.returned_check(&row)?,
                }
                rows += 1;
            }
            let summary = ImportSummary { kind: kind.entity(), file: file.clone(), rows };
            audit(
                tx,
                op,
                &Change::of("import", kind.entity())
                    .key(&file)
                    .after(serde_json::json!({ "file": file, "rows": rows })),
            )?;
            Ok(summary)
        })
    }
}

fn csv_error(file: &str, e: csv::Error) -> ImportError {
    let mut line = e.position().map_or(0, |p| p.line());
    let reason = match e.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("has {len} fields where the header has {expected_len}")
        }
        csv::ErrorKind::Utf8 { .. } => "is not valid UTF-8 text".to_string(),
        csv::ErrorKind::Io(io) => match bounded_text::refusal(io) {
            Some(refused) => {
                line = refused.line;
                refused.reason.clone()
            }
            None => format!("cannot be read: {io}"),
        },
        _ => e.to_string(),
    };
    ImportError { file: file.to_string(), line, column_no: 0, column: String::new(), reason }
}

fn read_header(reader: &mut csv::Reader<impl std::io::Read>, kind: ImportKind, file: &str) -> Result<Header> {
    let header_error = |column_no: usize, column: &str, reason: String| ImportError {
        file: file.to_string(),
        line: 1,
        column_no,
        column: column.to_string(),
        reason,
    };
    let names: Vec<String> = reader
        .headers()
        .map_err(|e| {
            let mut refused = csv_error(file, e);
            refused.reason = format!("cannot read the header: {}", refused.reason);
            refused.line = refused.line.max(1);
            refused
        })?
        .iter()
        .map(str::to_string)
        .collect();
    let (required, optional) = kind.columns();
    let mut index = HashMap::new();
    for (i, name) in names.iter().enumerate() {
        if !required.contains(&name.as_str()) && !optional.contains(&name.as_str()) {
            return Err(header_error(
                i + 1,
                name,
                format!("unknown column for {} (expected {})", kind.entity(), [required, optional].concat().join(", ")),
            )
            .into());
        }
        if index.insert(name.clone(), i).is_some() {
            return Err(header_error(i + 1, name, "appears twice in the header".to_string()).into());
        }
    }
    if let Some(missing) = required.iter().find(|c| !index.contains_key(**c)) {
        return Err(header_error(0, missing, format!("required column {missing} is missing from the header")).into());
    }
    Ok(Header { file: file.to_string(), index })
}

struct Importer<'t, 'c> {
    tx: &'t Tx<'c>,
    op: &'t Operator,
    /// account_no → (id, terms), looked up once per account.
    accounts: HashMap<String, (i64, Terms)>,
}

impl Importer<'_, '_> {
    fn account(&mut self, row: &Row<'_>) -> Result<(i64, Terms)> {
        let no = row.identifier("account_no")?;
        if let Some(found) = self.accounts.get(no) {
            return Ok(*found);
        }
        let found = store::accounts::by_no(self.tx, no)?;
        let account = found.ok_or_else(|| row.err("account_no", format!("unknown account {no:?}")))?;
        let (id, terms) = (account.id, account.terms);
        self.accounts.insert(no.to_string(), (id, terms));
        Ok((id, terms))
    }

    fn customer(&mut self, row: &Row<'_>) -> Result<()> {
        let no = row.identifier("account_no")?;
        row.required("name")?;
        let name = row.text("name")?.unwrap_or_default();
        if store::accounts::exists(self.tx, no)? {
            return Err(row.err("account_no", format!("account {no:?} already exists")).into());
        }
        let terms = match row.get("terms") {
            None => Terms::Prepay,
            Some(_) => row.parsed::<Terms>("terms", &Terms::VARIANTS.join(", "))?,
        };
        let limit = row.amount("credit_limit")?.unwrap_or(Money::ZERO);
        let cap = row
            .get("annual_rate_cap_pct")
            .map(|v| {
                crate::input::percent("annual_rate_cap_pct", v).map_err(|_| {
                    row.err("annual_rate_cap_pct", format!("{v:?} is not a percentage ≥ 0 (like 12 or 10.5)"))
                })
            })
            .transpose()?;
        store::accounts::insert_imported(self.tx, no, name, row.text("state")?, terms, limit, cap)
    }

    fn charge(&mut self, row: &Row<'_>) -> Result<()> {
        let doc = row.identifier("doc_no")?;
        if has_reserved_prefix(doc) {
            return Err(row
                .err("doc_no", format!("{doc:?}: the prefixes FC- and RCF- are reserved for derived charges"))
                .into());
        }
        let (account_id, terms) = self.account(row)?;
        let importable = ChargeKind::IMPORTED.map(ChargeKind::as_str).join(", ");
        let kind: ChargeKind = row.parsed("kind", &importable)?;
        if kind.is_derived() {
            return Err(row.err("kind", format!("{kind} charges are derived by the rules, never imported")).into());
        }
        let date = row.required_date("date")?;
        let amount = row.positive_amount("amount")?;
        let explicit = row.date("due_date")?;
        if explicit.is_some_and(|d| d < date) {
            return Err(row.err("due_date", format!("is before the charge's date {date}")).into());
        }
        if store::ledger::doc_exists(self.tx, doc)? {
            return Err(row.err("doc_no", format!("document {doc:?} already exists")).into());
        }
        let due = due_date(kind, date, terms, explicit);
        store::ledger::insert_charge(
            self.tx,
            &store::ledger::NewCharge { doc_no: doc, account_id, kind, date, due, amount, memo: None },
        )
    }

    fn payment(&mut self, row: &Row<'_>) -> Result<()> {
        let reference = row.identifier("payment_ref")?;
        let (account_id, _) = self.account(row)?;
        let date = row.required_date("date")?;
        let method: PaymentMethod = row.parsed("method", &PaymentMethod::VARIANTS.join(", "))?;
        let amount = row.positive_amount("amount")?;
        let apply_to = row.get("apply_to");
        if let Some(doc) = apply_to {
            if !document_of_account(self.tx, account_id, doc)? {
                let account_no = row.get("account_no").unwrap_or_default();
                return Err(row.err("apply_to", format!("{doc:?} is not a document of account {account_no}")).into());
            }
        }
        if store::ledger::payment_exists(self.tx, reference)? {
            return Err(row.err("payment_ref", format!("payment reference {reference:?} already exists")).into());
        }
        store::ledger::insert_payment(
            self.tx,
            &store::ledger::NewPayment { reference, account_id, date, method, amount, apply_to },
        )
    }

    fn returned_check(&mut self, row: &Row<'_>) -> Result<()> {
        let reference = row.identifier("payment_ref")?;
        let payment = store::ledger::payment_by_ref(self.tx, reference)?
            .ok_or_else(|| row.err("payment_ref", format!("unknown payment {reference:?}")))?;
        if payment.void.is_some() {
            return Err(row.err("payment_ref", format!("payment {reference} is void: it cannot be returned")).into());
        }
        let (payment_id, paid_on, method) = (payment.id, payment.date, payment.method);
        if !method.parse::<PaymentMethod>().is_ok_and(PaymentMethod::can_be_returned) {
            return Err(row
                .err(
                    "payment_ref",
                    format!(
                        "payment {reference} was made by {method}; only a CHECK or CERTIFIED_CHECK can be returned"
                    ),
                )
                .into());
        }
        let returned = row.required_date("returned_date")?;
        if returned.to_string() < paid_on {
            return Err(row.err("returned_date", format!("is before the payment's date {paid_on}")).into());
        }
        let earlier = store::ledger::returned_on(self.tx, payment_id)?;
        if let Some(on) = earlier {
            return Err(row.err("payment_ref", format!("payment {reference} was already returned on {on}")).into());
        }
        let waived = match row.get("fee_waived").map(str::to_ascii_lowercase).as_deref() {
            None | Some("false") => false,
            Some("true") => true,
            Some(_) => return Err(row.err("fee_waived", "must be true or false").into()),
        };
        if waived && !self.op.role.may(super::Act::WaiveReturnedCheckFee) {
            return Err(row
                .err(
                    "fee_waived",
                    format!("only a manager may waive the returned-check fee; {} is a clerk", self.op.name),
                )
                .into());
        }
        store::ledger::insert_returned_check(
            self.tx,
            &store::ledger::NewReturnedCheck {
                payment_id,
                returned_date: returned,
                fee: RETURNED_CHECK_FEE,
                fee_waived: waived,
                waived_by: waived.then_some(self.op.name.as_str()),
                waiver_reason: waived.then_some("waived in imported history"),
                recorded_by: &self.op.name,
            },
        )
    }
}
