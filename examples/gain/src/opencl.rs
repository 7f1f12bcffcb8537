//! Gain on OpenCL, buffers and images: one small kernel each
//! (`kernels/gain.cl`), enqueued on the host's queue and never waited for.

use ofx_plugin::gpu::opencl::{KernelArg, Kernels};
use ofx_plugin::gpu::{ClBuffer, ClImage, Device};
use ofx_plugin::prelude::*;

use crate::Factors;
use crate::device::{BufferArgs, mode};

/// The kernels' source.
pub const SOURCE: &str = include_str!("../kernels/gain.cl");

/// The program of the effect, built once per OpenCL context. Division is
/// asked to be correctly rounded, as on the CPU.
pub fn kernels() -> Kernels {
    Kernels::new(SOURCE, "-cl-fp32-correctly-rounded-divide-sqrt")
}

fn window_size(w: RectI) -> [usize; 2] {
    [(w.x2 - w.x1).max(0) as usize, (w.y2 - w.y1).max(0) as usize]
}

/// Renders on OpenCL buffers.
pub fn buffers(
    kernels: &Kernels,
    cl: &Device<'_, ClBuffer>,
    source: &Clip,
    f: &Factors,
) -> Result<()> {
    let (src, out) = (cl.input(source)?, cl.output()?);
    let a = BufferArgs::new(&src.layout(), &out.layout(), f)?;
    let args = a.list(
        KernelArg::Mem(src.mem()),
        KernelArg::Mem(out.mem()),
        KernelArg::I32,
        KernelArg::F32x4,
        false,
    );
    kernels.enqueue(cl.queue(), "gain_buffers", &a.size, &args)
}

/// Renders on OpenCL images (RGBA or Alpha; OpenCL has no RGB images).
pub fn images(
    kernels: &Kernels,
    cl: &Device<'_, ClImage>,
    source: &Clip,
    f: &Factors,
) -> Result<()> {
    let (src, out) = (cl.input(source)?, cl.output()?);
    let (s, d) = (src.layout(), out.layout());
    let w = d.window;
    let args = [
        KernelArg::Mem(src.mem()),
        KernelArg::I32(s.bounds.x1),
        KernelArg::I32(s.bounds.y1),
        KernelArg::I32(s.bounds.x2),
        KernelArg::I32(s.bounds.y2),
        KernelArg::Mem(out.mem()),
        KernelArg::I32(d.bounds.x1),
        KernelArg::I32(d.bounds.y1),
        KernelArg::I32(w.x1),
        KernelArg::I32(w.y1),
        KernelArg::F32x4(f.rgba),
        KernelArg::I32(mode(f, d.components)),
    ];
    kernels.enqueue(cl.queue(), "gain_images", &window_size(w), &args)
}
