//! `p`: record a payment; on the Invoices pane it pays the selected charge.

use super::prelude::*;
use crate::service::operations::NewPayment;

pub static FORM: FormDef = FormDef::new("record_payment", open, write);

fn open(app: &App, account: Option<String>) -> Result<Form, String> {
    let charge = app.selected_charge();
    Ok(Form::new(
        &FORM,
        format!("Record a payment{}", account.as_ref().map_or(String::new(), |a| format!(" — {a}"))),
        vec![
            Field::new("account", "Account", account.unwrap_or_default(), "account number"),
            Field::new("amount", "Amount", charge.map_or(String::new(), |c| c.outstanding.to_string()), "e.g. 125.00"),
            Field::new("method", "Method", "CHECK", "WIRE CASH CHECK CERTIFIED_CHECK MONEY_ORDER CARD CREDIT_MEMO"),
            Field::dated("date", "Date", app.today, "YYYY-MM-DD"),
            Field::new("reference", "Reference", "", "unique, e.g. check number"),
            Field::new(
                "apply_to",
                "Apply to",
                charge.map_or(String::new(), |c| c.doc_no.clone()),
                "document number (optional)",
            ),
        ],
    ))
}

fn write(f: &Form) -> Result<Option<Write>, WriteError> {
    let v = Values(f);
    v.required("account")?;
    v.amount("amount")?;
    let method = v.text("method").to_ascii_uppercase();
    if method.parse::<crate::domain::PaymentMethod>().is_err() {
        return Err(WriteError::field(
            "method",
            "use WIRE, CASH, CHECK, CERTIFIED_CHECK, MONEY_ORDER, CARD or CREDIT_MEMO",
        ));
    }
    v.date("date")?;
    v.required("reference")?;
    Ok(Some(Write::Payment(NewPayment {
        account_no: v.text("account"),
        amount: v.text("amount"),
        method,
        date: v.text("date"),
        reference: v.text("reference"),
        apply_to: v.text("apply_to"),
        surcharge_waiver: String::new(),
    })))
}
