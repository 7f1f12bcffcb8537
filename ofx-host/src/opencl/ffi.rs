//! The C calls of the host's OpenCL. Each function checks its status and
//! turns a failure into a [`ClError`] naming the call.

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
        pub get_device_ids: unsafe extern "C" fn(Handle, u64, u32, *mut Handle, *mut u32) -> i32,
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
        pub queue_info: unsafe extern "C" fn(Handle, u32, usize, *mut c_void, *mut usize) -> i32,
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

    pub(crate) fn open_first_device(api: &Api) -> Result<(usize, usize, String, bool), ClError> {
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
            let st =
                unsafe { (api.get_device_ids)(p, CL_DEVICE_TYPE_ALL, 1, &mut device, &mut found) };
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
            let context =
                unsafe { (api.create_context)(null(), 1, &device, null(), null_mut(), &mut err) };
            check("clCreateContext", err)?;
            return Ok((
                context as usize,
                device as usize,
                name,
                st == 0 && images != 0,
            ));
        }
        Err("no OpenCL platform has a device (is an ICD such as pocl-opencl-icd installed?)".into())
    }

    pub(crate) fn create_queue(api: &Api, context: usize, device: usize) -> Result<usize, ClError> {
        let mut err = 0;
        // SAFETY: the host's context and device, default properties.
        let q = unsafe { (api.create_queue)(h(context), h(device), 0, &mut err) };
        check("clCreateCommandQueue", err)?;
        Ok(q as usize)
    }

    pub(crate) fn create_buffer(api: &Api, context: usize, bytes: usize) -> Result<usize, ClError> {
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
