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

/// The C calls. Each function checks its status and turns a failure into
/// a [`ClError`] naming the call.
mod ffi {
    #[cfg(feature = "opencl")]
    use std::ffi::c_void;

    use super::ClError;

    pub(super) const CL_RGBA: u32 = 0x10B5;
    pub(super) const CL_A: u32 = 0x10B1;
    pub(super) const CL_UNORM_INT8: u32 = 0x10D2;
    pub(super) const CL_UNORM_INT16: u32 = 0x10D3;
    pub(super) const CL_HALF_FLOAT: u32 = 0x10DD;
    pub(super) const CL_FLOAT: u32 = 0x10DE;

    #[cfg(feature = "opencl")]
    mod loaded {
        use std::ffi::c_void;
        use std::sync::OnceLock;

        type Handle = *mut c_void;

        /// The entry points, copied out of the library, which is kept.
        pub(crate) struct Api {
            _lib: libloading::Library,
            pub get_platform_ids: unsafe extern "C" fn(u32, *mut Handle, *mut u32) -> i32,
            pub get_device_ids:
                unsafe extern "C" fn(Handle, u64, u32, *mut Handle, *mut u32) -> i32,
            pub get_device_info:
                unsafe extern "C" fn(Handle, u32, usize, *mut c_void, *mut usize) -> i32,
            pub create_context: unsafe extern "C" fn(
                *const isize,
                u32,
                *const Handle,
                *const c_void,
                *mut c_void,
                *mut i32,
            ) -> Handle,
            pub release_context: unsafe extern "C" fn(Handle) -> i32,
            pub create_queue: unsafe extern "C" fn(Handle, Handle, u64, *mut i32) -> Handle,
            pub retain_queue: unsafe extern "C" fn(Handle) -> i32,
            pub release_queue: unsafe extern "C" fn(Handle) -> i32,
            pub queue_info:
                unsafe extern "C" fn(Handle, u32, usize, *mut c_void, *mut usize) -> i32,
            pub finish: unsafe extern "C" fn(Handle) -> i32,
            pub create_buffer:
                unsafe extern "C" fn(Handle, u64, usize, *mut c_void, *mut i32) -> Handle,
            pub create_image_2d: unsafe extern "C" fn(
                Handle,
                u64,
                *const [u32; 2],
                usize,
                usize,
                usize,
                *mut c_void,
                *mut i32,
            ) -> Handle,
            pub retain_mem: unsafe extern "C" fn(Handle) -> i32,
            pub release_mem: unsafe extern "C" fn(Handle) -> i32,
            pub mem_info: unsafe extern "C" fn(Handle, u32, usize, *mut c_void, *mut usize) -> i32,
            pub write_buffer: unsafe extern "C" fn(
                Handle,
                Handle,
                u32,
                usize,
                usize,
                *const c_void,
                u32,
                *const Handle,
                *mut Handle,
            ) -> i32,
            pub read_buffer: unsafe extern "C" fn(
                Handle,
                Handle,
                u32,
                usize,
                usize,
                *mut c_void,
                u32,
                *const Handle,
                *mut Handle,
            ) -> i32,
            pub write_image: unsafe extern "C" fn(
                Handle,
                Handle,
                u32,
                *const [usize; 3],
                *const [usize; 3],
                usize,
                usize,
                *const c_void,
                u32,
                *const Handle,
                *mut Handle,
            ) -> i32,
            pub read_image: unsafe extern "C" fn(
                Handle,
                Handle,
                u32,
                *const [usize; 3],
                *const [usize; 3],
                usize,
                usize,
                *mut c_void,
                u32,
                *const Handle,
                *mut Handle,
            ) -> i32,
        }

        fn load() -> Result<Api, String> {
            // SAFETY: the ICD loader's initialisers only set up its vendor
            // table; it is a plain C library.
            let lib = unsafe { libloading::Library::new("libOpenCL.so.1") }
                .or_else(|_| {
                    // SAFETY: as above.
                    unsafe { libloading::Library::new("libOpenCL.so") }
                })
                .map_err(|e| format!("cannot open the OpenCL ICD loader libOpenCL.so.1: {e}"))?;
            macro_rules! sym {
                ($name:literal) => {
                    // SAFETY: the symbol is the OpenCL 1.1 function of that
                    // name, whose C signature the field's type spells out.
                    *unsafe { lib.get($name) }.map_err(|e| {
                        format!(
                            "libOpenCL lacks {}: {e}",
                            String::from_utf8_lossy(&$name[..$name.len() - 1])
                        )
                    })?
                };
            }
            Ok(Api {
                get_platform_ids: sym!(b"clGetPlatformIDs\0"),
                get_device_ids: sym!(b"clGetDeviceIDs\0"),
                get_device_info: sym!(b"clGetDeviceInfo\0"),
                create_context: sym!(b"clCreateContext\0"),
                release_context: sym!(b"clReleaseContext\0"),
                create_queue: sym!(b"clCreateCommandQueue\0"),
                retain_queue: sym!(b"clRetainCommandQueue\0"),
                release_queue: sym!(b"clReleaseCommandQueue\0"),
                queue_info: sym!(b"clGetCommandQueueInfo\0"),
                finish: sym!(b"clFinish\0"),
                create_buffer: sym!(b"clCreateBuffer\0"),
                create_image_2d: sym!(b"clCreateImage2D\0"),
                retain_mem: sym!(b"clRetainMemObject\0"),
                release_mem: sym!(b"clReleaseMemObject\0"),
                mem_info: sym!(b"clGetMemObjectInfo\0"),
                write_buffer: sym!(b"clEnqueueWriteBuffer\0"),
                read_buffer: sym!(b"clEnqueueReadBuffer\0"),
                write_image: sym!(b"clEnqueueWriteImage\0"),
                read_image: sym!(b"clEnqueueReadImage\0"),
                _lib: lib,
            })
        }

        /// The loaded API, loaded once per process.
        pub(crate) fn api() -> Result<&'static Api, String> {
            static API: OnceLock<Result<Api, String>> = OnceLock::new();
            API.get_or_init(load).as_ref().map_err(Clone::clone)
        }
    }

    #[cfg(feature = "opencl")]
    pub(crate) use loaded::{Api, api};

    /// Stands in for the API in a build without the `opencl` feature: it
    /// cannot be made, so nothing below runs.
    #[cfg(not(feature = "opencl"))]
    pub(crate) enum Api {}

    #[cfg(not(feature = "opencl"))]
    pub(crate) fn api() -> Result<&'static Api, ClError> {
        Err("ofx-host was built without its `opencl` feature".into())
    }

    #[cfg(feature = "opencl")]
    fn check(call: &str, status: i32) -> Result<(), ClError> {
        if status == 0 {
            Ok(())
        } else {
            Err(format!("{call} failed with OpenCL status {status}"))
        }
    }

    #[cfg(feature = "opencl")]
    fn h(raw: usize) -> *mut c_void {
        raw as *mut c_void
    }

    // Each function below passes handles the host made (and still holds)
    // and host buffers of the sizes given; the ICD reads or writes those
    // bytes only during the (blocking) call.
    #[cfg(feature = "opencl")]
    mod calls {
        use std::ffi::c_void;
        use std::ptr::{null, null_mut};

        use super::{Api, ClError, check, h};

        const CL_DEVICE_TYPE_ALL: u64 = 0xFFFF_FFFF;
        const CL_DEVICE_NAME: u32 = 0x102B;
        const CL_DEVICE_IMAGE_SUPPORT: u32 = 0x1016;
        const CL_QUEUE_REFERENCE_COUNT: u32 = 0x1092;
        const CL_MEM_REFERENCE_COUNT: u32 = 0x1105;
        const CL_MEM_READ_WRITE: u64 = 1;
        const CL_TRUE: u32 = 1;

        pub(crate) fn open_first_device(
            api: &Api,
        ) -> Result<(usize, usize, String, bool), ClError> {
            let mut n = 0u32;
            // SAFETY: a count query with a valid out pointer.
            check("clGetPlatformIDs", unsafe {
                (api.get_platform_ids)(0, null_mut(), &mut n)
            })?;
            let mut platforms = vec![null_mut(); n as usize];
            // SAFETY: room for `n` handles.
            check("clGetPlatformIDs", unsafe {
                (api.get_platform_ids)(n, platforms.as_mut_ptr(), null_mut())
            })?;
            for p in platforms {
                let mut device = null_mut();
                let mut found = 0u32;
                // SAFETY: a platform handle from the ICD, room for one device.
                let st = unsafe {
                    (api.get_device_ids)(p, CL_DEVICE_TYPE_ALL, 1, &mut device, &mut found)
                };
                if st != 0 || found == 0 {
                    continue;
                }
                let mut name = [0u8; 256];
                // SAFETY: a device handle, a buffer of the size given.
                let st = unsafe {
                    (api.get_device_info)(
                        device,
                        CL_DEVICE_NAME,
                        name.len(),
                        name.as_mut_ptr().cast(),
                        null_mut(),
                    )
                };
                let name = if st == 0 {
                    let end = name.iter().position(|&b| b == 0).unwrap_or(name.len());
                    String::from_utf8_lossy(&name[..end]).into_owned()
                } else {
                    String::from("unnamed OpenCL device")
                };
                let mut images = 0u32;
                // SAFETY: a device handle, a cl_bool out value.
                let st = unsafe {
                    (api.get_device_info)(
                        device,
                        CL_DEVICE_IMAGE_SUPPORT,
                        size_of::<u32>(),
                        (&raw mut images).cast(),
                        null_mut(),
                    )
                };
                let mut err = 0;
                // SAFETY: one device handle, no callback.
                let context = unsafe {
                    (api.create_context)(null(), 1, &device, null(), null_mut(), &mut err)
                };
                check("clCreateContext", err)?;
                return Ok((
                    context as usize,
                    device as usize,
                    name,
                    st == 0 && images != 0,
                ));
            }
            Err(
                "no OpenCL platform has a device (is an ICD such as pocl-opencl-icd installed?)"
                    .into(),
            )
        }

        pub(crate) fn create_queue(
            api: &Api,
            context: usize,
            device: usize,
        ) -> Result<usize, ClError> {
            let mut err = 0;
            // SAFETY: the host's context and device, default properties.
            let q = unsafe { (api.create_queue)(h(context), h(device), 0, &mut err) };
            check("clCreateCommandQueue", err)?;
            Ok(q as usize)
        }

        pub(crate) fn create_buffer(
            api: &Api,
            context: usize,
            bytes: usize,
        ) -> Result<usize, ClError> {
            let mut err = 0;
            // SAFETY: the host's context, no host pointer.
            let m = unsafe {
                (api.create_buffer)(h(context), CL_MEM_READ_WRITE, bytes, null_mut(), &mut err)
            };
            check("clCreateBuffer", err)?;
            Ok(m as usize)
        }

        pub(crate) fn create_image(
            api: &Api,
            context: usize,
            format: (u32, u32),
            w: usize,
            height: usize,
        ) -> Result<usize, ClError> {
            let mut err = 0;
            let f = [format.0, format.1];
            // SAFETY: the host's context, a cl_image_format (two cl_uint),
            // no host pointer.
            let m = unsafe {
                (api.create_image_2d)(
                    h(context),
                    CL_MEM_READ_WRITE,
                    &f,
                    w,
                    height,
                    0,
                    null_mut(),
                    &mut err,
                )
            };
            check("clCreateImage2D", err)?;
            Ok(m as usize)
        }

        pub(crate) fn write_buffer(
            api: &Api,
            q: usize,
            mem: usize,
            bytes: &[u8],
        ) -> Result<(), ClError> {
            // SAFETY: a blocking write of `bytes`, which the buffer holds.
            check("clEnqueueWriteBuffer", unsafe {
                (api.write_buffer)(
                    h(q),
                    h(mem),
                    CL_TRUE,
                    0,
                    bytes.len(),
                    bytes.as_ptr().cast(),
                    0,
                    null(),
                    null_mut(),
                )
            })
        }

        pub(crate) fn read_buffer(
            api: &Api,
            q: usize,
            mem: usize,
            bytes: &mut [u8],
        ) -> Result<(), ClError> {
            // SAFETY: a blocking read into `bytes`, no larger than the buffer.
            check("clEnqueueReadBuffer", unsafe {
                (api.read_buffer)(
                    h(q),
                    h(mem),
                    CL_TRUE,
                    0,
                    bytes.len(),
                    bytes.as_mut_ptr().cast(),
                    0,
                    null(),
                    null_mut(),
                )
            })
        }

        pub(crate) fn write_image(
            api: &Api,
            q: usize,
            mem: usize,
            w: usize,
            height: usize,
            bytes: &[u8],
        ) -> Result<(), ClError> {
            let row = bytes.len() / height.max(1);
            // SAFETY: a blocking write of w x height pixels, `row` bytes
            // apart in `bytes`.
            check("clEnqueueWriteImage", unsafe {
                (api.write_image)(
                    h(q),
                    h(mem),
                    CL_TRUE,
                    &[0, 0, 0],
                    &[w, height, 1],
                    row,
                    0,
                    bytes.as_ptr().cast(),
                    0,
                    null(),
                    null_mut(),
                )
            })
        }

        pub(crate) fn read_image(
            api: &Api,
            q: usize,
            mem: usize,
            w: usize,
            height: usize,
            bytes: &mut [u8],
        ) -> Result<(), ClError> {
            let row = bytes.len() / height.max(1);
            // SAFETY: a blocking read of w x height pixels into `bytes`.
            check("clEnqueueReadImage", unsafe {
                (api.read_image)(
                    h(q),
                    h(mem),
                    CL_TRUE,
                    &[0, 0, 0],
                    &[w, height, 1],
                    row,
                    0,
                    bytes.as_mut_ptr().cast(),
                    0,
                    null(),
                    null_mut(),
                )
            })
        }

        pub(crate) fn finish(api: &Api, q: usize) -> Result<(), ClError> {
            // SAFETY: the host's queue.
            check("clFinish", unsafe { (api.finish)(h(q)) })
        }

        fn count(
            call: &str,
            f: unsafe extern "C" fn(*mut c_void, u32, usize, *mut c_void, *mut usize) -> i32,
            raw: usize,
            param: u32,
        ) -> Result<u32, ClError> {
            let mut n = 0u32;
            // SAFETY: a live handle of the host, a cl_uint out value.
            check(call, unsafe {
                f(
                    h(raw),
                    param,
                    size_of::<u32>(),
                    (&raw mut n).cast(),
                    null_mut(),
                )
            })?;
            Ok(n)
        }

        pub(crate) fn queue_reference_count(api: &Api, q: usize) -> Result<u32, ClError> {
            count(
                "clGetCommandQueueInfo",
                api.queue_info,
                q,
                CL_QUEUE_REFERENCE_COUNT,
            )
        }

        pub(crate) fn mem_reference_count(api: &Api, m: usize) -> Result<u32, ClError> {
            count(
                "clGetMemObjectInfo",
                api.mem_info,
                m,
                CL_MEM_REFERENCE_COUNT,
            )
        }

        pub(crate) fn retain_queue(api: &Api, q: usize) -> Result<(), ClError> {
            // SAFETY: the host's live queue.
            check("clRetainCommandQueue", unsafe { (api.retain_queue)(h(q)) })
        }

        pub(crate) fn release_queue(api: &Api, q: usize) {
            // SAFETY: one reference the host holds.
            unsafe { (api.release_queue)(h(q)) };
        }

        pub(crate) fn retain_mem(api: &Api, m: usize) -> Result<(), ClError> {
            // SAFETY: the host's live memory object.
            check("clRetainMemObject", unsafe { (api.retain_mem)(h(m)) })
        }

        pub(crate) fn release_mem(api: &Api, m: usize) {
            // SAFETY: one reference the host holds.
            unsafe { (api.release_mem)(h(m)) };
        }

        pub(crate) fn release_context(api: &Api, c: usize) {
            // SAFETY: the context's one reference, held by the device.
            unsafe { (api.release_context)(h(c)) };
        }
    }

    #[cfg(feature = "opencl")]
    pub(crate) use calls::*;

    /// Without the feature no [`Api`] exists, so these are never called.
    #[cfg(not(feature = "opencl"))]
    mod absent {
        use super::{Api, ClError};
        macro_rules! absent {
            ($($name:ident($($arg:ident: $ty:ty),*) -> $ret:ty;)*) => {$(
                pub(crate) fn $name(api: &Api, $($arg: $ty),*) -> $ret {
                    $(let _ = $arg;)*
                    match *api {}
                }
            )*};
        }
        absent! {
            open_first_device() -> Result<(usize, usize, String, bool), ClError>;
            create_queue(c: usize, d: usize) -> Result<usize, ClError>;
            create_buffer(c: usize, n: usize) -> Result<usize, ClError>;
            create_image(c: usize, f: (u32, u32), w: usize, hh: usize) -> Result<usize, ClError>;
            write_buffer(q: usize, m: usize, b: &[u8]) -> Result<(), ClError>;
            read_buffer(q: usize, m: usize, b: &mut [u8]) -> Result<(), ClError>;
            write_image(q: usize, m: usize, w: usize, hh: usize, b: &[u8]) -> Result<(), ClError>;
            read_image(q: usize, m: usize, w: usize, hh: usize, b: &mut [u8]) -> Result<(), ClError>;
            finish(q: usize) -> Result<(), ClError>;
            queue_reference_count(q: usize) -> Result<u32, ClError>;
            mem_reference_count(m: usize) -> Result<u32, ClError>;
            retain_queue(q: usize) -> Result<(), ClError>;
            release_queue(q: usize) -> ();
            retain_mem(m: usize) -> Result<(), ClError>;
            release_mem(m: usize) -> ();
            release_context(c: usize) -> ();
        }
    }

    #[cfg(not(feature = "opencl"))]
    pub(crate) use absent::*;
}
