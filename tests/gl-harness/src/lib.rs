//! Headless OpenGL for tests.
//!
//! [`GlContext::new`] opens ofx-host's headless OpenGL context (desktop
//! OpenGL, compatibility profile, so immediate mode works, on Mesa's
//! surfaceless EGL platform: see `ofx_host::opengl`), makes it current on
//! the calling thread for the life of the value, and renders into an RGBA8
//! texture of the requested size bound as a framebuffer object. No window
//! system or display is needed, so it runs under `cargo test` on a CI
//! machine with Mesa's software rasteriser (Debian packages `libegl1
//! libegl-mesa0 libgl1 libgl1-mesa-dri`).
//!
//! [`GlContext::set_view`] sets the projection a host sets before an
//! overlay's draw action: canonical coordinates, with the viewport's
//! bottom-left corner at `origin` and `pixel_scale` canonical units per
//! pixel. [`GlContext::read_rgba`] reads the pixels back, bottom row first.
//!
//! A missing library or a failing EGL call is an `Err` naming the step, so
//! a test that needs OpenGL fails with the reason rather than skipping.

#![deny(unsafe_code)]

use std::marker::PhantomData;

use ofx_host::image::{Components, Depth, ImageBuffer, Layout};
use ofx_host::opengl::{GlCurrent, GlDevice, GlFramebuffer, GlTexture};
use ofx_sys::OfxRectI;

/// An offscreen OpenGL context, current on the thread that created it.
pub struct GlContext {
    // Dropped first, while the context is still current: the framebuffer,
    // then its texture, then the hold on the context (and the context).
    framebuffer: GlFramebuffer,
    target: GlTexture,
    current: GlCurrent,
    size: [u32; 2],
    /// Current on one thread only.
    _thread: PhantomData<*const ()>,
}

impl GlContext {
    /// Creates the context and a `width` x `height` framebuffer, makes both
    /// current, and sets a one-unit-per-pixel view from the origin.
    ///
    /// # Errors
    /// The step that failed: loading libEGL, no surfaceless platform, no
    /// desktop OpenGL, an incomplete framebuffer...
    pub fn new(width: u32, height: u32) -> Result<GlContext, String> {
        if width == 0 || height == 0 || width > 16384 || height > 16384 {
            return Err(format!("bad framebuffer size {width}x{height}"));
        }
        let device = GlDevice::open()?;
        let current = device.make_current()?;
        let target = device.upload(&ImageBuffer::new(Self::layout(width, height)))?;
        let framebuffer = device.framebuffer(&target)?;
        let ctx = GlContext {
            framebuffer,
            target,
            current,
            size: [width, height],
            _thread: PhantomData,
        };
        ctx.set_view([0.0, 0.0], [1.0, 1.0]);
        Ok(ctx)
    }

    fn layout(width: u32, height: u32) -> Layout {
        let bounds = OfxRectI {
            x1: 0,
            y1: 0,
            x2: width as i32,
            y2: height as i32,
        };
        Layout::packed(bounds, Depth::U8, Components::Rgba)
    }

    /// The host's device, current on this thread: for tests that make,
    /// attach and read back textures of their own
    /// ([`GlDevice::upload`], [`GlDevice::framebuffer`],
    /// [`GlDevice::download`]).
    pub fn device(&self) -> &std::sync::Arc<GlDevice> {
        self.current.device()
    }

    /// The framebuffer size in pixels.
    pub fn size(&self) -> [u32; 2] {
        self.size
    }

    /// The renderer string (`GL_RENDERER`), e.g. `llvmpipe (LLVM 15.0.6, 256 bits)`.
    pub fn renderer(&self) -> String {
        self.device().renderer.clone()
    }

    /// Maps canonical coordinates to the framebuffer: `origin` at the
    /// bottom-left corner, `pixel_scale` canonical units per pixel.
    pub fn set_view(&self, origin: [f64; 2], pixel_scale: [f64; 2]) {
        let [w, h] = self.size.map(f64::from);
        // Current since `new`, on this thread (the type is not Send).
        let _ = self.device().ortho(
            origin[0],
            origin[0] + w * pixel_scale[0],
            origin[1],
            origin[1] + h * pixel_scale[1],
        );
    }

    /// Fills the framebuffer with one colour (components 0 to 1).
    pub fn clear(&self, rgba: [f32; 4]) {
        let _ = self.device().clear(rgba);
    }

    /// The pixels, RGBA8, rows bottom-up (row 0 is the bottom row),
    /// `width * height * 4` bytes.
    pub fn read_rgba(&self) -> Vec<u8> {
        let mut img = ImageBuffer::new(Self::layout(self.size[0], self.size[1]));
        let device = self.device();
        let _ = device.finish();
        if let Err(e) = device.download(&self.target, &mut img) {
            panic!("reading the framebuffer back: {e}");
        }
        img.packed_rows()
    }

    /// The first OpenGL error raised since the last call, if any.
    pub fn error(&self) -> Option<u32> {
        self.device()
            .take_errors()
            .ok()
            .and_then(|e| e.first().copied())
    }
}

impl std::fmt::Debug for GlContext {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GlContext")
            .field("size", &self.size)
            .field("framebuffer", &self.framebuffer)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cleared_framebuffer_reads_back_its_colour() {
        let gl = GlContext::new(8, 4).expect("Mesa's surfaceless EGL must be installed");
        gl.clear([1.0, 0.0, 0.5, 1.0]);
        let px = gl.read_rgba();
        assert_eq!(px.len(), 8 * 4 * 4);
        for p in px.chunks(4) {
            assert_eq!(p, [255, 0, 128, 255]);
        }
        assert_eq!(gl.error(), None);
        assert!(!gl.renderer().is_empty());
    }
}
