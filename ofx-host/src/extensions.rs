//! Names of host extensions outside OpenFX 1.5.1 that this host speaks.
//! `ofx_sys` mirrors the official headers only; each name here comes with
//! the header that defines it.
//!
//! # Transform concatenation (The Foundry's `fnOfxExtensions.h`, also in Natron)
//!
//! With [`HostConfig::can_transform`](crate::config::HostConfig::can_transform)
//! on, the host descriptor carries [`CAN_TRANSFORM`] = 1, effect
//! descriptors accept it, and
//! [`Instance::transform`](crate::driver::Instance::transform) sends
//! [`ACTION_GET_TRANSFORM`], reading the clip name (`kOfxPropName`) and
//! [`PROP_MATRIX_2D`] from the out arguments.

/// `kFnOfxImageEffectCanTransform`: int, on the host descriptor (the host
/// concatenates transforms) and the effect descriptor (the effect answers
/// [`ACTION_GET_TRANSFORM`]).
pub const CAN_TRANSFORM: &str = "FnOfxImageEffectCanTransform";

/// `kFnOfxImageEffectActionGetTransform`: sent in place of a render; the
/// effect answers OK with a clip and a matrix, or "default" to be rendered.
pub const ACTION_GET_TRANSFORM: &str = "uk.co.thefoundry.FnOfxImageEffectActionGetTransform";

/// `kFnOfxPropMatrix2D`: nine doubles, a 3x3 matrix row by row, from pixel
/// coordinates of the source (at the action's render scale) to pixel
/// coordinates of the output.
pub const PROP_MATRIX_2D: &str = "FnOfxPropMatrix2D";

/// A 3x3 matrix as [`PROP_MATRIX_2D`] holds it, `m[row][column]`.
pub type Matrix3 = [[f64; 3]; 3];
