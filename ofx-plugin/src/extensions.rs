//! Names of host extensions outside OpenFX 1.5.1 that the framework
//! speaks. `ofx-sys` mirrors the official headers only, so the names of
//! vendor extensions live here, each with the header it comes from.
//!
//! # Transform concatenation (The Foundry's `fnOfxExtensions.h`)
//!
//! A host that can concatenate transforms (Nuke, Natron) says so with
//! [`CAN_TRANSFORM`] on its descriptor. An effect whose render is a single
//! 2D matrix transform of one input sets [`CAN_TRANSFORM`] on its own
//! descriptor, and then the host may send [`ACTION_GET_TRANSFORM`] instead
//! of a render: the effect answers with the input clip's name
//! (`kOfxPropName`) and the matrix ([`PROP_MATRIX_2D`]), and the host
//! composes the matrices of a chain of such effects and resamples once.
//! [`ImageEffect::transform`](crate::ImageEffect::transform) is the typed
//! form of the action.

use core::ffi::CStr;

/// `kFnOfxImageEffectCanTransform`: an int (0 or 1) on the host descriptor
/// (the host can concatenate transforms) and on the effect descriptor (the
/// effect answers [`ACTION_GET_TRANSFORM`]).
pub const CAN_TRANSFORM: &CStr = c"FnOfxImageEffectCanTransform";

/// `kFnOfxImageEffectActionGetTransform`: the action a host sends in place
/// of a render to get the effect's matrix. In arguments: `kOfxPropTime`,
/// `kOfxImageEffectPropFieldToRender`, `kOfxImageEffectPropRenderScale`.
/// Out arguments: `kOfxPropName` (the transformed clip) and
/// [`PROP_MATRIX_2D`]. The effect answers OK with a matrix, or "default"
/// to be rendered as usual.
pub const ACTION_GET_TRANSFORM: &CStr = c"uk.co.thefoundry.FnOfxImageEffectActionGetTransform";

/// `kFnOfxPropMatrix2D`: nine doubles, a 3x3 matrix stored row by row,
/// mapping pixel coordinates of the source image (at the action's render
/// scale) to pixel coordinates of the output.
pub const PROP_MATRIX_2D: &CStr = c"FnOfxPropMatrix2D";
