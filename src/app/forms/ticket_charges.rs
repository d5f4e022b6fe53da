//! `e` on Repairs: the selected ticket's freight, insurance and manufacturer charges.

use super::prelude::*;
use super::{yes_no};
use crate::domain::Money;
use crate::service::repairs::TicketCharges;

pub static FORM: FormDef = FormDef {
    keys: &[Key::new(Ctx::On(Pane::Repairs), 'e', "e", "charges", true, 2)],
    ..FormDef::new("ticket_charges", open, write)
};


fn open(app: &App, _: Option<String>) -> Result<Form, String> {
    let t = super::selected_ticket(app)?;
    let m = |v: Money| if v.is_zero() { String::new() } else { v.to_string() };
    Ok(Form::new(
        &FORM,
        format!("Charges of ticket {}", t.ticket_no),
        vec![
            Field::new("ticket_no", "Ticket no.", t.ticket_no.clone(), ""),
            Field::new("oversized", "Oversized/bulky", yes_no(t.charges.oversized), "yes/no"),
            Field::new("freight_in", "Freight in", m(t.charges.freight_in), "blank = 0.00"),
            Field::new("freight_out", "Freight out", m(t.charges.freight_out), "blank = 0.00"),
            Field::new("insurance", "Insurance", m(t.charges.insurance), "blank = 0.00"),
            Field::new("manufacturer_charge", "Manufacturer", m(t.charges.manufacturer_charge), "blank = 0.00"),
        ],
    ))
}

fn write(f: &Form) -> Result<Option<Write>, WriteError> {
    let v = Values(f);
    let oversized = v.yes("oversized")?;
    let charges = TicketCharges {
        oversized,
        freight_in: v.amount_or_zero("freight_in")?,
        freight_out: v.amount_or_zero("freight_out")?,
        insurance: v.amount_or_zero("insurance")?,
        manufacturer_charge: v.amount_or_zero("manufacturer_charge")?,
    };
    Ok(Some(Write::new(SetCharges { ticket_no: v.required("ticket_no")?, charges })))
}

/// A ticket's charges, set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetCharges {
    pub ticket_no: String,
    pub charges: TicketCharges,
}

impl Save for SetCharges {
    fn save(&self, service: &mut Service) -> crate::Result<String> {
        let t = &self.ticket_no;
        service.set_ticket_charges(t, &self.charges).map(|c| format!("ticket {t}: charges total {}", c.total().grouped()))
    }
}
