//! creditdesk: the receivables console of a security-equipment distributor's credit
//! department. `domain` holds the pure rules; `store` the SQLite file and every SQL
//! statement; `read` what is shown (reports, the console's snapshot and account view);
//! `service` is the one door for changes; `cli` the batch commands; `app` and `ui` the console.

pub mod config;
pub mod domain;
pub mod error;
pub mod input;
pub mod read;
pub mod service;
pub mod store;

pub use error::{Error, Result};
pub mod app;
pub mod cli;
pub mod console;
pub mod demo;
pub mod logging;
pub mod print;
pub mod tui;
pub mod ui;

// The integration tests that prove the rules, compiled into the library's own tests when
// `scripts/mutants.sh` plants bugs (`--features mutants`): one build per mutant instead
// of the library, the binary and each test. `cargo test` runs them as integration tests.
#[cfg(all(test, feature = "mutants"))]
extern crate self as creditdesk;
#[cfg(all(test, feature = "mutants"))]
#[path = "../tests/enum_spellings.rs"]
mod enum_spellings;
#[cfg(all(test, feature = "mutants"))]
#[path = "../tests/ledger_model.rs"]
mod ledger_model;
#[cfg(all(test, feature = "mutants"))]
#[path = "../tests/ledger_properties.rs"]
mod ledger_properties;
