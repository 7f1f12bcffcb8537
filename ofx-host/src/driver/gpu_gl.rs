//! OpenGL rendering: the session's context, the attached and detached
//! actions, and the output texture of a frame.
//!
//! A sequence on OpenGL holds the session's context current on the calling
//! thread from before begin sequence render until after end sequence
//! render; an instance gets `OfxActionOpenGLContextAttached` before its
//! first OpenGL render (context current) and the detached action before it
//! is destroyed. Each frame renders in one render action over the whole
//! window: the host uploads the output buffer into a texture of the output
//! bounds, binds it as colour attachment 0 of a framebuffer object, sets
//! the state Natron (the OpenGL host plugins are written for) starts a
//! render in (viewport and scissor box on the render window, an
//! orthographic projection in pixel coordinates over it, so a quad from
//! `(x1, y1)` to `(x2, y2)` covers the window), sends the render action, then waits
//! (`glFinish`), reports textures the plugin did not free and GL errors it
//! left, and reads the output texture back.

use std::sync::Arc;

use super::actions::CallInfo;
use super::instance::Instance;
use crate::error::HostError;
use crate::frames::GlFrame;
use crate::handle::Handle;
use crate::image::{Depth, ImageBuffer};
use crate::log::ViolationKind;
use crate::opengl::{GlDevice, GlError};
use crate::state;
use crate::types::Rect;
use crate::types::ofx_str;

impl Instance<'_> {
    /// The session's OpenGL context, opened on first use.
    pub(super) fn opengl_device(&self) -> Result<Arc<GlDevice>, HostError> {
        self.plugin
            .shared()
            .opengl
            .get_or_init(GlDevice::open)
            .clone()
            .map_err(|e| HostError::Unsupported(format!("OpenGL: {e}")))
    }

    /// Sends `OfxActionOpenGLContextAttached` unless the instance was
    /// already told of `device` (whose context is current here).
    ///
    /// # Errors
    /// The action failed (`kOfxStatErrMemory` makes the host render on the
    /// CPU instead).
    pub(super) fn attach_gl(&self, device: &Arc<GlDevice>) -> Result<(), HostError> {
        if self
            .gl_attached
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_some()
        {
            return Ok(());
        }
        let status = self.plugin.send(
            ofx_sys::kOfxActionOpenGLContextAttached,
            self.handle.raw(),
            None,
            None,
            CallInfo::default(),
        );
        if !matches!(status, ofx_sys::kOfxStatOK | ofx_sys::kOfxStatReplyDefault) {
            return Err(HostError::Action {
                action: ofx_str(ofx_sys::kOfxActionOpenGLContextAttached).into(),
                status,
            });
        }
        *self.gl_attached.lock().unwrap_or_else(|e| e.into_inner()) = Some(device.clone());
        Ok(())
    }

    /// Sends the detached action, with the context current, when the
    /// instance was attached to one.
    pub(super) fn detach_gl(&self) {
        let attached = self
            .gl_attached
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        let Some(device) = attached else { return };
        match device.make_current() {
            Ok(_current) => {
                let _ = self.plugin.send(
                    ofx_sys::kOfxActionOpenGLContextDetached,
                    self.handle.raw(),
                    None,
                    None,
                    CallInfo::default(),
                );
            }
            Err(e) => self.plugin.shared().log.note(format!(
                "the OpenGL context could not be made current for the detached action: {e}"
            )),
        }
    }

    /// The OpenGL side of one frame: the output's texture (its current
    /// pixels, so that stray writes show) bound as the framebuffer's
    /// colour attachment.
    pub(super) fn open_gl_frame(
        &self,
        device: &Arc<GlDevice>,
        output: &ImageBuffer,
        window: Rect,
    ) -> Result<GlFrame, HostError> {
        let gl = |e: GlError| HostError::Unsupported(format!("OpenGL output: {e}"));
        let texture = device.upload(output).map_err(gl)?;
        let framebuffer = device.framebuffer(&texture).map_err(gl)?;
        let b = output.layout().bounds;
        device
            .set_render_region([b.x1, b.y1], [window.x1, window.y1, window.x2, window.y2])
            .map_err(gl)?;
        // Errors left from before the render are not the plugin's.
        let earlier = device.take_errors().map_err(gl)?;
        if !earlier.is_empty() {
            self.plugin.shared().log.note(format!(
                "OpenGL error(s) {} were pending before the render (cleared)",
                hex(&earlier)
            ));
        }
        let preferred_depth = self
            .plugin
            .descriptor()
            .get_string(ofx_str(ofx_sys::kOfxOpenGLPropPixelDepth), 0)
            .ok()
            .and_then(|d| Depth::from_ofx_name(&d));
        Ok(GlFrame {
            device: device.clone(),
            output: texture,
            framebuffer,
            preferred_depth,
            textures: Default::default(),
        })
    }

    /// After the render action: textures the plugin did not free are
    /// reported and deleted, GL errors it left are reported, and the
    /// output texture is read back into `output` (all of its bounds).
    pub(super) fn close_gl_frame(
        &self,
        frame: GlFrame,
        output: &mut ImageBuffer,
    ) -> Result<(), HostError> {
        let log = &self.plugin.shared().log;
        let device = frame.device.clone();
        let leaked = frame
            .textures
            .into_inner()
            .unwrap_or_else(|e| e.into_inner());
        {
            let mut st = state::lock();
            for t in &leaked {
                let _ = st.property_sets.remove(Handle::from_raw(t.handle));
            }
        }
        for t in leaked {
            if let Some(v) = t.input_written(&device) {
                log.violation(ViolationKind::InputWritten, v);
            }
            log.violation(
                ViolationKind::LeakedTexture,
                format!(
                    "texture {:#x} of clip '{}' not freed with clipFreeTexture before the render action returned (the host deleted it)",
                    t.handle, t.clip
                ),
            );
        }
        let gl = |e: GlError| HostError::Unsupported(format!("OpenGL: {e}"));
        device.finish().map_err(gl)?;
        let errors = device.take_errors().map_err(gl)?;
        if !errors.is_empty() {
            log.violation(
                ViolationKind::GlError,
                format!(
                    "the OpenGL render left GL errors {} (glGetError) when it returned",
                    hex(&errors)
                ),
            );
        }
        let read = device.download(&frame.output, output);
        let _ = device.end_render_region();
        let _ = device.unbind_framebuffer();
        drop(frame.framebuffer);
        drop(frame.output);
        read.map_err(gl)
    }
}

/// GL error codes as `0x500, 0x502`.
fn hex(codes: &[u32]) -> String {
    codes
        .iter()
        .map(|c| format!("{c:#x}"))
        .collect::<Vec<_>>()
        .join(", ")
}
