//! Where in the text an error is: meval reports byte offsets and token indices, people read
//! columns. Only error paths come here.

use std::ops::Range;

use meval::tokenizer::ParseError;
use meval::RPNError;

use super::FunctionError;

/// The 1-based character column of byte offset `offset`.
fn column(source: &str, offset: usize) -> usize {
    let offset = offset.min(source.len());
    source
        .char_indices()
        .take_while(|&(i, _)| i < offset)
        .count()
        + 1
}

/// The byte ranges of meval's tokens, in source order: numbers, names (a function name
/// includes its `(`), and single characters.
fn token_spans(source: &str) -> Vec<Range<usize>> {
    let bytes = source.as_bytes();
    let skip = |mut i: usize, f: fn(u8) -> bool| {
        while i < bytes.len() && f(bytes[i]) {
            i += 1;
        }
        i
    };
    let mut spans = Vec::new();
    let mut i = skip(0, |b| b.is_ascii_whitespace());
    while i < bytes.len() {
        let start = i;
        let b = bytes[i];
        i = if b.is_ascii_digit() {
            skip(i, |b| {
                b.is_ascii_digit() || b == b'.' || b == b'e' || b == b'E'
            })
        } else if b.is_ascii_alphabetic() || b == b'_' {
            let end = skip(i, |b| b.is_ascii_alphanumeric() || b == b'_');
            let after = skip(end, |b| b.is_ascii_whitespace());
            if bytes.get(after) == Some(&b'(') {
                after + 1
            } else {
                end
            }
        } else {
            // One character, whole even if it is not ASCII.
            i + source[i..].chars().next().map_or(1, char::len_utf8)
        };
        spans.push(start..i);
        i = skip(i, |b| b.is_ascii_whitespace());
    }
    spans
}

/// The column of the first token `index` (or the end of the text).
fn column_of_token(source: &str, index: usize) -> usize {
    let offset = token_spans(source)
        .get(index)
        .map_or(source.len(), |span| span.start);
    column(source, offset)
}

/// The column where identifier `name` first appears (as a call if `call`).
pub(super) fn column_of_name(source: &str, name: &str, call: bool) -> usize {
    let offset = token_spans(source)
        .into_iter()
        .find(|span| {
            let text = &source[span.clone()];
            text.ends_with('(') == call && text.trim_end_matches('(').trim_end() == name
        })
        .map_or(0, |span| span.start);
    column(source, offset)
}

/// A character as a message shows it: in backticks, or by its code point when it would be
/// invisible or reorder the text around it (controls, zero-width and bidirectional marks).
fn shown(c: char) -> String {
    let invisible = c.is_control()
        || (c.is_whitespace() && c != ' ')
        || matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}');
    if invisible {
        format!("character U+{:04X}", u32::from(c))
    } else {
        format!("`{c}`")
    }
}

/// A tokenizer error as a syntax error at its column.
pub(super) fn parse_error(source: &str, error: ParseError) -> FunctionError {
    // The column just after the last non-blank character.
    let end = column(source, source.trim_end().len());
    let (column, problem) = match error {
        ParseError::UnexpectedToken(offset) => {
            let found = source[offset.min(source.len())..]
                .chars()
                .next()
                .map_or_else(|| "end of text".to_owned(), shown);
            (self::column(source, offset), format!("unexpected {found}"))
        }
        ParseError::MissingRParen(n) => (
            end,
            format!(
                "{n} parenthes{} opened but not closed: add `)`",
                if n == 1 { "is" } else { "es" }
            ),
        ),
        ParseError::MissingArgument => (
            end,
            "the expression ends where a number, name or `(` was expected".to_owned(),
        ),
    };
    FunctionError::Syntax { column, problem }
}

/// An error of the shunting-yard stage as a syntax error at its column.
pub(super) fn rpn_error(source: &str, error: RPNError) -> FunctionError {
    let (index, problem) = match error {
        RPNError::MismatchedLParen(i) => (i, "this `(` is never closed"),
        RPNError::MismatchedRParen(i) => (i, "this `)` has no matching `(`"),
        RPNError::UnexpectedComma(i) => (i, "a comma outside a function's arguments"),
        RPNError::NotEnoughOperands(i) => (i, "an operator is missing an operand"),
        RPNError::TooManyOperands => (usize::MAX, "operands without an operator between them"),
    };
    FunctionError::Syntax {
        column: column_of_token(source, index),
        problem: problem.to_owned(),
    }
}
