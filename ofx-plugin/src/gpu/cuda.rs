//! The `cudarc` adapter: CUDA's driver API and NVRTC, loaded at run time,
//! behind a guard, and [`CudaKernels`], a safe, locked way to compile and
//! launch kernels on the host's stream.
//!
//! # A bundle that loads without CUDA
//!
//! cudarc is built with dynamic loading, so a plugin binary has no link to
//! libcuda. But cudarc panics on its first call when the library is
//! missing. [`driver`] checks first: it looks for the library itself and
//! returns [`MissingHostFeature`](ErrorKind::MissingHostFeature) when it is
//! absent; cudarc is called only after that, and inside `catch_unwind` as
//! well. Every function of this module goes through it.
//!
//! # Streams
//!
//! With the host's stream ([`Cuda::stream`](crate::gpu::Cuda::stream)) a
//! launch is enqueued and not waited for. Without one, the header asks the
//! render to finish its work before it returns, so the launch synchronises
//! the current context.

use std::ffi::{CString, c_void};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Mutex, OnceLock};

pub use cudarc;
use cudarc::driver::result as cu;
use cudarc::driver::sys;

use super::handles::{CudaDevicePtr, CudaStream};
use crate::error::{Error, ErrorKind, Result};

/// Proof that the CUDA driver library loaded and initialised.
#[derive(Clone, Copy, Debug)]
pub struct Driver(());

fn guarded<T>(what: &str, f: impl FnOnce() -> T) -> Result<T> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|p| {
        crate::unwind::drop_payload(p);
        Error::with_message(
            ErrorKind::GpuRenderFailed,
            format!("{what}: cudarc panicked"),
        )
    })
}

/// The CUDA driver, when it can be loaded and initialised.
///
/// # Errors
/// [`MissingHostFeature`](ErrorKind::MissingHostFeature) when no CUDA
/// driver library is installed, [`GpuRenderFailed`](ErrorKind::GpuRenderFailed)
/// when `cuInit` fails.
pub fn driver() -> Result<Driver> {
    static STATE: OnceLock<std::result::Result<(), (ErrorKind, String)>> = OnceLock::new();
    let state = STATE.get_or_init(|| {
        // SAFETY: only tries to open the library by its candidate names.
        let present =
            guarded("looking for libcuda", || unsafe { sys::is_culib_present() }).unwrap_or(false);
        if !present {
            return Err((
                ErrorKind::MissingHostFeature,
                "the CUDA driver library (libcuda) is not installed".into(),
            ));
        }
        match guarded("cuInit", cu::init) {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err((ErrorKind::GpuRenderFailed, format!("cuInit failed: {e:?}"))),
            Err(e) => Err((e.kind(), e.to_string())),
        }
    });
    match state {
        Ok(()) => Ok(Driver(())),
        Err((kind, text)) => Err(Error::with_message(*kind, text.clone())),
    }
}

/// One argument of a kernel, typed as CUDA C declares it.
#[derive(Clone, Copy, Debug)]
pub enum CudaArg<'a> {
    /// A device pointer (`T *`).
    Ptr(CudaDevicePtr<'a>),
    /// An `int`.
    I32(i32),
    /// A `float`.
    F32(f32),
    /// A `float4`.
    F32x4([f32; 4]),
}

/// The module compiled from one CUDA C source, loaded once per CUDA
/// context, and a lock under which kernels are launched.
pub struct CudaKernels {
    source: String,
    modules: Mutex<Vec<Loaded>>,
}

struct Loaded {
    context: usize,
    module: sys::CUmodule,
    functions: Vec<(String, sys::CUfunction)>,
}

// SAFETY: CUDA modules and functions are handles valid on any thread whose
// current context is theirs; every use goes through the mutex of
// `CudaKernels`, after checking the current context.
unsafe impl Send for Loaded {}

impl std::fmt::Debug for CudaKernels {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CudaKernels").finish_non_exhaustive()
    }
}

fn failed(what: &str, e: impl std::fmt::Debug) -> Error {
    let text = format!("{what} failed: {e:?}");
    let kind = if text.contains("OUT_OF_MEMORY") {
        ErrorKind::GpuOutOfMemory
    } else {
        ErrorKind::GpuRenderFailed
    };
    Error::with_message(kind, text)
}

impl CudaKernels {
    /// Kernels of `source` (CUDA C, compiled by NVRTC on first use in a
    /// context; mark them `extern "C"`).
    pub fn new(source: &str) -> CudaKernels {
        CudaKernels {
            source: source.to_owned(),
            modules: Mutex::new(Vec::new()),
        }
    }

    /// Launches kernel `name` over `grid` blocks of `block` threads, with
    /// `args` in order, on the host's stream, or on the default stream
    /// followed by a synchronisation when there is none.
    ///
    /// The kernel's code is trusted as a shader is: the number and types of
    /// the arguments are the caller's to match.
    ///
    /// # Errors
    /// As [`driver`], a context that is not current (the host makes its
    /// context current for a CUDA render), a compile or launch failure
    /// ([`GpuRenderFailed`](ErrorKind::GpuRenderFailed), or
    /// [`GpuOutOfMemory`](ErrorKind::GpuOutOfMemory)).
    pub fn launch(
        &self,
        stream: Option<CudaStream<'_>>,
        name: &str,
        grid: [u32; 3],
        block: [u32; 3],
        args: &[CudaArg<'_>],
    ) -> Result<()> {
        driver()?;
        if grid.contains(&0) || block.contains(&0) {
            return Ok(());
        }
        let context = guarded("cuCtxGetCurrent", cu::ctx::get_current)?
            .map_err(|e| failed("cuCtxGetCurrent", e))?
            .ok_or_else(|| {
                Error::with_message(
                    ErrorKind::GpuRenderFailed,
                    "no CUDA context is current on this thread",
                )
            })? as usize;
        let mut modules = self
            .modules
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let i = match modules.iter().position(|m| m.context == context) {
            Some(i) => i,
            None => {
                modules.push(self.load(context)?);
                modules.len() - 1
            }
        };
        let loaded = &mut modules[i];
        let f = match loaded.functions.iter().find(|(n, _)| n == name) {
            Some((_, f)) => *f,
            None => {
                let c = CString::new(name).map_err(|_| Error::value("kernel name with a NUL"))?;
                let module = loaded.module;
                // SAFETY: the module was loaded in this context and is not
                // unloaded while `self` lives.
                let f = guarded("cuModuleGetFunction", || unsafe {
                    cu::module::get_function(module, c)
                })?
                .map_err(|e| failed(&format!("cuModuleGetFunction({name})"), e))?;
                loaded.functions.push((name.to_owned(), f));
                f
            }
        };
        // The values, then pointers to them, as cuLaunchKernel reads them.
        let mut values: Vec<[u8; 16]> = args
            .iter()
            .map(|a| {
                let mut v = [0u8; 16];
                match a {
                    CudaArg::Ptr(p) => v[..8].copy_from_slice(&p.address().to_ne_bytes()),
                    CudaArg::I32(x) => v[..4].copy_from_slice(&x.to_ne_bytes()),
                    CudaArg::F32(x) => v[..4].copy_from_slice(&x.to_ne_bytes()),
                    CudaArg::F32x4(x) => {
                        for (i, c) in x.iter().enumerate() {
                            v[4 * i..4 * i + 4].copy_from_slice(&c.to_ne_bytes());
                        }
                    }
                }
                v
            })
            .collect();
        let mut params: Vec<*mut c_void> =
            values.iter_mut().map(|v| v.as_mut_ptr().cast()).collect();
        let raw_stream = stream.map_or(std::ptr::null_mut(), |s| s.as_raw()) as sys::CUstream;
        // SAFETY: `f` is a function of a module loaded in the current
        // context; each parameter points to a live value of (at least) its
        // argument's size, read by the driver before the call returns; the
        // stream is the host's for this render, or the default stream.
        guarded("cuLaunchKernel", || unsafe {
            cu::launch_kernel(
                f,
                (grid[0], grid[1], grid[2]),
                (block[0], block[1], block[2]),
                0,
                raw_stream,
                &mut params,
            )
        })?
        .map_err(|e| failed(&format!("cuLaunchKernel({name})"), e))?;
        if stream.is_none() {
            guarded("cuCtxSynchronize", cu::ctx::synchronize)?
                .map_err(|e| failed("cuCtxSynchronize", e))?;
        }
        Ok(())
    }

    fn load(&self, context: usize) -> Result<Loaded> {
        let ptx = guarded("NVRTC", || cudarc::nvrtc::compile_ptx(&self.source))?
            .map_err(|e| failed("compiling the CUDA source with NVRTC", e))?;
        let image = CString::new(ptx.to_src()).map_err(|_| Error::value("PTX with a NUL byte"))?;
        // SAFETY: a NUL-terminated PTX image, read before the call returns.
        let module = guarded("cuModuleLoadData", || unsafe {
            cu::module::load_data(image.as_ptr().cast())
        })?
        .map_err(|e| failed("cuModuleLoadData", e))?;
        Ok(Loaded {
            context,
            module,
            functions: Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// This machine (and CI) has no CUDA: every entry point answers an
    /// error, and nothing panics.
    #[test]
    fn without_libcuda_every_call_is_a_clean_error() {
        // SAFETY: only opens libraries by name.
        if unsafe { sys::is_culib_present() } {
            eprintln!("libcuda is installed here: the missing-library path is not exercised");
            return;
        }
        let e = driver().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::MissingHostFeature, "{e}");
        assert!(e.to_string().contains("libcuda"), "{e}");
        // Twice: the answer is remembered, still without a panic.
        assert_eq!(driver().unwrap_err().kind(), ErrorKind::MissingHostFeature);
        let k = CudaKernels::new("extern \"C\" __global__ void k() {}");
        let e = k.launch(None, "k", [1, 1, 1], [1, 1, 1], &[]).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::MissingHostFeature, "{e}");
    }
}
