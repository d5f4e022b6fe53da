//! The catalogue of forms: one file each, holding its keys, its fields (how it opens,
//! filled from the selection), its conversion to a `Write` and what that write does,
//! together. A new form is a new file here and one line in `forms!` below.

use super::form::{Field, Form};
use super::keymap::Ctx;
use super::{App, Effect, Mode, Write, WriteError};
use crate::domain::repairs::Ticket;
use crate::domain::role::Act;
use crate::domain::Money;
use crate::input;
use chrono::NaiveDate;
use std::fmt;

/// What every form's file uses.
mod prelude {
    pub use super::CORRECTION;
    pub use super::{FormDef, Key, Values};
    pub use crate::app::form::{Field, Form};
    pub use crate::app::keymap::Ctx;
    pub use crate::app::Pane;
    pub use crate::app::{App, Save, Write, WriteError};
    pub use crate::service::Service;
    pub use crate::store::Store;
    pub use chrono::NaiveDate;
}

/// What makes a form the form it is.
pub struct FormDef {
    /// Unique: the file's name.
    pub name: &'static str,
    /// The keys that open it (the keymap is the base keys plus every form's).
    pub keys: &'static [Key],
    /// The act it records, when the role decides whether it may be given.
    pub act: Option<Act>,
    /// The act for what is selected, where the selection changes it.
    pub act_here: Option<fn(&App) -> Act>,
    /// The form, filled from the selection (`account` is the selected account's);
    /// Err says what to select first.
    pub open: fn(&App, Option<String>) -> Result<Form, String>,
    /// Checks what can be checked without the database, and builds the write;
    /// `Ok(None)` is a form that writes nothing (the as-of date).
    pub write: fn(&Form) -> Result<Option<Write>, WriteError>,
    /// What Enter does once the form is valid (by default: ask to confirm).
    pub submit: fn(&mut App, Form, Option<Write>) -> Vec<Effect>,
}

impl FormDef {
    /// A form any operator may give, confirmed before it writes.
    pub const fn new(
        name: &'static str,
        open: fn(&App, Option<String>) -> Result<Form, String>,
        write: fn(&Form) -> Result<Option<Write>, WriteError>,
    ) -> FormDef {
        FormDef { name, keys: &[], act: None, act_here: None, open, write, submit: confirm }
    }
}

/// A key that opens a form: where it works, how the footer and help write it and what
/// they say, whether the footer shows it, and its place among the keys of that context
/// (0 = first; the footer and help list them in that order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub ctx: Ctx,
    pub key: char,
    pub label: &'static str,
    pub desc: &'static str,
    pub footer: bool,
    pub at: usize,
}

impl Key {
    pub const fn new(ctx: Ctx, key: char, label: &'static str, desc: &'static str, footer: bool, at: usize) -> Key {
        Key { ctx, key, label, desc, footer, at }
    }
}

impl PartialEq for FormDef {
    fn eq(&self, other: &FormDef) -> bool {
        self.name == other.name
    }
}

impl Eq for FormDef {}

impl fmt::Debug for FormDef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FormDef({})", self.name)
    }
}

/// How a correction's preview ends: the question.
pub const CORRECTION: &str = "y = make this correction, n = keep editing";

/// Enter on a valid correction: read what it will change (the event loop does), then
/// show it and ask `y`.
pub fn preview(app: &mut App, mut form: Form, write: Option<Write>) -> Vec<Effect> {
    let Some(write) = write else { return confirm(app, form, None) };
    form.saving = true;
    app.mode = Mode::Form(Box::new(form));
    vec![Effect::Preview(write, app.as_of)]
}

/// The default answer to Enter on a valid form: every check the service makes is made
/// first (the write rehearsed, nothing written), then "save this?" is asked.
pub fn confirm(app: &mut App, mut form: Form, write: Option<Write>) -> Vec<Effect> {
    let effects = match write {
        Some(w) => {
            form.saving = true;
            vec![Effect::Check(w)]
        }
        None => {
            form.confirming = true;
            vec![]
        }
    };
    app.mode = Mode::Form(Box::new(form));
    effects
}

macro_rules! forms {
    ($($form:ident),* $(,)?) => {
        $(pub mod $form;)*
        /// Every form, in the order of the files above.
        pub static ALL: &[&FormDef] = &[$(&$form::FORM),*];
    };
}

forms![
    as_of,
    record_payment,
    add_charge,
    collection_cost,
    place_with_agency,
    returned_check,
    open_ticket,
    advance_ticket,
    ticket_charges,
    waive_handling,
    close_ticket,
    issue_rma,
    receive_rma,
    open_privacy,
    verify_privacy,
    extend_privacy,
    reject_privacy,
    complete_privacy,
    void_document,
    edit_account,
    credit_limit,
    settings,
    write_off,
    refund,
    note,
    promise,
    find_document,
    open_dispute,
    resolve_dispute,
    register_dealer,
    verify_dealer,
    credit_application,
];

/// Opens `def`, filled from the selection; a form opened from the account view goes
/// back to it when done.
pub fn open(app: &mut App, def: &'static FormDef, account: Option<String>) -> Vec<Effect> {
    let mut form = match (def.open)(app, account) {
        Ok(form) => form,
        Err(first) => {
            app.toast = Some(first);
            return vec![];
        }
    };
    app.reload_detail = match &app.mode {
        Mode::Detail(d) => Some(d.account.account_no.clone()),
        _ => None,
    };
    form.focus = form.fields.iter().position(|f| f.value().is_empty()).unwrap_or(0);
    app.mode = Mode::Form(Box::new(form));
    vec![]
}

/// The selected repair ticket, for the forms about one.
fn selected_ticket(app: &App) -> Result<&Ticket, String> {
    app.selected_ticket().ok_or_else(|| "select a ticket first (o opens one)".to_string())
}

/// A form about the selected privacy request: the title names it, its number is the
/// first field, `fields` follow.
fn request_form(app: &App, def: &'static FormDef, title: &str, fields: Vec<Field>) -> Result<Form, String> {
    let r = app.selected_request().ok_or_else(|| "select a request first (o records one)".to_string())?;
    let what = format!("request #{} ({} for {}, due {})", r.id, r.kind, r.account_no, r.due_on);
    let mut all = vec![Field::new("request", "Request", r.id.to_string(), "")];
    all.extend(fields);
    Ok(Form::new(def, format!("{title} — {what}"), all))
}

/// A form's values as its conversion reads them: each check names its field.
pub struct Values<'a>(pub &'a Form);

impl Values<'_> {
    /// The text of a field, trimmed.
    pub fn text(&self, key: &str) -> String {
        self.0.value(key).trim().to_string()
    }

    /// The text of a field, blank meaning none.
    pub fn optional(&self, key: &str) -> Option<String> {
        input::optional(self.0.value(key)).map(str::to_string)
    }

    pub fn required(&self, key: &str) -> Result<String, WriteError> {
        Ok(input::required(key, self.0.value(key))?.to_string())
    }

    pub fn date(&self, key: &str) -> Result<NaiveDate, WriteError> {
        Ok(input::date(key, self.0.value(key))?)
    }

    /// A day, blank meaning none.
    pub fn optional_date(&self, key: &str) -> Result<Option<NaiveDate>, WriteError> {
        Ok(input::optional_date(key, self.0.value(key))?)
    }

    /// An amount greater than zero.
    pub fn amount(&self, key: &str) -> Result<Money, WriteError> {
        Ok(input::positive_amount(key, self.0.value(key))?)
    }

    /// An amount, blank meaning zero.
    pub fn amount_or_zero(&self, key: &str) -> Result<Money, WriteError> {
        Ok(input::amount_or_zero(key, self.0.value(key))?)
    }

    pub fn yes(&self, key: &str) -> Result<bool, WriteError> {
        match self.0.value(key).trim().to_ascii_lowercase().as_str() {
            "yes" | "y" | "true" => Ok(true),
            "no" | "n" | "false" | "" => Ok(false),
            _ => Err(WriteError::field(key, "answer yes or no")),
        }
    }

    /// The privacy request a form is about.
    pub fn request(&self) -> Result<i64, WriteError> {
        self.0.value("request").trim().parse().map_err(|_| WriteError::field("request", "a request number"))
    }
}

/// How a yes/no field shows a flag.
pub fn yes_no(v: bool) -> &'static str {
    if v {
        "yes"
    } else {
        "no"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keymap::{Cmd, KEYMAP};

    #[test]
    fn every_form_has_its_own_name_and_a_key() {
        for (i, form) in ALL.iter().enumerate() {
            assert!(ALL[..i].iter().all(|f| f.name != form.name), "{} twice", form.name);
            assert!(KEYMAP.iter().any(|b| b.cmd == Cmd::Form(form)), "no key opens {}", form.name);
        }
    }

    #[test]
    fn every_form_key_opens_a_registered_form() {
        for b in KEYMAP.iter() {
            if let Cmd::Form(def) = b.cmd {
                assert!(ALL.contains(&def), "{} is not in forms!", def.name);
            }
        }
    }
}
