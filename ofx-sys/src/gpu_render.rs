//! `ofxGPURender.h`: rendering on the GPU with OpenGL, CUDA, Metal or OpenCL —
//! the properties that negotiate it, the OpenGL texture suite and the OpenCL
//! program suite.

use ::core::ffi::{c_char, c_int, c_void};

use crate::core::{OfxPropertySetHandle, OfxRectD, OfxStatus, OfxTime};
use crate::image_effect::OfxImageClipHandle;

structs! {
    header = "ofxGPURender.h";

    /// Functions to fetch clip images as OpenGL textures.
    #[derive(Debug, Clone, Copy)]
    pub struct OfxImageEffectOpenGLRenderSuiteV1 {
        /// Loads a clip's image at a time into a texture of a pixel format,
        /// returning a property set that describes the texture.
        pub clipLoadTexture: Option<unsafe extern "C" fn(clip: OfxImageClipHandle, time: OfxTime, format: *const c_char, region: *const OfxRectD, textureHandle: *mut OfxPropertySetHandle) -> OfxStatus>,
        /// Frees a texture loaded with `clipLoadTexture`.
        pub clipFreeTexture: Option<unsafe extern "C" fn(textureHandle: OfxPropertySetHandle) -> OfxStatus>,
        /// Asks the host to free whatever GPU resources it can.
        pub flushResources: Option<unsafe extern "C" fn() -> OfxStatus>,
    }

    /// Functions to compile OpenCL programs through the host.
    #[derive(Debug, Clone, Copy)]
    pub struct OfxOpenCLProgramSuiteV1 {
        /// Compiles OpenCL source into a program stored through `pResult`.
        pub compileProgram: Option<unsafe extern "C" fn(pszProgramSource: *const c_char, fOptional: c_int, pResult: *mut c_void) -> OfxStatus>,
    }
}

constants! {
    header = "ofxGPURender.h";

    /// Name of the open gl render suite, to pass to `OfxHost::fetchSuite`.
    str kOfxOpenGLRenderSuite = c"OfxImageEffectOpenGLRenderSuite";

    /// Property `OfxImageEffectPropOpenGLRenderSupported`: enum, one value.
    ///
    /// Allowed values: `false`, `"true"`, `needed`.
    ///
    /// Carried by: EffectDescriptor (written by plugin); EffectInstance (written by host); ImageEffectHost (written by host).
    str kOfxImageEffectPropOpenGLRenderSupported = c"OfxImageEffectPropOpenGLRenderSupported";

    /// Property `OfxOpenGLPropPixelDepth`: enum, a variable number of values.
    ///
    /// Allowed values: `OfxBitDepthNone`, `OfxBitDepthByte`, `OfxBitDepthShort`, `OfxBitDepthHalf`, `OfxBitDepthFloat`.
    ///
    /// Carried by: EffectDescriptor (written by plugin, optional for hosts).
    str kOfxOpenGLPropPixelDepth = c"OfxOpenGLPropPixelDepth";

    /// Property `OfxImageEffectPropOpenGLEnabled`: bool, one value.
    ///
    /// Action arguments: OfxImageEffectActionBeginSequenceRender inArgs; OfxImageEffectActionEndSequenceRender inArgs; OfxImageEffectActionRender inArgs.
    str kOfxImageEffectPropOpenGLEnabled = c"OfxImageEffectPropOpenGLEnabled";

    /// Property `OfxImageEffectPropOpenGLTextureIndex`: int, one value.
    ///
    /// Action arguments: OfxImageEffectActionBeginSequenceRender inArgs; OfxImageEffectActionEndSequenceRender inArgs; OfxImageEffectActionRender inArgs.
    str kOfxImageEffectPropOpenGLTextureIndex = c"OfxImageEffectPropOpenGLTextureIndex";

    /// Property `OfxImageEffectPropOpenGLTextureTarget`: int, one value.
    ///
    /// Action arguments: OfxImageEffectActionBeginSequenceRender inArgs; OfxImageEffectActionEndSequenceRender inArgs; OfxImageEffectActionRender inArgs.
    str kOfxImageEffectPropOpenGLTextureTarget = c"OfxImageEffectPropOpenGLTextureTarget";

    /// Property `OfxImageEffectPropCPURenderSupported`: enum, one value.
    ///
    /// Allowed values: `false`, `"true"`.
    ///
    /// Carried by: EffectDescriptor (written by plugin, optional for hosts); EffectInstance (written by host, optional for hosts); ImageEffectHost (written by host, optional for hosts).
    str kOfxImageEffectPropCPURenderSupported = c"OfxImageEffectPropCPURenderSupported";

    /// A GPU render ran out of device memory.
    status kOfxStatGPUOutOfMemory = 1001;

    /// Older name of the GPU out-of-memory status, from the OpenGL-only API.
    status kOfxStatGLOutOfMemory = 1001;

    /// A GPU render failed for a reason other than memory.
    status kOfxStatGPURenderFailed = 1002;

    /// Older name of the GPU render-failed status, from the OpenGL-only API.
    status kOfxStatGLRenderFailed = 1002;

    /// Action `OfxActionOpenGLContextAttached`: tells an effect that an OpenGL context has been attached, so it may create GPU resources.
    str kOfxActionOpenGLContextAttached = c"OfxActionOpenGLContextAttached";

    /// Action `kOfxActionOpenGLContextDetached`: tells an effect that its OpenGL context is going away, so it must free GPU resources.
    str kOfxActionOpenGLContextDetached = c"kOfxActionOpenGLContextDetached";

    /// Property `OfxImageEffectPropCudaRenderSupported`: enum, one value.
    ///
    /// Allowed values: `false`, `"true"`, `needed`.
    ///
    /// Action arguments: OfxImageEffectActionBeginSequenceRender inArgs; OfxImageEffectActionEndSequenceRender inArgs; OfxImageEffectActionRender inArgs.
    str kOfxImageEffectPropCudaRenderSupported = c"OfxImageEffectPropCudaRenderSupported";

    /// Property `OfxImageEffectPropCudaEnabled`: bool, one value.
    ///
    /// Action arguments: OfxImageEffectActionBeginSequenceRender inArgs; OfxImageEffectActionEndSequenceRender inArgs; OfxImageEffectActionRender inArgs.
    str kOfxImageEffectPropCudaEnabled = c"OfxImageEffectPropCudaEnabled";

    /// Property `OfxImageEffectPropCudaStreamSupported`: enum, one value.
    ///
    /// Allowed values: `false`, `"true"`, `needed`.
    ///
    /// Action arguments: OfxImageEffectActionBeginSequenceRender inArgs; OfxImageEffectActionEndSequenceRender inArgs; OfxImageEffectActionRender inArgs.
    str kOfxImageEffectPropCudaStreamSupported = c"OfxImageEffectPropCudaStreamSupported";

    /// Property `OfxImageEffectPropCudaStream`: pointer, one value.
    ///
    /// Action arguments: OfxImageEffectActionBeginSequenceRender inArgs; OfxImageEffectActionEndSequenceRender inArgs; OfxImageEffectActionRender inArgs.
    str kOfxImageEffectPropCudaStream = c"OfxImageEffectPropCudaStream";

    /// Property `OfxImageEffectPropMetalRenderSupported`: enum, one value.
    ///
    /// Allowed values: `false`, `"true"`, `needed`.
    ///
    /// Action arguments: OfxImageEffectActionBeginSequenceRender inArgs; OfxImageEffectActionEndSequenceRender inArgs; OfxImageEffectActionRender inArgs.
    str kOfxImageEffectPropMetalRenderSupported = c"OfxImageEffectPropMetalRenderSupported";

    /// Property `OfxImageEffectPropMetalEnabled`: bool, one value.
    ///
    /// Action arguments: OfxImageEffectActionBeginSequenceRender inArgs; OfxImageEffectActionEndSequenceRender inArgs; OfxImageEffectActionRender inArgs.
    str kOfxImageEffectPropMetalEnabled = c"OfxImageEffectPropMetalEnabled";

    /// Property `OfxImageEffectPropMetalCommandQueue`: pointer, one value.
    ///
    /// Action arguments: OfxImageEffectActionBeginSequenceRender inArgs; OfxImageEffectActionEndSequenceRender inArgs; OfxImageEffectActionRender inArgs.
    str kOfxImageEffectPropMetalCommandQueue = c"OfxImageEffectPropMetalCommandQueue";

    /// Property `OfxImageEffectPropOpenCLRenderSupported`: enum, one value.
    ///
    /// Allowed values: `false`, `"true"`, `needed`.
    ///
    /// Action arguments: OfxImageEffectActionBeginSequenceRender inArgs; OfxImageEffectActionEndSequenceRender inArgs; OfxImageEffectActionRender inArgs.
    str kOfxImageEffectPropOpenCLRenderSupported = c"OfxImageEffectPropOpenCLRenderSupported";

    /// Property `OfxImageEffectPropOpenCLSupported`: enum, one value.
    ///
    /// Allowed values: `false`, `"true"`.
    ///
    /// Carried by: EffectDescriptor (written by plugin, optional for hosts); ImageEffectHost (written by host, optional for hosts).
    ///
    /// Action arguments: OfxImageEffectActionBeginSequenceRender inArgs; OfxImageEffectActionEndSequenceRender inArgs; OfxImageEffectActionRender inArgs.
    str kOfxImageEffectPropOpenCLSupported = c"OfxImageEffectPropOpenCLSupported";

    /// Property `OfxImageEffectPropOpenCLEnabled`: bool, one value.
    ///
    /// Action arguments: OfxImageEffectActionBeginSequenceRender inArgs; OfxImageEffectActionEndSequenceRender inArgs; OfxImageEffectActionRender inArgs.
    str kOfxImageEffectPropOpenCLEnabled = c"OfxImageEffectPropOpenCLEnabled";

    /// Property `OfxImageEffectPropOpenCLCommandQueue`: pointer, one value.
    ///
    /// Action arguments: OfxImageEffectActionBeginSequenceRender inArgs; OfxImageEffectActionEndSequenceRender inArgs; OfxImageEffectActionRender inArgs.
    str kOfxImageEffectPropOpenCLCommandQueue = c"OfxImageEffectPropOpenCLCommandQueue";

    /// Property `OfxImageEffectPropOpenCLImage`: pointer, one value.
    ///
    /// Action arguments: OfxImageEffectActionBeginSequenceRender inArgs; OfxImageEffectActionEndSequenceRender inArgs; OfxImageEffectActionRender inArgs.
    str kOfxImageEffectPropOpenCLImage = c"OfxImageEffectPropOpenCLImage";

    /// Name of the open cl program suite, to pass to `OfxHost::fetchSuite`.
    str kOfxOpenCLProgramSuite = c"OfxOpenCLProgramSuite";
}
