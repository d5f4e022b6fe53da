//! `D` on Invoices: the selected charge's dispute is settled, with its outcome.

use super::prelude::*;

pub static FORM: FormDef = FormDef::new("resolve_dispute", open, write);

fn open(app: &App, _: Option<String>) -> Result<Form, String> {
    let c = app.selected_charge().ok_or_else(|| "select a charge first".to_string())?;
    if !c.disputed {
        return Err(format!("{} is not disputed (d opens a dispute)", c.doc_no));
    }
    Ok(Form::new(
        &FORM,
        format!("Resolve the dispute of {} ({})", c.doc_no, c.account_no),
        vec![
            Field::new("doc_no", "Document", c.doc_no.clone(), ""),
            Field::new("outcome", "Outcome", "", "how it was settled"),
            Field::dated("date", "Resolved on", app.today, "YYYY-MM-DD"),
        ],
    ))
}

fn write(f: &Form) -> Result<Option<Write>, WriteError> {
    let v = Values(f);
    Ok(Some(Write::ResolveDispute(v.required("doc_no")?, v.required("outcome")?, v.date("date")?)))
}
