//! Checks that the plugin survives a poorer host, its own errors, and many
//! instances.

use crate::error::status_name;
use crate::log::ViolationKind;
use crate::types::ofx_str;

use super::log_reading;
use super::scene::{self, Scene};
use super::support;
use super::{Env, Verdict};

/// The suites a host may leave out (interact, draw, dialog and OpenGL are
/// never provided by this host).
const OPTIONAL_SUITES: [(&str, i32); 6] = [
    (ofx_str(ofx_sys::kOfxMessageSuite), 1),
    (ofx_str(ofx_sys::kOfxMessageSuite), 2),
    (ofx_str(ofx_sys::kOfxProgressSuite), 1),
    (ofx_str(ofx_sys::kOfxProgressSuite), 2),
    (ofx_str(ofx_sys::kOfxTimeLineSuite), 1),
    (ofx_str(ofx_sys::kOfxParametricParameterSuite), 1),
];

/// `missing-optional-suite`: load, describe, instance and render on a host
/// without the optional suites (declining at load with
/// `kOfxStatErrMissingHostFeature` is allowed).
pub(crate) fn missing_optional_suites(env: &Env) -> Verdict {
    let mut cfg = env.options.host.clone();
    for (name, v) in OPTIONAL_SUITES {
        cfg = cfg.without_suite(name, v);
    }
    let names = "message V1/V2, progress V1/V2, timeline, parametric";
    let session = match support::open_with(env.target, cfg) {
        Ok(s) => s,
        Err(v) => return v,
    };
    let declined = match on_poor_host(env, &session, names) {
        Ok(v) => {
            support::log_left_after_unload(&session);
            return log_reading::with_host_log(session.log(), v);
        }
        Err(declined) => declined,
    };
    // The binary is held by one session at a time.
    drop(session);
    // Declining is fine only if the plugin loads on the full host.
    let full = support::with_plugin(env, |_, _| Verdict::pass(""));
    if full.outcome == super::Outcome::Pass {
        Verdict::pass(declined)
    } else {
        Verdict::not_applicable(format!(
            "the plugin does not load on the full host either: {}",
            full.evidence
        ))
    }
}

/// The verdict on the host without optional suites, or `Err` with the
/// evidence when the plugin declined to load there.
fn on_poor_host(
    env: &Env,
    session: &crate::driver::Session,
    names: &str,
) -> Result<Verdict, String> {
    let plugin = match session.plugin(env.target.plugin_id()) {
        Ok(p) => p,
        Err(crate::error::HostError::Action { action, status })
            if status == ofx_sys::kOfxStatErrMissingHostFeature =>
        {
            return Err(format!(
                "without {names}: {action} declined with kOfxStatErrMissingHostFeature{}",
                log_reading::missing_suites_note(session.log())
            ));
        }
        Err(e) => return Ok(Verdict::fail(format!("without {names}: {e}"))),
    };
    let scene = match Scene::choose_on(env, &plugin, session.config()) {
        Ok(s) => s,
        Err(v) => return Ok(v),
    };
    let mut inst = match scene.instance(&plugin) {
        Ok(i) => i,
        Err(v) => return Ok(Verdict::fail(format!("without {names}: {}", v.evidence))),
    };
    Ok(match scene.render(&mut inst, &scene.request()) {
        Ok(_) => Verdict::pass(format!(
            "without {names}: described, instantiated and rendered"
        )),
        Err(e) => Verdict::fail(format!("without {names}: render failed: {e}")),
    })
}

/// `errors-not-aborts`: actions given awkward input return a status, and
/// render returns OK or an error, never `kOfxStatReplyDefault`.
pub(crate) fn errors_not_aborts(env: &Env) -> Verdict {
    support::with_plugin(env, |session, plugin| {
        let mut seen = Vec::new();
        let mut problems = Vec::new();
        // An action no host sends: any status is fine, as long as one comes back.
        let st = plugin.call_action(
            c"org.openfx-rs.NoSuchAction",
            plugin.descriptor_handle(),
            None,
            None,
        );
        seen.push(format!("unknown action -> {}", status_name(st)));
        let scene = match Scene::choose(env, plugin) {
            Ok(s) => s,
            Err(v) => return v,
        };
        let mut inst = match scene.instance(plugin) {
            Ok(i) => i,
            Err(v) => return v,
        };
        // A normal render, then one whose inputs have no frame at that time,
        // then one the host asks to abort.
        let normal = scene.render(&mut inst, &scene.request());
        seen.push(format!("render -> {}", scene::outcome(&normal)));
        let late = crate::driver::RenderRequest {
            time: 1.0e6,
            ..scene.request()
        };
        let missing = scene.render(&mut inst, &late);
        seen.push(format!(
            "render with no input frame -> {}",
            scene::outcome(&missing)
        ));
        session.set_abort(true);
        let aborted = scene.render(&mut inst, &scene.request());
        session.set_abort(false);
        seen.push(format!(
            "render while aborting -> {}",
            scene::outcome(&aborted)
        ));
        for s in session
            .log()
            .action_statuses(ofx_str(ofx_sys::kOfxImageEffectActionRender))
        {
            if s == ofx_sys::kOfxStatReplyDefault {
                problems.push(
                    "render returned kOfxStatReplyDefault (it must return OK or an error)"
                        .to_string(),
                );
                break;
            }
        }
        problems.extend(log_reading::violations(
            session.log(),
            &[ViolationKind::BadStatus],
        ));
        if problems.is_empty() {
            Verdict::pass(seen.join("\n"))
        } else {
            problems.extend(seen);
            Verdict::fail(problems.join("\n"))
        }
    })
}

/// Resident memory of this process in bytes (Linux), for evidence.
fn resident_bytes() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = s.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * crate::guard_pages::page_size() as u64)
}

/// `instance-cycles`: many create/destroy cycles leave no host object,
/// image, memory or lock behind.
pub(crate) fn instance_cycles(env: &Env) -> Verdict {
    support::with_plugin(env, |session, plugin| {
        let ctx = match support::chosen_context(env, plugin, session.config()) {
            Ok(c) => c,
            Err(v) => return v,
        };
        if let Err(e) = plugin.describe_in_context(ctx) {
            return support::not_described(ctx, &e);
        }
        // One cycle first, so that lazily built host objects exist.
        if let Err(e) = plugin.create_instance(ctx) {
            return Verdict::fail(format!("create instance: {e}"));
        }
        let before = support::host_objects(session);
        let rss_before = resident_bytes();
        let n = env.options.cycles;
        for i in 0..n {
            if let Err(e) = plugin.create_instance(ctx) {
                return Verdict::fail(format!("cycle {i}: create instance: {e}"));
            }
        }
        let after = support::host_objects(session);
        let rss_after = resident_bytes();
        let mut problems = Vec::new();
        if after != before {
            problems.push(format!("host objects before {before}, after {after}"));
        }
        // Unlocking memory that is not locked has no effect (spec): not a leak.
        let l = crate::driver::Leaks {
            unbalanced_unlocks: 0,
            ..session.leaks()
        };
        if !l.is_clean() {
            problems.push(format!("leaks: {l:?}"));
        }
        problems.extend(log_reading::violations(
            session.log(),
            &[
                ViolationKind::LeakedImage,
                ViolationKind::LeakedMemory,
                ViolationKind::BadHandle,
            ],
        ));
        let fails = session
            .log()
            .action_statuses(ofx_str(ofx_sys::kOfxActionDestroyInstance))
            .iter()
            .filter(|s| !matches!(**s, ofx_sys::kOfxStatOK | ofx_sys::kOfxStatReplyDefault))
            .count();
        if fails > 0 {
            problems.push(format!("{fails} destroy-instance action(s) failed"));
        }
        let rss = match (rss_before, rss_after) {
            (Some(a), Some(b)) => {
                format!(
                    "; process resident memory {:+} KiB (the host's call log included)",
                    (b as i64 - a as i64) / 1024
                )
            }
            _ => String::new(),
        };
        Verdict::from_problems(
            problems,
            format!(
                "{n} cycles in {}; host objects unchanged ({before}){rss}",
                support::short_context(ctx)
            ),
        )
    })
}
