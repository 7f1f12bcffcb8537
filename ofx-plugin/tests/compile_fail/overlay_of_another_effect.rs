//! An effect registering an overlay written for another effect.
use ofx_plugin::prelude::*;

macro_rules! effect {
    ($t:ident) => {
        struct $t;
        impl ImageEffect for $t {
            fn describe(_: &mut EffectDescriptor) -> Result<()> { Ok(()) }
            fn describe_in_context(_: &mut ContextDescriptor, _: Context) -> Result<()> { Ok(()) }
            fn create_instance(_: &InstanceContext) -> Result<Self> { Ok($t) }
            fn render(&self, _: &Render<'_>) -> Result<()> { Ok(()) }
        }
    };
}
effect!(Blur);

struct BlurOverlay;
impl Interact for BlurOverlay {
    type Effect = Blur;
    fn create(_: &InteractContext<'_, Blur>) -> Result<Self> { Ok(BlurOverlay) }
    fn draw(&mut self, _: &InteractContext<'_, Blur>, _: &DrawArgs, _: &mut DrawContext<'_>) -> Result<()> { Ok(()) }
}

#[derive(Plugin)]
#[ofx(id = "org.test.Move", overlay = BlurOverlay)]
struct Move;
impl ImageEffect for Move {
    fn describe(_: &mut EffectDescriptor) -> Result<()> { Ok(()) }
    fn describe_in_context(_: &mut ContextDescriptor, _: Context) -> Result<()> { Ok(()) }
    fn create_instance(_: &InstanceContext) -> Result<Self> { Ok(Move) }
    fn render(&self, _: &Render<'_>) -> Result<()> { Ok(()) }
}
ofx_plugin::plugin!(Blur, id = "org.test.Blur", version = "1.0");

fn main() {}
