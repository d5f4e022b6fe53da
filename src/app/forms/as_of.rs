//! `@`: view everything as of another day. It writes nothing: every figure follows.

use super::prelude::*;
use crate::app::{Effect, Mode};

pub static FORM: FormDef = FormDef {
    keys: &[Key::new(Ctx::List, '@', "@", "as-of date", true, 26)],
    submit, ..FormDef::new("as_of", open, write) };

fn open(app: &App, _: Option<String>) -> Result<Form, String> {
    Ok(Form::new(&FORM, "View everything as of", vec![Field::new("date", "As of", app.as_of.to_string(), "YYYY-MM-DD")]))
}

fn write(f: &Form) -> Result<Option<Write>, WriteError> {
    Values(f).date("date")?;
    Ok(None)
}

fn submit(app: &mut App, form: Form, _: Option<Write>) -> Vec<Effect> {
    if let Ok(d) = Values(&form).date("date") {
        app.as_of = d;
        app.toast = Some(format!("as of {d}"));
        return app.recompute();
    }
    app.mode = Mode::Form(Box::new(form));
    vec![]
}
