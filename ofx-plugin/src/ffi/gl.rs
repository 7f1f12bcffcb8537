//! The OpenGL backend of [`DrawContext`](crate::interact::DrawContext), for
//! hosts without the Draw Suite.
//!
//! Such hosts make their OpenGL context current and set a projection from
//! canonical coordinates before the draw action, so the overlay only issues
//! OpenGL 1.x immediate-mode calls. The GL library is opened at run time on
//! first use (the plugin binary does not link it) and never closed; the
//! handful of functions used are all OpenGL 1.1, which every system GL
//! library exports directly.

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

/// The OpenGL 1.1 functions the backend calls.
struct Gl {
    begin: unsafe extern "system" fn(GLenum),
    end: unsafe extern "system" fn(),
    vertex2d: unsafe extern "system" fn(f64, f64),
    color4f: unsafe extern "system" fn(f32, f32, f32, f32),
    line_width: unsafe extern "system" fn(f32),
    enable: unsafe extern "system" fn(GLenum),
    disable: unsafe extern "system" fn(GLenum),
    line_stipple: unsafe extern "system" fn(i32, u16),
    blend_func: unsafe extern "system" fn(GLenum, GLenum),
    push_attrib: unsafe extern "system" fn(u32),
    pop_attrib: unsafe extern "system" fn(),
    /// Keeps the library mapped for the functions above.
    _lib: libloading::Library,
}

/// The library names tried, in order.
#[cfg(target_os = "linux")]
const LIBRARIES: &[&str] = &["libGL.so.1", "libOpenGL.so.0", "libGL.so"];
#[cfg(target_os = "macos")]
const LIBRARIES: &[&str] = &["/System/Library/Frameworks/OpenGL.framework/OpenGL"];
#[cfg(target_os = "windows")]
const LIBRARIES: &[&str] = &["opengl32.dll"];
#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
const LIBRARIES: &[&str] = &["libGL.so.1", "libGL.so"];

fn load() -> std::result::Result<Gl, String> {
    let mut errors = Vec::new();
    for name in LIBRARIES {
        // SAFETY: loading the system GL library runs its initialisers, which
        // have no preconditions; it is the library the host itself uses.
        match unsafe { libloading::Library::new(name) } {
            Ok(lib) => return symbols(lib).map_err(|e| format!("{name}: {e}")),
            Err(e) => errors.push(format!("{name}: {e}")),
        }
    }
    Err(errors.join("; "))
}

fn symbols(lib: libloading::Library) -> std::result::Result<Gl, libloading::Error> {
    macro_rules! sym {
        ($name:literal) => {
            // SAFETY: the named OpenGL 1.1 function has exactly the signature
            // of the field it is stored in (the C prototypes of gl.h), and
            // the library stays loaded inside the same `Gl` value.
            *unsafe { lib.get($name)? }
        };
    }
    Ok(Gl {
        begin: sym!(b"glBegin\0"),
        end: sym!(b"glEnd\0"),
        vertex2d: sym!(b"glVertex2d\0"),
        color4f: sym!(b"glColor4f\0"),
        line_width: sym!(b"glLineWidth\0"),
        enable: sym!(b"glEnable\0"),
        disable: sym!(b"glDisable\0"),
        line_stipple: sym!(b"glLineStipple\0"),
        blend_func: sym!(b"glBlendFunc\0"),
        push_attrib: sym!(b"glPushAttrib\0"),
        pop_attrib: sym!(b"glPopAttrib\0"),
        _lib: lib,
    })
}

fn gl() -> Result<&'static Gl> {
    static GL: OnceLock<std::result::Result<Gl, String>> = OnceLock::new();
    GL.get_or_init(load).as_ref().map_err(|e| {
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
