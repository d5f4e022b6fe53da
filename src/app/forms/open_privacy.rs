//! `o` on Privacy: record a request (access, correction, deletion, marketing opt-out);
//! it is due 30 days after it was received.

use super::prelude::*;
use crate::domain::privacy::RequestKind;
use crate::service::privacy::NewRequest;

pub static FORM: FormDef = FormDef {
    keys: &[Key::new(Ctx::On(Pane::Privacy), 'o', "o", "new request", true, 0)],
    ..FormDef::new("open_privacy", open, write)
};

fn open(app: &App, account: Option<String>) -> Result<Form, String> {
    Ok(Form::new(
        &FORM,
        "Record a privacy request",
        vec![
            Field::new("kind", "Kind", "ACCESS", "ACCESS CORRECTION DELETION OPT_OUT_MARKETING"),
            Field::new("account", "Account", account.unwrap_or_default(), "account number"),
            Field::new("requester", "Requester", "", "who asked"),
            Field::new("agent", "Agent", "", "authorised agent (optional)"),
            Field::dated("received", "Received on", app.today, "YYYY-MM-DD; due 30 days later"),
            Field::new("details", "Details", "", "correction: field=value; field=value"),
        ],
    ))
}

fn write(f: &Form) -> Result<Option<Write>, WriteError> {
    let v = Values(f);
    let kind = v.text("kind").to_ascii_uppercase().parse::<RequestKind>().map_err(|_| {
        WriteError::field("kind", "use ACCESS, CORRECTION, DELETION or OPT_OUT_MARKETING")
    })?;
    Ok(Some(Write::new(NewRequest {
        kind,
        account_no: v.required("account")?,
        requester: v.required("requester")?,
        agent: v.optional("agent"),
        received_on: v.date("received")?,
        details: v.optional("details"),
    })))
}

impl Save for NewRequest {
    fn save(&self, service: &mut Service) -> crate::Result<String> {
        service.open_privacy_request(self).and_then(|id| service.privacy_request(id)).map(|r| {
            format!("privacy request #{} ({} for {}) recorded, due {}", r.id, r.kind, r.account_no, r.due_on)
        })
    }
}
