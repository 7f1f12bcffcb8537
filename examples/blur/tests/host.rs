//! The blur plugin through ofx-host over the C ABI: the plugin's exported
//! `OfxGetPlugin`/`OfxSetHost` are handed to an in-process session, which
//! drives describe, instance creation, parameters, regions and render like
//! any host would.
//!
//! Every output pixel is compared with a direct convolution, computed here
//! in `f64`, with the sampled Gaussian of the same standard deviation, over
//! the source image the plugin was given (the frame at the render scale),
//! extended by the boundary choice. The stated tolerance is 0.2% of white
//! plus the output depth's rounding (half a step for 8 and 16 bits, one
//! half-float ulp near 1), where the filter's own worst case is 0.08%
//! (`filters/blur-filter/tests/accuracy.rs`).
//!
//! The matrix is ofx-host's [`layout_matrix`]: depths x components x row
//! layouts (bottom-up, top-down, padded) x bounds (at the origin, offset) x
//! render scale (1, 0.5) x whole/tiled x 1/2 threads, with the boundary
//! taking turns.

use ofx_host::ClipName;
use ofx_host::Context;
use ofx_host::Rect;
use ofx_host::driver::{
    Backend, GpuOffer, HostConfig, InputBounds, InputLayout, Instance, RenderRequest, Session,
};
use ofx_host::image::{Components, Depth, ImageBuffer, Layout};
use ofx_host::log::ViolationKind;
use ofx_host::matrix::{LayoutCase, Rows, layout_matrix};
use ofx_host::param_values::ParamValue;
use ofx_sys::{OfxPointD, OfxRectI};

const ID: &str = "org.ofx-rs.examples.Blur";
/// The full-resolution frame is 48 x 36 pixels.
const W: i32 = 48;
const H: i32 = 36;

/// The frame's value at full-resolution pixel `(x, y)`, relative to its
/// corner: constant on aligned 2 x 2 blocks, so a half-resolution source
/// is unambiguous.
fn picture(x: i32, y: i32) -> [f32; 4] {
    let (bx, by) = (x.div_euclid(2) as u32, y.div_euclid(2) as u32);
    let mut s = bx.wrapping_mul(0x9e37_79b9) ^ by.wrapping_mul(0x85eb_ca6b);
    s ^= s >> 15;
    s = s.wrapping_mul(0x2c1b_3c6d);
    s ^= s >> 12;
    let noise = (s & 0xffff) as f32 / 65535.0;
    let edge = if bx > 9 { 1.0 } else { 0.0 };
    let square = if (3..8).contains(&bx) && (4..10).contains(&by) {
        0.9
    } else {
        0.1
    };
    [noise, edge, square, 0.25 + 0.5 * noise]
}

/// The sampled Gaussian, normalised, for offsets `-r..=r`.
fn gaussian(sigma: f64, r: i32) -> Vec<f64> {
    let g: Vec<f64> = (-r..=r)
        .map(|k| (-f64::from(k * k) / (2.0 * sigma * sigma)).exp())
        .collect();
    let s: f64 = g.iter().sum();
    g.into_iter().map(|v| v / s).collect()
}

/// One render: a layout of the matrix and the boundary choice.
#[derive(Clone, Copy, Debug)]
struct Case {
    layout: LayoutCase,
    clamp: bool,
}

impl Case {
    /// A case of the default layout (RGBA float, scale 1, one action),
    /// with the frame at the origin or offset.
    fn plain(offset: bool, clamp: bool) -> Case {
        Case {
            layout: LayoutCase {
                offset,
                ..LayoutCase::default()
            },
            clamp,
        }
    }

    /// The frame's full-resolution bounds.
    fn frame_bounds(&self) -> OfxRectI {
        self.layout.frame_bounds(W, H)
    }

    /// The frame at the case's depth and components.
    fn frame(&self) -> ImageBuffer {
        let b = self.frame_bounds();
        ImageBuffer::from_fn(
            Layout::packed(b, self.layout.depth, self.layout.components),
            move |x, y| picture(x - b.x1, y - b.y1),
        )
    }

    /// The source bounds at the render scale (the offsets are even).
    fn source_bounds(&self) -> OfxRectI {
        self.layout.scaled(self.frame_bounds())
    }

    /// The source value at source pixel `(x, y)`, extended by the boundary.
    fn source(&self, frame: &ImageBuffer, x: i32, y: i32) -> [f64; 4] {
        let b = self.source_bounds();
        let inside = (b.x1..b.x2).contains(&x) && (b.y1..b.y2).contains(&y);
        let (x, y) = match (inside, self.clamp) {
            (true, _) => (x, y),
            (false, true) => (x.clamp(b.x1, b.x2 - 1), y.clamp(b.y1, b.y2 - 1)),
            (false, false) => return [0.0; 4],
        };
        let (fx, fy) = self.layout.frame_pixel(x, y);
        let v = frame.get(fx, fy).expect("inside the frame");
        v.map(f64::from)
    }
}

/// The direct convolution of the source over `window`, as RGBA (then cut
/// to the components by the comparison).
fn reference(case: &Case, frame: &ImageBuffer, sigma: [f64; 2], window: OfxRectI) -> Vec<[f64; 4]> {
    let (rx, ry) = (
        (8.0 * sigma[0]).ceil() as i32,
        (8.0 * sigma[1]).ceil() as i32,
    );
    let (gx, gy) = (gaussian(sigma[0], rx), gaussian(sigma[1], ry));
    let rows: Vec<Vec<[f64; 4]>> = (window.y1 - ry..window.y2 + ry)
        .map(|y| {
            (window.x1..window.x2)
                .map(|x| {
                    let mut acc = [0.0; 4];
                    for (i, w) in gx.iter().enumerate() {
                        let v = case.source(frame, x + i as i32 - rx, y);
                        for c in 0..4 {
                            acc[c] += w * v[c];
                        }
                    }
                    acc
                })
                .collect()
        })
        .collect();
    let ww = (window.x2 - window.x1) as usize;
    let mut out = Vec::new();
    for y in 0..(window.y2 - window.y1) as usize {
        let mut acc = vec![[0.0; 4]; ww];
        for (w, row) in gy.iter().zip(&rows[y..]) {
            for (a, v) in acc.iter_mut().zip(row) {
                for c in 0..4 {
                    a[c] += w * v[c];
                }
            }
        }
        out.extend(acc);
    }
    out
}

/// The stated accuracy, before the output depth's rounding.
const TOLERANCE: f64 = 0.002;

fn session() -> Session {
    session_with(HostConfig::default())
}

fn session_with(config: HostConfig) -> Session {
    Session::in_process(
        blur::OfxGetPlugin,
        Some(blur::OfxGetNumberOfPlugins),
        Some(blur::OfxSetHost),
        config,
    )
    .expect("in-process session")
}

fn set(fx: &mut Instance<'_>, name: &str, v: &[f64]) {
    fx.set_param(name, ParamValue::Numeric(v.to_vec()))
        .unwrap_or_else(|e| panic!("setting {name}: {e}"));
}

/// Renders `case` with `size` (canonical) and checks every pixel.
fn check(fx: &mut Instance<'_>, case: &Case, size: [f64; 2]) {
    check_on(fx, case, size, Backend::Cpu);
}

/// As [`check`], rendered on `backend` (and checked to have rendered there).
fn check_on(fx: &mut Instance<'_>, case: &Case, size: [f64; 2], backend: Backend) {
    // The frame has the case's components, so the clip's preferences (and
    // so the output) have them too.
    let frame = case.frame();
    set(fx, "size", &size);
    set(fx, "boundary", &[f64::from(u8::from(case.clamp))]);
    let layout = case.layout.input_layout(InputBounds::Frame);
    let f2 = frame.clone();
    fx.connect_with(ClipName::SOURCE, move |_t: f64| Some(f2.clone()), layout)
        .expect("connect");
    let window = case.source_bounds();
    let req = case.layout.request(window).backend(backend);
    let out = case
        .layout
        .render(fx, &req)
        .unwrap_or_else(|e| panic!("{e} (clamp {}, on {backend:?})", case.clamp));
    if backend != Backend::Cpu {
        assert_eq!(fx.last_backend(), Some(backend), "{case:?}");
    }
    let sigma = [size[0] * case.layout.scale, size[1] * case.layout.scale];
    let want = reference(case, &frame, sigma, window);
    let ww = (window.x2 - window.x1) as usize;
    case.layout
        .compare(&out, window, TOLERANCE, |x, y| {
            want[(y - window.y1) as usize * ww + (x - window.x1) as usize]
        })
        .unwrap_or_else(|e| panic!("{e} (clamp {}, size {size:?})", case.clamp));
}

#[test]
fn matches_direct_convolution_across_the_matrix() {
    let session = session();
    let plugin = session.plugin(ID).expect("plugin");
    let mut fx = plugin.create_instance(Context::Filter).expect("instance");
    set(&mut fx, "expandRoD", &[0.0]);
    for (n, layout) in layout_matrix().into_iter().enumerate() {
        let case = Case {
            layout,
            clamp: n % 2 == 1,
        };
        check(&mut fx, &case, [3.0, 2.0]);
    }
    drop(fx);
    assert!(session.leaks().is_clean(), "{:?}", session.leaks());
}

/// The Gaussian on OpenCL buffers (pocl here and in CI) against the same
/// direct convolution and tolerance, at every depth and component type,
/// with the bounds, row layouts, render scales and tiles of the CPU matrix
/// (rows as the host's OpenCL buffers hold them).
#[test]
fn opencl_matches_direct_convolution() {
    let session = session_with(HostConfig::default().gpu(GpuOffer::opencl()));
    let plugin = session.plugin(ID).expect("plugin");
    let mut fx = plugin.create_instance(Context::Filter).expect("instance");
    set(&mut fx, "expandRoD", &[0.0]);
    let mut n = 0;
    for depth in Depth::ALL {
        for components in Components::ALL {
            for offset in [false, true] {
                for (scale, tiled) in [(1.0, false), (0.5, true)] {
                    let case = Case {
                        layout: LayoutCase {
                            depth,
                            components,
                            rows: if n % 3 == 2 {
                                Rows::Padded
                            } else {
                                Rows::BottomUp
                            },
                            offset,
                            scale,
                            tiled,
                            threads: 1,
                        },
                        clamp: n % 2 == 1,
                    };
                    check_on(&mut fx, &case, [3.0, 2.0], Backend::OpenClBuffers);
                    n += 1;
                }
            }
        }
    }
    // The box filters answer "GPU render failed": the host renders them on
    // the CPU, with the CPU's accuracy.
    set(&mut fx, "filter", &[1.0]);
    let case = Case::plain(false, false);
    fx.connect_image(ClipName::SOURCE, case.frame())
        .expect("connect");
    fx.render(&RenderRequest::at(0.0).backend(Backend::OpenClBuffers))
        .expect("rendered on the CPU instead");
    assert_eq!(fx.last_backend(), Some(Backend::Cpu));
    drop(fx);
    // No violation, except counts found *higher* after the host's clFinish:
    // pocl still holds references for some finished commands (which renders
    // show it varies from run to run; the plugin retains nothing), while a
    // plugin releasing a host object shows as a *lower* count, which fails.
    let v = session.log().violations();
    assert!(
        v.iter()
            .all(|v| v.kind == ViolationKind::GpuReferenceCount && v.detail.contains("higher")),
        "{v:?}"
    );
}

#[test]
fn regions_follow_the_kernel_support() {
    let session = session();
    let plugin = session.plugin(ID).expect("plugin");
    let mut fx = plugin.create_instance(Context::Filter).expect("instance");
    let case = Case::plain(true, false);
    fx.connect_image(ClipName::SOURCE, case.frame())
        .expect("connect");
    set(&mut fx, "size", &[2.5, 1.25]);
    let one = OfxPointD { x: 1.0, y: 1.0 };
    let half = OfxPointD { x: 0.5, y: 0.5 };
    // Gaussian support: ceil(4 sigma) pixels at the render scale, back in
    // canonical units: 10 x 5 at scale 1, ceil(5) / 0.5 = 10 x ceil(2.5) / 0.5 = 6 at 0.5.
    set(&mut fx, "expandRoD", &[1.0]);
    let rod = fx.region_of_definition(0.0, one).expect("rod");
    let f = case.frame_bounds();
    assert_eq!(
        (rod.x1, rod.y1, rod.x2, rod.y2),
        (
            f64::from(f.x1) - 10.0,
            f64::from(f.y1) - 5.0,
            f64::from(f.x2) + 10.0,
            f64::from(f.y2) + 5.0
        )
    );
    let rod_half = fx.region_of_definition(0.0, half).expect("rod");
    assert_eq!(
        (rod_half.x1, rod_half.y1),
        (f64::from(f.x1) - 10.0, f64::from(f.y1) - 6.0)
    );
    set(&mut fx, "expandRoD", &[0.0]);
    let rod = fx.region_of_definition(0.0, one).expect("rod");
    assert_eq!(
        (rod.x1, rod.y1, rod.x2, rod.y2),
        (
            f64::from(f.x1),
            f64::from(f.y1),
            f64::from(f.x2),
            f64::from(f.y2)
        )
    );
    let roi = ofx_sys::OfxRectD {
        x1: 0.0,
        y1: 10.0,
        x2: 20.0,
        y2: 20.0,
    };
    let rois = fx.regions_of_interest(0.0, one, roi).expect("roi");
    let s = rois.get("Source").expect("source RoI");
    assert_eq!((s.x1, s.y1, s.x2, s.y2), (-10.0, 5.0, 30.0, 25.0));
    // Box: variance-matched; size 2 is variance 4, exactly the box of
    // radius 3 (r (r + 1) / 3 = 4) with no edge taps: support 3 pixels.
    set(&mut fx, "filter", &[1.0]);
    set(&mut fx, "size", &[2.0, 0.0]);
    let rois = fx.regions_of_interest(0.0, one, roi).expect("roi");
    let s = rois.get("Source").expect("source RoI");
    assert_eq!((s.x1, s.y1, s.x2, s.y2), (-3.0, 10.0, 23.0, 20.0));
    // Size zero on both axes: an identity of the source.
    set(&mut fx, "size", &[0.0, 0.0]);
    let id = fx
        .is_identity(0.0, one, Rect::new(0, 0, 8, 8))
        .expect("identity");
    assert_eq!(id.map(|(c, _)| c), Some("Source".to_owned()));
    set(&mut fx, "size", &[0.0, 0.5]);
    let id = fx
        .is_identity(0.0, one, Rect::new(0, 0, 8, 8))
        .expect("identity");
    assert_eq!(id, None);
}

#[test]
fn sources_smaller_than_the_region_of_interest() {
    // The host hands the plugin only the region of interest (clipped to the
    // frame), and an expanded RoD is rendered beyond the frame.
    let session = session();
    let plugin = session.plugin(ID).expect("plugin");
    let mut fx = plugin.create_instance(Context::Filter).expect("instance");
    for clamp in [false, true] {
        let case = Case::plain(true, clamp);
        let frame = case.frame();
        set(&mut fx, "size", &[4.0, 3.0]);
        set(&mut fx, "expandRoD", &[1.0]);
        set(&mut fx, "boundary", &[f64::from(u8::from(clamp))]);
        let layout = InputLayout {
            bounds: InputBounds::RegionOfInterest,
            ..InputLayout::default()
        };
        let f2 = frame.clone();
        fx.connect_with(ClipName::SOURCE, move |_t: f64| Some(f2.clone()), layout)
            .expect("connect");
        let f = case.frame_bounds();
        // The expanded RoD: 16 x 12 pixels beyond the frame.
        let window = Rect::new(f.x1 - 16, f.y1 - 12, f.x2 + 16, f.y2 + 12);
        let req = RenderRequest::at(0.0).tiles(4, 3, 2);
        let out = fx.render(&req).expect("render");
        assert_eq!(out.bounds(), window);
        let want = reference(&case, &frame, [4.0, 3.0], window.into());
        let ww = (window.x2 - window.x1) as usize;
        case.layout
            .compare(&out, window.into(), TOLERANCE, |x, y| {
                want[(y - window.y1) as usize * ww + (x - window.x1) as usize]
            })
            .unwrap_or_else(|e| panic!("{e} (clamp {clamp})"));
    }
}

#[test]
fn passes_the_host_validator() {
    use ofx_host::checks::{Options, Target, run_all};
    // Every check, `same-pixels-tiles` included: a recursive filter that
    // reads only its region of interest starts each tile's recursion at the
    // tile's support edge, so tiles differ from a whole render by up to
    // 2e-4 (the kernel's weight beyond the support, tested in
    // filters/blur-filter/tests/pipeline.rs), inside the check's default float tolerance.
    let target = Target::in_process(
        blur::OfxGetPlugin,
        Some(blur::OfxGetNumberOfPlugins),
        Some(blur::OfxSetHost),
        ID,
    );
    let options = Options {
        cycles: 50,
        threads: 2,
        in_process_fallback: true,
        ..Options::default()
    };
    let report = run_all(&target, &options);
    assert!(report.passed(), "\n{}", report.table(true));
}
