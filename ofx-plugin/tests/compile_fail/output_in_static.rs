//! The output image is put in a static, to be written after the render.
use std::sync::Mutex;

use ofx_plugin::prelude::*;

static LATER: Mutex<Option<OutputImage<'static>>> = Mutex::new(None);

fn render(r: &Render<'_>) -> Result<()> {
    let out = r.output()?;
    *LATER.lock().unwrap() = Some(out);
    Ok(())
}

fn main() {}
