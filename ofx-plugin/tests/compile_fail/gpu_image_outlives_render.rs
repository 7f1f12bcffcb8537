//! A device image kept past the render that fetched it.
use ofx_plugin::gpu::{Backend, ClBuffer, DeviceImage};
use ofx_plugin::prelude::*;

fn render(source: &Clip, r: &Render<'_>, kept: &mut Vec<DeviceImage<'static, ClBuffer>>) -> Result<()> {
    if let Backend::OpenClBuffers(cl) = r.backend()? {
        kept.push(cl.input(source)?);
    }
    Ok(())
}

fn main() {}
