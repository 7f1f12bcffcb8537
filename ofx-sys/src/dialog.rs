//! `ofxDialog.h`: asking the host for a moment on the main thread to show a
//! modal dialog.

use ::core::ffi::c_void;

use crate::core::OfxStatus;

structs! {
    header = "ofxDialog.h";

    /// Functions to request a dialog and to tell the host a redraw is pending.
    #[derive(Debug, Clone, Copy)]
    pub struct OfxDialogSuiteV1 {
        /// Asks the host to send `kOfxActionDialog` with `user_data` from its main thread.
        pub RequestDialog: Option<unsafe extern "C" fn(user_data: *mut c_void) -> OfxStatus>,
        /// Tells the host that the plugin's interface needs a redraw.
        pub NotifyRedrawPending: Option<unsafe extern "C" fn() -> OfxStatus>,
    }
}

constants! {
    header = "ofxDialog.h";

    /// Name of the dialog suite, to pass to `OfxHost::fetchSuite`.
    str kOfxDialogSuite = c"OfxDialogSuite";

    /// Action `OfxActionDialog`: lets a plugin show a modal dialog from the main thread, after it asked for one through the dialog suite.
    str kOfxActionDialog = c"OfxActionDialog";
}
