//! `N` on Accounts: a company applying to become a dealer (an APPLICANT on PREPAY).

use super::prelude::*;
use crate::service::dealers::NewDealer;

pub static FORM: FormDef = FormDef {
    keys: &[Key::new(Ctx::On(Pane::Accounts), 'N', "N", "register dealer", true, 5)],
    ..FormDef::new("register_dealer", open, write)
};

fn open(_: &App, _: Option<String>) -> Result<Form, String> {
    Ok(Form::new(
        &FORM,
        "Register a dealer",
        vec![
            Field::new("account", "Account no.", "", "new, no spaces or commas"),
            Field::new("name", "Company", "", "required"),
            Field::new("state", "State", "", "two letters (rate cap)"),
            Field::new("contact_name", "Contact", "", "the person to speak to"),
            Field::new("phone", "Phone", "", ""),
            Field::new("email", "E-mail", "", ""),
            Field::new("address", "Address", "", ""),
        ],
    ))
}

fn write(f: &Form) -> Result<Option<Write>, WriteError> {
    let v = Values(f);
    Ok(Some(Write::new(NewDealer {
        account_no: v.required("account")?,
        name: v.required("name")?,
        state: v.text("state"),
        contact_name: v.text("contact_name"),
        phone: v.text("phone"),
        email: v.text("email"),
        address: v.text("address"),
    })))
}

impl Save for NewDealer {
    fn save(&self, service: &mut Service) -> crate::Result<String> {
        service.register_dealer(self).map(|a| format!("{} registered as an APPLICANT", a.account_no))
    }
}
