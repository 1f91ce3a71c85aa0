//! `--data FILE`: the command line reads a CSV file by its path (a `data` value that is no
//! built-in set nor inline data), streaming it through the core's parser, which stops at the
//! first problem or at the row limit without reading the rest.

use std::fs::File;
use std::io::{BufReader, ErrorKind};

use descent_core::data::{parse_csv, DataError, DataSet};

/// Reads the CSV file at `path`; a missing file that looks like a name rather than a path is
/// an unknown data set.
pub fn load_file(path: &str) -> Result<DataSet, DataError> {
    let file = File::open(path).map_err(|e| {
        if e.kind() == ErrorKind::NotFound && !path.contains(['.', '/', '\\']) {
            DataError::Unknown {
                name: path.to_owned(),
                files: true,
            }
        } else {
            DataError::Read {
                file: path.to_owned(),
                message: e.to_string(),
            }
        }
    })?;
    parse_csv(BufReader::new(file), path)
}
