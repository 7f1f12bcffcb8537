//! The matrix of image layouts and render settings every example runs
//! through, and the deterministic test pictures.

use ofx_host::Rect;
use ofx_host::image::{Components, Depth, ImageBuffer, Layout, RowOrder};
use ofx_sys::OfxRectI;

/// How the rows of the images of a case are laid out in memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rows {
    /// Bottom row first, rows packed (positive row bytes).
    Positive,
    /// Top row first (negative row bytes).
    Negative,
    /// Bottom row first, with padding bytes after each row.
    Padded,
}

/// One point of the matrix.
#[derive(Clone, Copy, Debug)]
pub struct Case {
    pub depth: Depth,
    pub components: Components,
    pub rows: Rows,
    /// Bounds offset from the origin (else they start at (0, 0)).
    pub offset: bool,
    /// The render scale (both axes).
    pub scale: f64,
    /// The render window is split into tiles (else rendered whole).
    pub tiled: bool,
    /// How many tiles render at once.
    pub threads: usize,
}

/// Every component type.
pub const COMPONENTS: [Components; 3] = [Components::Rgba, Components::Rgb, Components::Alpha];

/// The full matrix over the given depths: depths x components x rows x
/// bounds x scale x tiling x threads.
pub fn matrix(depths: &[Depth]) -> Vec<Case> {
    let mut v = Vec::new();
    for &depth in depths {
        for components in COMPONENTS {
            for rows in [Rows::Positive, Rows::Negative, Rows::Padded] {
                for offset in [false, true] {
                    for scale in [1.0, 0.5] {
                        for tiled in [false, true] {
                            for threads in [1, 2] {
                                v.push(Case {
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
    }
    v
}

/// The canonical frame every case renders: 45 x 31 pixels at scale 1.
pub const FRAME: (i32, i32) = (45, 31);

impl Case {
    /// A layout for an image of this case covering `bounds`.
    pub fn layout(&self, bounds: OfxRectI) -> Layout {
        let l = Layout::packed(bounds, self.depth, self.components);
        match self.rows {
            Rows::Positive => l,
            Rows::Negative => l.with_order(RowOrder::TopDown),
            Rows::Padded => l.with_padding(self.padding()),
        }
    }

    /// The padding bytes after each row of a padded image: a whole number
    /// of components (rows must stay aligned for the component type), and
    /// not of pixels.
    pub fn padding(&self) -> usize {
        if self.rows == Rows::Padded {
            5 * self.depth.bytes()
        } else {
            0
        }
    }

    /// The full-resolution bounds of the frames of this case: the frame,
    /// moved away from the origin when `offset`.
    pub fn frame_bounds(&self) -> OfxRectI {
        let (x, y) = if self.offset { (-9, 6) } else { (0, 0) };
        Rect::new(x, y, x + FRAME.0, y + FRAME.1).into()
    }

    /// The frame's bounds at the case's render scale: every pixel that a
    /// canonical point of the frame falls in.
    pub fn bounds(&self) -> OfxRectI {
        let f = self.frame_bounds();
        let lo = |v: i32| (f64::from(v) * self.scale).floor() as i32;
        let hi = |v: i32| (f64::from(v) * self.scale).ceil() as i32;
        Rect::new(lo(f.x1), lo(f.y1), hi(f.x2), hi(f.y2)).into()
    }

    /// The render window: the scaled bounds less a margin on every side,
    /// so that writes outside it would show, and so that every pixel of it
    /// is fully covered by the frame.
    pub fn window(&self) -> OfxRectI {
        let b = self.bounds();
        Rect::new(b.x1 + 2, b.y1 + 1, b.x2 - 3, b.y2 - 1).into()
    }

    /// The pixel of a full-resolution frame that holds the value of pixel
    /// `(x, y)` at this case's scale. Pictures are constant on aligned
    /// 2 x 2 blocks, so any downscaling filter gives that value.
    pub fn frame_pixel(&self, x: i32, y: i32) -> (i32, i32) {
        if self.scale == 1.0 {
            (x, y)
        } else {
            (2 * x, 2 * y)
        }
    }

    /// A short name for messages.
    pub fn name(&self) -> String {
        format!(
            "{} {} {:?} rows, {} bounds, scale {}, {}, {} thread(s)",
            self.depth.short_name(),
            self.components.short_name(),
            self.rows,
            if self.offset { "offset" } else { "origin" },
            self.scale,
            if self.tiled { "tiled" } else { "whole" },
            self.threads
        )
    }
}

/// A deterministic hash of a pixel position and a seed, in [0, 1).
pub fn noise(x: i32, y: i32, seed: u32) -> f32 {
    let mut h = (x as u32).wrapping_mul(0x9E37_79B1) ^ (y as u32).wrapping_mul(0x85EB_CA77) ^ seed;
    h ^= h >> 15;
    h = h.wrapping_mul(0x2C1B_3C6D);
    h ^= h >> 12;
    h = h.wrapping_mul(0x297A_2D39);
    h ^= h >> 15;
    (h >> 8) as f32 / 16_777_216.0
}

/// A full-resolution test frame of this case: colours in [-0.2, 1.3)
/// (integers clamp them when stored), an alpha that is exactly 0 in places,
/// constant on 2 x 2 blocks aligned on even coordinates.
pub fn picture(case: &Case, seed: u32) -> ImageBuffer {
    ImageBuffer::from_fn(case.layout(case.frame_bounds()), |x, y| {
        let (bx, by) = (x.div_euclid(2), y.div_euclid(2));
        let c = |k: u32| noise(bx, by, seed.wrapping_add(k)) * 1.5 - 0.2;
        let a = if (bx + by) % 5 == 0 {
            0.0
        } else {
            noise(bx, by, seed ^ 0xA1FA) * 1.1
        };
        [c(1), c(2), c(3), a]
    })
}

/// The components (memory order) the plugin sees at pixel `(x, y)` of a
/// render of `case`, when its input is the full-resolution `frame`.
pub fn sample(case: &Case, frame: &ImageBuffer, x: i32, y: i32) -> Vec<f32> {
    let (fx, fy) = case.frame_pixel(x, y);
    example_tests::reference::read_or_black(frame, fx, fy)
}
