//! 3x3 matrices of homogeneous 2D coordinates, and the transform's matrix
//! built from its parameters.
//!
//! Points are columns: a matrix `m` maps `(x, y)` to
//! `(m[0][0] x + m[0][1] y + m[0][2], m[1][0] x + m[1][1] y + m[1][2])`
//! (the transform's matrices are affine: the last row stays `0 0 1`).

use ofx_plugin::geometry::{PointD, RectD, RenderScale};

/// A 3x3 matrix, `m[row][column]`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Matrix3 {
    /// The entries, row by row.
    pub m: [[f64; 3]; 3],
}

impl Matrix3 {
    /// The identity.
    pub const IDENTITY: Matrix3 = Matrix3 {
        m: [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
    };

    /// A translation by `(x, y)`.
    pub fn translation(x: f64, y: f64) -> Matrix3 {
        Matrix3 {
            m: [[1.0, 0.0, x], [0.0, 1.0, y], [0.0, 0.0, 1.0]],
        }
    }

    /// A scaling by `sx` along x and `sy` along y.
    pub fn scaling(sx: f64, sy: f64) -> Matrix3 {
        Matrix3 {
            m: [[sx, 0.0, 0.0], [0.0, sy, 0.0], [0.0, 0.0, 1.0]],
        }
    }

    /// A counter-clockwise rotation by `degrees` (y up). Multiples of 90
    /// degrees are exact: their sines and cosines are 0 and +-1, not the
    /// nearest doubles to `cos(pi / 2)`.
    pub fn rotation(degrees: f64) -> Matrix3 {
        let quarter = degrees / 90.0;
        let (s, c) = if quarter == quarter.round() && quarter.abs() < 1e15 {
            match (quarter as i64).rem_euclid(4) {
                0 => (0.0, 1.0),
                1 => (1.0, 0.0),
                2 => (0.0, -1.0),
                _ => (-1.0, 0.0),
            }
        } else {
            degrees.to_radians().sin_cos()
        };
        Matrix3 {
            m: [[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]],
        }
    }

    /// A skew: `x' = x + kx y`, `y' = y + ky x`.
    pub fn skew(kx: f64, ky: f64) -> Matrix3 {
        Matrix3 {
            m: [[1.0, kx, 0.0], [ky, 1.0, 0.0], [0.0, 0.0, 1.0]],
        }
    }

    /// The product `self * other` (`other` applies first).
    #[must_use]
    pub fn then_after(&self, other: &Matrix3) -> Matrix3 {
        let mut m = [[0.0; 3]; 3];
        for (r, row) in m.iter_mut().enumerate() {
            for (c, v) in row.iter_mut().enumerate() {
                *v = (0..3).map(|k| self.m[r][k] * other.m[k][c]).sum();
            }
        }
        Matrix3 { m }
    }

    /// The inverse, or `None` when the matrix is singular (a scale or a
    /// skew that flattens the plane) or not finite.
    pub fn inverse(&self) -> Option<Matrix3> {
        let a = &self.m;
        let cof = |r0: usize, r1: usize, c0: usize, c1: usize| {
            a[r0][c0] * a[r1][c1] - a[r0][c1] * a[r1][c0]
        };
        let det = a[0][0] * cof(1, 2, 1, 2) - a[0][1] * cof(1, 2, 0, 2) + a[0][2] * cof(1, 2, 0, 1);
        if det == 0.0 || !det.is_finite() {
            return None;
        }
        let k = 1.0 / det;
        let m = [
            [
                k * cof(1, 2, 1, 2),
                -k * cof(0, 2, 1, 2),
                k * cof(0, 1, 1, 2),
            ],
            [
                -k * cof(1, 2, 0, 2),
                k * cof(0, 2, 0, 2),
                -k * cof(0, 1, 0, 2),
            ],
            [
                k * cof(1, 2, 0, 1),
                -k * cof(0, 2, 0, 1),
                k * cof(0, 1, 0, 1),
            ],
        ];
        m.iter()
            .flatten()
            .all(|v| v.is_finite())
            .then_some(Matrix3 { m })
    }

    /// The image of the point `(x, y)` (divided by the homogeneous
    /// coordinate).
    pub fn apply(&self, x: f64, y: f64) -> PointD {
        let a = &self.m;
        let w = a[2][0] * x + a[2][1] * y + a[2][2];
        PointD::new(
            (a[0][0] * x + a[0][1] * y + a[0][2]) / w,
            (a[1][0] * x + a[1][1] * y + a[1][2]) / w,
        )
    }

    /// The bounding box of the image of `r`'s four corners (exact for an
    /// affine matrix). An infinite rectangle stays infinite.
    pub fn map_rect(&self, r: &RectD) -> RectD {
        if r.is_infinite() {
            return *r;
        }
        let corners = [
            self.apply(r.x1, r.y1),
            self.apply(r.x2, r.y1),
            self.apply(r.x1, r.y2),
            self.apply(r.x2, r.y2),
        ];
        let (mut lo, mut hi) = (corners[0], corners[0]);
        for p in &corners[1..] {
            lo = PointD::new(lo.x.min(p.x), lo.y.min(p.y));
            hi = PointD::new(hi.x.max(p.x), hi.y.max(p.y));
        }
        RectD::new(lo.x, lo.y, hi.x, hi.y)
    }

    /// The same map in pixel coordinates of images at render scale `scale`
    /// and pixel aspect ratio `par`, for a matrix in canonical coordinates:
    /// `P * self * P^-1` with `P = diag(scale.x / par, scale.y, 1)`.
    pub fn to_pixel(&self, scale: RenderScale, par: f64) -> Matrix3 {
        let (kx, ky) = (scale.x / par, scale.y);
        Matrix3::scaling(kx, ky)
            .then_after(self)
            .then_after(&Matrix3::scaling(1.0 / kx, 1.0 / ky))
    }
}

/// The transform's parameters at one time, in canonical coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placement {
    /// The translation.
    pub translate: [f64; 2],
    /// The rotation in degrees, counter-clockwise.
    pub rotate: f64,
    /// The scale along x and y (before the uniform factor).
    pub scale: [f64; 2],
    /// A factor on both scales.
    pub uniform: f64,
    /// The skews along x and y.
    pub skew: [f64; 2],
    /// The centre of rotation, scale and skew.
    pub center: [f64; 2],
}

impl Placement {
    /// The forward map from source to output, in canonical coordinates:
    /// `T(translate) T(center) R(rotate) K(skew) S(scale * uniform) T(-center)`.
    pub fn matrix(&self) -> Matrix3 {
        let [cx, cy] = self.center;
        Matrix3::translation(self.translate[0] + cx, self.translate[1] + cy)
            .then_after(&Matrix3::rotation(self.rotate))
            .then_after(&Matrix3::skew(self.skew[0], self.skew[1]))
            .then_after(&Matrix3::scaling(
                self.scale[0] * self.uniform,
                self.scale[1] * self.uniform,
            ))
            .then_after(&Matrix3::translation(-cx, -cy))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inverse_undoes_the_matrix() {
        let p = Placement {
            translate: [3.0, -2.0],
            rotate: 33.0,
            scale: [1.5, 0.75],
            uniform: 1.2,
            skew: [0.2, -0.1],
            center: [10.0, 20.0],
        };
        let m = p.matrix();
        let i = m.inverse().expect("invertible");
        let q = i.apply(m.apply(7.0, -4.0).x, m.apply(7.0, -4.0).y);
        assert!(
            (q.x - 7.0).abs() < 1e-12 && (q.y + 4.0).abs() < 1e-12,
            "{q:?}"
        );
        assert_eq!(Matrix3::scaling(0.0, 1.0).inverse(), None);
    }

    #[test]
    fn quarter_turns_are_exact() {
        let r = Matrix3::rotation(90.0);
        assert_eq!(r.apply(1.0, 0.0), PointD::new(0.0, 1.0));
        assert_eq!(Matrix3::rotation(-270.0), r);
        assert_eq!(
            Matrix3::rotation(180.0).apply(1.0, 2.0),
            PointD::new(-1.0, -2.0)
        );
    }
}
