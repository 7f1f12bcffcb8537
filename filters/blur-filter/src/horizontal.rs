//! The horizontal pass: each needed source row filtered along x, into the
//! intermediate buffer's column groups.

use ofx_plugin::pixel::{Component, ImageView, Pixel};
use ofx_plugin::simd;

use crate::Boundary;
use crate::lanes::{LANES, Lanes, lanes_per_pixel, pack_block, unpack_lanes};
use crate::line::Sink;
use crate::plan::{Plan, Pool};

/// How many rows ahead the horizontal pass asks for the lines of the
/// intermediate buffer it will write.
const STORE_AHEAD_ROWS: usize = 8;

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

/// Filters the needed rows along x into `temp` (row-major, window columns).
pub(crate) fn horizontal_pass<P: Pixel, S: Component>(
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
            plan.x.filter_into_sink(line, tmp, zb, za, &mut sink);
            continue;
        }
        plan.x.filter_lanes(line, tmp, zb, za);
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
