//! Input images are the host's cache, shared with other nodes: they have no
//! writable view.
use ofx_plugin::prelude::*;

fn render(r: &Render<'_>, source: &Clip) -> Result<()> {
    let src = r.input(source)?;
    let mut view = src.view_mut::<Rgba<f32>>()?;
    view.fill(Rgba::default());
    Ok(())
}

fn main() {}
