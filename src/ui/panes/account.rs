//! The account view opened with Enter: the account, its credit application (the
//! identifier masked, or for a few seconds revealed), open charges, payments, repair
//! tickets and audit trail; it scrolls.

use crate::app::{AccountDetail, App, PaymentLine, REVEAL_FOR};
use crate::domain::role::Act;
use crate::read::AuditLine;
use crate::ui::theme;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;

pub fn draw(f: &mut Frame, area: Rect, d: &AccountDetail, app: &App) {
    let a = &d.account;
    let h = |t: &str| Line::styled(t.to_string(), theme::title());
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{} ", a.account_no), theme::title()),
            Span::raw(format!(
                "{} │ {} │ {} │ state {} │ limit {} │ ",
                a.name,
                a.status,
                a.terms,
                a.state.as_deref().unwrap_or("—"),
                a.credit_limit.grouped()
            )),
            Span::styled(format!("balance {}", d.balance.grouped()), theme::title()),
        ]),
        Line::from(vec![
            Span::raw(format!(
                "accrued interest {} │ unapplied credit {} │ rate cap {} │ ",
                d.accrued_interest.grouped(),
                d.unapplied_credit.grouped(),
                a.rate_cap_pct.map_or("none".into(), |c| format!("{c}%")),
            )),
            if d.exemption_warning {
                Span::styled(format!("⚠ exemption {}", d.exemption.as_deref().unwrap_or("")), theme::warn())
            } else {
                Span::raw(format!("exemption {}", d.exemption.as_deref().unwrap_or("none")))
            },
        ]),
    ];
    lines.extend(credit_lines(d, app));
    lines.extend([
        Line::from(match &d.verification {
            Some(v) => format!(
                "verification: {} {} by {}{}",
                v.screened_on,
                v.outcome.as_str(),
                v.representative,
                v.notes.as_ref().map(|n| format!(" — {n}")).unwrap_or_default()
            ),
            None => "verification: none recorded".to_string(),
        }),
        Line::default(),
        h("Open charges"),
    ]);
    if d.open_charges.is_empty() {
        lines.push(Line::styled("  none", theme::dim()));
    }
    // Every column as wide as its widest entry: a long document number or a large
    // amount moves no other row.
    let widest = |texts: &mut dyn Iterator<Item = usize>, least: usize| texts.max().unwrap_or(0).max(least);
    let doc_w = widest(&mut d.open_charges.iter().map(|c| c.doc_no.chars().count()), 8);
    let kind_w = widest(&mut d.open_charges.iter().map(|c| c.kind.as_str().len()), 7);
    let amount_w = widest(&mut d.open_charges.iter().map(|c| c.amount.grouped().len()), 10);
    let open_w = widest(&mut d.open_charges.iter().map(|c| c.outstanding.grouped().len()), 10);
    let int_w = widest(&mut d.open_charges.iter().map(|c| c.interest.grouped().len()), 6);
    for c in &d.open_charges {
        let style = if c.days_past_due > 60 { theme::alarm() } else { Default::default() };
        lines.push(Line::styled(
            format!(
                "  {:<doc_w$} {:<kind_w$} {} due {} {:>amount_w$} open {:>open_w$} {:>5}d {:<7} int. {:>int_w$}",
                c.doc_no,
                c.kind.as_str(),
                c.date,
                c.due,
                c.amount.grouped(),
                c.outstanding.grouped(),
                c.days_past_due,
                c.bucket.to_string(),
                c.interest.grouped()
            ),
            style,
        ));
    }
    lines.push(Line::default());
    lines.push(h("Payments"));
    if d.payments.is_empty() {
        lines.push(Line::styled("  none", theme::dim()));
    }
    let ref_w = widest(&mut d.payments.iter().map(|p| p.reference.chars().count()), 8);
    let method_w = widest(&mut d.payments.iter().map(|p| p.method.as_str().len()), 4);
    let paid_w = widest(&mut d.payments.iter().map(|p| p.amount.grouped().len()), 10);
    for PaymentLine { reference: r, date, method, amount, apply_to: apply, returned_on: returned } in &d.payments {
        let ret = returned.map_or(String::new(), |d| format!("  RETURNED {d}"));
        lines.push(Line::from(format!(
            "  {r:<ref_w$} {date} {:<method_w$} {:>paid_w$}  {}{ret}",
            method.as_str(),
            amount.grouped(),
            apply.as_ref().map_or(String::new(), |a| format!("for {a}"))
        )));
    }
    lines.push(Line::default());
    lines.push(h("Repair tickets"));
    if d.tickets.is_empty() {
        lines.push(Line::styled("  none", theme::dim()));
    }
    for t in &d.tickets {
        lines.push(Line::from(format!(
            "  {:<8} {} {} s/n {} — {} │ {} │ total {}",
            t.ticket_no,
            t.manufacturer,
            t.model,
            t.serial,
            t.fault,
            t.status,
            t.charges.total().grouped()
        )));
    }
    lines.push(Line::default());
    lines.push(h("Audit trail"));
    for AuditLine { at, operator: op, action, entity, entity_key, .. } in &d.audit {
        let key = entity_key.as_deref().unwrap_or_default();
        lines.push(Line::from(format!("  {} {op:<10} {action:<8} {entity:<15} {key}", at.get(..19).unwrap_or(at))));
    }
    f.render_widget(Clear, area);
    let block =
        Block::bordered().title(Line::styled(format!(" Account {} — Esc goes back ", a.account_no), theme::title()));
    f.render_widget(Paragraph::new(lines).block(block).scroll((d.scroll as u16, 0)), area);
}

/// The credit application, its identifier masked — or, for a few seconds after a
/// manager's audited reveal, shown with the time left.
fn credit_lines(d: &AccountDetail, app: &App) -> Vec<Line<'static>> {
    let Some(c) = &d.credit else { return vec![Line::from("credit application: none")] };
    let decision = match (&c.approved_limit, &c.decided_by, &c.decline_reason) {
        (Some(l), Some(by), _) => {
            format!(" limit {} by {by} {}", l.grouped(), c.decided_on.map_or(String::new(), |d| d.to_string()))
        }
        (None, Some(by), Some(why)) => format!(" by {by}: {why}"),
        _ => String::new(),
    };
    let first = Line::from(format!(
        "credit application {}: requested {} │ {}{} │ bank {}",
        c.applied_on,
        c.requested_limit.grouped(),
        c.status.as_str(),
        decision,
        c.bank_reference,
    ));
    let mut spans = vec![Span::raw(format!("  identifier {} ", c.gov_id_kind.as_str()))];
    match &d.revealed {
        Some(v) => spans.push(Span::styled(
            format!("{v} (REVEALED — masks itself again within {} s)", REVEAL_FOR.as_secs()),
            theme::error(),
        )),
        None => {
            spans.push(Span::styled(c.gov_id.clone(), theme::title()));
            if app.role.may(Act::RevealIdentifiers) {
                spans.push(Span::styled("  (R reveals it for a few seconds; audited)", theme::dim()));
            }
        }
    }
    vec![first, Line::from(spans)]
}
