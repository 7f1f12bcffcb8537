//! Image files to and from host image buffers: PNG (8 and 16 bits, every
//! colour type) through the `png` crate, OpenEXR (half and float) through
//! `exr`.
//!
//! Files store their top row first; OFX images their bottom row first
//! (y grows upwards), so rows are flipped on the way in and out.

use std::path::Path;

use ofx_host::Rect;
use ofx_host::image::{Components, Depth, ImageBuffer, Layout};

use crate::Failure;

fn is_exr(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("exr"))
}

fn is_png(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("png"))
}

/// Checks that `path` names a format this tool writes, in a folder that
/// exists, before anything is rendered.
pub fn check_output_name(path: &Path) -> Result<(), Failure> {
    if !(is_exr(path) || is_png(path)) {
        return Err(Failure::Input(format!(
            "{}: unsupported output format (use .png or .exr)",
            path.display()
        )));
    }
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() && !dir.is_dir() => Err(Failure::Input(format!(
            "{}: the folder {} does not exist",
            path.display(),
            dir.display()
        ))),
        _ => Ok(()),
    }
}

/// Reads an image file as normalised RGBA rows, top row first, with its size.
fn read_rgba(path: &Path) -> Result<(usize, usize, Vec<[f32; 4]>), Failure> {
    if !path.exists() {
        return Err(Failure::Input(format!("{}: no such file", path.display())));
    }
    if is_exr(path) {
        let image = exr::prelude::read_first_rgba_layer_from_file(
            path,
            |size, _| (size.width(), vec![[0.0f32, 0.0, 0.0, 1.0]; size.area()]),
            |(w, px), pos, (r, g, b, a): (f32, f32, f32, f32)| {
                px[pos.y() * *w + pos.x()] = [r, g, b, a];
            },
        )
        .map_err(|e| Failure::Input(format!("{}: {e}", path.display())))?;
        let size = image.layer_data.size;
        let (_, px) = image.layer_data.channel_data.pixels;
        return Ok((size.width(), size.height(), px));
    }
    if !is_png(path) {
        return Err(Failure::Input(format!(
            "{}: unsupported input format (use .png or .exr)",
            path.display()
        )));
    }
    read_png(path).map_err(|e| Failure::Input(format!("{}: {e}", path.display())))
}

/// Decodes a PNG of any colour type and bit depth into normalised RGBA:
/// palettes and depths below 8 bits are expanded, grey is copied into red,
/// green and blue, and a missing alpha is opaque.
fn read_png(path: &Path) -> Result<(usize, usize, Vec<[f32; 4]>), String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().map_err(|e| e.to_string())?;
    let len = reader
        .output_buffer_size()
        .ok_or("the image is too large for this machine's memory")?;
    let mut data = Vec::new();
    data.try_reserve_exact(len)
        .map_err(|_| format!("cannot allocate {len} bytes for the image"))?;
    data.resize(len, 0);
    let info = reader.next_frame(&mut data).map_err(|e| e.to_string())?;
    let (w, h) = (info.width as usize, info.height as usize);
    let channels = info.color_type.samples();
    let samples: Vec<f32> = match info.bit_depth {
        png::BitDepth::Sixteen => data[..info.buffer_size()]
            .chunks_exact(2)
            .map(|b| f32::from(u16::from_be_bytes([b[0], b[1]])) / 65535.0)
            .collect(),
        _ => data[..info.buffer_size()]
            .iter()
            .map(|&b| f32::from(b) / 255.0)
            .collect(),
    };
    let px = samples
        .chunks_exact(channels)
        .map(|s| match *s {
            [v] => [v, v, v, 1.0],
            [v, a] => [v, v, v, a],
            [r, g, b] => [r, g, b, 1.0],
            [r, g, b, a] => [r, g, b, a],
            _ => [0.0; 4],
        })
        .collect();
    Ok((w, h, px))
}

/// Reads `path` into an RGBA image of `depth` whose bottom-left pixel is at
/// the origin.
pub fn read(path: &Path, depth: Depth, name: &str) -> Result<ImageBuffer, Failure> {
    let (w, h, px) = read_rgba(path)?;
    let bounds = Rect::new(0, 0, w as i32, h as i32);
    let layout = Layout::packed(bounds, depth, Components::Rgba);
    Ok(
        ImageBuffer::from_fn(layout, |x, y| px[(h - 1 - y as usize) * w + x as usize])
            .with_name(name),
    )
}

/// Writes `image` to `path` (PNG: 8 bits from 8-bit images, else 16; EXR:
/// 32-bit float). Alpha-only images are written as grey.
pub fn write(path: &Path, image: &ImageBuffer) -> Result<(), Failure> {
    let b = image.bounds();
    let (w, h) = ((b.x2 - b.x1).max(0) as usize, (b.y2 - b.y1).max(0) as usize);
    if w == 0 || h == 0 {
        return Err(Failure::Failed(format!(
            "{}: the plugin produced an empty image",
            path.display()
        )));
    }
    let alpha_only = image.layout().components == Components::Alpha;
    // Pixel at file position (col, row): row 0 is the top.
    let at = |col: usize, row: usize| -> [f32; 4] {
        let v = image
            .get(b.x1 + col as i32, b.y2 - 1 - row as i32)
            .unwrap_or([0.0; 4]);
        if alpha_only {
            [v[3], v[3], v[3], 1.0]
        } else {
            v
        }
    };
    let fail = |e: String| Failure::Failed(format!("{}: {e}", path.display()));
    if is_exr(path) {
        return exr::prelude::write_rgba_file(path, w, h, |x, y| {
            let p = at(x, y);
            (p[0], p[1], p[2], p[3])
        })
        .map_err(|e| fail(e.to_string()));
    }
    check_output_name(path)?;
    let q = |v: f32, max: f32| (v.clamp(0.0, 1.0) * max).round();
    let (bit_depth, bytes) = if image.layout().depth == Depth::U8 {
        let bytes = (0..h)
            .flat_map(|row| (0..w).map(move |col| (col, row)))
            .flat_map(|(col, row)| at(col, row).map(|c| q(c, 255.0) as u8))
            .collect::<Vec<u8>>();
        (png::BitDepth::Eight, bytes)
    } else {
        let bytes = (0..h)
            .flat_map(|row| (0..w).map(move |col| (col, row)))
            .flat_map(|(col, row)| at(col, row).map(|c| q(c, 65535.0) as u16))
            .flat_map(u16::to_be_bytes)
            .collect::<Vec<u8>>();
        (png::BitDepth::Sixteen, bytes)
    };
    let file = std::fs::File::create(path).map_err(|e| fail(e.to_string()))?;
    let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), w as u32, h as u32);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(bit_depth);
    let mut writer = encoder.write_header().map_err(|e| fail(e.to_string()))?;
    writer
        .write_image_data(&bytes)
        .map_err(|e| fail(e.to_string()))?;
    writer.finish().map_err(|e| fail(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::read_rgba;

    fn scratch(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("ofx-cli-imageio-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir.join(name)
    }

    #[test]
    fn pngs_of_every_colour_type_read_as_normalised_rgba() {
        let grey = scratch("grey8.png");
        image::GrayImage::from_fn(3, 2, |x, y| image::Luma([(x * 100 + y) as u8]))
            .save(&grey)
            .unwrap();
        let (w, h, px) = read_rgba(&grey).unwrap();
        assert_eq!((w, h), (3, 2));
        let v = 201.0 / 255.0;
        assert_eq!(px[5], [v, v, v, 1.0], "grey: (2, 1) is 201");

        let grey_alpha = scratch("grey-alpha16.png");
        image::ImageBuffer::<image::LumaA<u16>, Vec<u16>>::from_fn(2, 1, |x, _| {
            image::LumaA([65535 * x as u16, 32768])
        })
        .save(&grey_alpha)
        .unwrap();
        let (_, _, px) = read_rgba(&grey_alpha).unwrap();
        let a = 32768.0 / 65535.0;
        assert_eq!(px, [[0.0, 0.0, 0.0, a], [1.0, 1.0, 1.0, a]]);

        let rgb = scratch("rgb8.png");
        image::RgbImage::from_fn(1, 2, |_, y| image::Rgb([10, 20 * y as u8, 255]))
            .save(&rgb)
            .unwrap();
        let (_, _, px) = read_rgba(&rgb).unwrap();
        assert_eq!(
            px[1],
            [10.0 / 255.0, 20.0 / 255.0, 1.0, 1.0],
            "rgb: the bottom row"
        );
    }

    #[test]
    fn a_file_that_is_not_a_png_is_an_input_error() {
        let bad = scratch("bad.png");
        std::fs::write(&bad, b"not a png").unwrap();
        let err = read_rgba(&bad).unwrap_err();
        assert!(matches!(err, crate::Failure::Input(_)), "{err:?}");
    }
}
