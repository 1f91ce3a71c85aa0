//! `--function @FILE`: a function longer than one command-line argument may be (Linux allows
//! 128 KiB) read from a file, or from standard input with `@-`.

use std::io::Read;

use descent_core::function::MAX_FUNCTION_LENGTH;

/// The function text of a `--function` value: the value itself, or for `@FILE` the file's
/// contents (at most [`MAX_FUNCTION_LENGTH`] bytes, UTF-8). A function never starts with `@`.
pub fn read(value: &str) -> Result<String, String> {
    let Some(path) = value.strip_prefix('@') else {
        return Ok(value.to_owned());
    };
    let name = if path == "-" { "standard input" } else { path };
    let cannot = |e: std::io::Error| format!("`--function @{path}`: cannot read {name}: {e}");
    if path.is_empty() {
        return Err(
            "`--function @FILE` needs a file name after `@` (`@-` reads standard input)".to_owned(),
        );
    }
    let mut bytes = Vec::new();
    // One byte more than the limit tells a file at the limit from a longer one without
    // reading a huge file whole.
    let limit = MAX_FUNCTION_LENGTH as u64 + 1;
    if path == "-" {
        std::io::stdin()
            .lock()
            .take(limit)
            .read_to_end(&mut bytes)
            .map_err(cannot)?;
    } else {
        std::fs::File::open(path)
            .and_then(|file| file.take(limit).read_to_end(&mut bytes))
            .map_err(cannot)?;
    }
    if bytes.len() > MAX_FUNCTION_LENGTH {
        return Err(format!(
            "`--function @{path}`: {name} holds more than {MAX_FUNCTION_LENGTH} bytes, the \
             limit of a function"
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "`--function @{path}`: {name} is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_values_pass_and_bad_files_say_why() {
        assert_eq!(read("w1^2"), Ok("w1^2".to_owned()));
        assert!(read("@")
            .expect_err("no name")
            .contains("needs a file name"));
        let missing = read("@/no/such/file").expect_err("missing");
        assert!(
            missing.starts_with("`--function @/no/such/file`: cannot read /no/such/file"),
            "{missing}"
        );
    }
}
