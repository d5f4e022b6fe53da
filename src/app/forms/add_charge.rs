//! `c`: add a charge. Before it asks to confirm, the event loop reads whether the
//! charge takes the account over its credit limit, and the question says so; and
//! whether an invoice's account is on credit hold: a clerk is told why it is refused, a
//! manager is asked for the reason to override the hold for this invoice.

use super::prelude::*;
use super::confirm;
use crate::app::{CreditAnswer, Effect, Mode};
use crate::domain::role::{Act, Role};
use crate::domain::credit::OverLimit;
use crate::domain::ChargeKind;
use crate::service::operations::NewCharge;

pub static FORM: FormDef = FormDef {
    keys: &[
        Key::new(Ctx::On(Pane::Accounts), 'c', "c", "charge", true, 2),
        Key::new(Ctx::On(Pane::Invoices), 'c', "c", "charge", true, 2),
        Key::new(Ctx::Detail, 'c', "c", "charge", true, 9),
    ],
    submit, ..FormDef::new("add_charge", open, write) };

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
    let charge = new_charge(f, kind)?;
    Ok(Some(match crate::input::optional(f.value(OVERRIDE)) {
        Some(reason) => Write::new(OverridingHold { charge, reason: reason.to_string() }),
        None => Write::new(charge),
    }))
}

/// The field a manager's reason to override a hold goes in (added when the hold shows).
pub const OVERRIDE: &str = "override_hold";

/// A charge of `kind` from the fields of this form or the collection-cost one.
pub fn new_charge(f: &Form, kind: ChargeKind) -> Result<NewCharge, WriteError> {
    let v = Values(f);
    let account_no = v.required("account")?;
    let doc_no = v.required("doc_no")?;
    let date = v.date("date")?;
    let amount = v.amount("amount")?;
    Ok(NewCharge { account_no, doc_no, kind, date, amount, memo: v.optional("memo") })
}

/// The limit and the hold are read from the database: ask the loop, confirm after.
fn submit(app: &mut App, mut form: Form, write: Option<Write>) -> Vec<Effect> {
    let w = write.as_ref();
    let Some(c) = w.and_then(|w| w.get::<NewCharge>()).or(w.and_then(|w| w.get::<OverridingHold>()).map(|o| &o.charge))
    else {
        return confirm(app, form, write);
    };
    let c = c.clone();
    form.saving = true;
    app.mode = Mode::Form(Box::new(form));
    vec![Effect::CheckCredit(c)]
}

/// The credit check's answer: on hold, a clerk is told why and a manager asked for a
/// reason (then the confirm step says the hold is overridden); over the limit, the
/// question says by how much.
pub fn credit_checked(role: Role, f: &mut Form, answer: CreditAnswer) {
    let reason = crate::input::optional(f.value(OVERRIDE)).map(str::to_string);
    if let Some(hold) = &answer.hold {
        let since = hold.since.map_or(String::new(), |d| format!(" since {d}"));
        let held = format!("account {} is ON CREDIT HOLD{since}: {}", hold.account_no, hold.reason);
        if !role.may(Act::OverrideCreditHold) {
            f.note = Some(format!("refused: {held}. Only a manager may override the hold for an invoice."));
            return;
        }
        if reason.is_none() {
            if !f.fields.iter().any(|x| x.key == OVERRIDE) {
                f.fields.push(Field::new(OVERRIDE, "Override reason", "", "why this invoice may go (recorded)"));
            }
            f.focus = f.fields.len() - 1;
            f.note = Some(format!("{held}. To invoice anyway, give the reason to override the hold (recorded)."));
            return;
        }
    }
    let mut text: Vec<String> = Vec::new();
    if let (Some(hold), Some(why)) = (&answer.hold, &reason) {
        text.push(format!("CREDIT HOLD OVERRIDDEN for this invoice: {} — because {why}", hold.reason));
    }
    if let Some(o) = &answer.over {
        text.push(over_limit_text(f, o));
    } else if !text.is_empty() {
        text.push(crate::app::update::SAVE_THIS.to_string());
    }
    f.confirm_text = (!text.is_empty()).then(|| text.join("\n"));
    f.confirming = true;
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

impl Save for NewCharge {
    fn save(&self, service: &mut Service) -> crate::Result<String> {
        service.add_charge(self).map(|due| format!("charge {} recorded, due {due}", self.doc_no))
    }
}

/// An invoice to an account on credit hold, and the manager's reason to let it through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverridingHold {
    pub charge: NewCharge,
    pub reason: String,
}

impl Save for OverridingHold {
    fn save(&self, service: &mut Service) -> crate::Result<String> {
        service.add_charge_overriding_hold(&self.charge, &self.reason).map(|due| {
            format!("charge {} recorded, due {due}; credit hold overridden (recorded)", self.charge.doc_no)
        })
    }
}
