//! A row handed to a parallel closure is kept after the call.
use std::sync::Mutex;

use ofx_plugin::prelude::*;

fn render(r: &Render<'_>) -> Result<()> {
    let mut out = r.output()?;
    let kept: Mutex<Vec<&mut [Rgba<f32>]>> = Mutex::new(Vec::new());
    out.view_mut::<Rgba<f32>>()?.par_rows(|row| {
        kept.lock().unwrap().push(&mut row[..]);
    });
    Ok(())
}

fn main() {}
