//! The EGL and OpenGL calls of the harness, through libraries opened at
//! run time.

use std::ffi::{CStr, c_char, c_void};

type EglDisplay = *mut c_void;
type EglConfig = *mut c_void;
type EglContext = *mut c_void;
type EglInt = i32;
type EglBoolean = u32;

const EGL_NONE: EglInt = 0x3038;
const EGL_RED_SIZE: EglInt = 0x3024;
const EGL_GREEN_SIZE: EglInt = 0x3023;
const EGL_BLUE_SIZE: EglInt = 0x3022;
const EGL_ALPHA_SIZE: EglInt = 0x3021;
const EGL_RENDERABLE_TYPE: EglInt = 0x3040;
const EGL_SURFACE_TYPE: EglInt = 0x3033;
const EGL_PBUFFER_BIT: EglInt = 0x0001;
const EGL_OPENGL_BIT: EglInt = 0x0008;
const EGL_OPENGL_API: u32 = 0x30A2;
const EGL_PLATFORM_SURFACELESS_MESA: u32 = 0x31DD;
const EGL_CONTEXT_OPENGL_PROFILE_MASK: EglInt = 0x30FD;
const EGL_CONTEXT_OPENGL_COMPATIBILITY_PROFILE_BIT: EglInt = 0x0002;
const EGL_EXTENSIONS: EglInt = 0x3055;

const GL_FRAMEBUFFER: u32 = 0x8D40;
const GL_RENDERBUFFER: u32 = 0x8D41;
const GL_RGBA8: u32 = 0x8058;
const GL_COLOR_ATTACHMENT0: u32 = 0x8CE0;
const GL_FRAMEBUFFER_COMPLETE: u32 = 0x8CD5;
const GL_COLOR_BUFFER_BIT: u32 = 0x4000;
const GL_PROJECTION: u32 = 0x1701;
const GL_MODELVIEW: u32 = 0x1700;
const GL_RGBA: u32 = 0x1908;
const GL_UNSIGNED_BYTE: u32 = 0x1401;
const GL_PACK_ALIGNMENT: u32 = 0x0D05;
const GL_RENDERER: u32 = 0x1F01;
const GL_TEXTURE_2D: u32 = 0x0DE1;
const GL_TEXTURE_MIN_FILTER: u32 = 0x2801;
const GL_TEXTURE_MAG_FILTER: u32 = 0x2800;
const GL_TEXTURE_WRAP_S: u32 = 0x2802;
const GL_TEXTURE_WRAP_T: u32 = 0x2803;
const GL_NEAREST: i32 = 0x2600;
const GL_CLAMP_TO_EDGE: i32 = 0x812F;
const GL_UNPACK_ALIGNMENT: u32 = 0x0CF5;

/// Declares a table of function pointers and a loader filling it through
/// a lookup function.
macro_rules! table {
    ($name:ident { $($field:ident : fn($($arg:ty),*) $(-> $ret:ty)? = $sym:literal;)* }) => {
        struct $name {
            $($field: unsafe extern "system" fn($($arg),*) $(-> $ret)?,)*
        }
        impl $name {
            fn load(mut find: impl FnMut(&CStr) -> *const c_void) -> Result<$name, String> {
                Ok($name {
                    $($field: {
                        let p = find($sym);
                        if p.is_null() {
                            return Err(format!("{} is missing", $sym.to_string_lossy()));
                        }
                        // SAFETY: the symbol is the named EGL/GL function,
                        // whose C prototype is the field's type.
                        unsafe {
                            std::mem::transmute::<
                                *const c_void,
                                unsafe extern "system" fn($($arg),*) $(-> $ret)?,
                            >(p)
                        }
                    },)*
                })
            }
        }
    };
}

table!(Egl {
    get_proc_address: fn(*const c_char) -> *const c_void = c"eglGetProcAddress";
    query_string: fn(EglDisplay, EglInt) -> *const c_char = c"eglQueryString";
    initialize: fn(EglDisplay, *mut EglInt, *mut EglInt) -> EglBoolean = c"eglInitialize";
    bind_api: fn(u32) -> EglBoolean = c"eglBindAPI";
    choose_config: fn(EglDisplay, *const EglInt, *mut EglConfig, EglInt, *mut EglInt) -> EglBoolean = c"eglChooseConfig";
    create_context: fn(EglDisplay, EglConfig, EglContext, *const EglInt) -> EglContext = c"eglCreateContext";
    make_current: fn(EglDisplay, *mut c_void, *mut c_void, EglContext) -> EglBoolean = c"eglMakeCurrent";
    destroy_context: fn(EglDisplay, EglContext) -> EglBoolean = c"eglDestroyContext";
    terminate: fn(EglDisplay) -> EglBoolean = c"eglTerminate";
    get_error: fn() -> EglInt = c"eglGetError";
});

table!(Gl {
    gen_framebuffers: fn(i32, *mut u32) = c"glGenFramebuffers";
    bind_framebuffer: fn(u32, u32) = c"glBindFramebuffer";
    gen_renderbuffers: fn(i32, *mut u32) = c"glGenRenderbuffers";
    bind_renderbuffer: fn(u32, u32) = c"glBindRenderbuffer";
    renderbuffer_storage: fn(u32, u32, i32, i32) = c"glRenderbufferStorage";
    framebuffer_renderbuffer: fn(u32, u32, u32, u32) = c"glFramebufferRenderbuffer";
    check_framebuffer_status: fn(u32) -> u32 = c"glCheckFramebufferStatus";
    delete_framebuffers: fn(i32, *const u32) = c"glDeleteFramebuffers";
    delete_renderbuffers: fn(i32, *const u32) = c"glDeleteRenderbuffers";
    viewport: fn(i32, i32, i32, i32) = c"glViewport";
    matrix_mode: fn(u32) = c"glMatrixMode";
    load_identity: fn() = c"glLoadIdentity";
    ortho: fn(f64, f64, f64, f64, f64, f64) = c"glOrtho";
    clear_color: fn(f32, f32, f32, f32) = c"glClearColor";
    clear: fn(u32) = c"glClear";
    pixel_storei: fn(u32, i32) = c"glPixelStorei";
    read_pixels: fn(i32, i32, i32, i32, u32, u32, *mut c_void) = c"glReadPixels";
    finish: fn() = c"glFinish";
    get_error: fn() -> u32 = c"glGetError";
    get_string: fn(u32) -> *const u8 = c"glGetString";
    gen_textures: fn(i32, *mut u32) = c"glGenTextures";
    bind_texture: fn(u32, u32) = c"glBindTexture";
    tex_image_2d: fn(u32, i32, i32, i32, i32, i32, u32, u32, *const c_void) = c"glTexImage2D";
    tex_parameteri: fn(u32, u32, i32) = c"glTexParameteri";
    get_tex_image: fn(u32, i32, u32, u32, *mut c_void) = c"glGetTexImage";
    delete_textures: fn(i32, *const u32) = c"glDeleteTextures";
    framebuffer_texture_2d: fn(u32, u32, u32, u32, i32) = c"glFramebufferTexture2D";
});

/// The live EGL display, context and framebuffer.
pub(crate) struct Context {
    egl: Egl,
    gl: Gl,
    display: EglDisplay,
    context: EglContext,
    fbo: u32,
    rbo: u32,
    _lib: libloading::Library,
}

impl Context {
    pub(crate) fn new(width: i32, height: i32) -> Result<Context, String> {
        // SAFETY: loading the system EGL library runs its initialisers, which
        // have no preconditions.
        let lib = unsafe { libloading::Library::new("libEGL.so.1") }
            .map_err(|e| format!("cannot load libEGL.so.1 (install libegl1 libegl-mesa0): {e}"))?;
        let egl = Egl::load(|name| {
            // SAFETY: looking a symbol up by NUL-terminated name; the pointer
            // is converted to its real type by the table.
            unsafe { lib.get::<*const c_void>(name.to_bytes_with_nul()) }
                .map(|s| *s)
                .unwrap_or(std::ptr::null())
        })?;
        // SAFETY: each call in this block is an EGL or GL
        // function with arguments of its C prototype: valid out pointers,
        // attribute lists ended by EGL_NONE, and the display/context created
        // here; GL calls run with this context current on this thread.
        unsafe {
            let ext = (egl.query_string)(std::ptr::null_mut(), EGL_EXTENSIONS);
            let ext = if ext.is_null() {
                String::new()
            } else {
                CStr::from_ptr(ext).to_string_lossy().into_owned()
            };
            if !ext.contains("EGL_MESA_platform_surfaceless") {
                return Err(format!(
                    "EGL has no surfaceless platform (EGL_MESA_platform_surfaceless; install \
                     libegl-mesa0); client extensions: {ext}"
                ));
            }
            let get_platform_display = (egl.get_proc_address)(c"eglGetPlatformDisplayEXT".as_ptr());
            if get_platform_display.is_null() {
                return Err("eglGetPlatformDisplayEXT is missing".into());
            }
            let get_platform_display = std::mem::transmute::<
                *const c_void,
                unsafe extern "system" fn(u32, *mut c_void, *const EglInt) -> EglDisplay,
            >(get_platform_display);
            let none = [EGL_NONE];
            let display = get_platform_display(
                EGL_PLATFORM_SURFACELESS_MESA,
                std::ptr::null_mut(),
                none.as_ptr(),
            );
            if display.is_null() {
                return Err(format!(
                    "no surfaceless EGL display (error {:#x})",
                    (egl.get_error)()
                ));
            }
            let (mut major, mut minor) = (0, 0);
            if (egl.initialize)(display, &mut major, &mut minor) == 0 {
                return Err(format!("eglInitialize failed ({:#x})", (egl.get_error)()));
            }
            let fail = |what: &str| {
                let e = (egl.get_error)();
                (egl.terminate)(display);
                format!("{what} failed (EGL error {e:#x})")
            };
            if (egl.bind_api)(EGL_OPENGL_API) == 0 {
                return Err(fail("eglBindAPI(EGL_OPENGL_API)"));
            }
            // The surface type defaults to windows, which the surfaceless
            // platform has none of.
            let attribs = [
                EGL_SURFACE_TYPE,
                EGL_PBUFFER_BIT,
                EGL_RENDERABLE_TYPE,
                EGL_OPENGL_BIT,
                EGL_RED_SIZE,
                8,
                EGL_GREEN_SIZE,
                8,
                EGL_BLUE_SIZE,
                8,
                EGL_ALPHA_SIZE,
                8,
                EGL_NONE,
            ];
            let mut config: EglConfig = std::ptr::null_mut();
            let mut n = 0;
            if (egl.choose_config)(display, attribs.as_ptr(), &mut config, 1, &mut n) == 0 || n < 1
            {
                return Err(fail("eglChooseConfig (desktop OpenGL, RGBA8)"));
            }
            let ctx_attribs = [
                EGL_CONTEXT_OPENGL_PROFILE_MASK,
                EGL_CONTEXT_OPENGL_COMPATIBILITY_PROFILE_BIT,
                EGL_NONE,
            ];
            let context =
                (egl.create_context)(display, config, std::ptr::null_mut(), ctx_attribs.as_ptr());
            if context.is_null() {
                return Err(fail("eglCreateContext (compatibility profile)"));
            }
            if (egl.make_current)(display, std::ptr::null_mut(), std::ptr::null_mut(), context) == 0
            {
                (egl.destroy_context)(display, context);
                return Err(fail("eglMakeCurrent (surfaceless)"));
            }
            let gl = match Gl::load(|name| (egl.get_proc_address)(name.as_ptr())) {
                Ok(gl) => gl,
                Err(e) => {
                    (egl.destroy_context)(display, context);
                    (egl.terminate)(display);
                    return Err(e);
                }
            };
            let (mut fbo, mut rbo) = (0, 0);
            (gl.gen_framebuffers)(1, &mut fbo);
            (gl.bind_framebuffer)(GL_FRAMEBUFFER, fbo);
            (gl.gen_renderbuffers)(1, &mut rbo);
            (gl.bind_renderbuffer)(GL_RENDERBUFFER, rbo);
            (gl.renderbuffer_storage)(GL_RENDERBUFFER, GL_RGBA8, width, height);
            (gl.framebuffer_renderbuffer)(
                GL_FRAMEBUFFER,
                GL_COLOR_ATTACHMENT0,
                GL_RENDERBUFFER,
                rbo,
            );
            let status = (gl.check_framebuffer_status)(GL_FRAMEBUFFER);
            let c = Context {
                egl,
                gl,
                display,
                context,
                fbo,
                rbo,
                _lib: lib,
            };
            if status != GL_FRAMEBUFFER_COMPLETE {
                return Err(format!("framebuffer incomplete ({status:#x})"));
            }
            (c.gl.viewport)(0, 0, width, height);
            Ok(c)
        }
    }

    pub(crate) fn renderer(&self) -> String {
        // SAFETY: the context is current; glGetString returns a static
        // NUL-terminated string or null.
        unsafe {
            let s = (self.gl.get_string)(GL_RENDERER);
            if s.is_null() {
                return String::new();
            }
            CStr::from_ptr(s.cast()).to_string_lossy().into_owned()
        }
    }

    pub(crate) fn ortho(&self, left: f64, right: f64, bottom: f64, top: f64) {
        // SAFETY: the context is current; plain matrix state changes.
        unsafe {
            (self.gl.matrix_mode)(GL_PROJECTION);
            (self.gl.load_identity)();
            (self.gl.ortho)(left, right, bottom, top, -1.0, 1.0);
            (self.gl.matrix_mode)(GL_MODELVIEW);
            (self.gl.load_identity)();
        }
    }

    pub(crate) fn clear(&self, c: [f32; 4]) {
        // SAFETY: the context is current.
        unsafe {
            (self.gl.clear_color)(c[0], c[1], c[2], c[3]);
            (self.gl.clear)(GL_COLOR_BUFFER_BIT);
        }
    }

    pub(crate) fn read(&self, width: i32, height: i32) -> Vec<u8> {
        let mut out = vec![0u8; width as usize * height as usize * 4];
        // SAFETY: the context is current and its framebuffer is
        // width x height; `out` holds exactly that many RGBA8 pixels with
        // pack alignment 1.
        unsafe {
            (self.gl.finish)();
            (self.gl.pixel_storei)(GL_PACK_ALIGNMENT, 1);
            (self.gl.read_pixels)(
                0,
                0,
                width,
                height,
                GL_RGBA,
                GL_UNSIGNED_BYTE,
                out.as_mut_ptr().cast(),
            );
        }
        out
    }

    /// Creates a `GL_TEXTURE_2D` of `format` (internal format, upload
    /// type), `width` x `height`, from `pixels` (rows bottom-up, packed),
    /// with nearest filtering and edge clamping, and unbinds it.
    pub(crate) fn create_texture(
        &self,
        format: (u32, u32),
        width: i32,
        height: i32,
        pixels: &[u8],
    ) -> u32 {
        let mut t = 0;
        // SAFETY: the context is current; `pixels` holds the whole image
        // (checked by the caller) with unpack alignment 1.
        unsafe {
            (self.gl.gen_textures)(1, &mut t);
            (self.gl.bind_texture)(GL_TEXTURE_2D, t);
            (self.gl.tex_parameteri)(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
            (self.gl.tex_parameteri)(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
            (self.gl.tex_parameteri)(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
            (self.gl.tex_parameteri)(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
            (self.gl.pixel_storei)(GL_UNPACK_ALIGNMENT, 1);
            (self.gl.tex_image_2d)(
                GL_TEXTURE_2D,
                0,
                format.0 as i32,
                width,
                height,
                0,
                GL_RGBA,
                format.1,
                pixels.as_ptr().cast(),
            );
            (self.gl.bind_texture)(GL_TEXTURE_2D, 0);
        }
        t
    }

    /// Makes `texture` the framebuffer's colour attachment and sets the
    /// viewport to its size.
    pub(crate) fn attach_texture(&self, texture: u32, width: i32, height: i32) -> u32 {
        // SAFETY: the context is current and the framebuffer is ours.
        unsafe {
            (self.gl.bind_framebuffer)(GL_FRAMEBUFFER, self.fbo);
            (self.gl.framebuffer_texture_2d)(
                GL_FRAMEBUFFER,
                GL_COLOR_ATTACHMENT0,
                GL_TEXTURE_2D,
                texture,
                0,
            );
            (self.gl.viewport)(0, 0, width, height);
            (self.gl.check_framebuffer_status)(GL_FRAMEBUFFER)
        }
    }

    /// Reads a texture's level 0 back as `ty` components into `out`,
    /// which must hold all of it.
    pub(crate) fn read_texture(&self, texture: u32, ty: u32, out: &mut [u8]) {
        // SAFETY: the context is current; the caller sized `out` for the
        // whole texture at this type, with pack alignment 1.
        unsafe {
            (self.gl.finish)();
            (self.gl.pixel_storei)(GL_PACK_ALIGNMENT, 1);
            (self.gl.bind_texture)(GL_TEXTURE_2D, texture);
            (self.gl.get_tex_image)(GL_TEXTURE_2D, 0, GL_RGBA, ty, out.as_mut_ptr().cast());
            (self.gl.bind_texture)(GL_TEXTURE_2D, 0);
        }
    }

    /// Deletes a texture made by `create_texture`.
    pub(crate) fn delete_texture(&self, texture: u32) {
        // SAFETY: the context is current; deleting a name is always valid.
        unsafe { (self.gl.delete_textures)(1, &texture) }
    }

    pub(crate) fn error(&self) -> Option<u32> {
        // SAFETY: the context is current.
        let e = unsafe { (self.gl.get_error)() };
        (e != 0).then_some(e)
    }
}

impl Drop for Context {
    fn drop(&mut self) {
        // SAFETY: the objects were created by `new` on this display and
        // context; releasing the current context before destroying it.
        unsafe {
            (self.gl.delete_framebuffers)(1, &self.fbo);
            (self.gl.delete_renderbuffers)(1, &self.rbo);
            (self.egl.make_current)(
                self.display,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            );
            (self.egl.destroy_context)(self.display, self.context);
            (self.egl.terminate)(self.display);
        }
    }
}
