//! Parameters: definition at describe-in-context and typed access on
//! instances.
//!
//! [`ParamSet`] wraps the host's parameter set. At describe-in-context it
//! defines parameters ([`ParamSet::define`]); on an instance it looks them
//! up by name, checking the declared type ([`ParamSet::lookup`]).

use std::ffi::CStr;

use ofx_sys as sys;

use crate::error::{Error, Result};
use crate::ffi::Shared;
use crate::ffi::param as ffi;
use crate::ffi::props::PropSet;
use crate::scope::Scope;

mod define;
mod handles;
pub use define::{
    ChoiceOf, CustomInterpolation, Definer, DoubleValues, IntValues, ParamDef, Valued, kind,
};
pub use handles::*;

/// The type of a parameter, as named by `kOfxParamPropType`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ParamKind {
    /// One integer.
    Integer,
    /// Two integers.
    Integer2D,
    /// Three integers.
    Integer3D,
    /// One double.
    Double,
    /// Two doubles.
    Double2D,
    /// Three doubles.
    Double3D,
    /// A checkbox.
    Boolean,
    /// A choice among labelled options, by index.
    Choice,
    /// A choice among options, by string value.
    StrChoice,
    /// An RGB colour.
    Rgb,
    /// An RGBA colour.
    Rgba,
    /// A string.
    String,
    /// A plugin-defined value held as a string.
    Custom,
    /// A button.
    PushButton,
    /// A group of parameters.
    Group,
    /// A page of parameters.
    Page,
    /// A set of curves.
    Parametric,
    /// Raw bytes.
    Bytes,
}

impl ParamKind {
    /// Every kind, in a fixed order.
    pub const ALL: [ParamKind; 18] = [
        Self::Integer,
        Self::Integer2D,
        Self::Integer3D,
        Self::Double,
        Self::Double2D,
        Self::Double3D,
        Self::Boolean,
        Self::Choice,
        Self::StrChoice,
        Self::Rgb,
        Self::Rgba,
        Self::String,
        Self::Custom,
        Self::PushButton,
        Self::Group,
        Self::Page,
        Self::Parametric,
        Self::Bytes,
    ];

    /// The OFX type string of this kind.
    pub fn type_name(self) -> &'static CStr {
        match self {
            Self::Integer => sys::kOfxParamTypeInteger,
            Self::Integer2D => sys::kOfxParamTypeInteger2D,
            Self::Integer3D => sys::kOfxParamTypeInteger3D,
            Self::Double => sys::kOfxParamTypeDouble,
            Self::Double2D => sys::kOfxParamTypeDouble2D,
            Self::Double3D => sys::kOfxParamTypeDouble3D,
            Self::Boolean => sys::kOfxParamTypeBoolean,
            Self::Choice => sys::kOfxParamTypeChoice,
            Self::StrChoice => sys::kOfxParamTypeStrChoice,
            Self::Rgb => sys::kOfxParamTypeRGB,
            Self::Rgba => sys::kOfxParamTypeRGBA,
            Self::String => sys::kOfxParamTypeString,
            Self::Custom => sys::kOfxParamTypeCustom,
            Self::PushButton => sys::kOfxParamTypePushButton,
            Self::Group => sys::kOfxParamTypeGroup,
            Self::Page => sys::kOfxParamTypePage,
            Self::Parametric => sys::kOfxParamTypeParametric,
            Self::Bytes => sys::kOfxParamTypeBytes,
        }
    }

    /// The kind named by an OFX type string, if it is one.
    pub fn from_type_name(name: &CStr) -> Option<ParamKind> {
        Self::ALL.into_iter().find(|k| k.type_name() == name)
    }
}

/// A host parameter set (of a descriptor or an instance).
///
/// Cheap to clone. It belongs to the descriptor or instance it came from:
/// once that is gone (the describe action returned, or the instance was
/// destroyed), every call through it, or through a parameter fetched from
/// it, fails with a [`BadHandle`](crate::ErrorKind::BadHandle) error.
#[derive(Clone, Debug)]
pub struct ParamSet {
    handle: Shared<sys::OfxParamSetHandle>,
    props: PropSet,
}

impl ParamSet {
    /// Wraps a parameter-set handle from the host, belonging to the object
    /// of `scope`.
    pub(crate) fn from_raw(
        handle: sys::OfxParamSetHandle,
        scope: Option<&Scope>,
    ) -> Result<ParamSet> {
        let props = ffi::param_set_props(handle)?;
        let props = match scope {
            Some(s) => PropSet::scoped(props.handle(), s)?,
            None => props,
        };
        Ok(ParamSet {
            handle: Shared(handle),
            props,
        })
    }

    /// Calls `f` with the raw handle, inside the set's scope.
    pub(crate) fn with<R>(&self, f: impl FnOnce(sys::OfxParamSetHandle) -> Result<R>) -> Result<R> {
        let _live = self.props.enter(|| "a parameter set".to_owned())?;
        f(self.handle.0)
    }

    /// Sets the order of parameter pages (`kOfxPluginPropParamPageOrder`).
    pub fn page_order(&self, pages: &[&str]) -> Result<&Self> {
        self.props
            .set_strings(sys::kOfxPluginPropParamPageOrder, pages)?;
        Ok(self)
    }

    /// Defines a parameter of `kind` named `name`, returning its descriptor.
    pub fn define(&self, kind: ParamKind, name: &str) -> Result<ParamDescriptor> {
        let props = self.with(|h| ffi::define(h, kind.type_name(), name))?;
        let props = self.adopt(props)?.labelled(format!("parameter {name:?}"));
        Ok(ParamDescriptor {
            name: name.to_owned(),
            kind,
            props,
        })
    }

    /// Looks an instance parameter up, checking that its type is `kind`.
    pub fn lookup(&self, kind: ParamKind, name: &str) -> Result<RawParam> {
        let (handle, props) = self
            .with(|h| ffi::get_handle(h, name))
            .map_err(|e| e.context(format!("unknown parameter {name:?}")))?;
        let props = self.adopt(props)?.labelled(format!("parameter {name:?}"));
        let found = props.with_cstr(sys::kOfxParamPropType, 0, ParamKind::from_type_name)?;
        match found {
            Some(k) if k == kind => Ok(RawParam {
                name: name.to_owned(),
                handle: Shared(handle),
                props,
            }),
            Some(k) => Err(Error::value(format!(
                "parameter {name:?} is of type {k:?}, not {kind:?}"
            ))),
            None => Err(Error::value(format!(
                "parameter {name:?} has a type this crate does not know"
            ))),
        }
    }
}

/// A parameter being defined: its descriptor property set.
#[derive(Clone, Debug)]
pub struct ParamDescriptor {
    name: String,
    kind: ParamKind,
    props: PropSet,
}

impl ParamDescriptor {
    /// The parameter's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The parameter's kind.
    pub fn kind(&self) -> ParamKind {
        self.kind
    }

    /// Sets the label shown to the user.
    pub fn label(&mut self, label: &str) -> Result<&mut Self> {
        self.props.set_string(sys::kOfxPropLabel, 0, label)?;
        Ok(self)
    }

    /// Sets the tooltip.
    pub fn hint(&mut self, hint: &str) -> Result<&mut Self> {
        self.props.set_string(sys::kOfxParamPropHint, 0, hint)?;
        Ok(self)
    }

    /// Sets the short and long labels.
    pub fn labels(&mut self, short: &str, long: &str) -> Result<&mut Self> {
        self.props.set_string(sys::kOfxPropShortLabel, 0, short)?;
        self.props.set_string(sys::kOfxPropLongLabel, 0, long)?;
        Ok(self)
    }

    /// Sets the name scripts use for the parameter.
    pub fn script_name(&mut self, name: &str) -> Result<&mut Self> {
        self.props
            .set_string(sys::kOfxParamPropScriptName, 0, name)?;
        Ok(self)
    }

    /// Places the parameter inside the group named `group`.
    pub fn parent(&mut self, group: &str) -> Result<&mut Self> {
        self.props.set_string(sys::kOfxParamPropParent, 0, group)?;
        Ok(self)
    }

    /// Whether the parameter is editable.
    pub fn enabled(&mut self, on: bool) -> Result<&mut Self> {
        self.props.set_bool(sys::kOfxParamPropEnabled, 0, on)?;
        Ok(self)
    }

    /// Whether the parameter is hidden.
    pub fn secret(&mut self, on: bool) -> Result<&mut Self> {
        self.props.set_bool(sys::kOfxParamPropSecret, 0, on)?;
        Ok(self)
    }

    /// Whether the parameter may be animated.
    pub fn animates(&mut self, on: bool) -> Result<&mut Self> {
        self.props.set_bool(sys::kOfxParamPropAnimates, 0, on)?;
        Ok(self)
    }

    /// Whether the value is saved with the project.
    pub fn persistent(&mut self, on: bool) -> Result<&mut Self> {
        self.props.set_bool(sys::kOfxParamPropPersistant, 0, on)?;
        Ok(self)
    }

    /// Whether a change triggers a new render.
    pub fn evaluate_on_change(&mut self, on: bool) -> Result<&mut Self> {
        self.props
            .set_bool(sys::kOfxParamPropEvaluateOnChange, 0, on)?;
        Ok(self)
    }

    /// Whether changes can be undone.
    pub fn can_undo(&mut self, on: bool) -> Result<&mut Self> {
        self.props.set_bool(sys::kOfxParamPropCanUndo, 0, on)?;
        Ok(self)
    }

    /// Sets the default of a double-valued parameter (one value per dimension).
    pub fn default_doubles(&mut self, v: &[f64]) -> Result<&mut Self> {
        self.props.set_doubles(sys::kOfxParamPropDefault, v)?;
        Ok(self)
    }

    /// Sets the default of an int-valued parameter (also Boolean and Choice).
    pub fn default_ints(&mut self, v: &[i32]) -> Result<&mut Self> {
        self.props.set_ints(sys::kOfxParamPropDefault, v)?;
        Ok(self)
    }

    /// Sets the range of a double-valued parameter.
    pub fn range_doubles(&mut self, min: &[f64], max: &[f64]) -> Result<&mut Self> {
        self.props.set_doubles(sys::kOfxParamPropMin, min)?;
        self.props.set_doubles(sys::kOfxParamPropMax, max)?;
        Ok(self)
    }

    /// Sets the slider range of a double-valued parameter.
    pub fn display_range_doubles(&mut self, min: &[f64], max: &[f64]) -> Result<&mut Self> {
        self.props.set_doubles(sys::kOfxParamPropDisplayMin, min)?;
        self.props.set_doubles(sys::kOfxParamPropDisplayMax, max)?;
        Ok(self)
    }

    /// Sets the range of an int-valued parameter.
    pub fn range_ints(&mut self, min: &[i32], max: &[i32]) -> Result<&mut Self> {
        self.props.set_ints(sys::kOfxParamPropMin, min)?;
        self.props.set_ints(sys::kOfxParamPropMax, max)?;
        Ok(self)
    }

    /// Sets the slider step of a double parameter.
    pub fn increment(&mut self, step: f64) -> Result<&mut Self> {
        self.props
            .set_double(sys::kOfxParamPropIncrement, 0, step)?;
        Ok(self)
    }

    /// Sets the number of digits shown for a double parameter.
    pub fn digits(&mut self, digits: i32) -> Result<&mut Self> {
        self.props.set_int(sys::kOfxParamPropDigits, 0, digits)?;
        Ok(self)
    }

    /// Sets the options of a Choice parameter, in display order.
    pub fn choice_options(&mut self, options: &[&str]) -> Result<&mut Self> {
        self.props
            .set_strings(sys::kOfxParamPropChoiceOption, options)?;
        Ok(self)
    }

    /// Sets the children of a Page parameter.
    pub fn page_children(&mut self, names: &[&str]) -> Result<&mut Self> {
        self.props.set_strings(sys::kOfxParamPropPageChild, names)?;
        Ok(self)
    }
}

impl ParamSet {
    /// Gives a property set handed out through this set the set's scope.
    fn adopt(&self, props: PropSet) -> Result<PropSet> {
        match self.props.scope() {
            Some(s) => PropSet::scoped(props.handle(), s),
            None => Ok(props),
        }
    }
}

/// An instance parameter whose type has been checked.
#[derive(Clone, Debug)]
pub struct RawParam {
    name: String,
    handle: Shared<sys::OfxParamHandle>,
    props: PropSet,
}

impl RawParam {
    /// The parameter's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Calls `f` with the raw handle, inside the scope of the parameter's
    /// instance.
    pub(crate) fn with<R>(&self, f: impl FnOnce(sys::OfxParamHandle) -> Result<R>) -> Result<R> {
        let _live = self.props.enter(|| format!("parameter {:?}", self.name))?;
        f(self.handle.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_type_names() {
        for k in ParamKind::ALL {
            assert_eq!(ParamKind::from_type_name(k.type_name()), Some(k));
        }
        assert_eq!(ParamKind::from_type_name(c"OfxParamTypeNope"), None);
    }
}

/// How a double parameter's value is interpreted (`kOfxParamPropDoubleType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DoubleType {
    /// A plain number.
    Plain,
    /// An angle in degrees.
    Angle,
    /// A scale factor.
    Scale,
    /// A time offset in frames.
    Time,
    /// An absolute time in frames.
    AbsoluteTime,
    /// A horizontal size.
    X,
    /// A vertical size.
    Y,
    /// A 2D size.
    XY,
    /// A horizontal position.
    XAbsolute,
    /// A vertical position.
    YAbsolute,
    /// A 2D position.
    XYAbsolute,
    /// A horizontal size as a fraction of the project width (OpenFX 1.2's
    /// normalised type; newer hosts prefer `X` with
    /// [`CoordinateSystem::Normalised`] defaults).
    NormalisedX,
    /// A vertical size as a fraction of the project height (1.2).
    NormalisedY,
    /// A 2D size as a fraction of the project size (1.2).
    NormalisedXY,
    /// A horizontal position, 0 to 1 across the project (1.2).
    NormalisedXAbsolute,
    /// A vertical position, 0 to 1 up the project (1.2).
    NormalisedYAbsolute,
    /// A 2D position, 0 to 1 across and up the project (1.2).
    NormalisedXYAbsolute,
}

/// The coordinates a spatial double parameter's default is written in
/// (`kOfxParamPropDefaultCoordinateSystem`). The value itself is always
/// canonical; normalised defaults are scaled by the project size (and
/// offset, for positions) by the host, so that one default suits every
/// project format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum CoordinateSystem {
    /// The default is in canonical coordinates (pixels at full scale,
    /// with pixel aspect ratio applied).
    #[default]
    Canonical,
    /// The default is a fraction of the project (0.5 is the middle).
    Normalised,
}

impl DoubleType {
    fn name(self) -> &'static CStr {
        match self {
            Self::Plain => sys::kOfxParamDoubleTypePlain,
            Self::Angle => sys::kOfxParamDoubleTypeAngle,
            Self::Scale => sys::kOfxParamDoubleTypeScale,
            Self::Time => sys::kOfxParamDoubleTypeTime,
            Self::AbsoluteTime => sys::kOfxParamDoubleTypeAbsoluteTime,
            Self::X => sys::kOfxParamDoubleTypeX,
            Self::Y => sys::kOfxParamDoubleTypeY,
            Self::XY => sys::kOfxParamDoubleTypeXY,
            Self::XAbsolute => sys::kOfxParamDoubleTypeXAbsolute,
            Self::YAbsolute => sys::kOfxParamDoubleTypeYAbsolute,
            Self::XYAbsolute => sys::kOfxParamDoubleTypeXYAbsolute,
            Self::NormalisedX => sys::kOfxParamDoubleTypeNormalisedX,
            Self::NormalisedY => sys::kOfxParamDoubleTypeNormalisedY,
            Self::NormalisedXY => sys::kOfxParamDoubleTypeNormalisedXY,
            Self::NormalisedXAbsolute => sys::kOfxParamDoubleTypeNormalisedXAbsolute,
            Self::NormalisedYAbsolute => sys::kOfxParamDoubleTypeNormalisedYAbsolute,
            Self::NormalisedXYAbsolute => sys::kOfxParamDoubleTypeNormalisedXYAbsolute,
        }
    }
}

/// How a string parameter is edited (`kOfxParamPropStringMode`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StringMode {
    /// One line of text.
    SingleLine,
    /// Several lines of text.
    MultiLine,
    /// A file path.
    FilePath,
    /// A directory path.
    DirectoryPath,
    /// A read-only label.
    Label,
    /// Rich text.
    RichText,
}

impl StringMode {
    fn name(self) -> &'static CStr {
        match self {
            Self::SingleLine => sys::kOfxParamStringIsSingleLine,
            Self::MultiLine => sys::kOfxParamStringIsMultiLine,
            Self::FilePath => sys::kOfxParamStringIsFilePath,
            Self::DirectoryPath => sys::kOfxParamStringIsDirectoryPath,
            Self::Label => sys::kOfxParamStringIsLabel,
            Self::RichText => sys::kOfxParamStringIsRichTextFormat,
        }
    }
}

fn cstr_str(c: &CStr) -> Result<&str> {
    c.to_str()
        .map_err(|_| Error::value("non-UTF-8 OFX constant"))
}

impl ParamDescriptor {
    /// Sets the double type.
    pub fn double_type(&mut self, t: DoubleType) -> Result<&mut Self> {
        self.props
            .set_string(sys::kOfxParamPropDoubleType, 0, cstr_str(t.name())?)?;
        Ok(self)
    }

    /// Declares spatial defaults as normalised (`true`) or canonical.
    pub fn normalised_coordinates(&mut self, normalised: bool) -> Result<&mut Self> {
        let v = if normalised {
            sys::kOfxParamCoordinatesNormalised
        } else {
            sys::kOfxParamCoordinatesCanonical
        };
        self.props
            .set_string(sys::kOfxParamPropDefaultCoordinateSystem, 0, cstr_str(v)?)?;
        Ok(self)
    }

    /// Sets the string mode.
    pub fn string_mode(&mut self, m: StringMode) -> Result<&mut Self> {
        self.props
            .set_string(sys::kOfxParamPropStringMode, 0, cstr_str(m.name())?)?;
        Ok(self)
    }

    /// Sets the default of a string-valued parameter.
    pub fn default_string(&mut self, v: &str) -> Result<&mut Self> {
        self.props.set_string(sys::kOfxParamPropDefault, 0, v)?;
        Ok(self)
    }

    /// Whether a Group starts open.
    pub fn group_open(&mut self, open: bool) -> Result<&mut Self> {
        self.props.set_bool(sys::kOfxParamPropGroupOpen, 0, open)?;
        Ok(self)
    }

    /// Sets a Choice's options from a [`ChoiceEnum`] and its default.
    pub fn choice_enum<E: ChoiceEnum>(&mut self, default: E) -> Result<&mut Self> {
        self.choice_options(E::OPTIONS)?;
        let d = i32::try_from(default.to_index())
            .map_err(|_| Error::value("choice index too large"))?;
        self.default_ints(&[d])
    }
}

#[cfg(test)]
mod enum_tests {
    use super::*;

    #[derive(Clone, Copy, Debug, PartialEq)]
    enum Mode {
        A,
        B,
    }
    impl ChoiceEnum for Mode {
        const OPTIONS: &'static [&'static str] = &["a", "b"];
        fn to_index(self) -> usize {
            self as usize
        }
        fn from_index(i: usize) -> Option<Self> {
            [Mode::A, Mode::B].get(i).copied()
        }
    }

    #[test]
    fn constants_are_utf8_and_choice_enum_round_trips() {
        for t in [
            DoubleType::Plain,
            DoubleType::XYAbsolute,
            DoubleType::AbsoluteTime,
        ] {
            assert!(
                cstr_str(t.name())
                    .unwrap()
                    .starts_with("OfxParamDoubleType")
            );
        }
        assert_eq!(
            cstr_str(StringMode::FilePath.name()).unwrap(),
            "OfxParamStringIsFilePath"
        );
        for (i, _) in Mode::OPTIONS.iter().enumerate() {
            assert_eq!(Mode::from_index(i).unwrap().to_index(), i);
        }
        assert_eq!(Mode::from_index(2), None);
    }
}

/// What a value change invalidates in the host's cache
/// (`kOfxParamPropCacheInvalidation`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CacheInvalidation {
    /// Only frames depending on the changed value.
    ValueChange,
    /// Frames from the change to the end of the clip.
    ValueChangeToEnd,
    /// Every frame.
    All,
}

impl ParamDescriptor {
    /// Sets what a change invalidates.
    pub fn cache_invalidation(&mut self, c: CacheInvalidation) -> Result<&mut Self> {
        let v = match c {
            CacheInvalidation::ValueChange => sys::kOfxParamInvalidateValueChange,
            CacheInvalidation::ValueChangeToEnd => sys::kOfxParamInvalidateValueChangeToEnd,
            CacheInvalidation::All => sys::kOfxParamInvalidateAll,
        };
        self.props
            .set_string(sys::kOfxParamPropCacheInvalidation, 0, cstr_str(v)?)?;
        Ok(self)
    }

    /// Sets the per-dimension labels of a 2D/3D or colour parameter.
    pub fn dimension_labels(&mut self, labels: &[&str]) -> Result<&mut Self> {
        self.props
            .set_strings(sys::kOfxParamPropDimensionLabel, labels)?;
        Ok(self)
    }

    /// Whether a file-path string must name an existing file.
    pub fn file_path_exists(&mut self, exists: bool) -> Result<&mut Self> {
        self.props
            .set_bool(sys::kOfxParamPropStringFilePathExists, 0, exists)?;
        Ok(self)
    }

    /// Sets the children of a Page, with skipped rows and columns.
    pub fn page_layout(&mut self, children: &[PageChild<'_>]) -> Result<&mut Self> {
        let mut names = Vec::with_capacity(children.len());
        for c in children {
            names.push(match c {
                PageChild::Param(n) => *n,
                PageChild::SkipRow => cstr_str(sys::kOfxParamPageSkipRow)?,
                PageChild::SkipColumn => cstr_str(sys::kOfxParamPageSkipColumn)?,
            });
        }
        self.page_children(&names)
    }
}

/// One entry of a page layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageChild<'a> {
    /// A parameter, by name.
    Param(&'a str),
    /// An empty row.
    SkipRow,
    /// An empty column.
    SkipColumn,
}
