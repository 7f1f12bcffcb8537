//! Typed pixels and safe views of image memory.
//!
//! A plugin reads and writes images through [`ImageView`] (shared) and
//! [`ImageViewMut`] (exclusive), typed by a [`Pixel`]: [`Rgba`], [`Rgb`] or
//! [`Alpha`] over one [`Component`] type (`u8`, `u16`, `f32`, and `half::f16`
//! with the `half` feature). A render is written once, generic over `P:
//! Pixel`, and [`dispatch`] or [`for_each_pixel_type!`](crate::for_each_pixel_type)
//! pick the static type from the image's runtime [`BitDepth`] and
//! [`PixelComponents`].
//!
//! # Bounds, coordinates and row bytes
//!
//! An OpenFX image covers the integer rectangle `bounds` of the pixel
//! plane, half-open: pixels `x1 <= x < x2`, `y1 <= y < y2`. The bounds need
//! not start at the origin and may be negative. The y axis points **up**: row
//! `y1` is the bottom row of the picture. The host's data pointer addresses
//! pixel `(x1, y1)`, and row `y` starts `(y - y1) * row_bytes` bytes after it.
//!
//! ```text
//!            pixel plane                        memory, row_bytes > 0
//!   y2 ┌───────────────────────┐           data ─►┌─────────────┬─────┐ row y1
//!      │ row y2-1              │                  ├─────────────┼─────┤ row y1+1
//!      │   ...                 │                  │     ...     │ pad │
//!      │ row y1+1              │                  ├─────────────┼─────┤
//!   y1 │ row y1                │                  └─────────────┴─────┘ row y2-1
//!      └───────────────────────┘
//!     x1 ▲ data points here     x2              memory, row_bytes < 0
//!                                                 ┌─────────────┬─────┐ row y2-1
//!                                                 │     ...     │ pad │
//!                                                 ├─────────────┼─────┤ row y1+1
//!                                          data ─►└─────────────┴─────┘ row y1
//! ```
//!
//! `row_bytes` is signed. When it is negative the rows are stored top-down
//! and the data pointer addresses the *last* row in memory. Its magnitude may
//! exceed `width * size_of::<P>()`; the rest of each row is padding that the
//! views never touch.
//!
//! The views hide all of this: they are indexed by plane coordinates only
//! ([`ImageView::pixel`], [`ImageView::row`]), anything outside the bounds is
//! `None`, and every row iterator runs with y ascending, whatever the memory
//! order.
//!
//! # Checked construction
//!
//! A view is only built after the layout has been checked against `P`: the
//! data pointer is not null (unless the image is empty) and is aligned for the
//! component type, `|row_bytes|` covers a row and keeps every row aligned, the
//! bounds are not inverted, and the depth and components match `P`. A layout
//! that fails gets an [`ErrorKind::ImageFormat`](crate::ErrorKind::ImageFormat)
//! error naming the problem. Views over Rust slices ([`ImageView::from_slice`],
//! [`ImageViewMut::from_slice_mut`] and the byte variants) need no `unsafe`.
//!
//! # Parallel rendering
//!
//! Distinct rows and distinct tiles of an [`ImageViewMut`] never alias, so
//! [`ImageViewMut::par_rows`], [`ImageViewMut::par_rows_from`] and
//! [`ImageViewMut::par_tiles`] hand them to several workers safely (see
//! [`parallel`](crate::parallel)). Each [`RowMut`] knows its coordinates, so
//! `for (x, px) in row` visits the pixels with their x.
//!
//! The natural shape of a per-pixel effect is also the fast one:
//! [`par_rows_from`](ImageViewMut::par_rows_from) walks the rows of the
//! output window together with the same rows of the source, as two slices
//! of equal length, so the inner loop is a plain slice loop the compiler
//! vectorises. Integer components can be processed in their own units
//! ([`Component::inverted`], [`Component::scaled`], [`Pixel::map_colour`])
//! without a trip through `f32`.
//!
//! # Fast component conversion
//!
//! [`convert`] turns whole slices between `f32` and the integer (or half)
//! component types with the rounding and clamping of the scalar conversions,
//! and runs at memory speed. [`convert::map_in_f32`] runs a per-pixel
//! computation written in normalised `f32` over a row of any depth, in
//! cache-sized chunks.

#[cfg(target_arch = "x86_64")]
#[allow(unsafe_code)] // a look-up through AVX-512 VBMI intrinsics
mod byte_table;
pub mod convert;
mod dispatch;
#[allow(unsafe_code)] // views over host memory: the one place pointers become slices
mod raw;
mod types;
mod view;

#[cfg(test)]
#[allow(unsafe_code)] // views over hand-made layouts, as a host would give
mod tests;

use core::fmt;

#[doc(hidden)]
pub use dispatch::half_unsupported as __half_unsupported;
pub use dispatch::{PixelFn, dispatch};
/// The IEEE half-float component type (with the `half` feature).
#[cfg(feature = "half")]
pub use half::f16;
pub use raw::{ImageView, ImageViewMut, RawImageLayout};
pub use types::{Alpha, Component, Pixel, Rgb, Rgba};
pub use view::{RowMut, RowMutIter, Rows, RowsMut};

#[doc(inline)]
pub use crate::for_each_pixel_type;

/// The data type of each component of a pixel, as OpenFX's
/// `kOfxImageEffectPropPixelDepth` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BitDepth {
    /// 8-bit unsigned integer components (`kOfxBitDepthByte`); white is 255.
    U8,
    /// 16-bit unsigned integer components (`kOfxBitDepthShort`); white is 65535.
    U16,
    /// 16-bit IEEE half floats (`kOfxBitDepthHalf`); white is 1.0.
    F16,
    /// 32-bit IEEE floats (`kOfxBitDepthFloat`); white is 1.0.
    F32,
}

impl BitDepth {
    /// The size of one component in bytes.
    pub const fn bytes(self) -> usize {
        match self {
            BitDepth::U8 => 1,
            BitDepth::U16 | BitDepth::F16 => 2,
            BitDepth::F32 => 4,
        }
    }

    /// Whether components are floating point (and so are not clamped).
    pub const fn is_float(self) -> bool {
        matches!(self, BitDepth::F16 | BitDepth::F32)
    }

    /// A short English description, used in error messages.
    pub const fn describe(self) -> &'static str {
        match self {
            BitDepth::U8 => "8-bit integer",
            BitDepth::U16 => "16-bit integer",
            BitDepth::F16 => "16-bit half float",
            BitDepth::F32 => "32-bit float",
        }
    }
}

impl fmt::Display for BitDepth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}

/// Which components a pixel has, as OpenFX's
/// `kOfxImageEffectPropComponents` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PixelComponents {
    /// Red, green, blue and alpha, in that order (`kOfxImageComponentRGBA`).
    Rgba,
    /// Red, green and blue (`kOfxImageComponentRGB`).
    Rgb,
    /// A single alpha (matte) component (`kOfxImageComponentAlpha`).
    Alpha,
}

impl PixelComponents {
    /// Every component layout, for clips that accept them all.
    pub const ALL: [PixelComponents; 3] = [
        PixelComponents::Rgba,
        PixelComponents::Rgb,
        PixelComponents::Alpha,
    ];

    /// The number of components per pixel.
    pub const fn count(self) -> usize {
        match self {
            PixelComponents::Rgba => 4,
            PixelComponents::Rgb => 3,
            PixelComponents::Alpha => 1,
        }
    }

    /// A short English name, used in error messages.
    pub const fn describe(self) -> &'static str {
        match self {
            PixelComponents::Rgba => "RGBA",
            PixelComponents::Rgb => "RGB",
            PixelComponents::Alpha => "Alpha",
        }
    }

    /// The name of the Rust pixel type for these components.
    pub(crate) const fn type_name(self) -> &'static str {
        match self {
            PixelComponents::Rgba => "Rgba",
            PixelComponents::Rgb => "Rgb",
            PixelComponents::Alpha => "Alpha",
        }
    }
}

impl fmt::Display for PixelComponents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}

/// The size in bytes of one pixel with the given depth and components.
pub const fn pixel_bytes(depth: BitDepth, components: PixelComponents) -> usize {
    depth.bytes() * components.count()
}

/// The Rust spelling of a pixel type, such as `Rgba<u8>`, for messages.
pub(crate) fn pixel_name<P: Pixel>() -> String {
    format!(
        "{}<{}>",
        P::COMPONENTS.type_name(),
        <P::Component as Component>::NAME
    )
}
