//! `w` on Repairs: waive the selected ticket's handling fee (a manager's act).

use super::prelude::*;
use crate::domain::role::Act;

pub static FORM: FormDef = FormDef {
    keys: &[Key::new(Ctx::On(Pane::Repairs), 'w', "w", "waive fee (manager)", true, 3)],
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
    Ok(Some(Write::new(WaiveHandling { ticket_no: v.required("ticket_no")?, reason: v.required("waiver_reason")? })))
}

/// A ticket's handling fee waived, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaiveHandling {
    pub ticket_no: String,
    pub reason: String,
}

impl Save for WaiveHandling {
    fn save(&self, service: &mut Service) -> crate::Result<String> {
        let t = &self.ticket_no;
        service.waive_handling_fee(t, &self.reason).map(|()| format!("ticket {t}: handling fee waived"))
    }
}
