//! `ofxProperty.h`: the property suite, through which host and plugin read and
//! write the typed values held in property sets.

use ::core::ffi::{c_char, c_double, c_int, c_void};

use crate::core::{OfxPropertySetHandle, OfxStatus};

structs! {
    header = "ofxProperty.h";

    /// Functions to read and write properties. Every property has a type
    /// (pointer, string, double or int) and holds one or more values; the
    /// `N` variants read or write several values at once.
    #[derive(Debug, Clone, Copy)]
    pub struct OfxPropertySuiteV1 {
        /// Sets one pointer value at `index`.
        pub propSetPointer: Option<unsafe extern "C" fn(properties: OfxPropertySetHandle, property: *const c_char, index: c_int, value: *mut c_void) -> OfxStatus>,
        /// Sets one string value at `index`; the host copies the string.
        pub propSetString: Option<unsafe extern "C" fn(properties: OfxPropertySetHandle, property: *const c_char, index: c_int, value: *const c_char) -> OfxStatus>,
        /// Sets one double value at `index`.
        pub propSetDouble: Option<unsafe extern "C" fn(properties: OfxPropertySetHandle, property: *const c_char, index: c_int, value: c_double) -> OfxStatus>,
        /// Sets one int value at `index`.
        pub propSetInt: Option<unsafe extern "C" fn(properties: OfxPropertySetHandle, property: *const c_char, index: c_int, value: c_int) -> OfxStatus>,
        /// Sets the first `count` pointer values.
        pub propSetPointerN: Option<unsafe extern "C" fn(properties: OfxPropertySetHandle, property: *const c_char, count: c_int, value: *const *mut c_void) -> OfxStatus>,
        /// Sets the first `count` string values.
        pub propSetStringN: Option<unsafe extern "C" fn(properties: OfxPropertySetHandle, property: *const c_char, count: c_int, value: *const *const c_char) -> OfxStatus>,
        /// Sets the first `count` double values.
        pub propSetDoubleN: Option<unsafe extern "C" fn(properties: OfxPropertySetHandle, property: *const c_char, count: c_int, value: *const c_double) -> OfxStatus>,
        /// Sets the first `count` int values.
        pub propSetIntN: Option<unsafe extern "C" fn(properties: OfxPropertySetHandle, property: *const c_char, count: c_int, value: *const c_int) -> OfxStatus>,
        /// Reads one pointer value at `index`.
        pub propGetPointer: Option<unsafe extern "C" fn(properties: OfxPropertySetHandle, property: *const c_char, index: c_int, value: *mut *mut c_void) -> OfxStatus>,
        /// Reads one string value at `index`; the string stays owned by the property set.
        pub propGetString: Option<unsafe extern "C" fn(properties: OfxPropertySetHandle, property: *const c_char, index: c_int, value: *mut *mut c_char) -> OfxStatus>,
        /// Reads one double value at `index`.
        pub propGetDouble: Option<unsafe extern "C" fn(properties: OfxPropertySetHandle, property: *const c_char, index: c_int, value: *mut c_double) -> OfxStatus>,
        /// Reads one int value at `index`.
        pub propGetInt: Option<unsafe extern "C" fn(properties: OfxPropertySetHandle, property: *const c_char, index: c_int, value: *mut c_int) -> OfxStatus>,
        /// Reads the first `count` pointer values.
        pub propGetPointerN: Option<unsafe extern "C" fn(properties: OfxPropertySetHandle, property: *const c_char, count: c_int, value: *mut *mut c_void) -> OfxStatus>,
        /// Reads the first `count` string values.
        pub propGetStringN: Option<unsafe extern "C" fn(properties: OfxPropertySetHandle, property: *const c_char, count: c_int, value: *mut *mut c_char) -> OfxStatus>,
        /// Reads the first `count` double values.
        pub propGetDoubleN: Option<unsafe extern "C" fn(properties: OfxPropertySetHandle, property: *const c_char, count: c_int, value: *mut c_double) -> OfxStatus>,
        /// Reads the first `count` int values.
        pub propGetIntN: Option<unsafe extern "C" fn(properties: OfxPropertySetHandle, property: *const c_char, count: c_int, value: *mut c_int) -> OfxStatus>,
        /// Restores a property to its default value.
        pub propReset: Option<unsafe extern "C" fn(properties: OfxPropertySetHandle, property: *const c_char) -> OfxStatus>,
        /// Reads how many values a property holds.
        pub propGetDimension: Option<unsafe extern "C" fn(properties: OfxPropertySetHandle, property: *const c_char, count: *mut c_int) -> OfxStatus>,
    }
}

constants! {
    header = "ofxProperty.h";

    /// Name of the property suite, to pass to `OfxHost::fetchSuite`.
    str kOfxPropertySuite = c"OfxPropertySuite";
}
