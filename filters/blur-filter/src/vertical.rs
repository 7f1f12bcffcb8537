//! The vertical pass: the intermediate buffer's column groups filtered
//! along y, a strip of the window at a time, into the destination rows.

use ofx_plugin::pixel::{Component, ImageViewMut, Pixel};
use ofx_plugin::simd;

use crate::STRIP_PIXELS;
use crate::lanes::{LANES, Lanes};
use crate::plan::{Plan, Pool};

/// Filters `temp` along y in strips and writes the window of `out`.
pub(crate) fn vertical_pass<P: Pixel, S: Component>(
    plan: &Plan,
    temp: &[S],
    out: &mut ImageViewMut<'_, P>,
    pool: &Pool<'_>,
) {
    let wb = out.bounds();
    out.par_tiles(STRIP_PIXELS as u32, u32::MAX, |t, mut tile| {
        pool.with(|buf| {
            simd::run(
                #[inline(always)]
                || vertical_strip(plan, temp, t, &mut tile, wb.y1, buf),
            )
        });
    });
}

/// The vertical pass over strip `t` of the window, written to `tile` (whose
/// first row is window row `y1`), with `buf` as its working memory. Inlined
/// into [`simd::run`]'s closure, so that it is compiled for both instruction
/// sets.
#[inline(always)]
fn vertical_strip<P: Pixel, S: Component>(
    plan: &Plan,
    temp: &[S],
    t: usize,
    tile: &mut ImageViewMut<'_, P>,
    y1: i32,
    buf: &mut [f32],
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
            .filter_stored(input, line, tmp, plan.ys.zero_before, plan.ys.zero_after);
    }
    let lanes: &[Lanes] = bytemuck::cast_slice(lanes_f);
    for (i, (_, row)) in tile.rows_mut().enumerate() {
        let at = yofs + i;
        let comps: &mut [P::Component] = bytemuck::cast_slice_mut(row.into_slice());
        // A whole group at once vectorises; element by element did not.
        // The whole groups and the partial last one are separate loops: a
        // store whose length the compiler cannot see is a call to `memcpy`
        // (one per group when the two shared a loop).
        let whole_groups = comps.len() / LANES;
        let (whole, part) = comps.split_at_mut(whole_groups * LANES);
        let column = |g: usize| lanes[g * nv + at].map(P::Component::from_f32);
        for (g, chunk) in whole.chunks_exact_mut(LANES).enumerate() {
            let chunk: &mut [P::Component; LANES] = chunk.try_into().expect("LANES");
            *chunk = column(g);
        }
        if !part.is_empty() {
            part.copy_from_slice(&column(whole_groups)[..part.len()]);
        }
    }
}
