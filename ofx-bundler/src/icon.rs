//! Plugin icons: `Contents/Resources/<pluginIdentifier>.png`.
//!
//! A crate may ship its own `icon.png`; otherwise a 128x128 icon is generated
//! from the plugin identifier: a background colour picked by hashing the
//! identifier, a faint mirrored 5x5 block pattern (an "identicon") from
//! further bits of the same hash, and the plugin's initials on top (the
//! capitals of the identifier's last component, e.g. `CD` for
//! `org.example.CrossDissolve`). Different plugins get visibly different
//! icons and the same plugin always gets the same one.

use std::path::Path;

use crate::{Error, Result};

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

/// 3x5 glyphs, one row of three bits per 3-bit group, top row first, the
/// leftmost pixel in the highest bit of each row.
const GLYPH_ROWS: [(char, [u8; 5]); 36] = [
    ('A', [2, 5, 7, 5, 5]),
    ('B', [6, 5, 6, 5, 6]),
    ('C', [3, 4, 4, 4, 3]),
    ('D', [6, 5, 5, 5, 6]),
    ('E', [7, 4, 6, 4, 7]),
    ('F', [7, 4, 6, 4, 4]),
    ('G', [3, 4, 5, 5, 3]),
    ('H', [5, 5, 7, 5, 5]),
    ('I', [7, 2, 2, 2, 7]),
    ('J', [1, 1, 1, 5, 2]),
    ('K', [5, 5, 6, 5, 5]),
    ('L', [4, 4, 4, 4, 7]),
    ('M', [5, 7, 7, 5, 5]),
    ('N', [6, 5, 5, 5, 5]),
    ('O', [2, 5, 5, 5, 2]),
    ('P', [6, 5, 6, 4, 4]),
    ('Q', [2, 5, 5, 6, 3]),
    ('R', [6, 5, 6, 5, 5]),
    ('S', [3, 4, 2, 1, 6]),
    ('T', [7, 2, 2, 2, 2]),
    ('U', [5, 5, 5, 5, 7]),
    ('V', [5, 5, 5, 5, 2]),
    ('W', [5, 5, 7, 7, 5]),
    ('X', [5, 5, 2, 5, 5]),
    ('Y', [5, 5, 2, 2, 2]),
    ('Z', [7, 1, 2, 4, 7]),
    ('0', [7, 5, 5, 5, 7]),
    ('1', [2, 6, 2, 2, 7]),
    ('2', [6, 1, 2, 4, 7]),
    ('3', [6, 1, 2, 1, 6]),
    ('4', [5, 5, 7, 1, 1]),
    ('5', [7, 4, 6, 1, 6]),
    ('6', [3, 4, 7, 5, 7]),
    ('7', [7, 1, 2, 2, 2]),
    ('8', [7, 5, 7, 5, 7]),
    ('9', [7, 5, 7, 1, 6]),
];

/// Size in icon pixels of one glyph pixel.
const GLYPH_SCALE: u32 = 8;

fn glyph(c: char) -> Option<[u8; 5]> {
    GLYPH_ROWS
        .iter()
        .find(|(g, _)| *g == c)
        .map(|(_, rows)| *rows)
}

/// The letters drawn on a generated icon: up to two capitals (or digits)
/// of the identifier's last dotted component, else its first character
/// upper-cased.
pub fn initials(identifier: &str) -> String {
    let last = identifier.rsplit('.').next().unwrap_or(identifier);
    let capitals: String = last
        .chars()
        .filter(|c| c.is_ascii_uppercase())
        .take(2)
        .collect();
    if !capitals.is_empty() {
        return capitals;
    }
    last.chars()
        .find(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase().to_string())
        .unwrap_or_default()
}

/// Colour of the initials on generated icons.
pub const LETTER_RGB: [u8; 3] = [255, 255, 255];

/// Generates the RGBA8 pixels (row-major, `ICON_SIZE` square) of the icon for
/// `identifier`.
pub fn generate_pixels(identifier: &str) -> Vec<u8> {
    let hash = fnv1a(identifier);
    let hue = (hash % 360) as f32;
    let background = hue_to_rgb(hue, 0.65, 0.45);
    let foreground = hue_to_rgb(hue, 0.55, 0.62);
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
    draw_text(&mut pixels, &initials(identifier));
    pixels
}

/// Draws `text` (glyphs of [`GLYPH_ROWS`]) centred on the icon.
fn draw_text(pixels: &mut [u8], text: &str) {
    let glyphs: Vec<[u8; 5]> = text.chars().filter_map(glyph).collect();
    if glyphs.is_empty() {
        return;
    }
    let n = glyphs.len() as u32;
    let gap = GLYPH_SCALE;
    let width = n * 3 * GLYPH_SCALE + (n - 1) * gap;
    let left = (ICON_SIZE - width) / 2;
    let top = (ICON_SIZE - 5 * GLYPH_SCALE) / 2;
    for (index, rows) in glyphs.iter().enumerate() {
        let x0 = left + index as u32 * (3 * GLYPH_SCALE + gap);
        for y in 0..5 * GLYPH_SCALE {
            for x in 0..3 * GLYPH_SCALE {
                let bit = 2 - x / GLYPH_SCALE;
                if rows[(y / GLYPH_SCALE) as usize] >> bit & 1 == 1 {
                    let at = (((top + y) * ICON_SIZE + x0 + x) * 4) as usize;
                    pixels[at..at + 3].copy_from_slice(&LETTER_RGB);
                }
            }
        }
    }
}

/// Encodes RGBA8 pixels of the given size as PNG bytes.
pub fn encode_png(width: u32, height: u32, rgba: &[u8]) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, width, height);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().map_err(Error::Png)?;
        writer.write_image_data(rgba).map_err(Error::Png)?;
        writer.finish().map_err(Error::Png)?;
    }
    Ok(bytes)
}

/// Writes the icon for `identifier` to `dest`: a copy of `shipped` when that
/// file exists, otherwise a generated icon.
pub fn write_icon(identifier: &str, shipped: Option<&Path>, dest: &Path) -> Result<()> {
    if let Some(src) = shipped.filter(|p| p.is_file()) {
        std::fs::copy(src, dest).map_err(Error::io("copying the icon", src))?;
        return Ok(());
    }
    let png = encode_png(ICON_SIZE, ICON_SIZE, &generate_pixels(identifier))?;
    std::fs::write(dest, png).map_err(Error::io("writing", dest))
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
    fn initials_come_from_the_last_component() {
        assert_eq!(initials("org.example.Gain"), "G");
        assert_eq!(initials("org.example.CrossDissolve"), "CD");
        assert_eq!(initials("org.example.blur"), "B");
        assert_eq!(initials("net.x.HDRToneMap"), "HD");
    }

    #[test]
    fn initials_are_drawn_in_letter_colour() {
        // "X" has 9 lit glyph cells; the background and pattern are never
        // pure white (their value is below 1), so every white pixel is text.
        let pixels = generate_pixels("org.example.X");
        let white = pixels.chunks(4).filter(|px| px[..3] == LETTER_RGB).count() as u32;
        assert_eq!(white, 9 * GLYPH_SCALE * GLYPH_SCALE);
        // "CD": C has 7 lit cells, D has 10.
        let pixels = generate_pixels("org.example.CrossDissolve");
        let white = pixels.chunks(4).filter(|px| px[..3] == LETTER_RGB).count() as u32;
        assert_eq!(white, (7 + 10) * GLYPH_SCALE * GLYPH_SCALE);
    }

    #[test]
    fn every_glyph_fits_three_columns() {
        for (c, rows) in GLYPH_ROWS {
            assert!(rows.iter().all(|r| *r < 8), "glyph {c}");
            assert!(rows.iter().any(|r| *r != 0), "glyph {c} is empty");
        }
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
