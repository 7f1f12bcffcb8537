//! Gain through ofx-host: every depth and component type across the matrix,
//! exact against the model; identity at gain 1; the declared capabilities.

use example_tests::bundles::GAIN;
use example_tests::reference::{check_exact, read_or_black};
use ofx_host::Context;
use ofx_host::Rect;
use ofx_host::image::{Components, Depth, ImageBuffer};

use super::host::{Effect, config, with_effect};
use super::matrix::{Case, matrix, noise, picture, sample};
use super::models::{self, GainSettings};

/// The settings every case renders with: colour only, alpha too, and
/// premultiplied input with an alpha gain.
const SETTINGS: [GainSettings; 3] = [
    GainSettings {
        gain: 1.7,
        channel_gains: [1.0, 0.5, 2.0, 0.8],
        apply_to_alpha: false,
        premultiplied: false,
    },
    GainSettings {
        gain: 0.6,
        channel_gains: [1.2, 1.0, 0.3, 1.5],
        apply_to_alpha: true,
        premultiplied: false,
    },
    GainSettings {
        gain: 1.3,
        channel_gains: [1.0, 0.7, 1.0, 0.5],
        apply_to_alpha: true,
        premultiplied: true,
    },
];

fn set(fx: &mut Effect, s: &GainSettings) {
    fx.set("gain", &[s.gain]);
    fx.set("channelGains", &s.channel_gains);
    fx.set("applyToAlpha", &[f64::from(u8::from(s.apply_to_alpha))]);
    fx.set("premultiplied", &[f64::from(u8::from(s.premultiplied))]);
}

fn check_case(fx: &mut Effect, case: &Case, s: &GainSettings) {
    let src = picture(case, 11);
    let out = fx.render(case, &[("Source", vec![(0.0, src.clone())])], 0.0);
    check_exact(
        &format!("gain {s:?}, {}", case.name()),
        &out,
        case.window(),
        |x, y| models::gain(s, case.components, case.depth, &sample(case, &src, x, y)),
    )
    .unwrap();
}

#[test]
fn matches_the_model_on_every_depth_component_layout_scale_tiling_and_thread_count() {
    with_effect(GAIN, Context::Filter, config(), |fx| {
        for case in matrix(&Depth::ALL) {
            for s in &SETTINGS {
                set(fx, s);
                check_case(fx, &case, s);
            }
        }
    });
}

#[test]
fn large_frames_spread_over_the_host_threads_match_the_model() {
    // Above the plugin's threshold for spreading rows over the host's threads.
    let bounds = Rect::new(-3, 2, 317, 203);
    let window = Rect::new(0, 5, 310, 200);
    with_effect(GAIN, Context::Filter, config(), |fx| {
        for depth in Depth::ALL {
            let case = Case {
                depth,
                ..matrix(&[depth])[0]
            };
            let src = ImageBuffer::from_fn(case.layout(bounds.into()), |x, y| {
                [
                    noise(x, y, 1) * 1.2,
                    noise(x, y, 2),
                    noise(x, y, 3),
                    noise(x, y, 4),
                ]
            });
            let s = &SETTINGS[0];
            set(fx, s);
            let out = fx.render_in(
                &case,
                &[("Source", vec![(0.0, src.clone())])],
                0.0,
                bounds.into(),
                window.into(),
            );
            check_exact(
                &format!("gain, large {}", depth.short_name()),
                &out,
                window.into(),
                |x, y| models::gain(s, case.components, case.depth, &read_or_black(&src, x, y)),
            )
            .unwrap();
        }
    });
}

#[test]
fn is_identity_exactly_when_every_factor_that_applies_is_one() {
    with_effect(GAIN, Context::Filter, config(), |fx| {
        let case = matrix(&[Depth::F32])[0];
        let identity = GainSettings {
            gain: 1.0,
            channel_gains: [1.0, 1.0, 1.0, 3.0],
            apply_to_alpha: false,
            premultiplied: true,
        };
        set(fx, &identity);
        let src = picture(&case, 3);
        let inputs = [("Source", vec![(0.0, src)])];
        assert_eq!(
            fx.is_identity(&case, &inputs, 0.0),
            Some(("Source".to_owned(), 0.0))
        );
        // Alpha's factor now applies: no longer an identity for RGBA.
        set(
            fx,
            &GainSettings {
                apply_to_alpha: true,
                ..identity
            },
        );
        assert_eq!(fx.is_identity(&case, &inputs, 0.0), None);
        set(
            fx,
            &GainSettings {
                gain: 0.5,
                ..identity
            },
        );
        assert_eq!(fx.is_identity(&case, &inputs, 0.0), None);
        // Rendered anyway at an identity, the output is the source, bit for bit.
        set(fx, &identity);
        check_case(fx, &case, &identity);
        assert!(identity.is_identity(Components::Rgba));
    });
}

#[test]
fn declares_tiles_multi_resolution_full_thread_safety_and_every_depth() {
    with_effect(GAIN, Context::Filter, config(), |fx| {
        let d = fx.descriptor();
        assert_eq!(d.get_int("OfxImageEffectPropSupportsTiles", 0), Ok(1));
        assert_eq!(
            d.get_int("OfxImageEffectPropSupportsMultiResolution", 0),
            Ok(1)
        );
        assert_eq!(
            d.get_string("OfxImageEffectPluginRenderThreadSafety", 0)
                .as_deref(),
            Ok("OfxImageEffectRenderFullySafe")
        );
        let depths = d
            .get_string_n("OfxImageEffectPropSupportedPixelDepths")
            .unwrap();
        for want in [
            "OfxBitDepthByte",
            "OfxBitDepthShort",
            "OfxBitDepthHalf",
            "OfxBitDepthFloat",
        ] {
            assert!(
                depths.iter().any(|s| s == want),
                "{want} missing from {depths:?}"
            );
        }
    });
}
