//! The workspace's shape, checked: within each crate, at every level of nesting, sibling
//! modules import each other without a circle (dependencies point one way, as
//! docs/architecture.md draws them), and no source or test file (the crates' and the browser
//! tests in tests/) grows past about 500 lines without saying why at its top.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The crates of the workspace, from this crate's folder.
fn crates() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every `.rs` file under `dir`.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).expect("readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The code of a source file without comments and without its `#[cfg(test)] mod tests`
/// (`pub(super) mod tests` too: tests that other modules' tests share).
fn code(text: &str) -> String {
    let tests = [
        "#[cfg(test)]\nmod tests",
        "#[cfg(test)]\npub(super) mod tests",
    ];
    let text = match tests.iter().filter_map(|t| text.find(t)).min() {
        Some(i) => &text[..i],
        None => text,
    };
    text.lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The module path of a file of `src/`: `page/sweep/figure.rs` → `[page, sweep, figure]`,
/// `page/sweep/mod.rs` → `[page, sweep]`, `lib.rs` → `[]`.
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src).expect("under src");
    let mut path: Vec<String> = relative
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        path.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        path.pop();
    }
    path
}

/// The leading lower-case segments of a path starting at `text` (`a::b::C` → `[a, b]`), with a
/// brace group expanded one level (`a::{b::c, d}` → `[a, b]` and `[a, d]`).
fn paths_at(text: &str) -> Vec<Vec<String>> {
    let mut segments = Vec::new();
    let mut rest = text;
    loop {
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if name.is_empty() || name.chars().any(char::is_uppercase) {
            break;
        }
        rest = &rest[name.len()..];
        segments.push(name);
        match rest.strip_prefix("::") {
            Some(after) => rest = after,
            None => break,
        }
    }
    let Some(group) = rest.strip_prefix('{') else {
        return vec![segments];
    };
    let mut depth = 0;
    let end = group
        .find(|c| {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => return true,
                '}' => depth -= 1,
                _ => {}
            }
            false
        })
        .unwrap_or(group.len());
    group[..end]
        .split(',')
        .flat_map(|item| paths_at(item.trim()))
        .map(|tail| segments.iter().cloned().chain(tail).collect())
        .collect()
}

/// The module paths a file at module path `at` names: `crate::a::b`, `super::c`,
/// `super::super::d`, `self::e`, resolved to paths from the crate's root.
fn imports(at: &[String], code: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    for (i, _) in code.match_indices("crate::") {
        if code[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        found.extend(paths_at(&code[i + 7..]));
    }
    for (i, _) in code.match_indices("super::") {
        let before = &code[..i];
        if before.ends_with("super::")
            || before.ends_with(|c: char| c.is_alphanumeric() || c == '_')
        {
            continue;
        }
        let mut rest = &code[i..];
        let mut base = at.to_vec();
        while let Some(after) = rest.strip_prefix("super::") {
            base.pop();
            rest = after;
        }
        for tail in paths_at(rest) {
            found.push(base.iter().cloned().chain(tail).collect());
        }
    }
    found
}

/// The dependencies between sibling modules at every level of `src/`: for each parent module
/// (`""` for the crate, `page::sweep`, …) the children each child names. An import from
/// `page::sweep::worker` of `page::sweep::figure::with_map` is an edge `worker → figure`
/// under `page::sweep`; one of `model::url` from `page::share` is `page → model` under the
/// crate.
fn graphs(src: &Path) -> BTreeMap<String, BTreeMap<String, BTreeSet<String>>> {
    let mut graphs: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for file in sources(src) {
        let at = module_path(src, &file);
        let code = code(&fs::read_to_string(&file).expect("readable"));
        for target in imports(&at, &code) {
            let common = at.iter().zip(&target).take_while(|(a, b)| a == b).count();
            let (Some(from), Some(to)) = (at.get(common), target.get(common)) else {
                continue; // an ancestor or a descendant, not a sibling
            };
            graphs
                .entry(at[..common].join("::"))
                .or_default()
                .entry(from.clone())
                .or_default()
                .insert(to.clone());
        }
    }
    graphs
}

/// A circle of modules in `graph`, if there is one.
fn circle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|n| n == node) {
            let mut found = path[start..].to_vec();
            found.push(node.to_owned());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, graph, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn no_crate_has_an_import_circle() {
    for name in ["core", "plot", "web", "cli", "python"] {
        let src = crates().join(name).join("src");
        let graphs = graphs(&src);
        assert!(
            graphs.get("").is_some_and(|g| g.len() > 3),
            "{name}: {graphs:?}"
        );
        for (parent, graph) in &graphs {
            if let Some(found) = circle(graph) {
                panic!(
                    "crates/{name}: modules of `{}` import each other in a circle: {}",
                    if parent.is_empty() { "crate" } else { parent },
                    found.join(" → ")
                );
            }
        }
    }
}

#[test]
fn nested_imports_are_seen() {
    let at = |p: &str| p.split("::").map(str::to_owned).collect::<Vec<_>>();
    let code = "use super::figure::with_map;\nuse crate::model::{url::Pairs, sweep};\n\
                use super::super::dom::Layer;\nlet x = crate::compute::run();";
    let found = imports(&at("page::sweep::worker"), code);
    assert!(
        found.contains(&at("page::sweep::figure::with_map")),
        "{found:?}"
    );
    assert!(found.contains(&at("model::url")), "{found:?}");
    assert!(found.contains(&at("model::sweep")), "{found:?}");
    assert!(
        found.contains(&at("page::dom::Layer").into_iter().take(2).collect()),
        "{found:?}"
    );
    assert!(found.contains(&at("compute::run")), "{found:?}");
    let web = graphs(&crates().join("web").join("src"));
    assert!(
        web.get("page").is_some_and(|g| g.contains_key("sweep")),
        "the page's submodules are in the graph: {web:?}"
    );
}

#[test]
fn the_circle_check_finds_a_circle() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec![]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.into_iter().map(str::to_owned).collect()))
    .collect();
    assert_eq!(circle(&graph).map(|c| c.len()), Some(4));
}

/// Every file with extension `extension` under `dir`, skipping `node_modules` and `output`.
fn files_with(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).expect("readable").flatten() {
            let path = entry.path();
            let name = entry.file_name();
            if path.is_dir() {
                if name != "node_modules" && name != "output" {
                    pending.push(path);
                }
            } else if path.extension().is_some_and(|e| e == extension) {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn long_files_say_why() {
    let root = crates().join("..");
    let mut files = Vec::new();
    for name in ["core", "plot", "web", "cli", "python"] {
        files.extend(files_with(&crates().join(name), "rs"));
    }
    files.extend(files_with(&root.join("tests"), "mjs"));
    files.extend(files_with(&root.join("www"), "js"));
    assert!(files.len() > 100, "{files:?}");
    let mut unexplained = Vec::new();
    for file in files {
        let text = fs::read_to_string(&file).expect("readable");
        let head: String = text.lines().take(12).collect::<Vec<_>>().join("\n");
        if text.lines().count() > 550 && !head.contains("Long by design") {
            unexplained.push(file.display().to_string());
        }
    }
    assert!(
        unexplained.is_empty(),
        "files over 550 lines whose top does not say why (\"Long by design: …\"): {unexplained:?}"
    );
}
