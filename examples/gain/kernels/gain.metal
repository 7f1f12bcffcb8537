// Gain in the Metal Shading Language, for buffers of every depth and
// component type: the same arithmetic as the CPU path and gain.cl.
// mode: 0 copies, 1 scales, 2 works on premultiplied RGBA.
// depth: 1 = u8, 2 = u16, 3 = half, 4 = float. Rows are counted in components.
#include <metal_stdlib>
using namespace metal;

static float white(int depth) { return depth == 1 ? 255.0f : depth == 2 ? 65535.0f : 1.0f; }

static float load(device const uchar *p, int depth, long i) {
    if (depth == 1) return float(p[i]);
    if (depth == 2) return float(((device const ushort *)p)[i]);
    if (depth == 3) return float(((device const half *)p)[i]);
    return ((device const float *)p)[i];
}

static void store(device uchar *p, int depth, long i, float v) {
    if (depth <= 2) {
        float c = isnan(v) ? 0.0f : clamp(v, 0.0f, white(depth));
        uint u = uint(c + 0.5f);
        if (depth == 1) p[i] = uchar(u); else ((device ushort *)p)[i] = ushort(u);
    } else if (depth == 3) {
        ((device half *)p)[i] = half(v);
    } else {
        ((device float *)p)[i] = v;
    }
}

kernel void gain_buffers(device const uchar *src [[buffer(0)]], constant int &sx1 [[buffer(1)]],
                         constant int &sy1 [[buffer(2)]], constant int &sx2 [[buffer(3)]],
                         constant int &sy2 [[buffer(4)]], constant int &srow [[buffer(5)]],
                         device uchar *dst [[buffer(6)]], constant int &dx1 [[buffer(7)]],
                         constant int &dy1 [[buffer(8)]], constant int &drow [[buffer(9)]],
                         constant int &wx1 [[buffer(10)]], constant int &wy1 [[buffer(11)]],
                         constant int &depth [[buffer(12)]], constant int &comps [[buffer(13)]],
                         constant float4 &k [[buffer(14)]], constant int &mode [[buffer(15)]],
                         uint2 gid [[thread_position_in_grid]]) {
    int x = wx1 + int(gid.x), y = wy1 + int(gid.y);
    long o = long(y - dy1) * drow + long(x - dx1) * comps;
    if (x < sx1 || x >= sx2 || y < sy1 || y >= sy2) {
        for (int c = 0; c < comps; c++) store(dst, depth, o + c, 0.0f);
        return;
    }
    long s = long(y - sy1) * srow + long(x - sx1) * comps;
    float f[4] = {k.x, k.y, k.z, k.w};
    int first = comps == 1 ? 3 : 0;
    if (mode == 0) {
        int bytes = depth == 1 ? 1 : depth == 4 ? 4 : 2;
        for (long b = 0; b < long(comps) * bytes; b++) dst[o * bytes + b] = src[s * bytes + b];
    } else if (mode == 2 && comps == 4) {
        float w = white(depth);
        float4 p = float4(load(src, depth, s), load(src, depth, s + 1),
                          load(src, depth, s + 2), load(src, depth, s + 3));
        if (depth <= 2) p = p / w;
        float a2 = p.w * k.w;
        float4 q = p.w > 0.0f ? p / p.w * k * a2 : p * k;
        q.w = a2;
        for (int c = 0; c < 4; c++) {
            float v = q[c];
            if (depth <= 2) v = (isnan(v) ? 0.0f : clamp(v, 0.0f, 1.0f)) * w;
            store(dst, depth, o + c, v);
        }
    } else {
        for (int c = 0; c < comps; c++) store(dst, depth, o + c, load(src, depth, s + c) * f[first + c]);
    }
}
