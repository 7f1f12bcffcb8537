//! Gain on OpenGL: one fragment shader (`kernels/gain.glsl`) drawn over the
//! render window by [`GlProgram`], on RGBA textures.

use ofx_plugin::gpu::{GlProgram, OpenGl, Uniform};
use ofx_plugin::prelude::*;

use crate::Factors;

/// The shader's source.
pub const SOURCE: &str = include_str!("../kernels/gain.glsl");

/// The effect's program, sampling the input `source`; linked on the first
/// OpenGL render in each context, deleted when the context is detached.
pub fn program() -> GlProgram {
    GlProgram::new(SOURCE, &["source"])
}

/// Renders on OpenGL textures.
///
/// # Errors
/// A GPU render failure (the host renders on the CPU instead) for images
/// other than RGBA, which hosts do not hand over as textures, or the
/// failures of [`GlProgram::draw`].
pub fn render(program: &GlProgram, gl: &OpenGl<'_>, source: &Clip, f: &Factors) -> Result<()> {
    let (src, out) = (gl.input(source)?, gl.output()?);
    let s = src.layout();
    if s.components != PixelComponents::Rgba || out.layout().components != PixelComponents::Rgba {
        return Err(Error::with_message(
            ErrorKind::GpuRenderFailed,
            "Gain renders RGBA textures only",
        ));
    }
    let mode = if f.is_identity(s.components) {
        0
    } else if f.premultiplied {
        2
    } else {
        1
    };
    let white = match s.depth {
        BitDepth::U8 => 255.0,
        BitDepth::U16 => 65535.0,
        BitDepth::F16 | BitDepth::F32 => 0.0,
    };
    let uniforms = [
        ("k", Uniform::Vec4(f.rgba)),
        ("white", Uniform::Float(white)),
        ("mode", Uniform::Int(mode)),
    ];
    program.draw(gl, &out, &[("source", &src)], &uniforms)
}
