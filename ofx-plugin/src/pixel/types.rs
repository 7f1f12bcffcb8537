//! Component and pixel types.

use core::fmt::Debug;

use bytemuck::Pod;

use super::convert;
use super::{BitDepth, PixelComponents};

pub(crate) mod sealed {
    /// Keeps [`Component`](super::Component) and [`Pixel`](super::Pixel)
    /// closed: views rely on the exact layouts of the types listed here.
    pub trait Sealed {}
}

/// One component of a pixel: `u8`, `u16`, `f32`, or `half::f16` with the
/// `half` feature.
///
/// Conversions to and from `f32` are normalised: the white point maps to
/// 1.0. Integer components clamp to `[0, 1]` and round to nearest when
/// converted from `f32`, and NaN becomes 0; float components convert without
/// clamping.
pub trait Component:
    sealed::Sealed + Pod + Default + PartialEq + PartialOrd + Debug + Send + Sync + 'static
{
    /// The OpenFX bit depth of this component type.
    const DEPTH: BitDepth;
    /// The number of bits per component.
    const BITS: u32;
    /// The value of full intensity: 255, 65535 or 1.0.
    const WHITE: Self;
    /// Zero intensity.
    const ZERO: Self;
    /// The Rust name of the type, used in messages.
    const NAME: &'static str;

    /// The component as a normalised float (white is 1.0).
    fn to_f32(self) -> f32;

    /// The component nearest to a normalised float (clamped and rounded for
    /// integer types).
    fn from_f32(v: f32) -> Self;

    /// The complement, `WHITE - self`: exact for integers (`255 - v`,
    /// `65535 - v`), `1.0 - v` for floats.
    fn inverted(self) -> Self;

    /// The component multiplied by `k`, in its own units: for integers
    /// `v as f32 * k` clamped to `[0, WHITE]` (NaN to 0) and rounded to
    /// nearest, halves up; for floats `v * k`, unclamped. The same result as
    /// a trip through normalised `f32`, rounded once instead of three times,
    /// and without the divisions.
    fn scaled(self, k: f32) -> Self;

    /// The component in its own units as a float: the integer itself for
    /// `u8` and `u16` (`0.0..=255.0`, `0.0..=65535.0`), the value for float
    /// types. Exact, and cheaper than [`Component::to_f32`] (no division):
    /// multiplied by the reciprocal of `WHITE.to_units()` it gives the
    /// normalised value to within one rounding.
    fn to_units(self) -> f32;

    /// Converts a slice to normalised floats, as [`Component::to_f32`] does
    /// element by element, but vectorised.
    ///
    /// # Panics
    /// If the slices differ in length.
    fn slice_to_f32(src: &[Self], dst: &mut [f32]);

    /// Converts normalised floats to components, as [`Component::from_f32`]
    /// does element by element, but vectorised.
    ///
    /// # Panics
    /// If the slices differ in length.
    fn slice_from_f32(src: &[f32], dst: &mut [Self]);

    /// The body of [`convert::scale_slice`] for this type, on a pattern of
    /// factors repeated to the kernels' step; call that function instead.
    #[doc(hidden)]
    fn scale_slice(src: &[Self], dst: &mut [Self], pattern: &[f32; convert::PATTERN]);
}

impl sealed::Sealed for u8 {}
impl Component for u8 {
    const DEPTH: BitDepth = BitDepth::U8;
    const BITS: u32 = 8;
    const WHITE: Self = u8::MAX;
    const ZERO: Self = 0;
    const NAME: &'static str = "u8";

    #[inline]
    fn scaled(self, k: f32) -> Self {
        convert::scale_units_u8(self, k)
    }

    #[inline]
    fn inverted(self) -> Self {
        u8::MAX - self
    }

    #[inline]
    fn to_units(self) -> f32 {
        f32::from(self)
    }
    #[inline]
    fn to_f32(self) -> f32 {
        convert::u8_to_f32(self)
    }
    #[inline]
    fn from_f32(v: f32) -> Self {
        convert::f32_to_u8(v)
    }
    fn slice_to_f32(src: &[Self], dst: &mut [f32]) {
        convert::u8_to_f32_slice(src, dst);
    }
    fn slice_from_f32(src: &[f32], dst: &mut [Self]) {
        convert::f32_to_u8_slice(src, dst);
    }
    fn scale_slice(src: &[Self], dst: &mut [Self], pattern: &[f32; convert::PATTERN]) {
        convert::scale_u8(src, dst, pattern);
    }
}

impl sealed::Sealed for u16 {}
impl Component for u16 {
    const DEPTH: BitDepth = BitDepth::U16;
    const BITS: u32 = 16;
    const WHITE: Self = u16::MAX;
    const ZERO: Self = 0;
    const NAME: &'static str = "u16";

    #[inline]
    fn scaled(self, k: f32) -> Self {
        convert::scale_units_u16(self, k)
    }

    #[inline]
    fn inverted(self) -> Self {
        u16::MAX - self
    }

    #[inline]
    fn to_units(self) -> f32 {
        f32::from(self)
    }
    #[inline]
    fn to_f32(self) -> f32 {
        convert::u16_to_f32(self)
    }
    #[inline]
    fn from_f32(v: f32) -> Self {
        convert::f32_to_u16(v)
    }
    fn slice_to_f32(src: &[Self], dst: &mut [f32]) {
        convert::u16_to_f32_slice(src, dst);
    }
    fn slice_from_f32(src: &[f32], dst: &mut [Self]) {
        convert::f32_to_u16_slice(src, dst);
    }
    fn scale_slice(src: &[Self], dst: &mut [Self], pattern: &[f32; convert::PATTERN]) {
        convert::scale_u16_pattern(src, dst, pattern);
    }
}

impl sealed::Sealed for f32 {}
impl Component for f32 {
    const DEPTH: BitDepth = BitDepth::F32;
    const BITS: u32 = 32;
    const WHITE: Self = 1.0;
    const ZERO: Self = 0.0;
    const NAME: &'static str = "f32";

    #[inline]
    fn scaled(self, k: f32) -> Self {
        self * k
    }

    #[inline]
    fn inverted(self) -> Self {
        1.0 - self
    }

    #[inline]
    fn to_units(self) -> f32 {
        self
    }
    #[inline]
    fn to_f32(self) -> f32 {
        self
    }
    #[inline]
    fn from_f32(v: f32) -> Self {
        v
    }
    fn slice_to_f32(src: &[Self], dst: &mut [f32]) {
        dst.copy_from_slice(src);
    }
    fn slice_from_f32(src: &[f32], dst: &mut [Self]) {
        dst.copy_from_slice(src);
    }
    fn scale_slice(src: &[Self], dst: &mut [Self], pattern: &[f32; convert::PATTERN]) {
        convert::scale_f32_pattern(src, dst, pattern);
    }
}

#[cfg(feature = "half")]
impl sealed::Sealed for half::f16 {}
#[cfg(feature = "half")]
impl Component for half::f16 {
    const DEPTH: BitDepth = BitDepth::F16;
    const BITS: u32 = 16;
    const WHITE: Self = half::f16::ONE;
    const ZERO: Self = half::f16::ZERO;
    const NAME: &'static str = "f16";

    #[inline]
    fn scaled(self, k: f32) -> Self {
        half::f16::from_f32(half::f16::to_f32(self) * k)
    }

    #[inline]
    fn inverted(self) -> Self {
        half::f16::ONE - self
    }

    #[inline]
    fn to_units(self) -> f32 {
        half::f16::to_f32(self)
    }
    #[inline]
    fn to_f32(self) -> f32 {
        half::f16::to_f32(self)
    }
    #[inline]
    fn from_f32(v: f32) -> Self {
        half::f16::from_f32(v)
    }
    fn slice_to_f32(src: &[Self], dst: &mut [f32]) {
        convert::f16_to_f32_slice(src, dst);
    }
    fn slice_from_f32(src: &[f32], dst: &mut [Self]) {
        convert::f32_to_f16_slice(src, dst);
    }
    fn scale_slice(src: &[Self], dst: &mut [Self], pattern: &[f32; convert::PATTERN]) {
        convert::scale_f16(src, dst, pattern);
    }
}

/// A pixel: a fixed number of components of one [`Component`] type, laid out
/// as in OpenFX images (`#[repr(C)]`, no padding).
///
/// Implemented by [`Rgba`], [`Rgb`] and [`Alpha`] over every component type.
/// Generic renders are written against this trait and instantiated for the
/// image's actual type by [`dispatch`](super::dispatch).
pub trait Pixel:
    sealed::Sealed + Pod + Default + PartialEq + Debug + Send + Sync + 'static
{
    /// The component type.
    type Component: Component;
    /// The same pixel shape with `f32` components.
    type F32: Pixel<Component = f32>;
    /// Which components the pixel has.
    const COMPONENTS: PixelComponents;
    /// The number of components per pixel.
    const COUNT: usize;
    /// The bit depth of the components.
    const DEPTH: BitDepth = <Self::Component as Component>::DEPTH;
    /// The index of the alpha component in [`Pixel::channels`], if any.
    const ALPHA: Option<usize>;

    /// The components in memory order.
    fn channels(&self) -> &[Self::Component] {
        bytemuck::cast_slice(core::slice::from_ref(self))
    }

    /// The components in memory order, mutably.
    fn channels_mut(&mut self) -> &mut [Self::Component] {
        bytemuck::cast_slice_mut(core::slice::from_mut(self))
    }

    /// The pixel with `f` applied to every component.
    #[must_use]
    fn map(mut self, mut f: impl FnMut(Self::Component) -> Self::Component) -> Self {
        for c in self.channels_mut() {
            *c = f(*c);
        }
        self
    }

    /// The pixel with `f` applied to its colour components (red, green and
    /// blue) and its alpha, if it has one, kept. An [`Alpha`] pixel has no
    /// colour, so it is returned unchanged.
    #[must_use]
    fn map_colour(self, f: impl FnMut(Self::Component) -> Self::Component) -> Self;

    /// The pixel with normalised `f32` components (white is 1.0).
    fn to_f32(self) -> Self::F32;

    /// The pixel nearest to a normalised `f32` pixel (clamped and rounded for
    /// integer components).
    fn from_f32(p: Self::F32) -> Self;

    /// Every component multiplied by `k`, alpha included: computed in `f32`,
    /// then clamped and rounded for integer components.
    #[must_use]
    fn scale(self, k: f32) -> Self {
        self.map(|c| <Self::Component as Component>::from_f32(c.to_f32() * k))
    }
}

macro_rules! pixel_type {
    (
        $(#[$doc:meta])*
        $name:ident, $components:ident, $count:literal, alpha = $alpha:expr,
        [$($field:ident),+], colour = [$($colour:ident),*]
    ) => {
        $(#[$doc])*
        #[repr(C)]
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
        pub struct $name<T> {
            $(
                #[doc = concat!("The ", stringify!($field), " component.")]
                pub $field: T,
            )+
        }

        impl<T> $name<T> {
            /// The pixel with the given components.
            pub const fn new($($field: T),+) -> Self {
                $name { $($field),+ }
            }
        }

        impl<T: Component> $name<T> {
            /// The pixel with normalised `f32` components (white is 1.0).
            pub fn to_f32(self) -> $name<f32> {
                $name { $($field: self.$field.to_f32()),+ }
            }

            /// The pixel nearest to a normalised `f32` pixel (clamped and
            /// rounded for integer components).
            pub fn from_f32(p: $name<f32>) -> Self {
                $name { $($field: T::from_f32(p.$field)),+ }
            }

            /// The pixel converted to another component type through `f32`.
            pub fn convert<U: Component>(self) -> $name<U> {
                $name { $($field: U::from_f32(self.$field.to_f32())),+ }
            }
        }

        impl<T: Component> sealed::Sealed for $name<T> {}

        impl<T: Component> Pixel for $name<T> {
            type Component = T;
            type F32 = $name<f32>;
            const COMPONENTS: PixelComponents = PixelComponents::$components;
            const COUNT: usize = $count;
            const ALPHA: Option<usize> = $alpha;

            #[inline]
            fn to_f32(self) -> $name<f32> {
                $name::to_f32(self)
            }

            #[inline]
            fn from_f32(p: $name<f32>) -> Self {
                $name::from_f32(p)
            }

            #[inline]
            fn map(self, mut f: impl FnMut(T) -> T) -> Self {
                $name { $($field: f(self.$field)),+ }
            }

            #[inline]
            #[allow(unused_mut, unused_variables, clippy::needless_update)]
            fn map_colour(self, mut f: impl FnMut(T) -> T) -> Self {
                $name { $($colour: f(self.$colour),)* ..self }
            }

            #[inline]
            fn scale(self, k: f32) -> Self {
                $name { $($field: T::from_f32(self.$field.to_f32() * k)),+ }
            }
        }

        impl<T> From<[T; $count]> for $name<T> {
            fn from(a: [T; $count]) -> Self {
                let [$($field),+] = a;
                $name { $($field),+ }
            }
        }

        impl<T> From<$name<T>> for [T; $count] {
            fn from(p: $name<T>) -> Self {
                [$(p.$field),+]
            }
        }
    };
}

pixel_type! {
    /// A pixel with red, green, blue and alpha components.
    Rgba, Rgba, 4, alpha = Some(3), [r, g, b, a], colour = [r, g, b]
}

pixel_type! {
    /// A pixel with red, green and blue components.
    Rgb, Rgb, 3, alpha = None, [r, g, b], colour = [r, g, b]
}

pixel_type! {
    /// A single-component alpha (matte) pixel.
    Alpha, Alpha, 1, alpha = Some(0), [a], colour = []
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_have_no_padding() {
        assert_eq!(size_of::<Rgba<u8>>(), 4);
        assert_eq!(size_of::<Rgb<u8>>(), 3);
        assert_eq!(size_of::<Rgb<u16>>(), 6);
        assert_eq!(size_of::<Rgba<f32>>(), 16);
        assert_eq!(size_of::<Alpha<f32>>(), 4);
        assert_eq!(align_of::<Rgb<f32>>(), 4);
        assert_eq!(<Rgb<u16> as Pixel>::COUNT, 3);
        assert_eq!(<Rgb<u16> as Pixel>::DEPTH, BitDepth::U16);
        assert_eq!(<Alpha<f32> as Pixel>::COMPONENTS, PixelComponents::Alpha);
    }

    #[test]
    fn channels_are_in_memory_order() {
        let mut p = Rgba::new(1u8, 2, 3, 4);
        assert_eq!(p.channels(), &[1, 2, 3, 4]);
        p.channels_mut()[Rgba::<u8>::ALPHA.unwrap()] = 9;
        assert_eq!(p.a, 9);
        assert_eq!(<[u8; 4]>::from(p), [1, 2, 3, 9]);
        assert_eq!(Rgb::from([5u16, 6, 7]), Rgb::new(5, 6, 7));
        assert_eq!(Alpha::<u8>::ALPHA, Some(0));
        assert_eq!(Rgb::<u8>::ALPHA, None);
    }

    #[test]
    fn per_pixel_conversions() {
        let p = Rgba::new(0u8, 51, 255, 128);
        let f = p.to_f32();
        assert_eq!(f, Rgba::new(0.0, 0.2, 1.0, 128.0 / 255.0));
        assert_eq!(Rgba::<u8>::from_f32(f), p);
        assert_eq!(<Rgba<u8> as Pixel>::from_f32(Pixel::to_f32(p)), p);
        assert_eq!(
            Rgb::new(2.0f32, -1.0, f32::NAN).convert::<u16>(),
            Rgb::new(65535, 0, 0)
        );
        assert_eq!(Alpha::new(65535u16).convert::<u8>(), Alpha::new(255));
        assert_eq!(
            Rgba::new(10u8, 200, 0, 255).scale(2.0),
            Rgba::new(20, 255, 0, 255)
        );
        assert_eq!(
            Rgb::new(0.5f32, 2.0, -1.0).scale(3.0),
            Rgb::new(1.5, 6.0, -3.0)
        );
        assert_eq!(Rgb::new(1u8, 2, 3).map(|c| c * 2), Rgb::new(2, 4, 6));
        assert_eq!(
            Rgba::new(1u8, 2, 3, 4).map_colour(|c| c * 2),
            Rgba::new(2, 4, 6, 4)
        );
        assert_eq!(
            Rgb::new(1u16, 2, 3).map_colour(|c| c + 1),
            Rgb::new(2, 3, 4)
        );
        assert_eq!(Alpha::new(7u8).map_colour(|c| c + 1), Alpha::new(7));
        assert_eq!(
            Rgba::new(0u8, 1, 254, 255).map(Component::inverted),
            Rgba::new(255, 254, 1, 0)
        );
        assert_eq!(
            Alpha::new(1000u16).map(Component::inverted),
            Alpha::new(64535)
        );
        assert_eq!(
            Rgb::new(0.25f32, 1.0, 2.0).map(Component::inverted),
            Rgb::new(0.75, 0.0, -1.0)
        );
    }

    #[test]
    fn scaling_in_own_units_rounds_once_and_clamps() {
        for v in 0..=255u8 {
            for k in [0.0f32, 0.5, 1.0, 1.5, 2.0, 300.0, -1.0] {
                let want = (f32::from(v) * k).clamp(0.0, 255.0) + 0.5;
                assert_eq!(v.scaled(k), want as u8, "{v} * {k}");
            }
        }
        assert_eq!(1u8.scaled(1.5), 2, "halves round up");
        assert_eq!(200u8.scaled(f32::NAN), 0);
        assert_eq!(40000u16.scaled(2.0), 65535);
        assert_eq!(1001u16.scaled(0.5), 501);
        assert_eq!(0.75f32.scaled(-2.0), -1.5);
    }

    #[test]
    fn component_constants() {
        assert_eq!(u8::WHITE.to_f32(), 1.0);
        assert_eq!(u16::WHITE.to_f32(), 1.0);
        assert_eq!(<f32 as Component>::WHITE, 1.0);
        assert_eq!(<u16 as Component>::BITS, 16);
        assert_eq!(u8::from_f32(0.5), 128);
        assert_eq!(<f32 as Component>::from_f32(7.5), 7.5);
    }

    #[test]
    fn units_are_exact_and_within_a_rounding_of_the_normalised_value() {
        fn check<T: Component>(values: impl Iterator<Item = T>, white: f32) {
            assert_eq!(T::WHITE.to_units(), white);
            let k = 1.0 / white;
            for v in values {
                let (units, unit) = (v.to_units(), v.to_f32());
                assert_eq!(units, unit * white, "{v:?}");
                assert!(
                    (units * k - unit).abs() <= f32::EPSILON * unit.abs(),
                    "{v:?}"
                );
            }
        }
        check(0..=u8::MAX, 255.0);
        check(0..=u16::MAX, 65535.0);
        check([-2.5f32, 0.0, 0.25, 1.0, 7.0].into_iter(), 1.0);
        assert!(f32::NAN.to_units().is_nan());
    }

    #[cfg(feature = "half")]
    #[test]
    fn half_components() {
        use half::f16;
        assert_eq!(f16::WHITE.to_f32(), 1.0);
        assert_eq!(<f16 as Component>::DEPTH, BitDepth::F16);
        assert_eq!(
            Rgba::new(f16::ONE, f16::ZERO, f16::ONE, f16::ONE).convert::<u8>(),
            Rgba::new(255, 0, 255, 255)
        );
        assert_eq!(size_of::<Rgb<f16>>(), 6);
    }
}
