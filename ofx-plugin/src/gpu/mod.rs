//! Rendering on a GPU: what an effect declares, what the host offers, and
//! the one backend each render runs on (`ofxGPURender.h`).
//!
//! The negotiation has three steps:
//!
//! 1. In `describe`, the effect says which APIs it can render with
//!    ([`EffectDescriptor::opencl_buffers`](crate::EffectDescriptor::opencl_buffers)
//!    and its siblings), with a [`GpuSupport`] each, and whether it can
//!    render on the CPU at all.
//! 2. The host says what it offers ([`HostGpu`], in
//!    [`HostInfo::gpu`](crate::HostInfo::gpu)).
//! 3. For each render (and each begin/end sequence render) the host enables
//!    at most one API where both said yes. [`Render::backend`](crate::Render::backend)
//!    returns it as a [`Backend`], whose variant carries the handles of that
//!    API, borrowed for the render: the queue or stream to enqueue on, and
//!    per image a `cl_mem`, device pointer, Metal buffer or texture.
//!
//! An effect that declared no GPU support always gets [`Backend::Cpu`]. An
//! effect that did must still render on the CPU when the host enables none.
//!
//! # The plugin enqueues, the host waits
//!
//! Work is enqueued on the host's queue or stream and never waited for:
//! the host synchronises before it reads the output. The handles are
//! borrowed: the host owns its queue and memory, and nothing in this crate
//! releases them (the adapters below wrap them without taking ownership).
//!
//! # OpenGL
//!
//! An OpenGL render draws rather than enqueues: the host made its context
//! current and bound the output texture as the framebuffer, and the effect
//! draws into it before returning. [`GlProgram`] runs a GLSL fragment
//! shader over the render window in OpenFX pixel coordinates, safely;
//! effects that call OpenGL themselves get the textures' names from
//! [`Texture::texture`].
//!
//! # Decisions where `ofxGPURender.h` contradicts itself
//!
//! * `OfxImageEffectPropOpenCLEnabled` lists "0: SHOULD use OpenCL, 1:
//!   SHOULD NOT", the inverse of every other `...Enabled` property and of
//!   the overview page ("if this property is set to 1, then it must use
//!   OpenCL"). This crate reads 1 as enabled.
//! * One paragraph (under `OfxImageEffectPropOpenCLEnabled`) calls
//!   `OfxImageEffectPropOpenCLSupported` "Buffers" and
//!   `OfxImageEffectPropOpenCLRenderSupported` "Images". The two property
//!   definitions and the overview page say the opposite, and this crate
//!   follows them: `...OpenCLRenderSupported` is buffers (`cl_mem` in
//!   `kOfxImagePropData`), `...OpenCLSupported` is images (`cl_mem` in
//!   `OfxImageEffectPropOpenCLImage`). Which one a render uses is read from
//!   the output image: the images property set and non-null means images.
//! * The OpenGL context detached action's string is literally
//!   `"kOfxActionOpenGLContextDetached"` (with the `k`), unlike every other
//!   action. `ofx_sys` mirrors the header's value, and the entry point
//!   compares against it, so a host that follows the header reaches
//!   [`ImageEffect::opengl_context_detached`](crate::ImageEffect::opengl_context_detached).

mod backend;
mod gl_program;
#[allow(unsafe_code)] // declares the `unsafe fn from_raw` constructors; no unsafe blocks
mod handles;

#[cfg(feature = "opencl3")]
#[allow(unsafe_code)] // wraps host handles in opencl3 types without owning them
pub mod opencl;

#[cfg(feature = "cudarc")]
#[allow(unsafe_code)] // CUDA driver calls through cudarc, guarded
pub mod cuda;

#[cfg(all(feature = "metal", target_os = "macos"))]
#[allow(unsafe_code)] // wraps host Metal objects without owning them
pub mod metal;

pub use backend::{
    Backend, ClBuffer, ClImage, Cuda, CudaMemory, Device, DeviceImage, DeviceLayout, DeviceMemory,
    Metal, MetalMemory, OpenClBuffers, OpenClImages, OpenGl, Texture,
};
pub use gl_program::{GlProgram, Uniform};
pub(crate) use gl_program::{
    context_attached as gl_context_attached, context_detached as gl_context_detached,
};
pub use handles::{
    ClCommandQueue, ClMem, ClProgramHandle, CudaDevicePtr, CudaStream, GlTexture, MtlBuffer,
    MtlCommandQueue,
};

use std::ffi::{CStr, c_void};

use ofx_sys as sys;

use crate::descriptor::{EffectDescriptor, depth_cstr};
use crate::error::{Error, Result};
use crate::ffi::Shared;
use crate::ffi::props::PropSet;
use crate::pixel::BitDepth;

/// How far an effect supports a GPU API, as its descriptor says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum GpuSupport {
    /// `"false"`: not supported (the default).
    #[default]
    No,
    /// `"true"`: supported, and the effect renders on the CPU too.
    Yes,
    /// `"needed"`: the effect cannot render without it.
    Needed,
}

impl GpuSupport {
    /// The property value: `"false"`, `"true"` or `"needed"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            GpuSupport::No => "false",
            GpuSupport::Yes => "true",
            GpuSupport::Needed => "needed",
        }
    }

    /// Parses a property value; `None` for anything but the three values.
    pub fn parse(s: &str) -> Option<GpuSupport> {
        match s {
            "false" => Some(GpuSupport::No),
            "true" => Some(GpuSupport::Yes),
            "needed" => Some(GpuSupport::Needed),
            _ => None,
        }
    }

    /// Whether the API is supported at all (`Yes` or `Needed`).
    pub const fn is_supported(self) -> bool {
        !matches!(self, GpuSupport::No)
    }
}

/// What the host offers for rendering, read from its description. A host
/// property that is absent, or holds anything but `"true"`, counts as not
/// offered, except CPU rendering, which counts as offered unless the host
/// says `"false"`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HostGpu {
    /// OpenGL textures (`OfxImageEffectPropOpenGLRenderSupported`).
    pub opengl: bool,
    /// OpenCL buffers (`OfxImageEffectPropOpenCLRenderSupported`).
    pub opencl_buffers: bool,
    /// OpenCL images (`OfxImageEffectPropOpenCLSupported`).
    pub opencl_images: bool,
    /// CUDA device pointers (`OfxImageEffectPropCudaRenderSupported`).
    pub cuda: bool,
    /// CUDA streams (`OfxImageEffectPropCudaStreamSupported`).
    pub cuda_streams: bool,
    /// Metal buffers (`OfxImageEffectPropMetalRenderSupported`).
    pub metal: bool,
    /// CPU rendering (`OfxImageEffectPropCPURenderSupported`, 1.5.1).
    pub cpu: bool,
}

impl HostGpu {
    pub(crate) fn read(p: &PropSet) -> HostGpu {
        let yes = |n: &CStr| p.with_cstr(n, 0, |s| s == c"true").unwrap_or(false);
        HostGpu {
            opengl: yes(sys::kOfxImageEffectPropOpenGLRenderSupported),
            opencl_buffers: yes(sys::kOfxImageEffectPropOpenCLRenderSupported),
            opencl_images: yes(sys::kOfxImageEffectPropOpenCLSupported),
            cuda: yes(sys::kOfxImageEffectPropCudaRenderSupported),
            cuda_streams: yes(sys::kOfxImageEffectPropCudaStreamSupported),
            metal: yes(sys::kOfxImageEffectPropMetalRenderSupported),
            cpu: p
                .with_cstr(sys::kOfxImageEffectPropCPURenderSupported, 0, |s| {
                    s != c"false"
                })
                .unwrap_or(true),
        }
    }
}

/// Which API the host enabled for a render or a sequence of renders.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum GpuEnabled {
    /// None: images are in host memory.
    #[default]
    Cpu,
    /// OpenCL, buffers or images (a render tells which through
    /// [`Render::backend`](crate::Render::backend)).
    OpenCl,
    /// CUDA, with a stream to enqueue on or without.
    Cuda {
        /// Whether the host passes a stream.
        stream: bool,
    },
    /// Metal.
    Metal,
    /// OpenGL textures.
    OpenGl,
}

/// The GPU state of one render or sequence, read from the action's
/// arguments: the enabled API and its queue or stream.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) enum RawGpu {
    #[default]
    Cpu,
    OpenCl {
        queue: Shared<*mut c_void>,
    },
    Cuda {
        stream: Option<Shared<*mut c_void>>,
    },
    Metal {
        queue: Shared<*mut c_void>,
    },
    OpenGl,
}

impl RawGpu {
    /// Reads the `...Enabled` flags of a render or begin/end sequence
    /// render. More than one enabled API is the host's error.
    pub(crate) fn read(p: &PropSet) -> Result<RawGpu> {
        let on = |n: &CStr| p.get_bool(n, 0).unwrap_or(false);
        let ptr = |n: &CStr| p.get_pointer(n, 0).unwrap_or(std::ptr::null_mut());
        let mut found = Vec::new();
        // 1 means enabled, for OpenCL too (see the module documentation).
        if on(sys::kOfxImageEffectPropOpenCLEnabled) {
            found.push(RawGpu::OpenCl {
                queue: Shared(ptr(sys::kOfxImageEffectPropOpenCLCommandQueue)),
            });
        }
        if on(sys::kOfxImageEffectPropCudaEnabled) {
            let s = ptr(sys::kOfxImageEffectPropCudaStream);
            found.push(RawGpu::Cuda {
                stream: (!s.is_null()).then_some(Shared(s)),
            });
        }
        if on(sys::kOfxImageEffectPropMetalEnabled) {
            found.push(RawGpu::Metal {
                queue: Shared(ptr(sys::kOfxImageEffectPropMetalCommandQueue)),
            });
        }
        if on(sys::kOfxImageEffectPropOpenGLEnabled) {
            found.push(RawGpu::OpenGl);
        }
        match found.as_slice() {
            [] => Ok(RawGpu::Cpu),
            [one] => Ok(*one),
            many => Err(Error::value(format!(
                "the host enabled {} GPU APIs for one action ({:?}); at most one may be",
                many.len(),
                many.iter().map(RawGpu::enabled).collect::<Vec<_>>()
            ))),
        }
    }

    pub(crate) fn enabled(&self) -> GpuEnabled {
        match self {
            RawGpu::Cpu => GpuEnabled::Cpu,
            RawGpu::OpenCl { .. } => GpuEnabled::OpenCl,
            RawGpu::Cuda { stream } => GpuEnabled::Cuda {
                stream: stream.is_some(),
            },
            RawGpu::Metal { .. } => GpuEnabled::Metal,
            RawGpu::OpenGl => GpuEnabled::OpenGl,
        }
    }
}

/// Declaring GPU support, in `describe`.
///
/// A [`GpuSupport::Needed`] declaration checks the host's offer first: an
/// effect that cannot run without an API the host does not offer fails
/// `describe` with [`MissingHostFeature`](crate::ErrorKind::MissingHostFeature),
/// as `ofxGPURender.h` asks.
impl EffectDescriptor {
    fn gpu_flag(
        &mut self,
        name: &CStr,
        s: GpuSupport,
        offered: fn(&HostGpu) -> bool,
    ) -> Result<&mut Self> {
        if s == GpuSupport::Needed && !crate::HostInfo::gpu_offer().is_ok_and(|h| offered(&h)) {
            return Err(Error::missing_host_feature(format!(
                "the effect needs {} and the host does not offer it",
                name.to_string_lossy()
            )));
        }
        self.props.set_string(name, 0, s.as_str())?;
        Ok(self)
    }

    /// Rendering with OpenGL textures (`OfxImageEffectPropOpenGLRenderSupported`).
    pub fn opengl_render(&mut self, s: GpuSupport) -> Result<&mut Self> {
        self.gpu_flag(sys::kOfxImageEffectPropOpenGLRenderSupported, s, |h| {
            h.opengl
        })
    }
    /// The depths the effect accepts as OpenGL textures (`OfxOpenGLPropPixelDepth`).
    pub fn opengl_pixel_depths(&mut self, depths: &[BitDepth]) -> Result<&mut Self> {
        let v: Vec<String> = depths
            .iter()
            .map(|d| depth_cstr(*d).to_string_lossy().into_owned())
            .collect();
        self.props.set_strings(sys::kOfxOpenGLPropPixelDepth, &v)?;
        Ok(self)
    }
    /// Rendering with OpenCL buffers (`OfxImageEffectPropOpenCLRenderSupported`).
    pub fn opencl_buffers(&mut self, s: GpuSupport) -> Result<&mut Self> {
        self.gpu_flag(sys::kOfxImageEffectPropOpenCLRenderSupported, s, |h| {
            h.opencl_buffers
        })
    }
    /// Rendering with OpenCL images (`OfxImageEffectPropOpenCLSupported`,
    /// whose values are only `"false"` and `"true"`: hence a `bool`).
    pub fn opencl_images(&mut self, yes: bool) -> Result<&mut Self> {
        let s = if yes { GpuSupport::Yes } else { GpuSupport::No };
        self.gpu_flag(sys::kOfxImageEffectPropOpenCLSupported, s, |h| {
            h.opencl_images
        })
    }
    /// Rendering with CUDA device pointers (`OfxImageEffectPropCudaRenderSupported`).
    pub fn cuda_render(&mut self, s: GpuSupport) -> Result<&mut Self> {
        self.gpu_flag(sys::kOfxImageEffectPropCudaRenderSupported, s, |h| h.cuda)
    }
    /// Enqueueing on the host's CUDA stream (`OfxImageEffectPropCudaStreamSupported`).
    /// Without it, a CUDA render must finish its work before it returns.
    pub fn cuda_streams(&mut self, s: GpuSupport) -> Result<&mut Self> {
        self.gpu_flag(sys::kOfxImageEffectPropCudaStreamSupported, s, |h| {
            h.cuda_streams
        })
    }
    /// Rendering with Metal buffers (`OfxImageEffectPropMetalRenderSupported`).
    pub fn metal_render(&mut self, s: GpuSupport) -> Result<&mut Self> {
        self.gpu_flag(sys::kOfxImageEffectPropMetalRenderSupported, s, |h| h.metal)
    }
}

/// Compiles OpenCL source through the host's program suite
/// (`OfxOpenCLProgramSuite`), which may add build flags and cache binaries.
///
/// `Ok(None)` when `optional` is set and the host skipped the compile, or
/// when it returned no program.
///
/// # Errors
/// [`MissingHostFeature`](crate::ErrorKind::MissingHostFeature) when the host
/// has no program suite (compile with the OpenCL API instead), a
/// [`Value`](crate::ErrorKind::Value) error for source with a NUL byte, or
/// the host's failure.
pub fn compile_opencl_program(source: &str, optional: bool) -> Result<Option<ClProgramHandle>> {
    let c = std::ffi::CString::new(source)
        .map_err(|_| Error::value("OpenCL source contains a NUL byte"))?;
    Ok(crate::ffi::gpu::compile_program(&c, optional)?
        .and_then(std::ptr::NonNull::new)
        .map(ClProgramHandle::new))
}

/// Whether the host offers the OpenCL program suite.
pub fn has_opencl_program_suite() -> bool {
    crate::ffi::gpu::has_program_suite()
}

/// Asks the host to free what GPU memory it can (the OpenGL render suite's
/// `flushResources`), typically after a [`GpuOutOfMemory`](crate::ErrorKind::GpuOutOfMemory)
/// failure. `Ok(true)` when it freed something.
pub fn flush_gpu_resources() -> Result<bool> {
    crate::ffi::gpu::flush_resources()
}
