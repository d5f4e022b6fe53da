//! `x` on Collections: an attorney's or agency's cost, charged to the account.

use super::prelude::*;

pub static FORM: FormDef = FormDef::new("collection_cost", open, write);

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
    Ok(Some(Write::CollectionCost(super::add_charge::new_charge(f, crate::domain::ChargeKind::CollectionCost)?)))
}
