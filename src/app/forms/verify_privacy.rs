//! `v` on Privacy: the requester's identity was verified, and how.

use super::prelude::*;

pub static FORM: FormDef = FormDef {
    keys: &[
        Key::new(Ctx::On(Pane::Privacy), 'v', "v", "verify", true, 1),
    ],
    ..FormDef::new("verify_privacy", open, write)
};

fn open(app: &App, _: Option<String>) -> Result<Form, String> {
    super::request_form(
        app,
        &FORM,
        "Verify the identity",
        vec![
            Field::new("how", "How", "", "e.g. called back the number on file"),
            Field::new("date", "Verified on", app.as_of.to_string(), "YYYY-MM-DD"),
        ],
    )
}

fn write(f: &Form) -> Result<Option<Write>, WriteError> {
    let v = Values(f);
    Ok(Some(Write::VerifyPrivacy(v.request()?, v.required("how")?, v.date("date")?)))
}
