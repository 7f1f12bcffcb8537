//! A small software rasteriser for [`Drawing`]s: no antialiasing, so that
//! tests can name the exact pixels a shape covers.
//!
//! Canonical coordinates map to image pixels by the render scale
//! (`pixel = canonical × scale`; a pixel aspect ratio other than 1 is the
//! caller's to fold into the scale). A pixel `(i, j)` is covered by a shape
//! when its centre `(i + ½, j + ½)` is:
//!
//! - lines (`Lines`, `LineStrip`, `LineLoop`, and `Ellipse`, drawn as a
//!   loop of 64 segments): within half the line width of a segment, where
//!   the width is the Draw Suite's (screen pixels, 0 meaning 1) times the
//!   drawing's pixel scale times the render scale, never less than one
//!   pixel; and where the stipple pattern is on at that distance along the
//!   segment (in screen pixels);
//! - `Rectangle`: inside the rectangle of its corners;
//! - `Polygon`: inside it by the even-odd rule;
//! - text: there is no font. Each character that is not a space is the
//!   outline of a box 5 by 7 screen pixels, one pixel wide, the boxes 6
//!   screen pixels apart, the run of boxes (6n - 1 by 7) placed around the
//!   position as its alignment says (left/bottom at the position by
//!   default).
//!
//! Each shape is composited "over" what is below it with its colour's
//! alpha, once per pixel it covers (joints of a strip are not drawn twice).

use super::{DrawCall, Drawing, Pen, PrimitiveKind, TextAlignment};
use crate::image::{Components, Depth, ImageBuffer, Layout};
use crate::types::Rect;

/// RGBA pixels (straight alpha) over a region of the image plane.
#[derive(Clone, Debug, PartialEq)]
pub struct Canvas {
    region: Rect,
    pixels: Vec<[f32; 4]>,
}

impl Canvas {
    /// A transparent canvas over `region` (pixel coordinates).
    pub fn new(region: Rect) -> Canvas {
        let n = width(region) * (region.y2 - region.y1).max(0) as usize;
        Canvas {
            region,
            pixels: vec![[0.0; 4]; n],
        }
    }

    /// The region covered.
    pub fn region(&self) -> Rect {
        self.region
    }

    /// The pixel at `(x, y)`, `None` outside the region.
    pub fn get(&self, x: i32, y: i32) -> Option<[f32; 4]> {
        self.index(x, y).map(|i| self.pixels[i])
    }

    fn index(&self, x: i32, y: i32) -> Option<usize> {
        let r = self.region;
        (x >= r.x1 && x < r.x2 && y >= r.y1 && y < r.y2)
            .then(|| (y - r.y1) as usize * width(r) + (x - r.x1) as usize)
    }

    fn blend(&mut self, x: i32, y: i32, c: [f32; 4]) {
        if let Some(i) = self.index(x, y) {
            self.pixels[i] = over(c, self.pixels[i]);
        }
    }

    /// The canvas as an RGBA f32 image of its region.
    pub fn to_image(&self) -> ImageBuffer {
        let layout = Layout::packed(self.region, Depth::F32, Components::Rgba);
        ImageBuffer::from_fn(layout, |x, y| self.get(x, y).unwrap_or([0.0; 4]))
    }
}

fn width(r: Rect) -> usize {
    (r.x2 - r.x1).max(0) as usize
}

/// `top` over `below`, straight (not premultiplied) alpha.
fn over(top: [f32; 4], below: [f32; 4]) -> [f32; 4] {
    let a = top[3].clamp(0.0, 1.0);
    let out_a = a + below[3] * (1.0 - a);
    if out_a <= 0.0 {
        return [0.0; 4];
    }
    let mut out = [0.0; 4];
    for k in 0..3 {
        out[k] = (top[k] * a + below[k] * below[3] * (1.0 - a)) / out_a;
    }
    out[3] = out_a;
    out
}

/// How canonical coordinates and screen-pixel sizes map to image pixels.
#[derive(Clone, Copy)]
struct View {
    /// Image pixels per canonical unit.
    scale: [f64; 2],
    /// Image pixels per screen pixel.
    screen: [f64; 2],
}

impl View {
    fn map(&self, p: [f64; 2]) -> [f64; 2] {
        [p[0] * self.scale[0], p[1] * self.scale[1]]
    }
}

/// How far up and right of its centre a pixel is sampled, so that a shape
/// edge through pixel centres (or a line along pixel edges) covers pixels
/// on one side only, the same for every direction of drawing.
const TIE: f64 = 1e-7;

/// A set of covered pixels within a bounding box, so that each shape
/// blends once per pixel.
struct Mask {
    x1: i32,
    y1: i32,
    w: usize,
    h: usize,
    bits: Vec<bool>,
}

impl Mask {
    fn new(clip: Rect, lo: [f64; 2], hi: [f64; 2]) -> Mask {
        let x1 = (lo[0].floor() as i32).max(clip.x1);
        let y1 = (lo[1].floor() as i32).max(clip.y1);
        let x2 = (hi[0].ceil() as i32 + 1).min(clip.x2);
        let y2 = (hi[1].ceil() as i32 + 1).min(clip.y2);
        let (w, h) = ((x2 - x1).max(0) as usize, (y2 - y1).max(0) as usize);
        Mask {
            x1,
            y1,
            w,
            h,
            bits: vec![false; w * h],
        }
    }

    /// Marks every pixel of the box whose centre passes `inside` (shapes
    /// nudge it by [`TIE`] where they need to).
    fn fill(&mut self, inside: impl Fn(f64, f64) -> bool) {
        for j in 0..self.h {
            for i in 0..self.w {
                let (cx, cy) = (
                    (self.x1 + i as i32) as f64 + 0.5,
                    (self.y1 + j as i32) as f64 + 0.5,
                );
                if inside(cx, cy) {
                    self.bits[j * self.w + i] = true;
                }
            }
        }
    }

    fn paint(&self, canvas: &mut Canvas, colour: [f32; 4]) {
        for j in 0..self.h {
            for i in 0..self.w {
                if self.bits[j * self.w + i] {
                    canvas.blend(self.x1 + i as i32, self.y1 + j as i32, colour);
                }
            }
        }
    }
}

fn bbox(points: &[[f64; 2]], pad: f64) -> ([f64; 2], [f64; 2]) {
    let mut lo = [f64::INFINITY; 2];
    let mut hi = [f64::NEG_INFINITY; 2];
    for p in points {
        for k in 0..2 {
            lo[k] = lo[k].min(p[k] - pad);
            hi[k] = hi[k].max(p[k] + pad);
        }
    }
    (lo, hi)
}

/// Strokes `segments` (image-pixel coordinates) with `pen`.
fn stroke(canvas: &mut Canvas, view: View, pen: &Pen, segments: &[([f64; 2], [f64; 2])]) {
    let screen = view.screen[0].max(view.screen[1]);
    let width = (f64::from(pen.line_width).max(1.0) * screen).max(1.0);
    let half = width / 2.0;
    let ends: Vec<[f64; 2]> = segments.iter().flat_map(|(a, b)| [*a, *b]).collect();
    if ends.is_empty() {
        return;
    }
    let (lo, hi) = bbox(&ends, half);
    let mut mask = Mask::new(canvas.region, lo, hi);
    let stipple = pen.stipple;
    mask.fill(|x, y| {
        segments.iter().any(|(a, b)| {
            let d = [b[0] - a[0], b[1] - a[1]];
            let len = d[0].hypot(d[1]);
            if len == 0.0 {
                return false;
            }
            // How far along the segment (0 at `a`, 1 at `b`) and how far
            // from its line the pixel centre is.
            let t = ((x - a[0]) * d[0] + (y - a[1]) * d[1]) / (len * len);
            let off = ((x + TIE - a[0]) * d[1] - (y + TIE - a[1]) * d[0]).abs() / len;
            (0.0..1.0).contains(&t) && off < half && stipple.covers(t * len / screen)
        })
    });
    mask.paint(canvas, pen.colour);
}

fn fill_polygon(canvas: &mut Canvas, colour: [f32; 4], pts: &[[f64; 2]]) {
    let (lo, hi) = bbox(pts, 0.0);
    let mut mask = Mask::new(canvas.region, lo, hi);
    mask.fill(|x, y| {
        let (x, y) = (x + TIE, y + TIE);
        let mut inside = false;
        let n = pts.len();
        for i in 0..n {
            let (a, b) = (pts[i], pts[(i + n - 1) % n]);
            if (a[1] > y) != (b[1] > y) && x < (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]) + a[0] {
                inside = !inside;
            }
        }
        inside
    });
    mask.paint(canvas, colour);
}

/// The segments of a line primitive (points already mapped).
fn segments(kind: PrimitiveKind, p: &[[f64; 2]]) -> Vec<([f64; 2], [f64; 2])> {
    match kind {
        PrimitiveKind::Lines => p.chunks_exact(2).map(|c| (c[0], c[1])).collect(),
        PrimitiveKind::LineStrip => p.windows(2).map(|w| (w[0], w[1])).collect(),
        PrimitiveKind::LineLoop => {
            let mut s: Vec<_> = p.windows(2).map(|w| (w[0], w[1])).collect();
            if let (Some(first), Some(last)) = (p.first(), p.last()) {
                s.push((*last, *first));
            }
            s
        }
        PrimitiveKind::Ellipse if p.len() == 2 => {
            let c = [(p[0][0] + p[1][0]) / 2.0, (p[0][1] + p[1][1]) / 2.0];
            let r = [
                (p[1][0] - p[0][0]).abs() / 2.0,
                (p[1][1] - p[0][1]).abs() / 2.0,
            ];
            let ring: Vec<[f64; 2]> = (0..64)
                .map(|i| {
                    let a = i as f64 * std::f64::consts::TAU / 64.0;
                    [c[0] + r[0] * a.cos(), c[1] + r[1] * a.sin()]
                })
                .collect();
            segments(PrimitiveKind::LineLoop, &ring)
        }
        _ => Vec::new(),
    }
}

/// The box outlines standing for `text` (see the module documentation).
fn text_boxes(
    text: &str,
    at: [f64; 2],
    align: TextAlignment,
    screen: [f64; 2],
) -> Vec<([f64; 2], [f64; 2])> {
    let n = text.chars().count() as f64;
    let (w, h) = (6.0 * n - 1.0, 7.0);
    let x0 = at[0] - align.horizontal() * w * screen[0];
    let y0 = at[1] - align.vertical() * h * screen[1];
    let mut s = Vec::new();
    for (i, ch) in text.chars().enumerate() {
        if ch.is_whitespace() {
            continue;
        }
        // Through the centres of the box's edge pixels.
        let lx = x0 + (6.0 * i as f64 + 0.5) * screen[0];
        let by = y0 + 0.5 * screen[1];
        let (rx, ty) = (lx + 4.0 * screen[0], by + 6.0 * screen[1]);
        let (a, b, c, d) = ([lx, by], [rx, by], [rx, ty], [lx, ty]);
        s.extend([(a, b), (b, c), (c, d), (d, a)]);
    }
    s
}

impl Drawing {
    /// Rasterises the drawing over `region` (image pixels) at render
    /// scale `scale` (image pixels per canonical unit) onto a transparent
    /// canvas. See [the rules](crate::drawing::raster).
    pub fn rasterise(&self, region: Rect, scale: [f64; 2]) -> Canvas {
        let mut canvas = Canvas::new(region);
        self.paint(&mut canvas, scale);
        canvas
    }

    /// Rasterises the drawing at render scale `scale` and composites it over
    /// `image` (straight alpha; where `image` has no alpha the result is
    /// opaque), within the image's bounds.
    pub fn draw_over(&self, image: &mut ImageBuffer, scale: [f64; 2]) {
        let b = image.bounds();
        let region = Rect::new(b.x1, b.y1, b.x2, b.y2);
        let canvas = self.rasterise(region, scale);
        for y in region.y1..region.y2 {
            for x in region.x1..region.x2 {
                let (Some(top), Some(below)) = (canvas.get(x, y), image.get(x, y)) else {
                    continue;
                };
                if top[3] > 0.0 {
                    image.set(x, y, over(top, below));
                }
            }
        }
    }

    fn paint(&self, canvas: &mut Canvas, scale: [f64; 2]) {
        let view = View {
            scale,
            screen: [
                self.pixel_scale[0].abs() * scale[0],
                self.pixel_scale[1].abs() * scale[1],
            ],
        };
        for (pen, call) in self.shapes() {
            match call {
                DrawCall::Primitive { kind, points } => {
                    let p: Vec<[f64; 2]> = points.iter().map(|q| view.map(*q)).collect();
                    match kind {
                        PrimitiveKind::Rectangle if p.len() == 2 => {
                            let (lo, hi) = bbox(&p, 0.0);
                            let mut m = Mask::new(canvas.region, lo, hi);
                            m.fill(|x, y| {
                                let (x, y) = (x + TIE, y + TIE);
                                x >= lo[0] && x < hi[0] && y >= lo[1] && y < hi[1]
                            });
                            m.paint(canvas, pen.colour);
                        }
                        PrimitiveKind::Polygon if p.len() >= 3 => {
                            fill_polygon(canvas, pen.colour, &p)
                        }
                        _ => stroke(canvas, view, &pen, &segments(*kind, &p)),
                    }
                }
                DrawCall::Text {
                    text,
                    position,
                    alignment,
                } => {
                    let boxes = text_boxes(text, view.map(*position), *alignment, view.screen);
                    let pen = Pen {
                        line_width: 1.0,
                        stipple: super::Stipple::Solid,
                        ..pen
                    };
                    stroke(canvas, view, &pen, &boxes);
                }
                _ => {}
            }
        }
    }
}
