//! `o` on Repairs: a unit in for repair.

use super::prelude::*;
use crate::service::repairs::NewTicket;

pub static FORM: FormDef = FormDef {
    keys: &[Key::new(Ctx::On(Pane::Repairs), 'o', "o", "open ticket", true, 0)],
    ..FormDef::new("open_ticket", open, write)
};

fn open(app: &App, account: Option<String>) -> Result<Form, String> {
    Ok(Form::new(
        &FORM,
        "Open a repair ticket",
        vec![
            Field::new("ticket_no", "Ticket no.", "", "unique"),
            Field::new("account", "Account", account.unwrap_or_default(), ""),
            Field::new("manufacturer", "Manufacturer", "", ""),
            Field::new("model", "Model", "", ""),
            Field::new("serial", "Serial", "", ""),
            Field::new("fault", "Fault", "", "what is wrong"),
            Field::new("oversized", "Oversized/bulky", "no", "yes/no: handling $25.00 instead of $15.00"),
            Field::dated("opened_on", "Received on", app.today, "YYYY-MM-DD"),
        ],
    ))
}

fn write(f: &Form) -> Result<Option<Write>, WriteError> {
    let v = Values(f);
    Ok(Some(Write::new(NewTicket {
        ticket_no: v.required("ticket_no")?,
        account_no: v.required("account")?,
        manufacturer: v.required("manufacturer")?,
        model: v.required("model")?,
        serial: v.required("serial")?,
        fault: v.required("fault")?,
        oversized: v.yes("oversized")?,
        opened_on: v.date("opened_on")?,
    })))
}

impl Save for NewTicket {
    fn save(&self, service: &mut Service) -> crate::Result<String> {
        service.open_ticket(self).map(|t| format!("ticket {} opened", t.ticket_no))
    }
}
