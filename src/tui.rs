//! The terminal: raw mode and the alternate screen on the way in, and always restored on
//! the way out — after quit, after an error, and after a panic (before its message).

use crate::domain::text::is_control;
use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::terminal::{disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::Terminal;
use std::io::{self, Stdout};

pub type Tui = Terminal<Guarded<CrosstermBackend<Stdout>>>;

/// The last guard between the database and the terminal (RULES.md section 9). Every
/// value is drawn through `domain::text::visible`; should a place be missed, a cell
/// whose symbol still holds a control character is sent as U+FFFD, never raw, so no
/// escape sequence in the data can retitle the window or clear the screen.
pub struct Guarded<B>(pub B);

/// What a cell holding a control character shows instead.
pub const REPLACED: &str = "\u{fffd}";

impl<B: Backend> Backend for Guarded<B> {
    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let content: Vec<(u16, u16, &Cell)> = content.collect();
        if !content.iter().any(|(_, _, c)| c.symbol().contains(is_control)) {
            return self.0.draw(content.into_iter());
        }
        let fixed: Vec<(u16, u16, Cell)> = content
            .into_iter()
            .map(|(x, y, c)| {
                let mut c = c.clone();
                if c.symbol().contains(is_control) {
                    c.set_symbol(REPLACED);
                }
                (x, y, c)
            })
            .collect();
        self.0.draw(fixed.iter().map(|(x, y, c)| (*x, *y, c)))
    }
    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.0.append_lines(n)
    }
    fn hide_cursor(&mut self) -> io::Result<()> {
        self.0.hide_cursor()
    }
    fn show_cursor(&mut self) -> io::Result<()> {
        self.0.show_cursor()
    }
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.0.get_cursor_position()
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.0.set_cursor_position(position)
    }
    fn clear(&mut self) -> io::Result<()> {
        self.0.clear()
    }
    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.0.clear_region(clear_type)
    }
    fn size(&self) -> io::Result<Size> {
        self.0.size()
    }
    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.0.window_size()
    }
    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// Enters raw mode and the alternate screen, and installs the panic hook.
pub fn enter() -> io::Result<Tui> {
    install_panic_hook();
    enable_raw_mode()?;
    let mut out = io::stdout();
    if let Err(e) = execute!(out, EnterAlternateScreen, EnableBracketedPaste, cursor::Hide) {
        let _ = leave();
        return Err(e);
    }
    Terminal::new(Guarded(CrosstermBackend::new(out)))
}

/// Restores the terminal; safe to call twice.
pub fn leave() -> io::Result<()> {
    let r = execute!(io::stdout(), DisableBracketedPaste, LeaveAlternateScreen, cursor::Show);
    disable_raw_mode()?;
    r
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = leave();
        previous(info);
    }));
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::TestBackend;

    #[test]
    fn a_cell_holding_a_control_character_reaches_the_terminal_replaced() {
        let mut guarded = Guarded(TestBackend::new(4, 1));
        let (mut esc, mut plain) = (Cell::default(), Cell::default());
        esc.set_symbol("T\u{1b}");
        plain.set_symbol("x");
        guarded.draw([(0, 0, &esc), (1, 0, &plain)].into_iter()).unwrap();
        let screen = guarded.0.buffer();
        assert_eq!(screen[(0, 0)].symbol(), REPLACED);
        assert_eq!(screen[(1, 0)].symbol(), "x");
    }
}
