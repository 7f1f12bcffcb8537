//! Checks that render beyond the one scene the other checks use: in every
//! context the plugin declares, and with parameters varied across their
//! ranges.
//!
//! Each render gets a new instance and counts as failed on an error
//! status, on non-finite output pixels, or on a rule violation the host
//! logs while it runs; the evidence names the context or parameter value.

use crate::driver::{Plugin, Session};
use crate::types::Context;

use super::support::{self, Scene, first_lines, fold_repeats, short_context};
use super::{Env, Verdict, announce_step};

/// Renders `scene` once in a new instance. Gives a one-line summary, or
/// what went wrong: the error, the count of NaN or infinite output values,
/// the violations the host logged meanwhile (one per line).
fn render_checked(session: &Session, plugin: &Plugin, scene: &Scene) -> Result<String, String> {
    let before = session.log().violations().len();
    let rendered = render_finite(plugin, scene);
    let logged: Vec<String> = session
        .log()
        .violations()
        .into_iter()
        .skip(before)
        .map(|v| format!("{:?}: {}", v.kind, v.detail))
        .collect();
    let logged = if logged.is_empty() {
        String::new()
    } else {
        format!(
            "the host logged {} rule violation(s):\n{}",
            logged.len(),
            first_lines(&fold_repeats(&logged), 4)
        )
    };
    match rendered {
        Err(e) if logged.is_empty() => Err(e),
        Err(e) => Err(format!("{e}; {logged}")),
        Ok(_) if !logged.is_empty() => Err(logged),
        Ok(s) => Ok(s),
    }
}

/// One render of `scene` in a new instance (dropped before returning),
/// its output checked for finite values.
fn render_finite(plugin: &Plugin, scene: &Scene) -> Result<String, String> {
    let mut inst = scene.instance(plugin).map_err(|v| v.evidence)?;
    let out = scene
        .render(&mut inst, &scene.request())
        .map_err(|e| format!("render failed: {e}"))?;
    let px = out.to_rgba_f32();
    let bad = px
        .iter()
        .filter(|p| p.iter().any(|v| !v.is_finite()))
        .count();
    if bad > 0 {
        return Err(format!(
            "{bad} of {} output pixels are NaN or infinite",
            px.len()
        ));
    }
    Ok(scene.describe())
}

/// `render-every-context`: one render at default parameters (and the
/// run's parameter values) in each context the plugin declares and this
/// host offers.
pub(crate) fn render_every_context(env: &Env) -> Verdict {
    support::with_plugin(env, |session, plugin| {
        let config = &env.options.host;
        let (offered, not_offered): (Vec<Context>, Vec<Context>) = plugin
            .contexts()
            .into_iter()
            .partition(|c| config.supports_context(*c));
        let skipped = if not_offered.is_empty() {
            String::new()
        } else {
            let names: Vec<String> = not_offered.into_iter().map(short_context).collect();
            format!(" (not offered by this host: {})", names.join(", "))
        };
        if offered.is_empty() {
            return Verdict::not_applicable(format!(
                "no declared context is offered by this host{skipped}"
            ));
        }
        let mut done = Vec::new();
        let mut problems = Vec::new();
        for context in offered {
            let name = short_context(context);
            announce_step(&format!("render in context {name}"));
            let scene = match Scene::in_context(env, plugin, config, context) {
                Ok(s) => s,
                Err(v) => {
                    problems.push(in_context(&name, &v.evidence));
                    continue;
                }
            };
            match render_checked(session, plugin, &scene) {
                Ok(s) => done.push(s),
                Err(e) => problems.push(in_context(&name, &e)),
            }
        }
        if problems.is_empty() {
            Verdict::pass(format!("rendered in {}{skipped}", done.join("; ")))
        } else {
            Verdict::fail(problems.join("\n"))
        }
    })
}

/// `what`, led by the context's name unless it already starts with it.
fn in_context(name: &str, what: &str) -> String {
    if what.starts_with(&format!("{name}: ")) {
        what.to_string()
    } else {
        format!("{name}: {what}")
    }
}
