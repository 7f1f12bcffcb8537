//! A view of an input handed to a thread that may outlive the image.
use ofx_plugin::prelude::*;

fn render(r: &Render<'_>, source: &Clip) -> Result<()> {
    let src = r.input(source)?;
    let view = src.view::<Rgba<f32>>()?;
    std::thread::spawn(move || {
        let _ = view.pixel(0, 0);
    });
    Ok(())
}

fn main() {}
