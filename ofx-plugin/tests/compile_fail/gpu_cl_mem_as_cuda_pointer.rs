//! A `cl_mem` passed where a CUDA device pointer is expected.
use ofx_plugin::gpu::{Backend, CudaDevicePtr};
use ofx_plugin::prelude::*;

fn launch(_dst: CudaDevicePtr<'_>) {}

fn render(source: &Clip, r: &Render<'_>) -> Result<()> {
    if let Backend::OpenClBuffers(cl) = r.backend()? {
        let image = cl.input(source)?;
        launch(image.mem());
    }
    Ok(())
}

fn main() {}
