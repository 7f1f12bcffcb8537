//! The parameter kinds a field can have, and which attributes each accepts.

use syn::{GenericArgument, PathArguments, Type};

/// A parameter kind, decided by the field's handle type.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Double,
    Double2D,
    Double3D,
    Int,
    Int2D,
    Int3D,
    Boolean,
    Choice,
    StrChoice,
    Rgb,
    Rgba,
    String,
    Custom,
    PushButton,
    Parametric,
    Bytes,
    /// A nested struct deriving `Params`, marked `#[group(...)]`.
    Group,
}

use Kind::*;

/// Every kind that a `#[param]` field may have, with its handle type's name.
pub const HANDLES: &[(&str, Kind)] = &[
    ("DoubleParam", Double),
    ("Double2DParam", Double2D),
    ("Double3DParam", Double3D),
    ("IntParam", Int),
    ("Int2DParam", Int2D),
    ("Int3DParam", Int3D),
    ("BooleanParam", Boolean),
    ("ChoiceParam", Choice),
    ("StrChoiceParam", StrChoice),
    ("RgbParam", Rgb),
    ("RgbaParam", Rgba),
    ("StringParam", String),
    ("CustomParam", Custom),
    ("PushButtonParam", PushButton),
    ("ParametricParam", Parametric),
    ("BytesParam", Bytes),
];

const DOUBLES: &[Kind] = &[Double, Double2D, Double3D];
const VALUED: &[Kind] = &[
    Double, Double2D, Double3D, Int, Int2D, Int3D, Boolean, Choice, StrChoice, Rgb, Rgba, String,
    Custom, Parametric, Bytes,
];
const WITH_DEFAULT: &[Kind] = &[
    Double, Double2D, Double3D, Int, Int2D, Int3D, Boolean, Choice, StrChoice, Rgb, Rgba, String,
    Custom,
];
const ALL: &[Kind] = &[
    Double, Double2D, Double3D, Int, Int2D, Int3D, Boolean, Choice, StrChoice, Rgb, Rgba, String,
    Custom, PushButton, Parametric, Bytes,
];

/// The keys of `#[param(...)]`, each with the kinds that accept it.
pub const PARAM_KEYS: &[(&str, &[Kind])] = &[
    ("name", ALL),
    ("label", ALL),
    ("hint", ALL),
    ("script_name", ALL),
    ("secret", ALL),
    ("enabled", ALL),
    ("evaluate_on_change", VALUED),
    ("animates", VALUED),
    ("persistent", VALUED),
    ("default", WITH_DEFAULT),
    (
        "range",
        &[
            Double, Double2D, Double3D, Int, Int2D, Int3D, Rgb, Rgba, Parametric,
        ],
    ),
    (
        "display",
        &[Double, Double2D, Double3D, Int, Int2D, Int3D, Rgb, Rgba],
    ),
    ("increment", DOUBLES),
    ("digits", DOUBLES),
    ("double_type", DOUBLES),
    ("coordinates", DOUBLES),
    ("mode", &[String]),
    ("dimension", &[Parametric]),
];

/// The keys of `#[group(...)]`.
pub const GROUP_KEYS: &[&str] = &[
    "name",
    "label",
    "hint",
    "script_name",
    "secret",
    "enabled",
    "open",
];

/// The keys of `#[page(...)]`.
pub const PAGE_KEYS: &[&str] = &["name", "label", "hint", "secret", "enabled"];

impl Kind {
    /// The handle type's name, for messages.
    pub fn handle(self) -> &'static str {
        HANDLES
            .iter()
            .find(|(_, k)| *k == self)
            .map_or("a `#[group]` struct", |(n, _)| n)
    }

    /// A readable name, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            Double => "Double",
            Double2D => "Double2D",
            Double3D => "Double3D",
            Int => "Int",
            Int2D => "Int2D",
            Int3D => "Int3D",
            Boolean => "Boolean",
            Choice => "Choice",
            StrChoice => "StrChoice",
            Rgb => "RGB",
            Rgba => "RGBA",
            String => "String",
            Custom => "Custom",
            PushButton => "PushButton",
            Parametric => "Parametric",
            Bytes => "Bytes",
            Group => "Group",
        }
    }

    /// Whether the kind has a value that the snapshot reads.
    pub fn has_value(self) -> bool {
        !matches!(self, PushButton | Parametric | Group)
    }
}

/// The last path segment of a type, if it is a plain path.
pub fn last_segment(ty: &Type) -> Option<&syn::PathSegment> {
    match ty {
        Type::Path(p) if p.qself.is_none() => p.path.segments.last(),
        _ => None,
    }
}

/// The kind of a `#[param]` field, from its handle type's name.
pub fn of_type(ty: &Type) -> Option<Kind> {
    let seg = last_segment(ty)?;
    let name = seg.ident.to_string();
    HANDLES.iter().find(|(n, _)| *n == name).map(|(_, k)| *k)
}

/// The single type argument of `ChoiceParam<E>`, if present.
pub fn type_argument(ty: &Type) -> Option<&Type> {
    let seg = last_segment(ty)?;
    match &seg.arguments {
        PathArguments::AngleBracketed(a) if a.args.len() == 1 => match &a.args[0] {
            GenericArgument::Type(t) => Some(t),
            _ => None,
        },
        _ => None,
    }
}
