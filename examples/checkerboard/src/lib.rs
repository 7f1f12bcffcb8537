//! Checkerboard: a generator that fills the whole image plane with squares
//! of two colours.
//!
//! # Parameters
//!
//! | name | type | default | meaning |
//! |---|---|---|---|
//! | `size` | double | 64 | the side of a square, in canonical pixels |
//! | `color1` | RGBA | (0.8, 0.8, 0.8, 1) | the square whose corner is the origin, and every other one |
//! | `color2` | RGBA | (0.2, 0.2, 0.2, 1) | the remaining squares |
//!
//! # Geometry
//!
//! The pattern is defined on the canonical plane, so it looks the same at
//! every render scale and pixel aspect ratio: pixel `(x, y)` of a render at
//! scale `s` and pixel aspect ratio `par` has its centre at canonical
//! `((x + 0.5) * par / s.x, (y + 0.5) / s.y)`, and takes `color1` when
//! `floor(cx / size) + floor(cy / size)` is even, `color2` otherwise.
//!
//! The region of definition is infinite: the effect can fill any window of
//! the plane it is asked for, including negative coordinates, and leaves it
//! to the host to clip the plane to its project. RGBA, RGB (the colours'
//! alpha is dropped) and Alpha (only the alpha is kept) outputs are
//! supported, at every integer and float depth.
#![forbid(unsafe_code)]

use ofx_plugin::param::{DoubleParam, RgbaParam};
use ofx_plugin::prelude::*;

/// The parameters of [`Checkerboard`] (definition, fetch and snapshot
/// derived).
#[derive(Params)]
pub struct CheckerboardParams {
    /// The side of a square in canonical pixels.
    #[param(label = "Square size", hint = "The side of each square, in canonical pixels",
            default = 64.0, range = 1.0..=1.0e5, display = 4.0..=256.0)]
    pub size: DoubleParam,
    /// The colour of the square at the origin and of every other square.
    #[param(label = "Colour 1", hint = "The square at the origin, and every other one",
            default = (0.8, 0.8, 0.8, 1.0))]
    pub color1: RgbaParam,
    /// The colour of the remaining squares.
    #[param(label = "Colour 2", hint = "The remaining squares", default = (0.2, 0.2, 0.2, 1.0))]
    pub color2: RgbaParam,
}

/// The Checkerboard generator.
#[derive(Plugin)]
#[ofx(
    id = "org.ofx-rs.examples.Checkerboard",
    version = "1.0",
    label = "Checkerboard",
    group = "Generate"
)]
pub struct Checkerboard {
    params: CheckerboardParams,
}

impl ImageEffect for Checkerboard {
    fn describe(d: &mut EffectDescriptor) -> Result<()> {
        d.description("Fills the plane with squares of two colours")?
            .supported_contexts(&[Context::Generator])?
            .supported_pixel_depths(&[BitDepth::U8, BitDepth::U16, BitDepth::F32])?
            .render_thread_safety(RenderThreadSafety::FullySafe)?
            .supports_tiles(true)?
            .supports_multi_resolution(true)?;
        Ok(())
    }

    fn describe_in_context(d: &mut ContextDescriptor, _: Context) -> Result<()> {
        d.output_clip()?.supported_components(&[
            PixelComponents::Rgba,
            PixelComponents::Rgb,
            PixelComponents::Alpha,
        ])?;
        CheckerboardParams::define(d)
    }

    fn create_instance(i: &InstanceContext) -> Result<Self> {
        Ok(Checkerboard {
            params: CheckerboardParams::fetch(i)?,
        })
    }

    fn region_of_definition(
        &self,
        _: &InstanceContext,
        _: &RegionOfDefinitionArgs,
    ) -> Result<Option<RectD>> {
        // The pattern goes on for ever; the host clips it to its project.
        Ok(Some(RectD::INFINITE))
    }

    fn render(&self, r: &Render<'_>) -> Result<()> {
        let v = self.params.values_at(r.time())?;
        let size = v.size;
        if size.is_nan() || size <= 0.0 {
            return Err(Error::value(format!(
                "the square size must be positive, not {size}"
            )));
        }
        let colours = [v.color1, v.color2];
        let mut out = r.output()?;
        let par = out.pixel_aspect_ratio()?;
        let window = out.window();
        // Which column of squares each x of the window falls in (its parity).
        let scale = r.render_scale();
        let odd_columns: Vec<bool> = (window.x1..window.x2)
            .map(|x| odd_square(x, par / scale.x, size))
            .collect();
        ofx_plugin::for_each_pixel_type!(out.depth(), out.components(), |P| {
            let pixels = colours.map(pixel_of::<P>);
            out.view_mut::<P>()?.par_rows(|row| {
                let odd_row = odd_square(row.y(), 1.0 / scale.y, size);
                for (px, &odd_column) in row.iter_mut().zip(&odd_columns) {
                    *px = pixels[usize::from(odd_row != odd_column)];
                }
            });
        })
    }
}

/// Whether pixel column (or row) `pixel`, whose width is
/// `canonical_per_pixel` canonical units, has its centre in an odd-numbered
/// column (or row) of squares of side `size`. Squares are numbered from the
/// origin, negative ones included (`floor`), so the pattern continues across
/// it.
pub fn odd_square(pixel: i32, canonical_per_pixel: f64, size: f64) -> bool {
    let square = ((f64::from(pixel) + 0.5) * canonical_per_pixel / size).floor() as i64;
    square & 1 == 1
}

/// The pixel of type `P` holding an RGBA colour's components that `P` has.
fn pixel_of<P: Pixel>(rgba: [f64; 4]) -> P {
    let rgba = rgba.map(|c| c as f32);
    let wanted = match P::COMPONENTS {
        PixelComponents::Rgba => &rgba[..],
        PixelComponents::Rgb => &rgba[..3],
        PixelComponents::Alpha => &rgba[3..],
    };
    let mut p = <P::F32 as Default>::default();
    p.channels_mut().copy_from_slice(wanted);
    P::from_f32(p)
}

ofx_plugin::bundle!(Checkerboard);

#[cfg(test)]
mod tests {
    use super::odd_square;

    #[test]
    fn squares_are_counted_from_the_origin_in_canonical_units() {
        // Size 4 at scale 1: pixels 0..4 even, 4..8 odd, -4..0 odd.
        let at_1: Vec<bool> = (-5..9).map(|x| odd_square(x, 1.0, 4.0)).collect();
        let mut want = vec![false];
        want.extend([true; 4]);
        want.extend([false; 4]);
        want.extend([true; 4]);
        want.push(false);
        assert_eq!(at_1, want);
        // At scale 0.5 a pixel is two canonical units: a square is 2 pixels wide.
        let at_half: Vec<bool> = (0..6).map(|x| odd_square(x, 2.0, 4.0)).collect();
        assert_eq!(at_half, [false, false, true, true, false, false]);
        // Far from the origin the pattern goes on.
        assert!(odd_square(-1_000_001, 1.0, 2.0));
        assert!(!odd_square(-1_000_003, 1.0, 2.0));
    }
}
