//! The host's OpenGL: a headless context on Mesa's surfaceless EGL
//! platform, textures made from and read back into [`ImageBuffer`]s, and
//! the framebuffer object a plugin renders its output into. `libEGL.so.1`
//! is opened at run time, so that ofx-host has no link-time dependency on
//! OpenGL; without the crate's `opengl` feature nothing is loaded and
//! [`GlDevice::open`] says so.
//!
//! The context is desktop OpenGL, compatibility profile (GLSL 1.20 and
//! immediate mode work). An OpenGL context is current on at most one
//! thread at a time: [`GlDevice::make_current`] waits until no other
//! thread holds the device, makes the context current on the calling
//! thread, and its [`GlCurrent`] guard releases it on drop (the same
//! thread may take it again while it holds it). Every GL call checks first
//! that the device's context is current on the calling thread, and is an
//! error otherwise.
//!
//! Textures are `GL_TEXTURE_2D`, RGBA only, one texel per pixel of the
//! image's bounds, texel (0, 0) the bottom-left pixel, with nearest
//! filtering and clamp-to-edge wrapping; the internal format follows the
//! depth: `GL_RGBA8`, `GL_RGBA16`, `GL_RGBA16F`, `GL_RGBA32F`.

use std::sync::{Arc, Condvar, Mutex};
use std::thread::ThreadId;

use crate::image::{Components, Depth, ImageBuffer};

/// An OpenGL error: which step failed and why.
pub type GlError = String;

/// `GL_TEXTURE_2D`, the target of the host's textures
/// (`kOfxImageEffectPropOpenGLTextureTarget`).
pub const TEXTURE_TARGET: u32 = ffi::GL_TEXTURE_2D;

/// The host's OpenGL context.
pub struct GlDevice {
    api: &'static ffi::Api,
    context: usize,
    /// `GL_RENDERER`, e.g. `llvmpipe (LLVM 15.0.6, 256 bits)`.
    pub renderer: String,
    /// The thread holding the context current, and how many guards it
    /// holds.
    owner: Mutex<Option<(ThreadId, usize)>>,
    freed: Condvar,
}

impl std::fmt::Debug for GlDevice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GlDevice")
            .field("renderer", &self.renderer)
            .finish_non_exhaustive()
    }
}

impl GlDevice {
    /// A new context on the surfaceless EGL display.
    ///
    /// # Errors
    /// When the crate was built without its `opengl` feature, when
    /// `libEGL.so.1` cannot be opened, when EGL has no surfaceless platform
    /// or no desktop OpenGL: the message names the step.
    pub fn open() -> Result<Arc<GlDevice>, GlError> {
        let api = ffi::api()?;
        let context = ffi::create_context(api)?;
        let mut device = GlDevice {
            api,
            context,
            renderer: String::new(),
            owner: Mutex::new(None),
            freed: Condvar::new(),
        };
        device.take(std::thread::current().id())?;
        device.renderer = ffi::renderer(api);
        device.give_back();
        Ok(Arc::new(device))
    }

    /// Makes the context current on the calling thread until the guard is
    /// dropped, waiting while another thread holds it.
    ///
    /// # Errors
    /// `eglMakeCurrent` failed.
    pub fn make_current(self: &Arc<Self>) -> Result<GlCurrent, GlError> {
        self.take(std::thread::current().id())?;
        Ok(GlCurrent {
            device: self.clone(),
            _thread: std::marker::PhantomData,
        })
    }

    /// Makes the context current on thread `me` (once more if `me` holds
    /// it already), waiting while another thread holds it; each success is
    /// given back by one [`GlDevice::give_back`].
    fn take(&self, me: ThreadId) -> Result<(), GlError> {
        let mut owner = self.owner.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            match &mut *owner {
                Some((t, n)) if *t == me => {
                    *n += 1;
                    return Ok(());
                }
                Some(_) => {
                    owner = self.freed.wait(owner).unwrap_or_else(|e| e.into_inner());
                }
                None => {
                    ffi::make_current(self.api, self.context)?;
                    *owner = Some((me, 1));
                    return Ok(());
                }
            }
        }
    }

    fn give_back(&self) {
        let mut owner = self.owner.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, n)) = &mut *owner {
            *n -= 1;
            if *n == 0 {
                ffi::release_current(self.api);
                *owner = None;
                self.freed.notify_one();
            }
        }
    }

    /// Whether the context is current on the calling thread.
    pub fn is_current(&self) -> bool {
        ffi::current_context(self.api) == self.context
    }

    fn check(&self) -> Result<(), GlError> {
        if self.is_current() {
            Ok(())
        } else {
            Err("the host's OpenGL context is not current on this thread".into())
        }
    }

    /// A texture holding `img`'s pixels (all of its bounds).
    ///
    /// # Errors
    /// A context not current here, an image that is not RGBA, or the GL
    /// error of the upload (e.g. out of memory).
    pub fn upload(self: &Arc<Self>, img: &ImageBuffer) -> Result<GlTexture, GlError> {
        self.check()?;
        let l = *img.layout();
        if l.components != Components::Rgba {
            return Err(format!(
                "OpenGL textures are RGBA; the image is {}",
                l.components
            ));
        }
        let (internal, ty) = formats(l.depth);
        let (w, h) = (l.width(), l.height());
        let bytes = img.packed_rows();
        let data = (!bytes.is_empty()).then_some(bytes.as_slice());
        let id = ffi::create_texture(
            self.api,
            internal,
            ty,
            w.max(1) as i32,
            h.max(1) as i32,
            data,
        )?;
        Ok(GlTexture {
            device: self.clone(),
            id,
            width: w,
            height: h,
            depth: l.depth,
        })
    }

    /// Reads `tex` back into `img` (same size and depth, RGBA).
    ///
    /// # Errors
    /// A context not current here, or an image of another size or format.
    pub fn download(&self, tex: &GlTexture, img: &mut ImageBuffer) -> Result<(), GlError> {
        self.check()?;
        let l = *img.layout();
        if (l.width(), l.height(), l.depth, l.components)
            != (tex.width, tex.height, tex.depth, Components::Rgba)
        {
            return Err(format!(
                "read back into a {}x{} {} {} image of a {}x{} {} texture",
                l.width(),
                l.height(),
                l.depth,
                l.components,
                tex.width,
                tex.height,
                tex.depth
            ));
        }
        if tex.width == 0 || tex.height == 0 {
            return Ok(());
        }
        let mut bytes = vec![0u8; tex.width * tex.height * l.bytes_per_pixel()];
        ffi::read_texture(self.api, tex.id, formats(tex.depth).1, &mut bytes);
        img.set_packed_rows(&bytes)
    }

    /// A framebuffer object rendering into `tex`, left bound (with the
    /// viewport of the texture's size).
    ///
    /// # Errors
    /// A context not current here, or an incomplete framebuffer.
    pub fn framebuffer(self: &Arc<Self>, tex: &GlTexture) -> Result<GlFramebuffer, GlError> {
        self.check()?;
        let id = ffi::create_framebuffer(
            self.api,
            tex.id,
            tex.width.max(1) as i32,
            tex.height.max(1) as i32,
        )?;
        Ok(GlFramebuffer {
            device: self.clone(),
            id,
        })
    }

    /// Unbinds any framebuffer object (the default framebuffer, which a
    /// surfaceless context does not have, is bound).
    ///
    /// # Errors
    /// A context not current here.
    pub fn unbind_framebuffer(&self) -> Result<(), GlError> {
        self.check()?;
        ffi::bind_framebuffer(self.api, 0, 1, 1);
        Ok(())
    }

    /// `glFinish`: waits for every command issued so far.
    ///
    /// # Errors
    /// A context not current here.
    pub fn finish(&self) -> Result<(), GlError> {
        self.check()?;
        ffi::finish(self.api);
        Ok(())
    }

    /// Every pending `glGetError` code, oldest first (empty when none).
    ///
    /// # Errors
    /// A context not current here.
    pub fn take_errors(&self) -> Result<Vec<u32>, GlError> {
        self.check()?;
        let mut out = Vec::new();
        // GL keeps at most one flag per error kind; a few reads empty it.
        for _ in 0..16 {
            match ffi::get_error(self.api) {
                0 => break,
                e => out.push(e),
            }
        }
        Ok(out)
    }

    /// Loads an orthographic projection (`glOrtho` with near -1, far 1)
    /// and an identity model view.
    ///
    /// # Errors
    /// A context not current here.
    pub fn ortho(&self, left: f64, right: f64, bottom: f64, top: f64) -> Result<(), GlError> {
        self.check()?;
        ffi::ortho(self.api, left, right, bottom, top);
        Ok(())
    }

    /// Sets the state a render action starts in, as Natron does: viewport
    /// and scissor box on `window` (pixel coordinates) inside the bound
    /// framebuffer of an image whose bounds start at `origin`, and an
    /// orthographic projection in pixel coordinates over the window, so
    /// that a quad from `(x1, y1)` to `(x2, y2)` covers it.
    ///
    /// # Errors
    /// A context not current here.
    pub fn set_render_region(&self, origin: [i32; 2], window: [i32; 4]) -> Result<(), GlError> {
        self.check()?;
        ffi::set_render_region(self.api, origin, window);
        Ok(())
    }

    /// Ends the region set by [`set_render_region`](GlDevice::set_render_region):
    /// the scissor test off.
    ///
    /// # Errors
    /// A context not current here.
    pub fn end_render_region(&self) -> Result<(), GlError> {
        self.check()?;
        ffi::end_render_region(self.api);
        Ok(())
    }

    /// Fills the bound framebuffer with one colour (components 0 to 1).
    ///
    /// # Errors
    /// A context not current here.
    pub fn clear(&self, rgba: [f32; 4]) -> Result<(), GlError> {
        self.check()?;
        ffi::clear(self.api, rgba);
        Ok(())
    }
}

impl Drop for GlDevice {
    fn drop(&mut self) {
        ffi::destroy_context(self.api, self.context);
    }
}

/// The internal format and pixel type of a depth.
fn formats(depth: Depth) -> (u32, u32) {
    match depth {
        Depth::U8 => (ffi::GL_RGBA8, ffi::GL_UNSIGNED_BYTE),
        Depth::U16 => (ffi::GL_RGBA16, ffi::GL_UNSIGNED_SHORT),
        Depth::Half => (ffi::GL_RGBA16F, ffi::GL_HALF_FLOAT),
        Depth::F32 => (ffi::GL_RGBA32F, ffi::GL_FLOAT),
    }
}

/// The device's context, current on the thread that made this guard until
/// it is dropped.
pub struct GlCurrent {
    device: Arc<GlDevice>,
    /// Current on one thread: the guard stays on it.
    _thread: std::marker::PhantomData<*const ()>,
}

impl std::fmt::Debug for GlCurrent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "GlCurrent({:?})", self.device)
    }
}

impl GlCurrent {
    /// The device whose context is current.
    pub fn device(&self) -> &Arc<GlDevice> {
        &self.device
    }
}

impl Drop for GlCurrent {
    fn drop(&mut self) {
        self.device.give_back();
    }
}

/// A texture the host made. Deleted on drop when the device's context is
/// current on the dropping thread (otherwise it goes with the context).
pub struct GlTexture {
    device: Arc<GlDevice>,
    id: u32,
    width: usize,
    height: usize,
    depth: Depth,
}

impl std::fmt::Debug for GlTexture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "GlTexture({}, {}x{} {})",
            self.id, self.width, self.height, self.depth
        )
    }
}

impl GlTexture {
    /// The texture name handed to plugins
    /// (`kOfxImageEffectPropOpenGLTextureIndex`).
    pub fn id(&self) -> u32 {
        self.id
    }

    /// The texel format's depth.
    pub fn depth(&self) -> Depth {
        self.depth
    }
}

impl Drop for GlTexture {
    fn drop(&mut self) {
        if self.device.is_current() {
            ffi::delete_texture(self.device.api, self.id);
        }
    }
}

/// A framebuffer object the host made; deleted on drop as [`GlTexture`]s
/// are.
pub struct GlFramebuffer {
    device: Arc<GlDevice>,
    id: u32,
}

impl std::fmt::Debug for GlFramebuffer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "GlFramebuffer({})", self.id)
    }
}

impl Drop for GlFramebuffer {
    fn drop(&mut self) {
        if self.device.is_current() {
            ffi::delete_framebuffer(self.device.api, self.id);
        }
    }
}

#[allow(unsafe_code)] // dlopen of libEGL and the EGL/GL calls
mod ffi;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn made_current_is_current() {
        let d = GlDevice::open().unwrap();
        assert!(!d.is_current());
        let c = d.make_current().unwrap();
        assert!(d.is_current(), "{:#x}", ffi::current_context(d.api));
        drop(c);
        assert!(!d.is_current());
    }
}
