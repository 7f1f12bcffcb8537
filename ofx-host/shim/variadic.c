/* C-variadic entry points of the OFX parameter and message suites.
 *
 * Stable Rust cannot define C-variadic functions, so these read their
 * va_list and forward to plain Rust functions (ofxhost_* below). The OFX
 * headers are deliberately not included: the few types used are spelled out.
 * Parameter kinds match ofx_host::params::ParamKind.
 */
#include <stdarg.h>
#include <stdio.h>

typedef int Status;

enum { K_INT = 1, K_DOUBLE, K_BOOL, K_CHOICE, K_STRCHOICE, K_RGBA, K_RGB, K_DOUBLE2D,
       K_INT2D, K_DOUBLE3D, K_INT3D, K_STRING, K_CUSTOM, K_BYTES, K_NOVALUE };

enum { STAT_FAILED = 1, STAT_ERR_BAD_HANDLE = 9 };

/* Implemented in Rust (src/ffi/param_shim.rs). */
extern int ofxhost_param_kind(void *param);
/* mode: 0 value, 1 value at time, 2 derivative, 3 integral */
extern Status ofxhost_param_get(void *param, int mode, double t1, double t2, void **outs, int n_outs);
extern Status ofxhost_param_set(void *param, int at_time, double time, const int *ints,
                                const double *doubles, const void *ptr);
extern Status ofxhost_message(const char *fn, void *handle, const char *type, const char *id,
                              const char *text);

/* Number of components the kind reads or writes through paramGetValue. */
static int components(int kind) {
    switch (kind) {
    case K_INT: case K_DOUBLE: case K_BOOL: case K_CHOICE: case K_STRCHOICE:
    case K_STRING: case K_CUSTOM: case K_BYTES: return 1;
    case K_DOUBLE2D: case K_INT2D: return 2;
    case K_RGB: case K_DOUBLE3D: case K_INT3D: return 3;
    case K_RGBA: return 4;
    default: return 0;
    }
}

static int is_double_kind(int kind) {
    return kind == K_DOUBLE || kind == K_RGBA || kind == K_RGB || kind == K_DOUBLE2D || kind == K_DOUBLE3D;
}

static Status get_common(void *param, int mode, double t1, double t2, va_list ap) {
    int kind = ofxhost_param_kind(param);
    if (kind < 0) return STAT_ERR_BAD_HANDLE;
    int n = components(kind);
    void *outs[4] = {0, 0, 0, 0};
    for (int i = 0; i < n; i++) outs[i] = va_arg(ap, void *);
    return ofxhost_param_get(param, mode, t1, t2, outs, n);
}

Status ofxhost_shim_paramGetValue(void *param, ...) {
    va_list ap; va_start(ap, param);
    Status s = get_common(param, 0, 0.0, 0.0, ap);
    va_end(ap); return s;
}

Status ofxhost_shim_paramGetValueAtTime(void *param, double time, ...) {
    va_list ap; va_start(ap, time);
    Status s = get_common(param, 1, time, 0.0, ap);
    va_end(ap); return s;
}

Status ofxhost_shim_paramGetDerivative(void *param, double time, ...) {
    va_list ap; va_start(ap, time);
    Status s = get_common(param, 2, time, 0.0, ap);
    va_end(ap); return s;
}

Status ofxhost_shim_paramGetIntegral(void *param, double time1, double time2, ...) {
    va_list ap; va_start(ap, time2);
    Status s = get_common(param, 3, time1, time2, ap);
    va_end(ap); return s;
}

static Status set_common(void *param, int at_time, double time, va_list ap) {
    int kind = ofxhost_param_kind(param);
    if (kind < 0) return STAT_ERR_BAD_HANDLE;
    int n = components(kind);
    int ints[4] = {0, 0, 0, 0};
    double doubles[4] = {0, 0, 0, 0};
    const void *ptr = 0;
    if (kind == K_STRCHOICE || kind == K_STRING || kind == K_CUSTOM || kind == K_BYTES) {
        ptr = va_arg(ap, const void *);
    } else if (is_double_kind(kind)) {
        for (int i = 0; i < n; i++) doubles[i] = va_arg(ap, double);
    } else {
        for (int i = 0; i < n; i++) ints[i] = va_arg(ap, int);
    }
    return ofxhost_param_set(param, at_time, time, ints, doubles, ptr);
}

Status ofxhost_shim_paramSetValue(void *param, ...) {
    va_list ap; va_start(ap, param);
    Status s = set_common(param, 0, 0.0, ap);
    va_end(ap); return s;
}

Status ofxhost_shim_paramSetValueAtTime(void *param, double time, ...) {
    va_list ap; va_start(ap, time);
    Status s = set_common(param, 1, time, ap);
    va_end(ap); return s;
}

static Status message_common(const char *fn, void *handle, const char *type, const char *id,
                             const char *format, va_list ap) {
    char text[4096];
    if (format) vsnprintf(text, sizeof text, format, ap); else text[0] = 0;
    return ofxhost_message(fn, handle, type, id, text);
}

Status ofxhost_shim_message(void *handle, const char *type, const char *id, const char *format, ...) {
    va_list ap; va_start(ap, format);
    Status s = message_common("message", handle, type, id, format, ap);
    va_end(ap); return s;
}

Status ofxhost_shim_setPersistentMessage(void *handle, const char *type, const char *id,
                                         const char *format, ...) {
    va_list ap; va_start(ap, format);
    Status s = message_common("setPersistentMessage", handle, type, id, format, ap);
    va_end(ap); return s;
}
