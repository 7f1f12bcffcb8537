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
struct Brightness { source: Clip, params: BrightnessParams }

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
        Ok(Brightness { source: i.source_clip()?, params: BrightnessParams::fetch(i)? })
    }
    fn render(&self, r: &Render<'_>) -> Result<()> {
        let k = self.params.values_at(r.time())?.brightness as f32;
        let (src, mut out) = (r.input(&self.source)?, r.output()?);
        for_each_pixel_type!(out.depth(), out.components(), |P| {
            out.view_mut::<P>()?.par_rows_from(&src.view::<P>()?, |row, src| {
                for (o, i) in row.iter_mut().zip(src) {
                    *o = i.map_colour(|c| c.scaled(k));
                }
            });
        })
    }
}
ofx_plugin::bundle!(Brightness);
