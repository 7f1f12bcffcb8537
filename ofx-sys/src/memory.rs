//! `ofxMemory.h`: the general-purpose memory suite, for allocations that are
//! not images.

use ::core::ffi::c_void;

use crate::core::OfxStatus;

structs! {
    header = "ofxMemory.h";

    /// Functions to allocate and free general-purpose memory through the host.
    #[derive(Debug, Clone, Copy)]
    pub struct OfxMemorySuiteV1 {
        /// Allocates `nBytes`, optionally on behalf of an effect instance handle.
        pub memoryAlloc: Option<unsafe extern "C" fn(handle: *mut c_void, nBytes: usize, allocatedData: *mut *mut c_void) -> OfxStatus>,
        /// Frees memory allocated with `memoryAlloc`.
        pub memoryFree: Option<unsafe extern "C" fn(allocatedData: *mut c_void) -> OfxStatus>,
    }
}

constants! {
    header = "ofxMemory.h";

    /// Name of the memory suite, to pass to `OfxHost::fetchSuite`.
    str kOfxMemorySuite = c"OfxMemorySuite";
}
