//! Writes the Python package's type stubs, `descent_explorer/__init__.pyi`, into the folder
//! given as the first argument (scripts/python-wheel.sh runs this before maturin).

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: stubs DIR (the descent_explorer package folder)");
        return ExitCode::from(2);
    };
    let path = dir.join("__init__.pyi");
    match std::fs::write(&path, descent_python::stubs::stubs()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("stubs: cannot write {}: {e}", path.display());
            ExitCode::FAILURE
        }
    }
}
