//! The reference in `docs/` cannot go stale: its tables of optimizers, conventions, defaults,
//! hyperparameters, vocabulary keys and presets are generated here from the core's tables and
//! must equal what the files hold between their `<!-- generated: NAME -->` and
//! `<!-- end: NAME -->` markers; every optimizer form must have a source in the optimizer
//! reference; and every repository path or relative link that `README.md` and `docs/` name
//! must exist, with the heading a link's `#anchor` names. `UPDATE_DOCS=1 cargo test -p descent-cli --test docs` rewrites the generated
//! blocks (then review the diff).

use std::path::{Path, PathBuf};

use descent_core::amplification::{self, DEFAULT_BETAS, DEFAULT_EPS, DEFAULT_LR, MAX_MAPS};
use descent_core::config::{defaults, MAX_STEPS};
use descent_core::export::number;
use descent_core::optimizer::{Form, HYPERPARAMETERS, TABLE};
use descent_core::presets::PRESETS;
use descent_core::vocabulary::{self, Key};
use descent_core::{Convention, OptimizerKind};

/// The repository root.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A markdown table cell: `|` escaped.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// A formula as a table cell: one statement per line.
fn formula_cell(form: &Form) -> String {
    let statements: Vec<String> = form
        .formula
        .split(";  ")
        .map(|s| format!("`{}`", cell(s.trim())))
        .collect();
    statements.join("<br>")
}

/// `lr 0.05, beta 0.9, eps 1e-8`: an optimizer's defaults in a convention.
fn defaults_text(kind: OptimizerKind, convention: Convention) -> String {
    let values: Vec<String> = kind
        .hyperparameters(convention)
        .map(|(h, v)| format!("`{}` {}", h.key, number(v)))
        .collect();
    values.join(", ")
}

/// The head of a table with a column per convention, headed by `heading(convention)`.
fn convention_columns(heading: impl Fn(Convention) -> String) -> String {
    let mut text = String::from("| optimizer |");
    for c in Convention::ALL {
        text.push_str(&format!(" {} |", heading(c)));
    }
    text.push_str("\n| --- |");
    text.push_str(&" --- |".repeat(Convention::ALL.len()));
    text.push('\n');
    text
}

/// The conventions side by side: each optimizer's update in every convention.
fn conventions() -> String {
    let mut text = convention_columns(|c| format!("{} (`{}`)", c.label(), c.name()));
    for kind in OptimizerKind::all() {
        text.push_str(&format!("| `{}` |", kind.name()));
        for c in Convention::ALL {
            let form = kind.form(c);
            if form.convention == c {
                text.push_str(&format!(" {} |", formula_cell(form)));
            } else {
                text.push_str(&format!(" the {} form |", form.convention.label()));
            }
        }
        text.push('\n');
    }
    text
}

/// Per form, its step sizes D(t) and the threshold of its pre-sharpness (from its rule).
fn stability() -> String {
    let mut text = String::from(
        "| optimizer | convention | step sizes D(t) | stable while λ1(D^½·H·D^½) < |\n\
         | --- | --- | --- | --- |\n",
    );
    for kind in OptimizerKind::all() {
        for form in kind.spec().forms {
            text.push_str(&format!(
                "| `{}` | {} | `{}` | `{}` |\n",
                kind.name(),
                form.convention.label(),
                cell(form.rule.step_size_text()),
                cell(form.rule.threshold_text()),
            ));
        }
    }
    text
}

/// Every optimizer's defaults in every convention.
fn default_values() -> String {
    let mut text = convention_columns(|c| c.label().to_owned());
    for kind in OptimizerKind::all() {
        text.push_str(&format!("| `{}` |", kind.name()));
        for c in Convention::ALL {
            text.push_str(&format!(" {} |", defaults_text(kind, c)));
        }
        text.push('\n');
    }
    text
}

/// One section per optimizer: per form its update, state, defaults and reference.
fn reference() -> String {
    let mut text = String::new();
    for kind in OptimizerKind::all() {
        let spec = kind.spec();
        text.push_str(&format!(
            "### `{}`: {}\n\n{}: {}.\n\n| convention | update | state | defaults | reference |\n\
             | --- | --- | --- | --- | --- |\n",
            spec.name,
            spec.label,
            spec.family.label(),
            spec.note
        ));
        for form in spec.forms {
            let state = if form.state.is_empty() {
                "none".to_owned()
            } else {
                form.state
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            text.push_str(&format!(
                "| {} | {} | {state} | {} | {} |\n",
                form.convention.label(),
                formula_cell(form),
                defaults_text(kind, form.convention),
                cell(form.reference)
            ));
        }
        let borrowed: Vec<&str> = Convention::ALL
            .into_iter()
            .filter(|c| kind.form(*c).convention != *c)
            .map(Convention::label)
            .collect();
        if !borrowed.is_empty() {
            text.push_str(&format!(
                "\n{} has no {} form of its own and uses its {} form there.\n",
                spec.label,
                borrowed.join(" or "),
                spec.forms[0].convention.label()
            ));
        }
        text.push('\n');
    }
    text.trim_end().to_owned() + "\n"
}

/// Every hyperparameter: key, symbol, meaning, range, slider.
fn hyperparameters() -> String {
    let mut text = String::from(
        "| key | symbol | control | meaning | values | slider |\n| --- | --- | --- | --- | --- | --- |\n",
    );
    for h in HYPERPARAMETERS {
        let [lo, hi] = h.slider.ends();
        let scale = if h.slider.is_log() {
            "logarithmic"
        } else {
            "linear"
        };
        text.push_str(&format!(
            "| `{}` | {} | {} | {} | {} | {scale}, {} to {} |\n",
            h.key,
            h.symbol,
            h.label,
            cell(h.help),
            h.range_text(),
            number(lo),
            number(hi)
        ));
    }
    text
}

/// The default of a run key, as the docs write it.
fn key_default(key: &Key) -> String {
    match key.key {
        "function" => format!("`{}`", defaults::FUNCTION),
        "optimizer" => format!("`{}`", defaults::OPTIMIZER),
        "convention" => format!("`{}`", defaults::CONVENTION.name()),
        "start" => format!(
            "`{},{}`",
            number(defaults::START[0]),
            number(defaults::START[1])
        ),
        "steps" => format!("{} (0 to {MAX_STEPS})", defaults::STEPS),
        _ => String::new(),
    }
}

/// The vocabulary: every key of a run, in documentation order.
fn keys() -> String {
    let mut text = String::from("| key | value | meaning | default |\n| --- | --- | --- | --- |\n");
    for name in vocabulary::keys() {
        if let Some(key) = vocabulary::key(name) {
            let value = match key.value {
                vocabulary::Value::Choice(names) => names()
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                _ => format!("`{}`", key.placeholder),
            };
            text.push_str(&format!(
                "| `{}` | {value} | {} | {} |\n",
                key.key,
                cell(key.help),
                key_default(key)
            ));
        } else if let Some(h) = descent_core::Hyperparameter::named(name) {
            text.push_str(&format!(
                "| `{}` | {} | {} | the chosen optimizer's ([defaults](optimizers.md#defaults)) |\n",
                h.key,
                h.range_text(),
                cell(h.help)
            ));
        }
    }
    text
}

/// The amplification figure's keys.
fn amplification_keys() -> String {
    let betas: Vec<String> = DEFAULT_BETAS.iter().map(|&b| number(b)).collect();
    let mut text = String::from("| key | value | default |\n| --- | --- | --- |\n");
    for key in amplification::KEYS {
        let (value, default) = match key {
            "beta" => (
                format!("1 to {MAX_MAPS} values in [0, 1], one map each"),
                format!("`{}`", betas.join(",")),
            ),
            "lr" => ("η, a finite number > 0".to_owned(), number(DEFAULT_LR)),
            "eps" => ("ε, a finite number > 0".to_owned(), number(DEFAULT_EPS)),
            "range" => (
                format!(
                    "g1 and g2 run from −range to range, in (0, {:e}]",
                    amplification::MAX_RANGE
                ),
                number(amplification::DEFAULT_RANGE),
            ),
            other => (other.to_owned(), String::new()),
        };
        text.push_str(&format!("| `{key}` | {value} | {default} |\n"));
    }
    text
}

/// The 3-D view's keys, their help and defaults.
fn view3d_keys() -> String {
    use descent_core::view3d::{View3d, SETTINGS};
    let defaults = View3d::default();
    let mut text = String::from("| key | value | default |\n| --- | --- | --- |\n");
    for setting in SETTINGS {
        let default = defaults.value(setting.key).unwrap_or_default();
        text.push_str(&format!(
            "| `{}` | {} | `{default}` |\n",
            setting.key,
            cell(setting.help)
        ));
    }
    text
}

/// The maps' keys besides the run's and `view` (the sweep's, and the colouring).
fn map_keys() -> String {
    use descent_core::sweep::{self, DEFAULT_GRID, KINDS, MAX_GRID};
    use descent_plot::scene::SweepColour;
    let colours: Vec<String> = SweepColour::ALL
        .iter()
        .map(|c| format!("`{}`", c.name()))
        .collect();
    let mut text = String::from("| key | value | default |\n| --- | --- | --- |\n");
    for key in sweep::KEYS.iter().filter(|k| **k != "view") {
        let (value, default) = match *key {
            "kind" => (
                format!(
                    "`{}` (a basin map of start points over `view`) or `{}` (a map of two hyperparameters); written whenever a map is shown",
                    KINDS[0], KINDS[1]
                ),
                format!("no map (with `figure=sweep`: `{}`)", KINDS[0]),
            ),
            "grid" => (
                format!("`N` or `N,M` cells along x and y, 1 to {MAX_GRID} a side"),
                DEFAULT_GRID.to_string(),
            ),
            "x" => (
                "`KEY=MIN:MAX` or `KEY=MIN:MAX:log`: a hyperparameter of the optimizer and its range"
                    .to_owned(),
                "the optimizer's first hyperparameter over its slider's ends (`:log` where the slider is logarithmic in the value)".to_owned(),
            ),
            "y" => ("as `x`, another hyperparameter".to_owned(), "its second, likewise".to_owned()),
            other => (other.to_owned(), String::new()),
        };
        text.push_str(&format!("| `{key}` | {value} | {default} |\n"));
    }
    text.push_str(&format!(
        "| `show` | what the colours show: {} (final error, log scale; steps taken; why the run stopped; final pre-sharpness ÷ threshold, 1 at the edge of stability) | `{}` |\n",
        colours.join(", "),
        SweepColour::ALL[0].name()
    ));
    text
}

/// The presets.
fn presets() -> String {
    let mut text = String::from(
        "| `preset` | example | function | view (w1, w2) | start | other keys |\n\
         | --- | --- | --- | --- | --- | --- |\n",
    );
    for p in &PRESETS {
        let others: Vec<String> = p.pairs.iter().map(|(k, v)| format!("`{k}={v}`")).collect();
        text.push_str(&format!(
            "| `{}` | {} | {} | [{}, {}] × [{}, {}] | ({}, {}) | {} |\n",
            p.id,
            p.label,
            p.function.map_or("—".to_owned(), |f| format!("`{f}`")),
            number(p.view.w1[0]),
            number(p.view.w1[1]),
            number(p.view.w2[0]),
            number(p.view.w2[1]),
            number(p.start[0]),
            number(p.start[1]),
            if others.is_empty() {
                "—".to_owned()
            } else {
                others.join(" ")
            }
        ));
    }
    text
}

/// The generated blocks of each file.
fn blocks() -> Vec<(&'static str, &'static str, String)> {
    vec![
        ("docs/optimizers.md", "conventions", conventions()),
        ("docs/optimizers.md", "defaults", default_values()),
        ("docs/optimizers.md", "reference", reference()),
        ("docs/optimizers.md", "hyperparameters", hyperparameters()),
        ("docs/optimizers.md", "stability", stability()),
        ("docs/vocabulary.md", "keys", keys()),
        ("docs/vocabulary.md", "presets", presets()),
        ("docs/url-keys.md", "amplification", amplification_keys()),
        ("docs/url-keys.md", "maps", map_keys()),
        ("docs/url-keys.md", "view3d", view3d_keys()),
    ]
}

/// `text` with the block `name` replaced by `content`; `None` without the markers.
fn replace_block(text: &str, name: &str, content: &str) -> Option<String> {
    let begin = format!("<!-- generated: {name} -->\n");
    let end = format!("<!-- end: {name} -->");
    let start = text.find(&begin)? + begin.len();
    let stop = start + text[start..].find(&end)?;
    Some(format!("{}{content}{}", &text[..start], &text[stop..]))
}

#[test]
fn generated_tables_match_the_core_tables() {
    let update = std::env::var_os("UPDATE_DOCS").is_some();
    let mut stale = Vec::new();
    for (file, name, content) in blocks() {
        let path = root().join(file);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
        let fresh = replace_block(&text, name, &content)
            .unwrap_or_else(|| panic!("{file} has no block `{name}`"));
        if fresh != text {
            if update {
                std::fs::write(&path, fresh).unwrap_or_else(|e| panic!("{file}: {e}"));
            } else {
                stale.push(format!("{file}: {name}"));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated blocks (run `UPDATE_DOCS=1 cargo test -p descent-cli --test docs`): \
         {stale:?}"
    );
}

#[test]
fn every_optimizer_form_has_a_checked_source() {
    // The sources table of docs/optimizers.md: `| `name` | Convention | [page](url) | … |`.
    let text = std::fs::read_to_string(root().join("docs/optimizers.md")).unwrap_or_default();
    let sources = text
        .split("<!-- sources -->")
        .nth(1)
        .and_then(|rest| rest.split("<!-- end sources -->").next())
        .unwrap_or_else(|| panic!("docs/optimizers.md has no sources table"));
    for spec in TABLE {
        for form in spec.forms {
            let row = format!("| `{}` | {} |", spec.name, form.convention.label());
            let line = sources
                .lines()
                .find(|l| l.starts_with(&row))
                .unwrap_or_else(|| panic!("no source for {row}"));
            assert!(line.contains("](http"), "{row}: a link to the page");
        }
    }
}

/// Paths named in backticks or as relative links in a markdown file.
fn named_paths(text: &str) -> Vec<String> {
    const TOP: [&str; 8] = [
        "crates/",
        "docs/",
        "scripts/",
        "www/",
        "tests/",
        "fuzz/",
        ".ci/",
        "reference/",
    ];
    let mut paths = Vec::new();
    for piece in text.split('`').skip(1).step_by(2) {
        let path = piece.split_whitespace().next().unwrap_or("");
        // Placeholders (`<target>`), globs and installed folders are not paths of the repository.
        let pattern = path.contains('<') || path.contains('*') || path.contains("node_modules");
        if TOP.iter().any(|t| path.starts_with(t)) && !pattern {
            paths.push(path.trim_end_matches([',', '.', ':']).to_owned());
        }
    }
    for link in text.split("](").skip(1) {
        let target = link.split(')').next().unwrap_or("");
        if !target.contains("://") && !target.starts_with("mailto:") {
            paths.push(format!("link:{target}"));
        }
    }
    paths
}

/// The anchors of a markdown file's headings, as GitHub makes them: lower case, spaces as
/// `-`, punctuation dropped.
fn anchors(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.starts_with('#'))
        .map(|l| {
            l.trim_start_matches('#')
                .trim()
                .to_lowercase()
                .chars()
                .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' '))
                .map(|c| if c == ' ' { '-' } else { c })
                .collect()
        })
        .collect()
}

#[test]
fn every_path_the_docs_name_exists() {
    let mut files = vec![root().join("README.md")];
    let docs = std::fs::read_dir(root().join("docs")).expect("docs/");
    files.extend(
        docs.filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "md")),
    );
    let mut missing = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        let dir = file.parent().unwrap_or(Path::new("."));
        for path in named_paths(&text) {
            let (target, anchor) = match path.strip_prefix("link:") {
                Some(link) => {
                    let (file_part, anchor) = link.split_once('#').unwrap_or((link, ""));
                    let target = if file_part.is_empty() {
                        file.clone()
                    } else {
                        dir.join(file_part)
                    };
                    (target, anchor)
                }
                None => (root().join(&path), ""),
            };
            if !target.exists() {
                missing.push(format!("{}: {path}", file.display()));
            } else if !anchor.is_empty() {
                let heading = std::fs::read_to_string(&target).unwrap_or_default();
                if !anchors(&heading).iter().any(|a| a == anchor) {
                    missing.push(format!("{}: {path} (no such heading)", file.display()));
                }
            }
        }
    }
    assert!(missing.is_empty(), "named but missing: {missing:#?}");
}

/// The fuzz targets of `fuzz/Cargo.toml` (`[[bin]] name = "…"`).
fn fuzz_targets() -> Vec<String> {
    let manifest =
        std::fs::read_to_string(root().join("fuzz/Cargo.toml")).expect("fuzz/Cargo.toml");
    manifest
        .split("[[bin]]")
        .skip(1)
        .filter_map(|bin| {
            let line = bin.lines().find(|l| l.trim_start().starts_with("name"))?;
            Some(line.split('"').nth(1)?.to_owned())
        })
        .collect()
}

#[test]
fn the_docs_name_every_fuzz_target() {
    let targets = fuzz_targets();
    assert!(targets.len() >= 4, "{targets:?}");
    let testing = std::fs::read_to_string(root().join("docs/testing.md")).expect("testing.md");
    let paragraph = testing
        .split("**Fuzzing.**")
        .nth(1)
        .and_then(|rest| rest.split("\n\n").next())
        .expect("docs/testing.md has a **Fuzzing.** paragraph");
    let readme = std::fs::read_to_string(root().join("fuzz/README.md")).expect("fuzz/README.md");
    for target in &targets {
        assert!(
            paragraph.contains(&format!("`{target}`")),
            "docs/testing.md's Fuzzing paragraph does not name the target `{target}`"
        );
        assert!(
            readme.contains(&format!("| `{target}`")),
            "fuzz/README.md's table has no row for `{target}`"
        );
    }
}
