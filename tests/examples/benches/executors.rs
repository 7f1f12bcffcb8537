//! Gain and Blur on the host's threads against the plugin's own pool, at the
//! same thread counts, in one run.
//!
//! `cargo bench -p example-tests --bench executors` builds the examples in
//! release mode and, for 1 and then 2 threads, starts a child process (so
//! that the plugin's own pool, sized once per process, has that many
//! threads: `OFX_RS_THREADS`). The child renders whole 3840x2160 RGBA frames
//! at f32 and u8 through ofx-host, alternating:
//!
//! * `host`: a host whose MultiThread suite has that many threads, which the
//!   plugin's parallel helpers use;
//! * `pool`: a host whose suite is a dummy, so the helpers fall back to the
//!   plugin binary's own rayon pool;
//! * `before` (when `OFX_BENCH_BEFORE` names a directory of bundles built
//!   from an earlier commit): the same plugin as it was built then, on the
//!   host with the real suite.
//!
//! Each figure is the render action's time (the plugin's main entry, from
//! the host's log), minimum and median of the runs, and as a ratio to a
//! `memcpy` of the frame measured in the same run, on one thread. The
//! two-thread line also gives each path's speedup over its one-thread time
//! next to a two-thread `memcpy`'s (two halves copied at once). `quick`
//! renders fewer times; `OFX_BENCH_ONLY=gain` (or `blur`) runs one plugin.

use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use example_tests::bench::{Memcpy, ms, time};
use example_tests::bundles::{self, BLUR, Example, GAIN, Profile};
use ofx_host::ClipName;
use ofx_host::Context;
use ofx_host::Rect;
use ofx_host::driver::{HostConfig, MultiThread, RenderRequest, Session, Still};
use ofx_host::image::{Components, Depth, ImageBuffer, Layout};
use ofx_sys::OfxRectI;

const FRAME: OfxRectI = Rect::new(0, 0, 3840, 2160).ofx();

/// One way of running a plugin.
struct Path {
    name: &'static str,
    session: Session,
    id: &'static str,
}

fn frame(depth: Depth) -> ImageBuffer {
    let layout = Layout::packed(FRAME, depth, Components::Rgba);
    ImageBuffer::from_fn(layout, |x, y| {
        let v = ((x ^ y) & 255) as f32 / 300.0;
        [v, 0.5 * v, 0.25 + v, 0.9]
    })
}

fn setup<'p>(
    plugin: &'p ofx_host::driver::Plugin<'p>,
    example: Example,
    depth: Depth,
) -> ofx_host::driver::Instance<'p> {
    let mut inst = plugin
        .create_instance(Context::Filter)
        .expect("creating an instance");
    if example.id == GAIN.id {
        inst.set_param("gain", 1.5).expect("setting gain");
    } else {
        inst.set_param("size", [3.0, 3.0]).expect("setting size");
    }
    inst.connect(ClipName::SOURCE, Still(Arc::new(frame(depth))))
        .expect("connecting the source");
    inst
}

/// The child: renders every case on every path with `threads` threads.
///
/// Every path is warmed up once before the timed rounds.
fn child(threads: usize, runs: usize) {
    let before = std::env::var_os("OFX_BENCH_BEFORE").map(PathBuf::from);
    let only = std::env::var("OFX_BENCH_ONLY").unwrap_or_default();
    for example in [GAIN, BLUR] {
        if !only.is_empty() && only != example.krate {
            continue;
        }
        let bundle = bundles::bundle(example, Profile::Release);
        // A second copy of the binary for the second host: a binary serves
        // one session at a time (its statics hold the host), and both must
        // be loaded at once to alternate their renders.
        let copies = bundles::nested_target_dir().join("bench-copies");
        let copy = ofx_bundler::install_bundle(&bundle, &copies).expect("copying the bundle");
        let mut paths = vec![
            Path {
                name: "host",
                session: Session::load_bundle(
                    &bundle,
                    HostConfig {
                        multi_thread: MultiThread::Threads(threads),
                        ..HostConfig::timing()
                    },
                )
                .expect("loading"),
                id: example.id,
            },
            Path {
                name: "pool",
                session: Session::load_bundle(
                    &copy,
                    HostConfig {
                        multi_thread: MultiThread::Unsupported,
                        ..HostConfig::timing()
                    },
                )
                .expect("loading"),
                id: example.id,
            },
        ];
        if let Some(dir) = &before {
            let name = ofx_bundler::camel_case(example.krate);
            let old = dir.join(format!("{name}.ofx.bundle"));
            paths.push(Path {
                name: "before",
                session: Session::load_bundle(
                    &old,
                    HostConfig {
                        multi_thread: MultiThread::Threads(threads),
                        ..HostConfig::timing()
                    },
                )
                .expect("loading the earlier bundle"),
                id: example.id,
            });
        }
        let plugins: Vec<_> = paths
            .iter()
            .map(|p| p.session.plugin(p.id).expect("describing the plugin"))
            .collect();
        for depth in [Depth::F32, Depth::U8] {
            let instances: Vec<_> = plugins.iter().map(|p| setup(p, example, depth)).collect();
            let req = RenderRequest::at(0.0).window(FRAME);
            let bytes = Layout::packed(FRAME, depth, Components::Rgba).byte_len();
            let mut memcpy = Memcpy::new(bytes);
            let mut copies = Vec::new();
            let mut actions: Vec<Vec<Duration>> = vec![Vec::new(); paths.len()];
            // Warm up every path once.
            for inst in &instances {
                inst.render(&req).expect("rendering");
            }
            // Each round starts with a memcpy and then renders every path,
            // starting from a different one each round, so that none always
            // comes first after the copy (which leaves the cache cold).
            for round in 0..runs {
                copies.push(memcpy.run());
                for k in 0..paths.len() {
                    let i = (round + k) % paths.len();
                    instances[i].render(&req).expect("rendering");
                    let a = paths[i]
                        .session
                        .log()
                        .last_action("OfxImageEffectActionRender")
                        .map(|a| a.duration)
                        .unwrap_or_default();
                    actions[i].push(a);
                }
            }
            let copy = copies.into_iter().min().unwrap_or_default();
            for (path, times) in paths.iter().zip(actions) {
                let mut sorted = times.clone();
                sorted.sort();
                let (min, median) = (sorted[0], sorted[sorted.len() / 2]);
                // One machine-readable line per case for the parent.
                println!(
                    "case {} {} {} {} {:.4} {:.4} {:.4}",
                    example.krate,
                    depth.short_name(),
                    threads,
                    path.name,
                    ms(min),
                    ms(median),
                    ms(copy)
                );
            }
        }
        for p in &paths {
            let stats = p.session.thread_stats();
            eprintln!(
                "  {} {}: {} multiThread call(s), {} function call(s) on {:?}",
                example.krate,
                p.name,
                stats.multi_thread_calls,
                stats.function_calls,
                stats.threads
            );
        }
    }
}

/// A two-thread memcpy of `bytes` (each thread copies half), minimum of
/// `runs`.
fn memcpy_two_threads(bytes: usize, runs: usize) -> Duration {
    let src = vec![0x5Au8; bytes];
    let mut dst = vec![0xA5u8; bytes];
    let (d1, d2) = dst.split_at_mut(bytes / 2);
    let (s1, s2) = src.split_at(bytes / 2);
    (0..runs)
        .map(|_| {
            time(|| {
                std::thread::scope(|s| {
                    s.spawn(|| d1.copy_from_slice(s1));
                    d2.copy_from_slice(s2);
                });
            })
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let quick = args.iter().any(|a| a == "quick");
    let runs = if quick { 5 } else { 15 };
    if let Some(i) = args.iter().position(|a| a == "--child") {
        let threads = args[i + 1].parse().expect("a thread count");
        child(threads, runs);
        return;
    }
    // Build once here, so that the children find the bundles ready.
    bundles::bundle(GAIN, Profile::Release);
    let exe = std::env::current_exe().expect("the bench's own path");
    let mut lines = Vec::new();
    for threads in [1usize, 2] {
        let mut cmd = Command::new(&exe);
        cmd.arg("--child")
            .arg(threads.to_string())
            .env("OFX_RS_THREADS", threads.to_string())
            .env("RAYON_NUM_THREADS", threads.to_string());
        if quick {
            cmd.arg("quick");
        }
        let out = cmd.output().expect("running the child");
        eprint!("{}", String::from_utf8_lossy(&out.stderr));
        assert!(out.status.success(), "the {threads}-thread child failed");
        lines.extend(
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .filter_map(|l| l.strip_prefix("case ").map(str::to_owned))
                .collect::<Vec<_>>(),
        );
    }
    let parsed: Vec<(String, String, usize, String, f64, f64, f64)> = lines
        .iter()
        .map(|l| {
            let f: Vec<&str> = l.split(' ').collect();
            (
                f[0].to_owned(),
                f[1].to_owned(),
                f[2].parse().unwrap_or(0),
                f[3].to_owned(),
                f[4].parse().unwrap_or(0.0),
                f[5].parse().unwrap_or(0.0),
                f[6].parse().unwrap_or(0.0),
            )
        })
        .collect();
    let bytes = |depth: &str| {
        let d = if depth == "u8" { Depth::U8 } else { Depth::F32 };
        Layout::packed(FRAME, d, Components::Rgba).byte_len()
    };
    println!(
        "3840x2160 RGBA, the render action, minimum (median) of {runs} runs; x = ratio to a one-thread memcpy of the frame"
    );
    println!(
        "{:>6} {:>5} {:>3} {:>7} {:>16} {:>8} {:>10} {:>22}",
        "plugin", "depth", "thr", "path", "ms", "x", "vs host", "2-thread speedup"
    );
    for (plugin, depth, threads, path, min, median, copy) in &parsed {
        let host = parsed
            .iter()
            .find(|p| p.0 == *plugin && p.1 == *depth && p.2 == *threads && p.3 == "host")
            .map_or(*min, |p| p.4);
        let speedup = if *threads == 2 {
            let one = parsed
                .iter()
                .find(|p| p.0 == *plugin && p.1 == *depth && p.2 == 1 && p.3 == *path)
                .map_or(0.0, |p| p.4);
            let two_copy = ms(memcpy_two_threads(bytes(depth), runs));
            let one_copy = *copy;
            format!(
                "{:.2}x (memcpy {:.2}x)",
                one / min,
                one_copy / two_copy.max(1e-9)
            )
        } else {
            String::new()
        };
        println!(
            "{plugin:>6} {depth:>5} {threads:>3} {path:>7} {:>7.2} ({:>6.2}) {:>8.2} {:>10.3} {speedup:>22}",
            min,
            median,
            min / copy,
            min / host
        );
    }
}
