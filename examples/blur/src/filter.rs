//! The blur itself: separable filters in `f32` whose cost per pixel does not
//! depend on the size, with no dependency on a host.
//!
//! # Filters
//!
//! Every filter is given by its standard deviation `sigma` in pixels, per
//! axis, so the three choices blur by the same amount:
//!
//! * [`FilterKind::Gaussian`]: Deriche's fourth-order recursive (IIR)
//!   approximation, written as two second-order sections per direction
//!   (causal and anti-causal), with coefficients computed in `f64` and the
//!   normalisation computed from the `f32`-rounded feedback coefficients, so
//!   the filter's DC gain is 1 to within `f32` rounding at every sigma.
//!   Against the sampled, normalised Gaussian, its largest possible error on
//!   an image with values in `[0, 1]` is 0.08% of white (both axes), its
//!   effective sigma is 0.998 sigma and its total weight is 1 within 2e-5,
//!   for sigma from 1 to 100 (measured in `tests/accuracy.rs`). In `f32`
//!   the feedback amplifies rounding by up to about 1e-4 of the value at
//!   sigma 100; the error is bounded and does not grow along a line. Above
//!   [`WIDE_SIGMA`] pixels the recursion runs in `f64` instead.
//! * [`FilterKind::Box`]: a box whose two outermost taps have a fractional
//!   weight, so that its variance is exactly `sigma²` and it changes
//!   continuously with the size; computed with running sums in `f64`, which
//!   do not drift along long rows.
//! * [`FilterKind::TripleBox`]: three such boxes of variance `sigma² / 3`
//!   each, a quasi-Gaussian.
//!
//! The boxes have exactly the Gaussian's variance but not its shape. Their
//! largest possible error against the Gaussian of the same sigma, on an
//! image with values in `[0, 1]`, is measured at 5.4% of white for the
//! triple box and 40% for the single box (sigma 1 to 100, both axes), where
//! the recursive Gaussian's is 0.08% (`tests/accuracy.rs`).
//!
//! Non-finite input components (NaN, infinities) are read as 0: a
//! recursive filter would otherwise spread them along whole rows and
//! columns.
//!
//! # Boundaries
//!
//! Outside the source's bounds the image is either black
//! ([`Boundary::Black`]) or its nearest edge pixel ([`Boundary::Clamp`]).
//! Both are exact: a recursive filter starts in the steady state of the
//! constant that extends the line, and running sums are padded with it.
//!
//! # Support and what is read
//!
//! Each axis has an integer [`AxisFilter::support`]: `ceil(4 sigma)` for the
//! Gaussian (the kernel's weight beyond it is 3.2e-5 per side) and the exact
//! reach of the boxes. A render reads source pixels only within the support
//! of the window, so the region of interest is the window grown by it. Where
//! the source extends further, the part of the line beyond the support is
//! taken to continue with the value at the support's edge.
//!
//! # Passes and memory
//!
//! The horizontal pass filters each row of the source that the window needs
//! (the window's rows grown by the vertical support) and keeps only the
//! window's columns. It works on blocks of rows (4 for RGB and RGBA, 16 for
//! Alpha) interleaved into [`LANES`] `f32` lanes per pixel, so that sixteen
//! independent lanes go through each recursion: the loops vectorise, and no
//! single row's latency chain limits them. The recursion filters the sixteen
//! lanes at once where the CPU has AVX-512 (one 512-bit register per
//! variable), else as two runs of eight, whose state fits in the sixteen AVX
//! registers (sixteen lanes at once spilled it to the stack at every step).
//! Pixels are converted to `f32` while they are interleaved.
//!
//! Its output goes to an intermediate buffer that holds each group of
//! [`LANES`] columns as one contiguous column, every row of the vertical
//! span in order, so that the vertical pass reads a column group as one
//! long run. For RGBA rows into an `f32` buffer, the Gaussian's
//! anti-causal recursion writes each group's four columns there as soon as
//! it has made them, rather than into the line that is then copied out:
//! one thread, 1080p 9.6-10.0 -> 8.9-9.4 ms, 4K 38.9-39.7 -> 37.9-38.5 ms
//! (four A/B pairs). For `u16` buffers the same sink made the compiler
//! split the recursion into four-lane vectors, and it ran 10-25% slower,
//! so those still go through the line. The horizontal pass works on bands
//! of rows, one band per task, each writing its rows' piece of every
//! column. The vertical pass cuts the window into strips of
//! [`STRIP_PIXELS`] columns; for each it filters the strip's column groups
//! along y (sixteen columns per recursion step), the Gaussian reading them
//! straight from the buffer, and converts the result into the destination
//! rows, a strip-wide run per row. Both passes run on rayon's
//! threads; `abort` is polled between them.
//!
//! Both passes ask for the intermediate buffer ahead of use with
//! [`simd::prefetch`]: the horizontal pass for the lines it will write
//! eight rows later (it writes every column group at once, hundreds of
//! streams the hardware prefetcher does not follow), the vertical pass for
//! the column it reads, 128 steps ahead. Measured (`blur_speed --
//! sigma=3,3`, A/B), one thread: 1080p `u8` 6.9-8.8 -> 5.9-6.3 ms, 4K `u8`
//! 31.2-31.7 -> 25.6-26.3 ms, 4K `f32` 42.9-45.9 -> 38.6-39.0 ms.
//!
//! The intermediate buffer holds `f32`s, or for 8-bit sources `u16`
//! components (written with [`Component::from_f32`], read back with a
//! multiplication): a step of 1/257 of an 8-bit level, so the result moves
//! by at most a few 1e-5 of white, and both passes move half the bytes.
//!
//! All scratch memory is one `&mut [f32]` given by the caller, of
//! [`Plan::scratch_len`] floats, so a plugin can take it from the host's
//! image memory: the intermediate buffer (one `f32`, or one `u16` for 8-bit
//! sources, per component of the window, times the rows the vertical
//! support adds) plus, per rayon thread, a line buffer for each pass.
//!
//! # Speed
//!
//! The Gaussian's cost per pixel does not depend on the size: sizes 3, 20
//! and 60 take the same time within the machine's noise. Both passes run
//! each block and strip through [`ofx_plugin::simd::run`], so they use
//! AVX-512 or AVX2 where the CPU has it. With AVX-512 the recursion runs
//! all sixteen lanes of a line at once.
//!
//! Where the level has fused multiply-adds
//! ([`simd::Level::has_fma`]: AVX2, AVX-512, AArch64), the recursion fuses
//! each product with the addition that follows it, which shortens the
//! feedback's chain from one step to the next from a multiplication and
//! an addition (about 5 cycles) to one instruction (4): measured
//! (`blur_speed -- sigma=3,3`, three A/B pairs, one thread), 1080p `u8`
//! 5.5-5.6 -> 4.9-5.3 ms, 4K `u8` 24.3-24.8 -> 22.0-22.5 ms, 1080p `f32`
//! 8.8-9.3 -> 8.4-8.7 ms, 4K `f32` 35.7-37.7 -> 33.2-33.3 ms. AVX2 and
//! AVX-512 give the same bits; a build without FMA (the x86-64 baseline)
//! rounds differently, by at most 5e-7 of white in `f32` and one level in
//! `u8` (`tests/levels.rs`). The box filters do not fuse, and give the same
//! bits at every level.
//!
//! Measured on the 2-core development machine (AMD EPYC Zen 5, AVX-512;
//! `cargo bench -p blur --bench blur_speed`, plain buffers, no host; the
//! machine is shared and its figures move by 10-30% between runs),
//! 1920x1080 RGBA `f32` takes 8.3-9.4 ms on one thread and 4.4-5.7 ms on
//! two, against a single-threaded `memcpy` of the frame of 1.2-1.4 ms;
//! 3840x2160 takes 37.0-38.6 ms and 19.7-26.6 ms. `u8` frames take 5.6-6.4
//! ms on one thread and 2.9-3.3 ms on two at 1080p, 24.4-25.4 ms and
//! 12.7-13.0 ms at 4K: the filtering is the same `f32` work, only the
//! memory traffic is smaller. `-- level=avx2` gives the AVX2 build's
//! figures (about 1.3 times the AVX-512 ones), `-- components=1|3` Alpha
//! and RGB frames. The README has the figures through the host.
//!
//! What limits it, measured with the bench's `detail` mode (1080p `u8`, one
//! thread, before the prefetching): moving the data alone (both passes
//! with an identity filter) took 2.8-3.1 ms of the 5.9-6.0 ms of a blur,
//! most of it waiting on the intermediate buffer; each axis's recursion
//! adds 1.4-1.5 ms. Each direction of the recursion is 8 multiplications
//! per component, 16 per axis: with two 512-bit multipliers that is at
//! least 0.5 cycle per component per axis, which is what the recursions
//! take (about four cycles per sixteen-lane step). The intermediate buffer
//! is written with ordinary stores (each line read for ownership, then
//! written back), and so is the output unless [`Plan::stream_output`] asks
//! for streaming stores. The boxes' running sums are in `f64`, and their
//! padded copies grow with the radius: one box took about 1.4 times the
//! Gaussian's time and three boxes about 3 times (`-- filter=box`,
//! `-- filter=triple`, measured on the earlier, AVX2-only machine).

use std::fmt;
use std::sync::Mutex;

use ofx_plugin::geometry::RectI;
use ofx_plugin::pixel::{BitDepth, Component, ImageView, ImageViewMut, Pixel};
use ofx_plugin::simd;

/// The number of lanes each recursion step processes at once.
pub const LANES: usize = 16;

/// Sixteen `f32` lanes, the unit the 1D filters work on.
pub type Lanes = [f32; LANES];

/// Sixteen values of the intermediate buffer as lanes.
#[inline(always)]
fn load_lanes<S: Component>(x: &[S; LANES]) -> Lanes {
    x.map(normalised)
}

/// The width of the column strips of the vertical pass, in pixels.
pub const STRIP_PIXELS: usize = 16;

/// The Gaussian's support in sigmas.
pub const GAUSSIAN_SUPPORT_SIGMAS: f64 = 4.0;

/// Which filter blurs the image.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, ofx_plugin::ChoiceEnum)]
pub enum FilterKind {
    /// A recursive Gaussian (Deriche, fourth order).
    #[default]
    #[choice(label = "Gaussian")]
    Gaussian,
    /// One box with fractional end taps.
    #[choice(label = "Box")]
    Box,
    /// Three boxes in a row: a quasi-Gaussian.
    #[choice(label = "Triple box")]
    TripleBox,
}

/// What the image is outside the source's bounds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, ofx_plugin::ChoiceEnum)]
pub enum Boundary {
    /// Transparent black.
    #[default]
    #[choice(label = "Black")]
    Black,
    /// The nearest edge pixel, repeated.
    #[choice(label = "Edge clamp")]
    Clamp,
}

/// What to blur with: the filter, the boundary, and the standard deviation
/// in pixels along x and y.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BlurSpec {
    /// The filter.
    pub filter: FilterKind,
    /// The boundary condition.
    pub boundary: Boundary,
    /// The standard deviation along x and y, in pixels of the image.
    pub sigma: [f64; 2],
}

/// The float types the recursion runs in: `f32`, or `f64` for very wide
/// kernels.
trait Real:
    Copy + Default + core::ops::Add<Output = Self> + core::ops::Mul<Output = Self> + bytemuck::Pod
{
    fn of(v: f64) -> Self;
    fn widen(v: f32) -> Self;
    fn narrow(self) -> f32;
    /// `self * a + b` with one rounding: one instruction only where
    /// [`simd::Level::has_fma`].
    fn fused(self, a: Self, b: Self) -> Self;
}

impl Real for f32 {
    #[inline(always)]
    fn of(v: f64) -> f32 {
        v as f32
    }
    #[inline(always)]
    fn widen(v: f32) -> f32 {
        v
    }
    #[inline(always)]
    fn narrow(self) -> f32 {
        self
    }
    #[inline(always)]
    fn fused(self, a: f32, b: f32) -> f32 {
        self.mul_add(a, b)
    }
}

impl Real for f64 {
    #[inline(always)]
    fn of(v: f64) -> f64 {
        v
    }
    #[inline(always)]
    fn widen(v: f32) -> f64 {
        f64::from(v)
    }
    #[inline(always)]
    fn narrow(self) -> f32 {
        self as f32
    }
    #[inline(always)]
    fn fused(self, a: f64, b: f64) -> f64 {
        self.mul_add(a, b)
    }
}

/// One second-order section of Deriche's filter, in the float type the
/// recursion runs in, with its steady-state gains.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Section<T> {
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

/// Above this sigma (in pixels) the recursion runs in `f64`, which makes a
/// blur about 1.75 times slower (53 ms instead of 31 ms for 1920x1080 RGBA
/// on one thread): in `f32` the feedback, whose gain grows like sigma², amplifies
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
    fn tmp_lanes(&self, len: usize) -> usize {
        if self.is_wide() { 2 * len + 1 } else { len }
    }

    /// Filters the line `io` reads into what it writes. `tmp` holds at
    /// least [`Deriche::tmp_lanes`] lanes. `zero_before`/`zero_after` say
    /// whether the line continues with zeros (else with its first/last
    /// value).
    #[inline(always)]
    fn filter(&self, io: &mut impl LineIo, tmp: &mut [Lanes], zero_before: bool, zero_after: bool) {
        match &self.wide {
            None => run_sections(&self.narrow, io, tmp, zero_before, zero_after),
            Some(wide) => {
                let (_, tmp, _) = bytemuck::pod_align_to_mut::<Lanes, [f64; LANES]>(tmp);
                run_sections(wide, io, tmp, zero_before, zero_after)
            }
        }
    }
}

/// Where a line filter reads its input and writes its output, step by
/// step: the same line ([`InPlace`]), or stored values into a [`Sink`]
/// ([`Split`]). One trait for both, so that each filter loop is written
/// once and compiled for what it reads and writes.
trait LineIo {
    /// The number of steps.
    fn len(&self) -> usize;
    /// All lanes of input `i`, as floats.
    fn lanes(&self, i: usize) -> Lanes;
    /// Lanes `H..H + R` of input `i`, in float type `T`.
    fn input<T: Real, const H: usize, const R: usize>(&self, i: usize) -> Run<T, R>;
    /// Asks for the input a later step will read, when it comes from
    /// memory the hardware prefetcher may not follow.
    fn prefetch(&self, i: usize);
    /// Writes lanes `H..H + R` of output `i`.
    fn output<const H: usize, const R: usize>(&mut self, i: usize, v: [f32; R]);
}

/// Where a filter writes its output lanes: each run of lanes from the
/// line's last output to its first, as the anti-causal recursion makes
/// them.
trait Sink {
    /// Writes lanes `H..H + R` of output `i`.
    fn put<const H: usize, const R: usize>(&mut self, i: usize, v: [f32; R]);
}

impl Sink for [Lanes] {
    #[inline(always)]
    fn put<const H: usize, const R: usize>(&mut self, i: usize, v: [f32; R]) {
        self[i][H..H + R].copy_from_slice(&v);
    }
}

/// A line filtered in place.
struct InPlace<'a>(&'a mut [Lanes]);

impl LineIo for InPlace<'_> {
    #[inline(always)]
    fn len(&self) -> usize {
        self.0.len()
    }

    #[inline(always)]
    fn lanes(&self, i: usize) -> Lanes {
        self.0[i]
    }

    #[inline(always)]
    fn input<T: Real, const H: usize, const R: usize>(&self, i: usize) -> Run<T, R> {
        load_run::<T, f32, H, R>(&self.0[i])
    }

    #[inline(always)]
    fn prefetch(&self, _: usize) {}

    #[inline(always)]
    fn output<const H: usize, const R: usize>(&mut self, i: usize, v: [f32; R]) {
        self.0.put::<H, R>(i, v);
    }
}

/// Stored values (`f32` lanes, or the intermediate buffer's components)
/// filtered into a sink.
struct Split<'a, S, K: ?Sized> {
    input: &'a [[S; LANES]],
    out: &'a mut K,
}

impl<S: Component, K: Sink + ?Sized> LineIo for Split<'_, S, K> {
    #[inline(always)]
    fn len(&self) -> usize {
        self.input.len()
    }

    #[inline(always)]
    fn lanes(&self, i: usize) -> Lanes {
        load_lanes(&self.input[i])
    }

    #[inline(always)]
    fn input<T: Real, const H: usize, const R: usize>(&self, i: usize) -> Run<T, R> {
        load_run::<T, S, H, R>(&self.input[i])
    }

    #[inline(always)]
    fn prefetch(&self, i: usize) {
        if let Some(ahead) = self.input.get(i + PREFETCH_AHEAD) {
            simd::prefetch(ahead);
        }
    }

    #[inline(always)]
    fn output<const H: usize, const R: usize>(&mut self, i: usize, v: [f32; R]) {
        self.out.put::<H, R>(i, v);
    }
}

/// How many steps ahead the vertical pass's first read of a column asks
/// for its input.
const PREFETCH_AHEAD: usize = 128;

/// How many rows ahead the horizontal pass asks for the lines of the
/// intermediate buffer it will write.
const STORE_AHEAD_ROWS: usize = 8;

/// Half of a line's lanes.
const HALF_LANES: usize = LANES / 2;

/// One run's `R` lanes in the recursion's float type. A line's [`LANES`]
/// lanes go through the recursion as one run of sixteen when one register
/// holds them (AVX-512, whose 32 registers hold the state and the
/// coefficients), else as
/// two runs of eight (sixteen lanes at once spill the state of the
/// recursion from AVX2's sixteen registers to the stack at every step).
type Run<T, const R: usize> = [T; R];

/// `k * a`, lane by lane. The recursion is written with these whole-run
/// operations rather than a loop over lanes, which the compiler turned
/// into shuffles across lanes.
#[inline(always)]
fn mul<T: Real, const R: usize>(k: T, a: Run<T, R>) -> Run<T, R> {
    a.map(|v| k * v)
}

/// `a * b`, lane by lane.
#[inline(always)]
fn times<T: Real, const R: usize>(a: Run<T, R>, b: Run<T, R>) -> Run<T, R> {
    std::array::from_fn(|i| a[i] * b[i])
}

/// `a * b + c`, lane by lane: fused (one rounding) when `F`.
#[inline(always)]
fn mad<T: Real, const F: bool, const R: usize>(
    a: Run<T, R>,
    b: Run<T, R>,
    c: Run<T, R>,
) -> Run<T, R> {
    std::array::from_fn(|i| {
        if F {
            a[i].fused(b[i], c[i])
        } else {
            a[i] * b[i] + c[i]
        }
    })
}

/// `a + b`, lane by lane.
#[inline(always)]
fn add<T: Real, const R: usize>(a: Run<T, R>, b: Run<T, R>) -> Run<T, R> {
    std::array::from_fn(|i| a[i] + b[i])
}

/// Lanes `H..H + R` of sixteen values of the intermediate buffer,
/// as the recursion's float type.
#[inline(always)]
fn load_run<T: Real, S: Component, const H: usize, const R: usize>(x: &[S; LANES]) -> Run<T, R> {
    std::array::from_fn(|i| T::widen(normalised(x[H + i])))
}

/// Deriche's two sections over the line `io` reads, in float type `T`:
/// the causal pass into `tmp`, then the anti-causal pass added to it, into
/// what `io` writes.
#[inline(always)]
fn run_sections<T: Real>(
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
        run_runs::<T, true>(sections, io, tmp, ends, zero);
    } else {
        run_runs::<T, false>(sections, io, tmp, ends, zero);
    }
}

/// Both directions over all lanes of the line, with fused multiply-adds
/// when `F`: as one run of sixteen lanes where a register holds them, else
/// as two runs of eight.
#[inline(always)]
fn run_runs<T: Real, const F: bool>(
    sections: &[Section<T>; 2],
    io: &mut impl LineIo,
    tmp: &mut [[T; LANES]],
    ends: [Lanes; 2],
    zero: [bool; 2],
) {
    if simd::level().f32_lanes() >= LANES {
        run_lanes::<T, 0, LANES, F>(sections, io, tmp, ends, zero);
    } else {
        run_lanes::<T, 0, HALF_LANES, F>(sections, io, tmp, ends, zero);
        run_lanes::<T, HALF_LANES, HALF_LANES, F>(sections, io, tmp, ends, zero);
    }
}

/// Both directions over lanes `H..H + R` of the line. `ends` are
/// the line's first and last lanes, `zero` whether it continues with zeros
/// beyond them.
#[inline(always)]
fn run_lanes<T: Real, const H: usize, const R: usize, const F: bool>(
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
    run_causal::<T, H, R, F>(sections, io, tmp, edge(0));
    run_anti_causal::<T, H, R, F>(sections, io, tmp, edge(1));
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
        r.near = [times(r.f0[0], v), times(r.f0[1], v)].map(|p| add(p, [T::default(); R]));
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
        let (s, t) = (mul(dc[0], u), mul(dc[1], u));
        // `+ 0.0` keeps the pending products from being the same product
        // as the ones the loop carries: when both are `f1 * input`, the
        // compiler carries the inputs instead and multiplies them at the
        // next step, rebuilding each input from pieces of registers with
        // shuffles (measured: 5-9% of a blur at 1080p). Adding +0.0 changes
        // no value but the sign of a zero.
        let far = [times(f1[0], u), times(f1[1], u)].map(|v| add(v, [T::default(); R]));
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
            mad::<T, F, R>(self.p[i], y1, mad::<T, F, R>(self.q[i], y2, input[i]))
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
            mad::<T, F, R>(self.f0[0], x, self.near[0]),
            mad::<T, F, R>(self.f0[1], x, self.near[1]),
        ];
        self.near = [times(self.f1[0], x), times(self.f1[1], x)];
        let (y, z) = self.feedback(input);
        add(y, z)
    }

    /// The whole output at input `x`: the causal output there plus the
    /// anti-causal sections, which read the two inputs after `x`
    /// (`c1 x[n + 1] + c2 x[n + 2]`).
    #[inline(always)]
    fn next_anti_causal(&mut self, x: Run<T, R>, causal: Run<T, R>) -> Run<T, R> {
        let input = [
            add(self.near[0], self.far[0]),
            add(self.near[1], self.far[1]),
        ];
        self.far = self.far_next;
        self.far_next = [times(self.f1[0], x), times(self.f1[1], x)];
        self.near = [times(self.f0[0], x), times(self.f0[1], x)];
        let (y, z) = self.feedback(input);
        add(add(causal, y), z)
    }
}

/// The causal sections over lanes `H..H + R` of the line, into
/// `tmp`: `tmp[n] = y0[n] + y1[n]`. The line continues before its start
/// with `u`.
#[inline(always)]
fn run_causal<T: Real, const H: usize, const R: usize, const F: bool>(
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
fn run_anti_causal<T: Real, const H: usize, const R: usize, const F: bool>(
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

/// A box of `2 radius + 1` taps of weight 1 and two more taps of weight
/// `edge` (in `[0, 1)`) at `±(radius + 1)`, normalised.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FracBox {
    radius: usize,
    edge: f64,
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
    fn run(&self, line: &mut [Lanes], tmp: &mut [Lanes], zero_before: bool, zero_after: bool) {
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

/// The prepared filter of one axis.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum AxisFilter {
    /// No blur along this axis.
    Identity,
    /// A recursive Gaussian.
    Gaussian {
        /// The coefficients.
        deriche: Deriche,
        /// The support in pixels.
        support: usize,
    },
    /// `passes` boxes in a row (1 or 3).
    Boxes {
        /// The box.
        boxed: FracBox,
        /// How many times it is applied.
        passes: u8,
    },
}

impl AxisFilter {
    /// The filter of `kind` with standard deviation `sigma` pixels. A sigma
    /// that is not positive (or is not finite) gives the identity.
    pub fn new(kind: FilterKind, sigma: f64) -> AxisFilter {
        if !(sigma > 0.0 && sigma.is_finite()) {
            return AxisFilter::Identity;
        }
        let sigma = sigma.min(1.0e5);
        match kind {
            FilterKind::Gaussian => AxisFilter::Gaussian {
                deriche: Deriche::new(sigma),
                support: (GAUSSIAN_SUPPORT_SIGMAS * sigma).ceil() as usize,
            },
            FilterKind::Box => AxisFilter::Boxes {
                boxed: FracBox::with_variance(sigma * sigma),
                passes: 1,
            },
            FilterKind::TripleBox => AxisFilter::Boxes {
                boxed: FracBox::with_variance(sigma * sigma / 3.0),
                passes: 3,
            },
        }
    }

    /// How far, in pixels, an output pixel reads input pixels.
    pub fn support(&self) -> usize {
        match self {
            AxisFilter::Identity => 0,
            AxisFilter::Gaussian { support, .. } => *support,
            AxisFilter::Boxes { boxed, passes } => boxed.support() * usize::from(*passes),
        }
    }

    /// How far beyond the source's edge a line must reach for the filter to
    /// see the boundary exactly. A single pass starts in the boundary's
    /// steady state; cascaded boxes also need the earlier passes' output
    /// beyond the edge, which is not constant within their reach.
    pub fn edge_extension(&self) -> usize {
        match self {
            AxisFilter::Boxes { boxed, passes } if *passes > 1 => {
                boxed.support() * usize::from(*passes - 1)
            }
            _ => 0,
        }
    }

    /// Whether the filter leaves lines unchanged.
    pub fn is_identity(&self) -> bool {
        match self {
            AxisFilter::Identity => true,
            AxisFilter::Gaussian { .. } => false,
            AxisFilter::Boxes { boxed, .. } => boxed.radius == 0 && boxed.edge == 0.0,
        }
    }

    /// The number of scratch lanes [`AxisFilter::run`] needs for a line of
    /// `len` lanes.
    pub fn tmp_lanes(&self, len: usize) -> usize {
        match self {
            AxisFilter::Identity => 0,
            AxisFilter::Gaussian { deriche, .. } => deriche.tmp_lanes(len),
            AxisFilter::Boxes { boxed, .. } => len + 2 * (boxed.radius + 1),
        }
    }

    /// Filters one line of lanes in place. The line continues beyond its
    /// ends with zeros when `zero_before`/`zero_after` are set, else with its
    /// first/last value.
    ///
    /// # Panics
    /// If `tmp` is shorter than [`AxisFilter::tmp_lanes`].
    #[inline(always)]
    pub fn run(&self, line: &mut [Lanes], tmp: &mut [Lanes], zero_before: bool, zero_after: bool) {
        match self {
            AxisFilter::Identity => {}
            AxisFilter::Gaussian { deriche, .. } => {
                deriche.filter(&mut InPlace(line), tmp, zero_before, zero_after)
            }
            AxisFilter::Boxes { boxed, passes } => {
                for _ in 0..*passes {
                    boxed.run(line, tmp, zero_before, zero_after);
                }
            }
        }
    }

    /// [`AxisFilter::run`] on a line of stored values, written to `out`
    /// (at least as long as `input`).
    ///
    /// # Panics
    /// If `tmp` is shorter than [`AxisFilter::tmp_lanes`], or `out` shorter
    /// than `input`.
    #[inline(always)]
    pub fn run_from<S: Component>(
        &self,
        input: &[[S; LANES]],
        out: &mut [Lanes],
        tmp: &mut [Lanes],
        zero_before: bool,
        zero_after: bool,
    ) {
        if let AxisFilter::Gaussian { deriche, .. } = self {
            let mut io = Split { input, out };
            deriche.filter(&mut io, tmp, zero_before, zero_after);
            return;
        }
        let out = &mut out[..input.len()];
        for (o, x) in out.iter_mut().zip(input) {
            *o = load_lanes(x);
        }
        self.run(out, tmp, zero_before, zero_after);
    }

    /// [`AxisFilter::run`] on `line`, with the output written to `sink`
    /// (last index first) rather than to the line. The Gaussian writes each
    /// output there as it computes it; the other filters run in place,
    /// then copy.
    #[inline(always)]
    fn run_to<K: Sink + ?Sized>(
        &self,
        line: &mut [Lanes],
        tmp: &mut [Lanes],
        zero_before: bool,
        zero_after: bool,
        sink: &mut K,
    ) {
        if let AxisFilter::Gaussian { deriche, .. } = self {
            let mut io = Split {
                input: &*line,
                out: sink,
            };
            deriche.filter(&mut io, tmp, zero_before, zero_after);
            return;
        }
        self.run(line, tmp, zero_before, zero_after);
        for (i, v) in line.iter().enumerate().rev() {
            sink.put::<0, LANES>(i, *v);
        }
    }

    /// Filters a line of plain floats (one lane), for tests and references.
    pub fn run_scalar(&self, line: &mut [f32], zero_before: bool, zero_after: bool) {
        let mut lanes: Vec<Lanes> = line.iter().map(|&v| [v; LANES]).collect();
        let mut tmp = vec![[0.0; LANES]; self.tmp_lanes(line.len())];
        self.run(&mut lanes, &mut tmp, zero_before, zero_after);
        for (v, l) in line.iter_mut().zip(&lanes) {
            *v = l[0];
        }
    }
}

/// The span of one axis that a render processes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Span {
    /// The first and one-past-last coordinates processed.
    lo: i32,
    hi: i32,
    /// Whether the line continues with zeros before `lo` / after `hi`.
    zero_before: bool,
    zero_after: bool,
}

impl Span {
    /// The span for the window `[w1, w2)` of a source covering `[b1, b2)`,
    /// with filter `f`: the window, plus the source within the support of
    /// the window, plus the filter's edge extension beyond the source.
    fn new(w1: i32, w2: i32, b1: i32, b2: i32, f: &AxisFilter, boundary: Boundary) -> Span {
        let clamp = |v: usize| {
            i64::try_from(v)
                .unwrap_or(i64::MAX / 4)
                .min(i64::from(i32::MAX))
        };
        let (r, e) = (clamp(f.support()), clamp(f.edge_extension()));
        let (w1l, w2l, b1l, b2l) = (i64::from(w1), i64::from(w2), i64::from(b1), i64::from(b2));
        let lo = (w1l - r).max(b1l - e).min(w1l);
        let hi = (w2l + r).min(b2l + e).max(w2l);
        let black = boundary == Boundary::Black;
        Span {
            lo: lo.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32,
            hi: hi.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32,
            zero_before: black && lo <= b1l,
            zero_after: black && hi >= b2l,
        }
    }

    fn len(&self) -> usize {
        (i64::from(self.hi) - i64::from(self.lo)).max(0) as usize
    }
}

/// Why [`blur`] stopped without finishing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BlurError {
    /// The abort callback asked to stop; the destination is partly written.
    Aborted,
    /// The scratch slice is smaller than [`Plan::scratch_len`].
    ScratchTooSmall {
        /// Floats needed.
        needed: usize,
        /// Floats given.
        given: usize,
    },
    /// The plan was made for other components or another depth than the
    /// pixel type's.
    FormatMismatch,
    /// The plan's window is not inside the destination's bounds.
    WindowOutsideDestination,
}

impl fmt::Display for BlurError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BlurError::Aborted => f.write_str("the blur was aborted"),
            BlurError::ScratchTooSmall { needed, given } => {
                write!(
                    f,
                    "the blur needs {needed} floats of scratch memory, got {given}"
                )
            }
            BlurError::FormatMismatch => f.write_str(
                "the blur plan was made for another number of components or another bit depth",
            ),
            BlurError::WindowOutsideDestination => {
                f.write_str("the blur's window is not inside the destination image")
            }
        }
    }
}

impl std::error::Error for BlurError {}

/// Everything a render needs to know before it starts: filters, spans,
/// buffer sizes. Made once per render by [`Plan::new`].
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    x: AxisFilter,
    y: AxisFilter,
    boundary: Boundary,
    window: RectI,
    source: RectI,
    xs: Span,
    ys: Span,
    components: usize,
    /// The sources' bit depth.
    depth: BitDepth,
    /// Floats per row of one strip of the intermediate buffer
    /// (`STRIP_PIXELS * components`, a multiple of LANES).
    strip_floats: usize,
    /// The number of strips across the window.
    strips: usize,
    /// Rows of the vertical span per band of the intermediate buffer (a
    /// multiple of `block_rows`), and the number of bands.
    band_rows: usize,
    bands: usize,
    /// Rows per horizontal block.
    block_rows: usize,
    workers: usize,
    per_worker: usize,
    /// Whether nothing of the source reaches the window (black output).
    empty: bool,
    /// Whether the vertical pass writes the output with streaming stores
    /// where its rows start on cache lines ([`Plan::stream_output`]).
    stream_out: bool,
}

impl Plan {
    /// Plans the blur of the pixels in `window` from a source whose pixels
    /// cover `source`, for pixels of `components` components (1, 3 or 4)
    /// and bit `depth`, with rayon's current number of threads.
    pub fn new(
        spec: &BlurSpec,
        window: RectI,
        source: RectI,
        components: usize,
        depth: BitDepth,
    ) -> Plan {
        let x = AxisFilter::new(spec.filter, spec.sigma[0]);
        let y = AxisFilter::new(spec.filter, spec.sigma[1]);
        let window = if window.is_empty() {
            RectI::new(window.x1, window.y1, window.x1, window.y1)
        } else {
            window
        };
        let xs = Span::new(
            window.x1,
            window.x2,
            source.x1,
            source.x2,
            &x,
            spec.boundary,
        );
        let ys = Span::new(
            window.y1,
            window.y2,
            source.y1,
            source.y2,
            &y,
            spec.boundary,
        );
        let components = components.clamp(1, 4);
        let empty = source.is_empty()
            || window.is_empty()
            || (spec.boundary == Boundary::Black
                && (xs.hi <= source.x1
                    || xs.lo >= source.x2
                    || ys.hi <= source.y1
                    || ys.lo >= source.y2));
        let width = window.width() as usize;
        let strip_floats = STRIP_PIXELS * components;
        let strips = width.div_ceil(STRIP_PIXELS);
        // Rows per horizontal block: as many as fill the lanes.
        let block_rows = LANES / lanes_per_pixel(components);
        let workers = ofx_plugin::parallel::workers();
        let (nh, nv) = (xs.len(), ys.len());
        let horizontal = (nh + x.tmp_lanes(nh)) * LANES + strips * strip_floats;
        // Bands: a few per worker, for balance; whole blocks each.
        let per_band = nv.div_ceil(4 * workers).max(1);
        let band_rows = per_band.div_ceil(block_rows) * block_rows;
        let bands = nv.div_ceil(band_rows);
        let v_groups = strip_floats / LANES;
        let vertical = (v_groups * nv + y.tmp_lanes(nv)) * LANES;
        Plan {
            x,
            y,
            boundary: spec.boundary,
            window,
            source,
            xs,
            ys,
            components,
            depth,
            strip_floats,
            strips,
            band_rows,
            bands,
            block_rows,
            workers,
            per_worker: horizontal.max(vertical),
            empty,
            stream_out: false,
        }
    }

    /// The scratch memory [`blur`] needs, in `f32`s.
    pub fn scratch_len(&self) -> usize {
        if self.empty {
            0
        } else {
            self.temp_len() + self.workers * self.per_worker
        }
    }

    /// Whether the intermediate buffer holds `u16` components (for 8-bit
    /// sources) rather than `f32`.
    fn narrow_temp(&self) -> bool {
        self.depth == BitDepth::U8
    }

    /// Floats of scratch memory the intermediate buffer takes. It holds the
    /// horizontally filtered rows column group by column group (LANES
    /// columns each), each group's rows one after the other: the horizontal
    /// pass writes a band's piece of every group from one task, and the
    /// vertical pass reads each group in one run.
    fn temp_len(&self) -> usize {
        let values = self.temp_values();
        if self.narrow_temp() {
            values.div_ceil(2)
        } else {
            values
        }
    }

    /// Values (`f32` or `u16`) the intermediate buffer holds.
    fn temp_values(&self) -> usize {
        self.strips * self.strip_floats * self.ys.len()
    }

    /// Values per column group of the intermediate buffer.
    fn column_len(&self) -> usize {
        self.ys.len() * LANES
    }

    /// The plan with the output written with streaming stores, which skip
    /// the cache ([`simd::streaming`]), or not (the default). Rows that do
    /// not start on a cache line are written with plain stores all the
    /// same, and the pixels are the same either way.
    ///
    /// Whether they pay depends on the machine. On the machine of the
    /// earlier figures (`blur_speed -- 1080 f32 stream=on|off`, size 3),
    /// they made a 1920x1080 RGBA `f32` blur faster, one thread 10.8 ->
    /// 10.0-10.4 ms and two 6.45 -> 5.4-5.8 ms, and a 3840x2160 one about 4%
    /// faster; on the two-core Zen 3 machine of stop 17 they made both
    /// 2-10% slower (two pairs each: 1080p 18.3-18.4 -> 18.6-19.1 ms on one
    /// thread, 4K 77.1-77.3 -> 83.5-84.4 ms), so they are off unless asked
    /// for. Plain stores also leave the end of the output in the cache for
    /// whoever reads it next. `u8` output, whose strips write one cache
    /// line per row, ran up to 10% slower with them on both machines, and
    /// streaming the intermediate buffer was no faster.
    pub fn stream_output(mut self, on: bool) -> Plan {
        self.stream_out = on;
        self
    }

    /// Whether [`blur`] writes `out` with streaming stores: when the plan
    /// says so and every row of `out` starts on a cache line. Streaming
    /// stores are only fast when they fill whole lines: a strip whose rows
    /// start partway into a line shares a line with its neighbour at each
    /// end, and each such partial line costs the memory a read and a write.
    /// With the 16-byte offset a `Vec` often has, streaming made a
    /// 1920x1080 `f32` blur 12-15% slower than plain stores, where from
    /// aligned rows it was as fast or faster (`blur_speed -- 1080 f32
    /// stream=on|off`). Strips are a multiple of 64 bytes wide, so when the
    /// rows start on lines, so do the strips.
    pub fn streams_to<P: Pixel>(&self, out: &ImageViewMut<'_, P>) -> bool {
        self.stream_out
            && out
                .rows()
                .all(|(_, row)| row.as_ptr().align_offset(LINE_BYTES) == 0)
    }

    /// The filter along x.
    pub fn x_filter(&self) -> &AxisFilter {
        &self.x
    }

    /// The filter along y.
    pub fn y_filter(&self) -> &AxisFilter {
        &self.y
    }

    /// The source pixels the render reads: the source's bounds within the
    /// window grown by the supports (empty when nothing is read).
    pub fn source_needed(&self) -> RectI {
        if self.empty {
            return RectI::new(0, 0, 0, 0);
        }
        let r = RectI::new(self.xs.lo, self.ys.lo, self.xs.hi, self.ys.hi);
        r.intersection(&self.source)
            .unwrap_or(RectI::new(0, 0, 0, 0))
    }
}

/// A pool of per-worker scratch slices.
struct Pool<'a> {
    free: Mutex<Vec<&'a mut [f32]>>,
    len: usize,
}

impl<'a> Pool<'a> {
    fn new(scratch: &'a mut [f32], workers: usize, len: usize) -> Pool<'a> {
        let free = scratch.chunks_exact_mut(len.max(1)).take(workers).collect();
        Pool {
            free: Mutex::new(free),
            len,
        }
    }

    /// Runs `f` with a free slice (or a fresh allocation if every slice is
    /// in use, which rayon's pool size makes rare).
    fn with<R>(&self, f: impl FnOnce(&mut [f32]) -> R) -> R {
        let taken = self.free.lock().unwrap_or_else(|e| e.into_inner()).pop();
        match taken {
            Some(buf) => {
                let r = f(&mut *buf);
                self.free
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(buf);
                r
            }
            None => f(&mut vec![0.0; self.len]),
        }
    }
}

/// Blurs `src` into the pixels of `dst` inside the plan's window (which
/// must lie inside `dst`'s bounds), using `scratch` (at least
/// [`Plan::scratch_len`] floats). `abort` is polled between the passes.
///
/// `src` must be the image whose bounds the plan was made with; pixels of
/// it outside the plan's [`source_needed`](Plan::source_needed) are not read.
///
/// # Errors
/// [`BlurError::Aborted`] when `abort` returned true (the destination is
/// then incomplete); the other variants for a call that does not match the
/// plan.
pub fn blur<P: Pixel>(
    plan: &Plan,
    src: &ImageView<'_, P>,
    dst: &mut ImageViewMut<'_, P>,
    scratch: &mut [f32],
    abort: &(dyn Fn() -> bool + Sync),
) -> Result<(), BlurError> {
    if plan.components != P::COUNT || plan.depth != P::DEPTH {
        return Err(BlurError::FormatMismatch);
    }
    let needed = plan.scratch_len();
    if scratch.len() < needed {
        return Err(BlurError::ScratchTooSmall {
            needed,
            given: scratch.len(),
        });
    }
    if plan.window.is_empty() {
        return Ok(());
    }
    if plan.window.intersection(&dst.bounds()) != Some(plan.window) {
        return Err(BlurError::WindowOutsideDestination);
    }
    let mut out = dst.sub_window_mut(plan.window);
    if plan.empty {
        out.fill(P::default());
        return Ok(());
    }
    let (temp, rest) = scratch.split_at_mut(plan.temp_len());
    let pool = Pool::new(rest, plan.workers, plan.per_worker);
    if plan.narrow_temp() {
        let temp: &mut [u16] = bytemuck::cast_slice_mut(temp);
        passes(plan, src, temp, &mut out, &pool, abort)
    } else {
        passes(plan, src, temp, &mut out, &pool, abort)
    }
}

/// Both passes through an intermediate buffer of `S`, polling `abort`
/// after each.
fn passes<P: Pixel, S: Component>(
    plan: &Plan,
    src: &ImageView<'_, P>,
    temp: &mut [S],
    out: &mut ImageViewMut<'_, P>,
    pool: &Pool<'_>,
    abort: &(dyn Fn() -> bool + Sync),
) -> Result<(), BlurError> {
    let temp = &mut temp[..plan.temp_values()];
    horizontal_pass(plan, src, temp, pool);
    if abort() {
        return Err(BlurError::Aborted);
    }
    vertical_pass(plan, temp, out, pool);
    if abort() {
        return Err(BlurError::Aborted);
    }
    Ok(())
}

/// Blurs with a scratch buffer allocated on the Rust heap: for tests,
/// benchmarks and tools. Plugins use [`blur`] with host memory.
pub fn blur_alloc<P: Pixel>(
    spec: &BlurSpec,
    window: RectI,
    src: &ImageView<'_, P>,
    dst: &mut ImageViewMut<'_, P>,
) -> Result<(), BlurError> {
    let plan = Plan::new(spec, window, src.bounds(), P::COUNT, P::DEPTH);
    let mut scratch = vec![0.0f32; plan.scratch_len()];
    blur(&plan, src, dst, &mut scratch, &|| false)
}

/// The source row that line `y` of the vertical span reads, if any.
fn source_row(plan: &Plan, y: i32) -> Option<i32> {
    let b = plan.source;
    if (b.y1..b.y2).contains(&y) {
        Some(y)
    } else if plan.boundary == Boundary::Clamp {
        Some(y.clamp(b.y1, b.y2 - 1))
    } else {
        None
    }
}

/// `v`, or 0 when it is NaN or infinite: a recursive filter would spread a
/// non-finite value along the whole line.
#[inline(always)]
fn finite_or_zero(v: f32) -> f32 {
    if v.is_finite() { v } else { 0.0 }
}

/// A source component as the filters read it: normalised (white is 1.0),
/// by a multiplication rather than [`Component::to_f32`]'s division (for
/// integer types the two differ by at most one rounding), non-finite values
/// as 0.
#[inline(always)]
fn widen<T: Component>(c: T) -> f32 {
    if T::DEPTH.is_float() {
        finite_or_zero(normalised(c))
    } else {
        normalised(c)
    }
}

/// A component as a normalised float (white is 1.0), by a multiplication:
/// for `u8` and `u16` within one rounding of [`Component::to_f32`], which
/// divides; for float types the value itself.
#[inline(always)]
fn normalised<T: Component>(c: T) -> f32 {
    c.to_units() * (1.0 / T::WHITE.to_units())
}

/// Lanes per pixel in the horizontal pass: RGB is padded to four.
const fn lanes_per_pixel(components: usize) -> usize {
    if components == 1 { 1 } else { 4 }
}

/// Filters the needed rows along x into `temp` (row-major, window columns).
fn horizontal_pass<P: Pixel, S: Component>(
    plan: &Plan,
    src: &ImageView<'_, P>,
    temp: &mut [S],
    pool: &Pool<'_>,
) {
    let column = plan.column_len();
    if column == 0 {
        return;
    }
    // Each band's piece of every column group.
    let groups = temp.len() / column;
    let mut bands: Vec<Vec<&mut [S]>> = (0..plan.bands)
        .map(|_| Vec::with_capacity(groups))
        .collect();
    for group in temp.chunks_mut(column) {
        for (band, piece) in bands
            .iter_mut()
            .zip(group.chunks_mut(plan.band_rows * LANES))
        {
            band.push(piece);
        }
    }
    ofx_plugin::parallel::for_each(bands, |band_index, mut band| {
        pool.with(|buf| {
            simd::run(
                #[inline(always)]
                || horizontal_band(plan, src, band_index, &mut band, buf),
            )
        });
    });
}

/// The horizontal pass over band `band_index` of the intermediate buffer
/// (`band` holds its piece of each column group), with `buf` as its
/// working memory. Inlined into [`simd::run`]'s closure, so that it is
/// compiled for both instruction sets.
#[inline(always)]
fn horizontal_band<P: Pixel, S: Component>(
    plan: &Plan,
    src: &ImageView<'_, P>,
    band_index: usize,
    band: &mut [&mut [S]],
    buf: &mut [f32],
) {
    let c = P::COUNT;
    let cp = lanes_per_pixel(c);
    let k = plan.block_rows;
    let nh = plan.xs.len();
    let width = plan.window.width() as usize;
    let band_rows = plan.band_rows;
    let row_floats = plan.strips * plan.strip_floats;
    // Offset of the window's first column in the span.
    let wofs = (i64::from(plan.window.x1) - i64::from(plan.xs.lo)) as usize;
    let ys_lo = i64::from(plan.ys.lo);
    let r0 = band_index * band_rows;
    let r1 = (r0 + band_rows).min(plan.ys.len());
    // Stores row `r` (band-relative) of the buffer from `row`.
    let store = |band: &mut [&mut [S]], r: usize, row: &[f32]| {
        for (piece, chunk) in band.iter_mut().zip(row.chunks_exact(LANES)) {
            let at = r * LANES;
            for (d, v) in piece[at..at + LANES].iter_mut().zip(chunk) {
                *d = S::from_f32(*v);
            }
        }
    };
    let (line_f, rest) = buf.split_at_mut(nh * LANES);
    let (row_buf, rest) = rest.split_at_mut(row_floats);
    let line: &mut [Lanes] = bytemuck::cast_slice_mut(line_f);
    let tmp: &mut [Lanes] = bytemuck::cast_slice_mut(&mut rest[..plan.x.tmp_lanes(nh) * LANES]);
    // RGBA rows into an `f32` buffer go straight from the filter into the
    // band (see [`BandSink`]); the others through `line` and a copy.
    let sunk = c == 4 && S::DEPTH.is_float();
    if sunk {
        // The column groups wholly beyond the window (the strips round its
        // width up), where the sink writes nothing.
        for piece in band.iter_mut().skip(width.div_ceil(4)) {
            piece.fill(S::from_f32(0.0));
        }
    }
    for b0 in (r0..r1).step_by(k) {
        let rows_here = (r1 - b0).min(k);
        let rows: [Option<&[P]>; LANES] = std::array::from_fn(|i| {
            if i < rows_here {
                let y = (ys_lo + (b0 + i) as i64) as i32;
                source_row(plan, y).and_then(|y| src.row(y))
            } else {
                None
            }
        });
        if rows.iter().all(Option::is_none) {
            row_buf.fill(0.0);
            for i in 0..rows_here {
                store(band, b0 + i - r0, row_buf);
            }
            continue;
        }
        // Interleave: lanes [i * cp, i * cp + c) hold row i's channels.
        if cp == 1 {
            pack_block::<P, 1>(plan, &rows[..k], line);
        } else {
            pack_block::<P, 4>(plan, &rows[..k], line);
        }
        let r = b0 - r0;
        let (zb, za) = (plan.xs.zero_before, plan.xs.zero_after);
        if sunk {
            // Window columns only.
            let mut sink = BandSink::new(band, r, rows_here, wofs, wofs + width);
            plan.x.run_to(line, tmp, zb, za, &mut sink);
            continue;
        }
        plan.x.run(line, tmp, zb, za);
        // Back to rows, window columns only.
        let cols = &line[wofs..wofs + width];
        match c {
            1 => store_lanes::<S, 1>(cols, rows_here, band, r),
            4 => store_lanes::<S, 4>(cols, rows_here, band, r),
            _ => {
                for i in 0..rows_here {
                    row_buf[width * c..].fill(0.0);
                    unpack_lanes::<4, 3>(cols, i, &mut row_buf[..width * c]);
                    store(band, r + i, row_buf);
                }
            }
        }
    }
}

/// Writes the source rows of a block, extended over the horizontal span by
/// the boundary, into `line`: row `i` goes to lanes `[i * CP, i * CP + c)`,
/// and every other lane is zero. `CP` is `lanes_per_pixel(P::COUNT)`.
#[inline(always)]
fn pack_block<P: Pixel, const CP: usize>(plan: &Plan, rows: &[Option<&[P]>], line: &mut [Lanes]) {
    let c = P::COUNT;
    let b = plan.source;
    let lo = i64::from(plan.xs.lo);
    let (b1, b2) = (i64::from(b.x1), i64::from(b.x2));
    let hi = lo + line.len() as i64;
    // The part of the span inside the source.
    let (in1, in2) = (lo.max(b1).min(hi), hi.min(b2).max(lo));
    let before = (in1 - lo) as usize;
    let after = ((in2 - lo) as usize).max(before);
    // The lanes beyond the source's edges.
    let mut left = [0.0f32; LANES];
    let mut right = [0.0f32; LANES];
    if plan.boundary == Boundary::Clamp {
        for (i, row) in rows.iter().enumerate() {
            if let (Some(first), Some(last)) =
                (row.and_then(|r| r.first()), row.and_then(|r| r.last()))
            {
                for (ch, (f, l)) in first.channels().iter().zip(last.channels()).enumerate() {
                    left[i * CP + ch] = widen(*f);
                    right[i * CP + ch] = widen(*l);
                }
            }
        }
    }
    line[..before].fill(left);
    line[after..].fill(right);
    if in1 >= in2 {
        return;
    }
    let (s1, s2) = ((in1 - b1) as usize, (in2 - b1) as usize);
    let inside = &mut line[before..after];
    // RGB and RGBA in whole blocks of 4 rows: whole 16-lane vectors, four
    // pixels at a time.
    if CP == 4
        && rows.len() == 4
        && let [Some(r0), Some(r1), Some(r2), Some(r3)] = rows
    {
        let rows = [&r0[s1..s2], &r1[s1..s2], &r2[s1..s2], &r3[s1..s2]].map(|r| {
            let comps: &[P::Component] = bytemuck::cast_slice(r);
            comps
        });
        match c {
            3 => pack_four_rows::<_, 3>(rows, inside),
            _ => pack_four_rows::<_, 4>(rows, inside),
        }
        return;
    }
    if CP > c || rows.iter().any(Option::is_none) {
        for v in inside.iter_mut() {
            *v = [0.0; LANES];
        }
    }
    for (i, row) in rows.iter().enumerate() {
        let Some(row) = row else { continue };
        let comps: &[P::Component] = bytemuck::cast_slice(&row[s1..s2]);
        match c {
            1 => pack_lanes::<P::Component, CP, 1>(comps, inside, i),
            3 => pack_lanes::<P::Component, CP, 3>(comps, inside, i),
            _ => pack_lanes::<P::Component, CP, 4>(comps, inside, i),
        }
    }
}

/// Converts four rows of `C`-component pixels (3 or 4) into whole 16-lane
/// vectors: row `r`'s pixel in lanes `[4 r, 4 r + C)`, zero in the lanes
/// beyond `C`.
#[inline(always)]
fn pack_four_rows<T: Component, const C: usize>(rows: [&[T]; 4], lanes: &mut [Lanes]) {
    // Four pixels of each row at a time: each row's `4 C` components are
    // widened as one vector, then moved pixel by pixel into place. (Written
    // pixel by pixel, the compiler vectorised across pixels with scatter
    // stores.)
    let n = lanes
        .len()
        .min(rows.iter().map(|r| r.len() / C).min().unwrap_or(0));
    let whole = n / 4 * 4;
    let (quads, rest) = lanes[..n].split_at_mut(whole);
    for (q, out) in quads.chunks_exact_mut(4).enumerate() {
        let mut wide = [[0.0f32; LANES]; 4];
        for (w, row) in wide.iter_mut().zip(rows) {
            let src = &row[q * 4 * C..(q + 1) * 4 * C];
            for (d, s) in w[..4 * C].iter_mut().zip(src) {
                *d = widen(*s);
            }
        }
        for (j, v) in out.iter_mut().enumerate() {
            *v = [0.0; LANES];
            for (r, w) in wide.iter().enumerate() {
                v[4 * r..4 * r + C].copy_from_slice(&w[C * j..C * j + C]);
            }
        }
    }
    // The last pixels (fewer than four), one at a time.
    rest.fill([0.0; LANES]);
    for (r, row) in rows.iter().enumerate() {
        pack_lanes::<T, 4, C>(&row[whole * C..], rest, r);
    }
}

/// Converts pixels of `C` components into lanes `[i * CP, i * CP + C)`.
#[inline(always)]
fn pack_lanes<T: Component, const CP: usize, const C: usize>(
    comps: &[T],
    lanes: &mut [Lanes],
    i: usize,
) {
    let o = i * CP;
    if o + C > LANES {
        return;
    }
    for (v, px) in lanes.iter_mut().zip(comps.chunks_exact(C)) {
        let px: [T; C] = px.try_into().expect("C components");
        v[o..o + C].copy_from_slice(&px.map(widen));
    }
}

/// Stores the first `rows` rows of a filtered block of `C`-lane pixels
/// (`C` = 1 or 4, so that LANES floats are whole pixels) as rows `r..` of a
/// band's pieces of the column groups, zero beyond the window.
#[inline(always)]
fn store_lanes<S: Component, const C: usize>(
    line: &[Lanes],
    rows: usize,
    band: &mut [&mut [S]],
    r: usize,
) {
    let rows = rows.min(LANES / C);
    let per_chunk = LANES / C;
    let mut pixels = line.chunks(per_chunk);
    for piece in band.iter_mut() {
        // The block's rows of a group are next to each other.
        let at = r * LANES;
        let px = pixels.next().unwrap_or(&[]);
        for row in 0..rows {
            prefetch_later_block(piece, at + row * LANES);
        }
        for (i, dst) in piece[at..at + rows * LANES]
            .chunks_exact_mut(LANES)
            .enumerate()
        {
            let o = i * C;
            let mut lanes = [0.0f32; LANES];
            for (d, v) in lanes.chunks_exact_mut(C).zip(px) {
                d.copy_from_slice(&v[o..o + C]);
            }
            let dst: &mut [S; LANES] = dst.try_into().expect("LANES");
            *dst = lanes.map(S::from_f32);
        }
    }
}

/// Asks for the row of a column group's `piece` that a block
/// [`STORE_AHEAD_ROWS`] rows later will write where this block writes at
/// `at`: the horizontal pass writes every column group at once, too many
/// streams for the hardware prefetcher.
#[inline(always)]
fn prefetch_later_block<S>(piece: &[S], at: usize) {
    if let Some(ahead) = piece.get(at + STORE_AHEAD_ROWS * LANES) {
        simd::prefetch(ahead);
    }
}

/// The horizontal pass's output for a block of RGBA rows (four rows of
/// four lanes per step): each step of the span inside the window goes to
/// its column group's piece of the band, rows `at / LANES..` of it.
///
/// A group's four steps are collected in `stage`, each as one whole run,
/// and written to the band together when the (backward) filter reaches
/// the group's first column: written step by step, four lanes to each of
/// four rows, the compiler cut the whole recursion into four-lane
/// vectors.
struct BandSink<'a, 'b, S> {
    band: &'a mut [&'b mut [S]],
    /// Where the block's first row starts in each piece.
    at: usize,
    /// The rows of the block to store (fewer than four at the end of the
    /// span).
    rows: usize,
    /// The span's steps that are window columns.
    lo: usize,
    hi: usize,
    /// The current group's steps, by column within the group.
    stage: [[S; LANES]; 4],
}

impl<'a, 'b, S: Component> BandSink<'a, 'b, S> {
    fn new(band: &'a mut [&'b mut [S]], r: usize, rows: usize, lo: usize, hi: usize) -> Self {
        BandSink {
            band,
            at: r * LANES,
            rows,
            lo,
            hi,
            // Zero for the columns beyond the window in its last group,
            // which the filter reaches first.
            stage: [[S::from_f32(0.0); LANES]; 4],
        }
    }
}

impl<S: Component> Sink for BandSink<'_, '_, S> {
    #[inline(always)]
    fn put<const H: usize, const R: usize>(&mut self, i: usize, v: [f32; R]) {
        if i < self.lo || i >= self.hi {
            return;
        }
        let x = i - self.lo;
        let step = &mut self.stage[x % 4][H..H + R];
        for (d, s) in step.iter_mut().zip(v) {
            *d = S::from_f32(s);
        }
        if !x.is_multiple_of(4) {
            return;
        }
        let Some(piece) = self.band.get_mut(x / 4) else {
            return;
        };
        for row in H / 4..((H + R) / 4).min(self.rows) {
            let at = self.at + row * LANES;
            prefetch_later_block(piece, at);
            if let Some(dst) = piece.get_mut(at..at + LANES) {
                for (d, step) in dst.chunks_exact_mut(4).zip(&self.stage) {
                    d.copy_from_slice(&step[4 * row..4 * row + 4]);
                }
            }
        }
    }
}

/// Copies row `i` of a filtered block (lanes `[i * CP, i * CP + C)`) into
/// `out`, `C` floats per pixel.
#[inline(always)]
fn unpack_lanes<const CP: usize, const C: usize>(line: &[Lanes], i: usize, out: &mut [f32]) {
    let o = i * CP;
    if o + C > LANES {
        return;
    }
    for (px, v) in out.chunks_exact_mut(C).zip(line) {
        let px: &mut [f32; C] = px.try_into().expect("C floats");
        let slot: &[f32; C] = v[o..o + C].try_into().expect("C lanes");
        *px = *slot;
    }
}

/// Bytes of a cache line, as far as streaming stores care.
const LINE_BYTES: usize = 64;

/// How the vertical pass writes a group of [`LANES`] components: through
/// the cache ([`Cached`]) or with streaming stores ([`simd::Streamer`]). A
/// type parameter rather than a flag, so that the loop is compiled without
/// a branch: a flag tested in the pass's loops made it 10-20% slower even
/// when it was false.
///
/// `'s` is how long a destination stays borrowed: for streaming stores,
/// until the fence that ends [`simd::streaming`].
trait Put<'s>: Copy {
    /// Writes `v` to `dst`.
    fn put<T: bytemuck::Pod>(self, dst: &'s mut [T; LANES], v: &[T; LANES]);
}

/// Plain stores.
#[derive(Clone, Copy)]
struct Cached;

impl<'s> Put<'s> for Cached {
    #[inline(always)]
    fn put<T: bytemuck::Pod>(self, dst: &'s mut [T; LANES], v: &[T; LANES]) {
        *dst = *v;
    }
}

impl<'s> Put<'s> for &simd::Streamer<'s> {
    #[inline(always)]
    fn put<T: bytemuck::Pod>(self, dst: &'s mut [T; LANES], v: &[T; LANES]) {
        self.copy(dst, v);
    }
}

/// Filters `temp` along y in strips and writes the window of `out`.
fn vertical_pass<P: Pixel, S: Component>(
    plan: &Plan,
    temp: &[S],
    out: &mut ImageViewMut<'_, P>,
    pool: &Pool<'_>,
) {
    let wb = out.bounds();
    let stream = plan.streams_to(out);
    out.par_tiles(STRIP_PIXELS as u32, u32::MAX, |t, mut tile| {
        pool.with(|buf| {
            simd::run(
                #[inline(always)]
                || {
                    if stream {
                        simd::streaming(
                            #[inline(always)]
                            |s| vertical_strip(plan, temp, t, &mut tile, wb.y1, buf, s),
                        )
                    } else {
                        vertical_strip(plan, temp, t, &mut tile, wb.y1, buf, Cached)
                    }
                },
            )
        });
    });
}

/// The vertical pass over strip `t` of the window, written to `tile` (whose
/// first row is window row `y1`), with `buf` as its working memory. Inlined
/// into [`simd::run`]'s closure, so that it is compiled for both instruction
/// sets.
#[inline(always)]
fn vertical_strip<'s, P: Pixel, S: Component>(
    plan: &Plan,
    temp: &[S],
    t: usize,
    tile: &'s mut ImageViewMut<'_, P>,
    y1: i32,
    buf: &mut [f32],
    put: impl Put<'s>,
) {
    let nv = plan.ys.len();
    let groups = plan.strip_floats / LANES;
    let column = plan.column_len();
    // Offset of the window's first row in the span.
    let yofs = (i64::from(y1) - i64::from(plan.ys.lo)) as usize;
    let (lanes_f, rest) = buf.split_at_mut(groups * nv * LANES);
    let tmp: &mut [Lanes] = bytemuck::cast_slice_mut(&mut rest[..plan.y.tmp_lanes(nv) * LANES]);
    for (g, line_f) in lanes_f.chunks_exact_mut(nv * LANES).enumerate() {
        // The group's rows: one contiguous run, filtered straight out of the
        // intermediate buffer.
        let at = (t * groups + g) * column;
        let input: &[[S; LANES]] = bytemuck::cast_slice(&temp[at..at + column]);
        let line: &mut [Lanes] = bytemuck::cast_slice_mut(line_f);
        plan.y
            .run_from(input, line, tmp, plan.ys.zero_before, plan.ys.zero_after);
    }
    let lanes: &[Lanes] = bytemuck::cast_slice(lanes_f);
    for (i, (_, row)) in tile.rows_mut().enumerate() {
        let at = yofs + i;
        let comps: &'s mut [P::Component] = bytemuck::cast_slice_mut(row.into_slice());
        // A whole group at once vectorises; element by element did not.
        // The whole groups and the partial last one are separate loops: a
        // store whose length the compiler cannot see is a call to `memcpy`
        // (one per group when the two shared a loop).
        let whole_groups = comps.len() / LANES;
        let (whole, part) = comps.split_at_mut(whole_groups * LANES);
        let column = |g: usize| lanes[g * nv + at].map(P::Component::from_f32);
        for (g, chunk) in whole.chunks_exact_mut(LANES).enumerate() {
            let chunk: &'s mut [P::Component; LANES] = chunk.try_into().expect("LANES");
            put.put(chunk, &column(g));
        }
        if !part.is_empty() {
            part.copy_from_slice(&column(whole_groups)[..part.len()]);
        }
    }
}
