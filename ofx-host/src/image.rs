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

use std::ffi::{CStr, c_void};
use std::fmt;

use half::f16;
use ofx_sys::OfxRectI;

use crate::guard_pages::{GuardGeometry, Region};

/// The byte written into row padding and around guarded buffers; any other
/// value found there later means a plugin wrote outside its pixels.
pub const CANARY: u8 = 0xCA;

/// The default byte pattern [`ImageBuffer::fill_outside`] uses.
pub const OUTSIDE_PATTERN: u8 = 0xA5;

/// The storage type of one pixel component.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Depth {
    /// 8-bit unsigned integers (`kOfxBitDepthByte`).
    U8,
    /// 16-bit unsigned integers (`kOfxBitDepthShort`).
    U16,
    /// 16-bit IEEE half floats (`kOfxBitDepthHalf`).
    Half,
    /// 32-bit IEEE floats (`kOfxBitDepthFloat`).
    F32,
}

impl Depth {
    /// Every depth, smallest first.
    pub const ALL: [Depth; 4] = [Depth::U8, Depth::U16, Depth::Half, Depth::F32];

    /// The OFX property value naming this depth.
    pub fn ofx_name(self) -> &'static CStr {
        match self {
            Depth::U8 => ofx_sys::kOfxBitDepthByte,
            Depth::U16 => ofx_sys::kOfxBitDepthShort,
            Depth::Half => ofx_sys::kOfxBitDepthHalf,
            Depth::F32 => ofx_sys::kOfxBitDepthFloat,
        }
    }

    /// The depth an OFX property value names, if any.
    pub fn from_ofx_name(name: &str) -> Option<Depth> {
        Depth::ALL
            .into_iter()
            .find(|d| d.ofx_name().to_bytes() == name.as_bytes())
    }

    /// Bytes per component.
    pub fn bytes(self) -> usize {
        match self {
            Depth::U8 => 1,
            Depth::U16 | Depth::Half => 2,
            Depth::F32 => 4,
        }
    }

    /// A short lower-case name for reports (`u8`, `u16`, `half`, `f32`).
    pub fn short_name(self) -> &'static str {
        match self {
            Depth::U8 => "u8",
            Depth::U16 => "u16",
            Depth::Half => "half",
            Depth::F32 => "f32",
        }
    }

    /// The largest difference between two values that round to the same
    /// stored value: half a quantisation step for integers, a relative
    /// precision for floats.
    pub fn quantum(self) -> f32 {
        match self {
            Depth::U8 => 1.0 / 255.0,
            Depth::U16 => 1.0 / 65535.0,
            Depth::Half => 1.0 / 1024.0,
            Depth::F32 => 1e-6,
        }
    }

    fn read(self, b: &[u8]) -> f32 {
        match self {
            Depth::U8 => f32::from(b[0]) / 255.0,
            Depth::U16 => f32::from(u16::from_ne_bytes([b[0], b[1]])) / 65535.0,
            Depth::Half => f16::from_ne_bytes([b[0], b[1]]).to_f32(),
            Depth::F32 => f32::from_ne_bytes([b[0], b[1], b[2], b[3]]),
        }
    }

    fn write(self, b: &mut [u8], v: f32) {
        match self {
            Depth::U8 => b[0] = (v * 255.0).round().clamp(0.0, 255.0) as u8,
            Depth::U16 => b[..2]
                .copy_from_slice(&((v * 65535.0).round().clamp(0.0, 65535.0) as u16).to_ne_bytes()),
            Depth::Half => b[..2].copy_from_slice(&f16::from_f32(v).to_ne_bytes()),
            Depth::F32 => b[..4].copy_from_slice(&v.to_ne_bytes()),
        }
    }
}

impl fmt::Display for Depth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.short_name())
    }
}

/// Which components a pixel has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Components {
    /// Red, green, blue, alpha (`kOfxImageComponentRGBA`).
    Rgba,
    /// Red, green, blue (`kOfxImageComponentRGB`).
    Rgb,
    /// Alpha only (`kOfxImageComponentAlpha`).
    Alpha,
}

impl Components {
    /// Every component set.
    pub const ALL: [Components; 3] = [Components::Rgba, Components::Rgb, Components::Alpha];

    /// The OFX property value naming these components.
    pub fn ofx_name(self) -> &'static CStr {
        match self {
            Components::Rgba => ofx_sys::kOfxImageComponentRGBA,
            Components::Rgb => ofx_sys::kOfxImageComponentRGB,
            Components::Alpha => ofx_sys::kOfxImageComponentAlpha,
        }
    }

    /// The components an OFX property value names, if any.
    pub fn from_ofx_name(name: &str) -> Option<Components> {
        Components::ALL
            .into_iter()
            .find(|c| c.ofx_name().to_bytes() == name.as_bytes())
    }

    /// Number of components per pixel.
    pub fn count(self) -> usize {
        match self {
            Components::Rgba => 4,
            Components::Rgb => 3,
            Components::Alpha => 1,
        }
    }

    /// A short lower-case name for reports (`rgba`, `rgb`, `alpha`).
    pub fn short_name(self) -> &'static str {
        match self {
            Components::Rgba => "rgba",
            Components::Rgb => "rgb",
            Components::Alpha => "alpha",
        }
    }

    /// Which of the four normalised channels are stored.
    fn channels(self) -> &'static [usize] {
        match self {
            Components::Rgba => &[0, 1, 2, 3],
            Components::Rgb => &[0, 1, 2],
            Components::Alpha => &[3],
        }
    }
}

impl fmt::Display for Components {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.short_name())
    }
}

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
    /// Extra bytes at the end of each row, filled with [`CANARY`]. Use a
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
    fn row_offset(&self, y: i32) -> usize {
        let from_bottom = (i64::from(y) - i64::from(self.bounds.y1)) as usize;
        let mem_row = match self.order {
            RowOrder::BottomUp => from_bottom,
            RowOrder::TopDown => self.height() - 1 - from_bottom,
        };
        mem_row * self.stride()
    }

    fn pixel_offset(&self, x: i32, y: i32) -> usize {
        self.row_offset(y)
            + (i64::from(x) - i64::from(self.bounds.x1)) as usize * self.bytes_per_pixel()
    }
}

fn rect_contains(r: &OfxRectI, x: i32, y: i32) -> bool {
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

/// A host-owned image: pixels in a [`Layout`], optionally between guard pages.
///
/// The memory is never moved or reallocated while the buffer lives, so
/// [`data_ptr`](ImageBuffer::data_ptr) can be handed to a plugin.
#[derive(Debug)]
pub struct ImageBuffer {
    layout: Layout,
    name: String,
    region: Region,
}

impl ImageBuffer {
    /// A buffer with zeroed pixels and canaries in the row padding (and in
    /// the slack next to the guard pages).
    ///
    /// # Panics
    /// If guard pages were asked for and the system refuses the mapping
    /// (out of memory or address space); see [`ImageBuffer::try_new`].
    pub fn new(layout: Layout) -> ImageBuffer {
        ImageBuffer::try_new(layout).unwrap_or_else(|e| panic!("cannot allocate image: {e}"))
    }

    /// Like [`ImageBuffer::new`], reporting a failed mapping (out of memory
    /// or address space) as an error.
    pub fn try_new(layout: Layout) -> std::io::Result<ImageBuffer> {
        let len = layout
            .checked_byte_len()
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::OutOfMemory, e))?;
        let region = if layout.guard_pages {
            Region::guarded(len, layout.depth.bytes())?
        } else {
            Region::try_new(len, Some(0)).ok_or_else(|| {
                std::io::Error::new(
                    std::io::ErrorKind::OutOfMemory,
                    format!("cannot allocate {len} bytes"),
                )
            })?
        };
        let mut img = ImageBuffer {
            layout,
            name: String::from("image"),
            region,
        };
        img.reset_canaries();
        // A full fault registry only costs the diagnosis: the guard pages
        // still stop a stray access (reported as a plain SIGSEGV).
        let _ = img.register();
        Ok(img)
    }

    /// A buffer whose pixel (x, y) is `f(x, y)` (normalised, see the module
    /// documentation).
    pub fn from_fn(layout: Layout, f: impl Fn(i32, i32) -> [f32; 4]) -> ImageBuffer {
        let mut img = ImageBuffer::new(layout);
        let b = layout.bounds;
        for y in b.y1..b.y2 {
            for x in b.x1..b.x2 {
                img.set(x, y, f(x, y));
            }
        }
        img
    }

    /// The same buffer, named `name` in diagnoses (canary reports, guard-page
    /// faults). Names longer than 63 bytes are cut in fault reports.
    pub fn with_name(mut self, name: impl Into<String>) -> ImageBuffer {
        self.set_name(name);
        self
    }

    /// Renames the buffer (see [`ImageBuffer::with_name`]).
    pub fn set_name(&mut self, name: impl Into<String>) {
        self.name = name.into();
        // Re-registering only fails when the registry is full; the image
        // then keeps its earlier registration or none, and faults in it are
        // reported by the default handler instead.
        let _ = self.register();
    }

    /// The name used in diagnoses (`"image"` unless set).
    pub fn name(&self) -> &str {
        &self.name
    }

    fn register(&mut self) -> std::io::Result<()> {
        let l = self.layout;
        self.region.set_geometry(&GuardGeometry {
            name: self.name.clone(),
            stride: l.stride(),
            top_down: l.order == RowOrder::TopDown,
            bounds: [l.bounds.x1, l.bounds.y1, l.bounds.x2, l.bounds.y2],
            bytes_per_pixel: l.bytes_per_pixel(),
        })
    }

    /// The layout.
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// The pixel bounds.
    pub fn bounds(&self) -> OfxRectI {
        self.layout.bounds
    }

    /// True when the pixels sit between guard pages.
    pub fn is_guarded(&self) -> bool {
        self.region.is_guarded()
    }

    /// Address of pixel (x1, y1), the bottom-left one: the value of
    /// `kOfxImagePropData`. For top-down storage this is the start of the
    /// last row in memory.
    pub fn data_ptr(&self) -> *mut c_void {
        let l = &self.layout;
        if l.width() == 0 || l.height() == 0 {
            return self.region.as_ptr().cast();
        }
        self.region
            .as_ptr()
            .wrapping_add(l.row_offset(l.bounds.y1))
            .cast()
    }

    /// Signed row bytes (negative for [`RowOrder::TopDown`]).
    pub fn row_bytes(&self) -> isize {
        self.layout.row_bytes()
    }

    /// A hash of the pixel bytes inside the bounds (row padding, canaries
    /// and the row order left out): equal before and after an action unless
    /// a pixel changed. The host takes it of every input image it hands out,
    /// and again when the image is released, to catch a plugin writing into
    /// its inputs.
    pub fn content_hash(&self) -> u64 {
        // A multiply-rotate hash over 8-byte words: a bijection of the state
        // for each word, so a single changed word always changes the result,
        // at several bytes a cycle (it runs twice per input per action).
        let mix = |h: u64, w: u64| (h.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95);
        let l = &self.layout;
        let mut h = 0u64;
        let row = l.width() * l.bytes_per_pixel();
        if row > 0 {
            let bytes = self.region.bytes();
            for y in l.bounds.y1..l.bounds.y2 {
                let off = l.pixel_offset(l.bounds.x1, y);
                let words = bytes[off..off + row].chunks_exact(8);
                let rest = words.remainder();
                for w in words {
                    h = mix(h, u64::from_le_bytes(w.try_into().unwrap_or_default()));
                }
                let mut tail = [0u8; 8];
                tail[..rest.len()].copy_from_slice(rest);
                h = mix(h, u64::from_le_bytes(tail) ^ (rest.len() as u64) << 56);
            }
        }
        h
    }

    /// The pixels inside the bounds as packed rows, bottom row first,
    /// `width * bytes per pixel` apart (no padding): the layout of an image
    /// a host copies to a GPU device.
    pub fn packed_rows(&self) -> Vec<u8> {
        let l = &self.layout;
        let row = l.width() * l.bytes_per_pixel();
        let mut out = Vec::with_capacity(row * l.height());
        if row > 0 {
            let bytes = self.region.bytes();
            for y in l.bounds.y1..l.bounds.y2 {
                let off = l.pixel_offset(l.bounds.x1, y);
                out.extend_from_slice(&bytes[off..off + row]);
            }
        }
        out
    }

    /// Overwrites the pixels inside the bounds from packed rows, as
    /// [`ImageBuffer::packed_rows`] gives them.
    ///
    /// # Errors
    /// When `bytes` is not exactly the size of the packed pixels.
    pub fn set_packed_rows(&mut self, bytes: &[u8]) -> Result<(), String> {
        let l = self.layout;
        let row = l.width() * l.bytes_per_pixel();
        if bytes.len() != row * l.height() {
            return Err(format!(
                "{} bytes of packed rows for an image of {} bytes",
                bytes.len(),
                row * l.height()
            ));
        }
        if row == 0 {
            return Ok(());
        }
        let dst = self.region.bytes_mut();
        for (y, src) in (l.bounds.y1..l.bounds.y2).zip(bytes.chunks_exact(row)) {
            let off = l.pixel_offset(l.bounds.x1, y);
            dst[off..off + row].copy_from_slice(src);
        }
        Ok(())
    }

    /// The raw bytes of pixel (x, y), or `None` outside the bounds.
    pub fn pixel_bytes(&self, x: i32, y: i32) -> Option<&[u8]> {
        if !self.layout.contains(x, y) {
            return None;
        }
        let off = self.layout.pixel_offset(x, y);
        Some(&self.region.bytes()[off..off + self.layout.bytes_per_pixel()])
    }

    fn pixel_bytes_mut(&mut self, x: i32, y: i32) -> Option<&mut [u8]> {
        if !self.layout.contains(x, y) {
            return None;
        }
        let off = self.layout.pixel_offset(x, y);
        let n = self.layout.bytes_per_pixel();
        Some(&mut self.region.bytes_mut()[off..off + n])
    }

    /// Pixel (x, y), normalised; `None` outside the bounds. RGB pixels come
    /// back with alpha 1, alpha-only pixels as `[0, 0, 0, a]`.
    pub fn get(&self, x: i32, y: i32) -> Option<[f32; 4]> {
        let depth = self.layout.depth;
        let comps = self.layout.components;
        let bytes = self.pixel_bytes(x, y)?;
        let mut out = match comps {
            Components::Rgb => [0.0, 0.0, 0.0, 1.0],
            _ => [0.0; 4],
        };
        for (i, &ch) in comps.channels().iter().enumerate() {
            out[ch] = depth.read(&bytes[i * depth.bytes()..]);
        }
        Some(out)
    }

    /// Sets pixel (x, y) from normalised values (integers are rounded to
    /// nearest and clamped). Stores only the channels the layout has: RGB
    /// drops `v[3]`, alpha-only keeps only `v[3]`. Does nothing outside the
    /// bounds.
    pub fn set(&mut self, x: i32, y: i32, v: [f32; 4]) {
        let depth = self.layout.depth;
        let comps = self.layout.components;
        if let Some(bytes) = self.pixel_bytes_mut(x, y) {
            for (i, &ch) in comps.channels().iter().enumerate() {
                depth.write(&mut bytes[i * depth.bytes()..], v[ch]);
            }
        }
    }

    /// Every pixel, normalised, row by row from the bottom row up.
    pub fn to_rgba_f32(&self) -> Vec<[f32; 4]> {
        let b = self.layout.bounds;
        let mut out = Vec::with_capacity(self.layout.width() * self.layout.height());
        for y in b.y1..b.y2 {
            for x in b.x1..b.x2 {
                out.extend(self.get(x, y));
            }
        }
        out
    }

    /// A copy of these pixels in another layout (pixels outside this image's
    /// bounds are zero; bounds, depth and storage come from `layout`).
    pub fn to_layout(&self, layout: Layout) -> ImageBuffer {
        let mut out = ImageBuffer::new(layout).with_name(self.name.clone());
        let b = intersect(layout.bounds, self.layout.bounds);
        if b.x2 <= b.x1 || b.y2 <= b.y1 {
            return out;
        }
        if layout.depth == self.layout.depth && layout.components == self.layout.components {
            // Same pixel format: copy each row's bytes.
            let n = (b.x2 - b.x1) as usize * layout.bytes_per_pixel();
            let src = self.region.bytes();
            let dst = out.region.bytes_mut();
            for y in b.y1..b.y2 {
                let s = self.layout.pixel_offset(b.x1, y);
                let d = layout.pixel_offset(b.x1, y);
                dst[d..d + n].copy_from_slice(&src[s..s + n]);
            }
            return out;
        }
        for y in b.y1..b.y2 {
            for x in b.x1..b.x2 {
                if let Some(v) = self.get(x, y) {
                    out.set(x, y, v);
                }
            }
        }
        out
    }

    /// Fills every pixel byte outside `window` with `pattern`, so that writes
    /// outside a render window can be found afterwards with
    /// [`ImageBuffer::find_writes_outside`].
    pub fn fill_outside(&mut self, window: impl Into<OfxRectI>, pattern: u8) {
        let window = window.into();
        let b = self.layout.bounds;
        for y in b.y1..b.y2 {
            for x in b.x1..b.x2 {
                if !rect_contains(&window, x, y)
                    && let Some(p) = self.pixel_bytes_mut(x, y)
                {
                    p.fill(pattern);
                }
            }
        }
    }

    /// Looks for pixels outside `window` whose bytes are no longer all
    /// `pattern` (see [`ImageBuffer::fill_outside`]).
    pub fn find_writes_outside(
        &self,
        window: impl Into<OfxRectI>,
        pattern: u8,
    ) -> Result<(), OutsideWrite> {
        let window = window.into();
        let b = self.layout.bounds;
        let mut first = None;
        let mut count = 0;
        for y in b.y1..b.y2 {
            for x in b.x1..b.x2 {
                if rect_contains(&window, x, y) {
                    continue;
                }
                if let Some(p) = self.pixel_bytes(x, y)
                    && p.iter().any(|&v| v != pattern)
                {
                    count += 1;
                    first.get_or_insert((x, y));
                }
            }
        }
        match first {
            None => Ok(()),
            Some(first) => Err(OutsideWrite {
                image: self.name.clone(),
                window,
                first,
                count,
            }),
        }
    }

    /// Writes [`CANARY`] into every padding byte and into the slack next to
    /// the guard pages.
    pub fn reset_canaries(&mut self) {
        let l = self.layout;
        let row = l.width() * l.bytes_per_pixel();
        let stride = l.stride();
        if l.padding > 0 {
            let bytes = self.region.bytes_mut();
            for r in 0..l.height() {
                bytes[r * stride + row..(r + 1) * stride].fill(CANARY);
            }
        }
        self.region.fill_slack(CANARY);
    }

    /// Checks that every canary is intact: the padding at the end of each
    /// row, and the bytes between the pixels and the guard pages. The error
    /// names the image, the first damaged row and how many bytes changed.
    pub fn check_canaries(&self) -> Result<(), String> {
        let l = self.layout;
        let row = l.width() * l.bytes_per_pixel();
        let stride = l.stride();
        let bytes = self.region.bytes();
        let mut damaged = 0usize;
        let mut first: Option<String> = None;
        if l.padding > 0 {
            for r in 0..l.height() {
                let pad = &bytes[r * stride + row..(r + 1) * stride];
                let bad = pad.iter().filter(|&&b| b != CANARY).count();
                if bad > 0 {
                    damaged += bad;
                    if first.is_none() {
                        let y = match l.order {
                            RowOrder::BottomUp => l.bounds.y1 + r as i32,
                            RowOrder::TopDown => l.bounds.y2 - 1 - r as i32,
                        };
                        let i = pad.iter().position(|&b| b != CANARY).unwrap_or(0);
                        first = Some(format!(
                            "the padding of row y={y} (byte {i} of {}: {:#04x})",
                            l.padding, pad[i]
                        ));
                    }
                }
            }
        }
        for (slack, place) in [
            (self.region.front_slack(), "before the first row in memory"),
            (self.region.tail_slack(), "after the last row in memory"),
        ] {
            let bad = slack.iter().filter(|&&b| b != CANARY).count();
            if bad > 0 {
                damaged += bad;
                first.get_or_insert_with(|| format!("the bytes {place}"));
            }
        }
        match first {
            None => Ok(()),
            Some(what) => Err(format!(
                "image \"{}\" ({}): {damaged} canary byte(s) overwritten, first in {what}",
                self.name,
                l.describe()
            )),
        }
    }

    /// Compares these pixels (the actual ones) with `expected` over
    /// `window`; channels may differ by up to `tolerance`. A pixel present in
    /// one image but not the other is a mismatch; NaN equals NaN.
    pub fn compare(
        &self,
        expected: &ImageBuffer,
        window: impl Into<OfxRectI>,
        tolerance: f32,
    ) -> Result<(), Mismatch> {
        let window = window.into();
        let mut m = Mismatch {
            image: self.name.clone(),
            first: (0, 0),
            actual: None,
            expected: None,
            count: 0,
            compared: 0,
            max_diff: 0.0,
        };
        for y in window.y1..window.y2 {
            for x in window.x1..window.x2 {
                m.compared += 1;
                let (a, e) = (self.get(x, y), expected.get(x, y));
                let diff = match (a, e) {
                    (Some(a), Some(e)) => a
                        .iter()
                        .zip(&e)
                        .map(|(a, e)| {
                            if a.is_nan() && e.is_nan() {
                                0.0
                            } else if a.is_nan() || e.is_nan() {
                                f32::INFINITY
                            } else {
                                (a - e).abs()
                            }
                        })
                        .fold(0.0f32, f32::max),
                    (None, None) => 0.0,
                    _ => f32::INFINITY,
                };
                if diff > tolerance {
                    if m.count == 0 {
                        m.first = (x, y);
                        m.actual = a;
                        m.expected = e;
                    }
                    m.count += 1;
                    m.max_diff = m.max_diff.max(diff);
                }
            }
        }
        if m.count == 0 { Ok(()) } else { Err(m) }
    }

    /// Reads the first byte of pixel (x, y) through the image's own
    /// addressing (`data + (y - y1) * rowBytes + (x - x1) * bpp`, as a plugin
    /// computes it), even outside the bounds. The address must lie in this
    /// buffer's own memory, guard pages included, or an error comes back; on
    /// a guard page the process reports the fault and exits with
    /// [`crate::guard_pages::GUARD_FAULT_EXIT_CODE`]. This is how a
    /// validator proves its guard pages are armed, and how tests play a
    /// stray plugin.
    pub fn peek(&self, x: i32, y: i32) -> Result<u8, String> {
        self.region.peek(self.plugin_offset(x, y)?)
    }

    /// Writes `value` into the first byte of pixel (x, y), addressed as in
    /// [`ImageBuffer::peek`] (even outside the bounds, as a stray plugin
    /// would).
    pub fn poke(&mut self, x: i32, y: i32, value: u8) -> Result<(), String> {
        let off = self.plugin_offset(x, y)?;
        self.region.poke(off, value)
    }

    fn plugin_offset(&self, x: i32, y: i32) -> Result<isize, String> {
        let l = self.layout;
        if l.width() == 0 || l.height() == 0 {
            return Err(format!("image \"{}\" has no pixels", self.name));
        }
        let data = l.row_offset(l.bounds.y1) as isize;
        Ok(data
            + (i64::from(y) - i64::from(l.bounds.y1)) as isize * l.row_bytes()
            + (i64::from(x) - i64::from(l.bounds.x1)) as isize * l.bytes_per_pixel() as isize)
    }
}

impl Clone for ImageBuffer {
    fn clone(&self) -> ImageBuffer {
        let mut out = ImageBuffer::new(self.layout).with_name(self.name.clone());
        out.region.bytes_mut().copy_from_slice(self.region.bytes());
        out
    }
}

/// Where two images differ (see [`ImageBuffer::compare`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Mismatch {
    /// Name of the compared (actual) image.
    pub image: String,
    /// The first differing pixel, in scan order from the bottom row.
    pub first: (i32, i32),
    /// The actual value there (`None` outside its bounds).
    pub actual: Option<[f32; 4]>,
    /// The expected value there (`None` outside its bounds).
    pub expected: Option<[f32; 4]>,
    /// How many pixels differ.
    pub count: usize,
    /// How many pixels were compared.
    pub compared: usize,
    /// The largest channel difference found.
    pub max_diff: f32,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (x, y) = self.first;
        write!(
            f,
            "image \"{}\": {} of {} pixels differ (max {}); first at ({x}, {y}): got {}, expected {}",
            self.image,
            self.count,
            self.compared,
            self.max_diff,
            fmt_px(self.actual),
            fmt_px(self.expected)
        )
    }
}

impl std::error::Error for Mismatch {}

fn fmt_px(p: Option<[f32; 4]>) -> String {
    match p {
        None => "nothing (outside the bounds)".into(),
        Some([r, g, b, a]) => format!("[{r:.4}, {g:.4}, {b:.4}, {a:.4}]"),
    }
}

/// Pixels outside a window that were written (see
/// [`ImageBuffer::find_writes_outside`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutsideWrite {
    /// The image's name.
    pub image: String,
    /// The window outside which nothing should have changed.
    pub window: OfxRectI,
    /// The first changed pixel, in scan order from the bottom row.
    pub first: (i32, i32),
    /// How many pixels changed.
    pub count: usize,
}

impl fmt::Display for OutsideWrite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let w = self.window;
        write!(
            f,
            "image \"{}\": {} pixel(s) outside the window {},{}..{},{} were written, first at ({}, {})",
            self.image, self.count, w.x1, w.y1, w.x2, w.y2, self.first.0, self.first.1
        )
    }
}

impl std::error::Error for OutsideWrite {}

/// A parsed guard-page diagnosis line (what a child process printed before
/// exiting with [`crate::guard_pages::GUARD_FAULT_EXIT_CODE`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GuardFault {
    /// `"read"`, `"write"` or `"access"` (when the CPU does not say).
    pub access: String,
    /// `"above the top row"`, `"below the bottom row"` or `"outside the rows"`.
    pub side: String,
    /// The image's name.
    pub image: String,
    /// The whole line, for evidence.
    pub line: String,
}

impl GuardFault {
    /// Finds and parses the first diagnosis line in a child's stderr.
    pub fn find(stderr: &str) -> Option<GuardFault> {
        let prefix = crate::guard_pages::FAULT_PREFIX;
        let line = stderr.lines().find(|l| l.starts_with(prefix))?;
        let rest = &line[prefix.len()..];
        let (access, rest) = rest.split_once(' ')?;
        let (side, rest) = rest.split_once(" of image \"")?;
        let (image, _) = rest.split_once("\" at ")?;
        Some(GuardFault {
            access: access.to_owned(),
            side: side.to_owned(),
            image: image.to_owned(),
            line: line.to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::ofx_str;

    #[test]
    fn sizes_that_overflow_or_exceed_memory_are_errors_not_allocations() {
        let l = Layout::packed(rect(0, 0, 3, 2), Depth::F32, Components::Rgba).with_padding(4);
        assert_eq!(l.checked_byte_len(), Ok((3 * 16 + 4) * 2));
        // 2^30 x 2^30 RGBA f32 is 2^64 bytes: the old product wrapped to 0.
        let huge = Layout::packed(rect(0, 0, 1 << 30, 1 << 30), Depth::F32, Components::Rgba);
        assert!(matches!(
            huge.checked_byte_len(),
            Err(ImageSizeError::AddressSpace { .. })
        ));
        assert!(ImageBuffer::try_new(huge).is_err());
        // 100000 x 100000 RGBA f32 (149 GiB) fits in the address space but
        // not in this machine's memory.
        let big = Layout::packed(rect(0, 0, 100_000, 100_000), Depth::F32, Components::Rgba);
        let memory = crate::guard_pages::physical_memory();
        if memory < 160_000_000_000 {
            let err = ImageBuffer::try_new(big).unwrap_err();
            assert!(
                err.to_string()
                    .contains("larger than this machine's memory"),
                "{err}"
            );
        }
    }

    fn rect(x1: i32, y1: i32, x2: i32, y2: i32) -> OfxRectI {
        OfxRectI { x1, y1, x2, y2 }
    }

    #[test]
    fn names_round_trip() {
        for d in Depth::ALL {
            assert_eq!(
                Depth::from_ofx_name(d.ofx_name().to_str().unwrap()),
                Some(d)
            );
        }
        for c in Components::ALL {
            assert_eq!(
                Components::from_ofx_name(c.ofx_name().to_str().unwrap()),
                Some(c)
            );
        }
        assert_eq!(
            Depth::from_ofx_name(ofx_str(ofx_sys::kOfxBitDepthNone)),
            None
        );
        assert_eq!(
            Components::from_ofx_name(ofx_str(ofx_sys::kOfxImageComponentYUVA)),
            None
        );
    }

    #[test]
    fn integer_depths_round_and_clamp() {
        let l = Layout::packed(rect(0, 0, 1, 1), Depth::U8, Components::Rgba);
        let mut img = ImageBuffer::new(l);
        img.set(0, 0, [0.5, -1.0, 2.0, 1.0 / 255.0 * 0.49]);
        assert_eq!(img.pixel_bytes(0, 0), Some(&[128u8, 0, 255, 0][..]));
        let l = l.with_bounds(rect(0, 0, 1, 1));
        let mut img = ImageBuffer::new(Layout {
            depth: Depth::U16,
            ..l
        });
        img.set(0, 0, [0.5, 1.5, -0.1, 1.0]);
        assert_eq!(img.get(0, 0), Some([32768.0 / 65535.0, 1.0, 0.0, 1.0]));
    }

    #[test]
    fn floats_are_not_clamped() {
        for d in [Depth::Half, Depth::F32] {
            let mut img = ImageBuffer::new(Layout::packed(rect(0, 0, 1, 1), d, Components::Rgb));
            img.set(0, 0, [-2.0, 3.5, 0.25, 0.0]);
            assert_eq!(img.get(0, 0), Some([-2.0, 3.5, 0.25, 1.0]), "{d}");
        }
    }

    #[test]
    fn half_rounds_to_nearest_and_floats_keep_special_values() {
        let mut h = ImageBuffer::new(Layout::packed(
            rect(0, 0, 1, 1),
            Depth::Half,
            Components::Rgba,
        ));
        h.set(0, 0, [1.0 / 3.0, f32::INFINITY, 65504.0, -0.0]);
        let v = h.get(0, 0).unwrap();
        assert_eq!(v[0], half::f16::from_f32(1.0 / 3.0).to_f32());
        assert!((v[0] - 1.0 / 3.0).abs() < Depth::Half.quantum());
        assert_eq!(v[1], f32::INFINITY);
        assert_eq!(v[2], 65504.0);
        let mut f = ImageBuffer::new(Layout::packed(
            rect(0, 0, 1, 1),
            Depth::F32,
            Components::Rgba,
        ));
        f.set(0, 0, [f32::NAN, -1e30, 1e-30, 0.5]);
        let v = f.get(0, 0).unwrap();
        assert!(v[0].is_nan());
        assert_eq!(&v[1..], &[-1e30, 1e-30, 0.5]);
        // NaN never clamps into an integer silently: u8 stores 0 for it.
        let mut b = ImageBuffer::new(Layout::packed(
            rect(0, 0, 1, 1),
            Depth::U8,
            Components::Alpha,
        ));
        b.set(0, 0, [0.0, 0.0, 0.0, f32::NAN]);
        assert_eq!(b.pixel_bytes(0, 0), Some(&[0u8][..]));
    }

    #[test]
    fn alpha_only_keeps_the_fourth_channel() {
        let mut img = ImageBuffer::new(Layout::packed(
            rect(0, 0, 2, 1),
            Depth::F32,
            Components::Alpha,
        ));
        img.set(1, 0, [0.1, 0.2, 0.3, 0.75]);
        assert_eq!(img.get(1, 0), Some([0.0, 0.0, 0.0, 0.75]));
        assert_eq!(img.pixel_bytes(1, 0), Some(&0.75f32.to_ne_bytes()[..]));
    }

    #[test]
    fn guard_fault_lines_parse() {
        let s = "noise\nofx-host: guard page: write above the top row of image \"Output\" at x=0 y=8 (bounds 0,0..4,8; bottom-up, address 0x10, signal SIGSEGV)\n";
        let f = GuardFault::find(s).unwrap();
        assert_eq!(f.access, "write");
        assert_eq!(f.side, "above the top row");
        assert_eq!(f.image, "Output");
        assert!(GuardFault::find("nothing here").is_none());
    }
}
