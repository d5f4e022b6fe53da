//! `N` on Accounts: a company applying to become a dealer (an APPLICANT on PREPAY).

use super::prelude::*;
use crate::service::dealers::NewDealer;

pub static FORM: FormDef = FormDef::new("register_dealer", open, write);

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
    Ok(Some(Write::RegisterDealer(NewDealer {
        account_no: v.required("account")?,
        name: v.required("name")?,
        state: v.text("state"),
        contact_name: v.text("contact_name"),
        phone: v.text("phone"),
        email: v.text("email"),
        address: v.text("address"),
    })))
}
