//! `OfxImageEffectOpenGLRenderSuiteV1`: clip images as OpenGL textures,
//! during an OpenGL render only (the host hands the suite out when it
//! advertises OpenGL).
//!
//! Rules enforced (each breach is a logged violation):
//! - `clipLoadTexture` only in the render action of a render the host runs
//!   on OpenGL (`kOfxStatFailed` otherwise), with the image rules of
//!   `clipGetImage` (same action, time and region checks);
//! - a texture is freed once, with a handle `clipLoadTexture` gave in this
//!   render (`kOfxStatErrBadHandle` otherwise);
//! - textures are freed before the render action returns (the driver
//!   reports and deletes the rest).
//!
//! An input texture is the image `clipGetImage` would give, converted to
//! the depth asked for (else the plugin's first `kOfxOpenGLPropPixelDepth`,
//! else the clip's), uploaded to a new texture of its bounds. The output
//! texture is the one the host bound to the framebuffer before the render
//! action; freeing it only hands it back.

use std::ffi::c_char;
use std::sync::Arc;

use ofx_sys::{
    OfxImageClipHandle, OfxImageEffectOpenGLRenderSuiteV1, OfxPropertySetHandle, OfxRectD,
    OfxStatus, OfxTime,
};

use super::image_effect::{fetch_checked, image_props};
use super::{c_str, guard};
use crate::frames::{GlFrame, LoadedTexture, RenderContext};
use crate::handle::Handle;
use crate::image::{Depth, Layout};
use crate::log::ViolationKind;
use crate::props::{Dimension, PropType, Writer};
use crate::state;
use crate::types::{ClipName, ofx_str};

const SUITE: &str = ofx_str(ofx_sys::kOfxOpenGLRenderSuite);

/// The OpenGL render suite table handed to plugins.
pub static OPENGL_RENDER_SUITE_V1: OfxImageEffectOpenGLRenderSuiteV1 =
    OfxImageEffectOpenGLRenderSuiteV1 {
        clipLoadTexture: Some(clip_load_texture),
        clipFreeTexture: Some(clip_free_texture),
        flushResources: Some(flush_resources),
    };

/// The render of the action running on this thread, when it runs on
/// OpenGL.
fn gl_render() -> Option<Arc<RenderContext>> {
    let frame = state::current_frame()?;
    let is_render = frame.action.as_bytes() == ofx_sys::kOfxImageEffectActionRender.to_bytes();
    frame
        .render
        .filter(|r| is_render && r.gpu.as_ref().and_then(|g| g.opengl()).is_some())
}

fn gl_frame(ctx: &RenderContext) -> &GlFrame {
    // Checked by `gl_render`.
    ctx.gpu
        .as_ref()
        .and_then(|g| g.opengl())
        .expect("an OpenGL render")
}

unsafe extern "C" fn clip_load_texture(
    clip: OfxImageClipHandle,
    time: OfxTime,
    format: *const c_char,
    region: *const OfxRectD,
    out: *mut OfxPropertySetHandle,
) -> OfxStatus {
    let raw = clip as usize;
    // SAFETY: null or a pointer to an OfxRectD from the plugin.
    let region = unsafe { region.as_ref() }.copied();
    let format_given = !format.is_null();
    // SAFETY: null or a NUL-terminated string from the plugin.
    let format = unsafe { c_str(format) }.map(str::to_owned);
    guard(SUITE, "clipLoadTexture", raw, format.clone(), || {
        if out.is_null() {
            return ofx_sys::kOfxStatErrValue;
        }
        // SAFETY: checked non-null; cleared first so a failure leaves null.
        unsafe { out.write(std::ptr::null_mut()) };
        let known = state::lock().clips.get(Handle::from_raw(raw)).map(|_| ());
        if let Err(e) = known {
            state::log().violation(
                ViolationKind::BadHandle,
                format!("{SUITE}.clipLoadTexture on {e:?} clip handle {raw:#x}"),
            );
            return ofx_sys::kOfxStatErrBadHandle;
        }
        let Some(ctx) = gl_render() else {
            state::log().violation(
                ViolationKind::WrongAction,
                format!(
                    "{SUITE}.clipLoadTexture outside the render action of an OpenGL render (in {})",
                    state::current_frame().map_or_else(|| "no action".into(), |f| f.action)
                ),
            );
            return ofx_sys::kOfxStatFailed;
        };
        let gl = gl_frame(&ctx);
        let (entry, _, mut fetched) = match fetch_checked("clipLoadTexture", raw, time, region) {
            Ok(f) => f,
            Err(s) => return s,
        };
        let texture = if entry.name == ClipName::OUTPUT.as_str() {
            None
        } else {
            let depth = match format.as_deref() {
                Some(f) => match Depth::from_ofx_name(f) {
                    Some(d) => d,
                    None => {
                        state::log().violation(
                            ViolationKind::BadValue,
                            format!("{SUITE}.clipLoadTexture of clip '{}' in format '{f}', not a pixel depth", entry.name),
                        );
                        return ofx_sys::kOfxStatErrValue;
                    }
                },
                None if format_given => return ofx_sys::kOfxStatErrValue,
                None => gl.preferred_depth.unwrap_or(fetched.buffer.layout().depth),
            };
            let l = *fetched.buffer.layout();
            if l.depth != depth {
                let converted =
                    fetched
                        .buffer
                        .to_layout(Layout::packed(l.bounds, depth, l.components));
                fetched.buffer = Arc::new(converted);
            }
            match gl.device.upload(&fetched.buffer) {
                Ok(t) => Some(t),
                Err(e) => {
                    state::log().note(format!(
                        "{SUITE}.clipLoadTexture: clip '{}' could not be put in a texture: {e}",
                        entry.name
                    ));
                    return ofx_sys::kOfxStatFailed;
                }
            }
        };
        let check = state::current_session().is_none_or(|s| s.config.check_input_writes);
        let uploaded = (texture.is_some() && check).then(|| fetched.buffer.clone());
        let id = texture.as_ref().map_or(gl.output.id(), |t| t.id());
        let mut set = image_props(&fetched);
        let l = *fetched.buffer.layout();
        let h = Writer::Host;
        let results = [
            set.set_pointer(ofx_str(ofx_sys::kOfxImagePropData), 0, 0, h),
            set.set_int(
                ofx_str(ofx_sys::kOfxImagePropRowBytes),
                0,
                (l.width() * l.bytes_per_pixel()) as i32,
                h,
            ),
        ];
        for (name, v) in [
            (ofx_sys::kOfxImageEffectPropOpenGLTextureIndex, id as i32),
            (
                ofx_sys::kOfxImageEffectPropOpenGLTextureTarget,
                crate::opengl::TEXTURE_TARGET as i32,
            ),
        ] {
            set.define(ofx_str(name), PropType::Int, Dimension::Fixed(1), false);
            let _ = set.set_int(ofx_str(name), 0, v, h);
        }
        debug_assert!(results.iter().all(Result::is_ok), "{results:?}");
        let handle = state::add_property_set(set);
        gl.textures
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(LoadedTexture {
                handle: handle.raw(),
                clip: entry.name.clone(),
                texture,
                uploaded,
            });
        // SAFETY: checked non-null above.
        unsafe { out.write(handle.raw() as OfxPropertySetHandle) };
        ofx_sys::kOfxStatOK
    })
}

unsafe extern "C" fn clip_free_texture(texture: OfxPropertySetHandle) -> OfxStatus {
    let raw = texture as usize;
    guard(SUITE, "clipFreeTexture", raw, None, || {
        let freed = gl_render().and_then(|ctx| {
            let frame = gl_frame(&ctx);
            let mut live = frame.textures.lock().unwrap_or_else(|e| e.into_inner());
            let i = live.iter().position(|t| t.handle == raw)?;
            let t = live.remove(i);
            drop(live);
            if let Some(v) = t.input_written(&frame.device) {
                state::log().violation(ViolationKind::InputWritten, v);
            }
            Some(t)
        });
        let Some(freed) = freed else {
            state::log().violation(
                ViolationKind::BadHandle,
                format!("{SUITE}.clipFreeTexture of {raw:#x}, not a live texture of this OpenGL render (never loaded, already freed, or from another render)"),
            );
            return ofx_sys::kOfxStatErrBadHandle;
        };
        let _ = state::lock().property_sets.remove(Handle::from_raw(raw));
        // An input texture is deleted here (the context is current on the
        // rendering thread); the output texture stays with the frame.
        drop(freed);
        ofx_sys::kOfxStatOK
    })
}

unsafe extern "C" fn flush_resources() -> OfxStatus {
    guard(SUITE, "flushResources", 0, None, || {
        ofx_sys::kOfxStatReplyDefault
    })
}
