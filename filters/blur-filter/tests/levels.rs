//! The blur on every instruction set [`simd::run`] can take, against the
//! widest one. A test binary of its own: [`simd::limit`] lowers the level
//! on every thread of the process, which would change the bits of other
//! tests' renders running meanwhile.

use blur_filter::{BlurSpec, Boundary, FilterKind, Plan, blur};
use ofx_plugin::geometry::RectI;
use ofx_plugin::pixel::{BitDepth, ImageView, ImageViewMut, Pixel, Rgba};
use ofx_plugin::simd::{self, Level};

mod common;
use common::{bits, every_spec, render, source};

/// Whether the Gaussian's recursion at `cap` fuses its multiply-adds as
/// at the widest level: then the two give the same bits.
fn fused_like_widest(cap: Level) -> bool {
    simd::ceiling().min(cap).has_fma() == simd::ceiling().has_fma()
}

/// Held by the tests that lower the instruction set with [`simd::limit`]
/// (which lowers it on every thread), so that one's renders at the widest
/// level are not another's at a narrower one.
static LEVELS: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn levels() -> std::sync::MutexGuard<'static, ()> {
    LEVELS.lock().unwrap_or_else(|e| e.into_inner())
}

/// Asserts that `a` and `b` are within `tol` of each other, component by
/// component.
fn assert_close(a: &[Rgba<f32>], b: &[Rgba<f32>], tol: f32, what: &str) {
    assert_eq!(a.len(), b.len());
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        for (u, v) in x.channels().iter().zip(y.channels()) {
            assert!(
                (u - v).abs() <= tol,
                "{what}: pixel {i}: {x:?} against {y:?}"
            );
        }
    }
}

#[test]
fn every_instruction_set_gives_the_same_bits() {
    // Every filter and both boundaries: the AVX2 and AVX-512 builds (taken
    // when the CPU has them) widen the vectors, and the AVX-512 one runs the
    // recursion on sixteen lanes at once instead of two runs of eight, but
    // none may change a single rounding. Levels without fused multiply-adds
    // (the x86-64 baseline) run the Gaussian's recursion unfused: within
    // rounding of the fused result, and not further.
    let _levels = levels();
    let bounds = RectI::new(-3, 2, 150, 97);
    let pixels = source(bounds);
    let window = RectI::new(0, 0, 140, 90);
    // `shows`: whether fusing must change some rounding of the result.
    let compare = |spec: &BlurSpec, cap: Level, shows: bool| {
        let widest = render(spec, bounds, &pixels, window);
        assert!(widest.iter().any(|p| p.r != 0.0), "something was rendered");
        let narrow = simd::limit(cap, || render(spec, bounds, &pixels, window));
        if fused_like_widest(cap) || spec.filter != FilterKind::Gaussian {
            assert_eq!(bits(&widest), bits(&narrow), "{spec:?} {cap:?}");
        } else {
            assert_close(&widest, &narrow, 2e-6, &format!("{spec:?} {cap:?}"));
            // And the widest level did fuse: some rounding differs.
            if shows {
                assert_ne!(bits(&widest), bits(&narrow), "{spec:?} {cap:?}");
            }
        }
    };
    for spec in every_spec([4.5, 2.0]) {
        for cap in [Level::Avx2, Level::Baseline] {
            compare(&spec, cap, true);
        }
    }
    // The wide-sigma (f64) recursion too, whose fused and unfused results
    // may round to the same `f32`s.
    let spec = BlurSpec {
        filter: FilterKind::Gaussian,
        boundary: Boundary::Clamp,
        sigma: [300.0, 260.0],
    };
    compare(&spec, Level::Baseline, false);
}

#[test]
fn eight_bit_blurs_agree_on_every_instruction_set() {
    let _levels = levels();
    let bounds = RectI::new(-3, 2, 61, 45);
    let window = RectI::new(-6, 0, 64, 47);
    let bytes: Vec<Rgba<u8>> = source(bounds)
        .iter()
        .map(|p| Rgba::<u8>::from_f32(*p))
        .collect();
    let src = ImageView::from_slice(&bytes, bounds, bounds.width() as isize).unwrap();
    for filter in [FilterKind::Gaussian, FilterKind::Box, FilterKind::TripleBox] {
        let spec = BlurSpec {
            filter,
            boundary: Boundary::Clamp,
            sigma: [4.0, 3.0],
        };
        let plan = Plan::new(&spec, window, bounds, 4, BitDepth::U8);
        let run = || {
            let w = window.width() as usize;
            let mut out = vec![Rgba::<u8>::default(); w * window.height() as usize];
            let mut dst = ImageViewMut::from_slice_mut(&mut out, window, w as isize).unwrap();
            let mut scratch = vec![f32::NAN; plan.scratch_len()];
            blur(&plan, &src, &mut dst, &mut scratch, &|| false).unwrap();
            out
        };
        let out = run();
        for cap in [Level::Avx2, Level::Baseline] {
            let narrow = simd::limit(cap, run);
            if fused_like_widest(cap) || filter != FilterKind::Gaussian {
                assert_eq!(out, narrow, "{filter:?}: widest and {cap:?}");
            } else {
                // Unfused, a component may round to the next 8-bit level.
                for (a, b) in out.iter().zip(&narrow) {
                    for (u, v) in a.channels().iter().zip(b.channels()) {
                        assert!(
                            u.abs_diff(*v) <= 1,
                            "{filter:?} {cap:?}: {a:?} against {b:?}"
                        );
                    }
                }
            }
        }
    }
}
