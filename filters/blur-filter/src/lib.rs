//! A separable blur in `f32` whose cost per pixel does not depend on the
//! size: Deriche's recursive Gaussian, a box and a triple box, on
//! ofx-plugin's pixel views, with no dependency on a host.
//!
//! The blur example plugin (`examples/blur`) is the OpenFX side: regions,
//! render scale, parameters and scratch memory. This crate is the tuned
//! algorithm it calls. The entry points are [`Plan::new`], which sizes a
//! render, and [`blur`], which runs it in scratch memory the caller gives
//! ([`blur_alloc`] allocates it, for tests and tools).
//!
//! # Filters
//!
//! Every filter is given by its standard deviation `sigma` in pixels, per
//! axis, so the three choices blur by the same amount:
//!
//! * [`FilterKind::Gaussian`]: Deriche's fourth-order recursive (IIR)
//!   approximation ([`Deriche`]), written as two second-order sections per
//!   direction (causal and anti-causal), with coefficients computed in
//!   `f64` and the normalisation computed from the `f32`-rounded feedback
//!   coefficients, so the filter's DC gain is 1 to within `f32` rounding at
//!   every sigma. Against the sampled, normalised Gaussian, its largest
//!   possible error on an image with values in `[0, 1]` is 0.08% of white
//!   (both axes), its effective sigma is 0.998 sigma and its total weight is
//!   1 within 2e-5, for sigma from 1 to 100 (checked in
//!   `tests/accuracy.rs`). In `f32` the feedback amplifies rounding by up to
//!   about 1e-4 of the value at sigma 100; the error is bounded and does not
//!   grow along a line. Above [`WIDE_SIGMA`] pixels the recursion runs in
//!   `f64` instead.
//! * [`FilterKind::Box`]: a box whose two outermost taps have a fractional
//!   weight ([`FracBox`]), so that its variance is exactly `sigma²` and it
//!   changes continuously with the size; computed with running sums in
//!   `f64`, which do not drift along long rows.
//! * [`FilterKind::TripleBox`]: three such boxes of variance `sigma² / 3`
//!   each, a quasi-Gaussian.
//!
//! The boxes have exactly the Gaussian's variance but not its shape. Their
//! largest possible error against the Gaussian of the same sigma, on an
//! image with values in `[0, 1]`, is 5.4% of white for the triple box and
//! 40% for the single box (sigma 1 to 100, both axes), where the recursive
//! Gaussian's is 0.08% (`tests/accuracy.rs`).
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
//! of the window ([`Plan::source_needed`]), so the region of interest is the
//! window grown by it. Where the source extends further, the part of the
//! line beyond the support is taken to continue with the value at the
//! support's edge.
//!
//! # Passes and memory
//!
//! The modules follow the data:
//!
//! * `lanes`: pixels of a block of rows converted to `f32` and interleaved
//!   into [`LANES`] lanes per step (4 rows for RGB and RGBA, 16 for Alpha),
//!   so that sixteen independent lanes go through each recursion step: the
//!   loops vectorise, and no single row's latency chain limits them.
//! * `deriche`, `boxes`, `axis`: the filters of one line of lanes. The
//!   recursion filters the sixteen lanes at once where one register holds
//!   them (AVX-512), else as two runs of eight, whose state fits in AVX2's
//!   sixteen registers.
//! * `horizontal`: filters each row of the source the window needs (the
//!   window's rows grown by the vertical support), on bands of rows, one
//!   band per task, and keeps only the window's columns. Its output goes to
//!   an intermediate buffer that holds each group of [`LANES`] columns as
//!   one contiguous column, so that the vertical pass reads a column group
//!   as one long run. For RGBA rows into an `f32` buffer, the Gaussian's
//!   anti-causal recursion writes each group's columns there as soon as it
//!   has made them, which saves a copy of every line.
//! * `vertical`: cuts the window into strips of [`STRIP_PIXELS`] columns,
//!   filters each strip's column groups along y straight from the buffer,
//!   and converts the result into the destination rows.
//! * `plan`: the spans, buffer sizes and per-worker scratch of one render.
//!
//! Both passes run on the framework's workers ([`ofx_plugin::parallel`]),
//! each block and strip through [`ofx_plugin::simd::run`], so they use
//! AVX-512 or AVX2 where the CPU has it; `abort` is polled between them.
//!
//! The intermediate buffer holds `f32`s, or for 8-bit sources `u16`
//! components (written with [`Component::from_f32`], read back with a
//! multiplication): a step of 1/257 of an 8-bit level, so the result moves
//! by at most a few 1e-5 of white, and both passes move half the bytes.
//!
//! All scratch memory is one `&mut [f32]` given by the caller, of
//! [`Plan::scratch_len`] floats, so a plugin can take it from the host's
//! image memory: the intermediate buffer plus, per worker, a line buffer for
//! each pass. Both the intermediate buffer and the output are written with
//! ordinary stores.
//!
//! # Speed and rounding
//!
//! The Gaussian's cost per pixel does not depend on the size. The boxes'
//! running sums are in `f64` and their padded copies grow with the radius,
//! so they cost more than the Gaussian. `docs/performance.md` has the
//! figures and how to measure them (`cargo bench -p blur-filter --bench
//! blur_speed`).
//!
//! Where the level has fused multiply-adds ([`ofx_plugin::simd::Level::has_fma`]:
//! AVX2, AVX-512, AArch64), the recursion fuses each product with the
//! addition that follows it, which shortens the feedback's chain from one
//! step to the next to one instruction. AVX2 and AVX-512 give the same
//! bits; a build without FMA (the x86-64 baseline) rounds differently, by
//! at most 5e-7 of white in `f32` and one level in `u8`
//! (`tests/levels.rs`). The box filters do not fuse, and give the same bits
//! at every level.
#![forbid(unsafe_code)]

mod axis;
mod boxes;
mod deriche;
mod horizontal;
mod lanes;
mod line;
mod plan;
mod real;
mod vertical;

use std::fmt;

use ofx_plugin::geometry::RectI;
use ofx_plugin::pixel::{Component, ImageView, ImageViewMut, Pixel};

pub use axis::AxisFilter;
pub use boxes::FracBox;
pub use deriche::{Deriche, WIDE_SIGMA};
pub use lanes::{LANES, Lanes};
pub use plan::Plan;

use horizontal::horizontal_pass;
use plan::Pool;
use vertical::vertical_pass;

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
