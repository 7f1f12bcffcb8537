//! Gain on CUDA device memory: one small kernel (`kernels/gain.cu`),
//! compiled by NVRTC once per CUDA context and launched on the host's
//! stream. Compiled in CI (`cargo check -p gain --features cuda`); it runs
//! only where a host enables CUDA (no such host runs here).

use ofx_plugin::gpu::cuda::{CudaArg, CudaKernels};
use ofx_plugin::gpu::{Cuda, DeviceLayout};
use ofx_plugin::prelude::*;

use crate::Factors;

/// The kernel's source.
pub const SOURCE: &str = include_str!("../kernels/gain.cu");

/// The module of the effect.
pub fn kernels() -> CudaKernels {
    CudaKernels::new(SOURCE)
}

/// Row bytes as a number of components, which the kernel indexes by.
fn row_in_components(l: &DeviceLayout) -> Result<i32> {
    i32::try_from(l.row_components()?).map_err(|_| Error::image_format("rows too long"))
}

/// Renders on CUDA device memory.
pub fn render(kernels: &CudaKernels, cu: &Cuda<'_>, source: &Clip, f: &Factors) -> Result<()> {
    let (src, out) = (cu.input(source)?, cu.output()?);
    let (s, d) = (src.layout(), out.layout());
    if (s.depth, s.components) != (d.depth, d.components) {
        return Err(Error::image_format(
            "the source and output differ in format",
        ));
    }
    let w = d.window;
    let (ww, wh) = ((w.x2 - w.x1).max(0), (w.y2 - w.y1).max(0));
    let depth = match d.depth {
        BitDepth::U8 => 1,
        BitDepth::U16 => 2,
        BitDepth::F16 => 3,
        BitDepth::F32 => 4,
    };
    let mode = if f.is_identity(d.components) {
        0
    } else if f.premultiplied && d.components == PixelComponents::Rgba {
        2
    } else {
        1
    };
    let args = [
        CudaArg::Ptr(src.ptr()),
        CudaArg::I32(s.bounds.x1),
        CudaArg::I32(s.bounds.y1),
        CudaArg::I32(s.bounds.x2),
        CudaArg::I32(s.bounds.y2),
        CudaArg::I32(row_in_components(&s)?),
        CudaArg::Ptr(out.ptr()),
        CudaArg::I32(d.bounds.x1),
        CudaArg::I32(d.bounds.y1),
        CudaArg::I32(row_in_components(&d)?),
        CudaArg::I32(w.x1),
        CudaArg::I32(w.y1),
        CudaArg::I32(ww),
        CudaArg::I32(wh),
        CudaArg::I32(depth),
        CudaArg::I32(d.components.count() as i32),
        CudaArg::F32x4(f.rgba),
        CudaArg::I32(mode),
    ];
    let block = [16, 16, 1];
    let grid = [(ww as u32).div_ceil(16), (wh as u32).div_ceil(16), 1];
    kernels.launch(cu.stream(), "gain_buffers", grid, block, &args)
}
