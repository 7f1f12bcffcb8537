//! From a runtime depth and components to a static pixel type.

use super::{BitDepth, Pixel, PixelComponents};
use crate::error::{Error, Result};

/// A computation written once, generic over the pixel type, for
/// [`dispatch`] to run with the type an image actually has.
///
/// ```
/// use ofx_plugin::pixel::{dispatch, BitDepth, Pixel, PixelComponents, PixelFn};
///
/// struct BytesPerPixel;
/// impl PixelFn for BytesPerPixel {
///     type Output = usize;
///     fn call<P: Pixel>(self) -> usize {
///         size_of::<P>()
///     }
/// }
/// assert_eq!(dispatch(BitDepth::U16, PixelComponents::Rgb, BytesPerPixel)?, 6);
/// # Ok::<(), ofx_plugin::Error>(())
/// ```
pub trait PixelFn {
    /// What the computation returns.
    type Output;

    /// Runs the computation for pixel type `P`.
    fn call<P: Pixel>(self) -> Self::Output;
}

/// Runs `f` with the pixel type that has the given depth and components.
///
/// # Errors
/// An [`ErrorKind::ImageFormat`](crate::ErrorKind::ImageFormat) error when
/// no pixel type matches: half-float images when the crate's `half` feature
/// is off.
pub fn dispatch<F: PixelFn>(
    depth: BitDepth,
    components: PixelComponents,
    f: F,
) -> Result<F::Output> {
    crate::for_each_pixel_type!(depth, components, |P| f.call::<P>())
}

/// The error for half-float images when the `half` feature is off.
#[doc(hidden)]
pub fn half_unsupported() -> Error {
    Error::image_format(
        "16-bit half float images need ofx-plugin's `half` feature, which this plugin was built without",
    )
}

/// Runs a block once with a type alias bound to the pixel type that matches
/// a runtime depth and components, so that a render is written once.
///
/// `for_each_pixel_type!(depth, components, |P| body)` evaluates `body` with
/// `P` naming [`Rgba<u8>`](crate::pixel::Rgba), [`Rgb<f32>`](crate::pixel::Rgb)
/// or whichever type matches, and yields
/// [`Result`](crate::Result)`<T>` where `T` is the type of `body`: `Ok` of
/// the body's value, or an [`ErrorKind::ImageFormat`](crate::ErrorKind::ImageFormat)
/// error for a combination with no pixel type (half floats without the
/// `half` feature). The body is inlined in the caller, so `?` and `return`
/// work in it as in the surrounding function. Unlike [`dispatch`], it needs
/// no helper type.
///
/// ```
/// use ofx_plugin::for_each_pixel_type;
/// use ofx_plugin::geometry::RectI;
/// use ofx_plugin::pixel::{BitDepth, ImageViewMut, Pixel, PixelComponents};
///
/// fn clear(bytes: &mut [u8], bounds: RectI, row_bytes: isize,
///          depth: BitDepth, comps: PixelComponents) -> ofx_plugin::Result<()> {
///     for_each_pixel_type!(depth, comps, |P| {
///         let mut view = ImageViewMut::<P>::from_bytes_mut(bytes, bounds, row_bytes)?;
///         view.fill(P::default());
///     })
/// }
///
/// let mut buf = vec![7u8; 2 * 2 * 3];
/// clear(&mut buf, RectI::new(0, 0, 2, 2), 6, BitDepth::U8, PixelComponents::Rgb)?;
/// assert!(buf.iter().all(|&b| b == 0));
/// # Ok::<(), ofx_plugin::Error>(())
/// ```
#[macro_export]
macro_rules! for_each_pixel_type {
    ($depth:expr, $components:expr, |$P:ident| $body:expr $(,)?) => {
        $crate::__for_each_pixel_type_match!(($depth, $components), $P, $body)
    };
}

// The table of pixel types, written once. Exported macros expand in the
// caller's crate, where this crate's features are unknown, so only the
// half-float arm comes in two versions chosen while this crate compiles.
#[doc(hidden)]
#[macro_export]
macro_rules! __for_each_pixel_type_match {
    ($scrutinee:expr, $P:ident, $body:expr) => {
        match $scrutinee {
            ($crate::pixel::BitDepth::U8, components) => {
                $crate::__pixel_type_arm!(components, u8, $P, $body)
            }
            ($crate::pixel::BitDepth::U16, components) => {
                $crate::__pixel_type_arm!(components, u16, $P, $body)
            }
            ($crate::pixel::BitDepth::F32, components) => {
                $crate::__pixel_type_arm!(components, f32, $P, $body)
            }
            ($crate::pixel::BitDepth::F16, components) => {
                $crate::__half_pixel_type_arm!(components, $P, $body)
            }
        }
    };
}

/// One depth's three pixel types.
#[doc(hidden)]
#[macro_export]
macro_rules! __pixel_type_arm {
    ($components:expr, $T:ty, $P:ident, $body:expr) => {
        match $components {
            $crate::pixel::PixelComponents::Rgba => {
                type $P = $crate::pixel::Rgba<$T>;
                ::core::result::Result::Ok::<_, $crate::Error>($body)
            }
            $crate::pixel::PixelComponents::Rgb => {
                type $P = $crate::pixel::Rgb<$T>;
                ::core::result::Result::Ok::<_, $crate::Error>($body)
            }
            $crate::pixel::PixelComponents::Alpha => {
                type $P = $crate::pixel::Alpha<$T>;
                ::core::result::Result::Ok::<_, $crate::Error>($body)
            }
        }
    };
}

#[cfg(feature = "half")]
#[doc(hidden)]
#[macro_export]
macro_rules! __half_pixel_type_arm {
    ($components:expr, $P:ident, $body:expr) => {
        $crate::__pixel_type_arm!($components, $crate::pixel::f16, $P, $body)
    };
}

#[cfg(not(feature = "half"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __half_pixel_type_arm {
    ($components:expr, $P:ident, $body:expr) => {{
        let _ = $components;
        ::core::result::Result::Err($crate::pixel::__half_unsupported())
    }};
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;
    use crate::pixel::pixel_bytes;

    const DEPTHS: [BitDepth; 4] = [BitDepth::U8, BitDepth::U16, BitDepth::F16, BitDepth::F32];
    const COMPONENTS: [PixelComponents; 3] = [
        PixelComponents::Rgba,
        PixelComponents::Rgb,
        PixelComponents::Alpha,
    ];

    struct Describe;
    impl PixelFn for Describe {
        type Output = (BitDepth, PixelComponents, usize);
        fn call<P: Pixel>(self) -> Self::Output {
            (P::DEPTH, P::COMPONENTS, size_of::<P>())
        }
    }

    #[test]
    fn dispatch_picks_the_matching_type() {
        for d in DEPTHS {
            for c in COMPONENTS {
                let r = dispatch(d, c, Describe);
                if d == BitDepth::F16 && cfg!(not(feature = "half")) {
                    let e = r.unwrap_err();
                    assert_eq!(e.kind(), ErrorKind::ImageFormat);
                    assert!(e.to_string().contains("`half` feature"));
                } else {
                    assert_eq!(r.unwrap(), (d, c, pixel_bytes(d, c)));
                }
            }
        }
    }

    fn via_macro(d: BitDepth, c: PixelComponents) -> Result<(BitDepth, PixelComponents, usize)> {
        let inner = for_each_pixel_type!(d, c, |Px| {
            // `?` inside the body works on the enclosing function.
            let n: usize = "1".parse().map_err(|_| Error::failed("parse"))?;
            (Px::DEPTH, Px::COMPONENTS, size_of::<Px>() * n)
        })?;
        Ok(inner)
    }

    #[test]
    fn macro_picks_the_matching_type() {
        for d in DEPTHS {
            for c in COMPONENTS {
                match via_macro(d, c) {
                    Ok(r) => assert_eq!(r, (d, c, pixel_bytes(d, c))),
                    Err(e) => {
                        assert!(d == BitDepth::F16 && cfg!(not(feature = "half")));
                        assert_eq!(e.kind(), ErrorKind::ImageFormat);
                    }
                }
            }
        }
    }
}
