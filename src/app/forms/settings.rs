//! `S`: the settings (card surcharge %, privacy response days, retention years) and one
//! state's rate cap, a manager's. Only what was changed is written, in one transaction.

use super::prelude::*;
use crate::domain::role::Act;
use crate::domain::settings::Setting;
use crate::service::upkeep::SettingsChange;

pub static FORM: FormDef = FormDef {
    keys: &[Key::new(Ctx::List, 'S', "S", "settings (manager)", false, 31)],
    act: Some(Act::ChangeSettings), submit: super::preview, ..FormDef::new("settings", open, write) };

fn open(app: &App, _: Option<String>) -> Result<Form, String> {
    let s = app.snapshot.as_ref().ok_or_else(|| "the figures are still being computed".to_string())?;
    let value = |setting: Setting| {
        s.settings.iter().find(|l| l.key == setting.key()).map_or(setting.default_value().to_string(), |l| l.value.clone())
    };
    let caps = if s.state_caps.is_empty() {
        "none".to_string()
    } else {
        s.state_caps.iter().map(|c| format!("{} {}%", c.state, c.cap_pct)).collect::<Vec<_>>().join(", ")
    };
    let mut fields: Vec<Field> = Setting::ALL
        .into_iter()
        .map(|setting| Field::new(setting.into(), setting.into(), value(setting), setting.meaning()))
        .collect();
    fields.push(Field::new("state", "State cap: state", "", "two letters (blank: no change)"));
    fields.push(Field::new("pct", "State cap: %", "", "percent a year; blank or none removes it"));
    Ok(Form::new(&FORM, format!("Settings — state rate caps now: {caps}"), fields))
}

fn write(f: &Form) -> Result<Option<Write>, WriteError> {
    let v = Values(f);
    let mut change = SettingsChange::default();
    for setting in Setting::ALL {
        let field = f.fields.iter().find(|x| x.key == setting.key());
        if let Some(field) = field.filter(|x| x.value().trim() != x.initial.trim()) {
            let value = setting.parse(field.value()).map_err(|r| WriteError::field(setting.key(), r))?;
            change.values.push(value);
        }
    }
    if let Some(state) = v.optional("state") {
        let pct = match v.optional("pct") {
            None => None,
            Some(p) if p.eq_ignore_ascii_case("none") => None,
            Some(p) => Some(crate::input::percent("pct", &p)?),
        };
        change.state_cap = Some((state, pct));
    }
    if change == SettingsChange::default() {
        return Err(WriteError::Note("nothing was changed".into()));
    }
    Ok(Some(Write::new(change)))
}

impl Save for SettingsChange {
    fn save(&self, service: &mut Service) -> crate::Result<String> {
        service.change_settings(self).map(|done| {
            let mut parts: Vec<String> =
                done.settings.iter().map(|(k, old, new)| format!("{k} {new} (was {old})")).collect();
            if let Some((state, _, new)) = done.state_cap {
                parts.push(format!("{state} rate cap {}", new.map_or("none".to_string(), |p| format!("{p}%"))));
            }
            format!("settings saved: {}", parts.join("; "))
        })
    }

    fn preview(&self, store: &Store, _: NaiveDate) -> Option<Result<String, WriteError>> {
        Some(preview(store, self).map_err(WriteError::from))
    }
}

fn preview(store: &Store, c: &SettingsChange) -> crate::Result<String> {
    let held = crate::read::settings(store)?;
    let mut lines: Vec<String> = c
        .values
        .iter()
        .map(|v| {
            let key = v.setting().key();
            let old = held.iter().find(|l| l.key == key).map_or(String::new(), |l| l.value.clone());
            format!("  {key}: {old} → {v}")
        })
        .collect();
    if let Some((state, pct)) = &c.state_cap {
        let caps = crate::read::state_caps(store)?;
        let state = state.trim().to_ascii_uppercase();
        let old = caps.iter().find(|s| s.state == state).map(|s| s.cap_pct);
        let shown = |p: Option<rust_decimal::Decimal>| p.map_or("none".to_string(), |p| format!("{p}%"));
        lines.push(format!("  rate cap of {state}: {} → {}", shown(old), shown(*pct)));
    }
    Ok(format!("The settings will change:\n{}\n{CORRECTION}", lines.join("\n")))
}
