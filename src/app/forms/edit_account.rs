//! `E` in the account view: change the account's name, contact, phone, e-mail, address
//! or state (any operator). Only the fields changed are written; the audit log names
//! them, never their values.

use super::prelude::*;
use crate::app::Mode;
use crate::service::upkeep::AccountEdit;

pub static FORM: FormDef = FormDef {
    keys: &[Key::new(Ctx::Detail, 'E', "E", "edit account", true, 11)],
    submit: super::preview, ..FormDef::new("edit_account", open, write) };

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
    Ok(Some(Write::new(edit)))
}

impl Save for AccountEdit {
    fn save(&self, service: &mut Service) -> crate::Result<String> {
        service.edit_account(self).map(|changed| format!("account {}: changed {}", self.account_no, changed.join(", ")))
    }

    fn preview(&self, store: &Store, _: NaiveDate) -> Option<Result<String, WriteError>> {
        Some(preview(store, self).map_err(WriteError::from))
    }
}

fn preview(store: &Store, e: &AccountEdit) -> crate::Result<String> {
    let a = crate::read::account(store, &e.account_no)?;
    let held = crate::store::accounts::details(store, a.id)?;
    let new = [&e.name, &e.contact_name, &e.phone, &e.email, &e.address, &e.state];
    let changes: Vec<String> = crate::store::accounts::DetailField::ALL
        .iter()
        .zip(held.iter().zip(new))
        .filter_map(|(f, (old, new))| {
            let shown = |v: Option<&str>| v.filter(|v| !v.is_empty()).map_or("(blank)".to_string(), str::to_string);
            new.as_ref().map(|n| format!("  {}: {} → {}", f.column(), shown(old.as_deref()), shown(Some(n))))
        })
        .collect();
    Ok(format!("Account {} will change:\n{}\n{CORRECTION}", a.account_no, changes.join("\n")))
}
