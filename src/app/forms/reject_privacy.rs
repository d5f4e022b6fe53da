//! `n` on Privacy: reject a request, saying why.

use super::prelude::*;

pub static FORM: FormDef = FormDef {
    keys: &[Key::new(Ctx::On(Pane::Privacy), 'n', "n", "reject", true, 4)],
    ..FormDef::new("reject_privacy", open, write)
};

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
    Ok(Some(Write::new(RejectPrivacy { request: v.request()?, reason: v.required("reason")?, on: v.date("date")? })))
}

/// A request rejected, why, and on which day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectPrivacy {
    pub request: i64,
    pub reason: String,
    pub on: NaiveDate,
}

impl Save for RejectPrivacy {
    fn save(&self, service: &mut Service) -> crate::Result<String> {
        let id = self.request;
        service.reject_privacy_request(id, &self.reason, self.on).map(|()| format!("request #{id} rejected"))
    }
}
