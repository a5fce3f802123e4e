//! A small pull reader for the JSON the browser decodes: feeds and archive files.
//!
//! Why not serde_json here: the reader only ever decodes a handful of fixed shapes, and serde's
//! generic decoders (one per type and container, plus float parsing and formatting tables
//! that these files never need) cost the browser's wasm far more than this file does. The
//! ingest tool still writes with serde, and tests check that both agree on what they read.
//!
//! What it accepts is RFC 8259 JSON, as serde_json does (no trailing commas, no comments,
//! escapes checked, lone surrogates refused, nesting limited to 128). Numbers are read only
//! as non-negative integers, which is all these formats hold; any other number is still
//! checked and skipped where a value is ignored. Errors say what was expected, what was
//! found, and where (line and column), and name the field they occurred in. (Over 400 lines:
//! one self-contained reader, whose parts only make sense together.)

use std::fmt;

/// What kind of problem: broken JSON, JSON cut short, or JSON of the wrong shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Syntax,
    Eof,
    Data,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub kind: Kind,
    /// The problem, with the path of fields to it (`_bantin: topics: …`) and its position.
    pub message: String,
}

impl Error {
    pub fn is_eof(&self) -> bool {
        self.kind == Kind::Eof
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;

/// Deeper nesting than this is refused (as serde_json does), so hostile input cannot
/// exhaust the stack.
const MAX_DEPTH: u32 = 128;

pub struct Reader<'a> {
    text: &'a str,
    pos: usize,
    depth: u32,
    /// Inside a skipped value: `\u` escapes need only be well-formed (as serde_json checks
    /// them), since a lone surrogate there never becomes a string.
    skipping: bool,
}

impl<'a> Reader<'a> {
    pub fn new(text: &'a str) -> Reader<'a> {
        Reader { text, pos: 0, depth: 0, skipping: false }
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    /// An error at the current position.
    #[inline(never)]
    fn error(&self, kind: Kind, what: &str) -> Error {
        let before = &self.bytes()[..self.pos.min(self.text.len())];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        Error { kind, message: format!("{what} at line {line} column {column}") }
    }

    /// A syntax error, or "cut short" when the text ended.
    fn syntax(&self, what: &str) -> Error {
        if self.pos >= self.text.len() {
            self.error(Kind::Eof, "the JSON ends too early")
        } else {
            self.error(Kind::Syntax, what)
        }
    }

    /// A value of the wrong type: says what the value is.
    fn wrong_type(&mut self, expected: &str) -> Error {
        let found = match self.peek() {
            Some(b'"') => "a string",
            Some(b'{') => "an object",
            Some(b'[') => "an array",
            Some(b't' | b'f') => "a boolean",
            Some(b'n') => "null",
            Some(b'-' | b'0'..=b'9') => "a number",
            _ => return self.syntax("expected a value"),
        };
        self.error(Kind::Data, &format!("expected {expected}, found {found}"))
    }

    /// The next byte after whitespace, not consumed.
    fn peek(&mut self) -> Option<u8> {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes().get(self.pos) {
            self.pos += 1;
        }
        self.bytes().get(self.pos).copied()
    }

    /// Consume `byte` if it comes next.
    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        self.pos += found as usize;
        found
    }

    fn expect(&mut self, byte: u8, what: &str) -> Result<()> {
        if self.eat(byte) {
            Ok(())
        } else {
            Err(self.syntax(what))
        }
    }

    /// After the one top-level value: only whitespace may follow.
    pub fn end(&mut self) -> Result<()> {
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(self.error(Kind::Syntax, "trailing characters")),
        }
    }

    /// Consume `null` if it comes next.
    pub fn null(&mut self) -> Result<bool> {
        if self.peek() != Some(b'n') {
            return Ok(false);
        }
        self.literal("null")?;
        Ok(true)
    }

    fn literal(&mut self, word: &str) -> Result<()> {
        let rest = &self.text[self.pos..];
        if rest.starts_with(word) {
            self.pos += word.len();
            return Ok(());
        }
        // Cut short inside the word is "ends too early", like any other cut.
        self.pos = if word.starts_with(rest) { self.text.len() } else { self.pos + 1 };
        Err(self.syntax("expected a value"))
    }

    pub fn string(&mut self) -> Result<String> {
        if self.peek() != Some(b'"') {
            return Err(self.wrong_type("a string"));
        }
        self.pos += 1;
        let mut out = String::new();
        loop {
            let start = self.pos;
            while let Some(&b) = self.bytes().get(self.pos) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(&self.text[start..self.pos]);
            match self.bytes().get(self.pos) {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let escaped = match self.bytes().get(self.pos).copied() {
                        Some(b'u') => {
                            self.pos += 1;
                            self.unicode_escape()?
                        }
                        Some(b) => {
                            self.pos += 1;
                            match b {
                                b'"' | b'\\' | b'/' => b as char,
                                b'b' => '\u{8}',
                                b'f' => '\u{c}',
                                b'n' => '\n',
                                b'r' => '\r',
                                b't' => '\t',
                                _ => return Err(self.syntax("invalid escape")),
                            }
                        }
                        None => return Err(self.syntax("")),
                    };
                    out.push(escaped);
                }
                Some(_) => return Err(self.error(Kind::Syntax, "control character in a string")),
                None => return Err(self.syntax("")),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32> {
        let digits = self.text.get(self.pos..self.pos + 4).filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()));
        let value = digits.and_then(|d| u32::from_str_radix(d, 16).ok());
        match value {
            Some(v) => {
                self.pos += 4;
                Ok(v)
            }
            None => {
                if self.pos + 4 > self.text.len() {
                    self.pos = self.text.len();
                }
                Err(self.syntax("invalid \\u escape"))
            }
        }
    }

    /// After `\u`: one code point, joining a surrogate pair.
    fn unicode_escape(&mut self) -> Result<char> {
        let first = self.hex4()?;
        if self.skipping {
            return Ok(char::REPLACEMENT_CHARACTER);
        }
        let code = if (0xD800..0xDC00).contains(&first) {
            if !self.text[self.pos..].starts_with("\\u") {
                return Err(self.syntax("lone surrogate in a \\u escape"));
            }
            self.pos += 2;
            let second = self.hex4()?;
            if !(0xDC00..0xE000).contains(&second) {
                return Err(self.syntax("lone surrogate in a \\u escape"));
            }
            0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else {
            first
        };
        char::from_u32(code).ok_or_else(|| self.syntax("lone surrogate in a \\u escape"))
    }

    /// Consume a number's digits (`0` or no leading zero).
    fn digits(&mut self) -> Result<()> {
        let start = self.pos;
        while self.bytes().get(self.pos).is_some_and(u8::is_ascii_digit) {
            self.pos += 1;
        }
        let run = &self.bytes()[start..self.pos];
        if run.is_empty() || (run.len() > 1 && run[0] == b'0') {
            return Err(self.syntax("invalid number"));
        }
        Ok(())
    }

    /// Check and consume any JSON number (what skipping a value needs).
    fn number(&mut self) -> Result<()> {
        self.eat(b'-');
        self.digits()?;
        if self.bytes().get(self.pos) == Some(&b'.') {
            self.pos += 1;
            if !self.bytes().get(self.pos).is_some_and(u8::is_ascii_digit) {
                return Err(self.syntax("invalid number"));
            }
            while self.bytes().get(self.pos).is_some_and(u8::is_ascii_digit) {
                self.pos += 1;
            }
        }
        if let Some(b'e' | b'E') = self.bytes().get(self.pos) {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.bytes().get(self.pos) {
                self.pos += 1;
            }
            if !self.bytes().get(self.pos).is_some_and(u8::is_ascii_digit) {
                return Err(self.syntax("invalid number"));
            }
            while self.bytes().get(self.pos).is_some_and(u8::is_ascii_digit) {
                self.pos += 1;
            }
        }
        Ok(())
    }

    /// A non-negative integer no larger than `max`.
    pub fn integer(&mut self, max: u64) -> Result<u64> {
        if !self.peek().is_some_and(|b| b.is_ascii_digit()) {
            return Err(self.wrong_type("a non-negative integer"));
        }
        let start = self.pos;
        self.number()?;
        let value = self.text[start..self.pos].parse::<u64>().ok().filter(|&v| v <= max);
        value.ok_or_else(|| {
            self.pos = start;
            self.error(Kind::Data, &format!("expected a non-negative integer up to {max}"))
        })
    }

    /// Skip one value, checking it is well-formed; its text.
    pub fn raw(&mut self) -> Result<&'a str> {
        let start = match self.peek() {
            Some(_) => self.pos,
            None => return Err(self.syntax("")),
        };
        let skipping = std::mem::replace(&mut self.skipping, true);
        self.skip_value()?;
        self.skipping = skipping;
        Ok(&self.text[start..self.pos])
    }

    fn skip_value(&mut self) -> Result<()> {
        match self.bytes()[self.pos] {
            b'"' => drop(self.string()?),
            b'{' => self.object(&[], 0, &mut |_, _| Ok(()))?,
            b'[' => self.array(&mut |r| r.raw().map(drop))?,
            b't' => self.literal("true")?,
            b'f' => self.literal("false")?,
            b'n' => self.literal("null")?,
            b'-' | b'0'..=b'9' => self.number()?,
            _ => return Err(self.error(Kind::Syntax, "expected a value")),
        }
        Ok(())
    }

    fn enter(&mut self, open: u8, expected: &str) -> Result<()> {
        if self.peek() != Some(open) {
            return Err(self.wrong_type(expected));
        }
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(Kind::Syntax, "nested too deeply"));
        }
        self.pos += 1;
        Ok(())
    }

    /// An array: `item` reads each element.
    pub fn array(&mut self, item: &mut dyn FnMut(&mut Reader<'a>) -> Result<()>) -> Result<()> {
        self.enter(b'[', "an array")?;
        if !self.eat(b']') {
            loop {
                item(self)?;
                if self.eat(b']') {
                    break;
                }
                self.expect(b',', "expected `,` or `]`")?;
            }
        }
        self.depth -= 1;
        Ok(())
    }

    /// An object whose known keys are `fields`: `field` reads the value of `fields[i]`;
    /// other keys are skipped. A known key twice, or a missing one whose bit is set in
    /// `required`, is an error naming it; so is a wrong value, prefixed with its key.
    pub fn object(&mut self, fields: &[&str], required: u64, field: &mut dyn FnMut(&mut Reader<'a>, usize) -> Result<()>) -> Result<()> {
        self.enter(b'{', "an object")?;
        let mut seen = 0u64;
        if !self.eat(b'}') {
            loop {
                if self.peek() != Some(b'"') {
                    return Err(self.syntax("expected a key in quotes"));
                }
                let key = self.string()?;
                self.expect(b':', "expected `:`")?;
                match fields.iter().position(|f| *f == key) {
                    Some(i) if seen & (1 << i) != 0 => return Err(self.error(Kind::Data, &format!("duplicate field \"{key}\""))),
                    Some(i) => {
                        seen |= 1 << i;
                        field(self, i).map_err(|mut e| {
                            if e.kind == Kind::Data {
                                e.message = format!("{key}: {}", e.message);
                            }
                            e
                        })?;
                    }
                    None => drop(self.raw()?),
                }
                if self.eat(b'}') {
                    break;
                }
                self.expect(b',', "expected `,` or `}`")?;
            }
        }
        self.depth -= 1;
        if let Some(i) = (0..fields.len()).find(|&i| required & !seen & (1 << i) != 0) {
            return Err(self.error(Kind::Data, &format!("missing field \"{}\"", fields[i])));
        }
        Ok(())
    }

    /// A string, or `None` for `null`.
    pub fn optional_string(&mut self) -> Result<Option<String>> {
        Ok(if self.null()? { None } else { Some(self.string()?) })
    }

    pub fn strings(&mut self) -> Result<Vec<String>> {
        let mut out = Vec::new();
        self.array(&mut |r| {
            out.push(r.string()?);
            Ok(())
        })?;
        Ok(out)
    }

    /// Integers no larger than `max`.
    pub fn integers(&mut self, max: u64) -> Result<Vec<u64>> {
        let mut out = Vec::new();
        self.array(&mut |r| {
            out.push(r.integer(max)?);
            Ok(())
        })?;
        Ok(out)
    }

    /// Each element's text, checked to be well-formed (decoded later, one by one).
    pub fn raws(&mut self) -> Result<Vec<&'a str>> {
        let mut out = Vec::new();
        self.array(&mut |r| {
            out.push(r.raw()?);
            Ok(())
        })?;
        Ok(out)
    }
}

/// Read all of `text` with `read`: one value and nothing after it.
pub fn read_all<'a, T>(text: &'a str, read: impl FnOnce(&mut Reader<'a>) -> Result<T>) -> Result<T> {
    let mut reader = Reader::new(text);
    let value = read(&mut reader)?;
    reader.end()?;
    Ok(value)
}

#[cfg(test)]
mod tests;
