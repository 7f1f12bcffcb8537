//! The host's OpenCL: a device, command queues and memory objects, through
//! the ICD loader opened at run time (`libOpenCL.so.1`), so that ofx-host
//! has no link-time dependency on OpenCL.
//!
//! Only the dozen entry points a host needs are loaded: platforms and
//! devices, a context and queues, buffers and 2D images, reads and writes,
//! `clFinish`, retain/release, and the reference-count queries the
//! validator reads. Without the crate's `opencl` feature nothing is loaded
//! and [`ClDevice::open`] says so.
//!
//! Handles are kept as integers: OpenCL 1.1 and later make every call used
//! here thread-safe, so they may be shared by the tiles of a render.
//!
//! Image memory on the device is packed: rows bottom-up, `width * bytes per
//! pixel` apart, the first byte the bottom-left pixel (the layout a host
//! gives a plugin through `kOfxImagePropData` and positive
//! `kOfxImagePropRowBytes`).

use std::sync::Arc;

use crate::image::{Components, Depth, ImageBuffer};

/// An OpenCL error: which call failed and its status code.
pub type ClError = String;

/// Which memory object a [`ClMem`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemKind {
    /// A buffer of packed rows (`kOfxImagePropData`).
    Buffer,
    /// A 2D image (`kOfxImageEffectPropOpenCLImage`).
    Image,
}

/// The host's OpenCL context on one device.
pub struct ClDevice {
    api: &'static ffi::Api,
    context: usize,
    device: usize,
    /// The device's name (`CL_DEVICE_NAME`).
    pub name: String,
    /// `CL_DEVICE_IMAGE_SUPPORT`: whether 2D images can be made.
    pub image_support: bool,
}

impl std::fmt::Debug for ClDevice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClDevice")
            .field("name", &self.name)
            .field("image_support", &self.image_support)
            .finish_non_exhaustive()
    }
}

impl ClDevice {
    /// A context on the first device of the first OpenCL platform that has
    /// one (a CPU device such as pocl's counts).
    ///
    /// # Errors
    /// When the crate was built without its `opencl` feature, when
    /// `libOpenCL.so.1` cannot be opened, or when no platform has a device.
    pub fn open() -> Result<Arc<ClDevice>, ClError> {
        let api = ffi::api()?;
        let (context, device, name, image_support) = ffi::open_first_device(api)?;
        Ok(Arc::new(ClDevice {
            api,
            context,
            device,
            name,
            image_support,
        }))
    }

    /// A new in-order command queue on this device.
    ///
    /// # Errors
    /// The failing call's status.
    pub fn queue(self: &Arc<Self>) -> Result<ClQueue, ClError> {
        let raw = ffi::create_queue(self.api, self.context, self.device)?;
        Ok(ClQueue {
            device: self.clone(),
            raw,
        })
    }

    /// A device copy of `img` (its pixels inside the bounds, packed), as a
    /// buffer or as a 2D image.
    ///
    /// # Errors
    /// The failing call's status; for images, a pixel format OpenCL images
    /// cannot hold (RGB) or a device without image support.
    pub fn upload(
        self: &Arc<Self>,
        queue: &ClQueue,
        img: &ImageBuffer,
        kind: MemKind,
    ) -> Result<ClMem, ClError> {
        let l = img.layout();
        let (w, h) = (l.width(), l.height());
        let bytes = img.packed_rows();
        let raw = match kind {
            MemKind::Buffer => {
                let raw = ffi::create_buffer(self.api, self.context, bytes.len().max(1))?;
                if !bytes.is_empty() {
                    ffi::write_buffer(self.api, queue.raw, raw, &bytes).inspect_err(|_| {
                        ffi::release_mem(self.api, raw);
                    })?;
                }
                raw
            }
            MemKind::Image => {
                if !self.image_support {
                    return Err(format!("the OpenCL device {} has no images", self.name));
                }
                let format = image_format(l.depth, l.components)?;
                let raw = ffi::create_image(self.api, self.context, format, w.max(1), h.max(1))?;
                if !bytes.is_empty() {
                    ffi::write_image(self.api, queue.raw, raw, w, h, &bytes).inspect_err(|_| {
                        ffi::release_mem(self.api, raw);
                    })?;
                }
                raw
            }
        };
        Ok(ClMem {
            device: self.clone(),
            raw,
            kind,
            width: w,
            height: h,
            row: w * l.bytes_per_pixel(),
        })
    }
}

impl Drop for ClDevice {
    fn drop(&mut self) {
        ffi::release_context(self.api, self.context);
    }
}

/// The `cl_image_format` (channel order, channel type) of a pixel format.
fn image_format(depth: Depth, components: Components) -> Result<(u32, u32), ClError> {
    let order = match components {
        Components::Rgba => ffi::CL_RGBA,
        Components::Alpha => ffi::CL_A,
        Components::Rgb => {
            return Err(
                "OpenCL images hold RGB only in packed 16-bit formats: RGBA or Alpha only".into(),
            );
        }
    };
    let ty = match depth {
        Depth::U8 => ffi::CL_UNORM_INT8,
        Depth::U16 => ffi::CL_UNORM_INT16,
        Depth::Half => ffi::CL_HALF_FLOAT,
        Depth::F32 => ffi::CL_FLOAT,
    };
    Ok((order, ty))
}

/// A command queue the host made; released on drop (one reference).
pub struct ClQueue {
    device: Arc<ClDevice>,
    raw: usize,
}

impl std::fmt::Debug for ClQueue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ClQueue({:#x})", self.raw)
    }
}

impl ClQueue {
    /// The `cl_command_queue` handed to plugins
    /// (`kOfxImageEffectPropOpenCLCommandQueue`).
    pub fn raw(&self) -> usize {
        self.raw
    }

    /// The device the queue runs on.
    pub fn device(&self) -> &Arc<ClDevice> {
        &self.device
    }

    /// `clFinish`: waits until everything enqueued has run.
    ///
    /// # Errors
    /// The call's status.
    pub fn finish(&self) -> Result<(), ClError> {
        ffi::finish(self.device.api, self.raw)
    }

    /// `CL_QUEUE_REFERENCE_COUNT`.
    ///
    /// # Errors
    /// The call's status.
    pub fn reference_count(&self) -> Result<u32, ClError> {
        ffi::queue_reference_count(self.device.api, self.raw)
    }

    /// `clRetainCommandQueue`: one more reference, given back by
    /// [`ClQueue::release_extra`].
    ///
    /// # Errors
    /// The call's status.
    pub fn retain(&self) -> Result<(), ClError> {
        ffi::retain_queue(self.device.api, self.raw)
    }

    /// `clReleaseCommandQueue` once, giving back a reference taken with
    /// [`ClQueue::retain`]. The queue's own reference stays for drop.
    pub fn release_extra(&self) {
        ffi::release_queue(self.device.api, self.raw);
    }

    /// Gives up the queue without releasing it: for a queue a plugin has
    /// already released, whose last reference is gone.
    pub fn forget(self) {
        std::mem::forget(self);
    }

    /// Reads `mem` back into `img` (same bounds, depth and components as
    /// when it was uploaded), after everything enqueued has run.
    ///
    /// # Errors
    /// The failing call's status, or an image of another size.
    pub fn download(&self, mem: &ClMem, img: &mut ImageBuffer) -> Result<(), ClError> {
        let l = *img.layout();
        let row = l.width() * l.bytes_per_pixel();
        if l.width() != mem.width || l.height() != mem.height || row != mem.row {
            return Err(format!(
                "read back into a {}x{} image of a {}x{} device copy",
                l.width(),
                l.height(),
                mem.width,
                mem.height
            ));
        }
        let mut bytes = vec![0u8; row * l.height()];
        if !bytes.is_empty() {
            match mem.kind {
                MemKind::Buffer => {
                    ffi::read_buffer(self.device.api, self.raw, mem.raw, &mut bytes)?
                }
                MemKind::Image => ffi::read_image(
                    self.device.api,
                    self.raw,
                    mem.raw,
                    mem.width,
                    mem.height,
                    &mut bytes,
                )?,
            }
        }
        img.set_packed_rows(&bytes)
    }
}

impl Drop for ClQueue {
    fn drop(&mut self) {
        ffi::release_queue(self.device.api, self.raw);
    }
}

/// A memory object the host made (buffer or 2D image); released on drop
/// (one reference).
pub struct ClMem {
    device: Arc<ClDevice>,
    raw: usize,
    kind: MemKind,
    width: usize,
    height: usize,
    row: usize,
}

impl std::fmt::Debug for ClMem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "ClMem({:#x}, {:?} {}x{})",
            self.raw, self.kind, self.width, self.height
        )
    }
}

impl ClMem {
    /// The `cl_mem` handed to plugins.
    pub fn raw(&self) -> usize {
        self.raw
    }

    /// Buffer or image.
    pub fn kind(&self) -> MemKind {
        self.kind
    }

    /// The packed row bytes of the device copy (`kOfxImagePropRowBytes`).
    pub fn row_bytes(&self) -> usize {
        self.row
    }

    /// `CL_MEM_REFERENCE_COUNT`.
    ///
    /// # Errors
    /// The call's status.
    pub fn reference_count(&self) -> Result<u32, ClError> {
        ffi::mem_reference_count(self.device.api, self.raw)
    }

    /// `clRetainMemObject`: one more reference, given back by
    /// [`ClMem::release_extra`].
    ///
    /// # Errors
    /// The call's status.
    pub fn retain(&self) -> Result<(), ClError> {
        ffi::retain_mem(self.device.api, self.raw)
    }

    /// `clReleaseMemObject` once, giving back a reference taken with
    /// [`ClMem::retain`].
    pub fn release_extra(&self) {
        ffi::release_mem(self.device.api, self.raw);
    }

    /// Gives up the object without releasing it: for one a plugin has
    /// already released, whose last reference is gone.
    pub fn forget(self) {
        std::mem::forget(self);
    }
}

impl Drop for ClMem {
    fn drop(&mut self) {
        ffi::release_mem(self.device.api, self.raw);
    }
}

mod ffi;
