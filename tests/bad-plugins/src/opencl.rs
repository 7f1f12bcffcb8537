//! The OpenCL render of the GPU test plugins, and the OpenCL calls it
//! makes through the ICD loader opened at run time (as a plugin binary that
//! must load on machines without OpenCL does). Only what they enqueue on
//! the host's queue: a rectangle copy between buffers or between images,
//! and (for the plugin that breaks the rule) a release of the host's queue.

use std::ffi::c_void;
use std::ptr::{null, null_mut};
use std::sync::OnceLock;

use crate::raw::{Image, Props};
use crate::{Fault, Result};

type Handle = *mut c_void;

struct Api {
    _lib: libloading::Library,
    copy_buffer_rect: unsafe extern "C" fn(
        Handle,
        Handle,
        Handle,
        *const [usize; 3],
        *const [usize; 3],
        *const [usize; 3],
        usize,
        usize,
        usize,
        usize,
        u32,
        *const Handle,
        *mut Handle,
    ) -> i32,
    copy_image: unsafe extern "C" fn(
        Handle,
        Handle,
        Handle,
        *const [usize; 3],
        *const [usize; 3],
        *const [usize; 3],
        u32,
        *const Handle,
        *mut Handle,
    ) -> i32,
    release_queue: unsafe extern "C" fn(Handle) -> i32,
}

// SAFETY: the table holds only function pointers and the library handle,
// never written after loading; OpenCL's functions may be called from any
// thread.
unsafe impl Sync for Api {}
// SAFETY: as above.
unsafe impl Send for Api {}

fn api() -> Result<&'static Api> {
    static API: OnceLock<Option<Api>> = OnceLock::new();
    API.get_or_init(|| {
        // SAFETY: the ICD loader is a plain C library.
        let lib = unsafe { libloading::Library::new("libOpenCL.so.1") }.ok()?;
        // SAFETY: each symbol is the OpenCL 1.1 function of that name with
        // the C signature of the field it goes into.
        unsafe {
            Some(Api {
                copy_buffer_rect: *lib.get(b"clEnqueueCopyBufferRect\0").ok()?,
                copy_image: *lib.get(b"clEnqueueCopyImage\0").ok()?,
                release_queue: *lib.get(b"clReleaseCommandQueue\0").ok()?,
                _lib: lib,
            })
        }
    })
    .as_ref()
    .ok_or(ofx_sys::kOfxStatGPURenderFailed)
}

fn check(status: i32) -> Result<()> {
    if status == 0 {
        Ok(())
    } else {
        Err(ofx_sys::kOfxStatGPURenderFailed)
    }
}

/// Enqueues a copy of the `w` x `h` pixels at `src_at` of buffer `src`
/// (rows `src_pitch` bytes apart) to `dst_at` of buffer `dst`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn copy_buffer_rect(
    queue: Handle,
    src: Handle,
    dst: Handle,
    src_at: [usize; 2],
    dst_at: [usize; 2],
    row_bytes: usize,
    h: usize,
    src_pitch: usize,
    dst_pitch: usize,
) -> Result<()> {
    let api = api()?;
    // SAFETY: the host's queue and buffers, a region inside both (the
    // caller clips it to both images' bounds); no events.
    check(unsafe {
        (api.copy_buffer_rect)(
            queue,
            src,
            dst,
            &[src_at[0], src_at[1], 0],
            &[dst_at[0], dst_at[1], 0],
            &[row_bytes, h, 1],
            src_pitch,
            0,
            dst_pitch,
            0,
            0,
            null(),
            null_mut(),
        )
    })
}

/// Enqueues a copy of the `w` x `h` pixels at `src_at` of image `src` to
/// `dst_at` of image `dst`.
pub(crate) fn copy_image(
    queue: Handle,
    src: Handle,
    dst: Handle,
    src_at: [usize; 2],
    dst_at: [usize; 2],
    size: [usize; 2],
) -> Result<()> {
    let api = api()?;
    // SAFETY: the host's queue and images, a region inside both; no events.
    check(unsafe {
        (api.copy_image)(
            queue,
            src,
            dst,
            &[src_at[0], src_at[1], 0],
            &[dst_at[0], dst_at[1], 0],
            &[size[0], size[1], 1],
            0,
            null(),
            null_mut(),
        )
    })
}

/// `clReleaseCommandQueue` on a queue the plugin never retained: the rule
/// the ReleasesHostQueue plugin breaks.
pub(crate) fn release_queue(queue: Handle) -> Result<()> {
    let api = api()?;
    // SAFETY: not safe by the OpenCL contract (the reference is the
    // host's): this is the fault under test. The host holds an extra
    // reference during the render, so the queue survives.
    check(unsafe { (api.release_queue)(queue) })
}

/// The OpenCL render: the source's pixels inside `region` copied to the
/// output on the host's queue, as buffers or images (whichever the host
/// handed over), without waiting.
pub(crate) fn copy(
    fault: Fault,
    args: &Props,
    out: &Image,
    src: Option<&Image>,
    region: [i32; 4],
) -> Result<()> {
    let queue = args.get_pointer(ofx_sys::kOfxImageEffectPropOpenCLCommandQueue)?;
    if queue.is_null() {
        return Err(ofx_sys::kOfxStatGPURenderFailed);
    }
    if let Some(src) = src {
        if src.bytes_per_pixel != out.bytes_per_pixel {
            return Err(ofx_sys::kOfxStatErrImageFormat);
        }
        let sb = src.bounds;
        let r = [
            region[0].max(sb[0]),
            region[1].max(sb[1]),
            region[2].min(sb[2]),
            region[3].min(sb[3]),
        ];
        if r[2] > r[0] && r[3] > r[1] {
            let ob = out.bounds;
            let at = |b: [i32; 4]| [(r[0] - b[0]) as usize, (r[1] - b[1]) as usize];
            let size = [(r[2] - r[0]) as usize, (r[3] - r[1]) as usize];
            if out.cl_image.is_null() {
                let bpp = out.bytes_per_pixel;
                let (s, d) = (at(sb), at(ob));
                copy_buffer_rect(
                    queue,
                    src.cl_mem(),
                    out.cl_mem(),
                    [s[0] * bpp, s[1]],
                    [d[0] * bpp, d[1]],
                    size[0] * bpp,
                    size[1],
                    src.row_bytes().unsigned_abs(),
                    out.row_bytes().unsigned_abs(),
                )?;
            } else {
                copy_image(queue, src.cl_mem(), out.cl_mem(), at(sb), at(ob), size)?;
            }
        }
    }
    if fault == Fault::ReleasesHostQueue {
        // The rule broken: a release of the host's queue.
        release_queue(queue)?;
    }
    Ok(())
}
