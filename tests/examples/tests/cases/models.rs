//! Reference models of the examples, written the straightforward way from
//! each example's documented formula, one pixel at a time, sharing no code
//! with the plugins.

use example_tests::reference::{Depth, alpha_index, channels, white};
use ofx_host::image::Components;

/// Gain's settings.
#[derive(Clone, Copy, Debug)]
pub struct GainSettings {
    pub gain: f64,
    pub channel_gains: [f64; 4],
    pub apply_to_alpha: bool,
    pub premultiplied: bool,
}

impl GainSettings {
    /// The factor of each channel (red, green, blue, alpha): the product
    /// computed in f64, rounded to f32 once; alpha's is 1 unless it applies.
    pub fn factors(&self) -> [f32; 4] {
        let f = |i: usize| (self.gain * self.channel_gains[i]) as f32;
        [
            f(0),
            f(1),
            f(2),
            if self.apply_to_alpha { f(3) } else { 1.0 },
        ]
    }

    /// Whether the image passes unchanged (every factor it uses is 1).
    pub fn is_identity(&self, c: Components) -> bool {
        let k = self.factors();
        channels(c).iter().all(|&ch| k[ch] == 1.0)
    }
}

/// Gain on one pixel's components (memory order, normalised) of an image
/// of `depth`.
pub fn gain(s: &GainSettings, c: Components, depth: Depth, px: &[f32]) -> Vec<f32> {
    if s.is_identity(c) {
        return px.to_vec();
    }
    let k = s.factors();
    let ch = channels(c);
    if s.premultiplied && c == Components::Rgba {
        let a = px[3];
        let new_a = a * k[3];
        let mut out = vec![0.0; 4];
        for i in 0..3 {
            out[i] = if a > 0.0 {
                let straight = px[i] / a;
                straight * k[i] * new_a
            } else {
                px[i] * k[i]
            };
        }
        out[3] = new_a;
        out
    } else {
        // Integers are multiplied in their own units, clamped and rounded
        // half up; the level found is returned normalised (it stores back
        // exactly). Floats are multiplied as they are.
        px.iter()
            .zip(ch)
            .map(|(&v, &channel)| match white(depth) {
                Some(w) => {
                    let y = (v * w).round() * k[channel];
                    let y = if y.is_nan() { 0.0 } else { y.clamp(0.0, w) };
                    (y + 0.5).floor() / w
                }
                None => v * k[channel],
            })
            .collect()
    }
}

/// Invert on one pixel: every colour component becomes 1 - v; alpha is
/// kept, unless it is the only component.
pub fn invert(c: Components, px: &[f32]) -> Vec<f32> {
    let keep = if px.len() > 1 { alpha_index(c) } else { None };
    px.iter()
        .enumerate()
        .map(|(i, &v)| if Some(i) == keep { v } else { 1.0 - v })
        .collect()
}

/// The checkerboard's colour at pixel (x, y): which square the pixel
/// centre falls in on the canonical plane.
pub fn checkerboard(
    c: Components,
    x: i32,
    y: i32,
    scale: (f64, f64),
    par: f64,
    size: f64,
    colours: [[f64; 4]; 2],
) -> Vec<f32> {
    let cell_x = ((f64::from(x) + 0.5) * (par / scale.0) / size).floor() as i64;
    let cell_y = ((f64::from(y) + 0.5) * (1.0 / scale.1) / size).floor() as i64;
    let colour = colours[((cell_x + cell_y) & 1) as usize];
    channels(c).iter().map(|&ch| colour[ch] as f32).collect()
}

/// The cross dissolve of two pixels at transition `t`.
pub fn dissolve(from: &[f32], to: &[f32], t: f64) -> Vec<f32> {
    let t = t as f32;
    from.iter()
        .zip(to)
        .map(|(a, b)| a * (1.0 - t) + b * t)
        .collect()
}

/// The mean of the frames' pixels, summed in order.
pub fn average(frames: &[Vec<f32>]) -> Vec<f32> {
    let mut sum = vec![0.0f32; frames[0].len()];
    for f in frames {
        for (s, v) in sum.iter_mut().zip(f) {
            *s += v;
        }
    }
    let n = frames.len() as f32;
    sum.iter().map(|s| s / n).collect()
}
