//! An OpenGL texture kept past the render that loaded it (the host frees
//! or reuses the texture once the action returns).
use ofx_plugin::gpu::{Backend, Texture};
use ofx_plugin::prelude::*;

fn render(source: &Clip, r: &Render<'_>, kept: &mut Vec<Texture<'static>>) -> Result<()> {
    if let Backend::OpenGl(gl) = r.backend()? {
        kept.push(gl.input(source)?);
    }
    Ok(())
}

fn main() {}
