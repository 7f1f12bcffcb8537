//! Component conversion speed, as a ratio to a `memcpy` of the same frame
//! measured in the same run.
//!
//! Run with `cargo bench -p ofx-plugin --bench convert --features half`.
//! Each figure is the best of several runs over an RGBA frame, on one
//! thread; "memcpy" copies the `f32` frame (the larger side of every
//! conversion).

use std::hint::black_box;
use std::time::{Duration, Instant};

use ofx_plugin::pixel::convert;

const RUNS: usize = 15;

fn best(mut f: impl FnMut()) -> Duration {
    f();
    (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn report(name: &str, t: Duration, base: Duration) {
    println!(
        "  {name:<28} {:>8.3} ms   {:>5.2}x memcpy",
        t.as_secs_f64() * 1e3,
        t.as_secs_f64() / base.as_secs_f64()
    );
}

fn frame(width: usize, height: usize) {
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

    println!("{width}x{height} RGBA ({n} components)");
    let base = best(|| f_out.copy_from_slice(black_box(&floats)));
    report("memcpy f32 frame", base, base);
    report(
        "memcpy u8 frame",
        best(|| b_out.copy_from_slice(black_box(&bytes))),
        base,
    );
    report(
        "f32 -> u8",
        best(|| convert::f32_to_u8_slice(black_box(&floats), &mut b_out)),
        base,
    );
    report(
        "f32 -> u16",
        best(|| convert::f32_to_u16_slice(black_box(&floats), &mut s_out)),
        base,
    );
    report(
        "u8 -> f32",
        best(|| convert::u8_to_f32_slice(black_box(&bytes), &mut f_out)),
        base,
    );
    report(
        "u16 -> f32",
        best(|| convert::u16_to_f32_slice(black_box(&shorts), &mut f_out)),
        base,
    );
    #[cfg(feature = "half")]
    {
        let mut h_out = vec![ofx_plugin::pixel::f16::ZERO; n];
        report(
            "f32 -> f16",
            best(|| convert::f32_to_f16_slice(black_box(&floats), &mut h_out)),
            base,
        );
        report(
            "f16 -> f32",
            best(|| convert::f16_to_f32_slice(black_box(&h_out), &mut f_out)),
            base,
        );
    }
    // The saturating cast, for comparison: what a plain loop costs.
    report(
        "f32 -> u8, `as` cast loop",
        best(|| {
            for (d, &s) in b_out.iter_mut().zip(black_box(&floats)) {
                *d = (s.clamp(0.0, 1.0) * 255.0 + 0.5) as u8;
            }
        }),
        base,
    );
    report(
        "f32 -> u16, `as` cast loop",
        best(|| {
            for (d, &s) in s_out.iter_mut().zip(black_box(&floats)) {
                *d = (s.clamp(0.0, 1.0) * 65535.0 + 0.5) as u16;
            }
        }),
        base,
    );
    black_box((&f_out, &b_out, &s_out));
}

fn main() {
    // `cargo bench` passes `--bench`; anything else (such as
    // `cargo test --benches`) gets a quick smoke run.
    if !std::env::args().any(|a| a == "--bench") {
        frame(64, 64);
        return;
    }
    frame(1920, 1080);
    frame(3840, 2160);
}
