//! `f`: find any document by its number — a charge, paid or not, a payment, a derived
//! charge — and open its account. It writes nothing.

use super::prelude::*;
use crate::app::{Effect, Mode};

pub static FORM: FormDef = FormDef {
    keys: &[Key::new(Ctx::List, 'f', "f", "find a document", true, 30)],
    submit, ..FormDef::new("find_document", open, write) };

fn open(_: &App, _: Option<String>) -> Result<Form, String> {
    Ok(Form::new(
        &FORM,
        "Find a document",
        vec![Field::new("document", "Number", "", "INV-…, a payment reference, FC-…, RCF-…")],
    ))
}

fn write(f: &Form) -> Result<Option<Write>, WriteError> {
    Values(f).required("document")?;
    Ok(None)
}

fn submit(app: &mut App, form: Form, _: Option<Write>) -> Vec<Effect> {
    match Values(&form).required("document") {
        Ok(no) => {
            app.mode = Mode::Normal;
            vec![Effect::FindDocument(no, app.as_of)]
        }
        Err(_) => {
            app.mode = Mode::Form(Box::new(form));
            vec![]
        }
    }
}
