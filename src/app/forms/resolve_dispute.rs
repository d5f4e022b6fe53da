//! `D` on Invoices: the selected charge's dispute is settled, with its outcome.

use super::prelude::*;

pub static FORM: FormDef = FormDef {
    keys: &[Key::new(Ctx::On(Pane::Invoices), 'D', "D", "resolve dispute", false, 5)],
    ..FormDef::new("resolve_dispute", open, write)
};

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
    Ok(Some(Write::new(ResolveDispute { doc_no: v.required("doc_no")?, outcome: v.required("outcome")?, on: v.date("date")? })))
}

/// A disputed document's dispute resolved: how, and on which day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolveDispute {
    pub doc_no: String,
    pub outcome: String,
    pub on: NaiveDate,
}

impl Save for ResolveDispute {
    fn save(&self, service: &mut Service) -> crate::Result<String> {
        let (doc, on) = (&self.doc_no, self.on);
        service.resolve_dispute(doc, &self.outcome, on).map(|()| format!("dispute of {doc} resolved on {on}"))
    }
}
