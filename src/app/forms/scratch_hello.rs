//! Scratch: a throwaway form to count what a new form touches.

use super::prelude::*;

pub static FORM: FormDef = FormDef {
    keys: &[Key::new(Ctx::On(Pane::Audit), 'h', "h", "say hello", true, 1)],
    ..FormDef::new("scratch_hello", open, write)
};

fn open(_: &App, _: Option<String>) -> Result<Form, String> {
    Ok(Form::new(&FORM, "Hello", vec![Field::new("text", "Text", "", "anything")]))
}

fn write(f: &Form) -> Result<Option<Write>, WriteError> {
    Ok(Some(Write::new(Hello { text: Values(f).required("text")? })))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hello {
    pub text: String,
}

impl Save for Hello {
    fn save(&self, _: &mut Service) -> crate::Result<String> {
        Ok(format!("hello {}", self.text))
    }
}

#[cfg(test)]
mod tests {
    use crate::app::{handle_key, update, App, Effect, Pane};
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    #[test]
    fn h_on_audit_opens_it_and_y_writes_it() {
        let mut app = App::new("t.db", "t", crate::domain::role::Role::Manager, chrono::NaiveDate::from_ymd_opt(2026, 4, 30).unwrap());
        app.pane = Pane::Audit;
        let mut effects = vec![];
        for c in "hworld\ry".chars() {
            let code = if c == '\r' { KeyCode::Enter } else { KeyCode::Char(c) };
            if let Some(a) = handle_key(&app, KeyEvent::new(code, KeyModifiers::NONE)) {
                effects = update(&mut app, a);
            }
        }
        let [Effect::Write(w)] = effects.as_slice() else { panic!("{effects:?}") };
        assert_eq!(w.get::<super::Hello>().unwrap().text, "world");
        assert!(crate::app::keymap::KEYMAP.iter().any(|b| b.label == "h" && b.desc == "say hello" && b.footer));
    }
}
