//! `ofxPixels.h`: C structs for single RGBA and RGB pixels of each depth.

use ::core::ffi::{c_double, c_float, c_uchar, c_ushort};

structs! {
    header = "ofxPixels.h";

    /// An RGBA pixel with 8-bit unsigned components.
    #[derive(Debug, Clone, Copy, PartialEq, Default)]
    pub struct OfxRGBAColourB {
        /// The red component.
        pub r: c_uchar,
        /// The green component.
        pub g: c_uchar,
        /// The blue component.
        pub b: c_uchar,
        /// The alpha component.
        pub a: c_uchar,
    }

    /// An RGBA pixel with 16-bit unsigned components.
    #[derive(Debug, Clone, Copy, PartialEq, Default)]
    pub struct OfxRGBAColourS {
        /// The red component.
        pub r: c_ushort,
        /// The green component.
        pub g: c_ushort,
        /// The blue component.
        pub b: c_ushort,
        /// The alpha component.
        pub a: c_ushort,
    }

    /// An RGBA pixel with 32-bit float components.
    #[derive(Debug, Clone, Copy, PartialEq, Default)]
    pub struct OfxRGBAColourF {
        /// The red component.
        pub r: c_float,
        /// The green component.
        pub g: c_float,
        /// The blue component.
        pub b: c_float,
        /// The alpha component.
        pub a: c_float,
    }

    /// An RGBA pixel with 64-bit float components.
    #[derive(Debug, Clone, Copy, PartialEq, Default)]
    pub struct OfxRGBAColourD {
        /// The red component.
        pub r: c_double,
        /// The green component.
        pub g: c_double,
        /// The blue component.
        pub b: c_double,
        /// The alpha component.
        pub a: c_double,
    }

    /// An RGB pixel with 8-bit unsigned components.
    #[derive(Debug, Clone, Copy, PartialEq, Default)]
    pub struct OfxRGBColourB {
        /// The red component.
        pub r: c_uchar,
        /// The green component.
        pub g: c_uchar,
        /// The blue component.
        pub b: c_uchar,
    }

    /// An RGB pixel with 16-bit unsigned components.
    #[derive(Debug, Clone, Copy, PartialEq, Default)]
    pub struct OfxRGBColourS {
        /// The red component.
        pub r: c_ushort,
        /// The green component.
        pub g: c_ushort,
        /// The blue component.
        pub b: c_ushort,
    }

    /// An RGB pixel with 32-bit float components.
    #[derive(Debug, Clone, Copy, PartialEq, Default)]
    pub struct OfxRGBColourF {
        /// The red component.
        pub r: c_float,
        /// The green component.
        pub g: c_float,
        /// The blue component.
        pub b: c_float,
    }

    /// An RGB pixel with 64-bit float components.
    #[derive(Debug, Clone, Copy, PartialEq, Default)]
    pub struct OfxRGBColourD {
        /// The red component.
        pub r: c_double,
        /// The green component.
        pub g: c_double,
        /// The blue component.
        pub b: c_double,
    }

}
