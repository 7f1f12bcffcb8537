//! Gain on OpenCL, buffers and images: one small kernel each
//! (`kernels/gain.cl`), enqueued on the host's queue and never waited for.

use ofx_plugin::gpu::opencl::{KernelArg, Kernels};
use ofx_plugin::gpu::{ClBuffer, ClImage, Device, DeviceLayout};
use ofx_plugin::prelude::*;

use crate::Factors;

/// The kernels' source.
pub const SOURCE: &str = include_str!("../kernels/gain.cl");

/// The program of the effect, built once per OpenCL context. Division is
/// asked to be correctly rounded, as on the CPU.
pub fn kernels() -> Kernels {
    Kernels::new(SOURCE, "-cl-fp32-correctly-rounded-divide-sqrt")
}

/// The kernel's `mode`: 0 copies, 1 scales, 2 works on premultiplied RGBA.
fn mode(f: &Factors, c: PixelComponents) -> i32 {
    if f.is_identity(c) {
        0
    } else if f.premultiplied && c == PixelComponents::Rgba {
        2
    } else {
        1
    }
}

/// The depth code of the kernels.
fn depth_code(d: BitDepth) -> i32 {
    match d {
        BitDepth::U8 => 1,
        BitDepth::U16 => 2,
        BitDepth::F16 => 3,
        BitDepth::F32 => 4,
    }
}

/// Row bytes as a number of components, which the kernel indexes by.
fn row_in_components(l: &DeviceLayout) -> Result<i32> {
    i32::try_from(l.row_components()?).map_err(|_| Error::image_format("rows too long"))
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
    let (s, d) = (src.layout(), out.layout());
    if (s.depth, s.components) != (d.depth, d.components) {
        return Err(Error::image_format(
            "the source and output differ in format",
        ));
    }
    let w = d.window;
    let args = [
        KernelArg::Mem(src.mem()),
        KernelArg::I32(s.bounds.x1),
        KernelArg::I32(s.bounds.y1),
        KernelArg::I32(s.bounds.x2),
        KernelArg::I32(s.bounds.y2),
        KernelArg::I32(row_in_components(&s)?),
        KernelArg::Mem(out.mem()),
        KernelArg::I32(d.bounds.x1),
        KernelArg::I32(d.bounds.y1),
        KernelArg::I32(row_in_components(&d)?),
        KernelArg::I32(w.x1),
        KernelArg::I32(w.y1),
        KernelArg::I32(depth_code(d.depth)),
        KernelArg::I32(d.components.count() as i32),
        KernelArg::F32x4(f.rgba),
        KernelArg::I32(mode(f, d.components)),
    ];
    kernels.enqueue(cl.queue(), "gain_buffers", &window_size(w), &args)
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
