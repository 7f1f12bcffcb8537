//! `ofx-native-v1.5_aces-v1.3_ocio-v2.3.h`: the names of the colourspaces and
//! roles of the built-in colour configuration of OpenFX 1.5 (ACES 1.3, OCIO 2.3),
//! with their labels, encodings and the colour-management styles they belong to.

constants! {
    header = "ofx-native-v1.5_aces-v1.3_ocio-v2.3.h";

    /// Identifier of the built-in OpenFX colour configuration this module describes.
    str kOfxConfigIdentifier = c"ofx-native-v1.5_aces-v1.3_ocio-v2.3";

    /// Name of the `ofx display hdr` colourspace.
    str kOfxColourspaceOfxDisplayHdr = c"ofx_display_hdr";

    /// Display label of the `ofx display hdr` colourspace.
    str kOfxColourspaceOfxDisplayHdrLabel = c"OFX generic display HDR";

    /// Encoding of the `ofx display hdr` colourspace.
    str kOfxColourspaceOfxDisplayHdrEncoding = c"hdr-video";

    /// Whether the `ofx display hdr` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceOfxDisplayHdrIsData = 0;

    /// Whether the `ofx display hdr` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceOfxDisplayHdrIsBasic = 1;

    /// Whether the `ofx display hdr` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceOfxDisplayHdrIsCore = 1;

    /// Whether the `ofx display hdr` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceOfxDisplayHdrIsDisplay = 1;

    /// Name of the `ofx display sdr` colourspace.
    str kOfxColourspaceOfxDisplaySdr = c"ofx_display_sdr";

    /// Display label of the `ofx display sdr` colourspace.
    str kOfxColourspaceOfxDisplaySdrLabel = c"OFX generic display SDR";

    /// Encoding of the `ofx display sdr` colourspace.
    str kOfxColourspaceOfxDisplaySdrEncoding = c"sdr-video";

    /// Whether the `ofx display sdr` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceOfxDisplaySdrIsData = 0;

    /// Whether the `ofx display sdr` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceOfxDisplaySdrIsBasic = 1;

    /// Whether the `ofx display sdr` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceOfxDisplaySdrIsCore = 1;

    /// Whether the `ofx display sdr` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceOfxDisplaySdrIsDisplay = 1;

    /// Name of the `ofx raw` colourspace.
    str kOfxColourspaceOfxRaw = c"ofx_raw";

    /// Display label of the `ofx raw` colourspace.
    str kOfxColourspaceOfxRawLabel = c"OFX generic raw";

    /// Encoding of the `ofx raw` colourspace.
    str kOfxColourspaceOfxRawEncoding = c"";

    /// Whether the `ofx raw` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceOfxRawIsData = 1;

    /// Whether the `ofx raw` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceOfxRawIsBasic = 1;

    /// Whether the `ofx raw` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceOfxRawIsCore = 1;

    /// Whether the `ofx raw` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceOfxRawIsDisplay = 0;

    /// Name of the `ofx scene linear` colourspace.
    str kOfxColourspaceOfxSceneLinear = c"ofx_scene_linear";

    /// Display label of the `ofx scene linear` colourspace.
    str kOfxColourspaceOfxSceneLinearLabel = c"OFX generic scene linear";

    /// Encoding of the `ofx scene linear` colourspace.
    str kOfxColourspaceOfxSceneLinearEncoding = c"scene-linear";

    /// Whether the `ofx scene linear` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceOfxSceneLinearIsData = 0;

    /// Whether the `ofx scene linear` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceOfxSceneLinearIsBasic = 1;

    /// Whether the `ofx scene linear` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceOfxSceneLinearIsCore = 1;

    /// Whether the `ofx scene linear` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceOfxSceneLinearIsDisplay = 0;

    /// Name of the `ofx scene log` colourspace.
    str kOfxColourspaceOfxSceneLog = c"ofx_scene_log";

    /// Display label of the `ofx scene log` colourspace.
    str kOfxColourspaceOfxSceneLogLabel = c"OFX generic scene log";

    /// Encoding of the `ofx scene log` colourspace.
    str kOfxColourspaceOfxSceneLogEncoding = c"log";

    /// Whether the `ofx scene log` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceOfxSceneLogIsData = 0;

    /// Whether the `ofx scene log` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceOfxSceneLogIsBasic = 1;

    /// Whether the `ofx scene log` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceOfxSceneLogIsCore = 1;

    /// Whether the `ofx scene log` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceOfxSceneLogIsDisplay = 0;

    /// Name of the `srgb display` colourspace.
    str kOfxColourspaceSrgbDisplay = c"srgb_display";

    /// Display label of the `srgb display` colourspace.
    str kOfxColourspaceSrgbDisplayLabel = c"sRGB - Display";

    /// Encoding of the `srgb display` colourspace.
    str kOfxColourspaceSrgbDisplayEncoding = c"sdr-video";

    /// Whether the `srgb display` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceSrgbDisplayIsData = 0;

    /// Whether the `srgb display` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceSrgbDisplayIsBasic = 0;

    /// Whether the `srgb display` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceSrgbDisplayIsCore = 1;

    /// Whether the `srgb display` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceSrgbDisplayIsDisplay = 1;

    /// Name of the `displayp3 display` colourspace.
    str kOfxColourspaceDisplayp3Display = c"displayp3_display";

    /// Display label of the `displayp3 display` colourspace.
    str kOfxColourspaceDisplayp3DisplayLabel = c"Display P3 - Display";

    /// Encoding of the `displayp3 display` colourspace.
    str kOfxColourspaceDisplayp3DisplayEncoding = c"sdr-video";

    /// Whether the `displayp3 display` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceDisplayp3DisplayIsData = 0;

    /// Whether the `displayp3 display` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceDisplayp3DisplayIsBasic = 0;

    /// Whether the `displayp3 display` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceDisplayp3DisplayIsCore = 1;

    /// Whether the `displayp3 display` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceDisplayp3DisplayIsDisplay = 1;

    /// Name of the `rec1886 rec709 display` colourspace.
    str kOfxColourspaceRec1886Rec709Display = c"rec1886_rec709_display";

    /// Display label of the `rec1886 rec709 display` colourspace.
    str kOfxColourspaceRec1886Rec709DisplayLabel = c"Rec.1886 Rec.709 - Display";

    /// Encoding of the `rec1886 rec709 display` colourspace.
    str kOfxColourspaceRec1886Rec709DisplayEncoding = c"sdr-video";

    /// Whether the `rec1886 rec709 display` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceRec1886Rec709DisplayIsData = 0;

    /// Whether the `rec1886 rec709 display` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceRec1886Rec709DisplayIsBasic = 0;

    /// Whether the `rec1886 rec709 display` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceRec1886Rec709DisplayIsCore = 1;

    /// Whether the `rec1886 rec709 display` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceRec1886Rec709DisplayIsDisplay = 1;

    /// Name of the `rec1886 rec2020 display` colourspace.
    str kOfxColourspaceRec1886Rec2020Display = c"rec1886_rec2020_display";

    /// Display label of the `rec1886 rec2020 display` colourspace.
    str kOfxColourspaceRec1886Rec2020DisplayLabel = c"Rec.1886 Rec.2020 - Display";

    /// Encoding of the `rec1886 rec2020 display` colourspace.
    str kOfxColourspaceRec1886Rec2020DisplayEncoding = c"sdr-video";

    /// Whether the `rec1886 rec2020 display` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceRec1886Rec2020DisplayIsData = 0;

    /// Whether the `rec1886 rec2020 display` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceRec1886Rec2020DisplayIsBasic = 0;

    /// Whether the `rec1886 rec2020 display` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceRec1886Rec2020DisplayIsCore = 1;

    /// Whether the `rec1886 rec2020 display` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceRec1886Rec2020DisplayIsDisplay = 1;

    /// Name of the `rec2100 hlg display` colourspace.
    str kOfxColourspaceRec2100HlgDisplay = c"rec2100_hlg_display";

    /// Display label of the `rec2100 hlg display` colourspace.
    str kOfxColourspaceRec2100HlgDisplayLabel = c"Rec.2100-HLG - Display";

    /// Encoding of the `rec2100 hlg display` colourspace.
    str kOfxColourspaceRec2100HlgDisplayEncoding = c"hdr-video";

    /// Whether the `rec2100 hlg display` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceRec2100HlgDisplayIsData = 0;

    /// Whether the `rec2100 hlg display` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceRec2100HlgDisplayIsBasic = 0;

    /// Whether the `rec2100 hlg display` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceRec2100HlgDisplayIsCore = 1;

    /// Whether the `rec2100 hlg display` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceRec2100HlgDisplayIsDisplay = 1;

    /// Name of the `rec2100 pq display` colourspace.
    str kOfxColourspaceRec2100PqDisplay = c"rec2100_pq_display";

    /// Display label of the `rec2100 pq display` colourspace.
    str kOfxColourspaceRec2100PqDisplayLabel = c"Rec.2100-PQ - Display";

    /// Encoding of the `rec2100 pq display` colourspace.
    str kOfxColourspaceRec2100PqDisplayEncoding = c"hdr-video";

    /// Whether the `rec2100 pq display` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceRec2100PqDisplayIsData = 0;

    /// Whether the `rec2100 pq display` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceRec2100PqDisplayIsBasic = 0;

    /// Whether the `rec2100 pq display` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceRec2100PqDisplayIsCore = 1;

    /// Whether the `rec2100 pq display` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceRec2100PqDisplayIsDisplay = 1;

    /// Name of the `st2084 p3d65 display` colourspace.
    str kOfxColourspaceSt2084P3d65Display = c"st2084_p3d65_display";

    /// Display label of the `st2084 p3d65 display` colourspace.
    str kOfxColourspaceSt2084P3d65DisplayLabel = c"ST2084-P3-D65 - Display";

    /// Encoding of the `st2084 p3d65 display` colourspace.
    str kOfxColourspaceSt2084P3d65DisplayEncoding = c"hdr-video";

    /// Whether the `st2084 p3d65 display` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceSt2084P3d65DisplayIsData = 0;

    /// Whether the `st2084 p3d65 display` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceSt2084P3d65DisplayIsBasic = 0;

    /// Whether the `st2084 p3d65 display` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceSt2084P3d65DisplayIsCore = 1;

    /// Whether the `st2084 p3d65 display` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceSt2084P3d65DisplayIsDisplay = 1;

    /// Name of the `p3d65 display` colourspace.
    str kOfxColourspaceP3d65Display = c"p3d65_display";

    /// Display label of the `p3d65 display` colourspace.
    str kOfxColourspaceP3d65DisplayLabel = c"P3-D65 - Display";

    /// Encoding of the `p3d65 display` colourspace.
    str kOfxColourspaceP3d65DisplayEncoding = c"sdr-video";

    /// Whether the `p3d65 display` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceP3d65DisplayIsData = 0;

    /// Whether the `p3d65 display` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceP3d65DisplayIsBasic = 0;

    /// Whether the `p3d65 display` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceP3d65DisplayIsCore = 1;

    /// Whether the `p3d65 display` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceP3d65DisplayIsDisplay = 1;

    /// Name of the `aces20651` colourspace.
    str kOfxColourspaceACES20651 = c"ACES2065-1";

    /// Display label of the `aces20651` colourspace.
    str kOfxColourspaceACES20651Label = c"ACES2065-1";

    /// Encoding of the `aces20651` colourspace.
    str kOfxColourspaceACES20651Encoding = c"scene-linear";

    /// Whether the `aces20651` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceACES20651IsData = 0;

    /// Whether the `aces20651` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceACES20651IsBasic = 0;

    /// Whether the `aces20651` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceACES20651IsCore = 1;

    /// Whether the `aces20651` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceACES20651IsDisplay = 0;

    /// Name of the `ace scc` colourspace.
    str kOfxColourspaceACEScc = c"ACEScc";

    /// Display label of the `ace scc` colourspace.
    str kOfxColourspaceACESccLabel = c"ACEScc";

    /// Encoding of the `ace scc` colourspace.
    str kOfxColourspaceACESccEncoding = c"log";

    /// Whether the `ace scc` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceACESccIsData = 0;

    /// Whether the `ace scc` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceACESccIsBasic = 0;

    /// Whether the `ace scc` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceACESccIsCore = 1;

    /// Whether the `ace scc` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceACESccIsDisplay = 0;

    /// Name of the `ace scct` colourspace.
    str kOfxColourspaceACEScct = c"ACEScct";

    /// Display label of the `ace scct` colourspace.
    str kOfxColourspaceACEScctLabel = c"ACEScct";

    /// Encoding of the `ace scct` colourspace.
    str kOfxColourspaceACEScctEncoding = c"log";

    /// Whether the `ace scct` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceACEScctIsData = 0;

    /// Whether the `ace scct` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceACEScctIsBasic = 0;

    /// Whether the `ace scct` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceACEScctIsCore = 1;

    /// Whether the `ace scct` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceACEScctIsDisplay = 0;

    /// Name of the `ace scg` colourspace.
    str kOfxColourspaceACEScg = c"ACEScg";

    /// Display label of the `ace scg` colourspace.
    str kOfxColourspaceACEScgLabel = c"ACEScg";

    /// Encoding of the `ace scg` colourspace.
    str kOfxColourspaceACEScgEncoding = c"scene-linear";

    /// Whether the `ace scg` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceACEScgIsData = 0;

    /// Whether the `ace scg` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceACEScgIsBasic = 0;

    /// Whether the `ace scg` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceACEScgIsCore = 1;

    /// Whether the `ace scg` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceACEScgIsDisplay = 0;

    /// Name of the `lin p3d65` colourspace.
    str kOfxColourspaceLinP3d65 = c"lin_p3d65";

    /// Display label of the `lin p3d65` colourspace.
    str kOfxColourspaceLinP3d65Label = c"Linear P3-D65";

    /// Encoding of the `lin p3d65` colourspace.
    str kOfxColourspaceLinP3d65Encoding = c"scene-linear";

    /// Whether the `lin p3d65` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceLinP3d65IsData = 0;

    /// Whether the `lin p3d65` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceLinP3d65IsBasic = 0;

    /// Whether the `lin p3d65` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceLinP3d65IsCore = 1;

    /// Whether the `lin p3d65` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceLinP3d65IsDisplay = 0;

    /// Name of the `lin rec2020` colourspace.
    str kOfxColourspaceLinRec2020 = c"lin_rec2020";

    /// Display label of the `lin rec2020` colourspace.
    str kOfxColourspaceLinRec2020Label = c"Linear Rec.2020";

    /// Encoding of the `lin rec2020` colourspace.
    str kOfxColourspaceLinRec2020Encoding = c"scene-linear";

    /// Whether the `lin rec2020` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceLinRec2020IsData = 0;

    /// Whether the `lin rec2020` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceLinRec2020IsBasic = 0;

    /// Whether the `lin rec2020` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceLinRec2020IsCore = 1;

    /// Whether the `lin rec2020` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceLinRec2020IsDisplay = 0;

    /// Name of the `lin rec709 srgb` colourspace.
    str kOfxColourspaceLinRec709Srgb = c"lin_rec709_srgb";

    /// Display label of the `lin rec709 srgb` colourspace.
    str kOfxColourspaceLinRec709SrgbLabel = c"Linear Rec.709 (sRGB)";

    /// Encoding of the `lin rec709 srgb` colourspace.
    str kOfxColourspaceLinRec709SrgbEncoding = c"scene-linear";

    /// Whether the `lin rec709 srgb` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceLinRec709SrgbIsData = 0;

    /// Whether the `lin rec709 srgb` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceLinRec709SrgbIsBasic = 0;

    /// Whether the `lin rec709 srgb` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceLinRec709SrgbIsCore = 1;

    /// Whether the `lin rec709 srgb` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceLinRec709SrgbIsDisplay = 0;

    /// Name of the `g18 rec709 tx` colourspace.
    str kOfxColourspaceG18Rec709Tx = c"g18_rec709_tx";

    /// Display label of the `g18 rec709 tx` colourspace.
    str kOfxColourspaceG18Rec709TxLabel = c"Gamma 1.8 Rec.709 - Texture";

    /// Encoding of the `g18 rec709 tx` colourspace.
    str kOfxColourspaceG18Rec709TxEncoding = c"sdr-video";

    /// Whether the `g18 rec709 tx` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceG18Rec709TxIsData = 0;

    /// Whether the `g18 rec709 tx` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceG18Rec709TxIsBasic = 0;

    /// Whether the `g18 rec709 tx` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceG18Rec709TxIsCore = 1;

    /// Whether the `g18 rec709 tx` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceG18Rec709TxIsDisplay = 0;

    /// Name of the `g22 ap1 tx` colourspace.
    str kOfxColourspaceG22Ap1Tx = c"g22_ap1_tx";

    /// Display label of the `g22 ap1 tx` colourspace.
    str kOfxColourspaceG22Ap1TxLabel = c"Gamma 2.2 AP1 - Texture";

    /// Encoding of the `g22 ap1 tx` colourspace.
    str kOfxColourspaceG22Ap1TxEncoding = c"sdr-video";

    /// Whether the `g22 ap1 tx` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceG22Ap1TxIsData = 0;

    /// Whether the `g22 ap1 tx` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceG22Ap1TxIsBasic = 0;

    /// Whether the `g22 ap1 tx` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceG22Ap1TxIsCore = 1;

    /// Whether the `g22 ap1 tx` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceG22Ap1TxIsDisplay = 0;

    /// Name of the `g22 rec709 tx` colourspace.
    str kOfxColourspaceG22Rec709Tx = c"g22_rec709_tx";

    /// Display label of the `g22 rec709 tx` colourspace.
    str kOfxColourspaceG22Rec709TxLabel = c"Gamma 2.2 Rec.709 - Texture";

    /// Encoding of the `g22 rec709 tx` colourspace.
    str kOfxColourspaceG22Rec709TxEncoding = c"sdr-video";

    /// Whether the `g22 rec709 tx` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceG22Rec709TxIsData = 0;

    /// Whether the `g22 rec709 tx` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceG22Rec709TxIsBasic = 0;

    /// Whether the `g22 rec709 tx` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceG22Rec709TxIsCore = 1;

    /// Whether the `g22 rec709 tx` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceG22Rec709TxIsDisplay = 0;

    /// Name of the `g24 rec709 tx` colourspace.
    str kOfxColourspaceG24Rec709Tx = c"g24_rec709_tx";

    /// Display label of the `g24 rec709 tx` colourspace.
    str kOfxColourspaceG24Rec709TxLabel = c"Gamma 2.4 Rec.709 - Texture";

    /// Encoding of the `g24 rec709 tx` colourspace.
    str kOfxColourspaceG24Rec709TxEncoding = c"sdr-video";

    /// Whether the `g24 rec709 tx` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceG24Rec709TxIsData = 0;

    /// Whether the `g24 rec709 tx` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceG24Rec709TxIsBasic = 0;

    /// Whether the `g24 rec709 tx` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceG24Rec709TxIsCore = 1;

    /// Whether the `g24 rec709 tx` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceG24Rec709TxIsDisplay = 0;

    /// Name of the `srgb encoded ap1 tx` colourspace.
    str kOfxColourspaceSrgbEncodedAp1Tx = c"srgb_encoded_ap1_tx";

    /// Display label of the `srgb encoded ap1 tx` colourspace.
    str kOfxColourspaceSrgbEncodedAp1TxLabel = c"sRGB Encoded AP1 - Texture";

    /// Encoding of the `srgb encoded ap1 tx` colourspace.
    str kOfxColourspaceSrgbEncodedAp1TxEncoding = c"sdr-video";

    /// Whether the `srgb encoded ap1 tx` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceSrgbEncodedAp1TxIsData = 0;

    /// Whether the `srgb encoded ap1 tx` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceSrgbEncodedAp1TxIsBasic = 0;

    /// Whether the `srgb encoded ap1 tx` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceSrgbEncodedAp1TxIsCore = 1;

    /// Whether the `srgb encoded ap1 tx` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceSrgbEncodedAp1TxIsDisplay = 0;

    /// Name of the `srgb encoded p3d65 tx` colourspace.
    str kOfxColourspaceSrgbEncodedP3d65Tx = c"srgb_encoded_p3d65_tx";

    /// Display label of the `srgb encoded p3d65 tx` colourspace.
    str kOfxColourspaceSrgbEncodedP3d65TxLabel = c"sRGB Encoded P3-D65 - Texture";

    /// Encoding of the `srgb encoded p3d65 tx` colourspace.
    str kOfxColourspaceSrgbEncodedP3d65TxEncoding = c"sdr-video";

    /// Whether the `srgb encoded p3d65 tx` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceSrgbEncodedP3d65TxIsData = 0;

    /// Whether the `srgb encoded p3d65 tx` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceSrgbEncodedP3d65TxIsBasic = 0;

    /// Whether the `srgb encoded p3d65 tx` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceSrgbEncodedP3d65TxIsCore = 1;

    /// Whether the `srgb encoded p3d65 tx` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceSrgbEncodedP3d65TxIsDisplay = 0;

    /// Name of the `srgb tx` colourspace.
    str kOfxColourspaceSrgbTx = c"srgb_tx";

    /// Display label of the `srgb tx` colourspace.
    str kOfxColourspaceSrgbTxLabel = c"sRGB - Texture";

    /// Encoding of the `srgb tx` colourspace.
    str kOfxColourspaceSrgbTxEncoding = c"sdr-video";

    /// Whether the `srgb tx` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceSrgbTxIsData = 0;

    /// Whether the `srgb tx` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceSrgbTxIsBasic = 0;

    /// Whether the `srgb tx` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceSrgbTxIsCore = 1;

    /// Whether the `srgb tx` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceSrgbTxIsDisplay = 0;

    /// Name of the `raw` colourspace.
    str kOfxColourspaceRaw = c"Raw";

    /// Display label of the `raw` colourspace.
    str kOfxColourspaceRawLabel = c"Raw";

    /// Encoding of the `raw` colourspace.
    str kOfxColourspaceRawEncoding = c"";

    /// Whether the `raw` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceRawIsData = 1;

    /// Whether the `raw` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceRawIsBasic = 0;

    /// Whether the `raw` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceRawIsCore = 1;

    /// Whether the `raw` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceRawIsDisplay = 0;

    /// Name of the `ciexyzd65` colourspace.
    str kOfxColourspaceCIEXYZD65 = c"CIE-XYZ-D65";

    /// Display label of the `ciexyzd65` colourspace.
    str kOfxColourspaceCIEXYZD65Label = c"CIE-XYZ-D65";

    /// Encoding of the `ciexyzd65` colourspace.
    str kOfxColourspaceCIEXYZD65Encoding = c"";

    /// Whether the `ciexyzd65` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceCIEXYZD65IsData = 0;

    /// Whether the `ciexyzd65` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceCIEXYZD65IsBasic = 0;

    /// Whether the `ciexyzd65` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceCIEXYZD65IsCore = 0;

    /// Whether the `ciexyzd65` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceCIEXYZD65IsDisplay = 1;

    /// Name of the `p3d60 display` colourspace.
    str kOfxColourspaceP3d60Display = c"p3d60_display";

    /// Display label of the `p3d60 display` colourspace.
    str kOfxColourspaceP3d60DisplayLabel = c"P3-D60 - Display";

    /// Encoding of the `p3d60 display` colourspace.
    str kOfxColourspaceP3d60DisplayEncoding = c"sdr-video";

    /// Whether the `p3d60 display` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceP3d60DisplayIsData = 0;

    /// Whether the `p3d60 display` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceP3d60DisplayIsBasic = 0;

    /// Whether the `p3d60 display` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceP3d60DisplayIsCore = 0;

    /// Whether the `p3d60 display` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceP3d60DisplayIsDisplay = 1;

    /// Name of the `p3 dci display` colourspace.
    str kOfxColourspaceP3DciDisplay = c"p3_dci_display";

    /// Display label of the `p3 dci display` colourspace.
    str kOfxColourspaceP3DciDisplayLabel = c"P3-DCI - Display";

    /// Encoding of the `p3 dci display` colourspace.
    str kOfxColourspaceP3DciDisplayEncoding = c"sdr-video";

    /// Whether the `p3 dci display` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceP3DciDisplayIsData = 0;

    /// Whether the `p3 dci display` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceP3DciDisplayIsBasic = 0;

    /// Whether the `p3 dci display` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceP3DciDisplayIsCore = 0;

    /// Whether the `p3 dci display` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceP3DciDisplayIsDisplay = 1;

    /// Name of the `adx10` colourspace.
    str kOfxColourspaceADX10 = c"ADX10";

    /// Display label of the `adx10` colourspace.
    str kOfxColourspaceADX10Label = c"ADX10";

    /// Encoding of the `adx10` colourspace.
    str kOfxColourspaceADX10Encoding = c"log";

    /// Whether the `adx10` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceADX10IsData = 0;

    /// Whether the `adx10` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceADX10IsBasic = 0;

    /// Whether the `adx10` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceADX10IsCore = 0;

    /// Whether the `adx10` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceADX10IsDisplay = 0;

    /// Name of the `adx16` colourspace.
    str kOfxColourspaceADX16 = c"ADX16";

    /// Display label of the `adx16` colourspace.
    str kOfxColourspaceADX16Label = c"ADX16";

    /// Encoding of the `adx16` colourspace.
    str kOfxColourspaceADX16Encoding = c"log";

    /// Whether the `adx16` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceADX16IsData = 0;

    /// Whether the `adx16` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceADX16IsBasic = 0;

    /// Whether the `adx16` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceADX16IsCore = 0;

    /// Whether the `adx16` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceADX16IsDisplay = 0;

    /// Name of the `lin arri wide gamut3` colourspace.
    str kOfxColourspaceLinArriWideGamut3 = c"lin_arri_wide_gamut_3";

    /// Display label of the `lin arri wide gamut3` colourspace.
    str kOfxColourspaceLinArriWideGamut3Label = c"Linear ARRI Wide Gamut 3";

    /// Encoding of the `lin arri wide gamut3` colourspace.
    str kOfxColourspaceLinArriWideGamut3Encoding = c"scene-linear";

    /// Whether the `lin arri wide gamut3` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceLinArriWideGamut3IsData = 0;

    /// Whether the `lin arri wide gamut3` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceLinArriWideGamut3IsBasic = 0;

    /// Whether the `lin arri wide gamut3` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceLinArriWideGamut3IsCore = 0;

    /// Whether the `lin arri wide gamut3` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceLinArriWideGamut3IsDisplay = 0;

    /// Name of the `arri logc3 ei800` colourspace.
    str kOfxColourspaceArriLogc3Ei800 = c"arri_logc3_ei800";

    /// Display label of the `arri logc3 ei800` colourspace.
    str kOfxColourspaceArriLogc3Ei800Label = c"ARRI LogC3 (EI800)";

    /// Encoding of the `arri logc3 ei800` colourspace.
    str kOfxColourspaceArriLogc3Ei800Encoding = c"log";

    /// Whether the `arri logc3 ei800` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceArriLogc3Ei800IsData = 0;

    /// Whether the `arri logc3 ei800` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceArriLogc3Ei800IsBasic = 0;

    /// Whether the `arri logc3 ei800` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceArriLogc3Ei800IsCore = 0;

    /// Whether the `arri logc3 ei800` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceArriLogc3Ei800IsDisplay = 0;

    /// Name of the `lin arri wide gamut4` colourspace.
    str kOfxColourspaceLinArriWideGamut4 = c"lin_arri_wide_gamut_4";

    /// Display label of the `lin arri wide gamut4` colourspace.
    str kOfxColourspaceLinArriWideGamut4Label = c"Linear ARRI Wide Gamut 4";

    /// Encoding of the `lin arri wide gamut4` colourspace.
    str kOfxColourspaceLinArriWideGamut4Encoding = c"scene-linear";

    /// Whether the `lin arri wide gamut4` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceLinArriWideGamut4IsData = 0;

    /// Whether the `lin arri wide gamut4` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceLinArriWideGamut4IsBasic = 0;

    /// Whether the `lin arri wide gamut4` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceLinArriWideGamut4IsCore = 0;

    /// Whether the `lin arri wide gamut4` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceLinArriWideGamut4IsDisplay = 0;

    /// Name of the `arri logc4` colourspace.
    str kOfxColourspaceArriLogc4 = c"arri_logc4";

    /// Display label of the `arri logc4` colourspace.
    str kOfxColourspaceArriLogc4Label = c"ARRI LogC4";

    /// Encoding of the `arri logc4` colourspace.
    str kOfxColourspaceArriLogc4Encoding = c"log";

    /// Whether the `arri logc4` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceArriLogc4IsData = 0;

    /// Whether the `arri logc4` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceArriLogc4IsBasic = 0;

    /// Whether the `arri logc4` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceArriLogc4IsCore = 0;

    /// Whether the `arri logc4` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceArriLogc4IsDisplay = 0;

    /// Name of the `bmdfilm widegamut gen5` colourspace.
    str kOfxColourspaceBmdfilmWidegamutGen5 = c"bmdfilm_widegamut_gen5";

    /// Display label of the `bmdfilm widegamut gen5` colourspace.
    str kOfxColourspaceBmdfilmWidegamutGen5Label = c"BMDFilm WideGamut Gen5";

    /// Encoding of the `bmdfilm widegamut gen5` colourspace.
    str kOfxColourspaceBmdfilmWidegamutGen5Encoding = c"log";

    /// Whether the `bmdfilm widegamut gen5` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceBmdfilmWidegamutGen5IsData = 0;

    /// Whether the `bmdfilm widegamut gen5` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceBmdfilmWidegamutGen5IsBasic = 0;

    /// Whether the `bmdfilm widegamut gen5` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceBmdfilmWidegamutGen5IsCore = 0;

    /// Whether the `bmdfilm widegamut gen5` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceBmdfilmWidegamutGen5IsDisplay = 0;

    /// Name of the `davinci intermediate widegamut` colourspace.
    str kOfxColourspaceDavinciIntermediateWidegamut = c"davinci_intermediate_widegamut";

    /// Display label of the `davinci intermediate widegamut` colourspace.
    str kOfxColourspaceDavinciIntermediateWidegamutLabel = c"DaVinci Intermediate WideGamut";

    /// Encoding of the `davinci intermediate widegamut` colourspace.
    str kOfxColourspaceDavinciIntermediateWidegamutEncoding = c"log";

    /// Whether the `davinci intermediate widegamut` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceDavinciIntermediateWidegamutIsData = 0;

    /// Whether the `davinci intermediate widegamut` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceDavinciIntermediateWidegamutIsBasic = 0;

    /// Whether the `davinci intermediate widegamut` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceDavinciIntermediateWidegamutIsCore = 0;

    /// Whether the `davinci intermediate widegamut` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceDavinciIntermediateWidegamutIsDisplay = 0;

    /// Name of the `lin bmd widegamut gen5` colourspace.
    str kOfxColourspaceLinBmdWidegamutGen5 = c"lin_bmd_widegamut_gen5";

    /// Display label of the `lin bmd widegamut gen5` colourspace.
    str kOfxColourspaceLinBmdWidegamutGen5Label = c"Linear BMD WideGamut Gen5";

    /// Encoding of the `lin bmd widegamut gen5` colourspace.
    str kOfxColourspaceLinBmdWidegamutGen5Encoding = c"scene-linear";

    /// Whether the `lin bmd widegamut gen5` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceLinBmdWidegamutGen5IsData = 0;

    /// Whether the `lin bmd widegamut gen5` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceLinBmdWidegamutGen5IsBasic = 0;

    /// Whether the `lin bmd widegamut gen5` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceLinBmdWidegamutGen5IsCore = 0;

    /// Whether the `lin bmd widegamut gen5` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceLinBmdWidegamutGen5IsDisplay = 0;

    /// Name of the `lin davinci widegamut` colourspace.
    str kOfxColourspaceLinDavinciWidegamut = c"lin_davinci_widegamut";

    /// Display label of the `lin davinci widegamut` colourspace.
    str kOfxColourspaceLinDavinciWidegamutLabel = c"Linear DaVinci WideGamut";

    /// Encoding of the `lin davinci widegamut` colourspace.
    str kOfxColourspaceLinDavinciWidegamutEncoding = c"scene-linear";

    /// Whether the `lin davinci widegamut` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceLinDavinciWidegamutIsData = 0;

    /// Whether the `lin davinci widegamut` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceLinDavinciWidegamutIsBasic = 0;

    /// Whether the `lin davinci widegamut` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceLinDavinciWidegamutIsCore = 0;

    /// Whether the `lin davinci widegamut` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceLinDavinciWidegamutIsDisplay = 0;

    /// Name of the `canonlog2 cinemagamut d55` colourspace.
    str kOfxColourspaceCanonlog2CinemagamutD55 = c"canonlog2_cinemagamut_d55";

    /// Display label of the `canonlog2 cinemagamut d55` colourspace.
    str kOfxColourspaceCanonlog2CinemagamutD55Label = c"CanonLog2 CinemaGamut D55";

    /// Encoding of the `canonlog2 cinemagamut d55` colourspace.
    str kOfxColourspaceCanonlog2CinemagamutD55Encoding = c"log";

    /// Whether the `canonlog2 cinemagamut d55` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceCanonlog2CinemagamutD55IsData = 0;

    /// Whether the `canonlog2 cinemagamut d55` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceCanonlog2CinemagamutD55IsBasic = 0;

    /// Whether the `canonlog2 cinemagamut d55` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceCanonlog2CinemagamutD55IsCore = 0;

    /// Whether the `canonlog2 cinemagamut d55` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceCanonlog2CinemagamutD55IsDisplay = 0;

    /// Name of the `canonlog3 cinemagamut d55` colourspace.
    str kOfxColourspaceCanonlog3CinemagamutD55 = c"canonlog3_cinemagamut_d55";

    /// Display label of the `canonlog3 cinemagamut d55` colourspace.
    str kOfxColourspaceCanonlog3CinemagamutD55Label = c"CanonLog3 CinemaGamut D55";

    /// Encoding of the `canonlog3 cinemagamut d55` colourspace.
    str kOfxColourspaceCanonlog3CinemagamutD55Encoding = c"log";

    /// Whether the `canonlog3 cinemagamut d55` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceCanonlog3CinemagamutD55IsData = 0;

    /// Whether the `canonlog3 cinemagamut d55` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceCanonlog3CinemagamutD55IsBasic = 0;

    /// Whether the `canonlog3 cinemagamut d55` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceCanonlog3CinemagamutD55IsCore = 0;

    /// Whether the `canonlog3 cinemagamut d55` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceCanonlog3CinemagamutD55IsDisplay = 0;

    /// Name of the `lin cinemagamut d55` colourspace.
    str kOfxColourspaceLinCinemagamutD55 = c"lin_cinemagamut_d55";

    /// Display label of the `lin cinemagamut d55` colourspace.
    str kOfxColourspaceLinCinemagamutD55Label = c"Linear CinemaGamut D55";

    /// Encoding of the `lin cinemagamut d55` colourspace.
    str kOfxColourspaceLinCinemagamutD55Encoding = c"scene-linear";

    /// Whether the `lin cinemagamut d55` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceLinCinemagamutD55IsData = 0;

    /// Whether the `lin cinemagamut d55` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceLinCinemagamutD55IsBasic = 0;

    /// Whether the `lin cinemagamut d55` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceLinCinemagamutD55IsCore = 0;

    /// Whether the `lin cinemagamut d55` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceLinCinemagamutD55IsDisplay = 0;

    /// Name of the `lin vgamut` colourspace.
    str kOfxColourspaceLinVgamut = c"lin_vgamut";

    /// Display label of the `lin vgamut` colourspace.
    str kOfxColourspaceLinVgamutLabel = c"Linear V-Gamut";

    /// Encoding of the `lin vgamut` colourspace.
    str kOfxColourspaceLinVgamutEncoding = c"scene-linear";

    /// Whether the `lin vgamut` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceLinVgamutIsData = 0;

    /// Whether the `lin vgamut` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceLinVgamutIsBasic = 0;

    /// Whether the `lin vgamut` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceLinVgamutIsCore = 0;

    /// Whether the `lin vgamut` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceLinVgamutIsDisplay = 0;

    /// Name of the `vlog vgamut` colourspace.
    str kOfxColourspaceVlogVgamut = c"vlog_vgamut";

    /// Display label of the `vlog vgamut` colourspace.
    str kOfxColourspaceVlogVgamutLabel = c"V-Log V-Gamut";

    /// Encoding of the `vlog vgamut` colourspace.
    str kOfxColourspaceVlogVgamutEncoding = c"log";

    /// Whether the `vlog vgamut` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceVlogVgamutIsData = 0;

    /// Whether the `vlog vgamut` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceVlogVgamutIsBasic = 0;

    /// Whether the `vlog vgamut` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceVlogVgamutIsCore = 0;

    /// Whether the `vlog vgamut` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceVlogVgamutIsDisplay = 0;

    /// Name of the `lin redwidegamutrgb` colourspace.
    str kOfxColourspaceLinRedwidegamutrgb = c"lin_redwidegamutrgb";

    /// Display label of the `lin redwidegamutrgb` colourspace.
    str kOfxColourspaceLinRedwidegamutrgbLabel = c"Linear REDWideGamutRGB";

    /// Encoding of the `lin redwidegamutrgb` colourspace.
    str kOfxColourspaceLinRedwidegamutrgbEncoding = c"scene-linear";

    /// Whether the `lin redwidegamutrgb` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceLinRedwidegamutrgbIsData = 0;

    /// Whether the `lin redwidegamutrgb` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceLinRedwidegamutrgbIsBasic = 0;

    /// Whether the `lin redwidegamutrgb` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceLinRedwidegamutrgbIsCore = 0;

    /// Whether the `lin redwidegamutrgb` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceLinRedwidegamutrgbIsDisplay = 0;

    /// Name of the `log3g10 redwidegamutrgb` colourspace.
    str kOfxColourspaceLog3g10Redwidegamutrgb = c"log3g10_redwidegamutrgb";

    /// Display label of the `log3g10 redwidegamutrgb` colourspace.
    str kOfxColourspaceLog3g10RedwidegamutrgbLabel = c"Log3G10 REDWideGamutRGB";

    /// Encoding of the `log3g10 redwidegamutrgb` colourspace.
    str kOfxColourspaceLog3g10RedwidegamutrgbEncoding = c"log";

    /// Whether the `log3g10 redwidegamutrgb` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceLog3g10RedwidegamutrgbIsData = 0;

    /// Whether the `log3g10 redwidegamutrgb` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceLog3g10RedwidegamutrgbIsBasic = 0;

    /// Whether the `log3g10 redwidegamutrgb` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceLog3g10RedwidegamutrgbIsCore = 0;

    /// Whether the `log3g10 redwidegamutrgb` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceLog3g10RedwidegamutrgbIsDisplay = 0;

    /// Name of the `lin sgamut3` colourspace.
    str kOfxColourspaceLinSgamut3 = c"lin_sgamut3";

    /// Display label of the `lin sgamut3` colourspace.
    str kOfxColourspaceLinSgamut3Label = c"Linear S-Gamut3";

    /// Encoding of the `lin sgamut3` colourspace.
    str kOfxColourspaceLinSgamut3Encoding = c"scene-linear";

    /// Whether the `lin sgamut3` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceLinSgamut3IsData = 0;

    /// Whether the `lin sgamut3` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceLinSgamut3IsBasic = 0;

    /// Whether the `lin sgamut3` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceLinSgamut3IsCore = 0;

    /// Whether the `lin sgamut3` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceLinSgamut3IsDisplay = 0;

    /// Name of the `lin sgamut3cine` colourspace.
    str kOfxColourspaceLinSgamut3cine = c"lin_sgamut3cine";

    /// Display label of the `lin sgamut3cine` colourspace.
    str kOfxColourspaceLinSgamut3cineLabel = c"Linear S-Gamut3.Cine";

    /// Encoding of the `lin sgamut3cine` colourspace.
    str kOfxColourspaceLinSgamut3cineEncoding = c"scene-linear";

    /// Whether the `lin sgamut3cine` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceLinSgamut3cineIsData = 0;

    /// Whether the `lin sgamut3cine` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceLinSgamut3cineIsBasic = 0;

    /// Whether the `lin sgamut3cine` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceLinSgamut3cineIsCore = 0;

    /// Whether the `lin sgamut3cine` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceLinSgamut3cineIsDisplay = 0;

    /// Name of the `lin venice sgamut3` colourspace.
    str kOfxColourspaceLinVeniceSgamut3 = c"lin_venice_sgamut3";

    /// Display label of the `lin venice sgamut3` colourspace.
    str kOfxColourspaceLinVeniceSgamut3Label = c"Linear Venice S-Gamut3";

    /// Encoding of the `lin venice sgamut3` colourspace.
    str kOfxColourspaceLinVeniceSgamut3Encoding = c"scene-linear";

    /// Whether the `lin venice sgamut3` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceLinVeniceSgamut3IsData = 0;

    /// Whether the `lin venice sgamut3` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceLinVeniceSgamut3IsBasic = 0;

    /// Whether the `lin venice sgamut3` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceLinVeniceSgamut3IsCore = 0;

    /// Whether the `lin venice sgamut3` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceLinVeniceSgamut3IsDisplay = 0;

    /// Name of the `lin venice sgamut3cine` colourspace.
    str kOfxColourspaceLinVeniceSgamut3cine = c"lin_venice_sgamut3cine";

    /// Display label of the `lin venice sgamut3cine` colourspace.
    str kOfxColourspaceLinVeniceSgamut3cineLabel = c"Linear Venice S-Gamut3.Cine";

    /// Encoding of the `lin venice sgamut3cine` colourspace.
    str kOfxColourspaceLinVeniceSgamut3cineEncoding = c"scene-linear";

    /// Whether the `lin venice sgamut3cine` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceLinVeniceSgamut3cineIsData = 0;

    /// Whether the `lin venice sgamut3cine` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceLinVeniceSgamut3cineIsBasic = 0;

    /// Whether the `lin venice sgamut3cine` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceLinVeniceSgamut3cineIsCore = 0;

    /// Whether the `lin venice sgamut3cine` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceLinVeniceSgamut3cineIsDisplay = 0;

    /// Name of the `slog3 sgamut3` colourspace.
    str kOfxColourspaceSlog3Sgamut3 = c"slog3_sgamut3";

    /// Display label of the `slog3 sgamut3` colourspace.
    str kOfxColourspaceSlog3Sgamut3Label = c"S-Log3 S-Gamut3";

    /// Encoding of the `slog3 sgamut3` colourspace.
    str kOfxColourspaceSlog3Sgamut3Encoding = c"log";

    /// Whether the `slog3 sgamut3` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceSlog3Sgamut3IsData = 0;

    /// Whether the `slog3 sgamut3` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceSlog3Sgamut3IsBasic = 0;

    /// Whether the `slog3 sgamut3` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceSlog3Sgamut3IsCore = 0;

    /// Whether the `slog3 sgamut3` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceSlog3Sgamut3IsDisplay = 0;

    /// Name of the `slog3 sgamut3cine` colourspace.
    str kOfxColourspaceSlog3Sgamut3cine = c"slog3_sgamut3cine";

    /// Display label of the `slog3 sgamut3cine` colourspace.
    str kOfxColourspaceSlog3Sgamut3cineLabel = c"S-Log3 S-Gamut3.Cine";

    /// Encoding of the `slog3 sgamut3cine` colourspace.
    str kOfxColourspaceSlog3Sgamut3cineEncoding = c"log";

    /// Whether the `slog3 sgamut3cine` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceSlog3Sgamut3cineIsData = 0;

    /// Whether the `slog3 sgamut3cine` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceSlog3Sgamut3cineIsBasic = 0;

    /// Whether the `slog3 sgamut3cine` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceSlog3Sgamut3cineIsCore = 0;

    /// Whether the `slog3 sgamut3cine` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceSlog3Sgamut3cineIsDisplay = 0;

    /// Name of the `slog3 venice sgamut3` colourspace.
    str kOfxColourspaceSlog3VeniceSgamut3 = c"slog3_venice_sgamut3";

    /// Display label of the `slog3 venice sgamut3` colourspace.
    str kOfxColourspaceSlog3VeniceSgamut3Label = c"S-Log3 Venice S-Gamut3";

    /// Encoding of the `slog3 venice sgamut3` colourspace.
    str kOfxColourspaceSlog3VeniceSgamut3Encoding = c"log";

    /// Whether the `slog3 venice sgamut3` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceSlog3VeniceSgamut3IsData = 0;

    /// Whether the `slog3 venice sgamut3` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceSlog3VeniceSgamut3IsBasic = 0;

    /// Whether the `slog3 venice sgamut3` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceSlog3VeniceSgamut3IsCore = 0;

    /// Whether the `slog3 venice sgamut3` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceSlog3VeniceSgamut3IsDisplay = 0;

    /// Name of the `slog3 venice sgamut3cine` colourspace.
    str kOfxColourspaceSlog3VeniceSgamut3cine = c"slog3_venice_sgamut3cine";

    /// Display label of the `slog3 venice sgamut3cine` colourspace.
    str kOfxColourspaceSlog3VeniceSgamut3cineLabel = c"S-Log3 Venice S-Gamut3.Cine";

    /// Encoding of the `slog3 venice sgamut3cine` colourspace.
    str kOfxColourspaceSlog3VeniceSgamut3cineEncoding = c"log";

    /// Whether the `slog3 venice sgamut3cine` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceSlog3VeniceSgamut3cineIsData = 0;

    /// Whether the `slog3 venice sgamut3cine` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceSlog3VeniceSgamut3cineIsBasic = 0;

    /// Whether the `slog3 venice sgamut3cine` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceSlog3VeniceSgamut3cineIsCore = 0;

    /// Whether the `slog3 venice sgamut3cine` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceSlog3VeniceSgamut3cineIsDisplay = 0;

    /// Name of the `camera rec709` colourspace.
    str kOfxColourspaceCameraRec709 = c"camera_rec709";

    /// Display label of the `camera rec709` colourspace.
    str kOfxColourspaceCameraRec709Label = c"Camera Rec.709";

    /// Encoding of the `camera rec709` colourspace.
    str kOfxColourspaceCameraRec709Encoding = c"sdr-video";

    /// Whether the `camera rec709` colourspace holds non-colour data: 1 for yes, 0 for no.
    int kOfxColourspaceCameraRec709IsData = 0;

    /// Whether the `camera rec709` colourspace belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceCameraRec709IsBasic = 0;

    /// Whether the `camera rec709` colourspace belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceCameraRec709IsCore = 0;

    /// Whether the `camera rec709` colourspace is a display colourspace: 1 for yes, 0 for no.
    int kOfxColourspaceCameraRec709IsDisplay = 0;

    /// Name of the `aces interchange` role.
    str kOfxColourspaceRoleAcesInterchange = c"aces_interchange";

    /// Whether the `aces interchange` role belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceRoleAcesInterchangeIsBasic = 0;

    /// Whether the `aces interchange` role belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceRoleAcesInterchangeIsCore = 1;

    /// Name of the `cie xyz d65 interchange` role.
    str kOfxColourspaceRoleCieXyzD65Interchange = c"cie_xyz_d65_interchange";

    /// Whether the `cie xyz d65 interchange` role belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceRoleCieXyzD65InterchangeIsBasic = 0;

    /// Whether the `cie xyz d65 interchange` role belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceRoleCieXyzD65InterchangeIsCore = 1;

    /// Name of the `color picking` role.
    str kOfxColourspaceRoleColorPicking = c"color_picking";

    /// Whether the `color picking` role belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceRoleColorPickingIsBasic = 0;

    /// Whether the `color picking` role belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceRoleColorPickingIsCore = 1;

    /// Name of the `color timing` role.
    str kOfxColourspaceRoleColorTiming = c"color_timing";

    /// Whether the `color timing` role belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceRoleColorTimingIsBasic = 0;

    /// Whether the `color timing` role belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceRoleColorTimingIsCore = 1;

    /// Name of the `compositing log` role.
    str kOfxColourspaceRoleCompositingLog = c"compositing_log";

    /// Whether the `compositing log` role belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceRoleCompositingLogIsBasic = 0;

    /// Whether the `compositing log` role belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceRoleCompositingLogIsCore = 1;

    /// Name of the `data` role.
    str kOfxColourspaceRoleData = c"data";

    /// Whether the `data` role belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceRoleDataIsBasic = 0;

    /// Whether the `data` role belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceRoleDataIsCore = 1;

    /// Name of the `matte paint` role.
    str kOfxColourspaceRoleMattePaint = c"matte_paint";

    /// Whether the `matte paint` role belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceRoleMattePaintIsBasic = 0;

    /// Whether the `matte paint` role belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceRoleMattePaintIsCore = 1;

    /// Name of the `scene linear` role.
    str kOfxColourspaceRoleSceneLinear = c"scene_linear";

    /// Whether the `scene linear` role belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceRoleSceneLinearIsBasic = 0;

    /// Whether the `scene linear` role belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceRoleSceneLinearIsCore = 1;

    /// Name of the `texture paint` role.
    str kOfxColourspaceRoleTexturePaint = c"texture_paint";

    /// Whether the `texture paint` role belongs to the basic colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceRoleTexturePaintIsBasic = 0;

    /// Whether the `texture paint` role belongs to the core colour-management style: 1 for yes, 0 for no.
    int kOfxColourspaceRoleTexturePaintIsCore = 1;
}
