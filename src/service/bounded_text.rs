//! Reading an import file in bounded memory (RULES.md section 9): the bytes pass
//! through `Bounded` on their way to the CSV reader, which refuses — with the line it
//! is on — a NUL byte (not a text file), a record longer than `MAX_RECORD_BYTES` (a
//! 50 MB document number, a file with no line ends) and a file of more than `MAX_LINES`
//! lines (one that never ends). So the CSV reader never holds more than one bounded
//! record, whatever the file: `/dev/zero` is refused at its first byte.
//!
//! A record is what the CSV reader takes as one: a line break inside a quoted field
//! (RFC 4180) does not end it, so the limit holds for quoted fields too.

use std::io::{self, Read};

/// The longest record (line) an import takes, in bytes: room for every field of the
/// widest import at its section 9 limit many times over.
pub const MAX_RECORD_BYTES: usize = 16 * 1024;

/// The most lines an import file may have (the demo's million invoices is 1,000,001).
pub const MAX_LINES: u64 = 20_000_000;

/// Why the file was refused, and on which line (1-based; the header is line 1).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{reason}")]
pub struct Refusal {
    pub line: u64,
    pub reason: String,
}

/// Where the scanner is in the CSV syntax: enough to know whether a line break ends
/// the record (it does not inside a quoted field).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    FieldStart,
    Unquoted,
    Quoted,
    /// A `"` inside a quoted field: the next byte says whether it was `""` or the end.
    QuoteInQuoted,
}

pub struct Bounded<R> {
    inner: R,
    /// The line being read, 1-based.
    line: u64,
    /// Bytes of the record being read.
    record: usize,
    state: State,
}

impl<R: Read> Bounded<R> {
    pub fn new(inner: R) -> Bounded<R> {
        Bounded { inner, line: 1, record: 0, state: State::FieldStart }
    }

    fn refuse(&self, reason: String) -> io::Error {
        io::Error::new(io::ErrorKind::InvalidData, Refusal { line: self.line, reason })
    }

    fn scan(&mut self, b: u8) -> io::Result<()> {
        if b == 0 {
            return Err(self.refuse("holds a NUL byte: this is not a text file".into()));
        }
        if b == b'\n' {
            self.line += 1;
            if self.line > MAX_LINES {
                return Err(self.refuse(format!("the file has more than {MAX_LINES} lines: split it")));
            }
        }
        let ends_record = matches!(b, b'\n' | b'\r');
        self.state = match (self.state, b) {
            (State::FieldStart, b'"') => State::Quoted,
            (State::Quoted, b'"') => State::QuoteInQuoted,
            (State::Quoted, _) => State::Quoted,
            (State::QuoteInQuoted, b'"') => State::Quoted,
            (_, b',') => State::FieldStart,
            (_, _) if ends_record => State::FieldStart,
            (_, _) => State::Unquoted,
        };
        if ends_record && self.state == State::FieldStart {
            self.record = 0;
        } else {
            self.record += 1;
            if self.record > MAX_RECORD_BYTES {
                return Err(self.refuse(format!(
                    "is longer than {MAX_RECORD_BYTES} bytes (a field far over its limit, or no line ends): refused"
                )));
            }
        }
        Ok(())
    }
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        for &b in &buf[..n] {
            self.scan(b)?;
        }
        Ok(n)
    }
}

/// The refusal inside an I/O error from `Bounded`, if that is what it is.
pub fn refusal(e: &io::Error) -> Option<&Refusal> {
    e.get_ref().and_then(|inner| inner.downcast_ref::<Refusal>())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(bytes: &[u8]) -> Result<Vec<u8>, Refusal> {
        let mut out = Vec::new();
        Bounded::new(bytes).read_to_end(&mut out).map_err(|e| refusal(&e).cloned().expect("a refusal"))?;
        Ok(out)
    }

    #[test]
    fn ordinary_csv_passes_through_unchanged() {
        let text = b"a,b\r\n\"x, \"\"y\"\"\",2\n\n";
        assert_eq!(read_all(text).unwrap(), text);
    }

    #[test]
    fn a_nul_byte_is_refused_on_its_line() {
        let e = read_all(b"a,b\nok,1\nx\0y,2\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.reason.contains("NUL"), "{}", e.reason);
        assert_eq!(read_all(&[0u8; 100]).unwrap_err().line, 1, "/dev/zero: line 1");
    }

    #[test]
    fn a_record_one_byte_over_the_limit_is_refused_and_one_at_it_is_not() {
        let at = vec![b'x'; MAX_RECORD_BYTES];
        assert!(read_all(&[b"h\n".as_slice(), &at, b"\n"].concat()).is_ok());
        let over = vec![b'x'; MAX_RECORD_BYTES + 1];
        let e = read_all(&[b"h\n".as_slice(), &over, b"\n"].concat()).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.reason.contains("longer than"), "{}", e.reason);
    }

    #[test]
    fn line_breaks_inside_a_quoted_field_do_not_reset_the_record_limit() {
        let mut quoted = b"h\n\"".to_vec();
        for _ in 0..(MAX_RECORD_BYTES / 4 + 1) {
            quoted.extend_from_slice(b"abc\n");
        }
        quoted.extend_from_slice(b"\"\n");
        let e = read_all(&quoted).unwrap_err();
        assert!(e.line > 2, "named at the line where the limit was crossed: {}", e.line);
        // Closed quotes (and an escaped quote) end the field: the next line starts afresh.
        let mut lines = Vec::new();
        for _ in 0..(MAX_RECORD_BYTES / 8) {
            lines.extend_from_slice(b"\"a\"\"b\",c\n");
        }
        assert!(read_all(&lines).is_ok());
    }

    #[test]
    fn a_file_of_more_lines_than_the_limit_is_refused_on_the_first_line_over() {
        let most = vec![b'\n'; (MAX_LINES - 1) as usize];
        assert!(read_all(&most).is_ok(), "{MAX_LINES} lines (the last one empty)");
        let e = read_all(&[most.as_slice(), b"\n"].concat()).unwrap_err();
        assert_eq!(e.line, MAX_LINES + 1);
    }

    #[test]
    fn a_lone_carriage_return_ends_a_record_too() {
        let mut old_mac = Vec::new();
        for _ in 0..(MAX_RECORD_BYTES / 4) {
            old_mac.extend_from_slice(b"a,b\r");
        }
        assert!(read_all(&old_mac).is_ok());
    }
}
