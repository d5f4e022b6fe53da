//! `d` on Invoices: the customer disputes the selected charge. It still ages and
//! accrues interest; it no longer counts toward the credit hold.

use super::prelude::*;
use crate::service::collections::NewDispute;

pub static FORM: FormDef = FormDef {
    keys: &[Key::new(Ctx::On(Pane::Invoices), 'd', "d", "dispute", true, 4)],
    ..FormDef::new("open_dispute", open, write)
};

fn open(app: &App, _: Option<String>) -> Result<Form, String> {
    let c = app.selected_charge().ok_or_else(|| "select a charge first".to_string())?;
    if c.disputed {
        return Err(format!("{} is already disputed (D resolves it)", c.doc_no));
    }
    Ok(Form::new(
        &FORM,
        format!("Dispute {} — {} of {} ({})", c.doc_no, c.kind, c.date, c.account_no),
        vec![
            Field::new("doc_no", "Document", c.doc_no.clone(), ""),
            Field::new("reason", "Reason", "", "what the customer disputes"),
            Field::dated("date", "Opened on", app.today, "YYYY-MM-DD"),
        ],
    ))
}

fn write(f: &Form) -> Result<Option<Write>, WriteError> {
    let v = Values(f);
    Ok(Some(Write::new(NewDispute {
        doc_no: v.required("doc_no")?,
        reason: v.required("reason")?,
        opened_on: v.date("date")?,
    })))
}

impl Save for NewDispute {
    fn save(&self, service: &mut Service) -> crate::Result<String> {
        service.open_dispute(self).map(|()| format!("{} disputed from {}", self.doc_no, self.opened_on))
    }
}
