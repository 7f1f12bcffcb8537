//! Accuracy of the blur filters against direct convolution with the sampled
//! Gaussian, measured (issue 5, §4): for sigma 1 to 100 the recursive
//! Gaussian's worst-case error on any image with values in [0, 1] is at
//! most 0.5% of white, its effective sigma is within 2%, and its energy is
//! kept within 0.1%. The box filters are measured too, with the looser
//! bounds their documentation states.

use blur_filter::{AxisFilter, BlurSpec, Boundary, FilterKind, blur_alloc};
use ofx_plugin::geometry::RectI;
use ofx_plugin::pixel::{Alpha, ImageView, ImageViewMut, Pixel, Rgb, Rgba};

const SIGMAS: [f64; 14] = [
    1.0, 1.5, 2.0, 3.0, 5.0, 8.0, 13.0, 20.0, 30.0, 45.0, 60.0, 75.0, 90.0, 100.0,
];

/// The sampled Gaussian, normalised to sum 1, for offsets `-r..=r`.
fn gaussian(sigma: f64, r: usize) -> Vec<f64> {
    let g: Vec<f64> = (-(r as i64)..=r as i64)
        .map(|k| (-((k * k) as f64) / (2.0 * sigma * sigma)).exp())
        .collect();
    let s: f64 = g.iter().sum();
    g.into_iter().map(|v| v / s).collect()
}

/// What one filter does to a unit impulse, compared with the Gaussian.
struct Measure {
    /// max(sum of positive, sum of negative differences): the largest error
    /// the filter can make on a line with values in [0, 1].
    worst_1d: f64,
    /// Sum of the impulse response.
    energy: f64,
    /// Standard deviation of the impulse response over sigma.
    sigma_ratio: f64,
}

fn measure(kind: FilterKind, sigma: f64) -> Measure {
    let r = (10.0 * sigma).ceil() as usize + 10;
    let n = 2 * r + 1;
    let mut line = vec![0.0f32; n];
    line[r] = 1.0;
    AxisFilter::new(kind, sigma).filter_scalar(&mut line, true, true);
    let g = gaussian(sigma, r);
    let (mut pos, mut neg, mut energy, mut m2) = (0.0, 0.0, 0.0, 0.0);
    for (i, (&h, &g)) in line.iter().zip(&g).enumerate() {
        let d = f64::from(h) - g;
        if d > 0.0 {
            pos += d;
        } else {
            neg -= d;
        }
        let k = i as f64 - r as f64;
        energy += f64::from(h);
        m2 += k * k * f64::from(h);
    }
    Measure {
        worst_1d: pos.max(neg),
        energy,
        sigma_ratio: (m2 / energy).sqrt() / sigma,
    }
}

#[test]
fn gaussian_meets_the_accuracy_targets_for_sigma_1_to_100() {
    let mut worst: f64 = 0.0;
    for sigma in SIGMAS {
        let m = measure(FilterKind::Gaussian, sigma);
        // A separable 2D error is at most the sum of the two 1D errors.
        let worst_2d = 2.0 * m.worst_1d;
        eprintln!(
            "gaussian sigma {sigma:5.1}: worst-case 2D error {:.4}% of white, energy {:.6}, sigma ratio {:.5}",
            100.0 * worst_2d,
            m.energy,
            m.sigma_ratio
        );
        assert!(worst_2d <= 0.005, "sigma {sigma}: worst error {worst_2d}");
        assert!(
            (m.energy - 1.0).abs() <= 0.001,
            "sigma {sigma}: energy {}",
            m.energy
        );
        assert!(
            (m.sigma_ratio - 1.0).abs() <= 0.02,
            "sigma {sigma}: ratio {}",
            m.sigma_ratio
        );
        worst = worst.max(worst_2d);
    }
    // The documented figure in the filter module: well inside the target.
    assert!(worst <= 0.002, "worst {worst}");
}

#[test]
fn box_filters_are_looser_by_the_documented_amount() {
    for (kind, bound) in [(FilterKind::Box, 0.41), (FilterKind::TripleBox, 0.056)] {
        let mut worst: f64 = 0.0;
        for sigma in SIGMAS {
            let m = measure(kind, sigma);
            assert!(
                (m.energy - 1.0).abs() <= 1e-4,
                "{kind:?} {sigma}: {}",
                m.energy
            );
            // Variance-matched: the effective sigma is exact up to rounding.
            assert!(
                (m.sigma_ratio - 1.0).abs() <= 1e-3,
                "{kind:?} {sigma}: {}",
                m.sigma_ratio
            );
            worst = worst.max(2.0 * m.worst_1d);
        }
        eprintln!(
            "{kind:?}: worst-case 2D error against the Gaussian {:.2}% of white",
            100.0 * worst
        );
        assert!(worst <= bound, "{kind:?}: {worst}");
    }
}

#[test]
fn long_lines_do_not_drift() {
    // A constant line stays constant, and a ramp stays a ramp away from its
    // ends, at every sigma, over a line longer than an 8K row.
    let n = 9000;
    for kind in [FilterKind::Gaussian, FilterKind::Box, FilterKind::TripleBox] {
        for sigma in [1.0, 30.0, 100.0] {
            let mut line = vec![0.7f32; n];
            AxisFilter::new(kind, sigma).filter_scalar(&mut line, false, false);
            let e = line.iter().map(|v| (v - 0.7).abs()).fold(0.0, f32::max);
            // A bias of f32 rounding amplified by the feedback gain, at most
            // about 1e-4 of the value at sigma 100; it does not grow.
            assert!(e < 1.5e-4, "{kind:?} {sigma}: constant line moved by {e}");
            let mut ramp: Vec<f32> = (0..n).map(|i| i as f32 / n as f32).collect();
            AxisFilter::new(kind, sigma).filter_scalar(&mut ramp, false, false);
            let r = (6.0 * sigma) as usize;
            for (i, v) in ramp.iter().enumerate().take(n - r).skip(r) {
                let want = i as f32 / n as f32;
                assert!(
                    (v - want).abs() < 2e-4,
                    "{kind:?} {sigma} at {i}: {v} vs {want}"
                );
            }
        }
    }
}

/// A deterministic test picture: noise, a hard edge and a bright square.
fn picture(x: i32, y: i32) -> [f32; 4] {
    let mut s = (x as u32).wrapping_mul(747_796_405) ^ (y as u32).wrapping_mul(2_891_336_453);
    s ^= s >> 13;
    s = s.wrapping_mul(0x5bd1_e995);
    s ^= s >> 15;
    let noise = (s & 0xffff) as f32 / 65535.0;
    let edge = if x > 17 { 1.0 } else { 0.0 };
    let square = if (5..12).contains(&x) && (-3..6).contains(&y) {
        1.0
    } else {
        0.0
    };
    [noise, edge, square, 0.5 * noise + 0.5 * edge]
}

/// The picture extended beyond `bounds` by the boundary.
fn extended(boundary: Boundary, bounds: RectI, x: i32, y: i32) -> [f32; 4] {
    let inside = (bounds.x1..bounds.x2).contains(&x) && (bounds.y1..bounds.y2).contains(&y);
    match (inside, boundary) {
        (true, _) => picture(x, y),
        (false, Boundary::Black) => [0.0; 4],
        (false, Boundary::Clamp) => picture(
            x.clamp(bounds.x1, bounds.x2 - 1),
            y.clamp(bounds.y1, bounds.y2 - 1),
        ),
    }
}

/// Direct convolution of the extended picture with the sampled Gaussian
/// (to 8 sigma), over `window`: rows first, then columns, in `f64`.
fn reference(sigma: [f64; 2], boundary: Boundary, bounds: RectI, window: RectI) -> Vec<[f32; 4]> {
    let rx = (8.0 * sigma[0]).ceil() as i32;
    let ry = (8.0 * sigma[1]).ceil() as i32;
    let gx = gaussian(sigma[0].max(1e-9), rx as usize);
    let gy = gaussian(sigma[1].max(1e-9), ry as usize);
    let ww = window.width() as usize;
    let rows: Vec<Vec<[f64; 4]>> = (window.y1 - ry..window.y2 + ry)
        .map(|y| {
            (window.x1..window.x2)
                .map(|x| {
                    let mut acc = [0.0f64; 4];
                    for (i, w) in gx.iter().enumerate() {
                        let v = extended(boundary, bounds, x + i as i32 - rx, y);
                        for c in 0..4 {
                            acc[c] += w * f64::from(v[c]);
                        }
                    }
                    acc
                })
                .collect()
        })
        .collect();
    let mut out = Vec::with_capacity(ww * window.height() as usize);
    for y in 0..window.height() as usize {
        let mut acc = vec![[0.0f64; 4]; ww];
        for (w, row) in gy.iter().zip(&rows[y..]) {
            for (a, v) in acc.iter_mut().zip(row) {
                for c in 0..4 {
                    a[c] += w * v[c];
                }
            }
        }
        out.extend(acc.iter().map(|a| a.map(|v| v as f32)));
    }
    out
}

/// Renders `window` of the blurred picture (source over `bounds`) as
/// `Rgba<f32>` and returns the largest error against the direct convolution.
fn max_error_f32(sigma: [f64; 2], boundary: Boundary, bounds: RectI, window: RectI) -> f32 {
    let w = bounds.width() as usize;
    let src: Vec<Rgba<f32>> = (bounds.y1..bounds.y2)
        .flat_map(|y| (bounds.x1..bounds.x2).map(move |x| Rgba::from(picture(x, y))))
        .collect();
    let src = ImageView::from_slice(&src, bounds, w as isize).unwrap();
    let ww = window.width() as usize;
    let mut out = vec![Rgba::new(9.0f32, 9.0, 9.0, 9.0); ww * window.height() as usize];
    let mut dst = ImageViewMut::from_slice_mut(&mut out, window, ww as isize).unwrap();
    let spec = BlurSpec {
        filter: FilterKind::Gaussian,
        boundary,
        sigma,
    };
    blur_alloc(&spec, window, &src, &mut dst).unwrap();
    let want = reference(sigma, boundary, bounds, window);
    let mut worst: f32 = 0.0;
    for (got, want) in out.iter().zip(&want) {
        let got: [f32; 4] = (*got).into();
        for c in 0..4 {
            worst = worst.max((got[c] - want[c]).abs());
        }
    }
    worst
}

#[test]
fn gaussian_images_match_direct_convolution() {
    let bounds = RectI::new(-13, -9, 47, 31);
    for boundary in [Boundary::Black, Boundary::Clamp] {
        for sigma in [[1.0, 1.0], [2.5, 0.0], [0.0, 3.0], [4.0, 1.5], [9.0, 7.0]] {
            // The window covers the source and reaches beyond it.
            let window = RectI::new(-20, -15, 52, 36);
            let e = max_error_f32(sigma, boundary, bounds, window);
            assert!(e <= 0.005, "{boundary:?} {sigma:?}: {e}");
        }
    }
}

#[test]
fn windows_inside_the_source_match_direct_convolution() {
    // Tiles of the window: the source extends beyond their support on some
    // sides, so the span is cut at the support.
    let bounds = RectI::new(0, 0, 90, 70);
    for boundary in [Boundary::Black, Boundary::Clamp] {
        for window in [
            RectI::new(30, 25, 61, 44),
            RectI::new(0, 0, 13, 9),
            RectI::new(77, 60, 90, 70),
        ] {
            let e = max_error_f32([5.0, 3.5], boundary, bounds, window);
            assert!(e <= 0.005, "{boundary:?} {window:?}: {e}");
        }
    }
}

#[test]
fn large_sigma_image_matches_direct_convolution() {
    let bounds = RectI::new(0, 0, 64, 48);
    let window = RectI::new(-10, -10, 74, 58);
    for boundary in [Boundary::Black, Boundary::Clamp] {
        let e = max_error_f32([25.0, 40.0], boundary, bounds, window);
        assert!(e <= 0.005, "{boundary:?}: {e}");
    }
}

/// The picture as pixels of type `P` (channel `c` of `P` is channel
/// `c % 4` of the picture), blurred over `window`, back in `f32`.
fn blur_as<P: Pixel>(spec: &BlurSpec, bounds: RectI, window: RectI) -> Vec<P::F32> {
    let w = bounds.width() as usize;
    let src: Vec<P> = (bounds.y1..bounds.y2)
        .flat_map(|y| {
            (bounds.x1..bounds.x2).map(move |x| {
                let v = picture(x, y);
                let mut f = <P::F32 as Default>::default();
                for (c, slot) in f.channels_mut().iter_mut().enumerate() {
                    *slot = v[c % 4];
                }
                P::from_f32(f)
            })
        })
        .collect();
    let src = ImageView::from_slice(&src, bounds, w as isize).unwrap();
    let ww = window.width() as usize;
    let mut out = vec![P::default(); ww * window.height() as usize];
    let mut dst = ImageViewMut::from_slice_mut(&mut out, window, ww as isize).unwrap();
    blur_alloc(spec, window, &src, &mut dst).unwrap();
    out.into_iter().map(Pixel::to_f32).collect()
}

#[test]
fn every_component_type_blurs_alike() {
    let bounds = RectI::new(-5, 3, 40, 30);
    let window = RectI::new(-8, 0, 43, 33);
    for filter in [FilterKind::Gaussian, FilterKind::Box, FilterKind::TripleBox] {
        for boundary in [Boundary::Black, Boundary::Clamp] {
            let spec = BlurSpec {
                filter,
                boundary,
                sigma: [3.0, 2.0],
            };
            let f = blur_as::<Rgba<f32>>(&spec, bounds, window);
            // Integer types clamp to [0, 1]: the Gaussian undershoots zero by
            // a few 1e-5 next to hard edges.
            let compare = |other: Vec<Vec<f32>>, tol: f32, name: &str| {
                let clamp = name == "u8" || name == "u16";
                for (i, (a, b)) in f.iter().zip(&other).enumerate() {
                    for (c, v) in b.iter().enumerate() {
                        let want = a.channels()[c % 4];
                        let want = if clamp { want.clamp(0.0, 1.0) } else { want };
                        assert!(
                            (want - v).abs() <= tol,
                            "{name} {filter:?} {boundary:?} pixel {i} channel {c}: {v} vs {want}"
                        );
                    }
                }
            };
            compare(
                blur_as::<Rgba<u8>>(&spec, bounds, window)
                    .iter()
                    .map(|p| p.channels().to_vec())
                    .collect(),
                1.0 / 255.0,
                "u8",
            );
            compare(
                blur_as::<Rgb<u16>>(&spec, bounds, window)
                    .iter()
                    .map(|p| p.channels().to_vec())
                    .collect(),
                1.0 / 65535.0 + 1e-5,
                "u16",
            );
            compare(
                blur_as::<Alpha<f32>>(&spec, bounds, window)
                    .iter()
                    .map(|p| p.channels().to_vec())
                    .collect(),
                1e-6,
                "alpha",
            );
            compare(
                blur_as::<Rgb<ofx_plugin::pixel::f16>>(&spec, bounds, window)
                    .iter()
                    .map(|p| p.channels().to_vec())
                    .collect(),
                2e-3,
                "f16",
            );
        }
    }
}

#[test]
fn very_wide_gaussians_stay_accurate() {
    // Beyond the f32 range of the recursion (WIDE_SIGMA) it runs in f64:
    // a constant stays constant and a step reaches Phi(1) one sigma in.
    const PHI_1: f32 = 0.841_344_7;
    for sigma in [150.0, 249.0, 251.0, 1000.0, 3000.0, 10_000.0] {
        let n = 60_000;
        let f = AxisFilter::new(FilterKind::Gaussian, sigma);
        let mut flat = vec![0.5f32; n];
        f.filter_scalar(&mut flat, false, false);
        let e = flat.iter().map(|v| (v - 0.5).abs()).fold(0.0, f32::max);
        assert!(e <= 0.5 * 0.001, "sigma {sigma}: constant moved by {e}");
        let mut step: Vec<f32> = (0..n).map(|i| if i >= n / 2 { 1.0 } else { 0.0 }).collect();
        f.filter_scalar(&mut step, false, false);
        let at = step[n / 2 + sigma as usize];
        assert!(
            (at - PHI_1).abs() <= 0.005,
            "sigma {sigma}: {at} one sigma into the step"
        );
    }
}

#[test]
fn running_sums_stay_exact_next_to_hdr_highlights() {
    // Highlights of 1000 followed by a long dark stretch near 1e-3: a
    // running sum in f32 (even compensated) leaves errors of 1e-5 behind,
    // 100% of the dark values; the boxes' f64 sums keep f32 precision.
    let n = 20_000;
    let mut s = 12_345u32;
    let x: Vec<f32> = (0..n)
        .map(|i| {
            s ^= s << 13;
            s ^= s >> 17;
            s ^= s << 5;
            if s.is_multiple_of(97) && i < n / 2 {
                1000.0 + (s % 1000) as f32
            } else {
                1e-3 * (s % 1000) as f32 / 1000.0 + 1e-6
            }
        })
        .collect();
    for kind in [FilterKind::Box, FilterKind::TripleBox] {
        for sigma in [1.0, 2.0, 5.0] {
            let f = AxisFilter::new(kind, sigma);
            let AxisFilter::Boxes { boxed, passes } = f else {
                panic!("{f:?}")
            };
            let one = boxed.taps();
            let mut taps = one.clone();
            for _ in 1..passes {
                let mut t = vec![0.0; taps.len() + one.len() - 1];
                for (i, a) in taps.iter().enumerate() {
                    for (j, b) in one.iter().enumerate() {
                        t[i + j] += a * b;
                    }
                }
                taps = t;
            }
            let r = taps.len() / 2;
            let mut y = x.clone();
            f.filter_scalar(&mut y, false, false);
            for i in r..n - r {
                let want: f64 = taps
                    .iter()
                    .enumerate()
                    .map(|(k, w)| w * f64::from(x[i + k - r]))
                    .sum();
                let rel = (f64::from(y[i]) - want).abs() / want;
                assert!(
                    rel < 1e-6,
                    "{kind:?} sigma {sigma} at {i}: {} vs {want}",
                    y[i]
                );
            }
        }
    }
}
