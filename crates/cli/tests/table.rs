//! The CLI is generated from the optimizer table: these tests iterate over the table, so a
//! row added to it is checked here without a word changed — its name, every form's formula,
//! state columns and defaults, and its hyperparameters must appear in `--help`, and it must
//! run through the binary in every convention and print its state columns.

mod common;

use common::{descent, stdout};
use descent_core::export::number;
use descent_core::optimizer::HYPERPARAMETERS;
use descent_core::{Convention, OptimizerKind};

/// The part of the help text about optimizer `name`: from its heading to the next blank line.
fn section<'a>(help: &'a str, name: &str) -> &'a str {
    let heading = format!("\n  {name} — ");
    let start = help
        .find(&heading)
        .unwrap_or_else(|| panic!("no heading `{}` in the help", heading.trim()));
    let rest = &help[start + 1..];
    &rest[..rest.find("\n\n").unwrap_or(rest.len())]
}

#[test]
fn help_lists_every_optimizer_form_and_hyperparameter_of_the_table() {
    let help = stdout(&descent(&["trajectory", "--help"]));
    assert!(
        stdout(&descent(&["--help"])).contains(&help),
        "`descent --help` includes the trajectory help"
    );
    for kind in OptimizerKind::all() {
        let spec = kind.spec();
        let text = section(&help, spec.name);
        assert!(text.contains(spec.label), "{}: label", spec.name);
        for convention in Convention::ALL {
            let form = kind.form(convention);
            // Each convention has a line: its own form, or the form it uses.
            let line = text
                .lines()
                .find(|l| {
                    l.trim_start()
                        .starts_with(&format!("{} ", convention.name()))
                })
                .unwrap_or_else(|| panic!("{}: no {} line", spec.name, convention.name()));
            if form.convention != convention {
                assert!(line.contains(&format!("the {} form", form.convention.name())));
                continue;
            }
            for statement in form.formula.split(";  ") {
                assert!(
                    text.lines()
                        .any(|l| l.trim_end().ends_with(statement.trim())),
                    "{} {}: the statement `{statement}` on a line of its own",
                    spec.name,
                    convention.name()
                );
            }
            let state = if form.state.is_empty() {
                "none".to_owned()
            } else {
                form.state.join(" ")
            };
            assert!(text.contains(&format!("state: {state};")), "{}", spec.name);
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let defaults: Vec<String> = kind
                .hyperparameters(convention)
                .map(|(h, d)| format!("--{} {}", h.flag(), number(d)))
                .collect();
            assert!(
                flat.contains(&format!("defaults: {}", defaults.join(" "))),
                "{} {}: defaults {defaults:?} in {flat}",
                spec.name,
                convention.name()
            );
            let reference = form.reference.split_whitespace().collect::<Vec<_>>();
            assert!(
                flat.contains(&reference.join(" ")),
                "{}: reference",
                spec.name
            );
        }
    }
    let flat = help.split_whitespace().collect::<Vec<_>>().join(" ");
    for h in HYPERPARAMETERS {
        assert!(
            help.contains(&format!("[--{} X]", h.flag())),
            "usage has --{}",
            h.flag()
        );
        let line = format!("--{} X {} ({})", h.flag(), h.label, h.range_text());
        assert!(flat.contains(&line), "{line}");
    }
}

#[test]
fn every_optimizer_runs_in_every_convention_and_prints_its_state_columns() {
    for kind in OptimizerKind::all() {
        for convention in Convention::ALL {
            let name = format!("{kind} ({})", convention.name());
            let mut args = vec![
                "trajectory".to_owned(),
                "--optimizer".to_owned(),
                kind.name().to_owned(),
                "--convention".to_owned(),
                convention.name().to_owned(),
                "--steps".to_owned(),
                "3".to_owned(),
            ];
            let output = descent(&args.iter().map(String::as_str).collect::<Vec<_>>());
            assert!(output.status.success(), "{name}: {output:?}");
            let text = stdout(&output);
            let mut lines = text.lines();
            let header: Vec<&str> = lines.next().expect("header").split(',').collect();
            assert_eq!(
                header[..6],
                ["t", "w1", "w2", "error", "g1", "g2"],
                "{name}"
            );
            assert_eq!(header[6..], kind.state_columns(convention)[..], "{name}");
            let rows: Vec<Vec<f64>> = lines
                .map(|l| l.split(',').map(|x| x.parse().expect("number")).collect())
                .collect();
            assert_eq!(rows.len(), 4, "{name}");
            assert!(rows.iter().flatten().all(|x| x.is_finite()), "{name}");
            assert_ne!(rows[3][1..3], rows[0][1..3], "{name} moves");
            // Every hyperparameter flag is accepted, and its defaults are the ones printed.
            for (h, default) in kind.hyperparameters(convention) {
                args.extend([format!("--{}", h.flag()), format!("{default:e}")]);
            }
            let explicit = descent(&args.iter().map(String::as_str).collect::<Vec<_>>());
            assert!(explicit.status.success(), "{name}: {explicit:?}");
            assert_eq!(stdout(&explicit), text, "{name}: explicit defaults");
        }
    }
}

#[test]
fn the_steps_table_has_a_column_for_every_state_column_of_the_table() {
    let output = descent(&["steps"]);
    assert!(output.status.success());
    let text = stdout(&output);
    let header: Vec<&str> = text.lines().next().expect("header").split(',').collect();
    for kind in OptimizerKind::all() {
        for convention in Convention::ALL {
            for column in kind.state_columns(convention) {
                assert_eq!(
                    header.iter().filter(|c| *c == column).count(),
                    1,
                    "{column} of {kind}"
                );
            }
        }
    }
    // Each run fills its own state columns in the steps table.
    for kind in OptimizerKind::all() {
        let output = descent(&["steps", "--optimizer", "gd", "--optimizer", kind.name()]);
        assert!(output.status.success(), "{kind}");
        let text = stdout(&output);
        let last: Vec<&str> = text.lines().last().expect("rows").split(',').collect();
        assert_eq!(last[0], kind.name());
        for column in kind.state_columns(Convention::Article) {
            let i = header.iter().position(|c| c == column).expect("column");
            assert!(last[i].parse::<f64>().is_ok(), "{kind}: {column}");
        }
    }
}
