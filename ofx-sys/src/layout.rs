//! Compile-time checks that every struct has the C size, alignment and field
//! offsets on 64-bit targets (the figures a C compiler gives on x86-64 Linux;
//! the other 64-bit targets OpenFX hosts run on agree for these structs).
//!
//! A mismatch fails the build of this crate.

use ::core::mem::{align_of, offset_of, size_of};

use crate::*;

macro_rules! layout {
    ($name:ident: size $size:literal, align $align:literal $(, $field:ident @ $offset:literal)* $(,)?) => {
        const _: () = assert!(size_of::<$name>() == $size);
        const _: () = assert!(align_of::<$name>() == $align);
        $( const _: () = assert!(offset_of!($name, $field) == $offset); )*
    };
}

layout!(OfxHost: size 16, align 8, host @ 0, fetchSuite @ 8);
layout!(OfxPlugin: size 48, align 8, pluginApi @ 0, apiVersion @ 8, pluginIdentifier @ 16, pluginVersionMajor @ 24, pluginVersionMinor @ 28, setHost @ 32, mainEntry @ 40);
layout!(OfxRangeI: size 8, align 4, min @ 0, max @ 4);
layout!(OfxRangeD: size 16, align 8, min @ 0, max @ 8);
layout!(OfxPointI: size 8, align 4, x @ 0, y @ 4);
layout!(OfxPointD: size 16, align 8, x @ 0, y @ 8);
layout!(OfxRectI: size 16, align 4, x1 @ 0, y1 @ 4, x2 @ 8, y2 @ 12);
layout!(OfxRectD: size 32, align 8, x1 @ 0, y1 @ 8, x2 @ 16, y2 @ 24);
layout!(OfxDialogSuiteV1: size 16, align 8, RequestDialog @ 0, NotifyRedrawPending @ 8);
layout!(OfxDrawSuiteV1: size 48, align 8, getColour @ 0, setColour @ 8, setLineWidth @ 16, setLineStipple @ 24, draw @ 32, drawText @ 40);
layout!(OfxImageEffectOpenGLRenderSuiteV1: size 24, align 8, clipLoadTexture @ 0, clipFreeTexture @ 8, flushResources @ 16);
layout!(OfxOpenCLProgramSuiteV1: size 8, align 8, compileProgram @ 0);
layout!(OfxImageEffectSuiteV1: size 104, align 8, getPropertySet @ 0, getParamSet @ 8, clipDefine @ 16, clipGetHandle @ 24, clipGetPropertySet @ 32, clipGetImage @ 40, clipReleaseImage @ 48, clipGetRegionOfDefinition @ 56, abort @ 64, imageMemoryAlloc @ 72, imageMemoryFree @ 80, imageMemoryLock @ 88, imageMemoryUnlock @ 96);
layout!(OfxInteractSuiteV1: size 24, align 8, interactSwapBuffers @ 0, interactRedraw @ 8, interactGetPropertySet @ 16);
layout!(OfxMemorySuiteV1: size 16, align 8, memoryAlloc @ 0, memoryFree @ 8);
layout!(OfxMessageSuiteV1: size 8, align 8, message @ 0);
layout!(OfxMessageSuiteV2: size 24, align 8, message @ 0, setPersistentMessage @ 8, clearPersistentMessage @ 16);
layout!(OfxMultiThreadSuiteV1: size 72, align 8, multiThread @ 0, multiThreadNumCPUs @ 8, multiThreadIndex @ 16, multiThreadIsSpawnedThread @ 24, mutexCreate @ 32, mutexDestroy @ 40, mutexLock @ 48, mutexUnLock @ 56, mutexTryLock @ 64);
layout!(OfxYUVAColourB: size 4, align 1, y @ 0, u @ 1, v @ 2, a @ 3);
layout!(OfxYUVAColourS: size 8, align 2, y @ 0, u @ 2, v @ 4, a @ 6);
layout!(OfxYUVAColourF: size 16, align 4, y @ 0, u @ 4, v @ 8, a @ 12);
layout!(OfxBytes: size 16, align 8, data @ 0, length @ 8);
layout!(OfxParameterSuiteV1: size 144, align 8, paramDefine @ 0, paramGetHandle @ 8, paramSetGetPropertySet @ 16, paramGetPropertySet @ 24, paramGetValue @ 32, paramGetValueAtTime @ 40, paramGetDerivative @ 48, paramGetIntegral @ 56, paramSetValue @ 64, paramSetValueAtTime @ 72, paramGetNumKeys @ 80, paramGetKeyTime @ 88, paramGetKeyIndex @ 96, paramDeleteKey @ 104, paramDeleteAllKeys @ 112, paramCopy @ 120, paramEditBegin @ 128, paramEditEnd @ 136);
layout!(OfxParametricParameterSuiteV1: size 56, align 8, parametricParamGetValue @ 0, parametricParamGetNControlPoints @ 8, parametricParamGetNthControlPoint @ 16, parametricParamSetNthControlPoint @ 24, parametricParamAddControlPoint @ 32, parametricParamDeleteControlPoint @ 40, parametricParamDeleteAllControlPoints @ 48);
layout!(OfxRGBAColourB: size 4, align 1, r @ 0, g @ 1, b @ 2, a @ 3);
layout!(OfxRGBAColourS: size 8, align 2, r @ 0, g @ 2, b @ 4, a @ 6);
layout!(OfxRGBAColourF: size 16, align 4, r @ 0, g @ 4, b @ 8, a @ 12);
layout!(OfxRGBAColourD: size 32, align 8, r @ 0, g @ 8, b @ 16, a @ 24);
layout!(OfxRGBColourB: size 3, align 1, r @ 0, g @ 1, b @ 2);
layout!(OfxRGBColourS: size 6, align 2, r @ 0, g @ 2, b @ 4);
layout!(OfxRGBColourF: size 12, align 4, r @ 0, g @ 4, b @ 8);
layout!(OfxRGBColourD: size 24, align 8, r @ 0, g @ 8, b @ 16);
layout!(OfxProgressSuiteV1: size 24, align 8, progressStart @ 0, progressUpdate @ 8, progressEnd @ 16);
layout!(OfxProgressSuiteV2: size 24, align 8, progressStart @ 0, progressUpdate @ 8, progressEnd @ 16);
layout!(OfxPropertySuiteV1: size 144, align 8, propSetPointer @ 0, propSetString @ 8, propSetDouble @ 16, propSetInt @ 24, propSetPointerN @ 32, propSetStringN @ 40, propSetDoubleN @ 48, propSetIntN @ 56, propGetPointer @ 64, propGetString @ 72, propGetDouble @ 80, propGetInt @ 88, propGetPointerN @ 96, propGetStringN @ 104, propGetDoubleN @ 112, propGetIntN @ 120, propReset @ 128, propGetDimension @ 136);
layout!(OfxTimeLineSuiteV1: size 24, align 8, getTime @ 0, gotoTime @ 8, getTimeBounds @ 16);
