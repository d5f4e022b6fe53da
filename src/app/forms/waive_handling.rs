//! `w` on Repairs: waive the selected ticket's handling fee (a manager's act).

use super::prelude::*;
use crate::domain::role::Act;

pub static FORM: FormDef = FormDef {
    keys: &[
        Key::new(Ctx::On(Pane::Repairs), 'w', "w", "waive fee (manager)", true, 3),
    ],
    act: Some(Act::WaiveHandlingFee), ..FormDef::new("waive_handling", open, write) };

fn open(app: &App, _: Option<String>) -> Result<Form, String> {
    let t = super::selected_ticket(app)?;
    Ok(Form::new(
        &FORM,
        format!("Waive the handling fee of ticket {}", t.ticket_no),
        vec![
            Field::new("ticket_no", "Ticket no.", t.ticket_no.clone(), ""),
            Field::new("waiver_reason", "Reason", "", "required"),
        ],
    ))
}

fn write(f: &Form) -> Result<Option<Write>, WriteError> {
    let v = Values(f);
    Ok(Some(Write::WaiveHandling(v.required("ticket_no")?, v.required("waiver_reason")?)))
}
