//! Gain on CUDA device memory: one small kernel (`kernels/gain.cu`),
//! compiled by NVRTC once per CUDA context and launched on the host's
//! stream. Compiled in CI (`cargo check -p gain --features cuda`); it runs
//! only where a host enables CUDA (no such host runs here).

use ofx_plugin::gpu::Cuda;
use ofx_plugin::gpu::cuda::{CudaArg, CudaKernels};
use ofx_plugin::prelude::*;

use crate::Factors;
use crate::device::BufferArgs;

/// The kernel's source.
pub const SOURCE: &str = include_str!("../kernels/gain.cu");

/// The module of the effect.
pub fn kernels() -> CudaKernels {
    CudaKernels::new(SOURCE)
}

/// Renders on CUDA device memory.
pub fn render(kernels: &CudaKernels, cu: &Cuda<'_>, source: &Clip, f: &Factors) -> Result<()> {
    let (src, out) = (cu.input(source)?, cu.output()?);
    let a = BufferArgs::new(&src.layout(), &out.layout(), f)?;
    let args = a.list(
        CudaArg::Ptr(src.ptr()),
        CudaArg::Ptr(out.ptr()),
        CudaArg::I32,
        CudaArg::F32x4,
        true,
    );
    let block = [16, 16, 1];
    let grid = [
        (a.size[0] as u32).div_ceil(16),
        (a.size[1] as u32).div_ceil(16),
        1,
    ];
    kernels.launch(cu.stream(), "gain_buffers", grid, block, &args)
}
