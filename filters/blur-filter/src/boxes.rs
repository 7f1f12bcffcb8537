//! Boxes with fractional end taps, whose variance is exactly the one asked
//! for, filtered with running sums in `f64`.

use crate::lanes::{LANES, Lanes};

/// A box of `2 radius + 1` taps of weight 1 and two more taps of weight
/// `edge` (in `[0, 1)`) at `±(radius + 1)`, normalised.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FracBox {
    pub(crate) radius: usize,
    pub(crate) edge: f64,
    norm: f64,
}

impl FracBox {
    /// The box whose variance is `variance` (>= 0) pixels².
    pub fn with_variance(variance: f64) -> FracBox {
        // The box of 2r+1 unit taps has variance r(r+1)/3: take the largest
        // r not above the target, then the edge weight that makes it exact.
        let mut r = ((0.25 + 3.0 * variance).sqrt() - 0.5).floor().max(0.0) as usize;
        while ((r + 1) * (r + 2)) as f64 / 3.0 <= variance {
            r += 1;
        }
        while r > 0 && (r * (r + 1)) as f64 / 3.0 > variance {
            r -= 1;
        }
        let rf = r as f64;
        let w = 2.0 * rf + 1.0;
        let sum_k2 = rf * (rf + 1.0) * w / 6.0;
        let edge = ((variance * w - 2.0 * sum_k2) / (2.0 * (rf + 1.0).powi(2) - 2.0 * variance))
            .clamp(0.0, 1.0);
        FracBox {
            radius: r,
            edge,
            norm: 1.0 / (w + 2.0 * edge),
        }
    }

    /// The box's weights for offsets `-support..=support`, summing to 1.
    pub fn taps(&self) -> Vec<f64> {
        let r = self.radius;
        let mut taps = vec![self.norm; 2 * r + 1];
        if self.edge > 0.0 {
            taps.insert(0, self.edge * self.norm);
            taps.push(self.edge * self.norm);
        }
        taps
    }

    /// How far the box reaches, in pixels.
    pub fn support(&self) -> usize {
        if self.edge > 0.0 {
            self.radius + 1
        } else {
            self.radius
        }
    }

    /// The box's variance in pixels².
    pub fn variance(&self) -> f64 {
        let r = self.radius as f64;
        (r * (r + 1.0) * (2.0 * r + 1.0) / 3.0 + 2.0 * self.edge * (r + 1.0).powi(2)) * self.norm
    }

    /// Filters one line in place; `tmp` holds at least
    /// `line.len() + 2 (radius + 1)` lanes.
    #[inline(always)]
    pub(crate) fn filter_line(
        &self,
        line: &mut [Lanes],
        tmp: &mut [Lanes],
        zero_before: bool,
        zero_after: bool,
    ) {
        let n = line.len();
        if n == 0 || (self.radius == 0 && self.edge == 0.0) {
            return;
        }
        let r = self.radius;
        let pad = r + 1;
        let tmp = &mut tmp[..n + 2 * pad];
        let first = if zero_before { [0.0; LANES] } else { line[0] };
        let last = if zero_after {
            [0.0; LANES]
        } else {
            line[n - 1]
        };
        tmp[..pad].fill(first);
        tmp[pad..pad + n].copy_from_slice(line);
        tmp[pad + n..].fill(last);
        // Output i is centred on tmp[i + pad]: full taps tmp[i+1 ..= i+2r+1],
        // edge taps tmp[i] and tmp[i+2r+2]. Sums in f64 do not drift.
        let mut sum = [0.0f64; LANES];
        for t in &tmp[1..=2 * r + 1] {
            for l in 0..LANES {
                sum[l] += f64::from(t[l]);
            }
        }
        // Only the running sum needs f64; the two edge taps are added in f32
        // (their rounding does not accumulate).
        let (edge, norm) = ((self.edge * self.norm) as f32, self.norm);
        for (i, out) in line.iter_mut().enumerate() {
            let (lo, hi, leaving) = (&tmp[i], &tmp[i + 2 * r + 2], &tmp[i + 1]);
            for l in 0..LANES {
                out[l] = (sum[l] * norm) as f32 + edge * (lo[l] + hi[l]);
                sum[l] += f64::from(hi[l]) - f64::from(leaving[l]);
            }
        }
    }
}
