//! Two writable views of the output at once.
use ofx_plugin::prelude::*;

fn render(r: &Render<'_>) -> Result<()> {
    let mut out = r.output()?;
    let mut a = out.view_mut::<Rgba<f32>>()?;
    let mut b = out.view_mut::<Rgba<f32>>()?;
    a.fill(Rgba::new(1.0, 0.0, 0.0, 1.0));
    b.fill(Rgba::new(0.0, 1.0, 0.0, 1.0));
    Ok(())
}

fn main() {}
