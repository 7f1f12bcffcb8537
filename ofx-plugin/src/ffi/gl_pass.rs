//! The OpenGL 2.0 calls of [`GlProgram`](crate::gpu::GlProgram): compiling
//! and linking GLSL, listing a program's uniforms, and drawing one quad with
//! a program into the bound framebuffer, restoring the state it changed.
//!
//! The functions are loaded through the crate's one GL loader
//! ([`super::gl::library`]), which falls back to the platform's
//! `GetProcAddress` for what the library does not export.
//!
//! Every function here needs an OpenGL context current on the calling
//! thread. The safe layer above calls them only during an OpenGL render
//! (the host made its context current, per `ofxGPURender.h`), or from
//! tests that made one current.

use std::ffi::c_char;
use std::sync::OnceLock;

use crate::error::{Error, ErrorKind, Result};

type GLenum = u32;

const FRAGMENT_SHADER: GLenum = 0x8B30;
const VERTEX_SHADER: GLenum = 0x8B31;
const COMPILE_STATUS: GLenum = 0x8B81;
const LINK_STATUS: GLenum = 0x8B82;
const INFO_LOG_LENGTH: GLenum = 0x8B84;
const ACTIVE_UNIFORMS: GLenum = 0x8B86;
const ACTIVE_UNIFORM_MAX_LENGTH: GLenum = 0x8B87;
const CURRENT_PROGRAM: GLenum = 0x8B8D;
const ACTIVE_TEXTURE: GLenum = 0x84E0;
const TEXTURE0: GLenum = 0x84C0;
const TEXTURE_2D: GLenum = 0x0DE1;
const TEXTURE_BINDING_2D: GLenum = 0x8069;
const MAX_TEXTURE_IMAGE_UNITS: GLenum = 0x8872;
#[cfg(test)]
const VIEWPORT: GLenum = 0x0BA2;
const FRAMEBUFFER_BINDING: GLenum = 0x8CA6;
const OUT_OF_MEMORY: GLenum = 0x0505;
/// `GL_VIEWPORT_BIT | GL_ENABLE_BIT | GL_COLOR_BUFFER_BIT`: the fixed
/// state a pass changes, saved with `glPushAttrib`.
const SAVED_STATE: u32 = 0x0800 | 0x2000 | 0x4000;
/// Tests that would drop or mask the quad's fragments: turned off for the
/// pass (`GL_BLEND`, `GL_DEPTH_TEST`, `GL_SCISSOR_TEST`, `GL_STENCIL_TEST`,
/// `GL_CULL_FACE`, `GL_ALPHA_TEST`).
const DISABLED: [GLenum; 6] = [0x0BE2, 0x0B71, 0x0C11, 0x0B90, 0x0B44, 0x0BC0];

/// The vertex shader of every pass: `glRectf(-1, -1, 1, 1)` covers the
/// viewport whatever the matrices are.
const VERTEX: &str = "#version 120\nvoid main() { gl_Position = gl_Vertex; }\n";

/// A uniform value a pass sets, typed as GLSL declares it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Uniform {
    /// A `float`.
    Float(f32),
    /// A `vec2`.
    Vec2([f32; 2]),
    /// A `vec3`.
    Vec3([f32; 3]),
    /// A `vec4`.
    Vec4([f32; 4]),
    /// An `int` (or a `bool`: non-zero is true).
    Int(i32),
    /// An `ivec2`.
    IVec2([i32; 2]),
    /// An `ivec4`.
    IVec4([i32; 4]),
}

impl Uniform {
    /// The GLSL types (`GL_FLOAT`, `GL_FLOAT_VEC2`...) this value can set.
    pub(crate) fn accepts(&self, gl_type: u32) -> bool {
        match self {
            Uniform::Float(_) => gl_type == 0x1406,
            Uniform::Vec2(_) => gl_type == 0x8B50,
            Uniform::Vec3(_) => gl_type == 0x8B51,
            Uniform::Vec4(_) => gl_type == 0x8B52,
            Uniform::Int(_) => gl_type == 0x1404 || gl_type == 0x8B56,
            Uniform::IVec2(_) => gl_type == 0x8B53,
            Uniform::IVec4(_) => gl_type == 0x8B55,
        }
    }
}

/// The GLSL name of a uniform type, for error messages.
pub(crate) fn type_name(gl_type: u32) -> &'static str {
    match gl_type {
        0x1406 => "float",
        0x8B50 => "vec2",
        0x8B51 => "vec3",
        0x8B52 => "vec4",
        0x1404 => "int",
        0x8B53 => "ivec2",
        0x8B54 => "ivec3",
        0x8B55 => "ivec4",
        0x8B56 => "bool",
        0x8B5E => "sampler2D",
        _ => "another type",
    }
}

super::gl::gl_functions!(
    /// The OpenGL 2.0 (and 1.x) functions of a pass.
    Gl2 {
        create_shader: fn(GLenum) -> u32 = c"glCreateShader";
        shader_source: fn(u32, i32, *const *const c_char, *const i32) = c"glShaderSource";
        compile_shader: fn(u32) = c"glCompileShader";
        get_shader_iv: fn(u32, GLenum, *mut i32) = c"glGetShaderiv";
        get_shader_info_log: fn(u32, i32, *mut i32, *mut c_char) = c"glGetShaderInfoLog";
        delete_shader: fn(u32) = c"glDeleteShader";
        create_program: fn() -> u32 = c"glCreateProgram";
        attach_shader: fn(u32, u32) = c"glAttachShader";
        link_program: fn(u32) = c"glLinkProgram";
        get_program_iv: fn(u32, GLenum, *mut i32) = c"glGetProgramiv";
        get_program_info_log: fn(u32, i32, *mut i32, *mut c_char) = c"glGetProgramInfoLog";
        delete_program: fn(u32) = c"glDeleteProgram";
        use_program: fn(u32) = c"glUseProgram";
        get_active_uniform: fn(u32, u32, i32, *mut i32, *mut i32, *mut u32, *mut c_char) = c"glGetActiveUniform";
        get_uniform_location: fn(u32, *const c_char) -> i32 = c"glGetUniformLocation";
        uniform1i: fn(i32, i32) = c"glUniform1i";
        uniform2i: fn(i32, i32, i32) = c"glUniform2i";
        uniform4i: fn(i32, i32, i32, i32, i32) = c"glUniform4i";
        uniform1f: fn(i32, f32) = c"glUniform1f";
        uniform2f: fn(i32, f32, f32) = c"glUniform2f";
        uniform3f: fn(i32, f32, f32, f32) = c"glUniform3f";
        uniform4f: fn(i32, f32, f32, f32, f32) = c"glUniform4f";
        active_texture: fn(GLenum) = c"glActiveTexture";
        bind_texture: fn(GLenum, u32) = c"glBindTexture";
        get_integerv: fn(GLenum, *mut i32) = c"glGetIntegerv";
        viewport: fn(i32, i32, i32, i32) = c"glViewport";
        push_attrib: fn(u32) = c"glPushAttrib";
        pop_attrib: fn() = c"glPopAttrib";
        disable: fn(GLenum) = c"glDisable";
        color_mask: fn(u8, u8, u8, u8) = c"glColorMask";
        rectf: fn(f32, f32, f32, f32) = c"glRectf";
        get_error: fn() -> GLenum = c"glGetError";
        is_program: fn(u32) -> u8 = c"glIsProgram";
    }
);

fn gl2() -> Result<&'static Gl2> {
    static GL: OnceLock<std::result::Result<Gl2, String>> = OnceLock::new();
    GL.get_or_init(|| Gl2::load(super::gl::library()?))
        .as_ref()
        .map_err(|e| {
            Error::with_message(
                ErrorKind::GpuRenderFailed,
                format!("OpenGL 2.0 could not be loaded ({e})"),
            )
        })
}

fn failed(message: String) -> Error {
    Error::with_message(ErrorKind::GpuRenderFailed, message)
}

/// Reads an info log of `len` bytes (terminator included) through `read`.
fn info_log(len: i32, read: impl FnOnce(i32, *mut c_char)) -> String {
    let mut buf = vec![0u8; len.max(1) as usize];
    read(buf.len() as i32, buf.as_mut_ptr().cast());
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    String::from_utf8_lossy(&buf[..end]).trim_end().to_owned()
}

/// Compiles one shader from `sources` (concatenated), or returns its log.
fn shader(gl: &Gl2, kind: GLenum, sources: &[&str]) -> Result<u32> {
    let what = if kind == VERTEX_SHADER {
        "vertex"
    } else {
        "fragment"
    };
    if sources.iter().any(|s| s.contains('\0')) {
        return Err(failed(format!(
            "the GLSL {what} shader contains a NUL byte"
        )));
    }
    let ptrs: Vec<*const c_char> = sources.iter().map(|s| s.as_ptr().cast()).collect();
    let lens = sources
        .iter()
        .map(|s| i32::try_from(s.len()))
        .collect::<std::result::Result<Vec<i32>, _>>()
        .map_err(|_| failed(format!("the GLSL {what} shader is too long")))?;
    // SAFETY: a context is current (module documentation); `ptrs` and
    // `lens` hold `sources.len()` strings and their byte lengths (so no
    // terminator is needed), alive for the call; the out pointers are locals.
    unsafe {
        let s = (gl.create_shader)(kind);
        if s == 0 {
            return Err(failed(format!("glCreateShader({what}) failed")));
        }
        (gl.shader_source)(s, ptrs.len() as i32, ptrs.as_ptr(), lens.as_ptr());
        (gl.compile_shader)(s);
        let mut ok = 0;
        (gl.get_shader_iv)(s, COMPILE_STATUS, &mut ok);
        if ok == 0 {
            let mut len = 0;
            (gl.get_shader_iv)(s, INFO_LOG_LENGTH, &mut len);
            let log = info_log(len, |n, buf| {
                (gl.get_shader_info_log)(s, n, std::ptr::null_mut(), buf)
            });
            (gl.delete_shader)(s);
            return Err(failed(format!(
                "the GLSL {what} shader did not compile:\n{log}"
            )));
        }
        Ok(s)
    }
}

/// Compiles the pass's vertex shader and a fragment shader from `fragment`
/// (its parts concatenated), links them, and returns the program.
///
/// # Errors
/// [`GpuRenderFailed`](ErrorKind::GpuRenderFailed) with the compiler's or
/// linker's log, or when OpenGL 2.0 cannot be loaded.
pub(crate) fn link(fragment: &[&str]) -> Result<u32> {
    let gl = gl2()?;
    let vs = shader(gl, VERTEX_SHADER, &[VERTEX])?;
    let fs = match shader(gl, FRAGMENT_SHADER, fragment) {
        Ok(fs) => fs,
        Err(e) => {
            // SAFETY: a context is current; `vs` was created above.
            unsafe { (gl.delete_shader)(vs) };
            return Err(e);
        }
    };
    // SAFETY: a context is current; the shaders were created above and
    // are deleted once attached (the program keeps them until it goes).
    unsafe {
        let p = (gl.create_program)();
        if p != 0 {
            (gl.attach_shader)(p, vs);
            (gl.attach_shader)(p, fs);
            (gl.link_program)(p);
        }
        (gl.delete_shader)(vs);
        (gl.delete_shader)(fs);
        if p == 0 {
            return Err(failed("glCreateProgram failed".into()));
        }
        let mut ok = 0;
        (gl.get_program_iv)(p, LINK_STATUS, &mut ok);
        if ok == 0 {
            let mut len = 0;
            (gl.get_program_iv)(p, INFO_LOG_LENGTH, &mut len);
            let log = info_log(len, |n, buf| {
                (gl.get_program_info_log)(p, n, std::ptr::null_mut(), buf)
            });
            (gl.delete_program)(p);
            return Err(failed(format!("the GLSL program did not link:\n{log}")));
        }
        Ok(p)
    }
}

/// One active uniform of a linked program.
#[derive(Clone, Debug)]
pub(crate) struct ActiveUniform {
    /// The name, without the `[0]` GL appends to arrays.
    pub(crate) name: String,
    pub(crate) location: i32,
    /// `GL_FLOAT`, `GL_FLOAT_VEC4`, `GL_SAMPLER_2D`...
    pub(crate) gl_type: u32,
}

/// The active uniforms of a linked program (those the compiler kept).
pub(crate) fn active_uniforms(program: u32) -> Result<Vec<ActiveUniform>> {
    let gl = gl2()?;
    let mut out = Vec::new();
    // SAFETY: a context is current and `program` is a program linked in it
    // (the caller keeps programs per context); the name buffer is as long
    // as the length passed, and the out pointers are locals.
    unsafe {
        let (mut count, mut max) = (0, 0);
        (gl.get_program_iv)(program, ACTIVE_UNIFORMS, &mut count);
        (gl.get_program_iv)(program, ACTIVE_UNIFORM_MAX_LENGTH, &mut max);
        for i in 0..count.max(0) as u32 {
            let mut buf = vec![0u8; max.max(1) as usize];
            let (mut len, mut size, mut ty) = (0, 0, 0);
            (gl.get_active_uniform)(
                program,
                i,
                buf.len() as i32,
                &mut len,
                &mut size,
                &mut ty,
                buf.as_mut_ptr().cast(),
            );
            let location = (gl.get_uniform_location)(program, buf.as_ptr().cast());
            buf.truncate(len.clamp(0, max) as usize);
            let name = String::from_utf8_lossy(&buf).into_owned();
            let name = name.strip_suffix("[0]").unwrap_or(&name).to_owned();
            out.push(ActiveUniform {
                name,
                location,
                gl_type: ty,
            });
        }
    }
    Ok(out)
}

/// Whether `program` names a program of the current context (`glIsProgram`).
pub(crate) fn is_program(program: u32) -> Result<bool> {
    let gl = gl2()?;
    // SAFETY: a context is current; any name may be asked about.
    Ok(unsafe { (gl.is_program)(program) } != 0)
}

/// Deletes a program of the current context.
pub(crate) fn delete_program(program: u32) -> Result<()> {
    let gl = gl2()?;
    // SAFETY: a context is current and `program` was linked in it; deleting
    // a name twice or a name of 0 is harmless in GL.
    unsafe { (gl.delete_program)(program) };
    Ok(())
}

/// One texture a pass samples: bound to texture unit `unit` on
/// `GL_TEXTURE_2D`, and its sampler uniform set to that unit.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PassTexture {
    pub(crate) texture: u32,
    pub(crate) sampler: i32,
}

/// What one pass draws: `program` over `viewport` (x, y, width, height in
/// framebuffer pixels), sampling `textures` (unit `i` for the `i`-th), with
/// `uniforms` set at their locations.
pub(crate) struct Pass<'a> {
    pub(crate) program: u32,
    pub(crate) viewport: [i32; 4],
    pub(crate) textures: &'a [PassTexture],
    pub(crate) uniforms: &'a [(i32, Uniform)],
}

/// The name of the framebuffer bound for drawing (0: the default one).
pub(crate) fn framebuffer_binding() -> Result<u32> {
    Ok(get_int(gl2()?, FRAMEBUFFER_BINDING) as u32)
}

fn get_int(gl: &Gl2, name: GLenum) -> i32 {
    let mut v = [0i32; 4];
    // SAFETY: a context is current; `v` has room for the four values of
    // the largest query made here (`GL_VIEWPORT`).
    unsafe { (gl.get_integerv)(name, v.as_mut_ptr()) };
    v[0]
}

/// The state a pass changes and restores: for tests to compare.
#[cfg(test)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PassState {
    pub(crate) program: i32,
    pub(crate) active_texture: i32,
    pub(crate) viewport: [i32; 4],
    /// `GL_TEXTURE_BINDING_2D` of units 0 to 3.
    pub(crate) bindings: [i32; 4],
}

/// Reads the state a pass restores (units 0 to 3), leaving it unchanged.
#[cfg(test)]
pub(crate) fn pass_state() -> Result<PassState> {
    let gl = gl2()?;
    let program = get_int(gl, CURRENT_PROGRAM);
    let active_texture = get_int(gl, ACTIVE_TEXTURE);
    let mut viewport = [0; 4];
    let mut bindings = [0; 4];
    // SAFETY: a context is current; `viewport` has the four values of
    // GL_VIEWPORT; the active unit is set back to what it was.
    unsafe {
        (gl.get_integerv)(VIEWPORT, viewport.as_mut_ptr());
        for (i, b) in bindings.iter_mut().enumerate() {
            (gl.active_texture)(TEXTURE0 + i as u32);
            *b = get_int(gl, TEXTURE_BINDING_2D);
        }
        (gl.active_texture)(active_texture as u32);
    }
    Ok(PassState {
        program,
        active_texture,
        viewport,
        bindings,
    })
}

/// Draws one pass into the bound framebuffer and puts back the program,
/// the active texture unit, the 2D bindings of the units used, the
/// viewport, the enables and the colour mask as they were.
///
/// # Errors
/// [`GpuRenderFailed`](ErrorKind::GpuRenderFailed) for more textures than
/// the GL has units, or a GL error after the pass;
/// [`GpuOutOfMemory`](ErrorKind::GpuOutOfMemory) for `GL_OUT_OF_MEMORY`.
pub(crate) fn draw(pass: &Pass<'_>) -> Result<()> {
    let gl = gl2()?;
    let units = get_int(gl, MAX_TEXTURE_IMAGE_UNITS).max(0) as usize;
    if pass.textures.len() > units {
        return Err(failed(format!(
            "a pass samples {} textures and this OpenGL has {units} texture units",
            pass.textures.len()
        )));
    }
    let program = get_int(gl, CURRENT_PROGRAM) as u32;
    let active = get_int(gl, ACTIVE_TEXTURE) as u32;
    let [x, y, w, h] = pass.viewport;
    // SAFETY: a context is current (module documentation) and `pass.program`
    // was linked in it; the textures are live names of that context (the
    // host's, borrowed for the render); uniform locations come from the
    // same program; every changed binding is saved first and restored
    // below, and glPushAttrib is paired with glPopAttrib.
    unsafe {
        let mut saved = Vec::with_capacity(pass.textures.len());
        for i in 0..pass.textures.len() {
            (gl.active_texture)(TEXTURE0 + i as u32);
            saved.push(get_int(gl, TEXTURE_BINDING_2D) as u32);
        }
        (gl.push_attrib)(SAVED_STATE);
        for cap in DISABLED {
            (gl.disable)(cap);
        }
        (gl.color_mask)(1, 1, 1, 1);
        (gl.viewport)(x, y, w, h);
        (gl.use_program)(pass.program);
        for (i, t) in pass.textures.iter().enumerate() {
            (gl.active_texture)(TEXTURE0 + i as u32);
            (gl.bind_texture)(TEXTURE_2D, t.texture);
            if t.sampler >= 0 {
                (gl.uniform1i)(t.sampler, i as i32);
            }
        }
        for &(at, u) in pass.uniforms {
            match u {
                Uniform::Float(v) => (gl.uniform1f)(at, v),
                Uniform::Vec2([a, b]) => (gl.uniform2f)(at, a, b),
                Uniform::Vec3([a, b, c]) => (gl.uniform3f)(at, a, b, c),
                Uniform::Vec4([a, b, c, d]) => (gl.uniform4f)(at, a, b, c, d),
                Uniform::Int(v) => (gl.uniform1i)(at, v),
                Uniform::IVec2([a, b]) => (gl.uniform2i)(at, a, b),
                Uniform::IVec4([a, b, c, d]) => (gl.uniform4i)(at, a, b, c, d),
            }
        }
        (gl.rectf)(-1.0, -1.0, 1.0, 1.0);
        for (i, t) in saved.iter().enumerate() {
            (gl.active_texture)(TEXTURE0 + i as u32);
            (gl.bind_texture)(TEXTURE_2D, *t);
        }
        (gl.active_texture)(active);
        (gl.use_program)(program);
        (gl.pop_attrib)();
        match (gl.get_error)() {
            0 => Ok(()),
            OUT_OF_MEMORY => Err(Error::with_message(
                ErrorKind::GpuOutOfMemory,
                "OpenGL ran out of memory drawing a shader pass",
            )),
            e => Err(failed(format!(
                "OpenGL error {e:#06x} after a shader pass (or left before it)"
            ))),
        }
    }
}

/// Makes `program` current, binds `texture` on unit 0, makes unit
/// `active` active and sets the viewport: a state for a pass to restore.
#[cfg(test)]
pub(crate) fn set_state_for_tests(program: u32, texture: u32, active: u32, viewport: [i32; 4]) {
    let gl = gl2().unwrap();
    // SAFETY: the test made a context current; the names are its own.
    unsafe {
        (gl.use_program)(program);
        (gl.active_texture)(TEXTURE0);
        (gl.bind_texture)(TEXTURE_2D, texture);
        (gl.active_texture)(TEXTURE0 + active);
        let [x, y, w, h] = viewport;
        (gl.viewport)(x, y, w, h);
    }
}
