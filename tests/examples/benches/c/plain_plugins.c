/*
 * Two OpenFX image effects written as plain C, for the safe_vs_c benchmark:
 * the baseline the Rust Invert and Brightness examples are compared with.
 *
 *   org.ofx-rs.bench.PlainInvert      white - c for colour, alpha kept
 *                                     (an Alpha-only image is inverted)
 *   org.ofx-rs.bench.PlainBrightness  c * brightness for colour, alpha kept
 *
 * They are written the way a C plugin author would write them: the render
 * action reads the image property sets, picks a row function for the depth
 * and components, and walks the render window row by row with pointer
 * arithmetic on char pointers and signed row bytes. The rows are shared out
 * as a C++ Support library processor shares them: ask the host for its CPU
 * count, then multiThread with one contiguous band of rows per thread (or
 * the calling thread alone for one CPU, or when multiThread fails).
 *
 * The declarations below are our own, written from the documented OpenFX 1.5
 * C API (the layouts match ofx-sys); the OpenFX headers are not used.
 * Function-pointer slots of the suites that these plugins never call are
 * declared as void * placeholders, in order, so the layout stays exact.
 */
#include <stddef.h>
#include <string.h>

/* ------------------------------------------------------------------ API */

typedef int OfxStatus;
typedef double OfxTime;
typedef struct OfxPropertySetStruct *OfxPropertySetHandle;
typedef struct OfxImageEffectStruct *OfxImageEffectHandle;
typedef struct OfxImageClipStruct *OfxImageClipHandle;
typedef struct OfxParamSetStruct *OfxParamSetHandle;
typedef struct OfxParamStruct *OfxParamHandle;

typedef struct OfxRectD {
    double x1, y1, x2, y2;
} OfxRectD;

typedef struct OfxRectI {
    int x1, y1, x2, y2;
} OfxRectI;

#define kOfxStatOK 0
#define kOfxStatFailed 1
#define kOfxStatErrMissingHostFeature 4
#define kOfxStatReplyDefault 14
#define kOfxStatErrImageFormat 1000

typedef struct OfxHost {
    OfxPropertySetHandle host;
    const void *(*fetchSuite)(OfxPropertySetHandle host, const char *suiteName, int suiteVersion);
} OfxHost;

typedef OfxStatus(OfxPluginEntryPoint)(const char *action, const void *handle,
                                       OfxPropertySetHandle inArgs, OfxPropertySetHandle outArgs);

typedef struct OfxPlugin {
    const char *pluginApi;
    int apiVersion;
    const char *pluginIdentifier;
    unsigned int pluginVersionMajor;
    unsigned int pluginVersionMinor;
    void (*setHost)(OfxHost *host);
    OfxPluginEntryPoint *mainEntry;
} OfxPlugin;

typedef struct OfxPropertySuiteV1 {
    void *propSetPointer;
    OfxStatus (*propSetString)(OfxPropertySetHandle p, const char *name, int index, const char *value);
    OfxStatus (*propSetDouble)(OfxPropertySetHandle p, const char *name, int index, double value);
    OfxStatus (*propSetInt)(OfxPropertySetHandle p, const char *name, int index, int value);
    void *propSetPointerN;
    void *propSetStringN;
    void *propSetDoubleN;
    void *propSetIntN;
    OfxStatus (*propGetPointer)(OfxPropertySetHandle p, const char *name, int index, void **value);
    OfxStatus (*propGetString)(OfxPropertySetHandle p, const char *name, int index, char **value);
    OfxStatus (*propGetDouble)(OfxPropertySetHandle p, const char *name, int index, double *value);
    OfxStatus (*propGetInt)(OfxPropertySetHandle p, const char *name, int index, int *value);
    void *propGetPointerN;
    void *propGetStringN;
    void *propGetDoubleN;
    OfxStatus (*propGetIntN)(OfxPropertySetHandle p, const char *name, int count, int *value);
} OfxPropertySuiteV1;

typedef struct OfxImageEffectSuiteV1 {
    OfxStatus (*getPropertySet)(OfxImageEffectHandle effect, OfxPropertySetHandle *props);
    OfxStatus (*getParamSet)(OfxImageEffectHandle effect, OfxParamSetHandle *params);
    OfxStatus (*clipDefine)(OfxImageEffectHandle effect, const char *name, OfxPropertySetHandle *props);
    OfxStatus (*clipGetHandle)(OfxImageEffectHandle effect, const char *name, OfxImageClipHandle *clip,
                               OfxPropertySetHandle *props);
    void *clipGetPropertySet;
    OfxStatus (*clipGetImage)(OfxImageClipHandle clip, OfxTime time, const OfxRectD *region,
                              OfxPropertySetHandle *image);
    OfxStatus (*clipReleaseImage)(OfxPropertySetHandle image);
} OfxImageEffectSuiteV1;

typedef struct OfxParameterSuiteV1 {
    OfxStatus (*paramDefine)(OfxParamSetHandle params, const char *type, const char *name,
                             OfxPropertySetHandle *props);
    OfxStatus (*paramGetHandle)(OfxParamSetHandle params, const char *name, OfxParamHandle *param,
                                OfxPropertySetHandle *props);
    void *paramSetGetPropertySet;
    void *paramGetPropertySet;
    void *paramGetValue;
    OfxStatus (*paramGetValueAtTime)(OfxParamHandle param, OfxTime time, ...);
} OfxParameterSuiteV1;

typedef void(OfxThreadFunctionV1)(unsigned int threadIndex, unsigned int threadMax, void *arg);

typedef struct OfxMultiThreadSuiteV1 {
    OfxStatus (*multiThread)(OfxThreadFunctionV1 *func, unsigned int nThreads, void *arg);
    OfxStatus (*multiThreadNumCPUs)(unsigned int *nCPUs);
} OfxMultiThreadSuiteV1;

/* ------------------------------------------------------------ the host */

static OfxHost *g_host;
static const OfxPropertySuiteV1 *g_prop;
static const OfxImageEffectSuiteV1 *g_effect;
static const OfxParameterSuiteV1 *g_param;
static const OfxMultiThreadSuiteV1 *g_thread; /* may be null */

static void set_host(OfxHost *host) { g_host = host; }

static OfxStatus on_load(void) {
    if (g_host == NULL) return kOfxStatErrMissingHostFeature;
    g_prop = g_host->fetchSuite(g_host->host, "OfxPropertySuite", 1);
    g_effect = g_host->fetchSuite(g_host->host, "OfxImageEffectSuite", 1);
    g_param = g_host->fetchSuite(g_host->host, "OfxParameterSuite", 1);
    g_thread = g_host->fetchSuite(g_host->host, "OfxMultiThreadSuite", 1);
    if (g_prop == NULL || g_effect == NULL || g_param == NULL) return kOfxStatErrMissingHostFeature;
    return kOfxStatOK;
}

/* -------------------------------------------------------- row functions */

/* One row: n pixels from s to d (which never overlap). */
typedef void(RowFn)(void *restrict d, const void *restrict s, int n, float k);

/* Integers scaled in their own units: clamp to [0, white], round once. */
static inline int scale_units(float c, float k, float white) {
    float y = c * k;
    y = y > 0.0f ? y : 0.0f;
    y = y < white ? y : white;
    return (int)(y + 0.5f);
}

#define INVERT_ROWS(SUFFIX, T, WHITE)                                                      \
    static void invert_rgba_##SUFFIX(void *restrict dv, const void *restrict sv, int n,    \
                                     float k) {                                            \
        T *restrict d = dv;                                                                \
        const T *restrict s = sv;                                                          \
        (void)k;                                                                           \
        for (int i = 0; i < n; ++i, d += 4, s += 4) {                                      \
            d[0] = (T)(WHITE - s[0]);                                                      \
            d[1] = (T)(WHITE - s[1]);                                                      \
            d[2] = (T)(WHITE - s[2]);                                                      \
            d[3] = s[3];                                                                   \
        }                                                                                  \
    }                                                                                      \
    /* RGB and Alpha images: every component is inverted. */                              \
    static void invert_all_##SUFFIX(T *restrict d, const T *restrict s, int count) {       \
        for (int i = 0; i < count; ++i) d[i] = (T)(WHITE - s[i]);                          \
    }                                                                                      \
    static void invert_rgb_##SUFFIX(void *restrict d, const void *restrict s, int n,       \
                                    float k) {                                             \
        (void)k;                                                                           \
        invert_all_##SUFFIX(d, s, 3 * n);                                                  \
    }                                                                                      \
    static void invert_alpha_##SUFFIX(void *restrict d, const void *restrict s, int n,     \
                                      float k) {                                           \
        (void)k;                                                                           \
        invert_all_##SUFFIX(d, s, n);                                                      \
    }

INVERT_ROWS(u8, unsigned char, 255)
INVERT_ROWS(u16, unsigned short, 65535)
INVERT_ROWS(f32, float, 1.0f)

#define SCALE_INT_ROWS(SUFFIX, T, WHITE)                                                   \
    static void scale_rgba_##SUFFIX(void *restrict dv, const void *restrict sv, int n,     \
                                    float k) {                                             \
        T *restrict d = dv;                                                                \
        const T *restrict s = sv;                                                          \
        for (int i = 0; i < n; ++i, d += 4, s += 4) {                                      \
            d[0] = (T)scale_units(s[0], k, WHITE);                                         \
            d[1] = (T)scale_units(s[1], k, WHITE);                                         \
            d[2] = (T)scale_units(s[2], k, WHITE);                                         \
            d[3] = s[3];                                                                   \
        }                                                                                  \
    }                                                                                      \
    static void scale_rgb_##SUFFIX(void *restrict dv, const void *restrict sv, int n,      \
                                   float k) {                                              \
        T *restrict d = dv;                                                                \
        const T *restrict s = sv;                                                          \
        for (int i = 0; i < 3 * n; ++i) d[i] = (T)scale_units(s[i], k, WHITE);             \
    }

SCALE_INT_ROWS(u8, unsigned char, 255.0f)
SCALE_INT_ROWS(u16, unsigned short, 65535.0f)

/* Floats are scaled unclamped. */
static void scale_rgba_f32(void *restrict dv, const void *restrict sv, int n, float k) {
    float *restrict d = dv;
    const float *restrict s = sv;
    for (int i = 0; i < n; ++i, d += 4, s += 4) {
        d[0] = s[0] * k;
        d[1] = s[1] * k;
        d[2] = s[2] * k;
        d[3] = s[3];
    }
}

static void scale_rgb_f32(void *restrict dv, const void *restrict sv, int n, float k) {
    float *restrict d = dv;
    const float *restrict s = sv;
    for (int i = 0; i < 3 * n; ++i) d[i] = s[i] * k;
}

/* An Alpha image has no colour: brightness copies it (n pixels of one
 * component each). */
static void copy_alpha_u8(void *restrict d, const void *restrict s, int n, float k) {
    (void)k;
    memcpy(d, s, (size_t)n);
}
static void copy_alpha_u16(void *restrict d, const void *restrict s, int n, float k) {
    (void)k;
    memcpy(d, s, (size_t)n * 2);
}
static void copy_alpha_f32(void *restrict d, const void *restrict s, int n, float k) {
    (void)k;
    memcpy(d, s, (size_t)n * 4);
}

enum Op { OP_INVERT, OP_BRIGHTNESS };

/* The row function for an operation, component size (1, 2, 4 bytes) and
 * component count (4, 3, 1), or null. */
static RowFn *row_fn(enum Op op, int bytes, int comps) {
    /* [op][depth][components: RGBA, RGB, Alpha] */
    static RowFn *const table[2][3][3] = {
        {
            {invert_rgba_u8, invert_rgb_u8, invert_alpha_u8},
            {invert_rgba_u16, invert_rgb_u16, invert_alpha_u16},
            {invert_rgba_f32, invert_rgb_f32, invert_alpha_f32},
        },
        {
            {scale_rgba_u8, scale_rgb_u8, copy_alpha_u8},
            {scale_rgba_u16, scale_rgb_u16, copy_alpha_u16},
            {scale_rgba_f32, scale_rgb_f32, copy_alpha_f32},
        },
    };
    int d = bytes == 1 ? 0 : bytes == 2 ? 1 : bytes == 4 ? 2 : -1;
    int c = comps == 4 ? 0 : comps == 3 ? 1 : comps == 1 ? 2 : -1;
    if (d < 0 || c < 0) return NULL;
    return table[op][d][c];
}

/* ------------------------------------------------------------- images */

typedef struct Image {
    OfxPropertySetHandle handle;
    OfxRectI bounds;
    int row_bytes;
    char *data;
    int bytes;      /* per component */
    int components; /* per pixel */
} Image;

static int depth_bytes(const char *depth) {
    if (strcmp(depth, "OfxBitDepthByte") == 0) return 1;
    if (strcmp(depth, "OfxBitDepthShort") == 0) return 2;
    if (strcmp(depth, "OfxBitDepthFloat") == 0) return 4;
    return 0;
}

static int component_count(const char *components) {
    if (strcmp(components, "OfxImageComponentRGBA") == 0) return 4;
    if (strcmp(components, "OfxImageComponentRGB") == 0) return 3;
    if (strcmp(components, "OfxImageComponentAlpha") == 0) return 1;
    return 0;
}

/* Fetches the image of clip `name` at `time` and reads its properties. */
static OfxStatus fetch_image(OfxImageEffectHandle effect, const char *name, OfxTime time, Image *img) {
    OfxImageClipHandle clip;
    char *depth, *components;
    void *data;
    memset(img, 0, sizeof *img);
    if (g_effect->clipGetHandle(effect, name, &clip, NULL) != kOfxStatOK) return kOfxStatFailed;
    if (g_effect->clipGetImage(clip, time, NULL, &img->handle) != kOfxStatOK) {
        img->handle = NULL;
        return kOfxStatFailed;
    }
    if (g_prop->propGetIntN(img->handle, "OfxImagePropBounds", 4, &img->bounds.x1) != kOfxStatOK ||
        g_prop->propGetInt(img->handle, "OfxImagePropRowBytes", 0, &img->row_bytes) != kOfxStatOK ||
        g_prop->propGetPointer(img->handle, "OfxImagePropData", 0, &data) != kOfxStatOK ||
        g_prop->propGetString(img->handle, "OfxImageEffectPropPixelDepth", 0, &depth) != kOfxStatOK ||
        g_prop->propGetString(img->handle, "OfxImageEffectPropComponents", 0, &components) != kOfxStatOK)
        return kOfxStatFailed;
    img->data = data;
    img->bytes = depth_bytes(depth);
    img->components = component_count(components);
    if (img->data == NULL || img->bytes == 0 || img->components == 0) return kOfxStatErrImageFormat;
    return kOfxStatOK;
}

static void release_image(Image *img) {
    if (img->handle != NULL) g_effect->clipReleaseImage(img->handle);
    img->handle = NULL;
}

/* ------------------------------------------------------------- render */

/* Everything a thread needs to process its band of rows. */
typedef struct Job {
    RowFn *row;
    float k;
    OfxRectI window;
    size_t pixel_bytes;
    const Image *src;
    const Image *dst;
} Job;

/* Window rows [y1, y2): the part of each row the source covers goes through
 * the row function, the rest is transparent black. */
static void process_rows(const Job *job, int y1, int y2) {
    const OfxRectI w = job->window;
    const Image *src = job->src, *dst = job->dst;
    const size_t bpp = job->pixel_bytes;
    const int lo = w.x1 > src->bounds.x1 ? w.x1 : src->bounds.x1;
    const int hi = w.x2 < src->bounds.x2 ? w.x2 : src->bounds.x2;
    const size_t row_len = (size_t)(w.x2 - w.x1) * bpp;
    for (int y = y1; y < y2; ++y) {
        char *d = dst->data + (ptrdiff_t)(y - dst->bounds.y1) * dst->row_bytes +
                  (ptrdiff_t)(w.x1 - dst->bounds.x1) * (ptrdiff_t)bpp;
        if (y < src->bounds.y1 || y >= src->bounds.y2 || lo >= hi) {
            memset(d, 0, row_len);
            continue;
        }
        const char *s = src->data + (ptrdiff_t)(y - src->bounds.y1) * src->row_bytes +
                        (ptrdiff_t)(lo - src->bounds.x1) * (ptrdiff_t)bpp;
        const size_t head = (size_t)(lo - w.x1) * bpp;
        const size_t mid = (size_t)(hi - lo) * bpp;
        if (head) memset(d, 0, head);
        job->row(d + head, s, hi - lo, job->k);
        if (head + mid < row_len) memset(d + head + mid, 0, row_len - head - mid);
    }
}

/* Thread `i` of `n` takes its own contiguous band of the window's rows. */
static void render_thread(unsigned int i, unsigned int n, void *arg) {
    const Job *job = arg;
    const long long rows = (long long)job->window.y2 - job->window.y1;
    const int y1 = job->window.y1 + (int)(rows * i / n);
    const int y2 = job->window.y1 + (int)(rows * (i + 1) / n);
    process_rows(job, y1, y2);
}

static OfxStatus render(OfxImageEffectHandle effect, OfxPropertySetHandle in_args, enum Op op) {
    OfxTime time;
    OfxRectI window;
    Image src, dst;
    Job job;
    double k = 1.0;
    unsigned int threads = 1;
    OfxStatus st;

    if (g_prop->propGetDouble(in_args, "OfxPropTime", 0, &time) != kOfxStatOK ||
        g_prop->propGetIntN(in_args, "OfxImageEffectPropRenderWindow", 4, &window.x1) != kOfxStatOK)
        return kOfxStatFailed;
    if (op == OP_BRIGHTNESS) {
        OfxParamSetHandle params;
        OfxParamHandle param;
        if (g_effect->getParamSet(effect, &params) != kOfxStatOK ||
            g_param->paramGetHandle(params, "brightness", &param, NULL) != kOfxStatOK ||
            g_param->paramGetValueAtTime(param, time, &k) != kOfxStatOK)
            return kOfxStatFailed;
    }

    memset(&dst, 0, sizeof dst);
    st = fetch_image(effect, "Source", time, &src);
    if (st == kOfxStatOK) st = fetch_image(effect, "Output", time, &dst);
    job.row = NULL;
    if (st == kOfxStatOK && src.bytes == dst.bytes && src.components == dst.components)
        job.row = row_fn(op, dst.bytes, dst.components);
    if (st == kOfxStatOK && job.row == NULL) st = kOfxStatErrImageFormat;
    if (st == kOfxStatOK && window.x2 > window.x1 && window.y2 > window.y1) {
        job.k = (float)k;
        job.window = window;
        job.pixel_bytes = (size_t)dst.bytes * (size_t)dst.components;
        job.src = &src;
        job.dst = &dst;
        if (g_thread != NULL && g_thread->multiThreadNumCPUs != NULL &&
            g_thread->multiThreadNumCPUs(&threads) != kOfxStatOK)
            threads = 1;
        if ((long long)threads > (long long)window.y2 - window.y1)
            threads = (unsigned int)(window.y2 - window.y1);
        if (threads <= 1 || g_thread->multiThread == NULL ||
            g_thread->multiThread(render_thread, threads, &job) != kOfxStatOK)
            process_rows(&job, window.y1, window.y2);
    }
    release_image(&src);
    release_image(&dst);
    return st;
}

/* ------------------------------------------------------------ describe */

static OfxStatus describe(OfxImageEffectHandle effect, const char *label) {
    OfxPropertySetHandle p;
    if (g_effect->getPropertySet(effect, &p) != kOfxStatOK) return kOfxStatFailed;
    g_prop->propSetString(p, "OfxPropLabel", 0, label);
    g_prop->propSetString(p, "OfxImageEffectPluginPropGrouping", 0, "Bench");
    g_prop->propSetString(p, "OfxImageEffectPropSupportedContexts", 0, "OfxImageEffectContextFilter");
    g_prop->propSetString(p, "OfxImageEffectPropSupportedPixelDepths", 0, "OfxBitDepthByte");
    g_prop->propSetString(p, "OfxImageEffectPropSupportedPixelDepths", 1, "OfxBitDepthShort");
    g_prop->propSetString(p, "OfxImageEffectPropSupportedPixelDepths", 2, "OfxBitDepthFloat");
    g_prop->propSetInt(p, "OfxImageEffectPropSupportsTiles", 0, 1);
    g_prop->propSetString(p, "OfxImageEffectPluginRenderThreadSafety", 0,
                          "OfxImageEffectRenderFullySafe");
    return kOfxStatOK;
}

static OfxStatus define_clip(OfxImageEffectHandle effect, const char *name) {
    OfxPropertySetHandle p;
    if (g_effect->clipDefine(effect, name, &p) != kOfxStatOK) return kOfxStatFailed;
    g_prop->propSetString(p, "OfxImageEffectPropSupportedComponents", 0, "OfxImageComponentRGBA");
    g_prop->propSetString(p, "OfxImageEffectPropSupportedComponents", 1, "OfxImageComponentRGB");
    g_prop->propSetString(p, "OfxImageEffectPropSupportedComponents", 2, "OfxImageComponentAlpha");
    g_prop->propSetInt(p, "OfxImageClipPropSupportsTiles", 0, 1);
    return kOfxStatOK;
}

static OfxStatus describe_in_context(OfxImageEffectHandle effect, enum Op op) {
    if (define_clip(effect, "Source") != kOfxStatOK || define_clip(effect, "Output") != kOfxStatOK)
        return kOfxStatFailed;
    if (op == OP_BRIGHTNESS) {
        OfxParamSetHandle params;
        OfxPropertySetHandle p;
        if (g_effect->getParamSet(effect, &params) != kOfxStatOK ||
            g_param->paramDefine(params, "OfxParamTypeDouble", "brightness", &p) != kOfxStatOK)
            return kOfxStatFailed;
        g_prop->propSetString(p, "OfxPropLabel", 0, "Brightness");
        g_prop->propSetDouble(p, "OfxParamPropDefault", 0, 1.0);
    }
    return kOfxStatOK;
}

/* ---------------------------------------------------------- main entry */

static OfxStatus main_entry(const char *action, const void *handle, OfxPropertySetHandle in_args,
                            enum Op op, const char *label) {
    OfxImageEffectHandle effect = (OfxImageEffectHandle)handle;
    if (strcmp(action, "OfxImageEffectActionRender") == 0) return render(effect, in_args, op);
    if (strcmp(action, "OfxActionLoad") == 0) return on_load();
    if (strcmp(action, "OfxActionDescribe") == 0) return describe(effect, label);
    if (strcmp(action, "OfxImageEffectActionDescribeInContext") == 0)
        return describe_in_context(effect, op);
    if (strcmp(action, "OfxActionUnload") == 0 || strcmp(action, "OfxActionCreateInstance") == 0 ||
        strcmp(action, "OfxActionDestroyInstance") == 0)
        return kOfxStatOK;
    return kOfxStatReplyDefault;
}

static OfxStatus invert_main(const char *action, const void *handle, OfxPropertySetHandle in_args,
                             OfxPropertySetHandle out_args) {
    (void)out_args;
    return main_entry(action, handle, in_args, OP_INVERT, "Plain Invert");
}

static OfxStatus brightness_main(const char *action, const void *handle,
                                 OfxPropertySetHandle in_args, OfxPropertySetHandle out_args) {
    (void)out_args;
    return main_entry(action, handle, in_args, OP_BRIGHTNESS, "Plain Brightness");
}

static OfxPlugin g_plugins[2] = {
    {"OfxImageEffectPluginAPI", 1, "org.ofx-rs.bench.PlainInvert", 1, 0, set_host, invert_main},
    {"OfxImageEffectPluginAPI", 1, "org.ofx-rs.bench.PlainBrightness", 1, 0, set_host,
     brightness_main},
};

int OfxGetNumberOfPlugins(void) { return 2; }

OfxPlugin *OfxGetPlugin(int nth) { return nth >= 0 && nth < 2 ? &g_plugins[nth] : NULL; }
