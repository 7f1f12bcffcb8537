/*
 * The C half of the ofx-sys ABI check.
 *
 * The declarations below are written for this test from the documented
 * OpenFX layouts; they do not include the OpenFX headers. The Rust side hands
 * structs declared by ofx-sys to these functions and receives structs filled
 * in here, and it calls the variadic functions below through function
 * pointers typed by ofx-sys, so any disagreement between the two compilers on
 * layout or calling convention shows up as a wrong value.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

typedef int Status;
typedef struct PropertySet *PropertySetHandle;
typedef struct Param *ParamHandle;

typedef struct Host {
    PropertySetHandle host;
    const void *(*fetchSuite)(PropertySetHandle host, const char *suiteName, int suiteVersion);
} Host;

typedef Status(EntryPoint)(const char *action, const void *handle, PropertySetHandle inArgs,
                           PropertySetHandle outArgs);

typedef struct Plugin {
    const char *pluginApi;
    int apiVersion;
    const char *pluginIdentifier;
    unsigned int pluginVersionMajor;
    unsigned int pluginVersionMinor;
    void (*setHost)(Host *host);
    EntryPoint *mainEntry;
} Plugin;

typedef struct RectD {
    double x1, y1, x2, y2;
} RectD;

static Host *g_host_seen;

static void c_set_host(Host *host) { g_host_seen = host; }

static Status c_main_entry(const char *action, const void *handle, PropertySetHandle inArgs,
                           PropertySetHandle outArgs) {
    (void)inArgs;
    (void)outArgs;
    if (handle != NULL) return 9;
    return strcmp(action, "OfxActionLoad") == 0 ? 0 : 14;
}

/* Fills a plugin record the way a C plugin would. */
void abi_fill_plugin(Plugin *p) {
    p->pluginApi = "OfxImageEffectPluginAPI";
    p->apiVersion = 1;
    p->pluginIdentifier = "org.openfx.abi.Check";
    p->pluginVersionMajor = 3u;
    p->pluginVersionMinor = 4000000000u;
    p->setHost = c_set_host;
    p->mainEntry = c_main_entry;
}

/* Returns the host pointer that the last setHost call received. */
Host *abi_host_seen(void) { return g_host_seen; }

/* Calls a host's fetchSuite as a C plugin would, returning what it returned. */
const void *abi_call_fetch_suite(const Host *host, const char *name, int version) {
    return host->fetchSuite(host->host, name, version);
}

/* Calls a plugin's entry point as a C host would. */
Status abi_call_main_entry(const Plugin *p, const char *action) {
    return p->mainEntry(action, NULL, NULL, NULL);
}

/* A variadic function shaped like paramGetValue for a 3D double parameter:
 * it writes 1.5, -2.25 and 1e300 through the three pointers that follow. */
Status abi_param_get_value_3d(ParamHandle param, ...) {
    va_list ap;
    double *out[3];
    int i;
    if (param == NULL) return 9;
    va_start(ap, param);
    for (i = 0; i < 3; ++i) out[i] = va_arg(ap, double *);
    va_end(ap);
    *out[0] = 1.5;
    *out[1] = -2.25;
    *out[2] = 1e300;
    return 0;
}

/* Shaped like paramSetValueAtTime for an Integer2D parameter: records the
 * time and the two ints that follow. */
static double g_time;
static int g_ints[2];
Status abi_param_set_value_at_time_2i(ParamHandle param, double time, ...) {
    va_list ap;
    (void)param;
    va_start(ap, time);
    g_time = time;
    g_ints[0] = va_arg(ap, int);
    g_ints[1] = va_arg(ap, int);
    va_end(ap);
    return 0;
}
double abi_last_time(void) { return g_time; }
int abi_last_int(int i) { return g_ints[i]; }

/* Shaped like paramGetIntegral for a double parameter. */
Status abi_param_get_integral_1d(ParamHandle param, double t1, double t2, ...) {
    va_list ap;
    double *out;
    (void)param;
    va_start(ap, t2);
    out = va_arg(ap, double *);
    va_end(ap);
    *out = t2 - t1;
    return 0;
}

/* Shaped like the message suite's message: formats into a buffer. */
static char g_message[256];
Status abi_message(void *handle, const char *type, const char *id, const char *format, ...) {
    va_list ap;
    (void)handle;
    va_start(ap, format);
    snprintf(g_message, sizeof g_message, "%s|%s|", type, id ? id : "");
    vsnprintf(g_message + strlen(g_message), sizeof g_message - strlen(g_message), format, ap);
    va_end(ap);
    return 0;
}
const char *abi_last_message(void) { return g_message; }

/* Sizes and offsets as this C compiler lays out the structs above. */
size_t abi_layout(int what) {
    switch (what) {
    case 0: return sizeof(Host);
    case 1: return offsetof(Host, fetchSuite);
    case 2: return sizeof(Plugin);
    case 3: return offsetof(Plugin, pluginVersionMinor);
    case 4: return offsetof(Plugin, setHost);
    case 5: return offsetof(Plugin, mainEntry);
    case 6: return sizeof(RectD);
    default: return 0;
    }
}
