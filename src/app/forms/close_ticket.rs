//! `x` on Repairs: close the selected ticket, posting its REPAIR charge.

use super::prelude::*;

pub static FORM: FormDef = FormDef::new("close_ticket", open, write);

fn open(app: &App, _: Option<String>) -> Result<Form, String> {
    let t = super::selected_ticket(app)?;
    Ok(Form::new(
        &FORM,
        format!("Close ticket {}: post REPAIR charge of {}", t.ticket_no, t.charges.total().grouped()),
        vec![
            Field::new("ticket_no", "Ticket no.", t.ticket_no.clone(), ""),
            Field::dated("closed_on", "Closed on", app.today, "YYYY-MM-DD"),
        ],
    ))
}

fn write(f: &Form) -> Result<Option<Write>, WriteError> {
    let v = Values(f);
    let closed_on = v.date("closed_on")?;
    Ok(Some(Write::CloseTicket(v.required("ticket_no")?, closed_on)))
}
