//! The transform through ofx-host over the C ABI: parameters set as a user
//! would, the source connected with the layouts a host may hand out, and
//! every output pixel checked against a reference resampler written here in
//! `f64` straight from the formulas of the crate's documentation (the
//! inverse placement undone step by step, the filters' kernels as
//! functions of the distance).
//!
//! Stated accuracy: each output component is within 2e-5 (of white) of the
//! reference, plus the output depth's rounding (half a step for 8 and
//! 16 bits, 1/1024 for half floats, whose values here stay below 2);
//! integer references are clamped to [0, 1] first.
//!
//! The matrix: depths x components x row layouts (bottom-up, top-down i.e.
//! negative row bytes, padded) x source bounds (at the origin, offset) x
//! render scale (1, 0.5) x whole/tiled x 1/2 threads, with the filter,
//! the placement and the input bounds (whole frame, or only the region of
//! interest the plugin asked for) taking turns.

use ofx_host::image::OUTSIDE_PATTERN;
use ofx_host::prelude::*;
use ofx_sys::{OfxPointD, OfxRectD, OfxRectI};
use transform::{OfxGetNumberOfPlugins, OfxGetPlugin, OfxSetHost};

const ID: &str = "org.ofx-rs.examples.Transform";
/// The full-resolution frame is 40 x 30 pixels.
const W: i32 = 40;
const H: i32 = 30;

/// The frame's value at full-resolution pixel `(x, y)`, relative to its
/// corner: constant on aligned 2 x 2 blocks, so that the half-resolution
/// source the host makes is unambiguous. Smooth colour and alpha, and one
/// channel with hard edges.
fn picture(x: i32, y: i32, hard: bool) -> [f32; 4] {
    let (bx, by) = (f64::from(x.div_euclid(2)), f64::from(y.div_euclid(2)));
    let b = if hard {
        ((x.div_euclid(2) * 3 + y.div_euclid(2) * 5).rem_euclid(7)) as f64 / 6.0
    } else {
        0.5 + 0.3 * (0.25 * bx + 0.2 * by).sin()
    };
    [
        (0.5 + 0.4 * (0.7 * bx + 0.3 * by).sin()) as f32,
        (0.5 + 0.45 * (0.4 * bx - 0.9 * by).cos()) as f32,
        b as f32,
        (0.6 + 0.3 * (0.5 * by).sin()) as f32,
    ]
}

/// The parameters, as a user sets them.
#[derive(Clone, Copy, Debug)]
struct Params {
    translate: [f64; 2],
    rotate: f64,
    scale: [f64; 2],
    uniform: f64,
    skew: [f64; 2],
    center: [f64; 2],
    /// 0 nearest, 1 bilinear, 2 bicubic.
    filter: u8,
}

impl Params {
    fn identity() -> Params {
        Params {
            translate: [0.0; 2],
            rotate: 0.0,
            scale: [1.0; 2],
            uniform: 1.0,
            skew: [0.0; 2],
            center: [0.0; 2],
            filter: 1,
        }
    }

    fn set(&self, fx: &mut Instance<'_>) {
        fx.set_param("translate", self.translate).unwrap();
        fx.set_param("rotate", self.rotate).unwrap();
        fx.set_param("scale", self.scale).unwrap();
        fx.set_param("uniform", self.uniform).unwrap();
        fx.set_param("skewX", self.skew[0]).unwrap();
        fx.set_param("skewY", self.skew[1]).unwrap();
        fx.set_param("center", self.center).unwrap();
        fx.set_param("filter", i32::from(self.filter)).unwrap();
    }

    /// The source point (canonical) that the output point `(x, y)`
    /// (canonical) comes from: each step of the placement undone in turn.
    fn source_point(&self, x: f64, y: f64) -> (f64, f64) {
        let [cx, cy] = self.center;
        let (px, py) = (x - self.translate[0] - cx, y - self.translate[1] - cy);
        let (s, c) = self.rotate.to_radians().sin_cos();
        let (rx, ry) = (c * px + s * py, -s * px + c * py);
        let [kx, ky] = self.skew;
        let det = 1.0 - kx * ky;
        let (qx, qy) = ((rx - kx * ry) / det, (ry - ky * rx) / det);
        (
            qx / (self.scale[0] * self.uniform) + cx,
            qy / (self.scale[1] * self.uniform) + cy,
        )
    }
}

/// Keys' cubic convolution kernel (a = -1/2) at distance `d`.
fn keys(d: f64) -> f64 {
    let d = d.abs();
    if d <= 1.0 {
        1.5 * d.powi(3) - 2.5 * d * d + 1.0
    } else if d < 2.0 {
        -0.5 * d.powi(3) + 2.5 * d * d - 4.0 * d + 2.0
    } else {
        0.0
    }
}

/// The filter's taps around `u` (source pixel units, integers at pixel
/// centres): (pixel, weight) pairs.
fn taps(filter: u8, u: f64) -> Vec<(i32, f64)> {
    let f = u.floor();
    match filter {
        0 => vec![((u + 0.5).floor() as i32, 1.0)],
        1 => vec![(f as i32, 1.0 - (u - f)), (f as i32 + 1, u - f)],
        _ => (-1..=2)
            .map(|k| (f as i32 + k, keys(u - (f + f64::from(k)))))
            .collect(),
    }
}

/// The reference: the output pixel `(x, y)` at render scale `scale`,
/// pixel aspect ratio `par`, from a source given pixel by pixel (black
/// outside).
fn reference(
    p: &Params,
    scale: f64,
    par: f64,
    source: &dyn Fn(i32, i32) -> Option<[f32; 4]>,
    x: i32,
    y: i32,
) -> [f64; 4] {
    let (kx, ky) = (scale / par, scale);
    let (sx, sy) = p.source_point((f64::from(x) + 0.5) / kx, (f64::from(y) + 0.5) / ky);
    let (u, v) = (sx * kx - 0.5, sy * ky - 0.5);
    let mut acc = [0.0; 4];
    for (j, wy) in taps(p.filter, v) {
        for (i, wx) in taps(p.filter, u) {
            if let Some(px) = source(i, j) {
                for c in 0..4 {
                    acc[c] += wx * wy * f64::from(px[c]);
                }
            }
        }
    }
    acc
}

/// What `ImageBuffer::get` returns for a pixel of `components` holding the
/// RGBA value `v`.
fn as_stored(components: Components, v: [f64; 4]) -> [f64; 4] {
    match components {
        Components::Rgba => v,
        Components::Rgb => [v[0], v[1], v[2], 1.0],
        Components::Alpha => [0.0, 0.0, 0.0, v[3]],
    }
}

/// The stated accuracy at `depth`.
fn tolerance(depth: Depth) -> f64 {
    2e-5 + match depth {
        Depth::U8 => 0.5 / 255.0,
        Depth::U16 => 0.5 / 65535.0,
        Depth::Half => 1.0 / 1024.0,
        Depth::F32 => 0.0,
    }
}

fn session(config: HostConfig) -> Session {
    Session::in_process(
        OfxGetPlugin,
        Some(OfxGetNumberOfPlugins),
        Some(OfxSetHost),
        config,
    )
    .expect("in-process session")
}

/// One render of the matrix.
#[derive(Clone, Copy, Debug)]
struct Case {
    depth: Depth,
    components: Components,
    order: RowOrder,
    padded: bool,
    offset: bool,
    scale: f64,
    tiled: bool,
    threads: usize,
    roi_bounds: bool,
}

impl Case {
    fn frame_bounds(&self) -> OfxRectI {
        let (ox, oy) = if self.offset { (-10, 6) } else { (0, 0) };
        Rect::new(ox, oy, ox + W, oy + H).into()
    }

    fn frame(&self, hard: bool) -> ImageBuffer {
        let b = self.frame_bounds();
        ImageBuffer::from_fn(
            Layout::packed(b, self.depth, self.components),
            move |x, y| picture(x - b.x1, y - b.y1, hard),
        )
    }
}

/// The pixel rectangle that covers `r` (canonical) at `scale`.
fn enclosing(r: OfxRectD, scale: f64) -> OfxRectI {
    OfxRectI {
        x1: (r.x1 * scale).floor() as i32,
        y1: (r.y1 * scale).floor() as i32,
        x2: (r.x2 * scale).ceil() as i32,
        y2: (r.y2 * scale).ceil() as i32,
    }
}

/// Renders `case` with `p` and checks every pixel of the window against
/// the reference.
fn check(fx: &mut Instance<'_>, case: &Case, p: &Params) {
    p.set(fx);
    let frame = case.frame(true);
    let layout = InputLayout {
        bounds: if case.roi_bounds {
            InputBounds::RegionOfInterest
        } else {
            InputBounds::Frame
        },
        padding: if case.padded { 12 } else { 0 },
        order: case.order,
        guard_pages: !case.padded,
        depth: Some(case.depth),
        components: Some(case.components),
        pixel_aspect_ratio: 1.0,
    };
    let f2 = frame.clone();
    fx.connect_with(ClipName::SOURCE, move |_t: f64| Some(f2.clone()), layout)
        .expect("connect");
    let s = OfxPointD {
        x: case.scale,
        y: case.scale,
    };
    let rod = fx.region_of_definition(0.0, s).expect("rod");
    let window = enclosing(rod, case.scale);
    let bounds = Rect::new(window.x1 - 3, window.y1 - 2, window.x2 + 4, window.y2 + 1);
    let req = RenderRequest {
        time: 0.0,
        window: Some(window),
        scale: s,
        output: OutputLayout {
            bounds: Some(bounds.into()),
            padding: if case.padded { 12 } else { 0 },
            order: case.order,
            guard_pages: !case.padded,
        },
        tiles: if case.tiled { (3, 2) } else { (1, 1) },
        threads: case.threads,
        fill_outside: Some(OUTSIDE_PATTERN),
        ..RenderRequest::default()
    };
    let out = fx
        .render(&req)
        .unwrap_or_else(|e| panic!("render {case:?}: {e}"));
    out.find_writes_outside(window, OUTSIDE_PATTERN)
        .unwrap_or_else(|e| panic!("{case:?}: wrote outside the window: {e:?}"));
    out.check_canaries()
        .unwrap_or_else(|e| panic!("{case:?}: padding damaged: {e}"));
    // The source as the plugin gets it: at scale 0.5 the host takes the
    // frame's pixel (2x + 1, 2y + 1) (the frame's offsets are even).
    let k = (1.0 / case.scale).round() as i32;
    let fb = case.frame_bounds();
    let source = |x: i32, y: i32| {
        let (fx, fy) = if k == 1 { (x, y) } else { (k * x + 1, k * y + 1) };
        ((fb.x1..fb.x2).contains(&fx) && (fb.y1..fb.y2).contains(&fy))
            .then(|| frame.get(fx, fy).expect("in the frame"))
    };
    let tol = tolerance(case.depth);
    let float = matches!(case.depth, Depth::Half | Depth::F32);
    for y in window.y1..window.y2 {
        for x in window.x1..window.x2 {
            let got = out.get(x, y).expect("in the output");
            let want = as_stored(
                case.components,
                reference(p, case.scale, 1.0, &source, x, y),
            );
            for c in 0..4 {
                let w = if float { want[c] } else { want[c].clamp(0.0, 1.0) };
                assert!(
                    (f64::from(got[c]) - w).abs() <= tol,
                    "{case:?} {p:?} at ({x}, {y}) channel {c}: {} vs {w}",
                    got[c]
                );
            }
        }
    }
}

fn placements() -> [Params; 3] {
    [
        Params {
            translate: [3.25, -2.5],
            rotate: 30.0,
            scale: [1.2, 0.9],
            uniform: 1.1,
            skew: [0.1, -0.05],
            center: [10.0, 20.0],
            filter: 1,
        },
        Params {
            translate: [-4.0, 1.5],
            rotate: -75.0,
            scale: [0.7, 0.7],
            uniform: 1.0,
            skew: [0.0, 0.0],
            center: [0.0, 0.0],
            filter: 2,
        },
        Params {
            translate: [0.3, 0.6],
            rotate: 0.0,
            scale: [2.0, 1.5],
            uniform: 1.0,
            skew: [0.25, 0.0],
            center: [5.0, 5.0],
            filter: 0,
        },
    ]
}

#[test]
fn matches_the_reference_resampler_across_the_matrix() {
    let session = session(HostConfig::default());
    let plugin = session.plugin(ID).expect("plugin");
    let mut fx = plugin.create_instance(Context::Filter).expect("instance");
    let placements = placements();
    let mut n = 0usize;
    for depth in Depth::ALL {
        for components in Components::ALL {
            for (order, padded) in [
                (RowOrder::BottomUp, false),
                (RowOrder::TopDown, false),
                (RowOrder::BottomUp, true),
            ] {
                for offset in [false, true] {
                    for scale in [1.0, 0.5] {
                        for (tiled, threads) in [(false, 1), (true, 1), (true, 2)] {
                            let case = Case {
                                depth,
                                components,
                                order,
                                padded,
                                offset,
                                scale,
                                tiled,
                                threads,
                                roi_bounds: n % 2 == 1,
                            };
                            // Each placement meets each filter.
                            let mut p = placements[n % 3];
                            p.filter = ((n / 3) % 3) as u8;
                            check(&mut fx, &case, &p);
                            n += 1;
                        }
                    }
                }
            }
        }
    }
    drop(fx);
    assert!(session.leaks().is_clean(), "{:?}", session.leaks());
    assert!(
        session.log().violations().is_empty(),
        "{:?}",
        session.log().violations()
    );
}
