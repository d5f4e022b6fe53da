//! `r` on RMAs: the goods of an ISSUED RMA arrived; lines found installed are noted.

use super::prelude::*;
use crate::service::returns::RmaReceipt;

pub static FORM: FormDef = FormDef {
    keys: &[Key::new(Ctx::On(Pane::Rmas), 'r', "r", "receive", true, 2)],
    ..FormDef::new("receive_rma", open, write)
};

fn open(app: &App, _: Option<String>) -> Result<Form, String> {
    let rma = app.selected_rma().filter(|r| r.status == crate::domain::returns::RmaStatus::Issued).map(|r| r.rma_no.clone()).unwrap_or_default();
    Ok(Form::new(
        &FORM,
        "Receive the goods of an RMA",
        vec![
            Field::new("rma", "RMA no.", rma, "an ISSUED RMA"),
            Field::dated("date", "Received on", app.today, "YYYY-MM-DD"),
            Field::new("installed", "Installed lines", "", "line numbers found installed, e.g. 1,3 (blank = none)"),
            Field::new("manufacturer_approval", "Mfr approval", "", "late return approved by (blank = as issued)"),
        ],
    ))
}

fn write(f: &Form) -> Result<Option<Write>, WriteError> {
    let v = Values(f);
    let rma_no = v.required("rma")?;
    let received_on = v.date("date")?;
    let installed_lines = f
        .value("installed")
        .split([',', ' '])
        .filter(|n| !n.trim().is_empty())
        .map(|n| n.trim().parse::<u32>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| WriteError::field("installed", "line numbers, e.g. 1,3"))?;
    Ok(Some(Write::new(RmaReceipt {
        rma_no,
        received_on,
        installed_lines,
        manufacturer_approval: v.optional("manufacturer_approval"),
    })))
}

impl Save for RmaReceipt {
    fn save(&self, service: &mut Service) -> crate::Result<String> {
        service.receive_rma(self).map(|r| {
            format!(
                "{} received; credit {}{}",
                r.rma_no,
                r.credit.unwrap_or_default().grouped(),
                r.credit_ref.map(|c| format!(" posted as {c}")).unwrap_or_default()
            )
        })
    }
}
