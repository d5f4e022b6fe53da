//! `x` on Collections: an attorney's or agency's cost, charged to the account.

use super::prelude::*;
use crate::service::operations::NewCharge;

pub static FORM: FormDef = FormDef {
    keys: &[Key::new(Ctx::On(Pane::Collections), 'x', "x", "collection cost", true, 2)],
    ..FormDef::new("collection_cost", open, write)
};

fn open(app: &App, account: Option<String>) -> Result<Form, String> {
    Ok(Form::new(
        &FORM,
        "Record a collection cost",
        vec![
            Field::new("account", "Account", account.unwrap_or_default(), ""),
            Field::new("doc_no", "Document no.", "", "unique"),
            Field::dated("date", "Date", app.today, "YYYY-MM-DD"),
            Field::new("amount", "Amount", "", "attorney fees, agency costs"),
            Field::new("memo", "Memo", "", "optional"),
        ],
    ))
}

fn write(f: &Form) -> Result<Option<Write>, WriteError> {
    Ok(Some(Write::new(CollectionCost(super::add_charge::new_charge(f, crate::domain::ChargeKind::CollectionCost)?))))
}

/// A collection cost: a charge of its own kind, written by its own service call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CollectionCost(pub NewCharge);

impl Save for CollectionCost {
    fn save(&self, service: &mut Service) -> crate::Result<String> {
        service.record_collection_cost(&self.0).map(|_| format!("collection cost {} recorded", self.0.doc_no))
    }
}
