//! Component conversion speed, reported as a ratio to a `memcpy` of the same
//! frame measured in the same run.
//!
//! `cargo bench -p ofx-plugin --bench convert --features half` times, with
//! criterion (warm-up, outliers, comparison with the previous run), every
//! conversion of an RGBA frame of 1920x1080 and 3840x2160 on one thread, and
//! a `memcpy` of the `f32` frame (the larger side of every conversion). It
//! then prints each conversion's mean time as a ratio to that `memcpy`'s:
//! the figure docs/performance.md reports. `cargo test --benches` runs each
//! once, on a small frame.

use bench_support::criterion::{Criterion, Throughput};
use ofx_plugin::pixel::convert;
use std::hint::black_box;

/// The frames timed: a small one for smoke runs, the two real ones else.
fn sizes() -> Vec<(usize, usize)> {
    if bench_support::full_run() {
        vec![(1920, 1080), (3840, 2160)]
    } else {
        vec![(64, 64)]
    }
}

fn frame(c: &mut Criterion, width: usize, height: usize) {
    let n = width * height * 4;
    let mut seed = 0x2545_f491_u32;
    let floats: Vec<f32> = (0..n)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            (seed >> 8) as f32 / 16_777_216.0 * 1.2 - 0.1
        })
        .collect();
    let bytes: Vec<u8> = (0..n).map(|i| (i * 7) as u8).collect();
    let shorts: Vec<u16> = (0..n).map(|i| (i * 7) as u16).collect();
    let mut f_out = vec![0.0f32; n];
    let mut b_out = vec![0u8; n];
    let mut s_out = vec![0u16; n];

    let mut g = c.benchmark_group(format!("{width}x{height}"));
    g.throughput(Throughput::Elements(n as u64));
    g.bench_function("memcpy f32", |b| {
        b.iter(|| f_out.copy_from_slice(black_box(&floats)))
    });
    g.bench_function("memcpy u8", |b| {
        b.iter(|| b_out.copy_from_slice(black_box(&bytes)))
    });
    g.bench_function("f32 to u8", |b| {
        b.iter(|| convert::f32_to_u8_slice(black_box(&floats), &mut b_out))
    });
    g.bench_function("f32 to u16", |b| {
        b.iter(|| convert::f32_to_u16_slice(black_box(&floats), &mut s_out))
    });
    g.bench_function("u8 to f32", |b| {
        b.iter(|| convert::u8_to_f32_slice(black_box(&bytes), &mut f_out))
    });
    g.bench_function("u16 to f32", |b| {
        b.iter(|| convert::u16_to_f32_slice(black_box(&shorts), &mut f_out))
    });
    #[cfg(feature = "half")]
    {
        let mut h_out = vec![ofx_plugin::pixel::f16::ZERO; n];
        g.bench_function("f32 to f16", |b| {
            b.iter(|| convert::f32_to_f16_slice(black_box(&floats), &mut h_out))
        });
        g.bench_function("f16 to f32", |b| {
            b.iter(|| convert::f16_to_f32_slice(black_box(&h_out), &mut f_out))
        });
    }
    // The saturating cast, for comparison: what a plain loop costs.
    g.bench_function("f32 to u8, as-cast loop", |b| {
        b.iter(|| {
            for (d, &s) in b_out.iter_mut().zip(black_box(&floats)) {
                *d = (s.clamp(0.0, 1.0) * 255.0 + 0.5) as u8;
            }
        })
    });
    g.bench_function("f32 to u16, as-cast loop", |b| {
        b.iter(|| {
            for (d, &s) in s_out.iter_mut().zip(black_box(&floats)) {
                *d = (s.clamp(0.0, 1.0) * 65535.0 + 0.5) as u16;
            }
        })
    });
    g.finish();
    black_box((&f_out, &b_out, &s_out));
}

fn main() {
    let mut c = bench_support::configured_criterion();
    let sizes = sizes();
    for &(w, h) in &sizes {
        frame(&mut c, w, h);
    }
    c.final_summary();
    let mut table = bench_support::Ratios::new(
        "mean time as a ratio to a memcpy of the f32 frame, in the same run",
    );
    for (w, h) in sizes {
        table.group(
            &format!("{w}x{h}"),
            "memcpy f32",
            &[
                "memcpy u8",
                "f32 to u8",
                "f32 to u16",
                "u8 to f32",
                "u16 to f32",
                "f32 to f16",
                "f16 to f32",
                "f32 to u8, as-cast loop",
                "f32 to u16, as-cast loop",
            ],
        );
    }
    table.print();
}
