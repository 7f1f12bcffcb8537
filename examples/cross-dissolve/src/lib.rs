//! Cross Dissolve: a transition that blends from the `SourceFrom` clip to
//! the `SourceTo` clip.
//!
//! In the transition context the host supplies two input clips,
//! `SourceFrom` and `SourceTo`, and drives the mandated double parameter
//! `Transition` from 0 (all `SourceFrom`) to 1 (all `SourceTo`). The effect
//! defines that parameter, as the context requires, and reads it at the
//! render time.
//!
//! Each component is blended in normalised `f32`:
//! `out = from * (1 - t) + to * t`, with `t` the transition value rounded to
//! `f32`. Integer results are clamped and rounded to nearest. Where an input
//! does not cover a pixel of the render window, it counts as transparent
//! black there.
//!
//! At `t = 0` the effect is an identity of `SourceFrom`, at `t = 1` of
//! `SourceTo`, and it says so, so a host may skip the render.
#![forbid(unsafe_code)]

use ofx_plugin::param::{DoubleParam, ParamValue};
use ofx_plugin::pixel::convert;
use ofx_plugin::prelude::*;

/// The name of the clip the transition starts from.
pub const FROM: &str = "SourceFrom";
/// The name of the clip the transition ends on.
pub const TO: &str = "SourceTo";
/// The name of the transition parameter the context mandates.
pub const TRANSITION: &str = "Transition";

/// The Cross Dissolve transition.
#[derive(Plugin)]
#[ofx(
    id = "org.ofx-rs.examples.CrossDissolve",
    version = "1.0",
    label = "Cross Dissolve",
    group = "Transition"
)]
pub struct CrossDissolve {
    from: Clip,
    to: Clip,
    transition: DoubleParam,
}

impl ImageEffect for CrossDissolve {
    fn describe(d: &mut EffectDescriptor) -> Result<()> {
        d.description("Dissolves from one clip to another")?
            .supported_contexts(&[Context::Transition])?
            .supported_pixel_depths(&[BitDepth::U8, BitDepth::U16, BitDepth::F32])?
            .render_thread_safety(RenderThreadSafety::FullySafe)?
            .supports_tiles(true)?
            .supports_multi_resolution(true)?;
        Ok(())
    }

    fn describe_in_context(d: &mut ContextDescriptor, _: Context) -> Result<()> {
        let all = PixelComponents::ALL;
        for name in [FROM, TO] {
            d.define_clip(name)?.supported_components(&all)?;
        }
        d.output_clip()?.supported_components(&all)?;
        // The host animates this one itself; defining it is the plugin's part.
        d.params()
            .define_double(TRANSITION)?
            .label("Transition")
            .default(0.0)
            .range(0.0, 1.0)
            .display_range(0.0, 1.0);
        Ok(())
    }

    fn create_instance(i: &InstanceContext) -> Result<Self> {
        Ok(CrossDissolve {
            from: i.clip(FROM)?,
            to: i.clip(TO)?,
            transition: i.param(TRANSITION)?,
        })
    }

    fn is_identity(&self, _: &InstanceContext, args: &IsIdentityArgs) -> Result<Identity> {
        let t = self.transition.value_at(args.time)? as f32;
        let clip = match t {
            0.0 => &self.from,
            1.0 => &self.to,
            _ => return Ok(Identity::No),
        };
        Ok(Identity::Clip {
            name: clip.name().to_owned(),
            time: args.time,
        })
    }

    fn render(&self, r: &Render<'_>) -> Result<()> {
        let t = self.transition.value_at(r.time())? as f32;
        let from = r.input(&self.from)?;
        let to = r.input(&self.to)?;
        let mut out = r.output()?;
        // The views check that both inputs have the output's pixel type.
        ofx_plugin::for_each_pixel_type!(out.depth(), out.components(), |P| {
            let (a, b) = (from.view::<P>()?, to.view::<P>()?);
            out.view_mut::<P>()?
                .par_rows(|row| blend_row(&a, &b, row.y(), row.x1(), row, t));
        })
    }
}

/// How many pixels are blended at a time: the `f32` buffers stay in the L1
/// cache.
const CHUNK: usize = 256;

/// Blends row `y` of `a` and `b` into `out`, whose first pixel is at `x1`.
fn blend_row<P: Pixel>(
    a: &ImageView<'_, P>,
    b: &ImageView<'_, P>,
    y: i32,
    x1: i32,
    out: &mut [P],
    t: f32,
) {
    let zero = <P::F32 as Default>::default();
    let mut fa = [zero; CHUNK];
    let mut fb = [zero; CHUNK];
    for (i, out) in out.chunks_mut(CHUNK).enumerate() {
        let n = out.len();
        let x = x1 + (i * CHUNK) as i32;
        let (fa, fb) = (&mut fa[..n], &mut fb[..n]);
        fa.fill(zero);
        fb.fill(zero);
        row_f32(a, y, x, fa);
        row_f32(b, y, x, fb);
        for (p, q) in fa.iter_mut().zip(fb.iter()) {
            for (c, d) in p.channels_mut().iter_mut().zip(q.channels()) {
                *c = *c * (1.0 - t) + *d * t;
            }
        }
        convert::pixels_from_f32(fa, out);
    }
}

/// Converts the pixels of row `y` of `src` from column `x1` on into `out`
/// as normalised `f32`, leaving the pixels `src` does not cover as they are
/// (transparent black).
fn row_f32<P: Pixel>(src: &ImageView<'_, P>, y: i32, x1: i32, out: &mut [P::F32]) {
    let Some(row) = src.row(y) else { return };
    let sx1 = i64::from(src.bounds().x1);
    let dx1 = i64::from(x1);
    let lo = dx1.max(sx1);
    let hi = (dx1 + out.len() as i64).min(sx1 + row.len() as i64);
    if lo < hi {
        convert::pixels_to_f32(
            &row[(lo - sx1) as usize..(hi - sx1) as usize],
            &mut out[(lo - dx1) as usize..(hi - dx1) as usize],
        );
    }
}

ofx_plugin::bundle!(CrossDissolve);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blends_each_component_and_treats_uncovered_pixels_as_black() {
        // `a` covers x in [0, 4), `b` covers x in [2, 6); the row spans [0, 6).
        let a_px: Vec<Rgb<u8>> = (0..4).map(|i| Rgb::new(40 * i, 255, 0)).collect();
        let b_px: Vec<Rgb<u8>> = (0..4).map(|i| Rgb::new(0, 10 * i, 200)).collect();
        let a = ImageView::from_slice(&a_px, RectI::new(0, 0, 4, 1), 4).unwrap();
        let b = ImageView::from_slice(&b_px, RectI::new(2, 0, 6, 1), 4).unwrap();
        let mut out = vec![Rgb::<u8>::default(); 6];
        let t = 0.25f32;
        blend_row(&a, &b, 0, 0, &mut out, t);
        let mix = |p: u8, q: u8| {
            let v = f32::from(p) / 255.0 * (1.0 - t) + f32::from(q) / 255.0 * t;
            (v.clamp(0.0, 1.0) * 255.0 + 0.5) as u8
        };
        for x in 0..6usize {
            let p = if x < 4 { a_px[x] } else { Rgb::default() };
            let q = if x >= 2 { b_px[x - 2] } else { Rgb::default() };
            assert_eq!(
                out[x],
                Rgb::new(mix(p.r, q.r), mix(p.g, q.g), mix(p.b, q.b)),
                "x = {x}"
            );
        }
    }
}
