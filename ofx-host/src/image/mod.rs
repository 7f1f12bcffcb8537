//! Host-owned pixel buffers in every layout a real host may hand a plugin.
//!
//! An [`ImageBuffer`] owns its memory and is described by a [`Layout`]:
//! pixel bounds (any origin, negative included), [`Depth`], [`Components`],
//! extra bytes at the end of each row ([`Layout::padding`], filled with
//! canaries), the order of rows in memory ([`RowOrder`]; top-down storage
//! means negative row bytes), and optionally `PROT_NONE` guard pages around
//! the pixels so that a plugin reading or writing past them is stopped and
//! named (see [`crate::guard_pages`]).
//!
//! Pixel values are read and written as normalised `f32`: 8-bit values are
//! divided by 255, 16-bit ones by 65535, half floats are widened; writing
//! rounds to nearest and clamps integers to their range. RGB pixels read
//! back with alpha 1; alpha-only pixels read back as `[0, 0, 0, a]` and are
//! written from the fourth channel.
//!
//! ```
//! use ofx_host::image::{Components, Depth, ImageBuffer, Layout, RowOrder};
//! use ofx_sys::OfxRectI;
//! let bounds = OfxRectI { x1: -2, y1: -1, x2: 3, y2: 2 };
//! let layout = Layout::packed(bounds, Depth::U8, Components::Rgba)
//!     .with_order(RowOrder::TopDown)
//!     .with_padding(8);
//! let img = ImageBuffer::from_fn(layout, |x, y| [(x + 2) as f32 / 255.0, 0.5, 2.0, 1.0]);
//! assert_eq!(img.row_bytes(), -(5 * 4 + 8));
//! // 0.5 rounds to 128/255; 2.0 clamps to 1.
//! assert_eq!(img.get(2, 1), Some([4.0 / 255.0, 128.0 / 255.0, 1.0, 1.0]));
//! assert_eq!(img.get(3, 1), None);
//! img.check_canaries().unwrap();
//! ```

mod buffer;
mod findings;
mod layout;
mod pixel_format;
#[cfg(test)]
mod tests;

pub use buffer::ImageBuffer;
pub use findings::{GuardFault, Mismatch, OutsideWrite};
pub use layout::{ImageSizeError, Layout, RowOrder, intersect};
pub use pixel_format::{Components, Depth};

/// The byte written into row padding and around guarded buffers; any other
/// value found there later means a plugin wrote outside its pixels.
pub const CANARY: u8 = 0xCA;

/// The default byte pattern [`ImageBuffer::fill_outside`] uses.
pub const OUTSIDE_PATTERN: u8 = 0xA5;
