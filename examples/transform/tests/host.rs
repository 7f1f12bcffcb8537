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
//! The matrix is ofx-host's [`layout_matrix`]: depths x components x row
//! layouts (bottom-up, top-down i.e. negative row bytes, padded) x source
//! bounds (at the origin, offset) x render scale (1, 0.5) x whole/tiled x
//! 1/2 threads, with the filter,
//! the placement and the input bounds (whole frame, or only the region of
//! interest the plugin asked for) taking turns.

use ofx_host::matrix::{LayoutCase, Rows, layout_matrix};
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
    // The smooth picture varies three times more slowly.
    let k = if hard { 1.0 } else { 1.0 / 3.0 };
    let b = if hard {
        ((x.div_euclid(2) * 3 + y.div_euclid(2) * 5).rem_euclid(7)) as f64 / 6.0
    } else {
        0.5 + 0.3 * (k * (0.25 * bx + 0.2 * by)).sin()
    };
    [
        (0.5 + 0.4 * (k * (0.7 * bx + 0.3 * by)).sin()) as f32,
        (0.5 + 0.45 * (k * (0.4 * bx - 0.9 * by)).cos()) as f32,
        b as f32,
        (0.6 + 0.3 * (k * 0.5 * by).sin()) as f32,
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

/// The stated accuracy, before the output depth's rounding.
const TOLERANCE: f64 = 2e-5;

fn session(config: HostConfig) -> Session {
    Session::in_process(
        OfxGetPlugin,
        Some(OfxGetNumberOfPlugins),
        Some(OfxSetHost),
        config,
    )
    .expect("in-process session")
}

/// One render: a layout of the matrix, and whether the input gets only
/// the region of interest (else the whole frame).
#[derive(Clone, Copy, Debug)]
struct Case {
    layout: LayoutCase,
    roi_bounds: bool,
}

impl Case {
    /// RGBA f32, packed bottom-up, scale 1, one whole render: the layout of
    /// the tests that are about the geometry, not the storage. `offset`
    /// moves the frame off the origin.
    fn plain(offset: bool) -> Case {
        Case {
            layout: LayoutCase {
                offset,
                ..LayoutCase::default()
            },
            roi_bounds: false,
        }
    }

    fn frame_bounds(&self) -> OfxRectI {
        self.layout.frame_bounds(W, H)
    }

    fn frame(&self, hard: bool) -> ImageBuffer {
        let b = self.frame_bounds();
        ImageBuffer::from_fn(
            Layout::packed(b, self.layout.depth, self.layout.components),
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
    let layout = case.layout.input_layout(if case.roi_bounds {
        InputBounds::RegionOfInterest
    } else {
        InputBounds::Frame
    });
    let f2 = frame.clone();
    fx.connect_with(ClipName::SOURCE, move |_t: f64| Some(f2.clone()), layout)
        .expect("connect");
    let rod = fx
        .region_of_definition(0.0, case.layout.scale_point())
        .expect("rod");
    let window = enclosing(rod, case.layout.scale);
    let out = case
        .layout
        .render(fx, &case.layout.request(window))
        .unwrap_or_else(|e| panic!("{e} (roi bounds {})", case.roi_bounds));
    // The source as the plugin gets it: the frame's pixel nearest each
    // centre at the render scale, black outside the frame.
    let fb = case.frame_bounds();
    let source = |x: i32, y: i32| {
        let (fx, fy) = case.layout.frame_pixel(x, y);
        ((fb.x1..fb.x2).contains(&fx) && (fb.y1..fb.y2).contains(&fy))
            .then(|| frame.get(fx, fy).expect("in the frame"))
    };
    case.layout
        .compare(&out, window, TOLERANCE, |x, y| {
            reference(p, case.layout.scale, 1.0, &source, x, y)
        })
        .unwrap_or_else(|e| panic!("{e} (roi bounds {}, {p:?})", case.roi_bounds));
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
    for (n, layout) in layout_matrix().into_iter().enumerate() {
        let case = Case {
            layout,
            roi_bounds: n % 2 == 1,
        };
        // Each placement meets each filter.
        let mut p = placements[n % 3];
        p.filter = ((n / 3) % 3) as u8;
        check(&mut fx, &case, &p);
    }
    drop(fx);
    assert!(session.leaks().is_clean(), "{:?}", session.leaks());
    assert!(
        session.log().violations().is_empty(),
        "{:?}",
        session.log().violations()
    );
}

/// Renders the whole region of definition of `fx` at `scale`.
fn render_all(fx: &Instance<'_>, scale: f64) -> ImageBuffer {
    let s = OfxPointD { x: scale, y: scale };
    let rod = fx.region_of_definition(0.0, s).expect("rod");
    let req = RenderRequest {
        time: 0.0,
        window: Some(enclosing(rod, scale)),
        scale: s,
        threads: 2,
        tiles: (2, 2),
        ..RenderRequest::default()
    };
    fx.render(&req).expect("render")
}

#[test]
fn the_identity_reproduces_the_source_exactly() {
    let session = session(HostConfig::default());
    let plugin = session.plugin(ID).expect("plugin");
    let mut fx = plugin.create_instance(Context::Filter).expect("instance");
    for depth in Depth::ALL {
        for filter in 0..3u8 {
            let case = Case {
                layout: LayoutCase {
                    depth,
                    rows: Rows::TopDown,
                    offset: true,
                    tiled: true,
                    threads: 2,
                    ..LayoutCase::default()
                },
                roi_bounds: false,
            };
            let frame = case.frame(true);
            fx.connect_image(ClipName::SOURCE, frame.clone())
                .expect("connect");
            let p = Params {
                filter,
                center: [7.0, 3.0],
                ..Params::identity()
            };
            p.set(&mut fx);
            // The plugin says so...
            let id = fx
                .is_identity(0.0, OfxPointD { x: 1.0, y: 1.0 }, Rect::new(0, 0, 8, 8))
                .expect("identity");
            assert_eq!(id.map(|(c, _)| c), Some("Source".to_owned()));
            // ...and a render anyway (through the resampler) copies the
            // source bit for bit, black over the filter's reach beyond it.
            let out = render_all(&fx, 1.0);
            let b = case.frame_bounds();
            for y in out.bounds().y1..out.bounds().y2 {
                for x in out.bounds().x1..out.bounds().x2 {
                    let want = frame.get(x, y).unwrap_or([0.0; 4]);
                    assert_eq!(
                        out.get(x, y),
                        Some(want),
                        "{depth:?} {filter} ({x}, {y}) in {b:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn a_quarter_turn_moves_pixels_exactly() {
    let session = session(HostConfig::default());
    let plugin = session.plugin(ID).expect("plugin");
    let mut fx = plugin.create_instance(Context::Filter).expect("instance");
    let case = Case {
        roi_bounds: true,
        ..Case::plain(true)
    };
    let frame = case.frame(true);
    fx.connect_image(ClipName::SOURCE, frame.clone())
        .expect("connect");
    let (cx, cy) = (12, 20);
    for filter in 0..3u8 {
        Params {
            rotate: 90.0,
            center: [f64::from(cx), f64::from(cy)],
            filter,
            ..Params::identity()
        }
        .set(&mut fx);
        let out = render_all(&fx, 1.0);
        // The centre of output pixel (x, y) comes from the centre of source
        // pixel (cx - cy + y, cx + cy - 1 - x): the same pixel, unfiltered.
        let mut inside = 0;
        for y in out.bounds().y1..out.bounds().y2 {
            for x in out.bounds().x1..out.bounds().x2 {
                let want = frame.get(cx - cy + y, cx + cy - 1 - x);
                inside += usize::from(want.is_some());
                assert_eq!(
                    out.get(x, y),
                    Some(want.unwrap_or([0.0; 4])),
                    "filter {filter} at ({x}, {y})"
                );
            }
        }
        assert_eq!(inside, (W * H) as usize);
    }
}

#[test]
fn regions_of_definition_and_interest_for_known_parameters() {
    let session = session(HostConfig::default());
    let plugin = session.plugin(ID).expect("plugin");
    let mut fx = plugin.create_instance(Context::Filter).expect("instance");
    // The frame: canonical (-10, 6) - (30, 36).
    let case = Case::plain(true);
    fx.connect_image(ClipName::SOURCE, case.frame(true))
        .expect("connect");
    let one = OfxPointD { x: 1.0, y: 1.0 };
    let half = OfxPointD { x: 0.5, y: 0.5 };
    let rect = |r: OfxRectD| (r.x1, r.y1, r.x2, r.y2);
    // A translation, bilinear (reach 1.5 pixels).
    Params {
        translate: [10.0, 5.0],
        ..Params::identity()
    }
    .set(&mut fx);
    let rod = fx.region_of_definition(0.0, one).expect("rod");
    assert_eq!(rect(rod), (-1.5, 9.5, 41.5, 42.5));
    // At scale 0.5 the reach is 1.5 half-resolution pixels: 3 canonical.
    let rod = fx.region_of_definition(0.0, half).expect("rod");
    assert_eq!(rect(rod), (-3.0, 8.0, 43.0, 44.0));
    let roi = OfxRectD {
        x1: 0.0,
        y1: 10.0,
        x2: 20.0,
        y2: 20.0,
    };
    let rois = fx.regions_of_interest(0.0, one, roi).expect("roi");
    // Mapped back: (-10, 5) - (10, 15); grown by 1.5; clipped to the frame.
    assert_eq!(rect(rois["Source"]), (-10.0, 6.0, 11.5, 16.5));
    let rois = fx.regions_of_interest(0.0, half, roi).expect("roi");
    assert_eq!(rect(rois["Source"]), (-10.0, 6.0, 13.0, 18.0));
    // A region beyond the source: nothing to read.
    let far = OfxRectD {
        x1: 100.0,
        y1: 100.0,
        x2: 120.0,
        y2: 110.0,
    };
    let rois = fx.regions_of_interest(0.0, one, far).expect("roi");
    assert_eq!(rect(rois["Source"]), (0.0, 0.0, 0.0, 0.0));
    // A quarter turn about the origin and a scale of 2, bicubic (reach
    // 2.5): the frame grown to (-12.5, 3.5) - (32.5, 38.5), scaled by 2
    // and turned: x' = -2y, y' = 2x.
    Params {
        rotate: 90.0,
        scale: [2.0, 2.0],
        filter: 2,
        ..Params::identity()
    }
    .set(&mut fx);
    let rod = fx.region_of_definition(0.0, one).expect("rod");
    assert_eq!(rect(rod), (-77.0, -25.0, -7.0, 65.0));
    // Back: x = y' / 2, y = -x' / 2, grown by 2.5.
    let left = OfxRectD {
        x1: -40.0,
        y1: 0.0,
        x2: -20.0,
        y2: 20.0,
    };
    let rois = fx.regions_of_interest(0.0, one, left).expect("roi");
    assert_eq!(rect(rois["Source"]), (-2.5, 7.5, 12.5, 22.5));
    // A scale of zero flattens the image: nothing to define or read.
    Params {
        scale: [0.0, 1.0],
        ..Params::identity()
    }
    .set(&mut fx);
    let rod = fx.region_of_definition(0.0, one).expect("rod");
    assert_eq!(rect(rod), (0.0, 0.0, 0.0, 0.0));
    let rois = fx.regions_of_interest(0.0, one, roi).expect("roi");
    assert_eq!(rect(rois["Source"]), (0.0, 0.0, 0.0, 0.0));
}

#[test]
fn render_scale_one_half_is_the_full_render_downsampled() {
    // The half-resolution source the host makes is the frame's 2 x 2
    // blocks; the half render is compared with the mean of each 2 x 2
    // block of the full render, away from the edges. The two filter the
    // same blocky picture at two resolutions, which differ by up to about
    // a quarter of the change between neighbouring blocks (at most 0.093
    // here): within 0.02 for bilinear and bicubic.
    let session = session(HostConfig::default());
    let plugin = session.plugin(ID).expect("plugin");
    let mut fx = plugin.create_instance(Context::Filter).expect("instance");
    let case = Case::plain(true);
    fx.connect_image(ClipName::SOURCE, case.frame(false))
        .expect("connect");
    let fb = case.frame_bounds();
    for filter in [1u8, 2] {
        let p = Params {
            translate: [4.0, -2.0],
            rotate: 20.0,
            scale: [1.3, 1.3],
            uniform: 1.0,
            skew: [0.0; 2],
            center: [10.0, 20.0],
            filter,
        };
        p.set(&mut fx);
        let full = render_all(&fx, 1.0);
        let half = render_all(&fx, 0.5);
        let mut worst = 0.0f64;
        let b = half.bounds();
        for y in b.y1..b.y2 {
            for x in b.x1..b.x2 {
                // Only away from the image's edges, where black fades in
                // over a reach that differs between the resolutions.
                let (sx, sy) = p.source_point(f64::from(2 * x + 1), f64::from(2 * y + 1));
                let margin = 6.0;
                if sx < f64::from(fb.x1) + margin
                    || sx > f64::from(fb.x2) - margin
                    || sy < f64::from(fb.y1) + margin
                    || sy > f64::from(fb.y2) - margin
                {
                    continue;
                }
                let got = half.get(x, y).expect("in the half render");
                let block = [(0, 0), (1, 0), (0, 1), (1, 1)]
                    .map(|(i, j)| full.get(2 * x + i, 2 * y + j).expect("in the full render"));
                for c in 0..4 {
                    let mean = block.iter().map(|p| f64::from(p[c])).sum::<f64>() / 4.0;
                    worst = worst.max((f64::from(got[c]) - mean).abs());
                }
            }
        }
        assert!(worst <= 0.02, "filter {filter}: {worst}");
        assert!(worst > 0.0, "filter {filter}: compared nothing");
    }
}

#[test]
fn pixel_aspect_ratio_two() {
    // The same placement in canonical coordinates; pixels twice as wide.
    let session = session(HostConfig::default());
    let plugin = session.plugin(ID).expect("plugin");
    let mut fx = plugin.create_instance(Context::Filter).expect("instance");
    let case = Case::plain(false);
    let frame = case.frame(true);
    let layout = InputLayout {
        pixel_aspect_ratio: 2.0,
        ..InputLayout::default()
    };
    let f2 = frame.clone();
    fx.connect_with(ClipName::SOURCE, move |_t: f64| Some(f2.clone()), layout)
        .expect("connect");
    let p = Params {
        translate: [6.0, 1.0],
        rotate: 25.0,
        center: [40.0, 15.0],
        filter: 2,
        ..Params::identity()
    };
    p.set(&mut fx);
    let s = OfxPointD { x: 1.0, y: 1.0 };
    let rod = fx.region_of_definition(0.0, s).expect("rod");
    let window = OfxRectI {
        x1: (rod.x1 / 2.0).floor() as i32,
        y1: rod.y1.floor() as i32,
        x2: (rod.x2 / 2.0).ceil() as i32,
        y2: rod.y2.ceil() as i32,
    };
    let out = fx
        .render(&RenderRequest::at(0.0).window(window))
        .expect("render");
    let source = |x: i32, y: i32| frame.get(x, y);
    for y in window.y1..window.y2 {
        for x in window.x1..window.x2 {
            let got = out.get(x, y).expect("in the output");
            let want = reference(&p, 1.0, 2.0, &source, x, y);
            for c in 0..4 {
                assert!(
                    (f64::from(got[c]) - want[c]).abs() <= 2e-5,
                    "({x}, {y}) channel {c}: {} vs {}",
                    got[c],
                    want[c]
                );
            }
        }
    }
}

#[test]
fn the_centre_defaults_to_the_middle_of_the_project() {
    let session = session(HostConfig::default());
    let plugin = session.plugin(ID).expect("plugin");
    let fx = plugin.create_instance(Context::Filter).expect("instance");
    let p = &session.config().project;
    assert_eq!(
        fx.param_value("center", 0.0).expect("center"),
        ParamValue::Numeric(vec![
            p.offset.x + p.extent.x / 2.0,
            p.offset.y + p.extent.y / 2.0
        ])
    );
}

#[test]
fn concatenating_hosts_get_the_matrix_in_pixels() {
    let config = HostConfig {
        can_transform: true,
        ..HostConfig::default()
    };
    let session = session(config);
    let plugin = session.plugin(ID).expect("plugin");
    assert_eq!(
        plugin
            .descriptor()
            .get_int(ofx_host::extensions::CAN_TRANSFORM, 0),
        Ok(1)
    );
    let mut fx = plugin.create_instance(Context::Filter).expect("instance");
    let case = Case::plain(false);
    fx.connect_image(ClipName::SOURCE, case.frame(true))
        .expect("connect");
    // Translate (10, 5) and a quarter turn about (4, 2), at scale 1 and 0.5:
    // x' = -(y - 2) + 4 + 10, y' = (x - 4) + 2 + 5 in canonical units; at
    // scale 0.5 the offsets halve.
    Params {
        translate: [10.0, 5.0],
        rotate: 90.0,
        center: [4.0, 2.0],
        ..Params::identity()
    }
    .set(&mut fx);
    let one = fx
        .transform(0.0, OfxPointD { x: 1.0, y: 1.0 })
        .expect("transform");
    assert_eq!(
        one,
        Some((
            "Source".to_owned(),
            [[0.0, -1.0, 16.0], [1.0, 0.0, 3.0], [0.0, 0.0, 1.0]]
        ))
    );
    let half = fx
        .transform(0.0, OfxPointD { x: 0.5, y: 0.5 })
        .expect("transform");
    assert_eq!(
        half,
        Some((
            "Source".to_owned(),
            [[0.0, -1.0, 8.0], [1.0, 0.0, 1.5], [0.0, 0.0, 1.0]]
        ))
    );
    assert!(
        session.log().violations().is_empty(),
        "{:?}",
        session.log().violations()
    );
}

#[test]
fn hosts_without_the_extension_never_see_it() {
    let session = session(HostConfig::default());
    let plugin = session.plugin(ID).expect("plugin");
    // The plugin did not write a property the host does not know.
    assert!(
        !plugin
            .descriptor()
            .contains(ofx_host::extensions::CAN_TRANSFORM)
    );
    let fx = plugin.create_instance(Context::Filter).expect("instance");
    assert!(matches!(
        fx.transform(0.0, OfxPointD { x: 1.0, y: 1.0 }),
        Err(HostError::Unsupported(_))
    ));
    assert!(
        session.log().violations().is_empty(),
        "{:?}",
        session.log().violations()
    );
}

#[test]
fn passes_the_host_validator() {
    use ofx_host::checks::{Options, Target, run_all};
    let target = Target::in_process(
        OfxGetPlugin,
        Some(OfxGetNumberOfPlugins),
        Some(OfxSetHost),
        ID,
    );
    let options = Options {
        cycles: 20,
        threads: 2,
        in_process_fallback: true,
        ..Options::default()
    };
    let report = run_all(&target, &options);
    assert!(report.passed(), "\n{}", report.table(true));
}
