//! `A` on Accounts: take a credit application (a manager approves it later). The
//! SSN/EIN shows as typed only while its field has the cursor; masked otherwise.

use super::prelude::*;
use crate::service::credit::NewCreditApplication;

pub static FORM: FormDef = FormDef {
    keys: &[Key::new(Ctx::On(Pane::Accounts), 'A', "A", "credit application", false, 7)],
    ..FormDef::new("credit_application", open, write)
};

fn open(app: &App, account: Option<String>) -> Result<Form, String> {
    Ok(Form::new(
        &FORM,
        "Take a credit application",
        vec![
            Field::new("account", "Account", account.unwrap_or_default(), ""),
            Field::new("requested_limit", "Limit asked", "", "e.g. 5000.00"),
            Field::new("trade_references", "Trade refs", "", "one or more, separated by ;"),
            Field::new("bank_reference", "Bank ref", "", ""),
            Field::secret("gov_id", "SSN/EIN", "", "SSN NNN-NN-NNNN or EIN NN-NNNNNNN"),
            Field::dated("date", "Applied on", app.today, "YYYY-MM-DD"),
        ],
    ))
}

fn write(f: &Form) -> Result<Option<Write>, WriteError> {
    let v = Values(f);
    let trade_references: Vec<String> =
        f.value("trade_references").split(';').map(str::trim).filter(|r| !r.is_empty()).map(str::to_string).collect();
    if trade_references.is_empty() {
        return Err(WriteError::field("trade_references", "at least one trade reference"));
    }
    Ok(Some(Write::new(NewCreditApplication {
        account_no: v.required("account")?,
        requested_limit: v.amount("requested_limit")?,
        trade_references,
        bank_reference: v.required("bank_reference")?,
        gov_id: v.required("gov_id")?,
        applied_on: v.date("date")?,
    })))
}

impl Save for NewCreditApplication {
    fn save(&self, service: &mut Service) -> crate::Result<String> {
        service.apply_for_credit(self).map(|app| {
            format!("credit application for {} recorded ({})", app.requested_limit.grouped(), app.account_no)
        })
    }
}
