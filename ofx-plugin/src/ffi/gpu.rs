//! Calls into the two suites of `ofxGPURender.h`: the OpenGL render suite
//! (clip images as textures) and the OpenCL program suite.

use std::ffi::{CStr, c_void};
use std::ptr;

use ofx_sys as sys;

use super::check;
use super::props::PropSet;
use super::suites::suites;
use crate::error::{Error, Result};
use crate::geometry::RectD;

fn opengl() -> Result<&'static sys::OfxImageEffectOpenGLRenderSuiteV1> {
    suites()?.opengl.map(|s| s.get()).ok_or_else(|| {
        Error::missing_host_feature(
            "the host has no OpenGL render suite (OfxImageEffectOpenGLRenderSuite v1)",
        )
    })
}

/// Loads the image of a clip at `time` as an OpenGL texture, returning the
/// property set that describes it. `format` is a pixel depth string, or
/// `None` to let the host pick from the effect's declared OpenGL depths.
pub(crate) fn load_texture(
    clip: sys::OfxImageClipHandle,
    time: f64,
    format: Option<&CStr>,
    region: Option<RectD>,
) -> Result<PropSet> {
    let f = opengl()?.clipLoadTexture.ok_or_else(|| {
        Error::missing_host_feature("the OpenGL render suite has no clipLoadTexture")
    })?;
    let region: Option<sys::OfxRectD> = region.map(Into::into);
    let r = region
        .as_ref()
        .map_or(ptr::null(), |r| r as *const sys::OfxRectD);
    let fmt = format.map_or(ptr::null(), CStr::as_ptr);
    let mut h: sys::OfxPropertySetHandle = ptr::null_mut();
    // SAFETY: a clip handle of the instance being rendered; `fmt` is null or
    // a NUL-terminated string and `r` null or a live rect, both outliving
    // the call; `h` is a valid out pointer.
    check(unsafe { f(clip, time, fmt, r, &mut h) }, || {
        format!("clipLoadTexture(time {time})")
    })?;
    PropSet::new(h)
}

/// Frees a texture loaded by [`load_texture`].
pub(crate) fn free_texture(texture: sys::OfxPropertySetHandle) {
    if let Ok(s) = opengl()
        && let Some(f) = s.clipFreeTexture
    {
        // SAFETY: the handle came from clipLoadTexture and is freed exactly
        // once, by the guard that owns it.
        unsafe { f(texture) };
    }
}

/// Asks the host to free what GPU memory it can; `Ok(true)` when it freed
/// something.
pub(crate) fn flush_resources() -> Result<bool> {
    let f = opengl()?.flushResources.ok_or_else(|| {
        Error::missing_host_feature("the OpenGL render suite has no flushResources")
    })?;
    // SAFETY: a function of the host's suite, without arguments.
    let st = unsafe { f() };
    if st == sys::kOfxStatReplyDefault {
        return Ok(false);
    }
    check(st, || "flushResources".into())?;
    Ok(true)
}

/// Whether the host offers the OpenCL program suite.
pub(crate) fn has_program_suite() -> bool {
    suites().is_ok_and(|s| s.opencl_program.is_some_and(|p| p.compileProgram.is_some()))
}

/// Compiles OpenCL source through the host's program suite. `Ok(None)` when
/// the host skipped an optional compile or returned no program.
pub(crate) fn compile_program(source: &CStr, optional: bool) -> Result<Option<*mut c_void>> {
    let f = suites()?
        .opencl_program
        .and_then(|s| s.compileProgram)
        .ok_or_else(|| {
            Error::missing_host_feature(
                "the host has no OpenCL program suite (OfxOpenCLProgramSuite v1)",
            )
        })?;
    let mut program: *mut c_void = ptr::null_mut();
    // SAFETY: `source` is NUL-terminated and outlives the call; the last
    // argument is where the host stores a `cl_program`, a pointer-sized
    // handle, so it points to a pointer-sized local.
    let st = unsafe {
        f(
            source.as_ptr(),
            i32::from(optional),
            (&raw mut program).cast(),
        )
    };
    if st == sys::kOfxStatReplyDefault {
        return Ok(None);
    }
    check(st, || "compileProgram".into())?;
    Ok((!program.is_null()).then_some(program))
}
