//! Typed instance-side parameter handles.

use ofx_sys as sys;

use super::{ParamKind, ParamSet, RawParam};
use crate::error::{Error, Result};
use crate::ffi::param as ffi;

/// A typed parameter handle that can be fetched by name from a parameter set.
pub trait Param: Sized + Send + Sync + Clone {
    /// The parameter type this handle expects.
    const KIND: ParamKind;
    /// Looks the parameter up, failing with an error naming it when it is
    /// missing or has another type.
    fn fetch(set: &ParamSet, name: &str) -> Result<Self>;
}

/// A parameter whose value can be read at a time (for value snapshots).
pub trait ParamValue: Param {
    /// The Rust type of the value.
    type Value: Clone + std::fmt::Debug + PartialEq;
    /// The value at the current time.
    fn value(&self) -> Result<Self::Value>;
    /// The value at `time`.
    fn value_at(&self, time: f64) -> Result<Self::Value>;
    /// Sets the value (in actions where the host allows it).
    fn set_value(&self, v: Self::Value) -> Result<()>;
    /// Sets a keyframe at `time`.
    fn set_value_at(&self, time: f64, v: Self::Value) -> Result<()>;
}

/// Which keyframe [`RawParam::key_index`] looks for, relative to a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeySearch {
    /// The key exactly at the time.
    At,
    /// The nearest key before it.
    Before,
    /// The nearest key after it.
    After,
}

impl RawParam {
    /// Number of keyframes.
    pub fn key_count(&self) -> Result<usize> {
        self.with(|h| ffi::num_keys(h, &self.name))
    }
    /// Time of the `nth` keyframe.
    pub fn key_time(&self, nth: usize) -> Result<f64> {
        self.with(|h| ffi::key_time(h, nth, &self.name))
    }
    /// Index of a keyframe relative to `time`, `None` when there is none.
    pub fn key_index(&self, time: f64, search: KeySearch) -> Result<Option<usize>> {
        let d = match search {
            KeySearch::At => 0,
            KeySearch::Before => -1,
            KeySearch::After => 1,
        };
        self.with(|h| ffi::key_index(h, time, d, &self.name))
    }
    /// Deletes the keyframe at `time`.
    pub fn delete_key(&self, time: f64) -> Result<()> {
        self.with(|h| ffi::delete_key(h, time, &self.name))
    }
    /// Deletes every keyframe.
    pub fn delete_all_keys(&self) -> Result<()> {
        self.with(|h| ffi::delete_all_keys(h, &self.name))
    }
    /// Copies `from`'s value and keys (only those within `range` when
    /// given) onto this parameter, shifted by `offset` frames. Both must be
    /// of the same type.
    pub fn copy_from(&self, from: &RawParam, offset: f64, range: Option<(f64, f64)>) -> Result<()> {
        self.with(|h| from.with(|f| ffi::copy(h, f, offset, range, &self.name)))
    }
    /// Enables or disables the parameter in the UI.
    pub fn set_enabled(&self, on: bool) -> Result<()> {
        self.props.set_bool(sys::kOfxParamPropEnabled, 0, on)
    }
    /// Hides or shows the parameter.
    pub fn set_secret(&self, on: bool) -> Result<()> {
        self.props.set_bool(sys::kOfxParamPropSecret, 0, on)
    }
    /// Changes the label.
    pub fn set_label(&self, label: &str) -> Result<()> {
        self.props.set_string(sys::kOfxPropLabel, 0, label)
    }
    /// Changes the tooltip.
    pub fn set_hint(&self, hint: &str) -> Result<()> {
        self.props.set_string(sys::kOfxParamPropHint, 0, hint)
    }
}

/// An open undo/redo block of edits on a parameter set; closed on drop
/// (also when unwinding or returning early with an error).
#[must_use = "the edit block closes when this guard is dropped"]
pub struct EditBlock<'a> {
    set: &'a ParamSet,
}

impl ParamSet {
    /// Opens an edit block named `label`, closed when the guard drops.
    pub fn edit_block(&self, label: &str) -> Result<EditBlock<'_>> {
        self.with(|h| ffi::edit(h, Some(label)))?;
        Ok(EditBlock { set: self })
    }

    /// Fetches a typed parameter by name.
    pub fn param<P: Param>(&self, name: &str) -> Result<P> {
        P::fetch(self, name)
    }
}

impl Drop for EditBlock<'_> {
    fn drop(&mut self) {
        // Nothing sensible can be done with a failure here: the host keeps
        // the edits either way.
        let _ = self.set.with(|h| ffi::edit(h, None));
    }
}

macro_rules! numeric_param {
    ($(#[$m:meta])* $name:ident, $kind:ident, $value:ty, $get:ident, $set:ident, $n:literal,
     |$a:ident| $to:expr, |$b:ident| $from:expr) => {
        $(#[$m])*
        #[derive(Clone, Debug)]
        pub struct $name(RawParam);

        impl $name {
            /// The untyped handle (keyframes, UI state).
            pub fn raw(&self) -> &RawParam {
                &self.0
            }
        }

        impl std::ops::Deref for $name {
            type Target = RawParam;
            fn deref(&self) -> &RawParam {
                &self.0
            }
        }

        impl Param for $name {
            const KIND: ParamKind = ParamKind::$kind;
            fn fetch(set: &ParamSet, name: &str) -> Result<Self> {
                set.lookup(Self::KIND, name).map($name)
            }
        }

        impl ParamValue for $name {
            type Value = $value;
            fn value(&self) -> Result<$value> {
                let $a = self.0.with(|h| ffi::$get::<$n>(h, None, &self.0.name))?;
                Ok($to)
            }
            fn value_at(&self, time: f64) -> Result<$value> {
                let $a = self.0.with(|h| ffi::$get::<$n>(h, Some(time), &self.0.name))?;
                Ok($to)
            }
            fn set_value(&self, $b: $value) -> Result<()> {
                self.0.with(|h| ffi::$set::<$n>(h, None, $from, &self.0.name))
            }
            fn set_value_at(&self, time: f64, $b: $value) -> Result<()> {
                self.0.with(|h| ffi::$set::<$n>(h, Some(time), $from, &self.0.name))
            }
        }
    };
}

numeric_param!(
    /// A 1D double parameter.
    DoubleParam, Double, f64, get_doubles, set_doubles, 1, |a| a[0], |b| [b]);
numeric_param!(
    /// A 2D double parameter.
    Double2DParam, Double2D, [f64; 2], get_doubles, set_doubles, 2, |a| a, |b| b);
numeric_param!(
    /// A 3D double parameter.
    Double3DParam, Double3D, [f64; 3], get_doubles, set_doubles, 3, |a| a, |b| b);
numeric_param!(
    /// A 1D integer parameter.
    IntParam, Integer, i32, get_ints, set_ints, 1, |a| a[0], |b| [b]);
numeric_param!(
    /// A 2D integer parameter.
    Int2DParam, Integer2D, [i32; 2], get_ints, set_ints, 2, |a| a, |b| b);
numeric_param!(
    /// A 3D integer parameter.
    Int3DParam, Integer3D, [i32; 3], get_ints, set_ints, 3, |a| a, |b| b);
numeric_param!(
    /// A boolean parameter.
    BooleanParam, Boolean, bool, get_ints, set_ints, 1, |a| a[0] != 0, |b| [i32::from(b)]);
numeric_param!(
    /// An RGB colour parameter.
    RgbParam, Rgb, [f64; 3], get_doubles, set_doubles, 3, |a| a, |b| b);
numeric_param!(
    /// An RGBA colour parameter.
    RgbaParam, Rgba, [f64; 4], get_doubles, set_doubles, 4, |a| a, |b| b);

macro_rules! calculus {
    ($name:ident, $value:ty, $n:literal, |$a:ident| $to:expr) => {
        impl $name {
            /// The derivative of the value at `time`.
            pub fn derivative(&self, time: f64) -> Result<$value> {
                let $a = self
                    .0
                    .with(|h| ffi::calculus::<$n>(h, time, None, &self.0.name))?;
                Ok($to)
            }
            /// The integral of the value from `t1` to `t2`.
            pub fn integral(&self, t1: f64, t2: f64) -> Result<$value> {
                let $a = self
                    .0
                    .with(|h| ffi::calculus::<$n>(h, t1, Some(t2), &self.0.name))?;
                Ok($to)
            }
        }
    };
}
calculus!(DoubleParam, f64, 1, |a| a[0]);
calculus!(Double2DParam, [f64; 2], 2, |a| a);
calculus!(Double3DParam, [f64; 3], 3, |a| a);

macro_rules! string_param {
    ($(#[$m:meta])* $name:ident, $kind:ident) => {
        $(#[$m])*
        #[derive(Clone, Debug)]
        pub struct $name(RawParam);

        impl std::ops::Deref for $name {
            type Target = RawParam;
            fn deref(&self) -> &RawParam {
                &self.0
            }
        }

        impl Param for $name {
            const KIND: ParamKind = ParamKind::$kind;
            fn fetch(set: &ParamSet, name: &str) -> Result<Self> {
                set.lookup(Self::KIND, name).map($name)
            }
        }

        impl ParamValue for $name {
            type Value = String;
            fn value(&self) -> Result<String> {
                self.0.with(|h| ffi::get_string(h, None, &self.0.name))
            }
            fn value_at(&self, time: f64) -> Result<String> {
                self.0.with(|h| ffi::get_string(h, Some(time), &self.0.name))
            }
            fn set_value(&self, v: String) -> Result<()> {
                self.0.with(|h| ffi::set_string(h, None, &v, &self.0.name))
            }
            fn set_value_at(&self, time: f64, v: String) -> Result<()> {
                self.0.with(|h| ffi::set_string(h, Some(time), &v, &self.0.name))
            }
        }
    };
}
string_param!(
    /// A string parameter.
    StringParam, String);
string_param!(
    /// A choice parameter whose value is the option's string.
    StrChoiceParam, StrChoice);
string_param!(
    /// A custom parameter: its value is a plugin-defined string.
    CustomParam, Custom);

macro_rules! valueless_param {
    ($(#[$m:meta])* $name:ident, $kind:ident) => {
        $(#[$m])*
        #[derive(Clone, Debug)]
        pub struct $name(RawParam);

        impl std::ops::Deref for $name {
            type Target = RawParam;
            fn deref(&self) -> &RawParam {
                &self.0
            }
        }

        impl Param for $name {
            const KIND: ParamKind = ParamKind::$kind;
            fn fetch(set: &ParamSet, name: &str) -> Result<Self> {
                set.lookup(Self::KIND, name).map($name)
            }
        }
    };
}
valueless_param!(
    /// A push button.
    PushButtonParam, PushButton);
valueless_param!(
    /// A group of parameters.
    GroupParam, Group);
valueless_param!(
    /// A page of parameters.
    PageParam, Page);
valueless_param!(
    /// A parametric parameter: one or more curves `y = f(x)` a user edits
    /// (colour curves, falloffs), read through the parametric suite.
    ParametricParam, Parametric);

impl ParametricParam {
    /// Curve `curve` evaluated at position `x`, at `time`.
    pub fn value_at(&self, curve: usize, time: f64, x: f64) -> Result<f64> {
        self.0
            .with(|h| ffi::parametric_value(h, curve, time, x, &self.0.name))
    }
    /// The control points `(x, y)` of curve `curve` at `time`, by position.
    pub fn control_points(&self, curve: usize, time: f64) -> Result<Vec<(f64, f64)>> {
        self.0
            .with(|h| ffi::parametric_points(h, curve, time, &self.0.name))
    }
    /// Adds a control point to curve `curve` (in the actions where a plugin
    /// may change values); `key` also sets an animation key at `time`.
    pub fn add_control_point(
        &self,
        curve: usize,
        time: f64,
        point: (f64, f64),
        key: bool,
    ) -> Result<()> {
        self.0
            .with(|h| ffi::parametric_add(h, curve, time, point, key, &self.0.name))
    }
    /// Deletes every control point of curve `curve`.
    pub fn clear_control_points(&self, curve: usize) -> Result<()> {
        self.0
            .with(|h| ffi::parametric_clear(h, curve, &self.0.name))
    }
}
valueless_param!(
    /// A bytes parameter. Value access is not wrapped yet.
    BytesParam, Bytes);

/// A Rust enum usable as the value of a Choice parameter: variants map to
/// option indices and labels (the derive implements this).
pub trait ChoiceEnum: Sized + Copy + Send + Sync + 'static {
    /// The option labels, in variant order.
    const OPTIONS: &'static [&'static str];
    /// The option index of this variant.
    fn to_index(self) -> usize;
    /// The variant at an option index, if any.
    fn from_index(index: usize) -> Option<Self>;
}

/// The value type of a [`ChoiceParam`]: the option index (`usize`) or a
/// [`ChoiceEnum`] variant.
pub trait ChoiceValue: Copy + Send + Sync + std::fmt::Debug + PartialEq + 'static {
    /// The option index of the value.
    fn choice_index(self) -> usize;
    /// The value at an option index, if any.
    fn from_choice_index(index: usize) -> Option<Self>;
}

impl ChoiceValue for usize {
    fn choice_index(self) -> usize {
        self
    }
    fn from_choice_index(index: usize) -> Option<Self> {
        Some(index)
    }
}

impl<E: ChoiceEnum + std::fmt::Debug + PartialEq> ChoiceValue for E {
    fn choice_index(self) -> usize {
        ChoiceEnum::to_index(self)
    }
    fn from_choice_index(index: usize) -> Option<Self> {
        <E as ChoiceEnum>::from_index(index)
    }
}

/// A choice parameter. Its value is the option index, or with
/// `ChoiceParam<E>` a variant of the [`ChoiceEnum`] `E`.
pub struct ChoiceParam<E = usize>(RawParam, std::marker::PhantomData<fn() -> E>);

impl<E> Clone for ChoiceParam<E> {
    fn clone(&self) -> Self {
        ChoiceParam(self.0.clone(), std::marker::PhantomData)
    }
}

impl<E> std::fmt::Debug for ChoiceParam<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("ChoiceParam").field(&self.0).finish()
    }
}

impl<E> std::ops::Deref for ChoiceParam<E> {
    type Target = RawParam;
    fn deref(&self) -> &RawParam {
        &self.0
    }
}

impl<E: ChoiceValue> Param for ChoiceParam<E> {
    const KIND: ParamKind = ParamKind::Choice;
    fn fetch(set: &ParamSet, name: &str) -> Result<Self> {
        set.lookup(Self::KIND, name)
            .map(|r| ChoiceParam(r, std::marker::PhantomData))
    }
}

impl<E: ChoiceValue> ChoiceParam<E> {
    fn decode(&self, i: i32) -> Result<E> {
        usize::try_from(i)
            .ok()
            .and_then(E::from_choice_index)
            .ok_or_else(|| {
                Error::value(format!(
                    "parameter {:?}: option {i} is not a value of this choice",
                    self.0.name
                ))
            })
    }
    fn encode(v: E) -> Result<[i32; 1]> {
        Ok(
            [i32::try_from(v.choice_index())
                .map_err(|_| Error::value("choice index too large"))?],
        )
    }
}

impl<E: ChoiceValue> ParamValue for ChoiceParam<E> {
    type Value = E;
    fn value(&self) -> Result<E> {
        let a = self.0.with(|h| ffi::get_ints::<1>(h, None, &self.0.name))?;
        self.decode(a[0])
    }
    fn value_at(&self, time: f64) -> Result<E> {
        let a = self
            .0
            .with(|h| ffi::get_ints::<1>(h, Some(time), &self.0.name))?;
        self.decode(a[0])
    }
    fn set_value(&self, v: E) -> Result<()> {
        self.0
            .with(|h| ffi::set_ints::<1>(h, None, Self::encode(v)?, &self.0.name))
    }
    fn set_value_at(&self, time: f64, v: E) -> Result<()> {
        self.0
            .with(|h| ffi::set_ints::<1>(h, Some(time), Self::encode(v)?, &self.0.name))
    }
}

impl ChoiceParam {
    /// The value as a [`ChoiceEnum`] variant at `time`.
    pub fn enum_at<E: ChoiceEnum>(&self, time: f64) -> Result<E> {
        let i = self.value_at(time)?;
        E::from_index(i).ok_or_else(|| {
            Error::value(format!(
                "parameter {:?}: option {i} is not a variant",
                self.0.name
            ))
        })
    }
}
