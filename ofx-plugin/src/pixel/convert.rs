//! Fast, exact conversions between `f32` and the other component types.
//!
//! The scalar conversions define the results:
//!
//! * float to integer: clamp to `[0, 1]` in float (NaN becomes 0), multiply
//!   by the white point (255 or 65535), add 0.5 and truncate, which rounds to
//!   nearest with halves going up;
//! * integer to float: divide by the white point, correctly rounded;
//! * `f32` to and from `half::f16` (with the `half` feature): IEEE
//!   round-to-nearest-even, no clamping.
//!
//! The slice functions give bit-identical results to the scalar ones, but run
//! vectorised. A plain `v as u8` cast cannot be vectorised because it must
//! saturate and map NaN to zero itself; here the clamp is done first in
//! float, after which a non-saturating conversion is exact. The slice loops
//! run through [`crate::simd::run`], so they use AVX2 when the CPU has it.
//!
//! [`scale_slice`] and [`scale_pixels`] multiply components by per-channel
//! factors in the components' own units (integers clamped and rounded once),
//! in one pass at about the speed of a copy: the core of gain-like effects
//! at every depth. On CPUs with AVX-512 VBMI, `u8` components are scaled by
//! looking them up in 256-entry tables built with the same rule (at most
//! four distinct factors; same results, and faster, because the arithmetic
//! path is bound by its instruction count rather than by memory).
//!
//! `cargo bench -p ofx-plugin --bench convert --features half` measures the
//! conversions as ratios to a `memcpy`; `docs/performance.md` has the
//! figures.

#[cfg(feature = "half")]
use half::slice::HalfFloatSliceExt;

use super::Pixel;
use super::types::Component;

/// Scales a normalised float to `white` and rounds it to an integer in
/// `0..=white`: [`quantize_units`] of `v * white`. (Clamping the product
/// gives exactly what clamping `v` to `[0, 1]` first would: the product is
/// monotonic and `1.0 * white` is exact.)
///
/// `white` must be at most 65535.
#[inline(always)]
fn quantize(v: f32, white: f32) -> i32 {
    quantize_units(v * white, white)
}

/// Rounds a value in integer units to an integer in `0..=white`: clamp to
/// `[0, white]` (NaN to 0) in two comparisons that compile to a vector max
/// and min, add 0.5 and truncate.
///
/// `white` must be at most 65535.
#[inline(always)]
fn quantize_units(y: f32, white: f32) -> i32 {
    crate::simd::round_clamped(y, white)
}

/// Scales a `u8` component in its own units: `v as f32 * k`, clamped to
/// `[0, 255]` (NaN to 0) and rounded to nearest, halves up.
#[inline(always)]
pub(super) fn scale_units_u8(v: u8, k: f32) -> u8 {
    quantize_units(f32::from(v) * k, 255.0) as u8
}

/// Scales a `u16` component in its own units, as [`scale_units_u8`] does.
#[inline(always)]
pub(super) fn scale_units_u16(v: u16, k: f32) -> u16 {
    quantize_units(f32::from(v) * k, 65535.0) as u16
}

/// Converts a normalised float to `u8`: clamp to `[0, 1]` (NaN to 0), scale
/// by 255, round to nearest (halves up).
#[inline]
pub fn f32_to_u8(v: f32) -> u8 {
    quantize(v, 255.0) as u8
}

/// Converts a normalised float to `u16`: clamp to `[0, 1]` (NaN to 0), scale
/// by 65535, round to nearest (halves up).
#[inline]
pub fn f32_to_u16(v: f32) -> u16 {
    quantize(v, 65535.0) as u16
}

/// Converts a `u8` to a normalised float, `v / 255`.
#[inline]
pub fn u8_to_f32(v: u8) -> f32 {
    f32::from(v) / 255.0
}

/// Converts a `u16` to a normalised float, `v / 65535`.
#[inline]
pub fn u16_to_f32(v: u16) -> f32 {
    f32::from(v) / 65535.0
}

/// The portable loops. They are `inline(always)` so that the AVX2 wrappers
/// below compile them again with the wider instruction set.
mod kernels {
    #[inline(always)]
    pub(super) fn f32_to_u8(src: &[f32], dst: &mut [u8]) {
        for (d, &s) in dst.iter_mut().zip(src) {
            *d = super::f32_to_u8(s);
        }
    }

    #[inline(always)]
    pub(super) fn f32_to_u16(src: &[f32], dst: &mut [u16]) {
        for (d, &s) in dst.iter_mut().zip(src) {
            *d = super::f32_to_u16(s);
        }
    }

    #[inline(always)]
    pub(super) fn u8_to_f32(src: &[u8], dst: &mut [f32]) {
        for (d, &s) in dst.iter_mut().zip(src) {
            *d = super::u8_to_f32(s);
        }
    }

    #[inline(always)]
    pub(super) fn u16_to_f32(src: &[u16], dst: &mut [f32]) {
        for (d, &s) in dst.iter_mut().zip(src) {
            *d = super::u16_to_f32(s);
        }
    }

    /// `dst[i] = op(src[i], pattern[i % PATTERN])`, in steps of a whole
    /// pattern so that the compiler unrolls and vectorises the step.
    #[inline(always)]
    fn scale<T: Copy>(
        src: &[T],
        dst: &mut [T],
        pattern: &[f32; super::PATTERN],
        op: impl Fn(T, f32) -> T,
    ) {
        let mut out = dst.chunks_exact_mut(super::PATTERN);
        let mut inp = src.chunks_exact(super::PATTERN);
        for (o, i) in (&mut out).zip(&mut inp) {
            for ((o, &i), &k) in o.iter_mut().zip(i).zip(pattern) {
                *o = op(i, k);
            }
        }
        let rest = out.into_remainder().iter_mut().zip(inp.remainder());
        for ((o, &i), &k) in rest.zip(pattern) {
            *o = op(i, k);
        }
    }

    #[inline(always)]
    pub(super) fn scale_u8(src: &[u8], dst: &mut [u8], pattern: &[f32; super::PATTERN]) {
        scale(src, dst, pattern, super::scale_units_u8);
    }

    #[inline(always)]
    pub(super) fn scale_u16(src: &[u16], dst: &mut [u16], pattern: &[f32; super::PATTERN]) {
        scale(src, dst, pattern, |v, k| {
            super::quantize_units(f32::from(v) * k, 65535.0) as u16
        });
    }

    #[inline(always)]
    pub(super) fn scale_f32(src: &[f32], dst: &mut [f32], pattern: &[f32; super::PATTERN]) {
        scale(src, dst, pattern, |v, k| v * k);
    }
}

/// Defines a public slice function that runs a kernel through
/// [`crate::simd::run`] (its AVX2 build when the CPU has AVX2). Extra
/// arguments after the two slices are passed through.
macro_rules! dispatched {
    ($(#[$doc:meta])* $vis:vis $name:ident, $kernel:ident, $src:ty, $dst:ty
     $(, $arg:ident: $argty:ty)*) => {
        $(#[$doc])*
        ///
        /// # Panics
        /// If the slices differ in length.
        $vis fn $name(src: &[$src], dst: &mut [$dst] $(, $arg: $argty)*) {
            check_lengths(src.len(), dst.len());
            crate::simd::run(|| kernels::$kernel(src, dst $(, $arg)*))
        }
    };
}

dispatched! {
    /// Converts normalised floats to `u8`, exactly as [`f32_to_u8`] does
    /// each element, vectorised.
    pub f32_to_u8_slice, f32_to_u8, f32, u8
}
dispatched! {
    /// Converts normalised floats to `u16`, exactly as [`f32_to_u16`] does
    /// each element, vectorised.
    pub f32_to_u16_slice, f32_to_u16, f32, u16
}
dispatched! {
    /// Converts `u8` components to normalised floats, exactly as
    /// [`u8_to_f32`] does each element, vectorised.
    pub u8_to_f32_slice, u8_to_f32, u8, f32
}
dispatched! {
    /// Converts `u16` components to normalised floats, exactly as
    /// [`u16_to_f32`] does each element, vectorised.
    pub u16_to_f32_slice, u16_to_f32, u16, f32
}

dispatched! {
    /// [`scale_slice`] on `u8`, computed.
    scale_u8_pattern, scale_u8, u8, u8, pattern: &[f32; PATTERN]
}

/// [`scale_slice`] on `u8`: by table look-up where the CPU has AVX-512
/// VBMI (see `byte_table`), else computed.
pub(crate) fn scale_u8(src: &[u8], dst: &mut [u8], pattern: &[f32; PATTERN]) {
    check_lengths(src.len(), dst.len());
    #[cfg(target_arch = "x86_64")]
    let done = super::byte_table::scale(src, dst, pattern);
    #[cfg(not(target_arch = "x86_64"))]
    let done = 0;
    if done < src.len() {
        scale_u8_pattern(&src[done..], &mut dst[done..], pattern);
    }
}
dispatched! {
    /// [`scale_slice`] on `u16`.
    pub(crate) scale_u16_pattern, scale_u16, u16, u16, pattern: &[f32; PATTERN]
}
dispatched! {
    /// [`scale_slice`] on `f32`.
    pub(crate) scale_f32_pattern, scale_f32, f32, f32, pattern: &[f32; PATTERN]
}

/// The length of the factor pattern the scale loops step by: a multiple of
/// every pixel size (1, 3 and 4 components) and of sixteen vector lanes
/// (AVX-512; with a multiple of only eight, the AVX-512 build of the `u8`
/// loop could not use whole vectors and was slower).
pub(crate) const PATTERN: usize = 48;

/// `factors` repeated over [`PATTERN`] floats.
///
/// # Panics
/// If `factors` is empty or its length does not divide [`PATTERN`] (1, 2,
/// 3, 4, 6, 8, 12, 16, 24 and 48 do).
#[track_caller]
fn pattern(factors: &[f32]) -> [f32; PATTERN] {
    assert!(
        !factors.is_empty() && PATTERN.is_multiple_of(factors.len()),
        "component scaling: {} factors do not make a whole pattern (use one per component of a pixel)",
        factors.len()
    );
    let mut pattern = [0.0; PATTERN];
    for chunk in pattern.chunks_exact_mut(factors.len()) {
        chunk.copy_from_slice(factors);
    }
    pattern
}

/// Multiplies each component by a factor that repeats with the pixel:
/// `dst[i] = src[i] * factors[i % factors.len()]`, vectorised. Pass one
/// factor per component of a pixel, in memory order.
///
/// The product is taken in the component's own units, not normalised:
///
/// * `u8` and `u16`: `v as f32 * k`, clamped to `[0, white]` (NaN to 0) and
///   rounded to nearest with halves up. This is the normalised product
///   `to_f32(v) * k` stored back with [`Component::from_f32`], up to the
///   rounding of the normalised intermediates: one rounding step instead of
///   three, and no division;
/// * `f32`: `v * k`, unclamped;
/// * `half::f16`: the `f32` product rounded to the nearest half, unclamped.
///
/// This is the core of gain, exposure and channel-mixing effects, at about
/// the speed of a copy for every depth.
///
/// ```
/// use ofx_plugin::pixel::convert;
/// let src = [100u8, 200, 50, 255];
/// let mut dst = [0u8; 4];
/// convert::scale_slice(&src, &mut dst, &[1.5, 1.5, 0.5, 1.0]);
/// assert_eq!(dst, [150, 255, 25, 255]);
/// ```
///
/// # Panics
/// If the slices differ in length, or if the number of factors is zero or
/// does not divide 48.
#[track_caller]
pub fn scale_slice<T: Component>(src: &[T], dst: &mut [T], factors: &[f32]) {
    check_lengths(src.len(), dst.len());
    T::scale_slice(src, dst, &pattern(factors));
}

/// [`scale_slice`] on rows of pixels: `factors` holds one factor per
/// component of `P`, in memory order.
///
/// # Panics
/// If the slices differ in length, or if `factors` does not hold one factor
/// per component.
#[track_caller]
pub fn scale_pixels<P: Pixel>(src: &[P], dst: &mut [P], factors: &[f32]) {
    let n = P::COMPONENTS.count();
    assert_eq!(
        factors.len(),
        n,
        "component scaling: {} factors for pixels of {n} components",
        factors.len()
    );
    scale_slice::<P::Component>(
        bytemuck::cast_slice(src),
        bytemuck::cast_slice_mut(dst),
        factors,
    );
}

/// [`scale_slice`] on half floats, through `f32` in chunks that stay in
/// the L1 cache.
#[cfg(feature = "half")]
pub(super) fn scale_f16(src: &[half::f16], dst: &mut [half::f16], pattern: &[f32; PATTERN]) {
    const CHUNK: usize = PATTERN * 64;
    let mut buf = [0.0f32; CHUNK];
    for (s, d) in src.chunks(CHUNK).zip(dst.chunks_mut(CHUNK)) {
        let b = &mut buf[..s.len()];
        f16_to_f32_slice(s, b);
        for (v, k) in b.iter_mut().zip(pattern.iter().cycle()) {
            *v *= k;
        }
        f32_to_f16_slice(b, d);
    }
}

#[inline]
#[track_caller]
fn check_lengths(src: usize, dst: usize) {
    assert_eq!(
        src, dst,
        "component conversion: the source has {src} elements but the destination has {dst}"
    );
}

/// Converts floats to half floats (IEEE round-to-nearest-even, no clamping),
/// using the F16C instructions when the CPU has them.
///
/// # Panics
/// If the slices differ in length.
#[cfg(feature = "half")]
pub fn f32_to_f16_slice(src: &[f32], dst: &mut [half::f16]) {
    check_lengths(src.len(), dst.len());
    dst.convert_from_f32_slice(src);
}

/// Converts half floats to floats (exact), using the F16C instructions when
/// the CPU has them.
///
/// # Panics
/// If the slices differ in length.
#[cfg(feature = "half")]
pub fn f16_to_f32_slice(src: &[half::f16], dst: &mut [f32]) {
    check_lengths(src.len(), dst.len());
    src.convert_to_f32_slice(dst);
}

/// Converts a row of pixels to the same pixels with normalised `f32`
/// components, vectorised.
///
/// # Panics
/// If the slices differ in length.
pub fn pixels_to_f32<P: Pixel>(src: &[P], dst: &mut [P::F32]) {
    check_lengths(src.len(), dst.len());
    <P::Component as Component>::slice_to_f32(
        bytemuck::cast_slice(src),
        bytemuck::cast_slice_mut(dst),
    );
}

/// Converts a row of normalised `f32` pixels to pixels of type `P` (clamped
/// and rounded for integer components), vectorised.
///
/// # Panics
/// If the slices differ in length.
pub fn pixels_from_f32<P: Pixel>(src: &[P::F32], dst: &mut [P]) {
    check_lengths(src.len(), dst.len());
    <P::Component as Component>::slice_from_f32(
        bytemuck::cast_slice(src),
        bytemuck::cast_slice_mut(dst),
    );
}

/// How many pixels [`map_in_f32`] converts at a time: small enough for the
/// floats to stay in the L1 cache, large enough to amortise the calls.
const CHUNK_PIXELS: usize = 256;

/// Runs a computation in normalised `f32` over a row of pixels of any type:
/// the pixels of `src` are converted to `f32` in chunks that stay in the
/// L1 cache, `f` transforms each chunk in place, and the results are
/// converted into `dst` (clamped and rounded for integer components).
///
/// `f` receives the index in `src` of the chunk's first pixel, and the
/// chunk. This is the fast way to write a per-pixel operation once for every
/// depth: all three passes vectorise, and `f32` rows skip the conversions.
///
/// ```
/// use ofx_plugin::pixel::{convert, Rgba};
/// let src = [Rgba::new(10u8, 20, 30, 255); 3];
/// let mut dst = [Rgba::default(); 3];
/// convert::map_in_f32(&src, &mut dst, |_, chunk| {
///     for p in chunk {
///         p.r *= 2.0;
///     }
/// });
/// assert_eq!(dst[2], Rgba::new(20, 20, 30, 255));
/// ```
///
/// # Panics
/// If the slices differ in length.
pub fn map_in_f32<P: Pixel>(src: &[P], dst: &mut [P], mut f: impl FnMut(usize, &mut [P::F32])) {
    check_lengths(src.len(), dst.len());
    if let Some(dst_f) = as_f32_pixels_mut::<P>(dst) {
        // Already f32: work on the destination directly.
        let src_f: &[P::F32] = bytemuck::cast_slice(src);
        dst_f.copy_from_slice(src_f);
        for (i, chunk) in dst_f.chunks_mut(CHUNK_PIXELS).enumerate() {
            f(i * CHUNK_PIXELS, chunk);
        }
        return;
    }
    let mut buf = [<P::F32 as bytemuck::Zeroable>::zeroed(); CHUNK_PIXELS];
    for (i, (s, d)) in src
        .chunks(CHUNK_PIXELS)
        .zip(dst.chunks_mut(CHUNK_PIXELS))
        .enumerate()
    {
        let b = &mut buf[..s.len()];
        pixels_to_f32(s, b);
        f(i * CHUNK_PIXELS, b);
        pixels_from_f32(b, d);
    }
}

/// [`map_in_f32`] on one row, in place.
pub fn map_in_f32_in_place<P: Pixel>(pixels: &mut [P], mut f: impl FnMut(usize, &mut [P::F32])) {
    if let Some(px) = as_f32_pixels_mut::<P>(pixels) {
        for (i, chunk) in px.chunks_mut(CHUNK_PIXELS).enumerate() {
            f(i * CHUNK_PIXELS, chunk);
        }
        return;
    }
    let mut buf = [<P::F32 as bytemuck::Zeroable>::zeroed(); CHUNK_PIXELS];
    for (i, d) in pixels.chunks_mut(CHUNK_PIXELS).enumerate() {
        let b = &mut buf[..d.len()];
        pixels_to_f32(d, b);
        f(i * CHUNK_PIXELS, b);
        pixels_from_f32(b, d);
    }
}

/// The pixels seen as their `f32` form when `P` already has `f32`
/// components (then `P` and `P::F32` are the same type).
fn as_f32_pixels_mut<P: Pixel>(pixels: &mut [P]) -> Option<&mut [P::F32]> {
    if core::any::TypeId::of::<P>() == core::any::TypeId::of::<P::F32>() {
        bytemuck::try_cast_slice_mut(pixels).ok()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pixel::{Rgb, Rgba};

    /// The definition, written the obvious (slow) way.
    fn reference_int(v: f32, white: f32) -> u32 {
        let c = if v.is_nan() { 0.0 } else { v.clamp(0.0, 1.0) };
        (c * white + 0.5) as u32
    }

    /// Many interesting floats: every integer level and its neighbours, the
    /// halfway points and their neighbours, specials, and a dense sweep.
    fn interesting_floats() -> Vec<f32> {
        let mut v = vec![
            f32::NAN,
            -f32::NAN,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::MAX,
            f32::MIN,
            f32::MIN_POSITIVE,
            -f32::MIN_POSITIVE,
            f32::EPSILON,
            0.0,
            -0.0,
            1.0,
            -1.0,
            1.0000001,
            0.99999994,
            2.0,
            1e30,
            -1e30,
            1e-40,
        ];
        for white in [255.0f32, 65535.0] {
            for i in 0..=(white as u32) {
                for t in [i as f32 / white, (i as f32 + 0.5) / white] {
                    v.push(t);
                    v.push(f32::from_bits(t.to_bits().wrapping_add(1)));
                    v.push(f32::from_bits(t.to_bits().wrapping_sub(1)));
                }
            }
        }
        let mut s = 0x1234_5678u32;
        for _ in 0..200_000 {
            s ^= s << 13;
            s ^= s >> 17;
            s ^= s << 5;
            v.push(f32::from_bits(s));
            v.push((s >> 8) as f32 / 16_777_216.0 * 1.4 - 0.2);
        }
        v
    }

    fn both_paths(f: impl Fn()) {
        let _serial = crate::simd::TEST_LIMITS
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        f();
        for cap in [crate::simd::Level::Avx2, crate::simd::Level::Baseline] {
            crate::simd::limit(cap, &f);
        }
    }

    #[test]
    fn scalar_float_to_int_matches_reference() {
        for v in interesting_floats() {
            assert_eq!(u32::from(f32_to_u8(v)), reference_int(v, 255.0), "{v:e}");
            assert_eq!(u32::from(f32_to_u16(v)), reference_int(v, 65535.0), "{v:e}");
        }
    }

    #[test]
    fn slice_float_to_int_matches_scalar_on_both_paths() {
        let src = interesting_floats();
        both_paths(|| {
            // Odd offsets and lengths exercise the vector loop's edges.
            for start in [0, 1, 3] {
                let s = &src[start..];
                let mut d8 = vec![0u8; s.len()];
                let mut d16 = vec![0u16; s.len()];
                f32_to_u8_slice(s, &mut d8);
                f32_to_u16_slice(s, &mut d16);
                for (i, &v) in s.iter().enumerate() {
                    assert_eq!(u32::from(d8[i]), reference_int(v, 255.0), "{v:e}");
                    assert_eq!(u32::from(d16[i]), reference_int(v, 65535.0), "{v:e}");
                }
            }
        });
    }

    #[test]
    fn every_integer_converts_exactly_and_round_trips() {
        both_paths(|| {
            let all8: Vec<u8> = (0..=255).collect();
            let mut f = vec![0.0; 256];
            u8_to_f32_slice(&all8, &mut f);
            for (i, &x) in f.iter().enumerate() {
                assert_eq!(x, i as f32 / 255.0);
                assert_eq!(x, u8_to_f32(i as u8));
            }
            let mut back = vec![0u8; 256];
            f32_to_u8_slice(&f, &mut back);
            assert_eq!(back, all8);

            let all16: Vec<u16> = (0..=65535).collect();
            let mut f = vec![0.0; 65536];
            u16_to_f32_slice(&all16, &mut f);
            for (i, &x) in f.iter().enumerate() {
                assert_eq!(x, i as f32 / 65535.0);
                assert_eq!(x, u16_to_f32(i as u16));
            }
            let mut back = vec![0u16; 65536];
            f32_to_u16_slice(&f, &mut back);
            assert_eq!(back, all16);
        });
    }

    #[test]
    fn pixel_rows_convert_through_components() {
        let src = [Rgba::new(0u8, 128, 255, 51), Rgba::new(1, 2, 3, 4)];
        let mut f = [Rgba::<f32>::default(); 2];
        pixels_to_f32(&src, &mut f);
        assert_eq!(f[0], src[0].to_f32());
        assert_eq!(f[1], src[1].to_f32());
        let mut back = [Rgba::<u8>::default(); 2];
        pixels_from_f32(&f, &mut back);
        assert_eq!(back, src);
        let mut rgb = [Rgb::<u16>::default(); 1];
        pixels_from_f32(&[Rgb::new(2.0, f32::NAN, 0.5)], &mut rgb);
        assert_eq!(rgb[0], Rgb::new(65535, 0, 32768));
    }

    fn check_map<P: Pixel>(src: &[P]) {
        let k = 1.7f32;
        let expect: Vec<P> = src
            .iter()
            .map(|p| P::from_f32(Pixel::to_f32(*p).map(|c| c * k - 0.1)))
            .collect();
        let mut dst = vec![P::default(); src.len()];
        let mut starts = Vec::new();
        map_in_f32(src, &mut dst, |start, chunk| {
            starts.push((start, chunk.len()));
            for p in chunk {
                *p = p.map(|c| c * k - 0.1);
            }
        });
        assert_eq!(dst, expect);
        let mut covered = 0;
        for (start, len) in starts {
            assert_eq!(start, covered);
            covered += len;
        }
        assert_eq!(covered, src.len());
        let mut in_place = src.to_vec();
        map_in_f32_in_place(&mut in_place, |_, chunk| {
            for p in chunk {
                *p = p.map(|c| c * k - 0.1);
            }
        });
        assert_eq!(in_place, expect);
    }

    #[test]
    fn map_in_f32_matches_per_pixel_conversion() {
        let n = 1000;
        let u8s: Vec<Rgba<u8>> = (0..n)
            .map(|i| Rgba::new(i as u8, (i * 3) as u8, 255, (i / 4) as u8))
            .collect();
        check_map(&u8s);
        let u16s: Vec<Rgb<u16>> = (0..n)
            .map(|i| Rgb::new((i * 65) as u16, (i * 7919) as u16, 0))
            .collect();
        check_map(&u16s);
        let f32s: Vec<crate::pixel::Alpha<f32>> = (0..n)
            .map(|i| crate::pixel::Alpha::new(i as f32 / 300.0 - 1.0))
            .collect();
        check_map(&f32s);
        check_map::<Rgba<u8>>(&[]);
        #[cfg(feature = "half")]
        {
            let hs: Vec<Rgba<half::f16>> = (0..n)
                .map(|i| {
                    Rgba::new(
                        half::f16::from_f32(i as f32 / 100.0),
                        half::f16::ONE,
                        half::f16::ZERO,
                        half::f16::MAX,
                    )
                })
                .collect();
            check_map(&hs);
        }
    }

    #[test]
    #[should_panic(expected = "the source has 2 elements but the destination has 3")]
    fn length_mismatch_panics() {
        f32_to_u8_slice(&[0.0; 2], &mut [0; 3]);
    }

    #[cfg(feature = "half")]
    #[test]
    fn half_slices_match_scalar() {
        use half::f16;
        let src = interesting_floats();
        let mut h = vec![f16::ZERO; src.len()];
        f32_to_f16_slice(&src, &mut h);
        for (a, b) in src.iter().zip(&h) {
            assert_eq!(f16::from_f32(*a).to_bits(), b.to_bits());
        }
        let all: Vec<f16> = (0..=u16::MAX).map(f16::from_bits).collect();
        let mut f = vec![0.0; all.len()];
        f16_to_f32_slice(&all, &mut f);
        for (a, b) in all.iter().zip(&f) {
            assert_eq!(a.to_f32().to_bits(), b.to_bits());
        }
    }

    /// Factors that exercise rounding, clamping and specials.
    const FACTORS: [f32; 12] = [
        1.5,
        0.7,
        1.0 / 3.0,
        2.0,
        0.0,
        -1.0,
        1.0000001,
        0.99999994,
        300.0,
        f32::INFINITY,
        f32::NAN,
        1.2,
    ];

    /// The documented definition of integer scaling, written plainly.
    fn reference_scale(v: u32, k: f32, white: f32) -> u32 {
        let y = v as f32 * k;
        let c = if y.is_nan() { 0.0 } else { y.clamp(0.0, white) };
        (c + 0.5).floor() as u32
    }

    /// Scales `src` by `factors` and checks every result against
    /// [`reference_scale`].
    fn check_scaling<T: Component + Into<u32>>(src: &[T], factors: &[f32], white: f32) {
        let mut d = vec![T::ZERO; src.len()];
        scale_slice(src, &mut d, factors);
        for (i, (&v, &o)) in src.iter().zip(&d).enumerate() {
            let k = factors[i % factors.len()];
            assert_eq!(o.into(), reference_scale(v.into(), k, white), "{v:?} * {k}");
        }
    }

    #[test]
    fn integer_scaling_matches_its_definition_on_both_paths() {
        both_paths(|| {
            let all8: Vec<u8> = (0..=255).cycle().take(256 * 12).collect();
            let all16: Vec<u16> = (0..=65535).collect();
            for start in [0, 1, 5] {
                for factors in [
                    &FACTORS[..4],
                    &FACTORS[4..7],
                    &FACTORS[7..8],
                    &FACTORS[8..12],
                ] {
                    check_scaling(&all8[start..], factors, 255.0);
                    check_scaling(&all16[start..], factors, 65535.0);
                }
            }
        });
    }

    #[test]
    fn integer_scaling_agrees_with_the_normalised_product_to_one_level() {
        // The units product rounds once; the normalised one three times.
        // They may differ by one level at a halfway point, never more.
        let all: Vec<u8> = (0..=255).collect();
        for k in [0.3f32, 1.5, 0.999, 1.001, 2.7] {
            let mut d = vec![0u8; 256];
            scale_slice(&all, &mut d, &[k]);
            for (&v, &o) in all.iter().zip(&d) {
                let normalised = f32_to_u8(u8_to_f32(v) * k);
                assert!(
                    o.abs_diff(normalised) <= 1,
                    "{v} * {k}: {o} vs {normalised}"
                );
            }
        }
    }

    #[test]
    fn float_scaling_is_a_plain_product() {
        let src: Vec<f32> = interesting_floats().into_iter().take(5000).collect();
        both_paths(|| {
            for start in [0, 3] {
                let s = &src[start..];
                let mut d = vec![0.0; s.len()];
                scale_slice(s, &mut d, &FACTORS[..3]);
                for (i, (&v, &o)) in s.iter().zip(&d).enumerate() {
                    let want = v * FACTORS[i % 3];
                    assert!(o.to_bits() == want.to_bits() || (o.is_nan() && want.is_nan()));
                }
            }
        });
    }

    #[cfg(feature = "half")]
    #[test]
    fn half_scaling_rounds_the_float_product() {
        use half::f16;
        let src: Vec<f16> = (0..=u16::MAX).map(f16::from_bits).collect();
        let mut d = vec![f16::ZERO; src.len()];
        scale_slice(&src, &mut d, &FACTORS[..4]);
        for (i, (&v, &o)) in src.iter().zip(&d).enumerate() {
            let want = f16::from_f32(v.to_f32() * FACTORS[i % 4]);
            assert!(
                o.to_bits() == want.to_bits() || (o.is_nan() && want.is_nan()),
                "{v}"
            );
        }
    }

    #[test]
    fn pixel_scaling_takes_one_factor_per_component() {
        let src = [Rgb::new(10u16, 20, 30), Rgb::new(40, 50, 60)];
        let mut dst = [Rgb::default(); 2];
        scale_pixels(&src, &mut dst, &[2.0, 0.5, 1.0]);
        assert_eq!(dst, [Rgb::new(20, 10, 30), Rgb::new(80, 25, 60)]);
        let wrong = std::panic::catch_unwind(|| {
            let mut dst = [Rgb::<u16>::default(); 2];
            scale_pixels(&src, &mut dst, &[2.0, 0.5]);
        });
        assert!(wrong.is_err());
        let uneven = std::panic::catch_unwind(|| {
            let mut d = [0u8; 5];
            scale_slice(&[1u8; 5], &mut d, &[1.0; 5]);
        });
        assert!(uneven.is_err());
    }
}
