//! Invert: the tutorial plugin, and the shortest complete OpenFX effect the
//! framework allows.
//!
//! It turns each colour component `c` into `1 - c` (white is 1.0 at every
//! depth) and keeps alpha. A single-channel Alpha image is a matte, and is
//! inverted itself. It accepts every depth and component type, renders
//! tiles, and may run on any number of threads at once.
//!
//! Walkthrough of the pieces:
//!
//! * the struct holds what each instance needs: its two clips;
//! * [`ImageEffect::describe`] says what the plugin can do;
//! * [`ImageEffect::describe_in_context`] defines the clips;
//! * [`ImageEffect::create_instance`] fetches the clips once per instance;
//! * [`ImageEffect::render`] fetches both images and fills the render window.
//!   [`for_each_pixel_type!`] writes the loop once for every pixel type the
//!   host may send, and the views take care of bounds, row bytes and the
//!   parts of the window the source does not cover (transparent black).
//!
//! `#[derive(Plugin)]` names the plugin and `bundle!` exports it: no
//! `unsafe` anywhere.
#![forbid(unsafe_code)]

use ofx_plugin::for_each_pixel_type;
use ofx_plugin::prelude::*;
use rayon::prelude::*;

/// The Invert effect: an instance holds its source and output clips.
#[derive(Plugin)]
#[ofx(
    id = "org.ofx-rs.examples.Invert",
    version = "1.0",
    label = "Invert",
    group = "Color"
)]
pub struct Invert {
    source: Clip,
    output: Clip,
}

impl ImageEffect for Invert {
    fn describe(d: &mut EffectDescriptor) -> Result<()> {
        d.supported_contexts(&[Context::Filter, Context::General])?
            .supported_pixel_depths(&[BitDepth::U8, BitDepth::U16, BitDepth::F32])?
            .render_thread_safety(RenderThreadSafety::FullySafe)?
            .supports_tiles(true)?;
        Ok(())
    }

    fn describe_in_context(d: &mut ContextDescriptor, _: Context) -> Result<()> {
        let all = PixelComponents::ALL;
        d.source_clip()?.supported_components(&all)?;
        d.output_clip()?.supported_components(&all)?;
        Ok(())
    }

    fn create_instance(i: &InstanceContext) -> Result<Self> {
        Ok(Invert {
            source: i.source_clip()?,
            output: i.output_clip()?,
        })
    }

    fn render(&self, _: &InstanceContext, args: &RenderArgs) -> Result<()> {
        let src = self.source.image(args.time)?;
        let mut dst = self.output.image(args.time)?;
        let window = args.render_window;
        for_each_pixel_type!(dst.depth(), dst.components(), |P| {
            let s = src.view::<P>()?;
            let mut d = dst.view_mut::<P>(window)?;
            d.par_rows_mut(window).for_each(|(y, row)| {
                for (x, px) in row {
                    let mut p = s.pixel(x, y).copied().unwrap_or_default().to_f32();
                    for (i, c) in p.channels_mut().iter_mut().enumerate() {
                        // Keep alpha, unless alpha is all there is.
                        if P::ALPHA != Some(i) || P::COUNT == 1 {
                            *c = 1.0 - *c;
                        }
                    }
                    *px = P::from_f32(p);
                }
            });
        })
    }
}

ofx_plugin::bundle!(Invert);
