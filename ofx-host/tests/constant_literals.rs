//! Every `"Ofx..."` string literal in the host's sources is a real OpenFX
//! 1.5.1 constant value or property name from the in-repo reference tables
//! (or one of a few prefixes the code strips): a misspelt constant is an
//! answer no plugin understands. This found three such bugs.

use std::collections::BTreeSet;
use std::path::Path;

/// Literals that are prefixes or patterns, not whole constants.
const PREFIXES: &[&str] = &[
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
                    out.push((rest[..end].to_string(), p.display().to_string()));
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
    assert!(found.len() > 100, "the scan found {} literals", found.len());
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
