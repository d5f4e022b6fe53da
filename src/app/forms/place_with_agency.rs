//! `a` on Collections: place an account with a collection agency (a manager's act),
//! the amount filled with what is more than 60 days past due.

use super::prelude::*;
use crate::domain::role::Act;
use crate::service::operations::NewPlacement;

pub static FORM: FormDef = FormDef {
    keys: &[Key::new(Ctx::On(Pane::Collections), 'a', "a", "agency (manager)", true, 1)],
    act: Some(Act::PlaceWithAgency), ..FormDef::new("place_with_agency", open, write) };

fn open(app: &App, account: Option<String>) -> Result<Form, String> {
    let past_60 = account
        .as_ref()
        .and_then(|a| {
            let s = app.snapshot.as_ref()?;
            s.account_index(a).map(|i| s.accounts[i].past_60.to_string())
        })
        .unwrap_or_default();
    Ok(Form::new(
        &FORM,
        "Place with a collection agency",
        vec![
            Field::new("account", "Account", account.unwrap_or_default(), ""),
            Field::new("agency", "Agency", "", "name of the agency"),
            Field::dated("placed_on", "Placed on", app.today, "YYYY-MM-DD"),
            Field::new("amount", "Amount placed", past_60, ""),
            Field::new("note", "Note", "", "optional"),
        ],
    ))
}

fn write(f: &Form) -> Result<Option<Write>, WriteError> {
    let v = Values(f);
    Ok(Some(Write::new(NewPlacement {
        account_no: v.required("account")?,
        agency: v.required("agency")?,
        placed_on: v.date("placed_on")?,
        amount: v.amount("amount")?,
        note: v.optional("note"),
    })))
}

impl Save for NewPlacement {
    fn save(&self, service: &mut Service) -> crate::Result<String> {
        service.place_with_agency(self).map(|()| format!("{} placed with {}", self.account_no, self.agency))
    }
}
