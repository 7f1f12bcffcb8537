//! Checks of what the plugin borrows from the host: images and image memory.

use std::collections::HashMap;

use crate::error::status_name;
use crate::log::{Entry, ViolationKind};
use crate::types::ofx_str;

use super::log_reading;
use super::scene::Scene;
use super::support;
use super::{Env, Verdict};

/// Drives one instance through the actions that may fetch images or
/// allocate memory: RoD, RoI, isIdentity, a whole render and a tiled one.
fn exercise(
    env: &Env,
    session: &crate::driver::Session,
    plugin: &crate::driver::Plugin,
) -> Result<String, Verdict> {
    let scene = Scene::choose(env, plugin)?;
    let mut inst = scene.instance(plugin)?;
    let _ = scene.region_of_definition(&mut inst, 1.0);
    let _ = scene.regions_of_interest(&mut inst, 1.0);
    let _ = scene.is_identity(&mut inst);
    let whole = scene.render(&mut inst, &scene.request());
    let tiled = scene.render(&mut inst, &scene.request().tiles(2, 2, 1));
    drop(inst);
    let status = |r: &Result<_, String>| match r {
        Ok(_) => "ok".to_string(),
        Err(e) => e.clone(),
    };
    let _ = session;
    Ok(format!(
        "{}; render: {}; tiled render: {}",
        scene.describe(),
        status(&whole),
        status(&tiled)
    ))
}

/// `images-released`: every fetched image is released before its action
/// returns.
pub(crate) fn images_released(env: &Env) -> Verdict {
    support::with_plugin(env, |session, plugin| {
        let what = match exercise(env, session, plugin) {
            Ok(s) => s,
            Err(v) => return v,
        };
        let l = session.leaks();
        let mut problems = log_reading::violations(session.log(), &[ViolationKind::LeakedImage]);
        if problems.is_empty() && l.images_fetched != l.images_released {
            problems.push(format!(
                "{} image(s) fetched, {} released",
                l.images_fetched, l.images_released
            ));
        }
        if !problems.is_empty() {
            problems.insert(
                0,
                format!(
                    "{} of {} fetched image(s) not released",
                    l.images_fetched.saturating_sub(l.images_released),
                    l.images_fetched
                ),
            );
            return Verdict::fail(log_reading::first_lines(
                &log_reading::fold_repeats(&problems),
                6,
            ));
        }
        Verdict::pass(format!(
            "{} image(s) fetched, all released ({what})",
            l.images_fetched
        ))
    })
}

/// `inputs-unchanged`: no input image changes while the plugin holds it.
/// The host hashes the pixels of every input image it hands out and hashes
/// them again when the image is released (or released for the plugin at the
/// end of its action); a difference is an [`ViolationKind::InputWritten`]
/// violation, which this check reports.
pub(crate) fn inputs_unchanged(env: &Env) -> Verdict {
    support::with_plugin(env, |session, plugin| {
        let what = match exercise(env, session, plugin) {
            Ok(s) => s,
            Err(v) => return v,
        };
        let written = log_reading::violations(session.log(), &[ViolationKind::InputWritten]);
        if !written.is_empty() {
            return Verdict::fail(log_reading::first_lines(
                &log_reading::fold_repeats(&written),
                6,
            ));
        }
        Verdict::pass(format!(
            "{} image(s) fetched; every input hashed when handed out and when released, none changed ({what})",
            session.leaks().images_fetched
        ))
    })
}

/// `image-memory-freed`: every block of image memory is freed (at the
/// latest by the time its instance is destroyed). Freeing a block that is
/// still locked is legal (`imageMemoryFree` ignores outstanding locks), and
/// so is unlocking a block that is not locked (it has no effect): both are
/// notes in the evidence, not failures.
pub(crate) fn image_memory_freed(env: &Env) -> Verdict {
    support::with_plugin(env, |session, plugin| {
        let what = match exercise(env, session, plugin) {
            Ok(s) => s,
            Err(v) => return v,
        };
        let mut problems = Vec::new();
        let mut notes = Vec::new();
        // Replay the lock/unlock/free calls in order, per memory handle.
        let mut locks: HashMap<usize, (i64, usize, usize)> = HashMap::new();
        let mut calls = 0usize;
        for e in session.log().journal() {
            let Entry::Suite(c) = e else { continue };
            if c.suite != ofx_str(ofx_sys::kOfxImageEffectSuite)
                || !c.function.starts_with("imageMemory")
            {
                continue;
            }
            calls += 1;
            let ok = c.status == ofx_sys::kOfxStatOK;
            let entry = locks.entry(c.handle).or_insert((0, 0, 0));
            match c.function {
                "imageMemoryLock" if ok => {
                    entry.0 += 1;
                    entry.1 += 1;
                }
                "imageMemoryUnlock" => {
                    entry.2 += 1;
                    if entry.0 == 0 || !ok {
                        notes.push(format!(
                            "note: imageMemoryUnlock({:#x}) on memory that is not locked -> {} (no effect, as the spec allows)",
                            c.handle,
                            status_name(c.status)
                        ));
                    } else {
                        entry.0 -= 1;
                    }
                }
                "imageMemoryFree" if entry.0 > 0 => {
                    notes.push(format!(
                        "note: imageMemoryFree({:#x}) while still locked: {} lock(s), {} unlock(s) (the spec ignores the locks and frees it)",
                        c.handle, entry.1, entry.2
                    ));
                    locks.remove(&c.handle);
                }
                "imageMemoryFree" => {
                    locks.remove(&c.handle);
                }
                _ => {}
            }
        }
        let l = session.leaks();
        if l.image_memory_live > 0 {
            problems.push(format!(
                "{} image memory block(s) never freed ({} allocated, {} freed)",
                l.image_memory_live, l.image_memory_allocs, l.image_memory_frees
            ));
        }
        problems.extend(log_reading::violations(
            session.log(),
            &[ViolationKind::LeakedMemory],
        ));
        if problems.is_empty() {
            let mut ok = vec![format!(
                "{} allocation(s), all freed; {calls} image-memory call(s) ({what})",
                l.image_memory_allocs
            )];
            ok.extend(log_reading::fold_repeats(&notes));
            return Verdict::pass(ok.join("\n"));
        }
        Verdict::fail(log_reading::first_lines(
            &log_reading::fold_repeats(&problems),
            6,
        ))
    })
}

/// `host-threads`: a fully thread-safe plugin runs its parallel work on the
/// host's MultiThread suite when the host has a real one, so that the host
/// governs how many threads a frame uses: no thread the plugin started is
/// still alive after its renders.
///
/// The process's threads are listed before the first render and after the
/// last (Linux's `/proc/self/task`); the host's own threads are told apart
/// by their names. A thread that a plugin starts and ends within one render
/// is not seen; a pool it keeps is. The check needs a process of its own.
pub(crate) fn host_threads(env: &Env) -> Verdict {
    use crate::config::MultiThread;
    use crate::host_threads::{THREAD_NAME_PREFIX, process_threads};

    let workers = env.options.threads.max(2);
    let config = crate::config::HostConfig {
        multi_thread: MultiThread::Threads(workers),
        ..env.options.host.clone()
    };
    // Frames large enough for a plugin to spread them over threads.
    let (w, h) = env.options.size;
    let options = super::Options {
        size: (w.max(512), h.max(512)),
        ..env.options.clone()
    };
    let env = Env {
        target: env.target,
        options: &options,
    };
    support::with_plugin_on(&env, config, |session, plugin| {
        let safety = support::thread_safety(plugin);
        if safety != ofx_str(ofx_sys::kOfxImageEffectRenderFullySafe) {
            return Verdict::not_applicable(format!(
                "render thread safety is {}: the host does not render it concurrently",
                safety.trim_start_matches("OfxImageEffectRender")
            ));
        }
        let scene = match Scene::choose(&env, plugin) {
            Ok(s) => s,
            Err(v) => return v,
        };
        let mut inst = match scene.instance(plugin) {
            Ok(i) => i,
            Err(v) => return v,
        };
        let Some(before) = process_threads() else {
            return Verdict::not_applicable("this system cannot list a process's threads");
        };
        for req in [scene.request(), scene.request().tiles(2, 2, 2)] {
            if let Err(e) = scene.render(&mut inst, &req) {
                return Verdict::fail(format!("{}: render failed: {e}", scene.describe()));
            }
        }
        drop(inst);
        // Threads alive now that were not before, the host's own excepted.
        // A thread the host joined a moment ago (its tiles' threads) may
        // still be listed for a moment: a thread of the plugin's stays.
        let started = || -> Option<Vec<String>> {
            let mut new = process_threads()?;
            for name in &before {
                if let Some(i) = new.iter().position(|n| n == name) {
                    new.swap_remove(i);
                }
            }
            new.retain(|n| !n.starts_with(THREAD_NAME_PREFIX));
            Some(new)
        };
        let mut new = Vec::new();
        for _ in 0..20 {
            let Some(now) = started() else {
                return Verdict::not_applicable("this system cannot list a process's threads");
            };
            new = now;
            if new.is_empty() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        let stats = session.thread_stats();
        if !new.is_empty() {
            new.sort();
            return Verdict::fail(format!(
                "{} thread(s) started during its renders are still alive ({}), while the host offers a MultiThread suite of {workers} threads that it called {} time(s): a fully thread-safe plugin should run its parallel work on the host's threads, which the host budgets",
                new.len(),
                log_reading::fold_repeats(&new).join(", "),
                stats.multi_thread_calls
            ));
        }
        Verdict::pass(format!(
            "{}: no thread of its own; multiThread called {} time(s), {} thread function call(s) on {} host thread(s)",
            scene.describe(),
            stats.multi_thread_calls,
            stats.function_calls,
            stats.threads.len()
        ))
    })
}
