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
//! The output is cut into tiles of [`TILE`] pixels for the workers: a
//! rotated output row crosses hundreds of source rows, and a tile's source
//! pixels stay in the cache for its next rows. One dispatch on the filter
//! per row segment (not per pixel); the depth and components are static
//! types. Each segment maps its first pixel's centre once; pixel `i` is
//! that point plus `i` times the matrix's first column. The bilinear
//! filter walks it in 32.32 fixed point, so a pixel's taps and weights
//! come from a shift and a mask rather than float-to-integer conversions;
//! the others count in `f64`. The source's rows are looked up once per
//! render in a table of slices; pixels whose taps are all inside the
//! source take a path without per-tap bounds tests. Components are worked
//! as four `f32` lanes, which the compiler keeps in one vector register.

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

/// The output tiles the workers take, in pixels (width, height).
pub const TILE: (u32, u32) = (256, 32);

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
    // Tiles, not whole rows: a rotated row of the output crosses hundreds
    // of source rows, and a tile's source pixels stay in the cache for its
    // next rows.
    dst.par_tiles(TILE.0, TILE.1, |_, mut tile| {
        for (y, mut row) in tile.rows_mut() {
            let p = inverse.apply(f64::from(row.x1()) + 0.5, f64::from(y) + 0.5);
            // Relative to the source's first pixel centre.
            let start = (p.x - ox, p.y - oy);
            match filter {
                Filter::Nearest => nearest(&source, &mut row[..], start, (du, dv), k),
                Filter::Bilinear => bilinear(&source, &mut row[..], start, (du, dv), k),
                Filter::Bicubic => bicubic(&source, &mut row[..], start, (du, dv), k),
            }
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

/// Fixed-point positions: 32 fraction bits in an `i64`.
const FRACTION_BITS: u32 = 32;
const FIXED_ONE: f64 = (1u64 << FRACTION_BITS) as f64;

fn bilinear<P: Pixel>(s: &Source<'_, P>, row: &mut [P], start: (f64, f64), d: (f64, f64), k: f32) {
    // Along the row the position moves by a constant step, walked in fixed
    // point: the integer part indexes the taps and the fraction weighs
    // them, without a float-to-integer conversion per pixel. The step's
    // rounding adds at most 2^-33 of a pixel per pixel (under 1e-7 of a
    // pixel over a tile's row).
    let fixed = |v: f64| (v * FIXED_ONE).round() as i64;
    let (du, dv) = (fixed(d.0), fixed(d.1));
    let (mut u, mut v) = (fixed(start.0), fixed(start.1));
    // Positions whose two taps per axis are inside: 0 <= integer part <
    // size - 1, one unsigned comparison each (a negative position wraps to
    // a huge one).
    let inside_u = ((s.w - 1.0).max(0.0) as u64) << FRACTION_BITS;
    let inside_v = ((s.h - 1.0).max(0.0) as u64) << FRACTION_BITS;
    let weight =
        |f: i64| (f as u64 & ((1u64 << FRACTION_BITS) - 1)) as f32 * (1.0 / FIXED_ONE as f32);
    // Far off, or stepping far along the row, the fixed point could
    // overflow: the exact path then does every pixel.
    let reach = row.len() as f64 * d.0.abs().max(d.1.abs());
    let far = start.0.abs().max(start.1.abs()) + reach > 1.0e9;
    for (i, o) in row.iter_mut().enumerate() {
        *o = if !far && (u as u64) < inside_u && (v as u64) < inside_v {
            let (ix, iy) = ((u >> FRACTION_BITS) as usize, (v >> FRACTION_BITS) as usize);
            let (tx, ty) = (weight(u), weight(v));
            let (r0, r1) = (&s.rows[iy][ix..ix + 2], &s.rows[iy + 1][ix..ix + 2]);
            let top = lerp(load(&r0[0]), load(&r0[1]), tx);
            let bottom = lerp(load(&r1[0]), load(&r1[1]), tx);
            store(lerp(top, bottom, ty), k)
        } else {
            // Near the edges (or far off the source): the taps one by one,
            // black outside, from the exact position.
            let fi = i as f64;
            let (pu, pv) = (start.0 + fi * d.0, start.1 + fi * d.1);
            let (fu, fv) = (pu.floor(), pv.floor());
            let (tx, ty) = ((pu - fu) as f32, (pv - fv) as f32);
            let top = lerp(s.tap(fu, fv), s.tap(fu + 1.0, fv), tx);
            let bottom = lerp(s.tap(fu, fv + 1.0), s.tap(fu + 1.0, fv + 1.0), tx);
            store(lerp(top, bottom, ty), k)
        };
        u = u.wrapping_add(du);
        v = v.wrapping_add(dv);
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
