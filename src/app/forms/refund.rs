//! `F` in the account view: refund unapplied credit (a manager's): a `REFUND` charge
//! the credit pays at once, refused when larger than the credit that day.

use super::prelude::*;
use crate::app::Mode;
use crate::domain::corrections::RefundMethod;
use crate::domain::role::Act;
use crate::service::corrections::NewRefund;

pub static FORM: FormDef = FormDef {
    keys: &[Key::new(Ctx::Detail, 'F', "F", "refund credit (manager)", false, 14)],
    act: Some(Act::RefundCredit), submit: super::preview, ..FormDef::new("refund", open, write) };

fn open(app: &App, _: Option<String>) -> Result<Form, String> {
    let Mode::Detail(d) = &app.mode else { return Err("open an account (Enter) first".into()) };
    let credit = d.unapplied_credit;
    Ok(Form::new(
        &FORM,
        format!("Refund unapplied credit of {} ({} as of {})", d.account.account_no, credit.grouped(), app.as_of),
        vec![
            Field::new("account", "Account", d.account.account_no.clone(), ""),
            Field::new("amount", "Amount", if credit.is_positive() { credit.to_string() } else { String::new() }, ""),
            Field::new("method", "Method", "CHECK", "CHECK or WIRE"),
            Field::new("reference", "Reference", "", "the check number or wire reference"),
            Field::dated("date", "Date", app.today, "YYYY-MM-DD"),
        ],
    ))
}

fn write(f: &Form) -> Result<Option<Write>, WriteError> {
    let v = Values(f);
    let method = crate::input::choice::<RefundMethod>("method", &v.text("method").to_ascii_uppercase())?;
    Ok(Some(Write::new(NewRefund {
        account_no: v.required("account")?,
        amount: v.amount("amount")?,
        method,
        reference: v.required("reference")?,
        date: v.date("date")?,
    })))
}

impl Save for NewRefund {
    fn save(&self, service: &mut Service) -> crate::Result<String> {
        service.refund_credit(self).map(|done| done.line())
    }

    fn preview(&self, store: &Store, _: NaiveDate) -> Option<Result<String, WriteError>> {
        let r = self;
        let text = || -> Result<String, WriteError> {
            let a = crate::read::account(store, &r.account_no)?;
            let credit = crate::read::account_position(store, &a, r.date)?.1.unapplied_credit;
            if let Some(why) = crate::domain::corrections::refund_refused(r.amount, credit) {
                return Err(WriteError::field("amount", why));
            }
            Ok(format!(
                "REFUND {} to {} by {} {} on {}: a REFUND charge the credit pays at once.\nUnapplied credit that day: {} → {}.\n{CORRECTION}",
                r.amount.grouped(),
                a.account_no,
                r.method,
                r.reference.trim(),
                r.date,
                credit.grouped(),
                (credit - r.amount).grouped()
            ))
        };
        Some(text())
    }
}
