//! Headless OpenGL for tests.
//!
//! [`GlContext::new`] opens `libEGL.so.1` at run time, creates an OpenGL
//! (compatibility profile, so immediate mode works) context on Mesa's
//! surfaceless EGL platform, makes it current on the calling thread, and
//! renders into an RGBA8 framebuffer object of the requested size. No
//! window system or display is needed, so it runs under `cargo test` on a
//! CI machine with Mesa's software rasteriser (Debian packages `libegl1
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

#[allow(unsafe_code)] // dlopen of libEGL and the EGL/GL calls
mod ffi;

use std::marker::PhantomData;

/// An offscreen OpenGL context, current on the thread that created it.
pub struct GlContext {
    inner: ffi::Context,
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
        let inner = ffi::Context::new(width as i32, height as i32)?;
        let ctx = GlContext {
            inner,
            size: [width, height],
            _thread: PhantomData,
        };
        ctx.set_view([0.0, 0.0], [1.0, 1.0]);
        Ok(ctx)
    }

    /// The framebuffer size in pixels.
    pub fn size(&self) -> [u32; 2] {
        self.size
    }

    /// The renderer string (`GL_RENDERER`), e.g. `llvmpipe (LLVM 15.0.6, 256 bits)`.
    pub fn renderer(&self) -> String {
        self.inner.renderer()
    }

    /// Maps canonical coordinates to the framebuffer: `origin` at the
    /// bottom-left corner, `pixel_scale` canonical units per pixel.
    pub fn set_view(&self, origin: [f64; 2], pixel_scale: [f64; 2]) {
        let [w, h] = self.size.map(f64::from);
        self.inner.ortho(
            origin[0],
            origin[0] + w * pixel_scale[0],
            origin[1],
            origin[1] + h * pixel_scale[1],
        );
    }

    /// Fills the framebuffer with one colour (components 0 to 1).
    pub fn clear(&self, rgba: [f32; 4]) {
        self.inner.clear(rgba);
    }

    /// The pixels, RGBA8, rows bottom-up (row 0 is the bottom row),
    /// `width * height * 4` bytes.
    pub fn read_rgba(&self) -> Vec<u8> {
        self.inner.read(self.size[0] as i32, self.size[1] as i32)
    }

    /// Creates a 2D texture of `format`, `width` x `height`, from `pixels`
    /// (RGBA, rows bottom-up, packed, in the format's component type), with
    /// the filters and wrapping of an OpenFX host's textures (nearest,
    /// clamp to edge), and returns its name. Nothing is left bound.
    ///
    /// # Panics
    /// When `pixels` is not exactly one image of that size.
    pub fn create_texture(
        &self,
        format: TextureFormat,
        width: u32,
        height: u32,
        pixels: &[u8],
    ) -> u32 {
        let n = width as usize * height as usize * 4 * format.component_bytes();
        assert_eq!(
            pixels.len(),
            n,
            "pixels of a {width}x{height} {format:?} texture"
        );
        self.inner
            .create_texture(format.gl(), width as i32, height as i32, pixels)
    }

    /// Makes `texture` (`width` x `height`) the colour attachment of the
    /// framebuffer, as a host binds an output texture before a render,
    /// with the viewport over all of it.
    ///
    /// # Errors
    /// The framebuffer status when it is not complete.
    pub fn render_to_texture(&self, texture: u32, width: u32, height: u32) -> Result<(), String> {
        match self
            .inner
            .attach_texture(texture, width as i32, height as i32)
        {
            0x8CD5 => Ok(()),
            s => Err(format!("framebuffer incomplete ({s:#x})")),
        }
    }

    /// A texture's pixels, RGBA in the format's component type, rows
    /// bottom-up, as bytes.
    pub fn read_texture(
        &self,
        texture: u32,
        format: TextureFormat,
        width: u32,
        height: u32,
    ) -> Vec<u8> {
        let mut out = vec![0u8; width as usize * height as usize * 4 * format.component_bytes()];
        self.inner.read_texture(texture, format.gl().1, &mut out);
        out
    }

    /// Deletes a texture.
    pub fn delete_texture(&self, texture: u32) {
        self.inner.delete_texture(texture);
    }

    /// The first OpenGL error raised since the last call, if any.
    pub fn error(&self) -> Option<u32> {
        self.inner.error()
    }
}

/// The texture formats of an OpenFX host, one per pixel depth (RGBA).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextureFormat {
    /// `GL_RGBA8`, uploaded and read as bytes.
    Rgba8,
    /// `GL_RGBA16`, as `u16`.
    Rgba16,
    /// `GL_RGBA16F`, as half floats.
    Rgba16F,
    /// `GL_RGBA32F`, as `f32`.
    Rgba32F,
}

impl TextureFormat {
    /// Bytes of one component.
    pub fn component_bytes(self) -> usize {
        match self {
            TextureFormat::Rgba8 => 1,
            TextureFormat::Rgba16 | TextureFormat::Rgba16F => 2,
            TextureFormat::Rgba32F => 4,
        }
    }

    /// The internal format and the component type of transfers.
    fn gl(self) -> (u32, u32) {
        match self {
            TextureFormat::Rgba8 => (0x8058, 0x1401),
            TextureFormat::Rgba16 => (0x805B, 0x1403),
            TextureFormat::Rgba16F => (0x881A, 0x140B),
            TextureFormat::Rgba32F => (0x8814, 0x1406),
        }
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
