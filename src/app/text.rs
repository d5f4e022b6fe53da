//! One line of editable text with a cursor: the form fields and the filter. Keys become
//! `Edit`s (`edit_for`, pure), and `TextInput::apply` carries them out.
//!
//! Our own rather than tui-input: it is some eighty lines, keeps `Form` `Eq` and its
//! drawing ours (a cursor at the end draws as the block it always was), and ties
//! nothing to the versions of ratatui and crossterm.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A change to a line of text, or a move of its cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    Insert(char),
    /// Pasted text (bracketed paste): lands at the cursor, on one line.
    Paste(String),
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
    /// Ctrl-U: everything before the cursor.
    ClearToStart,
    /// Ctrl-W: the word before the cursor (and the spaces after it).
    DeleteWord,
}

impl Edit {
    /// Whether it edits the text (rather than moving the cursor).
    pub fn is_change(&self) -> bool {
        !matches!(self, Edit::Left | Edit::Right | Edit::Home | Edit::End)
    }
}

/// The edit a key makes in a text field, if any.
pub fn edit_for(key: &KeyEvent) -> Option<Edit> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    Some(match key.code {
        KeyCode::Char('u') if ctrl => Edit::ClearToStart,
        KeyCode::Char('w') if ctrl => Edit::DeleteWord,
        KeyCode::Char(c) if !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => Edit::Insert(c),
        KeyCode::Backspace => Edit::Backspace,
        KeyCode::Delete => Edit::Delete,
        KeyCode::Left => Edit::Left,
        KeyCode::Right => Edit::Right,
        KeyCode::Home => Edit::Home,
        KeyCode::End => Edit::End,
        _ => return None,
    })
}

/// Text and a cursor (a char index, 0..=len); the cursor starts at the end.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    value: String,
    cursor: usize,
}

impl TextInput {
    pub fn new(value: impl Into<String>) -> TextInput {
        let value = value.into();
        let cursor = value.chars().count();
        TextInput { value, cursor }
    }

    pub fn as_str(&self) -> &str {
        &self.value
    }

    /// Where the cursor is, in chars from the start.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn clear(&mut self) {
        self.value.clear();
        self.cursor = 0;
    }

    /// The text before the cursor, the char under it (None at the end), and the rest.
    pub fn split(&self) -> (&str, Option<char>, &str) {
        let at = self.byte(self.cursor);
        let mut rest = self.value[at..].chars();
        let under = rest.next();
        (&self.value[..at], under, rest.as_str())
    }

    /// Carries out `edit`.
    pub fn apply(&mut self, edit: &Edit) {
        let len = self.value.chars().count();
        match edit {
            Edit::Insert(c) => {
                self.value.insert(self.byte(self.cursor), *c);
                self.cursor += 1;
            }
            Edit::Paste(text) => {
                let text = one_line(text);
                self.value.insert_str(self.byte(self.cursor), &text);
                self.cursor += text.chars().count();
            }
            Edit::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                self.value.remove(self.byte(self.cursor));
            }
            Edit::Delete if self.cursor < len => {
                self.value.remove(self.byte(self.cursor));
            }
            Edit::ClearToStart if self.cursor > 0 => {
                self.value.replace_range(..self.byte(self.cursor), "");
                self.cursor = 0;
            }
            Edit::DeleteWord if self.cursor > 0 => {
                let before: Vec<char> = self.value.chars().take(self.cursor).collect();
                let mut start = self.cursor;
                while start > 0 && before[start - 1].is_whitespace() {
                    start -= 1;
                }
                while start > 0 && !before[start - 1].is_whitespace() {
                    start -= 1;
                }
                self.value.replace_range(self.byte(start)..self.byte(self.cursor), "");
                self.cursor = start;
            }
            Edit::Left => self.cursor = self.cursor.saturating_sub(1),
            Edit::Right => self.cursor = (self.cursor + 1).min(len),
            Edit::Home => self.cursor = 0,
            Edit::End => self.cursor = len,
            _ => {}
        }
    }

    /// The byte offset of char `i`.
    fn byte(&self, i: usize) -> usize {
        self.value.char_indices().nth(i).map_or(self.value.len(), |(b, _)| b)
    }
}

/// Pasted text on one line: a trailing line break goes, the others and tabs become
/// spaces, other control characters are dropped.
fn one_line(text: &str) -> String {
    text.trim_end_matches(['\r', '\n'])
        .replace("\r\n", " ")
        .chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str, edits: &[Edit]) -> TextInput {
        let mut t = TextInput::new(text);
        for e in edits {
            t.apply(e);
        }
        t
    }

    #[test]
    fn typing_inserts_at_the_cursor_which_starts_at_the_end() {
        let t = typed("12", &[Edit::Insert('5'), Edit::Left, Edit::Left, Edit::Insert('.')]);
        assert_eq!((t.as_str(), t.cursor()), ("1.25", 2));
    }

    #[test]
    fn left_right_home_end_move_within_the_text() {
        let mut t = TextInput::new("abc");
        t.apply(&Edit::Right);
        assert_eq!(t.cursor(), 3, "not past the end");
        t.apply(&Edit::Home);
        t.apply(&Edit::Left);
        assert_eq!(t.cursor(), 0, "not before the start");
        t.apply(&Edit::Right);
        assert_eq!(t.split(), ("a", Some('b'), "c"));
        t.apply(&Edit::End);
        assert_eq!(t.split(), ("abc", None, ""));
    }

    #[test]
    fn backspace_and_delete_remove_either_side_of_the_cursor() {
        let t = typed("abcd", &[Edit::Left, Edit::Left, Edit::Backspace, Edit::Delete]);
        assert_eq!((t.as_str(), t.cursor()), ("ad", 1));
        let t = typed("ab", &[Edit::Home, Edit::Backspace, Edit::End, Edit::Delete]);
        assert_eq!(t.as_str(), "ab", "nothing either side: nothing removed");
    }

    #[test]
    fn ctrl_u_clears_everything_before_the_cursor() {
        let t = typed("CHK-1234", &[Edit::Left, Edit::Left, Edit::ClearToStart]);
        assert_eq!((t.as_str(), t.cursor()), ("34", 0));
    }

    #[test]
    fn ctrl_w_deletes_the_word_before_the_cursor_and_the_spaces_after_it() {
        let t = typed("called back  the", &[Edit::DeleteWord]);
        assert_eq!(t.as_str(), "called back  ");
        let t = typed("called back  the", &[Edit::DeleteWord, Edit::DeleteWord]);
        assert_eq!(t.as_str(), "called ");
        let t = typed("one two", &[Edit::Left, Edit::Left, Edit::DeleteWord]);
        assert_eq!((t.as_str(), t.cursor()), ("one wo", 4));
    }

    #[test]
    fn pasted_text_lands_at_the_cursor_on_one_line() {
        let t = typed("A1", &[Edit::Left, Edit::Paste("10".into())]);
        assert_eq!((t.as_str(), t.cursor()), ("A101", 3));
        let t = typed("", &[Edit::Paste("Pat\tAllied\r\nLegal dept.\n".into())]);
        assert_eq!(t.as_str(), "Pat Allied Legal dept.");
        let t = typed("x", &[Edit::Paste("\u{1b}[31m".into())]);
        assert_eq!(t.as_str(), "x[31m", "control characters are dropped");
    }

    #[test]
    fn the_cursor_counts_characters_not_bytes() {
        let t = typed("café", &[Edit::Left, Edit::Backspace, Edit::Insert('é')]);
        assert_eq!(t.as_str(), "caéé");
        assert_eq!(t.split(), ("caé", Some('é'), ""));
    }

    #[test]
    fn keys_map_to_edits_and_other_control_keys_to_none() {
        let k = |code, mods| edit_for(&KeyEvent::new(code, mods));
        assert_eq!(k(KeyCode::Char('u'), KeyModifiers::CONTROL), Some(Edit::ClearToStart));
        assert_eq!(k(KeyCode::Char('w'), KeyModifiers::CONTROL), Some(Edit::DeleteWord));
        assert_eq!(k(KeyCode::Char('A'), KeyModifiers::SHIFT), Some(Edit::Insert('A')));
        assert_eq!(k(KeyCode::Char('x'), KeyModifiers::ALT), None);
        assert_eq!(k(KeyCode::Home, KeyModifiers::NONE), Some(Edit::Home));
        assert_eq!(k(KeyCode::F(2), KeyModifiers::NONE), None);
    }
}
