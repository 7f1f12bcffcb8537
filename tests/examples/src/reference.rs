//! The pixel formats, written the obvious way: reading a stored component
//! as a normalised float, storing a float back with the rounding the
//! examples promise, and comparing a rendered image component by
//! component, bit for bit.

pub use ofx_host::image::{Components, Depth, ImageBuffer};

/// The value of full intensity for integer depths.
pub fn white(depth: Depth) -> Option<f32> {
    match depth {
        Depth::U8 => Some(255.0),
        Depth::U16 => Some(65535.0),
        Depth::Half | Depth::F32 => None,
    }
}

/// One stored component read as a normalised float: `v / 255` and
/// `v / 65535` for integers, the value itself for floats.
pub fn decode(depth: Depth, bytes: &[u8]) -> f32 {
    match depth {
        Depth::U8 => f32::from(bytes[0]) / 255.0,
        Depth::U16 => f32::from(u16::from_ne_bytes([bytes[0], bytes[1]])) / 65535.0,
        Depth::Half => half::f16::from_ne_bytes([bytes[0], bytes[1]]).to_f32(),
        Depth::F32 => f32::from_ne_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]),
    }
}

/// A normalised float stored at `depth`: integers clamp to `[0, 1]` (NaN
/// gives 0), scale by the white point and round to nearest with halves
/// going up; half floats round to nearest even; floats are kept.
pub fn encode(depth: Depth, v: f32) -> Vec<u8> {
    match white(depth) {
        Some(w) => {
            let c = if v.is_nan() { 0.0 } else { v.clamp(0.0, 1.0) };
            let q = (c * w + 0.5).floor() as u32;
            match depth {
                Depth::U8 => vec![q as u8],
                _ => (q as u16).to_ne_bytes().to_vec(),
            }
        }
        None if depth == Depth::Half => half::f16::from_f32(v).to_ne_bytes().to_vec(),
        None => v.to_ne_bytes().to_vec(),
    }
}

/// Stores `v` at `depth` and reads it back.
pub fn quantize(depth: Depth, v: f32) -> f32 {
    decode(depth, &encode(depth, v))
}

/// The components of pixel `(x, y)` in memory order, normalised; `None`
/// outside the image.
pub fn read(img: &ImageBuffer, x: i32, y: i32) -> Option<Vec<f32>> {
    let l = img.layout();
    let bytes = img.pixel_bytes(x, y)?;
    Some(
        bytes
            .chunks(l.depth.bytes())
            .map(|c| decode(l.depth, c))
            .collect(),
    )
}

/// The components of pixel `(x, y)`, or transparent black (all zero)
/// outside the image.
pub fn read_or_black(img: &ImageBuffer, x: i32, y: i32) -> Vec<f32> {
    read(img, x, y).unwrap_or_else(|| vec![0.0; img.layout().components.count()])
}

/// Which index of a pixel's components is alpha, if any.
pub fn alpha_index(c: Components) -> Option<usize> {
    match c {
        Components::Rgba => Some(3),
        Components::Rgb => None,
        Components::Alpha => Some(0),
    }
}

/// The channels (0 = red ... 3 = alpha) stored by each component of a
/// pixel with components `c`, in memory order.
pub fn channels(c: Components) -> &'static [usize] {
    match c {
        Components::Rgba => &[0, 1, 2, 3],
        Components::Rgb => &[0, 1, 2],
        Components::Alpha => &[3],
    }
}

/// Compares every pixel of `window` in `actual` with `expected(x, y)` (the
/// components in memory order, before storage), byte for byte after
/// storing the expectation at the image's depth. The error names the first
/// mismatch and counts them all.
pub fn check_exact(
    what: &str,
    actual: &ImageBuffer,
    window: ofx_sys::OfxRectI,
    mut expected: impl FnMut(i32, i32) -> Vec<f32>,
) -> Result<(), String> {
    let depth = actual.layout().depth;
    let mut first = None;
    let mut count = 0usize;
    for y in window.y1..window.y2 {
        for x in window.x1..window.x2 {
            let want: Vec<u8> = expected(x, y)
                .into_iter()
                .flat_map(|v| encode(depth, v))
                .collect();
            let got = actual.pixel_bytes(x, y);
            if got != Some(&want[..]) {
                count += 1;
                if first.is_none() {
                    let got = read(actual, x, y);
                    let want: Vec<f32> = want
                        .chunks(depth.bytes())
                        .map(|c| decode(depth, c))
                        .collect();
                    first = Some(format!("({x}, {y}): got {got:?}, expected {want:?}"));
                }
            }
        }
    }
    match first {
        None => Ok(()),
        Some(f) => Err(format!("{what}: {count} pixel(s) differ; first at {f}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_storage_rounds_halves_up_and_clamps() {
        assert_eq!(encode(Depth::U8, 0.5), vec![128]);
        assert_eq!(encode(Depth::U8, 127.49 / 255.0), vec![127]);
        assert_eq!(encode(Depth::U8, -3.0), vec![0]);
        assert_eq!(encode(Depth::U8, f32::NAN), vec![0]);
        assert_eq!(encode(Depth::U8, 7.0), vec![255]);
        assert_eq!(encode(Depth::U16, 1.0), 65535u16.to_ne_bytes().to_vec());
        for v in 0..=255u8 {
            assert_eq!(encode(Depth::U8, decode(Depth::U8, &[v])), vec![v]);
        }
        assert_eq!(quantize(Depth::F32, -2.5), -2.5);
        assert_eq!(
            quantize(Depth::Half, 1.0 / 3.0),
            half::f16::from_f32(1.0 / 3.0).to_f32()
        );
    }
}
