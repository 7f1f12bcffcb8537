//! Drawing an interact: one safe [`DrawContext`] over two backends.
//!
//! The draw action hands the interact a `DrawContext` borrowed from the
//! entry trampoline's frame, so it cannot be kept past the action or sent
//! to another thread. Behind it, the framework picks the backend at run
//! time: the OpenFX 1.5 Draw Suite when the host passes a draw context, or
//! else OpenGL 1.x immediate mode, loaded from the system's GL library
//! when first needed (the plugin does not link GL).
//!
//! Both backends receive the same primitives: circles, arcs and points are
//! made into polygons and line strips here, so one drawing looks the same
//! whichever backend runs it. Text goes to the Draw Suite's `drawText`; on
//! OpenGL it is drawn with a small built-in stroke font (upper-case Latin
//! letters, digits and common punctuation, 12 screen pixels high).

use std::f64::consts::TAU;
use std::marker::PhantomData;

use crate::error::{Error, Result};
use crate::geometry::{PointD, RectD};

/// An RGBA colour with components in `0..=1` (alpha blends the overlay
/// over the viewer's image).
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Colour {
    /// Red.
    pub r: f32,
    /// Green.
    pub g: f32,
    /// Blue.
    pub b: f32,
    /// Alpha (1 is opaque).
    pub a: f32,
}

impl Colour {
    /// Opaque white.
    pub const WHITE: Colour = Colour::rgb(1.0, 1.0, 1.0);
    /// Opaque black.
    pub const BLACK: Colour = Colour::rgb(0.0, 0.0, 0.0);
    /// Opaque red.
    pub const RED: Colour = Colour::rgb(1.0, 0.0, 0.0);
    /// Opaque green.
    pub const GREEN: Colour = Colour::rgb(0.0, 1.0, 0.0);
    /// Opaque blue.
    pub const BLUE: Colour = Colour::rgb(0.0, 0.0, 1.0);

    /// An opaque colour.
    pub const fn rgb(r: f32, g: f32, b: f32) -> Colour {
        Colour { r, g, b, a: 1.0 }
    }
    /// A colour with alpha.
    pub const fn rgba(r: f32, g: f32, b: f32, a: f32) -> Colour {
        Colour { r, g, b, a }
    }
}

/// The dash pattern of lines drawn after it is set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum LineStipple {
    /// A continuous line.
    #[default]
    Solid,
    /// Dots.
    Dot,
    /// Dashes.
    Dash,
    /// Dashes, shifted by half a period.
    AltDash,
    /// Alternating dots and dashes.
    DotDash,
}

/// The colours a host suggests for overlay elements, by purpose. Hosts
/// without the Draw Suite get the framework's fixed choices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StandardColour {
    /// Behind overlay elements (a shadow).
    Background,
    /// An element being dragged or hovered.
    Active,
    /// A selected element.
    Selected,
    /// An element neither active nor selected.
    Deselected,
    /// The outline of a selection marquee.
    MarqueeForeground,
    /// The inside of a selection marquee.
    MarqueeBackground,
    /// Text.
    Text,
}

impl StandardColour {
    /// The framework's colour for this purpose (used on OpenGL).
    pub fn fallback(self) -> Colour {
        match self {
            StandardColour::Background => Colour::rgba(0.0, 0.0, 0.0, 0.5),
            StandardColour::Active => Colour::rgb(1.0, 1.0, 0.0),
            StandardColour::Selected => Colour::rgb(1.0, 0.5, 0.0),
            StandardColour::Deselected => Colour::rgb(0.8, 0.8, 0.8),
            StandardColour::MarqueeForeground => Colour::WHITE,
            StandardColour::MarqueeBackground => Colour::rgba(0.5, 0.5, 0.5, 0.25),
            StandardColour::Text => Colour::WHITE,
        }
    }
}

/// Horizontal placement of text relative to its position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum HAlign {
    /// The text starts at the position.
    #[default]
    Left,
    /// The text is centred on the position.
    Centre,
    /// The text ends at the position.
    Right,
}

/// Vertical placement of text relative to its position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum VAlign {
    /// The position is on the text's baseline.
    #[default]
    Baseline,
    /// The position is at the bottom of the text.
    Bottom,
    /// The text is centred on the position.
    Centre,
    /// The position is at the top of the text.
    Top,
}

/// Where text sits relative to its position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct TextAlign {
    /// Horizontal placement.
    pub h: HAlign,
    /// Vertical placement.
    pub v: VAlign,
}

impl TextAlign {
    /// Text starting at the position, on its baseline.
    pub const LEFT: TextAlign = TextAlign {
        h: HAlign::Left,
        v: VAlign::Baseline,
    };
    /// Text centred on the position both ways.
    pub const CENTRE: TextAlign = TextAlign {
        h: HAlign::Centre,
        v: VAlign::Centre,
    };
}

/// The shapes a backend draws; every [`DrawContext`] call becomes these.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Primitive {
    /// Independent segments, two points each.
    Lines,
    /// A connected line.
    LineStrip,
    /// A connected line, closed.
    LineLoop,
    /// A filled axis-aligned rectangle between two corners.
    Rectangle,
    /// A filled convex polygon.
    Polygon,
}

/// What a draw backend does: the Draw Suite and OpenGL implement it in the
/// FFI layer (and tests record it).
pub(crate) trait Backend {
    fn colour(&mut self, c: Colour) -> Result<()>;
    fn line_width(&mut self, width: f32) -> Result<()>;
    fn stipple(&mut self, s: LineStipple) -> Result<()>;
    fn primitive(&mut self, kind: Primitive, points: &[PointD]) -> Result<()>;
    fn text(&mut self, text: &str, pos: PointD, align: TextAlign) -> Result<()>;
    fn standard_colour(&mut self, c: StandardColour) -> Result<Colour> {
        Ok(c.fallback())
    }
}

/// Draws an interact, through whichever backend the host supports.
///
/// Given to [`Interact::draw`](super::Interact::draw) for the length of the
/// draw action; there is no other way to get one. Positions are canonical
/// coordinates (the overlay's projection maps them to the viewer); use
/// [`DrawContext::pixel_scale`] to size handles in screen pixels.
pub struct DrawContext<'a> {
    backend: &'a mut dyn Backend,
    pixel_scale: PointD,
    point_size: f64,
    /// Not `Send`: the context belongs to the thread running the action.
    _thread: PhantomData<*const ()>,
}

/// The segment count of a full circle when the caller passes zero.
const DEFAULT_SEGMENTS: usize = 48;

impl<'a> DrawContext<'a> {
    pub(crate) fn new(backend: &'a mut dyn Backend, pixel_scale: PointD) -> DrawContext<'a> {
        DrawContext {
            backend,
            pixel_scale,
            point_size: 5.0,
            _thread: PhantomData,
        }
    }

    /// The size of one screen pixel in canonical units (x, y).
    pub fn pixel_scale(&self) -> PointD {
        self.pixel_scale
    }

    /// Sets the colour of what is drawn next.
    pub fn set_colour(&mut self, c: Colour) -> Result<()> {
        self.backend.colour(c)
    }
    /// The host's colour for a purpose (a fixed choice on OpenGL).
    pub fn standard_colour(&mut self, c: StandardColour) -> Result<Colour> {
        self.backend.standard_colour(c)
    }
    /// Sets the width of lines drawn next, in screen pixels.
    pub fn set_line_width(&mut self, width: f32) -> Result<()> {
        if !(width.is_finite() && width > 0.0) {
            return Err(Error::value(format!(
                "line width {width} is not a positive number of pixels"
            )));
        }
        self.backend.line_width(width)
    }
    /// Sets the dash pattern of lines drawn next.
    pub fn set_line_stipple(&mut self, s: LineStipple) -> Result<()> {
        self.backend.stipple(s)
    }
    /// Sets the side of the squares [`DrawContext::points`] draws, in screen
    /// pixels (5 until set).
    pub fn set_point_size(&mut self, pixels: f64) -> Result<()> {
        if !(pixels.is_finite() && pixels > 0.0) {
            return Err(Error::value(format!(
                "point size {pixels} is not a positive number of pixels"
            )));
        }
        self.point_size = pixels;
        Ok(())
    }

    /// Independent segments: points 0-1, 2-3... An odd count is an error.
    pub fn lines(&mut self, points: &[PointD]) -> Result<()> {
        if !points.len().is_multiple_of(2) {
            return Err(Error::value(format!(
                "lines take pairs of points, got {}",
                points.len()
            )));
        }
        self.emit(Primitive::Lines, points, 2)
    }
    /// One segment.
    pub fn line(&mut self, a: PointD, b: PointD) -> Result<()> {
        self.lines(&[a, b])
    }
    /// A line through the points in order.
    pub fn line_strip(&mut self, points: &[PointD]) -> Result<()> {
        self.emit(Primitive::LineStrip, points, 2)
    }
    /// A closed line through the points in order.
    pub fn line_loop(&mut self, points: &[PointD]) -> Result<()> {
        self.emit(Primitive::LineLoop, points, 2)
    }
    /// A filled convex polygon.
    pub fn polygon(&mut self, points: &[PointD]) -> Result<()> {
        self.emit(Primitive::Polygon, points, 3)
    }
    /// A filled axis-aligned rectangle.
    pub fn rectangle(&mut self, r: RectD) -> Result<()> {
        self.emit(
            Primitive::Rectangle,
            &[PointD::new(r.x1, r.y1), PointD::new(r.x2, r.y2)],
            2,
        )
    }
    /// The outline of an axis-aligned rectangle.
    pub fn rectangle_outline(&mut self, r: RectD) -> Result<()> {
        self.line_loop(&[
            PointD::new(r.x1, r.y1),
            PointD::new(r.x2, r.y1),
            PointD::new(r.x2, r.y2),
            PointD::new(r.x1, r.y2),
        ])
    }
    /// A filled square of the point size (in screen pixels) centred on each
    /// point.
    pub fn points(&mut self, points: &[PointD]) -> Result<()> {
        let hx = self.point_size * self.pixel_scale.x / 2.0;
        let hy = self.point_size * self.pixel_scale.y / 2.0;
        for p in points {
            self.rectangle(RectD::new(p.x - hx, p.y - hy, p.x + hx, p.y + hy))?;
        }
        Ok(())
    }
    /// The outline of a circle of `radius` canonical units, made of
    /// `segments` segments (0 picks a default).
    pub fn circle(&mut self, centre: PointD, radius: f64, segments: usize) -> Result<()> {
        let pts = arc_points(centre, radius, 0.0, TAU, segments, false);
        self.line_loop(&pts)
    }
    /// A filled circle, as a polygon of `segments` sides (0 picks a default).
    pub fn disc(&mut self, centre: PointD, radius: f64, segments: usize) -> Result<()> {
        let pts = arc_points(centre, radius, 0.0, TAU, segments, false);
        self.polygon(&pts)
    }
    /// An arc from angle `start` to `end` (radians, counter-clockwise from
    /// +x), made of `segments` segments (0 picks a default).
    pub fn arc(
        &mut self,
        centre: PointD,
        radius: f64,
        start: f64,
        end: f64,
        segments: usize,
    ) -> Result<()> {
        let pts = arc_points(centre, radius, start, end, segments, true);
        self.line_strip(&pts)
    }
    /// Text at a position (UTF-8; the OpenGL fallback draws the characters
    /// its stroke font has and skips others).
    pub fn text(&mut self, text: &str, pos: PointD, align: TextAlign) -> Result<()> {
        if text.contains('\0') {
            return Err(Error::value("text contains a NUL character"));
        }
        check_points(&[pos])?;
        self.backend.text(text, pos, align)
    }

    fn emit(&mut self, kind: Primitive, points: &[PointD], min: usize) -> Result<()> {
        if points.is_empty() {
            return Ok(());
        }
        if points.len() < min {
            return Err(Error::value(format!(
                "{kind:?} needs at least {min} points, got {}",
                points.len()
            )));
        }
        check_points(points)?;
        self.backend.primitive(kind, points)
    }
}

fn check_points(points: &[PointD]) -> Result<()> {
    match points
        .iter()
        .find(|p| !(p.x.is_finite() && p.y.is_finite()))
    {
        Some(p) => Err(Error::value(format!(
            "cannot draw through the non-finite point ({}, {})",
            p.x, p.y
        ))),
        None => Ok(()),
    }
}

/// Points along an arc. A closed circle repeats no point; an open arc
/// includes both ends.
pub(crate) fn arc_points(
    c: PointD,
    r: f64,
    start: f64,
    end: f64,
    segments: usize,
    open: bool,
) -> Vec<PointD> {
    let full = ((end - start).abs() / TAU).min(1.0);
    let n = if segments == 0 {
        ((DEFAULT_SEGMENTS as f64 * full).ceil() as usize).max(2)
    } else {
        segments.max(if open { 1 } else { 3 })
    };
    let count = if open { n + 1 } else { n };
    (0..count)
        .map(|i| {
            let a = start + (end - start) * i as f64 / n as f64;
            PointD::new(c.x + r * a.cos(), c.y + r * a.sin())
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A backend that records what it is asked to draw.
    #[derive(Default)]
    pub(crate) struct Recorder(pub Vec<String>);

    impl Backend for Recorder {
        fn colour(&mut self, c: Colour) -> Result<()> {
            self.0
                .push(format!("colour {} {} {} {}", c.r, c.g, c.b, c.a));
            Ok(())
        }
        fn line_width(&mut self, w: f32) -> Result<()> {
            self.0.push(format!("width {w}"));
            Ok(())
        }
        fn stipple(&mut self, s: LineStipple) -> Result<()> {
            self.0.push(format!("stipple {s:?}"));
            Ok(())
        }
        fn primitive(&mut self, kind: Primitive, points: &[PointD]) -> Result<()> {
            let p: Vec<String> = points.iter().map(|p| format!("{},{}", p.x, p.y)).collect();
            self.0.push(format!("{kind:?} {}", p.join(" ")));
            Ok(())
        }
        fn text(&mut self, text: &str, pos: PointD, _: TextAlign) -> Result<()> {
            self.0.push(format!("text {text} {},{}", pos.x, pos.y));
            Ok(())
        }
    }

    #[test]
    fn shapes_become_primitives() {
        let mut r = Recorder::default();
        let mut dc = DrawContext::new(&mut r, PointD::new(2.0, 2.0));
        dc.rectangle_outline(RectD::new(0.0, 0.0, 4.0, 2.0))
            .unwrap();
        dc.set_point_size(1.0).unwrap();
        dc.points(&[PointD::new(10.0, 10.0)]).unwrap();
        dc.circle(PointD::new(0.0, 0.0), 1.0, 4).unwrap();
        dc.line_strip(&[]).unwrap();
        assert_eq!(r.0[0], "LineLoop 0,0 4,0 4,2 0,2");
        assert_eq!(r.0[1], "Rectangle 9,9 11,11");
        assert!(
            r.0[2].starts_with("LineLoop 1,0 0.0000000000000000612"),
            "{}",
            r.0[2]
        );
        assert_eq!(r.0.len(), 3, "an empty strip draws nothing");
    }

    #[test]
    fn arcs_include_both_ends_and_circles_do_not_repeat() {
        let half = arc_points(PointD::default(), 2.0, 0.0, TAU / 2.0, 4, true);
        assert_eq!(half.len(), 5);
        assert!((half[4].x + 2.0).abs() < 1e-12 && half[4].y.abs() < 1e-12);
        let full = arc_points(PointD::default(), 1.0, 0.0, TAU, 0, false);
        assert_eq!(full.len(), DEFAULT_SEGMENTS);
    }

    #[test]
    fn bad_input_is_a_clean_error() {
        let mut r = Recorder::default();
        let mut dc = DrawContext::new(&mut r, PointD::new(1.0, 1.0));
        assert!(dc.lines(&[PointD::default(); 3]).is_err());
        assert!(dc.polygon(&[PointD::default(); 2]).is_err());
        assert!(
            dc.line(PointD::new(f64::NAN, 0.0), PointD::default())
                .is_err()
        );
        assert!(dc.set_line_width(0.0).is_err());
        assert!(dc.set_point_size(f64::INFINITY).is_err());
        assert!(dc.text("a\0b", PointD::default(), TextAlign::LEFT).is_err());
        assert!(r.0.is_empty(), "nothing reached the backend: {:?}", r.0);
    }
}
