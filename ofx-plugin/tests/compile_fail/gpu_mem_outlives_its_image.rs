//! A `cl_mem` kept after the device image it came from is released.
use ofx_plugin::gpu::{Backend, ClMem};
use ofx_plugin::prelude::*;

fn render<'r>(source: &Clip, r: &'r Render<'_>, kept: &mut Option<ClMem<'r>>) -> Result<()> {
    if let Backend::OpenClBuffers(cl) = r.backend()? {
        let image = cl.input(source)?;
        *kept = Some(image.mem());
    }
    Ok(())
}

fn main() {}
