//! An input image handed to a thread that may outlive the render.
use ofx_plugin::prelude::*;

fn render(r: &Render<'_>, source: &Clip) -> Result<()> {
    let src = r.input(source)?;
    std::thread::spawn(move || {
        let _ = src.bounds();
    });
    Ok(())
}

fn main() {}
