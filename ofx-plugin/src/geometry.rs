//! Rectangles, points and the mapping between canonical and pixel coordinates.
//!
//! OpenFX describes space in two coordinate systems:
//!
//! * **Canonical coordinates** are resolution independent: one unit is one
//!   pixel of the full-resolution image with square pixels. Regions of
//!   definition and of interest are given in canonical coordinates ([`RectD`]).
//! * **Pixel coordinates** address the pixels of an image at the resolution it
//!   is rendered at. Image bounds and render windows are integer rectangles in
//!   pixel coordinates ([`RectI`]).
//!
//! The two are related by the render scale and the pixel aspect ratio (PAR):
//!
//! ```text
//! canonical x = pixel x * PAR / render_scale.x
//! canonical y = pixel y       / render_scale.y
//! ```
//!
//! Rectangles are half-open: `x1` and `y1` lie inside, `x2` and `y2` lie one
//! past the edge, so a rectangle's width is `x2 - x1`. A rectangle with
//! `x1 >= x2` or `y1 >= y2` is empty.
//!
//! # Infinite rectangles
//!
//! OpenFX marks an unbounded edge with `kOfxFlagInfiniteMin` (`INT_MIN`) for
//! `x1`/`y1` and `kOfxFlagInfiniteMax` (`INT_MAX`) for `x2`/`y2`, for integer
//! and double rectangles alike (a double edge at or beyond these values counts
//! as infinite, and so do the IEEE infinities). Every operation here keeps an
//! infinite edge infinite: scaling, growing and translating never move it and
//! never overflow, and a finite edge that would leave the `i32` range becomes
//! infinite rather than wrapping around.

use ofx_sys as sys;

/// The value OpenFX uses for an infinitely low edge (`kOfxFlagInfiniteMin`).
pub const INFINITE_MIN: i32 = i32::MIN;
/// The value OpenFX uses for an infinitely high edge (`kOfxFlagInfiniteMax`).
pub const INFINITE_MAX: i32 = i32::MAX;
/// [`INFINITE_MIN`] as a double, the flag for an infinitely low [`RectD`] edge.
pub const INFINITE_MIN_F64: f64 = INFINITE_MIN as f64;
/// [`INFINITE_MAX`] as a double, the flag for an infinitely high [`RectD`] edge.
pub const INFINITE_MAX_F64: f64 = INFINITE_MAX as f64;

/// Pixel edges closer than this to an integer are taken to be that integer
/// when a rectangle is rounded to pixels, to absorb the rounding error of the
/// scale factors.
const SNAP_TOLERANCE: f64 = 1e-6;

/// A point with integer coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct PointI {
    /// The x coordinate.
    pub x: i32,
    /// The y coordinate.
    pub y: i32,
}

impl PointI {
    /// The point `(x, y)`.
    pub const fn new(x: i32, y: i32) -> Self {
        PointI { x, y }
    }
}

/// A point (or a vector, such as a radius) with double coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PointD {
    /// The x coordinate.
    pub x: f64,
    /// The y coordinate.
    pub y: f64,
}

impl PointD {
    /// The point `(x, y)`.
    pub const fn new(x: f64, y: f64) -> Self {
        PointD { x, y }
    }

    /// Maps a point from canonical to pixel coordinates.
    ///
    /// The mapping is linear with no offset, so it also converts lengths and
    /// radii (for example a blur size given in canonical units).
    pub fn to_pixel(self, scale: RenderScale, par: f64) -> PointD {
        PointD::new(self.x * scale.x / par, self.y * scale.y)
    }

    /// Maps a point from pixel to canonical coordinates; the inverse of
    /// [`PointD::to_pixel`].
    pub fn to_canonical(self, scale: RenderScale, par: f64) -> PointD {
        PointD::new(self.x * par / scale.x, self.y / scale.y)
    }
}

impl From<PointI> for PointD {
    fn from(p: PointI) -> Self {
        PointD::new(f64::from(p.x), f64::from(p.y))
    }
}

/// The factor by which an image is rendered below full resolution, per axis.
///
/// A proxy render at half resolution has a render scale of `0.5` on both
/// axes. Values must be positive; `1.0` means full resolution.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RenderScale {
    /// The horizontal scale factor.
    pub x: f64,
    /// The vertical scale factor.
    pub y: f64,
}

impl RenderScale {
    /// Full resolution: a scale of one on both axes.
    pub const ONE: RenderScale = RenderScale { x: 1.0, y: 1.0 };

    /// A scale with separate horizontal and vertical factors.
    pub const fn new(x: f64, y: f64) -> Self {
        RenderScale { x, y }
    }

    /// The same scale factor on both axes.
    pub const fn uniform(s: f64) -> Self {
        RenderScale { x: s, y: s }
    }
}

impl Default for RenderScale {
    fn default() -> Self {
        RenderScale::ONE
    }
}

/// An integer rectangle in pixel coordinates, half-open: it holds the pixels
/// with `x1 <= x < x2` and `y1 <= y < y2`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct RectI {
    /// Left edge (inclusive).
    pub x1: i32,
    /// Bottom edge (inclusive).
    pub y1: i32,
    /// Right edge (exclusive).
    pub x2: i32,
    /// Top edge (exclusive).
    pub y2: i32,
}

impl RectI {
    /// The infinite rectangle, every edge at the OpenFX infinity flags.
    pub const INFINITE: RectI = RectI::new(INFINITE_MIN, INFINITE_MIN, INFINITE_MAX, INFINITE_MAX);

    /// The rectangle with the given edges.
    pub const fn new(x1: i32, y1: i32, x2: i32, y2: i32) -> Self {
        RectI { x1, y1, x2, y2 }
    }

    /// The number of columns, `x2 - x1`, or 0 when the rectangle is inverted.
    ///
    /// Returned as `u32` so that even the infinite rectangle's width fits.
    pub const fn width(&self) -> u32 {
        if self.x2 > self.x1 {
            self.x2.abs_diff(self.x1)
        } else {
            0
        }
    }

    /// The number of rows, `y2 - y1`, or 0 when the rectangle is inverted.
    pub const fn height(&self) -> u32 {
        if self.y2 > self.y1 {
            self.y2.abs_diff(self.y1)
        } else {
            0
        }
    }

    /// Whether the rectangle holds no pixel (`x1 >= x2` or `y1 >= y2`).
    pub const fn is_empty(&self) -> bool {
        self.x1 >= self.x2 || self.y1 >= self.y2
    }

    /// Whether every edge is at its OpenFX infinity flag.
    pub const fn is_infinite(&self) -> bool {
        self.x1 == INFINITE_MIN
            && self.y1 == INFINITE_MIN
            && self.x2 == INFINITE_MAX
            && self.y2 == INFINITE_MAX
    }

    /// Whether no edge is at an infinity flag.
    pub const fn is_finite(&self) -> bool {
        self.x1 != INFINITE_MIN
            && self.y1 != INFINITE_MIN
            && self.x2 != INFINITE_MAX
            && self.y2 != INFINITE_MAX
    }

    /// Whether the pixel `(x, y)` lies inside.
    pub const fn contains_point(&self, x: i32, y: i32) -> bool {
        self.x1 <= x && x < self.x2 && self.y1 <= y && y < self.y2
    }

    /// Whether every pixel of `other` lies inside `self`. An empty rectangle
    /// is contained in every rectangle.
    pub const fn contains(&self, other: &RectI) -> bool {
        other.is_empty()
            || (self.x1 <= other.x1
                && other.x2 <= self.x2
                && self.y1 <= other.y1
                && other.y2 <= self.y2)
    }

    /// The pixels that lie in both rectangles, or `None` when they share none.
    pub fn intersection(&self, other: &RectI) -> Option<RectI> {
        let r = RectI::new(
            self.x1.max(other.x1),
            self.y1.max(other.y1),
            self.x2.min(other.x2),
            self.y2.min(other.y2),
        );
        (!r.is_empty()).then_some(r)
    }

    /// Whether the rectangles share at least one pixel.
    pub fn intersects(&self, other: &RectI) -> bool {
        self.intersection(other).is_some()
    }

    /// The smallest rectangle holding both. Empty operands are ignored, so the
    /// union of an empty rectangle with `r` is `r`.
    pub fn union(&self, other: &RectI) -> RectI {
        if self.is_empty() {
            return *other;
        }
        if other.is_empty() {
            return *self;
        }
        RectI::new(
            self.x1.min(other.x1),
            self.y1.min(other.y1),
            self.x2.max(other.x2),
            self.y2.max(other.y2),
        )
    }

    /// The rectangle moved outwards by `dx` columns on the left and right and
    /// `dy` rows at the bottom and top (inwards when negative).
    ///
    /// Infinite edges stay infinite, and an edge that would leave the `i32`
    /// range saturates at the infinity flag. Shrinking past the centre gives
    /// an empty rectangle.
    pub fn grown(&self, dx: i32, dy: i32) -> RectI {
        RectI::new(
            shift_min_i(self.x1, -i64::from(dx)),
            shift_min_i(self.y1, -i64::from(dy)),
            shift_max_i(self.x2, i64::from(dx)),
            shift_max_i(self.y2, i64::from(dy)),
        )
    }

    /// The rectangle moved by `(dx, dy)`. Infinite edges stay infinite, and
    /// finite edges saturate at the infinity flags.
    pub fn translated(&self, dx: i32, dy: i32) -> RectI {
        RectI::new(
            shift_min_i(self.x1, i64::from(dx)),
            shift_min_i(self.y1, i64::from(dy)),
            shift_max_i(self.x2, i64::from(dx)),
            shift_max_i(self.y2, i64::from(dy)),
        )
    }

    /// Maps this pixel rectangle to canonical coordinates.
    ///
    /// The result is exact up to floating-point rounding; infinite edges map
    /// to the double infinity flags.
    pub fn to_canonical(&self, scale: RenderScale, par: f64) -> RectD {
        RectD::from(*self).to_canonical(scale, par)
    }
}

/// Moves a low edge (`x1`/`y1`) by `d`, keeping the infinity flag and
/// saturating into it.
fn shift_min_i(v: i32, d: i64) -> i32 {
    if v == INFINITE_MIN {
        return v;
    }
    saturate_i(i64::from(v) + d)
}

/// Moves a high edge (`x2`/`y2`) by `d`, keeping the infinity flag and
/// saturating into it.
fn shift_max_i(v: i32, d: i64) -> i32 {
    if v == INFINITE_MAX {
        return v;
    }
    saturate_i(i64::from(v) + d)
}

fn saturate_i(v: i64) -> i32 {
    v.clamp(i64::from(INFINITE_MIN), i64::from(INFINITE_MAX)) as i32
}

/// A rectangle with double coordinates, usually in canonical coordinates
/// (regions of definition and of interest).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct RectD {
    /// Left edge.
    pub x1: f64,
    /// Bottom edge.
    pub y1: f64,
    /// Right edge.
    pub x2: f64,
    /// Top edge.
    pub y2: f64,
}

impl RectD {
    /// The infinite rectangle, every edge at the OpenFX infinity flags.
    pub const INFINITE: RectD = RectD::new(
        INFINITE_MIN_F64,
        INFINITE_MIN_F64,
        INFINITE_MAX_F64,
        INFINITE_MAX_F64,
    );

    /// The rectangle with the given edges.
    pub const fn new(x1: f64, y1: f64, x2: f64, y2: f64) -> Self {
        RectD { x1, y1, x2, y2 }
    }

    /// `x2 - x1`, or 0 when the rectangle is inverted.
    pub fn width(&self) -> f64 {
        if self.x2 > self.x1 {
            self.x2 - self.x1
        } else {
            0.0
        }
    }

    /// `y2 - y1`, or 0 when the rectangle is inverted.
    pub fn height(&self) -> f64 {
        if self.y2 > self.y1 {
            self.y2 - self.y1
        } else {
            0.0
        }
    }

    /// Whether the rectangle has no area (`x1 >= x2` or `y1 >= y2`, or an
    /// edge is NaN).
    pub fn is_empty(&self) -> bool {
        !(self.x1 < self.x2 && self.y1 < self.y2)
    }

    /// Whether every edge is at (or beyond) its OpenFX infinity flag.
    pub fn is_infinite(&self) -> bool {
        self.x1 <= INFINITE_MIN_F64
            && self.y1 <= INFINITE_MIN_F64
            && self.x2 >= INFINITE_MAX_F64
            && self.y2 >= INFINITE_MAX_F64
    }

    /// Whether no edge is at or beyond an infinity flag.
    pub fn is_finite(&self) -> bool {
        self.x1 > INFINITE_MIN_F64
            && self.y1 > INFINITE_MIN_F64
            && self.x2 < INFINITE_MAX_F64
            && self.y2 < INFINITE_MAX_F64
    }

    /// Whether the point lies inside (left and bottom edges included, right
    /// and top excluded).
    pub fn contains_point(&self, p: PointD) -> bool {
        self.x1 <= p.x && p.x < self.x2 && self.y1 <= p.y && p.y < self.y2
    }

    /// Whether `other` lies inside `self`. An empty rectangle is contained in
    /// every rectangle.
    pub fn contains(&self, other: &RectD) -> bool {
        other.is_empty()
            || (self.x1 <= other.x1
                && other.x2 <= self.x2
                && self.y1 <= other.y1
                && other.y2 <= self.y2)
    }

    /// The area both rectangles cover, or `None` when it is empty.
    pub fn intersection(&self, other: &RectD) -> Option<RectD> {
        let r = RectD::new(
            self.x1.max(other.x1),
            self.y1.max(other.y1),
            self.x2.min(other.x2),
            self.y2.min(other.y2),
        );
        (!r.is_empty()).then_some(r)
    }

    /// Whether the rectangles overlap with a positive area.
    pub fn intersects(&self, other: &RectD) -> bool {
        self.intersection(other).is_some()
    }

    /// The smallest rectangle holding both. Empty operands are ignored.
    pub fn union(&self, other: &RectD) -> RectD {
        if self.is_empty() {
            return *other;
        }
        if other.is_empty() {
            return *self;
        }
        RectD::new(
            self.x1.min(other.x1),
            self.y1.min(other.y1),
            self.x2.max(other.x2),
            self.y2.max(other.y2),
        )
    }

    /// The rectangle moved outwards by `dx` on the left and right and by `dy`
    /// at the bottom and top, in the rectangle's own units (inwards when
    /// negative).
    ///
    /// This is how a region of interest grows by a filter's radius: for a
    /// radius given in canonical units, grow the canonical RoI by it directly
    /// (see [`RectD::grown_for_radius`] for a radius given in pixels).
    /// Infinite edges stay infinite.
    pub fn grown(&self, dx: f64, dy: f64) -> RectD {
        RectD::new(
            shift_d(self.x1, -dx),
            shift_d(self.y1, -dy),
            shift_d(self.x2, dx),
            shift_d(self.y2, dy),
        )
    }

    /// Grows a canonical rectangle by a radius given in pixels at the given
    /// render scale and PAR: the radius is converted to canonical units first
    /// (`rx * PAR / scale.x`, `ry / scale.y`). Infinite edges stay infinite.
    pub fn grown_for_radius(&self, pixel_radius: PointD, scale: RenderScale, par: f64) -> RectD {
        let r = pixel_radius.to_canonical(scale, par);
        self.grown(r.x, r.y)
    }

    /// The rectangle moved by `(dx, dy)`. Infinite edges stay infinite.
    pub fn translated(&self, dx: f64, dy: f64) -> RectD {
        RectD::new(
            shift_d(self.x1, dx),
            shift_d(self.y1, dy),
            shift_d(self.x2, dx),
            shift_d(self.y2, dy),
        )
    }

    /// Maps this canonical rectangle to pixel coordinates without rounding.
    /// Infinite edges stay at the infinity flags.
    pub fn to_pixel(&self, scale: RenderScale, par: f64) -> RectD {
        let kx = scale.x / par;
        let ky = scale.y;
        RectD::new(
            scale_d(self.x1, kx),
            scale_d(self.y1, ky),
            scale_d(self.x2, kx),
            scale_d(self.y2, ky),
        )
    }

    /// Maps this rectangle from pixel to canonical coordinates without
    /// rounding; the inverse of [`RectD::to_pixel`].
    pub fn to_canonical(&self, scale: RenderScale, par: f64) -> RectD {
        let kx = par / scale.x;
        let ky = 1.0 / scale.y;
        RectD::new(
            scale_d(self.x1, kx),
            scale_d(self.y1, ky),
            scale_d(self.x2, kx),
            scale_d(self.y2, ky),
        )
    }

    /// The smallest pixel rectangle that covers this canonical rectangle:
    /// the floor of the low edges and the ceiling of the high edges.
    ///
    /// Pixel edges within 1e-6 of an integer count as that integer, so that a
    /// pixel rectangle mapped to canonical coordinates and back covers the
    /// same pixels despite rounding in the scale factors. Infinite edges map
    /// to the `i32` infinity flags.
    pub fn to_pixel_enclosing(&self, scale: RenderScale, par: f64) -> RectI {
        let p = self.to_pixel(scale, par);
        RectI::new(
            to_i(snap(p.x1).floor()),
            to_i(snap(p.y1).floor()),
            to_i(snap(p.x2).ceil()),
            to_i(snap(p.y2).ceil()),
        )
    }

    /// The pixel rectangle whose edges are nearest to this canonical
    /// rectangle's edges (`floor(edge + 0.5)`, so halves round up on both
    /// sides of zero). Infinite edges map to the `i32` infinity flags.
    pub fn to_pixel_rounded(&self, scale: RenderScale, par: f64) -> RectI {
        let p = self.to_pixel(scale, par);
        RectI::new(
            to_i(round_half_up(p.x1)),
            to_i(round_half_up(p.y1)),
            to_i(round_half_up(p.x2)),
            to_i(round_half_up(p.y2)),
        )
    }
}

/// Whether a double edge is at or beyond an infinity flag.
fn is_infinite_d(v: f64) -> bool {
    v <= INFINITE_MIN_F64 || v >= INFINITE_MAX_F64
}

/// Clamps a double edge into the range of the flags (NaN stays NaN).
fn clamp_to_flags(v: f64) -> f64 {
    v.clamp(INFINITE_MIN_F64, INFINITE_MAX_F64)
}

fn scale_d(v: f64, k: f64) -> f64 {
    if is_infinite_d(v) {
        clamp_to_flags(v)
    } else {
        clamp_to_flags(v * k)
    }
}

fn shift_d(v: f64, d: f64) -> f64 {
    if is_infinite_d(v) {
        clamp_to_flags(v)
    } else {
        clamp_to_flags(v + d)
    }
}

fn snap(v: f64) -> f64 {
    let r = v.round();
    if (v - r).abs() <= SNAP_TOLERANCE {
        r
    } else {
        v
    }
}

fn round_half_up(v: f64) -> f64 {
    if is_infinite_d(v) {
        v
    } else {
        (v + 0.5).floor()
    }
}

/// Converts an integral double within the flags' range to `i32`; the cast
/// saturates, and NaN becomes 0.
fn to_i(v: f64) -> i32 {
    v as i32
}

impl From<RectI> for RectD {
    /// Exact: every `i32` is a double, and the integer infinity flags become
    /// the double ones.
    fn from(r: RectI) -> Self {
        RectD::new(
            f64::from(r.x1),
            f64::from(r.y1),
            f64::from(r.x2),
            f64::from(r.y2),
        )
    }
}

impl From<sys::OfxRectI> for RectI {
    fn from(r: sys::OfxRectI) -> Self {
        RectI::new(r.x1, r.y1, r.x2, r.y2)
    }
}

impl From<RectI> for sys::OfxRectI {
    fn from(r: RectI) -> Self {
        sys::OfxRectI {
            x1: r.x1,
            y1: r.y1,
            x2: r.x2,
            y2: r.y2,
        }
    }
}

impl From<sys::OfxRectD> for RectD {
    fn from(r: sys::OfxRectD) -> Self {
        RectD::new(r.x1, r.y1, r.x2, r.y2)
    }
}

impl From<RectD> for sys::OfxRectD {
    fn from(r: RectD) -> Self {
        sys::OfxRectD {
            x1: r.x1,
            y1: r.y1,
            x2: r.x2,
            y2: r.y2,
        }
    }
}

impl From<sys::OfxPointI> for PointI {
    fn from(p: sys::OfxPointI) -> Self {
        PointI::new(p.x, p.y)
    }
}

impl From<PointI> for sys::OfxPointI {
    fn from(p: PointI) -> Self {
        sys::OfxPointI { x: p.x, y: p.y }
    }
}

impl From<sys::OfxPointD> for PointD {
    fn from(p: sys::OfxPointD) -> Self {
        PointD::new(p.x, p.y)
    }
}

impl From<PointD> for sys::OfxPointD {
    fn from(p: PointD) -> Self {
        sys::OfxPointD { x: p.x, y: p.y }
    }
}

impl From<sys::OfxPointD> for RenderScale {
    fn from(p: sys::OfxPointD) -> Self {
        RenderScale::new(p.x, p.y)
    }
}

impl From<RenderScale> for sys::OfxPointD {
    fn from(s: RenderScale) -> Self {
        sys::OfxPointD { x: s.x, y: s.y }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn r(x1: i32, y1: i32, x2: i32, y2: i32) -> RectI {
        RectI::new(x1, y1, x2, y2)
    }

    #[test]
    fn flags_match_ofx_sys() {
        assert_eq!(INFINITE_MIN, sys::kOfxFlagInfiniteMin);
        assert_eq!(INFINITE_MAX, sys::kOfxFlagInfiniteMax);
        assert!(RectI::INFINITE.is_infinite());
        assert!(RectD::INFINITE.is_infinite());
        assert_eq!(RectD::from(RectI::INFINITE), RectD::INFINITE);
    }

    #[test]
    fn width_height_and_emptiness() {
        let a = r(-3, 2, 5, 10);
        assert_eq!((a.width(), a.height()), (8, 8));
        assert!(!a.is_empty());
        assert!(r(5, 0, 5, 10).is_empty());
        assert!(r(6, 0, 5, 10).is_empty());
        assert_eq!(r(6, 0, 5, 10).width(), 0);
        assert_eq!(RectI::INFINITE.width(), u32::MAX);
        assert!(RectD::new(0.0, 0.0, f64::NAN, 1.0).is_empty());
        assert_eq!(RectD::new(1.0, 2.0, 0.5, 4.0).width(), 0.0);
        assert_eq!(RectD::new(1.0, 2.0, 0.5, 4.0).height(), 2.0);
    }

    #[test]
    fn infinite_and_finite() {
        assert!(!RectI::INFINITE.is_finite());
        assert!(r(0, 0, 1, 1).is_finite());
        let half = r(INFINITE_MIN, 0, 10, 10);
        assert!(!half.is_infinite() && !half.is_finite());
        let d = RectD::new(f64::NEG_INFINITY, -1e300, f64::INFINITY, 3e9);
        assert!(d.is_infinite());
        assert!(!d.is_finite());
    }

    #[test]
    fn union_intersection_containment() {
        let a = r(0, 0, 10, 10);
        let b = r(5, -5, 20, 5);
        assert_eq!(a.intersection(&b), Some(r(5, 0, 10, 5)));
        assert_eq!(a.union(&b), r(0, -5, 20, 10));
        assert!(a.contains(&r(1, 1, 9, 9)));
        assert!(!a.contains(&b));
        assert!(a.contains(&r(50, 50, 50, 60)), "empty is contained");
        assert_eq!(a.intersection(&r(10, 0, 20, 10)), None, "touching edges");
        assert!(!a.intersects(&r(10, 0, 20, 10)));
        assert_eq!(a.union(&r(100, 100, 100, 100)), a);
        assert_eq!(r(3, 3, 3, 3).union(&a), a);
        assert_eq!(RectI::INFINITE.intersection(&a), Some(a));
        assert_eq!(RectI::INFINITE.union(&a), RectI::INFINITE);
        assert!(a.contains_point(0, 9) && !a.contains_point(10, 0));

        let da = RectD::new(0.0, 0.0, 10.0, 10.0);
        let db = RectD::new(5.0, -5.0, 20.0, 5.0);
        assert_eq!(da.intersection(&db), Some(RectD::new(5.0, 0.0, 10.0, 5.0)));
        assert_eq!(da.union(&db), RectD::new(0.0, -5.0, 20.0, 10.0));
        assert!(da.contains(&RectD::new(1.0, 1.0, 2.0, 2.0)));
        assert!(!da.contains(&db));
        assert!(da.contains_point(PointD::new(0.0, 9.5)));
        assert!(!da.contains_point(PointD::new(10.0, 0.0)));
        assert_eq!(RectD::INFINITE.union(&da), RectD::INFINITE);
        assert_eq!(RectD::INFINITE.intersection(&da), Some(da));
        assert!(!da.intersects(&RectD::new(10.0, 0.0, 11.0, 1.0)));
    }

    #[test]
    fn grow_and_translate_keep_infinity_and_saturate() {
        assert_eq!(r(0, 0, 10, 10).grown(2, 3), r(-2, -3, 12, 13));
        assert_eq!(r(0, 0, 10, 10).grown(-6, 0).width(), 0);
        assert!(r(0, 0, 10, 10).grown(-6, 0).is_empty());
        assert_eq!(RectI::INFINITE.grown(5, 5), RectI::INFINITE);
        assert_eq!(RectI::INFINITE.grown(-5, -5), RectI::INFINITE);
        assert_eq!(RectI::INFINITE.translated(7, -7), RectI::INFINITE);
        let near = r(i32::MIN + 1, 0, i32::MAX - 1, 1);
        assert_eq!(near.grown(10, 0), r(INFINITE_MIN, 0, INFINITE_MAX, 1));
        assert_eq!(r(1, 2, 3, 4).translated(10, -10), r(11, -8, 13, -6));

        let d = RectD::new(0.0, 0.0, 10.0, 10.0);
        assert_eq!(d.grown(1.5, 2.0), RectD::new(-1.5, -2.0, 11.5, 12.0));
        assert_eq!(RectD::INFINITE.grown(1e12, 3.0), RectD::INFINITE);
        assert_eq!(RectD::INFINITE.translated(1e12, 3.0), RectD::INFINITE);
        // A radius of 4 pixels at half resolution and PAR 2 is 16 canonical
        // units horizontally and 8 vertically.
        let g = d.grown_for_radius(PointD::new(4.0, 4.0), RenderScale::uniform(0.5), 2.0);
        assert_eq!(g, RectD::new(-16.0, -8.0, 26.0, 18.0));
    }

    #[test]
    fn canonical_pixel_mapping() {
        let s = RenderScale::new(0.5, 0.25);
        let c = RectD::new(-10.0, 4.0, 30.5, 40.0);
        assert_eq!(c.to_pixel(s, 1.0), RectD::new(-5.0, 1.0, 15.25, 10.0));
        assert_eq!(c.to_pixel_enclosing(s, 1.0), r(-5, 1, 16, 10));
        assert_eq!(c.to_pixel_rounded(s, 1.0), r(-5, 1, 15, 10));
        // PAR 2: canonical x is twice the pixel x.
        assert_eq!(
            r(0, 0, 10, 10).to_canonical(RenderScale::ONE, 2.0),
            RectD::new(0.0, 0.0, 20.0, 10.0)
        );
        assert_eq!(
            RectD::new(-0.1, -0.5, 0.5, 1.5).to_pixel_rounded(RenderScale::ONE, 1.0),
            r(0, 0, 1, 2)
        );
        assert_eq!(
            RectD::new(-0.6, -1.5, 0.4, 1.5).to_pixel_rounded(RenderScale::ONE, 1.0),
            r(-1, -1, 0, 2)
        );
        let p = PointD::new(3.0, 5.0);
        assert_eq!(p.to_pixel(s, 2.0), PointD::new(0.75, 1.25));
        assert_eq!(p.to_pixel(s, 2.0).to_canonical(s, 2.0), p);
    }

    #[test]
    fn snapping_absorbs_scale_rounding() {
        // 3 * 0.1 is not exactly 0.3 in binary; the enclosing rect must not
        // pick up an extra pixel because of it.
        let s = RenderScale::uniform(0.1);
        let px = r(3, 3, 7, 7);
        assert_eq!(px.to_canonical(s, 1.0).to_pixel_enclosing(s, 1.0), px);
    }

    #[test]
    fn infinite_rects_survive_conversions() {
        for scale in [
            RenderScale::ONE,
            RenderScale::uniform(0.5),
            RenderScale::new(0.25, 3.0),
        ] {
            for par in [1.0, 2.0, 0.9] {
                let c = RectI::INFINITE.to_canonical(scale, par);
                assert!(c.is_infinite());
                assert_eq!(c, RectD::INFINITE);
                assert_eq!(c.to_pixel_enclosing(scale, par), RectI::INFINITE);
                assert_eq!(c.to_pixel_rounded(scale, par), RectI::INFINITE);
                let ieee = RectD::new(
                    f64::NEG_INFINITY,
                    f64::NEG_INFINITY,
                    f64::INFINITY,
                    f64::INFINITY,
                );
                assert_eq!(ieee.to_pixel_enclosing(scale, par), RectI::INFINITE);
                // Half-infinite rects keep the finite edges.
                let half = RectI::new(INFINITE_MIN, 0, 8, INFINITE_MAX);
                let back = half.to_canonical(scale, par).to_pixel_enclosing(scale, par);
                assert_eq!(back, half);
            }
        }
        // Finite edges that leave the i32 range become infinite, not wrapped.
        let big = RectD::new(-3e9, -1.0, 3e9, 1.0);
        assert_eq!(
            big.to_pixel_enclosing(RenderScale::ONE, 1.0),
            r(INFINITE_MIN, -1, INFINITE_MAX, 1)
        );
        let blown = RectD::new(-2e9, 0.0, 2e9, 1.0).to_pixel(RenderScale::uniform(4.0), 1.0);
        assert_eq!(blown.x1, INFINITE_MIN_F64);
        assert_eq!(blown.x2, INFINITE_MAX_F64);
    }

    #[test]
    fn ofx_sys_conversions_round_trip() {
        let a = r(-1, 2, 3, 4);
        assert_eq!(RectI::from(sys::OfxRectI::from(a)), a);
        let d = RectD::new(-1.5, 2.0, 3.0, 4.25);
        assert_eq!(RectD::from(sys::OfxRectD::from(d)), d);
        let p = PointI::new(-7, 9);
        assert_eq!(PointI::from(sys::OfxPointI::from(p)), p);
        let q = PointD::new(0.5, -2.0);
        assert_eq!(PointD::from(sys::OfxPointD::from(q)), q);
        let s = RenderScale::new(0.5, 0.25);
        assert_eq!(RenderScale::from(sys::OfxPointD::from(s)), s);
        assert_eq!(PointD::from(p), PointD::new(-7.0, 9.0));
        assert_eq!(RenderScale::default(), RenderScale::ONE);
    }

    fn small_rect() -> impl Strategy<Value = RectI> {
        (-20i32..20, -20i32..20, 0i32..15, 0i32..15)
            .prop_map(|(x, y, w, h)| RectI::new(x, y, x + w, y + h))
    }

    fn any_rect() -> impl Strategy<Value = RectI> {
        (
            -1_000_000i32..1_000_000,
            -1_000_000i32..1_000_000,
            0i32..100_000,
            0i32..100_000,
        )
            .prop_map(|(x, y, w, h)| RectI::new(x, y, x + w, y + h))
    }

    fn scale() -> impl Strategy<Value = RenderScale> {
        let f = prop::sample::select(vec![1.0, 0.5, 0.25, 0.125, 1.0 / 3.0, 0.3, 0.75, 0.1, 2.0]);
        (f.clone(), f).prop_map(|(x, y)| RenderScale::new(x, y))
    }

    fn par() -> impl Strategy<Value = f64> {
        prop::sample::select(vec![
            1.0,
            2.0,
            0.9,
            1.0925,
            0.909_090_9,
            1.333_333_3,
            4.0 / 3.0,
        ])
    }

    proptest! {
        #[test]
        fn set_operations_agree_with_pixel_sets(a in small_rect(), b in small_rect()) {
            let inter = a.intersection(&b);
            let uni = a.union(&b);
            for y in -40..40 {
                for x in -40..40 {
                    let in_a = a.contains_point(x, y);
                    let in_b = b.contains_point(x, y);
                    prop_assert_eq!(inter.is_some_and(|i| i.contains_point(x, y)), in_a && in_b);
                    if in_a || in_b {
                        prop_assert!(uni.contains_point(x, y));
                    }
                }
            }
            prop_assert!(uni.contains(&a) && uni.contains(&b));
            if let Some(i) = inter {
                prop_assert!(a.contains(&i) && b.contains(&i));
            }
            prop_assert_eq!(a.intersects(&b), inter.is_some());
            // The same through doubles.
            let (da, db) = (RectD::from(a), RectD::from(b));
            prop_assert_eq!(da.intersection(&db), inter.map(RectD::from));
            prop_assert_eq!(da.union(&db), RectD::from(uni));
            prop_assert_eq!(da.contains(&db), a.contains(&b));
        }

        #[test]
        fn pixel_canonical_round_trips(px in any_rect(), s in scale(), p in par()) {
            let c = px.to_canonical(s, p);
            prop_assert_eq!(c.to_pixel_enclosing(s, p), px);
            prop_assert_eq!(c.to_pixel_rounded(s, p), px);
            let exact = c.to_pixel(s, p);
            prop_assert!((exact.x1 - f64::from(px.x1)).abs() < 1e-6);
            prop_assert!((exact.y2 - f64::from(px.y2)).abs() < 1e-6);
        }

        #[test]
        fn enclosing_covers_and_rounded_is_within_half_a_pixel(
            x1 in -1e6f64..1e6, y1 in -1e6f64..1e6, w in 0.0f64..1e4, h in 0.0f64..1e4,
            s in scale(), p in par(),
        ) {
            let c = RectD::new(x1, y1, x1 + w, y1 + h);
            let exact = c.to_pixel(s, p);
            let enc = c.to_pixel_enclosing(s, p);
            let tol = 1e-6;
            prop_assert!(f64::from(enc.x1) <= exact.x1 + tol && f64::from(enc.x2) >= exact.x2 - tol);
            prop_assert!(f64::from(enc.y1) <= exact.y1 + tol && f64::from(enc.y2) >= exact.y2 - tol);
            prop_assert!(f64::from(enc.x1) > exact.x1 - 1.0 && f64::from(enc.x2) < exact.x2 + 1.0);
            let rnd = c.to_pixel_rounded(s, p);
            prop_assert!((f64::from(rnd.x1) - exact.x1).abs() <= 0.5);
            prop_assert!((f64::from(rnd.y2) - exact.y2).abs() <= 0.5);
            prop_assert!(enc.contains(&rnd));
        }

        #[test]
        fn growing_is_undone_by_shrinking(a in any_rect(), dx in 0i32..1000, dy in 0i32..1000) {
            prop_assert_eq!(a.grown(dx, dy).grown(-dx, -dy), a);
            let d = RectD::from(a);
            prop_assert_eq!(d.grown(f64::from(dx), f64::from(dy)), RectD::from(a.grown(dx, dy)));
            prop_assert_eq!(a.translated(dx, -dy).translated(-dx, dy), a);
        }
    }
}
