// Gain in OpenCL C: the same arithmetic as the CPU path (gain/src/lib.rs),
// for buffers (every depth and component type) and images (RGBA, Alpha).
//
// mode: 0 copies (every factor is 1), 1 scales, 2 unpremultiplies, scales
// and premultiplies (RGBA only).
#pragma OPENCL FP_CONTRACT OFF

// depth: 1 = u8, 2 = u16, 3 = half, 4 = float.
static float white(int depth) { return depth == 1 ? 255.0f : depth == 2 ? 65535.0f : 1.0f; }

static float load(__global const uchar *p, int depth, long i) {
    if (depth == 1) return (float)p[i];
    if (depth == 2) return (float)((__global const ushort *)p)[i];
    if (depth == 3) return vload_half(i, (__global const half *)p);
    return ((__global const float *)p)[i];
}

// Integers: clamp to [0, white] (NaN to 0), round half up. Half: nearest even.
static void store(__global uchar *p, int depth, long i, float v) {
    if (depth <= 2) {
        float c = isnan(v) ? 0.0f : clamp(v, 0.0f, white(depth));
        uint u = (uint)(c + 0.5f);
        if (depth == 1) p[i] = (uchar)u; else ((__global ushort *)p)[i] = (ushort)u;
    } else if (depth == 3) {
        vstore_half_rte(v, i, (__global half *)p);
    } else {
        ((__global float *)p)[i] = v;
    }
}

static float4 premultiplied(float4 p, float4 k) {
    float a2 = p.w * k.w;
    float4 o = p.w > 0.0f ? p / p.w * k * a2 : p * k;
    o.w = a2;
    return o;
}

// One work item per pixel of the window; rows are counted in components.
__kernel void gain_buffers(__global const uchar *src, int sx1, int sy1, int sx2, int sy2, int srow,
                           __global uchar *dst, int dx1, int dy1, int drow,
                           int wx1, int wy1, int depth, int comps, float4 k, int mode) {
    int x = wx1 + get_global_id(0), y = wy1 + get_global_id(1);
    long o = (long)(y - dy1) * drow + (long)(x - dx1) * comps;
    if (x < sx1 || x >= sx2 || y < sy1 || y >= sy2) {
        for (int c = 0; c < comps; c++) store(dst, depth, o + c, 0.0f);
        return;
    }
    long s = (long)(y - sy1) * srow + (long)(x - sx1) * comps;
    // The factors of this image's components, in memory order.
    float f[4] = {k.x, k.y, k.z, k.w};
    int first = comps == 1 ? 3 : 0;
    if (mode == 0) {
        for (int c = 0; c < comps; c++) {
            if (depth == 1) dst[o + c] = src[s + c];
            else if (depth == 2 || depth == 3) ((__global ushort *)dst)[o + c] = ((__global const ushort *)src)[s + c];
            else ((__global uint *)dst)[o + c] = ((__global const uint *)src)[s + c];
        }
    } else if (mode == 2 && comps == 4) {
        float w = white(depth);
        float4 p = (float4)(load(src, depth, s), load(src, depth, s + 1),
                            load(src, depth, s + 2), load(src, depth, s + 3));
        if (depth <= 2) p = p / w;
        float4 q = premultiplied(p, k);
        for (int c = 0; c < 4; c++) {
            float v = c == 0 ? q.x : c == 1 ? q.y : c == 2 ? q.z : q.w;
            if (depth <= 2) v = (isnan(v) ? 0.0f : clamp(v, 0.0f, 1.0f)) * w;
            store(dst, depth, o + c, v);
        }
    } else {
        for (int c = 0; c < comps; c++) store(dst, depth, o + c, load(src, depth, s + c) * f[first + c]);
    }
}

// Images hold normalised values; Alpha images read as (0, 0, 0, a).
__kernel void gain_images(__read_only image2d_t src, int sx1, int sy1, int sx2, int sy2,
                          __write_only image2d_t dst, int dx1, int dy1,
                          int wx1, int wy1, float4 k, int mode) {
    const sampler_t nearest = CLK_NORMALIZED_COORDS_FALSE | CLK_ADDRESS_NONE | CLK_FILTER_NEAREST;
    int x = wx1 + get_global_id(0), y = wy1 + get_global_id(1);
    float4 v = (float4)(0.0f);
    if (x >= sx1 && x < sx2 && y >= sy1 && y < sy2) {
        float4 p = read_imagef(src, nearest, (int2)(x - sx1, y - sy1));
        v = mode == 0 ? p : mode == 2 ? premultiplied(p, k) : p * k;
    }
    write_imagef(dst, (int2)(x - dx1, y - dy1), v);
}
