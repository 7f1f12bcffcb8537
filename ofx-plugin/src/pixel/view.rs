//! Pixel access, row iterators and windows, built on the primitives of
//! [`raw`](super::raw) without any `unsafe`.

use core::iter::FusedIterator;
use core::ops::{Deref, DerefMut, Range};

use rayon::prelude::*;

use super::Pixel;
use super::raw::{ImageView, ImageViewMut};
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

    /// The rows of the part of the view inside `window`, as a rayon parallel
    /// iterator of `(y, row)`.
    pub fn par_rows(
        &self,
        window: RectI,
    ) -> impl IndexedParallelIterator<Item = (i32, &'a [P])> + use<'a, P> {
        let view = self.sub_window(window);
        row_range(view.bounds())
            .into_par_iter()
            .map(move |y| (y, view.row(y).unwrap_or_default()))
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

    /// The rows of the part inside `window`, as a rayon parallel iterator of
    /// `(y, row)`. Rows never alias, so each thread writes its own.
    ///
    /// ```
    /// # use ofx_plugin::{geometry::RectI, pixel::{ImageViewMut, Rgba}};
    /// # use rayon::prelude::*;
    /// let mut buf = vec![Rgba::<f32>::default(); 8 * 4];
    /// let bounds = RectI::new(-4, 10, 4, 14);
    /// let mut view = ImageViewMut::from_slice_mut(&mut buf, bounds, 8)?;
    /// view.par_rows_mut(RectI::new(0, 11, 100, 13)).for_each(|(y, row)| {
    ///     for (x, px) in row {
    ///         px.r = x as f32;
    ///         px.g = y as f32;
    ///     }
    /// });
    /// assert_eq!(view.pixel(3, 12), Some(&Rgba::new(3.0, 12.0, 0.0, 0.0)));
    /// assert_eq!(view.pixel(-1, 12), Some(&Rgba::default()));
    /// # Ok::<(), ofx_plugin::Error>(())
    /// ```
    pub fn par_rows_mut(&mut self, window: RectI) -> ParRowsMut<'_, P> {
        ParRowsMut {
            view: self.sub_window_mut(window),
        }
    }

    /// Turns the view into a parallel iterator over its rows for writing.
    pub fn into_par_rows_mut(self) -> ParRowsMut<'a, P> {
        ParRowsMut { view: self }
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

    /// The tiles of [`ImageViewMut::tiles_mut`] as a rayon parallel iterator.
    /// Tiles never alias, so each thread writes its own.
    pub fn par_tiles_mut(
        &mut self,
        window: RectI,
        tile_width: u32,
        tile_height: u32,
    ) -> rayon::vec::IntoIter<ImageViewMut<'_, P>> {
        self.tiles_mut(window, tile_width, tile_height)
            .collect::<Vec<_>>()
            .into_par_iter()
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

/// The rows of an [`ImageViewMut`] for writing, as a rayon
/// [`IndexedParallelIterator`] of `(y, RowMut)`.
///
/// Made by [`ImageViewMut::par_rows_mut`]. Rayon splits the view into bands
/// of rows (with [`ImageViewMut::split_at_row`]) and hands each band to one
/// thread, so no two threads ever hold the same row.
#[derive(Debug)]
pub struct ParRowsMut<'a, P> {
    view: ImageViewMut<'a, P>,
}

impl<'a, P: Pixel> ParallelIterator for ParRowsMut<'a, P> {
    type Item = (i32, RowMut<'a, P>);

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: rayon::iter::plumbing::UnindexedConsumer<Self::Item>,
    {
        rayon::iter::plumbing::bridge(self, consumer)
    }

    fn opt_len(&self) -> Option<usize> {
        Some(row_count(self.view.bounds()))
    }
}

impl<P: Pixel> IndexedParallelIterator for ParRowsMut<'_, P> {
    fn len(&self) -> usize {
        row_count(self.view.bounds())
    }

    fn drive<C: rayon::iter::plumbing::Consumer<Self::Item>>(self, consumer: C) -> C::Result {
        rayon::iter::plumbing::bridge(self, consumer)
    }

    fn with_producer<CB: rayon::iter::plumbing::ProducerCallback<Self::Item>>(
        self,
        callback: CB,
    ) -> CB::Output {
        callback.callback(RowsProducer { view: self.view })
    }
}

/// Rayon's handle on a band of rows: split in two at a row, or iterated.
struct RowsProducer<'a, P> {
    view: ImageViewMut<'a, P>,
}

impl<'a, P: Pixel> rayon::iter::plumbing::Producer for RowsProducer<'a, P> {
    type Item = (i32, RowMut<'a, P>);
    type IntoIter = RowsMut<'a, P>;

    fn into_iter(self) -> RowsMut<'a, P> {
        self.view.into_rows_mut()
    }

    fn split_at(self, index: usize) -> (Self, Self) {
        let y = (i64::from(self.view.bounds().y1) + index as i64).min(i64::from(i32::MAX)) as i32;
        let (below, above) = self.view.split_at_row(y);
        (RowsProducer { view: below }, RowsProducer { view: above })
    }
}
