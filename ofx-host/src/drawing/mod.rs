//! What an interact drew: the calls it made to the OFX 1.5 Draw Suite, in
//! order, as values a test can compare, and a software rasteriser that turns
//! them into pixels ([`Drawing::rasterise`], [`Drawing::draw_over`]; the rules are in [`raster`]).
//!
//! Coordinates are canonical, as the plugin passed them. Nothing here
//! touches the host's object store: the Draw Suite functions in the C layer
//! append [`DrawCall`]s, and the driver hands them back as a [`Drawing`].
//!
//! ```
//! use ofx_host::drawing::{DrawCall, Drawing, PrimitiveKind};
//! let d = Drawing::from_calls(vec![
//!     DrawCall::Colour([1.0, 0.0, 0.0, 1.0]),
//!     DrawCall::Primitive { kind: PrimitiveKind::Lines, points: vec![[0.0, 0.0], [10.0, 0.0]] },
//! ]);
//! assert_eq!(d.primitives(PrimitiveKind::Lines).count(), 1);
//! ```

pub mod raster;

pub use raster::Canvas;

/// A shape of the Draw Suite's `draw` function.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PrimitiveKind {
    /// Separate segments: points 0-1, 2-3... (an even count, at least 2).
    Lines,
    /// Connected segments through every point (at least 2).
    LineStrip,
    /// Connected segments through every point and back to the first (at
    /// least 2).
    LineLoop,
    /// An axis-aligned filled rectangle between two opposite corners
    /// (exactly 2 points).
    Rectangle,
    /// A filled polygon through every point (at least 3).
    Polygon,
    /// An axis-aligned ellipse outline inside the rectangle of two opposite
    /// corners (exactly 2 points).
    Ellipse,
}

impl PrimitiveKind {
    /// The kind a `kOfxDrawPrimitive*` value names.
    pub fn from_ofx(value: i32) -> Option<PrimitiveKind> {
        use PrimitiveKind::*;
        Some(match value {
            0 => Lines,
            1 => LineStrip,
            2 => LineLoop,
            3 => Rectangle,
            4 => Polygon,
            5 => Ellipse,
            _ => return None,
        })
    }

    /// Whether `count` points make a valid primitive of this kind (the Draw
    /// Suite answers `kOfxStatErrValue` otherwise).
    pub fn accepts(self, count: usize) -> bool {
        use PrimitiveKind::*;
        match self {
            Lines => count >= 2 && count.is_multiple_of(2),
            LineStrip | LineLoop => count >= 2,
            Rectangle | Ellipse => count == 2,
            Polygon => count >= 3,
        }
    }
}

/// A line stipple pattern of the Draw Suite's `setLineStipple`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Stipple {
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

impl Stipple {
    /// The pattern a `kOfxDrawLineStipplePattern*` value names.
    pub fn from_ofx(value: i32) -> Option<Stipple> {
        use Stipple::*;
        Some(match value {
            0 => Solid,
            1 => Dot,
            2 => Dash,
            3 => AltDash,
            4 => DotDash,
            _ => return None,
        })
    }

    /// Whether the pixel at `distance` screen pixels along a line is drawn.
    /// Each pattern repeats every 8 pixels.
    pub fn covers(self, distance: f64) -> bool {
        let phase = distance.rem_euclid(8.0);
        match self {
            Stipple::Solid => true,
            Stipple::Dot => phase < 1.0 || (4.0..5.0).contains(&phase),
            Stipple::Dash => phase < 4.0,
            Stipple::AltDash => phase >= 4.0,
            Stipple::DotDash => phase < 1.0 || (3.0..7.0).contains(&phase),
        }
    }
}

/// A host colour the Draw Suite's `getColour` answers for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StandardColour {
    /// The overlay's background.
    OverlayBackground,
    /// An active (hovered or dragged) handle.
    OverlayActive,
    /// A selected handle.
    OverlaySelected,
    /// An unselected handle.
    OverlayDeselected,
    /// A marquee's foreground.
    OverlayMarqueeFg,
    /// A marquee's background.
    OverlayMarqueeBg,
    /// Text.
    OverlayText,
}

impl StandardColour {
    /// The colour a `kOfxStandardColour*` value names.
    pub fn from_ofx(value: i32) -> Option<StandardColour> {
        use StandardColour::*;
        Some(match value {
            0 => OverlayBackground,
            1 => OverlayActive,
            2 => OverlaySelected,
            3 => OverlayDeselected,
            4 => OverlayMarqueeFg,
            5 => OverlayMarqueeBg,
            6 => OverlayText,
            _ => return None,
        })
    }

    /// This host's value for the colour (RGBA), given the viewport's
    /// background: the background itself, opaque, for
    /// [`OverlayBackground`](StandardColour::OverlayBackground); fixed
    /// colours otherwise (yellow active, orange selected, light grey
    /// deselected, white and black marquee, white text).
    pub fn rgba(self, background: [f64; 3]) -> [f32; 4] {
        use StandardColour::*;
        match self {
            OverlayBackground => [
                background[0] as f32,
                background[1] as f32,
                background[2] as f32,
                1.0,
            ],
            OverlayActive => [1.0, 1.0, 0.0, 1.0],
            OverlaySelected => [1.0, 0.5, 0.0, 1.0],
            OverlayDeselected => [0.8, 0.8, 0.8, 1.0],
            OverlayMarqueeFg | OverlayText => [1.0, 1.0, 1.0, 1.0],
            OverlayMarqueeBg => [0.0, 0.0, 0.0, 1.0],
        }
    }
}

/// Text alignment flags of the Draw Suite's `drawText`
/// (`kOfxDrawTextAlignment*`), as the plugin passed them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct TextAlignment(pub i32);

impl TextAlignment {
    /// Left aligned (`kOfxDrawTextAlignmentLeft`).
    pub const LEFT: i32 = 0x1;
    /// Right aligned.
    pub const RIGHT: i32 = 0x2;
    /// Top aligned.
    pub const TOP: i32 = 0x4;
    /// Bottom aligned.
    pub const BOTTOM: i32 = 0x8;
    /// Baseline aligned.
    pub const BASELINE: i32 = 0x10;

    /// Horizontal placement: 0 for left (the default), 0.5 for centred
    /// (both left and right set), 1 for right; the fraction of the text's
    /// width that lies left of the position.
    pub fn horizontal(self) -> f64 {
        match (self.0 & Self::LEFT != 0, self.0 & Self::RIGHT != 0) {
            (true, true) => 0.5,
            (false, true) => 1.0,
            _ => 0.0,
        }
    }

    /// Vertical placement: the fraction of the text's height that lies
    /// below the position: 0 for bottom or baseline (the default), 1 for
    /// top, 0.5 for centred (top and baseline both set).
    pub fn vertical(self) -> f64 {
        let top = self.0 & Self::TOP != 0;
        let low = self.0 & (Self::BOTTOM | Self::BASELINE) != 0;
        match (top, low) {
            (true, true) => 0.5,
            (true, false) => 1.0,
            _ => 0.0,
        }
    }
}

/// One call an interact made to the Draw Suite during a draw action.
#[derive(Clone, Debug, PartialEq)]
pub enum DrawCall {
    /// `setColour`: RGBA for what follows.
    Colour([f32; 4]),
    /// `setLineWidth`: the width of lines that follow, in screen pixels (0
    /// is a one-pixel line).
    LineWidth(f32),
    /// `setLineStipple`: the pattern of lines that follow.
    LineStipple(Stipple),
    /// `draw`: a primitive and its points, in canonical coordinates.
    Primitive {
        /// The shape.
        kind: PrimitiveKind,
        /// Its points.
        points: Vec<[f64; 2]>,
    },
    /// `drawText`: UTF-8 text at a canonical position.
    Text {
        /// The text.
        text: String,
        /// Where it is anchored.
        position: [f64; 2],
        /// How it is placed around the position.
        alignment: TextAlignment,
    },
    /// `getColour`: the host colour asked for (recorded because a test may
    /// want to know the plugin asked; it changes nothing drawn).
    GetColour(StandardColour),
}

/// The Draw Suite state a primitive is drawn with.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pen {
    /// RGBA.
    pub colour: [f32; 4],
    /// Line width in screen pixels (0 draws one pixel wide).
    pub line_width: f32,
    /// Line pattern.
    pub stipple: Stipple,
}

impl Default for Pen {
    /// Opaque white, one pixel wide, solid: the state at the start of every
    /// draw action.
    fn default() -> Self {
        Pen {
            colour: [1.0, 1.0, 1.0, 1.0],
            line_width: 1.0,
            stipple: Stipple::Solid,
        }
    }
}

/// Everything an interact drew in one draw action.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Drawing {
    calls: Vec<DrawCall>,
    /// Whether the interact trapped the draw action (`kOfxStatOK`) rather
    /// than ignoring it (`kOfxStatReplyDefault`).
    pub trapped: bool,
    /// The pixel scale the action was sent with (canonical units per
    /// screen pixel): line widths, points and text sizes are in screen
    /// pixels, so the rasteriser uses it.
    pub pixel_scale: [f64; 2],
}

impl Drawing {
    /// A drawing of `calls` (trapped, pixel scale 1).
    pub fn from_calls(calls: Vec<DrawCall>) -> Drawing {
        Drawing {
            calls,
            trapped: true,
            pixel_scale: [1.0, 1.0],
        }
    }

    /// Every Draw Suite call, in order.
    pub fn calls(&self) -> &[DrawCall] {
        &self.calls
    }

    /// Whether nothing was drawn (no primitive and no text).
    pub fn is_empty(&self) -> bool {
        self.shapes().next().is_none()
    }

    /// The points of every primitive of `kind`, in order.
    pub fn primitives(&self, kind: PrimitiveKind) -> impl Iterator<Item = &[[f64; 2]]> {
        self.calls.iter().filter_map(move |c| match c {
            DrawCall::Primitive { kind: k, points } if *k == kind => Some(points.as_slice()),
            _ => None,
        })
    }

    /// The texts drawn, with their positions.
    pub fn texts(&self) -> impl Iterator<Item = (&str, [f64; 2])> {
        self.calls.iter().filter_map(|c| match c {
            DrawCall::Text { text, position, .. } => Some((text.as_str(), *position)),
            _ => None,
        })
    }

    /// Every primitive and text with the colour, width and stipple in force
    /// when it was drawn.
    pub fn shapes(&self) -> impl Iterator<Item = (Pen, &DrawCall)> {
        let mut pen = Pen::default();
        self.calls.iter().filter_map(move |c| match c {
            DrawCall::Colour(rgba) => {
                pen.colour = *rgba;
                None
            }
            DrawCall::LineWidth(w) => {
                pen.line_width = *w;
                None
            }
            DrawCall::LineStipple(s) => {
                pen.stipple = *s;
                None
            }
            DrawCall::GetColour(_) => None,
            DrawCall::Primitive { .. } | DrawCall::Text { .. } => Some((pen, c)),
        })
    }
}
