//! Gain on Metal buffers (macOS): one compute kernel (`kernels/gain.metal`),
//! built once per device and encoded on the host's command queue. It is
//! compiled only for macOS with the `metal` feature; no host here enables
//! Metal, so it has been type-checked (`cargo check --target
//! aarch64-apple-darwin -p gain --features metal`), never run.

use ofx_plugin::gpu::Metal;
use ofx_plugin::gpu::metal::{MetalArg, MetalKernels};
use ofx_plugin::prelude::*;

use crate::Factors;
use crate::device::BufferArgs;

/// The kernel's source.
pub const SOURCE: &str = include_str!("../kernels/gain.metal");

/// The pipelines of the effect.
pub fn kernels() -> MetalKernels {
    MetalKernels::new(SOURCE)
}

/// Renders on Metal buffers.
pub fn render(kernels: &MetalKernels, mtl: &Metal<'_>, source: &Clip, f: &Factors) -> Result<()> {
    let (src, out) = (mtl.input(source)?, mtl.output()?);
    let a = BufferArgs::new(&src.layout(), &out.layout(), f)?;
    let args = a.list(
        MetalArg::Buffer(src.buffer()),
        MetalArg::Buffer(out.buffer()),
        MetalArg::I32,
        MetalArg::F32x4,
        false,
    );
    kernels.enqueue(mtl.command_queue(), "gain_buffers", a.size, &args)
}
