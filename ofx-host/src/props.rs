//! The typed property store behind the property suite.
//!
//! Property sets are built from ofx-sys's reference tables
//! ([`PROPERTY_SETS_TSV`], with types and dimensions from
//! [`PROPERTIES_TSV`]): every property of a set is present
//! with its type and dimension, and with the spec's default where it gives one.

use crate::types::ofx_str;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::ffi::{CStr, CString};
use std::sync::OnceLock;

use ofx_sys::reference::{PROPERTIES_TSV, PROPERTY_SETS_TSV};

/// The value type of a property.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PropType {
    /// `int` (also OFX `bool`).
    Int,
    /// `double`.
    Double,
    /// A string (also OFX `enum`).
    String,
    /// A `void*`.
    Pointer,
    /// A parameter's default/min/max: int, double or string depending on the
    /// parameter type. The type is fixed by the first write.
    Polymorphic,
}

/// The number of values a property holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dimension {
    /// Exactly this many values.
    Fixed(usize),
    /// Any number of values; grows and shrinks.
    Variable,
}

/// The values of one property.
#[derive(Clone, Debug, PartialEq)]
pub enum Values {
    /// Integer values.
    Int(Vec<i32>),
    /// Double values.
    Double(Vec<f64>),
    /// String values, kept as C strings so pointers handed to a plugin stay
    /// valid until the value is next set or the set is destroyed.
    String(Vec<CString>),
    /// Pointer values, stored as addresses.
    Pointer(Vec<usize>),
}

impl Values {
    fn empty(ty: PropType) -> Values {
        match ty {
            PropType::Int | PropType::Polymorphic => Values::Int(Vec::new()),
            PropType::Double => Values::Double(Vec::new()),
            PropType::String => Values::String(Vec::new()),
            PropType::Pointer => Values::Pointer(Vec::new()),
        }
    }
    fn zeros(ty: PropType, n: usize) -> Values {
        match ty {
            PropType::Int | PropType::Polymorphic => Values::Int(vec![0; n]),
            PropType::Double => Values::Double(vec![0.0; n]),
            PropType::String => Values::String(vec![CString::default(); n]),
            PropType::Pointer => Values::Pointer(vec![0; n]),
        }
    }
    /// Number of values held.
    pub fn len(&self) -> usize {
        match self {
            Values::Int(v) => v.len(),
            Values::Double(v) => v.len(),
            Values::String(v) => v.len(),
            Values::Pointer(v) => v.len(),
        }
    }
    /// Whether no value is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    fn kind(&self) -> PropType {
        match self {
            Values::Int(_) => PropType::Int,
            Values::Double(_) => PropType::Double,
            Values::String(_) => PropType::String,
            Values::Pointer(_) => PropType::Pointer,
        }
    }
}

/// Who is writing a property: the host may write everything, a plugin only
/// what the table lets it write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Writer {
    /// The host (this crate or a test driving it).
    Host,
    /// The plugin, through the property suite.
    Plugin,
}

/// Why a property access failed; maps onto an OFX status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PropError {
    /// No property of that name in the set (`kOfxStatErrUnknown`).
    Unknown,
    /// The property has another type (`kOfxStatErrUnknown`, as the spec says).
    WrongType,
    /// The index is outside the property's dimension (`kOfxStatErrBadIndex`).
    BadIndex,
    /// A plugin wrote a property only the host may write (`kOfxStatErrValue`).
    HostOnly,
}

impl PropError {
    /// The OFX status code for this error.
    pub fn status(self) -> i32 {
        match self {
            PropError::Unknown | PropError::WrongType => ofx_sys::kOfxStatErrUnknown,
            PropError::BadIndex => ofx_sys::kOfxStatErrBadIndex,
            PropError::HostOnly => ofx_sys::kOfxStatErrValue,
        }
    }
}

/// One property: declared type and dimension, access rights, current and
/// default values.
#[derive(Clone, Debug)]
pub struct Property {
    /// Declared value type.
    pub ty: PropType,
    /// Declared dimension.
    pub dimension: Dimension,
    /// Whether a plugin may write it (false: host-only).
    pub plugin_write: bool,
    values: Values,
    /// The default where it is not the shape's initial values (most
    /// properties have none, and sets are built for every action: one
    /// allocation fewer per property).
    default: Option<Values>,
}

impl Property {
    /// A property with the given shape; fixed-dimension properties start with
    /// zero values, variable ones empty.
    pub fn new(ty: PropType, dimension: Dimension, plugin_write: bool) -> Self {
        Property {
            ty,
            dimension,
            plugin_write,
            values: Self::initial(ty, dimension),
            default: None,
        }
    }
    /// The values a property of this shape starts with.
    fn initial(ty: PropType, dimension: Dimension) -> Values {
        match dimension {
            Dimension::Fixed(n) => Values::zeros(ty, n),
            Dimension::Variable => Values::empty(ty),
        }
    }
    /// The current values.
    pub fn values(&self) -> &Values {
        &self.values
    }
    fn check_type(&mut self, want: PropType) -> Result<(), PropError> {
        if self.values.kind() == want {
            return Ok(());
        }
        // A polymorphic property that holds nothing but zeros can still be
        // retyped by its first write.
        if self.ty == PropType::Polymorphic && want != PropType::Pointer {
            let n = self.values.len();
            self.values = Values::zeros(want, n);
            self.default = Some(self.values.clone());
            self.ty = want;
            return Ok(());
        }
        Err(PropError::WrongType)
    }
}

/// A property set: a named collection of typed properties.
#[derive(Clone, Debug, Default)]
pub struct PropertySet {
    /// The table's name for this kind of set (e.g. `"EffectInstance"`), or a
    /// free-form name for action argument sets.
    pub kind: String,
    /// Keyed by name; the names of documented properties borrow the
    /// reference table's, so building a set allocates no names.
    props: BTreeMap<Cow<'static, str>, Property>,
}

struct Table {
    /// property name -> (type, dimension)
    shapes: HashMap<String, (PropType, Dimension)>,
    /// set name -> [(property, plugin_write)]
    sets: HashMap<String, Vec<(String, bool)>>,
}

fn parse_type(s: &str) -> PropType {
    match s {
        "int" | "bool" => PropType::Int,
        "double" => PropType::Double,
        "string" | "enum" => PropType::String,
        "pointer" => PropType::Pointer,
        _ => PropType::Polymorphic,
    }
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut shapes = HashMap::new();
        for line in PROPERTIES_TSV.lines().skip(1) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 5 {
                continue;
            }
            let dim = match f[4].parse() {
                Ok(n) => Dimension::Fixed(n),
                Err(_) => Dimension::Variable,
            };
            shapes.insert(f[2].to_string(), (parse_type(f[3]), dim));
        }
        let mut sets: HashMap<String, Vec<(String, bool)>> = HashMap::new();
        for line in PROPERTY_SETS_TSV.lines().skip(1) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 4 {
                continue;
            }
            sets.entry(f[0].to_string())
                .or_default()
                .push((f[1].to_string(), f[3] == "true"));
        }
        Table { shapes, sets }
    })
}

/// The declared type and dimension of a documented property.
pub fn property_shape(name: &str) -> Option<(PropType, Dimension)> {
    table().shapes.get(name).copied()
}

/// Every property name the reference tables document, in no order.
pub fn property_names() -> impl Iterator<Item = &'static str> {
    table().shapes.keys().map(String::as_str)
}

/// The names of the property sets in the reference table.
pub fn set_kinds() -> Vec<&'static str> {
    let mut v: Vec<&str> = table().sets.keys().map(String::as_str).collect();
    v.sort();
    v
}

/// Plugin-written properties the reference set table leaves out, by set:
/// ofxGPURender.h makes OpenCL and CUDA render support properties "of a
/// host or plug-in", so a plugin may set them on its descriptor (the table
/// lists them for no set; the host's own descriptor gets them from
/// `config::GPU_RENDER_PROPERTIES`).
const MISSING_FROM_TABLE: &[(&str, &str)] = &[
    (
        "EffectDescriptor",
        ofx_str(ofx_sys::kOfxImageEffectPropOpenCLRenderSupported),
    ),
    (
        "EffectDescriptor",
        ofx_str(ofx_sys::kOfxImageEffectPropCudaRenderSupported),
    ),
];

/// Spec defaults (from the programming guide's "Default -" lines) for
/// properties whose default is not simply zero / empty.
const DEFAULTS: &[(&str, DefaultValue)] = &[
    (
        ofx_str(ofx_sys::kOfxImageEffectPluginPropHostFrameThreading),
        DefaultValue::Int(1),
    ),
    (
        ofx_str(ofx_sys::kOfxImageEffectPropSupportsMultiResolution),
        DefaultValue::Int(1),
    ),
    (
        ofx_str(ofx_sys::kOfxImageEffectPropSupportsTiles),
        DefaultValue::Int(1),
    ),
    (
        ofx_str(ofx_sys::kOfxImageEffectPluginPropFieldRenderTwiceAlways),
        DefaultValue::Int(1),
    ),
    (
        ofx_str(ofx_sys::kOfxImageEffectPluginRenderThreadSafety),
        DefaultValue::Str(ofx_str(ofx_sys::kOfxImageEffectRenderInstanceSafe)),
    ),
    (
        ofx_str(ofx_sys::kOfxImageClipPropFieldExtraction),
        DefaultValue::Str(ofx_str(ofx_sys::kOfxImageFieldDoubled)),
    ),
    (
        ofx_str(ofx_sys::kOfxParamPropAnimates),
        DefaultValue::Int(1),
    ),
    (
        ofx_str(ofx_sys::kOfxParamPropPersistant),
        DefaultValue::Int(1),
    ),
    (
        ofx_str(ofx_sys::kOfxParamPropEvaluateOnChange),
        DefaultValue::Int(1),
    ),
    (ofx_str(ofx_sys::kOfxParamPropEnabled), DefaultValue::Int(1)),
    (ofx_str(ofx_sys::kOfxParamPropCanUndo), DefaultValue::Int(1)),
    (
        ofx_str(ofx_sys::kOfxParamPropStringFilePathExists),
        DefaultValue::Int(1),
    ),
    (
        ofx_str(ofx_sys::kOfxParamPropGroupOpen),
        DefaultValue::Int(1),
    ),
    (
        ofx_str(ofx_sys::kOfxParamPropCacheInvalidation),
        DefaultValue::Str(ofx_str(ofx_sys::kOfxParamInvalidateValueChange)),
    ),
    (
        ofx_str(ofx_sys::kOfxParamPropDoubleType),
        DefaultValue::Str(ofx_str(ofx_sys::kOfxParamDoubleTypePlain)),
    ),
    (
        ofx_str(ofx_sys::kOfxParamPropStringMode),
        DefaultValue::Str(ofx_str(ofx_sys::kOfxParamStringIsSingleLine)),
    ),
    (
        ofx_str(ofx_sys::kOfxParamPropDefaultCoordinateSystem),
        DefaultValue::Str(ofx_str(ofx_sys::kOfxParamCoordinatesCanonical)),
    ),
    (
        ofx_str(ofx_sys::kOfxParamPropIncrement),
        DefaultValue::Double(1.0),
    ),
    (
        ofx_str(ofx_sys::kOfxParamPropDisplayMin),
        DefaultValue::Double(-f64::MAX),
    ),
    (
        ofx_str(ofx_sys::kOfxParamPropDisplayMax),
        DefaultValue::Double(f64::MAX),
    ),
    (ofx_str(ofx_sys::kOfxParamPropDigits), DefaultValue::Int(2)),
];

/// Properties a plugin may write although the reference table lists only the
/// host as writer, as `(set, name)`, `None` for every set: instance data
/// ("plugin instance (read/write)"), and an effect instance's tile support,
/// which ofxImageEffect.h lets a plugin change in instance changed since
/// 1.4.
const PLUGIN_WRITABLE_OVERRIDES: &[(Option<&str>, &str)] = &[
    (None, ofx_str(ofx_sys::kOfxPropInstanceData)),
    (
        Some("EffectInstance"),
        ofx_str(ofx_sys::kOfxImageEffectPropSupportsTiles),
    ),
];

enum DefaultValue {
    Int(i32),
    Double(f64),
    Str(&'static str),
}

impl PropertySet {
    /// An empty set with a free-form kind name (for action arguments).
    pub fn empty(kind: &str) -> Self {
        PropertySet {
            kind: kind.to_string(),
            props: BTreeMap::new(),
        }
    }

    /// A set holding every property the reference table lists for `kind`
    /// (e.g. `"EffectDescriptor"`, `"ClipInstance"`, `"ParamsDouble2D3D"`),
    /// with defaults applied. `None` if the table has no such set.
    pub fn from_table(kind: &str) -> Option<Self> {
        let t = table();
        let entries = t.sets.get(kind)?;
        let mut set = PropertySet::empty(kind);
        for (name, plugin_write) in entries {
            let (ty, dim) = t
                .shapes
                .get(name)
                .copied()
                .unwrap_or((PropType::Polymorphic, Dimension::Variable));
            let plugin_write = *plugin_write
                || PLUGIN_WRITABLE_OVERRIDES
                    .iter()
                    .any(|(set, n)| *n == name && set.is_none_or(|k| k == kind));
            let mut p = Property::new(ty, dim, plugin_write);
            if let Some((_, d)) = DEFAULTS.iter().find(|(n, _)| n == name) {
                let fill = |p: &mut Property, v: Values| {
                    if p.values.kind() == v.kind() {
                        p.values = v;
                    }
                };
                let n = p.values.len();
                if n > 0 {
                    match d {
                        DefaultValue::Int(i) => fill(&mut p, Values::Int(vec![*i; n])),
                        DefaultValue::Double(x) => fill(&mut p, Values::Double(vec![*x; n])),
                        DefaultValue::Str(s) => fill(
                            &mut p,
                            Values::String(vec![CString::new(*s).expect("no NUL"); n]),
                        ),
                    }
                }
                p.default = Some(p.values.clone());
            }
            set.props.insert(Cow::Borrowed(name.as_str()), p);
        }
        for (k, name) in MISSING_FROM_TABLE {
            if *k == kind
                && let Some((ty, dim)) = t.shapes.get(*name).copied()
            {
                let p = Property::new(ty, dim, true);
                set.props.insert(Cow::Borrowed(*name), p);
            }
        }
        Some(set)
    }

    /// Adds (or replaces) a property outside the table, e.g. an action
    /// argument or a per-clip `OfxImageClipPropRoI_<name>`.
    pub fn define(&mut self, name: &str, ty: PropType, dimension: Dimension, plugin_write: bool) {
        let key = match table().shapes.get_key_value(name) {
            Some((documented, _)) => Cow::Borrowed(documented.as_str()),
            None => Cow::Owned(name.to_string()),
        };
        self.props
            .insert(key, Property::new(ty, dimension, plugin_write));
    }

    /// Removes `name` from the set (for sets built from a wider table).
    pub fn remove(&mut self, name: &str) -> Option<Property> {
        self.props.remove(name)
    }

    /// Sets whether a plugin may write `name`; false if the set lacks it.
    pub fn set_plugin_write(&mut self, name: &str, plugin_write: bool) -> bool {
        match self.props.get_mut(name) {
            Some(p) => {
                p.plugin_write = plugin_write;
                true
            }
            None => false,
        }
    }

    /// The property named `name`.
    pub fn get(&self, name: &str) -> Option<&Property> {
        self.props.get(name)
    }

    /// Whether the set holds `name`.
    pub fn contains(&self, name: &str) -> bool {
        self.props.contains_key(name)
    }

    /// Names of every property in the set, sorted.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.props.keys().map(|k| k.as_ref())
    }

    fn prop_mut(
        &mut self,
        name: &str,
        ty: PropType,
        who: Writer,
    ) -> Result<&mut Property, PropError> {
        let p = self.props.get_mut(name).ok_or(PropError::Unknown)?;
        p.check_type(ty)?;
        if who == Writer::Plugin && !p.plugin_write {
            return Err(PropError::HostOnly);
        }
        Ok(p)
    }

    fn prop(&self, name: &str, ty: PropType) -> Result<&Property, PropError> {
        let p = self.props.get(name).ok_or(PropError::Unknown)?;
        if p.values.kind() != ty && !(p.ty == PropType::Polymorphic && p.values.is_empty()) {
            return Err(PropError::WrongType);
        }
        Ok(p)
    }

    /// Number of values of `name`.
    pub fn dimension(&self, name: &str) -> Result<usize, PropError> {
        Ok(self.props.get(name).ok_or(PropError::Unknown)?.values.len())
    }

    /// Restores `name` to its default.
    pub fn reset(&mut self, name: &str) -> Result<(), PropError> {
        let p = self.props.get_mut(name).ok_or(PropError::Unknown)?;
        p.values = match &p.default {
            Some(d) => d.clone(),
            None => Property::initial(p.ty, p.dimension),
        };
        Ok(())
    }
}

fn set_at<T: Clone>(
    v: &mut Vec<T>,
    dim: Dimension,
    index: usize,
    value: T,
    fill: T,
) -> Result<(), PropError> {
    match dim {
        Dimension::Fixed(n) if index >= n => return Err(PropError::BadIndex),
        _ => {}
    }
    if index >= v.len() {
        v.resize(index + 1, fill);
    }
    v[index] = value;
    Ok(())
}

fn set_all<T: Clone>(v: &mut Vec<T>, dim: Dimension, values: &[T]) -> Result<(), PropError> {
    match dim {
        Dimension::Fixed(n) if values.len() > n => return Err(PropError::BadIndex),
        Dimension::Fixed(_) => v[..values.len()].clone_from_slice(values),
        // Setting N values of a variable property makes it exactly N long.
        Dimension::Variable => *v = values.to_vec(),
    }
    Ok(())
}

fn get_at<T: Clone>(v: &[T], index: usize) -> Result<T, PropError> {
    v.get(index).cloned().ok_or(PropError::BadIndex)
}

macro_rules! typed_access {
    ($set:ident, $set_n:ident, $get:ident, $get_n:ident, $variant:ident, $ty:ty, $pt:expr, $fill:expr, $doc:literal) => {
        #[doc = concat!("Sets one ", $doc, " value at `index` (growing a variable-dimension property).")]
        pub fn $set(&mut self, name: &str, index: usize, value: $ty, who: Writer) -> Result<(), PropError> {
            let p = self.prop_mut(name, $pt, who)?;
            let dim = p.dimension;
            match &mut p.values {
                Values::$variant(v) => set_at(v, dim, index, value, $fill),
                _ => Err(PropError::WrongType),
            }
        }
        #[doc = concat!("Sets the leading ", $doc, " values (a variable-dimension property takes exactly these).")]
        pub fn $set_n(&mut self, name: &str, values: &[$ty], who: Writer) -> Result<(), PropError> {
            let p = self.prop_mut(name, $pt, who)?;
            let dim = p.dimension;
            match &mut p.values {
                Values::$variant(v) => set_all(v, dim, values),
                _ => Err(PropError::WrongType),
            }
        }
        #[doc = concat!("Reads one ", $doc, " value at `index`.")]
        pub fn $get(&self, name: &str, index: usize) -> Result<$ty, PropError> {
            match &self.prop(name, $pt)?.values {
                Values::$variant(v) => get_at(v, index),
                _ => Err(PropError::WrongType),
            }
        }
        #[doc = concat!("Reads every ", $doc, " value.")]
        pub fn $get_n(&self, name: &str) -> Result<Vec<$ty>, PropError> {
            match &self.prop(name, $pt)?.values {
                Values::$variant(v) => Ok(v.clone()),
                _ => Err(PropError::WrongType),
            }
        }
    };
}

impl PropertySet {
    typed_access!(
        set_int,
        set_int_n,
        get_int,
        get_int_n,
        Int,
        i32,
        PropType::Int,
        0,
        "int"
    );
    typed_access!(
        set_double,
        set_double_n,
        get_double,
        get_double_n,
        Double,
        f64,
        PropType::Double,
        0.0,
        "double"
    );
    typed_access!(
        set_pointer,
        set_pointer_n,
        get_pointer,
        get_pointer_n,
        Pointer,
        usize,
        PropType::Pointer,
        0,
        "pointer"
    );

    /// Sets one string value at `index` (growing a variable-dimension property).
    pub fn set_string(
        &mut self,
        name: &str,
        index: usize,
        value: &str,
        who: Writer,
    ) -> Result<(), PropError> {
        let c = CString::new(value.replace('\0', "")).expect("NULs removed");
        self.set_cstring(name, index, c, who)
    }

    /// Sets one string value at `index` from a C string.
    pub fn set_cstring(
        &mut self,
        name: &str,
        index: usize,
        value: CString,
        who: Writer,
    ) -> Result<(), PropError> {
        let p = self.prop_mut(name, PropType::String, who)?;
        let dim = p.dimension;
        match &mut p.values {
            Values::String(v) => set_at(v, dim, index, value, CString::default()),
            _ => Err(PropError::WrongType),
        }
    }

    /// Sets the leading string values.
    pub fn set_string_n(
        &mut self,
        name: &str,
        values: &[&str],
        who: Writer,
    ) -> Result<(), PropError> {
        let cs: Vec<CString> = values
            .iter()
            .map(|s| CString::new(s.replace('\0', "")).expect("NULs removed"))
            .collect();
        let p = self.prop_mut(name, PropType::String, who)?;
        let dim = p.dimension;
        match &mut p.values {
            Values::String(v) => set_all(v, dim, &cs),
            _ => Err(PropError::WrongType),
        }
    }

    /// Reads one string value at `index`.
    pub fn get_string(&self, name: &str, index: usize) -> Result<String, PropError> {
        Ok(self.get_cstr(name, index)?.to_string_lossy().into_owned())
    }

    /// Reads one string value at `index`, borrowed from the store. Its
    /// address is stable until the value is next set or the set is dropped.
    pub fn get_cstr(&self, name: &str, index: usize) -> Result<&CStr, PropError> {
        match &self.prop(name, PropType::String)?.values {
            Values::String(v) => v
                .get(index)
                .map(CString::as_c_str)
                .ok_or(PropError::BadIndex),
            _ => Err(PropError::WrongType),
        }
    }

    /// Reads every string value.
    pub fn get_string_n(&self, name: &str) -> Result<Vec<String>, PropError> {
        match &self.prop(name, PropType::String)?.values {
            Values::String(v) => Ok(v.iter().map(|s| s.to_string_lossy().into_owned()).collect()),
            _ => Err(PropError::WrongType),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_set_builds_with_declared_shapes() {
        let kinds = set_kinds();
        assert!(kinds.contains(&"EffectInstance") && kinds.contains(&"ParamsDouble2D3D"));
        for kind in kinds {
            let set = PropertySet::from_table(kind).unwrap();
            for name in set.names() {
                if let Some((ty, Dimension::Fixed(n))) = property_shape(name)
                    && ty != PropType::Polymorphic
                {
                    assert_eq!(set.dimension(name), Ok(n), "{kind}.{name}");
                }
            }
        }
        assert!(PropertySet::from_table("NoSuchSet").is_none());
    }

    #[test]
    fn an_effect_instance_may_change_its_tile_support_and_a_clip_may_not() {
        let tiles = ofx_str(ofx_sys::kOfxImageEffectPropSupportsTiles);
        let mut effect = PropertySet::from_table("EffectInstance").unwrap();
        assert_eq!(effect.set_int(tiles, 0, 0, Writer::Plugin), Ok(()));
        assert_eq!(effect.get_int(tiles, 0), Ok(0));
        let mut clip = PropertySet::from_table("ClipInstance").unwrap();
        assert!(clip.set_int(tiles, 0, 0, Writer::Plugin).is_err());
        assert_eq!(clip.get_int(tiles, 0), Ok(1));
    }

    #[test]
    fn defaults_and_errors() {
        let mut s = PropertySet::from_table("EffectDescriptor").unwrap();
        assert_eq!(
            s.get_int(ofx_str(ofx_sys::kOfxImageEffectPropSupportsTiles), 0),
            Ok(1)
        );
        assert_eq!(
            s.get_int(ofx_str(ofx_sys::kOfxImageEffectPluginPropSingleInstance), 0),
            Ok(0)
        );
        assert_eq!(
            s.get_string(ofx_str(ofx_sys::kOfxImageEffectPluginRenderThreadSafety), 0)
                .as_deref(),
            Ok(ofx_str(ofx_sys::kOfxImageEffectRenderInstanceSafe))
        );
        assert_eq!(s.get_int("NoSuchProp", 0), Err(PropError::Unknown));
        assert_eq!(
            s.get_double(ofx_str(ofx_sys::kOfxImageEffectPropSupportsTiles), 0),
            Err(PropError::WrongType)
        );
        assert_eq!(
            s.get_int(ofx_str(ofx_sys::kOfxImageEffectPropSupportsTiles), 1),
            Err(PropError::BadIndex)
        );
        assert_eq!(
            s.set_int(
                ofx_str(ofx_sys::kOfxImageEffectPropSupportsTiles),
                1,
                0,
                Writer::Plugin
            ),
            Err(PropError::BadIndex)
        );
        s.set_int(
            ofx_str(ofx_sys::kOfxImageEffectPropSupportsTiles),
            0,
            0,
            Writer::Plugin,
        )
        .unwrap();
        assert_eq!(
            s.get_int(ofx_str(ofx_sys::kOfxImageEffectPropSupportsTiles), 0),
            Ok(0)
        );
        s.reset(ofx_str(ofx_sys::kOfxImageEffectPropSupportsTiles))
            .unwrap();
        assert_eq!(
            s.get_int(ofx_str(ofx_sys::kOfxImageEffectPropSupportsTiles), 0),
            Ok(1)
        );
        let mut i = PropertySet::from_table("EffectInstance").unwrap();
        assert_eq!(
            i.set_string(
                ofx_str(ofx_sys::kOfxImageEffectPropContext),
                0,
                "x",
                Writer::Plugin
            ),
            Err(PropError::HostOnly)
        );
        i.set_string(
            ofx_str(ofx_sys::kOfxImageEffectPropContext),
            0,
            ofx_str(ofx_sys::kOfxImageEffectContextFilter),
            Writer::Host,
        )
        .unwrap();
        assert_eq!(PropError::HostOnly.status(), ofx_sys::kOfxStatErrValue);
        assert_eq!(PropError::WrongType.status(), ofx_sys::kOfxStatErrUnknown);
    }

    #[test]
    fn variable_dimension_grows_and_shrinks() {
        let mut s = PropertySet::from_table("EffectDescriptor").unwrap();
        let p = ofx_str(ofx_sys::kOfxImageEffectPropSupportedContexts);
        assert_eq!(s.dimension(p), Ok(0));
        s.set_string(p, 0, "a", Writer::Plugin).unwrap();
        s.set_string(p, 2, "c", Writer::Plugin).unwrap();
        assert_eq!(s.get_string_n(p).unwrap(), ["a", "", "c"]);
        s.set_string_n(p, &["z"], Writer::Plugin).unwrap();
        assert_eq!(s.dimension(p), Ok(1));
        assert_eq!(s.get_string(p, 1), Err(PropError::BadIndex));
    }

    #[test]
    fn polymorphic_default_takes_type_of_first_write() {
        let mut s = PropertySet::from_table("ParamsDouble2D3D").unwrap();
        s.set_double_n(
            ofx_str(ofx_sys::kOfxParamPropDefault),
            &[1.5, 2.5],
            Writer::Plugin,
        )
        .unwrap();
        assert_eq!(
            s.get_double_n(ofx_str(ofx_sys::kOfxParamPropDefault))
                .unwrap(),
            [1.5, 2.5]
        );
        assert_eq!(
            s.get_int(ofx_str(ofx_sys::kOfxParamPropDefault), 0),
            Err(PropError::WrongType)
        );
    }
}
