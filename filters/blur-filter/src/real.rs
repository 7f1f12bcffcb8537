//! The float types the recursion runs in, and the whole-run arithmetic it
//! is written with.
//!
//! A run is `R` lanes held by value ([`Run`]). The recursion is written with
//! these whole-run operations rather than loops over lanes, which the
//! compiler turned into shuffles across lanes.

use ofx_plugin::pixel::Component;

use crate::lanes::{LANES, normalised};

/// The float types the recursion runs in: `f32`, or `f64` for very wide
/// kernels.
pub(crate) trait Real:
    Copy + Default + core::ops::Add<Output = Self> + core::ops::Mul<Output = Self> + bytemuck::Pod
{
    /// `v` in this type.
    fn of(v: f64) -> Self;
    /// An `f32` in this type.
    fn widen(v: f32) -> Self;
    /// This value as an `f32`.
    fn narrow(self) -> f32;
    /// `self * a + b` with one rounding: one instruction only where
    /// [`ofx_plugin::simd::Level::has_fma`].
    fn fused(self, a: Self, b: Self) -> Self;
}

impl Real for f32 {
    #[inline(always)]
    /// `v` in this type.
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
    /// `v` in this type.
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

/// One run's `R` lanes in the recursion's float type. A line's [`LANES`]
/// lanes go through the recursion as one run of sixteen when one register
/// holds them (AVX-512, whose 32 registers hold the state and the
/// coefficients), else as
/// two runs of eight (sixteen lanes at once spill the state of the
/// recursion from AVX2's sixteen registers to the stack at every step).
pub(crate) type Run<T, const R: usize> = [T; R];

/// `k * a`, lane by lane: the run scaled by a scalar.
#[inline(always)]
pub(crate) fn scale<T: Real, const R: usize>(k: T, a: Run<T, R>) -> Run<T, R> {
    a.map(|v| k * v)
}

/// `a * b`, lane by lane: the elementwise product of two runs.
#[inline(always)]
pub(crate) fn mul_lanes<T: Real, const R: usize>(a: Run<T, R>, b: Run<T, R>) -> Run<T, R> {
    std::array::from_fn(|i| a[i] * b[i])
}

/// `a * b + c`, lane by lane: fused (one rounding) when `F`.
#[inline(always)]
pub(crate) fn mul_add_lanes<T: Real, const F: bool, const R: usize>(
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
pub(crate) fn add_lanes<T: Real, const R: usize>(a: Run<T, R>, b: Run<T, R>) -> Run<T, R> {
    std::array::from_fn(|i| a[i] + b[i])
}

/// Lanes `H..H + R` of sixteen values of the intermediate buffer,
/// as the recursion's float type.
#[inline(always)]
pub(crate) fn load_run<T: Real, S: Component, const H: usize, const R: usize>(
    x: &[S; LANES],
) -> Run<T, R> {
    std::array::from_fn(|i| T::widen(normalised(x[H + i])))
}
