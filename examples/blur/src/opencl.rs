//! Blur on OpenCL buffers: a separable Gaussian by direct convolution
//! (`kernels/blur.cl`), in two passes through a float buffer of the
//! effect's own, enqueued on the host's queue and never waited for.
//!
//! Why direct convolution: the CPU path's recursive Gaussian (Deriche) and
//! running boxes cost the same at any size because each pixel reuses its
//! neighbour's result, which makes every line one sequential chain, the
//! worst shape for a GPU. A direct convolution computes each pixel on its
//! own, so every pixel is a work item, and it *is* the reference the CPU
//! filters are measured against (truncated at the same `ceil(4 sigma)`
//! support the region of interest reserves, which leaves out less than
//! 0.01% of the weight). Its cost grows with the size, which a GPU absorbs
//! for the sizes an interactive blur uses. The box filters stay on the CPU:
//! a render with them answers "GPU render failed", and the host renders it
//! on the CPU.

use blur_filter::{AxisFilter, Boundary, FilterKind};
use ofx_plugin::ErrorKind;
use ofx_plugin::gpu::opencl::{KernelArg, Kernels, TempBuffer};
use ofx_plugin::gpu::{ClBuffer, Device, DeviceLayout};
use ofx_plugin::prelude::*;

use crate::BlurSettings;

/// The kernels' source.
pub const SOURCE: &str = include_str!("../kernels/blur.cl");

/// The program of the effect, built once per OpenCL context.
pub fn kernels() -> Kernels {
    Kernels::new(SOURCE, "")
}

/// The kernels' depth code.
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

/// One axis of the Gaussian: its reach in pixels, `1 / (2 sigma^2)` (0 for
/// no blur) and one over the sum of the truncated weights.
fn axis(sigma: f64) -> (i32, f32, f32) {
    let r = AxisFilter::new(FilterKind::Gaussian, sigma).support();
    if r == 0 {
        return (0, 0.0, 1.0);
    }
    let k = 1.0 / (2.0 * sigma * sigma);
    let r = r as i32;
    let sum: f64 = (-r..=r).map(|i| (-(f64::from(i * i)) * k).exp()).sum();
    (r, k as f32, (1.0 / sum) as f32)
}

/// Renders the Gaussian on OpenCL buffers; any other filter answers
/// [`GpuRenderFailed`](ErrorKind::GpuRenderFailed), which a host takes as
/// "render this on the CPU".
pub fn buffers(
    kernels: &Kernels,
    cl: &Device<'_, ClBuffer>,
    source: &Clip,
    settings: &BlurSettings,
    time: f64,
    scale: RenderScale,
) -> Result<()> {
    if settings.filter != FilterKind::Gaussian {
        return Err(Error::with_message(
            ErrorKind::GpuRenderFailed,
            "the box filters render on the CPU only",
        ));
    }
    let src = cl.input(source)?;
    let out = cl.output()?;
    let (s, d) = (src.layout(), out.layout());
    if (s.depth, s.components) != (d.depth, d.components) {
        return Err(Error::image_format(
            "the source and output differ in format",
        ));
    }
    // Beyond the source's region of definition the image is black, as on
    // the CPU: the boundary applies at whichever edge comes first.
    let par = source.pixel_aspect_ratio().unwrap_or(1.0);
    let spec = settings.spec(scale, par);
    let sb = match source.region_of_definition(time) {
        Ok(rod) => s
            .bounds
            .intersection(&rod.to_pixel_enclosing(scale, if par > 0.0 { par } else { 1.0 }))
            .unwrap_or(RectI::new(
                s.bounds.x1,
                s.bounds.y1,
                s.bounds.x1,
                s.bounds.y1,
            )),
        Err(_) => s.bounds,
    };
    let w = d.window;
    if w.is_empty() {
        return Ok(());
    }
    let (rx, kx, nx) = axis(spec.sigma[0]);
    let (ry, ky, ny) = axis(spec.sigma[1]);
    let edge = i32::from(spec.boundary == Boundary::Clamp);
    let comps = d.components.count() as i32;
    // The source rows the columns pass reads.
    let ty1 = sb.y1.max(w.y1 - ry);
    let ty2 = sb.y2.min(w.y2 + ry).max(ty1);
    let (tw, th) = (w.x2 - w.x1, ty2 - ty1);
    let empty = sb.is_empty();
    let th = if empty { 0 } else { th };
    let tmp = TempBuffer::new(
        cl.queue(),
        tw as usize * th as usize * comps as usize * std::mem::size_of::<f32>(),
    )?;
    let rows = [
        KernelArg::Mem(src.mem()),
        KernelArg::I32(s.bounds.x1),
        KernelArg::I32(s.bounds.y1),
        KernelArg::I32(row_in_components(&s)?),
        KernelArg::I32(sb.x1),
        KernelArg::I32(sb.x2),
        KernelArg::I32(depth_code(d.depth)),
        KernelArg::I32(comps),
        KernelArg::Mem(tmp.mem()),
        KernelArg::I32(w.x1),
        KernelArg::I32(ty1),
        KernelArg::I32(tw),
        KernelArg::I32(rx),
        KernelArg::F32(kx),
        KernelArg::F32(nx),
        KernelArg::I32(edge),
    ];
    kernels.enqueue(cl.queue(), "blur_rows", &[tw as usize, th as usize], &rows)?;
    let columns = [
        KernelArg::Mem(tmp.mem()),
        KernelArg::I32(w.x1),
        KernelArg::I32(ty1),
        KernelArg::I32(tw),
        KernelArg::I32(th),
        KernelArg::I32(sb.y1),
        KernelArg::I32(sb.y2),
        KernelArg::Mem(out.mem()),
        KernelArg::I32(d.bounds.x1),
        KernelArg::I32(d.bounds.y1),
        KernelArg::I32(row_in_components(&d)?),
        KernelArg::I32(depth_code(d.depth)),
        KernelArg::I32(comps),
        KernelArg::I32(w.x1),
        KernelArg::I32(w.y1),
        KernelArg::I32(ry),
        KernelArg::F32(ky),
        KernelArg::F32(ny),
        KernelArg::I32(edge),
    ];
    kernels.enqueue(
        cl.queue(),
        "blur_columns",
        &[tw as usize, (w.y2 - w.y1) as usize],
        &columns,
    )
}
