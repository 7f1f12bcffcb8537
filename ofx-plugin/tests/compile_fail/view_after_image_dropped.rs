//! A view used after its image was released.
use ofx_plugin::prelude::*;

fn render(r: &Render<'_>, source: &Clip) -> Result<()> {
    let src = r.input(source)?;
    let view = src.view::<Rgba<f32>>()?;
    drop(src);
    let _ = view.pixel(0, 0);
    Ok(())
}

fn main() {}
