//! `ofxColour.h`: colour management — the properties through which host and
//! effect agree on a colour configuration and on clip colourspaces.

constants! {
    header = "ofxColour.h";

    /// Property `OfxImageEffectPropColourManagementStyle`: enum, one value.
    ///
    /// Allowed values: `OfxImageEffectColourManagementNone`, `OfxImageEffectColourManagementBasic`, `OfxImageEffectColourManagementCore`, `OfxImageEffectColourManagementFull`, `OfxImageEffectColourManagementOCIO`.
    ///
    /// Carried by: EffectDescriptor (written by plugin, optional for hosts); EffectInstance (written by host).
    str kOfxImageEffectPropColourManagementStyle = c"OfxImageEffectPropColourManagementStyle";

    /// Value `OfxImageEffectColourManagementNone` of `kOfxImageEffectPropColourManagementStyle`.
    str kOfxImageEffectColourManagementNone = c"OfxImageEffectColourManagementNone";

    /// Value `OfxImageEffectColourManagementBasic` of `kOfxImageEffectPropColourManagementStyle`.
    str kOfxImageEffectColourManagementBasic = c"OfxImageEffectColourManagementBasic";

    /// Value `OfxImageEffectColourManagementCore` of `kOfxImageEffectPropColourManagementStyle`.
    str kOfxImageEffectColourManagementCore = c"OfxImageEffectColourManagementCore";

    /// Value `OfxImageEffectColourManagementFull` of `kOfxImageEffectPropColourManagementStyle`.
    str kOfxImageEffectColourManagementFull = c"OfxImageEffectColourManagementFull";

    /// Value `OfxImageEffectColourManagementOCIO` of `kOfxImageEffectPropColourManagementStyle`.
    str kOfxImageEffectColourManagementOCIO = c"OfxImageEffectColourManagementOCIO";

    /// Property `OfxImageEffectPropColourManagementAvailableConfigs`: string, a variable number of values.
    ///
    /// Carried by: EffectDescriptor (written by plugin, optional for hosts); ImageEffectHost (written by host, optional for hosts).
    str kOfxImageEffectPropColourManagementAvailableConfigs = c"OfxImageEffectPropColourManagementAvailableConfigs";

    /// Property `OfxImageEffectPropColourManagementConfig`: string, one value.
    ///
    /// Carried by: EffectInstance (written by host).
    str kOfxImageEffectPropColourManagementConfig = c"OfxImageEffectPropColourManagementConfig";

    /// Property `OfxImageEffectPropOCIOConfig`: string, one value.
    ///
    /// Carried by: EffectInstance (written by host).
    str kOfxImageEffectPropOCIOConfig = c"OfxImageEffectPropOCIOConfig";

    /// Property `OfxImageClipPropColourspace`: string, one value.
    ///
    /// Carried by: ClipInstance (written by host).
    ///
    /// Action arguments: OfxImageEffectActionGetOutputColourspace outArgs.
    str kOfxImageClipPropColourspace = c"OfxImageClipPropColourspace";

    /// Property `OfxImageClipPropPreferredColourspaces`: string, a variable number of values.
    ///
    /// Carried by: ClipInstance (written by host).
    ///
    /// Action arguments: OfxImageEffectActionGetOutputColourspace inArgs.
    str kOfxImageClipPropPreferredColourspaces = c"OfxImageClipPropPreferredColourspaces";

    /// Property `OfxImageEffectPropDisplayColourspace`: string, one value.
    ///
    /// Carried by: EffectInstance (written by host).
    str kOfxImageEffectPropDisplayColourspace = c"OfxImageEffectPropDisplayColourspace";

    /// Property `OfxImageEffectPropOCIODisplay`: string, one value.
    ///
    /// Carried by: EffectInstance (written by host).
    str kOfxImageEffectPropOCIODisplay = c"OfxImageEffectPropOCIODisplay";

    /// Property `OfxImageEffectPropOCIOView`: string, one value.
    ///
    /// Carried by: EffectInstance (written by host).
    str kOfxImageEffectPropOCIOView = c"OfxImageEffectPropOCIOView";

    /// Action `OfxImageEffectActionGetOutputColourspace`: asks an effect which colourspace its output will be in.
    str kOfxImageEffectActionGetOutputColourspace = c"OfxImageEffectActionGetOutputColourspace";
}
