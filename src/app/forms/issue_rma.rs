//! `i` on RMAs: goods coming back on an invoice, line by line.

use super::prelude::*;
use crate::domain::ChargeKind;
use crate::service::returns::NewRma;

pub static FORM: FormDef = FormDef {
    keys: &[Key::new(Ctx::On(Pane::Rmas), 'i', "i", "issue RMA", true, 1)],
    ..FormDef::new("issue_rma", open, write)
};

fn open(app: &App, account: Option<String>) -> Result<Form, String> {
    let invoice = app
        .snapshot
        .as_ref()
        .and_then(|s| {
            let acct = account.as_deref()?;
            s.charges.iter().find(|c| c.account_no == acct && c.kind == ChargeKind::Invoice)
        })
        .map(|c| c.doc_no.clone())
        .unwrap_or_default();
    Ok(Form::new(
        &FORM,
        "Issue an RMA",
        vec![
            Field::new("invoice", "Invoice", invoice, "the INVOICE the goods were sold on"),
            Field::dated("date", "Issued on", app.today, "YYYY-MM-DD"),
            Field::new("lines", "Lines", "", "ITEM=VALUE[,installed][,class=NONSTOCK] ; ITEM=VALUE …"),
            Field::new("manufacturer_approval", "Mfr approval", "", "late return: who approved (blank = none)"),
            Field::new("restocking_pct", "Restocking %", "", "blank = 15; higher if the manufacturer says so"),
        ],
    ))
}

fn write(f: &Form) -> Result<Option<Write>, WriteError> {
    let v = Values(f);
    let invoice = v.required("invoice")?;
    let issued_on = v.date("date")?;
    let restocking_pct = v
        .optional("restocking_pct")
        .map(|p| crate::input::percent("restocking_pct", &p))
        .transpose()?;
    let lines = f
        .value("lines")
        .split(';')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| {
            crate::service::returns::parse_line_spec(l)
                .map_err(|e| WriteError::field("lines", WriteError::from(e).parts().1))
        })
        .collect::<Result<Vec<_>, _>>()?;
    if lines.is_empty() {
        return Err(WriteError::field("lines", "at least one line: ITEM=VALUE"));
    }
    Ok(Some(Write::new(NewRma {
        invoice,
        issued_on,
        manufacturer_approval: v.optional("manufacturer_approval"),
        restocking_pct,
        lines,
    })))
}

impl Save for NewRma {
    fn save(&self, service: &mut Service) -> crate::Result<String> {
        service
            .issue_rma(self)
            .map(|r| format!("{} issued for {} ({}): {}", r.rma_no, r.invoice, r.account_no, r.value.grouped()))
    }
}
