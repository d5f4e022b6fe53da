//! Helpers shared by the integration tests: run the real binary on a scratch database.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_creditdesk");

pub fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/examples")
}

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
        Command::new(BIN)
            .arg("--db")
            .arg(&self.path)
            .args(["--operator", operator])
            .args(args)
            .env_remove("CREDITDESK_DB")
            .output()
            .expect("run creditdesk")
    }

    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "creditdesk {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("utf-8 output")
    }

    /// A database holding one of the worked examples.
    pub fn with_example(name: &str) -> Db {
        let db = Db::new();
        let dir = examples_dir().join(name);
        for (kind, file) in [
            ("customers", "customers.csv"),
            ("invoices", "invoices.csv"),
            ("payments", "payments.csv"),
            ("returned-checks", "returned_checks.csv"),
        ] {
            db.ok(&["import", kind, dir.join(file).to_str().expect("path")]);
        }
        db
    }

    /// The whole file's bytes, to prove a failed command changed nothing.
    pub fn fingerprint(&self) -> String {
        let conn = rusqlite::Connection::open(&self.path).expect("open");
        let mut out = String::new();
        for table in ["accounts", "charges", "payments", "returned_checks", "audit_log", "operators"] {
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
