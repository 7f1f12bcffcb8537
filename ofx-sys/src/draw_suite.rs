//! `ofxDrawSuite.h`: drawing overlays through the host, without OpenGL
//! (added in OpenFX 1.5).

use ::core::ffi::{c_char, c_float, c_int};

use crate::core::{OfxPointD, OfxStatus};
use crate::pixels::OfxRGBAColourF;

handle! {
    /// A context in which an overlay draws, passed to the draw action.
    OfxDrawContextHandle => OfxDrawContext
}

macro_rules! c_enum {
    (
        $(#[$m:meta])* $ty:ident;
        $( $(#[doc = $doc:literal])* $name:ident = $value:expr; )*
    ) => {
        $(#[$m])*
        #[repr(transparent)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $ty(pub c_int);
        $( $(#[doc = $doc])* pub const $name: $ty = $ty($value); )*
    };
}

c_enum! {
    /// A colour the host picks for overlays, by purpose (the C enum
    /// `OfxStandardColour`, passed by value as a C int).
    OfxStandardColour;
    /// The colour behind overlays.
    kOfxStandardColourOverlayBackground = 0;
    /// The colour of an active overlay element.
    kOfxStandardColourOverlayActive = 1;
    /// The colour of a selected overlay element.
    kOfxStandardColourOverlaySelected = 2;
    /// The colour of a deselected overlay element.
    kOfxStandardColourOverlayDeselected = 3;
    /// The foreground colour of a selection marquee.
    kOfxStandardColourOverlayMarqueeFG = 4;
    /// The background colour of a selection marquee.
    kOfxStandardColourOverlayMarqueeBG = 5;
    /// The colour of overlay text.
    kOfxStandardColourOverlayText = 6;
}

c_enum! {
    /// The dash pattern of lines (the C enum `OfxDrawLineStipplePattern`).
    OfxDrawLineStipplePattern;
    /// A continuous line.
    kOfxDrawLineStipplePatternSolid = 0;
    /// A dotted line.
    kOfxDrawLineStipplePatternDot = 1;
    /// A dashed line.
    kOfxDrawLineStipplePatternDash = 2;
    /// A dashed line, offset by half a dash.
    kOfxDrawLineStipplePatternAltDash = 3;
    /// Alternating dots and dashes.
    kOfxDrawLineStipplePatternDotDash = 4;
}

c_enum! {
    /// The kind of shape `draw` makes of its points (the C enum `OfxDrawPrimitive`).
    OfxDrawPrimitive;
    /// Separate segments, one per pair of points.
    kOfxDrawPrimitiveLines = 0;
    /// A connected polyline.
    kOfxDrawPrimitiveLineStrip = 1;
    /// A closed polyline.
    kOfxDrawPrimitiveLineLoop = 2;
    /// A rectangle given by two corners.
    kOfxDrawPrimitiveRectangle = 3;
    /// A filled polygon.
    kOfxDrawPrimitivePolygon = 4;
    /// An ellipse inside the rectangle given by two corners.
    kOfxDrawPrimitiveEllipse = 5;
}

c_enum! {
    /// Flags for the alignment of text drawn with `drawText` (the C enum
    /// `OfxDrawTextAlignment`); the function takes them as a plain C int.
    OfxDrawTextAlignment;
    /// Align the left edge with the position.
    kOfxDrawTextAlignmentLeft = 0x0001;
    /// Align the right edge with the position.
    kOfxDrawTextAlignmentRight = 0x0002;
    /// Align the top edge with the position.
    kOfxDrawTextAlignmentTop = 0x0004;
    /// Align the bottom edge with the position.
    kOfxDrawTextAlignmentBottom = 0x0008;
    /// Align the baseline with the position.
    kOfxDrawTextAlignmentBaseline = 0x0010;
    /// Centre horizontally (left and right together).
    kOfxDrawTextAlignmentCenterH = 0x0001 | 0x0002;
    /// Centre vertically (top and baseline together).
    kOfxDrawTextAlignmentCenterV = 0x0004 | 0x0010;
}

structs! {
    header = "ofxDrawSuite.h";

    /// Functions to draw an overlay in a host-provided draw context.
    #[derive(Debug, Clone, Copy)]
    pub struct OfxDrawSuiteV1 {
        /// Reads the host's colour for a standard purpose.
        pub getColour: Option<unsafe extern "C" fn(context: OfxDrawContextHandle, std_colour: OfxStandardColour, colour: *mut OfxRGBAColourF) -> OfxStatus>,
        /// Sets the colour of what is drawn next.
        pub setColour: Option<unsafe extern "C" fn(context: OfxDrawContextHandle, colour: *const OfxRGBAColourF) -> OfxStatus>,
        /// Sets the line width; 0 asks for a one-pixel line.
        pub setLineWidth: Option<unsafe extern "C" fn(context: OfxDrawContextHandle, width: c_float) -> OfxStatus>,
        /// Sets the dash pattern of lines.
        pub setLineStipple: Option<unsafe extern "C" fn(context: OfxDrawContextHandle, pattern: OfxDrawLineStipplePattern) -> OfxStatus>,
        /// Draws a primitive through `point_count` points.
        pub draw: Option<unsafe extern "C" fn(context: OfxDrawContextHandle, primitive: OfxDrawPrimitive, points: *const OfxPointD, point_count: c_int) -> OfxStatus>,
        /// Draws UTF-8 text at a position with alignment flags.
        pub drawText: Option<unsafe extern "C" fn(context: OfxDrawContextHandle, text: *const c_char, pos: *const OfxPointD, alignment: c_int) -> OfxStatus>,
    }
}

constants! {
    header = "ofxDrawSuite.h";

    /// Name of the draw suite, to pass to `OfxHost::fetchSuite`.
    str kOfxDrawSuite = c"OfxDrawSuite";

    /// Property `OfxInteractPropDrawContext`: pointer, one value.
    ///
    /// Action arguments: OfxInteractActionDraw inArgs.
    str kOfxInteractPropDrawContext = c"OfxInteractPropDrawContext";
}
