//! The PostgreSQL side of the door: a session and the statements it has prepared,
//! values to and from the server's types, and a statement in PostgreSQL's spelling.

use super::{DbError, Result, ValueRef};
use std::cell::RefCell;
use std::collections::HashMap;

/// A PostgreSQL column as one of the five kinds of value.
pub(super) fn value(row: &postgres::Row, i: usize) -> Result<ValueRef<'_>> {
    use postgres::types::Type;
    let column = row.columns().get(i).ok_or_else(|| DbError::Value(format!("no column {i}")))?;
    let ty = column.type_();
    let v = match *ty {
        Type::INT8 => row.try_get::<_, Option<i64>>(i)?.map(ValueRef::Integer),
        Type::INT4 => row.try_get::<_, Option<i32>>(i)?.map(|v| ValueRef::Integer(v.into())),
        Type::INT2 => row.try_get::<_, Option<i16>>(i)?.map(|v| ValueRef::Integer(v.into())),
        Type::BOOL => row.try_get::<_, Option<bool>>(i)?.map(|v| ValueRef::Integer(v.into())),
        Type::FLOAT8 => row.try_get::<_, Option<f64>>(i)?.map(ValueRef::Real),
        Type::FLOAT4 => row.try_get::<_, Option<f32>>(i)?.map(|v| ValueRef::Real(v.into())),
        Type::NUMERIC => match row.try_get::<_, Option<rust_decimal::Decimal>>(i)? {
            None => None,
            Some(d) if d.fract().is_zero() => {
                use rust_decimal::prelude::ToPrimitive;
                Some(ValueRef::Integer(d.to_i64().ok_or_else(|| DbError::Value(format!("{d} is out of range")))?))
            }
            Some(d) => {
                use rust_decimal::prelude::ToPrimitive;
                Some(ValueRef::Real(d.to_f64().unwrap_or(f64::NAN)))
            }
        },
        Type::VOID => None,
        Type::BYTEA => row.try_get::<_, Option<&[u8]>>(i)?.map(ValueRef::Blob),
        _ => row.try_get::<_, Option<&str>>(i)?.map(|t| ValueRef::Text(t.as_bytes())),
    };
    Ok(v.unwrap_or(ValueRef::Null))
}

impl postgres::types::ToSql for ValueRef<'_> {
    fn to_sql(
        &self,
        ty: &postgres::types::Type,
        out: &mut bytes::BytesMut,
    ) -> std::result::Result<postgres::types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        use postgres::types::{IsNull, Type};
        let wrong = || format!("{self:?} cannot be a parameter of type {ty}");
        match (*self, ty) {
            (ValueRef::Null, _) => Ok(IsNull::Yes),
            (ValueRef::Integer(i), &Type::INT8) => i.to_sql(ty, out),
            (ValueRef::Integer(i), &Type::INT4) => i32::try_from(i)?.to_sql(ty, out),
            (ValueRef::Integer(i), &Type::INT2) => i16::try_from(i)?.to_sql(ty, out),
            (ValueRef::Integer(i), &Type::BOOL) => (i != 0).to_sql(ty, out),
            (ValueRef::Integer(i), &Type::FLOAT8) => (i as f64).to_sql(ty, out),
            (ValueRef::Integer(i), &Type::NUMERIC) => rust_decimal::Decimal::from(i).to_sql(ty, out),
            (ValueRef::Integer(i), &Type::TEXT | &Type::VARCHAR) => i.to_string().as_str().to_sql(ty, out),
            (ValueRef::Real(r), &Type::FLOAT8) => r.to_sql(ty, out),
            (ValueRef::Real(r), &Type::FLOAT4) => (r as f32).to_sql(ty, out),
            (ValueRef::Text(t), &Type::TEXT | &Type::VARCHAR | &Type::BPCHAR | &Type::NAME | &Type::UNKNOWN) => {
                std::str::from_utf8(t)?.to_sql(&Type::TEXT, out)
            }
            (ValueRef::Text(t), &Type::NUMERIC) => {
                std::str::from_utf8(t)?.parse::<rust_decimal::Decimal>()?.to_sql(ty, out)
            }
            (ValueRef::Text(t) | ValueRef::Blob(t), &Type::BYTEA) => t.to_sql(ty, out),
            _ => Err(wrong().into()),
        }
    }

    fn accepts(_: &postgres::types::Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

/// A PostgreSQL session, with the statements it has prepared.
pub struct PgConn {
    client: RefCell<postgres::Client>,
    prepared: RefCell<HashMap<String, postgres::Statement>>,
    /// Where it connected (for a second session).
    pub url: String,
    /// Notifications of other sessions' changes received so far (`None`: not listening).
    heard: std::cell::Cell<Option<i64>>,
    /// Whether a transaction is open (begun by `batch("BEGIN …")`).
    in_transaction: std::cell::Cell<bool>,
}

impl PgConn {
    pub fn new(client: postgres::Client, url: &str) -> PgConn {
        PgConn {
            client: RefCell::new(client),
            prepared: RefCell::new(HashMap::new()),
            url: url.to_string(),
            heard: std::cell::Cell::new(None),
            in_transaction: std::cell::Cell::new(false),
        }
    }

    /// A number that moves when another session commits a change to the book: the
    /// count of the audit log's notifications heard (listening from the first call).
    pub fn changes_heard(&self) -> Result<i64> {
        let heard = match self.heard.get() {
            Some(n) => n,
            None => {
                self.batch("LISTEN creditdesk")?;
                0
            }
        };
        let mut client = self.client.borrow_mut();
        let mut notifications = client.notifications();
        // A short wait turns the connection's reactor (`iter()` alone may miss what
        // has arrived).
        let mut iter = notifications.timeout_iter(std::time::Duration::from_millis(5));
        use postgres::fallible_iterator::FallibleIterator;
        let mut n = heard;
        while iter.next()?.is_some() {
            n += 1;
        }
        self.heard.set(Some(n));
        Ok(n)
    }

    /// The statement `sql` prepared (once per session). Where the server cannot tell a
    /// parameter's type from the statement alone (`?1 IS NULL OR x = ?1`), the types of
    /// the first values it runs with say it (a NULL as text).
    fn statement(&self, sql: &str, params: &[ValueRef<'_>]) -> Result<postgres::Statement> {
        use postgres::error::SqlState;
        use postgres::types::Type;
        if let Some(stmt) = self.prepared.borrow().get(sql) {
            return Ok(stmt.clone());
        }
        let text = pg_sql(sql);
        // A statement the server refuses aborts the open transaction: a savepoint keeps
        // it, for the second try.
        let guard = self.in_transaction.get();
        if guard {
            self.client.borrow_mut().batch_execute("SAVEPOINT creditdesk_prepare")?;
        }
        let prepared = self.client.borrow_mut().prepare(&text);
        if guard {
            let end = if prepared.is_ok() { "" } else { "ROLLBACK TO SAVEPOINT creditdesk_prepare; " };
            self.client.borrow_mut().batch_execute(&format!("{end}RELEASE SAVEPOINT creditdesk_prepare"))?;
        }
        let stmt = match prepared {
            Err(e)
                if [Some(&SqlState::INDETERMINATE_DATATYPE), Some(&SqlState::AMBIGUOUS_PARAMETER)]
                    .contains(&e.code()) =>
            {
                let types: Vec<Type> = params
                    .iter()
                    .map(|p| match p {
                        ValueRef::Integer(_) => Type::INT8,
                        ValueRef::Real(_) => Type::FLOAT8,
                        ValueRef::Blob(_) => Type::BYTEA,
                        ValueRef::Null | ValueRef::Text(_) => Type::TEXT,
                    })
                    .collect();
                self.client.borrow_mut().prepare_typed(&text, &types)?
            }
            other => other?,
        };
        self.prepared.borrow_mut().insert(sql.to_string(), stmt.clone());
        Ok(stmt)
    }

    pub(super) fn run(&self, sql: &str, params: &[ValueRef<'_>]) -> Result<Vec<postgres::Row>> {
        let stmt = self.statement(sql, params)?;
        let refs: Vec<&(dyn postgres::types::ToSql + Sync)> = params.iter().map(|p| p as _).collect();
        Ok(self.client.borrow_mut().query(&stmt, &refs)?)
    }

    pub(super) fn execute(&self, sql: &str, params: &[ValueRef<'_>]) -> Result<usize> {
        let stmt = self.statement(sql, params)?;
        let refs: Vec<&(dyn postgres::types::ToSql + Sync)> = params.iter().map(|p| p as _).collect();
        Ok(self.client.borrow_mut().execute(&stmt, &refs)? as usize)
    }

    /// Statements without parameters, one after the other (a migration, `BEGIN`).
    pub fn batch(&self, sql: &str) -> Result<()> {
        let done = self.client.borrow_mut().batch_execute(sql);
        let word = sql.split_whitespace().next().unwrap_or_default().to_ascii_uppercase();
        match word.as_str() {
            "BEGIN" => self.in_transaction.set(done.is_ok()),
            "COMMIT" | "ROLLBACK" => self.in_transaction.set(false),
            _ => {}
        }
        Ok(done?)
    }

    /// The client itself, for what only PostgreSQL has (notifications).
    pub fn client(&self) -> std::cell::RefMut<'_, postgres::Client> {
        self.client.borrow_mut()
    }
}

/// A statement in PostgreSQL's spelling: `?N` parameters become `$N` (text in quotes
/// and quoted names are left as they are), and SQLite's `CROSS JOIN … ON` (a join that
/// keeps its order) is a plain `JOIN`, and `instr` (where a text is found in another)
/// is `strpos`.
fn pg_sql(sql: &str) -> String {
    let sql = sql.replace("CROSS JOIN", "JOIN").replace("instr(", "strpos(");
    let mut out = String::with_capacity(sql.len() + 8);
    let mut quote: Option<char> = None;
    for c in sql.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => {
                quote = None;
                out.push(c);
            }
            (Some(_), c) => out.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                out.push(c);
            }
            (None, '?') => out.push('$'),
            (None, c) => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_become_dollars_outside_quotes() {
        assert_eq!(
            pg_sql("SELECT a FROM t WHERE b = ?1 AND c = '?2' AND \"d?\" = ?12"),
            "SELECT a FROM t WHERE b = $1 AND c = '?2' AND \"d?\" = $12"
        );
        assert_eq!(pg_sql("x = 'it''s ?' OR y = ?3"), "x = 'it''s ?' OR y = $3");
    }

    #[test]
    fn sqlite_spellings_become_postgresql_ones() {
        assert_eq!(
            pg_sql("SELECT 1 FROM a CROSS JOIN c ON c.a = a.id WHERE instr(lower(x), ?1) > 0"),
            "SELECT 1 FROM a JOIN c ON c.a = a.id WHERE strpos(lower(x), $1) > 0"
        );
    }
}
