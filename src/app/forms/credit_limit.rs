//! `L` in the account view: a new credit limit (a manager's).

use super::prelude::*;
use crate::app::Mode;
use crate::domain::role::Act;

pub static FORM: FormDef = FormDef {
    act: Some(Act::ChangeCreditLimit),
    submit: super::preview,
    ..FormDef::new("credit_limit", open, write)
};

fn open(app: &App, _: Option<String>) -> Result<Form, String> {
    let Mode::Detail(d) = &app.mode else { return Err("open an account (Enter) first".into()) };
    let a = &d.account;
    Ok(Form::new(
        &FORM,
        format!("Credit limit of {} ({}, now {})", a.account_no, a.terms, a.credit_limit.grouped()),
        vec![
            Field::new("account", "Account", a.account_no.clone(), ""),
            Field::new("amount", "New limit", a.credit_limit.to_string(), "e.g. 7500 (0 = none)"),
        ],
    ))
}

fn write(f: &Form) -> Result<Option<Write>, WriteError> {
    let v = Values(f);
    Ok(Some(Write::CreditLimit(v.required("account")?, v.amount_or_zero("amount")?)))
}
