//! One overlay, two backends: the `Handles` overlay drawn through the Draw
//! Suite (recorded by ofx-host and rasterised by its software rasteriser)
//! and through OpenGL (ofx-host offering no Draw Suite, an offscreen Mesa
//! context current on the test thread) gives the same picture.
//!
//! The two rasterisers differ only on the edges of shapes (OpenGL's
//! diamond rule for lines and its own polygon edge rule, against the host's
//! pixel-centre tests), so the comparison allows differing pixels up to 3%
//! of the pixels either picture covers, and no colour may appear in one
//! picture that the other lacks. The label is off: the host draws text as
//! boxes, the GL backend with its stroke font.
//!
//! Mesa (EGL surfaceless) is required: without it the test fails.

mod overlay_fx;

use overlay_fx::{OfxGetNumberOfPlugins, OfxGetPlugin, OfxSetHost};

use gl_harness::GlContext;
use ofx_host::prelude::*;

const W: i32 = 240;
const H: i32 = 200;
/// Zoomed in 2x: half a canonical unit per screen pixel.
const PIXEL_SCALE: [f64; 2] = [0.5, 0.5];

fn viewport() -> Viewport {
    Viewport {
        size: [W, H],
        pixel_scale: PIXEL_SCALE,
        ..Viewport::default()
    }
}

/// RGB bytes of the overlay drawn through the Draw Suite, rows bottom-up.
fn through_draw_suite() -> Vec<[u8; 3]> {
    let s = in_process!().unwrap();
    let p = s.plugin("org.test.interact.Handles").unwrap();
    let mut inst = p.create_instance(Context::Filter).unwrap();
    inst.set_param("label", false).unwrap();
    let mut ov = inst.overlay().unwrap();
    ov.set_viewport(viewport());
    let d = ov.draw(0.0).unwrap();
    assert!(!d.is_empty());
    let scale = [1.0 / PIXEL_SCALE[0], 1.0 / PIXEL_SCALE[1]];
    let canvas = d.rasterise(Rect::from_size(W, H), scale);
    let mut out = Vec::new();
    for y in 0..H {
        for x in 0..W {
            let c = canvas.get(x, y).unwrap();
            // Opaque colours over a transparent canvas: the colour itself
            // where covered, over black elsewhere.
            out.push([0, 1, 2].map(|i| (c[i] * c[3] * 255.0).round() as u8));
        }
    }
    out
}

/// RGB bytes of the overlay drawn with OpenGL, rows bottom-up.
fn through_opengl() -> Vec<[u8; 3]> {
    let gl = GlContext::new(W as u32, H as u32)
        .expect("Mesa's surfaceless EGL (libegl1 libegl-mesa0 libgl1-mesa-dri) is required");
    gl.set_view([0.0, 0.0], PIXEL_SCALE);
    gl.clear([0.0, 0.0, 0.0, 1.0]);
    let s = in_process!(HostConfig::default().draw_suite(false)).unwrap();
    let p = s.plugin("org.test.interact.Handles").unwrap();
    let mut inst = p.create_instance(Context::Filter).unwrap();
    inst.set_param("label", false).unwrap();
    let mut ov = inst.overlay().unwrap();
    ov.set_viewport(viewport());
    let d = ov.draw(0.0).unwrap();
    assert!(d.calls().is_empty(), "no Draw Suite: nothing recorded");
    assert_eq!(gl.error(), None);
    assert!(
        overlay_fx::EVENTS
            .lock()
            .unwrap()
            .iter()
            .any(|e| e.contains("suite=false")),
        "the overlay was told it draws with OpenGL"
    );
    gl.read_rgba()
        .chunks(4)
        .map(|p| [p[0], p[1], p[2]])
        .collect()
}

#[test]
fn the_draw_suite_and_opengl_draw_the_same_overlay() {
    let suite = through_draw_suite();
    let gl = through_opengl();
    let covered = |p: &[u8; 3]| *p != [0, 0, 0];
    let either = suite
        .iter()
        .zip(&gl)
        .filter(|(a, b)| covered(a) || covered(b))
        .count();
    let differ: Vec<usize> = (0..suite.len())
        .filter(|&i| suite[i].iter().zip(&gl[i]).any(|(a, b)| a.abs_diff(*b) > 8))
        .collect();
    // The box alone covers 40x40 canonical units = 80x80 pixels.
    assert!(either > 6400, "the overlay covers {either} pixels");
    assert!(
        differ.len() * 100 <= either * 3,
        "{} of {either} covered pixels differ; first at {:?}",
        differ.len(),
        differ
            .iter()
            .take(5)
            .map(|&i| ((i as i32 % W, i as i32 / W), suite[i], gl[i]))
            .collect::<Vec<_>>()
    );
    // The same colours appear in both (blue box, red triangle, white
    // line, green disc).
    for c in [[51, 102, 255], [255, 0, 0], [255, 255, 255], [0, 255, 0]] {
        let n_suite = suite.iter().filter(|p| **p == c).count();
        let n_gl = gl.iter().filter(|p| **p == c).count();
        assert!(n_suite > 0 && n_gl > 0, "{c:?}: {n_suite} vs {n_gl}");
    }
}
