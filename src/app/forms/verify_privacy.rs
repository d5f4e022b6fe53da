//! `v` on Privacy: the requester's identity was verified, and how.

use super::{FormDef, Values};
use crate::app::form::{Field, Form};
use crate::app::{App, Write, WriteError};

pub static FORM: FormDef = FormDef::new("verify_privacy", open, write);

fn open(app: &App, _: Option<String>) -> Result<Form, String> {
    let (id, what) = super::selected_request(app)?;
    Ok(Form::new(
        &FORM,
        format!("Verify the identity — {what}"),
        vec![
            Field::new("request", "Request", id, ""),
            Field::new("how", "How", "", "e.g. called back the number on file"),
            Field::new("date", "Verified on", app.as_of.to_string(), "YYYY-MM-DD"),
        ],
    ))
}

fn write(f: &Form) -> Result<Option<Write>, WriteError> {
    let v = Values(f);
    Ok(Some(Write::VerifyPrivacy(v.request()?, v.required("how")?, v.date("date")?)))
}
