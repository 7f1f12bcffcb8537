//! Invert through ofx-host: every integer and float depth and component
//! type across the matrix, exact against the model.

use example_tests::bundles::INVERT;
use example_tests::reference::check_exact;
use ofx_host::Context;
use ofx_host::image::Depth;

use super::host::{config, with_effect};
use super::matrix::{matrix, picture, sample};
use super::models;

#[test]
fn matches_the_model_on_every_depth_component_layout_scale_tiling_and_thread_count() {
    with_effect(INVERT, Context::Filter, config(), |fx| {
        for case in matrix(&[Depth::U8, Depth::U16, Depth::F32]) {
            let src = picture(&case, 5);
            let out = fx.render(&case, &[("Source", vec![(0.0, src.clone())])], 0.0);
            check_exact(
                &format!("invert, {}", case.name()),
                &out,
                case.window(),
                |x, y| models::invert(case.components, &sample(&case, &src, x, y)),
            )
            .unwrap();
        }
    });
}
