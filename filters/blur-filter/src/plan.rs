//! What a render needs to know before it starts: the filters, the span of
//! each axis, the sizes of the intermediate buffer and of each worker's
//! scratch, and the pool that hands out that scratch.

use std::sync::Mutex;

use ofx_plugin::geometry::RectI;
use ofx_plugin::pixel::BitDepth;

use crate::axis::AxisFilter;
use crate::lanes::{LANES, lanes_per_pixel};
use crate::{BlurSpec, Boundary, STRIP_PIXELS};

/// The span of one axis that a render processes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Span {
    /// The first and one-past-last coordinates processed.
    pub(crate) lo: i32,
    pub(crate) hi: i32,
    /// Whether the line continues with zeros before `lo` / after `hi`.
    pub(crate) zero_before: bool,
    pub(crate) zero_after: bool,
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

    /// The number of coordinates processed.
    pub(crate) fn len(&self) -> usize {
        (i64::from(self.hi) - i64::from(self.lo)).max(0) as usize
    }
}

/// Everything a render needs to know before it starts: filters, spans,
/// buffer sizes. Made once per render by [`Plan::new`].
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub(crate) x: AxisFilter,
    pub(crate) y: AxisFilter,
    pub(crate) boundary: Boundary,
    pub(crate) window: RectI,
    pub(crate) source: RectI,
    pub(crate) xs: Span,
    pub(crate) ys: Span,
    pub(crate) components: usize,
    /// The sources' bit depth.
    pub(crate) depth: BitDepth,
    /// Floats per row of one strip of the intermediate buffer
    /// (`STRIP_PIXELS * components`, a multiple of LANES).
    pub(crate) strip_floats: usize,
    /// The number of strips across the window.
    pub(crate) strips: usize,
    /// Rows of the vertical span per band of the intermediate buffer (a
    /// multiple of `block_rows`), and the number of bands.
    pub(crate) band_rows: usize,
    pub(crate) bands: usize,
    /// Rows per horizontal block.
    pub(crate) block_rows: usize,
    pub(crate) workers: usize,
    pub(crate) per_worker: usize,
    /// Whether nothing of the source reaches the window (black output).
    pub(crate) empty: bool,
}

impl Plan {
    /// Plans the blur of the pixels in `window` from a source whose pixels
    /// cover `source`, for pixels of `components` components (1, 3 or 4)
    /// and bit `depth`, with one scratch slice per worker of
    /// [`ofx_plugin::parallel::workers`].
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
        }
    }

    /// The scratch memory [`blur`](crate::blur) needs, in `f32`s.
    pub fn scratch_len(&self) -> usize {
        if self.empty {
            0
        } else {
            self.temp_len() + self.workers * self.per_worker
        }
    }

    /// Whether the intermediate buffer holds `u16` components (for 8-bit
    /// sources) rather than `f32`.
    pub(crate) fn narrow_temp(&self) -> bool {
        self.depth == BitDepth::U8
    }

    /// Floats of scratch memory the intermediate buffer takes. It holds the
    /// horizontally filtered rows column group by column group (LANES
    /// columns each), each group's rows one after the other: the horizontal
    /// pass writes a band's piece of every group from one task, and the
    /// vertical pass reads each group in one run.
    pub(crate) fn temp_len(&self) -> usize {
        let values = self.temp_values();
        if self.narrow_temp() {
            values.div_ceil(2)
        } else {
            values
        }
    }

    /// Values (`f32` or `u16`) the intermediate buffer holds.
    pub(crate) fn temp_values(&self) -> usize {
        self.strips * self.strip_floats * self.ys.len()
    }

    /// Values per column group of the intermediate buffer.
    pub(crate) fn column_len(&self) -> usize {
        self.ys.len() * LANES
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
pub(crate) struct Pool<'a> {
    free: Mutex<Vec<&'a mut [f32]>>,
    len: usize,
}

impl<'a> Pool<'a> {
    pub(crate) fn new(scratch: &'a mut [f32], workers: usize, len: usize) -> Pool<'a> {
        let free = scratch.chunks_exact_mut(len.max(1)).take(workers).collect();
        Pool {
            free: Mutex::new(free),
            len,
        }
    }

    /// Runs `f` with a free slice (or a fresh allocation if every slice is
    /// in use, which the plan's worker count makes rare).
    pub(crate) fn with<R>(&self, f: impl FnOnce(&mut [f32]) -> R) -> R {
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
