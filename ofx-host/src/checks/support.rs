//! Helpers shared by the checks: opening the target, choosing a context,
//! reading the plugin's declarations, and summarising the log.

use std::sync::Arc;

use ofx_sys::{OfxPointD, OfxRectD, OfxRectI};

use crate::driver::{
    FrameSource, HostConfig, InputLayout, Instance, OutputLayout, Plugin, RenderRequest, Session,
};
use crate::error::status_name;
use crate::image::{Components, Depth, ImageBuffer, Layout, intersect};
use crate::log::{Log, SuiteCall, ViolationKind};
use crate::props::{PropType, property_shape};
use crate::types::Context;
use crate::types::ofx_str;

use super::{Env, Target, Verdict};

/// Opens a session on the target with `config`.
pub(crate) fn open_with(target: &Target, config: HostConfig) -> Result<Session, Verdict> {
    let s = match target {
        Target::Bundle { path, .. } => Session::load_bundle(path, config),
        Target::InProcess {
            get_plugin,
            count,
            set_host,
            ..
        } => Session::in_process(*get_plugin, *count, *set_host, config),
    };
    s.map_err(|e| Verdict::fail(format!("cannot open {}: {e}", target.describe())))
}

/// Opens a session with the run's host, loads and describes the plugin, and
/// runs `f` on it.
pub(crate) fn with_plugin(env: &Env, f: impl FnOnce(&Session, &Plugin) -> Verdict) -> Verdict {
    with_plugin_on(env, env.options.host.clone(), f)
}

/// As [`with_plugin`], on another host.
pub(crate) fn with_plugin_on(
    env: &Env,
    config: HostConfig,
    f: impl FnOnce(&Session, &Plugin) -> Verdict,
) -> Verdict {
    let session = match open_with(env.target, config) {
        Ok(s) => s,
        Err(v) => return v,
    };
    let plugin = match session.plugin(env.target.plugin_id()) {
        Ok(p) => p,
        // The spec's way for a plugin to say this host lacks what it needs
        // (overlays, OpenGL...): a host limitation, not the plugin's fault.
        Err(crate::error::HostError::Action { action, status })
            if status == ofx_sys::kOfxStatErrMissingHostFeature =>
        {
            return Verdict::not_applicable(format!(
                "the plugin needs a feature this host lacks: it declined {action} with \
                 kOfxStatErrMissingHostFeature{}",
                missing_suites_note(session.log())
            ));
        }
        Err(e) => {
            return Verdict::fail(format!(
                "load/describe failed: {e}{}",
                missing_suites_note(session.log())
            ));
        }
    };
    let verdict = f(&session, &plugin);
    // Unloading may log too (memory an instance never freed).
    drop(plugin);
    log_left_after_unload(&session);
    with_host_log(session.log(), verdict)
}

/// Logs the memory still allocated once the plugin is unloaded (which the
/// session would log only when it is dropped, after the check has read its
/// log): image memory of no instance and memory-suite blocks.
pub(crate) fn log_left_after_unload(session: &Session) {
    let l = session.leaks();
    if l.image_memory_live > 0 {
        session.log().violation(
            ViolationKind::LeakedMemory,
            format!(
                "{} image memory block(s) still allocated after unload",
                l.image_memory_live
            ),
        );
    }
    if l.memory_live > 0 {
        session.log().violation(
            ViolationKind::LeakedMemory,
            format!(
                "{} memory-suite block(s) still allocated after unload",
                l.memory_live
            ),
        );
    }
}

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

/// The context to test in: filter, then general, then any other the plugin
/// declares and the host offers.
pub(crate) fn pick_context(plugin: &Plugin, config: &HostConfig) -> Option<Context> {
    let declared = plugin.contexts();
    let preferred = [
        Context::Filter,
        Context::General,
        Context::Transition,
        Context::Generator,
    ];
    let usable: Vec<Context> = preferred
        .into_iter()
        .chain(declared.iter().copied())
        .filter(|c| declared.contains(c) && config.supports_context(*c))
        .collect();
    // A context the plugin declines for want of a host feature is the last
    // choice.
    usable
        .iter()
        .copied()
        .find(|c| !plugin.describe_in_context(*c).as_ref().is_err_and(declined))
        .or_else(|| usable.first().copied())
}

/// The verdict of a check that needs `context` when the plugin cannot be
/// described in it: not applicable, since the `describe` check reports it
/// (as a failure, or as a context declined for want of a host feature).
pub(crate) fn not_described(context: Context, e: &crate::error::HostError) -> Verdict {
    Verdict::not_applicable(if declined(e) {
        format!(
            "the plugin declines the {} context with kOfxStatErrMissingHostFeature: \
             this host lacks a feature it needs there",
            short_context(context)
        )
    } else {
        format!(
            "cannot describe in {} (see the describe check): {e}",
            short_context(context)
        )
    })
}

/// Whether the plugin declined an action with
/// `kOfxStatErrMissingHostFeature`: the spec's way to say this host lacks a
/// feature it needs (in describe-in-context: "the context will be ignored
/// by the host").
pub(crate) fn declined(e: &crate::error::HostError) -> bool {
    matches!(e, crate::error::HostError::Action { status, .. }
        if *status == ofx_sys::kOfxStatErrMissingHostFeature)
}

/// The context the run asked for ([`Options::context`](super::Options::context)),
/// or else [`pick_context`]'s. A context the plugin does not declare fails;
/// one it declares that this host does not offer is not applicable.
pub(crate) fn chosen_context(
    env: &Env,
    plugin: &Plugin,
    config: &HostConfig,
) -> Result<Context, Verdict> {
    let Some(c) = env.options.context else {
        return pick_context(plugin, config)
            .ok_or_else(|| Verdict::not_applicable("no declared context is offered by this host"));
    };
    let declared = plugin.contexts();
    if !declared.contains(&c) {
        let names: Vec<String> = declared.into_iter().map(short_context).collect();
        return Err(Verdict::fail(format!(
            "the plugin does not declare the context '{}' asked for (it declares {})",
            short_context(c),
            if names.is_empty() {
                "none".to_string()
            } else {
                names.join(", ")
            }
        )));
    }
    if !config.supports_context(c) {
        return Err(Verdict::not_applicable(format!(
            "this host does not offer the context '{}' asked for",
            short_context(c)
        )));
    }
    Ok(c)
}

/// The short name of a context (`filter` for `OfxImageEffectContextFilter`).
pub(crate) fn short_context(c: Context) -> String {
    short_context_name(c.ofx_name())
}

/// The short name of a context as a plugin spelled it.
pub(crate) fn short_context_name(c: &str) -> String {
    c.strip_prefix("OfxImageEffectContext")
        .unwrap_or(c)
        .to_ascii_lowercase()
}

/// The depths the plugin declares that the host supports, in
/// [`Depth::ALL`] order.
pub(crate) fn usable_depths(plugin: &Plugin, config: &HostConfig) -> Vec<Depth> {
    let declared = plugin
        .descriptor()
        .get_string_n(ofx_str(ofx_sys::kOfxImageEffectPropSupportedPixelDepths))
        .unwrap_or_default();
    Depth::ALL
        .into_iter()
        .filter(|d| {
            config.depths.contains(d)
                && declared
                    .iter()
                    .any(|s| s.as_bytes() == d.ofx_name().to_bytes())
        })
        .collect()
}

/// The component types a clip declares (`kOfxImageEffectPropSupportedComponents`)
/// that the host supports, in [`Components::ALL`] order (RGBA first).
fn clip_components(clip: &crate::props::PropertySet, config: &HostConfig) -> Vec<Components> {
    let declared = clip
        .get_string_n(ofx_str(ofx_sys::kOfxImageEffectPropSupportedComponents))
        .unwrap_or_default();
    Components::ALL
        .into_iter()
        .filter(|c| {
            config.components.contains(c)
                && declared
                    .iter()
                    .any(|s| s.as_bytes() == c.ofx_name().to_bytes())
        })
        .collect()
}

/// Whether a clip is optional (`kOfxImageClipPropOptional`).
fn is_optional(clip: &crate::props::PropertySet) -> bool {
    clip.get_int(ofx_str(ofx_sys::kOfxImageClipPropOptional), 0)
        .unwrap_or(0)
        != 0
}

/// The components a scene renders in, and those of each input clip.
///
/// The main components are the first ones (RGBA first) that the output
/// and every mandatory input accept; an optional input that does not
/// accept them (an Alpha-only mask beside RGBA clips) gets its own first
/// accepted components instead, so that it does not force every other
/// clip to its type. `None` when no main type exists, or an optional
/// input accepts nothing the host supports.
pub(crate) fn scene_components(
    clips: &[(String, crate::props::PropertySet)],
    config: &HostConfig,
) -> Option<(Components, Vec<Components>)> {
    let main = Components::ALL.into_iter().find(|c| {
        clips
            .iter()
            .filter(|(n, p)| n == "Output" || !is_optional(p))
            .all(|(_, p)| clip_components(p, config).contains(c))
    })?;
    let inputs = clips
        .iter()
        .filter(|(n, _)| n != "Output")
        .map(|(_, p)| {
            let accepted = clip_components(p, config);
            if accepted.contains(&main) {
                Some(main)
            } else {
                accepted.first().copied()
            }
        })
        .collect::<Option<Vec<_>>>()?;
    Some((main, inputs))
}

/// The optional input clips of a context, in definition order.
pub(crate) fn optional_inputs(clips: &[(String, crate::props::PropertySet)]) -> Vec<String> {
    clips
        .iter()
        .filter(|(n, p)| n != "Output" && is_optional(p))
        .map(|(n, _)| n.clone())
        .collect()
}

/// The plugin's declared render thread safety.
pub(crate) fn thread_safety(plugin: &Plugin) -> String {
    plugin
        .descriptor()
        .get_string(ofx_str(ofx_sys::kOfxImageEffectPluginRenderThreadSafety), 0)
        .unwrap_or_else(|_| ofx_str(ofx_sys::kOfxImageEffectRenderInstanceSafe).into())
}

/// Whether the plugin declares tile support.
pub(crate) fn supports_tiles(plugin: &Plugin) -> bool {
    plugin
        .descriptor()
        .get_int(ofx_str(ofx_sys::kOfxImageEffectPropSupportsTiles), 0)
        .unwrap_or(1)
        != 0
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

// ------------------------------------------------------------------ scenes

/// Input frames for one clip: the same picture at every time inside the
/// project's frame range, nothing outside it.
struct Frames {
    image: Arc<ImageBuffer>,
    range: (f64, f64),
}

impl FrameSource for Frames {
    fn frame(&self, time: f64) -> Option<Arc<ImageBuffer>> {
        (time >= self.range.0 && time <= self.range.1).then(|| self.image.clone())
    }
}

/// What a pixel check renders: a context, a depth and components, and one
/// test picture per input clip over `frame`.
#[derive(Clone, Debug)]
pub(crate) struct Scene {
    /// The context.
    pub context: Context,
    /// Depth of the input pictures.
    pub depth: Depth,
    /// Components of the output, and of every input that accepts them.
    pub components: Components,
    /// Input clips (every clip but `Output`), in definition order.
    pub inputs: Vec<String>,
    /// Components of each input's picture, in the order of `inputs`
    /// (see [`scene_components`]).
    pub input_components: Vec<Components>,
    /// Optional inputs among `inputs`.
    pub optional: Vec<String>,
    /// Inputs left disconnected in this scene (optional ones only).
    pub disconnected: Vec<String>,
    /// The frame the input pictures cover, in pixels at scale 1.
    pub frame: OfxRectI,
    /// The project's first frame.
    pub time: f64,
    range: (f64, f64),
    /// Parameter values set on each new instance, `(name, text)`.
    pub params: Vec<(String, String)>,
}

impl Scene {
    /// A scene for the run's host, in the preferred context, at the deepest
    /// usable depth, RGBA if every clip takes it.
    pub(crate) fn choose(env: &Env, plugin: &Plugin) -> Result<Scene, Verdict> {
        Scene::choose_on(env, plugin, &env.options.host)
    }

    /// As [`Scene::choose`] for another host.
    pub(crate) fn choose_on(
        env: &Env,
        plugin: &Plugin,
        config: &HostConfig,
    ) -> Result<Scene, Verdict> {
        let context = chosen_context(env, plugin, config)?;
        Scene::in_context(env, plugin, config, context)
    }

    /// As [`Scene::choose_on`], in `context`.
    pub(crate) fn in_context(
        env: &Env,
        plugin: &Plugin,
        config: &HostConfig,
        context: Context,
    ) -> Result<Scene, Verdict> {
        let info = plugin
            .describe_in_context(context)
            .map_err(|e| not_described(context, &e))?;
        let depth = *usable_depths(plugin, config)
            .last()
            .ok_or_else(|| Verdict::not_applicable("no declared depth is one this host renders"))?;
        let (components, input_components) =
            scene_components(&info.clips, config).ok_or_else(|| {
                Verdict::not_applicable(
                    "no component type the output and every mandatory input accept",
                )
            })?;
        let (w, h) = env.options.size;
        Ok(Scene {
            context,
            depth,
            components,
            inputs: info
                .clips
                .iter()
                .map(|(n, _)| n.clone())
                .filter(|n| n != "Output")
                .collect(),
            input_components,
            optional: optional_inputs(&info.clips),
            disconnected: Vec::new(),
            frame: OfxRectI {
                x1: 0,
                y1: 0,
                x2: w.max(1),
                y2: h.max(1),
            },
            time: config.project.frame_range.0,
            range: config.project.frame_range,
            params: env.options.params.clone(),
        })
    }

    /// The same scene at another depth.
    pub(crate) fn at_depth(&self, depth: Depth) -> Scene {
        Scene {
            depth,
            ..self.clone()
        }
    }

    /// The same scene moved by (dx, dy) pixels.
    pub(crate) fn translated(&self, dx: i32, dy: i32) -> Scene {
        Scene {
            frame: super::layouts::translate(self.frame, dx, dy),
            ..self.clone()
        }
    }

    /// `filter, f32 rgba, 64x48 at (0,0)`.
    /// (Inputs in other components, and disconnected inputs, follow:
    /// `filter, u8 rgba (Mask: alpha), 64x48 at (0,0), Mask disconnected`.)
    pub(crate) fn describe(&self) -> String {
        let others: Vec<String> = self
            .inputs
            .iter()
            .zip(&self.input_components)
            .filter(|(n, c)| **c != self.components && !self.disconnected.contains(n))
            .map(|(n, c)| format!("{n}: {c}"))
            .collect();
        let others = if others.is_empty() {
            String::new()
        } else {
            format!(" ({})", others.join(", "))
        };
        let gone = if self.disconnected.is_empty() {
            String::new()
        } else {
            format!(", {} disconnected", self.disconnected.join(" and "))
        };
        format!(
            "{}, {} {}{others}, {}x{} at ({},{}){gone}",
            short_context(self.context),
            self.depth,
            self.components,
            self.frame.x2 - self.frame.x1,
            self.frame.y2 - self.frame.y1,
            self.frame.x1,
            self.frame.y1
        )
    }

    /// The same scene with input pictures covering `frame` (their regions
    /// of definition) instead.
    pub(crate) fn with_frame(&self, frame: OfxRectI) -> Scene {
        Scene {
            frame,
            ..self.clone()
        }
    }

    /// The same scene with the optional inputs `clips` disconnected.
    pub(crate) fn without(&self, clips: &[String]) -> Scene {
        Scene {
            disconnected: clips.to_vec(),
            ..self.clone()
        }
    }

    /// The test picture of input number `i`.
    pub(crate) fn picture(&self, i: usize) -> ImageBuffer {
        let components = self
            .input_components
            .get(i)
            .copied()
            .unwrap_or(self.components);
        ImageBuffer::from_fn(
            Layout::packed(self.frame, self.depth, components),
            super::layouts::pattern(i as u32 + 1),
        )
    }

    /// The test picture of input clip `clip`, if it is one.
    pub(crate) fn picture_of(&self, clip: &str) -> Option<ImageBuffer> {
        let i = self.inputs.iter().position(|c| c == clip)?;
        Some(self.picture(i))
    }

    /// A new instance with every input connected, images laid out as
    /// `layout`, and the scene's parameter values set.
    pub(crate) fn instance_with<'p>(
        &self,
        plugin: &'p Plugin,
        layout: InputLayout,
    ) -> Result<Instance<'p>, Verdict> {
        let mut inst = plugin.create_instance(self.context).map_err(|e| {
            Verdict::fail(format!(
                "create instance in {}: {e}",
                short_context(self.context)
            ))
        })?;
        for (i, clip) in self.inputs.iter().enumerate() {
            if self.disconnected.contains(clip) {
                continue;
            }
            let frames = Frames {
                image: Arc::new(self.picture(i)),
                range: self.range,
            };
            inst.connect_with(clip, frames, layout)
                .map_err(|e| Verdict::fail(format!("connect '{clip}': {e}")))?;
        }
        for (name, text) in &self.params {
            inst.set_param_text(name, text).map_err(|e| {
                Verdict::fail(format!(
                    "{}: cannot set parameter value {name}={text}: {e}",
                    short_context(self.context)
                ))
            })?;
        }
        Ok(inst)
    }

    /// A new instance with every input connected, packed bottom-up images
    /// between guard pages.
    pub(crate) fn instance<'p>(&self, plugin: &'p Plugin) -> Result<Instance<'p>, Verdict> {
        self.instance_with(plugin, input_layout())
    }

    /// The render window at `scale`: the frame, cut to the plugin's RoD
    /// when that overlaps it.
    pub(crate) fn window(&self, inst: &Instance, scale: f64) -> OfxRectI {
        let s = |v: i32, up: bool| {
            let f = f64::from(v) * scale;
            (if up { f.ceil() } else { f.floor() }) as i32
        };
        let frame = OfxRectI {
            x1: s(self.frame.x1, false),
            y1: s(self.frame.y1, false),
            x2: s(self.frame.x2, true),
            y2: s(self.frame.y2, true),
        };
        let Ok(rod) = inst.region_of_definition(self.time, point(scale)) else {
            return frame;
        };
        let rod_px = OfxRectI {
            x1: (rod.x1 * scale).floor().clamp(-1e9, 1e9) as i32,
            y1: (rod.y1 * scale).floor().clamp(-1e9, 1e9) as i32,
            x2: (rod.x2 * scale).ceil().clamp(-1e9, 1e9) as i32,
            y2: (rod.y2 * scale).ceil().clamp(-1e9, 1e9) as i32,
        };
        let w = intersect(frame, rod_px);
        if w.x2 > w.x1 && w.y2 > w.y1 { w } else { frame }
    }

    /// A whole-window render request at the scene's time, scale 1, one
    /// thread, the output between guard pages (the window is filled in by
    /// [`Scene::render`]).
    pub(crate) fn request(&self) -> RenderRequest {
        RenderRequest::at(self.time)
            .tiles(1, 1, 1)
            .output(output_layout())
    }

    /// Renders `req` (its window defaults to [`Scene::window`]).
    pub(crate) fn render(
        &self,
        inst: &mut Instance,
        req: &RenderRequest,
    ) -> Result<ImageBuffer, String> {
        let mut req = req.clone();
        if req.window.is_none() {
            let scale = req.scale.x;
            req.window = Some(self.window(inst, scale));
        }
        inst.render(&req).map_err(|e| e.to_string())
    }

    /// The RoD at `scale`.
    pub(crate) fn region_of_definition(
        &self,
        inst: &mut Instance,
        scale: f64,
    ) -> Result<OfxRectD, String> {
        inst.region_of_definition(self.time, point(scale))
            .map_err(|e| e.to_string())
    }

    /// The RoIs for the whole window at `scale` (canonical coordinates).
    pub(crate) fn regions_of_interest(
        &self,
        inst: &mut Instance,
        scale: f64,
    ) -> Result<std::collections::BTreeMap<String, OfxRectD>, String> {
        let w = self.window(inst, scale);
        let roi = OfxRectD {
            x1: f64::from(w.x1) / scale,
            y1: f64::from(w.y1) / scale,
            x2: f64::from(w.x2) / scale,
            y2: f64::from(w.y2) / scale,
        };
        inst.regions_of_interest(self.time, point(scale), roi)
            .map_err(|e| e.to_string())
    }

    /// isIdentity for the whole window at scale 1.
    pub(crate) fn is_identity(&self, inst: &mut Instance) -> Result<Option<(String, f64)>, String> {
        let w = self.window(inst, 1.0);
        inst.is_identity(self.time, point(1.0), w)
            .map_err(|e| e.to_string())
    }
}

/// Input images as the checks hand them out: packed, bottom-up, between
/// guard pages, so that a stray access anywhere ends the check's process
/// with a named diagnosis instead of corrupting memory.
pub(crate) fn input_layout() -> InputLayout {
    InputLayout {
        guard_pages: true,
        ..InputLayout::default()
    }
}

/// The output image as the checks lay it out (see [`input_layout`]).
pub(crate) fn output_layout() -> OutputLayout {
    OutputLayout {
        guard_pages: true,
        ..OutputLayout::default()
    }
}

/// (s, s).
pub(crate) fn point(s: f64) -> OfxPointD {
    OfxPointD { x: s, y: s }
}

/// `ok` or the error.
pub(crate) fn outcome<T>(r: &Result<T, String>) -> String {
    match r {
        Ok(_) => "ok".into(),
        Err(e) => e.clone(),
    }
}

/// Counts of this session's host objects (effects, clips, images, image
/// memory), to compare before and after many instance cycles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct HostObjects {
    effects: usize,
    clips: usize,
    images: usize,
    image_memory: usize,
}

impl std::fmt::Display for HostObjects {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} effects, {} clips, {} images, {} image memory blocks",
            self.effects, self.clips, self.images, self.image_memory
        )
    }
}

/// This session's live host objects.
pub(crate) fn host_objects(session: &Session) -> HostObjects {
    let st = crate::state::lock();
    let id = st
        .sessions
        .get(&session.host_properties_handle())
        .map(|s| s.id);
    let mine = |s: u64| Some(s) == id;
    HostObjects {
        effects: st.effects.iter().filter(|(_, e)| mine(e.session)).count(),
        clips: st.clips.iter().filter(|(_, c)| mine(c.session)).count(),
        images: st.images.values().filter(|i| mine(i.session)).count(),
        image_memory: st
            .image_memory
            .iter()
            .filter(|(_, m)| mine(m.session))
            .count(),
    }
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
