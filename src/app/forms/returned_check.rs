//! `r` on Returned checks: a check came back; the $25 fee is charged unless a manager
//! waives it (the service says who may).

use super::prelude::*;
use crate::service::operations::NewReturnedCheck;

pub static FORM: FormDef = FormDef {
    keys: &[Key::new(Ctx::On(Pane::ReturnedChecks), 'r', "r", "returned check", true, 0)],
    ..FormDef::new("returned_check", open, write)
};

fn open(app: &App, _: Option<String>) -> Result<Form, String> {
    Ok(Form::new(
        &FORM,
        "Record a returned check",
        vec![
            Field::new("payment_ref", "Payment ref.", "", "a CHECK or CERTIFIED_CHECK payment"),
            Field::dated("returned_date", "Returned on", app.today, "YYYY-MM-DD"),
            Field::new("waive_fee", "Waive $25 fee", "no", "yes/no (manager)"),
            Field::new("waiver_reason", "Waiver reason", "", "required to waive"),
        ],
    ))
}

fn write(f: &Form) -> Result<Option<Write>, WriteError> {
    let v = Values(f);
    let payment_ref = v.required("payment_ref")?;
    let returned_date = v.date("returned_date")?;
    let waive = v.yes("waive_fee")?;
    if waive {
        v.required("waiver_reason")?;
    }
    Ok(Some(Write::new(NewReturnedCheck {
        payment_ref,
        returned_date,
        waive_fee: waive,
        waiver_reason: v.optional("waiver_reason"),
    })))
}

impl Save for NewReturnedCheck {
    fn save(&self, service: &mut Service) -> crate::Result<String> {
        service.record_returned_check(self).map(|()| format!("returned check {} recorded", self.payment_ref))
    }
}
