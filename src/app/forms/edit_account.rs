//! `E` in the account view: change the account's name, contact, phone, e-mail, address
//! or state (any operator). Only the fields changed are written; the audit log names
//! them, never their values.

use super::prelude::*;
use crate::app::Mode;
use crate::service::upkeep::AccountEdit;

pub static FORM: FormDef = FormDef { submit: super::preview, ..FormDef::new("edit_account", open, write) };

fn open(app: &App, _: Option<String>) -> Result<Form, String> {
    let Mode::Detail(d) = &app.mode else { return Err("open an account (Enter) first".into()) };
    let c = &d.contact;
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    Ok(Form::new(
        &FORM,
        format!("Edit account {}", d.account.account_no),
        vec![
            Field::new("account", "Account", d.account.account_no.clone(), ""),
            Field::new("name", "Name", d.account.name.clone(), "required"),
            Field::new("contact_name", "Contact", text(&c.contact_name), "blank clears it"),
            Field::new("phone", "Phone", text(&c.phone), ""),
            Field::new("email", "E-mail", text(&c.email), ""),
            Field::new("address", "Address", text(&c.address), ""),
            Field::new("state", "State", d.account.state.clone().unwrap_or_default(), "two letters"),
        ],
    ))
}

fn write(f: &Form) -> Result<Option<Write>, WriteError> {
    let v = Values(f);
    // A field left as it was is not sent: only what was changed is written.
    let changed = |key: &str| {
        f.fields.iter().find(|x| x.key == key).filter(|x| x.value().trim() != x.initial.trim()).map(|x| x.value().trim().to_string())
    };
    let edit = AccountEdit {
        account_no: v.required("account")?,
        name: changed("name"),
        contact_name: changed("contact_name"),
        phone: changed("phone"),
        email: changed("email"),
        address: changed("address"),
        state: changed("state"),
    };
    if edit == (AccountEdit { account_no: edit.account_no.clone(), ..Default::default() }) {
        return Err(WriteError::Note("nothing was changed".into()));
    }
    Ok(Some(Write::EditAccount(edit)))
}
