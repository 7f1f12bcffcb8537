//! Newtypes over the raw GPU handles a host hands over, one type per kind
//! of handle, each borrowed for as long as the image or render it came from.
//!
//! A `cl_mem`, a CUDA device pointer and a Metal buffer are all `void *` in
//! C; here each is its own type, so one cannot be passed where another is
//! expected, and none can be kept past the render that lent it (the
//! lifetime parameter ties it to its image or to the render).

use std::ffi::c_void;
use std::fmt;
use std::marker::PhantomData;
use std::ptr::NonNull;

macro_rules! handle {
    ($(#[$m:meta])* $name:ident, $what:literal) => {
        $(#[$m])*
        #[derive(Clone, Copy, PartialEq, Eq)]
        pub struct $name<'a> {
            raw: NonNull<c_void>,
            _life: PhantomData<&'a ()>,
        }

        impl<'a> $name<'a> {
            /// Wraps a non-null handle the host handed over for lifetime `'a`.
            pub(crate) fn new(raw: *mut c_void) -> crate::Result<$name<'a>> {
                NonNull::new(raw).map(|raw| $name { raw, _life: PhantomData }).ok_or_else(|| {
                    crate::Error::bad_handle(concat!("the host handed over a null ", $what))
                })
            }

            /// Wraps a raw handle, for code that gets one elsewhere (its own
            /// tests, another host API); `None` when null.
            ///
            /// # Safety
            /// `raw` must be a live handle of this kind, which nobody
            /// releases during `'a`.
            pub unsafe fn from_raw(raw: *mut c_void) -> Option<$name<'a>> {
                Self::new(raw).ok()
            }

            /// The raw handle, for a GPU API's own bindings. It is
            /// borrowed: the host owns it, so it must not be released, and
            /// it is valid only for this value's lifetime.
            pub fn as_raw(self) -> *mut c_void {
                self.raw.as_ptr()
            }
        }

        impl fmt::Debug for $name<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "({:p})"), self.raw)
            }
        }
    };
}

handle! {
    /// An OpenCL memory object (`cl_mem`): a buffer, or an image for
    /// renders on OpenCL images.
    ClMem, "cl_mem"
}
handle! {
    /// The OpenCL command queue (`cl_command_queue`) a render enqueues on.
    ClCommandQueue, "cl_command_queue"
}
handle! {
    /// A CUDA device pointer (`CUdeviceptr`) to an image's pixels.
    CudaDevicePtr, "CUDA device pointer"
}
handle! {
    /// The CUDA stream (`cudaStream_t`) a render enqueues on.
    CudaStream, "CUDA stream"
}
handle! {
    /// A Metal buffer (`id<MTLBuffer>`) holding an image's pixels.
    MtlBuffer, "Metal buffer"
}
handle! {
    /// The Metal command queue (`id<MTLCommandQueue>`) a render encodes on.
    MtlCommandQueue, "Metal command queue"
}

impl CudaDevicePtr<'_> {
    /// The device address, as CUDA's driver API spells it (`CUdeviceptr`).
    pub fn address(self) -> u64 {
        self.raw.as_ptr() as usize as u64
    }
}

/// An OpenGL texture loaded by the host: its name (`GLuint`) and target
/// (`GLenum`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GlTexture {
    /// The texture name, to bind with `glBindTexture(target, index)`.
    pub index: u32,
    /// The texture target, e.g. `GL_TEXTURE_2D` or `GL_TEXTURE_RECTANGLE`.
    pub target: u32,
}

/// An OpenCL program (`cl_program`) compiled by the host's program suite.
/// The host hands it over to the effect, which owns it from then on and
/// releases it (`clReleaseProgram`) when done. Dropping this value without
/// taking the raw handle leaks the program.
#[derive(PartialEq, Eq)]
pub struct ClProgramHandle {
    raw: NonNull<c_void>,
}

impl ClProgramHandle {
    pub(crate) fn new(raw: NonNull<c_void>) -> ClProgramHandle {
        ClProgramHandle { raw }
    }

    /// The raw `cl_program`, now owned by the caller.
    pub fn into_raw(self) -> *mut c_void {
        self.raw.as_ptr()
    }
}

impl fmt::Debug for ClProgramHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ClProgramHandle({:p})", self.raw)
    }
}
