//! The host-owned pixel buffer ([`ImageBuffer`]): allocation in a layout,
//! pixel access, conversion between layouts, canaries and outside-write
//! detection, and comparison.

use std::ffi::c_void;

use ofx_sys::OfxRectI;

use crate::guard_pages::{GuardGeometry, Region};

use super::layout::rect_contains;
use super::{CANARY, Components, Layout, Mismatch, OutsideWrite, RowOrder, intersect};

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
