//! Deriche's recursive Gaussian: the coefficients of its two second-order
//! sections, and the causal and anti-causal recursions over a line of
//! lanes.
//!
//! Invariant: the feed-forward coefficients and the normalisation are
//! derived from the feedback coefficients as the float type holds them, so
//! the DC gain of what actually runs is 1.

use ofx_plugin::simd;

use crate::lanes::{HALF_LANES, LANES, Lanes};
use crate::line::LineIo;
use crate::real::{Real, Run, add_lanes, mul_add_lanes, mul_lanes, scale};

/// One second-order section of Deriche's filter, in the float type the
/// recursion runs in, with its steady-state gains.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Section<T> {
    /// Causal: `y[n] = a0 x[n] + a1 x[n-1] + p y[n-1] + q y[n-2]`.
    a0: T,
    a1: T,
    /// Anti-causal: `z[n] = c1 x[n+1] + c2 x[n+2] + p z[n+1] + q z[n+2]`.
    c1: T,
    c2: T,
    p: T,
    q: T,
    /// The causal output for a constant input of 1.
    causal_dc: T,
    /// The anti-causal output for a constant input of 1.
    anti_dc: T,
}

/// Above this sigma (in pixels) the recursion runs in `f64`, which is
/// slower, and so is kept for the sizes that need it: in `f32` the feedback, whose gain grows like sigma², amplifies
/// rounding (a constant line moves by 0.07% at sigma 300, 0.18% at 1000,
/// 0.5% at 3000, and the coefficients break down before 10000).
pub const WIDE_SIGMA: f64 = 250.0;

/// Deriche's fit of `exp(-x²/2)` for `x >= 0` by two damped oscillations:
/// `(a cos(w x) + b sin(w x)) exp(-l x)`, as `(a, b, w, l)`.
const DERICHE_TERMS: [(f64, f64, f64, f64); 2] = [
    (1.680, 3.735, 0.6318, 1.783),
    (-0.6803, -0.2598, 1.997, 1.723),
];

/// Deriche's recursive Gaussian for one sigma.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Deriche {
    narrow: [Section<f32>; 2],
    /// The `f64` form, used above [`WIDE_SIGMA`].
    wide: Option<[Section<f64>; 2]>,
}

impl Deriche {
    /// The coefficients for a standard deviation of `sigma` pixels (> 0).
    pub fn new(sigma: f64) -> Deriche {
        Deriche {
            narrow: Self::sections(sigma, |v| f64::from(v as f32)),
            wide: (sigma > WIDE_SIGMA).then(|| Self::sections(sigma, |v| v)),
        }
    }

    /// Whether the recursion runs in `f64`.
    pub fn is_wide(&self) -> bool {
        self.wide.is_some()
    }

    /// The sections in float type `T`. `round` gives the feedback
    /// coefficients as `T` will hold them: the feed-forward ones and the
    /// normalisation are derived from those, so that the DC gain of what
    /// actually runs is 1.
    fn sections<T: Real>(sigma: f64, round: impl Fn(f64) -> f64) -> [Section<T>; 2] {
        let raw = DERICHE_TERMS.map(|(a, b, w, l)| {
            let (omega, r) = (w / sigma, (-l / sigma).exp());
            let p = round(2.0 * r * omega.cos());
            let q = round(-r * r);
            // Impulse response g[n] of the section for n >= 0.
            let g = |n: f64| (a * (omega * n).cos() + b * (omega * n).sin()) * r.powf(n);
            let (g0, g1, g2) = (g(0.0), g(1.0), g(2.0));
            let a0 = g0;
            let a1 = g1 - p * g0;
            let c1 = g1;
            let c2 = g2 - p * g1;
            (a0, a1, c1, c2, p, q)
        });
        let total: f64 = raw
            .iter()
            .map(|&(a0, a1, c1, c2, p, q)| (a0 + a1 + c1 + c2) / (1.0 - p - q))
            .sum();
        raw.map(|(a0, a1, c1, c2, p, q)| {
            let (a0, a1, c1, c2) = (a0 / total, a1 / total, c1 / total, c2 / total);
            Section {
                a0: T::of(a0),
                a1: T::of(a1),
                c1: T::of(c1),
                c2: T::of(c2),
                p: T::of(p),
                q: T::of(q),
                causal_dc: T::of((a0 + a1) / (1.0 - p - q)),
                anti_dc: T::of((c1 + c2) / (1.0 - p - q)),
            }
        })
    }

    /// Scratch lanes [`Deriche::filter`] needs for a line of `len` lanes.
    pub(crate) fn tmp_lanes(&self, len: usize) -> usize {
        if self.is_wide() { 2 * len + 1 } else { len }
    }

    /// Filters the line `io` reads into what it writes. `tmp` holds at
    /// least [`Deriche::tmp_lanes`] lanes. `zero_before`/`zero_after` say
    /// whether the line continues with zeros (else with its first/last
    /// value).
    #[inline(always)]
    pub(crate) fn filter(
        &self,
        io: &mut impl LineIo,
        tmp: &mut [Lanes],
        zero_before: bool,
        zero_after: bool,
    ) {
        match &self.wide {
            None => filter_line(&self.narrow, io, tmp, zero_before, zero_after),
            Some(wide) => {
                let (_, tmp, _) = bytemuck::pod_align_to_mut::<Lanes, [f64; LANES]>(tmp);
                filter_line(wide, io, tmp, zero_before, zero_after)
            }
        }
    }
}

/// Deriche's two sections over the line `io` reads, in float type `T`:
/// the causal pass into `tmp`, then the anti-causal pass added to it, into
/// what `io` writes.
#[inline(always)]
fn filter_line<T: Real>(
    sections: &[Section<T>; 2],
    io: &mut impl LineIo,
    tmp: &mut [[T; LANES]],
    zero_before: bool,
    zero_after: bool,
) {
    let n = io.len();
    if n == 0 {
        return;
    }
    let tmp = &mut tmp[..n];
    let ends = [io.lanes(0), io.lanes(n - 1)];
    let zero = [zero_before, zero_after];
    if simd::level().has_fma() {
        filter_all_lanes::<T, true>(sections, io, tmp, ends, zero);
    } else {
        filter_all_lanes::<T, false>(sections, io, tmp, ends, zero);
    }
}

/// Both directions over all lanes of the line, with fused multiply-adds
/// when `F`: as one run of sixteen lanes where a register holds them, else
/// as two runs of eight.
#[inline(always)]
fn filter_all_lanes<T: Real, const F: bool>(
    sections: &[Section<T>; 2],
    io: &mut impl LineIo,
    tmp: &mut [[T; LANES]],
    ends: [Lanes; 2],
    zero: [bool; 2],
) {
    if simd::level().f32_lanes() >= LANES {
        filter_lane_run::<T, 0, LANES, F>(sections, io, tmp, ends, zero);
    } else {
        filter_lane_run::<T, 0, HALF_LANES, F>(sections, io, tmp, ends, zero);
        filter_lane_run::<T, HALF_LANES, HALF_LANES, F>(sections, io, tmp, ends, zero);
    }
}

/// Both directions over lanes `H..H + R` of the line. `ends` are
/// the line's first and last lanes, `zero` whether it continues with zeros
/// beyond them.
#[inline(always)]
fn filter_lane_run<T: Real, const H: usize, const R: usize, const F: bool>(
    sections: &[Section<T>; 2],
    io: &mut impl LineIo,
    tmp: &mut [[T; LANES]],
    ends: [Lanes; 2],
    zero: [bool; 2],
) {
    let edge = |i: usize| -> Run<T, R> {
        if zero[i] {
            [T::default(); R]
        } else {
            std::array::from_fn(|l| T::widen(ends[i][H + l]))
        }
    };
    causal_pass::<T, H, R, F>(sections, io, tmp, edge(0));
    anti_causal_pass::<T, H, R, F>(sections, io, tmp, edge(1));
}

/// One direction of the two sections over one run of lanes: each
/// coefficient spread over the run, the last two outputs of each section,
/// and the feed-forward products of inputs already read that later steps
/// add.
///
/// Each input is multiplied by its feed-forward coefficients once, when it
/// is read, and the products wait for the steps that add them (the same
/// products and sums as multiplying the two inputs of a step at that step).
/// Written with the two inputs kept and multiplied at each step, the
/// compiler paired lanes of one input with lanes of the other in shuffled
/// vectors, and it reloaded coefficients read through a reference at every
/// step: with whole runs held by value and one input per step, every
/// variable stays in one register.
///
/// With `F`, each product that is added at once is fused with its
/// addition, which shortens the feedback's chain from one step to the next
/// (a multiplication, then an addition) to one fused instruction.
struct Recursion<T, const R: usize, const F: bool> {
    /// Feedback `p`, `q` of the first section, then of the second.
    p: [Run<T, R>; 2],
    q: [Run<T, R>; 2],
    /// The direction's feed-forward coefficients of each section: `a0`,
    /// `a1` for the causal one (inputs `n` and `n - 1`), `c1`, `c2` for the
    /// anti-causal one (inputs `n + 1` and `n + 2`).
    f0: [Run<T, R>; 2],
    f1: [Run<T, R>; 2],
    s1: Run<T, R>,
    s2: Run<T, R>,
    t1: Run<T, R>,
    t2: Run<T, R>,
    /// Per section, the product for the next step (`a1 x[n - 1]`, or
    /// `c1 x[n + 1]`).
    near: [Run<T, R>; 2],
    /// Anti-causal only: `c2 x[n + 2]` for the next step, and `c2 x[n + 1]`
    /// for the one after.
    far: [Run<T, R>; 2],
    far_next: [Run<T, R>; 2],
}

impl<T: Real, const R: usize, const F: bool> Recursion<T, R, F> {
    /// The causal direction, in the steady state of a line that has been
    /// `u` for ever before its start.
    #[inline(always)]
    fn causal(sections: &[Section<T>; 2], u: Run<T, R>) -> Self {
        let [s, t] = sections;
        Self::steady(
            sections,
            [[s.a0, t.a0], [s.a1, t.a1]],
            [s.causal_dc, t.causal_dc],
            u,
        )
    }

    /// The anti-causal direction, in the steady state of a line that goes
    /// on as `v` for ever after its end.
    #[inline(always)]
    fn anti_causal(sections: &[Section<T>; 2], v: Run<T, R>) -> Self {
        let [s, t] = sections;
        let mut r = Self::steady(
            sections,
            [[s.c1, t.c1], [s.c2, t.c2]],
            [s.anti_dc, t.anti_dc],
            v,
        );
        // `+ 0.0` as in [`Recursion::steady`].
        r.near =
            [mul_lanes(r.f0[0], v), mul_lanes(r.f0[1], v)].map(|p| add_lanes(p, [T::default(); R]));
        r
    }

    /// The steady state for a constant input `u`, where `ff` holds the
    /// direction's first feed-forward coefficient of each section, then its
    /// second, and the sections' gains for a constant are `dc`. The
    /// pending products are those of the second coefficient: right for the
    /// causal direction, whose `near` is `a1 x[n - 1]`.
    #[inline(always)]
    fn steady(sections: &[Section<T>; 2], ff: [[T; 2]; 2], dc: [T; 2], u: Run<T, R>) -> Self {
        let spread = |k: [T; 2]| k.map(|k| [k; R]);
        let (f0, f1) = (spread(ff[0]), spread(ff[1]));
        let (s, t) = (scale(dc[0], u), scale(dc[1], u));
        // `+ 0.0` keeps the pending products from being the same product
        // as the ones the loop carries: when both are `f1 * input`, the
        // compiler carries the inputs instead and multiplies them at the
        // next step, rebuilding each input from pieces of registers with
        // shuffles, a cost worth avoiding. Adding +0.0 changes
        // no value but the sign of a zero.
        let far =
            [mul_lanes(f1[0], u), mul_lanes(f1[1], u)].map(|v| add_lanes(v, [T::default(); R]));
        Recursion {
            p: spread(sections.map(|x| x.p)),
            q: spread(sections.map(|x| x.q)),
            near: far,
            f0,
            f1,
            s1: s,
            s2: s,
            t1: t,
            t2: t,
            far,
            far_next: far,
        }
    }

    /// The feedback of both sections on their feed-forward sums `input`,
    /// `y = p y1 + (q y2 + input)` for each; returns both outputs.
    #[inline(always)]
    fn feedback(&mut self, input: [Run<T, R>; 2]) -> (Run<T, R>, Run<T, R>) {
        let section = |i: usize, y1: Run<T, R>, y2: Run<T, R>| {
            mul_add_lanes::<T, F, R>(
                self.p[i],
                y1,
                mul_add_lanes::<T, F, R>(self.q[i], y2, input[i]),
            )
        };
        let y = section(0, self.s1, self.s2);
        let z = section(1, self.t1, self.t2);
        (self.s2, self.s1, self.t2, self.t1) = (self.s1, y, self.t1, z);
        (y, z)
    }

    /// The causal output for input `x`: `a0 x[n] + a1 x[n - 1]` into the
    /// sections.
    #[inline(always)]
    fn next_causal(&mut self, x: Run<T, R>) -> Run<T, R> {
        let input = [
            mul_add_lanes::<T, F, R>(self.f0[0], x, self.near[0]),
            mul_add_lanes::<T, F, R>(self.f0[1], x, self.near[1]),
        ];
        self.near = [mul_lanes(self.f1[0], x), mul_lanes(self.f1[1], x)];
        let (y, z) = self.feedback(input);
        add_lanes(y, z)
    }

    /// The whole output at input `x`: the causal output there plus the
    /// anti-causal sections, which read the two inputs after `x`
    /// (`c1 x[n + 1] + c2 x[n + 2]`).
    #[inline(always)]
    fn next_anti_causal(&mut self, x: Run<T, R>, causal: Run<T, R>) -> Run<T, R> {
        let input = [
            add_lanes(self.near[0], self.far[0]),
            add_lanes(self.near[1], self.far[1]),
        ];
        self.far = self.far_next;
        self.far_next = [mul_lanes(self.f1[0], x), mul_lanes(self.f1[1], x)];
        self.near = [mul_lanes(self.f0[0], x), mul_lanes(self.f0[1], x)];
        let (y, z) = self.feedback(input);
        add_lanes(add_lanes(causal, y), z)
    }
}

/// The causal sections over lanes `H..H + R` of the line, into
/// `tmp`: `tmp[n] = y0[n] + y1[n]`. The line continues before its start
/// with `u`.
#[inline(always)]
fn causal_pass<T: Real, const H: usize, const R: usize, const F: bool>(
    sections: &[Section<T>; 2],
    io: &impl LineIo,
    tmp: &mut [[T; LANES]],
    u: Run<T, R>,
) {
    let mut r = Recursion::<T, R, F>::causal(sections, u);
    for (i, out) in tmp.iter_mut().enumerate() {
        io.prefetch(i);
        out[H..H + R].copy_from_slice(&r.next_causal(io.input::<T, H, R>(i)));
    }
}

/// The anti-causal sections over lanes `H..H + R` of the line,
/// added to the causal output in `tmp`, into what `io` writes. The line
/// continues after its end with `v`.
#[inline(always)]
fn anti_causal_pass<T: Real, const H: usize, const R: usize, const F: bool>(
    sections: &[Section<T>; 2],
    io: &mut impl LineIo,
    tmp: &[[T; LANES]],
    v: Run<T, R>,
) {
    let mut r = Recursion::<T, R, F>::anti_causal(sections, v);
    for (i, causal) in tmp.iter().enumerate().rev() {
        let causal: Run<T, R> = std::array::from_fn(|l| causal[H + l]);
        let o = r.next_anti_causal(io.input::<T, H, R>(i), causal);
        io.output::<H, R>(i, o.map(T::narrow));
    }
}
