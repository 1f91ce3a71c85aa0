//! CSV with a header naming the columns `x` and `y` (in any order, any case, other columns
//! ignored), one point per line after it. Blank lines are skipped, `\r\n` line ends and a
//! byte-order mark are accepted, and a value may be wrapped in double quotes. Reading stops
//! at the first problem, and at the first row beyond [`MAX_POINTS`]: a file of ten million
//! rows is refused after reading its first ten thousand, with one message.

use std::io::{BufRead, Read};

use super::{parse_value, unquote, DataError, DataSet, Place, MAX_POINTS};

/// The longest line read, in bytes: far more than a row of numbers needs, and a file without
/// line breaks is refused without being read into memory.
pub const MAX_LINE_LENGTH: usize = 4096;

/// Reads CSV text from `reader`; `source` names it (the path, or what the page calls pasted
/// text) in the set and in read errors.
pub fn parse_csv(mut reader: impl BufRead, source: &str) -> Result<DataSet, DataError> {
    let mut set = DataSet {
        source: source.to_owned(),
        x: Vec::new(),
        y: Vec::new(),
        places: Vec::new(),
    };
    let mut columns: Option<Columns> = None;
    let mut buffer = Vec::new();
    let mut number = 0;
    loop {
        number += 1;
        let place = Place::Line(number);
        buffer.clear();
        let read = (&mut reader)
            .take(MAX_LINE_LENGTH as u64 + 1)
            .read_until(b'\n', &mut buffer)
            .map_err(|e| DataError::Read {
                file: source.to_owned(),
                message: e.to_string(),
            })?;
        if read == 0 {
            break;
        }
        if read > MAX_LINE_LENGTH && buffer.last() != Some(&b'\n') {
            return Err(DataError::LineTooLong {
                place,
                max: MAX_LINE_LENGTH,
            });
        }
        let line = std::str::from_utf8(&buffer).map_err(|_| DataError::NotText { place })?;
        let line = line
            .trim_start_matches('\u{feff}')
            .trim_end_matches(['\n', '\r']);
        if line.trim().is_empty() {
            continue;
        }
        let Some(columns) = &columns else {
            columns = Some(Columns::of_header(line)?);
            continue;
        };
        if set.len() == MAX_POINTS {
            return Err(DataError::TooManyRows { max: MAX_POINTS });
        }
        let [x, y] = columns.values(line, place)?;
        set.x.push(x);
        set.y.push(y);
        set.places.push(place);
    }
    match columns {
        None => Err(DataError::Empty),
        Some(_) if set.is_empty() => Err(DataError::NoRows),
        Some(_) => Ok(set),
    }
}

/// Where x and y are in a row.
struct Columns {
    x: usize,
    y: usize,
    count: usize,
}

impl Columns {
    /// The columns named by the header line.
    fn of_header(line: &str) -> Result<Columns, DataError> {
        let names: Vec<&str> = line.split(',').map(unquote).collect();
        // ASCII case only (x, X): Unicode case tables would weigh on the page's module.
        let find = |wanted: &str| names.iter().position(|n| n.eq_ignore_ascii_case(wanted));
        match (find("x"), find("y")) {
            (Some(x), Some(y)) => Ok(Columns {
                x,
                y,
                count: names.len(),
            }),
            _ => Err(DataError::Header {
                found: line.chars().take(80).collect(),
            }),
        }
    }

    /// The x and y of one row.
    fn values(&self, line: &str, place: Place) -> Result<[f64; 2], DataError> {
        let fields: Vec<&str> = line.split(',').collect();
        if fields.len() != self.count {
            return Err(DataError::Fields {
                place,
                found: fields.len(),
                expected: self.count,
            });
        }
        Ok([
            parse_value(fields[self.x], "x", place)?,
            parse_value(fields[self.y], "y", place)?,
        ])
    }
}

#[cfg(test)]
mod tests {
    use std::io::{BufReader, Read};
    use std::time::Instant;

    use super::*;

    fn csv(text: &str) -> Result<DataSet, String> {
        parse_csv(text.as_bytes(), "pasted").map_err(|e| e.to_string())
    }

    #[test]
    fn reads_points_in_either_column_order() {
        let set = csv("\u{feff}x,y\r\n1,2\r\n\r\n-3.5,4e2\n").expect("valid");
        assert_eq!((set.x, set.y), (vec![1.0, -3.5], vec![2.0, 400.0]));
        assert_eq!(set.places, [Place::Line(2), Place::Line(4)]);
        let set = csv("id,\"Y\",X\n1,\"2\",3\n").expect("valid");
        assert_eq!((set.x, set.y), (vec![3.0], vec![2.0]));
    }

    #[test]
    fn bad_csv_gets_one_message_naming_the_line() {
        let cases = [
            (
                "",
                "the data is empty: it needs a header line `x,y` and at least one row of numbers",
            ),
            (
                "\n  \n",
                "the data is empty: it needs a header line `x,y` and at least one row of numbers",
            ),
            (
                "x,z\n1,2\n",
                "line 1 must be the header naming the columns x and y, such as `x,y`, not `x,z`",
            ),
            (
                "x;y\n1;2\n",
                "line 1 must be the header naming the columns x and y, such as `x,y`, not `x;y`",
            ),
            ("x,y\n", "there are no data rows after the header `x,y`"),
            (
                "x,y\n1,2\n3\n",
                "line 3 has 1 value, but the header has 2 columns",
            ),
            (
                "x,y\n1,2\n3,4,5\n",
                "line 3 has 3 values, but the header has 2 columns",
            ),
            (
                "x,y\n1,2\n3,four\n",
                "line 3: y = `four` is not a finite number",
            ),
            (
                "x,y\n1,2\nNaN,4\n",
                "line 3: x = `NaN` is not a finite number",
            ),
            ("x,y\n1,inf\n", "line 2: y = `inf` is not a finite number"),
            ("x,y\n1,\n", "line 2: y = `` is not a finite number"),
        ];
        for (text, message) in cases {
            assert_eq!(csv(text), Err(message.to_owned()), "{text:?}");
        }
        let binary = parse_csv(&b"x,y\n1,\xff\n"[..], "f").map_err(|e| e.to_string());
        assert_eq!(binary, Err("line 2 is not text (UTF-8)".into()));
    }

    /// Ten million rows, produced on the fly: never held in memory.
    struct Rows {
        emitted: u64,
        total: u64,
        pending: Vec<u8>,
    }

    impl Read for Rows {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            if self.pending.is_empty() {
                if self.emitted > self.total {
                    return Ok(0);
                }
                self.pending = if self.emitted == 0 {
                    b"x,y\n".to_vec()
                } else {
                    format!("{},{}\n", self.emitted, self.emitted % 7).into_bytes()
                };
                self.emitted += 1;
            }
            let n = out.len().min(self.pending.len());
            out[..n].copy_from_slice(&self.pending[..n]);
            self.pending.drain(..n);
            Ok(n)
        }
    }

    #[test]
    fn ten_million_rows_are_refused_quickly_with_one_message() {
        let rows = Rows {
            emitted: 0,
            total: 10_000_000,
            pending: Vec::new(),
        };
        let started = Instant::now();
        let result = parse_csv(BufReader::new(rows), "big.csv").map_err(|e| e.to_string());
        assert_eq!(
            result,
            Err(
                "more than 10000 data rows; the limit is 10000 points (use a sample of the data)"
                    .into()
            )
        );
        assert!(started.elapsed().as_secs_f64() < 1.0);
        let exactly = (1..=MAX_POINTS)
            .map(|i| format!("{i},1\n"))
            .collect::<String>();
        assert_eq!(
            csv(&format!("x,y\n{exactly}")).map(|s| s.len()),
            Ok(MAX_POINTS)
        );
    }

    #[test]
    fn a_file_without_line_breaks_is_refused_without_reading_it_all() {
        let endless = std::io::repeat(b'1').take(1 << 30);
        let result = parse_csv(BufReader::new(endless), "one.csv").map_err(|e| e.to_string());
        assert_eq!(
            result,
            Err("line 1 is longer than 4096 characters: this is not a CSV file of x,y rows".into())
        );
    }
}
