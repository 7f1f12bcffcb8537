//! Frame Average: a temporal effect, the mean of `N` frames of its source
//! around the current one.
//!
//! # Which frames
//!
//! With `frames = N`, the frames averaged for time `t` are `t + k` for
//! `k` from `-floor((N - 1) / 2)` to `N - 1 - floor((N - 1) / 2)`: for
//! `N = 3` the previous, current and next frame, for `N = 4` one before and
//! two after. Frames outside the source clip's frame range are left out, so
//! near the ends of the clip fewer frames are averaged. The effect declares
//! temporal clip access, and answers the frames-needed action with exactly
//! that range, so a host can prepare the frames before rendering.
//!
//! # What it computes
//!
//! For each pixel, the frames' components are converted to normalised
//! `f32`, summed in frame order, and divided by the number of frames.
//! Integer results are clamped and rounded to nearest. Where a frame does
//! not cover a pixel of the render window it counts as transparent black.
//! With a single frame the effect is an identity of its source, and says so.
#![forbid(unsafe_code)]

use ofx_plugin::param::{IntParam, ParamValue};
use ofx_plugin::pixel::convert;
use ofx_plugin::prelude::*;

/// The largest number of frames the `frames` parameter allows.
pub const MAX_FRAMES: i32 = 99;

/// The Frame Average effect.
#[derive(Plugin)]
#[ofx(
    id = "org.ofx-rs.examples.FrameAverage",
    version = "1.0",
    label = "Frame Average",
    group = "Time"
)]
pub struct FrameAverage {
    source: Clip,
    frames: IntParam,
}

/// The offsets from the current frame averaged for `n` frames, in order.
pub fn offsets(n: i32) -> std::ops::RangeInclusive<i32> {
    let n = n.clamp(1, MAX_FRAMES);
    let back = (n - 1) / 2;
    -back..=(n - 1 - back)
}

impl FrameAverage {
    /// The times averaged at `time`: the offsets that land inside the
    /// source clip's frame range.
    pub fn frames_at(&self, time: f64) -> Result<Vec<f64>> {
        let n = self.frames.value_at(time)?;
        let [first, last] = self.source.frame_range()?;
        let times: Vec<f64> = offsets(n)
            .map(|k| time + f64::from(k))
            .filter(|t| (first..=last).contains(t))
            .collect();
        // The current frame is always averaged, even outside the clip's range
        // (then the host decides what the clip holds there).
        Ok(if times.is_empty() { vec![time] } else { times })
    }
}

impl ImageEffect for FrameAverage {
    fn describe(d: &mut EffectDescriptor) -> Result<()> {
        d.description("Averages N frames of the source around the current one")?
            .supported_contexts(&[Context::Filter, Context::General])?
            .supported_pixel_depths(&[BitDepth::U8, BitDepth::U16, BitDepth::F32])?
            .render_thread_safety(RenderThreadSafety::FullySafe)?
            .supports_tiles(true)?
            .supports_multi_resolution(true)?
            .temporal_clip_access(true)?;
        Ok(())
    }

    fn describe_in_context(d: &mut ContextDescriptor, _: Context) -> Result<()> {
        let all = PixelComponents::ALL;
        d.source_clip()?
            .supported_components(&all)?
            .temporal_clip_access(true)?;
        d.output_clip()?.supported_components(&all)?;
        d.params()
            .define_int("frames")?
            .label("Frames")
            .hint("How many frames around the current one are averaged")
            .default(3)
            .range(1, MAX_FRAMES);
        Ok(())
    }

    fn create_instance(i: &InstanceContext) -> Result<Self> {
        Ok(FrameAverage {
            source: i.source_clip()?,
            frames: i.param("frames")?,
        })
    }

    fn frames_needed(
        &self,
        _: &InstanceContext,
        args: &FramesNeededArgs,
        frames: &mut FramesNeededSetter<'_>,
    ) -> Result<Trapped> {
        let times = self.frames_at(args.time)?;
        let range = [times[0], times[times.len() - 1]];
        frames.set(&self.source, &[range])?;
        Ok(Trapped::Yes)
    }

    fn is_identity(&self, _: &InstanceContext, args: &IsIdentityArgs) -> Result<Identity> {
        Ok(if self.frames_at(args.time)? == [args.time] {
            Identity::Clip {
                name: self.source.name().to_owned(),
                time: args.time,
            }
        } else {
            Identity::No
        })
    }

    fn render(&self, r: &Render<'_>) -> Result<()> {
        let times = self.frames_at(r.time())?;
        let images = times
            .iter()
            .map(|&t| r.input_at(&self.source, t))
            .collect::<Result<Vec<_>>>()?;
        let mut out = r.output()?;
        // The views check that every frame has the output's pixel type.
        ofx_plugin::for_each_pixel_type!(out.depth(), out.components(), |P| {
            let views = images
                .iter()
                .map(|i| i.view::<P>())
                .collect::<Result<Vec<_>>>()?;
            out.view_mut::<P>()?
                .par_rows(|row| average_row(&views, row.y(), row.x1(), row));
        })
    }
}

/// How many pixels are averaged at a time: the `f32` buffers stay in the
/// L1 cache.
const CHUNK: usize = 256;

/// Averages row `y` of every view into `out`, whose first pixel is at `x1`.
fn average_row<P: Pixel>(views: &[ImageView<'_, P>], y: i32, x1: i32, out: &mut [P]) {
    let zero = <P::F32 as Default>::default();
    let mut sum = [zero; CHUNK];
    let mut frame = [zero; CHUNK];
    let n = views.len() as f32;
    for (i, out) in out.chunks_mut(CHUNK).enumerate() {
        let len = out.len();
        let x = x1 + (i * CHUNK) as i32;
        let (sum, frame) = (&mut sum[..len], &mut frame[..len]);
        sum.fill(zero);
        for view in views {
            frame.fill(zero);
            row_f32(view, y, x, frame);
            for (s, f) in sum.iter_mut().zip(frame.iter()) {
                for (c, d) in s.channels_mut().iter_mut().zip(f.channels()) {
                    *c += *d;
                }
            }
        }
        for s in sum.iter_mut() {
            for c in s.channels_mut() {
                *c /= n;
            }
        }
        convert::pixels_from_f32(sum, out);
    }
}

/// Converts the pixels of row `y` of `src` from column `x1` on into `out`
/// as normalised `f32`, leaving the pixels `src` does not cover as they are.
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

ofx_plugin::bundle!(FrameAverage);

#[cfg(test)]
mod tests {
    use super::offsets;

    #[test]
    fn offsets_are_centred_with_the_extra_frame_after() {
        assert_eq!(offsets(1), 0..=0);
        assert_eq!(offsets(3), -1..=1);
        assert_eq!(offsets(4), -1..=2);
        assert_eq!(offsets(0), 0..=0);
        assert_eq!(offsets(1000).count(), super::MAX_FRAMES as usize);
    }
}

#[cfg(test)]
mod row_tests {
    use super::*;

    #[test]
    fn averages_frames_in_order_with_uncovered_pixels_black() {
        let f0: Vec<Alpha<f32>> = (0..300).map(|i| Alpha::new(i as f32 * 0.01)).collect();
        let f1: Vec<Alpha<f32>> = (0..300)
            .map(|i| Alpha::new(1.0 - i as f32 * 0.003))
            .collect();
        let f2: Vec<Alpha<f32>> = vec![Alpha::new(0.7); 10];
        let views = [
            ImageView::from_slice(&f0, RectI::new(0, 0, 300, 1), 300).unwrap(),
            ImageView::from_slice(&f1, RectI::new(0, 0, 300, 1), 300).unwrap(),
            // Only covers x in [295, 305).
            ImageView::from_slice(&f2, RectI::new(295, 0, 305, 1), 10).unwrap(),
        ];
        let mut out = vec![Alpha::<f32>::default(); 300];
        average_row(&views, 0, 0, &mut out);
        for x in 0..300usize {
            let third = if x >= 295 { 0.7 } else { 0.0 };
            let want = (f0[x].a + f1[x].a + third) / 3.0;
            assert_eq!(out[x].a, want, "x = {x}");
        }
    }
}
