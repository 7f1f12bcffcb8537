//! Where a line filter reads its input and writes its output.

use ofx_plugin::pixel::Component;
use ofx_plugin::simd;

use crate::lanes::{LANES, Lanes, load_lanes};
use crate::real::{Real, Run, load_run};

/// Where a line filter reads its input and writes its output, step by
/// step: the same line ([`InPlace`]), or stored values into a [`Sink`]
/// ([`Split`]). One trait for both, so that each filter loop is written
/// once and compiled for what it reads and writes.
pub(crate) trait LineIo {
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
pub(crate) trait Sink {
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
pub(crate) struct InPlace<'a>(pub(crate) &'a mut [Lanes]);

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
pub(crate) struct Split<'a, S, K: ?Sized> {
    pub(crate) input: &'a [[S; LANES]],
    pub(crate) out: &'a mut K,
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
