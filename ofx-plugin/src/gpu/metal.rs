//! The `objc2-metal` adapter (macOS only): the host's command queue and
//! buffers as objc2-metal protocol objects, borrowed, never released, and
//! [`MetalKernels`], which builds compute pipelines from Metal source once
//! per device and encodes them on the host's queue without `unsafe` in the
//! effect.
//!
//! The references returned live as long as the handle they come from, so
//! no more than the render. Retaining one (`.retain()`) is balanced by its
//! own release and does not take the host's reference away.
//!
//! This module is compiled on macOS only; CI runs on Linux, where it is not
//! built.

use std::ffi::c_void;
use std::ptr::NonNull;
use std::sync::Mutex;

use objc2::rc::Retained;
use objc2::runtime::ProtocolObject;
use objc2_foundation::{NSError, NSString};
use objc2_metal::{
    MTLBuffer, MTLCommandBuffer, MTLCommandEncoder, MTLCommandQueue, MTLComputeCommandEncoder,
    MTLComputePipelineState, MTLDevice, MTLLibrary, MTLSize,
};

use super::handles::{MtlBuffer, MtlCommandQueue};
use crate::error::{Error, ErrorKind, Result};

impl<'a> MtlCommandQueue<'a> {
    /// The host's queue (`id<MTLCommandQueue>`), borrowed for `'a`.
    pub fn as_queue(self) -> &'a ProtocolObject<dyn MTLCommandQueue> {
        // SAFETY: the host passes an `id<MTLCommandQueue>` in
        // OfxImageEffectPropMetalCommandQueue, non-null (checked when the
        // handle was made) and alive for the render, which `'a` does not
        // outlive; the reference does not own it.
        unsafe { &*self.as_raw().cast::<ProtocolObject<dyn MTLCommandQueue>>() }
    }
}

impl<'a> MtlBuffer<'a> {
    /// An image's buffer (`id<MTLBuffer>`), borrowed for `'a`.
    pub fn as_buffer(self) -> &'a ProtocolObject<dyn MTLBuffer> {
        // SAFETY: on a Metal render the host passes an `id<MTLBuffer>` in
        // kOfxImagePropData, non-null (checked) and alive until the image
        // is released, which `'a` does not outlive; the reference does not
        // own it.
        unsafe { &*self.as_raw().cast::<ProtocolObject<dyn MTLBuffer>>() }
    }
}

/// One argument of a Metal compute kernel, in the order of its `[[buffer(i)]]`
/// indices.
#[derive(Clone, Copy, Debug)]
pub enum MetalArg<'a> {
    /// An image's buffer (`device T *`).
    Buffer(MtlBuffer<'a>),
    /// An `int` (`constant int &`).
    I32(i32),
    /// A `float` (`constant float &`).
    F32(f32),
    /// A `float4` (`constant float4 &`).
    F32x4([f32; 4]),
}

/// The compute pipelines of one Metal source, built once per device, and
/// a lock under which kernels are encoded.
pub struct MetalKernels {
    source: String,
    built: Mutex<Vec<Built>>,
}

/// The library and pipelines built on one device.
struct Built {
    device: usize,
    library: Retained<ProtocolObject<dyn MTLLibrary>>,
    pipelines: Vec<(
        String,
        Retained<ProtocolObject<dyn MTLComputePipelineState>>,
    )>,
}

// SAFETY: Metal libraries and pipeline states are immutable once made and
// may be used from any thread (Apple's Metal threading rules); every use
// goes through the mutex of `MetalKernels`.
unsafe impl Send for Built {}

impl std::fmt::Debug for MetalKernels {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MetalKernels").finish_non_exhaustive()
    }
}

fn failed(what: &str, e: Option<&NSError>) -> Error {
    let text = match e {
        Some(e) => format!("{what} failed: {}", e.localizedDescription()),
        None => format!("{what} failed"),
    };
    Error::with_message(ErrorKind::GpuRenderFailed, text)
}

impl MetalKernels {
    /// Kernels of `source` (Metal Shading Language, compiled on first use
    /// on a device).
    pub fn new(source: &str) -> MetalKernels {
        MetalKernels {
            source: source.to_owned(),
            built: Mutex::new(Vec::new()),
        }
    }

    /// Encodes kernel `name` over `grid` threads (width, height) in
    /// 16 x 16 groups, with `args` bound to buffer indices 0, 1, ... in
    /// order, in a new command buffer of the host's queue, and commits it
    /// without waiting (the host waits before it reads the output).
    ///
    /// The kernel's code is trusted as a shader is: the number and types of
    /// the arguments are the caller's to match.
    ///
    /// # Errors
    /// [`GpuRenderFailed`](ErrorKind::GpuRenderFailed): a compile failure
    /// (with the compiler's message), a missing kernel, or a command buffer
    /// or encoder the queue could not make.
    pub fn enqueue(
        &self,
        queue: MtlCommandQueue<'_>,
        name: &str,
        grid: [usize; 2],
        args: &[MetalArg<'_>],
    ) -> Result<()> {
        if grid.contains(&0) {
            return Ok(());
        }
        let queue = queue.as_queue();
        let device = queue.device();
        let key = Retained::as_ptr(&device) as *const () as usize;
        let mut built = self
            .built
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let i = match built.iter().position(|b| b.device == key) {
            Some(i) => i,
            None => {
                let library = device
                    .newLibraryWithSource_options_error(&NSString::from_str(&self.source), None)
                    .map_err(|e| failed("compiling the Metal source", Some(&e)))?;
                built.push(Built {
                    device: key,
                    library,
                    pipelines: Vec::new(),
                });
                built.len() - 1
            }
        };
        let b = &mut built[i];
        let pipeline = match b.pipelines.iter().find(|(n, _)| n == name) {
            Some((_, p)) => p.clone(),
            None => {
                let f = b
                    .library
                    .newFunctionWithName(&NSString::from_str(name))
                    .ok_or_else(|| failed(&format!("finding kernel {name}"), None))?;
                let p = device
                    .newComputePipelineStateWithFunction_error(&f)
                    .map_err(|e| failed(&format!("building kernel {name}"), Some(&e)))?;
                b.pipelines.push((name.to_owned(), p.clone()));
                p
            }
        };
        let commands = queue
            .commandBuffer()
            .ok_or_else(|| failed("making a command buffer", None))?;
        let encoder = commands
            .computeCommandEncoder()
            .ok_or_else(|| failed("making a compute encoder", None))?;
        encoder.setComputePipelineState(&pipeline);
        for (index, arg) in args.iter().enumerate() {
            let mut bytes = [0u8; 16];
            let len = match arg {
                MetalArg::Buffer(buffer) => {
                    // SAFETY: the host's buffer of an image of this render,
                    // alive until the image is released, which the borrow
                    // of `buffer` outlives; the kernel reads or writes it
                    // within the layout the caller passes with it.
                    unsafe { encoder.setBuffer_offset_atIndex(Some(buffer.as_buffer()), 0, index) };
                    continue;
                }
                MetalArg::I32(x) => {
                    bytes[..4].copy_from_slice(&x.to_ne_bytes());
                    4
                }
                MetalArg::F32(x) => {
                    bytes[..4].copy_from_slice(&x.to_ne_bytes());
                    4
                }
                MetalArg::F32x4(x) => {
                    for (c, v) in x.iter().enumerate() {
                        bytes[4 * c..4 * c + 4].copy_from_slice(&v.to_ne_bytes());
                    }
                    16
                }
            };
            // SAFETY: `len` bytes of `bytes` are initialised; Metal copies
            // them into the command buffer before the call returns.
            unsafe {
                encoder.setBytes_length_atIndex(NonNull::from(&bytes).cast::<c_void>(), len, index)
            };
        }
        encoder.dispatchThreads_threadsPerThreadgroup(
            MTLSize {
                width: grid[0],
                height: grid[1],
                depth: 1,
            },
            MTLSize {
                width: 16,
                height: 16,
                depth: 1,
            },
        );
        encoder.endEncoding();
        commands.commit();
        Ok(())
    }
}
