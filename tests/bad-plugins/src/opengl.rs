//! The OpenGL render of the OpenGL test plugins: textures through the
//! host's OpenGL render suite, and a copy of the source texture into the
//! host's framebuffer drawn with OpenGL 1.1 immediate mode (a textured
//! quad, nearest filtering, `GL_REPLACE`), through `libGL.so.1` opened at
//! run time (as a plugin binary that must load on machines without OpenGL
//! does). libGL's entry points act on whatever context is current on the
//! calling thread: the host's, during its OpenGL render.

use std::ffi::{CStr, CString, c_void};
use std::ptr::{null, null_mut};
use std::sync::OnceLock;

use ofx_sys::{OfxImageClipHandle, OfxImageEffectOpenGLRenderSuiteV1, OfxPropertySetHandle};

use crate::raw::{self, Props};
use crate::{Fault, Result};

const GL_COLOR_BUFFER_BIT: u32 = 0x4000;
const GL_TEXTURE_2D: u32 = 0x0DE1;
const GL_TEXTURE_ENV: u32 = 0x2300;
const GL_TEXTURE_ENV_MODE: u32 = 0x2200;
const GL_REPLACE: i32 = 0x1E01;
const GL_QUADS: u32 = 0x0007;

struct Gl {
    _lib: libloading::Library,
    enable: unsafe extern "C" fn(u32),
    disable: unsafe extern "C" fn(u32),
    clear_color: unsafe extern "C" fn(f32, f32, f32, f32),
    clear: unsafe extern "C" fn(u32),
    bind_texture: unsafe extern "C" fn(u32, u32),
    tex_envi: unsafe extern "C" fn(u32, u32, i32),
    begin: unsafe extern "C" fn(u32),
    end: unsafe extern "C" fn(),
    tex_coord2d: unsafe extern "C" fn(f64, f64),
    vertex2d: unsafe extern "C" fn(f64, f64),
    tex_sub_image_2d: unsafe extern "C" fn(u32, i32, i32, i32, i32, i32, u32, u32, *const c_void),
}

// SAFETY: the table holds only function pointers and the library handle,
// never written after loading; libGL's functions act on the calling
// thread's current context.
unsafe impl Sync for Gl {}
// SAFETY: as above.
unsafe impl Send for Gl {}

fn gl() -> Result<&'static Gl> {
    static GL: OnceLock<Option<Gl>> = OnceLock::new();
    GL.get_or_init(|| {
        // SAFETY: libGL is a plain C library.
        let lib = unsafe { libloading::Library::new("libGL.so.1") }.ok()?;
        // SAFETY: each symbol is the OpenGL 1.1 function of that name with
        // the C signature of the field it goes into.
        unsafe {
            Some(Gl {
                enable: *lib.get(b"glEnable\0").ok()?,
                disable: *lib.get(b"glDisable\0").ok()?,
                clear_color: *lib.get(b"glClearColor\0").ok()?,
                clear: *lib.get(b"glClear\0").ok()?,
                bind_texture: *lib.get(b"glBindTexture\0").ok()?,
                tex_envi: *lib.get(b"glTexEnvi\0").ok()?,
                begin: *lib.get(b"glBegin\0").ok()?,
                end: *lib.get(b"glEnd\0").ok()?,
                tex_coord2d: *lib.get(b"glTexCoord2d\0").ok()?,
                vertex2d: *lib.get(b"glVertex2d\0").ok()?,
                tex_sub_image_2d: *lib.get(b"glTexSubImage2D\0").ok()?,
                _lib: lib,
            })
        }
    })
    .as_ref()
    .ok_or(ofx_sys::kOfxStatGPURenderFailed)
}

fn suite() -> Result<&'static OfxImageEffectOpenGLRenderSuiteV1> {
    let p = raw::fetch_suite(ofx_sys::kOfxOpenGLRenderSuite, 1);
    // SAFETY: a suite table from fetchSuite lives as long as the host.
    unsafe { p.cast::<OfxImageEffectOpenGLRenderSuiteV1>().as_ref() }
        .ok_or(ofx_sys::kOfxStatErrMissingHostFeature)
}

/// A texture the host loaded: its handle, texture name, bounds and depth.
pub(crate) struct Texture {
    handle: OfxPropertySetHandle,
    index: u32,
    bounds: [i32; 4],
    depth: CString,
}

/// `clipLoadTexture` at `time`, in `format` (`None`: the host's choice),
/// no region. The texture's properties are checked against the contract
/// (`GL_TEXTURE_2D`, no data pointer, packed row bytes), and a texture that
/// breaks it is freed and answered with `kOfxStatErrValue`.
pub(crate) fn load(clip: OfxImageClipHandle, time: f64, format: Option<&CStr>) -> Result<Texture> {
    let f = suite()?
        .clipLoadTexture
        .ok_or(ofx_sys::kOfxStatErrMissingHostFeature)?;
    let mut h: OfxPropertySetHandle = null_mut();
    // SAFETY: host function, host clip handle, null or a C string format,
    // null region, out pointer.
    let status = unsafe {
        f(
            clip,
            time,
            format.map_or(null(), CStr::as_ptr),
            null(),
            &mut h,
        )
    };
    if status != ofx_sys::kOfxStatOK {
        return Err(status);
    }
    let p = Props(h);
    let describe = || -> Result<Texture> {
        let bounds = p.get_int4(ofx_sys::kOfxImagePropBounds)?;
        let depth = p.get_string(ofx_sys::kOfxImageEffectPropPixelDepth)?;
        let bytes = match depth.as_str() {
            "OfxBitDepthByte" => 4,
            "OfxBitDepthShort" | "OfxBitDepthHalf" => 8,
            "OfxBitDepthFloat" => 16,
            _ => return Err(ofx_sys::kOfxStatErrValue),
        };
        let target = p.get_int(ofx_sys::kOfxImageEffectPropOpenGLTextureTarget)?;
        let row_bytes = p.get_int(ofx_sys::kOfxImagePropRowBytes)?;
        let data = p.get_pointer(ofx_sys::kOfxImagePropData)?;
        if target != GL_TEXTURE_2D as i32
            || row_bytes != (bounds[2] - bounds[0]) * bytes
            || !data.is_null()
            || format.is_some_and(|f| f.to_bytes() != depth.as_bytes())
        {
            return Err(ofx_sys::kOfxStatErrValue);
        }
        Ok(Texture {
            handle: h,
            index: p.get_int(ofx_sys::kOfxImageEffectPropOpenGLTextureIndex)? as u32,
            bounds,
            depth: CString::new(depth).map_err(|_| ofx_sys::kOfxStatErrValue)?,
        })
    };
    describe().inspect_err(|_| {
        if let Ok(free) = suite().and_then(|s| s.clipFreeTexture.ok_or(ofx_sys::kOfxStatFailed)) {
            // SAFETY: freeing the handle loaded above.
            unsafe { free(h) };
        }
    })
}

/// `clipFreeTexture`.
pub(crate) fn free(t: Texture) {
    if let Ok(f) = suite().and_then(|s| s.clipFreeTexture.ok_or(ofx_sys::kOfxStatFailed)) {
        // SAFETY: freeing a handle `load` got.
        unsafe { f(t.handle) };
    }
}

/// The OpenGL render: the output cleared to transparent black inside the
/// window, then the source's pixels inside the window drawn into it (the
/// source loaded in the output's depth, which the host converts to).
pub(crate) fn render(fault: Fault, effect: *const c_void, args: &Props) -> Result<()> {
    let time = args.get_double(ofx_sys::kOfxPropTime, 0)?;
    let window = args.get_int4(ofx_sys::kOfxImageEffectPropRenderWindow)?;
    let out_clip = raw::clip_handle(effect, ofx_sys::kOfxImageEffectOutputClipName)?;
    let src_clip = raw::clip_handle(effect, ofx_sys::kOfxImageEffectSimpleSourceClipName)?;
    let gl = gl()?;
    let out = load(out_clip, time, None)?;
    let src = match load(src_clip, time, Some(&out.depth)) {
        Ok(t) => Some(t),
        Err(ofx_sys::kOfxStatErrValue) => {
            free(out);
            return Err(ofx_sys::kOfxStatErrValue);
        }
        Err(_) => None,
    };
    let ob = out.bounds;
    let region = [
        window[0].max(ob[0]),
        window[1].max(ob[1]),
        window[2].min(ob[2]),
        window[3].min(ob[3]),
    ];
    // SAFETY: the host's context is current on this thread during its
    // OpenGL render, with the output's framebuffer bound and, as Natron
    // sets it, the viewport and scissor box on the render window and a
    // projection in pixel coordinates over it (the plugin relies on that
    // state: a host that did not set it fails the tests); every call is an
    // OpenGL 1.1 function with valid arguments.
    unsafe {
        // Inside the host's scissor box only: the window.
        (gl.clear_color)(0.0, 0.0, 0.0, 0.0);
        (gl.clear)(GL_COLOR_BUFFER_BIT);
        if let Some(src) = &src {
            let sb = src.bounds;
            let r = [
                region[0].max(sb[0]),
                region[1].max(sb[1]),
                region[2].min(sb[2]),
                region[3].min(sb[3]),
            ];
            if r[2] > r[0] && r[3] > r[1] {
                let (sw, sh) = (f64::from(sb[2] - sb[0]), f64::from(sb[3] - sb[1]));
                (gl.enable)(GL_TEXTURE_2D);
                (gl.bind_texture)(GL_TEXTURE_2D, src.index);
                (gl.tex_envi)(GL_TEXTURE_ENV, GL_TEXTURE_ENV_MODE, GL_REPLACE);
                (gl.begin)(GL_QUADS);
                for (x, y) in [(r[0], r[1]), (r[2], r[1]), (r[2], r[3]), (r[0], r[3])] {
                    (gl.tex_coord2d)(f64::from(x - sb[0]) / sw, f64::from(y - sb[1]) / sh);
                    (gl.vertex2d)(f64::from(x), f64::from(y));
                }
                (gl.end)();
                (gl.bind_texture)(GL_TEXTURE_2D, 0);
                (gl.disable)(GL_TEXTURE_2D);
            }
        }
        if fault == Fault::WritesInputTexture
            && let Some(src) = &src
        {
            // The rule broken: one texel of the source texture overwritten
            // (GL_RGBA, GL_FLOAT: the GL converts to the texture's format).
            let texel = [0.25f32, 0.5, 0.75, 1.0];
            (gl.bind_texture)(GL_TEXTURE_2D, src.index);
            (gl.tex_sub_image_2d)(
                GL_TEXTURE_2D,
                0,
                0,
                0,
                1,
                1,
                0x1908,
                0x1406,
                texel.as_ptr().cast(),
            );
            (gl.bind_texture)(GL_TEXTURE_2D, 0);
        }
        if fault == Fault::LeavesGlError {
            // The rule broken: no capability has this value, so GL sets
            // GL_INVALID_ENUM, and the plugin returns without reading it.
            (gl.enable)(0xFFFF);
        }
    }
    free(out);
    // The rule LeaksTexture breaks: its source texture is never freed.
    if let Some(src) = src
        && fault != Fault::LeaksTexture
    {
        free(src);
    }
    Ok(())
}

/// The rule TextureOutsideRender breaks: the source loaded as a texture in
/// begin sequence render (the host refuses it; the plugin carries on).
pub(crate) fn load_outside_render(effect: *const c_void, args: &Props) {
    let time = args
        .get_double(ofx_sys::kOfxImageEffectPropFrameRange, 0)
        .unwrap_or(0.0);
    if let Ok(clip) = raw::clip_handle(effect, ofx_sys::kOfxImageEffectSimpleSourceClipName)
        && let Ok(t) = load(clip, time, None)
    {
        free(t);
    }
}
