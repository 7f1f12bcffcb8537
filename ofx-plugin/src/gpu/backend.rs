//! The backend of one render and the device images fetched through it.

use std::ffi::{CStr, c_void};
use std::marker::PhantomData;
use std::sync::atomic::{AtomicBool, Ordering};

use ofx_sys as sys;

use super::handles::{
    ClCommandQueue, ClMem, CudaDevicePtr, CudaStream, GlTexture, MtlBuffer, MtlCommandQueue,
};
use crate::error::{Error, Result};
use crate::ffi::props::PropSet;
use crate::ffi::{clip as fclip, gpu as fgpu};
use crate::geometry::{RectD, RectI};
use crate::image::{parse_components, parse_depth};
use crate::instance::Clip;
use crate::pixel::{BitDepth, PixelComponents};
use crate::render::Render;

/// The API one render runs on, with its handles, borrowed for the render
/// (from [`Render::backend`]).
///
/// ```
/// use ofx_plugin::gpu::Backend;
/// use ofx_plugin::prelude::*;
///
/// fn render(source: &Clip, r: &Render<'_>) -> Result<()> {
///     match r.backend()? {
///         Backend::OpenClBuffers(cl) => {
///             let (src, out) = (cl.input(source)?, cl.output()?);
///             // enqueue a kernel on cl.queue() reading src.mem(), writing out.mem()
///             let _ = (cl.queue(), src.mem(), out.mem(), out.layout());
///             Ok(())
///         }
///         // Everything this effect did not declare: the host enables only
///         // what was declared, so this is the CPU.
///         _ => {
///             let (src, mut out) = (r.input(source)?, r.output()?);
///             # let _ = (src, &mut out);
///             Ok(())
///         }
///     }
/// }
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum Backend<'r> {
    /// Host memory: images come through [`Render::input`] and
    /// [`Render::output`] as pixel views.
    Cpu,
    /// OpenCL buffers: a command queue, and a `cl_mem` buffer per image
    /// with the layout of its pixels.
    OpenClBuffers(OpenClBuffers<'r>),
    /// OpenCL images: a command queue, and a `cl_mem` image per image.
    OpenClImages(OpenClImages<'r>),
    /// CUDA: a device pointer per image, and the host's stream when both
    /// sides support streams.
    Cuda(Cuda<'r>),
    /// Metal: a command queue, and a buffer per image.
    Metal(Metal<'r>),
    /// OpenGL: textures loaded by the host (`clipLoadTexture`) and freed
    /// when dropped (`clipFreeTexture`).
    OpenGl(OpenGl<'r>),
}

impl Backend<'_> {
    /// The API, without its handles.
    pub fn enabled(&self) -> super::GpuEnabled {
        use super::GpuEnabled as E;
        match self {
            Backend::Cpu => E::Cpu,
            Backend::OpenClBuffers(_) | Backend::OpenClImages(_) => E::OpenCl,
            Backend::Cuda(c) => E::Cuda {
                stream: c.stream().is_some(),
            },
            Backend::Metal(_) => E::Metal,
            Backend::OpenGl(_) => E::OpenGl,
        }
    }
}

mod sealed {
    pub trait Sealed {}
}

/// Where the handle of an image of one kind of device memory is found.
/// Implemented by the markers [`ClBuffer`], [`ClImage`], [`CudaMemory`]
/// and [`MetalMemory`] only.
pub trait DeviceMemory: sealed::Sealed {
    /// The image property holding the handle.
    #[doc(hidden)]
    const PROPERTY: &'static CStr;
    /// Whether pixels are addressed with row bytes (all but OpenCL images).
    #[doc(hidden)]
    const ROWS: bool;
    /// The API's name, for messages.
    #[doc(hidden)]
    const NAME: &'static str;
}

macro_rules! marker {
    ($(#[$m:meta])* $name:ident, $prop:expr, $rows:expr, $what:literal) => {
        $(#[$m])*
        #[derive(Debug)]
        pub enum $name {}
        impl sealed::Sealed for $name {}
        impl DeviceMemory for $name {
            const PROPERTY: &'static CStr = $prop;
            const ROWS: bool = $rows;
            const NAME: &'static str = $what;
        }
    };
}

marker!(
    /// Images as OpenCL buffers: the `cl_mem` is `kOfxImagePropData`.
    ClBuffer, sys::kOfxImagePropData, true, "OpenCL buffers"
);
marker!(
    /// Images as OpenCL images: the `cl_mem` is `OfxImageEffectPropOpenCLImage`.
    ClImage, sys::kOfxImageEffectPropOpenCLImage, false, "OpenCL images"
);
marker!(
    /// Images in CUDA device memory: the device pointer is `kOfxImagePropData`.
    CudaMemory, sys::kOfxImagePropData, true, "CUDA"
);
marker!(
    /// Images as Metal buffers: the `id<MTLBuffer>` is `kOfxImagePropData`.
    MetalMemory, sys::kOfxImagePropData, true, "Metal"
);

/// A render on one kind of device memory: the queue or stream of the render,
/// and its images. See the aliases [`OpenClBuffers`], [`OpenClImages`],
/// [`Cuda`] and [`Metal`].
pub struct Device<'r, M: DeviceMemory> {
    render: &'r Render<'r>,
    /// The queue or stream (null for CUDA without a stream).
    queue: *mut c_void,
    _m: PhantomData<M>,
}

/// A render on OpenCL buffers.
pub type OpenClBuffers<'r> = Device<'r, ClBuffer>;
/// A render on OpenCL images.
pub type OpenClImages<'r> = Device<'r, ClImage>;
/// A render on CUDA device memory.
pub type Cuda<'r> = Device<'r, CudaMemory>;
/// A render on Metal buffers.
pub type Metal<'r> = Device<'r, MetalMemory>;

impl<M: DeviceMemory> std::fmt::Debug for Device<'_, M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct(M::NAME)
            .field("queue", &self.queue)
            .finish_non_exhaustive()
    }
}

impl<'r, M: DeviceMemory> Device<'r, M> {
    pub(crate) fn new(render: &'r Render<'r>, queue: *mut c_void) -> Self {
        Device {
            render,
            queue,
            _m: PhantomData,
        }
    }

    /// The image of an input clip at the render's time.
    ///
    /// # Errors
    /// As [`Render::input`], or a layout that device memory cannot have
    /// (negative row bytes, rows shorter than the bounds).
    pub fn input(&self, clip: &Clip) -> Result<DeviceImage<'r, M>> {
        self.input_at(clip, self.render.time())
    }

    /// The image of an input clip at another time.
    ///
    /// # Errors
    /// As [`input`](Device::input).
    pub fn input_at(&self, clip: &Clip, time: f64) -> Result<DeviceImage<'r, M>> {
        let _live = clip.enter_input(self.render.instance())?;
        let props = fclip::get_image(clip.raw(), time, None)?;
        DeviceImage::new(props, None, None)
    }

    /// The part inside `region` (canonical coordinates) of the image of an
    /// input clip at `time`.
    ///
    /// # Errors
    /// As [`input`](Device::input).
    pub fn input_in(&self, clip: &Clip, time: f64, region: RectD) -> Result<DeviceImage<'r, M>> {
        let _live = clip.enter_input(self.render.instance())?;
        let props = fclip::get_image(clip.raw(), time, Some(region))?;
        DeviceImage::new(props, None, None)
    }

    /// The output image. One is alive at a time; the kernel writes its
    /// [`window`](DeviceLayout::window) and nothing else.
    ///
    /// # Errors
    /// While another output image of this render is alive, or as
    /// [`input`](Device::input).
    pub fn output(&self) -> Result<DeviceImage<'r, M>> {
        let taken = self.render.claim_output()?;
        let r = self
            .render
            .instance()
            .output_clip()
            .and_then(|c| fclip::get_image(c.raw(), self.render.time(), None));
        match r {
            Ok(props) => DeviceImage::new(props, Some(self.render.window()), Some(taken)),
            Err(e) => {
                taken.store(false, Ordering::Release);
                Err(e)
            }
        }
    }
}

impl<'r> Device<'r, ClBuffer> {
    /// The host's command queue: enqueue on it, never wait on it.
    pub fn queue(&self) -> ClCommandQueue<'r> {
        queue_of(self.queue)
    }
}
impl<'r> Device<'r, ClImage> {
    /// The host's command queue: enqueue on it, never wait on it.
    pub fn queue(&self) -> ClCommandQueue<'r> {
        queue_of(self.queue)
    }
}
impl<'r> Device<'r, CudaMemory> {
    /// The host's stream, when both sides support streams: enqueue on it,
    /// never synchronise it. Without one, the render must finish its work
    /// (synchronise what it launched) before it returns.
    pub fn stream(&self) -> Option<CudaStream<'r>> {
        CudaStream::new(self.queue).ok()
    }
}
impl<'r> Device<'r, MetalMemory> {
    /// The host's command queue: encode on it, never wait for it.
    pub fn command_queue(&self) -> MtlCommandQueue<'r> {
        MtlCommandQueue::new(self.queue).expect("checked non-null when the backend was made")
    }
}

fn queue_of<'r>(q: *mut c_void) -> ClCommandQueue<'r> {
    ClCommandQueue::new(q).expect("checked non-null when the backend was made")
}

/// The layout of an image in device memory (or of a texture).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DeviceLayout {
    /// The pixels the image holds, in pixel coordinates
    /// (`kOfxImagePropBounds`); byte 0 of the buffer is pixel
    /// `(bounds.x1, bounds.y1)`.
    pub bounds: RectI,
    /// Bytes from one row to the next, never negative; 0 for OpenCL images,
    /// which have no rows in memory.
    pub row_bytes: usize,
    /// The component type.
    pub depth: BitDepth,
    /// The components.
    pub components: PixelComponents,
    /// The pixels to write: the render window clipped to the bounds for
    /// the output; the bounds for an input.
    pub window: RectI,
}

impl DeviceLayout {
    /// Bytes of one pixel.
    pub fn bytes_per_pixel(&self) -> usize {
        self.depth.bytes() * self.components.count()
    }

    /// Row bytes counted in components, which kernels index by.
    ///
    /// # Errors
    /// [`ImageFormat`](crate::ErrorKind::ImageFormat) when rows are not a
    /// whole number of components apart.
    pub fn row_components(&self) -> Result<usize> {
        let c = self.depth.bytes();
        if !self.row_bytes.is_multiple_of(c) {
            return Err(Error::image_format(format!(
                "row bytes {} are not a multiple of the component size {c}",
                self.row_bytes
            )));
        }
        Ok(self.row_bytes / c)
    }

    /// The byte offset of pixel `(x, y)` in the buffer, or `None` outside
    /// the bounds (or for OpenCL images).
    pub fn offset(&self, x: i32, y: i32) -> Option<usize> {
        let b = self.bounds;
        if self.row_bytes == 0 || x < b.x1 || x >= b.x2 || y < b.y1 || y >= b.y2 {
            return None;
        }
        let (dx, dy) = ((x - b.x1) as usize, (y - b.y1) as usize);
        Some(dy * self.row_bytes + dx * self.bytes_per_pixel())
    }

    fn read(p: &PropSet, rows: bool, window: Option<RectI>) -> Result<DeviceLayout> {
        let b: [i32; 4] = p.get_int_array(sys::kOfxImagePropBounds)?;
        let bounds = RectI::new(b[0], b[1], b[2], b[3]);
        if bounds.x2 < bounds.x1 || bounds.y2 < bounds.y1 {
            return Err(Error::image_format(format!(
                "inverted image bounds {bounds:?}"
            )));
        }
        let depth = p.with_cstr(sys::kOfxImageEffectPropPixelDepth, 0, parse_depth)??;
        let components = p.with_cstr(sys::kOfxImageEffectPropComponents, 0, parse_components)??;
        let row_bytes = if rows {
            let rb = p.get_int(sys::kOfxImagePropRowBytes, 0)?;
            let rb = usize::try_from(rb).map_err(|_| {
                Error::image_format(format!(
                    "row bytes {rb} on a device image: rows of device memory must be \
                     stored bottom-up (positive row bytes)"
                ))
            })?;
            let min = (bounds.x2 - bounds.x1) as usize * depth.bytes() * components.count();
            if rb < min {
                return Err(Error::image_format(format!(
                    "row bytes {rb} are fewer than the {min} bytes of a row of {bounds:?}"
                )));
            }
            rb
        } else {
            0
        };
        let window = match window {
            None => bounds,
            Some(w) => w
                .intersection(&bounds)
                .unwrap_or(RectI::new(w.x1, w.y1, w.x1, w.y1)),
        };
        Ok(DeviceLayout {
            bounds,
            row_bytes,
            depth,
            components,
            window,
        })
    }
}

/// An image in device memory, fetched through a [`Device`] render and
/// released (`clipReleaseImage`) when dropped. Its handle borrows it, so no
/// handle outlives the image, and no image outlives the render.
///
/// The types do not stop a kernel from writing an input: device memory is
/// written by kernels, not by Rust. Only the output is meant to be written,
/// and only inside its [`window`](DeviceLayout::window).
pub struct DeviceImage<'r, M: DeviceMemory> {
    props: PropSet,
    handle: *mut c_void,
    layout: DeviceLayout,
    output: Option<&'r AtomicBool>,
    _m: PhantomData<M>,
}

impl<M: DeviceMemory> Drop for DeviceImage<'_, M> {
    fn drop(&mut self) {
        fclip::release_image(self.props.handle());
        if let Some(t) = self.output {
            t.store(false, Ordering::Release);
        }
    }
}

impl<M: DeviceMemory> std::fmt::Debug for DeviceImage<'_, M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeviceImage")
            .field("api", &M::NAME)
            .field("handle", &self.handle)
            .field("layout", &self.layout)
            .finish()
    }
}

impl<'r, M: DeviceMemory> DeviceImage<'r, M> {
    fn new(
        props: PropSet,
        window: Option<RectI>,
        output: Option<&'r AtomicBool>,
    ) -> Result<DeviceImage<'r, M>> {
        // The guard first: the image is released on any error below.
        let mut img = DeviceImage {
            props,
            handle: std::ptr::null_mut(),
            layout: DeviceLayout {
                bounds: RectI::new(0, 0, 0, 0),
                row_bytes: 0,
                depth: BitDepth::U8,
                components: PixelComponents::Rgba,
                window: RectI::new(0, 0, 0, 0),
            },
            output,
            _m: PhantomData,
        };
        img.layout = DeviceLayout::read(&img.props, M::ROWS, window)?;
        img.handle = img.props.get_pointer(M::PROPERTY, 0)?;
        if img.handle.is_null() {
            return Err(Error::bad_handle(format!(
                "the host enabled {} but handed over an image without its handle ({})",
                M::NAME,
                M::PROPERTY.to_string_lossy()
            )));
        }
        Ok(img)
    }

    /// The layout of the pixels.
    pub fn layout(&self) -> DeviceLayout {
        self.layout
    }
}

impl DeviceImage<'_, ClBuffer> {
    /// The image's OpenCL buffer.
    pub fn mem(&self) -> ClMem<'_> {
        ClMem::new(self.handle).expect("checked at fetch")
    }
}
impl DeviceImage<'_, ClImage> {
    /// The image's OpenCL image object.
    pub fn mem(&self) -> ClMem<'_> {
        ClMem::new(self.handle).expect("checked at fetch")
    }
}
impl DeviceImage<'_, CudaMemory> {
    /// The device pointer to pixel `(bounds.x1, bounds.y1)`.
    pub fn ptr(&self) -> CudaDevicePtr<'_> {
        CudaDevicePtr::new(self.handle).expect("checked at fetch")
    }
}
impl DeviceImage<'_, MetalMemory> {
    /// The image's Metal buffer.
    pub fn buffer(&self) -> MtlBuffer<'_> {
        MtlBuffer::new(self.handle).expect("checked at fetch")
    }
}

/// A render on OpenGL textures. The host has made its context current for
/// the render; textures are loaded through it.
#[derive(Debug)]
pub struct OpenGl<'r> {
    render: &'r Render<'r>,
}

impl<'r> OpenGl<'r> {
    pub(crate) fn new(render: &'r Render<'r>) -> OpenGl<'r> {
        OpenGl { render }
    }

    /// The instance being rendered.
    pub(crate) fn instance(&self) -> &'r crate::InstanceContext {
        self.render.instance()
    }

    /// An input clip's image at the render's time as a texture, in the
    /// format the host picks from the declared OpenGL depths.
    ///
    /// # Errors
    /// As [`Render::input`], or a host without the OpenGL render suite.
    pub fn input(&self, clip: &Clip) -> Result<Texture<'r>> {
        self.input_as(clip, self.render.time(), None)
    }

    /// An input clip's image at `time` as a texture of depth `format`
    /// (`None`: the host picks).
    ///
    /// # Errors
    /// As [`input`](OpenGl::input).
    pub fn input_as(
        &self,
        clip: &Clip,
        time: f64,
        format: Option<BitDepth>,
    ) -> Result<Texture<'r>> {
        let _live = clip.enter_input(self.render.instance())?;
        let f = format.map(crate::descriptor::depth_cstr);
        Texture::new(fgpu::load_texture(clip.raw(), time, f, None)?, None, None)
    }

    /// The output texture, which the host binds as the render target.
    ///
    /// # Errors
    /// While another output of this render is alive, or as
    /// [`input`](OpenGl::input).
    pub fn output(&self) -> Result<Texture<'r>> {
        let taken = self.render.claim_output()?;
        let r = self
            .render
            .instance()
            .output_clip()
            .and_then(|c| fgpu::load_texture(c.raw(), self.render.time(), None, None));
        match r {
            Ok(props) => Texture::new(props, Some(self.render.window()), Some(taken)),
            Err(e) => {
                taken.store(false, Ordering::Release);
                Err(e)
            }
        }
    }
}

/// A clip image loaded as an OpenGL texture, freed (`clipFreeTexture`) when
/// dropped.
pub struct Texture<'r> {
    props: PropSet,
    texture: GlTexture,
    layout: DeviceLayout,
    output: Option<&'r AtomicBool>,
}

impl Drop for Texture<'_> {
    fn drop(&mut self) {
        fgpu::free_texture(self.props.handle());
        if let Some(t) = self.output {
            t.store(false, Ordering::Release);
        }
    }
}

impl std::fmt::Debug for Texture<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Texture")
            .field("texture", &self.texture)
            .field("layout", &self.layout)
            .finish()
    }
}

impl<'r> Texture<'r> {
    fn new(
        props: PropSet,
        window: Option<RectI>,
        output: Option<&'r AtomicBool>,
    ) -> Result<Texture<'r>> {
        let mut t = Texture {
            props,
            texture: GlTexture {
                index: 0,
                target: 0,
            },
            layout: DeviceLayout {
                bounds: RectI::new(0, 0, 0, 0),
                row_bytes: 0,
                depth: BitDepth::U8,
                components: PixelComponents::Rgba,
                window: RectI::new(0, 0, 0, 0),
            },
            output,
        };
        t.layout = DeviceLayout::read(&t.props, false, window)?;
        let index = t
            .props
            .get_int(sys::kOfxImageEffectPropOpenGLTextureIndex, 0)?;
        let target = t
            .props
            .get_int(sys::kOfxImageEffectPropOpenGLTextureTarget, 0)?;
        t.texture = GlTexture {
            index: index as u32,
            target: target as u32,
        };
        Ok(t)
    }

    /// Whether this is the render's output texture.
    pub(crate) fn is_output(&self) -> bool {
        self.output.is_some()
    }

    /// The texture name and target.
    pub fn texture(&self) -> GlTexture {
        self.texture
    }

    /// The layout of the texture's pixels (`row_bytes` is 0).
    pub fn layout(&self) -> DeviceLayout {
        self.layout
    }
}
