//! Frame Average through ofx-host: frames needed, images at other times,
//! the clip's frame range.

use example_tests::bundles::FRAME_AVERAGE;
use example_tests::reference::check_exact;
use ofx_host::Context;
use ofx_host::image::{Depth, ImageBuffer};

use super::host::{config, with_effect};
use super::matrix::{Case, matrix, picture, sample};
use super::models;

/// The source clip holds frames 0 to 9.
const LAST: i32 = 9;

fn frames(case: &Case) -> Vec<(f64, ImageBuffer)> {
    (0..=LAST)
        .map(|f| (f64::from(f), picture(case, 100 + f as u32)))
        .collect()
}

/// The frames averaged at `time` for `n`: centred, the extra one after,
/// clipped to the clip's range.
fn window_of(time: i32, n: i32) -> Vec<i32> {
    let back = (n - 1) / 2;
    (time - back..=time + n - 1 - back)
        .filter(|f| (0..=LAST).contains(f))
        .collect()
}

#[test]
fn matches_the_model_on_every_depth_component_layout_scale_tiling_and_thread_count() {
    with_effect(FRAME_AVERAGE, Context::Filter, config(), |fx| {
        fx.set("frames", &[3.0]);
        for case in matrix(&[Depth::U8, Depth::U16, Depth::F32]) {
            let source = frames(&case);
            let out = fx.render(&case, &[("Source", source.clone())], 5.0);
            check_exact(
                &format!("average, {}", case.name()),
                &out,
                case.window(),
                |x, y| {
                    let px: Vec<Vec<f32>> = window_of(5, 3)
                        .iter()
                        .map(|&f| sample(&case, &source[f as usize].1, x, y))
                        .collect();
                    models::average(&px)
                },
            )
            .unwrap();
        }
    });
}

#[test]
fn frames_needed_and_renders_stay_inside_the_clip_frame_range() {
    with_effect(FRAME_AVERAGE, Context::Filter, config(), |fx| {
        let case = matrix(&[Depth::F32])[0];
        let source = frames(&case);
        for (n, time) in [(4, 5), (3, 0), (5, LAST), (1, 4), (6, 1)] {
            fx.set("frames", &[f64::from(n)]);
            let want = window_of(time, n);
            let needed = fx.frames_needed(f64::from(time), &[("Source", source.clone())], &case);
            let range = (f64::from(want[0]), f64::from(*want.last().unwrap()));
            assert_eq!(
                needed.get("Source").map(Vec::as_slice),
                Some(&[range][..]),
                "n {n}, time {time}"
            );
            let out = fx.render(&case, &[("Source", source.clone())], f64::from(time));
            check_exact(
                &format!("average of {want:?}"),
                &out,
                case.window(),
                |x, y| {
                    let px: Vec<Vec<f32>> = want
                        .iter()
                        .map(|&f| sample(&case, &source[f as usize].1, x, y))
                        .collect();
                    models::average(&px)
                },
            )
            .unwrap();
        }
    });
}

#[test]
fn one_frame_is_an_identity() {
    with_effect(FRAME_AVERAGE, Context::Filter, config(), |fx| {
        let case = matrix(&[Depth::F32])[0];
        let source = [("Source", frames(&case))];
        fx.set("frames", &[1.0]);
        assert_eq!(
            fx.is_identity(&case, &source, 3.0),
            Some(("Source".to_owned(), 3.0))
        );
        fx.set("frames", &[2.0]);
        assert_eq!(fx.is_identity(&case, &source, 3.0), None);
    });
}
