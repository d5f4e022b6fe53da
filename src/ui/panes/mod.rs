//! One file per pane: each draws its rows of the snapshot.

pub mod account;
pub mod accounts;
pub mod audit;
pub mod collections;
pub mod dunning;
pub mod explain;
pub mod invoices;
pub mod overview;
pub mod privacy;
pub mod repairs;
pub mod returned_checks;
pub mod rmas;
pub mod today;

/// Days past due for people: blank when nothing is open.
pub fn days(d: Option<i64>) -> String {
    d.map_or(String::new(), |d| d.to_string())
}
