//! Writes the npm package's generated TypeScript declarations, `vocabulary.d.ts`, into the
//! folder given as the only argument (scripts/npm-pack.sh runs this).

use std::path::PathBuf;
use std::process::ExitCode;

use descent_web::typescript::{source, untyped_keys, vocabulary_dts};

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: cargo run -p descent-web --example typescript -- OUT_DIR");
        return ExitCode::from(2);
    };
    let source = source();
    let untyped = untyped_keys(&source);
    if !untyped.is_empty() {
        eprintln!(
            "typescript: no type for the vocabulary's keys {untyped:?}; add them to `plain_key` in crates/web/src/typescript/mod.rs"
        );
        return ExitCode::FAILURE;
    }
    let path = dir.join("vocabulary.d.ts");
    if let Err(e) = std::fs::write(&path, vocabulary_dts(&source)) {
        eprintln!("typescript: cannot write {}: {e}", path.display());
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
