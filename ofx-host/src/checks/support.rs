//! Opening the target and reading what the plugin declares: sessions and
//! plugins for a check, the context to test in, the depths, components and
//! optional inputs its clips take, its threading and tiling, and the
//! session's live host objects.

use crate::driver::{HostConfig, Plugin, Session};
use crate::image::{Components, Depth};
use crate::log::ViolationKind;
use crate::types::Context;
use crate::types::ofx_str;

use super::log_reading::{missing_suites_note, with_host_log};
use super::{Env, Target, Verdict};

/// Why a check does not apply (`consequence` says what is missing) when
/// the plugin says it does not render on the CPU (`CPURenderSupported`
/// "false"): the host renders it on a GPU API instead, whole windows on
/// one thread, with no CPU render beside it.
pub(crate) fn no_cpu_render(plugin: &Plugin, consequence: &str) -> Option<String> {
    let p = ofx_str(ofx_sys::kOfxImageEffectPropCPURenderSupported);
    (plugin.descriptor().get_string(p, 0).ok()? == "false")
        .then(|| format!("the plugin does not render on the CPU ({p} is \"false\"): {consequence}"))
}

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
