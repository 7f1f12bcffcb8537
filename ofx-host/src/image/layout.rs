//! Where an image's pixels sit in memory: bounds, row order, row padding
//! and guard pages ([`Layout`]), the sizes and offsets that follow, and why
//! a size is refused ([`ImageSizeError`]).

use ofx_sys::OfxRectI;

use super::{Components, Depth};

/// The order of rows in memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum RowOrder {
    /// Bottom row first: positive row bytes (the usual OFX layout).
    #[default]
    BottomUp,
    /// Top row first: the data pointer is at the last row in memory and the
    /// row bytes are negative.
    TopDown,
}

/// How an image's pixels sit in memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Layout {
    /// Pixel bounds (x2/y2 exclusive); may be offset from the origin or
    /// negative. Inverted bounds are treated as empty.
    pub bounds: OfxRectI,
    /// Component storage type.
    pub depth: Depth,
    /// Components per pixel.
    pub components: Components,
    /// Extra bytes at the end of each row, filled with [`CANARY`](super::CANARY). Use a
    /// multiple of the component size, or typed plugin access is misaligned.
    pub padding: usize,
    /// Order of rows in memory.
    pub order: RowOrder,
    /// Put `PROT_NONE` pages before and after the pixels.
    pub guard_pages: bool,
}

impl Layout {
    /// Rows without padding, bottom-up, no guard pages.
    pub fn packed(bounds: impl Into<OfxRectI>, depth: Depth, components: Components) -> Layout {
        Layout {
            bounds: bounds.into(),
            depth,
            components,
            padding: 0,
            order: RowOrder::BottomUp,
            guard_pages: false,
        }
    }

    /// The same layout with `padding` extra bytes per row.
    pub fn with_padding(mut self, padding: usize) -> Layout {
        self.padding = padding;
        self
    }

    /// The same layout with rows stored in `order`.
    pub fn with_order(mut self, order: RowOrder) -> Layout {
        self.order = order;
        self
    }

    /// The same layout with or without guard pages.
    pub fn with_guard_pages(mut self, on: bool) -> Layout {
        self.guard_pages = on;
        self
    }

    /// The same layout with other bounds.
    pub fn with_bounds(mut self, bounds: impl Into<OfxRectI>) -> Layout {
        self.bounds = bounds.into();
        self
    }

    /// Width in pixels (0 for inverted bounds).
    pub fn width(&self) -> usize {
        (i64::from(self.bounds.x2) - i64::from(self.bounds.x1)).max(0) as usize
    }

    /// Height in pixels (0 for inverted bounds).
    pub fn height(&self) -> usize {
        (i64::from(self.bounds.y2) - i64::from(self.bounds.y1)).max(0) as usize
    }

    /// Bytes per pixel.
    pub fn bytes_per_pixel(&self) -> usize {
        self.depth.bytes() * self.components.count()
    }

    /// Bytes from one row to the next in memory (always positive).
    pub fn stride(&self) -> usize {
        self.width() * self.bytes_per_pixel() + self.padding
    }

    /// Signed row bytes, as `kOfxImagePropRowBytes` carries them.
    pub fn row_bytes(&self) -> isize {
        match self.order {
            RowOrder::BottomUp => self.stride() as isize,
            RowOrder::TopDown => -(self.stride() as isize),
        }
    }

    /// Total bytes of the pixel rows.
    ///
    /// # Panics
    /// If the size overflows `usize`; buffers are only made of layouts that
    /// pass [`Layout::checked_byte_len`].
    pub fn byte_len(&self) -> usize {
        self.checked_byte_len()
            .unwrap_or_else(|e| panic!("{}: {e}", self.describe()))
    }

    /// Total bytes of the pixel rows, checked: every step of the size in
    /// `usize` without overflow, row bytes that fit in `isize` (as
    /// `kOfxImagePropRowBytes` is signed), and no more than the machine's
    /// physical memory, so that an absurd size is an error and never an
    /// allocation that the kernel kills the process for.
    pub fn checked_byte_len(&self) -> Result<usize, ImageSizeError> {
        let too_large = ImageSizeError::AddressSpace {
            width: self.width(),
            height: self.height(),
        };
        let stride = self
            .width()
            .checked_mul(self.bytes_per_pixel())
            .and_then(|b| b.checked_add(self.padding))
            .filter(|&b| isize::try_from(b).is_ok())
            .ok_or(too_large)?;
        let len = stride
            .checked_mul(self.height())
            .filter(|&b| isize::try_from(b).is_ok())
            .ok_or(too_large)?;
        let memory = crate::guard_pages::physical_memory();
        if len > memory {
            return Err(ImageSizeError::Memory { bytes: len, memory });
        }
        Ok(len)
    }

    /// True when (x, y) lies inside the bounds.
    pub fn contains(&self, x: i32, y: i32) -> bool {
        rect_contains(&self.bounds, x, y)
    }

    /// A short description for reports, e.g. `f32 rgba -4,-2..60,30 top-down +16B guarded`.
    pub fn describe(&self) -> String {
        let b = self.bounds;
        let mut s = format!(
            "{} {} {},{}..{},{}",
            self.depth, self.components, b.x1, b.y1, b.x2, b.y2
        );
        if self.order == RowOrder::TopDown {
            s.push_str(" top-down");
        }
        if self.padding > 0 {
            s.push_str(&format!(" +{}B", self.padding));
        }
        if self.guard_pages {
            s.push_str(" guarded");
        }
        s
    }

    /// Memory offset of the first byte of row `y` (which must be inside the
    /// bounds) from the start of the buffer.
    pub(super) fn row_offset(&self, y: i32) -> usize {
        let from_bottom = (i64::from(y) - i64::from(self.bounds.y1)) as usize;
        let mem_row = match self.order {
            RowOrder::BottomUp => from_bottom,
            RowOrder::TopDown => self.height() - 1 - from_bottom,
        };
        mem_row * self.stride()
    }

    pub(super) fn pixel_offset(&self, x: i32, y: i32) -> usize {
        self.row_offset(y)
            + (i64::from(x) - i64::from(self.bounds.x1)) as usize * self.bytes_per_pixel()
    }
}

pub(super) fn rect_contains(r: &OfxRectI, x: i32, y: i32) -> bool {
    x >= r.x1 && x < r.x2 && y >= r.y1 && y < r.y2
}

/// The intersection of two rectangles (empty rectangles come out with
/// x2 <= x1 or y2 <= y1).
pub fn intersect(a: OfxRectI, b: OfxRectI) -> OfxRectI {
    OfxRectI {
        x1: a.x1.max(b.x1),
        y1: a.y1.max(b.y1),
        x2: a.x2.min(b.x2),
        y2: a.y2.min(b.y2),
    }
}

/// Why an image of some layout is not allocated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageSizeError {
    /// Its size in bytes does not fit in the address space.
    AddressSpace {
        /// Width in pixels.
        width: usize,
        /// Height in pixels.
        height: usize,
    },
    /// It is larger than the machine's physical memory.
    Memory {
        /// The image's size in bytes.
        bytes: usize,
        /// The machine's memory in bytes.
        memory: usize,
    },
}

impl std::fmt::Display for ImageSizeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const GIB: f64 = (1u64 << 30) as f64;
        match *self {
            ImageSizeError::AddressSpace { width, height } => write!(
                f,
                "an image of {width}x{height} pixels does not fit in the address space"
            ),
            ImageSizeError::Memory { bytes, memory } => write!(
                f,
                "an image of {:.1} GiB is larger than this machine's memory ({:.1} GiB)",
                bytes as f64 / GIB,
                memory as f64 / GIB
            ),
        }
    }
}

impl std::error::Error for ImageSizeError {}
