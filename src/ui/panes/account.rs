//! The account view opened with Enter: the account and whom to call first (contact,
//! phone, e-mail), its credit hold, its payoff amount, its credit application (the
//! identifier masked, or for a few seconds revealed), notes newest first, promises with
//! their state, open charges, void charges, payments (void ones struck through and
//! marked VOID), every document (paid and void ones too, the open ones marked), repair
//! tickets and audit trail. One document is selected (j/k) for `V`; the view follows it.

use crate::app::{AccountDetail, App, PaymentLine, REVEAL_FOR};
use crate::domain::promise::PromiseStatus;
use crate::domain::role::Act;
use crate::read::AuditLine;
use crate::read::VoidMark;
use crate::ui::theme;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;

pub fn draw(f: &mut Frame, area: Rect, d: &AccountDetail, app: &App) {
    let (lines, selected_line) = lines(d, app);
    // The view follows the selected document (two lines below it stay in sight); PgDn
    // and PgUp scroll on from there.
    let rows = usize::from(area.height.saturating_sub(2));
    let follow = selected_line.map_or(0, |l| (l + 3).saturating_sub(rows)) as isize;
    let last = lines.len().saturating_sub(1) as isize;
    let top = (follow + d.scroll).clamp(0, last.max(0)) as u16;
    f.render_widget(Clear, area);
    let title = format!(" Account {} — Esc goes back ", crate::domain::text::visible(&d.account.account_no));
    let block = Block::bordered().title(Line::styled(title, theme::title()));
    f.render_widget(Paragraph::new(crate::ui::shown(lines)).block(block).scroll((top, 0)), area);
}

/// A document's line: marked and reversed when selected; a void one struck through and
/// saying VOID, with who voided it, when and why.
fn document_line(text: String, style: Style, void: Option<&VoidMark>, selected: bool) -> Line<'static> {
    let marker = if selected { "›" } else { " " };
    let (style, tail) = match void {
        Some(v) => (
            style.add_modifier(Modifier::CROSSED_OUT),
            Some(Span::styled(format!("  VOID {} by {}: {}", v.on, v.by, v.reason), theme::warn())),
        ),
        None => (style, None),
    };
    let style = if selected { style.patch(theme::selected()) } else { style };
    let mut spans = vec![Span::styled(format!("{marker} "), theme::key()), Span::styled(text, style)];
    spans.extend(tail);
    Line::from(spans)
}

/// Every line of the view, and which one holds the selected document.
fn lines(d: &AccountDetail, app: &App) -> (Vec<Line<'static>>, Option<usize>) {
    let a = &d.account;
    let h = |t: &str| Line::styled(t.to_string(), theme::title());
    let since = d.status_since.map(|s| format!(" since {s}")).unwrap_or_default();
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{} ", a.account_no), theme::title()),
            Span::raw(format!(
                "{} │ {}{since} │ {} │ state {} │ limit {} │ ",
                a.name,
                a.status,
                a.terms,
                a.state.as_deref().unwrap_or("—"),
                a.credit_limit.grouped()
            )),
            Span::styled(format!("balance {}", d.balance.grouped()), theme::title()),
        ]),
        contact_line(d),
    ];
    if let Some(h) = &d.hold {
        let since = h.since.map_or(String::new(), |d| format!(" since {d}"));
        lines.push(Line::styled(
            format!("⚠ ON CREDIT HOLD{since}: {} — no new invoice without a manager's override", h.reason),
            theme::alarm(),
        ));
    }
    lines.extend([
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
        Line::from(vec![
            Span::styled(format!("payoff {} ", d.payoff.grouped()), theme::title()),
            Span::styled(format!("as of {} (paid that day, it leaves 0.00; p fills it in)", app.as_of), theme::dim()),
        ]),
    ]);
    lines.extend(credit_lines(d, app));
    lines.extend([Line::from(match &d.verification {
        Some(v) => format!(
            "verification: {} {} by {}{}",
            v.screened_on,
            v.outcome.as_str(),
            v.representative,
            v.notes.as_ref().map(|n| format!(" — {n}")).unwrap_or_default()
        ),
        None => "verification: none recorded".to_string(),
    })]);
    lines.extend(collector_lines(d));
    lines.extend(section("Open charges", d.open_charges.is_empty()));
    let mut selected_line = None;
    let mut n = 0usize;
    let mut mark = |lines: &mut Vec<Line<'static>>| {
        let selected = n == d.selected;
        if selected {
            selected_line = Some(lines.len());
        }
        n += 1;
        selected
    };
    // Every column as wide as its widest entry (at least a few characters): a long
    // document number or a large amount moves no other row.
    let widest = |texts: &mut dyn Iterator<Item = usize>, least: usize| texts.max().unwrap_or(0).max(least);
    let docs = d.open_charges.iter().map(|c| (&c.doc_no, c.kind, c.amount));
    let docs: Vec<_> = docs.chain(d.void_charges.iter().map(|c| (&c.doc_no, c.kind, c.amount))).collect();
    let doc_w = widest(&mut docs.iter().map(|(doc, _, _)| doc.chars().count()), 8);
    let kind_w = widest(&mut docs.iter().map(|(_, kind, _)| kind.as_str().len()), 7);
    let amount_w = widest(&mut docs.iter().map(|(_, _, amount)| amount.grouped().len()), 10);
    let open_w = widest(&mut d.open_charges.iter().map(|c| c.outstanding.grouped().len()), 10);
    let int_w = widest(&mut d.open_charges.iter().map(|c| c.interest.grouped().len()), 6);
    for c in &d.open_charges {
        let style = if c.days_past_due > 60 {
            theme::alarm()
        } else if c.disputed {
            theme::disputed()
        } else {
            Style::default()
        };
        let text = format!(
            "{:<doc_w$} {:<kind_w$} {} due {} {:>amount_w$} open {:>open_w$} {:>5}d {:<7} int. {:>int_w$}{}",
            c.doc_no,
            c.kind.as_str(),
            c.date,
            c.due,
            c.amount.grouped(),
            c.outstanding.grouped(),
            c.days_past_due,
            c.bucket.to_string(),
            c.interest.grouped(),
            if c.disputed { "  DISPUTED" } else { "" }
        );
        let selected = mark(&mut lines);
        lines.push(document_line(text, style, None, selected));
    }
    if !d.void_charges.is_empty() {
        lines.push(Line::default());
        lines.push(h("Void charges (counted nowhere)"));
    }
    for c in &d.void_charges {
        let text =
            format!("{:<doc_w$} {:<kind_w$} {} {:>amount_w$}", c.doc_no, c.kind.as_str(), c.date, c.amount.grouped());
        let selected = mark(&mut lines);
        lines.push(document_line(text, theme::dim(), Some(&c.void), selected));
    }
    lines.extend(section("Payments", d.payments.is_empty()));
    let ref_w = widest(&mut d.payments.iter().map(|p| p.reference.chars().count()), 8);
    let method_w = widest(&mut d.payments.iter().map(|p| p.method.as_str().len()), 4);
    let paid_w = widest(&mut d.payments.iter().map(|p| p.amount.grouped().len()), 10);
    for PaymentLine { reference: r, date, method, amount, apply_to: apply, returned_on: returned, void } in &d.payments
    {
        let ret = returned.map_or(String::new(), |d| format!("  RETURNED {d}"));
        let text = format!(
            "{r:<ref_w$} {date} {:<method_w$} {:>paid_w$}  {}{ret}",
            method.as_str(),
            amount.grouped(),
            apply.as_ref().map_or(String::new(), |a| format!("for {a}"))
        );
        let selected = mark(&mut lines);
        let style = if void.is_some() { theme::dim() } else { Style::default() };
        lines.push(document_line(text, style, void.as_ref(), selected));
    }
    // Only an account that was sent letters has the section (RULES 11: each is recorded on it).
    if !d.letters.is_empty() {
        lines.push(Line::default());
        lines.push(h("Dunning letters"));
    }
    for l in &d.letters {
        lines.push(Line::from(format!(
            "  {} level {} {:<29} {:>5}d late {:>12} past due  by {}",
            l.sent_on,
            l.level.number(),
            l.level.title(),
            l.oldest_days_past_due,
            l.amount_past_due.grouped(),
            l.sent_by
        )));
    }
    lines.extend(section("Every document (● open; paid and void ones and payments too)", d.history.is_empty()));
    for l in &d.history {
        let mark = if l.is_open() { "●" } else { " " };
        let due = l.due_date.map_or(String::new(), |d| format!("due {d}"));
        let state = match l.outstanding {
            Some(o) if l.is_open() => format!("OPEN {}", o.grouped()),
            _ => l.status.to_string(),
        };
        let extra = match (&l.void, &l.apply_to, l.disputed) {
            (Some(v), _, _) => format!(" {} by {}: {}", v.on, v.by, v.reason),
            (_, _, true) => "  DISPUTED".to_string(),
            (_, Some(a), _) => format!("  for {a}"),
            _ => String::new(),
        };
        let style = if l.disputed {
            theme::disputed()
        } else if l.is_open() {
            Default::default()
        } else {
            theme::dim()
        };
        lines.push(Line::styled(
            format!(
                "  {mark} {} {:<18} {:<18} {:>12} {:<14} {state}{extra}",
                l.date,
                l.doc_no,
                l.kind,
                l.amount.grouped(),
                due
            ),
            style,
        ));
    }
    lines.extend(section("Repair tickets", d.tickets.is_empty()));
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
    (lines, selected_line)
}

/// Whom to call: contact, phone, e-mail, address.
fn contact_line(d: &AccountDetail) -> Line<'static> {
    let c = &d.contact;
    let or_none = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".to_string());
    Line::from(vec![
        Span::styled("contact ", theme::dim()),
        Span::styled(or_none(&c.contact_name), theme::title()),
        Span::styled(" │ phone ", theme::dim()),
        Span::styled(or_none(&c.phone), theme::title()),
        Span::styled(" │ e-mail ", theme::dim()),
        Span::styled(or_none(&c.email), theme::title()),
        Span::styled(" │ ", theme::dim()),
        Span::raw(or_none(&c.address)),
    ])
}

/// A section of the view after a blank line: its heading, and "none" when it is empty.
fn section(title: &str, empty: bool) -> Vec<Line<'static>> {
    let mut lines = vec![Line::default(), Line::styled(title.to_string(), theme::title())];
    if empty {
        lines.push(Line::styled("  none", theme::dim()));
    }
    lines
}

/// Notes newest first, then promises with their state as of the day.
fn collector_lines(d: &AccountDetail) -> Vec<Line<'static>> {
    if d.notes.is_empty() && d.promises.is_empty() {
        // One line, so the documents stay in sight.
        let none = "notes: none │ promises to pay: none (n logs a call, P records a promise)";
        return vec![Line::default(), Line::styled(none, theme::dim())];
    }
    let mut lines = section("Notes (newest first; n logs a call)", d.notes.is_empty());
    for n in &d.notes {
        let next = n.next_action_on.map_or(String::new(), |d| format!("  → next action {d}"));
        let mut text = n.text.lines();
        lines.push(Line::from(vec![
            Span::raw(format!("  {} {:<6} {:<10} ", n.noted_on, n.kind, n.written_by)),
            Span::raw(text.next().unwrap_or("").to_string()),
            Span::styled(next, theme::key()),
        ]));
        for more in text {
            lines.push(Line::from(format!("  {:<29}{more}", "")));
        }
    }
    lines.extend(section("Promises to pay (P records one)", d.promises.is_empty()));
    for p in &d.promises {
        let style = match p.status {
            PromiseStatus::Broken => theme::alarm(),
            PromiseStatus::Pending => theme::warn(),
            PromiseStatus::Kept => theme::ok(),
        };
        lines.push(Line::from(vec![
            Span::raw(format!(
                "  {:>12} by {} (made {} by {}), paid {} ",
                p.amount.grouped(),
                p.promised_date,
                p.recorded_on,
                p.recorded_by,
                p.paid.grouped()
            )),
            Span::styled(p.status.as_str().to_uppercase(), style),
        ]));
    }
    lines
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
