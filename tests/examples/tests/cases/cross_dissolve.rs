//! Cross Dissolve through ofx-host: the transition context, its two clips
//! and its Transition parameter.

use example_tests::bundles::CROSS_DISSOLVE;
use example_tests::reference::check_exact;
use ofx_host::Context;
use ofx_host::image::Depth;

use super::host::{config, with_effect};
use super::matrix::{matrix, picture, sample};
use super::models;

#[test]
fn matches_the_model_on_every_depth_component_layout_scale_tiling_and_thread_count() {
    with_effect(CROSS_DISSOLVE, Context::Transition, config(), |fx| {
        let t = 0.3;
        fx.set("Transition", &[t]);
        for case in matrix(&[Depth::U8, Depth::U16, Depth::F32]) {
            let from = picture(&case, 21);
            let to = picture(&case, 22);
            let inputs = [
                ("SourceFrom", vec![(0.0, from.clone())]),
                ("SourceTo", vec![(0.0, to.clone())]),
            ];
            let out = fx.render(&case, &inputs, 0.0);
            check_exact(
                &format!("dissolve, {}", case.name()),
                &out,
                case.window(),
                |x, y| models::dissolve(&sample(&case, &from, x, y), &sample(&case, &to, x, y), t),
            )
            .unwrap();
        }
    });
}

#[test]
fn is_an_identity_of_either_clip_at_the_ends_only() {
    with_effect(CROSS_DISSOLVE, Context::Transition, config(), |fx| {
        let case = matrix(&[Depth::F32])[0];
        let inputs = [
            ("SourceFrom", vec![(0.0, picture(&case, 1))]),
            ("SourceTo", vec![(0.0, picture(&case, 2))]),
        ];
        for (t, want) in [
            (0.0, Some("SourceFrom")),
            (0.5, None),
            (1.0, Some("SourceTo")),
        ] {
            fx.set("Transition", &[t]);
            let got = fx.is_identity(&case, &inputs, 0.0);
            assert_eq!(got, want.map(|c| (c.to_owned(), 0.0)), "transition {t}");
        }
    });
}
