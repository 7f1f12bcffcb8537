//! `ofxProgress.h`: progress reporting for long operations.

use ::core::ffi::{c_char, c_double, c_void};

use crate::core::OfxStatus;

structs! {
    header = "ofxProgress.h";

    /// Shows a progress bar for a long operation (first version).
    #[derive(Debug, Clone, Copy)]
    pub struct OfxProgressSuiteV1 {
        /// Starts showing progress with a label.
        pub progressStart: Option<unsafe extern "C" fn(effectInstance: *mut c_void, label: *const c_char) -> OfxStatus>,
        /// Reports progress from 0 to 1; `kOfxStatReplyNo` asks the plugin to stop.
        pub progressUpdate: Option<unsafe extern "C" fn(effectInstance: *mut c_void, progress: c_double) -> OfxStatus>,
        /// Stops showing progress.
        pub progressEnd: Option<unsafe extern "C" fn(effectInstance: *mut c_void) -> OfxStatus>,
    }

    /// Shows a progress bar for a long operation, with a message identifier.
    #[derive(Debug, Clone, Copy)]
    pub struct OfxProgressSuiteV2 {
        /// Starts showing progress with a message and its identifier.
        pub progressStart: Option<unsafe extern "C" fn(effectInstance: *mut c_void, message: *const c_char, messageid: *const c_char) -> OfxStatus>,
        /// Reports progress from 0 to 1; `kOfxStatReplyNo` asks the plugin to stop.
        pub progressUpdate: Option<unsafe extern "C" fn(effectInstance: *mut c_void, progress: c_double) -> OfxStatus>,
        /// Stops showing progress.
        pub progressEnd: Option<unsafe extern "C" fn(effectInstance: *mut c_void) -> OfxStatus>,
    }
}

constants! {
    header = "ofxProgress.h";

    /// Name of the progress suite, to pass to `OfxHost::fetchSuite`.
    str kOfxProgressSuite = c"OfxProgressSuite";
}
