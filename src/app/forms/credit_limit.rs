//! `L` in the account view: a new credit limit (a manager's).

use super::prelude::*;
use crate::domain::Money;
use crate::app::Mode;
use crate::domain::role::Act;

pub static FORM: FormDef = FormDef {
    keys: &[Key::new(Ctx::Detail, 'L', "L", "limit (manager)", false, 12)],
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
    Ok(Some(Write::new(CreditLimit { account_no: v.required("account")?, limit: v.amount_or_zero("amount")? })))
}

/// An account's new credit limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditLimit {
    pub account_no: String,
    pub limit: Money,
}

impl Save for CreditLimit {
    fn save(&self, service: &mut Service) -> crate::Result<String> {
        let (no, limit) = (&self.account_no, self.limit);
        service
            .set_credit_limit(no, limit)
            .map(|old| format!("{no}: credit limit {} (was {})", limit.grouped(), old.grouped()))
    }

    fn preview(&self, store: &Store, as_of: NaiveDate) -> Option<Result<String, WriteError>> {
        let text = || -> crate::Result<String> {
            let a = crate::read::account(store, &self.account_no)?;
            let balance = crate::read::balance(store, &a, as_of)?;
            Ok(format!(
                "Credit limit of {} ({}): {} → {}; its balance as of {as_of} is {}.\n{CORRECTION}",
                a.account_no,
                a.terms,
                a.credit_limit.grouped(),
                self.limit.grouped(),
                balance.grouped()
            ))
        };
        Some(text().map_err(WriteError::from))
    }
}
