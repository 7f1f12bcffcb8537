//! What the host's log says about a check: the violations it logged, the
//! property writes it refused (misspellings, wrong types) and the names it
//! did not know, and how repeated lines fold for the evidence.

use crate::error::status_name;
use crate::log::{Log, SuiteCall, ViolationKind};
use crate::props::{PropType, property_shape};
use crate::types::ofx_str;

use super::Verdict;

/// `verdict`, failed if the host logged rule violations during the check
/// that its evidence does not already show: whatever the host logs as a
/// violation ends in a FAIL of the check it happened in (see "Everything
/// the host logs" in `docs/validator.md`). Spec-legal oddities are logged
/// as notes, not violations, and do not fail.
pub(crate) fn with_host_log(log: &Log, verdict: Verdict) -> Verdict {
    let shown: Vec<String> = verdict.evidence.lines().map(mask_hex).collect();
    let lines: Vec<String> = log
        .violations()
        .into_iter()
        .map(|v| format!("{:?}: {}", v.kind, v.detail))
        .filter(|l| {
            let m = mask_hex(l);
            !shown.iter().any(|s| s.contains(&m))
        })
        .collect();
    if lines.is_empty() {
        return verdict;
    }
    let listing = format!(
        "the host logged {} rule violation(s) during this check:\n{}",
        lines.len(),
        first_lines(&fold_repeats(&lines), 6)
    );
    match verdict.outcome {
        super::Outcome::Fail => Verdict::fail(format!("{}\n{listing}", verdict.evidence)),
        other => Verdict::fail(format!(
            "{listing}\n(the check itself: {} {})",
            other.label(),
            verdict.evidence
        )),
    }
}

/// `l` with every hexadecimal number (handles, addresses) written `0x?`.
fn mask_hex(l: &str) -> String {
    let mut out = String::with_capacity(l.len());
    let mut rest = l;
    while let Some(i) = rest.find("0x") {
        out.push_str(&rest[..i]);
        out.push_str("0x?");
        rest = rest[i + 2..].trim_start_matches(|c: char| c.is_ascii_hexdigit());
    }
    out.push_str(rest);
    out
}

/// `" (suites asked for and not provided: ...)"`, or nothing.
pub(crate) fn missing_suites_note(log: &Log) -> String {
    let mut missing: Vec<String> = log
        .suite_calls()
        .into_iter()
        .filter(|c| c.function == "fetchSuite" && c.status != ofx_sys::kOfxStatOK)
        .filter_map(|c| c.name)
        .collect();
    missing.dedup();
    if missing.is_empty() {
        String::new()
    } else {
        format!(
            " (suites asked for and not provided: {})",
            missing.join(", ")
        )
    }
}
/// The property writes the host refused that show a mistake, explained:
/// wrong type, index beyond the dimension, a host-only property, a bad
/// handle, or a name one or two letters away from a property OpenFX
/// documents (most likely misspelt). Writes refused only because the set
/// does not hold the property are left out: see [`unknown_property_writes`].
pub(crate) fn refused_property_writes(log: &Log) -> Vec<String> {
    refused_writes(log)
        .filter(|c| !is_tolerated(c))
        .map(|c| explain_refused(&c))
        .collect()
}

/// The writes the host refused with `kOfxStatErrUnknown` as the spec lets
/// it (the property is not in the set) and that show no mistake, as
/// `(names OpenFX does not document, documented names written to a set
/// that lacks them)`, each name once, sorted. The first are other hosts'
/// extensions (Nuke's `kFnOfx...`, Natron's `NatronOfx...`, and those of
/// Natron's headers spelt in OpenFX's own namespace, such as
/// `OfxParamPropLayoutHint`); the second are properties other hosts accept
/// in more sets than OpenFX lists (a hint on a clip). Not a failure; the
/// checks show them as notes.
pub(crate) fn unknown_property_writes(log: &Log) -> (Vec<String>, Vec<String>) {
    let (mut undocumented, mut elsewhere) = (Vec::new(), Vec::new());
    for c in refused_writes(log).filter(is_tolerated) {
        let Some(name) = c.name else { continue };
        if property_shape(&name).is_some() {
            elsewhere.push(name);
        } else {
            undocumented.push(name);
        }
    }
    for v in [&mut undocumented, &mut elsewhere] {
        v.sort();
        v.dedup();
    }
    (undocumented, elsewhere)
}

/// The properties OpenFX 1.5.1 does not define that the plugin asked this
/// host for and was refused (`kOfxStatErrUnknown`), each once, sorted:
/// the other hosts' features it looked for.
pub(crate) fn refused_extension_reads(log: &Log) -> Vec<String> {
    let mut names: Vec<String> = log
        .suite_calls()
        .into_iter()
        .filter(|c| {
            c.suite == ofx_str(ofx_sys::kOfxPropertySuite)
                && c.function.starts_with("propGet")
                && c.status == ofx_sys::kOfxStatErrUnknown
        })
        .filter_map(|c| c.name)
        .filter(|n| property_shape(n).is_none())
        .collect();
    names.sort();
    names.dedup();
    names
}

fn refused_writes(log: &Log) -> impl Iterator<Item = SuiteCall> {
    log.suite_calls().into_iter().filter(|c| {
        c.suite == ofx_str(ofx_sys::kOfxPropertySuite)
            && c.function.starts_with("propSet")
            && c.status != ofx_sys::kOfxStatOK
    })
}

/// A write refused as unknown that shows no mistake: of a name OpenFX does
/// not document (unless it is a near-miss of one it does), or of a
/// documented property of the right type to a set that lacks it.
fn is_tolerated(c: &SuiteCall) -> bool {
    let Some(name) = c.name.as_deref() else {
        return false;
    };
    if c.status != ofx_sys::kOfxStatErrUnknown {
        return false;
    }
    match property_shape(name) {
        None => misspelling_of(name).is_none(),
        Some((ty, _)) => written_type(c).is_none_or(|w| w == ty || ty == PropType::Polymorphic),
    }
}

/// The documented property `name` most likely misspells: one in OpenFX's
/// `Ofx` namespace that `name` matches but for case, or is at most two
/// single-letter edits from.
fn misspelling_of(name: &str) -> Option<&'static str> {
    if property_shape(name).is_some() || !name.to_ascii_lowercase().contains("ofx") {
        return None;
    }
    crate::props::property_names()
        .filter(|n| n.starts_with("Ofx") || n.starts_with("kOfx"))
        .map(|n| {
            (
                edit_distance(&name.to_ascii_lowercase(), &n.to_ascii_lowercase()),
                n,
            )
        })
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, n)| n)
}

/// Levenshtein distance between two ASCII strings.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// The type a `propSet...` call writes.
fn written_type(c: &SuiteCall) -> Option<PropType> {
    match c.function.trim_end_matches('N') {
        "propSetInt" => Some(PropType::Int),
        "propSetDouble" => Some(PropType::Double),
        "propSetString" => Some(PropType::String),
        "propSetPointer" => Some(PropType::Pointer),
        _ => None,
    }
}

fn explain_refused(c: &SuiteCall) -> String {
    let name = c.name.clone().unwrap_or_else(|| "(null name)".into());
    let written = written_type(c);
    let why = match (property_shape(&name), c.status) {
        (_, s) if s == ofx_sys::kOfxStatErrValue => "a host-only property".to_string(),
        (_, s) if s == ofx_sys::kOfxStatErrBadIndex => "index beyond its dimension".to_string(),
        (_, s) if s == ofx_sys::kOfxStatErrBadHandle => "a bad property set handle".to_string(),
        (Some((ty, _)), _) if written.is_some_and(|w| w != ty && ty != PropType::Polymorphic) => {
            format!("wrong type: it is {}", type_name(ty))
        }
        (None, _) => match misspelling_of(&name) {
            Some(n) => format!("unknown property (a misspelling of {n}?)"),
            None => "unknown property".to_string(),
        },
        (Some(_), _) => "not a property of this set".to_string(),
    };
    format!("{}({name}) -> {}: {why}", c.function, status_name(c.status))
}

fn type_name(t: PropType) -> &'static str {
    match t {
        PropType::Int => "an int",
        PropType::Double => "a double",
        PropType::String => "a string",
        PropType::Pointer => "a pointer",
        PropType::Polymorphic => "polymorphic",
    }
}

/// The violations of `kinds` in the log, one line each.
pub(crate) fn violations(log: &Log, kinds: &[ViolationKind]) -> Vec<String> {
    log.violations()
        .into_iter()
        .filter(|v| kinds.contains(&v.kind))
        .map(|v| format!("{:?}: {}", v.kind, v.detail))
        .collect()
}

/// `lines` with repeats folded: lines that differ only in hexadecimal
/// numbers (handles, addresses) are shown once, the first of them, with a
/// count.
pub(crate) fn fold_repeats(lines: &[String]) -> Vec<String> {
    let mut groups: Vec<(String, String, usize)> = Vec::new();
    for l in lines {
        let key = mask_hex(l);
        match groups.iter_mut().find(|(k, _, _)| *k == key) {
            Some(g) => g.2 += 1,
            None => groups.push((key, l.clone(), 1)),
        }
    }
    groups
        .into_iter()
        .map(|(_, first, n)| {
            if n > 1 {
                format!("{first} (and {} more like it)", n - 1)
            } else {
                first
            }
        })
        .collect()
}

/// At most `n` lines of `lines`, plus a count of the rest.
pub(crate) fn first_lines(lines: &[String], n: usize) -> String {
    let mut out: Vec<String> = lines.iter().take(n).cloned().collect();
    if lines.len() > n {
        out.push(format!("... and {} more", lines.len() - n));
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_hosts_properties_are_noted_and_misspelt_openfx_ones_fail() {
        let log = Log::default();
        let refused = |function: &'static str, name: &str| SuiteCall {
            suite: ofx_str(ofx_sys::kOfxPropertySuite),
            function,
            handle: 1,
            name: Some(name.to_string()),
            status: ofx_sys::kOfxStatErrUnknown,
        };
        log.suite_call(refused("propSetInt", "kFnOfxImageEffectCanTransform"));
        log.suite_call(refused("propSetInt", "kFnOfxImageEffectCanTransform"));
        // Natron's headers spell some extensions in OpenFX's namespace.
        log.suite_call(refused("propSetInt", "OfxParamPropLayoutHint"));
        // A documented property written to a set that lacks it (Natron's
        // clip hint), with the right type.
        let hint = ofx_str(ofx_sys::kOfxParamPropHint);
        log.suite_call(refused("propSetString", hint));
        // A misspelt standard property (one letter too many), and one in
        // the wrong case.
        let tiles = ofx_str(ofx_sys::kOfxImageEffectPropSupportsTiles);
        let misspelt = format!("{tiles}s");
        log.suite_call(refused("propSetInt", &misspelt));
        log.suite_call(refused("propSetInt", &tiles.to_ascii_lowercase()));
        // A documented property written with the wrong type.
        log.suite_call(refused("propSetDouble", hint));
        assert_eq!(
            unknown_property_writes(&log),
            (
                vec![
                    "OfxParamPropLayoutHint".to_string(),
                    "kFnOfxImageEffectCanTransform".to_string()
                ],
                vec![hint.to_string()]
            )
        );
        assert_eq!(
            refused_property_writes(&log),
            vec![
                format!(
                    "propSetInt({misspelt}) -> kOfxStatErrUnknown: unknown property (a misspelling of {tiles}?)"
                ),
                format!(
                    "propSetInt({}) -> kOfxStatErrUnknown: unknown property (a misspelling of {tiles}?)",
                    tiles.to_ascii_lowercase()
                ),
                format!("propSetDouble({hint}) -> kOfxStatErrUnknown: wrong type: it is a string"),
            ]
        );
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn logged_violations_fail_the_check_once() {
        use crate::log::ViolationKind;
        let log = Log::default();
        // Nothing logged: the verdict stands.
        assert_eq!(
            with_host_log(&log, Verdict::pass("fine")),
            Verdict::pass("fine")
        );
        // A note is not a violation.
        log.note("imageMemoryFree of 0x10 while locked: allowed");
        assert_eq!(
            with_host_log(&log, Verdict::not_applicable("n/a")),
            Verdict::not_applicable("n/a")
        );
        log.violation(ViolationKind::WrongAction, "clipGetImage of 0x1 in RoD");
        log.violation(ViolationKind::WrongAction, "clipGetImage of 0x2 in RoD");
        let v = with_host_log(&log, Verdict::pass("rendered"));
        assert_eq!(v.outcome, super::super::Outcome::Fail);
        assert_eq!(
            v.evidence,
            "the host logged 2 rule violation(s) during this check:\n\
             WrongAction: clipGetImage of 0x1 in RoD (and 1 more like it)\n\
             (the check itself: pass rendered)"
        );
        // A failure whose evidence already shows them (handles aside) is
        // left as it is.
        let shown = Verdict::fail("WrongAction: clipGetImage of 0x7 in RoD (and 1 more like it)");
        assert_eq!(with_host_log(&log, shown.clone()), shown);
    }

    #[test]
    fn repeats_differing_in_handles_fold() {
        let lines: Vec<String> = [
            "free(0x100000007) while locked",
            "free(0x200000007) while locked",
            "leak of 3 bytes",
            "free(0xabc) while locked",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(
            fold_repeats(&lines),
            vec![
                "free(0x100000007) while locked (and 2 more like it)".to_string(),
                "leak of 3 bytes".to_string()
            ]
        );
        let many: Vec<String> = (0..9).map(|i| format!("line {i}")).collect();
        let shown = first_lines(&many, 3);
        assert_eq!(shown, "line 0\nline 1\nline 2\n... and 6 more");
    }
}
