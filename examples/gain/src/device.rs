//! What Gain's buffer kernels (OpenCL, CUDA, Metal) are told about a
//! render, worked out once for all three: the source's bounds and rows, the
//! output's origin and rows, the window, the depth and component codes,
//! the factors and the mode. Each backend wraps the values in its own
//! argument type, in the kernels' common order.

use ofx_plugin::gpu::DeviceLayout;
use ofx_plugin::prelude::*;

use crate::Factors;

/// The scalar arguments of a `gain_buffers` kernel.
#[derive(Clone, Copy, Debug)]
pub struct BufferArgs {
    /// The source's bounds (`x1, y1, x2, y2`) and its row length in
    /// components.
    pub source: [i32; 5],
    /// The output's origin (`x1, y1`) and its row length in components.
    pub output: [i32; 3],
    /// The window's origin.
    pub window: [i32; 2],
    /// The window's width and height: one work item per pixel.
    pub size: [usize; 2],
    /// 1 = u8, 2 = u16, 3 = half, 4 = float.
    pub depth: i32,
    /// Components per pixel.
    pub components: i32,
    /// The factors of red, green, blue and alpha.
    pub k: [f32; 4],
    /// 0 copies, 1 scales, 2 works on premultiplied RGBA.
    pub mode: i32,
}

/// The kernels' `mode`: 0 copies, 1 scales, 2 works on premultiplied RGBA.
pub fn mode(f: &Factors, c: PixelComponents) -> i32 {
    if f.is_identity(c) {
        0
    } else if f.premultiplied && c == PixelComponents::Rgba {
        2
    } else {
        1
    }
}

/// Row bytes as a number of components, which the kernels index by.
fn row_in_components(l: &DeviceLayout) -> Result<i32> {
    i32::try_from(l.row_components()?).map_err(|_| Error::image_format("rows too long"))
}

impl BufferArgs {
    /// The arguments of a render from `s` into `d` with factors `f`.
    ///
    /// # Errors
    /// A source of another depth or components than the output, or rows
    /// too long for an `int`.
    pub fn new(s: &DeviceLayout, d: &DeviceLayout, f: &Factors) -> Result<BufferArgs> {
        if (s.depth, s.components) != (d.depth, d.components) {
            return Err(Error::image_format(
                "the source and output differ in format",
            ));
        }
        let w = d.window;
        Ok(BufferArgs {
            source: [
                s.bounds.x1,
                s.bounds.y1,
                s.bounds.x2,
                s.bounds.y2,
                row_in_components(s)?,
            ],
            output: [d.bounds.x1, d.bounds.y1, row_in_components(d)?],
            window: [w.x1, w.y1],
            size: [(w.x2 - w.x1).max(0) as usize, (w.y2 - w.y1).max(0) as usize],
            depth: match d.depth {
                BitDepth::U8 => 1,
                BitDepth::U16 => 2,
                BitDepth::F16 => 3,
                BitDepth::F32 => 4,
            },
            components: d.components.count() as i32,
            k: f.rgba,
            mode: mode(f, d.components),
        })
    }

    /// The kernel's arguments in order: the source buffer, its bounds and
    /// rows, the output buffer, its origin and rows, the window's origin
    /// (then its size when `with_size`), depth, components, factors and
    /// mode, each wrapped by `int` or `float4`.
    pub fn list<A>(
        &self,
        source: A,
        output: A,
        int: impl Fn(i32) -> A,
        float4: impl Fn([f32; 4]) -> A,
        with_size: bool,
    ) -> Vec<A> {
        let mut v = vec![source];
        v.extend(self.source.map(&int));
        v.push(output);
        v.extend(self.output.map(&int));
        v.extend(self.window.map(&int));
        if with_size {
            v.extend(self.size.map(|n| int(n as i32)));
        }
        v.extend([int(self.depth), int(self.components)]);
        v.push(float4(self.k));
        v.push(int(self.mode));
        v
    }
}
