//! The host's modules import one way: each top-level module uses only the
//! modules listed before it in [`LAYERS`]. A `crate::x` path in code (not
//! in comments) that points later in the list fails this test, and so does
//! a module missing from the list.
//!
//! Run with `--nocapture` to see the edge list.

use std::collections::BTreeSet;
use std::path::Path;

/// Bottom first: values and data, then the host-side object store, then
/// the C suites over the store, then loading and driving plugins, then the
/// validator.
const LAYERS: &[&str] = &[
    // values and data
    "types",
    "error",
    "extensions",
    "log",
    "props",
    "param_values",
    "handle",
    "guard_pages",
    "image",
    "drawing",
    "opencl",
    "opengl",
    "host_threads",
    "binary_lock",
    "config",
    "frames",
    // the object store
    "objects",
    "state",
    "param_sets",
    // the C suites
    "ffi",
    // loading and driving plugins
    "loader",
    "driver",
    // helpers for plugin tests
    "matrix",
    // the validator
    "checks",
];

/// Paths under `crate::` that are not modules (exported macros).
const NOT_MODULES: &[&str] = &["in_process"];

fn top_module(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

fn scan(
    src: &Path,
    dir: &Path,
    edges: &mut BTreeSet<(String, String)>,
    mods: &mut BTreeSet<String>,
) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            scan(src, &p, edges, mods);
            continue;
        }
        if p.extension().is_none_or(|x| x != "rs") {
            continue;
        }
        let from = top_module(src, &p);
        if from == "lib" {
            continue;
        }
        mods.insert(from.clone());
        let text = std::fs::read_to_string(&p).unwrap();
        for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
            for (i, _) in line.match_indices("crate::") {
                if line[..i].ends_with('$') {
                    continue; // `$crate::` in a macro
                }
                let rest = &line[i + "crate::".len()..];
                let end = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                let to = &rest[..end];
                if !to.is_empty() && to != from && !NOT_MODULES.contains(&to) {
                    edges.insert((from.clone(), to.to_string()));
                }
            }
        }
    }
}

#[test]
fn modules_import_only_lower_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut edges = BTreeSet::new();
    let mut mods = BTreeSet::new();
    scan(&src, &src, &mut edges, &mut mods);
    let rank = |m: &str| LAYERS.iter().position(|l| *l == m);
    let unplaced: Vec<&String> = mods.iter().filter(|m| rank(m).is_none()).collect();
    assert!(
        unplaced.is_empty(),
        "modules missing from LAYERS: {unplaced:?}"
    );
    let mut upward = Vec::new();
    for (from, to) in &edges {
        println!("{from} -> {to}");
        match (rank(from), rank(to)) {
            (Some(f), Some(t)) if t < f => {}
            _ => upward.push(format!("{from} -> {to}")),
        }
    }
    assert!(
        edges.len() > 30,
        "the scan found only {} edges",
        edges.len()
    );
    assert!(
        upward.is_empty(),
        "imports that go up or sideways: {upward:?}"
    );
}
