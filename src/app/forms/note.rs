//! `n` on Today, Accounts, Collections and in the account view: log a call (an e-mail,
//! a visit, a letter) with the day of the next action.

use super::prelude::*;
use crate::domain::notes::NoteKind;
use crate::service::collections::NewNote;

pub static FORM: FormDef = FormDef {
    keys: &[
        Key::new(Ctx::On(Pane::Today), 'n', "n", "log a call", true, 2),
        Key::new(Ctx::On(Pane::Accounts), 'n', "n", "log a call", false, 4),
        Key::new(Ctx::On(Pane::Collections), 'n', "n", "log a call", true, 4),
        Key::new(Ctx::Detail, 'n', "n", "log a call", false, 15),
    ],
    ..FormDef::new("note", open, write)
};

fn open(app: &App, account: Option<String>) -> Result<Form, String> {
    Ok(Form::new(
        &FORM,
        format!("Log a call{}", account.as_ref().map_or(String::new(), |a| format!(" — {a}"))),
        vec![
            Field::new("account", "Account", account.unwrap_or_default(), "account number"),
            Field::new("kind", "Kind", "CALL", "CALL EMAIL VISIT LETTER"),
            Field::new("text", "What was said", "", "required"),
            Field::new("next", "Next action on", "", "YYYY-MM-DD (optional): back on Today that day"),
            Field::dated("date", "Date", app.today, "YYYY-MM-DD"),
        ],
    ))
}

fn write(f: &Form) -> Result<Option<Write>, WriteError> {
    let v = Values(f);
    Ok(Some(Write::new(NewNote {
        account_no: v.required("account")?,
        kind: crate::input::choice::<NoteKind>("kind", &v.text("kind").to_ascii_uppercase())?,
        text: v.required("text")?,
        next_action_on: v.optional_date("next")?,
        noted_on: v.date("date")?,
    })))
}

impl Save for NewNote {
    fn save(&self, service: &mut Service) -> crate::Result<String> {
        service.add_note(self).map(|_| {
            let next = self.next_action_on.map(|d| format!("; next action {d}")).unwrap_or_default();
            format!("{} noted on {}{next}", self.kind, self.account_no)
        })
    }
}
