//! `ofxInteract.h`: interacts, the plugin-drawn overlays and custom widgets,
//! with their actions, properties and suite.

use crate::core::{OfxPropertySetHandle, OfxStatus};

handle! {
    /// An instance of an interact (an overlay or a custom parameter widget).
    OfxInteractHandle => OfxInteract
}

structs! {
    header = "ofxInteract.h";

    /// Functions an interact uses to talk to the host's viewer.
    #[derive(Debug, Clone, Copy)]
    pub struct OfxInteractSuiteV1 {
        /// Swaps the display buffers of an interact (for double-buffered drawing).
        pub interactSwapBuffers: Option<unsafe extern "C" fn(interactInstance: OfxInteractHandle) -> OfxStatus>,
        /// Asks the host to redraw an interact soon.
        pub interactRedraw: Option<unsafe extern "C" fn(interactInstance: OfxInteractHandle) -> OfxStatus>,
        /// Gets an interact's property set.
        pub interactGetPropertySet: Option<unsafe extern "C" fn(interactInstance: OfxInteractHandle, property: *mut OfxPropertySetHandle) -> OfxStatus>,
    }
}

constants! {
    header = "ofxInteract.h";

    /// Name of the interact suite, to pass to `OfxHost::fetchSuite`.
    str kOfxInteractSuite = c"OfxInteractSuite";

    /// Property `OfxInteractPropSlaveToParam`: string, a variable number of values.
    ///
    /// Carried by: InteractInstance (written by host).
    str kOfxInteractPropSlaveToParam = c"OfxInteractPropSlaveToParam";

    /// Property `OfxInteractPropPixelScale`: double, 2 values.
    ///
    /// Carried by: InteractInstance (written by host).
    ///
    /// Action arguments: OfxInteractActionDraw inArgs; OfxInteractActionGainFocus inArgs; OfxInteractActionLoseFocus inArgs; OfxInteractActionPenDown inArgs; OfxInteractActionPenMotion inArgs; OfxInteractActionPenUp inArgs.
    str kOfxInteractPropPixelScale = c"OfxInteractPropPixelScale";

    /// Property `OfxInteractPropBackgroundColour`: double, 3 values.
    ///
    /// Carried by: InteractInstance (written by host).
    ///
    /// Action arguments: OfxInteractActionDraw inArgs; OfxInteractActionGainFocus inArgs; OfxInteractActionLoseFocus inArgs; OfxInteractActionPenDown inArgs; OfxInteractActionPenMotion inArgs; OfxInteractActionPenUp inArgs.
    str kOfxInteractPropBackgroundColour = c"OfxInteractPropBackgroundColour";

    /// Property `OfxInteractPropSuggestedColour`: double, 3 values.
    str kOfxInteractPropSuggestedColour = c"OfxInteractPropSuggestedColour";

    /// Property `OfxInteractPropPenPosition`: double, 2 values.
    ///
    /// Action arguments: OfxInteractActionPenDown inArgs; OfxInteractActionPenMotion inArgs; OfxInteractActionPenUp inArgs.
    str kOfxInteractPropPenPosition = c"OfxInteractPropPenPosition";

    /// Property `OfxInteractPropPenViewportPosition`: int, 2 values.
    ///
    /// Action arguments: OfxInteractActionPenDown inArgs; OfxInteractActionPenMotion inArgs; OfxInteractActionPenUp inArgs.
    str kOfxInteractPropPenViewportPosition = c"OfxInteractPropPenViewportPosition";

    /// Property `OfxInteractPropPenPressure`: double, one value.
    ///
    /// Action arguments: OfxInteractActionPenDown inArgs; OfxInteractActionPenMotion inArgs; OfxInteractActionPenUp inArgs.
    str kOfxInteractPropPenPressure = c"OfxInteractPropPenPressure";

    /// Property `OfxInteractPropBitDepth`: int, one value.
    ///
    /// Carried by: InteractInstance (written by host).
    str kOfxInteractPropBitDepth = c"OfxInteractPropBitDepth";

    /// Property `OfxInteractPropHasAlpha`: bool, one value.
    ///
    /// Carried by: InteractDescriptor (written by host); InteractInstance (written by host).
    str kOfxInteractPropHasAlpha = c"OfxInteractPropHasAlpha";

    /// Action `OfxActionDescribe`: asks an interact to describe itself.
    str kOfxActionDescribeInteract = c"OfxActionDescribe";

    /// Action `OfxActionCreateInstance`: tells an interact that an instance of it has been created.
    str kOfxActionCreateInstanceInteract = c"OfxActionCreateInstance";

    /// Action `OfxActionDestroyInstance`: tells an interact that an instance of it is about to be destroyed.
    str kOfxActionDestroyInstanceInteract = c"OfxActionDestroyInstance";

    /// Action `OfxInteractActionDraw`: asks an interact to draw itself.
    str kOfxInteractActionDraw = c"OfxInteractActionDraw";

    /// Action `OfxInteractActionPenMotion`: reports that the pen (mouse) moved over an interact.
    str kOfxInteractActionPenMotion = c"OfxInteractActionPenMotion";

    /// Action `OfxInteractActionPenDown`: reports that the pen (mouse button) went down over an interact.
    str kOfxInteractActionPenDown = c"OfxInteractActionPenDown";

    /// Action `OfxInteractActionPenUp`: reports that the pen (mouse button) was released over an interact.
    str kOfxInteractActionPenUp = c"OfxInteractActionPenUp";

    /// Action `OfxInteractActionKeyDown`: reports that a key was pressed while an interact had focus.
    str kOfxInteractActionKeyDown = c"OfxInteractActionKeyDown";

    /// Action `OfxInteractActionKeyUp`: reports that a key was released while an interact had focus.
    str kOfxInteractActionKeyUp = c"OfxInteractActionKeyUp";

    /// Action `OfxInteractActionKeyRepeat`: reports that a held key repeated while an interact had focus.
    str kOfxInteractActionKeyRepeat = c"OfxInteractActionKeyRepeat";

    /// Action `OfxInteractActionGainFocus`: reports that an interact gained input focus.
    str kOfxInteractActionGainFocus = c"OfxInteractActionGainFocus";

    /// Action `OfxInteractActionLoseFocus`: reports that an interact lost input focus.
    str kOfxInteractActionLoseFocus = c"OfxInteractActionLoseFocus";
}
