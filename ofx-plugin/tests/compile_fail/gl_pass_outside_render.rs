//! The OpenGL backend kept to draw a shader pass later, outside the render
//! (when no context is current and the output texture is gone).
use ofx_plugin::gpu::{Backend, OpenGl};
use ofx_plugin::prelude::*;

fn render(r: &Render<'_>, kept: &mut Option<OpenGl<'static>>) -> Result<()> {
    if let Backend::OpenGl(gl) = r.backend()? {
        *kept = Some(gl);
    }
    Ok(())
}

fn main() {}
