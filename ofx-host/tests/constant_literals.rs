//! The host spells OpenFX names with `ofx_sys` constants
//! (`ofx_str(ofx_sys::kOfxPropType)`), not string literals. A literal is
//! left only where a constant cannot go: in a `match` pattern (a line with
//! `=>`, a leading `|`, `matches!`, or marked `// ofx-literal: <reason>`),
//! a prefix the code strips, or an extension name `ofx_sys` lacks. Every
//! literal left is a real OpenFX 1.5.1 name from the in-repo reference
//! tables: a misspelt constant is an answer no plugin understands (this
//! found three such bugs).

use std::collections::BTreeSet;
use std::path::Path;

/// Literals that are prefixes or patterns, not whole constants.
const PREFIXES: &[&str] = &[
    // OpenFX's own namespace (the validator looks for misspellings of
    // documented names in it).
    "Ofx",
    "OfxBitDepth",
    "OfxImageComponent",
    "OfxImageComponentPlane",
    "OfxImageEffectContext",
    "OfxImageEffectRender",
    "OfxParamType",
    "OfxInteractAction",
    "OfxHost",
];

/// Names of extensions outside OpenFX 1.5.1 that the host still spells.
const EXTENSIONS: &[&str] = &[
    // TuttleOFX's reader and writer contexts (`ofxReadWrite.h`, used by
    // Natron): `Context::Reader` and `Context::Writer`.
    "OfxImageEffectContextReader",
    "OfxImageEffectContextWriter",
    // Natron's parameter layout hint, an extension its headers spell in
    // OpenFX's namespace: the validator's test that such names are noted,
    // not failed.
    "OfxParamPropLayoutHint",
    // Sony Vegas's BGR pixel depths (`ofxSonyVegas.h`), a warning in
    // declared-formats.
    "OfxBitDepthByteBGR",
    "OfxBitDepthShortBGR",
    "OfxBitDepthFloatBGR",
];

fn known() -> BTreeSet<String> {
    let mut set = BTreeSet::new();
    for text in [
        ofx_sys::reference::CONSTANTS_TSV,
        ofx_sys::reference::PROPERTIES_TSV,
    ] {
        for line in text.lines() {
            for field in line.split('\t') {
                set.insert(field.trim().trim_matches('"').to_string());
            }
        }
    }
    set
}

/// Whether a literal on `line` sits where a constant cannot go.
fn pattern_line(line: &str) -> bool {
    let t = line.trim_start();
    t.contains("=>")
        || t.starts_with('|')
        || t.contains("matches!")
        || t.contains("// ofx-literal:")
}

fn literals(dir: &Path, out: &mut Vec<(String, String)>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            literals(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            let text = std::fs::read_to_string(&p).unwrap();
            for (i, _) in text.match_indices("\"Ofx") {
                let rest = &text[i + 1..];
                let end = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                if rest[end..].starts_with('"') {
                    let line_start = text[..i].rfind('\n').map_or(0, |n| n + 1);
                    let line_end = text[i..].find('\n').map_or(text.len(), |n| i + n);
                    let line = &text[line_start..line_end];
                    if line.trim_start().starts_with("//") {
                        continue;
                    }
                    let kind = if pattern_line(line) {
                        "pattern"
                    } else {
                        "code"
                    };
                    out.push((rest[..end].to_string(), format!("{}:{kind}", p.display())));
                }
            }
        }
    }
}

#[test]
fn every_ofx_literal_names_a_real_constant() {
    let known = known();
    let mut found = Vec::new();
    literals(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut found,
    );
    assert!(found.len() > 40, "the scan found {} literals", found.len());
    let bad: Vec<&(String, String)> = found
        .iter()
        .filter(|(s, _)| {
            !known.contains(s)
                && !PREFIXES.contains(&s.as_str())
                && !EXTENSIONS.contains(&s.as_str())
        })
        .collect();
    assert!(bad.is_empty(), "not OpenFX 1.5.1 names: {bad:?}");
}

#[test]
fn ofx_names_in_code_are_ofx_sys_constants() {
    let mut found = Vec::new();
    literals(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut found,
    );
    let literal: Vec<&(String, String)> = found
        .iter()
        .filter(|(s, at)| {
            at.ends_with(":code")
                && !PREFIXES.contains(&s.as_str())
                && !EXTENSIONS.contains(&s.as_str())
        })
        .collect();
    assert!(
        literal.is_empty(),
        "spell these as ofx_str(ofx_sys::k...): {literal:?}"
    );
}
