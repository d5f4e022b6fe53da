//! `v` on Privacy: the requester's identity was verified, and how.

use super::prelude::*;

pub static FORM: FormDef = FormDef {
    keys: &[Key::new(Ctx::On(Pane::Privacy), 'v', "v", "verify", true, 1)],
    ..FormDef::new("verify_privacy", open, write)
};

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
    Ok(Some(Write::new(VerifyPrivacy { request: v.request()?, how: v.required("how")?, on: v.date("date")? })))
}

/// A request's requester verified: how, and on which day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyPrivacy {
    pub request: i64,
    pub how: String,
    pub on: NaiveDate,
}

impl Save for VerifyPrivacy {
    fn save(&self, service: &mut Service) -> crate::Result<String> {
        let id = self.request;
        service.verify_privacy_request(id, &self.how, self.on).map(|()| format!("request #{id} verified"))
    }
}
