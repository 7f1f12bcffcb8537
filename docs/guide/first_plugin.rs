use ofx_plugin::for_each_pixel_type;
use ofx_plugin::param::DoubleParam;
use ofx_plugin::prelude::*;

#[derive(Params)]
struct BrightnessParams {
    #[param(label = "Brightness", default = 1.0, range = 0.0..=10.0, display = 0.0..=2.0)]
    brightness: DoubleParam,
}

#[derive(Plugin)]
#[ofx(id = "com.example.Brightness", version = "1.0", label = "Brightness", group = "Color")]
struct Brightness { source: Clip, output: Clip, params: BrightnessParams }

impl ImageEffect for Brightness {
    fn describe(d: &mut EffectDescriptor) -> Result<()> {
        d.supported_contexts(&[Context::Filter])?
            .supported_pixel_depths(&[BitDepth::U8, BitDepth::U16, BitDepth::F32])?
            .render_thread_safety(RenderThreadSafety::FullySafe)?;
        Ok(())
    }
    fn describe_in_context(d: &mut ContextDescriptor, _: Context) -> Result<()> {
        d.source_clip()?.supported_components(&[PixelComponents::Rgba])?;
        d.output_clip()?.supported_components(&[PixelComponents::Rgba])?;
        BrightnessParams::define(d)
    }
    fn create_instance(i: &InstanceContext) -> Result<Self> {
        let (source, output) = (i.source_clip()?, i.output_clip()?);
        Ok(Brightness { source, output, params: BrightnessParams::fetch(i)? })
    }
    fn render(&self, _: &InstanceContext, args: &RenderArgs) -> Result<()> {
        let k = self.params.values_at(args.time)?.brightness as f32;
        let (src, mut dst) = (self.source.image(args.time)?, self.output.image(args.time)?);
        for_each_pixel_type!(dst.depth(), dst.components(), |P| {
            let s = src.view::<P>()?;
            for (y, row) in dst.view_mut::<P>(args.render_window)?.rows_mut() {
                for (x, px) in row {
                    let mut p = s.pixel(x, y).copied().unwrap_or_default().to_f32();
                    for (c, v) in p.channels_mut().iter_mut().enumerate() {
                        *v *= if P::ALPHA == Some(c) { 1.0 } else { k };
                    }
                    *px = P::from_f32(p);
                }
            }
        })
    }
}
ofx_plugin::bundle!(Brightness);
