//! Agency placements and collection costs (the console's Collections pane).

use super::charges::ChargeFigures;
use super::output::{opt_text, say, Cell, Out, Report};
use crate::domain::{ChargeKind, Money};
use crate::error::Result;
use crate::service::operations::NewPlacement;
use crate::service::Service;
use chrono::NaiveDate;
use clap::Subcommand;
use std::io::Write;

#[derive(Debug, Subcommand)]
pub enum CollectionsCmd {
    /// Place an account with an outside collection agency (manager only).
    Place {
        /// The account placed.
        account: String,
        /// The collection agency's name.
        #[arg(long)]
        agency: String,
        /// The amount placed.
        #[arg(long, value_parser = super::parse_amount)]
        amount: Money,
        /// A note kept with the placement.
        #[arg(long)]
        note: Option<String>,
        /// Day of the placement (default: --as-of).
        #[arg(long, value_parser = super::parse_date)]
        date: Option<NaiveDate>,
    },
    /// Record a collection cost (attorney fees …) as a COLLECTION_COST charge.
    Cost {
        /// The account charged.
        account: String,
        /// The charge's document number (unique).
        #[arg(long)]
        doc_no: String,
        #[command(flatten)]
        figures: ChargeFigures,
    },
    /// Recall the account's placement from the agency (manager only, with a reason), today.
    Recall {
        /// The account placed.
        account: String,
        /// Why it is recalled.
        #[arg(long)]
        reason: String,
    },
    /// Agency placements (recalled ones say when and why).
    List {
        #[command(flatten)]
        out: Out,
    },
}

pub fn run(service: &mut Service, cmd: &CollectionsCmd, as_of: NaiveDate, out: &mut impl Write) -> Result<()> {
    match cmd {
        CollectionsCmd::Place { account, agency, amount, note, date } => {
            service.place_with_agency(&NewPlacement {
                account_no: account.clone(),
                agency: agency.clone(),
                placed_on: date.unwrap_or(as_of),
                amount: *amount,
                note: note.clone(),
            })?;
            say(out, format_args!("{account} placed with {agency}"))
        }
        CollectionsCmd::Cost { account, doc_no, figures } => {
            service.record_collection_cost(&figures.charge(account, doc_no, ChargeKind::CollectionCost, as_of))?;
            say(out, format_args!("collection cost {doc_no} recorded"))
        }
        CollectionsCmd::Recall { account, reason } => {
            service.recall_placement(account, reason)?;
            say(out, format_args!("{account}: placement recalled"))
        }
        CollectionsCmd::List { out: o } => Report::with_totals(
            &["account_no", "agency", "placed_on", "amount", "note", "placed_by", "recalled_on", "recall_reason"],
            crate::read::placements(service.store())?
                .into_iter()
                .map(|p| {
                    vec![
                        Cell::Text(p.account_no),
                        Cell::Text(p.agency),
                        Cell::Date(p.placed_on),
                        Cell::Money(p.amount),
                        opt_text(&p.note),
                        Cell::Text(p.placed_by),
                        super::output::opt_date(p.recalled_on),
                        opt_text(&p.recall_reason),
                    ]
                })
                .collect(),
        )
        .print(o.format, out),
    }
}
