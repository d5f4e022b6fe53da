//! Where documents go: their file names, and writing them. A dunning run's letters are
//! written first, then recorded through the service, so a letter is never recorded
//! without its PDF (the command line and the console share this).

use crate::config::Config;
use crate::domain::dunning::Letter;
use crate::domain::privacy::Contact;
use crate::domain::statement::Statement;
use crate::error::{Error, Result};
use crate::print::template::Templates;
use crate::service::dunning::{NewLetter, Recorded};
use crate::service::Service;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// A file name part from an account number: letters, digits, `-`, `_` and `.` kept,
/// anything else `_` (an account number may hold a `/`).
pub fn file_part(text: &str) -> String {
    text.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '_' }).collect()
}

pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).map_err(|source| Error::File { path: path.to_path_buf(), source })
}

pub fn create_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|source| Error::File { path: dir.to_path_buf(), source })
}

/// The file a statement goes to in `dir`.
pub fn statement_file(dir: &Path, account_no: &str, as_of: NaiveDate) -> PathBuf {
    dir.join(format!("statement-{}-{as_of}.pdf", file_part(account_no)))
}

/// The file a letter goes to in `dir`.
pub fn letter_file(dir: &Path, l: &Letter) -> PathBuf {
    dir.join(format!("dunning-{}-{}-level{}.pdf", l.date, file_part(&l.account_no), l.level.number()))
}

/// Writes a statement's PDF into `dir` (created if needed); its path.
pub fn write_statement(dir: &Path, s: &Statement, contact: &Contact, config: &Config) -> Result<PathBuf> {
    create_dir(dir)?;
    let path = statement_file(dir, &s.account_no, s.as_of);
    write_file(&path, &super::statement::pdf(s, contact, config))?;
    Ok(path)
}

/// Writes each letter's PDF into `dir` (created if needed), from its level's template,
/// on two threads; the files, in the letters' order.
pub fn write_letters(letters: &[Letter], dir: &Path, templates: &Templates, config: &Config) -> Result<Vec<PathBuf>> {
    create_dir(dir)?;
    let write = |part: &[Letter]| -> Result<Vec<PathBuf>> {
        part.iter()
            .map(|l| {
                let path = letter_file(dir, l);
                write_file(&path, &super::letter::pdf(l, templates.get(l.level), config))?;
                Ok(path)
            })
            .collect()
    };
    let (first, second) = letters.split_at(letters.len() / 2);
    let (mut files, rest) = std::thread::scope(|scope| {
        let other = scope.spawn(|| write(second));
        (write(first), other.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    });
    if let Ok(files) = &mut files {
        files.extend(rest?);
    }
    files
}

/// A dunning run that is not a dry run: the letters written into `dir`, then recorded
/// on their accounts. Letters go out on a day that has come, not later.
pub fn send_letters(
    service: &mut Service,
    letters: &[Letter],
    dir: &Path,
    today: NaiveDate,
) -> Result<(Vec<PathBuf>, Recorded)> {
    if letters.first().is_some_and(|l| l.date > today) {
        return Err(Error::invalid("as-of", "letters cannot be sent on a day still to come; use --dry-run to preview"));
    }
    let config = Config::load()?;
    let templates = Templates::load(&config.templates_dir())?;
    let files = write_letters(letters, dir, &templates, &config)?;
    let new: Vec<NewLetter> = letters
        .iter()
        .zip(&files)
        .map(|(l, f)| NewLetter {
            account_no: l.account_no.clone(),
            level: l.level,
            sent_on: l.date,
            oldest_days_past_due: l.oldest_days_past_due,
            amount_past_due: l.amount_past_due,
            file: Some(f.display().to_string()),
        })
        .collect();
    let recorded = service.record_dunning_letters(&new)?;
    tracing::info!(letters = recorded.recorded, skipped = recorded.skipped.len(), dir = %dir.display(), "dunning run");
    Ok((files, recorded))
}
