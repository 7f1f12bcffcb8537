//! Image files to and from host image buffers: PNG (8 and 16 bits) through
//! the `image` crate, OpenEXR (half and float) through `exr`.
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

/// Checks that `path` names a format this tool writes.
pub fn check_output_name(path: &Path) -> Result<(), Failure> {
    if is_exr(path) || is_png(path) {
        Ok(())
    } else {
        Err(Failure::Input(format!(
            "{}: unsupported output format (use .png or .exr)",
            path.display()
        )))
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
    let img = image::open(path).map_err(|e| Failure::Input(format!("{}: {e}", path.display())))?;
    let rgba = img.into_rgba32f();
    let (w, h) = (rgba.width() as usize, rgba.height() as usize);
    let px = rgba.pixels().map(|p| p.0).collect();
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
    if image.layout().depth == Depth::U8 {
        let img = image::RgbaImage::from_fn(w as u32, h as u32, |x, y| {
            let p = at(x as usize, y as usize);
            image::Rgba(p.map(|c| q(c, 255.0) as u8))
        });
        img.save(path).map_err(|e| fail(e.to_string()))
    } else {
        let img = image::ImageBuffer::<image::Rgba<u16>, Vec<u16>>::from_fn(
            w as u32,
            h as u32,
            |x, y| {
                let p = at(x as usize, y as usize);
                image::Rgba(p.map(|c| q(c, 65535.0) as u16))
            },
        );
        img.save(path).map_err(|e| fail(e.to_string()))
    }
}
