//! The OpenGL backend of [`DrawContext`](crate::interact::DrawContext), for
//! hosts without the Draw Suite.
//!
//! Such hosts make their OpenGL context current and set a projection from
//! canonical coordinates before the draw action, so the overlay only issues
//! OpenGL 1.x immediate-mode calls. The GL library is opened at run time on
//! first use (the plugin binary does not link it) and never closed; the
//! handful of functions used are all OpenGL 1.1, which every system GL
//! library exports directly.
//!
//! [`library`] and [`GlLibrary::function`] are the one loader of GL
//! functions in this crate: the shader passes of
//! [`GlProgram`](crate::gpu::GlProgram) load their OpenGL 2.0 functions
//! through it too, falling back to the platform's `GetProcAddress`.

use std::ffi::{CStr, c_char, c_void};
use std::sync::OnceLock;

use crate::error::{Error, Result};
use crate::geometry::PointD;
use crate::interact::draw::{Backend, Primitive};
use crate::interact::{Colour, LineStipple, TextAlign};

type GLenum = u32;

const LINES: GLenum = 0x0001;
const LINE_LOOP: GLenum = 0x0002;
const LINE_STRIP: GLenum = 0x0003;
const QUADS: GLenum = 0x0007;
const POLYGON: GLenum = 0x0009;
const LINE_STIPPLE: GLenum = 0x0B24;
const BLEND: GLenum = 0x0BE2;
const SRC_ALPHA: GLenum = 0x0302;
const ONE_MINUS_SRC_ALPHA: GLenum = 0x0303;
/// `GL_CURRENT_BIT | GL_LINE_BIT | GL_ENABLE_BIT | GL_COLOR_BUFFER_BIT`:
/// the state the overlay changes, restored when it is done.
const SAVED_STATE: u32 = 0x0001 | 0x0004 | 0x2000 | 0x4000;

/// Declares a table of GL functions, with a `load` that looks each one up
/// through a [`GlLibrary`] and fails naming the first one missing.
macro_rules! gl_functions {
    ($(#[$m:meta])* $name:ident {
        $($field:ident: fn($($arg:ty),*) $(-> $ret:ty)? = $sym:literal;)*
    }) => {
        $(#[$m])*
        struct $name {
            $($field: unsafe extern "system" fn($($arg),*) $(-> $ret)?,)*
        }

        impl $name {
            fn load(lib: &$crate::ffi::gl::GlLibrary) -> std::result::Result<$name, String> {
                Ok($name {
                    $($field: {
                        let p = lib.function($sym);
                        if p.is_null() {
                            return Err(format!("{} is missing", $sym.to_string_lossy()));
                        }
                        // SAFETY: the named GL function has exactly the C
                        // prototype of the field (gl.h, glext.h), and the
                        // library stays loaded for the life of the process.
                        unsafe {
                            std::mem::transmute::<
                                *const std::ffi::c_void,
                                unsafe extern "system" fn($($arg),*) $(-> $ret)?,
                            >(p)
                        }
                    },)*
                })
            }
        }
    };
}
pub(crate) use gl_functions;

gl_functions!(
    /// The OpenGL 1.1 functions the backend calls.
    Gl {
        begin: fn(GLenum) = c"glBegin";
        end: fn() = c"glEnd";
        vertex2d: fn(f64, f64) = c"glVertex2d";
        color4f: fn(f32, f32, f32, f32) = c"glColor4f";
        line_width: fn(f32) = c"glLineWidth";
        enable: fn(GLenum) = c"glEnable";
        disable: fn(GLenum) = c"glDisable";
        line_stipple: fn(i32, u16) = c"glLineStipple";
        blend_func: fn(GLenum, GLenum) = c"glBlendFunc";
        push_attrib: fn(u32) = c"glPushAttrib";
        pop_attrib: fn() = c"glPopAttrib";
    }
);

/// The library names tried, in order.
#[cfg(target_os = "linux")]
const LIBRARIES: &[&str] = &["libGL.so.1", "libOpenGL.so.0", "libGL.so"];
#[cfg(target_os = "macos")]
const LIBRARIES: &[&str] = &["/System/Library/Frameworks/OpenGL.framework/OpenGL"];
#[cfg(target_os = "windows")]
const LIBRARIES: &[&str] = &["opengl32.dll"];
#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
const LIBRARIES: &[&str] = &["libGL.so.1", "libGL.so"];

/// The platform's `GetProcAddress` for functions the library does not
/// export (on Windows, everything after OpenGL 1.1), looked up in the GL
/// library itself, or else in the EGL library of the same vendor.
#[cfg(target_os = "windows")]
const PROC_ADDRESS: &[(Option<&str>, &CStr)] = &[(None, c"wglGetProcAddress")];
#[cfg(target_os = "macos")]
const PROC_ADDRESS: &[(Option<&str>, &CStr)] = &[];
#[cfg(not(any(target_os = "windows", target_os = "macos")))]
const PROC_ADDRESS: &[(Option<&str>, &CStr)] = &[
    (None, c"glXGetProcAddressARB"),
    (Some("libEGL.so.1"), c"eglGetProcAddress"),
];

type GetProcAddress = unsafe extern "system" fn(*const c_char) -> *const c_void;

/// The system OpenGL library, opened once per process and never closed,
/// and the platform's `GetProcAddress` functions found next to it.
pub(crate) struct GlLibrary {
    lib: libloading::Library,
    /// The `GetProcAddress` functions found, with the library that holds
    /// each (kept loaded here).
    get_proc: Vec<(GetProcAddress, Option<libloading::Library>)>,
}

impl GlLibrary {
    fn open() -> std::result::Result<GlLibrary, String> {
        let mut errors = Vec::new();
        for name in LIBRARIES {
            // SAFETY: loading the system GL library runs its initialisers,
            // which have no preconditions; it is the library the host itself
            // uses.
            match unsafe { libloading::Library::new(name) } {
                Ok(lib) => {
                    let get_proc = proc_address_functions(&lib);
                    return Ok(GlLibrary { lib, get_proc });
                }
                Err(e) => errors.push(format!("{name}: {e}")),
            }
        }
        Err(errors.join("; "))
    }

    /// The address of the GL function `name`: exported by the library, or
    /// else given by the platform's `GetProcAddress`; null when neither
    /// knows it. The caller converts it to the function's C prototype.
    pub(crate) fn function(&self, name: &CStr) -> *const c_void {
        // SAFETY: looking a symbol up by NUL-terminated name, read as a
        // plain address; nothing is called here.
        let exported = unsafe { self.lib.get::<*const c_void>(name.to_bytes_with_nul()) };
        if let Ok(p) = exported
            && !p.is_null()
        {
            return *p;
        }
        for (get, _) in &self.get_proc {
            // SAFETY: a `GetProcAddress` of the platform (C prototype
            // `void *(const char *)`), given a NUL-terminated name that
            // outlives the call; its library is kept loaded beside it.
            let p = unsafe { get(name.as_ptr()) };
            if !p.is_null() {
                return p;
            }
        }
        std::ptr::null()
    }
}

fn proc_address_functions(
    gl: &libloading::Library,
) -> Vec<(GetProcAddress, Option<libloading::Library>)> {
    let mut found = Vec::new();
    for (library, name) in PROC_ADDRESS {
        let own = match library {
            None => None,
            // SAFETY: as for the GL library: a system library whose
            // initialisers have no preconditions.
            Some(l) => match unsafe { libloading::Library::new(l) } {
                Ok(lib) => Some(lib),
                Err(_) => continue,
            },
        };
        let lib = own.as_ref().unwrap_or(gl);
        // SAFETY: the named function has the C prototype
        // `void *(const char *)` of `GetProcAddress`; the library that holds
        // it is stored beside it (or is the GL library, kept loaded too).
        let f = unsafe { lib.get::<GetProcAddress>(name.to_bytes_with_nul()) };
        if let Ok(f) = f {
            let f = *f;
            found.push((f, own));
        }
    }
    found
}

/// The GL library of the process, opened on first use.
///
/// # Errors
/// The names tried and why each failed to load.
pub(crate) fn library() -> std::result::Result<&'static GlLibrary, &'static str> {
    static LIB: OnceLock<std::result::Result<GlLibrary, String>> = OnceLock::new();
    LIB.get_or_init(GlLibrary::open)
        .as_ref()
        .map_err(String::as_str)
}

fn gl() -> Result<&'static Gl> {
    static GL: OnceLock<std::result::Result<Gl, String>> = OnceLock::new();
    GL.get_or_init(|| Gl::load(library()?))
        .as_ref()
        .map_err(|e| {
            Error::missing_host_feature(format!(
                "the host passed no Draw Suite context and OpenGL could not be loaded ({e})"
            ))
        })
}

/// Draws with OpenGL into the host's current context, for one draw action.
/// Saves the GL state it changes when created and restores it on drop.
pub(crate) struct GlBackend {
    gl: &'static Gl,
    pixel_scale: PointD,
}

impl GlBackend {
    /// Loads OpenGL (once per process) and prepares the host's context:
    /// alpha blending on, the touched state saved.
    pub(crate) fn begin(pixel_scale: PointD) -> Result<GlBackend> {
        let gl = gl()?;
        // SAFETY: the host made its GL context current on this thread for
        // the draw action (the OpenFX contract for hosts without the Draw
        // Suite); these calls only change and save context state.
        unsafe {
            (gl.push_attrib)(SAVED_STATE);
            (gl.enable)(BLEND);
            (gl.blend_func)(SRC_ALPHA, ONE_MINUS_SRC_ALPHA);
        }
        Ok(GlBackend { gl, pixel_scale })
    }
}

impl Drop for GlBackend {
    fn drop(&mut self) {
        // SAFETY: pairs the glPushAttrib of `begin`, in the same context.
        unsafe { (self.gl.pop_attrib)() }
    }
}

impl Backend for GlBackend {
    fn colour(&mut self, c: Colour) -> Result<()> {
        // SAFETY: a context is current (see `begin`); plain state change.
        unsafe { (self.gl.color4f)(c.r, c.g, c.b, c.a) };
        Ok(())
    }
    fn line_width(&mut self, width: f32) -> Result<()> {
        // SAFETY: as above.
        unsafe { (self.gl.line_width)(width) };
        Ok(())
    }
    fn stipple(&mut self, s: LineStipple) -> Result<()> {
        let pattern = match s {
            LineStipple::Solid => None,
            LineStipple::Dot => Some((2, 0xAAAA)),
            LineStipple::Dash => Some((2, 0xF0F0)),
            LineStipple::AltDash => Some((2, 0x0F0F)),
            LineStipple::DotDash => Some((2, 0x27FF)),
        };
        // SAFETY: as above.
        unsafe {
            match pattern {
                None => (self.gl.disable)(LINE_STIPPLE),
                Some((factor, bits)) => {
                    (self.gl.enable)(LINE_STIPPLE);
                    (self.gl.line_stipple)(factor, bits);
                }
            }
        }
        Ok(())
    }
    fn primitive(&mut self, kind: Primitive, points: &[PointD]) -> Result<()> {
        let corners;
        let (mode, points) = match kind {
            Primitive::Lines => (LINES, points),
            Primitive::LineStrip => (LINE_STRIP, points),
            Primitive::LineLoop => (LINE_LOOP, points),
            Primitive::Polygon => (POLYGON, points),
            Primitive::Rectangle => {
                let (a, b) = (points[0], points[1]);
                corners = [a, PointD::new(b.x, a.y), b, PointD::new(a.x, b.y)];
                (QUADS, &corners[..])
            }
        };
        // SAFETY: a context is current; glBegin/glEnd are paired around
        // vertex calls only, as immediate mode requires.
        unsafe {
            (self.gl.begin)(mode);
            for p in points {
                (self.gl.vertex2d)(p.x, p.y);
            }
            (self.gl.end)();
        }
        Ok(())
    }
    fn text(&mut self, text: &str, pos: PointD, align: TextAlign) -> Result<()> {
        let segs = crate::interact::font_segments(text, pos, align, self.pixel_scale);
        if segs.is_empty() {
            return Ok(());
        }
        self.primitive(Primitive::Lines, &segs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::RectD;
    use crate::interact::DrawContext;

    /// The backend draws into a real (Mesa, offscreen) context: a filled
    /// rectangle covers its pixels, blended by alpha, and the GL state the
    /// backend changed is restored after it.
    #[test]
    fn the_gl_backend_draws_into_the_current_context() {
        let ctx = gl_harness::GlContext::new(16, 8).expect("Mesa's surfaceless EGL is required");
        ctx.set_view([0.0, 0.0], [2.0, 2.0]); // 32 x 16 canonical units
        ctx.clear([0.0, 0.0, 0.0, 1.0]);
        {
            let mut b = GlBackend::begin(PointD::new(2.0, 2.0)).unwrap();
            let mut dc = DrawContext::new(&mut b, PointD::new(2.0, 2.0));
            dc.set_colour(Colour::rgba(1.0, 0.0, 0.0, 0.5)).unwrap();
            dc.rectangle(RectD::new(0.0, 0.0, 8.0, 4.0)).unwrap();
        }
        assert_eq!(ctx.error(), None);
        let px = ctx.read_rgba();
        let at = |x: usize, y: usize| &px[(y * 16 + x) * 4..][..4];
        assert_eq!(at(0, 0)[..3], [128, 0, 0], "inside, half red over black");
        assert_eq!(at(3, 1)[..3], [128, 0, 0]);
        assert_eq!(at(4, 0)[..3], [0, 0, 0], "outside the rectangle");
        assert_eq!(at(0, 2)[..3], [0, 0, 0]);
        let red = px.chunks(4).filter(|p| p[0] > 0).count();
        assert_eq!(red, 4 * 2);
    }
}
