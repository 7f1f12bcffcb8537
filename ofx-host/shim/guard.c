/* Guard-page fault reporting for ofx-host image buffers.
 *
 * Rust maps every guarded pixel buffer between two PROT_NONE pages and
 * registers its geometry here. When a plugin touches a guard page, the
 * SIGSEGV/SIGBUS handler below finds the region, writes one line naming the
 * image, the access (read or write, where the CPU says so) and the side of
 * the image that was overrun, and leaves with _exit(OFXHOST_GUARD_EXIT).
 * Faults anywhere else go to the handler that was installed before ours.
 *
 * Everything reachable from the handler is async-signal-safe: lock-free
 * atomics on a fixed table, integer arithmetic, write(2), sigaction(2) and
 * _exit(2). No allocation, no stdio, no locks.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

#define OFXHOST_GUARD_EXIT 87
#define SLOTS 1024
#define NAME_MAX_LEN 63

enum { FREE = 0, BUSY = 1, LIVE = 2 };

struct region {
    atomic_int state;
    uintptr_t map_lo, map_hi; /* the whole mapping, guard pages included */
    uintptr_t buf_lo, buf_hi; /* the rows of pixels (first to last in memory) */
    intptr_t stride;          /* |row bytes| */
    int top_down;             /* 1 when rows are stored top row first */
    int x1, y1, x2, y2;
    int bytes_per_pixel;
    char name[NAME_MAX_LEN + 1];
};

static struct region regions[SLOTS];
static struct sigaction previous_segv, previous_bus;
static atomic_int installed;

/* ---- registry (called from Rust, never from the handler) ---- */

int ofxhost_guard_register(uintptr_t map_lo, uintptr_t map_hi, uintptr_t buf_lo, uintptr_t buf_hi,
                           intptr_t stride, int top_down, int x1, int y1, int x2, int y2,
                           int bytes_per_pixel, const char *name, size_t name_len) {
    for (int i = 0; i < SLOTS; i++) {
        int expected = FREE;
        if (!atomic_compare_exchange_strong(&regions[i].state, &expected, BUSY))
            continue;
        struct region *r = &regions[i];
        r->map_lo = map_lo;
        r->map_hi = map_hi;
        r->buf_lo = buf_lo;
        r->buf_hi = buf_hi;
        r->stride = stride;
        r->top_down = top_down;
        r->x1 = x1;
        r->y1 = y1;
        r->x2 = x2;
        r->y2 = y2;
        r->bytes_per_pixel = bytes_per_pixel;
        if (name_len > NAME_MAX_LEN)
            name_len = NAME_MAX_LEN;
        memcpy(r->name, name, name_len);
        r->name[name_len] = '\0';
        atomic_store_explicit(&r->state, LIVE, memory_order_release);
        return i;
    }
    return -1;
}

void ofxhost_guard_unregister(int slot) {
    if (slot >= 0 && slot < SLOTS)
        atomic_store_explicit(&regions[slot].state, FREE, memory_order_release);
}

int ofxhost_guard_exit_code(void) { return OFXHOST_GUARD_EXIT; }

/* ---- the handler ---- */

struct line {
    char buf[512];
    size_t len;
};

static void put(struct line *l, const char *s) {
    while (*s && l->len < sizeof l->buf - 1)
        l->buf[l->len++] = *s++;
}

static void put_int(struct line *l, long long v) {
    char tmp[24];
    int n = 0;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do {
        tmp[n++] = (char)('0' + (u % 10));
        u /= 10;
    } while (u && n < (int)sizeof tmp);
    if (v < 0 && l->len < sizeof l->buf - 1)
        l->buf[l->len++] = '-';
    while (n && l->len < sizeof l->buf - 1)
        l->buf[l->len++] = tmp[--n];
}

static void put_hex(struct line *l, uintptr_t v) {
    static const char digits[] = "0123456789abcdef";
    char tmp[2 * sizeof v];
    int n = 0;
    do {
        tmp[n++] = digits[v & 15];
        v >>= 4;
    } while (v && n < (int)sizeof tmp);
    put(l, "0x");
    while (n && l->len < sizeof l->buf - 1)
        l->buf[l->len++] = tmp[--n];
}

/* floor(a / b) for b > 0 */
static long long floor_div(long long a, long long b) {
    long long q = a / b;
    if ((a % b != 0) && (a < 0))
        q -= 1;
    return q;
}

/* 1 write, 0 read, -1 unknown */
static int access_kind(void *uctx) {
#if defined(__x86_64__) && defined(REG_ERR)
    const ucontext_t *uc = (const ucontext_t *)uctx;
    if (!uc)
        return -1;
    /* Page-fault error code: bit 1 is set for a write. */
    return (uc->uc_mcontext.gregs[REG_ERR] & 2) ? 1 : 0;
#else
    (void)uctx;
    return -1;
#endif
}

static void chain(int sig, siginfo_t *info, void *uctx) {
    const struct sigaction *prev = sig == SIGBUS ? &previous_bus : &previous_segv;
    if ((prev->sa_flags & SA_SIGINFO) && prev->sa_sigaction) {
        prev->sa_sigaction(sig, info, uctx);
        return;
    }
    if (prev->sa_handler != SIG_DFL && prev->sa_handler != SIG_IGN && prev->sa_handler) {
        prev->sa_handler(sig);
        return;
    }
    /* Restore the default action; returning re-runs the faulting
     * instruction, which then kills the process with the signal. */
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
}

/* Writes the diagnosis for an access at `addr` attributed to region `r`
 * and leaves the process. `unmapped` marks an access that missed the guard
 * pages (an unmapped address near the image). */
static void report(const struct region *r, uintptr_t addr, int sig, void *uctx, int unmapped) {
    struct line l = {.len = 0};
    int kind = access_kind(uctx);
    put(&l, "ofx-host: guard page: ");
    put(&l, kind == 1 ? "write" : kind == 0 ? "read" : "access");
    long long off = (long long)addr - (long long)r->buf_lo;
    long long stride = r->stride > 0 ? r->stride : 1;
    long long mem_row = floor_div(off, stride);
    long long col = off - mem_row * stride;
    long long y = r->top_down ? (long long)r->y2 - 1 - mem_row : (long long)r->y1 + mem_row;
    long long bpp = r->bytes_per_pixel > 0 ? r->bytes_per_pixel : 1;
    long long x = (long long)r->x1 + col / bpp;
    if (y >= r->y2)
        put(&l, " above the top row");
    else if (y < r->y1)
        put(&l, " below the bottom row");
    else
        put(&l, " outside the rows");
    put(&l, " of image \"");
    put(&l, r->name);
    put(&l, "\" at x=");
    put_int(&l, x);
    put(&l, " y=");
    put_int(&l, y);
    put(&l, " (bounds ");
    put_int(&l, r->x1);
    put(&l, ",");
    put_int(&l, r->y1);
    put(&l, "..");
    put_int(&l, r->x2);
    put(&l, ",");
    put_int(&l, r->y2);
    put(&l, "; ");
    put(&l, r->top_down ? "top-down" : "bottom-up");
    if (unmapped)
        put(&l, "; beyond the guard pages, at an unmapped address nearest this image");
    put(&l, ", address ");
    put_hex(&l, addr);
    put(&l, ", signal ");
    put(&l, sig == SIGBUS ? "SIGBUS" : "SIGSEGV");
    put(&l, ")\n");
    ssize_t ignored = write(2, l.buf, l.len);
    (void)ignored;
    _exit(OFXHOST_GUARD_EXIT);
}

static void on_fault(int sig, siginfo_t *info, void *uctx) {
    uintptr_t addr = (uintptr_t)(info ? info->si_addr : 0);
    for (int i = 0; i < SLOTS; i++) {
        struct region *r = &regions[i];
        if (atomic_load_explicit(&r->state, memory_order_acquire) != LIVE)
            continue;
        if (addr >= r->map_lo && addr < r->map_hi)
            report(r, addr, sig, uctx, 0);
    }
    /* An unmapped address a little beyond a guarded image (a plugin that
     * overshot its guard pages): attribute it to the nearest image, if one
     * lies within four times its own mapping size. */
    if (info && sig == SIGSEGV && info->si_code == SEGV_MAPERR) {
        const struct region *best = NULL;
        uintptr_t best_dist = 0;
        for (int i = 0; i < SLOTS; i++) {
            struct region *r = &regions[i];
            if (atomic_load_explicit(&r->state, memory_order_acquire) != LIVE)
                continue;
            uintptr_t dist = addr < r->map_lo ? r->map_lo - addr : addr - r->map_hi;
            uintptr_t reach = 4 * (r->map_hi - r->map_lo);
            if (dist <= reach && (!best || dist < best_dist)) {
                best = r;
                best_dist = dist;
            }
        }
        if (best)
            report(best, addr, sig, uctx, 1);
    }
    chain(sig, info, uctx);
}

/* Installs the handler once; 0 on success, -1 if sigaction failed. */
int ofxhost_guard_install(void) {
    int expected = 0;
    if (!atomic_compare_exchange_strong(&installed, &expected, 1))
        return 0;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGSEGV, &sa, &previous_segv) != 0)
        return -1;
    if (sigaction(SIGBUS, &sa, &previous_bus) != 0)
        return -1;
    return 0;
}
