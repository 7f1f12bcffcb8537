//! `plugin!` takes the version as `#[ofx(version = ...)]` does, and checks
//! it while compiling.
use ofx_plugin::prelude::*;

struct Nothing;

impl ImageEffect for Nothing {
    fn describe(_: &mut EffectDescriptor) -> Result<()> {
        Ok(())
    }
    fn describe_in_context(_: &mut ContextDescriptor, _: Context) -> Result<()> {
        Ok(())
    }
    fn create_instance(_: &InstanceContext) -> Result<Self> {
        Ok(Nothing)
    }
    fn render(&self, _: &Render<'_>) -> Result<()> {
        Ok(())
    }
}

ofx_plugin::plugin!(Nothing, id = "org.example.Nothing", version = "1.x");

fn main() {}
