//! `v` on Accounts: the verification phone screen of an applicant with an account
//! representative; PASSED makes it VERIFIED.

use super::prelude::*;
use crate::domain::dealer::VerificationOutcome;
use crate::service::dealers::NewVerification;

pub static FORM: FormDef = FormDef {
    keys: &[Key::new(Ctx::On(Pane::Accounts), 'v', "v", "verify", false, 6)],
    ..FormDef::new("verify_dealer", open, write)
};

fn open(app: &App, account: Option<String>) -> Result<Form, String> {
    Ok(Form::new(
        &FORM,
        "Record the verification phone screen",
        vec![
            Field::new("account", "Account", account.unwrap_or_default(), "an APPLICANT"),
            Field::new("representative", "Representative", app.operator.clone(), "who made the call"),
            Field::new("outcome", "Outcome", "PASSED", "PASSED FAILED"),
            Field::dated("date", "Called on", app.today, "YYYY-MM-DD"),
            Field::new("notes", "Notes", "", "optional"),
        ],
    ))
}

fn write(f: &Form) -> Result<Option<Write>, WriteError> {
    let v = Values(f);
    Ok(Some(Write::new(NewVerification {
        account_no: v.required("account")?,
        representative: v.required("representative")?,
        outcome: crate::input::choice::<VerificationOutcome>("outcome", &v.text("outcome").to_ascii_uppercase())?,
        screened_on: v.date("date")?,
        notes: v.optional("notes"),
    })))
}

impl Save for NewVerification {
    fn save(&self, service: &mut Service) -> crate::Result<String> {
        service
            .verify_dealer(self)
            .map(|c| format!("{}: {} screen recorded; now {}", c.account_no, self.outcome, c.to))
    }
}
