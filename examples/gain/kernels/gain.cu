// Gain in CUDA C, for buffers of every depth and component type: the same
// arithmetic as the CPU path and gain.cl. mode: 0 copies, 1 scales,
// 2 works on premultiplied RGBA. depth: 1 = u8, 2 = u16, 3 = half, 4 = float.
#include <cuda_fp16.h>

__device__ float white(int depth) { return depth == 1 ? 255.0f : depth == 2 ? 65535.0f : 1.0f; }

__device__ float load(const unsigned char *p, int depth, long i) {
    if (depth == 1) return (float)p[i];
    if (depth == 2) return (float)((const unsigned short *)p)[i];
    if (depth == 3) return __half2float(((const __half *)p)[i]);
    return ((const float *)p)[i];
}

__device__ void store(unsigned char *p, int depth, long i, float v) {
    if (depth <= 2) {
        float c = isnan(v) ? 0.0f : fminf(fmaxf(v, 0.0f), white(depth));
        unsigned u = (unsigned)(c + 0.5f);
        if (depth == 1) p[i] = (unsigned char)u; else ((unsigned short *)p)[i] = (unsigned short)u;
    } else if (depth == 3) {
        ((__half *)p)[i] = __float2half_rn(v);
    } else {
        ((float *)p)[i] = v;
    }
}

extern "C" __global__ void gain_buffers(const unsigned char *src, int sx1, int sy1, int sx2, int sy2, int srow,
                                        unsigned char *dst, int dx1, int dy1, int drow,
                                        int wx1, int wy1, int ww, int wh, int depth, int comps,
                                        float4 k, int mode) {
    int gx = blockIdx.x * blockDim.x + threadIdx.x, gy = blockIdx.y * blockDim.y + threadIdx.y;
    if (gx >= ww || gy >= wh) return;
    int x = wx1 + gx, y = wy1 + gy;
    long o = (long)(y - dy1) * drow + (long)(x - dx1) * comps;
    if (x < sx1 || x >= sx2 || y < sy1 || y >= sy2) {
        for (int c = 0; c < comps; c++) store(dst, depth, o + c, 0.0f);
        return;
    }
    long s = (long)(y - sy1) * srow + (long)(x - sx1) * comps;
    float f[4] = {k.x, k.y, k.z, k.w};
    int first = comps == 1 ? 3 : 0;
    if (mode == 0) {
        int bytes = depth == 1 ? 1 : depth == 4 ? 4 : 2;
        for (long b = 0; b < (long)comps * bytes; b++) dst[o * bytes + b] = src[s * bytes + b];
    } else if (mode == 2 && comps == 4) {
        float w = white(depth);
        float p[4];
        for (int c = 0; c < 4; c++) p[c] = load(src, depth, s + c) / (depth <= 2 ? w : 1.0f);
        float a2 = __fmul_rn(p[3], k.w);
        for (int c = 0; c < 3; c++) {
            float v = p[3] > 0.0f ? __fmul_rn(__fmul_rn(__fdiv_rn(p[c], p[3]), f[c]), a2) : __fmul_rn(p[c], f[c]);
            if (depth <= 2) v = (isnan(v) ? 0.0f : fminf(fmaxf(v, 0.0f), 1.0f)) * w;
            store(dst, depth, o + c, v);
        }
        float a = depth <= 2 ? (isnan(a2) ? 0.0f : fminf(fmaxf(a2, 0.0f), 1.0f)) * w : a2;
        store(dst, depth, o + 3, a);
    } else {
        for (int c = 0; c < comps; c++) store(dst, depth, o + c, __fmul_rn(load(src, depth, s + c), f[first + c]));
    }
}
