//! Drawing only: the state in, a frame out. Header, tab bar, the pane, a status line,
//! the footer of keys that work here; popups (form, help, account view, messages) on top.

pub mod list;
pub mod panes;
pub mod theme;

use crate::app::form::Form;
use crate::app::keymap::{self, Cmd, Ctx, KEYMAP};
use crate::app::{AccountDetail, App, Mode, Pane, PaymentLine};
use crate::read::AuditLine;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

/// Lines above and below the pane: header, tabs, status, footer.
pub const CHROME: u16 = 4;

/// Data rows the list of `pane` shows in a terminal `height` lines tall.
pub fn page_rows(height: u16, pane: Pane) -> usize {
    let extra = u16::from(pane == Pane::Invoices);
    list::data_rows(height.saturating_sub(CHROME + extra))
}

pub fn draw(f: &mut Frame, app: &App) {
    if app.locked {
        draw_lock(f, app);
        return;
    }
    let [header, tabs, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(f.area());
    draw_header(f, header, app);
    draw_tabs(f, tabs, app);
    match &app.snapshot {
        Some(s) => match app.pane {
            Pane::Accounts => panes::accounts::draw(f, body, app, s),
            Pane::Invoices => panes::invoices::draw(f, body, app, s),
            Pane::Collections => panes::collections::draw(f, body, app, s),
            Pane::ReturnedChecks => panes::returned_checks::draw(f, body, app, s),
            Pane::Repairs => panes::repairs::draw(f, body, app, s),
            Pane::Rmas => panes::rmas::draw(f, body, app, s),
            Pane::Audit => panes::audit::draw(f, body, app, s),
            Pane::Privacy => panes::privacy::draw(f, body, app, s),
        },
        None => {
            let text = format!("\n  Computing every account as of {}…", app.as_of);
            f.render_widget(Paragraph::new(text).block(Block::bordered()), body);
        }
    }
    draw_status(f, status, app);
    draw_footer(f, footer, app);
    match &app.mode {
        Mode::Help => draw_help(f, app),
        Mode::Detail(d) => draw_detail(f, body, d, app),
        Mode::Rma(r) => panes::rmas::draw_detail(f, body, r),
        Mode::Form(form) => draw_form(f, form),
        Mode::ConfirmQuit(form) => {
            draw_form(f, form);
            draw_message(
                f,
                "Quit?",
                "The form holds input that was not saved.\n\ny = quit and lose it, any other key = back to the form",
            );
        }
        Mode::Message(m) => draw_message(f, "Message", &format!("{m}\n\n(any key)")),
        Mode::Normal | Mode::Filter => {}
    }
}

/// The idle lock (RULES.md 5): nothing of the database shows — no names, no figures,
/// not even the file — until a key is pressed.
fn draw_lock(f: &mut Frame, app: &App) {
    f.render_widget(Clear, f.area());
    let minutes = app.idle_limit.map_or(0, |l| l.as_secs() / 60);
    let text = vec![
        Line::styled("creditdesk is locked", theme::title()),
        Line::default(),
        Line::from(format!("No key was pressed for {minutes} min, so the screen was hidden:")),
        Line::from("nothing personal shows on a shared desk while you are away."),
        Line::from("Sign off when finished using a shared computer."),
        Line::default(),
        Line::styled("Press any key to continue.", theme::key()),
    ];
    let area = centered(f.area(), 70, text.len() as u16 + 2);
    let block = Block::bordered().title(Line::styled(" Locked ", theme::title()));
    f.render_widget(Paragraph::new(text).block(block).centered(), area);
}

fn draw_header(f: &mut Frame, area: Rect, app: &App) {
    let mut spans = vec![
        Span::raw(" creditdesk │ "),
        Span::raw(app.db_label.clone()),
        Span::raw(format!(" │ operator {} ({}) │ ", app.operator, app.role)),
        Span::raw(format!("as of {} ", app.as_of)),
    ];
    if let Some((done, total)) = app.computing {
        let pct = (done * 100).checked_div(total).unwrap_or(0);
        spans.push(Span::raw(format!("│ computing… {pct}% ({done}/{total} accounts) ")));
    }
    f.render_widget(Paragraph::new(Line::from(spans)).style(theme::header()), area);
}

fn draw_tabs(f: &mut Frame, area: Rect, app: &App) {
    // Eight panes share one line: number, title and row count (none for the audit log,
    // which is a log, not a worklist), the active one bracketed and reversed.
    let mut spans = Vec::new();
    for (i, p) in Pane::ALL.iter().enumerate() {
        let count = app.snapshot.as_ref().filter(|_| *p != Pane::Audit).map(|_| app.rows(*p));
        let label = match count {
            Some(n) => format!("{} {} {n}", i + 1, p.title()),
            None => format!("{} {}", i + 1, p.title()),
        };
        if *p == app.pane {
            spans.push(Span::styled(format!("[{label}]"), theme::tab_active()));
        } else {
            spans.push(Span::styled(format!(" {label} "), theme::tab()));
        }
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn draw_status(f: &mut Frame, area: Rect, app: &App) {
    let line = if matches!(app.mode, Mode::Filter) {
        let v = app.view();
        let n = v.len(app.rows(app.pane));
        Line::from(vec![
            Span::styled(" /", theme::key()),
            Span::raw(v.filter.clone()),
            Span::styled("█", theme::focus()),
            Span::styled(format!("  {n} matching"), theme::dim()),
        ])
    } else if let Some(t) = &app.toast {
        Line::from(Span::styled(format!(" {t}"), theme::ok()))
    } else {
        Line::default()
    };
    f.render_widget(Paragraph::new(line), area);
}

fn draw_footer(f: &mut Frame, area: Rect, app: &App) {
    let mut spans = Vec::new();
    let mode = match &app.mode {
        Mode::Form(form) if form.confirming => {
            spans.push(Span::styled(" y/Enter", theme::key()));
            spans.push(Span::raw(" save  "));
            spans.push(Span::styled("n/Esc", theme::key()));
            spans.push(Span::raw(" keep editing"));
            None
        }
        Mode::Help | Mode::Message(_) | Mode::ConfirmQuit(_) | Mode::Rma(_) => {
            spans.push(Span::styled(" any key", theme::key()));
            spans.push(Span::raw(" close"));
            None
        }
        m => Some(m),
    };
    if let Some(mode) = mode {
        let mut keys: Vec<&keymap::Binding> = keymap::active(mode, app.pane).filter(|b| b.footer).collect();
        // Too wide for the terminal: the keys that work everywhere give way to this
        // pane's own (all of them stay in `?` help), `?` itself never.
        let width = |keys: &[&keymap::Binding]| keys.iter().map(|b| b.label.len() + b.desc.len() + 3).sum::<usize>();
        let general = [Cmd::Quit, Cmd::AsOf, Cmd::Filter, Cmd::NextPane];
        while width(&keys) > usize::from(area.width) {
            match general.iter().find_map(|c| keys.iter().position(|b| b.cmd == *c)) {
                Some(i) => {
                    keys.remove(i);
                }
                None => break,
            }
        }
        for b in keys {
            // A manager's key, for a clerk: greyed and struck through; pressing it says why.
            if app.refuses(b.cmd).is_some() {
                spans.push(Span::styled(format!(" {}", b.label), theme::refused()));
                spans.push(Span::styled(format!(" {} ", b.desc), theme::refused()));
            } else {
                spans.push(Span::styled(format!(" {}", b.label), theme::key()));
                spans.push(Span::raw(format!(" {} ", b.desc)));
            }
        }
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
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
            format!("{v} (REVEALED — masks itself again within {} s)", crate::app::REVEAL_FOR.as_secs()),
            theme::error(),
        )),
        None => {
            spans.push(Span::styled(c.gov_id.clone(), theme::title()));
            if app.is_manager() {
                spans.push(Span::styled("  (R reveals it for a few seconds; audited)", theme::dim()));
            }
        }
    }
    vec![first, Line::from(spans)]
}

/// A rectangle of `w`×`h` centred in `r`, clipped to it.
pub fn centered(r: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(r.width);
    let h = h.min(r.height);
    Rect { x: r.x + (r.width - w) / 2, y: r.y + (r.height - h) / 2, width: w, height: h }
}

fn draw_help(f: &mut Frame, app: &App) {
    let mut lines: Vec<Line> = Vec::new();
    let mut last_ctx: Option<Ctx> = None;
    let mut seen: Vec<(&str, &str)> = Vec::new();
    for b in KEYMAP {
        if seen.contains(&(b.ctx.title(), b.desc)) {
            continue;
        }
        seen.push((b.ctx.title(), b.desc));
        if last_ctx != Some(b.ctx) {
            lines.push(Line::styled(b.ctx.title().to_string(), theme::title()));
            last_ctx = Some(b.ctx);
        }
        // Greyed for a clerk: the keys only a manager may use (completing a request is
        // a clerk's too, except a deletion, so it stays lit here).
        let refused = !app.is_manager() && b.cmd != Cmd::CompletePrivacy && keymap::manager_action(b.cmd).is_some();
        lines.push(if refused {
            Line::from(vec![
                Span::styled(format!("  {:<8}", b.label), theme::refused()),
                Span::styled(b.desc, theme::refused()),
            ])
        } else {
            Line::from(vec![Span::styled(format!("  {:<8}", b.label), theme::key()), Span::raw(b.desc)])
        });
    }
    // As many columns as the screen needs (at most four), top to bottom, left to right.
    let area = centered(f.area(), f.area().width.saturating_sub(4), f.area().height.saturating_sub(2));
    f.render_widget(Clear, area);
    let block = Block::bordered().title(Line::styled(" Keys — any key closes ", theme::title()));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let per_col = usize::from(inner.height).max(1);
    let n = lines.len().div_ceil(per_col).clamp(1, 4);
    let per_col = lines.len().div_ceil(n);
    let cols = Layout::horizontal(vec![Constraint::Ratio(1, n as u32); n]).split(inner);
    for (i, chunk) in lines.chunks(per_col).enumerate().take(n) {
        f.render_widget(Paragraph::new(chunk.to_vec()), cols[i]);
    }
}

fn draw_form(f: &mut Frame, form: &Form) {
    let mut lines = Vec::new();
    for (i, field) in form.fields.iter().enumerate() {
        let focused = i == form.focus && !form.confirming;
        let marker = if focused { "›" } else { " " };
        let value_style = if focused { theme::focus() } else { theme::title() };
        let mut spans = vec![
            Span::styled(
                format!("{marker} {:<16}", field.label),
                if focused { theme::key() } else { Default::default() },
            ),
            Span::styled(field.value.clone(), value_style),
        ];
        if focused {
            spans.push(Span::styled("█", theme::focus()));
        }
        if !field.hint.is_empty() {
            spans.push(Span::styled(format!("  {}", field.hint), theme::dim()));
        }
        lines.push(Line::from(spans));
        if let Some(e) = &field.error {
            lines.push(Line::styled(format!("  {:<16}✗ {} {e}", "", field.label), theme::error()));
        }
    }
    if let Some(n) = &form.note {
        lines.push(Line::default());
        lines.push(Line::styled(format!("✗ {n}"), theme::error()));
    }
    lines.push(Line::default());
    if form.saving {
        lines.push(Line::styled("Saving…", theme::title()));
    } else if form.confirming {
        match &form.confirm_text {
            Some(t) => lines.extend(t.lines().map(|l| Line::styled(l.to_string(), theme::error()))),
            None => lines.push(Line::styled("Save this? y = save, n = keep editing", theme::key())),
        }
    } else {
        lines.push(Line::styled("Enter = check and confirm · Esc = cancel (nothing is written)", theme::dim()));
    }
    // Long lines (a refusal naming its rules) wrap: count the rows they take.
    let inner = usize::from(f.area().width.min(100).saturating_sub(2)).max(1);
    let h = lines.iter().map(|l| l.width().max(1).div_ceil(inner)).sum::<usize>() as u16 + 2;
    let area = centered(f.area(), 100, h);
    f.render_widget(Clear, area);
    let block = Block::new().borders(Borders::ALL).title(Line::styled(format!(" {} ", form.title), theme::title()));
    f.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), area);
}

fn draw_message(f: &mut Frame, title: &str, text: &str) {
    let lines = text.lines().count() as u16;
    let area = centered(f.area(), 70, lines + 4);
    f.render_widget(Clear, area);
    let block = Block::bordered().title(Line::styled(format!(" {title} "), theme::title()));
    f.render_widget(Paragraph::new(text.to_string()).block(block).wrap(Wrap { trim: false }), area);
}

fn draw_detail(f: &mut Frame, area: Rect, d: &AccountDetail, app: &App) {
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
    for c in &d.open_charges {
        let style = if c.days_past_due > 60 { theme::alarm() } else { Default::default() };
        lines.push(Line::styled(
            format!(
                "  {:<16} {:<16} {} due {} {:>12} open {:>12} {:>5}d {:<7} int. {:>8}",
                c.doc_no,
                c.kind,
                c.date,
                c.due,
                c.amount.grouped(),
                c.outstanding.grouped(),
                c.days_past_due,
                c.bucket,
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
    for PaymentLine { reference: r, date, method, amount, apply_to: apply, returned_on: returned } in &d.payments {
        let ret = returned.map_or(String::new(), |d| format!("  RETURNED {d}"));
        lines.push(Line::from(format!(
            "  {r:<14} {date} {method:<15} {:>12}  {}{ret}",
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
