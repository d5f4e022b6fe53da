//! `p`: record a payment; on the Invoices pane it pays the selected charge, in the
//! account view the amount is the account's payoff amount (RULES 10), on a promise's
//! line of Today what is still owed on the promise.

use super::prelude::*;
use crate::app::Mode;
use crate::service::operations::NewPayment;

pub static FORM: FormDef = FormDef {
    keys: &[
        Key::new(Ctx::On(Pane::Today), 'p', "p", "payment", true, 1),
        Key::new(Ctx::On(Pane::Accounts), 'p', "p", "payment", true, 1),
        Key::new(Ctx::On(Pane::Invoices), 'p', "p", "pay it", true, 1),
        Key::new(Ctx::On(Pane::Collections), 'p', "p", "payment", false, 3),
        Key::new(Ctx::Detail, 'p', "p", "payment (payoff)", true, 8),
    ],
    ..FormDef::new("record_payment", open, write)
};

fn open(app: &App, account: Option<String>) -> Result<Form, String> {
    let charge = app.selected_charge();
    let promised = app.selected_today().filter(|_| matches!(app.mode, Mode::Normal)).and_then(|l| l.amount);
    let amount = match (&app.mode, charge) {
        (_, Some(c)) => c.outstanding.to_string(),
        (Mode::Detail(d), None) if d.payoff.is_positive() => d.payoff.to_string(),
        _ => promised.map_or(String::new(), |m| m.to_string()),
    };
    Ok(Form::new(
        &FORM,
        format!("Record a payment{}", account.as_ref().map_or(String::new(), |a| format!(" — {a}"))),
        vec![
            Field::new("account", "Account", account.unwrap_or_default(), "account number"),
            Field::new("amount", "Amount", amount, "e.g. 125.00"),
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
    let account_no = v.required("account")?;
    let amount = v.amount("amount")?;
    let method = v.text("method").to_ascii_uppercase().parse::<crate::domain::PaymentMethod>().map_err(|_| {
        WriteError::field("method", "use WIRE, CASH, CHECK, CERTIFIED_CHECK, MONEY_ORDER, CARD or CREDIT_MEMO")
    })?;
    let date = v.date("date")?;
    let reference = v.required("reference")?;
    Ok(Some(Write::new(NewPayment {
        account_no,
        amount,
        method,
        date,
        reference,
        apply_to: v.optional("apply_to"),
        surcharge_waiver: None,
    })))
}

impl Save for NewPayment {
    fn save(&self, service: &mut Service) -> crate::Result<String> {
        service.record_payment(self).map(|done| {
            let mut m = format!("payment {} of {} recorded", done.reference, done.amount.grouped());
            if let Some((doc, fee)) = done.surcharge {
                m.push_str(&format!("; card surcharge {doc} {}", fee.grouped()));
            }
            m
        })
    }
}
