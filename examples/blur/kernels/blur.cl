// Blur in OpenCL C: a separable Gaussian by direct convolution, truncated
// at the support the effect reserves in its region of interest. Two passes:
// rows of the source into a float buffer, then columns into the output.
// Values are normalised (integers divided by their white) in between.
#pragma OPENCL FP_CONTRACT OFF

// depth: 1 = u8, 2 = u16, 3 = half, 4 = float.
static float white(int depth) { return depth == 1 ? 255.0f : depth == 2 ? 65535.0f : 1.0f; }

static float load(__global const uchar *p, int depth, long i) {
    if (depth == 1) return (float)p[i] / 255.0f;
    if (depth == 2) return (float)((__global const ushort *)p)[i] / 65535.0f;
    if (depth == 3) return vload_half(i, (__global const half *)p);
    return ((__global const float *)p)[i];
}

static void store(__global uchar *p, int depth, long i, float v) {
    if (depth <= 2) {
        float c = (isnan(v) ? 0.0f : clamp(v, 0.0f, 1.0f)) * white(depth);
        uint u = (uint)(c + 0.5f);
        if (depth == 1) p[i] = (uchar)u; else ((__global ushort *)p)[i] = (ushort)u;
    } else if (depth == 3) {
        vstore_half_rte(v, i, (__global half *)p);
    } else {
        ((__global float *)p)[i] = v;
    }
}

// Rows ty1.. of the buffer (tw pixels from x = tx1) from the source, whose
// buffer starts at pixel (bx1, by1) with srow components a row, and whose
// pixels are defined for x in vx1..vx2. `k` is 1 / (2 sigma^2) (0 without
// blur) and `norm` one over the sum of the weights.
__kernel void blur_rows(__global const uchar *src, int bx1, int by1, int srow, int vx1, int vx2,
                        int depth, int comps, __global float *tmp, int tx1, int ty1, int tw,
                        int r, float k, float norm, int edge) {
    int x = tx1 + get_global_id(0), y = ty1 + get_global_id(1);
    long row = (long)(y - by1) * srow;
    long t = ((long)(y - ty1) * tw + (x - tx1)) * comps;
    for (int c = 0; c < comps; c++) {
        float acc = 0.0f;
        for (int i = -r; i <= r; i++) {
            int xx = x + i;
            if (edge) xx = clamp(xx, vx1, vx2 - 1);
            else if (xx < vx1 || xx >= vx2) continue;
            acc += exp(-(float)(i * i) * k) * load(src, depth, row + (long)(xx - bx1) * comps + c);
        }
        tmp[t + c] = acc * norm;
    }
}

// The window (from wx1, wy1) of the output (bounds from dx1, dy1, drow
// components a row) from the buffer's rows, which hold source rows
// ty1..ty1+th (sy1..sy2 is the source's rows).
__kernel void blur_columns(__global const float *tmp, int tx1, int ty1, int tw, int th,
                           int sy1, int sy2, __global uchar *dst, int dx1, int dy1, int drow,
                           int depth, int comps, int wx1, int wy1,
                           int r, float k, float norm, int edge) {
    int x = wx1 + get_global_id(0), y = wy1 + get_global_id(1);
    long o = (long)(y - dy1) * drow + (long)(x - dx1) * comps;
    for (int c = 0; c < comps; c++) {
        float acc = 0.0f;
        for (int j = -r; j <= r; j++) {
            int yy = y + j;
            if (edge) yy = clamp(yy, sy1, sy2 - 1);
            else if (yy < sy1 || yy >= sy2) continue;
            int ry = yy - ty1;
            if (ry < 0 || ry >= th) continue;
            acc += exp(-(float)(j * j) * k) * tmp[((long)ry * tw + (x - tx1)) * comps + c];
        }
        store(dst, depth, o + c, acc * norm);
    }
}
