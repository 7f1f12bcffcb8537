//! The typed words of the host API: contexts, standard clip names,
//! premultiplication, fields, instance-changed subjects and reasons, and
//! integer rectangles.
//!
//! Each OpenFX string a caller would otherwise spell by hand is a variant
//! here, with `ofx_name()` for the string the plugin sees and `parse` for
//! the way back. Nothing here touches the host's object store.

use std::ffi::CStr;
use std::fmt;

use ofx_sys::{OfxRectD, OfxRectI};

/// An `ofx_sys` name constant as a `&str`, usable in constants:
/// `ofx_str(ofx_sys::kOfxPropType)`. The host spells OpenFX names this
/// way, never as literals (`tests/constant_literals.rs` checks).
pub(crate) const fn ofx_str(name: &'static CStr) -> &'static str {
    match std::str::from_utf8(name.to_bytes()) {
        Ok(s) => s,
        Err(_) => panic!("OpenFX names are ASCII"),
    }
}

fn text(name: &'static CStr) -> &'static str {
    ofx_str(name)
}

// The reader and writer contexts are an extension (TuttleOFX's
// `ofxReadWrite.h`, used by Natron), not OpenFX 1.5.1, so ofx_sys does not
// have them. This host does not offer them by default.
const CONTEXT_READER: &CStr = c"OfxImageEffectContextReader";
const CONTEXT_WRITER: &CStr = c"OfxImageEffectContextWriter";

macro_rules! ofx_enum {
    (
        $(#[$m:meta])* $ty:ident {
            $( $(#[$vm:meta])* $variant:ident = $name:path, )*
        }
    ) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $ty {
            $( $(#[$vm])* $variant, )*
        }

        impl $ty {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),*];

            /// The OpenFX string for this value.
            pub fn ofx_name(self) -> &'static str {
                text(self.ofx_cname())
            }

            /// The OpenFX string for this value, as the C constant.
            pub fn ofx_cname(self) -> &'static CStr {
                match self {
                    $( $ty::$variant => $name, )*
                }
            }

            /// The value named by the OpenFX string `name`, if any.
            pub fn parse(name: &str) -> Option<$ty> {
                $ty::ALL.iter().copied().find(|v| v.ofx_name() == name)
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.ofx_name())
            }
        }

        impl std::str::FromStr for $ty {
            type Err = String;
            fn from_str(s: &str) -> Result<$ty, String> {
                $ty::parse(s).ok_or_else(|| format!("'{s}' is not a {}", stringify!($ty)))
            }
        }
    };
}

ofx_enum! {
    /// An image-effect context (`kOfxImageEffectContext*`).
    Context {
        /// One input, one output (`kOfxImageEffectContextFilter`).
        Filter = ofx_sys::kOfxImageEffectContextFilter,
        /// Any clips the plugin defines (`kOfxImageEffectContextGeneral`).
        General = ofx_sys::kOfxImageEffectContextGeneral,
        /// No input (`kOfxImageEffectContextGenerator`).
        Generator = ofx_sys::kOfxImageEffectContextGenerator,
        /// Two inputs and a transition parameter (`kOfxImageEffectContextTransition`).
        Transition = ofx_sys::kOfxImageEffectContextTransition,
        /// Source, brush and output (`kOfxImageEffectContextPaint`).
        Paint = ofx_sys::kOfxImageEffectContextPaint,
        /// Source at other times (`kOfxImageEffectContextRetimer`).
        Retimer = ofx_sys::kOfxImageEffectContextRetimer,
        /// Reads images from files (`kOfxImageEffectContextReader`, an
        /// extension).
        Reader = CONTEXT_READER,
        /// Writes images to files (`kOfxImageEffectContextWriter`, an
        /// extension).
        Writer = CONTEXT_WRITER,
    }
}

ofx_enum! {
    /// How an image's colour relates to its alpha
    /// (`kOfxImageEffectPropPreMultiplication`).
    Premultiplication {
        /// Alpha is one everywhere (`kOfxImageOpaque`).
        Opaque = ofx_sys::kOfxImageOpaque,
        /// Colour is multiplied by alpha (`kOfxImagePreMultiplied`).
        PreMultiplied = ofx_sys::kOfxImagePreMultiplied,
        /// Colour is not multiplied by alpha (`kOfxImageUnPreMultiplied`).
        UnPreMultiplied = ofx_sys::kOfxImageUnPreMultiplied,
    }
}

ofx_enum! {
    /// A field of interlaced video: which one to render
    /// (`kOfxImageEffectPropFieldToRender`), or a clip's field order
    /// (`kOfxImageClipPropFieldOrder`, which uses `None`, `Lower` and `Upper`).
    #[derive(Default)]
    Field {
        /// Unfielded (`kOfxImageFieldNone`).
        #[default]
        None = ofx_sys::kOfxImageFieldNone,
        /// Both fields (`kOfxImageFieldBoth`).
        Both = ofx_sys::kOfxImageFieldBoth,
        /// The lower field (`kOfxImageFieldLower`).
        Lower = ofx_sys::kOfxImageFieldLower,
        /// The upper field (`kOfxImageFieldUpper`).
        Upper = ofx_sys::kOfxImageFieldUpper,
    }
}

ofx_enum! {
    /// Why an instance changed (`kOfxPropChangeReason`).
    ChangeReason {
        /// The user edited a value (`kOfxChangeUserEdited`).
        UserEdited = ofx_sys::kOfxChangeUserEdited,
        /// The plugin wrote a value (`kOfxChangePluginEdited`).
        PluginEdited = ofx_sys::kOfxChangePluginEdited,
        /// The time changed (`kOfxChangeTime`).
        Time = ofx_sys::kOfxChangeTime,
    }
}

/// What changed, for `kOfxActionInstanceChanged`: a parameter or a clip,
/// by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Changed<'a> {
    /// The parameter of this name (`kOfxTypeParameter`).
    Param(&'a str),
    /// The clip of this name (`kOfxTypeClip`).
    Clip(&'a str),
}

impl<'a> Changed<'a> {
    /// The OpenFX type of the changed object (`kOfxPropType`).
    pub fn ofx_type(self) -> &'static str {
        match self {
            Changed::Param(_) => text(ofx_sys::kOfxTypeParameter),
            Changed::Clip(_) => text(ofx_sys::kOfxTypeClip),
        }
    }

    /// The changed object's name.
    pub fn name(self) -> &'a str {
        match self {
            Changed::Param(n) | Changed::Clip(n) => n,
        }
    }
}

/// A clip name. The standard names are constants; any `&str` names a
/// custom clip, so the clip methods take `impl AsRef<str>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ClipName(&'static str);

impl ClipName {
    /// The main input (`kOfxImageEffectSimpleSourceClipName`).
    pub const SOURCE: ClipName = ClipName("Source");
    /// The output (`kOfxImageEffectOutputClipName`).
    pub const OUTPUT: ClipName = ClipName("Output");
    /// A paint or general context's mask (`Brush` in paint).
    pub const BRUSH: ClipName = ClipName("Brush");
    /// A transition's first input (`kOfxImageEffectTransitionSourceFromClipName`).
    pub const SOURCE_FROM: ClipName = ClipName("SourceFrom");
    /// A transition's second input (`kOfxImageEffectTransitionSourceToClipName`).
    pub const SOURCE_TO: ClipName = ClipName("SourceTo");

    /// The name as a string.
    pub const fn as_str(self) -> &'static str {
        self.0
    }
}

impl AsRef<str> for ClipName {
    fn as_ref(&self) -> &str {
        self.0
    }
}

impl fmt::Display for ClipName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// An integer rectangle in pixels, x2/y2 exclusive; converts into
/// [`OfxRectI`] and [`OfxRectD`] wherever the host takes one, and compares
/// equal to an `OfxRectI` with the same corners.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Rect {
    /// Left (inclusive).
    pub x1: i32,
    /// Bottom (inclusive).
    pub y1: i32,
    /// Right (exclusive).
    pub x2: i32,
    /// Top (exclusive).
    pub y2: i32,
}

impl Rect {
    /// The rectangle with these corners.
    pub const fn new(x1: i32, y1: i32, x2: i32, y2: i32) -> Rect {
        Rect { x1, y1, x2, y2 }
    }

    /// `width` × `height` pixels from the origin.
    pub const fn from_size(width: i32, height: i32) -> Rect {
        Rect::new(0, 0, width, height)
    }

    /// As the C type.
    pub const fn ofx(self) -> OfxRectI {
        OfxRectI {
            x1: self.x1,
            y1: self.y1,
            x2: self.x2,
            y2: self.y2,
        }
    }

    /// As a canonical (double) C rectangle with the same corners.
    pub fn ofx_d(self) -> OfxRectD {
        self.into()
    }
}

impl From<Rect> for OfxRectI {
    fn from(r: Rect) -> OfxRectI {
        r.ofx()
    }
}

impl From<OfxRectI> for Rect {
    fn from(r: OfxRectI) -> Rect {
        Rect::new(r.x1, r.y1, r.x2, r.y2)
    }
}

impl From<Rect> for OfxRectD {
    fn from(r: Rect) -> OfxRectD {
        OfxRectD {
            x1: f64::from(r.x1),
            y1: f64::from(r.y1),
            x2: f64::from(r.x2),
            y2: f64::from(r.y2),
        }
    }
}

impl PartialEq<OfxRectI> for Rect {
    fn eq(&self, other: &OfxRectI) -> bool {
        *self == Rect::from(*other)
    }
}

impl PartialEq<Rect> for OfxRectI {
    fn eq(&self, other: &Rect) -> bool {
        Rect::from(*self) == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_context_parses_back_from_its_ofx_name() {
        for c in Context::ALL {
            assert_eq!(Context::parse(c.ofx_name()), Some(*c));
        }
        assert_eq!(
            Context::Filter.ofx_cname(),
            ofx_sys::kOfxImageEffectContextFilter
        );
        assert_eq!(Context::parse("Filter"), None);
    }

    #[test]
    fn rect_converts_and_compares_with_the_c_type() {
        let r = Rect::from_size(4, 2);
        assert_eq!(OfxRectI::from(r), Rect::new(0, 0, 4, 2));
        assert_eq!(OfxRectD::from(r).x2, 4.0);
    }
}
