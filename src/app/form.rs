//! One generic form: labelled text fields, an error next to each, a confirm step.

/// A field of a form. `key` is the field name the service uses in its errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub key: &'static str,
    pub label: &'static str,
    pub value: String,
    pub initial: String,
    pub hint: &'static str,
    pub error: Option<String>,
}

impl Field {
    pub fn new(key: &'static str, label: &'static str, value: impl Into<String>, hint: &'static str) -> Field {
        let value = value.into();
        Field { key, label, initial: value.clone(), value, hint, error: None }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    Payment,
    Charge,
    ReturnedCheck,
    Placement,
    CollectionCost,
    OpenTicket,
    AdvanceTicket,
    TicketCharges,
    WaiveHandling,
    CloseTicket,
    IssueRma,
    ReceiveRma,
    OpenPrivacy,
    VerifyPrivacy,
    ExtendPrivacy,
    RejectPrivacy,
    CompletePrivacy,
    AsOf,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub kind: FormKind,
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Valid, and waiting for y/n before anything is written.
    pub confirming: bool,
    /// A write is under way.
    pub saving: bool,
    /// An error that names no field (a refusal, a database error).
    pub note: Option<String>,
    /// What the confirm step asks when it is more than "save this?" (a charge over
    /// the credit limit, a deletion that erases personal data).
    pub confirm_text: Option<String>,
}

impl Form {
    pub fn new(kind: FormKind, title: impl Into<String>, fields: Vec<Field>) -> Form {
        Form {
            kind,
            title: title.into(),
            fields,
            focus: 0,
            confirming: false,
            saving: false,
            note: None,
            confirm_text: None,
        }
    }

    /// Whether anything was typed that would be lost.
    pub fn is_dirty(&self) -> bool {
        self.fields.iter().any(|f| f.value != f.initial)
    }

    pub fn value(&self, key: &str) -> &str {
        self.fields.iter().find(|f| f.key == key).map_or("", |f| f.value.as_str())
    }

    pub fn next(&mut self) {
        if !self.fields.is_empty() {
            self.focus = (self.focus + 1) % self.fields.len();
        }
    }

    pub fn prev(&mut self) {
        if !self.fields.is_empty() {
            self.focus = (self.focus + self.fields.len() - 1) % self.fields.len();
        }
    }

    pub fn input(&mut self, c: char) {
        if let Some(f) = self.fields.get_mut(self.focus) {
            f.value.push(c);
            f.error = None;
        }
    }

    pub fn backspace(&mut self) {
        if let Some(f) = self.fields.get_mut(self.focus) {
            f.value.pop();
            f.error = None;
        }
    }

    /// Puts an error next to the field named `key` (or in the note) and focuses it.
    pub fn set_error(&mut self, key: Option<&str>, message: String) {
        match key.and_then(|k| self.fields.iter().position(|f| f.key == k)) {
            Some(i) => {
                self.fields[i].error = Some(message);
                self.focus = i;
            }
            None => self.note = Some(message),
        }
    }

    pub fn clear_errors(&mut self) {
        self.note = None;
        for f in &mut self.fields {
            f.error = None;
        }
    }

    pub fn has_errors(&self) -> bool {
        self.fields.iter().any(|f| f.error.is_some())
    }
}
