//! Checks of what the plugin declares: describe, describe-in-context,
//! property types, declared formats.

use crate::image::{Components, Depth};
use crate::log::ViolationKind;
use crate::types::Context;
use crate::types::ofx_str;

use super::log_reading;
use super::support::{self, short_context};
use super::{Env, Verdict};

/// Sony Vegas's pixel depths (`ofxSonyVegas.h`): BGR(A) byte, short and
/// float layouts a plugin may list for that host.
const VEGAS_DEPTHS: [&str; 3] = [
    "OfxBitDepthByteBGR",
    "OfxBitDepthShortBGR",
    "OfxBitDepthFloatBGR",
];

/// The clips a context requires (besides `Output`).
fn required_clips(context: Context) -> &'static [&'static str] {
    match context {
        Context::Filter | Context::Paint | Context::Retimer => &["Source"],
        Context::Transition => &["SourceFrom", "SourceTo"],
        _ => &[],
    }
}

/// `describe`: load, describe and describe-in-context in every declared
/// context the host offers; each context has its required clips.
pub(crate) fn describe(env: &Env) -> Verdict {
    support::with_plugin(env, |session, plugin| {
        let contexts = plugin.context_names();
        if contexts.is_empty() {
            return Verdict::fail(
                "describe declared no context (OfxImageEffectPropSupportedContexts is empty)",
            );
        }
        let mut problems = Vec::new();
        let mut declined = Vec::new();
        let mut failed = false;
        let mut done = Vec::new();
        let mut skipped = Vec::new();
        for name in &contexts {
            let Some(ctx) = Context::parse(name).filter(|c| env.options.host.supports_context(*c))
            else {
                skipped.push(support::short_context_name(name));
                continue;
            };
            match plugin.describe_in_context(ctx) {
                Err(e) if support::declined(&e) => declined.push(short_context(ctx)),
                Err(e) => {
                    failed = true;
                    problems.push(format!("{}: {e}", short_context(ctx)));
                }
                Ok(info) => {
                    let names: Vec<&str> = info.clips.iter().map(|(n, _)| n.as_str()).collect();
                    for need in std::iter::once(&"Output").chain(required_clips(ctx)) {
                        if !names.contains(need) {
                            problems.push(format!(
                                "{}: no '{need}' clip (clips: {})",
                                short_context(ctx),
                                names.join(", ")
                            ));
                        }
                    }
                    done.push(format!("{} ({})", short_context(ctx), names.join(", ")));
                }
            }
        }
        let looked_for = log_reading::refused_extension_reads(session.log());
        if failed && !looked_for.is_empty() {
            // Not evidence of a cause, but where to look: a plugin that
            // needs one of these should decline with
            // kOfxStatErrMissingHostFeature (then the checks are n/a).
            problems.push(format!(
                "note: the plugin asked this host for properties OpenFX 1.5.1 does not define, which it lacks: {}",
                log_reading::first_lines(&looked_for, 12).replace('\n', ", ")
            ));
        }
        let mut ok = format!("described in {}", done.join("; "));
        if !skipped.is_empty() {
            ok.push_str(&format!(
                "\nnot offered by this host: {}",
                skipped.join(", ")
            ));
        }
        if !declined.is_empty() {
            let note = format!(
                "declined by the plugin with kOfxStatErrMissingHostFeature (this host lacks a feature it needs there): {}",
                declined.join(", ")
            );
            if done.is_empty() && problems.is_empty() {
                return Verdict::not_applicable(note);
            }
            ok.push_str(&format!("\n{note}"));
        }
        Verdict::from_problems(problems, ok)
    })
}

/// `describe-property-types`: no property write refused during describe
/// and describe-in-context; labels and required lists present.
pub(crate) fn property_types(env: &Env) -> Verdict {
    support::with_plugin(env, |session, plugin| {
        for ctx in plugin.contexts() {
            if env.options.host.supports_context(ctx) {
                let _ = plugin.describe_in_context(ctx);
            }
        }
        let mut problems = log_reading::refused_property_writes(session.log());
        problems.extend(log_reading::violations(
            session.log(),
            &[
                ViolationKind::HostOnlyPropertyWrite,
                ViolationKind::BadHandle,
            ],
        ));
        let d = plugin.descriptor();
        let label = d
            .get_string(ofx_str(ofx_sys::kOfxPropLabel), 0)
            .unwrap_or_default();
        if label.is_empty() {
            problems.push("OfxPropLabel is not set".into());
        }
        if d.get_string_n(ofx_str(ofx_sys::kOfxImageEffectPropSupportedPixelDepths))
            .unwrap_or_default()
            .is_empty()
        {
            problems.push("OfxImageEffectPropSupportedPixelDepths is empty".into());
        }
        let writes = session
            .log()
            .suite_calls()
            .iter()
            .filter(|c| {
                c.suite == ofx_str(ofx_sys::kOfxPropertySuite) && c.function.starts_with("propSet")
            })
            .count();
        let (undocumented, elsewhere) = log_reading::unknown_property_writes(session.log());
        let mut ok = if undocumented.is_empty() && elsewhere.is_empty() {
            format!("{writes} property writes, all accepted; label \"{label}\"")
        } else {
            format!("{writes} property writes; label \"{label}\"")
        };
        if !undocumented.is_empty() {
            ok.push_str(&format!(
                "\nnote: refused with kOfxStatErrUnknown, as a host may, properties OpenFX 1.5.1 does not define (other hosts' extensions): {}",
                undocumented.join(", ")
            ));
        }
        if !elsewhere.is_empty() {
            ok.push_str(&format!(
                "\nnote: refused with kOfxStatErrUnknown, as a host may, OpenFX properties written to a set OpenFX does not give them (other hosts accept more): {}",
                elsewhere.join(", ")
            ));
        }
        Verdict::from_problems(problems, ok)
    })
}

/// `declared-formats`: contexts, depths and components are OFX values, and
/// the host can use at least one of each.
pub(crate) fn declared_formats(env: &Env) -> Verdict {
    support::with_plugin(env, |_, plugin| {
        let cfg = &env.options.host;
        let d = plugin.descriptor();
        let mut problems = Vec::new();
        const CONTEXTS: [&str; 6] = [
            ofx_str(ofx_sys::kOfxImageEffectContextFilter),
            ofx_str(ofx_sys::kOfxImageEffectContextGeneral),
            ofx_str(ofx_sys::kOfxImageEffectContextGenerator),
            ofx_str(ofx_sys::kOfxImageEffectContextTransition),
            ofx_str(ofx_sys::kOfxImageEffectContextPaint),
            ofx_str(ofx_sys::kOfxImageEffectContextRetimer),
        ];
        let contexts = plugin.context_names();
        let mut other_contexts = Vec::new();
        for c in &contexts {
            if CONTEXTS.contains(&c.as_str()) || Context::parse(c).is_some() {
                continue;
            }
            if c.starts_with("OfxImageEffectContext") {
                // OpenFX's own namespace: most likely misspelt.
                problems.push(format!("unknown context {c:?}"));
            } else {
                // Another host's (Natron's tracker context): never offered
                // here, and legal to declare.
                other_contexts.push(c.clone());
            }
        }
        let depths = d
            .get_string_n(ofx_str(ofx_sys::kOfxImageEffectPropSupportedPixelDepths))
            .unwrap_or_default();
        let mut other_depths = Vec::new();
        for s in &depths {
            if VEGAS_DEPTHS.contains(&s.as_str()) {
                // Sony Vegas's BGR depths (ofxSonyVegas.h), spelt in
                // OpenFX's namespace: another host's, never offered here.
                other_depths.push(s.clone());
            } else if Depth::from_ofx_name(s).is_none() && s != ofx_str(ofx_sys::kOfxBitDepthNone) {
                problems.push(format!("unknown pixel depth {s:?}"));
            }
        }
        let usable = support::usable_depths(plugin, cfg);
        if usable.is_empty() {
            problems.push(format!(
                "no declared depth is one this host renders ({depths:?})"
            ));
        }
        let mut comps_seen = Vec::new();
        let mut extensions: Vec<String> = Vec::new();
        for ctx in contexts
            .iter()
            .filter_map(|c| Context::parse(c))
            .filter(|c| cfg.supports_context(*c))
        {
            let Ok(info) = plugin.describe_in_context(ctx) else {
                continue;
            };
            for (clip, p) in &info.clips {
                let comps = p
                    .get_string_n(ofx_str(ofx_sys::kOfxImageEffectPropSupportedComponents))
                    .unwrap_or_default();
                if comps.is_empty() {
                    problems.push(format!(
                        "{}: clip '{clip}' declares no components",
                        short_context(ctx)
                    ));
                }
                for s in &comps {
                    let known = Components::from_ofx_name(s).is_some()
                        || matches!(
                            s.as_str(),
                            "OfxImageComponentNone" // ofx-literal: a pattern
                                | "OfxImageComponentYUVA"
                                | "uk.co.thefoundry.OfxImageComponentMotionVectors"
                                | "uk.co.thefoundry.OfxImageComponentStereoDisparity"
                        )
                        || s.starts_with("OfxImageComponentPlane");
                    if !known && s.starts_with("OfxImageComponent") {
                        // OpenFX's own namespace: most likely misspelt.
                        problems.push(format!(
                            "{}: clip '{clip}' declares unknown components {s:?}",
                            short_context(ctx)
                        ));
                    } else if !known && !extensions.contains(s) {
                        // Another host's components (Natron's
                        // `NatronOfxImageComponentXY`): this host never
                        // offers them, and that is legal.
                        extensions.push(s.clone());
                    }
                    if !comps_seen.contains(s) {
                        comps_seen.push(s.clone());
                    }
                }
            }
        }
        let short = |v: &[String], strip: &str| {
            v.iter()
                .map(|s| s.strip_prefix(strip).unwrap_or(s).to_string())
                .collect::<Vec<_>>()
                .join(",")
        };
        let mut ok = format!(
            "contexts {}; depths {}; components {}",
            short(&contexts, "OfxImageEffectContext"),
            short(&depths, "OfxBitDepth"),
            short(&comps_seen, "OfxImageComponent")
        );
        for (what, whose, names) in [
            ("contexts", "other hosts'", &other_contexts),
            ("pixel depths", "Sony Vegas's", &other_depths),
            ("components", "other hosts' extensions", &extensions),
        ] {
            if !names.is_empty() {
                ok.push_str(&format!(
                    "\nwarning: {what} OpenFX 1.5.1 does not define ({whose}, never offered here): {}",
                    names.join(", ")
                ));
            }
        }
        Verdict::from_problems(problems, ok)
    })
}
