//! The EGL and OpenGL calls of the host's OpenGL, through `libEGL.so.1`
//! opened at run time. Every GL function here runs with the caller's
//! promise (checked by [`super::GlDevice`] before each call) that one of
//! the host's contexts is current on the calling thread.

#[cfg(not(feature = "opengl"))]
use super::GlError;

/// `GL_TEXTURE_2D`: the target of every texture the host makes.
pub(super) const GL_TEXTURE_2D: u32 = 0x0DE1;
pub(super) const GL_RGBA8: u32 = 0x8058;
pub(super) const GL_RGBA16: u32 = 0x805B;
pub(super) const GL_RGBA16F: u32 = 0x881A;
pub(super) const GL_RGBA32F: u32 = 0x8814;
pub(super) const GL_UNSIGNED_BYTE: u32 = 0x1401;
pub(super) const GL_UNSIGNED_SHORT: u32 = 0x1403;
pub(super) const GL_HALF_FLOAT: u32 = 0x140B;
pub(super) const GL_FLOAT: u32 = 0x1406;

#[cfg(feature = "opengl")]
pub(super) use loaded::*;

#[cfg(feature = "opengl")]
mod loaded {
    use std::ffi::{CStr, c_char, c_void};
    use std::sync::OnceLock;

    use super::super::GlError;
    use super::GL_TEXTURE_2D;

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
    const GL_COLOR_ATTACHMENT0: u32 = 0x8CE0;
    const GL_FRAMEBUFFER_COMPLETE: u32 = 0x8CD5;
    const GL_FRAMEBUFFER_BINDING: u32 = 0x8CA6;
    const GL_TEXTURE_BINDING_2D: u32 = 0x8069;
    const GL_TEXTURE_MIN_FILTER: u32 = 0x2801;
    const GL_TEXTURE_MAG_FILTER: u32 = 0x2800;
    const GL_TEXTURE_WRAP_S: u32 = 0x2802;
    const GL_TEXTURE_WRAP_T: u32 = 0x2803;
    const GL_NEAREST: i32 = 0x2600;
    const GL_CLAMP_TO_EDGE: i32 = 0x812F;
    const GL_RGBA: u32 = 0x1908;
    const GL_PACK_ALIGNMENT: u32 = 0x0D05;
    const GL_UNPACK_ALIGNMENT: u32 = 0x0CF5;
    const GL_RENDERER: u32 = 0x1F01;
    const GL_COLOR_BUFFER_BIT: u32 = 0x4000;
    const GL_PROJECTION: u32 = 0x1701;
    const GL_MODELVIEW: u32 = 0x1700;
    const GL_SCISSOR_TEST: u32 = 0x0C11;

    /// Declares a table of function pointers and a loader filling it
    /// through a lookup function.
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
                            // SAFETY: the symbol is the named EGL/GL
                            // function, whose C prototype is the field's type.
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
        get_current_context: fn() -> EglContext = c"eglGetCurrentContext";
        destroy_context: fn(EglDisplay, EglContext) -> EglBoolean = c"eglDestroyContext";
        get_error: fn() -> EglInt = c"eglGetError";
    });

    table!(Gl {
        gen_textures: fn(i32, *mut u32) = c"glGenTextures";
        delete_textures: fn(i32, *const u32) = c"glDeleteTextures";
        bind_texture: fn(u32, u32) = c"glBindTexture";
        tex_parameteri: fn(u32, u32, i32) = c"glTexParameteri";
        tex_image_2d: fn(u32, i32, i32, i32, i32, i32, u32, u32, *const c_void) = c"glTexImage2D";
        get_tex_image: fn(u32, i32, u32, u32, *mut c_void) = c"glGetTexImage";
        gen_framebuffers: fn(i32, *mut u32) = c"glGenFramebuffers";
        bind_framebuffer: fn(u32, u32) = c"glBindFramebuffer";
        framebuffer_texture_2d: fn(u32, u32, u32, u32, i32) = c"glFramebufferTexture2D";
        check_framebuffer_status: fn(u32) -> u32 = c"glCheckFramebufferStatus";
        delete_framebuffers: fn(i32, *const u32) = c"glDeleteFramebuffers";
        get_integerv: fn(u32, *mut i32) = c"glGetIntegerv";
        pixel_storei: fn(u32, i32) = c"glPixelStorei";
        viewport: fn(i32, i32, i32, i32) = c"glViewport";
        matrix_mode: fn(u32) = c"glMatrixMode";
        load_identity: fn() = c"glLoadIdentity";
        ortho: fn(f64, f64, f64, f64, f64, f64) = c"glOrtho";
        enable: fn(u32) = c"glEnable";
        disable: fn(u32) = c"glDisable";
        scissor: fn(i32, i32, i32, i32) = c"glScissor";
        clear_color: fn(f32, f32, f32, f32) = c"glClearColor";
        clear: fn(u32) = c"glClear";
        finish: fn() = c"glFinish";
        get_error: fn() -> u32 = c"glGetError";
        get_string: fn(u32) -> *const u8 = c"glGetString";
    });

    /// The loaded libraries, the surfaceless display (initialised once for
    /// the process and never terminated, so that one session's end cannot
    /// pull the display from under another's contexts) and a config.
    pub(crate) struct Api {
        egl: Egl,
        gl: Gl,
        display: EglDisplay,
        config: EglConfig,
        _lib: libloading::Library,
    }

    // SAFETY: the table is written once, when loaded, and only read after;
    // EGL's display and config handles may be used from any thread, and the
    // GL entry points are dispatch stubs acting on the calling thread's
    // current context.
    unsafe impl Sync for Api {}
    // SAFETY: as above.
    unsafe impl Send for Api {}

    /// The process's EGL and GL entry points and display.
    pub(crate) fn api() -> Result<&'static Api, GlError> {
        static API: OnceLock<Result<Api, GlError>> = OnceLock::new();
        API.get_or_init(load).as_ref().map_err(Clone::clone)
    }

    fn load() -> Result<Api, GlError> {
        // SAFETY: loading the system EGL library runs its initialisers,
        // which have no preconditions.
        let lib = unsafe { libloading::Library::new("libEGL.so.1") }
            .map_err(|e| format!("cannot load libEGL.so.1 (install libegl1 libegl-mesa0): {e}"))?;
        let egl = Egl::load(|name| {
            // SAFETY: looking a symbol up by NUL-terminated name; the
            // pointer is converted to its real type by the table.
            unsafe { lib.get::<*const c_void>(name.to_bytes_with_nul()) }
                .map(|s| *s)
                .unwrap_or(std::ptr::null())
        })?;
        // SAFETY: each call is an EGL function with arguments of its C
        // prototype: valid out pointers, attribute lists ended by EGL_NONE,
        // and the display made here.
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
            if (egl.bind_api)(EGL_OPENGL_API) == 0 {
                return Err(format!(
                    "eglBindAPI(EGL_OPENGL_API) failed (EGL error {:#x})",
                    (egl.get_error)()
                ));
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
                return Err(format!(
                    "eglChooseConfig (desktop OpenGL, RGBA8) failed (EGL error {:#x})",
                    (egl.get_error)()
                ));
            }
            let gl = Gl::load(|name| (egl.get_proc_address)(name.as_ptr()))?;
            Ok(Api {
                egl,
                gl,
                display,
                config,
                _lib: lib,
            })
        }
    }

    /// A new compatibility-profile context (not current anywhere).
    pub(crate) fn create_context(api: &Api) -> Result<usize, GlError> {
        let attribs = [
            EGL_CONTEXT_OPENGL_PROFILE_MASK,
            EGL_CONTEXT_OPENGL_COMPATIBILITY_PROFILE_BIT,
            EGL_NONE,
        ];
        // SAFETY: EGL calls on the process's display and config; the
        // attribute list ends with EGL_NONE. eglBindAPI is per thread, so it
        // is repeated here for the calling thread.
        unsafe {
            (api.egl.bind_api)(EGL_OPENGL_API);
            let context = (api.egl.create_context)(
                api.display,
                api.config,
                std::ptr::null_mut(),
                attribs.as_ptr(),
            );
            if context.is_null() {
                return Err(format!(
                    "eglCreateContext (OpenGL compatibility profile) failed (EGL error {:#x})",
                    (api.egl.get_error)()
                ));
            }
            Ok(context as usize)
        }
    }

    /// Destroys a context made by [`create_context`] (released first when
    /// it is current on this thread).
    pub(crate) fn destroy_context(api: &Api, context: usize) {
        if current_context(api) == context {
            release_current(api);
        }
        // SAFETY: a context of this display, destroyed once.
        unsafe { (api.egl.destroy_context)(api.display, context as EglContext) };
    }

    /// Makes `context` current on the calling thread, without surfaces.
    pub(crate) fn make_current(api: &Api, context: usize) -> Result<(), GlError> {
        // SAFETY: a live context of this display; surfaceless contexts take
        // no draw or read surface.
        let ok = unsafe {
            (api.egl.make_current)(
                api.display,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                context as EglContext,
            )
        };
        if ok == 0 {
            // SAFETY: no arguments.
            let e = unsafe { (api.egl.get_error)() };
            return Err(format!(
                "eglMakeCurrent (surfaceless) failed (EGL error {e:#x})"
            ));
        }
        Ok(())
    }

    /// Leaves the calling thread with no current context.
    pub(crate) fn release_current(api: &Api) {
        // SAFETY: releasing takes null surfaces and context.
        unsafe {
            (api.egl.make_current)(
                api.display,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            )
        };
    }

    /// The context current on the calling thread (0 for none).
    pub(crate) fn current_context(api: &Api) -> usize {
        // SAFETY: no arguments; answers null when none is current.
        unsafe { (api.egl.get_current_context)() as usize }
    }

    // Everything below needs a context current on the calling thread.

    /// `GL_RENDERER`.
    pub(crate) fn renderer(api: &Api) -> String {
        // SAFETY: a context is current; glGetString returns a static
        // NUL-terminated string or null.
        unsafe {
            let s = (api.gl.get_string)(GL_RENDERER);
            if s.is_null() {
                return String::new();
            }
            CStr::from_ptr(s.cast()).to_string_lossy().into_owned()
        }
    }

    /// A new 2D texture of `w` x `h` RGBA texels of `internal` format,
    /// filled from `data` (packed rows bottom-up, `ty` per channel) or left
    /// undefined for `None`. The binding of `GL_TEXTURE_2D` is restored.
    pub(crate) fn create_texture(
        api: &Api,
        internal: u32,
        ty: u32,
        w: i32,
        h: i32,
        data: Option<&[u8]>,
    ) -> Result<u32, GlError> {
        let gl = &api.gl;
        let mut id = 0;
        // SAFETY: a context is current; `data`, when given, holds w * h
        // packed RGBA pixels of `ty` (the caller sized it), read with
        // unpack alignment 1.
        unsafe {
            let mut bound = 0;
            (gl.get_integerv)(GL_TEXTURE_BINDING_2D, &mut bound);
            (gl.gen_textures)(1, &mut id);
            (gl.bind_texture)(GL_TEXTURE_2D, id);
            for (p, v) in [
                (GL_TEXTURE_MIN_FILTER, GL_NEAREST),
                (GL_TEXTURE_MAG_FILTER, GL_NEAREST),
                (GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE),
                (GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE),
            ] {
                (gl.tex_parameteri)(GL_TEXTURE_2D, p, v);
            }
            (gl.pixel_storei)(GL_UNPACK_ALIGNMENT, 1);
            (gl.tex_image_2d)(
                GL_TEXTURE_2D,
                0,
                internal as i32,
                w,
                h,
                0,
                GL_RGBA,
                ty,
                data.map_or(std::ptr::null(), |d| d.as_ptr().cast()),
            );
            (gl.pixel_storei)(GL_UNPACK_ALIGNMENT, 4);
            (gl.bind_texture)(GL_TEXTURE_2D, bound as u32);
            let e = (gl.get_error)();
            if e != 0 {
                (gl.delete_textures)(1, &id);
                return Err(format!(
                    "glTexImage2D of a {w}x{h} texture (internal format {internal:#x}) failed: GL error {e:#x}"
                ));
            }
        }
        Ok(id)
    }

    /// Reads texture `id` back into `out` (packed RGBA rows of `ty`,
    /// bottom-up; the caller sized it to the whole texture).
    pub(crate) fn read_texture(api: &Api, id: u32, ty: u32, out: &mut [u8]) {
        let gl = &api.gl;
        // SAFETY: a context is current; `out` holds the whole level 0 of
        // the texture as packed RGBA of `ty`, written with pack alignment 1.
        unsafe {
            let mut bound = 0;
            (gl.get_integerv)(GL_TEXTURE_BINDING_2D, &mut bound);
            (gl.bind_texture)(GL_TEXTURE_2D, id);
            (gl.pixel_storei)(GL_PACK_ALIGNMENT, 1);
            (gl.get_tex_image)(GL_TEXTURE_2D, 0, GL_RGBA, ty, out.as_mut_ptr().cast());
            (gl.pixel_storei)(GL_PACK_ALIGNMENT, 4);
            (gl.bind_texture)(GL_TEXTURE_2D, bound as u32);
        }
    }

    /// Deletes a texture (ids the context does not know are ignored).
    pub(crate) fn delete_texture(api: &Api, id: u32) {
        // SAFETY: a context is current; one id read from a valid pointer.
        unsafe { (api.gl.delete_textures)(1, &id) };
    }

    /// A framebuffer object with texture `tex` as its colour attachment 0,
    /// left bound to `GL_FRAMEBUFFER`, with the viewport `w` x `h`.
    pub(crate) fn create_framebuffer(api: &Api, tex: u32, w: i32, h: i32) -> Result<u32, GlError> {
        let gl = &api.gl;
        let mut fbo = 0;
        // SAFETY: a context is current; `tex` is a live 2D texture.
        unsafe {
            (gl.gen_framebuffers)(1, &mut fbo);
            (gl.bind_framebuffer)(GL_FRAMEBUFFER, fbo);
            (gl.framebuffer_texture_2d)(
                GL_FRAMEBUFFER,
                GL_COLOR_ATTACHMENT0,
                GL_TEXTURE_2D,
                tex,
                0,
            );
            let status = (gl.check_framebuffer_status)(GL_FRAMEBUFFER);
            if status != GL_FRAMEBUFFER_COMPLETE {
                (gl.bind_framebuffer)(GL_FRAMEBUFFER, 0);
                (gl.delete_framebuffers)(1, &fbo);
                return Err(format!("framebuffer incomplete ({status:#x})"));
            }
            (gl.viewport)(0, 0, w, h);
        }
        Ok(fbo)
    }

    /// Deletes a framebuffer object (unbinding it when bound).
    pub(crate) fn delete_framebuffer(api: &Api, fbo: u32) {
        let gl = &api.gl;
        // SAFETY: a context is current; one id read from a valid pointer.
        unsafe {
            let mut bound = 0;
            (gl.get_integerv)(GL_FRAMEBUFFER_BINDING, &mut bound);
            if bound as u32 == fbo {
                (gl.bind_framebuffer)(GL_FRAMEBUFFER, 0);
            }
            (gl.delete_framebuffers)(1, &fbo);
        }
    }

    /// Binds framebuffer `fbo` (0: none) and sets the viewport `w` x `h`.
    pub(crate) fn bind_framebuffer(api: &Api, fbo: u32, w: i32, h: i32) {
        // SAFETY: a context is current; `fbo` is 0 or a live framebuffer.
        unsafe {
            (api.gl.bind_framebuffer)(GL_FRAMEBUFFER, fbo);
            (api.gl.viewport)(0, 0, w, h);
        }
    }

    /// `glFinish`.
    pub(crate) fn finish(api: &Api) {
        // SAFETY: a context is current.
        unsafe { (api.gl.finish)() };
    }

    /// `glGetError` once (0: no error).
    pub(crate) fn get_error(api: &Api) -> u32 {
        // SAFETY: a context is current.
        unsafe { (api.gl.get_error)() }
    }

    /// Loads an orthographic projection and an identity model view.
    pub(crate) fn ortho(api: &Api, left: f64, right: f64, bottom: f64, top: f64) {
        let gl = &api.gl;
        // SAFETY: a context (compatibility profile) is current; plain
        // matrix state changes.
        unsafe {
            (gl.matrix_mode)(GL_PROJECTION);
            (gl.load_identity)();
            (gl.ortho)(left, right, bottom, top, -1.0, 1.0);
            (gl.matrix_mode)(GL_MODELVIEW);
            (gl.load_identity)();
        }
    }

    /// The state a render action starts in, as Natron sets it: the
    /// viewport and scissor box on `window` (`x1, y1, x2, y2` in pixels),
    /// placed in a framebuffer whose pixel (0, 0) is `origin`, and an
    /// orthographic projection in pixel coordinates over the window.
    pub(crate) fn set_render_region(api: &Api, origin: [i32; 2], window: [i32; 4]) {
        let gl = &api.gl;
        let [x1, y1, x2, y2] = window;
        let depth = 10.0 * f64::from(y2 - y1);
        // SAFETY: a context (compatibility profile) is current; plain
        // viewport, scissor and matrix state changes.
        unsafe {
            (gl.viewport)(x1 - origin[0], y1 - origin[1], x2 - x1, y2 - y1);
            (gl.scissor)(x1 - origin[0], y1 - origin[1], x2 - x1, y2 - y1);
            (gl.enable)(GL_SCISSOR_TEST);
            (gl.matrix_mode)(GL_PROJECTION);
            (gl.load_identity)();
            (gl.ortho)(
                f64::from(x1),
                f64::from(x2),
                f64::from(y1),
                f64::from(y2),
                -depth,
                depth,
            );
            (gl.matrix_mode)(GL_MODELVIEW);
            (gl.load_identity)();
        }
    }

    /// Ends a render region: the scissor test off.
    pub(crate) fn end_render_region(api: &Api) {
        // SAFETY: a context is current; one capability turned off.
        unsafe { (api.gl.disable)(GL_SCISSOR_TEST) };
    }

    /// Clears the bound framebuffer's colour to `c`.
    pub(crate) fn clear(api: &Api, c: [f32; 4]) {
        // SAFETY: a context is current.
        unsafe {
            (api.gl.clear_color)(c[0], c[1], c[2], c[3]);
            (api.gl.clear)(GL_COLOR_BUFFER_BIT);
        }
    }
}

/// Without the `opengl` feature nothing is loaded.
#[cfg(not(feature = "opengl"))]
pub(crate) fn api() -> Result<&'static Api, GlError> {
    Err("ofx-host was built without its `opengl` feature".into())
}

/// Stands in for the loaded API without the `opengl` feature (never made).
#[cfg(not(feature = "opengl"))]
pub(crate) enum Api {}

#[cfg(not(feature = "opengl"))]
mod absent {
    //! Without the `opengl` feature no [`Api`] exists, so none of these
    //! can be called.
    use super::{Api, GlError};
    pub(crate) fn create_context(a: &Api) -> Result<usize, GlError> {
        match *a {}
    }
    pub(crate) fn destroy_context(a: &Api, _: usize) {
        match *a {}
    }
    pub(crate) fn make_current(a: &Api, _: usize) -> Result<(), GlError> {
        match *a {}
    }
    pub(crate) fn release_current(a: &Api) {
        match *a {}
    }
    pub(crate) fn current_context(a: &Api) -> usize {
        match *a {}
    }
    pub(crate) fn renderer(a: &Api) -> String {
        match *a {}
    }
    pub(crate) fn create_texture(
        a: &Api,
        _: u32,
        _: u32,
        _: i32,
        _: i32,
        _: Option<&[u8]>,
    ) -> Result<u32, GlError> {
        match *a {}
    }
    pub(crate) fn read_texture(a: &Api, _: u32, _: u32, _: &mut [u8]) {
        match *a {}
    }
    pub(crate) fn delete_texture(a: &Api, _: u32) {
        match *a {}
    }
    pub(crate) fn create_framebuffer(a: &Api, _: u32, _: i32, _: i32) -> Result<u32, GlError> {
        match *a {}
    }
    pub(crate) fn delete_framebuffer(a: &Api, _: u32) {
        match *a {}
    }
    pub(crate) fn bind_framebuffer(a: &Api, _: u32, _: i32, _: i32) {
        match *a {}
    }
    pub(crate) fn finish(a: &Api) {
        match *a {}
    }
    pub(crate) fn get_error(a: &Api) -> u32 {
        match *a {}
    }
    pub(crate) fn ortho(a: &Api, _: f64, _: f64, _: f64, _: f64) {
        match *a {}
    }
    pub(crate) fn clear(a: &Api, _: [f32; 4]) {
        match *a {}
    }
    pub(crate) fn set_render_region(a: &Api, _: [i32; 2], _: [i32; 4]) {
        match *a {}
    }
    pub(crate) fn end_render_region(a: &Api) {
        match *a {}
    }
}
#[cfg(not(feature = "opengl"))]
pub(super) use absent::*;
