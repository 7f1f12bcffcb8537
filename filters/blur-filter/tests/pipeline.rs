//! The two-pass pipeline of `blur-filter` on its own: the boxes against
//! direct convolution with their own taps, tiles against whole renders,
//! windows far from the source, the error paths, row layouts and the
//! intermediate buffer.

use blur_filter::{
    AxisFilter, BlurError, BlurSpec, Boundary, FilterKind, FracBox, Plan, blur, blur_alloc,
};
use ofx_plugin::geometry::RectI;
use ofx_plugin::pixel::{BitDepth, Component, ImageView, ImageViewMut, Pixel, Rgba};

mod common;
use common::{bits, every_spec, render, render_over, source, value};

/// Direct separable convolution with `taps` (centred) on both axes.
fn convolve(taps: &[f64], boundary: Boundary, bounds: RectI, window: RectI) -> Vec<[f64; 4]> {
    let r = (taps.len() / 2) as i32;
    let at = |x: i32, y: i32| -> [f64; 4] {
        let inside = (bounds.x1..bounds.x2).contains(&x) && (bounds.y1..bounds.y2).contains(&y);
        match (inside, boundary) {
            (true, _) => value(x, y).map(f64::from),
            (false, Boundary::Black) => [0.0; 4],
            (false, Boundary::Clamp) => value(
                x.clamp(bounds.x1, bounds.x2 - 1),
                y.clamp(bounds.y1, bounds.y2 - 1),
            )
            .map(f64::from),
        }
    };
    let mut out = Vec::new();
    for y in window.y1..window.y2 {
        for x in window.x1..window.x2 {
            let mut acc = [0.0; 4];
            for (j, wy) in taps.iter().enumerate() {
                for (i, wx) in taps.iter().enumerate() {
                    let v = at(x + i as i32 - r, y + j as i32 - r);
                    for c in 0..4 {
                        acc[c] += wx * wy * v[c];
                    }
                }
            }
            out.push(acc);
        }
    }
    out
}

/// `a` convolved with `b`.
fn compose(a: &[f64], b: &[f64]) -> Vec<f64> {
    let mut out = vec![0.0; a.len() + b.len() - 1];
    for (i, x) in a.iter().enumerate() {
        for (j, y) in b.iter().enumerate() {
            out[i + j] += x * y;
        }
    }
    out
}

#[test]
fn box_taps_have_the_requested_variance() {
    for sigma in [0.3, 1.0, 1.7, 4.0, 12.5] {
        let b = FracBox::with_variance(sigma * sigma);
        let taps = b.taps();
        let r = (taps.len() / 2) as f64;
        let sum: f64 = taps.iter().sum();
        let var: f64 = taps
            .iter()
            .enumerate()
            .map(|(i, w)| (i as f64 - r).powi(2) * w)
            .sum();
        assert!((sum - 1.0).abs() < 1e-12, "{sigma}: sum {sum}");
        assert!(
            (var - sigma * sigma).abs() < 1e-9,
            "{sigma}: variance {var}"
        );
        assert_eq!(taps.len(), 2 * b.support() + 1);
    }
}

#[test]
fn boxes_equal_direct_convolution_with_their_taps() {
    let bounds = RectI::new(-6, -4, 30, 22);
    let pixels = source(bounds);
    let window = RectI::new(-10, -7, 34, 25);
    for boundary in [Boundary::Black, Boundary::Clamp] {
        for (filter, sigma) in [(FilterKind::Box, 2.3), (FilterKind::TripleBox, 3.1)] {
            let taps = match AxisFilter::new(filter, sigma) {
                AxisFilter::Boxes { boxed, passes } => {
                    let one = boxed.taps();
                    (1..passes).fold(one.clone(), |t, _| compose(&t, &one))
                }
                other => panic!("{other:?}"),
            };
            let spec = BlurSpec {
                filter,
                boundary,
                sigma: [sigma, sigma],
            };
            let got = render(&spec, bounds, &pixels, window);
            let want = convolve(&taps, boundary, bounds, window);
            for (i, (g, w)) in got.iter().zip(&want).enumerate() {
                let g: [f32; 4] = (*g).into();
                for c in 0..4 {
                    assert!(
                        (f64::from(g[c]) - w[c]).abs() < 2e-6,
                        "{filter:?} {boundary:?} pixel {i} channel {c}: {} vs {}",
                        g[c],
                        w[c]
                    );
                }
            }
        }
    }
}

#[test]
fn tiles_match_the_whole_render() {
    let bounds = RectI::new(0, 0, 64, 40);
    let pixels = source(bounds);
    for spec in every_spec([3.5, 2.0]) {
        let whole = render(&spec, bounds, &pixels, bounds);
        for ty in 0..3 {
            for tx in 0..4 {
                let tile = RectI::new(tx * 16, ty * 14, (tx + 1) * 16, ((ty + 1) * 14).min(40));
                let part = render(&spec, bounds, &pixels, tile);
                for y in tile.y1..tile.y2 {
                    for x in tile.x1..tile.x2 {
                        let a: [f32; 4] = part[((y - tile.y1) * 16 + x - tile.x1) as usize].into();
                        let b: [f32; 4] = whole[(y * 64 + x) as usize].into();
                        for c in 0..4 {
                            // The Gaussian's span is cut at its support
                            // (3.2e-5 of the weight per side).
                            assert!(
                                (a[c] - b[c]).abs() < 2e-4,
                                "{:?} {:?} tile ({tx},{ty}) at ({x},{y}): {} vs {}",
                                spec.filter,
                                spec.boundary,
                                a[c],
                                b[c]
                            );
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn windows_far_from_the_source() {
    let bounds = RectI::new(0, 0, 12, 10);
    let pixels = source(bounds);
    let far = RectI::new(200, -50, 210, -44);
    let spec = |boundary| BlurSpec {
        filter: FilterKind::Gaussian,
        boundary,
        sigma: [2.0, 2.0],
    };
    let black = render(&spec(Boundary::Black), bounds, &pixels, far);
    assert!(black.iter().all(|p| *p == Rgba::default()));
    // Clamped: every far pixel sees the source's corner pixel (11, 0).
    let clamp = render(&spec(Boundary::Clamp), bounds, &pixels, far);
    let corner = value(11, 0);
    for p in &clamp {
        let p: [f32; 4] = (*p).into();
        for c in 0..4 {
            assert!((p[c] - corner[c]).abs() < 1e-4, "{p:?} vs {corner:?}");
        }
    }
    // A one-pixel source clamped is that pixel everywhere.
    let one = RectI::new(5, 5, 6, 6);
    let px = [Rgba::new(0.25f32, 0.5, 0.75, 1.0)];
    let out = render(&spec(Boundary::Clamp), one, &px, RectI::new(0, 0, 9, 9));
    assert!(
        out.iter()
            .all(|p| (p.r - 0.25).abs() < 1e-5 && (p.b - 0.75).abs() < 1e-5)
    );
}

#[test]
fn a_zero_size_copies_the_source() {
    let bounds = RectI::new(-3, 2, 17, 13);
    let pixels = source(bounds);
    let spec = BlurSpec {
        filter: FilterKind::Gaussian,
        boundary: Boundary::Black,
        sigma: [0.0, 0.0],
    };
    let window = RectI::new(-5, 0, 19, 15);
    let out = render(&spec, bounds, &pixels, window);
    for y in window.y1..window.y2 {
        for x in window.x1..window.x2 {
            let got = out[((y - window.y1) * 24 + x - window.x1) as usize];
            let inside = (bounds.x1..bounds.x2).contains(&x) && (bounds.y1..bounds.y2).contains(&y);
            let want = if inside {
                Rgba::from(value(x, y))
            } else {
                Rgba::default()
            };
            assert_eq!(got, want, "({x}, {y})");
        }
    }
}

#[test]
fn wrong_calls_and_abort_are_reported() {
    let bounds = RectI::new(0, 0, 20, 20);
    let pixels = source(bounds);
    let src = ImageView::from_slice(&pixels, bounds, 20).unwrap();
    let spec = BlurSpec {
        filter: FilterKind::Gaussian,
        boundary: Boundary::Clamp,
        sigma: [2.0, 2.0],
    };
    let mut out = vec![Rgba::<f32>::default(); 400];
    let mut dst = ImageViewMut::from_slice_mut(&mut out, bounds, 20).unwrap();
    let plan = Plan::new(&spec, bounds, bounds, 4, BitDepth::F32);
    let mut scratch = vec![0.0; plan.scratch_len()];
    assert_eq!(
        blur(&plan, &src, &mut dst, &mut scratch[1..], &|| false),
        Err(BlurError::ScratchTooSmall {
            needed: plan.scratch_len(),
            given: plan.scratch_len() - 1
        })
    );
    assert_eq!(
        blur(&plan, &src, &mut dst, &mut scratch, &|| true),
        Err(BlurError::Aborted)
    );
    let rgb = Plan::new(&spec, bounds, bounds, 3, BitDepth::F32);
    assert_eq!(
        blur(&rgb, &src, &mut dst, &mut scratch, &|| false),
        Err(BlurError::FormatMismatch)
    );
    let bytes = Plan::new(&spec, bounds, bounds, 4, BitDepth::U8);
    assert_eq!(
        blur(&bytes, &src, &mut dst, &mut scratch, &|| false),
        Err(BlurError::FormatMismatch)
    );
    let wide = Plan::new(&spec, RectI::new(0, 0, 21, 20), bounds, 4, BitDepth::F32);
    let mut big = vec![0.0; wide.scratch_len()];
    assert_eq!(
        blur(&wide, &src, &mut dst, &mut big, &|| false),
        Err(BlurError::WindowOutsideDestination)
    );
    assert_eq!(blur(&plan, &src, &mut dst, &mut scratch, &|| false), Ok(()));
}

#[test]
fn non_finite_inputs_read_as_black() {
    let bounds = RectI::new(0, 0, 40, 30);
    let mut pixels = source(bounds);
    let clean = render(
        &BlurSpec {
            filter: FilterKind::Gaussian,
            boundary: Boundary::Clamp,
            sigma: [2.0, 2.0],
        },
        bounds,
        &{
            let mut p = pixels.clone();
            p[5 * 40 + 7] = Rgba::default();
            p[20 * 40 + 39] = Rgba::new(0.0, 1.0, 1.0, 1.0);
            p
        },
        bounds,
    );
    pixels[5 * 40 + 7] = Rgba::new(f32::NAN, f32::INFINITY, f32::NEG_INFINITY, f32::NAN);
    pixels[20 * 40 + 39] = Rgba::new(f32::NAN, 1.0, 1.0, 1.0);
    let spec = BlurSpec {
        filter: FilterKind::Gaussian,
        boundary: Boundary::Clamp,
        sigma: [2.0, 2.0],
    };
    let out = render(&spec, bounds, &pixels, bounds);
    for (i, (a, b)) in out.iter().zip(&clean).enumerate() {
        let a: [f32; 4] = (*a).into();
        assert!(a.iter().all(|v| v.is_finite()), "pixel {i}: {a:?}");
        assert_eq!(a, <[f32; 4]>::from(*b), "pixel {i}");
    }
}

#[test]
fn very_wide_blurs_run_through_both_passes() {
    // Sigma 300 runs the recursion in f64 in both passes: a clamped
    // constant image stays constant, and a black-bordered one keeps its
    // energy (sum over a window wide enough to hold the spread).
    let bounds = RectI::new(0, 0, 24, 16);
    let px = vec![Rgba::new(0.25f32, 0.5, 1.0, 2.0); 24 * 16];
    let clamp = BlurSpec {
        filter: FilterKind::Gaussian,
        boundary: Boundary::Clamp,
        sigma: [300.0, 280.0],
    };
    let out = render(&clamp, bounds, &px, RectI::new(-5, -7, 30, 20));
    for p in &out {
        assert!(
            (p.r - 0.25).abs() < 1e-5 && (p.a - 2.0).abs() < 1e-4,
            "{p:?}"
        );
    }
    let black = BlurSpec {
        boundary: Boundary::Black,
        sigma: [3.0, 260.0],
        ..clamp
    };
    let window = RectI::new(-20, -1300, 44, 1316);
    let out = render(&black, bounds, &px, window);
    let total: f64 = out.iter().map(|p| f64::from(p.r)).sum();
    let want = 0.25 * 24.0 * 16.0;
    assert!((total - want).abs() / want < 1e-3, "{total} vs {want}");
}

#[test]
fn row_order_and_padding_do_not_change_the_result() {
    // The same picture stored bottom-up, top-down (negative stride) and with
    // padded rows, in and out, gives the same pixels.
    let bounds = RectI::new(-7, 3, 29, 24);
    let (w, h) = (bounds.width() as usize, bounds.height() as usize);
    let window = RectI::new(-9, 0, 31, 26);
    let (ww, wh) = (window.width() as usize, window.height() as usize);
    let spec = BlurSpec {
        filter: FilterKind::Gaussian,
        boundary: Boundary::Clamp,
        sigma: [2.5, 1.5],
    };
    let reference = render(&spec, bounds, &source(bounds), window);
    for (stride, pad) in [(-1isize, 0usize), (1, 5), (-1, 3)] {
        let sw = w + pad;
        // Row y of the picture goes to slot (y - y1) bottom-up, or
        // (y2 - 1 - y) top-down.
        let slot = |y: i32, rows: usize, y1: i32| -> usize {
            if stride > 0 {
                (y - y1) as usize
            } else {
                rows - 1 - (y - y1) as usize
            }
        };
        let mut pixels = vec![Rgba::new(7.0f32, 7.0, 7.0, 7.0); sw * h];
        for y in bounds.y1..bounds.y2 {
            for x in bounds.x1..bounds.x2 {
                pixels[slot(y, h, bounds.y1) * sw + (x - bounds.x1) as usize] =
                    Rgba::from(value(x, y));
            }
        }
        let src = ImageView::from_slice(&pixels, bounds, stride * sw as isize).unwrap();
        let dw = ww + pad;
        let mut out = vec![Rgba::<f32>::default(); dw * wh];
        let mut dst = ImageViewMut::from_slice_mut(&mut out, window, stride * dw as isize).unwrap();
        blur_alloc(&spec, window, &src, &mut dst).unwrap();
        for y in window.y1..window.y2 {
            for x in window.x1..window.x2 {
                let got = out[slot(y, wh, window.y1) * dw + (x - window.x1) as usize];
                let want = reference[(y - window.y1) as usize * ww + (x - window.x1) as usize];
                assert_eq!(got, want, "stride {stride} pad {pad} at ({x}, {y})");
            }
        }
        // Padding untouched.
        for row in 0..wh {
            assert!(
                out[row * dw + ww..(row + 1) * dw]
                    .iter()
                    .all(|p| *p == Rgba::default())
            );
        }
    }
}

#[test]
fn scratch_contents_do_not_matter() {
    // The plugin keeps its scratch between renders without clearing it: the
    // passes must write every float before reading it. Garbage (NaN) in the
    // scratch must give the same bits as zeros.
    let bounds = RectI::new(-3, 2, 70, 41);
    let pixels = source(bounds);
    for window in [RectI::new(0, 0, 60, 40), RectI::new(-10, 5, 80, 30)] {
        for spec in every_spec([3.5, 1.5]) {
            let clean = render_over(0.0, &spec, bounds, &pixels, window);
            let dirty = render_over(f32::NAN, &spec, bounds, &pixels, window);
            assert_eq!(bits(&clean), bits(&dirty), "{spec:?} {window:?}");
        }
    }
}

#[test]
fn eight_bit_sources_go_through_a_16_bit_intermediate_buffer() {
    // The buffer's u16 form, read back as the vertical pass does (by a
    // multiplication), is within half a step of the clamped value.
    for i in -20..=1020 {
        let v = i as f32 / 1000.0;
        let back = u16::from_f32(v).to_units() * (1.0 / 65535.0);
        assert!(
            (back - v.clamp(0.0, 1.0)).abs() <= 0.5 / 65535.0 + 1e-7,
            "{v} -> {back}"
        );
    }
    assert_eq!(u16::from_f32(f32::NAN), 0);

    // The buffer takes half the memory, and a u8 blur given exactly the
    // scratch its plan asks for matches the f32 blur of the same pixels to
    // within the 8-bit rounding and half a 16-bit step per pass.
    let bounds = RectI::new(-3, 2, 61, 45);
    let window = RectI::new(-6, 0, 64, 47);
    for filter in [FilterKind::Gaussian, FilterKind::Box, FilterKind::TripleBox] {
        let spec = BlurSpec {
            filter,
            boundary: Boundary::Clamp,
            sigma: [4.0, 3.0],
        };
        let wide = Plan::new(&spec, window, bounds, 4, BitDepth::F32);
        let narrow = Plan::new(&spec, window, bounds, 4, BitDepth::U8);
        assert!(narrow.scratch_len() < wide.scratch_len());
        let bytes: Vec<Rgba<u8>> = source(bounds)
            .iter()
            .map(|p| Rgba::<u8>::from_f32(*p))
            .collect();
        let floats: Vec<Rgba<f32>> = bytes.iter().map(|p| p.to_f32()).collect();
        let want = render(&spec, bounds, &floats, window);
        let src = ImageView::from_slice(&bytes, bounds, bounds.width() as isize).unwrap();
        let run = || {
            let w = window.width() as usize;
            let mut out = vec![Rgba::<u8>::default(); w * window.height() as usize];
            let mut dst = ImageViewMut::from_slice_mut(&mut out, window, w as isize).unwrap();
            let mut scratch = vec![f32::NAN; narrow.scratch_len()];
            blur(&narrow, &src, &mut dst, &mut scratch, &|| false).unwrap();
            out
        };
        let out = run();
        for (i, (got, want)) in out.iter().zip(&want).enumerate() {
            for (g, e) in got.channels().iter().zip(want.channels()) {
                let e = e.clamp(0.0, 1.0);
                assert!(
                    (g.to_f32() - e).abs() <= 0.5 / 255.0 + 2e-5,
                    "{filter:?} pixel {i}: {got:?} against {want:?}"
                );
            }
        }
    }
}
