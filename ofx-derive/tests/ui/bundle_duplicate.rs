use ofx_plugin::{
    Context, ContextDescriptor, EffectDescriptor, ImageEffect, InstanceContext, Plugin,
    Render, Result,
};

macro_rules! effect {
    ($ty:ident) => {
        impl ImageEffect for $ty {
            fn describe(_d: &mut EffectDescriptor) -> Result<()> {
                Ok(())
            }
            fn describe_in_context(_d: &mut ContextDescriptor, _c: Context) -> Result<()> {
                Ok(())
            }
            fn create_instance(_i: &InstanceContext) -> Result<Self> {
                Ok($ty)
            }
            fn render(&self, _: &Render<'_>) -> Result<()> {
                Ok(())
            }
        }
    };
}

#[derive(Plugin)]
#[ofx(id = "org.example.Gain", version = "1.0")]
struct Gain;
effect!(Gain);

// Same identifier and major version: a host could load only one of the two.
#[derive(Plugin)]
#[ofx(id = "org.example.Gain", version = "1.4")]
struct GainCopy;
effect!(GainCopy);

// A new major version of the same identifier is a different plugin: accepted.
#[derive(Plugin)]
#[ofx(id = "org.example.Gain", version = "2.0")]
struct Gain2;
effect!(Gain2);

ofx_plugin::bundle!(Gain, Gain2, GainCopy);

fn main() {}
