//! Helpers shared by the integration tests: run the real binary on a scratch database.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_creditdesk");

/// A day written `YYYY-MM-DD` in a test, which must be one.
pub fn day(s: &str) -> chrono::NaiveDate {
    creditdesk::domain::dates::parse_iso(s).unwrap()
}

pub fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/examples")
}

/// A change to an example file's text: (file name, text) → text.
type FileEdit<'a> = dyn Fn(&str, &str) -> String + 'a;

pub struct Db {
    pub dir: tempfile::TempDir,
    /// The SQLite file, or the PostgreSQL book's URL (with the administrator's login).
    pub path: PathBuf,
    pub pg: Option<PgBook>,
}

/// Where a test's book lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The PostgreSQL server the tests may use: `CREDITDESK_TEST_PG`, an administrator's
/// URL (for instance postgresql://admin@%2Ftmp%2Fpg/postgres). With
/// `CREDITDESK_REQUIRE_PG` set (CI), its absence fails the test rather than skip it.
pub fn pg_server() -> Option<String> {
    let url = std::env::var("CREDITDESK_TEST_PG").ok().filter(|s| !s.is_empty());
    if url.is_none() && std::env::var_os("CREDITDESK_REQUIRE_PG").is_some() {
        panic!("CREDITDESK_REQUIRE_PG is set but CREDITDESK_TEST_PG names no PostgreSQL server");
    }
    url
}

/// SQLite, and PostgreSQL when the tests have a server.
pub fn backends() -> Vec<Backend> {
    let mut all = vec![Backend::Sqlite];
    if pg_server().is_some() {
        all.push(Backend::Postgres);
    }
    all
}

/// `url` with `login` as its user.
pub fn with_login(url: &str, login: &str) -> String {
    let (scheme, rest) = url.split_once("://").expect("a URL");
    let rest = rest.split_once('@').map_or(rest, |(_, host)| host);
    format!("{scheme}://{login}@{rest}")
}

/// `url` naming the database `name`.
pub fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url.split_once('?').map_or((url, None), |(b, q)| (b, Some(q)));
    let (scheme, rest) = base.split_once("://").expect("a URL");
    let host = rest.split_once('/').map_or(rest, |(h, _)| h);
    match query {
        Some(q) => format!("{scheme}://{host}/{name}?{q}"),
        None => format!("{scheme}://{host}/{name}"),
    }
}

/// A throwaway database on the test server, dropped with the test.
pub struct PgBook {
    /// The book's URL with the administrator's login.
    pub admin: String,
    server: String,
    name: String,
    /// The logins made operators so far (the first is the manager, as the first
    /// operator of a new SQLite file is).
    operators: std::sync::Mutex<Vec<String>>,
}

fn admin_sql(url: &str, sql: &str) {
    let mut client = postgres::Client::connect(url, postgres::NoTls).expect("connect to the test server");
    client.batch_execute(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
}

impl PgBook {
    fn new(server: &str) -> PgBook {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static N: AtomicUsize = AtomicUsize::new(0);
        let name = format!("cdtest_{}_{}", std::process::id(), N.fetch_add(1, Ordering::SeqCst));
        admin_sql(server, &format!("CREATE DATABASE {name}"));
        let admin = with_database(server, &name);
        let out = Command::new(BIN).args(["--db", &admin, "server", "init"]).output().expect("server init");
        assert!(out.status.success(), "server init: {}", String::from_utf8_lossy(&out.stderr));
        PgBook { admin, server: server.to_string(), name, operators: Default::default() }
    }

    /// The book's URL for `login`, made an operator first: the book's first is its
    /// manager; `role` says otherwise.
    pub fn login(&self, login: &str, role: Option<&str>) -> String {
        let known = self.operators.lock().expect("operators").iter().any(|o| o == login);
        let first = self.operators.lock().expect("operators").is_empty();
        if let Some(role) = role.or((!known && first).then_some("manager")) {
            let out = self.grant(login, role);
            assert!(out.status.success(), "server grant: {}", String::from_utf8_lossy(&out.stderr));
        } else if !known {
            self.create_login(login);
        }
        with_login(&self.admin, login)
    }

    /// Logins belong to the whole server: made once, by whichever test is first.
    fn create_login(&self, login: &str) {
        let _ = postgres::Client::connect(&self.server, postgres::NoTls)
            .and_then(|mut c| c.batch_execute(&format!("CREATE ROLE \"{login}\" LOGIN")));
    }

    /// `server grant LOGIN ROLE` by the administrator (the login made first).
    pub fn grant(&self, login: &str, role: &str) -> Output {
        self.create_login(login);
        let out = Command::new(BIN)
            .args(["--db", &self.admin, "server", "grant", login, role])
            .output()
            .expect("server grant");
        if out.status.success() {
            self.operators.lock().expect("operators").push(login.to_string());
        }
        out
    }
}

impl Drop for PgBook {
    fn drop(&mut self) {
        let _ = postgres::Client::connect(&self.server, postgres::NoTls)
            .and_then(|mut c| c.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name)));
    }
}

impl Db {
    pub fn new() -> Db {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("test.db");
        Db { dir, path, pg: None }
    }

    /// A new book on `backend` (PostgreSQL: a database of its own on the test server).
    pub fn on(backend: Backend) -> Db {
        match backend {
            Backend::Sqlite => Db::new(),
            Backend::Postgres => {
                let book = PgBook::new(&pg_server().expect("CREDITDESK_TEST_PG names the test server"));
                let dir = tempfile::tempdir().expect("temp dir");
                Db { dir, path: PathBuf::from(&book.admin), pg: Some(book) }
            }
        }
    }

    /// Runs `creditdesk --db <this> --operator tester <args>`.
    pub fn run(&self, args: &[&str]) -> Output {
        self.run_as("tester", args)
    }

    pub fn run_as(&self, operator: &str, args: &[&str]) -> Output {
        // On PostgreSQL operators are logins the administrator makes operators.
        if let (Some(pg), ["operator", "add", name, "--role", role]) = (&self.pg, args) {
            return pg.grant(name, &role.to_ascii_lowercase());
        }
        self.command(operator).args(args).output().expect("run creditdesk")
    }

    /// `creditdesk --db <this> --operator <operator>` (on PostgreSQL: `--db` with the
    /// operator's login), for more arguments and environment.
    pub fn command(&self, operator: &str) -> Command {
        let mut cmd = Command::new(BIN);
        match &self.pg {
            Some(pg) => cmd.arg("--db").arg(pg.login(operator, None)),
            None => cmd.arg("--db").arg(&self.path).args(["--operator", operator]),
        };
        cmd.env_remove("CREDITDESK_DB")
            // The configuration and the log of this test only, not the user's.
            .env("CREDITDESK_CONFIG_DIR", self.dir.path().join("config"))
            .env("XDG_STATE_HOME", self.dir.path().join("state"))
            .env("XDG_DATA_HOME", self.dir.path().join("data"));
        cmd
    }

    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "creditdesk {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("utf-8 output")
    }

    /// `payment record` through the binary, as of 2026-04-30 (the examples' day).
    pub fn pay(&self, account: &str, amount: &str, method: &str, reference: &str) -> String {
        self.ok(&[
            "--as-of",
            "2026-04-30",
            "payment",
            "record",
            account,
            "--amount",
            amount,
            "--method",
            method,
            "--reference",
            reference,
        ])
    }

    /// A database holding one of the worked examples.
    pub fn with_example(name: &str) -> Db {
        Db::with_example_on(Backend::Sqlite, name)
    }

    /// The text of the first column of the first row of `sql` (none for NULL), read
    /// straight from the book on either backend.
    pub fn scalar(&self, sql: &str) -> Option<String> {
        match &self.pg {
            Some(pg) => {
                let mut client = postgres::Client::connect(&pg.admin, postgres::NoTls).expect("connect");
                client.query_one(sql, &[]).expect(sql).get(0)
            }
            None => {
                let conn = rusqlite::Connection::open(&self.path).expect("open");
                conn.query_row(sql, [], |r| r.get(0)).expect(sql)
            }
        }
    }

    /// A book on `backend` holding one of the worked examples.
    pub fn with_example_on(backend: Backend, name: &str) -> Db {
        let db = Db::on(backend);
        db.import_example(name, None);
        db
    }

    /// A database holding one of the worked examples, each file's text (named by its
    /// file name) passed through `edit` before it is imported.
    pub fn with_example_edited(name: &str, edit: impl Fn(&str, &str) -> String) -> Db {
        let db = Db::new();
        db.import_example(name, Some(&edit));
        db
    }

    fn import_example(&self, name: &str, edit: Option<&FileEdit<'_>>) {
        self.ok(&["init"]);
        let dir = examples_dir().join(name);
        for (kind, file) in [
            ("customers", "customers.csv"),
            ("invoices", "invoices.csv"),
            ("payments", "payments.csv"),
            ("returned-checks", "returned_checks.csv"),
        ] {
            let path = match edit {
                None => dir.join(file),
                Some(edit) => self.write(file, &edit(file, &std::fs::read_to_string(dir.join(file)).expect("example"))),
            };
            self.ok(&["import", kind, path.to_str().expect("path")]);
        }
    }

    /// The whole file's bytes, to prove a failed command changed nothing.
    /// Every row of every table (an empty string before the file exists).
    pub fn fingerprint(&self) -> String {
        if let Some(pg) = &self.pg {
            return pg_fingerprint(&pg.admin);
        }
        if !self.path.exists() {
            return String::new();
        }
        let conn = rusqlite::Connection::open(&self.path).expect("open");
        let mut out = String::new();
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .expect("tables")
            .query_map([], |r| r.get(0))
            .expect("tables")
            .collect::<Result<_, _>>()
            .expect("tables");
        for table in tables {
            out.push_str(&format!("== {table}\n"));
            let mut stmt = conn.prepare(&format!("SELECT * FROM {table} ORDER BY 1")).expect("prepare");
            let n = stmt.column_count();
            let rows = stmt
                .query_map([], |r| {
                    (0..n)
                        .map(|i| r.get::<_, rusqlite::types::Value>(i).map(|v| format!("{v:?}")))
                        .collect::<Result<Vec<_>, _>>()
                })
                .expect("query");
            for row in rows {
                out.push_str(&row.expect("row").join("|"));
                out.push('\n');
            }
        }
        out
    }
}

/// Every row of every table of a book on the server, each row as PostgreSQL spells it.
fn pg_fingerprint(url: &str) -> String {
    let mut client = postgres::Client::connect(url, postgres::NoTls).expect("connect");
    let tables = client
        .query("SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' ORDER BY 1", &[])
        .expect("tables");
    let mut out = String::new();
    for table in tables.iter().map(|r| r.get::<_, String>(0)) {
        out.push_str(&format!("== {table}\n"));
        for row in client.query(&format!("SELECT t::text FROM \"{table}\" t ORDER BY 1"), &[]).expect("rows") {
            out.push_str(row.get(0));
            out.push('\n');
        }
    }
    out
}

/// What a rejected import must say: where (line, column) and why.
pub struct Rejection<'a> {
    pub line: u64,
    pub column: &'a str,
    /// A fragment of the reason.
    pub reason: &'a str,
}

impl Db {
    /// Writes `contents` to `name` in this database's temp dir.
    pub fn write(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, contents).expect("write input file");
        path
    }

    /// Imports `contents` (written as `name`) as `kind` and asserts that the import is
    /// refused with a non-zero exit, an error naming the file, the line, the column
    /// (its 1-based position in the header, 0 when absent from it, and its name) and
    /// the reason, and that the database is unchanged. Returns stderr.
    pub fn assert_import_rejected(&self, kind: &str, name: &str, contents: &str, want: Rejection<'_>) -> String {
        let path = self.write(name, contents);
        let before = self.fingerprint();
        let out = self.run(&["import", kind, path.to_str().expect("path")]);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(
            !out.status.success(),
            "import {kind} {name} succeeded:\n{contents}\nstdout: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        let column_no = contents
            .lines()
            .next()
            .and_then(|h| h.split(',').position(|c| c.trim() == want.column))
            .map_or(0, |i| i + 1);
        let location = format!("{}: line {}, column {column_no} ({}): ", path.display(), want.line, want.column);
        assert!(stderr.contains(&location), "expected {location:?} in stderr:\n{stderr}");
        let reason = stderr.split_once(&location).map_or("", |(_, r)| r);
        assert!(reason.contains(want.reason), "expected a reason with {:?}, got:\n{stderr}", want.reason);
        assert_eq!(self.fingerprint(), before, "the rejected import of {name} changed the database");
        stderr
    }
}
