//! `x` on Privacy: complete a request. Any operator completes one, except a deletion:
//! that erases personal data, a manager's act, and asks in capitals first.

use super::prelude::*;
use super::confirm;
use crate::app::keymap::refusal_words;
use crate::app::{Effect, Mode};
use crate::domain::privacy::RequestKind;
use crate::domain::role::Act;

pub static FORM: FormDef = FormDef {
    keys: &[Key::new(Ctx::On(Pane::Privacy), 'x', "x", "complete", true, 3)],
    act: Some(Act::CompletePrivacyRequest),
    act_here: Some(act_here),
    submit,
    ..FormDef::new("complete_privacy", open, write)
};

/// Completing the selected request: erasing personal data if it is a deletion.
fn act_here(app: &App) -> Act {
    match app.selected_request() {
        Some(r) if r.kind == RequestKind::Deletion => Act::ErasePersonalData,
        _ => Act::CompletePrivacyRequest,
    }
}

fn open(app: &App, _: Option<String>) -> Result<Form, String> {
    super::request_form(
        app,
        &FORM,
        "Complete",
        vec![
            Field::dated("date", "Completed on", app.today, "YYYY-MM-DD"),
        ],
    )
}

fn write(f: &Form) -> Result<Option<Write>, WriteError> {
    let v = Values(f);
    Ok(Some(Write::new(CompletePrivacy { request: v.request()?, on: v.date("date")? })))
}

/// The request typed may be another than the one selected: a deletion is checked again.
fn submit(app: &mut App, mut form: Form, write: Option<Write>) -> Vec<Effect> {
    let Some(id) = write.as_ref().and_then(|w| w.get::<CompletePrivacy>()).map(|c| c.request) else {
        return confirm(app, form, write);
    };
    let request = app.snapshot.as_ref().and_then(|s| s.privacy.iter().find(|r| r.id == id));
    if let Some(r) = request.filter(|r| r.kind == RequestKind::Deletion) {
        if !app.role.may(Act::ErasePersonalData) {
            form.note = Some(format!(
                "only a manager may {}; {} is {}",
                refusal_words(Act::ErasePersonalData),
                app.operator,
                app.role
            ));
            app.mode = Mode::Form(Box::new(form));
            return vec![];
        }
        form.confirm_text = Some(format!(
            "ERASE the personal data of account {} (deletion request #{id})?\nNames, contacts and addresses are erased for good; the financial records the law requires are kept.\ny = erase, n = keep editing",
            r.account_no
        ));
    }
    confirm(app, form, write)
}

/// A request completed on a day (a deletion erases the personal data).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletePrivacy {
    pub request: i64,
    pub on: NaiveDate,
}

impl Save for CompletePrivacy {
    fn save(&self, service: &mut Service) -> crate::Result<String> {
        let id = self.request;
        service.complete_privacy_request(id, self.on).map(|c| format!("request #{id} ({}) completed", c.kind))
    }
}
