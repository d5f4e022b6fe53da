//! The one door to the two database engines: SQLite (the file, embedded) and PostgreSQL
//! (a server shared by several desks). The table files write their SQL once, with
//! SQLite's numbered parameters (`?1`), in the part of SQL both engines speak; for
//! PostgreSQL the parameters become `$1` when a statement is first prepared. Values
//! travel as the few types both know: NULL, integer, real, text, bytes.
//!
//! The shape follows rusqlite's (prepare, query, rows, `get`), so the table files read as
//! they did when SQLite was the only engine.

mod pg;

pub use pg::PgConn;

/// What a statement or a value conversion reported.
#[derive(Debug)]
pub enum DbError {
    /// A query that should return a row returned none.
    NoRows,
    Lite(rusqlite::Error),
    Pg(postgres::Error),
    /// A column held what its reader cannot take (damaged or foreign data).
    Value(String),
}

pub type Result<T, E = DbError> = std::result::Result<T, E>;

impl std::fmt::Display for DbError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DbError::NoRows => f.write_str("the query returned no row"),
            DbError::Lite(e) => e.fmt(f),
            DbError::Pg(e) => match e.as_db_error() {
                Some(db) => write!(f, "{} ({})", db.message(), db.code().code()),
                None => match std::error::Error::source(e) {
                    Some(cause) => write!(f, "{e}: {cause}"),
                    None => e.fmt(f),
                },
            },
            DbError::Value(what) => write!(f, "unreadable value: {what}"),
        }
    }
}

impl std::error::Error for DbError {}

impl From<rusqlite::Error> for DbError {
    fn from(e: rusqlite::Error) -> DbError {
        match e {
            rusqlite::Error::QueryReturnedNoRows => DbError::NoRows,
            e => DbError::Lite(e),
        }
    }
}

impl From<postgres::Error> for DbError {
    fn from(e: postgres::Error) -> DbError {
        DbError::Pg(e)
    }
}

/// `.optional()`: a query's "no row" as `None`.
pub trait OptionalExtension<T> {
    fn optional(self) -> Result<Option<T>>;
}

impl<T> OptionalExtension<T> for Result<T> {
    fn optional(self) -> Result<Option<T>> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(DbError::NoRows) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// A value as a column holds it, or as a parameter carries it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ValueRef<'a> {
    Null,
    Integer(i64),
    Real(f64),
    Text(&'a [u8]),
    Blob(&'a [u8]),
}

impl<'a> ValueRef<'a> {
    pub fn as_str(&self) -> Result<&'a str> {
        match *self {
            ValueRef::Text(t) => std::str::from_utf8(t).map_err(|_| DbError::Value("text that is not UTF-8".into())),
            other => Err(DbError::Value(format!("{other:?} where text was expected"))),
        }
    }

    pub fn as_str_or_null(&self) -> Result<Option<&'a str>> {
        match self {
            ValueRef::Null => Ok(None),
            v => v.as_str().map(Some),
        }
    }

    pub fn as_bytes(&self) -> Result<&'a [u8]> {
        match *self {
            ValueRef::Text(b) | ValueRef::Blob(b) => Ok(b),
            other => Err(DbError::Value(format!("{other:?} where text was expected"))),
        }
    }
}

impl<'a> From<rusqlite::types::ValueRef<'a>> for ValueRef<'a> {
    fn from(v: rusqlite::types::ValueRef<'a>) -> ValueRef<'a> {
        use rusqlite::types::ValueRef as V;
        match v {
            V::Null => ValueRef::Null,
            V::Integer(i) => ValueRef::Integer(i),
            V::Real(r) => ValueRef::Real(r),
            V::Text(t) => ValueRef::Text(t),
            V::Blob(b) => ValueRef::Blob(b),
        }
    }
}

impl rusqlite::ToSql for ValueRef<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::ValueRef as V;
        Ok(rusqlite::types::ToSqlOutput::Borrowed(match *self {
            ValueRef::Null => V::Null,
            ValueRef::Integer(i) => V::Integer(i),
            ValueRef::Real(r) => V::Real(r),
            ValueRef::Text(t) => V::Text(t),
            ValueRef::Blob(b) => V::Blob(b),
        }))
    }
}

/// A parameter of a statement.
pub trait ToParam {
    fn to_param(&self) -> ValueRef<'_>;
}

impl ToParam for i64 {
    fn to_param(&self) -> ValueRef<'_> {
        ValueRef::Integer(*self)
    }
}

macro_rules! small_integers {
    ($($t:ty),*) => {$(
        impl ToParam for $t {
            fn to_param(&self) -> ValueRef<'_> {
                ValueRef::Integer(i64::from(*self))
            }
        }
    )*};
}
small_integers!(i32, u32, i16, u16, u8);

impl ToParam for bool {
    fn to_param(&self) -> ValueRef<'_> {
        ValueRef::Integer(i64::from(*self))
    }
}

impl ToParam for f64 {
    fn to_param(&self) -> ValueRef<'_> {
        ValueRef::Real(*self)
    }
}

impl ToParam for str {
    fn to_param(&self) -> ValueRef<'_> {
        ValueRef::Text(self.as_bytes())
    }
}

impl ToParam for String {
    fn to_param(&self) -> ValueRef<'_> {
        ValueRef::Text(self.as_bytes())
    }
}

impl ToParam for [u8] {
    fn to_param(&self) -> ValueRef<'_> {
        ValueRef::Blob(self)
    }
}

impl ToParam for Vec<u8> {
    fn to_param(&self) -> ValueRef<'_> {
        ValueRef::Blob(self.as_slice())
    }
}

impl ToParam for ValueRef<'_> {
    fn to_param(&self) -> ValueRef<'_> {
        *self
    }
}

impl<T: ToParam + ?Sized> ToParam for &T {
    fn to_param(&self) -> ValueRef<'_> {
        (**self).to_param()
    }
}

impl<T: ToParam> ToParam for Option<T> {
    fn to_param(&self) -> ValueRef<'_> {
        match self {
            Some(v) => v.to_param(),
            None => ValueRef::Null,
        }
    }
}

/// The parameters of one execution: `params![a, b]`, `[a, b]` or `()`.
pub trait Params {
    fn values(&self) -> Vec<ValueRef<'_>>;
}

impl Params for () {
    fn values(&self) -> Vec<ValueRef<'_>> {
        Vec::new()
    }
}

impl Params for &[&dyn ToParam] {
    fn values(&self) -> Vec<ValueRef<'_>> {
        self.iter().map(|p| p.to_param()).collect()
    }
}

impl<T: ToParam, const N: usize> Params for [T; N] {
    fn values(&self) -> Vec<ValueRef<'_>> {
        self.iter().map(|p| p.to_param()).collect()
    }
}

impl<T: ToParam> Params for Vec<T> {
    fn values(&self) -> Vec<ValueRef<'_>> {
        self.iter().map(|p| p.to_param()).collect()
    }
}

/// `params![a, b, c]`: parameters of different types.
#[macro_export]
macro_rules! params {
    () => { () };
    ($($p:expr),+ $(,)?) => { &[$(&$p as &dyn $crate::store::db::ToParam),+] as &[&dyn $crate::store::db::ToParam] };
}
pub use crate::params;

/// A column read as a Rust value.
pub trait FromColumn: Sized {
    fn from_column(v: ValueRef<'_>) -> Result<Self>;
}

impl FromColumn for i64 {
    fn from_column(v: ValueRef<'_>) -> Result<i64> {
        match v {
            ValueRef::Integer(i) => Ok(i),
            other => Err(DbError::Value(format!("{other:?} where an integer was expected"))),
        }
    }
}

impl FromColumn for i32 {
    fn from_column(v: ValueRef<'_>) -> Result<i32> {
        let i = i64::from_column(v)?;
        i32::try_from(i).map_err(|_| DbError::Value(format!("{i} is out of range")))
    }
}

impl FromColumn for u32 {
    fn from_column(v: ValueRef<'_>) -> Result<u32> {
        let i = i64::from_column(v)?;
        u32::try_from(i).map_err(|_| DbError::Value(format!("{i} is out of range")))
    }
}

impl FromColumn for bool {
    fn from_column(v: ValueRef<'_>) -> Result<bool> {
        Ok(i64::from_column(v)? != 0)
    }
}

impl FromColumn for f64 {
    fn from_column(v: ValueRef<'_>) -> Result<f64> {
        match v {
            ValueRef::Real(r) => Ok(r),
            ValueRef::Integer(i) => Ok(i as f64),
            other => Err(DbError::Value(format!("{other:?} where a number was expected"))),
        }
    }
}

impl FromColumn for String {
    fn from_column(v: ValueRef<'_>) -> Result<String> {
        v.as_str().map(str::to_string)
    }
}

impl FromColumn for Vec<u8> {
    fn from_column(v: ValueRef<'_>) -> Result<Vec<u8>> {
        v.as_bytes().map(<[u8]>::to_vec)
    }
}

impl<T: FromColumn> FromColumn for Option<T> {
    fn from_column(v: ValueRef<'_>) -> Result<Option<T>> {
        match v {
            ValueRef::Null => Ok(None),
            v => T::from_column(v).map(Some),
        }
    }
}

/// A column's position (rusqlite's `get::<_, T>(i)` spelling stays).
pub trait ColumnIndex {
    fn index(self) -> usize;
}

impl ColumnIndex for usize {
    fn index(self) -> usize {
        self
    }
}

/// One row of a result.
#[derive(Clone, Copy)]
pub enum Row<'r> {
    Lite(&'r rusqlite::Row<'r>),
    Pg(&'r postgres::Row),
}

impl<'r> Row<'r> {
    pub fn get<I: ColumnIndex, T: FromColumn>(&self, i: I) -> Result<T> {
        T::from_column(self.get_ref(i.index())?)
    }

    pub fn get_ref(&self, i: usize) -> Result<ValueRef<'r>> {
        match *self {
            Row::Lite(r) => Ok(r.get_ref(i)?.into()),
            Row::Pg(r) => pg::value(r, i),
        }
    }
}

/// A connection to either engine.
pub enum Conn {
    Lite(rusqlite::Connection),
    Pg(Box<PgConn>),
}

impl Conn {
    pub fn prepare_cached(&self, sql: &str) -> Result<Stmt<'_>> {
        Ok(match self {
            Conn::Lite(c) => Stmt::LiteCached(c.prepare_cached(sql)?),
            Conn::Pg(c) => Stmt::Pg(c, sql.to_string()),
        })
    }

    /// A statement run once or rarely (not kept in the cache).
    pub fn prepare(&self, sql: &str) -> Result<Stmt<'_>> {
        Ok(match self {
            Conn::Lite(c) => Stmt::Lite(c.prepare(sql)?),
            Conn::Pg(c) => Stmt::Pg(c, sql.to_string()),
        })
    }

    pub fn execute<P: Params>(&self, sql: &str, params: P) -> Result<usize> {
        self.prepare_cached(sql)?.execute(params)
    }

    pub fn query_row<T, P: Params, F: FnOnce(&Row<'_>) -> Result<T>>(&self, sql: &str, params: P, f: F) -> Result<T> {
        self.prepare_cached(sql)?.query_row(params, f)
    }

    /// Statements without parameters, one after the other.
    pub fn execute_batch(&self, sql: &str) -> Result<()> {
        match self {
            Conn::Lite(c) => Ok(c.execute_batch(sql)?),
            Conn::Pg(c) => c.batch(sql),
        }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, Conn::Pg(_))
    }
}

/// A prepared statement.
pub enum Stmt<'c> {
    Lite(rusqlite::Statement<'c>),
    LiteCached(rusqlite::CachedStatement<'c>),
    /// Prepared when first run (`PgConn::statement`).
    Pg(&'c PgConn, String),
}

fn bind(stmt: &mut rusqlite::Statement<'_>, values: &[ValueRef<'_>]) -> Result<()> {
    let expected = stmt.parameter_count();
    if values.len() != expected {
        return Err(DbError::Lite(rusqlite::Error::InvalidParameterCount(values.len(), expected)));
    }
    for (i, v) in values.iter().enumerate() {
        stmt.raw_bind_parameter(i + 1, v)?;
    }
    Ok(())
}

impl<'c> Stmt<'c> {
    fn lite(&mut self) -> Option<&mut rusqlite::Statement<'c>> {
        match self {
            Stmt::Lite(s) => Some(s),
            Stmt::LiteCached(s) => Some(s),
            Stmt::Pg(..) => None,
        }
    }

    pub fn execute<P: Params>(&mut self, params: P) -> Result<usize> {
        let values = params.values();
        if let Stmt::Pg(c, s) = self {
            return c.execute(s, &values);
        }
        let s = self.lite().expect("a SQLite statement");
        bind(s, &values)?;
        Ok(s.raw_execute()?)
    }

    pub fn query<P: Params>(&mut self, params: P) -> Result<Rows<'_>> {
        let values = params.values();
        if let Stmt::Pg(c, s) = self {
            return Ok(Rows::Pg(c.run(s, &values)?.into_iter(), None));
        }
        let s = self.lite().expect("a SQLite statement");
        bind(s, &values)?;
        Ok(Rows::Lite(s.raw_query()))
    }

    pub fn query_map<T, P: Params, F: FnMut(&Row<'_>) -> Result<T>>(
        &mut self,
        params: P,
        f: F,
    ) -> Result<MappedRows<'_, F>> {
        Ok(MappedRows { rows: self.query(params)?, f })
    }

    /// Every row, each read by the function, gathered (in a `Vec`, a map, a set).
    pub fn query_all<T, C: FromIterator<T>, P: Params, F: FnMut(&Row<'_>) -> Result<T>>(
        &mut self,
        params: P,
        f: F,
    ) -> Result<C> {
        self.query_map(params, f)?.collect()
    }

    pub fn query_row<T, P: Params, F: FnOnce(&Row<'_>) -> Result<T>>(&mut self, params: P, f: F) -> Result<T> {
        let mut rows = self.query(params)?;
        match rows.next()? {
            Some(row) => f(&row),
            None => Err(DbError::NoRows),
        }
    }

    pub fn exists<P: Params>(&mut self, params: P) -> Result<bool> {
        Ok(self.query(params)?.next()?.is_some())
    }
}

/// The rows of a query: read as they are asked for from SQLite; from PostgreSQL, all
/// at once.
pub enum Rows<'s> {
    Lite(rusqlite::Rows<'s>),
    Pg(std::vec::IntoIter<postgres::Row>, Option<postgres::Row>),
}

impl Rows<'_> {
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<Option<Row<'_>>> {
        match self {
            Rows::Lite(rows) => Ok(rows.next()?.map(Row::Lite)),
            Rows::Pg(rows, current) => {
                *current = rows.next();
                Ok(current.as_ref().map(Row::Pg))
            }
        }
    }
}

/// `query_map`'s rows, each read by the function.
pub struct MappedRows<'s, F> {
    rows: Rows<'s>,
    f: F,
}

impl<T, F: FnMut(&Row<'_>) -> Result<T>> Iterator for MappedRows<'_, F> {
    type Item = Result<T>;
    fn next(&mut self) -> Option<Result<T>> {
        match self.rows.next() {
            Ok(Some(row)) => Some((self.f)(&row)),
            Ok(None) => None,
            Err(e) => Some(Err(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sqlite_statement_binds_reads_and_counts_its_parameters() {
        let conn = Conn::Lite(rusqlite::Connection::open_in_memory().unwrap());
        conn.execute_batch("CREATE TABLE t (a INTEGER, b TEXT, c REAL)").unwrap();
        let none: Option<&str> = None;
        assert_eq!(conn.execute("INSERT INTO t VALUES (?1, ?2, ?3)", params![7i64, "x", 1.5f64]).unwrap(), 1);
        conn.execute("INSERT INTO t VALUES (?1, ?2, NULL)", params![8i64, none]).unwrap();
        let rows: Vec<(i64, Option<String>)> = conn
            .prepare("SELECT a, b FROM t ORDER BY a")
            .unwrap()
            .query_map((), |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_>>()
            .unwrap();
        assert_eq!(rows, vec![(7, Some("x".into())), (8, None)]);
        assert!(matches!(conn.execute("INSERT INTO t VALUES (?1, ?2, ?3)", [1i64]), Err(DbError::Lite(_))));
        assert!(matches!(
            conn.query_row("SELECT a FROM t WHERE a = 9", (), |r| r.get::<_, i64>(0)),
            Err(DbError::NoRows)
        ));
        assert_eq!(conn.query_row("SELECT a FROM t WHERE a = 9", (), |r| r.get::<_, i64>(0)).optional().unwrap(), None);
        assert!(matches!(
            conn.query_row("SELECT b FROM t WHERE a = 7", (), |r| r.get::<_, i64>(0)),
            Err(DbError::Value(_))
        ));
    }
}
