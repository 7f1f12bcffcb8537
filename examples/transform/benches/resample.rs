//! The transform's resampler ([`transform::resample::resample`]) on plain
//! buffers, without a host, as a ratio to a memcpy of the same frame in the
//! same run.
//!
//! `cargo bench -p transform --bench resample` times, with criterion, a
//! whole RGBA f32 frame of 3840x2160 resampled with each filter through a
//! rotation of 10 degrees, a scale of 1.1 and a translation (every output
//! pixel filtered, nearly all of them inside the source), on two workers
//! of the plugin's own pool (no host is loaded, so the parallel helpers use
//! that pool), next to a `memcpy` of the same frame (`copy_from_slice`, one
//! thread, as in gain's kernel bench), and prints each mean time as a ratio
//! to that copy's. `cargo test --benches` runs each case once on a small
//! frame.

use std::hint::black_box;

use bench_support::criterion::{Criterion, Throughput};
use ofx_plugin::geometry::RectI;
use ofx_plugin::pixel::{ImageView, ImageViewMut, Rgba};
use transform::resample::resample;
use transform::{Filter, Placement};

fn group_name(w: i32, h: i32, threads: usize) -> String {
    format!("transform {w}x{h} f32 {threads}t")
}

fn bench(c: &mut Criterion, w: i32, h: i32, threads: usize) {
    let n = (w * h) as usize;
    let src: Vec<Rgba<f32>> = (0..n)
        .map(|i| {
            let v = (i % 251) as f32 / 300.0;
            Rgba::new(v, v * 0.5, 0.25 + v, 0.9)
        })
        .collect();
    let mut dst = vec![Rgba::<f32>::default(); n];
    let bounds = RectI::new(0, 0, w, h);
    let placement = Placement {
        translate: [12.5, -7.25],
        rotate: 10.0,
        scale: [1.1, 1.1],
        uniform: 1.0,
        skew: [0.0, 0.0],
        center: [f64::from(w) / 2.0, f64::from(h) / 2.0],
    };
    let inverse = placement.matrix().inverse().expect("invertible");
    let mut g = c.benchmark_group(group_name(w, h, threads));
    g.throughput(Throughput::Bytes(
        std::mem::size_of_val(src.as_slice()) as u64
    ));
    g.bench_function("memcpy", |b| {
        b.iter(|| dst.copy_from_slice(black_box(&src)))
    });
    for (name, filter) in [
        ("nearest", Filter::Nearest),
        ("bilinear", Filter::Bilinear),
        ("bicubic", Filter::Bicubic),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| {
                let s = ImageView::from_slice(&src, bounds, w as isize).expect("source view");
                let mut d =
                    ImageViewMut::from_slice_mut(&mut dst, bounds, w as isize).expect("view");
                resample(&inverse, filter, &s, &mut d);
            })
        });
    }
    g.finish();
    black_box(&dst);
}

fn main() {
    let mut c = bench_support::configured_criterion();
    let (w, h) = if bench_support::full_run() {
        (3840, 2160)
    } else {
        (64, 48)
    };
    let mut table = bench_support::Ratios::new(
        "transform::resample, RGBA f32, rotate 10, scale 1.1: mean time as a ratio to a memcpy of the same frame",
    );
    for threads in [2, 1] {
        ofx_plugin::parallel::set_max_workers(threads);
        bench(&mut c, w, h, threads);
        table.group(
            &group_name(w, h, threads),
            "memcpy",
            &["nearest", "bilinear", "bicubic"],
        );
    }
    c.final_summary();
    table.print();
}
