//! An overlay keeping its draw context past the draw action.
use ofx_plugin::prelude::*;

struct Fx;
impl ImageEffect for Fx {
    fn describe(_: &mut EffectDescriptor) -> Result<()> { Ok(()) }
    fn describe_in_context(_: &mut ContextDescriptor, _: Context) -> Result<()> { Ok(()) }
    fn create_instance(_: &InstanceContext) -> Result<Self> { Ok(Fx) }
    fn render(&self, _: &Render<'_>) -> Result<()> { Ok(()) }
}
ofx_plugin::plugin!(Fx, id = "org.test.Fx", version = "1.0");

struct Keeper {
    kept: Option<&'static mut DrawContext<'static>>,
}

impl Interact for Keeper {
    type Effect = Fx;
    fn create(_: &InteractContext<'_, Fx>) -> Result<Self> {
        Ok(Keeper { kept: None })
    }
    fn draw(&mut self, _: &InteractContext<'_, Fx>, _: &DrawArgs, dc: &mut DrawContext<'_>) -> Result<()> {
        self.kept = Some(dc);
        Ok(())
    }
}

fn main() {}
