//! `x` on Repairs: close the selected ticket, posting its REPAIR charge.

use super::prelude::*;

pub static FORM: FormDef = FormDef {
    keys: &[Key::new(Ctx::On(Pane::Repairs), 'x', "x", "close (posts REPAIR)", true, 4)],
    ..FormDef::new("close_ticket", open, write)
};

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
    Ok(Some(Write::new(CloseTicket { ticket_no: v.required("ticket_no")?, closed_on })))
}

/// A ticket closed on a day (its REPAIR charge posted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CloseTicket {
    pub ticket_no: String,
    pub closed_on: NaiveDate,
}

impl Save for CloseTicket {
    fn save(&self, service: &mut Service) -> crate::Result<String> {
        let t = &self.ticket_no;
        service.close_ticket(t, self.closed_on).map(|posted| match posted {
            Some((doc, amount)) => format!("ticket {t} closed; {doc} charged {}", amount.grouped()),
            None => format!("ticket {t} closed; nothing to charge"),
        })
    }
}
