//! The resampler: every output pixel is the source, filtered, at the point
//! the inverse matrix maps the pixel's centre to.
//!
//! # What it computes
//!
//! For the output pixel `(x, y)` the source point is
//! `(u, v) = inverse * (x + 0.5, y + 0.5) - (0.5, 0.5)`, in source pixel
//! units whose integers are source pixel centres. The filter weighs the
//! source pixels around it:
//!
//! * [`Filter::Nearest`]: the pixel `(floor(u + 0.5), floor(v + 0.5))`;
//! * [`Filter::Bilinear`]: the 2x2 pixels from `(floor(u), floor(v))`, with
//!   weights `1 - t, t` per axis (`t` the fractional part);
//! * [`Filter::Bicubic`]: the 4x4 pixels from `(floor(u) - 1, floor(v) - 1)`,
//!   with Keys' cubic convolution weights (`a = -1/2`, Catmull-Rom): it
//!   passes through the pixels and reproduces quadratics.
//!
//! Source pixels outside the source view count as transparent black, so
//! the image fades to black over the filter's reach at its edges.
//! Components are filtered in their own units (0..255 and 0..65535 for
//! integers, the value for floats) in `f32`, then stored once: integers are
//! clamped and rounded to nearest, floats are not clamped (the bicubic
//! filter may overshoot).
//!
//! # Speed
//!
//! One dispatch on the filter per row (not per pixel); the depth and
//! components are static types. Each row maps its first pixel's centre
//! once; pixel `i` of the row is that point plus `i` times the matrix's
//! first column (in `f64`, no error growing along the row); the source's
//! rows are looked up once per render in a table of slices; pixels whose
//! taps are all inside the source take a path without per-tap bounds tests,
//! where the floor is a truncation (positions are non-negative there).
//! Components are worked as four `f32` lanes, which the compiler keeps in
//! one vector register.

use ofx_plugin::pixel::{Component, ImageView, ImageViewMut, Pixel};

use crate::Matrix3;

/// The resampling filter.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, ofx_plugin::ChoiceEnum)]
pub enum Filter {
    /// The nearest source pixel (no filtering).
    #[choice(label = "Nearest")]
    Nearest,
    /// Bilinear interpolation of the 2x2 nearest pixels.
    #[default]
    #[choice(label = "Bilinear")]
    Bilinear,
    /// Keys' cubic convolution (Catmull-Rom) over 4x4 pixels.
    #[choice(label = "Bicubic")]
    Bicubic,
}

impl Filter {
    /// How far, in source pixels, the pixels a sample reads may reach from
    /// the sample point (pixel edges included): half the number of taps per
    /// axis, plus half a pixel.
    pub fn support(self) -> f64 {
        match self {
            Filter::Nearest => 1.0,
            Filter::Bilinear => 1.5,
            Filter::Bicubic => 2.5,
        }
    }
}

/// Keys' cubic convolution weights (`a = -1/2`) of the taps at offsets
/// -1, 0, 1, 2 from `floor(u)`, for the fractional part `t`.
#[inline(always)]
pub fn cubic_weights(t: f32) -> [f32; 4] {
    let t2 = t * t;
    let t3 = t2 * t;
    [
        -0.5 * t3 + t2 - 0.5 * t,
        1.5 * t3 - 2.5 * t2 + 1.0,
        -1.5 * t3 + 2.0 * t2 + 0.5 * t,
        0.5 * t3 - 0.5 * t2,
    ]
}

type Lanes = [f32; 4];

/// A pixel's components in their own units, in the first lanes.
#[inline(always)]
fn load<P: Pixel>(p: &P) -> Lanes {
    let mut o = [0.0; 4];
    for (o, c) in o.iter_mut().zip(p.channels()) {
        *o = c.to_units();
    }
    o
}

#[inline(always)]
fn mul_add(acc: Lanes, p: Lanes, w: f32) -> Lanes {
    [
        acc[0] + p[0] * w,
        acc[1] + p[1] * w,
        acc[2] + p[2] * w,
        acc[3] + p[3] * w,
    ]
}

#[inline(always)]
fn lerp(a: Lanes, b: Lanes, t: f32) -> Lanes {
    [
        a[0] + (b[0] - a[0]) * t,
        a[1] + (b[1] - a[1]) * t,
        a[2] + (b[2] - a[2]) * t,
        a[3] + (b[3] - a[3]) * t,
    ]
}

/// The pixel whose components are `acc` (in units) times `k`
/// (the reciprocal of white's units).
#[inline(always)]
fn store<P: Pixel>(acc: Lanes, k: f32) -> P {
    let mut p = P::default();
    for (c, a) in p.channels_mut().iter_mut().zip(acc) {
        *c = P::Component::from_f32(a * k);
    }
    p
}

/// The source as a table of rows, with its size, for the taps.
struct Source<'a, P> {
    rows: Vec<&'a [P]>,
    /// Width and height, as floats, for tests on `f64` tap positions.
    w: f64,
    h: f64,
}

impl<P: Pixel> Source<'_, P> {
    /// The pixel at column `ix`, row `iy` (relative to the source's
    /// corner, integers held in `f64`), or black outside. The tests are on
    /// floats, so a NaN or huge position is outside too.
    #[inline(always)]
    fn tap(&self, ix: f64, iy: f64) -> Lanes {
        if ix >= 0.0 && ix < self.w && iy >= 0.0 && iy < self.h {
            load(&self.rows[iy as usize][ix as usize])
        } else {
            [0.0; 4]
        }
    }
}

/// Fills `dst` with `src` resampled through `inverse` (a map from output
/// pixel coordinates to source pixel coordinates, affine) with `filter`,
/// spread over the framework's workers by rows.
pub fn resample<P: Pixel>(
    inverse: &Matrix3,
    filter: Filter,
    src: &ImageView<'_, P>,
    dst: &mut ImageViewMut<'_, P>,
) {
    let b = src.bounds();
    if b.is_empty() {
        dst.fill(P::default());
        return;
    }
    let source = Source {
        rows: (b.y1..b.y2)
            .map(|y| src.row(y).unwrap_or_default())
            .collect(),
        w: f64::from(b.x2) - f64::from(b.x1),
        h: f64::from(b.y2) - f64::from(b.y1),
    };
    let m = inverse.m;
    // Per output pixel along a row, the source point moves by the first
    // column of the matrix.
    let (du, dv) = (m[0][0], m[1][0]);
    let (ox, oy) = (f64::from(b.x1) + 0.5, f64::from(b.y1) + 0.5);
    let k = 1.0 / <P::Component as Component>::WHITE.to_units();
    dst.par_rows(|row| {
        let p = inverse.apply(f64::from(row.x1()) + 0.5, f64::from(row.y()) + 0.5);
        // Relative to the source's first pixel centre.
        let start = (p.x - ox, p.y - oy);
        match filter {
            Filter::Nearest => nearest(&source, &mut row[..], start, (du, dv), k),
            Filter::Bilinear => bilinear(&source, &mut row[..], start, (du, dv), k),
            Filter::Bicubic => bicubic(&source, &mut row[..], start, (du, dv), k),
        }
    });
}

fn nearest<P: Pixel>(s: &Source<'_, P>, row: &mut [P], start: (f64, f64), d: (f64, f64), k: f32) {
    // The pixel's index in the row, counted in `f64` (exact).
    let mut fi = 0.0;
    for o in row.iter_mut() {
        let (u, v) = (start.0 + fi * d.0 + 0.5, start.1 + fi * d.1 + 0.5);
        *o = if u >= 0.0 && u < s.w && v >= 0.0 && v < s.h {
            // Non-negative, so truncation is the floor.
            store(load(&s.rows[v as usize][u as usize]), k)
        } else {
            store(s.tap(u.floor(), v.floor()), k)
        };
        fi += 1.0;
    }
}

fn bilinear<P: Pixel>(s: &Source<'_, P>, row: &mut [P], start: (f64, f64), d: (f64, f64), k: f32) {
    let (last_x, last_y) = (s.w - 1.0, s.h - 1.0);
    // The pixel's index in the row, counted in `f64` (exact).
    let mut fi = 0.0;
    for o in row.iter_mut() {
        let (u, v) = (start.0 + fi * d.0, start.1 + fi * d.1);
        *o = if u >= 0.0 && u < last_x && v >= 0.0 && v < last_y {
            // Every tap inside; non-negative, so truncation is the floor
            // (a cheap conversion, where `floor` may be a library call).
            let (ix, iy) = (u as usize, v as usize);
            let (tx, ty) = ((u - ix as f64) as f32, (v - iy as f64) as f32);
            let (r0, r1) = (&s.rows[iy][ix..ix + 2], &s.rows[iy + 1][ix..ix + 2]);
            let top = lerp(load(&r0[0]), load(&r0[1]), tx);
            let bottom = lerp(load(&r1[0]), load(&r1[1]), tx);
            store(lerp(top, bottom, ty), k)
        } else {
            let (fu, fv) = (u.floor(), v.floor());
            let (tx, ty) = ((u - fu) as f32, (v - fv) as f32);
            let top = lerp(s.tap(fu, fv), s.tap(fu + 1.0, fv), tx);
            let bottom = lerp(s.tap(fu, fv + 1.0), s.tap(fu + 1.0, fv + 1.0), tx);
            store(lerp(top, bottom, ty), k)
        };
        fi += 1.0;
    }
}

fn bicubic<P: Pixel>(s: &Source<'_, P>, row: &mut [P], start: (f64, f64), d: (f64, f64), k: f32) {
    let (last_x, last_y) = (s.w - 2.0, s.h - 2.0);
    // The pixel's index in the row, counted in `f64` (exact).
    let mut fi = 0.0;
    for o in row.iter_mut() {
        let (u, v) = (start.0 + fi * d.0, start.1 + fi * d.1);
        let mut acc = [0.0; 4];
        if u >= 1.0 && u < last_x && v >= 1.0 && v < last_y {
            // Every tap inside; truncation is the floor.
            let (ix, iy) = (u as usize, v as usize);
            let wx = cubic_weights((u - ix as f64) as f32);
            let wy = cubic_weights((v - iy as f64) as f32);
            for (r, wr) in s.rows[iy - 1..iy + 3].iter().zip(wy) {
                let mut h = [0.0; 4];
                for (p, w) in r[ix - 1..ix + 3].iter().zip(wx) {
                    h = mul_add(h, load(p), w);
                }
                acc = mul_add(acc, h, wr);
            }
        } else {
            let (fu, fv) = (u.floor(), v.floor());
            let wx = cubic_weights((u - fu) as f32);
            let wy = cubic_weights((v - fv) as f32);
            for (j, wr) in wy.iter().enumerate() {
                let mut h = [0.0; 4];
                for (c, w) in wx.iter().enumerate() {
                    h = mul_add(h, s.tap(fu - 1.0 + c as f64, fv - 1.0 + j as f64), *w);
                }
                acc = mul_add(acc, h, *wr);
            }
        }
        *o = store(acc, k);
        fi += 1.0;
    }
}
