//! `u8` scaling by table look-up, for CPUs with AVX-512 VBMI.
//!
//! A `u8` component has 256 possible values, so scaling it by a factor is a
//! table of 256 bytes, built with the scalar rule and therefore exact by
//! construction. VBMI's two-source byte permute (`vpermi2b`) looks up 64
//! bytes at once in 128 entries held in two registers; two of them and a
//! blend on each byte's top bit cover the 256 entries. That is three
//! instructions per 64 components where converting to `f32` and back takes
//! about thirty, so a `u8` gain runs at about the speed of a copy.
//!
//! The factors repeat every [`PATTERN`] components. Each distinct factor
//! gets a table (a factor whose table is the identity, such as 1, gets
//! none: its components are copied), and a mask per table says which bytes
//! of a 64-byte vector use it. As 64 is not a multiple of 48, the masks
//! depend on where a vector starts in the pattern: three phases, repeating
//! every 192 bytes.
//!
//! This is the only place in the crate that uses vector intrinsics. They
//! are safe to call inside the `#[target_feature]` function below; the one
//! `unsafe` is the call into that function, made only after the CPU's
//! support has been checked.

use std::arch::x86_64::{
    __m512i, _mm512_mask_blend_epi8, _mm512_movepi8_mask, _mm512_permutex2var_epi8,
};
use std::cell::RefCell;

use super::convert::{PATTERN, scale_units_u8};
use crate::simd::{self, Level};

/// Bytes per vector.
const VECTOR: usize = 64;
/// The bytes after which the pattern and the vectors line up again.
const PERIOD: usize = 3 * VECTOR;
/// At most this many distinct non-identity factors take the table path;
/// more would cost more look-ups per vector than the arithmetic path.
const MAX_TABLES: usize = 4;

/// The tables and masks for one factor pattern.
struct Tables {
    /// The pattern the tables were built for, as bits (NaN-safe equality).
    key: [u32; PATTERN],
    /// One 256-byte table per distinct non-identity factor, as four
    /// vectors.
    tables: Vec<[__m512i; 4]>,
    /// `masks[phase][t]`: the bytes of a vector starting at `phase * 64`
    /// bytes into the period that use table `t`.
    masks: [[u64; MAX_TABLES]; 3],
}

impl Tables {
    /// The tables for `pattern`, or `None` if it has more than
    /// [`MAX_TABLES`] distinct non-identity factors.
    fn new(pattern: &[f32; PATTERN]) -> Option<Tables> {
        let ramp: [u8; 256] = core::array::from_fn(|v| v as u8);
        let mut bytes: Vec<[u8; 256]> = Vec::new();
        // Which table each position of the pattern uses (None: identity).
        let mut uses = [None; PATTERN];
        for (slot, &k) in uses.iter_mut().zip(pattern) {
            let table: [u8; 256] = ramp.map(|v| scale_units_u8(v, k));
            if table == ramp {
                continue;
            }
            let t = match bytes.iter().position(|b| *b == table) {
                Some(t) => t,
                None if bytes.len() < MAX_TABLES => {
                    bytes.push(table);
                    bytes.len() - 1
                }
                None => return None,
            };
            *slot = Some(t);
        }
        let mut masks = [[0u64; MAX_TABLES]; 3];
        for (phase, masks) in masks.iter_mut().enumerate() {
            for bit in 0..VECTOR {
                if let Some(t) = uses[(phase * VECTOR + bit) % PATTERN] {
                    masks[t] |= 1 << bit;
                }
            }
        }
        let tables = bytes
            .iter()
            .map(|b| core::array::from_fn(|q| bytemuck::pod_read_unaligned(&b[q * 64..][..64])))
            .collect();
        Some(Tables {
            key: pattern.map(f32::to_bits),
            tables,
            masks,
        })
    }
}

thread_local! {
    /// The tables of the last pattern this thread scaled by: a render calls
    /// the scaling once per row with the same factors.
    static LAST: RefCell<Option<Tables>> = const { RefCell::new(None) };
}

/// Whether [`scale`] can take the table path on this CPU now (it respects
/// [`simd::limit`]).
fn available() -> bool {
    simd::level() == Level::Avx512 && std::arch::is_x86_feature_detected!("avx512vbmi")
}

/// Scales the start of `src` into `dst` (of the same length) by table
/// look-up, exactly as the arithmetic kernel would, if the CPU has VBMI and
/// the pattern has few enough distinct factors; returns how many components
/// it did (0 if it declined). It does whole periods of 192 bytes, so the
/// rest starts at the beginning of the pattern.
pub(super) fn scale(src: &[u8], dst: &mut [u8], pattern: &[f32; PATTERN]) -> usize {
    if src.len() < PERIOD || !available() {
        return 0;
    }
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        let key = pattern.map(f32::to_bits);
        if last.as_ref().is_none_or(|t| t.key != key) {
            *last = Tables::new(pattern);
        }
        let Some(tables) = last.as_ref() else {
            return 0;
        };
        let whole = src.len() / PERIOD * PERIOD;
        // SAFETY: `available` has checked that the CPU supports AVX-512 F
        // and BW (through `simd::level`) and VBMI, the features
        // `look_up` is compiled with; it is otherwise safe code.
        unsafe { look_up(tables, &src[..whole], &mut dst[..whole]) };
        whole
    })
}

/// The table path over whole periods.
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi")]
fn look_up(tables: &Tables, src: &[u8], dst: &mut [u8]) {
    match tables.tables.len() {
        0 => dst.copy_from_slice(src),
        1 => look_up_n::<1>(tables, src, dst),
        2 => look_up_n::<2>(tables, src, dst),
        3 => look_up_n::<3>(tables, src, dst),
        _ => look_up_n::<MAX_TABLES>(tables, src, dst),
    }
}

/// [`look_up`] with the first `N` tables, copied into locals: with a
/// number known when compiling they stay in registers across the loop
/// (read through the `Vec`, they were loaded again for every vector, and
/// the loop ran 1.5 times slower).
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi")]
fn look_up_n<const N: usize>(tables: &Tables, src: &[u8], dst: &mut [u8]) {
    let t: [[__m512i; 4]; N] = tables.tables[..N]
        .try_into()
        .expect("look_up matched the number of tables");
    let masks: [[u64; N]; 3] = tables.masks.map(|m| core::array::from_fn(|i| m[i]));
    for (s, d) in src.chunks_exact(PERIOD).zip(dst.chunks_exact_mut(PERIOD)) {
        for (phase, (s, d)) in s
            .chunks_exact(VECTOR)
            .zip(d.chunks_exact_mut(VECTOR))
            .enumerate()
        {
            let idx: __m512i = bytemuck::pod_read_unaligned(s);
            let top = _mm512_movepi8_mask(idx);
            let mut out = idx;
            for (t, &mask) in t.iter().zip(&masks[phase]) {
                let lo = _mm512_permutex2var_epi8(t[0], idx, t[1]);
                let hi = _mm512_permutex2var_epi8(t[2], idx, t[3]);
                let looked_up = _mm512_mask_blend_epi8(top, lo, hi);
                out = _mm512_mask_blend_epi8(mask, out, looked_up);
            }
            d.copy_from_slice(bytemuck::bytes_of(&out));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Factor patterns, each with the number of tables it needs: identity,
    /// repeated, mixed with identity, up to four distinct factors, the
    /// clamping ones (negative, NaN, huge), factors near 1 (two of which
    /// move some levels), and factors of one level.
    const CASES: &[(&[f32], usize)] = &[
        (&[1.0], 0),
        (&[1.5], 1),
        (&[1.5, 1.5, 1.5, 1.0], 1),
        (&[0.5, 2.0, 1.0], 2),
        (&[1.5, 1.2, 0.8, 1.0], 3),
        (&[0.25, 0.75, 1.25, 3.0], 4),
        (&[-1.0, f32::NAN, 1.0, 1e9], 2),
        (&[0.999, 1.001, 1.002, 0.998], 2),
        (&[1.0 / 255.0, 254.5 / 255.0], 1),
    ];

    /// The arithmetic kernel, for comparison.
    fn reference(src: &[u8], pattern: &[f32; PATTERN]) -> Vec<u8> {
        src.iter()
            .enumerate()
            .map(|(i, &v)| scale_units_u8(v, pattern[i % PATTERN]))
            .collect()
    }

    fn pattern(factors: &[f32]) -> [f32; PATTERN] {
        core::array::from_fn(|i| factors[i % factors.len()])
    }

    #[test]
    fn tables_give_the_arithmetic_results() {
        let _serial = simd::TEST_LIMITS.lock().unwrap_or_else(|e| e.into_inner());
        // Without VBMI the table path must decline every call and write
        // nothing; the tables themselves are checked on every CPU by
        // `tables_and_masks_give_the_arithmetic_results`.
        let table_path = available();
        if !table_path {
            eprintln!("no AVX-512 VBMI here: checking that the table path declines");
        }
        let src: Vec<u8> = (0..5000u32).map(|i| (i * 7919 % 256) as u8).collect();
        for &(factors, _) in CASES {
            let p = pattern(factors);
            for len in [192, 193, 383, 384, 1000, 5000] {
                let mut dst = vec![0u8; len];
                let done = scale(&src[..len], &mut dst, &p);
                let expected = if table_path { len / 192 * 192 } else { 0 };
                assert_eq!(done, expected, "{factors:?} len {len}");
                assert_eq!(
                    dst[..done],
                    reference(&src[..len], &p)[..done],
                    "{factors:?} len {len}"
                );
                assert!(dst[done..].iter().all(|&b| b == 0), "only whole periods");
                // With the caller's arithmetic rest.
                let mut whole = vec![0u8; len];
                crate::pixel::convert::scale_slice(&src[..len], &mut whole, factors);
                assert_eq!(whole, reference(&src[..len], &p), "{factors:?} len {len}");
            }
        }
    }

    /// Applies `tables` to one period of `src` the way [`look_up_n`] does,
    /// byte by byte in plain code, so that the tables and masks are checked
    /// on CPUs without VBMI too.
    fn emulate(tables: &Tables, src: &[u8]) -> Vec<u8> {
        let bytes: Vec<[u8; 256]> = tables
            .tables
            .iter()
            .map(|t| bytemuck::cast::<[__m512i; 4], [u8; 256]>(*t))
            .collect();
        src.iter()
            .enumerate()
            .map(|(i, &v)| {
                let (phase, bit) = (i % PERIOD / VECTOR, i % VECTOR);
                let mut out = v;
                for (table, mask) in bytes.iter().zip(&tables.masks[phase]) {
                    if mask >> bit & 1 == 1 {
                        out = table[usize::from(v)];
                    }
                }
                out
            })
            .collect()
    }

    #[test]
    fn tables_and_masks_give_the_arithmetic_results() {
        let src: Vec<u8> = (0..2 * PERIOD as u32)
            .map(|i| (i * 7919 % 256) as u8)
            .collect();
        for &(factors, count) in CASES {
            let p = pattern(factors);
            let tables = Tables::new(&p).expect("at most four distinct factors");
            assert_eq!(tables.tables.len(), count, "{factors:?}");
            assert_eq!(tables.key, p.map(f32::to_bits));
            // Each byte of a vector uses at most one table.
            for masks in &tables.masks {
                for (a, ma) in masks.iter().enumerate() {
                    assert!(masks[a + 1..].iter().all(|mb| ma & mb == 0), "{factors:?}");
                }
            }
            assert_eq!(emulate(&tables, &src), reference(&src, &p), "{factors:?}");
        }
        // Five distinct factors are one too many.
        assert!(Tables::new(&pattern(&[0.5, 0.6, 0.7, 0.8, 0.9, 1.0])).is_none());
    }

    #[test]
    fn patterns_the_tables_do_not_cover_are_declined() {
        let _serial = simd::TEST_LIMITS.lock().unwrap_or_else(|e| e.into_inner());
        let src = [7u8; 400];
        let mut dst = [0u8; 400];
        // Six distinct non-identity factors.
        let five = pattern(&[0.5, 0.6, 0.7, 0.8, 0.9, 1.1, 1.1, 1.1]);
        assert_eq!(scale(&src, &mut dst, &five), 0);
        // Too short for one period.
        assert_eq!(scale(&src[..191], &mut dst[..191], &pattern(&[2.0])), 0);
        // Under a limit below AVX-512.
        simd::limit(Level::Avx2, || {
            assert_eq!(scale(&src, &mut dst, &pattern(&[2.0])), 0);
        });
        assert_eq!(dst, [0u8; 400], "nothing was written");
    }
}
