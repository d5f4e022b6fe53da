//! Helpers shared by the integration tests: run the real binary on a scratch database.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_creditdesk");

pub fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/examples")
}

/// A change to an example file's text: (file name, text) → text.
type FileEdit<'a> = dyn Fn(&str, &str) -> String + 'a;

pub struct Db {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl Db {
    pub fn new() -> Db {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("test.db");
        Db { dir, path }
    }

    /// Runs `creditdesk --db <this> --operator tester <args>`.
    pub fn run(&self, args: &[&str]) -> Output {
        self.run_as("tester", args)
    }

    pub fn run_as(&self, operator: &str, args: &[&str]) -> Output {
        self.command(operator).args(args).output().expect("run creditdesk")
    }

    /// `creditdesk --db <this> --operator <operator>`, for more arguments and environment.
    pub fn command(&self, operator: &str) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.arg("--db")
            .arg(&self.path)
            .args(["--operator", operator])
            .env_remove("CREDITDESK_DB")
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
        let db = Db::new();
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
