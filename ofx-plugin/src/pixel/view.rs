//! Pixel access, row iterators and windows, built on the primitives of
//! [`raw`](super::raw) without any `unsafe`.

use core::iter::FusedIterator;
use core::ops::{Deref, DerefMut, Range};

use super::Pixel;
use super::raw::{ImageView, ImageViewMut, Pieces};
use crate::geometry::RectI;

/// The ys of the rows of `bounds`: none when the bounds are empty.
fn row_range(bounds: RectI) -> Range<i32> {
    if bounds.is_empty() {
        bounds.y1..bounds.y1
    } else {
        bounds.y1..bounds.y2
    }
}

/// The number of rows of `bounds`: none when the bounds are empty.
fn row_count(bounds: RectI) -> usize {
    row_range(bounds).len()
}

/// The index of `x` in a row starting at `x1`, when `x >= x1`.
#[inline]
fn column(x: i32, x1: i32) -> Option<usize> {
    (x >= x1).then(|| x.abs_diff(x1) as usize)
}

impl<'a, P: Pixel> ImageView<'a, P> {
    /// The pixel at `(x, y)`, or `None` when it is outside the bounds.
    #[inline]
    pub fn pixel(&self, x: i32, y: i32) -> Option<&'a P> {
        self.row(y)?.get(column(x, self.bounds().x1)?)
    }

    /// The rows from bottom to top, each with its y.
    pub fn rows(&self) -> Rows<'a, P> {
        Rows {
            view: *self,
            ys: row_range(self.bounds()),
        }
    }

    /// The rows of the part of the view inside `window`, from bottom to top,
    /// each spanning only the window's columns.
    pub fn rows_in(&self, window: RectI) -> Rows<'a, P> {
        self.sub_window(window).rows()
    }
}

impl<'a, P: Pixel> ImageViewMut<'a, P> {
    /// The pixel at `(x, y)`, or `None` when it is outside the bounds.
    #[inline]
    pub fn pixel(&self, x: i32, y: i32) -> Option<&P> {
        let x1 = self.bounds().x1;
        self.row(y)?.get(column(x, x1)?)
    }

    /// The pixel at `(x, y)` for writing, or `None` when it is outside the
    /// bounds.
    #[inline]
    pub fn pixel_mut(&mut self, x: i32, y: i32) -> Option<&mut P> {
        let x1 = self.bounds().x1;
        self.row_mut(y)?.get_mut(column(x, x1)?)
    }

    /// The rows from bottom to top, read-only.
    pub fn rows(&self) -> Rows<'_, P> {
        self.as_view().rows()
    }

    /// The rows of the part inside `window`, read-only, from bottom to top.
    pub fn rows_in(&self, window: RectI) -> Rows<'_, P> {
        self.as_view().rows_in(window)
    }

    /// The part of the view inside `window`, read-only.
    pub fn sub_window(&self, window: RectI) -> ImageView<'_, P> {
        self.as_view().sub_window(window)
    }

    /// The part of the view inside `window`, writable, borrowing this view.
    pub fn sub_window_mut(&mut self, window: RectI) -> ImageViewMut<'_, P> {
        self.reborrow().into_sub_window(window)
    }

    /// The rows from bottom to top for writing, each knowing its
    /// coordinates.
    pub fn rows_mut(&mut self) -> RowsMut<'_, P> {
        self.reborrow().into_rows_mut()
    }

    /// The rows of the part inside `window` for writing, from bottom to top.
    pub fn rows_mut_in(&mut self, window: RectI) -> RowsMut<'_, P> {
        self.sub_window_mut(window).into_rows_mut()
    }

    /// Turns the view into an iterator over its rows for writing.
    pub fn into_rows_mut(self) -> RowsMut<'a, P> {
        RowsMut { view: self }
    }

    /// Calls `f` with every row of the view, spread over the
    /// [`parallel`](crate::parallel) helpers' workers in bands. Rows never
    /// alias, so each call writes its own. Windows of fewer than
    /// [`MIN_PARALLEL_PIXELS`](crate::parallel::MIN_PARALLEL_PIXELS) pixels
    /// are rendered on the calling thread.
    ///
    /// ```
    /// # use ofx_plugin::{geometry::RectI, pixel::{ImageViewMut, Rgba}};
    /// let mut buf = vec![Rgba::<f32>::default(); 8 * 4];
    /// let bounds = RectI::new(-4, 10, 4, 14);
    /// let mut view = ImageViewMut::from_slice_mut(&mut buf, bounds, 8)?;
    /// view.sub_window_mut(RectI::new(0, 11, 100, 13)).par_rows(|row| {
    ///     let y = row.y();
    ///     for (x, px) in row {
    ///         px.r = x as f32;
    ///         px.g = y as f32;
    ///     }
    /// });
    /// assert_eq!(view.pixel(3, 12), Some(&Rgba::new(3.0, 12.0, 0.0, 0.0)));
    /// assert_eq!(view.pixel(-1, 12), Some(&Rgba::default()));
    /// # Ok::<(), ofx_plugin::Error>(())
    /// ```
    pub fn par_rows(&mut self, f: impl Fn(&mut RowMut<'_, P>) + Sync) {
        let b = self.bounds();
        let workers = parallel_workers(b);
        if workers <= 1 {
            self.rows_mut().for_each(|(_, mut row)| f(&mut row));
            return;
        }
        let band = band_rows(b, workers);
        Pieces::rows(self.reborrow(), band).for_each(workers, &|_, mut band| {
            band.rows_mut().for_each(|(_, mut row)| f(&mut row));
        });
    }

    /// Fills the view from `src`, row by row, spread over workers as
    /// [`par_rows`](ImageViewMut::par_rows) does: for each row, `f` gets the
    /// part of the row that `src` covers and the source pixels at the same
    /// coordinates (a slice of the same length). The pixels `src` does not
    /// cover become transparent black (`P::default()`), as OpenFX defines
    /// an image beyond its data.
    ///
    /// This is the natural shape of a per-pixel effect, and the fast one:
    /// both rows are plain slices, so the compiler vectorises the loop.
    ///
    /// ```
    /// # use ofx_plugin::{geometry::RectI, pixel::{ImageView, ImageViewMut, Rgba}};
    /// // A source covering x in [2, 4) only; the destination is [0, 5).
    /// let src = [Rgba::new(10u8, 20, 30, 255), Rgba::new(40, 50, 60, 255)];
    /// let src = ImageView::from_slice(&src, RectI::new(2, 0, 4, 1), 2)?;
    /// let mut buf = [Rgba::new(9u8, 9, 9, 9); 5];
    /// let mut dst = ImageViewMut::from_slice_mut(&mut buf, RectI::new(0, 0, 5, 1), 5)?;
    /// dst.par_rows_from(&src, |row, s| {
    ///     for (o, i) in row.iter_mut().zip(s) {
    ///         *o = Rgba::new(i.r * 2, i.g, i.b, i.a);
    ///     }
    /// });
    /// assert_eq!(buf[1], Rgba::default());
    /// assert_eq!(buf[2], Rgba::new(20, 20, 30, 255));
    /// assert_eq!(buf[3], Rgba::new(80, 50, 60, 255));
    /// assert_eq!(buf[4], Rgba::default());
    /// # Ok::<(), ofx_plugin::Error>(())
    /// ```
    pub fn par_rows_from<Q: Pixel>(
        &mut self,
        src: &ImageView<'_, Q>,
        f: impl Fn(&mut RowMut<'_, P>, &[Q]) + Sync,
    ) {
        self.par_rows(|row| row_from(row, src, &mut &f));
    }

    /// [`par_rows_from`](ImageViewMut::par_rows_from) on the calling thread
    /// only, bottom row first, with a closure that may mutate its state.
    pub fn rows_from<Q: Pixel>(
        &mut self,
        src: &ImageView<'_, Q>,
        mut f: impl FnMut(&mut RowMut<'_, P>, &[Q]),
    ) {
        for (_, mut row) in self.rows_mut() {
            row_from(&mut row, src, &mut f);
        }
    }

    /// The part inside `window` cut into tiles of at most
    /// `tile_width` x `tile_height` pixels (a size of 0 counts as 1), bottom
    /// to top and then left to right, as writable views.
    pub fn tiles_mut(
        &mut self,
        window: RectI,
        tile_width: u32,
        tile_height: u32,
    ) -> std::vec::IntoIter<ImageViewMut<'_, P>> {
        let mut tiles = Vec::new();
        let tw = i64::from(tile_width.max(1));
        let th = i64::from(tile_height.max(1));
        let mut rest = self.sub_window_mut(window);
        while !rest.bounds().is_empty() {
            let b = rest.bounds();
            let top = (i64::from(b.y1) + th).min(i64::from(b.y2)) as i32;
            let (mut band, above) = rest.split_at_row(top);
            rest = above;
            while !band.bounds().is_empty() {
                let bb = band.bounds();
                let right = (i64::from(bb.x1) + tw).min(i64::from(bb.x2)) as i32;
                let (tile, others) = band.split_at_column(right);
                tiles.push(tile);
                band = others;
            }
        }
        tiles.into_iter()
    }

    /// Calls `f(index, tile)` for every tile of the view, cut as
    /// [`tiles_mut`](ImageViewMut::tiles_mut) cuts it (the index counts in
    /// that order), spread over the [`parallel`](crate::parallel) helpers'
    /// workers. Tiles never alias, so each call writes its own.
    pub fn par_tiles(
        &mut self,
        tile_width: u32,
        tile_height: u32,
        f: impl Fn(usize, ImageViewMut<'_, P>) + Sync,
    ) {
        let pieces = Pieces::tiles(self.reborrow(), tile_width, tile_height);
        let workers = if pieces.count() > 1 {
            crate::parallel::workers()
        } else {
            1
        };
        pieces.for_each(workers, &|i, tile| f(i, tile));
    }

    /// Sets every pixel of the view to `value`.
    pub fn fill(&mut self, value: P) {
        for (_, mut row) in self.rows_mut() {
            row.fill(value);
        }
    }

    /// Copies the pixels of `src` where its bounds overlap this view's,
    /// leaving the others untouched.
    pub fn copy_from(&mut self, src: &ImageView<'_, P>) {
        let src = src.sub_window(self.bounds());
        let mut dst = self.sub_window_mut(src.bounds());
        for ((_, s), (_, mut d)) in src.rows().zip(dst.rows_mut()) {
            d.copy_from_slice(s);
        }
    }
}

/// The rows of an [`ImageView`], bottom to top, as `(y, row)`.
#[derive(Debug, Clone)]
pub struct Rows<'a, P> {
    view: ImageView<'a, P>,
    ys: Range<i32>,
}

impl<'a, P: Pixel> Iterator for Rows<'a, P> {
    type Item = (i32, &'a [P]);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let y = self.ys.next()?;
        Some((y, self.view.row(y).unwrap_or_default()))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.ys.size_hint()
    }
}

impl<P: Pixel> DoubleEndedIterator for Rows<'_, P> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let y = self.ys.next_back()?;
        Some((y, self.view.row(y).unwrap_or_default()))
    }
}

impl<P: Pixel> ExactSizeIterator for Rows<'_, P> {}
impl<P: Pixel> FusedIterator for Rows<'_, P> {}

/// One row of an [`ImageViewMut`], borrowed for writing, that knows its
/// coordinates.
///
/// It dereferences to `[P]` (index 0 is column [`RowMut::x1`]), and iterates
/// as `(x, &mut P)`:
///
/// ```
/// # use ofx_plugin::{geometry::RectI, pixel::{ImageViewMut, Alpha}};
/// let mut buf = [Alpha::<u8>::default(); 3];
/// let mut view = ImageViewMut::from_slice_mut(&mut buf, RectI::new(5, 0, 8, 1), 3)?;
/// for (y, row) in view.rows_mut() {
///     for (x, px) in row {
///         px.a = (x * 10 + y) as u8;
///     }
/// }
/// assert_eq!(buf, [Alpha::new(50), Alpha::new(60), Alpha::new(70)]);
/// # Ok::<(), ofx_plugin::Error>(())
/// ```
#[derive(Debug)]
pub struct RowMut<'a, P> {
    x1: i32,
    y: i32,
    pixels: &'a mut [P],
}

impl<'a, P> RowMut<'a, P> {
    /// The x of the first pixel.
    pub fn x1(&self) -> i32 {
        self.x1
    }

    /// The row's y.
    pub fn y(&self) -> i32 {
        self.y
    }

    /// The x coordinates the row spans.
    pub fn x_range(&self) -> Range<i32> {
        self.x1..(i64::from(self.x1) + self.pixels.len() as i64) as i32
    }

    /// The pixel at column `x`, or `None` outside the row.
    pub fn at(&self, x: i32) -> Option<&P> {
        self.pixels.get(column(x, self.x1)?)
    }

    /// The pixel at column `x` for writing, or `None` outside the row.
    pub fn at_mut(&mut self, x: i32) -> Option<&mut P> {
        self.pixels.get_mut(column(x, self.x1)?)
    }

    /// The pixels with their x, for writing, without consuming the row.
    pub fn iter_with_x(&mut self) -> RowMutIter<'_, P> {
        RowMutIter {
            x: self.x1,
            inner: self.pixels.iter_mut(),
        }
    }

    /// The pixels as a plain slice for the rest of `'a`.
    pub fn into_slice(self) -> &'a mut [P] {
        self.pixels
    }
}

impl<P> Deref for RowMut<'_, P> {
    type Target = [P];
    fn deref(&self) -> &[P] {
        self.pixels
    }
}

impl<P> DerefMut for RowMut<'_, P> {
    fn deref_mut(&mut self) -> &mut [P] {
        self.pixels
    }
}

impl<'a, P> IntoIterator for RowMut<'a, P> {
    type Item = (i32, &'a mut P);
    type IntoIter = RowMutIter<'a, P>;
    fn into_iter(self) -> RowMutIter<'a, P> {
        RowMutIter {
            x: self.x1,
            inner: self.pixels.iter_mut(),
        }
    }
}

impl<'b, P> IntoIterator for &'b mut RowMut<'_, P> {
    type Item = (i32, &'b mut P);
    type IntoIter = RowMutIter<'b, P>;
    fn into_iter(self) -> RowMutIter<'b, P> {
        self.iter_with_x()
    }
}

/// The pixels of a [`RowMut`] with their x, left to right.
#[derive(Debug)]
pub struct RowMutIter<'a, P> {
    x: i32,
    inner: core::slice::IterMut<'a, P>,
}

impl<'a, P> Iterator for RowMutIter<'a, P> {
    type Item = (i32, &'a mut P);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let p = self.inner.next()?;
        let x = self.x;
        self.x = x.wrapping_add(1);
        Some((x, p))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

impl<P> DoubleEndedIterator for RowMutIter<'_, P> {
    #[inline]
    fn next_back(&mut self) -> Option<Self::Item> {
        let p = self.inner.next_back()?;
        let x = (i64::from(self.x) + self.inner.len() as i64) as i32;
        Some((x, p))
    }
}

impl<P> ExactSizeIterator for RowMutIter<'_, P> {}
impl<P> FusedIterator for RowMutIter<'_, P> {}

/// The rows of an [`ImageViewMut`] for writing, bottom to top, as
/// `(y, RowMut)`.
#[derive(Debug)]
pub struct RowsMut<'a, P> {
    pub(super) view: ImageViewMut<'a, P>,
}

impl<'a, P: Pixel> RowsMut<'a, P> {
    fn make_row(&self, (y, pixels): (i32, &'a mut [P])) -> (i32, RowMut<'a, P>) {
        let x1 = self.view.bounds().x1;
        (y, RowMut { x1, y, pixels })
    }
}

impl<'a, P: Pixel> Iterator for RowsMut<'a, P> {
    type Item = (i32, RowMut<'a, P>);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let row = self.view.take_bottom_row()?;
        Some(self.make_row(row))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = row_count(self.view.bounds());
        (n, Some(n))
    }
}

impl<P: Pixel> DoubleEndedIterator for RowsMut<'_, P> {
    #[inline]
    fn next_back(&mut self) -> Option<Self::Item> {
        let row = self.view.take_top_row()?;
        Some(self.make_row(row))
    }
}

impl<P: Pixel> ExactSizeIterator for RowsMut<'_, P> {}
impl<P: Pixel> FusedIterator for RowsMut<'_, P> {}

/// How many workers rendering `bounds` is worth: 1 below
/// [`MIN_PARALLEL_PIXELS`](crate::parallel::MIN_PARALLEL_PIXELS).
fn parallel_workers(bounds: RectI) -> usize {
    let pixels = u64::from(bounds.width()) * u64::from(bounds.height());
    if pixels < crate::parallel::MIN_PARALLEL_PIXELS {
        1
    } else {
        crate::parallel::workers()
    }
}

/// The rows per band when `workers` share the rows of `bounds`.
fn band_rows(bounds: RectI, workers: usize) -> u32 {
    let rows =
        crate::parallel::band_rows(bounds.width() as usize, bounds.height() as usize, workers);
    u32::try_from(rows).unwrap_or(u32::MAX)
}

/// Calls `f` on the part of `row` that `src` covers, with the source
/// pixels there, and sets the rest of the row to `P::default()`.
#[inline]
fn row_from<P: Pixel, Q: Pixel>(
    row: &mut RowMut<'_, P>,
    src: &ImageView<'_, Q>,
    f: &mut impl FnMut(&mut RowMut<'_, P>, &[Q]),
) {
    let (x1, y) = (row.x1, row.y);
    let pixels = &mut *row.pixels;
    let Some(s) = src.row(y) else {
        pixels.fill(P::default());
        return;
    };
    let sx1 = i64::from(src.bounds().x1);
    let dx1 = i64::from(x1);
    let lo = dx1.max(sx1);
    let hi = (dx1 + pixels.len() as i64).min(sx1 + s.len() as i64);
    if lo >= hi {
        pixels.fill(P::default());
        return;
    }
    let (head, rest) = pixels.split_at_mut((lo - dx1) as usize);
    let (mid, tail) = rest.split_at_mut((hi - lo) as usize);
    head.fill(P::default());
    tail.fill(P::default());
    let run = &s[(lo - sx1) as usize..(hi - sx1) as usize];
    f(
        &mut RowMut {
            x1: lo as i32,
            y,
            pixels: mid,
        },
        run,
    );
}
