//! The view types and every `unsafe` operation on image memory.
//!
//! This module is the only part of [`pixel`](super) that turns pointers into
//! references. It checks a layout once, when a view is built, and from then
//! on relies on one invariant, stated on [`Layout`]. Everything else (pixel
//! access, iterators, windows, parallel rows and tiles) is safe code in the
//! sibling modules, written against the few primitives here.

use core::ffi::c_void;
use core::fmt;
use core::marker::PhantomData;

use bytemuck::{Pod, Zeroable};

use super::types::{Alpha, Component, Pixel, Rgb, Rgba};
use super::{BitDepth, PixelComponents, pixel_name};
use crate::error::{Error, Result};
use crate::geometry::RectI;

/// The layout of an image in memory, as a host describes it: what a view
/// is built from by [`ImageView::from_raw`] and [`ImageViewMut::from_raw`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawImageLayout {
    /// The address of pixel `(bounds.x1, bounds.y1)`, the bottom-left pixel
    /// (`kOfxImagePropData`). May be null only when the bounds are empty.
    pub data: *mut c_void,
    /// The pixels the memory holds, in pixel coordinates
    /// (`kOfxImagePropBounds`).
    pub bounds: RectI,
    /// The distance in bytes from the start of row `y` to the start of row
    /// `y + 1` (`kOfxImagePropRowBytes`); negative when rows are stored
    /// top-down.
    pub row_bytes: isize,
    /// The component type the memory holds.
    pub depth: BitDepth,
    /// The components each pixel has.
    pub components: PixelComponents,
}

impl RawImageLayout {
    /// Checks everything that can be checked without reading the memory:
    /// that the depth and components match `P`, that the bounds are not
    /// inverted, that the data pointer is not null (unless the image is
    /// empty) and is aligned for `P`, that `|row_bytes|` covers a row and
    /// keeps every row aligned, and that the image fits in the address space.
    ///
    /// # Errors
    /// An [`ErrorKind::ImageFormat`](crate::ErrorKind::ImageFormat) error
    /// naming the first problem found.
    pub fn check<P: Pixel>(&self) -> Result<()> {
        self.checked::<P>().map(|_| ())
    }

    fn checked<P: Pixel>(&self) -> Result<Layout<P>> {
        if self.depth != P::DEPTH {
            return Err(Error::image_format(format!(
                "image has {} components but the view expects {} ({})",
                self.depth,
                P::DEPTH,
                pixel_name::<P>()
            )));
        }
        if self.components != P::COMPONENTS {
            return Err(Error::image_format(format!(
                "image has {} pixels but the view expects {} ({})",
                self.components,
                P::COMPONENTS,
                pixel_name::<P>()
            )));
        }
        let extent = Extent::check::<P>(self.bounds, self.row_bytes)?;
        if extent.is_empty() {
            // No row is ever read, so any pointer will do; a null one is
            // replaced so that the view never holds null.
            let origin = if self.data.is_null() {
                core::ptr::NonNull::<P>::dangling().as_ptr()
            } else {
                self.data.cast::<P>()
            };
            return Ok(Layout::new(origin, self.bounds, self.row_bytes));
        }
        if self.data.is_null() {
            return Err(Error::image_format(format!(
                "image data pointer is null for non-empty bounds {}",
                fmt_rect(self.bounds)
            )));
        }
        let align = align_of::<P>();
        let addr = self.data.addr();
        if !addr.is_multiple_of(align) {
            return Err(Error::image_format(format!(
                "image data pointer {addr:#x} is not aligned to the {align}-byte alignment of {} components",
                <P::Component as Component>::NAME
            )));
        }
        // The lowest and highest addresses of the rows must not wrap around.
        let below = extent.rows_below_origin(self.row_bytes);
        let fits = addr
            .checked_sub(below)
            .and_then(|low| low.checked_add(extent.span))
            .is_some();
        if !fits {
            return Err(Error::image_format(format!(
                "image memory at {addr:#x} with bounds {} and row bytes {} wraps around the address space",
                fmt_rect(self.bounds),
                self.row_bytes
            )));
        }
        Ok(Layout::new(
            self.data.cast::<P>(),
            self.bounds,
            self.row_bytes,
        ))
    }
}

impl RawImageLayout {
    /// The bytes the pixels of the whole image occupy, from the first byte
    /// of its lowest row in memory to one past the last pixel of its highest;
    /// `None` when it has no pixels or its layout is malformed (a view of it
    /// then fails with the reason).
    pub(crate) fn byte_span(&self) -> Option<core::ops::Range<usize>> {
        self.window_span(self.bounds)
    }

    /// The bytes the pixels inside `window` occupy (see
    /// [`byte_span`](RawImageLayout::byte_span)), computed in 128-bit
    /// arithmetic from the host's numbers.
    pub(crate) fn window_span(&self, window: RectI) -> Option<core::ops::Range<usize>> {
        let b = self.bounds;
        if b.x1 > b.x2 || b.y1 > b.y2 {
            return None;
        }
        let w = b.intersection(&window)?;
        let px = super::pixel_bytes(self.depth, self.components) as i128;
        let rb = self.row_bytes as i128;
        if rb.abs() < i128::from(b.width()) * px {
            return None;
        }
        let at = |x: i32, y: i32| {
            self.data.addr() as i128
                + (i128::from(y) - i128::from(b.y1)) * rb
                + (i128::from(x) - i128::from(b.x1)) * px
        };
        let (first, last) = (at(w.x1, w.y1), at(w.x1, w.y2 - 1));
        let lo = first.min(last);
        let hi = first.max(last) + i128::from(w.width()) * px;
        Some(usize::try_from(lo).ok()?..usize::try_from(hi).ok()?)
    }
}

/// The sizes that follow from bounds and row bytes, once checked.
struct Extent {
    width: usize,
    height: usize,
    /// Bytes from the lowest address of the rows to one past the highest.
    span: usize,
}

impl Extent {
    /// Checks bounds and row bytes for pixel type `P`, independently of any
    /// memory: bounds not inverted, `|row_bytes|` a multiple of `P`'s
    /// alignment and at least a row long, and the whole image no larger than
    /// `isize::MAX` bytes.
    fn check<P: Pixel>(bounds: RectI, row_bytes: isize) -> Result<Extent> {
        if bounds.x1 > bounds.x2 || bounds.y1 > bounds.y2 {
            return Err(Error::image_format(format!(
                "image bounds {} are inverted (x1 > x2 or y1 > y2)",
                fmt_rect(bounds)
            )));
        }
        let width = bounds.width() as usize;
        let height = bounds.height() as usize;
        let too_big = || {
            Error::image_format(format!(
                "image with bounds {} and row bytes {row_bytes} is larger than the address space",
                fmt_rect(bounds)
            ))
        };
        let row_len = width.checked_mul(size_of::<P>()).ok_or_else(too_big)?;
        let align = align_of::<P>();
        if !row_bytes.unsigned_abs().is_multiple_of(align) {
            return Err(Error::image_format(format!(
                "image row bytes {row_bytes} are not a multiple of the {align}-byte alignment of {} components",
                <P::Component as Component>::NAME
            )));
        }
        if row_bytes.unsigned_abs() < row_len {
            return Err(Error::image_format(format!(
                "image row bytes {row_bytes} are smaller than a row of {width} {} pixels ({row_len} bytes)",
                pixel_name::<P>()
            )));
        }
        let span = if width == 0 || height == 0 {
            0
        } else {
            (height - 1)
                .checked_mul(row_bytes.unsigned_abs())
                .and_then(|s| s.checked_add(row_len))
                .filter(|&s| s <= isize::MAX as usize)
                .ok_or_else(too_big)?
        };
        Ok(Extent {
            width,
            height,
            span,
        })
    }

    fn is_empty(&self) -> bool {
        self.width == 0 || self.height == 0
    }

    /// How many bytes below the origin the lowest row starts.
    fn rows_below_origin(&self, row_bytes: isize) -> usize {
        if row_bytes < 0 && self.height > 0 {
            (self.height - 1) * row_bytes.unsigned_abs()
        } else {
            0
        }
    }

    /// Checks that a buffer of `len` bytes holds every row, and returns the
    /// byte offset of the origin (row `y1`) in it.
    fn origin_in_buffer(
        &self,
        len: usize,
        row_bytes: isize,
        bounds: RectI,
        unit: &str,
        unit_size: usize,
    ) -> Result<usize> {
        if self.is_empty() {
            return Ok(0);
        }
        if len < self.span {
            return Err(Error::image_format(format!(
                "a buffer of {} {unit} is too short for bounds {} with row bytes {row_bytes}: it needs {}",
                len / unit_size,
                fmt_rect(bounds),
                self.span.div_ceil(unit_size)
            )));
        }
        Ok(self.rows_below_origin(row_bytes))
    }
}

fn fmt_rect(r: RectI) -> String {
    format!("({}, {})-({}, {})", r.x1, r.y1, r.x2, r.y2)
}

/// Where a view's pixels are: the address of pixel `(bounds.x1, bounds.y1)`,
/// the bounds, and the signed distance between rows.
///
/// # Invariant
///
/// For every row `y` with `bounds.y1 <= y < bounds.y2`, if the bounds are
/// not empty, the `bounds.width()` values of type `P` starting at
/// `row_ptr(y)` are inside one live allocation, aligned, initialised, and
/// (for the view's lifetime `'a`) readable without any other party writing
/// them; for an [`ImageViewMut`] they are moreover accessible to no one but
/// that view. The rows of one layout never overlap each other.
///
/// Views made by splitting or windowing a view cover a subset of its pixels,
/// so the invariant carries over to them as long as the pieces are disjoint,
/// which is what the splitting primitives guarantee. The pointer arithmetic
/// uses wrapping operations and is only ever dereferenced for rows inside
/// the bounds.
struct Layout<P> {
    origin: *mut P,
    bounds: RectI,
    row_bytes: isize,
}

impl<P> Clone for Layout<P> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<P> Copy for Layout<P> {}

impl<P: Pixel> Layout<P> {
    fn new(origin: *mut P, bounds: RectI, row_bytes: isize) -> Self {
        Layout {
            origin,
            bounds,
            row_bytes,
        }
    }

    /// The address of pixel `(x, y)`, which need not be inside the bounds.
    fn pixel_ptr(&self, x: i32, y: i32) -> *mut P {
        let dy = (i64::from(y) - i64::from(self.bounds.y1)) as isize;
        let dx = (i64::from(x) - i64::from(self.bounds.x1)) as isize;
        self.origin
            .wrapping_byte_offset(dy.wrapping_mul(self.row_bytes))
            .wrapping_offset(dx)
    }

    /// The start and length of row `y`, if `y` is inside the bounds and
    /// they are not empty (an image without pixels has no rows). The length
    /// is never 0.
    fn row_parts(&self, y: i32) -> Option<(*mut P, usize)> {
        if y < self.bounds.y1 || y >= self.bounds.y2 || self.bounds.x1 >= self.bounds.x2 {
            return None;
        }
        Some((
            self.pixel_ptr(self.bounds.x1, y),
            self.bounds.width() as usize,
        ))
    }

    /// The part of the layout inside `window`; an empty layout (no rows) when
    /// they do not overlap.
    fn window(&self, window: RectI) -> Self {
        match self.bounds.intersection(&window) {
            Some(c) => Layout::new(self.pixel_ptr(c.x1, c.y1), c, self.row_bytes),
            None => {
                let b = self.bounds;
                Layout::new(
                    self.origin,
                    RectI::new(b.x1, b.y1, b.x1, b.y1),
                    self.row_bytes,
                )
            }
        }
    }

    /// The rows below `y` and the rows from `y` up (`y` is clamped to the
    /// bounds). The two never share a pixel.
    fn split_rows(&self, y: i32) -> (Self, Self) {
        let b = self.bounds;
        let y = y.clamp(b.y1, b.y2);
        (
            Layout::new(self.origin, RectI::new(b.x1, b.y1, b.x2, y), self.row_bytes),
            Layout::new(
                self.pixel_ptr(b.x1, y),
                RectI::new(b.x1, y, b.x2, b.y2),
                self.row_bytes,
            ),
        )
    }

    /// The columns left of `x` and the columns from `x` on (`x` is clamped to
    /// the bounds). The two never share a pixel.
    fn split_columns(&self, x: i32) -> (Self, Self) {
        let b = self.bounds;
        let x = x.clamp(b.x1, b.x2);
        (
            Layout::new(self.origin, RectI::new(b.x1, b.y1, x, b.y2), self.row_bytes),
            Layout::new(
                self.pixel_ptr(x, b.y1),
                RectI::new(x, b.y1, b.x2, b.y2),
                self.row_bytes,
            ),
        )
    }

    /// Checks a buffer of `len` elements of `size` bytes each starting at
    /// `base` and returns the layout of the image in it.
    fn in_buffer(
        base: *mut u8,
        len_bytes: usize,
        bounds: RectI,
        row_bytes: isize,
        unit: &str,
        unit_size: usize,
    ) -> Result<Self> {
        let extent = Extent::check::<P>(bounds, row_bytes)?;
        if !extent.is_empty() && !base.addr().is_multiple_of(align_of::<P>()) {
            return Err(Error::image_format(format!(
                "a byte buffer at {:#x} is not aligned to the {}-byte alignment of {} components",
                base.addr(),
                align_of::<P>(),
                <P::Component as Component>::NAME
            )));
        }
        let offset = extent.origin_in_buffer(len_bytes, row_bytes, bounds, unit, unit_size)?;
        Ok(Layout::new(
            base.wrapping_add(offset).cast::<P>(),
            bounds,
            row_bytes,
        ))
    }
}

/// Converts a row stride in pixels to row bytes.
fn stride_bytes<P>(stride: isize) -> Result<isize> {
    isize::try_from(size_of::<P>())
        .ok()
        .and_then(|s| stride.checked_mul(s))
        .ok_or_else(|| Error::image_format(format!("a row stride of {stride} pixels overflows")))
}

/// A read-only view of an image's pixels of type `P`, borrowed for `'a`.
///
/// It is indexed by pixel-plane coordinates ([`ImageView::pixel`],
/// [`ImageView::row`]) and iterates rows bottom to top whatever the memory
/// order. It is `Copy`, like `&'a [P]`, and can be shared between threads.
pub struct ImageView<'a, P> {
    layout: Layout<P>,
    _borrow: PhantomData<&'a [P]>,
}

/// A writable view of an image's pixels of type `P`, borrowed exclusively
/// for `'a`.
///
/// Besides the read accessors of [`ImageView`] it hands out mutable pixels,
/// rows and sub-windows, splits into disjoint pieces, and iterates its rows
/// or tiles in parallel.
pub struct ImageViewMut<'a, P> {
    layout: Layout<P>,
    _borrow: PhantomData<&'a mut [P]>,
}

impl<P> Clone for ImageView<'_, P> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<P> Copy for ImageView<'_, P> {}

// SAFETY: an `ImageView` gives shared access to pixels it does not own, like
// `&'a [P]`; moving it or sharing it between threads is sound when `P: Sync`,
// exactly as for the slice reference.
unsafe impl<P: Sync> Send for ImageView<'_, P> {}
// SAFETY: as above: `&ImageView` only reads, like `&&'a [P]`.
unsafe impl<P: Sync> Sync for ImageView<'_, P> {}
// SAFETY: an `ImageViewMut` has exclusive access to its pixels, like
// `&'a mut [P]`, which is `Send` when `P: Send`.
unsafe impl<P: Send> Send for ImageViewMut<'_, P> {}
// SAFETY: `&ImageViewMut` only gives shared, read-only access to the pixels,
// like `&&'a mut [P]`, which is `Sync` when `P: Sync`.
unsafe impl<P: Sync> Sync for ImageViewMut<'_, P> {}

impl<P> fmt::Debug for ImageView<'_, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ImageView")
            .field("bounds", &self.layout.bounds)
            .field("row_bytes", &self.layout.row_bytes)
            .finish_non_exhaustive()
    }
}

impl<P> fmt::Debug for ImageViewMut<'_, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ImageViewMut")
            .field("bounds", &self.layout.bounds)
            .field("row_bytes", &self.layout.row_bytes)
            .finish_non_exhaustive()
    }
}

impl<'a, P: Pixel> ImageView<'a, P> {
    fn from_layout(layout: Layout<P>) -> Self {
        ImageView {
            layout,
            _borrow: PhantomData,
        }
    }

    /// Builds a view of host memory after checking the layout against `P`
    /// (see [`RawImageLayout::check`]).
    ///
    /// # Errors
    /// An [`ErrorKind::ImageFormat`](crate::ErrorKind::ImageFormat) error
    /// when the layout does not match `P` or is malformed.
    ///
    /// # Safety
    /// For the whole lifetime `'a`, for every row `y` of `layout.bounds`, the
    /// `bounds.width() * size_of::<P>()` bytes starting at
    /// `data + (y - bounds.y1) * row_bytes` must be readable memory of one
    /// allocation, holding initialised bytes (memory handed over by an OpenFX
    /// host counts as such), that nobody writes while the view or anything
    /// borrowed from it exists.
    pub unsafe fn from_raw(layout: &RawImageLayout) -> Result<Self> {
        // The caller's promise is exactly the invariant of `Layout`, and
        // `checked` has established everything else it needs (alignment, no
        // overlapping rows, no address wrap-around).
        layout.checked::<P>().map(Self::from_layout)
    }

    /// A view of pixels stored in a slice, `stride` pixels apart from one row
    /// to the next.
    ///
    /// With a positive stride, row `bounds.y1` starts at `pixels[0]`. With a
    /// negative stride the rows are stored top-down: row `bounds.y2 - 1`
    /// starts at `pixels[0]` and row `bounds.y1` at
    /// `pixels[(height - 1) * |stride|]`.
    ///
    /// # Errors
    /// An [`ErrorKind::ImageFormat`](crate::ErrorKind::ImageFormat) error
    /// when the bounds are inverted, `|stride|` is less than the width, or
    /// the slice does not hold every row.
    pub fn from_slice(pixels: &'a [P], bounds: RectI, stride: isize) -> Result<Self> {
        let row_bytes = stride_bytes::<P>(stride)?;
        let layout = Layout::in_buffer(
            pixels.as_ptr().cast::<u8>().cast_mut(),
            size_of_val(pixels),
            bounds,
            row_bytes,
            "pixels",
            size_of::<P>(),
        )?;
        // The layout lies inside `pixels`, borrowed shared for `'a`.
        Ok(Self::from_layout(layout))
    }

    /// A view of pixels stored in a byte buffer, `row_bytes` bytes apart
    /// from one row to the next (negative for rows stored top-down, as in
    /// [`ImageView::from_slice`]). The buffer must be aligned for `P`'s
    /// components.
    ///
    /// # Errors
    /// An [`ErrorKind::ImageFormat`](crate::ErrorKind::ImageFormat) error
    /// when the bounds are inverted, the buffer or the row bytes are not
    /// aligned, `|row_bytes|` is less than a row, or the buffer does not hold
    /// every row.
    pub fn from_bytes(bytes: &'a [u8], bounds: RectI, row_bytes: isize) -> Result<Self> {
        let layout = Layout::in_buffer(
            bytes.as_ptr().cast_mut(),
            bytes.len(),
            bounds,
            row_bytes,
            "bytes",
            1,
        )?;
        // The layout lies inside `bytes`, borrowed shared for `'a`; every
        // byte pattern is a valid `P`.
        Ok(Self::from_layout(layout))
    }

    /// The pixels the view covers, in pixel coordinates.
    pub fn bounds(&self) -> RectI {
        self.layout.bounds
    }

    /// The signed distance in bytes from one row to the next one up.
    pub fn row_bytes(&self) -> isize {
        self.layout.row_bytes
    }

    /// Row `y`, spanning `bounds().x1 .. bounds().x2`, or `None` when `y` is
    /// outside the bounds (a view with no pixels has no rows).
    #[inline]
    pub fn row(&self, y: i32) -> Option<&'a [P]> {
        let (ptr, len) = self.layout.row_parts(y)?;
        // SAFETY: `y` is inside the bounds, which are not empty, so by the
        // invariant of `Layout` the `len` pixels at `ptr` are aligned,
        // initialised and readable for `'a` with no writer.
        Some(unsafe { core::slice::from_raw_parts(ptr, len) })
    }

    /// The part of the view inside `window`: a view whose bounds are the
    /// intersection, or an empty view (no rows) when they do not overlap.
    pub fn sub_window(&self, window: RectI) -> ImageView<'a, P> {
        Self::from_layout(self.layout.window(window))
    }
}

impl<'a, P: Pixel> ImageViewMut<'a, P> {
    fn from_layout(layout: Layout<P>) -> Self {
        ImageViewMut {
            layout,
            _borrow: PhantomData,
        }
    }

    /// Builds a writable view of host memory after checking the layout
    /// against `P` (see [`RawImageLayout::check`]).
    ///
    /// # Errors
    /// An [`ErrorKind::ImageFormat`](crate::ErrorKind::ImageFormat) error
    /// when the layout does not match `P` or is malformed.
    ///
    /// # Safety
    /// For the whole lifetime `'a`, for every row `y` of `layout.bounds`, the
    /// `bounds.width() * size_of::<P>()` bytes starting at
    /// `data + (y - bounds.y1) * row_bytes` must be readable and writable
    /// memory of one allocation, holding initialised bytes (memory handed over
    /// by an OpenFX host counts as such), that nobody else reads or writes
    /// while the view or anything borrowed from it exists. When a host may
    /// render several windows of one image at once, build the view over the
    /// render window only (see [`ImageViewMut::into_sub_window`]).
    pub unsafe fn from_raw(layout: &RawImageLayout) -> Result<Self> {
        // As for `ImageView::from_raw`, with the exclusive access the caller
        // promises.
        layout.checked::<P>().map(Self::from_layout)
    }

    /// The part inside `window` of a writable view of host memory, after
    /// checking the whole layout against `P`: the window's offset is taken
    /// from the checked layout, in 64-bit arithmetic, so it can only select
    /// pixels of the image.
    ///
    /// # Errors
    /// As for [`ImageViewMut::from_raw`].
    ///
    /// # Safety
    /// As for [`ImageViewMut::from_raw`], for the pixels inside `window`
    /// only: nothing else may read or write them while the view lives, and
    /// the rest of the image is never touched through it.
    pub(crate) unsafe fn from_raw_window(layout: &RawImageLayout, window: RectI) -> Result<Self> {
        layout
            .checked::<P>()
            .map(|l| Self::from_layout(l.window(window)))
    }

    /// A writable view of pixels stored in a slice, `stride` pixels apart
    /// from one row to the next; see [`ImageView::from_slice`] for the
    /// meaning of a negative stride.
    ///
    /// # Errors
    /// As for [`ImageView::from_slice`].
    pub fn from_slice_mut(pixels: &'a mut [P], bounds: RectI, stride: isize) -> Result<Self> {
        let row_bytes = stride_bytes::<P>(stride)?;
        let len = size_of_val(pixels);
        let layout = Layout::in_buffer(
            pixels.as_mut_ptr().cast::<u8>(),
            len,
            bounds,
            row_bytes,
            "pixels",
            size_of::<P>(),
        )?;
        // The layout lies inside `pixels`, borrowed exclusively for `'a`.
        Ok(Self::from_layout(layout))
    }

    /// A writable view of pixels stored in a byte buffer; see
    /// [`ImageView::from_bytes`].
    ///
    /// # Errors
    /// As for [`ImageView::from_bytes`].
    pub fn from_bytes_mut(bytes: &'a mut [u8], bounds: RectI, row_bytes: isize) -> Result<Self> {
        let len = bytes.len();
        let layout = Layout::in_buffer(bytes.as_mut_ptr(), len, bounds, row_bytes, "bytes", 1)?;
        // The layout lies inside `bytes`, borrowed exclusively for `'a`.
        Ok(Self::from_layout(layout))
    }

    /// The pixels the view covers, in pixel coordinates.
    pub fn bounds(&self) -> RectI {
        self.layout.bounds
    }

    /// The signed distance in bytes from one row to the next one up.
    pub fn row_bytes(&self) -> isize {
        self.layout.row_bytes
    }

    /// Row `y`, spanning `bounds().x1 .. bounds().x2`, or `None` when `y` is
    /// outside the bounds (a view with no pixels has no rows).
    #[inline]
    pub fn row(&self, y: i32) -> Option<&[P]> {
        let (ptr, len) = self.layout.row_parts(y)?;
        // SAFETY: by the invariant of `Layout` the row is valid for reads,
        // and only this view can write it, which `&self` prevents while the
        // returned slice lives.
        Some(unsafe { core::slice::from_raw_parts(ptr, len) })
    }

    /// Row `y` for writing, or `None` when `y` is outside the bounds (a
    /// view with no pixels has no rows).
    #[inline]
    pub fn row_mut(&mut self, y: i32) -> Option<&mut [P]> {
        let (ptr, len) = self.layout.row_parts(y)?;
        // SAFETY: by the invariant of `Layout` the row is valid for reads and
        // writes and accessible only through this view; `&mut self` makes
        // the returned slice the only access while it lives.
        Some(unsafe { core::slice::from_raw_parts_mut(ptr, len) })
    }

    /// Removes the bottom row from the view and returns it with its y, for
    /// the rest of `'a`.
    pub(crate) fn take_bottom_row(&mut self) -> Option<(i32, &'a mut [P])> {
        let y = self.layout.bounds.y1;
        let (row, rest) = self.layout.split_rows(y.checked_add(1)?);
        let (ptr, len) = row.row_parts(y)?;
        self.layout = rest;
        Some((y, Self::detach_row(ptr, len)))
    }

    /// Removes the top row from the view and returns it with its y, for the
    /// rest of `'a`.
    pub(crate) fn take_top_row(&mut self) -> Option<(i32, &'a mut [P])> {
        let y = self.layout.bounds.y2.checked_sub(1)?;
        let (rest, row) = self.layout.split_rows(y);
        let (ptr, len) = row.row_parts(y)?;
        self.layout = rest;
        Some((y, Self::detach_row(ptr, len)))
    }

    /// Turns a row that the caller has just removed from its view into a
    /// slice for `'a`.
    fn detach_row(ptr: *mut P, len: usize) -> &'a mut [P] {
        // SAFETY: the only callers pass a row from `row_parts` of a part of
        // this view (valid and exclusive for `'a` by the invariant of
        // `Layout`) and have already shrunk the view so that it no longer
        // covers the row; no other access to it can happen during `'a`.
        unsafe { core::slice::from_raw_parts_mut(ptr, len) }
    }

    /// A read-only view of the same pixels, borrowing this one.
    pub fn as_view(&self) -> ImageView<'_, P> {
        ImageView::from_layout(self.layout)
    }

    /// Turns this view into a read-only view for the rest of `'a`.
    pub fn into_view(self) -> ImageView<'a, P> {
        ImageView::from_layout(self.layout)
    }

    /// A writable view of the same pixels that borrows this one, for passing
    /// on without giving this view away.
    pub fn reborrow(&mut self) -> ImageViewMut<'_, P> {
        ImageViewMut::from_layout(self.layout)
    }

    /// The part of the view inside `window`: a view whose bounds are the
    /// intersection, or an empty view (no rows) when they do not overlap.
    pub fn into_sub_window(self, window: RectI) -> ImageViewMut<'a, P> {
        ImageViewMut::from_layout(self.layout.window(window))
    }

    /// Splits the view into the rows below `y` and the rows from `y` up
    /// (`y` is clamped to the bounds, so one part may be empty).
    pub fn split_at_row(self, y: i32) -> (ImageViewMut<'a, P>, ImageViewMut<'a, P>) {
        let (below, above) = self.layout.split_rows(y);
        (Self::from_layout(below), Self::from_layout(above))
    }

    /// Splits the view into the columns left of `x` and the columns from `x`
    /// on (`x` is clamped to the bounds, so one part may be empty).
    pub fn split_at_column(self, x: i32) -> (ImageViewMut<'a, P>, ImageViewMut<'a, P>) {
        let (left, right) = self.layout.split_columns(x);
        (Self::from_layout(left), Self::from_layout(right))
    }
}

/// How a view is cut into [`Pieces`].
#[derive(Clone, Copy, Debug)]
enum Cut {
    /// Bands of this many rows, bottom to top.
    Rows(u32),
    /// Tiles of this size, bottom to top and left to right, `across` per
    /// row of tiles.
    Tiles {
        width: u32,
        height: u32,
        across: u32,
    },
}

/// A writable view cut into disjoint pieces (bands of rows, or tiles) that
/// several threads take at once: each piece is handed out once, as a view of
/// its own, to whichever worker claims it first.
pub(crate) struct Pieces<'a, P> {
    layout: Layout<P>,
    cut: Cut,
    claims: crate::parallel::Claims,
    _borrow: PhantomData<&'a mut [P]>,
}

// SAFETY: `Pieces` holds the exclusive borrow of its view's pixels for 'a
// and hands each piece out once (see `for_each`), so sharing it between
// threads gives each thread `ImageViewMut`s of distinct pixels, which is
// sound when the pixels may be sent (`P: Send`), as for `&mut [P]`.
unsafe impl<P: Send> Sync for Pieces<'_, P> {}

impl<'a, P: Pixel> Pieces<'a, P> {
    /// `view` cut into bands of `rows` rows (at least 1).
    pub(crate) fn rows(view: ImageViewMut<'a, P>, rows: u32) -> Self {
        let rows = rows.max(1);
        let b = view.layout.bounds;
        let n = if b.is_empty() {
            0
        } else {
            b.height().div_ceil(rows) as usize
        };
        Pieces::new(view, Cut::Rows(rows), n)
    }

    /// `view` cut into tiles of at most `width` x `height` pixels (a size
    /// of 0 counts as 1).
    pub(crate) fn tiles(view: ImageViewMut<'a, P>, width: u32, height: u32) -> Self {
        let (width, height) = (width.max(1), height.max(1));
        let b = view.layout.bounds;
        let (across, up) = if b.is_empty() {
            (0, 0)
        } else {
            (b.width().div_ceil(width), b.height().div_ceil(height))
        };
        let cut = Cut::Tiles {
            width,
            height,
            across,
        };
        Pieces::new(view, cut, across as usize * up as usize)
    }

    fn new(view: ImageViewMut<'a, P>, cut: Cut, count: usize) -> Self {
        Pieces {
            layout: view.layout,
            cut,
            claims: crate::parallel::Claims::new(count),
            _borrow: PhantomData,
        }
    }

    /// The number of pieces.
    pub(crate) fn count(&self) -> usize {
        self.claims.count()
    }

    /// The bounds of piece `i` (which is less than `count`).
    fn bounds_of(&self, i: usize) -> RectI {
        let b = self.layout.bounds;
        let clamp = |v: i64, hi: i32| v.min(i64::from(hi)) as i32;
        match self.cut {
            Cut::Rows(rows) => {
                let y1 = i64::from(b.y1) + i as i64 * i64::from(rows);
                RectI::new(b.x1, y1 as i32, b.x2, clamp(y1 + i64::from(rows), b.y2))
            }
            Cut::Tiles {
                width,
                height,
                across,
            } => {
                let (ty, tx) = (i / across as usize, i % across as usize);
                let x1 = i64::from(b.x1) + tx as i64 * i64::from(width);
                let y1 = i64::from(b.y1) + ty as i64 * i64::from(height);
                RectI::new(
                    x1 as i32,
                    y1 as i32,
                    clamp(x1 + i64::from(width), b.x2),
                    clamp(y1 + i64::from(height), b.y2),
                )
            }
        }
    }

    /// Calls `f(i, piece)` for every piece, on up to `workers` workers; each
    /// piece goes to one call.
    pub(crate) fn for_each(&self, workers: usize, f: &(dyn Fn(usize, ImageViewMut<'a, P>) + Sync)) {
        self.claims.drain(workers, &|i| {
            // `drain` passes each number below `count` once, so this is the
            // only view of piece `i`; the pieces of distinct numbers are
            // disjoint rectangles inside the bounds.
            let piece = ImageViewMut::from_layout(self.layout.window(self.bounds_of(i)));
            f(i, piece);
        });
    }
}

/// Implements `Zeroable` and `Pod` for a pixel struct made only of fields of
/// its type parameter.
macro_rules! pod_pixel {
    ($($name:ident),+) => {$(
        // SAFETY: `$name<T>` is `#[repr(C)]` and all its fields have the type
        // `T`, so it has no padding (its size is a multiple of `T`'s, which is
        // a multiple of `T`'s alignment) and the all-zero pattern is valid when
        // it is valid for `T`.
        unsafe impl<T: Zeroable> Zeroable for $name<T> {}
        // SAFETY: as above, no padding; every bit pattern is valid when it is
        // valid for the `Pod` field type, and `Copy + 'static` follow from
        // `T: Pod`.
        unsafe impl<T: Pod> Pod for $name<T> {}
    )+};
}

pod_pixel!(Rgba, Rgb, Alpha);
