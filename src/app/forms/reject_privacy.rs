//! `n` on Privacy: reject a request, saying why.

use super::prelude::*;

pub static FORM: FormDef = FormDef::new("reject_privacy", open, write);

fn open(app: &App, _: Option<String>) -> Result<Form, String> {
    super::request_form(
        app,
        &FORM,
        "Reject",
        vec![
            Field::new("reason", "Reason", "", "required, e.g. identity could not be verified"),
            Field::dated("date", "Rejected on", app.today, "YYYY-MM-DD"),
        ],
    )
}

fn write(f: &Form) -> Result<Option<Write>, WriteError> {
    let v = Values(f);
    Ok(Some(Write::RejectPrivacy(v.request()?, v.required("reason")?, v.date("date")?)))
}
