//! Plugin icons: `Contents/Resources/<pluginIdentifier>.png`.
//!
//! A crate may ship its own `icon.png`; otherwise a 128x128 icon is generated
//! from the plugin identifier: a background colour picked by hashing the
//! identifier, and a mirrored 5x5 block pattern (an "identicon") from further
//! bits of the same hash, so that different plugins get visibly different
//! icons and the same plugin always gets the same one.

use std::path::Path;

/// Side length, in pixels, of generated icons.
pub const ICON_SIZE: u32 = 128;

/// 64-bit FNV-1a hash of a string; stable across runs and platforms.
fn fnv1a(text: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// Converts a hue in [0, 360) at fixed saturation/value to 8-bit RGB.
fn hue_to_rgb(hue: f32, saturation: f32, value: f32) -> [u8; 3] {
    let c = value * saturation;
    let h = hue / 60.0;
    let x = c * (1.0 - ((h % 2.0) - 1.0).abs());
    let (r, g, b) = match h as u32 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    let m = value - c;
    let to8 = |v: f32| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8;
    [to8(r), to8(g), to8(b)]
}

/// Generates the RGBA8 pixels (row-major, `ICON_SIZE` square) of the icon for
/// `identifier`.
pub fn generate_pixels(identifier: &str) -> Vec<u8> {
    let hash = fnv1a(identifier);
    let hue = (hash % 360) as f32;
    let background = hue_to_rgb(hue, 0.65, 0.55);
    let foreground = hue_to_rgb((hue + 180.0) % 360.0, 0.35, 0.95);
    // 5 columns mirrored around the centre: 3 distinct columns x 5 rows = 15 bits.
    let pattern = hash >> 16;
    let cell = 20u32;
    let margin = (ICON_SIZE - 5 * cell) / 2;
    let size = ICON_SIZE as usize;
    let mut pixels = Vec::with_capacity(size * size * 4);
    for y in 0..ICON_SIZE {
        for x in 0..ICON_SIZE {
            let inside = (margin..ICON_SIZE - margin).contains(&x)
                && (margin..ICON_SIZE - margin).contains(&y);
            let lit = inside && {
                let col = (x - margin) / cell;
                let row = (y - margin) / cell;
                let folded = col.min(4 - col);
                pattern >> (row * 3 + folded) & 1 == 1
            };
            let rgb = if lit { foreground } else { background };
            pixels.extend_from_slice(&[rgb[0], rgb[1], rgb[2], 255]);
        }
    }
    pixels
}

/// Encodes RGBA8 pixels of the given size as PNG bytes.
pub fn encode_png(width: u32, height: u32, rgba: &[u8]) -> crate::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, width, height);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder
            .write_header()
            .map_err(|e| format!("PNG header: {e}"))?;
        writer
            .write_image_data(rgba)
            .map_err(|e| format!("PNG data: {e}"))?;
        writer.finish().map_err(|e| format!("PNG finish: {e}"))?;
    }
    Ok(bytes)
}

/// Writes the icon for `identifier` to `dest`: a copy of `shipped` when that
/// file exists, otherwise a generated icon.
pub fn write_icon(identifier: &str, shipped: Option<&Path>, dest: &Path) -> crate::Result<()> {
    if let Some(src) = shipped.filter(|p| p.is_file()) {
        std::fs::copy(src, dest).map_err(|e| format!("copying icon {}: {e}", src.display()))?;
        return Ok(());
    }
    let png = encode_png(ICON_SIZE, ICON_SIZE, &generate_pixels(identifier))?;
    std::fs::write(dest, png).map_err(|e| format!("writing {}: {e}", dest.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_icon_decodes_as_128_square_rgba() {
        let bytes = encode_png(ICON_SIZE, ICON_SIZE, &generate_pixels("org.example.Gain")).unwrap();
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        assert_eq!((info.width, info.height), (ICON_SIZE, ICON_SIZE));
        assert_eq!(info.color_type, png::ColorType::Rgba);
        assert_eq!(
            &buf[..info.buffer_size()],
            &generate_pixels("org.example.Gain")[..]
        );
    }

    #[test]
    fn icons_differ_between_identifiers_and_are_stable() {
        let a = generate_pixels("org.example.Gain");
        let b = generate_pixels("org.example.Blur");
        assert_ne!(a, b);
        assert_eq!(a, generate_pixels("org.example.Gain"));
        // More than one colour: the pattern is visible.
        let first = &a[..4];
        assert!(a.chunks(4).any(|px| px != first));
    }

    #[test]
    fn shipped_icon_is_copied_verbatim() {
        let dir = tempfile::tempdir().unwrap();
        let shipped = dir.path().join("icon.png");
        std::fs::write(&shipped, b"not really a png").unwrap();
        let dest = dir.path().join("out.png");
        write_icon("x", Some(&shipped), &dest).unwrap();
        assert_eq!(std::fs::read(&dest).unwrap(), b"not really a png");
    }
}
