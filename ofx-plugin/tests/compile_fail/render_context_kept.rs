//! The render context kept for later, to fetch images after the render.
use std::sync::Mutex;

use ofx_plugin::prelude::*;

static CONTEXT: Mutex<Option<&'static Render<'static>>> = Mutex::new(None);

fn render(r: &Render<'_>) -> Result<()> {
    *CONTEXT.lock().unwrap() = Some(r);
    Ok(())
}

fn main() {}
