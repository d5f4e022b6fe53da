//! A small page layout over `pdf-writer`: US Letter pages, the PDF base fonts
//! (Helvetica, bold, oblique: every reader has them, nothing is embedded, and
//! `pdftotext` reads the text back), text placed by its width (so money columns align
//! on the right), rules, shaded bands, wrapped paragraphs, tables that continue on the
//! next page under their header again, and "Page n of N" on every page.

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

pub const PAGE_W: f32 = 612.0;
pub const PAGE_H: f32 = 792.0;
pub const MARGIN: f32 = 54.0;
/// Where the body ends: room for the footer below it.
const BOTTOM: f32 = MARGIN + 24.0;
pub const LEFT: f32 = MARGIN;
pub const RIGHT: f32 = PAGE_W - MARGIN;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Font {
    Regular,
    Bold,
    Oblique,
}

impl Font {
    fn name(self) -> Name<'static> {
        match self {
            Font::Regular => Name(b"F1"),
            Font::Bold => Name(b"F2"),
            Font::Oblique => Name(b"F3"),
        }
    }
}

/// A font, a size, and a grey level (0 = black).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    pub font: Font,
    pub size: f32,
    pub gray: f32,
}

impl Style {
    pub const fn new(font: Font, size: f32) -> Style {
        Style { font, size, gray: 0.0 }
    }

    pub const fn gray(self, gray: f32) -> Style {
        Style { gray, ..self }
    }
}

pub const BODY: Style = Style::new(Font::Regular, 10.0);
pub const BOLD: Style = Style::new(Font::Bold, 10.0);
pub const SMALL: Style = Style::new(Font::Regular, 8.5);
pub const SMALL_BOLD: Style = Style::new(Font::Bold, 8.5);
pub const MUTED: Style = Style::new(Font::Regular, 8.5).gray(0.35);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// Helvetica's advance widths (per 1000 units of size) for the characters 32–126,
/// from Adobe's font metrics; Oblique shares Regular's.
const REGULAR: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
    556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556,
    556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334,
    260, 334, 584,
];
const BOLD_W: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
    556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833,
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611,
    556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389,
    280, 389, 584,
];

/// Text in the fonts' encoding (WinAnsi): Latin-1 as is, the usual typographic marks
/// in their places, control characters and anything else as `?`.
pub fn encode(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            ' '..='~' => c as u8,
            '\u{a0}'..='\u{ff}' => c as u32 as u8,
            '€' => 0x80,
            '…' => 0x85,
            '†' => 0x86,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '•' => 0x95,
            '–' => 0x96,
            '—' => 0x97,
            _ => b'?',
        })
        .collect()
}

/// The width of `text` in points.
pub fn width(style: Style, text: &str) -> f32 {
    let table = if style.font == Font::Bold { &BOLD_W } else { &REGULAR };
    let units: u32 = encode(text)
        .iter()
        .map(|&b| if (32..=126).contains(&b) { u32::from(table[usize::from(b - 32)]) } else { 556 })
        .sum();
    units as f32 * style.size / 1000.0
}

/// `text` cut to fit `max` points, with an ellipsis when cut.
pub fn fit(style: Style, text: &str, max: f32) -> String {
    if width(style, text) <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        out.push(c);
        if width(style, &format!("{out}…")) > max {
            out.pop();
            break;
        }
    }
    out.push('…');
    out
}

/// Words of `text` laid in lines no wider than `max` (a line break in the text starts a
/// new line; a word wider than a line is cut).
pub fn wrap(style: Style, text: &str, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        for word in para.split_whitespace() {
            let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
            if width(style, &candidate) <= max || line.is_empty() {
                line = candidate;
            } else {
                lines.push(std::mem::take(&mut line));
                line = word.to_string();
            }
            if width(style, &line) > max {
                line = fit(style, &line, max);
            }
        }
        lines.push(line);
    }
    lines
}

/// A document being laid out, page by page, top to bottom.
pub struct Doc {
    pages: Vec<Content>,
    title: String,
    /// Printed at the top of every page after the first.
    running_head: String,
    /// Printed at the left of every page's footer.
    footer: String,
    /// Where the next line goes (its baseline is below this).
    pub y: f32,
    /// Redrawn at the top of a new page while a table is running.
    table: Option<Table>,
    /// The page's current font and fill (set again only when they change: smaller files).
    font: Option<(Font, f32)>,
    fill: Option<f32>,
}

impl Doc {
    pub fn new(title: &str, running_head: &str, footer: &str) -> Doc {
        let mut doc = Doc {
            pages: Vec::new(),
            title: title.to_string(),
            running_head: running_head.to_string(),
            footer: footer.to_string(),
            y: PAGE_H - MARGIN,
            table: None,
            font: None,
            fill: None,
        };
        doc.pages.push(Content::new());
        doc
    }

    fn page(&mut self) -> &mut Content {
        self.pages.last_mut().expect("a document has a page")
    }

    pub fn new_page(&mut self) {
        self.pages.push(Content::new());
        (self.font, self.fill) = (None, None);
        self.y = PAGE_H - MARGIN;
        let head = self.running_head.clone();
        let page = self.pages.len();
        self.text(LEFT, self.y - 8.0, MUTED, &head);
        self.text_right(RIGHT, self.y - 8.0, MUTED, &format!("continued, page {page}"));
        self.rule(LEFT, RIGHT, self.y - 14.0, 0.5, 0.6);
        self.y -= 30.0;
        if let Some(t) = self.table.clone() {
            t.header(self);
        }
    }

    /// Starts a new page unless `height` more points fit on this one.
    pub fn ensure(&mut self, height: f32) {
        if self.y - height < BOTTOM {
            self.new_page();
        }
    }

    pub fn text(&mut self, x: f32, baseline: f32, style: Style, text: &str) {
        if text.is_empty() {
            return;
        }
        let bytes = encode(text);
        let (set_fill, set_font) = (self.fill != Some(style.gray), self.font != Some((style.font, style.size)));
        self.fill = Some(style.gray);
        self.font = Some((style.font, style.size));
        let page = self.page();
        if set_fill {
            page.set_fill_gray(style.gray);
        }
        page.begin_text();
        if set_font {
            page.set_font(style.font.name(), style.size);
        }
        page.next_line(x, baseline);
        page.show(Str(&bytes));
        page.end_text();
    }

    pub fn text_right(&mut self, right: f32, baseline: f32, style: Style, text: &str) {
        let w = width(style, text);
        self.text(right - w, baseline, style, text);
    }

    /// A horizontal line at `y`.
    pub fn rule(&mut self, x1: f32, x2: f32, y: f32, line_width: f32, gray: f32) {
        let page = self.page();
        page.set_stroke_gray(gray);
        page.set_line_width(line_width);
        page.move_to(x1, y);
        page.line_to(x2, y);
        page.stroke();
    }

    /// A rectangle outline.
    pub fn frame(&mut self, x: f32, y: f32, w: f32, h: f32, line_width: f32, gray: f32) {
        let page = self.page();
        page.set_stroke_gray(gray);
        page.set_line_width(line_width);
        page.rect(x, y, w, h);
        page.stroke();
    }

    /// A filled band (its bottom-left corner at `x`, `y`).
    pub fn fill(&mut self, x: f32, y: f32, w: f32, h: f32, gray: f32) {
        self.fill = Some(gray);
        let page = self.page();
        page.set_fill_gray(gray);
        page.rect(x, y, w, h);
        page.fill_nonzero();
    }

    /// A line of text at the left margin (or `x`), then down by `leading`.
    pub fn line(&mut self, x: f32, style: Style, text: &str, leading: f32) {
        self.ensure(leading);
        self.y -= leading;
        self.text(x, self.y, style, text);
    }

    /// Wrapped text between `x` and `x + max`, flowing onto new pages.
    pub fn paragraph(&mut self, x: f32, max: f32, style: Style, text: &str, leading: f32) {
        for l in wrap(style, text, max) {
            self.line(x, style, &l, leading);
        }
    }

    pub fn gap(&mut self, points: f32) {
        self.y -= points;
    }

    /// Starts a table: its header now, and again at the top of each further page.
    pub fn begin_table(&mut self, table: &Table) {
        self.ensure(table.row_height * 3.0);
        table.header(self);
        self.table = Some(table.clone());
    }

    pub fn end_table(&mut self) {
        self.table = None;
    }

    /// One row of the running table (`shade` bands it lightly).
    pub fn row(&mut self, cells: &[String], style: Style, shade: bool) {
        let Some(t) = self.table.clone() else { return };
        self.ensure(t.row_height);
        if shade {
            self.fill(t.x, self.y - t.row_height, t.width(), t.row_height, 0.95);
        }
        t.cells(self, cells, style);
        self.y -= t.row_height;
    }

    /// The finished file: every page numbered "Page n of N" under a thin rule.
    pub fn finish(self) -> Vec<u8> {
        let Doc { mut pages, title, footer, .. } = self;
        let total = pages.len();
        for (i, page) in pages.iter_mut().enumerate() {
            let y = MARGIN - 4.0;
            page.set_stroke_gray(0.6);
            page.set_line_width(0.5);
            page.move_to(LEFT, y + 12.0);
            page.line_to(RIGHT, y + 12.0);
            page.stroke();
            let number = format!("Page {} of {total}", i + 1);
            for (x, text) in [(LEFT, footer.as_str()), (RIGHT - width(MUTED, &number), number.as_str())] {
                let bytes = encode(text);
                page.set_fill_gray(MUTED.gray);
                page.begin_text();
                page.set_font(MUTED.font.name(), MUTED.size);
                page.next_line(x, y);
                page.show(Str(&bytes));
                page.end_text();
            }
        }
        write(&title, pages)
    }
}

/// A table's columns and where it sits.
#[derive(Debug, Clone)]
pub struct Table {
    pub x: f32,
    pub columns: Vec<(String, f32, Align)>,
    pub row_height: f32,
}

impl Table {
    pub fn new(columns: &[(&str, f32, Align)]) -> Table {
        Table { x: LEFT, columns: columns.iter().map(|(t, w, a)| (t.to_string(), *w, *a)).collect(), row_height: 15.0 }
    }

    pub fn width(&self) -> f32 {
        self.columns.iter().map(|c| c.1).sum()
    }

    fn header(&self, doc: &mut Doc) {
        doc.ensure(self.row_height * 2.0);
        doc.fill(self.x, doc.y - self.row_height - 2.0, self.width(), self.row_height + 2.0, 0.22);
        let titles: Vec<String> = self.columns.iter().map(|c| c.0.clone()).collect();
        self.cells(doc, &titles, SMALL_BOLD.gray(1.0));
        doc.y -= self.row_height + 2.0;
    }

    fn cells(&self, doc: &mut Doc, cells: &[String], style: Style) {
        let baseline = doc.y - self.row_height + 4.5;
        let mut x = self.x;
        for ((_, w, align), text) in self.columns.iter().zip(cells) {
            let pad = 4.0;
            let text = fit(style, text, w - 2.0 * pad);
            match align {
                Align::Left => doc.text(x + pad, baseline, style, &text),
                Align::Right => doc.text_right(x + w - pad, baseline, style, &text),
            }
            x += w;
        }
    }
}

fn write(title: &str, pages: Vec<Content>) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let info = Ref::new(3);
    let fonts = [
        (Font::Regular, b"Helvetica".as_slice()),
        (Font::Bold, b"Helvetica-Bold"),
        (Font::Oblique, b"Helvetica-Oblique"),
    ];
    let font_ref = |i: usize| Ref::new(4 + i as i32);
    let first_page = 4 + fonts.len() as i32;
    let page_ids: Vec<Ref> = (0..pages.len()).map(|i| Ref::new(first_page + 2 * i as i32)).collect();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids(page_ids.iter().copied()).count(pages.len() as i32);
    pdf.document_info(info).title(TextStr(title)).producer(TextStr("creditdesk"));
    for (i, (_, base)) in fonts.iter().enumerate() {
        pdf.type1_font(font_ref(i)).base_font(Name(base)).encoding_predefined(Name(b"WinAnsiEncoding"));
    }
    for (page_id, content) in page_ids.iter().zip(pages) {
        let content_id = Ref::new(page_id.get() + 1);
        let mut page = pdf.page(*page_id);
        page.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H)).parent(tree).contents(content_id);
        let mut resources = page.resources();
        let mut font_dict = resources.fonts();
        for (i, (font, _)) in fonts.iter().enumerate() {
            font_dict.pair(font.name(), font_ref(i));
        }
        font_dict.finish();
        resources.finish();
        page.finish();
        // Deflated at the fastest level: a third of the size, for little work.
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(&content.finish(), 1);
        pdf.stream(content_id, &packed).filter(pdf_writer::Filter::FlateDecode);
    }
    pdf.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_have_one_width_so_money_aligns_on_the_right() {
        assert_eq!(width(BODY, "1,234.56"), width(BODY, "9,999.99"));
        assert_eq!(width(BOLD, "0"), 5.56);
        assert!(width(BOLD, "Total") > width(BODY, "Total"));
    }

    #[test]
    fn text_is_encoded_for_the_base_fonts_and_control_characters_show_as_question_marks() {
        assert_eq!(encode("Café – 5€"), b"Caf\xe9 \x96 5\x80");
        assert_eq!(encode("a\u{1b}[31m"), b"a?[31m");
        assert_eq!(encode("日本"), b"??");
    }

    #[test]
    fn long_text_wraps_within_its_width_and_a_cell_is_cut_with_an_ellipsis() {
        let lines = wrap(BODY, "one two three four five six seven eight nine ten", 60.0);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| width(BODY, l) <= 60.0), "{lines:?}");
        assert_eq!(wrap(BODY, "a\nb", 100.0), ["a", "b"]);
        let cut = fit(BODY, "A-VERY-LONG-DOCUMENT-NUMBER-0001", 50.0);
        assert!(cut.ends_with('…') && width(BODY, &cut) <= 50.0, "{cut}");
        assert_eq!(fit(BODY, "short", 50.0), "short");
    }

    #[test]
    fn a_long_table_continues_on_numbered_pages() {
        let mut doc = Doc::new("t", "head", "foot");
        doc.begin_table(&Table::new(&[("a", 100.0, Align::Left), ("b", 100.0, Align::Right)]));
        for i in 0..120 {
            doc.row(&[format!("row {i}"), "1.00".into()], BODY, i % 2 == 0);
        }
        doc.end_table();
        assert!(doc.pages.len() >= 3);
        let bytes = doc.finish();
        assert!(bytes.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("/WinAnsiEncoding"));
        assert!(text.contains("/FlateDecode"), "content streams are compressed");
    }
}
