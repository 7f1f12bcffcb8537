//! `ofxMessage.h`: messages to the user, and (version 2) persistent messages
//! attached to an effect instance.

use ::core::ffi::{c_char, c_void};

use crate::core::OfxStatus;

structs! {
    header = "ofxMessage.h";

    /// Posts a message to the user.
    #[derive(Debug, Clone, Copy)]
    pub struct OfxMessageSuiteV1 {
        /// Posts a `printf`-style message of a type; a question returns
        /// `kOfxStatReplyYes` or `kOfxStatReplyNo`.
        pub message: Option<unsafe extern "C" fn(handle: *mut c_void, messageType: *const c_char, messageId: *const c_char, format: *const c_char, ...) -> OfxStatus>,
    }

    /// Posts messages, and sets or clears a message that stays on an instance.
    #[derive(Debug, Clone, Copy)]
    pub struct OfxMessageSuiteV2 {
        /// Posts a `printf`-style message of a type.
        pub message: Option<unsafe extern "C" fn(handle: *mut c_void, messageType: *const c_char, messageId: *const c_char, format: *const c_char, ...) -> OfxStatus>,
        /// Sets the persistent message of an instance (error, warning or message).
        pub setPersistentMessage: Option<unsafe extern "C" fn(handle: *mut c_void, messageType: *const c_char, messageId: *const c_char, format: *const c_char, ...) -> OfxStatus>,
        /// Clears the persistent message of an instance.
        pub clearPersistentMessage: Option<unsafe extern "C" fn(handle: *mut c_void) -> OfxStatus>,
    }
}

constants! {
    header = "ofxMessage.h";

    /// Name of the message suite, to pass to `OfxHost::fetchSuite`.
    str kOfxMessageSuite = c"OfxMessageSuite";

    /// Message type `OfxMessageFatal`, for the message suites.
    str kOfxMessageFatal = c"OfxMessageFatal";

    /// Message type `OfxMessageError`, for the message suites.
    str kOfxMessageError = c"OfxMessageError";

    /// Message type `OfxMessageWarning`, for the message suites.
    str kOfxMessageWarning = c"OfxMessageWarning";

    /// Message type `OfxMessageMessage`, for the message suites.
    str kOfxMessageMessage = c"OfxMessageMessage";

    /// Message type `OfxMessageLog`, for the message suites.
    str kOfxMessageLog = c"OfxMessageLog";

    /// Message type `OfxMessageQuestion`, for the message suites.
    str kOfxMessageQuestion = c"OfxMessageQuestion";
}
