//! Helpers shared by the blur's test binaries.

use blur_filter::{BlurSpec, Boundary, FilterKind, Plan, blur};
use ofx_plugin::geometry::RectI;
use ofx_plugin::pixel::{BitDepth, ImageView, ImageViewMut, Rgba};

/// A deterministic, irregular test pattern (with an edge at x = 4).
pub fn value(x: i32, y: i32) -> [f32; 4] {
    let h = (x.wrapping_mul(73_856_093) ^ y.wrapping_mul(19_349_663)) as u32;
    let n = (h % 1000) as f32 / 1000.0;
    [n, if x > 3 { 1.0 } else { 0.0 }, 0.5 * n, 1.0 - n]
}

/// The pattern over `bounds`, row by row.
pub fn source(bounds: RectI) -> Vec<Rgba<f32>> {
    (bounds.y1..bounds.y2)
        .flat_map(|y| (bounds.x1..bounds.x2).map(move |x| Rgba::from(value(x, y))))
        .collect()
}

/// Blurs `pixels` (covering `bounds`) with `spec` over `window`.
pub fn render(
    spec: &BlurSpec,
    bounds: RectI,
    pixels: &[Rgba<f32>],
    window: RectI,
) -> Vec<Rgba<f32>> {
    render_over(0.0, spec, bounds, pixels, window)
}

/// [`render`] with the scratch memory filled with `fill` beforehand.
pub fn render_over(
    fill: f32,
    spec: &BlurSpec,
    bounds: RectI,
    pixels: &[Rgba<f32>],
    window: RectI,
) -> Vec<Rgba<f32>> {
    let src = ImageView::from_slice(pixels, bounds, bounds.width() as isize).unwrap();
    let w = window.width() as usize;
    let mut out = vec![Rgba::default(); w * window.height() as usize];
    let mut dst = ImageViewMut::from_slice_mut(&mut out, window, w as isize).unwrap();
    let plan = Plan::new(spec, window, bounds, 4, BitDepth::F32);
    let mut scratch = vec![fill; plan.scratch_len()];
    blur(&plan, &src, &mut dst, &mut scratch, &|| false).unwrap();
    out
}

/// Every filter with every boundary, at `sigma`.
pub fn every_spec(sigma: [f64; 2]) -> impl Iterator<Item = BlurSpec> {
    [FilterKind::Gaussian, FilterKind::Box, FilterKind::TripleBox]
        .into_iter()
        .flat_map(move |filter| {
            [Boundary::Black, Boundary::Clamp].map(|boundary| BlurSpec {
                filter,
                boundary,
                sigma,
            })
        })
}

/// The bits of every component, for comparisons that must be exact.
pub fn bits(v: &[Rgba<f32>]) -> Vec<u32> {
    v.iter()
        .flat_map(|p| [p.r, p.g, p.b, p.a])
        .map(f32::to_bits)
        .collect()
}
