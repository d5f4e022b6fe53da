//! `W` in the account view: write the account off on a day (a manager's, with a
//! reason): a `WRITE_OFF` payment of its payoff amount, and the account suspended.

use super::prelude::*;
use crate::app::Mode;
use crate::domain::role::Act;
use crate::service::corrections::NewWriteOff;

pub static FORM: FormDef = FormDef {
    keys: &[Key::new(Ctx::Detail, 'W', "W", "write off (manager)", false, 13)],
    act: Some(Act::WriteOff), submit: super::preview, ..FormDef::new("write_off", open, write) };

fn open(app: &App, _: Option<String>) -> Result<Form, String> {
    let Mode::Detail(d) = &app.mode else { return Err("open an account (Enter) first".into()) };
    Ok(Form::new(
        &FORM,
        format!("Write off account {} (payoff {} as of {})", d.account.account_no, d.payoff.grouped(), app.as_of),
        vec![
            Field::new("account", "Account", d.account.account_no.clone(), ""),
            Field::dated("date", "Date", app.today, "YYYY-MM-DD: the payoff of that day"),
            Field::new("reason", "Reason", "", "why (kept in the audit log)"),
        ],
    ))
}

fn write(f: &Form) -> Result<Option<Write>, WriteError> {
    let v = Values(f);
    Ok(Some(Write::new(NewWriteOff {
        account_no: v.required("account")?,
        date: v.date("date")?,
        reason: v.required("reason")?,
    })))
}

impl Save for NewWriteOff {
    fn save(&self, service: &mut Service) -> crate::Result<String> {
        service.write_off(self).map(|w| w.line())
    }

    fn preview(&self, store: &Store, _: NaiveDate) -> Option<Result<String, WriteError>> {
        let text = || -> crate::Result<String> {
            let a = crate::read::account(store, &self.account_no)?;
            let payoff = crate::read::payoff(store, &a.account_no, self.date)?.payoff;
            let status = crate::domain::corrections::status_after_write_off(a.status);
            Ok(format!(
                "WRITE OFF account {} on {}: a WRITE_OFF payment of its payoff, {}.\nThe account becomes {status} (it is {}).\n{CORRECTION}",
                a.account_no,
                self.date,
                payoff.grouped(),
                a.status
            ))
        };
        Some(text().map_err(WriteError::from))
    }
}
