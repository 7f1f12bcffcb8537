//! The output image has no read-only view of the whole buffer: other
//! windows of it may be rendered at the same time.
use ofx_plugin::prelude::*;

fn render(r: &Render<'_>) -> Result<()> {
    let out = r.output()?;
    let whole = out.view::<Rgba<f32>>()?;
    let _ = whole.pixel(0, 0);
    Ok(())
}

fn main() {}
