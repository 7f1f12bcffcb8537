//! Overlays written with the safe interact API, driven through ofx-host
//! over the C ABI: what they draw (the recorded Draw Suite calls, exactly),
//! pen drags moving parameters by the pen's movement inside edit blocks,
//! keys and focus, redraw requests and the slaved parameters, the
//! instance data's life, and the failures: panics and errors in actions,
//! and a parameter set while drawing.

mod overlay_fx;

use overlay_fx::{OfxGetNumberOfPlugins, OfxGetPlugin, OfxSetHost};

use ofx_host::log::Entry;
use ofx_host::prelude::*;
use overlay_fx::{DEFAULT_CENTRE, DEFAULT_SIZE, DISC_PX, DISC_SEGMENTS, EVENTS};

/// Tests of one binary share the plugin's statics; run them one at a time.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    let g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    EVENTS.lock().unwrap_or_else(|e| e.into_inner()).clear();
    g
}

fn events() -> Vec<String> {
    EVENTS.lock().unwrap_or_else(|e| e.into_inner()).clone()
}

fn centre(inst: &Instance<'_>) -> Vec<f64> {
    match inst.param_value("centre", 0.0).unwrap() {
        ParamValue::Numeric(v) => v,
        other => panic!("centre is {other:?}"),
    }
}

/// The calls `Handles` makes for centre `c`, size `s`, pixel scale `p`.
fn expected(c: [f64; 2], s: f64, p: [f64; 2]) -> Vec<DrawCall> {
    let [x, y] = c;
    let r = DISC_PX * p[0];
    let disc: Vec<[f64; 2]> = (0..DISC_SEGMENTS)
        .map(|i| {
            let a = std::f64::consts::TAU * i as f64 / DISC_SEGMENTS as f64;
            [x + r * a.cos(), y + r * a.sin()]
        })
        .collect();
    vec![
        DrawCall::Colour([0.2, 0.4, 1.0, 1.0]),
        DrawCall::Primitive {
            kind: PrimitiveKind::Rectangle,
            points: vec![[x - s, y - s], [x + s, y + s]],
        },
        DrawCall::Colour([1.0, 0.0, 0.0, 1.0]),
        DrawCall::Primitive {
            kind: PrimitiveKind::Polygon,
            points: vec![[x - s, y + 1.5 * s], [x + s, y + 1.5 * s], [x, y + 2.5 * s]],
        },
        DrawCall::Colour([1.0, 1.0, 1.0, 1.0]),
        DrawCall::LineWidth(1.0),
        DrawCall::Primitive {
            kind: PrimitiveKind::Lines,
            points: vec![[x - 2.0 * s, y], [x + 2.0 * s, y]],
        },
        DrawCall::Colour([0.0, 1.0, 0.0, 1.0]),
        DrawCall::Primitive {
            kind: PrimitiveKind::Polygon,
            points: disc,
        },
        DrawCall::Colour([1.0, 1.0, 1.0, 1.0]),
        DrawCall::Text {
            text: "CENTRE".into(),
            position: [x, y - 2.0 * s],
            alignment: ofx_host::drawing::TextAlignment(
                ofx_sys::kOfxDrawTextAlignmentCenterH.0 | ofx_sys::kOfxDrawTextAlignmentBaseline.0,
            ),
        },
    ]
}

#[test]
fn the_overlay_draws_exactly_where_its_parameters_put_it() {
    let _g = serial();
    let s = in_process!().unwrap();
    let p = s.plugin("org.test.interact.Handles").unwrap();
    let inst = p.create_instance(Context::Filter).unwrap();
    assert!(inst.has_overlay());
    let mut ov = inst.overlay().unwrap();
    assert_eq!(ov.slave_to_params(), ["centre", "size"]);
    let d = ov.draw(2.0).unwrap();
    assert!(d.trapped);
    let c = [DEFAULT_CENTRE.0, DEFAULT_CENTRE.1];
    assert_eq!(d.calls(), expected(c, DEFAULT_SIZE, [1.0, 1.0]));
    // Zoomed out 2x: the disc keeps its size on screen.
    ov.set_viewport(Viewport {
        pixel_scale: [2.0, 2.0],
        ..Viewport::default()
    });
    let d = ov.draw(2.0).unwrap();
    assert_eq!(d.calls(), expected(c, DEFAULT_SIZE, [2.0, 2.0]));
    assert_eq!(
        events()[1..],
        [
            "draw t=2 suite=true scale=1,1",
            "draw t=2 suite=true scale=2,2"
        ]
    );
    drop(ov);
    assert_eq!(
        events().last().unwrap(),
        "drop",
        "destroy drops the overlay"
    );
    assert!(
        s.log().violations().is_empty(),
        "{:?}",
        s.log().violations()
    );
}

#[test]
fn a_pen_drag_moves_the_centre_by_exactly_the_pen_movement() {
    let _g = serial();
    let s = in_process!().unwrap();
    let p = s.plugin("org.test.interact.Handles").unwrap();
    let inst = p.create_instance(Context::Filter).unwrap();
    let mut ov = inst.overlay().unwrap();
    // Outside the grab radius: not trapped, nothing moves.
    assert!(!ov.pen_down(0.0, [130.0, 60.0]).unwrap());
    assert!(!ov.pen_motion(0.0, [140.0, 60.0]).unwrap());
    assert!(!ov.pen_up(0.0, [140.0, 60.0]).unwrap());
    assert_eq!(centre(&inst), [100.0, 60.0]);
    // Grabbed 3 right and 2 up of the centre, then moved by (+47.25, -30.5).
    assert!(ov.pen_down(0.0, [103.0, 62.0]).unwrap());
    assert!(ov.pen_motion(0.0, [150.25, 31.5]).unwrap());
    assert_eq!(centre(&inst), [147.25, 29.5]);
    assert!(ov.pen_up(0.0, [153.0, 32.0]).unwrap());
    assert_eq!(centre(&inst), [150.0, 30.0]);
    assert_eq!(ov.redraws(), 3, "a redraw request on grab and on each move");
    assert_eq!(inst.param_edit_depth(), 0, "every edit block closed");
    let d = ov.draw(0.0).unwrap();
    assert_eq!(d.calls(), expected([150.0, 30.0], DEFAULT_SIZE, [1.0, 1.0]));
    // Pressure and the viewport position arrive typed.
    let down = events()
        .into_iter()
        .find(|e| e.starts_with("pen down at 103,62"))
        .unwrap();
    assert_eq!(
        down,
        "pen down at 103,62 pressure 1 viewport Some((103, 62))"
    );
    // The pen actions were wrapped in edit blocks: the host notes none
    // missing and logs no violation.
    let notes: Vec<String> = s
        .log()
        .journal()
        .into_iter()
        .filter_map(|e| match e {
            Entry::Note(n) => Some(n),
            _ => None,
        })
        .collect();
    assert!(
        !notes.iter().any(|n| n.contains("paramEditBegin")),
        "{notes:?}"
    );
    assert!(
        s.log().violations().is_empty(),
        "{:?}",
        s.log().violations()
    );
}

#[test]
fn keys_and_focus_arrive_typed() {
    let _g = serial();
    let s = in_process!().unwrap();
    let p = s.plugin("org.test.interact.Handles").unwrap();
    let inst = p.create_instance(Context::Filter).unwrap();
    let mut ov = inst.overlay().unwrap();
    assert!(ov.gain_focus(1.0).unwrap());
    assert!(!ov.key_down(0.0, ofx_sys::kOfxKey_a, "a").unwrap());
    assert!(ov.key_down(0.0, ofx_sys::kOfxKey_Left, "").unwrap());
    assert_eq!(centre(&inst), [99.0, 60.0]);
    assert!(!ov.key_up(0.0, ofx_sys::kOfxKey_Left, "").unwrap());
    assert!(!ov.key_repeat(0.0, ofx_sys::kOfxKey_Left, "").unwrap());
    assert!(ov.lose_focus(1.0).unwrap());
    let e = events();
    assert!(e.contains(&"gain focus t=1".to_string()), "{e:?}");
    assert!(e.contains(&"key down 0x61 \"a\"".to_string()), "{e:?}");
    assert!(e.contains(&"key down 0xff51 \"\"".to_string()), "{e:?}");
    assert!(e.contains(&"lose focus t=1".to_string()), "{e:?}");
}

#[test]
fn panics_and_errors_in_interact_actions_are_failed_statuses() {
    let _g = serial();
    let s = in_process!().unwrap();
    let p = s.plugin("org.test.interact.Panicky").unwrap();
    let inst = p.create_instance(Context::Filter).unwrap();
    let mut ov = inst.overlay().unwrap();
    let e = ov.draw(0.0).unwrap_err().to_string();
    assert!(e.contains("kOfxStatFailed") || e.contains("Failed"), "{e}");
    let e = ov.pen_down(0.0, [0.0, 0.0]).unwrap_err().to_string();
    assert!(e.contains("kOfxStatFailed") || e.contains("Failed"), "{e}");
    // An error is a failure too (interacts answer no other error status),
    // its message posted.
    let e = ov
        .key_down(0.0, ofx_sys::kOfxKey_a, "a")
        .unwrap_err()
        .to_string();
    assert!(e.contains("kOfxStatFailed") || e.contains("Failed"), "{e}");
    let messages: Vec<String> = s.log().messages().into_iter().map(|m| m.text).collect();
    let messages = messages.join("\n");
    assert!(
        messages.contains("panic in OfxInteractActionDraw: the overlay panics while drawing"),
        "{messages}"
    );
    assert!(
        messages.contains("the overlay panics on pen down"),
        "{messages}"
    );
    assert!(
        messages.contains("this overlay takes no keys"),
        "{messages}"
    );
    // The interact still works after its panics, and is destroyed cleanly.
    assert!(!ov.gain_focus(0.0).unwrap());
    drop(ov);
    assert_eq!(
        s.log().action_statuses("OfxActionDestroyInstance").first(),
        Some(&ofx_sys::kOfxStatOK)
    );
}

#[test]
fn setting_a_parameter_while_drawing_is_refused_before_the_host_sees_it() {
    let _g = serial();
    let s = in_process!().unwrap();
    let p = s.plugin("org.test.interact.DrawWriter").unwrap();
    let inst = p.create_instance(Context::Filter).unwrap();
    let mut ov = inst.overlay().unwrap();
    let d = ov.draw(0.0).unwrap();
    assert_eq!(d.primitives(PrimitiveKind::Lines).count(), 1);
    let e = events();
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].contains("parameter \"size\": set value during an interact's draw action"),
        "{e:?}"
    );
    assert_eq!(
        inst.param_value("size", 0.0).unwrap(),
        ParamValue::Numeric(vec![5.0])
    );
    assert!(
        s.log().violations().is_empty(),
        "{:?}",
        s.log().violations()
    );
}

/// The validator's `interacts` check on `Handles`, run isolated in a child
/// re-executing this test (as the check runner does).
#[test]
fn the_validators_interacts_check_passes() {
    use ofx_host::checks::{self, Isolation, Options, Outcome, Target};
    use ofx_sys::{OfxGetNumberOfPluginsFn, OfxGetPluginFn, OfxSetHostFn};
    let target = || {
        Target::in_process(
            OfxGetPlugin as OfxGetPluginFn,
            Some(OfxGetNumberOfPlugins as OfxGetNumberOfPluginsFn),
            Some(OfxSetHost as OfxSetHostFn),
            "org.test.interact.Handles",
        )
    };
    let options = || Options {
        size: (24, 16),
        // The handle at the image's centre, where the check drags the pen.
        params: vec![("centre".into(), "12,8".into())],
        ..Options::default()
    };
    if let Some(check) = checks::requested_check() {
        std::process::exit(checks::child_main(&target(), &options(), &check));
    }
    let opts = Options {
        isolation: Some(Isolation::current_test("the_validators_interacts_check_passes").unwrap()),
        only: vec!["interacts".into()],
        ..options()
    };
    let report = checks::run_all(&target(), &opts);
    let r = report.get("interacts").expect("interacts ran");
    assert_eq!(r.verdict.outcome, Outcome::Pass, "{report}");
    assert!(r.verdict.evidence.contains("pen drag: trapped"), "{report}");
    assert!(!r.verdict.evidence.contains("note:"), "{report}");
}

#[test]
fn a_custom_parameter_interact_is_registered_with_its_sizes_and_draws() {
    let _g = serial();
    let s = in_process!().unwrap();
    let p = s.plugin("org.test.interact.DrawWriter").unwrap();
    let inst = p.create_instance(Context::Filter).unwrap();
    let params = inst.params().unwrap();
    let swatch = params.iter().find(|p| p.name == "swatch").unwrap();
    let ints = |name: &std::ffi::CStr| {
        (0..2)
            .map(|i| swatch.props.get_int(name.to_str().unwrap(), i).unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(ints(ofx_sys::kOfxParamPropInteractPreferedSize), [100, 10]);
    let min: Vec<f64> = (0..2)
        .map(|i| {
            let name = ofx_sys::kOfxParamPropInteractMinimumSize.to_str().unwrap();
            swatch.props.get_double(name, i).unwrap()
        })
        .collect();
    assert_eq!(min, [20.0, 10.0]);
    assert_eq!(
        swatch.props.get_double(
            ofx_sys::kOfxParamPropInteractSizeAspect.to_str().unwrap(),
            0
        ),
        Ok(10.0)
    );
    let mut pi = inst.param_interact("swatch").unwrap();
    let d = pi.draw(0.0).unwrap();
    assert_eq!(
        d.primitives(PrimitiveKind::Rectangle).collect::<Vec<_>>(),
        [&[[0.0, 0.0], [50.0, 10.0]][..]]
    );
    assert!(
        s.log().violations().is_empty(),
        "{:?}",
        s.log().violations()
    );
}
