//! The format of one pixel: the storage type of a component ([`Depth`])
//! with its conversions to and from normalised `f32`, and the components
//! a pixel holds ([`Components`]).

use std::ffi::CStr;
use std::fmt;

use half::f16;

/// The storage type of one pixel component.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Depth {
    /// 8-bit unsigned integers (`kOfxBitDepthByte`).
    U8,
    /// 16-bit unsigned integers (`kOfxBitDepthShort`).
    U16,
    /// 16-bit IEEE half floats (`kOfxBitDepthHalf`).
    Half,
    /// 32-bit IEEE floats (`kOfxBitDepthFloat`).
    F32,
}

impl Depth {
    /// Every depth, smallest first.
    pub const ALL: [Depth; 4] = [Depth::U8, Depth::U16, Depth::Half, Depth::F32];

    /// The OFX property value naming this depth.
    pub fn ofx_name(self) -> &'static CStr {
        match self {
            Depth::U8 => ofx_sys::kOfxBitDepthByte,
            Depth::U16 => ofx_sys::kOfxBitDepthShort,
            Depth::Half => ofx_sys::kOfxBitDepthHalf,
            Depth::F32 => ofx_sys::kOfxBitDepthFloat,
        }
    }

    /// The depth an OFX property value names, if any.
    pub fn from_ofx_name(name: &str) -> Option<Depth> {
        Depth::ALL
            .into_iter()
            .find(|d| d.ofx_name().to_bytes() == name.as_bytes())
    }

    /// Bytes per component.
    pub fn bytes(self) -> usize {
        match self {
            Depth::U8 => 1,
            Depth::U16 | Depth::Half => 2,
            Depth::F32 => 4,
        }
    }

    /// A short lower-case name for reports (`u8`, `u16`, `half`, `f32`).
    pub fn short_name(self) -> &'static str {
        match self {
            Depth::U8 => "u8",
            Depth::U16 => "u16",
            Depth::Half => "half",
            Depth::F32 => "f32",
        }
    }

    /// The largest difference between two values that round to the same
    /// stored value: half a quantisation step for integers, a relative
    /// precision for floats.
    pub fn quantum(self) -> f32 {
        match self {
            Depth::U8 => 1.0 / 255.0,
            Depth::U16 => 1.0 / 65535.0,
            Depth::Half => 1.0 / 1024.0,
            Depth::F32 => 1e-6,
        }
    }

    pub(super) fn read(self, b: &[u8]) -> f32 {
        match self {
            Depth::U8 => f32::from(b[0]) / 255.0,
            Depth::U16 => f32::from(u16::from_ne_bytes([b[0], b[1]])) / 65535.0,
            Depth::Half => f16::from_ne_bytes([b[0], b[1]]).to_f32(),
            Depth::F32 => f32::from_ne_bytes([b[0], b[1], b[2], b[3]]),
        }
    }

    pub(super) fn write(self, b: &mut [u8], v: f32) {
        match self {
            Depth::U8 => b[0] = (v * 255.0).round().clamp(0.0, 255.0) as u8,
            Depth::U16 => b[..2]
                .copy_from_slice(&((v * 65535.0).round().clamp(0.0, 65535.0) as u16).to_ne_bytes()),
            Depth::Half => b[..2].copy_from_slice(&f16::from_f32(v).to_ne_bytes()),
            Depth::F32 => b[..4].copy_from_slice(&v.to_ne_bytes()),
        }
    }
}

impl fmt::Display for Depth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.short_name())
    }
}

/// Which components a pixel has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Components {
    /// Red, green, blue, alpha (`kOfxImageComponentRGBA`).
    Rgba,
    /// Red, green, blue (`kOfxImageComponentRGB`).
    Rgb,
    /// Alpha only (`kOfxImageComponentAlpha`).
    Alpha,
}

impl Components {
    /// Every component set.
    pub const ALL: [Components; 3] = [Components::Rgba, Components::Rgb, Components::Alpha];

    /// The OFX property value naming these components.
    pub fn ofx_name(self) -> &'static CStr {
        match self {
            Components::Rgba => ofx_sys::kOfxImageComponentRGBA,
            Components::Rgb => ofx_sys::kOfxImageComponentRGB,
            Components::Alpha => ofx_sys::kOfxImageComponentAlpha,
        }
    }

    /// The components an OFX property value names, if any.
    pub fn from_ofx_name(name: &str) -> Option<Components> {
        Components::ALL
            .into_iter()
            .find(|c| c.ofx_name().to_bytes() == name.as_bytes())
    }

    /// Number of components per pixel.
    pub fn count(self) -> usize {
        match self {
            Components::Rgba => 4,
            Components::Rgb => 3,
            Components::Alpha => 1,
        }
    }

    /// A short lower-case name for reports (`rgba`, `rgb`, `alpha`).
    pub fn short_name(self) -> &'static str {
        match self {
            Components::Rgba => "rgba",
            Components::Rgb => "rgb",
            Components::Alpha => "alpha",
        }
    }

    /// Which of the four normalised channels are stored.
    pub(super) fn channels(self) -> &'static [usize] {
        match self {
            Components::Rgba => &[0, 1, 2, 3],
            Components::Rgb => &[0, 1, 2],
            Components::Alpha => &[3],
        }
    }
}

impl fmt::Display for Components {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.short_name())
    }
}
