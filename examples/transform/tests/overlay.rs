//! The transform's overlay through ofx-host: the host creates the overlay
//! interact, records every Draw Suite call of its draw action, and sends
//! pen events; the parameters are read back through the instance.
//!
//! Checked: the handles are drawn where the parameters put them (at two
//! zooms), and each handle's drag moves its parameter by the exact amount
//! the overlay's documentation states.

use ofx_host::prelude::*;
use transform::overlay::{ARM, BAR, CROSS, KNOB};
use transform::{OfxGetNumberOfPlugins, OfxGetPlugin, OfxSetHost};

const ID: &str = "org.ofx-rs.examples.Transform";
/// The centre's default: the middle of ofx-host's default 1920x1080
/// project.
const MIDDLE: [f64; 2] = [960.0, 540.0];

fn session() -> Session {
    Session::in_process(
        OfxGetPlugin,
        Some(OfxGetNumberOfPlugins),
        Some(OfxSetHost),
        HostConfig::default(),
    )
    .expect("in-process session")
}

fn value(fx: &Instance<'_>, name: &str) -> Vec<f64> {
    match fx.param_value(name, 0.0).expect(name) {
        ParamValue::Numeric(v) => v,
        other => panic!("{name} is {other:?}"),
    }
}

fn close(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= 1e-9)
}

/// The handles' points for the parameters (centre at `c`, rotation `r`
/// degrees, scale `s`) at pixel scale `k`: the cross, the bar, and the
/// three squares' centres.
struct Expected {
    cross: Vec<[f64; 2]>,
    bar: Vec<[f64; 2]>,
    knobs: [[f64; 2]; 3],
    k: f64,
}

fn expected(c: [f64; 2], r: f64, s: [f64; 2], k: f64) -> Expected {
    let (sin, cos) = r.to_radians().sin_cos();
    let at = |dir: [f64; 2], px: f64| [c[0] + dir[0] * px * k, c[1] + dir[1] * px * k];
    let (u, v) = ([cos, sin], [-sin, cos]);
    Expected {
        cross: vec![
            [c[0] - CROSS * k, c[1]],
            [c[0] + CROSS * k, c[1]],
            [c[0], c[1] - CROSS * k],
            [c[0], c[1] + CROSS * k],
        ],
        bar: vec![c, at(u, BAR)],
        knobs: [at(u, BAR), at(u, ARM * s[0]), at(v, ARM * s[1])],
        k,
    }
}

/// Checks a recorded drawing against `e`, and returns the colours the
/// handles were drawn in (cross, bar, scale x, scale y).
fn check(d: &Drawing, e: &Expected) -> Vec<[f32; 4]> {
    let mut colour = [0.0; 4];
    let mut colours = Vec::new();
    let mut shapes = Vec::new();
    for call in d.calls() {
        match call {
            DrawCall::Colour(c) => colour = *c,
            DrawCall::Primitive { kind, points } => {
                // Shape 2 is the bar's square, drawn in the bar's colour.
                if shapes.len() != 2 {
                    colours.push(colour);
                }
                shapes.push((*kind, points.clone()));
            }
            _ => {}
        }
    }
    assert_eq!(shapes.len(), 5, "{:?}", d.calls());
    assert_eq!(shapes[0].0, PrimitiveKind::Lines);
    assert!(
        close(&shapes[0].1.concat(), &e.cross.concat()),
        "cross {:?}",
        shapes[0]
    );
    assert_eq!(shapes[1].0, PrimitiveKind::Lines);
    assert!(
        close(&shapes[1].1.concat(), &e.bar.concat()),
        "bar {:?}",
        shapes[1]
    );
    let h = KNOB * e.k;
    for (i, c) in e.knobs.iter().enumerate() {
        let (kind, points) = &shapes[2 + i];
        assert_eq!(*kind, PrimitiveKind::Rectangle);
        let want = [c[0] - h, c[1] - h, c[0] + h, c[1] + h];
        assert!(
            close(&points.concat(), &want),
            "square {i}: {points:?} vs {want:?}"
        );
    }
    colours
}

const WHITE: [f32; 4] = [1.0, 1.0, 1.0, 1.0];
const YELLOW: [f32; 4] = [1.0, 1.0, 0.0, 1.0];

#[test]
fn the_handles_are_drawn_where_the_parameters_put_them() {
    let s = session();
    let p = s.plugin(ID).expect("plugin");
    let mut fx = p.create_instance(Context::Filter).expect("instance");
    assert!(fx.has_overlay());
    fx.set_param("translate", [15.0, -5.0]).unwrap();
    fx.set_param("rotate", 30.0).unwrap();
    fx.set_param("scale", [1.5, 0.5]).unwrap();
    fx.set_param("uniform", 2.0).unwrap();
    let mut ov = fx.overlay().expect("overlay");
    let mut slaves = ov.slave_to_params();
    slaves.sort();
    assert_eq!(
        slaves,
        ["center", "rotate", "scale", "translate", "uniform"]
    );
    let c = [MIDDLE[0] + 15.0, MIDDLE[1] - 5.0];
    let d = ov.draw(0.0).expect("draw");
    assert!(d.trapped);
    let colours = check(&d, &expected(c, 30.0, [3.0, 1.0], 1.0));
    assert_eq!(colours, [WHITE; 4]);
    // Zoomed out twice: the same places, handles twice as large in
    // canonical units (the same on screen).
    ov.set_viewport(Viewport {
        pixel_scale: [2.0, 2.0],
        ..Viewport::default()
    });
    let d = ov.draw(0.0).expect("draw");
    check(&d, &expected(c, 30.0, [3.0, 1.0], 2.0));
    drop(ov);
    assert!(
        s.log().violations().is_empty(),
        "{:?}",
        s.log().violations()
    );
}

#[test]
fn dragging_the_centre_moves_translate_by_the_pen_movement() {
    let s = session();
    let p = s.plugin(ID).expect("plugin");
    let mut fx = p.create_instance(Context::Filter).expect("instance");
    fx.set_param("translate", [15.0, -5.0]).unwrap();
    let mut ov = fx.overlay().expect("overlay");
    let c = [MIDDLE[0] + 15.0, MIDDLE[1] - 5.0];
    // Far from every handle: not trapped, nothing moves.
    assert!(!ov.pen_down(0.0, [c[0] + 40.0, c[1] + 40.0]).unwrap());
    assert!(!ov.pen_up(0.0, [c[0] + 40.0, c[1] + 40.0]).unwrap());
    assert_eq!(value(&fx, "translate"), [15.0, -5.0]);
    // Grabbed 2 right and 1 up of the centre, dragged by (+50.5, -30).
    assert!(ov.pen_down(0.0, [c[0] + 2.0, c[1] + 1.0]).unwrap());
    assert!(ov.pen_motion(0.0, [c[0] + 52.5, c[1] - 29.0]).unwrap());
    assert_eq!(value(&fx, "translate"), [65.5, -35.0]);
    // While held, the cross is yellow and follows.
    let d = ov.draw(0.0).expect("draw");
    let moved = [c[0] + 50.5, c[1] - 30.0];
    let colours = check(&d, &expected(moved, 0.0, [1.0, 1.0], 1.0));
    assert_eq!(colours, [YELLOW, WHITE, WHITE, WHITE]);
    assert!(ov.pen_up(0.0, [c[0] + 62.5, c[1] - 38.0]).unwrap());
    assert_eq!(value(&fx, "translate"), [75.5, -44.0]);
    let d = ov.draw(0.0).expect("draw");
    let colours = check(
        &d,
        &expected([c[0] + 60.5, c[1] - 39.0], 0.0, [1.0, 1.0], 1.0),
    );
    assert_eq!(colours, [WHITE; 4]);
    drop(ov);
    assert!(
        s.log().violations().is_empty(),
        "{:?}",
        s.log().violations()
    );
}

#[test]
fn dragging_the_bar_turns_rotate_by_the_pen_angle() {
    let s = session();
    let p = s.plugin(ID).expect("plugin");
    let mut fx = p.create_instance(Context::Filter).expect("instance");
    fx.set_param("rotate", 30.0).unwrap();
    let mut ov = fx.overlay().expect("overlay");
    // Zoomed in: one screen pixel is half a canonical unit.
    ov.set_viewport(Viewport {
        pixel_scale: [0.5, 0.5],
        ..Viewport::default()
    });
    let c = MIDDLE;
    let on_circle = |deg: f64, r: f64| {
        let (s, co) = deg.to_radians().sin_cos();
        [c[0] + co * r * 0.5, c[1] + s * r * 0.5]
    };
    // Grab the bar's end (at 30 degrees), turn the pen to 75 degrees.
    assert!(ov.pen_down(0.0, on_circle(30.0, BAR)).unwrap());
    assert!(ov.pen_motion(0.0, on_circle(75.0, BAR * 0.7)).unwrap());
    assert!(
        close(&value(&fx, "rotate"), &[75.0]),
        "{:?}",
        value(&fx, "rotate")
    );
    // On to 170, then across the -180/180 seam to -170: 20 degrees more.
    assert!(ov.pen_motion(0.0, on_circle(170.0, BAR)).unwrap());
    assert!(ov.pen_up(0.0, on_circle(-170.0, BAR)).unwrap());
    assert!(
        close(&value(&fx, "rotate"), &[190.0]),
        "{:?}",
        value(&fx, "rotate")
    );
    let d = ov.draw(0.0).expect("draw");
    check(&d, &expected(c, 190.0, [1.0, 1.0], 0.5));
    drop(ov);
    assert!(
        s.log().violations().is_empty(),
        "{:?}",
        s.log().violations()
    );
}

#[test]
fn dragging_a_scale_handle_scales_by_the_ratio_of_distances() {
    let s = session();
    let p = s.plugin(ID).expect("plugin");
    let mut fx = p.create_instance(Context::Filter).expect("instance");
    fx.set_param("rotate", 90.0).unwrap();
    fx.set_param("scale", [1.5, 0.5]).unwrap();
    let mut ov = fx.overlay().expect("overlay");
    let c = MIDDLE;
    // Turned a quarter: x's handle is straight up, 90 pixels away; y's is
    // to the left, 30 pixels away.
    let e = expected(c, 90.0, [1.5, 0.5], 1.0);
    assert!(ov.pen_down(0.0, e.knobs[1]).unwrap());
    // The pen moves up to 135 pixels (and sideways, which does not count).
    assert!(ov.pen_up(0.0, [c[0] + 7.0, c[1] + 135.0]).unwrap());
    assert!(
        close(&value(&fx, "scale"), &[2.25, 0.5]),
        "{:?}",
        value(&fx, "scale")
    );
    // y's handle, dragged from 30 to 45 pixels left: scale.y 0.5 -> 0.75.
    assert!(ov.pen_down(0.0, e.knobs[2]).unwrap());
    assert!(ov.pen_up(0.0, [c[0] - 45.0, c[1]]).unwrap());
    assert!(
        close(&value(&fx, "scale"), &[2.25, 0.75]),
        "{:?}",
        value(&fx, "scale")
    );
    let d = ov.draw(0.0).expect("draw");
    check(&d, &expected(c, 90.0, [2.25, 0.75], 1.0));
    drop(ov);
    assert!(
        s.log().violations().is_empty(),
        "{:?}",
        s.log().violations()
    );
}
