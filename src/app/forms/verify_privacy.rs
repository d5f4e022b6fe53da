//! `v` on Privacy: the requester's identity was verified, and how.

use super::prelude::*;

pub static FORM: FormDef = FormDef::new("verify_privacy", open, write);

fn open(app: &App, _: Option<String>) -> Result<Form, String> {
    super::request_form(
        app,
        &FORM,
        "Verify the identity",
        vec![
            Field::new("how", "How", "", "e.g. called back the number on file"),
            Field::dated("date", "Verified on", app.today, "YYYY-MM-DD"),
        ],
    )
}

fn write(f: &Form) -> Result<Option<Write>, WriteError> {
    let v = Values(f);
    Ok(Some(Write::VerifyPrivacy(v.request()?, v.required("how")?, v.date("date")?)))
}
