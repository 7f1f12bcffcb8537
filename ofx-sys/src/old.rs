//! `ofxOld.h`: deprecated declarations kept for source compatibility — YUVA
//! pixels, normalised double types and a few retired properties.

use ::core::ffi::{c_float, c_uchar, c_ushort};

structs! {
    header = "ofxOld.h";

    /// A YUVA pixel with 8-bit unsigned components (deprecated).
    #[derive(Debug, Clone, Copy, PartialEq, Default)]
    pub struct OfxYUVAColourB {
        /// The luma (Y) component.
        pub y: c_uchar,
        /// The blue-difference chroma (U) component.
        pub u: c_uchar,
        /// The red-difference chroma (V) component.
        pub v: c_uchar,
        /// The alpha component.
        pub a: c_uchar,
    }

    /// A YUVA pixel with 16-bit unsigned components (deprecated).
    #[derive(Debug, Clone, Copy, PartialEq, Default)]
    pub struct OfxYUVAColourS {
        /// The luma (Y) component.
        pub y: c_ushort,
        /// The blue-difference chroma (U) component.
        pub u: c_ushort,
        /// The red-difference chroma (V) component.
        pub v: c_ushort,
        /// The alpha component.
        pub a: c_ushort,
    }

    /// A YUVA pixel with 32-bit float components (deprecated).
    #[derive(Debug, Clone, Copy, PartialEq, Default)]
    pub struct OfxYUVAColourF {
        /// The luma (Y) component.
        pub y: c_float,
        /// The blue-difference chroma (U) component.
        pub u: c_float,
        /// The red-difference chroma (V) component.
        pub v: c_float,
        /// The alpha component.
        pub a: c_float,
    }

}

constants! {
    header = "ofxOld.h";

    /// Pixel components value `OfxImageComponentYUVA`.
    str kOfxImageComponentYUVA = c"OfxImageComponentYUVA";

    /// Property `OfxImageEffectPropInAnalysis`: bool, one value.
    str kOfxImageEffectPropInAnalysis = c"OfxImageEffectPropInAnalysis";

    /// Property `OfxInteractPropViewport`: int, 2 values.
    str kOfxInteractPropViewportSize = c"OfxInteractPropViewport";

    /// Deprecated double type: a size along x, normalised to the project width.
    str kOfxParamDoubleTypeNormalisedX = c"OfxParamDoubleTypeNormalisedX";

    /// Deprecated double type: a size along y, normalised to the project height.
    str kOfxParamDoubleTypeNormalisedY = c"OfxParamDoubleTypeNormalisedY";

    /// Deprecated double type: an x position, normalised to the project extent.
    str kOfxParamDoubleTypeNormalisedXAbsolute = c"OfxParamDoubleTypeNormalisedXAbsolute";

    /// Deprecated double type: a y position, normalised to the project extent.
    str kOfxParamDoubleTypeNormalisedYAbsolute = c"OfxParamDoubleTypeNormalisedYAbsolute";

    /// Deprecated double type: a 2D size, normalised to the project size.
    str kOfxParamDoubleTypeNormalisedXY = c"OfxParamDoubleTypeNormalisedXY";

    /// Deprecated double type: a 2D position, normalised to the project extent.
    str kOfxParamDoubleTypeNormalisedXYAbsolute = c"OfxParamDoubleTypeNormalisedXYAbsolute";
}
