//! `a` on Repairs: the selected ticket to its next status.

use super::prelude::*;

pub static FORM: FormDef = FormDef {
    keys: &[Key::new(Ctx::On(Pane::Repairs), 'a', "a", "advance", true, 1)],
    ..FormDef::new("advance_ticket", open, write)
};

fn open(app: &App, _: Option<String>) -> Result<Form, String> {
    let t = super::selected_ticket(app)?;
    let next = t.status.next().map_or("(close it with x)", |n| n.as_str());
    Ok(Form::new(
        &FORM,
        format!("Advance ticket {} from {} to {next}", t.ticket_no, t.status),
        vec![Field::new("ticket_no", "Ticket no.", t.ticket_no.clone(), "")],
    ))
}

fn write(f: &Form) -> Result<Option<Write>, WriteError> {
    Ok(Some(Write::new(AdvanceTicket { ticket_no: Values(f).required("ticket_no")? })))
}

/// The ticket moved to its next status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdvanceTicket {
    pub ticket_no: String,
}

impl Save for AdvanceTicket {
    fn save(&self, service: &mut Service) -> crate::Result<String> {
        let t = &self.ticket_no;
        service.advance_ticket(t).map(|s| format!("ticket {t} is now {s}"))
    }
}
