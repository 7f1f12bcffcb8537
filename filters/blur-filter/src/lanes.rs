//! Pixels to lanes and back: components converted to normalised `f32` and
//! interleaved, a block of rows at a time, into [`LANES`] lanes per step.

use ofx_plugin::pixel::{Component, Pixel};

use crate::Boundary;
use crate::plan::Plan;

/// The number of lanes each recursion step processes at once.
pub const LANES: usize = 16;

/// Sixteen `f32` lanes, the unit the 1D filters work on.
pub type Lanes = [f32; LANES];

/// Half of a line's lanes.
pub(crate) const HALF_LANES: usize = LANES / 2;

/// Sixteen values of the intermediate buffer as lanes.
#[inline(always)]
pub(crate) fn load_lanes<S: Component>(x: &[S; LANES]) -> Lanes {
    x.map(normalised)
}

/// `v`, or 0 when it is NaN or infinite: a recursive filter would spread a
/// non-finite value along the whole line.
#[inline(always)]
pub(crate) fn finite_or_zero(v: f32) -> f32 {
    if v.is_finite() { v } else { 0.0 }
}

/// A source component as the filters read it: normalised (white is 1.0),
/// by a multiplication rather than [`Component::to_f32`]'s division (for
/// integer types the two differ by at most one rounding), non-finite values
/// as 0.
#[inline(always)]
pub(crate) fn widen<T: Component>(c: T) -> f32 {
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
pub(crate) fn normalised<T: Component>(c: T) -> f32 {
    c.to_units() * (1.0 / T::WHITE.to_units())
}

/// Lanes per pixel in the horizontal pass: RGB is padded to four.
pub(crate) const fn lanes_per_pixel(components: usize) -> usize {
    if components == 1 { 1 } else { 4 }
}

/// Writes the source rows of a block, extended over the horizontal span by
/// the boundary, into `line`: row `i` goes to lanes `[i * CP, i * CP + c)`,
/// and every other lane is zero. `CP` is `lanes_per_pixel(P::COUNT)`.
#[inline(always)]
pub(crate) fn pack_block<P: Pixel, const CP: usize>(
    plan: &Plan,
    rows: &[Option<&[P]>],
    line: &mut [Lanes],
) {
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
pub(crate) fn pack_four_rows<T: Component, const C: usize>(rows: [&[T]; 4], lanes: &mut [Lanes]) {
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
pub(crate) fn pack_lanes<T: Component, const CP: usize, const C: usize>(
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

/// Copies row `i` of a filtered block (lanes `[i * CP, i * CP + C)`) into
/// `out`, `C` floats per pixel.
#[inline(always)]
pub(crate) fn unpack_lanes<const CP: usize, const C: usize>(
    line: &[Lanes],
    i: usize,
    out: &mut [f32],
) {
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
