//! Typed parameter definers, for `describe_in_context`.
//!
//! [`ContextDescriptor::params`](crate::ContextDescriptor::params) gives a
//! [`Definer`]; each `define_<kind>` method defines one parameter and returns
//! a [`ParamDef`] whose builder methods are exactly the ones OFX gives that
//! kind (`digits` exists on doubles, not on booleans):
//!
//! ```ignore
//! let p = d.params();
//! p.define_double("gain")?
//!     .label("Gain")
//!     .default(1.0)
//!     .range(0.0, 1e6)
//!     .display_range(0.0, 4.0);
//! p.define_choice_enum::<Filter>("filter")?.label("Filter").default(Filter::Gaussian);
//! ```
//!
//! Builder methods do not return `Result`, so that a definition reads as one
//! chain: the first error they meet (a property the host refuses, a value of
//! the wrong dimension) is kept by the descriptor and returned from the
//! describe-in-context action when `describe_in_context` returns, naming
//! the parameter and the property. Defining itself (a duplicate name, a
//! host without the parameter suite) fails at once with `?`.

use std::cell::RefCell;
use std::marker::PhantomData;

use super::{ChoiceEnum, DoubleType, ParamDescriptor, ParamKind, ParamSet, StringMode};
use crate::error::{Error, Result};

/// Marker types naming the kind of a [`ParamDef`].
pub mod kind {
    macro_rules! markers {
        ($($(#[$m:meta])* $name:ident),* $(,)?) => {
            $(
                $(#[$m])*
                #[derive(Debug, Clone, Copy)]
                pub enum $name {}
            )*
        };
    }
    markers!(
        /// `OfxParamTypeDouble`.
        Double,
        /// `OfxParamTypeDouble2D`.
        Double2D,
        /// `OfxParamTypeDouble3D`.
        Double3D,
        /// `OfxParamTypeInteger`.
        Int,
        /// `OfxParamTypeInteger2D`.
        Int2D,
        /// `OfxParamTypeInteger3D`.
        Int3D,
        /// `OfxParamTypeBoolean`.
        Boolean,
        /// `OfxParamTypeChoice`.
        Choice,
        /// `OfxParamTypeStrChoice`.
        StrChoice,
        /// `OfxParamTypeRGB`.
        Rgb,
        /// `OfxParamTypeRGBA`.
        Rgba,
        /// `OfxParamTypeString`.
        String,
        /// `OfxParamTypeCustom`.
        Custom,
        /// `OfxParamTypePushButton`.
        PushButton,
        /// `OfxParamTypeParametric`.
        Parametric,
        /// `OfxParamTypeBytes`.
        Bytes,
        /// `OfxParamTypeGroup`.
        Group,
        /// `OfxParamTypePage`.
        Page,
    );
}

/// Values a double parameter's default or range accepts: a number (the same
/// for every dimension), a tuple or an array with one value per dimension.
pub trait DoubleValues {
    /// The values for `n` dimensions, or `None` when the count differs.
    fn doubles(self, n: usize) -> Option<Vec<f64>>;
}

/// Values an integer parameter's default or range accepts (see
/// [`DoubleValues`]).
pub trait IntValues {
    /// The values for `n` dimensions, or `None` when the count differs.
    fn ints(self, n: usize) -> Option<Vec<i32>>;
}

impl DoubleValues for f64 {
    fn doubles(self, n: usize) -> Option<Vec<f64>> {
        Some(vec![self; n])
    }
}
impl DoubleValues for i32 {
    fn doubles(self, n: usize) -> Option<Vec<f64>> {
        Some(vec![f64::from(self); n])
    }
}
impl<const N: usize> DoubleValues for [f64; N] {
    fn doubles(self, n: usize) -> Option<Vec<f64>> {
        (N == n).then(|| self.to_vec())
    }
}
impl DoubleValues for (f64, f64) {
    fn doubles(self, n: usize) -> Option<Vec<f64>> {
        [self.0, self.1].doubles(n)
    }
}
impl DoubleValues for (f64, f64, f64) {
    fn doubles(self, n: usize) -> Option<Vec<f64>> {
        [self.0, self.1, self.2].doubles(n)
    }
}
impl DoubleValues for (f64, f64, f64, f64) {
    fn doubles(self, n: usize) -> Option<Vec<f64>> {
        [self.0, self.1, self.2, self.3].doubles(n)
    }
}
impl IntValues for i32 {
    fn ints(self, n: usize) -> Option<Vec<i32>> {
        Some(vec![self; n])
    }
}
impl<const N: usize> IntValues for [i32; N] {
    fn ints(self, n: usize) -> Option<Vec<i32>> {
        (N == n).then(|| self.to_vec())
    }
}
impl IntValues for (i32, i32) {
    fn ints(self, n: usize) -> Option<Vec<i32>> {
        [self.0, self.1].ints(n)
    }
}
impl IntValues for (i32, i32, i32) {
    fn ints(self, n: usize) -> Option<Vec<i32>> {
        [self.0, self.1, self.2].ints(n)
    }
}

/// Defines parameters on an effect described in a context.
pub struct Definer<'a> {
    set: Result<ParamSet>,
    deferred: &'a RefCell<Option<Error>>,
}

/// A parameter being defined, typed by its kind `K` (a [`kind`] marker).
/// Builder methods keep the first error for the describe action to return.
pub struct ParamDef<'a, K> {
    raw: ParamDescriptor,
    deferred: &'a RefCell<Option<Error>>,
    kind: PhantomData<K>,
}

impl<'a> Definer<'a> {
    pub(crate) fn new(set: Result<ParamSet>, deferred: &'a RefCell<Option<Error>>) -> Self {
        Definer { set, deferred }
    }

    /// The untyped parameter set (page order, raw definitions).
    pub fn set(&self) -> Result<ParamSet> {
        self.set.clone()
    }

    fn define<K>(&self, kind: ParamKind, name: &str) -> Result<ParamDef<'a, K>> {
        let set = self.set.clone()?;
        let raw = set
            .define(kind, name)
            .map_err(|e| e.context(format!("defining parameter {name:?}")))?;
        Ok(ParamDef {
            raw,
            deferred: self.deferred,
            kind: PhantomData,
        })
    }

    /// Sets the order of the parameter pages.
    pub fn page_order(&self, pages: &[&str]) -> Result<()> {
        self.set.clone()?.page_order(pages).map(|_| ())
    }
}

macro_rules! definers {
    ($($(#[$m:meta])* $method:ident => $marker:ident, $kind:ident;)*) => {
        impl<'a> Definer<'a> {
            $(
                $(#[$m])*
                pub fn $method(&self, name: &str) -> Result<ParamDef<'a, kind::$marker>> {
                    self.define(ParamKind::$kind, name)
                }
            )*
        }
    };
}

definers! {
    /// Defines a double parameter.
    define_double => Double, Double;
    /// Defines a 2D double parameter.
    define_double_2d => Double2D, Double2D;
    /// Defines a 3D double parameter.
    define_double_3d => Double3D, Double3D;
    /// Defines an integer parameter.
    define_int => Int, Integer;
    /// Defines a 2D integer parameter.
    define_int_2d => Int2D, Integer2D;
    /// Defines a 3D integer parameter.
    define_int_3d => Int3D, Integer3D;
    /// Defines a boolean parameter.
    define_boolean => Boolean, Boolean;
    /// Defines a choice parameter; give its options with
    /// [`ParamDef::options`], or use [`Definer::define_choice_enum`].
    define_choice => Choice, Choice;
    /// Defines a string-valued choice parameter.
    define_str_choice => StrChoice, StrChoice;
    /// Defines an RGB colour parameter.
    define_rgb => Rgb, Rgb;
    /// Defines an RGBA colour parameter.
    define_rgba => Rgba, Rgba;
    /// Defines a string parameter.
    define_string => String, String;
    /// Defines a custom (string-serialised) parameter.
    define_custom => Custom, Custom;
    /// Defines a push button.
    define_push_button => PushButton, PushButton;
    /// Defines a parametric (curve) parameter.
    define_parametric => Parametric, Parametric;
    /// Defines a bytes parameter.
    define_bytes => Bytes, Bytes;
    /// Defines a group; place parameters in it with [`ParamDef::parent`].
    define_group => Group, Group;
    /// Defines a page; list its parameters with [`ParamDef::children`].
    define_page => Page, Page;
}

impl<'a> Definer<'a> {
    /// Defines a choice parameter whose options are the variants of `E`.
    pub fn define_choice_enum<E: ChoiceEnum>(
        &self,
        name: &str,
    ) -> Result<ParamDef<'a, ChoiceOf<E>>> {
        let mut def: ParamDef<'a, ChoiceOf<E>> = self.define(ParamKind::Choice, name)?;
        let r = def.raw.choice_options(E::OPTIONS).map(|_| ());
        def.keep(r, "options");
        Ok(def)
    }
}

/// The kind of a choice parameter typed by the Rust enum `E`.
pub struct ChoiceOf<E>(PhantomData<E>);

impl<K> ParamDef<'_, K> {
    fn keep(&mut self, r: Result<()>, what: &str) {
        if let Err(e) = r {
            let mut slot = self.deferred.borrow_mut();
            if slot.is_none() {
                *slot = Some(e.context(format!(
                    "parameter {:?}: setting its {what}",
                    self.raw.name()
                )));
            }
        }
    }

    fn wrong_dimension(&mut self, what: &str, n: usize) {
        let e = Error::value(format!("expected {n} value(s)"));
        self.keep(Err(e), what);
    }

    /// The parameter's name.
    pub fn name(&self) -> &str {
        self.raw.name()
    }

    /// The untyped descriptor, for properties without a typed method.
    pub fn raw(&mut self) -> &mut ParamDescriptor {
        &mut self.raw
    }

    /// Sets the label shown to the user.
    pub fn label(&mut self, label: &str) -> &mut Self {
        let r = self.raw.label(label).map(|_| ());
        self.keep(r, "label");
        self
    }

    /// Sets the short and long labels.
    pub fn labels(&mut self, short: &str, long: &str) -> &mut Self {
        let r = self.raw.labels(short, long).map(|_| ());
        self.keep(r, "labels");
        self
    }

    /// Sets the tooltip.
    pub fn hint(&mut self, hint: &str) -> &mut Self {
        let r = self.raw.hint(hint).map(|_| ());
        self.keep(r, "hint");
        self
    }

    /// Sets the name scripts use.
    pub fn script_name(&mut self, name: &str) -> &mut Self {
        let r = self.raw.script_name(name).map(|_| ());
        self.keep(r, "script name");
        self
    }

    /// Places the parameter in the group named `group`.
    pub fn parent(&mut self, group: &str) -> &mut Self {
        let r = self.raw.parent(group).map(|_| ());
        self.keep(r, "parent");
        self
    }

    /// Whether the parameter is hidden.
    pub fn secret(&mut self, on: bool) -> &mut Self {
        let r = self.raw.secret(on).map(|_| ());
        self.keep(r, "secret flag");
        self
    }

    /// Whether the parameter is editable.
    pub fn enabled(&mut self, on: bool) -> &mut Self {
        let r = self.raw.enabled(on).map(|_| ());
        self.keep(r, "enabled flag");
        self
    }
}

/// Kinds that hold a value: animation, persistence and re-rendering flags.
pub trait Valued {}
macro_rules! valued {
    ($($k:ty),*) => { $(impl Valued for $k {})* };
}
valued!(
    kind::Double,
    kind::Double2D,
    kind::Double3D,
    kind::Int,
    kind::Int2D,
    kind::Int3D,
    kind::Boolean,
    kind::Choice,
    kind::StrChoice,
    kind::Rgb,
    kind::Rgba,
    kind::String,
    kind::Custom,
    kind::Parametric,
    kind::Bytes
);
impl<E> Valued for ChoiceOf<E> {}

impl<K: Valued> ParamDef<'_, K> {
    /// Whether the value may be animated.
    pub fn animates(&mut self, on: bool) -> &mut Self {
        let r = self.raw.animates(on).map(|_| ());
        self.keep(r, "animates flag");
        self
    }
    /// Whether a change of value triggers a new render.
    pub fn evaluate_on_change(&mut self, on: bool) -> &mut Self {
        let r = self.raw.evaluate_on_change(on).map(|_| ());
        self.keep(r, "evaluate-on-change flag");
        self
    }
    /// Whether the value is saved with the project.
    pub fn persistent(&mut self, on: bool) -> &mut Self {
        let r = self.raw.persistent(on).map(|_| ());
        self.keep(r, "persistent flag");
        self
    }
    /// The main entry of a custom interact drawn in place of the standard
    /// widget (`OfxParamPropInteractV1`), passed through to the host.
    pub fn interact(&mut self, entry: ofx_sys::OfxPluginEntryPoint) -> &mut Self {
        let r = self.raw.props.set_pointer(
            ofx_sys::kOfxParamPropInteractV1,
            0,
            entry as *const () as *mut std::ffi::c_void,
        );
        self.keep(r, "interact");
        self
    }
    /// Draws interact `I` in place of the standard widget, at the size it
    /// asks for ([`ParamInteract`](crate::interact::ParamInteract)).
    pub fn custom_interact<I: crate::interact::ParamInteract>(&mut self) -> &mut Self {
        let entry = crate::ffi::interact::main_entry::<I> as *const () as *mut std::ffi::c_void;
        let props = self.raw.props.clone();
        let r = props.set_pointer(ofx_sys::kOfxParamPropInteractV1, 0, entry);
        self.keep(r, "interact");
        if let Some(s) = I::PREFERRED_SIZE {
            let r = props.set_ints(ofx_sys::kOfxParamPropInteractPreferedSize, &s);
            self.keep(r, "interact's preferred size");
        }
        if let Some(s) = I::MINIMUM_SIZE {
            // A double property in the OpenFX headers, unlike the preferred size.
            let r = props.set_doubles(ofx_sys::kOfxParamPropInteractMinimumSize, &s.map(f64::from));
            self.keep(r, "interact's minimum size");
        }
        if let Some(a) = I::ASPECT {
            let r = props.set_double(ofx_sys::kOfxParamPropInteractSizeAspect, 0, a);
            self.keep(r, "interact's aspect");
        }
        self
    }
    /// Whether changes can be undone.
    pub fn can_undo(&mut self, on: bool) -> &mut Self {
        let r = self.raw.can_undo(on).map(|_| ());
        self.keep(r, "can-undo flag");
        self
    }
}

macro_rules! double_kind {
    ($($k:ident = $n:literal),*) => {$(
        impl ParamDef<'_, kind::$k> {
            /// Sets the default (a number for every dimension, or one per dimension).
            pub fn default(&mut self, v: impl DoubleValues) -> &mut Self {
                match v.doubles($n) {
                    Some(v) => {
                        let r = self.raw.default_doubles(&v).map(|_| ());
                        self.keep(r, "default");
                    }
                    None => self.wrong_dimension("default", $n),
                }
                self
            }
            /// Sets the range of valid values.
            pub fn range(&mut self, min: impl DoubleValues, max: impl DoubleValues) -> &mut Self {
                match (min.doubles($n), max.doubles($n)) {
                    (Some(a), Some(b)) => {
                        let r = self.raw.range_doubles(&a, &b).map(|_| ());
                        self.keep(r, "range");
                    }
                    _ => self.wrong_dimension("range", $n),
                }
                self
            }
            /// Sets the range a slider shows.
            pub fn display_range(&mut self, min: impl DoubleValues, max: impl DoubleValues) -> &mut Self {
                match (min.doubles($n), max.doubles($n)) {
                    (Some(a), Some(b)) => {
                        let r = self.raw.display_range_doubles(&a, &b).map(|_| ());
                        self.keep(r, "display range");
                    }
                    _ => self.wrong_dimension("display range", $n),
                }
                self
            }
        }
    )*};
}
double_kind!(Double = 1, Double2D = 2, Double3D = 3, Rgb = 3, Rgba = 4);

macro_rules! double_extras {
    ($($k:ident),*) => {$(
        impl ParamDef<'_, kind::$k> {
            /// Sets the slider step.
            pub fn increment(&mut self, step: f64) -> &mut Self {
                let r = self.raw.increment(step).map(|_| ());
                self.keep(r, "increment");
                self
            }
            /// Sets the number of decimals shown.
            pub fn digits(&mut self, digits: i32) -> &mut Self {
                let r = self.raw.digits(digits).map(|_| ());
                self.keep(r, "digits");
                self
            }
            /// Says what the value means (a plain number, an angle, a position...).
            pub fn double_type(&mut self, t: DoubleType) -> &mut Self {
                let r = self.raw.double_type(t).map(|_| ());
                self.keep(r, "double type");
                self
            }
            /// Whether defaults are in normalised (0..1 of the project) coordinates.
            pub fn normalised_coordinates(&mut self, on: bool) -> &mut Self {
                let r = self.raw.normalised_coordinates(on).map(|_| ());
                self.keep(r, "coordinate system");
                self
            }
            /// The coordinates the default is written in
            /// (`#[param(coordinates = Normalised)]`).
            pub fn coordinates(&mut self, c: super::CoordinateSystem) -> &mut Self {
                self.normalised_coordinates(c == super::CoordinateSystem::Normalised)
            }
        }
    )*};
}
double_extras!(Double, Double2D, Double3D);

macro_rules! int_kind {
    ($($k:ident = $n:literal),*) => {$(
        impl ParamDef<'_, kind::$k> {
            /// Sets the default (a number for every dimension, or one per dimension).
            pub fn default(&mut self, v: impl IntValues) -> &mut Self {
                match v.ints($n) {
                    Some(v) => {
                        let r = self.raw.default_ints(&v).map(|_| ());
                        self.keep(r, "default");
                    }
                    None => self.wrong_dimension("default", $n),
                }
                self
            }
            /// Sets the range of valid values.
            pub fn range(&mut self, min: impl IntValues, max: impl IntValues) -> &mut Self {
                match (min.ints($n), max.ints($n)) {
                    (Some(a), Some(b)) => {
                        let r = self.raw.range_ints(&a, &b).map(|_| ());
                        self.keep(r, "range");
                    }
                    _ => self.wrong_dimension("range", $n),
                }
                self
            }
            /// Sets the range a slider shows.
            pub fn display_range(&mut self, min: impl IntValues, max: impl IntValues) -> &mut Self {
                match (min.ints($n), max.ints($n)) {
                    (Some(a), Some(b)) => {
                        let r = self
                            .raw
                            .props
                            .set_ints(ofx_sys::kOfxParamPropDisplayMin, &a)
                            .and_then(|_| self.raw.props.set_ints(ofx_sys::kOfxParamPropDisplayMax, &b));
                        self.keep(r, "display range");
                    }
                    _ => self.wrong_dimension("display range", $n),
                }
                self
            }
        }
    )*};
}
int_kind!(Int = 1, Int2D = 2, Int3D = 3);

impl ParamDef<'_, kind::Boolean> {
    /// Sets the default.
    pub fn default(&mut self, on: bool) -> &mut Self {
        let r = self.raw.default_ints(&[i32::from(on)]).map(|_| ());
        self.keep(r, "default");
        self
    }
}

impl ParamDef<'_, kind::Choice> {
    /// Sets the options, in display order.
    pub fn options(&mut self, options: &[&str]) -> &mut Self {
        let r = self.raw.choice_options(options).map(|_| ());
        self.keep(r, "options");
        self
    }
    /// Sets the default option index.
    pub fn default(&mut self, index: usize) -> &mut Self {
        match i32::try_from(index) {
            Ok(i) => {
                let r = self.raw.default_ints(&[i]).map(|_| ());
                self.keep(r, "default");
            }
            Err(_) => self.keep(Err(Error::value("index too large")), "default"),
        }
        self
    }
}

impl<E: ChoiceEnum> ParamDef<'_, ChoiceOf<E>> {
    /// Sets the default variant.
    pub fn default(&mut self, v: E) -> &mut Self {
        let r = i32::try_from(v.to_index())
            .map_err(|_| Error::value("index too large"))
            .and_then(|i| self.raw.default_ints(&[i]).map(|_| ()));
        self.keep(r, "default");
        self
    }
}

impl ParamDef<'_, kind::StrChoice> {
    /// Sets the options: the labels shown, and the strings stored as values.
    pub fn options(&mut self, labels: &[&str], values: &[&str]) -> &mut Self {
        let r = self.raw.choice_options(labels).map(|_| ()).and_then(|_| {
            self.raw
                .props
                .set_strings(ofx_sys::kOfxParamPropChoiceEnum, values)
        });
        self.keep(r, "options");
        self
    }
}

macro_rules! string_default {
    ($($k:ident),*) => {$(
        impl ParamDef<'_, kind::$k> {
            /// Sets the default.
            pub fn default(&mut self, v: &str) -> &mut Self {
                let r = self.raw.default_string(v).map(|_| ());
                self.keep(r, "default");
                self
            }
        }
    )*};
}
string_default!(String, StrChoice, Custom);

/// How a custom parameter's string values blend between two keys; the host
/// calls it through the C callback OFX defines for custom parameters.
pub trait CustomInterpolation: 'static {
    /// The value `amount` (0 to 1) of the way from `from` to `to`.
    fn interpolate(from: &str, to: &str, amount: f64) -> String;
}

impl ParamDef<'_, kind::Custom> {
    /// Makes the host interpolate this parameter's keys with `I`.
    pub fn interpolation<I: CustomInterpolation>(&mut self) -> &mut Self {
        let r = crate::ffi::param::set_custom_interpolation::<I>(&self.raw.props);
        self.keep(r, "interpolation callback");
        self
    }
}

impl ParamDef<'_, kind::String> {
    /// Sets how the string is edited (one line, several, a file or folder path).
    pub fn string_mode(&mut self, m: StringMode) -> &mut Self {
        let r = self.raw.string_mode(m).map(|_| ());
        self.keep(r, "string mode");
        self
    }
    /// For file paths: whether the file must exist (open) or not (save).
    pub fn file_path_exists(&mut self, exists: bool) -> &mut Self {
        let r = self.raw.file_path_exists(exists).map(|_| ());
        self.keep(r, "file-path-exists flag");
        self
    }
}

impl ParamDef<'_, kind::Parametric> {
    /// Sets the number of curves.
    pub fn dimension(&mut self, n: i32) -> &mut Self {
        let r = self
            .raw
            .props
            .set_int(ofx_sys::kOfxParamPropParametricDimension, 0, n);
        self.keep(r, "dimension");
        self
    }
    /// Sets the x range of the curves.
    pub fn parametric_range(&mut self, min: f64, max: f64) -> &mut Self {
        let r = self
            .raw
            .props
            .set_doubles(ofx_sys::kOfxParamPropParametricRange, &[min, max]);
        self.keep(r, "parametric range");
        self
    }
}

impl ParamDef<'_, kind::Group> {
    /// Whether the group shows open.
    pub fn open(&mut self, open: bool) -> &mut Self {
        let r = self.raw.group_open(open).map(|_| ());
        self.keep(r, "open flag");
        self
    }
}

impl ParamDef<'_, kind::Page> {
    /// Lists the parameters on the page, in order.
    pub fn children(&mut self, names: &[&str]) -> &mut Self {
        let r = self.raw.page_children(names).map(|_| ());
        self.keep(r, "children");
        self
    }
}
