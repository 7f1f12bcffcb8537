//! The two declaration macros of this crate.
//!
//! Every constant and every struct is declared through one of them, so that
//! the declaration and its entry in [`crate::catalogue`] come from the same
//! tokens: nothing is listed twice by hand.

/// Declares the constants of one header and a `CONSTANTS` table of them.
///
/// Each item is `kind NAME = value;` where `kind` is `str` (a `&'static CStr`),
/// `int` (a `c_int`) or `status` (an [`OfxStatus`](crate::OfxStatus)).
macro_rules! constants {
    (
        header = $header:literal;
        $( $(#[doc = $doc:literal])* $kind:ident $name:ident = $value:expr; )*
    ) => {
        $( constants!(@item $kind [$($doc)*] $name $value); )*

        /// Every constant this module declares, in header order, for
        /// completeness checks and for tools that resolve names at run time.
        pub(crate) const CONSTANTS: &[$crate::catalogue::Constant] = &[
            $( $crate::catalogue::Constant {
                header: $header,
                name: stringify!($name),
                value: constants!(@value $kind $name),
            }, )*
        ];
    };
    (@item str [$($doc:literal)*] $name:ident $value:expr) => {
        $(#[doc = $doc])*
        pub const $name: &::core::ffi::CStr = $value;
    };
    (@item int [$($doc:literal)*] $name:ident $value:expr) => {
        $(#[doc = $doc])*
        pub const $name: ::core::ffi::c_int = $value;
    };
    (@item status [$($doc:literal)*] $name:ident $value:expr) => {
        $(#[doc = $doc])*
        pub const $name: $crate::core::OfxStatus = $value;
    };
    (@value str $name:ident) => { $crate::catalogue::ConstValue::Str($name) };
    (@value int $name:ident) => { $crate::catalogue::ConstValue::Int($name as i64) };
    (@value status $name:ident) => { $crate::catalogue::ConstValue::Int($name as i64) };
}

/// Declares the `#[repr(C)]` structs of one header and a `STRUCTS` table
/// with their size, alignment and field offsets as Rust computes them.
macro_rules! structs {
    (
        header = $header:literal;
        $(
            $(#[$sm:meta])*
            pub struct $name:ident {
                $( $(#[$fm:meta])* pub $field:ident : $fty:ty ),* $(,)?
            }
        )*
    ) => {
        $(
            $(#[$sm])*
            #[repr(C)]
            pub struct $name {
                $( $(#[$fm])* pub $field: $fty ),*
            }
        )*

        /// The layout of every struct this module declares, in header order.
        pub(crate) const STRUCTS: &[$crate::catalogue::StructLayout] = &[
            $( $crate::catalogue::StructLayout {
                header: $header,
                name: stringify!($name),
                size: ::core::mem::size_of::<$name>(),
                align: ::core::mem::align_of::<$name>(),
                fields: &[
                    $( $crate::catalogue::FieldLayout {
                        name: stringify!($field),
                        size: ::core::mem::size_of::<$fty>(),
                        offset: ::core::mem::offset_of!($name, $field),
                    }, )*
                ],
            }, )*
        ];
    };
}

/// Declares an opaque C struct and the handle type that points to it.
macro_rules! handle {
    ($(#[$m:meta])* $handle:ident => $opaque:ident) => {
        #[doc = concat!("The opaque C struct that [`", stringify!($handle), "`] points to; never constructed in Rust.")]
        #[repr(C)]
        pub struct $opaque {
            _private: [u8; 0],
            _not_send_sync_unpin: ::core::marker::PhantomData<(*mut u8, ::core::marker::PhantomPinned)>,
        }
        $(#[$m])*
        pub type $handle = *mut $opaque;
    };
}
