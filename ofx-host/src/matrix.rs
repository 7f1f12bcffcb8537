//! The matrix of image layouts a plugin's pixel tests walk: every depth
//! and component type, rows stored bottom-up, top-down (negative row
//! bytes) or padded, bounds at the origin or moved off it, render scale 1
//! and 0.5, and the window rendered whole, in tiles, or in tiles on two
//! threads.
//!
//! A test renders each [`LayoutCase`] of [`layout_matrix`] and compares
//! the output with a reference it computes itself; the case lays out the
//! input and output images, builds the render request, checks that nothing
//! was written outside the window or into the row padding, and compares
//! the pixels with the output depth's rounding allowed for.
//!
//! ```no_run
//! use ofx_host::matrix::layout_matrix;
//! use ofx_host::prelude::*;
//! # fn picture(x: i32, y: i32) -> [f32; 4] { [0.0; 4] }
//! # fn reference(source: &ImageBuffer, x: i32, y: i32) -> [f64; 4] { [0.0; 4] }
//! # fn run(fx: &mut Instance<'_>) {
//! for case in layout_matrix() {
//!     let bounds = case.frame_bounds(48, 36);
//!     let frame = ImageBuffer::from_fn(
//!         Layout::packed(bounds, case.depth, case.components),
//!         move |x, y| picture(x - bounds.x1, y - bounds.y1),
//!     );
//!     let f2 = frame.clone();
//!     let layout = case.input_layout(InputBounds::Frame);
//!     fx.connect_with(ClipName::SOURCE, move |_t: f64| Some(f2.clone()), layout)
//!         .unwrap();
//!     let window = case.scaled(bounds);
//!     let out = case.render(fx, &case.request(window)).unwrap();
//!     case.compare(&out, window, 1e-5, |x, y| {
//!         let (sx, sy) = case.frame_pixel(x, y);
//!         reference(&frame, sx, sy)
//!     })
//!     .unwrap();
//! }
//! # }
//! ```

use ofx_sys::{OfxPointD, OfxRectI};

use crate::driver::{Instance, OutputLayout, RenderRequest};
use crate::frames::{InputBounds, InputLayout};
use crate::image::{Components, Depth, ImageBuffer, OUTSIDE_PATTERN, RowOrder};
use crate::types::Rect;

/// How the rows of a case's input and output images sit in memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rows {
    /// Bottom row first, packed, behind guard pages.
    BottomUp,
    /// Top row first (negative row bytes), packed, behind guard pages.
    TopDown,
    /// Bottom row first with [`PADDING`] canary bytes after each row.
    Padded,
}

/// The canary bytes after each row of a [`Rows::Padded`] image: a whole
/// number of components at every depth, and not of pixels.
pub const PADDING: usize = 12;

/// Where the bounds of an offset case start: an even pixel, so that a
/// picture constant on aligned 2 x 2 blocks stays unambiguous at scale 0.5.
pub const OFFSET: (i32, i32) = (-10, 6);

/// The output image extends past the render window by this many pixels on
/// the left, bottom, right and top, so that writes outside it show.
pub const OUTPUT_MARGIN: [i32; 4] = [3, 2, 4, 1];

/// The tiles (columns, rows) of a tiled case.
pub const TILES: (u32, u32) = (3, 2);

/// One point of the matrix: how the images of a render are stored and how
/// the render is split up.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LayoutCase {
    /// The depth of the input and output images.
    pub depth: Depth,
    /// The components of the input and output images.
    pub components: Components,
    /// The row layout of the input and output images.
    pub rows: Rows,
    /// Frame bounds start at [`OFFSET`] (else at the origin).
    pub offset: bool,
    /// The render scale, both axes.
    pub scale: f64,
    /// The window is rendered in [`TILES`] (else in one action).
    pub tiled: bool,
    /// How many tiles render at once.
    pub threads: usize,
}

impl Default for LayoutCase {
    /// RGBA 32-bit float, bottom-up, at the origin, scale 1, one action on
    /// one thread: the case of tests about geometry rather than storage.
    fn default() -> Self {
        LayoutCase {
            depth: Depth::F32,
            components: Components::Rgba,
            rows: Rows::BottomUp,
            offset: false,
            scale: 1.0,
            tiled: false,
            threads: 1,
        }
    }
}

/// Every case, depth by depth (in [`Depth::ALL`] order), then components,
/// rows, offset, scale and splitting: 4 x 3 x 3 x 2 x 2 x 3 = 432 cases.
/// The order is fixed, so a test may let other settings take turns by a
/// case's position.
pub fn layout_matrix() -> Vec<LayoutCase> {
    let mut cases = Vec::new();
    for depth in Depth::ALL {
        for components in Components::ALL {
            for rows in [Rows::BottomUp, Rows::TopDown, Rows::Padded] {
                for offset in [false, true] {
                    for scale in [1.0, 0.5] {
                        for (tiled, threads) in [(false, 1), (true, 1), (true, 2)] {
                            cases.push(LayoutCase {
                                depth,
                                components,
                                rows,
                                offset,
                                scale,
                                tiled,
                                threads,
                            });
                        }
                    }
                }
            }
        }
    }
    cases
}

impl LayoutCase {
    /// The full-resolution bounds of a `width` x `height` frame: at the
    /// origin, or at [`OFFSET`].
    pub fn frame_bounds(&self, width: i32, height: i32) -> OfxRectI {
        let (x, y) = if self.offset { OFFSET } else { (0, 0) };
        Rect::new(x, y, x + width, y + height).into()
    }

    /// The pixels covering `bounds` (full resolution) at the render scale.
    pub fn scaled(&self, bounds: OfxRectI) -> OfxRectI {
        let lo = |v: i32| (f64::from(v) * self.scale).floor() as i32;
        let hi = |v: i32| (f64::from(v) * self.scale).ceil() as i32;
        Rect::new(lo(bounds.x1), lo(bounds.y1), hi(bounds.x2), hi(bounds.y2)).into()
    }

    /// The render scale as a point.
    pub fn scale_point(&self) -> OfxPointD {
        OfxPointD {
            x: self.scale,
            y: self.scale,
        }
    }

    /// The full-resolution frame pixel whose value the host gives pixel
    /// `(x, y)` of an input at the render scale (it samples the nearest
    /// pixel to each centre).
    pub fn frame_pixel(&self, x: i32, y: i32) -> (i32, i32) {
        let s = |v: i32| ((f64::from(v) + 0.5) / self.scale).floor() as i32;
        (s(x), s(y))
    }

    /// The row order of the case's images.
    pub fn order(&self) -> RowOrder {
        match self.rows {
            Rows::TopDown => RowOrder::TopDown,
            Rows::BottomUp | Rows::Padded => RowOrder::BottomUp,
        }
    }

    /// The bytes after each row: [`PADDING`] for padded rows, else none.
    pub fn padding(&self) -> usize {
        if self.rows == Rows::Padded {
            PADDING
        } else {
            0
        }
    }

    /// Packed images sit between guard pages; padded ones are checked by
    /// their canaries instead.
    pub fn guard_pages(&self) -> bool {
        self.rows != Rows::Padded
    }

    /// The layout of an input, with the case's depth and components forced
    /// and the given bounds.
    pub fn input_layout(&self, bounds: InputBounds) -> InputLayout {
        InputLayout {
            bounds,
            padding: self.padding(),
            order: self.order(),
            guard_pages: self.guard_pages(),
            depth: Some(self.depth),
            components: Some(self.components),
            pixel_aspect_ratio: 1.0,
        }
    }

    /// The layout of the output of a render of `window`: larger than the
    /// window by [`OUTPUT_MARGIN`].
    pub fn output_layout(&self, window: OfxRectI) -> OutputLayout {
        let [l, b, r, t] = OUTPUT_MARGIN;
        OutputLayout {
            bounds: Some(OfxRectI {
                x1: window.x1 - l,
                y1: window.y1 - b,
                x2: window.x2 + r,
                y2: window.y2 + t,
            }),
            padding: self.padding(),
            order: self.order(),
            guard_pages: self.guard_pages(),
        }
    }

    /// A render of `window` at time 0 and the case's scale, into
    /// [`LayoutCase::output_layout`], split as the case says, with the
    /// output outside the window filled with [`OUTSIDE_PATTERN`].
    pub fn request(&self, window: OfxRectI) -> RenderRequest {
        RenderRequest {
            time: 0.0,
            window: Some(window),
            scale: self.scale_point(),
            output: self.output_layout(window),
            tiles: if self.tiled { TILES } else { (1, 1) },
            threads: self.threads,
            fill_outside: Some(OUTSIDE_PATTERN),
            ..RenderRequest::default()
        }
    }

    /// Renders `req` (usually [`LayoutCase::request`], perhaps on another
    /// backend) and checks that the plugin wrote nothing outside the window
    /// and left the row padding alone. Errors name the case.
    pub fn render(&self, fx: &Instance<'_>, req: &RenderRequest) -> Result<ImageBuffer, String> {
        let out = fx
            .render(req)
            .map_err(|e| format!("{self:?}: render: {e}"))?;
        if let Some(window) = req.window {
            out.find_writes_outside(window, OUTSIDE_PATTERN)
                .map_err(|e| format!("{self:?}: wrote outside the window: {e:?}"))?;
        }
        out.check_canaries()
            .map_err(|e| format!("{self:?}: padding damaged: {e}"))?;
        Ok(out)
    }

    /// What [`ImageBuffer::get`] gives for a pixel of the case's
    /// components holding the RGBA value `rgba`: opaque without alpha,
    /// black with alpha alone, and clamped to [0, 1] at integer depths.
    pub fn as_stored(&self, rgba: [f64; 4]) -> [f64; 4] {
        let v = match self.components {
            Components::Rgba => rgba,
            Components::Rgb => [rgba[0], rgba[1], rgba[2], 1.0],
            Components::Alpha => [0.0, 0.0, 0.0, rgba[3]],
        };
        match self.depth {
            Depth::U8 | Depth::U16 => v.map(|c| c.clamp(0.0, 1.0)),
            Depth::Half | Depth::F32 => v,
        }
    }

    /// The error storing a value in [0, 2) at the case's depth may add:
    /// half a step at 8 and 16 bits, one half-float step just below 2, none
    /// for 32-bit floats.
    pub fn rounding(&self) -> f64 {
        match self.depth {
            Depth::U8 => 0.5 / 255.0,
            Depth::U16 => 0.5 / 65535.0,
            Depth::Half => 1.0 / 1024.0,
            Depth::F32 => 0.0,
        }
    }

    /// Compares every pixel of `window` in `out` with `want(x, y)` (RGBA,
    /// before storage: see [`LayoutCase::as_stored`]), allowing `tolerance`
    /// plus [`LayoutCase::rounding`] on each component. The error names the
    /// case and the first pixel out of tolerance.
    pub fn compare(
        &self,
        out: &ImageBuffer,
        window: OfxRectI,
        tolerance: f64,
        mut want: impl FnMut(i32, i32) -> [f64; 4],
    ) -> Result<(), String> {
        let tol = tolerance + self.rounding();
        for y in window.y1..window.y2 {
            for x in window.x1..window.x2 {
                let got = out
                    .get(x, y)
                    .ok_or_else(|| format!("{self:?}: ({x}, {y}) is not in the output"))?;
                let w = self.as_stored(want(x, y));
                for c in 0..4 {
                    if (f64::from(got[c]) - w[c]).abs() > tol {
                        return Err(format!(
                            "{self:?} at ({x}, {y}) channel {c}: {} vs {} (tolerance {tol})",
                            got[c], w[c]
                        ));
                    }
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_matrix_holds_every_combination_once() {
        let cases = layout_matrix();
        assert_eq!(cases.len(), 432);
        for (i, a) in cases.iter().enumerate() {
            assert!(!cases[i + 1..].contains(a), "{a:?} twice");
        }
    }

    #[test]
    fn frame_pixels_sample_the_centres_the_host_samples() {
        let half = LayoutCase {
            scale: 0.5,
            ..LayoutCase::default()
        };
        assert_eq!(half.frame_pixel(-5, 3), (-9, 7));
        assert_eq!(LayoutCase::default().frame_pixel(-5, 3), (-5, 3));
        let offset = LayoutCase {
            offset: true,
            ..half
        };
        let b = offset.frame_bounds(40, 30);
        assert_eq!((b.x1, b.y1, b.x2, b.y2), (-10, 6, 30, 36));
        let s = offset.scaled(b);
        assert_eq!((s.x1, s.y1, s.x2, s.y2), (-5, 3, 15, 18));
    }

    #[test]
    fn stored_values_follow_components_and_depth() {
        let v = [1.5, -0.5, 0.25, 0.75];
        let u8_rgb = LayoutCase {
            depth: Depth::U8,
            components: Components::Rgb,
            ..LayoutCase::default()
        };
        assert_eq!(u8_rgb.as_stored(v), [1.0, 0.0, 0.25, 1.0]);
        let alpha = LayoutCase {
            components: Components::Alpha,
            ..LayoutCase::default()
        };
        assert_eq!(alpha.as_stored(v), [0.0, 0.0, 0.0, 0.75]);
        assert_eq!(LayoutCase::default().as_stored(v), v);
    }

    #[test]
    fn compare_names_the_first_pixel_out_of_tolerance() {
        use crate::image::Layout;
        let case = LayoutCase {
            depth: Depth::U8,
            ..LayoutCase::default()
        };
        let window = OfxRectI {
            x1: 0,
            y1: 0,
            x2: 4,
            y2: 3,
        };
        let img = ImageBuffer::from_fn(
            Layout::packed(window, Depth::U8, Components::Rgba),
            |x, _| [x as f32 / 4.0, 0.0, 1.0, 1.0],
        );
        // Within half a step, and clamped: 1.5 is stored as 1.
        let exact = |x: i32, _| [f64::from(x) / 4.0 + 0.0005, 0.0, 1.5, 1.0];
        assert_eq!(case.compare(&img, window, 0.0, exact), Ok(()));
        let off = |x: i32, y: i32| {
            let v = if (x, y) == (2, 1) {
                0.6
            } else {
                f64::from(x) / 4.0
            };
            [v, 0.0, 1.0, 1.0]
        };
        let e = case.compare(&img, window, 0.05, off).unwrap_err();
        assert!(e.contains("at (2, 1) channel 0"), "{e}");
        let outside = OfxRectI { x2: 5, ..window };
        assert!(case.compare(&img, outside, 0.05, exact).is_err());
    }
}
