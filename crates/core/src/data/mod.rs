//! Data sets of points (x, y) for the one-neuron models: the built-in sets by name, CSV text
//! with a header `x,y` (a file on the command line, pasted or uploaded text on the page), and
//! the inline form a URL carries, `inline:x,y;x,y;…`. Bad input gets one message naming the
//! line (CSV) or point (inline) where it is. Also here: the models fitted to them ([`neuron`],
//! [`logistic`]) and the portable random numbers ([`random`]) that draw the built-in sets.

mod builtin;
mod csv;
pub mod logistic;
pub mod neuron;
pub mod random;

use std::fmt;

pub use builtin::{BuiltinSet, BUILTIN_SETS};
pub use csv::{parse_csv, MAX_LINE_LENGTH};

use crate::text::number;

/// The most points a data set may have: E and ∇E over every point at every iteration keep a
/// 1000-step logistic run interactive up to this size.
pub const MAX_POINTS: usize = 10_000;

/// The prefix of the inline form.
pub const INLINE_PREFIX: &str = "inline:";

/// Reads a `data` value that is neither a built-in name nor the inline form: the command
/// line reads a CSV file by its path; everywhere else such a value is unknown ([`no_files`]).
pub type LoadData<'a> = &'a dyn Fn(&str) -> Result<DataSet, DataError>;

/// The loader of the page and the JS API, which read no files: every such value is unknown.
pub fn no_files(name: &str) -> Result<DataSet, DataError> {
    Err(DataError::Unknown {
        name: name.to_owned(),
        files: false,
    })
}

/// Where in the input a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// A line of CSV text, from 1.
    Line(usize),
    /// A point of the inline form, from 1.
    Point(usize),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Line(n) => write!(f, "line {n}"),
            Place::Point(n) => write!(f, "point {n}"),
        }
    }
}

/// Why a data set was not accepted; one message each, naming the line or point.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DataError {
    /// No text at all.
    #[error("the data is empty: it needs a header line `x,y` and at least one row of numbers")]
    Empty,
    /// A header without the two columns.
    #[error("line 1 must be the header naming the columns x and y, such as `x,y`, not `{found}`")]
    Header {
        /// The header line as given.
        found: String,
    },
    /// A header and nothing else.
    #[error("there are no data rows after the header `x,y`")]
    NoRows,
    /// A row with the wrong number of values.
    #[error("{place} has {found} value{}, but the header has {expected} columns", plural(*.found))]
    Fields {
        /// Where.
        place: Place,
        /// How many values the row has.
        found: usize,
        /// How many it should have.
        expected: usize,
    },
    /// An inline point that is not two values.
    #[error("{place}: `{text}` is not a pair x,y")]
    NotAPair {
        /// Where.
        place: Place,
        /// The point as given.
        text: String,
    },
    /// A value that is not a finite number.
    #[error("{place}: {column} = `{value}` is not a finite number")]
    NotANumber {
        /// Where.
        place: Place,
        /// `x` or `y`.
        column: &'static str,
        /// The value as given.
        value: String,
    },
    /// More rows than [`MAX_POINTS`]; reading stops at the first row too many.
    #[error("more than {max} data rows; the limit is {max} points (use a sample of the data)")]
    TooManyRows {
        /// The limit.
        max: usize,
    },
    /// A line longer than [`MAX_LINE_LENGTH`] bytes.
    #[error("{place} is longer than {max} characters: this is not a CSV file of x,y rows")]
    LineTooLong {
        /// Where.
        place: Place,
        /// The limit.
        max: usize,
    },
    /// Bytes that are not UTF-8 text.
    #[error("{place} is not text (UTF-8)")]
    NotText {
        /// Where.
        place: Place,
    },
    /// The input could not be read.
    #[error("cannot read `{file}`: {message}")]
    Read {
        /// The file.
        file: String,
        /// The system's reason.
        message: String,
    },
    /// A name that is no built-in set nor inline data.
    #[error("{}", unknown_message(.name, *.files))]
    Unknown {
        /// The value as given.
        name: String,
        /// Whether the caller reads files (the CLI), to say so.
        files: bool,
    },
    /// A target the model cannot fit.
    #[error("{place}: y = {value}, but the {model} model needs every y to be 0 or 1")]
    Target {
        /// Where.
        place: Place,
        /// The target.
        value: f64,
        /// The model's name.
        model: &'static str,
    },
}

/// "s" unless `n` is 1.
fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The message for an unknown `data` value.
fn unknown_message(name: &str, files: bool) -> String {
    format!(
        "unknown data set `{name}`; the built-in sets are {}; pasted points are written \
         {INLINE_PREFIX}x,y;x,y;…{}",
        builtin::names().join(", "),
        if files {
            "; a CSV file is given by its path"
        } else {
            ""
        }
    )
}

/// Points (xᵢ, yᵢ), at least one and at most [`MAX_POINTS`], all finite.
#[derive(Clone, Debug, PartialEq)]
pub struct DataSet {
    /// What the `data` key said: a built-in name, the inline form, or a file's path.
    pub source: String,
    /// The inputs xᵢ.
    pub x: Vec<f64>,
    /// The targets yᵢ.
    pub y: Vec<f64>,
    /// Where each point came from, for messages.
    pub places: Vec<Place>,
}

impl DataSet {
    /// The number of points N.
    pub fn len(&self) -> usize {
        self.x.len()
    }

    /// Whether there are no points (never, for a parsed set).
    pub fn is_empty(&self) -> bool {
        self.x.is_empty()
    }

    /// The points as (x, y) pairs.
    pub fn points(&self) -> impl Iterator<Item = [f64; 2]> + '_ {
        self.x.iter().zip(&self.y).map(|(&x, &y)| [x, y])
    }

    /// The set named by a `data` value, if it is a built-in name or the inline form; `None`
    /// for anything else (a path, which only the command line reads).
    pub fn from_value(value: &str) -> Option<Result<DataSet, DataError>> {
        let value = value.trim();
        if let Some(points) = value.strip_prefix(INLINE_PREFIX) {
            return Some(parse_inline(points));
        }
        builtin::named(value).map(|set| Ok(set.data_set()))
    }

    /// The set as the inline form `inline:x,y;x,y;…` (for URLs; numbers in their shortest
    /// round-trip form, so it parses back to the same set).
    pub fn to_inline(&self) -> String {
        let points: Vec<String> = self
            .points()
            .map(|[x, y]| format!("{},{}", number(x), number(y)))
            .collect();
        format!("{INLINE_PREFIX}{}", points.join(";"))
    }

    /// The set as CSV with the header `x,y` (for downloads).
    pub fn to_csv(&self) -> String {
        let mut out = String::from("x,y\n");
        for [x, y] in self.points() {
            out.push_str(&format!("{},{}\n", number(x), number(y)));
        }
        out
    }
}

/// Parses the inline form's points `x,y;x,y;…` (a trailing `;` and spaces allowed).
fn parse_inline(points: &str) -> Result<DataSet, DataError> {
    let mut set = DataSet {
        source: format!("{INLINE_PREFIX}{points}"),
        x: Vec::new(),
        y: Vec::new(),
        places: Vec::new(),
    };
    let items = points.split(';').filter(|p| !p.trim().is_empty());
    for (i, item) in items.enumerate() {
        let place = Place::Point(i + 1);
        if i == MAX_POINTS {
            return Err(DataError::TooManyRows { max: MAX_POINTS });
        }
        let Some((x, y)) = item.split_once(',').filter(|(_, y)| !y.contains(',')) else {
            return Err(DataError::NotAPair {
                place,
                text: item.trim().to_owned(),
            });
        };
        set.x.push(parse_value(x, "x", place)?);
        set.y.push(parse_value(y, "y", place)?);
        set.places.push(place);
    }
    if set.is_empty() {
        return Err(DataError::NoRows);
    }
    Ok(set)
}

/// Parses one value: a finite number in Rust's `f64` syntax, spaces and one pair of double
/// quotes around it allowed.
fn parse_value(text: &str, column: &'static str, place: Place) -> Result<f64, DataError> {
    unquote(text)
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| DataError::NotANumber {
            place,
            column,
            value: text.trim().to_owned(),
        })
}

/// `text` trimmed, without one pair of surrounding double quotes.
fn unquote(text: &str) -> &str {
    let text = text.trim();
    text.strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .map_or(text, str::trim)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inline(text: &str) -> Result<DataSet, String> {
        DataSet::from_value(text)
            .expect("inline")
            .map_err(|e| e.to_string())
    }

    #[test]
    fn inline_data_round_trips() {
        let set = inline("inline:1,2; 3.5, -4 ;1e3,0;").expect("valid");
        assert_eq!(set.x, [1.0, 3.5, 1000.0]);
        assert_eq!(set.y, [2.0, -4.0, 0.0]);
        assert_eq!(set.to_inline(), "inline:1,2;3.5,-4;1000,0");
        let back = inline(&set.to_inline()).expect("valid");
        assert_eq!((back.x, back.y), (set.x, set.y));
        assert_eq!(
            DataSet::from_value("line").map(|s| s.map(|s| s.source)),
            Some(Ok("line".into()))
        );
        assert_eq!(DataSet::from_value("points.csv"), None);
    }

    #[test]
    fn bad_inline_points_are_named() {
        assert_eq!(
            inline("inline:1,2;3"),
            Err("point 2: `3` is not a pair x,y".into())
        );
        assert_eq!(
            inline("inline:1,2;3,x"),
            Err("point 2: y = `x` is not a finite number".into())
        );
        assert_eq!(
            inline("inline:"),
            Err("there are no data rows after the header `x,y`".into())
        );
        let many = format!("inline:{}", "1,1;".repeat(MAX_POINTS + 1));
        assert_eq!(
            inline(&many),
            Err(
                "more than 10000 data rows; the limit is 10000 points (use a sample of the data)"
                    .into()
            )
        );
    }
}
