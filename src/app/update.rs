//! `update`: an action changes the state and returns the effects the event loop must
//! carry out. Pure: no terminal, no database, no clock.

use super::form::Form;
use super::forms::{self, add_charge};
use super::keymap::{self, Cmd};
use super::text::Edit;
use super::{Action, App, DunningPreview, Effect, Mode, Pane, Sort, WriteError, PANES, REVEAL_FOR};

/// Applies an action; returns the work the event loop must do.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Progress { done, total } => {
            if app.computing.is_some() {
                app.computing = Some((done, total));
            }
            vec![]
        }
        Action::SnapshotReady(s) => {
            app.computing = None;
            let follow = s.as_of.map(|d| Effect::Follow(s.seen, d));
            // The Audit pane's page is replaced only while it shows the newest entries.
            if !app.audit.newer && app.audit.filter.is_empty() {
                app.audit = s.audit.clone();
            }
            app.snapshot = Some(s);
            for p in Pane::ALL {
                app.refilter(p);
            }
            follow.into_iter().collect()
        }
        Action::Refreshed { delta, others } => refreshed(app, *delta, &others),
        Action::RefreshWhole { others } => {
            if !others.is_empty() {
                app.toast = Some(others_note(&others, true));
            }
            app.recompute()
        }
        Action::AuditLoaded(result) => {
            match result {
                Ok(window) => app.show_audit_page(window),
                Err(e) => app.toast = Some(format!("✗ the audit log could not be read: {e}")),
            }
            vec![]
        }
        Action::Checked(result) => {
            if let Mode::Form(f) = &mut app.mode {
                // A question set before the check (a deletion's) is kept.
                let question = f.confirm_text.take();
                ask(f, result.map(|()| question), app.today);
            }
            vec![]
        }
        Action::SnapshotFailed(e) => {
            app.computing = None;
            app.mode = Mode::Message(format!("Could not compute the figures: {e}"));
            vec![]
        }
        Action::DetailLoaded(d) => {
            app.mode = Mode::Detail(d);
            vec![]
        }
        Action::DetailFailed(e) => {
            app.mode = Mode::Message(e);
            vec![]
        }
        Action::WriteDone(result) => write_done(app, result),
        Action::Resize(rows) => {
            app.page = rows.max(1);
            for p in Pane::ALL {
                app.scroll_into_view(p);
            }
            vec![]
        }
        Action::Edit(e) => edit(app, &e),
        Action::Activity(now) => {
            app.last_input = now;
            vec![]
        }
        Action::Tick(now) => {
            if app.reveal_until.is_some_and(|u| now >= u) {
                app.mask_again();
            }
            if !app.locked && app.idle_limit.is_some_and(|l| now.saturating_duration_since(app.last_input) >= l) {
                app.locked = true;
                app.mask_again();
            }
            vec![]
        }
        Action::Unlock => {
            app.locked = false;
            vec![]
        }
        Action::CreditChecked(result) => {
            if let Mode::Form(f) = &mut app.mode {
                match result {
                    Ok(answer) => {
                        f.saving = false;
                        add_charge::credit_checked(app.role, f, answer);
                        if f.confirming {
                            f.confirm_text = say_back_dated(f, f.confirm_text.clone(), app.today);
                        }
                    }
                    Err(e) => ask(f, Err(e), app.today),
                }
            }
            vec![]
        }
        Action::Previewed(result) => {
            if let Mode::Form(f) = &mut app.mode {
                ask(f, result.map(Some), app.today);
            }
            vec![]
        }
        Action::Revealed(result, at) => {
            match (result, &mut app.mode) {
                (Ok(value), Mode::Detail(d)) => {
                    d.revealed = Some(value);
                    app.reveal_until = Some(at + REVEAL_FOR);
                    app.toast = Some(format!("identifier shown for {} s (audited)", REVEAL_FOR.as_secs()));
                }
                (Ok(_), _) => {}
                (Err(e), _) => app.toast = Some(format!("✗ {e}")),
            }
            vec![]
        }
        Action::Found(result) => {
            match result {
                Ok((what, d)) => {
                    app.toast = Some(format!("found {what} — account {}", d.account.account_no));
                    app.mode = Mode::Detail(d);
                }
                Err(e) => app.toast = Some(format!("✗ {e}")),
            }
            vec![]
        }
        Action::Explained(result) => {
            match result {
                Ok(e) => {
                    let under = match std::mem::replace(&mut app.mode, Mode::Normal) {
                        Mode::Detail(d) => Some(d),
                        other => {
                            app.mode = other;
                            None
                        }
                    };
                    app.mode = Mode::Explain(e, under);
                }
                Err(e) => app.toast = Some(format!("✗ {e}")),
            }
            vec![]
        }
        Action::Exported(result) => {
            app.toast = Some(match result {
                Ok(message) => message,
                Err(e) => format!("✗ {e}"),
            });
            vec![]
        }
        Action::DunningPreviewed(as_of, result) => {
            match result {
                Ok(letters) if letters.is_empty() => app.toast = Some(format!("no dunning letters due as of {as_of}")),
                Ok(letters) => app.mode = Mode::Dunning(Box::new(DunningPreview { as_of, letters, scroll: 0 })),
                Err(e) => app.mode = Mode::Message(e),
            }
            vec![]
        }
        Action::Written(result) => {
            app.toast = Some(result.unwrap_or_else(|e| format!("✗ {e}")));
            vec![]
        }
        Action::Cmd(cmd) => command(app, cmd),
    }
}

/// What was read before a form asks to confirm: its question (`None`: "save this?"), or
/// why it cannot be saved, next to the field it names. A record dated before today says
/// so in the question.
fn ask(f: &mut Form, question: Result<Option<String>, WriteError>, today: chrono::NaiveDate) {
    f.saving = false;
    match question {
        Ok(text) => {
            f.confirm_text = say_back_dated(f, text, today);
            f.confirming = true;
        }
        Err(e) => {
            let (field, message) = e.parts();
            f.set_error(field.as_deref(), message);
        }
    }
}

/// The question (`None`: "save this?"), led by what a record dated before today says.
fn say_back_dated(f: &Form, question: Option<String>, today: chrono::NaiveDate) -> Option<String> {
    match f.back_dated(today) {
        Some(back) => Some(format!("{back}\n{}", question.unwrap_or_else(|| SAVE_THIS.to_string()))),
        None => question,
    }
}

/// The question a valid form asks before it writes.
pub const SAVE_THIS: &str = "Save this? y = save, n = keep editing";

/// A key or a paste in the focused field, or in the filter (which applies at once).
fn edit(app: &mut App, e: &Edit) -> Vec<Effect> {
    match &mut app.mode {
        Mode::Form(f) if !f.confirming => f.edit(e),
        Mode::Filter => {
            app.views[app.pane.index()].filter.apply(e);
            if e.is_change() {
                return app.filter_changed();
            }
        }
        _ => {}
    }
    vec![]
}

/// What the change feed brought: patched into the snapshot on screen when it follows
/// it; else the refresher is told which snapshot is on screen.
fn refreshed(app: &mut App, delta: crate::app::snapshot::Delta, others: &[i64]) -> Vec<Effect> {
    let Some(snapshot) = app.snapshot.as_mut().filter(|_| app.computing.is_none()) else { return vec![] };
    if snapshot.seen != delta.base || snapshot.as_of != Some(delta.as_of) {
        return snapshot.as_of.map(|d| Effect::Follow(snapshot.seen, d)).into_iter().collect();
    }
    let by_others: Vec<_> = delta.audit.iter().filter(|e| others.contains(&e.id)).cloned().collect();
    let new_entries = delta.audit.clone();
    if let Err(e) = std::sync::Arc::make_mut(snapshot).apply(delta) {
        // A total beyond what can be held: computed whole again, which says so.
        app.toast = Some(format!("✗ {e}"));
        return app.recompute();
    }
    app.audit_arrived(new_entries);
    for p in Pane::ALL {
        app.refilter(p);
    }
    if !by_others.is_empty() {
        app.toast = Some(others_note(&by_others, false));
    }
    vec![]
}

/// The status line's note on another desk's work: what, on which account, by whom.
fn others_note(entries: &[crate::read::AuditLine], whole: bool) -> String {
    let what = match entries {
        [one] => format!(
            "{} {}{}{} by {}",
            one.action,
            one.entity.replace('_', " "),
            one.entity_key.as_deref().map(|k| format!(" {k}")).unwrap_or_default(),
            one.account_no.as_deref().map(|a| format!(" on {a}")).unwrap_or_default(),
            one.operator
        ),
        many => {
            let mut who: Vec<&str> = many.iter().map(|e| e.operator.as_str()).collect();
            who.sort_unstable();
            who.dedup();
            format!("{} changes by {}", many.len(), who.join(", "))
        }
    };
    let how = if whole { "recomputing every figure" } else { "figures refreshed" };
    format!("↻ {how}: another desk's work ({what})")
}

fn command(app: &mut App, cmd: Cmd) -> Vec<Effect> {
    let mode = std::mem::replace(&mut app.mode, Mode::Normal);
    match mode {
        Mode::Help | Mode::Message(_) | Mode::Rma(_) => vec![],
        Mode::Explain(_, under) => {
            if let Some(d) = under {
                app.mode = Mode::Detail(d);
            }
            vec![]
        }
        Mode::Dunning(mut preview) => match cmd {
            Cmd::Confirm => {
                app.toast = Some(format!("writing {} letters…", preview.letters.len()));
                vec![Effect::SendDunning(preview.letters)]
            }
            Cmd::Down | Cmd::Up => {
                preview.scroll = if cmd == Cmd::Down { preview.scroll + 1 } else { preview.scroll.saturating_sub(1) };
                app.mode = Mode::Dunning(preview);
                vec![]
            }
            _ => {
                app.toast = Some("dunning preview closed: nothing was written".into());
                vec![]
            }
        },
        Mode::ConfirmQuit(form) => {
            if cmd == Cmd::Confirm {
                app.quit = true;
                vec![Effect::Quit]
            } else {
                app.mode = Mode::Form(form);
                vec![]
            }
        }
        Mode::Form(form) => form_command(app, *form, cmd),
        Mode::Filter => {
            if cmd == Cmd::Cancel {
                app.views[app.pane.index()].filter.clear();
                return app.filter_changed();
            }
            vec![]
        }
        Mode::Detail(mut d) => match cmd {
            Cmd::Back => vec![],
            // As on a list; the account view closes.
            Cmd::Quit | Cmd::Help => normal_command(app, cmd),
            // j/k select the next or previous document (the view follows it); PgDn/PgUp
            // scroll on from there.
            Cmd::Down | Cmd::Up | Cmd::Top | Cmd::PageDown | Cmd::PageUp => {
                let last = d.documents().len().saturating_sub(1);
                let page = app.page.max(1) as isize;
                match cmd {
                    Cmd::Down => (d.selected, d.scroll) = ((d.selected + 1).min(last), 0),
                    Cmd::Up => (d.selected, d.scroll) = (d.selected.saturating_sub(1), 0),
                    // Never further than the view has lines (about), so PgUp comes back at once.
                    Cmd::PageDown | Cmd::PageUp => {
                        let lines = (last + d.tickets.len() + d.audit.len() + 30) as isize;
                        let by = if cmd == Cmd::PageDown { page } else { -page };
                        d.scroll = (d.scroll + by).clamp(-lines, lines);
                    }
                    _ => (d.selected, d.scroll) = (0, 0),
                }
                app.mode = Mode::Detail(d);
                vec![]
            }
            Cmd::Form(def) => {
                let no = d.account.account_no.clone();
                app.mode = Mode::Detail(d);
                if let Some(why) = app.refuses(cmd) {
                    app.toast = Some(why);
                    return vec![];
                }
                forms::open(app, def, Some(no))
            }
            Cmd::Explain => {
                // The selected document (j/k), when it is an open charge.
                let doc = match d.selected_document() {
                    Some(crate::read::account::Document::Charge(c)) => Some(c.doc_no.clone()),
                    _ => None,
                };
                app.mode = Mode::Detail(d);
                match doc {
                    Some(doc) => vec![Effect::Explain(doc, app.as_of)],
                    None => {
                        app.toast = Some("select an open charge (j/k) to see why it has its interest".into());
                        vec![]
                    }
                }
            }
            Cmd::Statement => {
                let no = d.account.account_no.clone();
                app.mode = Mode::Detail(d);
                vec![Effect::WriteStatement(no, app.as_of)]
            }
            Cmd::Reveal => {
                let no = d.account.account_no.clone();
                let has_application = d.credit.is_some();
                app.mode = Mode::Detail(d);
                if let Some(why) = app.refuses(cmd) {
                    app.toast = Some(why);
                    vec![]
                } else if !has_application {
                    app.toast = Some(format!("✗ account {no} has no credit application: nothing to reveal"));
                    vec![]
                } else {
                    vec![Effect::Reveal(no)]
                }
            }
            _ => {
                app.mode = Mode::Detail(d);
                vec![]
            }
        },
        Mode::Normal => normal_command(app, cmd),
    }
}

fn normal_command(app: &mut App, cmd: Cmd) -> Vec<Effect> {
    let page = app.page.max(1) as isize;
    if let Some(why) = app.refuses(cmd) {
        app.toast = Some(why);
        return vec![];
    }
    let moved = |app: &mut App, delta| app.move_cursor(delta);
    match cmd {
        Cmd::Up => moved(app, -1),
        Cmd::Down => moved(app, 1),
        Cmd::PageUp => moved(app, -page),
        Cmd::PageDown => moved(app, page),
        Cmd::Top => moved(app, isize::MIN / 2),
        Cmd::Bottom => moved(app, isize::MAX / 2),
        Cmd::Quit => {
            app.quit = true;
            vec![Effect::Quit]
        }
        Cmd::Help => {
            app.mode = Mode::Help;
            vec![]
        }
        Cmd::NextPane => {
            app.go_pane(Pane::ALL[(app.pane.index() + 1) % PANES]);
            vec![]
        }
        Cmd::PrevPane => {
            app.go_pane(Pane::ALL[(app.pane.index() + PANES - 1) % PANES]);
            vec![]
        }
        Cmd::GoPane(p) => {
            app.go_pane(p);
            vec![]
        }
        Cmd::Filter => {
            app.mode = Mode::Filter;
            vec![]
        }
        Cmd::Back | Cmd::Cancel => {
            app.views[app.pane.index()].filter.clear();
            app.filter_changed()
        }
        Cmd::Sort | Cmd::Reverse => {
            let columns = super::table::columns(app.pane).len();
            let v = &mut app.views[app.pane.index()];
            v.sort = match (cmd, v.sort) {
                (Cmd::Sort, None) => Some(Sort { column: 0, descending: false }),
                (Cmd::Sort, Some(s)) if s.column + 1 < columns => Some(Sort { column: s.column + 1, ..s }),
                (Cmd::Sort, Some(_)) => None,
                (_, None) => Some(Sort { column: 0, descending: true }),
                (_, Some(s)) => Some(Sort { descending: !s.descending, ..s }),
            };
            app.toast = Some(match v.sort {
                Some(s) => format!(
                    "sorted by {} {} ({}: next column, {}: reverse)",
                    super::table::columns(app.pane)[s.column].title,
                    if s.descending { "▼" } else { "▲" },
                    keymap::label(Cmd::Sort),
                    keymap::label(Cmd::Reverse),
                ),
                None => "in the pane's own order".to_string(),
            });
            app.refilter(app.pane);
            vec![]
        }
        Cmd::Export => match super::table::export_csv(app) {
            Some((rows, csv)) => {
                let pane = app.pane.title().to_lowercase().replace(' ', "-");
                vec![Effect::Export { stem: format!("creditdesk-{pane}-{}", app.as_of), csv, rows }]
            }
            None => {
                app.toast = Some("nothing to export until the figures are computed".into());
                vec![]
            }
        },
        Cmd::Open if app.pane == Pane::Rmas => {
            if let Some(r) = app.selected_rma().cloned() {
                app.mode = Mode::Rma(Box::new(r));
            }
            vec![]
        }
        Cmd::Open => match app.selected_account() {
            Some(no) => vec![Effect::LoadDetail(no, app.as_of)],
            None => vec![],
        },
        Cmd::Statement => match app.selected_account() {
            Some(no) => vec![Effect::WriteStatement(no, app.as_of)],
            None => vec![],
        },
        Cmd::Explain => match app.selected_charge() {
            Some(c) => vec![Effect::Explain(c.doc_no.clone(), app.as_of)],
            None => vec![],
        },
        Cmd::DunningPreview => vec![Effect::PreviewDunning(app.as_of)],
        Cmd::GenerateDemo => {
            if app.snapshot.as_ref().is_some_and(|s| s.accounts.is_empty()) && app.computing.is_none() {
                app.computing = Some((0, 0));
                vec![Effect::GenerateDemo]
            } else {
                app.toast = Some("demo data goes only into an empty database".into());
                vec![]
            }
        }
        Cmd::Form(def) => {
            let account = app.selected_account();
            forms::open(app, def, account)
        }
        _ => vec![],
    }
}

fn form_command(app: &mut App, mut form: Form, cmd: Cmd) -> Vec<Effect> {
    if form.saving {
        app.mode = Mode::Form(Box::new(form));
        return vec![];
    }
    match cmd {
        Cmd::Cancel if form.confirming => {
            form.confirming = false;
            form.confirm_text = None;
        }
        Cmd::Cancel => {
            app.toast = Some("cancelled: nothing was written".into());
            return app.reload_detail.take().map(|no| Effect::LoadDetail(no, app.as_of)).into_iter().collect();
        }
        Cmd::Quit => {
            if form.is_dirty() {
                app.mode = Mode::ConfirmQuit(Box::new(form));
                return vec![];
            }
            app.quit = true;
            return vec![Effect::Quit];
        }
        Cmd::NextField => form.next(),
        Cmd::PrevField => form.prev(),
        Cmd::Submit => {
            form.clear_errors();
            form.confirm_text = None;
            match (form.def.write)(&form) {
                Err(e) => {
                    let (field, message) = e.parts();
                    form.set_error(field.as_deref(), message);
                }
                Ok(write) => return (form.def.submit)(app, form, write),
            }
        }
        Cmd::Confirm if form.confirming => {
            if let Ok(Some(write)) = (form.def.write)(&form) {
                form.saving = true;
                app.mode = Mode::Form(Box::new(form));
                return vec![Effect::Write(write)];
            }
            form.confirming = false;
        }
        _ => {}
    }
    app.mode = Mode::Form(Box::new(form));
    vec![]
}

fn write_done(app: &mut App, result: Result<String, WriteError>) -> Vec<Effect> {
    match result {
        Ok(message) => {
            app.toast = Some(message);
            // Back to what was under the form; an open account view is reloaded. The
            // figures follow from the change feed: only the accounts touched.
            app.mode = Mode::Normal;
            let mut effects = vec![Effect::Look];
            if let Some(no) = app.reload_detail.take() {
                effects.push(Effect::LoadDetail(no, app.as_of));
            }
            effects
        }
        Err(e) => {
            let (field, message) = e.parts();
            if let Mode::Form(f) = &mut app.mode {
                f.saving = false;
                f.confirming = false;
                f.set_error(field.as_deref(), message);
            } else {
                app.mode = Mode::Message(message);
            }
            vec![]
        }
    }
}
