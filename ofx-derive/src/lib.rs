//! Procedural macros for [`ofx-plugin`](https://docs.rs/ofx-plugin).
//!
//! This crate turns declarations into the boilerplate an OpenFX plugin needs:
//!
//! * a derive on an effect type that produces its `OfxPlugin` record and the
//!   monomorphised `setHost` / `mainEntry` trampolines;
//! * a derive on a struct of parameter fields that produces the code to define
//!   those parameters while describing the effect, and to fetch typed handles
//!   to them when an instance is created.
//!
//! Everything generated here calls the public API of `ofx-plugin`, so the
//! expansion can be read and reasoned about like hand-written code.
//!
//! The macros are re-exported by `ofx-plugin`; use them from there
//! (`ofx_plugin::Plugin`, `ofx_plugin::Params`, `ofx_plugin::ChoiceEnum`), as
//! the generated code names items by their `::ofx_plugin::...` paths.
//!
//! # Example
//!
//! A gain effect whose parameters are one struct: `#[derive(Params)]`
//! defines them while the effect is described, fetches their handles when
//! an instance is created, and reads all their values at a time in one
//! call. `#[derive(Plugin)]` gives the effect its identity. It runs inside
//! a host (try it under `cargo test` with `ofx-host`), hence `no_run`.
//!
//! ```no_run
//! use ofx_plugin::param::{BooleanParam, DoubleParam};
//! use ofx_plugin::prelude::*;
//!
//! #[derive(Params)]
//! struct GainParams {
//!     #[param(label = "Gain", default = 1.0, range = 0.0..=100.0, display = 0.0..=4.0)]
//!     gain: DoubleParam,
//!     #[param(name = "applyToAlpha", label = "Apply to alpha", default = false)]
//!     apply_to_alpha: BooleanParam,
//! }
//!
//! #[derive(Plugin)]
//! #[ofx(id = "org.example.Gain", version = "1.0", label = "Gain", group = "Color")]
//! struct Gain {
//!     source: Clip,
//!     params: GainParams,
//! }
//!
//! impl ImageEffect for Gain {
//!     fn describe(d: &mut EffectDescriptor) -> Result<()> {
//!         d.supported_contexts(&[Context::Filter])?
//!             .supported_pixel_depths(&[BitDepth::F32])?;
//!         Ok(())
//!     }
//!
//!     fn describe_in_context(d: &mut ContextDescriptor, _: Context) -> Result<()> {
//!         d.source_clip()?.supported_components(&[PixelComponents::Rgba])?;
//!         d.output_clip()?.supported_components(&[PixelComponents::Rgba])?;
//!         GainParams::define(d) // the two parameters, with their defaults and ranges
//!     }
//!
//!     fn create_instance(i: &InstanceContext) -> Result<Self> {
//!         Ok(Gain { source: i.source_clip()?, params: GainParams::fetch(i)? })
//!     }
//!
//!     fn render(&self, r: &Render<'_>) -> Result<()> {
//!         // A snapshot with one field per parameter: `gain: f64`, `apply_to_alpha: bool`.
//!         let values = self.params.values_at(r.time())?;
//!         let k = values.gain as f32;
//!         let src = r.input(&self.source)?;
//!         let s = src.view::<Rgba<f32>>()?;
//!         r.output()?.view_mut::<Rgba<f32>>()?.par_rows_from(&s, |row, src| {
//!             for (o, i) in row.iter_mut().zip(src) {
//!                 *o = if values.apply_to_alpha { i.map(|c| c * k) } else { i.map_colour(|c| c * k) };
//!             }
//!         });
//!         Ok(())
//!     }
//! }
//!
//! ofx_plugin::bundle!(Gain);
//! # fn main() {}
//! ```
//!
//! # `#[derive(Plugin)]`
//!
//! Implements `ofx_plugin::Plugin` (the plugin's identity) from one
//! attribute:
//!
//! ```text
//! #[derive(Plugin)]
//! #[ofx(id = "org.example.Gain", version = "1.2", label = "Gain", group = "Color")]
//! struct Gain { /* ... */ }
//! ```
//!
//! * `id` (required): the plugin identifier. It is a reverse-domain string of
//!   dot-separated, non-empty components made of ASCII letters, digits, `_`
//!   and `-`, at most 255 bytes.
//! * `version`: `"MAJOR"` or `"MAJOR.MINOR"`, each a decimal `u32`; `"1.0"`
//!   when omitted.
//! * `label`, `group`: the name shown to users and the menu grouping, which
//!   the entry layer sets when the host describes the plugin.
//! * `overlay = MyOverlay`: the effect's overlay, a type implementing
//!   `ofx_plugin::interact::Interact` whose `Effect` is this type (checked
//!   while compiling); the entry layer registers its generated entry point
//!   at describe.
//!
//! Anything else is a compile error naming the attribute.
//!
//! `ofx_plugin::bundle!(A, B, ...)` exports the entry symbols for several
//! plugins; it calls a hidden macro of this crate that turns two plugins with
//! the same identifier and major version into a compile error naming both
//! types, and a type listed twice into an error as well.
//!
//! # `#[derive(Params)]`
//!
//! On a struct whose fields are parameter handles (`DoubleParam`,
//! `Double2DParam`, `Double3DParam`, `IntParam`, `Int2DParam`, `Int3DParam`,
//! `BooleanParam`, `ChoiceParam<E>`, `StrChoiceParam`, `RgbParam`,
//! `RgbaParam`, `StringParam`, `CustomParam`, `PushButtonParam`,
//! `ParametricParam`, `BytesParam`) or nested structs that derive `Params`
//! themselves. It generates, for a struct `P`:
//!
//! * `P::define(&mut ContextDescriptor) -> Result<()>`, to call from
//!   `describe_in_context`;
//! * `P::fetch(&InstanceContext) -> Result<P>`, to call from
//!   `create_instance`;
//! * `p.values_at(time) -> Result<PValues>`, a snapshot with one public field
//!   per parameter that has a value (a nested group gives a nested values
//!   struct).
//!
//! Field attributes, `#[param(...)]`:
//!
//! | key | applies to | meaning |
//! |---|---|---|
//! | `name = "..."` | all | the OFX parameter name (default: the field name) |
//! | `label`, `hint`, `script_name` | all | strings shown by the host |
//! | `secret`, `enabled` | all | `true`/`false`; a bare key means `true` |
//! | `animates`, `evaluate_on_change`, `persistent` | every kind with a value | booleans |
//! | `default = VALUE` | kinds with a plain value | the default value (for `ChoiceParam<E>`, a variant of `E`) |
//! | `range = MIN..=MAX` | numeric kinds, parametric | the allowed range (for parametric: the curve's x range) |
//! | `display = MIN..=MAX` | numeric kinds | the range a slider shows |
//! | `increment`, `digits`, `double_type = Angle` | double kinds | slider step, decimals shown, meaning of the value |
//! | `mode = MultiLine` | `StringParam` | the string mode |
//! | `dimension = N` | `ParametricParam` | number of curves |
//!
//! A nested struct is marked `#[group(label = "...", open = true)]` (also
//! `name`, `hint`, `script_name`, `secret`, `enabled`) and becomes a Group
//! parameter holding its fields. `#[page(name = "...", label = "...")]` on a
//! field starts a page holding that field and the following ones, up to the
//! next `#[page]`.
//!
//! Parameter names are unique across the struct, nested groups and pages
//! included: a duplicate inside one struct is an error at the duplicate,
//! and one across nested groups fails constant evaluation with a message
//! naming the group fields. An attribute that does not apply to the field's
//! kind is an error naming it.
//!
//! # `#[derive(ChoiceEnum)]`
//!
//! On a fieldless enum: each variant is one option of a choice parameter, in
//! declaration order, labelled by its name or by `#[choice(label = "...")]`.
//! It implements `ofx_plugin::param::ChoiceEnum`, which maps variants to
//! option indices and back.

mod attr;
mod bundle;
mod choice;
mod params;
mod plugin;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Implements `ofx_plugin::Plugin` from `#[ofx(id = "...", version = "...", label = "...", group = "...", overlay = Type)]`.
///
/// See the [crate documentation](crate) for the attributes and their rules.
#[proc_macro_derive(Plugin, attributes(ofx))]
pub fn derive_plugin(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    plugin::expand(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// Generates `define`, `fetch` and `values_at` for a struct of parameter handles.
///
/// See the [crate documentation](crate) for the field attributes.
#[proc_macro_derive(Params, attributes(param, group, page))]
pub fn derive_params(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    params::expand(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// Maps a fieldless enum's variants to the options of a choice parameter, and back.
///
/// See the [crate documentation](crate).
#[proc_macro_derive(ChoiceEnum, attributes(choice))]
pub fn derive_choice_enum(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    choice::expand(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// Constant assertions that the plugins of one bundle have distinct
/// (identifier, major version) pairs and that no type is listed twice.
///
/// Called by `ofx_plugin::bundle!`; not meant to be used directly.
#[doc(hidden)]
#[proc_macro]
pub fn __bundle_checks(input: TokenStream) -> TokenStream {
    bundle::expand(input.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
