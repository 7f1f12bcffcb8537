//! The `opencl3` adapter: the host's queue and memory as opencl3 types that
//! never release them, and [`Kernels`], a safe, locked way to build and
//! enqueue kernels from effects that forbid `unsafe`.
//!
//! # Not owning the host's objects
//!
//! opencl3's wrappers (`CommandQueue`, `Buffer`, `Image`, `Context`) made
//! from a raw handle release it when dropped, which would release the
//! host's queue or buffer. Here they come wrapped in [`Borrowed`], which
//! never drops its content and only derefs to a shared reference (so the
//! wrapper cannot be swapped out and dropped), for the lifetime of the
//! handle it came from.
//!
//! # Threads
//!
//! Setting a kernel's arguments and enqueueing it must not interleave with
//! another thread doing the same on the same kernel. [`Kernels`] does both
//! under one lock, and builds each program once per OpenCL context.
//!
//! The OpenCL library is loaded at run time (opencl3's `dynamic` feature):
//! a bundle built with this feature loads on a machine without OpenCL, and
//! only its OpenCL calls fail, with an error.

use std::marker::PhantomData;
use std::mem::ManuallyDrop;
use std::ops::Deref;
use std::sync::Mutex;

pub use opencl3;
use opencl3::command_queue::CommandQueue;
use opencl3::context::Context;
use opencl3::kernel::Kernel;
use opencl3::memory::{Buffer, ClMem as _, Image};
use opencl3::program::Program;
use opencl3::types::{cl_context, cl_device_id, cl_int, cl_mem, cl_uint};

use super::handles::{ClCommandQueue, ClMem};
use crate::error::{Error, ErrorKind, Result};

/// An opencl3 object wrapping a handle it does not own: never dropped,
/// only borrowed as `&T`, for the lifetime `'a` of the handle.
pub struct Borrowed<'a, T> {
    inner: ManuallyDrop<T>,
    _life: PhantomData<&'a ()>,
}

impl<T> Deref for Borrowed<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.inner
    }
}

impl<T> std::fmt::Debug for Borrowed<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Borrowed(..)")
    }
}

impl<'a, T> Borrowed<'a, T> {
    fn new(inner: T) -> Borrowed<'a, T> {
        Borrowed {
            inner: ManuallyDrop::new(inner),
            _life: PhantomData,
        }
    }
}

impl<'a> ClCommandQueue<'a> {
    /// The queue as an opencl3 `CommandQueue` that does not release it.
    pub fn opencl3(self) -> Borrowed<'a, CommandQueue> {
        // Three dimensions: the most any device offers to a kernel, and
        // only used by opencl3 to bound work sizes.
        Borrowed::new(CommandQueue::new(self.as_raw(), 3))
    }

    /// The raw context the queue belongs to.
    fn context(self) -> Result<cl_context> {
        let v = opencl3::command_queue::get_command_queue_info(
            self.as_raw(),
            opencl3::command_queue::CL_QUEUE_CONTEXT,
        )
        .map_err(|e| cl_error(e, "clGetCommandQueueInfo(CL_QUEUE_CONTEXT)"))?;
        Ok(isize::from(v) as cl_context)
    }

    /// The raw device the queue feeds.
    fn device(self) -> Result<cl_device_id> {
        let v = opencl3::command_queue::get_command_queue_info(
            self.as_raw(),
            opencl3::command_queue::CL_QUEUE_DEVICE,
        )
        .map_err(|e| cl_error(e, "clGetCommandQueueInfo(CL_QUEUE_DEVICE)"))?;
        Ok(isize::from(v) as cl_device_id)
    }
}

impl<'a> ClMem<'a> {
    /// The memory as an opencl3 `Buffer<T>` that does not release it.
    pub fn buffer<T>(self) -> Borrowed<'a, Buffer<T>> {
        Borrowed::new(Buffer::new(self.as_raw()))
    }
    /// The memory as an opencl3 `Image` that does not release it.
    pub fn image(self) -> Borrowed<'a, Image> {
        Borrowed::new(Image::new(self.as_raw()))
    }
}

/// One argument of a kernel, typed as OpenCL C declares it.
#[derive(Clone, Copy, Debug)]
pub enum KernelArg<'a> {
    /// A `global` buffer or an image (`cl_mem`).
    Mem(ClMem<'a>),
    /// An `int`.
    I32(i32),
    /// A `uint`.
    U32(u32),
    /// A `float`.
    F32(f32),
    /// A `float4`.
    F32x4([f32; 4]),
}

/// The programs built from one OpenCL source, one per context, and a lock
/// under which kernels get their arguments and are enqueued.
///
/// Keep one in the effect (it is `Sync`): the first render on a context
/// builds the program, the next ones reuse it.
pub struct Kernels {
    source: String,
    options: String,
    programs: Mutex<Vec<Built>>,
}

/// A program built for one context (which the program keeps alive).
struct Built {
    context: cl_context,
    kernels: Vec<(String, Kernel)>,
    program: Program,
}

// SAFETY: OpenCL objects (contexts, programs, kernels) are thread-safe
// handles, except that a kernel's arguments must not be set from two
// threads at once: every access to `Built` goes through the mutex of
// `Kernels`, which holds it while arguments are set and the kernel is
// enqueued.
unsafe impl Send for Built {}

impl std::fmt::Debug for Kernels {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Kernels").finish_non_exhaustive()
    }
}

impl Kernels {
    /// Kernels of `source`, built with `options` (e.g. `-cl-fast-relaxed-math`)
    /// when first enqueued on a context.
    pub fn new(source: &str, options: &str) -> Kernels {
        Kernels {
            source: source.to_owned(),
            options: options.to_owned(),
            programs: Mutex::new(Vec::new()),
        }
    }

    /// Enqueues kernel `name` on `queue` over a `global` range of work
    /// items (one to three dimensions), with `args` in order. It does not
    /// wait: the host synchronises its queue.
    ///
    /// The kernel's code is trusted, as a shader is: the arguments are
    /// checked in number against the kernel, and buffers are the host's
    /// `cl_mem` objects, so a kernel that writes outside its buffer is a
    /// bug of the kernel.
    ///
    /// # Errors
    /// [`GpuOutOfMemory`](ErrorKind::GpuOutOfMemory) when OpenCL runs out of
    /// resources, [`GpuRenderFailed`](ErrorKind::GpuRenderFailed) for any
    /// other OpenCL failure (with the build log when the build failed), a
    /// [`Value`](ErrorKind::Value) error for a wrong number of arguments,
    /// or work sizes not in 1..=3 dimensions.
    pub fn enqueue(
        &self,
        queue: ClCommandQueue<'_>,
        name: &str,
        global: &[usize],
        args: &[KernelArg<'_>],
    ) -> Result<()> {
        if global.is_empty() || global.len() > 3 {
            return Err(Error::value(format!(
                "a kernel runs over 1 to 3 dimensions, not {}",
                global.len()
            )));
        }
        if global.contains(&0) {
            return Ok(());
        }
        let context = queue.context()?;
        let mut programs = self
            .programs
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let index = match programs.iter().position(|b| b.context == context) {
            Some(i) => i,
            None => {
                programs.push(self.build(context, queue.device()?)?);
                programs.len() - 1
            }
        };
        let built = &mut programs[index];
        let kernel = match built.kernels.iter().position(|(n, _)| n == name) {
            Some(i) => &built.kernels[i].1,
            None => {
                let k = Kernel::create(&built.program, name)
                    .map_err(|e| cl_error(e.0, &format!("clCreateKernel({name})")))?;
                built.kernels.push((name.to_owned(), k));
                &built.kernels[built.kernels.len() - 1].1
            }
        };
        let n = kernel
            .num_args()
            .map_err(|e| cl_error(e.0, "clGetKernelInfo"))?;
        if n as usize != args.len() {
            return Err(Error::value(format!(
                "kernel {name} takes {n} arguments, and {} were given",
                args.len()
            )));
        }
        for (i, a) in args.iter().enumerate() {
            let i = i as cl_uint;
            // SAFETY: each value is passed with the size of the OpenCL C
            // type it stands for (cl_mem, int, uint, float, float4); the
            // kernel is only reached under the lock, so no other thread
            // sets its arguments meanwhile.
            let r = unsafe {
                match a {
                    KernelArg::Mem(m) => {
                        let raw: cl_mem = m.as_raw();
                        kernel.set_arg(i, &raw)
                    }
                    KernelArg::I32(v) => kernel.set_arg(i, &(*v as cl_int)),
                    KernelArg::U32(v) => kernel.set_arg(i, v),
                    KernelArg::F32(v) => kernel.set_arg(i, v),
                    KernelArg::F32x4(v) => kernel.set_arg(i, v),
                }
            };
            r.map_err(|e| cl_error(e.0, &format!("clSetKernelArg({name}, {i})")))?;
        }
        let q = queue.opencl3();
        // SAFETY: the kernel's arguments are all set (checked in number
        // above); `global` has `global.len()` sizes; no local sizes and no
        // events to wait for.
        let event = unsafe {
            q.enqueue_nd_range_kernel(
                kernel.get(),
                global.len() as cl_uint,
                std::ptr::null(),
                global.as_ptr(),
                std::ptr::null(),
                &[],
            )
        }
        .map_err(|e| cl_error(e.0, &format!("clEnqueueNDRangeKernel({name})")))?;
        // The event is ours, and released here; the work stays enqueued.
        drop(event);
        Ok(())
    }

    fn build(&self, context: cl_context, device: cl_device_id) -> Result<Built> {
        // Borrowed, not retained: the program keeps its context alive (an
        // OpenCL context lives until every object attached to it is
        // released), so the cached address cannot be reused meanwhile.
        let ctx = Borrowed::<Context>::new(Context::new(context, &[device]));
        let program = Program::create_and_build_from_source(&ctx, &self.source, &self.options)
            .map_err(|log| {
                Error::with_message(
                    ErrorKind::GpuRenderFailed,
                    format!("the OpenCL program did not build: {log}"),
                )
            })?;
        Ok(Built {
            context,
            kernels: Vec::new(),
            program,
        })
    }
}

/// A buffer of the effect's own on the host's device (for intermediate
/// passes), released when dropped. OpenCL keeps a released buffer alive
/// until the commands enqueued on it have run, so it may be dropped right
/// after the kernels that use it are enqueued.
pub struct TempBuffer {
    buffer: Buffer<u8>,
}

impl std::fmt::Debug for TempBuffer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TempBuffer({:p})", self.buffer.get())
    }
}

impl TempBuffer {
    /// A new buffer of `bytes` bytes (at least 1) in the context of `queue`,
    /// its contents undefined until a kernel writes them.
    ///
    /// # Errors
    /// [`GpuOutOfMemory`](ErrorKind::GpuOutOfMemory) when the device has no
    /// room, [`GpuRenderFailed`](ErrorKind::GpuRenderFailed) otherwise.
    pub fn new(queue: ClCommandQueue<'_>, bytes: usize) -> Result<TempBuffer> {
        let context = queue.context()?;
        let ctx = Borrowed::<Context>::new(Context::new(context, &[]));
        // SAFETY: no host pointer is given, so OpenCL allocates the buffer
        // itself; `ctx` is the live context of the host's queue.
        let buffer = unsafe {
            Buffer::<u8>::create(
                &ctx,
                opencl3::memory::CL_MEM_READ_WRITE,
                bytes.max(1),
                std::ptr::null_mut(),
            )
        }
        .map_err(|e| cl_error(e.0, "clCreateBuffer"))?;
        Ok(TempBuffer { buffer })
    }

    /// The buffer, to pass to kernels.
    pub fn mem(&self) -> ClMem<'_> {
        ClMem::new(self.buffer.get()).expect("a created buffer is not null")
    }
}

/// Maps an OpenCL error code to an error: running out of device or host
/// memory is [`GpuOutOfMemory`](ErrorKind::GpuOutOfMemory), so that a host
/// may free memory and retry; everything else is
/// [`GpuRenderFailed`](ErrorKind::GpuRenderFailed), so that it may render
/// on the CPU instead.
pub fn cl_error(code: cl_int, call: &str) -> Error {
    // CL_MEM_OBJECT_ALLOCATION_FAILURE, CL_OUT_OF_RESOURCES, CL_OUT_OF_HOST_MEMORY.
    let kind = if matches!(code, -6..=-4) {
        ErrorKind::GpuOutOfMemory
    } else {
        ErrorKind::GpuRenderFailed
    };
    Error::with_message(
        kind,
        format!(
            "{call} failed: {} ({code})",
            opencl3::error_codes::error_text(code)
        ),
    )
}

/// Whether an OpenCL library could be loaded.
pub fn is_available() -> bool {
    opencl3::platform::get_platforms().is_ok_and(|p| !p.is_empty())
}

#[cfg(test)]
mod tests {
    use opencl3::command_queue::CommandQueue;
    use opencl3::context::Context;
    use opencl3::device::{CL_DEVICE_TYPE_ALL, Device, get_all_devices};
    use opencl3::memory::{Buffer, CL_MEM_READ_WRITE};
    use opencl3::types::CL_BLOCKING;

    use super::*;

    /// pocl fails (CL_INVALID_BUFFER_SIZE, build errors) when two threads
    /// set up devices at once; the tests here take turns.
    static TURN: Mutex<()> = Mutex::new(());

    /// A context and queue of the first OpenCL device (pocl's CPU device
    /// on this machine and in CI, which installs it: no skipping).
    fn queue() -> (Context, CommandQueue) {
        let devices = get_all_devices(CL_DEVICE_TYPE_ALL)
            .expect("an OpenCL platform: install pocl-opencl-icd and ocl-icd-libopencl1");
        let device = Device::new(*devices.first().expect("an OpenCL device"));
        let context = Context::from_device(&device).unwrap();
        #[allow(deprecated)]
        let queue = CommandQueue::create_default(&context, 0).unwrap();
        (context, queue)
    }

    fn buffer(context: &Context, n: usize) -> Buffer<f32> {
        // SAFETY: a new buffer of `n` floats, without a host pointer.
        unsafe { Buffer::<f32>::create(context, CL_MEM_READ_WRITE, n, std::ptr::null_mut()) }
            .unwrap()
    }

    const SCALE: &str = "__kernel void scale(__global const float *src, __global float *dst, \
                         float k, int n) { int i = get_global_id(0); if (i < n) dst[i] = src[i] * k; }";

    #[test]
    fn borrowed_wrappers_and_launches_leave_the_host_reference_counts_alone() {
        let _turn = TURN
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let (context, host_queue) = queue();
        let (src, dst) = (buffer(&context, 64), buffer(&context, 64));
        let counts = || {
            (
                host_queue.reference_count().unwrap(),
                src.reference_count().unwrap(),
                dst.reference_count().unwrap(),
                context.reference_count().unwrap(),
            )
        };
        let before = counts();
        let input: Vec<f32> = (0..64).map(|i| i as f32).collect();
        let mut src_view = std::mem::ManuallyDrop::new(Buffer::<f32>::new(src.get()));
        // SAFETY: a blocking write of 64 floats into a 64-float buffer.
        unsafe { host_queue.enqueue_write_buffer(&mut src_view, CL_BLOCKING, 0, &input, &[]) }
            .unwrap();
        let kernels = Kernels::new(SCALE, "");
        {
            // SAFETY: the test's own live queue and buffers, released only
            // after these handles are gone.
            let (q, s, d) = unsafe {
                (
                    ClCommandQueue::from_raw(host_queue.get()).unwrap(),
                    ClMem::from_raw(src.get()).unwrap(),
                    ClMem::from_raw(dst.get()).unwrap(),
                )
            };
            // Wrappers come and go without releasing anything (no command
            // runs meanwhile, so the counts are exact).
            let quiet = counts();
            for _ in 0..3 {
                // Each wrapper goes out of scope at the end of the turn.
                let (bq, bs, _bi) = (q.opencl3(), s.buffer::<f32>(), d.image());
                assert_eq!((bq.get(), bs.get()), (host_queue.get(), src.get()));
            }
            assert_eq!(counts(), quiet);
            let args = [
                KernelArg::Mem(s),
                KernelArg::Mem(d),
                KernelArg::F32(0.5),
                KernelArg::I32(64),
            ];
            kernels.enqueue(q, "scale", &[64], &args).unwrap();
            kernels.enqueue(q, "scale", &[64], &args).unwrap();
            // A wrong number of arguments is an error, not a crash.
            let e = kernels.enqueue(q, "scale", &[64], &args[..3]).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Value, "{e}");
            // An unknown kernel is a GPU failure the host can fall back from.
            let e = kernels.enqueue(q, "nope", &[64], &args).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::GpuRenderFailed, "{e}");
        }
        // The host synchronises; here the test plays the host.
        host_queue.finish().unwrap();
        let mut out = vec![0f32; 64];
        let dst_view = std::mem::ManuallyDrop::new(Buffer::<f32>::new(dst.get()));
        // SAFETY: a blocking read of 64 floats from a 64-float buffer.
        unsafe { host_queue.enqueue_read_buffer(&dst_view, CL_BLOCKING, 0, &mut out, &[]) }
            .unwrap();
        assert_eq!(out[10], 5.0);
        assert_eq!(out[63], 31.5);
        // The buffers are exactly as the host left them; the program the
        // cache holds keeps one reference to the context until dropped.
        // pocl keeps references to the queue for its own finished commands
        // (a plain write by the host adds one too), so the queue's count
        // is only checked not to have dropped: a release would lower it.
        let after = counts();
        assert_eq!((after.1, after.2), (before.1, before.2));
        assert!(after.0 >= before.0, "{after:?} {before:?}");
        assert_eq!(after.3, before.3 + 1);
        drop(kernels);
        assert_eq!(counts().3, before.3);
    }

    #[test]
    fn a_program_that_does_not_build_reports_its_log() {
        let _turn = TURN
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let (_context, host_queue) = queue();
        // SAFETY: the test's own live queue.
        let q = unsafe { ClCommandQueue::from_raw(host_queue.get()) }.unwrap();
        let e = Kernels::new("__kernel void broken( {", "")
            .enqueue(q, "broken", &[1], &[])
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::GpuRenderFailed);
        assert!(e.to_string().contains("did not build"), "{e}");
        assert!(cl_error(-5, "x").kind() == ErrorKind::GpuOutOfMemory);
    }
}
