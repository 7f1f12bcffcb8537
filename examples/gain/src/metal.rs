//! Gain on Metal buffers (macOS): one compute kernel (`kernels/gain.metal`),
//! built once per device and encoded on the host's command queue. It is
//! compiled only for macOS with the `metal` feature; no host here enables
//! Metal, so it has been type-checked (`cargo check --target
//! aarch64-apple-darwin -p gain --features metal`), never run.

use ofx_plugin::gpu::metal::{MetalArg, MetalKernels};
use ofx_plugin::gpu::{DeviceLayout, Metal};
use ofx_plugin::prelude::*;

use crate::Factors;

/// The kernel's source.
pub const SOURCE: &str = include_str!("../kernels/gain.metal");

/// The pipelines of the effect.
pub fn kernels() -> MetalKernels {
    MetalKernels::new(SOURCE)
}

/// Row bytes as a number of components, which the kernel indexes by.
fn row_in_components(l: &DeviceLayout) -> Result<i32> {
    i32::try_from(l.row_components()?).map_err(|_| Error::image_format("rows too long"))
}

/// Renders on Metal buffers.
pub fn render(kernels: &MetalKernels, mtl: &Metal<'_>, source: &Clip, f: &Factors) -> Result<()> {
    let (src, out) = (mtl.input(source)?, mtl.output()?);
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
        MetalArg::Buffer(src.buffer()),
        MetalArg::I32(s.bounds.x1),
        MetalArg::I32(s.bounds.y1),
        MetalArg::I32(s.bounds.x2),
        MetalArg::I32(s.bounds.y2),
        MetalArg::I32(row_in_components(&s)?),
        MetalArg::Buffer(out.buffer()),
        MetalArg::I32(d.bounds.x1),
        MetalArg::I32(d.bounds.y1),
        MetalArg::I32(row_in_components(&d)?),
        MetalArg::I32(w.x1),
        MetalArg::I32(w.y1),
        MetalArg::I32(depth),
        MetalArg::I32(d.components.count() as i32),
        MetalArg::F32x4(f.rgba),
        MetalArg::I32(mode),
    ];
    kernels.enqueue(
        mtl.command_queue(),
        "gain_buffers",
        [ww as usize, wh as usize],
        &args,
    )
}
