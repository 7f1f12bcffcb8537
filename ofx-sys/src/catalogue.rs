//! Tables of everything this crate declares.
//!
//! The tables are produced by the same macros that declare the constants and
//! structs, so they always agree with the declarations. Tests compare them
//! with the reference tables extracted from the official headers, and a host
//! can use them to resolve a constant's name at run time.

use ::core::ffi::CStr;

/// The value of a `#define` of the C API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConstValue {
    /// A string constant, such as a property or action name.
    Str(&'static CStr),
    /// An integer constant, such as a status code or key symbol.
    Int(i64),
}

/// One constant of the C API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Constant {
    /// The header that defines it, e.g. `ofxCore.h`.
    pub header: &'static str,
    /// Its C name, e.g. `kOfxActionLoad`.
    pub name: &'static str,
    /// Its value.
    pub value: ConstValue,
}

/// The layout of one field of a C struct.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldLayout {
    /// The field's C name.
    pub name: &'static str,
    /// Its size in bytes.
    pub size: usize,
    /// Its offset from the start of the struct, in bytes.
    pub offset: usize,
}

/// The layout of one C struct, as the Rust declaration lays it out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StructLayout {
    /// The header that declares it.
    pub header: &'static str,
    /// Its C name.
    pub name: &'static str,
    /// Its size in bytes.
    pub size: usize,
    /// Its alignment in bytes.
    pub align: usize,
    /// Its fields in declaration order.
    pub fields: &'static [FieldLayout],
}

/// The constant tables of every module, one slice per header.
pub const CONSTANT_TABLES: &[&[Constant]] = &[
    crate::core::CONSTANTS,
    crate::property::CONSTANTS,
    crate::image_effect::CONSTANTS,
    crate::param::CONSTANTS,
    crate::parametric_param::CONSTANTS,
    crate::memory::CONSTANTS,
    crate::multi_thread::CONSTANTS,
    crate::message::CONSTANTS,
    crate::progress::CONSTANTS,
    crate::timeline::CONSTANTS,
    crate::interact::CONSTANTS,
    crate::draw_suite::CONSTANTS,
    crate::dialog::CONSTANTS,
    crate::gpu_render::CONSTANTS,
    crate::colour::CONSTANTS,
    crate::old::CONSTANTS,
    crate::keysyms::CONSTANTS,
    crate::ofx_native_v1_5_aces_v1_3_ocio_v2_3::CONSTANTS,
];

/// The struct tables of every module that declares structs.
pub const STRUCT_TABLES: &[&[StructLayout]] = &[
    crate::core::STRUCTS,
    crate::property::STRUCTS,
    crate::image_effect::STRUCTS,
    crate::param::STRUCTS,
    crate::parametric_param::STRUCTS,
    crate::memory::STRUCTS,
    crate::multi_thread::STRUCTS,
    crate::message::STRUCTS,
    crate::progress::STRUCTS,
    crate::timeline::STRUCTS,
    crate::interact::STRUCTS,
    crate::draw_suite::STRUCTS,
    crate::dialog::STRUCTS,
    crate::gpu_render::STRUCTS,
    crate::pixels::STRUCTS,
    crate::old::STRUCTS,
];

/// Every constant this crate declares.
pub fn constants() -> impl Iterator<Item = &'static Constant> {
    CONSTANT_TABLES.iter().flat_map(|t| t.iter())
}

/// Every struct this crate declares.
pub fn structs() -> impl Iterator<Item = &'static StructLayout> {
    STRUCT_TABLES.iter().flat_map(|t| t.iter())
}

/// Looks a constant up by its C name.
pub fn constant(name: &str) -> Option<&'static Constant> {
    constants().find(|c| c.name == name)
}

/// Looks a string constant up by its value, e.g. the property name
/// `"OfxPropTime"` gives `kOfxPropTime`.
pub fn constant_with_str_value(value: &CStr) -> Option<&'static Constant> {
    constants().find(|c| matches!(c.value, ConstValue::Str(s) if s == value))
}
