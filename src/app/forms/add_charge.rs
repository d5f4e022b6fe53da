//! `c`: add a charge. Before it asks to confirm, the event loop reads whether the
//! charge takes the account over its credit limit, and the question says so.

use super::prelude::*;
use super::confirm;
use crate::app::{Effect, Mode};
use crate::domain::credit::OverLimit;
use crate::domain::ChargeKind;
use crate::service::operations::NewCharge;

pub static FORM: FormDef = FormDef { submit, ..FormDef::new("add_charge", open, write) };

fn open(app: &App, account: Option<String>) -> Result<Form, String> {
    Ok(Form::new(
        &FORM,
        "Add a charge",
        vec![
            Field::new("account", "Account", account.unwrap_or_default(), "an ACTIVE account"),
            Field::new("doc_no", "Document no.", "", "unique"),
            Field::new("kind", "Kind", "INVOICE", "INVOICE REPAIR FEE COLLECTION_COST"),
            Field::dated("date", "Date", app.today, "YYYY-MM-DD"),
            Field::new("amount", "Amount", "", "e.g. 480.00"),
            Field::new("memo", "Memo", "", "optional"),
        ],
    ))
}

fn write(f: &Form) -> Result<Option<Write>, WriteError> {
    let kind = Values(f)
        .text("kind")
        .to_ascii_uppercase()
        .parse::<ChargeKind>()
        .ok()
        .filter(|k| !k.is_derived())
        .ok_or_else(|| WriteError::field("kind", "use INVOICE, REPAIR, FEE or COLLECTION_COST"))?;
    Ok(Some(Write::Charge(new_charge(f, kind)?)))
}

/// A charge of `kind` from the fields of this form or the collection-cost one.
pub fn new_charge(f: &Form, kind: ChargeKind) -> Result<NewCharge, WriteError> {
    let v = Values(f);
    let account_no = v.required("account")?;
    let doc_no = v.required("doc_no")?;
    let date = v.date("date")?;
    let amount = v.amount("amount")?;
    Ok(NewCharge { account_no, doc_no, kind, date, amount, memo: v.optional("memo") })
}

/// The limit is read from the database: ask the loop, confirm after.
fn submit(app: &mut App, mut form: Form, write: Option<Write>) -> Vec<Effect> {
    let Some(Write::Charge(c)) = write else { return confirm(app, form, write) };
    form.saving = true;
    app.mode = Mode::Form(Box::new(form));
    vec![Effect::CheckCredit(c)]
}

/// The over-limit question: the limit and the balance the charge would leave.
pub fn over_limit_text(f: &Form, o: &OverLimit) -> String {
    let amount = crate::input::amount("amount", f.value("amount")).unwrap_or_default();
    format!(
        "OVER THE CREDIT LIMIT: account {} has a limit of {}.\nThis charge of {} takes the balance from {} to {} ({} over the limit).\nCharge it anyway? y = charge, n = keep editing",
        f.value("account").trim(),
        o.credit_limit.grouped(),
        amount.grouped(),
        (o.balance - amount).grouped(),
        o.balance.grouped(),
        o.excess.grouped()
    )
}
