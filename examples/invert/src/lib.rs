//! Invert: the tutorial plugin, and the shortest complete OpenFX effect the
//! framework allows.
//!
//! It turns each colour component `c` into `white - c` (`1 - c` in
//! normalised terms, `255 - c` for 8-bit pixels) and keeps alpha. A single-channel Alpha image is a matte, and is
//! inverted itself. It accepts every depth and component type, renders
//! tiles, and may run on any number of threads at once.
//!
//! Walkthrough of the pieces:
//!
//! * the struct holds what each instance needs: its source clip (the output
//!   is reached through the render context);
//! * [`ImageEffect::describe`] says what the plugin can do;
//! * [`ImageEffect::describe_in_context`] defines the clips;
//! * [`ImageEffect::create_instance`] fetches the clips once per instance;
//! * [`ImageEffect::render`] fetches the source image (read-only) and the
//!   output image (whose one writable view is the render window) through
//!   its [`Render`] context, which they cannot outlive.
//!   [`for_each_pixel_type!`] writes the loop once for every pixel type the
//!   host may send, and [`par_rows_from`](ofx_plugin::pixel::ImageViewMut::par_rows_from)
//!   walks the window's rows together with the source's, as slices, on the
//!   host's threads; it takes care of bounds, row bytes and the parts of
//!   the window the source does not cover (transparent black). Integer
//!   pixels are inverted in their own units (`255 - v`), with no trip
//!   through `f32`.
//!
//! `#[derive(Plugin)]` names the plugin and `bundle!` exports it: no
//! `unsafe` anywhere.
#![forbid(unsafe_code)]

use ofx_plugin::for_each_pixel_type;
use ofx_plugin::prelude::*;

/// The Invert effect: an instance holds its source clip.
#[derive(Plugin)]
#[ofx(
    id = "org.ofx-rs.examples.Invert",
    version = "1.0",
    label = "Invert",
    group = "Color"
)]
pub struct Invert {
    source: Clip,
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
        })
    }

    fn render(&self, r: &Render<'_>) -> Result<()> {
        let src = r.input(&self.source)?;
        let mut out = r.output()?;
        for_each_pixel_type!(out.depth(), out.components(), |P| {
            let s = src.view::<P>()?;
            out.view_mut::<P>()?.par_rows_from(&s, |row, src| {
                for (o, i) in row.iter_mut().zip(src) {
                    // Keep alpha, unless alpha is all there is (a matte).
                    *o = if P::COUNT == 1 {
                        i.map(Component::inverted)
                    } else {
                        i.map_colour(Component::inverted)
                    };
                }
            });
        })
    }
}

ofx_plugin::bundle!(Invert);
