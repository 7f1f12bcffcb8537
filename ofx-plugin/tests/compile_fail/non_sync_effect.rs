//! Hosts render one instance on several threads at once: an effect must be
//! `Sync`, so unsynchronised interior mutability is refused.
use std::cell::Cell;

use ofx_plugin::prelude::*;

struct Counter {
    renders: Cell<u32>,
}

impl ImageEffect for Counter {
    fn describe(_: &mut EffectDescriptor) -> Result<()> {
        Ok(())
    }
    fn describe_in_context(_: &mut ContextDescriptor, _: Context) -> Result<()> {
        Ok(())
    }
    fn create_instance(_: &InstanceContext) -> Result<Self> {
        Ok(Counter {
            renders: Cell::new(0),
        })
    }
    fn render(&self, _: &Render<'_>) -> Result<()> {
        self.renders.set(self.renders.get() + 1);
        Ok(())
    }
}

fn main() {}
