//! Checkerboard through ofx-host: the generator context, an infinite region
//! of definition, render scale, and every depth and component type.

use example_tests::bundles::CHECKERBOARD;
use example_tests::reference::check_exact;
use ofx_host::Context;
use ofx_host::Rect;
use ofx_host::image::Depth;
use ofx_sys::OfxRectI;

use super::host::{Effect, config, with_effect};
use super::matrix::{Case, Rows, matrix};
use super::models;

const SIZE: f64 = 7.0;
/// Colours with components outside [0, 1], to see integer clamping.
const COLOURS: [[f64; 4]; 2] = [[0.9, -0.1, 0.25, 1.0], [0.1, 1.4, 0.5, 0.35]];

/// Runs `f` on a checkerboard instance whose host offers only `case`'s
/// depth and components, so that its output has them.
fn with_checkerboard(case: &Case, f: impl FnOnce(&mut Effect<'_>)) {
    with_checkerboard_par(case, 1.0, f);
}

/// As [`with_checkerboard`], in a project whose pixels are `par` times as
/// wide as they are high.
fn with_checkerboard_par(case: &Case, par: f64, f: impl FnOnce(&mut Effect<'_>)) {
    let mut cfg = config();
    cfg.project.pixel_aspect_ratio = par;
    cfg.depths = vec![case.depth];
    cfg.components = vec![case.components];
    with_effect(CHECKERBOARD, Context::Generator, cfg, |fx| {
        fx.set("size", &[SIZE]);
        fx.set("color1", &COLOURS[0]);
        fx.set("color2", &COLOURS[1]);
        f(fx)
    });
}

fn check(fx: &mut Effect, case: &Case, bounds: OfxRectI, window: OfxRectI) {
    let out = fx.render_in(case, &[], 0.0, bounds, window);
    let par = fx.project_pixel_aspect_ratio();
    check_exact(
        &format!("checkerboard, {}", case.name()),
        &out,
        window,
        |x, y| {
            models::checkerboard(
                case.components,
                x,
                y,
                (case.scale, case.scale),
                par,
                SIZE,
                COLOURS,
            )
        },
    )
    .unwrap();
}

#[test]
fn matches_the_model_on_every_depth_component_layout_scale_tiling_and_thread_count() {
    let cases = matrix(&[Depth::U8, Depth::U16, Depth::F32]);
    for format in cases.chunks(cases.len() / 9) {
        with_checkerboard(&format[0], |fx| {
            for case in format {
                check(fx, case, case.bounds(), case.window());
            }
        });
    }
}

#[test]
fn the_region_of_definition_is_infinite_at_every_scale() {
    with_checkerboard(&matrix(&[Depth::F32])[0], |fx| {
        for scale in [1.0, 0.5] {
            let rod = fx.region_of_definition(0.0, scale);
            let (min, max) = (f64::from(i32::MIN), f64::from(i32::MAX));
            assert_eq!(
                (rod.x1, rod.y1, rod.x2, rod.y2),
                (min, min, max, max),
                "scale {scale}"
            );
        }
    });
}

#[test]
fn renders_any_part_of_the_plane_far_from_the_origin() {
    let case = matrix(&[Depth::F32])[0];
    let bounds = Rect::new(-1_000_003, 500_001, -999_950, 500_030);
    with_checkerboard(&case, |fx| check(fx, &case, bounds.into(), bounds.into()));
}

#[test]
fn squares_stay_square_on_wide_pixels() {
    // With pixels twice as wide as high, a square spans half as many columns
    // as rows; at scale 0.5 too.
    for case in matrix(&[Depth::F32])
        .into_iter()
        .filter(|c| c.rows == Rows::Positive && !c.tiled)
    {
        with_checkerboard_par(&case, 2.0, |fx| {
            assert_eq!(fx.project_pixel_aspect_ratio(), 2.0);
            check(fx, &case, case.bounds(), case.window());
        });
    }
}
