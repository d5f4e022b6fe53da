//! `V` in the account view: void the selected payment or charge, or waive the selected
//! returned-check fee (a manager's, with a reason). Before it asks `y` it reads what will
//! change: the document, and the balance before and after.

use super::prelude::*;
use crate::app::{Document, Mode};
use crate::domain::corrections::{charge_void_refused, payment_void_refused};
use crate::domain::role::Act;
use crate::service::corrections::NewVoid;

pub static FORM: FormDef = FormDef {
    keys: &[Key::new(Ctx::Detail, 'V', "V", "void (manager)", true, 10)],
    act: Some(Act::VoidPayment),
    act_here: Some(act_here),
    submit: super::preview,
    ..FormDef::new("void_document", open, write)
};

/// The field that names the document, by what is voided (the service's field names).
const KEYS: [(VoidKind, &str, &str); 3] = [
    (VoidKind::Payment, "payment_ref", "Payment"),
    (VoidKind::Charge, "doc_no", "Charge"),
    (VoidKind::ReturnedCheckFee, "returned_check", "Fee of check"),
];

/// What `V` would void here: the selected document of the account view, or why not.
fn target(app: &App) -> Result<(VoidKind, String), String> {
    let Mode::Detail(d) = &app.mode else {
        return Err("open an account (Enter) and select a payment or charge first".into());
    };
    match d.selected_document() {
        None => Err("this account has no payment or charge to void".into()),
        Some(Document::Charge(c)) => match c.doc_no.strip_prefix("RCF-") {
            Some(reference) => Ok((VoidKind::ReturnedCheckFee, reference.to_string())),
            None => match charge_void_refused(&c.doc_no) {
                Some(why) => Err(format!("✗ {why}")),
                None => Ok((VoidKind::Charge, c.doc_no.clone())),
            },
        },
        Some(Document::VoidCharge(c)) => Err(format!("✗ {} is already void", c.doc_no)),
        Some(Document::Payment(p)) if p.void.is_some() => Err(format!("✗ {} is already void", p.reference)),
        Some(Document::Payment(p)) => match payment_void_refused(&p.reference, p.returned_on) {
            Some(why) => Err(format!("✗ {why}")),
            None => Ok((VoidKind::Payment, p.reference.clone())),
        },
    }
}

fn act_here(app: &App) -> Act {
    target(app).map_or(Act::VoidPayment, |(kind, _)| kind.act())
}

fn open(app: &App, _: Option<String>) -> Result<Form, String> {
    let (kind, document) = target(app)?;
    let (_, key, label) = KEYS.into_iter().find(|(k, _, _)| *k == kind).unwrap_or(KEYS[0]);
    let title = match kind {
        VoidKind::Payment => format!("Void payment {document}"),
        VoidKind::Charge => format!("Void charge {document}"),
        VoidKind::ReturnedCheckFee => format!("Waive returned-check fee RCF-{document}"),
    };
    Ok(Form::new(
        &FORM,
        title,
        vec![
            Field::new(key, label, document, "it will count nowhere, at any as-of date"),
            Field::new("reason", "Reason", "", "why (kept with it and in the audit log)"),
        ],
    ))
}

fn write(f: &Form) -> Result<Option<Write>, WriteError> {
    let v = Values(f);
    let (kind, key, _) = KEYS
        .into_iter()
        .find(|(_, key, _)| f.fields.iter().any(|field| field.key == *key))
        .ok_or_else(|| WriteError::Note("nothing to void".into()))?;
    Ok(Some(Write::new(Void { kind, void: NewVoid { document: v.required(key)?, reason: v.required("reason")? } })))
}

/// What `V` voids in the account view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoidKind {
    Payment,
    Charge,
    /// A returned-check fee already posted, waived (`RCF-<ref>`; the document is `ref`).
    ReturnedCheckFee,
}

impl VoidKind {
    /// The manager's act it is.
    pub fn act(self) -> Act {
        match self {
            VoidKind::Payment => Act::VoidPayment,
            VoidKind::Charge => Act::VoidCharge,
            VoidKind::ReturnedCheckFee => Act::WaiveReturnedCheckFee,
        }
    }
}

/// A payment or charge voided, or a returned-check fee waived (RULES 10).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Void {
    pub kind: VoidKind,
    pub void: NewVoid,
}

impl Save for Void {
    fn save(&self, service: &mut Service) -> crate::Result<String> {
        match self.kind {
            VoidKind::Payment => service.void_payment(&self.void),
            VoidKind::Charge => service.void_charge(&self.void),
            VoidKind::ReturnedCheckFee => service.waive_returned_check_fee(&self.void),
        }
        .map(|v| v.line())
    }

    fn preview(&self, store: &Store, as_of: NaiveDate) -> Option<Result<String, WriteError>> {
        use crate::read::corrections::{void_preview, Voidable};
        let doc = self.void.document.trim();
        let what = match self.kind {
            VoidKind::Payment => Voidable::Payment(doc),
            VoidKind::Charge => Voidable::Charge(doc),
            VoidKind::ReturnedCheckFee => Voidable::ReturnedCheckFee(doc),
        };
        let verb = if self.kind == VoidKind::ReturnedCheckFee { "WAIVE" } else { "VOID" };
        Some(void_preview(store, what, as_of).map_err(WriteError::from).map(|p| {
            format!(
                "{verb} {} of account {}.\nIt will count nowhere, at any as-of date; the row stays, marked void, with your reason.\nBalance as of {as_of}: {} → {}.\n{CORRECTION}",
                p.document,
                p.account_no,
                p.balance_before.grouped(),
                p.balance_after.grouped()
            )
        }))
    }
}
