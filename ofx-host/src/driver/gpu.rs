//! GPU rendering: which backend a render gets, the OpenCL queue of a
//! sequence, the device copies of a frame, and the reference counts of
//! both after the render; on OpenGL, the context made current around a
//! sequence, the attached and detached actions, and the output texture of
//! a frame (see [`super::gpu_gl`]).
//!
//! The host enables at most one backend per render, and only one that it
//! advertises ([`HostConfig::gpu`](crate::config::HostConfig::gpu)) and
//! that the plugin declared "true" or "needed" on its descriptor. It makes
//! one command queue per sequence and one device copy per image, holds one
//! extra reference to each while the plugin runs (so that a plugin that
//! releases what it does not own cannot destroy it under the host), then
//! waits for the queue (`clFinish`), reads the output back into host
//! memory, and checks that every reference count is what the host left.
//!
//! `kOfxImageEffectPropOpenCLEnabled`: the header's "valid values" say 0
//! means "use OpenCL" and 1 "do not"; its summary line, the paragraph on
//! enabling, and every other `...Enabled` property say the reverse. This
//! host sets 1 to enable OpenCL, as hosts do.

use std::sync::{Arc, Mutex};

use super::actions::ok;
use super::instance::Instance;
use crate::config::Backend;
use crate::error::HostError;
use crate::frames::{ClFrame, GpuFrame};
use crate::image::ImageBuffer;
use crate::log::{Log, ViolationKind};
use crate::opencl::{ClDevice, ClError, ClQueue, MemKind};
use crate::opengl::GlDevice;
use crate::props::{PropertySet, Writer};
use crate::types::{Rect, ofx_str};

/// The GPU side of one begin/end sequence render pair.
pub(super) enum GpuSequence {
    /// OpenCL buffers or images.
    OpenCl {
        /// [`Backend::OpenClBuffers`] or [`Backend::OpenClImages`].
        backend: Backend,
        /// The queue handed to the plugin in every action of the sequence.
        queue: Arc<ClQueue>,
    },
    /// OpenGL textures: the session's context, current on the rendering
    /// thread for the whole sequence.
    OpenGl {
        /// The session's OpenGL context.
        device: Arc<GlDevice>,
    },
}

/// Whether a descriptor value declares support ("true" or "needed").
pub(crate) fn declares(value: &str) -> bool {
    value == "true" || value == "needed"
}

/// Sets the GPU properties of a render or sequence argument set:
/// `kOfxImageEffectPropOpenCLEnabled` (1 to enable, see the module
/// documentation) and the command queue on OpenCL,
/// `kOfxImageEffectPropOpenGLEnabled` 1 on OpenGL, and 0 for every other
/// API.
pub(super) fn set_args(args: &mut PropertySet, gpu: Option<&GpuSequence>) {
    let h = Writer::Host;
    let queue = match gpu {
        Some(GpuSequence::OpenCl { queue, .. }) => Some(queue),
        _ => None,
    };
    let opengl = matches!(gpu, Some(GpuSequence::OpenGl { .. }));
    for (name, on) in [
        (ofx_sys::kOfxImageEffectPropOpenCLEnabled, queue.is_some()),
        (ofx_sys::kOfxImageEffectPropOpenGLEnabled, opengl),
        (ofx_sys::kOfxImageEffectPropCudaEnabled, false),
        (ofx_sys::kOfxImageEffectPropMetalEnabled, false),
    ] {
        ok(args.set_int(ofx_str(name), 0, i32::from(on), h));
    }
    if let Some(q) = queue {
        ok(args.set_pointer(
            ofx_str(ofx_sys::kOfxImageEffectPropOpenCLCommandQueue),
            0,
            q.raw(),
            h,
        ));
    }
}

/// What a reference count after the plugin ran says: `true` when the
/// host's extra reference is to be given back (the count is at least the
/// two the host holds), and a violation when it is not exactly two.
///
/// An implementation may hold references of its own for a moment after
/// `clFinish` (pocl's event clean-up keeps the queue until it has run), so
/// a count above two is read again for up to 250 ms before it is blamed on
/// the plugin.
fn settle(what: &str, read: impl Fn() -> Result<u32, ClError>, log: &Log) -> bool {
    let mut count = read();
    for _ in 0..50 {
        if !matches!(count, Ok(n) if n > 2) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
        count = read();
    }
    match count {
        Ok(2) => true,
        Ok(n) => {
            log.violation(
                ViolationKind::GpuReferenceCount,
                format!(
                    "{what}: reference count {n} after the plugin ran, {} (the host holds 2: its own and one for the render); the plugin {}",
                    if n < 2 { "lower" } else { "higher" },
                    if n < 2 {
                        "released an object it did not retain"
                    } else {
                        "retained an object without releasing it"
                    }
                ),
            );
            n >= 2
        }
        Err(e) => {
            log.note(format!("{what}: reference count unreadable: {e}"));
            false
        }
    }
}

impl Instance<'_> {
    /// The backend a render asking for `requested` gets: the CPU when the
    /// plugin does not declare `requested` (a note says so).
    ///
    /// # Errors
    /// [`HostError::Unsupported`] when the host does not advertise
    /// `requested`, or when a clip's components cannot go on that API (RGB
    /// on OpenCL images; anything but RGBA on OpenGL).
    pub(super) fn negotiate(&self, requested: Backend) -> Result<Backend, HostError> {
        let shared = self.plugin.shared();
        if requested == Backend::Cpu && !self.renders_on_cpu() {
            return self.gpu_instead_of_cpu();
        }
        let Some(prop) = requested.support_property() else {
            // A CPU render asked for: said, if the plugin claims it cannot
            // render without a GPU API.
            let desc = self.plugin.descriptor();
            for b in Backend::ALL {
                if let Some(p) = b.support_property()
                    && desc.get_string(p, 0).is_ok_and(|v| v == "needed")
                {
                    shared.log.note(format!(
                        "a CPU render asked for, but the plugin's {p} is 'needed': it may fail"
                    ));
                }
            }
            return Ok(Backend::Cpu);
        };
        if !shared.config.gpu.offers(requested) {
            return Err(HostError::Unsupported(format!(
                "{requested} rendering asked for, but the host does not advertise it (HostConfig::gpu)"
            )));
        }
        let value = self
            .plugin
            .descriptor()
            .get_string(prop, 0)
            .unwrap_or_default();
        if !declares(&value) {
            shared.log.note(format!(
                "{requested} rendering asked for, but the plugin's {prop} is '{value}': rendering on the CPU"
            ));
            return Ok(Backend::Cpu);
        }
        if requested == Backend::OpenClImages {
            // Refused before any action: an image the host cannot put on
            // the device would otherwise surface as a failed clipGetImage.
            let prefs = self.current_preferences()?;
            if let Some((clip, _)) = prefs
                .clips
                .iter()
                .find(|(_, p)| p.components == crate::image::Components::Rgb)
            {
                return Err(HostError::Unsupported(format!(
                    "OpenCL images hold RGB only in packed 16-bit formats: clip '{clip}' is RGB (OpenCL images render RGBA and Alpha)"
                )));
            }
        }
        if requested == Backend::OpenGl {
            // Textures are RGBA (as Natron, the OpenGL host, renders).
            let prefs = self.current_preferences()?;
            if let Some((clip, p)) = prefs
                .clips
                .iter()
                .find(|(_, p)| p.components != crate::image::Components::Rgba)
            {
                return Err(HostError::Unsupported(format!(
                    "OpenGL textures are RGBA only: clip '{clip}' is {}",
                    p.components
                )));
            }
        }
        Ok(requested)
    }

    /// Whether the plugin renders on the CPU: not when its descriptor says
    /// `kOfxImageEffectPropCPURenderSupported` "false" (OpenFX 1.5.1).
    pub(super) fn renders_on_cpu(&self) -> bool {
        self.plugin
            .descriptor()
            .get_string(ofx_str(ofx_sys::kOfxImageEffectPropCPURenderSupported), 0)
            .map_or(true, |v| v != "false")
    }

    /// The backend a CPU render asked of a plugin that cannot render on the
    /// CPU gets instead: the first GPU API the host advertises and the
    /// plugin declares (OpenGL, then OpenCL buffers, then images), as a
    /// host that honours `kOfxImageEffectPropCPURenderSupported` would
    /// pick; an API whose rules the render does not meet is skipped.
    ///
    /// # Errors
    /// [`HostError::Unsupported`] when there is none: the plugin needs a
    /// GPU API this host does not offer, or none can take the render.
    fn gpu_instead_of_cpu(&self) -> Result<Backend, HostError> {
        let shared = self.plugin.shared();
        let desc = self.plugin.descriptor();
        let cpu_prop = ofx_str(ofx_sys::kOfxImageEffectPropCPURenderSupported);
        // Each API both sides have, in order; the first whose own rules the
        // render meets (RGB cannot go on OpenGL, say) wins.
        let mut refused = Vec::new();
        for b in [
            Backend::OpenGl,
            Backend::OpenClBuffers,
            Backend::OpenClImages,
        ] {
            let declared = b
                .support_property()
                .is_some_and(|p| desc.get_string(p, 0).is_ok_and(|v| declares(&v)));
            if !shared.config.gpu.offers(b) || !declared {
                continue;
            }
            match self.negotiate(b) {
                Ok(b) => {
                    shared.log.note(format!(
                        "a CPU render asked for, but the plugin does not render on the CPU ({cpu_prop} is 'false'): rendering on {b}"
                    ));
                    return Ok(b);
                }
                Err(e) => refused.push(format!("{b}: {e}")),
            }
        }
        Err(HostError::Unsupported(if refused.is_empty() {
            format!(
                "the plugin does not render on the CPU ({cpu_prop} is 'false') and declares no GPU API the host offers (HostConfig::gpu)"
            )
        } else {
            format!(
                "the plugin does not render on the CPU ({cpu_prop} is 'false') and no GPU API can take this render: {}",
                refused.join("; ")
            )
        }))
    }

    /// The session's OpenCL device, opened on first use.
    fn opencl_device(&self) -> Result<Arc<ClDevice>, HostError> {
        self.plugin
            .shared()
            .opencl
            .get_or_init(ClDevice::open)
            .clone()
            .map_err(|e| HostError::Unsupported(format!("OpenCL: {e}")))
    }

    /// A new queue for a sequence on `backend`, with the host's extra
    /// reference taken, or the session's OpenGL context; `None` on the CPU.
    pub(super) fn open_sequence(&self, backend: Backend) -> Result<Option<GpuSequence>, HostError> {
        match backend {
            Backend::Cpu => return Ok(None),
            Backend::OpenGl => {
                return Ok(Some(GpuSequence::OpenGl {
                    device: self.opengl_device()?,
                }));
            }
            Backend::OpenClBuffers | Backend::OpenClImages => {}
        }
        let device = self.opencl_device()?;
        if backend == Backend::OpenClImages && !device.image_support {
            return Err(HostError::Unsupported(format!(
                "OpenCL images: the device {} has no image support",
                device.name
            )));
        }
        let cl = |e: ClError| HostError::Unsupported(format!("OpenCL: {e}"));
        let queue = device.queue().map_err(cl)?;
        queue.retain().map_err(cl)?;
        Ok(Some(GpuSequence::OpenCl {
            backend,
            queue: Arc::new(queue),
        }))
    }

    /// Waits for the sequence's queue, then checks and gives back the
    /// host's references to it.
    pub(super) fn close_sequence(&self, seq: GpuSequence) -> Result<(), HostError> {
        let GpuSequence::OpenCl { queue, .. } = seq else {
            return Ok(());
        };
        let log = &self.plugin.shared().log;
        let finished = queue.finish();
        let queue = Arc::try_unwrap(queue)
            .map_err(|_| HostError::Invalid("the OpenCL queue is still shared".into()))?;
        // When the plugin released the queue, the extra reference is the
        // last one, and dropping the queue gives it back.
        if settle(
            "the host's OpenCL command queue",
            || queue.reference_count(),
            log,
        ) {
            queue.release_extra();
        }
        drop(queue);
        finished.map_err(|e| HostError::Unsupported(format!("OpenCL: {e}")))
    }

    /// The device side of one frame: the output copied to the device
    /// (pixels outside the window included, so that stray writes show).
    pub(super) fn open_frame(
        &self,
        seq: &GpuSequence,
        output: &ImageBuffer,
        window: Rect,
    ) -> Result<GpuFrame, HostError> {
        let (backend, queue) = match seq {
            GpuSequence::OpenCl { backend, queue } => (*backend, queue),
            GpuSequence::OpenGl { device } => {
                return self
                    .open_gl_frame(device, output, window)
                    .map(GpuFrame::OpenGl);
            }
        };
        let kind = if backend == Backend::OpenClImages {
            MemKind::Image
        } else {
            MemKind::Buffer
        };
        let cl = |e: ClError| HostError::Unsupported(format!("OpenCL output: {e}"));
        let out = queue.device().upload(queue, output, kind).map_err(cl)?;
        out.retain().map_err(cl)?;
        Ok(GpuFrame::OpenCl(ClFrame {
            queue: queue.clone(),
            kind,
            output: out,
            inputs: Mutex::new(Vec::new()),
            errors: Mutex::new(Vec::new()),
        }))
    }

    /// Waits for the frame's work, reads the output back into `output`,
    /// and checks the reference counts of every device copy.
    pub(super) fn close_frame(
        &self,
        frame: GpuFrame,
        output: &mut ImageBuffer,
    ) -> Result<(), HostError> {
        let frame = match frame {
            GpuFrame::OpenCl(f) => f,
            GpuFrame::OpenGl(f) => return self.close_gl_frame(f, output),
        };
        let log = &self.plugin.shared().log;
        for e in frame
            .errors
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
        {
            log.note(format!(
                "an input could not be put on the OpenCL device: {e}"
            ));
        }
        let cl = |e: ClError| HostError::Unsupported(format!("OpenCL: {e}"));
        // Read back only once the queue has run; the counts are settled
        // whatever happened.
        let read = frame
            .queue
            .finish()
            .and_then(|()| frame.queue.download(&frame.output, output));
        let inputs = frame.inputs.into_inner().unwrap_or_else(|e| e.into_inner());
        for (img, mem) in inputs.iter() {
            if settle(
                &format!("the OpenCL copy of input image '{}'", img.name()),
                || mem.reference_count(),
                log,
            ) {
                mem.release_extra();
            }
        }
        if settle(
            "the OpenCL copy of the output image",
            || frame.output.reference_count(),
            log,
        ) {
            frame.output.release_extra();
        }
        read.map_err(cl)
    }
}
