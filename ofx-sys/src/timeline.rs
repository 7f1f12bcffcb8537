//! `ofxTimeLine.h`: reading and moving the host's current time.

use ::core::ffi::{c_double, c_void};

use crate::core::OfxStatus;

structs! {
    header = "ofxTimeLine.h";

    /// Functions to read the timeline's current time and bounds and to move it.
    #[derive(Debug, Clone, Copy)]
    pub struct OfxTimeLineSuiteV1 {
        /// Reads the current time.
        pub getTime: Option<unsafe extern "C" fn(instance: *mut c_void, time: *mut c_double) -> OfxStatus>,
        /// Moves the timeline to a time.
        pub gotoTime: Option<unsafe extern "C" fn(instance: *mut c_void, time: c_double) -> OfxStatus>,
        /// Reads the first and last times of the timeline.
        pub getTimeBounds: Option<unsafe extern "C" fn(instance: *mut c_void, firstTime: *mut c_double, lastTime: *mut c_double) -> OfxStatus>,
    }
}

constants! {
    header = "ofxTimeLine.h";

    /// Name of the time line suite, to pass to `OfxHost::fetchSuite`.
    str kOfxTimeLineSuite = c"OfxTimeLineSuite";
}
