//! Text from the database on its way to a person (RULES.md section 9): control
//! characters made visible, so a value written by another tool (a raw ESC in a name, a
//! document number, a reason, an audit entry) can never drive the terminal.
//!
//! The notation is Rust's own escape of a character, the one every error message of
//! the program already uses when it quotes a value (`{:?}`): `\u{1b}` for ESC, `\u{9b}`
//! for the C1 CSI, `\n`, `\t`, `\r`, `\0`. It is plain ASCII, it names every control
//! character exactly (caret notation such as `^[` has no form for C1 controls and reads
//! like two typed characters), and no terminal acts on it.

use std::borrow::Cow;

/// A control character of RULES.md section 9: U+0000–U+001F, U+007F–U+009F.
pub fn is_control(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// `s` with every control character written out as its escape (`\u{1b}`); text that
/// holds none (all valid data) comes back unchanged and unallocated.
pub fn visible(s: &str) -> Cow<'_, str> {
    // Printable ASCII (nearly every value a report writes) holds no control character:
    // known from the bytes, without decoding characters.
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) || !s.chars().any(is_control) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_control(c) {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A text of several lines (a label, a message): each line's control characters made
/// visible, its line breaks kept.
pub fn visible_lines(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && is_control(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.split('\n').map(visible).collect::<Vec<_>>().join("\n"))
}

/// A value for a spreadsheet (the marketing contact list): one that starts with `=`,
/// `+`, `-` or `@` would be read as a formula, so it gets a leading `'`, which
/// spreadsheets show as text and do not print. Control characters are made visible.
pub fn for_spreadsheet(s: &str) -> Cow<'_, str> {
    match visible(s) {
        v if v.starts_with(['=', '+', '-', '@']) => Cow::Owned(format!("'{v}")),
        v => v,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_c0_del_and_c1_only() {
        for c in ['\u{0}', '\u{7}', '\n', '\u{1b}', '\u{1f}', '\u{7f}', '\u{80}', '\u{9b}', '\u{9f}'] {
            assert!(is_control(c), "{c:?}");
        }
        for c in [' ', '~', '\u{a0}', 'é', '—', '\u{20}'] {
            assert!(!is_control(c), "{c:?}");
        }
    }

    #[test]
    fn an_escape_sequence_is_written_out_not_sent() {
        assert_eq!(visible("\u{1b}]0;pwned\u{7}T"), "\\u{1b}]0;pwned\\u{7}T");
        assert_eq!(visible("\u{1b}[2JClear"), "\\u{1b}[2JClear");
        assert_eq!(visible("a\u{9b}31mb\u{7f}"), "a\\u{9b}31mb\\u{7f}");
        assert_eq!(visible("one\ntwo\tthree\r\0"), "one\\ntwo\\tthree\\r\\0");
    }

    #[test]
    fn printable_ascii_and_clean_text_beyond_it_pass_unchanged_and_uncopied() {
        // The edges of printable ASCII, and text beyond ASCII without control characters.
        assert!(matches!(visible(" ~A-0001"), Cow::Borrowed(" ~A-0001")));
        assert!(matches!(visible("Müller €"), Cow::Borrowed("Müller €")));
        assert_eq!(visible("a\u{1f}"), "a\\u{1f}");
        assert_eq!(visible("a\u{7f}"), "a\\u{7f}");
        assert_eq!(visible("é\u{1f}"), "é\\u{1f}");
    }

    #[test]
    fn a_text_of_several_lines_keeps_its_line_breaks_only() {
        assert!(matches!(visible_lines("one\ntwo"), Cow::Borrowed("one\ntwo")), "clean text is not copied");
        assert_eq!(visible_lines("a\u{1b}[2J\nb\r"), "a\\u{1b}[2J\nb\\r");
        assert_eq!(visible_lines("one line\u{7}"), "one line\\u{7}", "a single line too");
    }

    #[test]
    fn valid_text_is_returned_as_it_is() {
        for s in ["", "Acme Alarm & Video, Inc.", "Müller — \"Ost\"", "back\\slash", "P-10"] {
            assert!(matches!(visible(s), Cow::Borrowed(b) if b == s), "{s}");
        }
    }

    #[test]
    fn a_value_a_spreadsheet_would_run_as_a_formula_is_quoted() {
        assert_eq!(for_spreadsheet("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(for_spreadsheet("+1 555 0100"), "'+1 555 0100");
        assert_eq!(for_spreadsheet("-5"), "'-5");
        assert_eq!(for_spreadsheet("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(for_spreadsheet("Acme = best"), "Acme = best");
        assert_eq!(for_spreadsheet(""), "");
        assert_eq!(for_spreadsheet("\u{1b}=x"), "\\u{1b}=x", "made visible first: starts with a backslash");
    }
}
