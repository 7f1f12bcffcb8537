//! The host's command queue kept for a later render.
use ofx_plugin::gpu::{Backend, ClCommandQueue};
use ofx_plugin::prelude::*;

struct Effect {
    queue: std::cell::Cell<Option<ClCommandQueue<'static>>>,
}

impl Effect {
    fn render(&self, r: &Render<'_>) -> Result<()> {
        if let Backend::OpenClBuffers(cl) = r.backend()? {
            self.queue.set(Some(cl.queue()));
        }
        Ok(())
    }
}

fn main() {}
