//! Driving interacts through the C ABI: the overlay plugins of
//! `tests/bad-plugins` (a V2 overlay drawing a handle at its `Centre`
//! parameter with the Draw Suite, moved by the pen), their recorded
//! drawing, pen drags and keys, and the rules broken on purpose.

use ofx_bad_plugins::overlay::{ARM, BOX, DEFAULT_CENTRE};
use ofx_bad_plugins::{Fault, id_of};
use ofx_host::drawing::TextAlignment;
use ofx_host::log::{Entry, ViolationKind};
use ofx_host::prelude::*;
use ofx_sys::{OfxGetNumberOfPluginsFn, OfxGetPluginFn, OfxSetHostFn};

fn session(cfg: HostConfig) -> Session {
    Session::in_process(
        ofx_bad_plugins::get_plugin as OfxGetPluginFn,
        Some(ofx_bad_plugins::number_of_plugins as OfxGetNumberOfPluginsFn),
        Some(ofx_bad_plugins::set_host as OfxSetHostFn),
        cfg,
    )
    .expect("session")
}

/// The calls the legal overlay makes for a centre `c` at pixel scale `s`.
fn expected_calls(c: [f64; 2], s: [f64; 2]) -> Vec<DrawCall> {
    let (ax, ay, bx, by) = (ARM * s[0], ARM * s[1], BOX * s[0], BOX * s[1]);
    vec![
        DrawCall::Colour([1.0, 0.0, 0.0, 1.0]),
        DrawCall::LineWidth(2.0),
        DrawCall::Primitive {
            kind: PrimitiveKind::Lines,
            points: vec![
                [c[0] - ax, c[1]],
                [c[0] + ax, c[1]],
                [c[0], c[1] - ay],
                [c[0], c[1] + ay],
            ],
        },
        DrawCall::Colour([0.0, 1.0, 0.0, 1.0]),
        DrawCall::Primitive {
            kind: PrimitiveKind::Rectangle,
            points: vec![[c[0] - bx, c[1] - by], [c[0] + bx, c[1] + by]],
        },
        DrawCall::Colour([1.0, 1.0, 1.0, 1.0]),
        DrawCall::Text {
            text: "Centre".into(),
            position: [c[0] + 8.0 * s[0], c[1] + 8.0 * s[1]],
            alignment: TextAlignment(TextAlignment::LEFT | TextAlignment::BOTTOM),
        },
    ]
}

fn centre(inst: &Instance<'_>) -> Vec<f64> {
    match inst.param_value("Centre", 0.0).unwrap() {
        ParamValue::Numeric(v) => v,
        other => panic!("Centre is {other:?}"),
    }
}

fn notes(s: &Session) -> Vec<String> {
    s.log()
        .journal()
        .into_iter()
        .filter_map(|e| match e {
            Entry::Note(n) => Some(n),
            _ => None,
        })
        .collect()
}

#[test]
fn the_overlay_draws_its_handle_where_the_parameter_puts_it() {
    let s = session(HostConfig::default());
    let p = s.plugin(id_of(Fault::Overlay)).unwrap();
    let inst = p.create_instance(Context::Filter).unwrap();
    assert!(inst.has_overlay());
    let mut ov = inst.overlay().unwrap();
    assert_eq!(ov.kind(), &InteractKind::Overlay { draw_suite: true });
    assert_eq!(ov.slave_to_params(), ["Centre"]);
    let d = ov.draw(0.0).unwrap();
    assert!(d.trapped);
    assert_eq!(d.calls(), expected_calls(DEFAULT_CENTRE, [1.0, 1.0]));
    // Zoomed out: the handle keeps its size on screen.
    ov.set_viewport(Viewport {
        pixel_scale: [2.0, 0.5],
        ..Viewport::default()
    });
    let d = ov.draw(0.0).unwrap();
    assert_eq!(d.calls(), expected_calls(DEFAULT_CENTRE, [2.0, 0.5]));
    assert_eq!(d.pixel_scale, [2.0, 0.5]);
    drop(ov);
    assert!(
        s.log().violations().is_empty(),
        "{:?}",
        s.log().violations()
    );
    let destroys = s.log().action_statuses("OfxActionDestroyInstance");
    assert_eq!(destroys, [ofx_sys::kOfxStatOK], "the interact's destroy");
}

#[test]
fn a_pen_drag_moves_the_parameter_by_the_pen_movement() {
    let s = session(HostConfig::default());
    let p = s.plugin(id_of(Fault::Overlay)).unwrap();
    let inst = p.create_instance(Context::Filter).unwrap();
    let mut ov = inst.overlay().unwrap();
    ov.draw(0.0).unwrap();
    // Far from the handle: not trapped, nothing moves.
    assert!(!ov.pen_down(0.0, [100.0, 100.0]).unwrap());
    assert!(!ov.pen_up(0.0, [100.0, 100.0]).unwrap());
    assert_eq!(centre(&inst), DEFAULT_CENTRE);
    // Grabbed 2 right and 1 up of the centre, dragged by (+50.5, -30).
    assert!(ov.pen_down(0.0, [962.0, 541.0]).unwrap());
    assert!(ov.pen_motion(0.0, [1002.5, 521.0]).unwrap());
    assert_eq!(centre(&inst), [1000.5, 520.0]);
    assert!(ov.pen_up(0.0, [1012.5, 511.0]).unwrap());
    assert_eq!(centre(&inst), [1010.5, 510.0]);
    assert_eq!(ov.redraws(), 2, "one redraw request per move");
    // The next draw puts the handle at the new centre.
    let d = ov.draw(0.0).unwrap();
    assert_eq!(d.calls(), expected_calls([1010.5, 510.0], [1.0, 1.0]));
    // `drag` does the same in one call.
    assert!(ov.drag(0.0, &[[1010.5, 510.0], [1020.5, 530.0]]).unwrap());
    assert_eq!(centre(&inst), [1020.5, 530.0]);
    // Edit blocks were used: no note about them, no violation.
    assert!(
        !notes(&s).iter().any(|n| n.contains("paramEditBegin")),
        "{:?}",
        notes(&s)
    );
    assert!(
        s.log().violations().is_empty(),
        "{:?}",
        s.log().violations()
    );
}

#[test]
fn keys_and_focus_reach_the_interact() {
    let s = session(HostConfig::default());
    let p = s.plugin(id_of(Fault::Overlay)).unwrap();
    let inst = p.create_instance(Context::Filter).unwrap();
    let mut ov = inst.overlay().unwrap();
    assert!(!ov.gain_focus(0.0).unwrap());
    ov.drag(0.0, &[[960.0, 540.0], [970.0, 550.0]]).unwrap();
    assert_eq!(centre(&inst), [970.0, 550.0]);
    // Another key is not trapped; `r` resets the centre.
    assert!(!ov.key_down(0.0, ofx_sys::kOfxKey_a, "a").unwrap());
    assert_eq!(centre(&inst), [970.0, 550.0]);
    assert!(ov.key_down(0.0, ofx_sys::kOfxKey_r, "r").unwrap());
    assert!(!ov.key_up(0.0, ofx_sys::kOfxKey_r, "r").unwrap());
    assert!(!ov.key_repeat(0.0, ofx_sys::kOfxKey_r, "r").unwrap());
    assert!(!ov.lose_focus(0.0).unwrap());
    assert_eq!(centre(&inst), DEFAULT_CENTRE);
    assert!(
        s.log().violations().is_empty(),
        "{:?}",
        s.log().violations()
    );
}

#[test]
fn a_parameter_interact_is_driven_like_an_overlay() {
    let s = session(HostConfig::default());
    let p = s.plugin(id_of(Fault::Overlay)).unwrap();
    let inst = p.create_instance(Context::Filter).unwrap();
    let mut pi = inst.param_interact("Centre").unwrap();
    assert_eq!(pi.kind(), &InteractKind::Param("Centre".into()));
    let d = pi.draw(0.0).unwrap();
    assert_eq!(d.calls(), expected_calls(DEFAULT_CENTRE, [1.0, 1.0]));
    assert!(pi.drag(0.0, &[[960.0, 540.0], [961.0, 541.0]]).unwrap());
    assert_eq!(centre(&inst), [961.0, 541.0]);
    assert!(matches!(
        inst.param_interact("Nothing"),
        Err(HostError::NotFound(_))
    ));
}

#[test]
fn effects_without_overlays_and_hosts_without_the_draw_suite_are_refused() {
    // One session at a time: a session holds the binary exclusively.
    {
        let s = session(HostConfig::default());
        let p = s.plugin(id_of(Fault::None)).unwrap();
        let inst = p.create_instance(Context::Filter).unwrap();
        assert!(!inst.has_overlay());
        assert!(matches!(inst.overlay(), Err(HostError::NotFound(_))));
    }
    {
        // The overlay is V2 only: it needs the Draw Suite.
        let s = session(HostConfig::default().draw_suite(false));
        let p = s.plugin(id_of(Fault::Overlay)).unwrap();
        let inst = p.create_instance(Context::Filter).unwrap();
        assert!(matches!(inst.overlay(), Err(HostError::Unsupported(_))));
    }
    let s = session(HostConfig {
        supports_overlays: false,
        ..HostConfig::default()
    });
    let p = s.plugin(id_of(Fault::Overlay)).unwrap();
    let inst = p.create_instance(Context::Filter).unwrap();
    assert!(matches!(inst.overlay(), Err(HostError::Unsupported(_))));
}

#[test]
fn destroying_the_instance_destroys_its_overlay_first() {
    let s = session(HostConfig::default());
    let p = s.plugin(id_of(Fault::Overlay)).unwrap();
    let inst = p.create_instance(Context::Filter).unwrap();
    let mut ov = inst.overlay().unwrap();
    let interact = ov.handle();
    drop(inst);
    let destroys: Vec<usize> = s
        .log()
        .actions()
        .into_iter()
        .filter(|a| a.action == "OfxActionDestroyInstance")
        .map(|a| a.handle)
        .collect();
    assert_eq!(destroys.len(), 2);
    assert_eq!(destroys[0], interact, "the interact goes before its effect");
    assert!(matches!(ov.draw(0.0), Err(HostError::Invalid(_))));
    drop(ov);
    assert_eq!(
        s.log().action_statuses("OfxActionDestroyInstance").len(),
        2,
        "no second destroy for the interact"
    );
}

#[test]
fn draw_suite_calls_outside_the_draw_action_are_refused_and_logged() {
    let s = session(HostConfig::default());
    let p = s.plugin(id_of(Fault::DrawOutsideDraw)).unwrap();
    let inst = p.create_instance(Context::Filter).unwrap();
    let mut ov = inst.overlay().unwrap();
    ov.draw(0.0).unwrap();
    assert!(s.log().violations().is_empty());
    ov.pen_down(0.0, [960.0, 540.0]).unwrap();
    let v = s.log().violations_of(ViolationKind::WrongAction);
    assert_eq!(v.len(), 1, "{v:?}");
    assert!(v[0].detail.contains("setColour"), "{}", v[0].detail);
    assert!(
        v[0].detail.contains("draw action has returned"),
        "{}",
        v[0].detail
    );
    let refused: Vec<i32> = s
        .log()
        .suite_calls()
        .into_iter()
        .filter(|c| c.function == "setColour")
        .map(|c| c.status)
        .collect();
    assert_eq!(refused.last(), Some(&ofx_sys::kOfxStatFailed));
}

#[test]
fn a_bad_interact_status_is_an_error_and_a_violation() {
    let s = session(HostConfig::default());
    let p = s.plugin(id_of(Fault::InteractBadStatus)).unwrap();
    let inst = p.create_instance(Context::Filter).unwrap();
    let mut ov = inst.overlay().unwrap();
    let e = ov.pen_down(0.0, [960.0, 540.0]).unwrap_err();
    assert!(
        matches!(e, HostError::Action { status, .. } if status == ofx_sys::kOfxStatErrValue),
        "{e:?}"
    );
    let v = s.log().violations_of(ViolationKind::BadStatus);
    assert_eq!(v.len(), 1, "{v:?}");
    assert!(v[0].detail.contains("OfxInteractActionPenDown"));
}

#[test]
fn memory_an_interact_keeps_after_destroy_is_a_leak() {
    let s = session(HostConfig::default());
    let p = s.plugin(id_of(Fault::InteractLeak)).unwrap();
    let inst = p.create_instance(Context::Filter).unwrap();
    let ov = inst.overlay().unwrap();
    assert!(s.log().violations().is_empty());
    ov.destroy().unwrap();
    let v = s.log().violations_of(ViolationKind::LeakedMemory);
    assert_eq!(v.len(), 1, "{v:?}");
    assert!(v[0].detail.contains("interact"), "{}", v[0].detail);
}

#[test]
fn parameter_changes_outside_edit_blocks_are_noted_not_violations() {
    let s = session(HostConfig::default());
    let p = s.plugin(id_of(Fault::OverlayWithoutEditBlock)).unwrap();
    let inst = p.create_instance(Context::Filter).unwrap();
    let mut ov = inst.overlay().unwrap();
    assert!(ov.drag(0.0, &[[960.0, 540.0], [965.0, 545.0]]).unwrap());
    assert_eq!(centre(&inst), [965.0, 545.0]);
    assert!(
        s.log().violations().is_empty(),
        "{:?}",
        s.log().violations()
    );
    let n = notes(&s);
    assert!(
        n.iter()
            .any(|n| n.contains("'Centre'") && n.contains("paramEditBegin")),
        "{n:?}"
    );
}

#[test]
fn a_host_that_notifies_plugin_edits_announces_the_drag_to_the_effect() {
    let s = session(HostConfig {
        notify_plugin_edits: true,
        ..HostConfig::default()
    });
    let p = s.plugin(id_of(Fault::Overlay)).unwrap();
    let inst = p.create_instance(Context::Filter).unwrap();
    let mut ov = inst.overlay().unwrap();
    let before = s.log().action_count();
    // Down (no write), one move and up (a write each).
    ov.drag(0.0, &[[960.0, 540.0], [965.0, 545.0]]).unwrap();
    let actions: Vec<String> = s
        .log()
        .actions_since(before)
        .into_iter()
        .map(|a| a.action)
        .collect();
    let changed = |a: &str| a == "OfxActionInstanceChanged";
    assert_eq!(
        actions.iter().filter(|a| changed(a)).count(),
        2,
        "{actions:?}"
    );
    let motion = actions
        .iter()
        .position(|a| a == "OfxInteractActionPenMotion")
        .unwrap();
    assert!(changed(&actions[motion + 2]), "{actions:?}");
    assert!(
        s.log().violations().is_empty(),
        "{:?}",
        s.log().violations()
    );
}
