//! `interacts`: the effect's overlay survives what a viewer does to it.
//!
//! The check creates the overlay interact on an instance with its inputs
//! connected, gives it the focus, draws it, drags the pen across the
//! image's centre (down, three moves, up), draws again, presses and
//! releases a key, takes the focus away and destroys it. Every action must
//! answer a status an interact may answer (the driver logs the others as
//! `BadStatus`); the Draw Suite may be used only inside the draw action,
//! with that action's context (`WrongAction`); memory-suite blocks the
//! interact allocated must be freed by its destroy (`LeakedMemory`).
//! Parameter changes made from pen or key events outside
//! `paramEditBegin`/`paramEditEnd` are reported as a note: the spec asks
//! for edit blocks so that a host can undo a drag in one step, without
//! making them a rule. An effect without an overlay makes the check not
//! applicable.

use super::log_reading;
use super::scene::Scene;
use super::support;
use super::{Env, Verdict};
use crate::driver::{InteractKind, Overlay, Viewport};
use crate::log::Entry;

/// `interacts`: see the module documentation.
pub(crate) fn interacts(env: &Env) -> Verdict {
    support::with_plugin(env, |session, plugin| {
        let scene = match Scene::choose(env, plugin) {
            Ok(s) => s,
            Err(v) => return v,
        };
        let inst = match scene.instance(plugin) {
            Ok(i) => i,
            Err(v) => return v,
        };
        if !inst.has_overlay() {
            return match inst.overlay() {
                Err(crate::error::HostError::NotFound(_)) => {
                    Verdict::not_applicable("the effect has no overlay interact")
                }
                Err(e) => Verdict::not_applicable(format!("the overlay cannot be shown: {e}")),
                Ok(_) => Verdict::fail("has_overlay and overlay disagree"),
            };
        }
        super::announce_step("create the overlay");
        let mut ov = match inst.overlay() {
            Ok(ov) => ov,
            Err(e) => return Verdict::fail(format!("creating the overlay: {e}")),
        };
        let mark = session.log().journal().len();
        let f = scene.frame;
        ov.set_viewport(Viewport {
            size: [f.x2 - f.x1, f.y2 - f.y1],
            origin: [f64::from(f.x1), f64::from(f.y1)],
            ..Viewport::default()
        });
        let mut problems = Vec::new();
        let kind = match ov.kind() {
            InteractKind::Overlay { draw_suite: true } => "V2 overlay (Draw Suite)",
            _ => "V1 overlay (OpenGL; no Draw Suite calls expected)",
        };
        let mut done = vec![kind.to_string()];
        let time = scene.time;
        exercise(&mut ov, &scene, time, &mut problems, &mut done);
        super::announce_step("destroy the overlay");
        if let Err(e) = ov.destroy() {
            problems.push(format!("destroy: {e}"));
        }
        let notes: Vec<String> = session.log().journal()[mark..]
            .iter()
            .filter_map(|e| match e {
                Entry::Note(n) if n.contains("paramEditBegin") => Some(format!("note: {n}")),
                _ => None,
            })
            .collect();
        let mut ok = vec![done.join("; ")];
        ok.extend(log_reading::fold_repeats(&notes));
        Verdict::from_problems(problems, ok.join("\n"))
    })
}

/// The viewer's session: focus, draw, drag, draw, key, focus lost.
fn exercise(
    ov: &mut Overlay<'_>,
    scene: &Scene,
    time: f64,
    problems: &mut Vec<String>,
    done: &mut Vec<String>,
) {
    let f = scene.frame;
    let centre = [f64::from(f.x1 + f.x2) / 2.0, f64::from(f.y1 + f.y2) / 2.0];
    let step = [f64::from(f.x2 - f.x1) / 16.0, f64::from(f.y2 - f.y1) / 16.0];
    let mut report = |what: &str, r: Result<String, crate::error::HostError>| match r {
        Ok(s) => done.push(format!("{what}: {s}")),
        Err(e) => problems.push(format!("{what}: {e}")),
    };
    let trapped = |t: bool| if t { "trapped" } else { "not trapped" }.to_string();
    super::announce_step("gain focus");
    report("gain focus", ov.gain_focus(time).map(trapped));
    super::announce_step("draw");
    report(
        "draw",
        ov.draw(time).map(|d| {
            format!(
                "{} Draw Suite call(s), {} primitive(s) and text(s)",
                d.calls().len(),
                d.shapes().count()
            )
        }),
    );
    super::announce_step("pen drag across the centre");
    let path: Vec<[f64; 2]> = (0..5)
        .map(|i| {
            let k = f64::from(i) - 2.0;
            [centre[0] + k * step[0], centre[1] + k * step[1]]
        })
        .collect();
    report("pen drag", ov.drag(time, &path).map(trapped));
    super::announce_step("draw after the drag");
    report(
        "second draw",
        ov.draw(time)
            .map(|d| format!("{} call(s)", d.calls().len())),
    );
    super::announce_step("key press");
    report(
        "key a",
        ov.key_down(time, ofx_sys::kOfxKey_a, "a")
            .and_then(|t| ov.key_up(time, ofx_sys::kOfxKey_a, "a").map(|_| t))
            .map(trapped),
    );
    super::announce_step("lose focus");
    report("lose focus", ov.lose_focus(time).map(trapped));
}
