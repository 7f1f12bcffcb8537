//! The context of one render action.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::effect::{Field, RenderArgs};
use crate::error::{Error, Result};
use crate::geometry::{RectD, RectI, RenderScale};
use crate::gpu::{Backend, Device, GpuEnabled, OpenGl, RawGpu};
use crate::image::{InputImage, LiveImages, OutputImage};
use crate::instance::{Clip, InstanceContext};

/// One call of the render action: its arguments, and the only way to reach
/// the images it may read and write.
///
/// The framework makes one for each render and lends it to
/// [`ImageEffect::render`](crate::ImageEffect::render) for the length of the
/// call. Every image fetched through it borrows it, so no image (nor any
/// view of one) can be kept past the render: not in the effect, not in a
/// static, not on another thread.
///
/// * [`input`](Render::input) fetches an image of an input clip, read-only.
/// * [`output`](Render::output) fetches the output image, whose only view is
///   writable and covers [`window`](Render::window): renders of other
///   windows of the same frame, which a host may run at the same time,
///   never touch the same pixels. One output image is alive at a time.
///
/// ```
/// use ofx_plugin::prelude::*;
///
/// /// Copies the source into the render window.
/// fn copy(source: &Clip, r: &Render<'_>) -> Result<()> {
///     let src = r.input(source)?;
///     let mut out = r.output()?;
///     ofx_plugin::for_each_pixel_type!(out.depth(), out.components(), |P| {
///         out.view_mut::<P>()?.par_rows_from(&src.view::<P>()?, |row, s| row.copy_from_slice(s));
///     })
/// }
/// ```
pub struct Render<'a> {
    instance: &'a InstanceContext,
    args: RenderArgs,
    output_taken: AtomicBool,
    live: LiveImages,
    gpu: RawGpu,
    /// For OpenCL renders: whether the host passes images rather than
    /// buffers, read once from the output image.
    cl_images: OnceLock<bool>,
}

impl std::fmt::Debug for Render<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Render")
            .field("args", &self.args)
            .finish_non_exhaustive()
    }
}

impl<'a> Render<'a> {
    pub(crate) fn new(instance: &'a InstanceContext, args: RenderArgs, gpu: RawGpu) -> Render<'a> {
        Render {
            instance,
            args,
            output_taken: AtomicBool::new(false),
            live: LiveImages::default(),
            gpu,
            cl_images: OnceLock::new(),
        }
    }

    /// Which API the host enabled for this render, without its handles.
    pub fn gpu_enabled(&self) -> GpuEnabled {
        self.gpu.enabled()
    }

    /// The API this render runs on, with its queue or stream and a way to
    /// fetch images as device memory or textures, all borrowed for the
    /// render. [`Backend::Cpu`] unless the host enabled a GPU API, which it
    /// does only for an API the effect declared.
    ///
    /// # Errors
    /// A host that enabled an API without its queue, or (OpenCL) whose
    /// output image cannot be fetched to tell images from buffers.
    pub fn backend(&self) -> Result<Backend<'_>> {
        let missing = |what: &str| {
            Error::bad_handle(format!(
                "the host enabled {what} rendering but passed no command queue"
            ))
        };
        Ok(match self.gpu {
            RawGpu::Cpu => Backend::Cpu,
            RawGpu::OpenCl { queue } => {
                if queue.0.is_null() {
                    return Err(missing("OpenCL"));
                }
                if self.opencl_images()? {
                    Backend::OpenClImages(Device::new(self, queue.0))
                } else {
                    Backend::OpenClBuffers(Device::new(self, queue.0))
                }
            }
            RawGpu::Cuda { stream } => Backend::Cuda(Device::new(
                self,
                stream.map_or(std::ptr::null_mut(), |s| s.0),
            )),
            RawGpu::Metal { queue } => {
                if queue.0.is_null() {
                    return Err(missing("Metal"));
                }
                Backend::Metal(Device::new(self, queue.0))
            }
            RawGpu::OpenGl => Backend::OpenGl(OpenGl::new(self)),
        })
    }

    /// Whether an OpenCL render passes images (`OfxImageEffectPropOpenCLImage`
    /// set on the output image) rather than buffers.
    fn opencl_images(&self) -> Result<bool> {
        if let Some(v) = self.cl_images.get() {
            return Ok(*v);
        }
        let clip = self.instance.output_clip()?;
        let props = crate::ffi::clip::get_image(clip.raw(), self.args.time, None)?;
        let v = props
            .get_pointer(ofx_sys::kOfxImageEffectPropOpenCLImage, 0)
            .is_ok_and(|p| !p.is_null());
        crate::ffi::clip::release_image(props.handle());
        Ok(*self.cl_images.get_or_init(|| v))
    }

    /// Fails unless the images of this render are in host memory.
    fn on_cpu(&self) -> Result<()> {
        match self.gpu {
            RawGpu::Cpu => Ok(()),
            g => Err(Error::failed(format!(
                "this render runs on {:?}: its images are device memory, fetched through \
                 Render::backend(), not pixel views",
                g.enabled()
            ))),
        }
    }

    /// Claims the one output of this render; the caller gives it back.
    pub(crate) fn claim_output(&self) -> Result<&AtomicBool> {
        if self.output_taken.swap(true, Ordering::AcqRel) {
            return Err(Error::failed(
                "the output image of this render is already fetched and alive: \
                 a render has one writable view of its output at a time",
            ));
        }
        Ok(&self.output_taken)
    }

    /// Every argument of the render action.
    pub fn args(&self) -> &RenderArgs {
        &self.args
    }

    /// The frame time.
    pub fn time(&self) -> f64 {
        self.args.time
    }

    /// The pixels of the output this render fills.
    pub fn window(&self) -> RectI {
        self.args.render_window
    }

    /// The render scale.
    pub fn render_scale(&self) -> RenderScale {
        self.args.render_scale
    }

    /// The field to render.
    pub fn field(&self) -> Field {
        self.args.field
    }

    /// The instance being rendered: its properties, messages and progress.
    pub fn instance(&self) -> &'a InstanceContext {
        self.instance
    }

    /// Whether the host asks the render to stop. Cheap enough to poll
    /// between rows or passes.
    pub fn abort(&self) -> bool {
        self.instance.abort()
    }

    /// The image of an input clip at the render's time, read-only.
    ///
    /// # Errors
    /// A clip of another instance, the output clip, a render on a GPU
    /// (whose images come through [`backend`](Render::backend)), or the
    /// host's refusal (an unconnected clip, say).
    pub fn input(&self, clip: &Clip) -> Result<InputImage<'_>> {
        self.input_at(clip, self.args.time)
    }

    /// The image of an input clip at another time (for effects that declare
    /// temporal clip access), read-only.
    ///
    /// # Errors
    /// As for [`input`](Render::input).
    pub fn input_at(&self, clip: &Clip, time: f64) -> Result<InputImage<'_>> {
        self.on_cpu()?;
        clip.fetch_input(self.instance, time, None, Some(&self.live))
    }

    /// The part inside `region` (canonical coordinates) of the image of an
    /// input clip at `time`, read-only.
    ///
    /// # Errors
    /// As for [`input`](Render::input).
    pub fn input_in(&self, clip: &Clip, time: f64, region: RectD) -> Result<InputImage<'_>> {
        self.on_cpu()?;
        clip.fetch_input(self.instance, time, Some(region), Some(&self.live))
    }

    /// The output image of this render, whose writable view covers the
    /// render window.
    ///
    /// # Errors
    /// While another output image of this render is alive (a render has
    /// one writable output at a time), on a render on a GPU, or when the
    /// host refuses.
    pub fn output(&self) -> Result<OutputImage<'_>> {
        self.on_cpu()?;
        self.claim_output()?;
        let clip = match self.instance.output_clip() {
            Ok(c) => c,
            Err(e) => {
                self.output_taken.store(false, Ordering::Release);
                return Err(e);
            }
        };
        OutputImage::fetch(
            clip.raw(),
            self.args.time,
            self.args.render_window,
            &self.live,
            &self.output_taken,
        )
    }
}
