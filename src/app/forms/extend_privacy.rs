//! `e` on Privacy: a later due date, at most three months from receipt, with a reason.

use super::prelude::*;

pub static FORM: FormDef = FormDef {
    keys: &[
        Key::new(Ctx::On(Pane::Privacy), 'e', "e", "extend", true, 2),
    ],
    ..FormDef::new("extend_privacy", open, write)
};

fn open(app: &App, _: Option<String>) -> Result<Form, String> {
    super::request_form(
        app,
        &FORM,
        "Extend",
        vec![
            Field::new("to", "New due date", "", "YYYY-MM-DD, at most 3 months from receipt"),
            Field::new("reason", "Reason", "", "required"),
        ],
    )
}

fn write(f: &Form) -> Result<Option<Write>, WriteError> {
    let v = Values(f);
    Ok(Some(Write::ExtendPrivacy(v.request()?, v.date("to")?, v.required("reason")?)))
}
