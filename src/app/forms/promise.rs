//! `P` on Today, Collections and in the account view: a promise to pay, an amount by a
//! day; on a Today line the amount still owed on its promise is filled in.

use super::prelude::*;
use crate::service::collections::NewPromise;

pub static FORM: FormDef = FormDef {
    keys: &[
        Key::new(Ctx::On(Pane::Today), 'P', "P", "promise", true, 3),
        Key::new(Ctx::On(Pane::Collections), 'P', "P", "promise", false, 6),
        Key::new(Ctx::Detail, 'P', "P", "promise", false, 16),
    ],
    ..FormDef::new("promise", open, write)
};

fn open(app: &App, account: Option<String>) -> Result<Form, String> {
    Ok(Form::new(
        &FORM,
        format!("Record a promise to pay{}", account.as_ref().map_or(String::new(), |a| format!(" — {a}"))),
        vec![
            Field::new("account", "Account", account.unwrap_or_default(), "account number"),
            Field::new("amount", "Amount", "", "e.g. 500.00"),
            Field::new("date", "Promised by", "", "YYYY-MM-DD"),
            Field::dated("recorded_on", "Made on", app.today, "YYYY-MM-DD"),
        ],
    ))
}

fn write(f: &Form) -> Result<Option<Write>, WriteError> {
    let v = Values(f);
    Ok(Some(Write::new(NewPromise {
        account_no: v.required("account")?,
        amount: v.amount("amount")?,
        promised_on: v.date("date")?,
        recorded_on: v.date("recorded_on")?,
    })))
}

impl Save for NewPromise {
    fn save(&self, service: &mut Service) -> crate::Result<String> {
        service.add_promise(self).map(|p| {
            format!("promise of {} by {} recorded on {}", p.amount.grouped(), p.promised_on, self.account_no)
        })
    }
}
