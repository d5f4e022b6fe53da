//! `e` on Privacy: a later due date, at most three months from receipt, with a reason.

use super::prelude::*;

pub static FORM: FormDef = FormDef {
    keys: &[Key::new(Ctx::On(Pane::Privacy), 'e', "e", "extend", true, 2)],
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
    Ok(Some(Write::new(ExtendPrivacy { request: v.request()?, to: v.date("to")?, reason: v.required("reason")? })))
}

/// A request's due date extended, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtendPrivacy {
    pub request: i64,
    pub to: NaiveDate,
    pub reason: String,
}

impl Save for ExtendPrivacy {
    fn save(&self, service: &mut Service) -> crate::Result<String> {
        let (id, to) = (self.request, self.to);
        service.extend_privacy_request(id, to, &self.reason).map(|()| format!("request #{id} now due {to}"))
    }
}
