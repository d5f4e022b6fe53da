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
