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

/// An image file's pixels as normalised RGBA rows, top row first, and where
/// they lie in the picture.
struct Picture {
    /// Width and height of the pixel rows.
    size: (usize, usize),
    /// The pixels, `size.0` per row, top row first.
    pixels: Vec<[f32; 4]>,
    /// The pixels' rectangle in OFX pixel coordinates (y up, origin at the
    /// bottom-left of the picture): an EXR's data window may be smaller than
    /// its display window, or offset from it.
    bounds: Rect,
    /// The whole picture's width and height: an EXR's display window.
    display: (usize, usize),
}

/// Reads an image file.
fn read_picture(path: &Path) -> Result<Picture, Failure> {
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
        let (w, h) = (size.width(), size.height());
        let display = image.attributes.display_window;
        let data = image.layer_data.attributes.layer_position;
        // EXR rows grow downwards from the display window's top; OFX rows
        // grow upwards from its bottom.
        let x1 = data.x() - display.position.x();
        let y2 = display.position.y() + display.size.height() as i32 - data.y();
        let bounds = Rect::new(x1, y2 - h as i32, x1 + w as i32, y2);
        let (_, pixels) = image.layer_data.channel_data.pixels;
        return Ok(Picture {
            size: (w, h),
            pixels,
            bounds,
            display: (display.size.width(), display.size.height()),
        });
    }
    if !is_png(path) {
        return Err(Failure::Input(format!(
            "{}: unsupported input format (use .png or .exr)",
            path.display()
        )));
    }
    let (w, h, pixels) =
        read_png(path).map_err(|e| Failure::Input(format!("{}: {e}", path.display())))?;
    Ok(Picture {
        size: (w, h),
        pixels,
        bounds: Rect::from_size(w as i32, h as i32),
        display: (w, h),
    })
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

/// Reads `path` into an RGBA image of `depth`, with the bounds its pixels
/// have in the picture (the origin at the picture's bottom-left), and the
/// picture's width and height.
pub fn read(
    path: &Path,
    depth: Depth,
    name: &str,
) -> Result<(ImageBuffer, (usize, usize)), Failure> {
    let p = read_picture(path)?;
    let (w, h) = p.size;
    let b = p.bounds;
    let layout = Layout::packed(b, depth, Components::Rgba);
    let image = ImageBuffer::from_fn(layout, |x, y| {
        p.pixels[(h - 1 - (y - b.y1) as usize) * w + (x - b.x1) as usize]
    })
    .with_name(name);
    Ok((image, p.display))
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
    use super::{Picture, read_picture};

    /// A test's own scratch folder, removed when the test ends.
    fn scratch() -> tempfile::TempDir {
        tempfile::Builder::new()
            .prefix("ofx-cli-imageio-")
            .tempdir()
            .unwrap()
    }

    #[test]
    fn pngs_of_every_colour_type_read_as_normalised_rgba() {
        let dir = scratch();
        let grey = dir.path().join("grey8.png");
        image::GrayImage::from_fn(3, 2, |x, y| image::Luma([(x * 100 + y) as u8]))
            .save(&grey)
            .unwrap();
        let Picture {
            size: (w, h),
            pixels: px,
            ..
        } = read_picture(&grey).unwrap();
        assert_eq!((w, h), (3, 2));
        let v = 201.0 / 255.0;
        assert_eq!(px[5], [v, v, v, 1.0], "grey: (2, 1) is 201");

        let grey_alpha = dir.path().join("grey-alpha16.png");
        image::ImageBuffer::<image::LumaA<u16>, Vec<u16>>::from_fn(2, 1, |x, _| {
            image::LumaA([65535 * x as u16, 32768])
        })
        .save(&grey_alpha)
        .unwrap();
        let px = read_picture(&grey_alpha).unwrap().pixels;
        let a = 32768.0 / 65535.0;
        assert_eq!(px, [[0.0, 0.0, 0.0, a], [1.0, 1.0, 1.0, a]]);

        let rgb = dir.path().join("rgb8.png");
        image::RgbImage::from_fn(1, 2, |_, y| image::Rgb([10, 20 * y as u8, 255]))
            .save(&rgb)
            .unwrap();
        let px = read_picture(&rgb).unwrap().pixels;
        assert_eq!(
            px[1],
            [10.0 / 255.0, 20.0 / 255.0, 1.0, 1.0],
            "rgb: the bottom row"
        );
    }

    #[test]
    fn an_exr_keeps_its_data_window_inside_its_display_window() {
        let dir = scratch();
        use exr::prelude::*;
        // A 10x8 picture whose 3x2 pixels start at column 4, row 1 (from
        // the top), red growing with x and green with the row.
        let path = dir.path().join("window.exr");
        let layer = Layer::new(
            (3, 2),
            LayerAttributes::named("").with_position(Vec2(4, 1)),
            Encoding::FAST_LOSSLESS,
            SpecificChannels::rgba(|p: Vec2<usize>| (p.x() as f32, p.y() as f32, 0.0f32, 1.0f32)),
        );
        let display = IntegerBounds::new((0, 0), (10, 8));
        Image::new(ImageAttributes::new(display), layer)
            .write()
            .to_file(&path)
            .unwrap();
        let (image, picture) = super::read(&path, ofx_host::image::Depth::F32, "in").unwrap();
        assert_eq!(picture, (10, 8));
        let b = image.bounds();
        // Rows 1 and 2 from the top of 8 are rows 6 and 5 from the bottom.
        assert_eq!((b.x1, b.y1, b.x2, b.y2), (4, 5, 7, 7));
        // The data window's top-left pixel is its first, at (4, 6).
        assert_eq!(image.get(4, 6).unwrap(), [0.0, 0.0, 0.0, 1.0]);
        assert_eq!(image.get(6, 5).unwrap(), [2.0, 1.0, 0.0, 1.0]);
    }

    #[test]
    fn a_file_that_is_not_a_png_is_an_input_error() {
        let dir = scratch();
        let bad = dir.path().join("bad.png");
        std::fs::write(&bad, b"not a png").unwrap();
        let err = read_picture(&bad).err().unwrap();
        assert!(matches!(err, crate::Failure::Input(_)), "{err:?}");
    }
}
