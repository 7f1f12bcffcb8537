//! Is the safe Rust of the examples as fast as a plain C loop over raw rows?
//!
//! `cargo bench -p example-tests --bench safe_vs_c` renders two effects
//! through ofx-host, each written twice:
//!
//! * Invert: the `invert` example against `org.ofx-rs.bench.PlainInvert`;
//! * Brightness (k = 1.5): the `brightness` example (the guide's first
//!   plugin) against `org.ofx-rs.bench.PlainBrightness`.
//!
//! The C plugins (`benches/c/plain_plugins.c`, compiled by this crate's
//! build script with `-O2` for the baseline CPU) read the image property
//! sets and loop over the rows with pointer arithmetic, sharing the rows out
//! over the host's multi-thread suite as a C++ Support library processor
//! does. Every case is a whole-frame render (window = bounds) of an RGBA
//! frame of 1920x1080 and 3840x2160 at u8, u16 and f32, on 1 and on 2
//! threads. Before timing a case, the Rust and C outputs are compared
//! (integers exactly, floats within 1e-6): the bench panics if they differ,
//! so that both sides do the same work.
//!
//! The figure is the render action's duration as the host logs it (from its
//! call of the plugin's main entry to the return: the image and parameter
//! fetches and the pixel loop). Rust, C and a single-threaded memcpy of the
//! frame (for scale) are interleaved, 15 runs each; the table gives the
//! minimum and median of each, and Rust's time over C's.
//!
//! Thread counts: both sides render on the host's MultiThread suite. Each
//! thread count N runs in a child process of the bench whose host is
//! `MultiThread::Threads(N)`: `multiThreadNumCPUs` answers N and
//! `multiThread` runs on N host threads. The C plugins ask for that count;
//! the Rust plugins' parallel helpers use the host's suite whenever it
//! reports more than one CPU, and otherwise fall back to the plugin
//! binary's own pool, which the child caps at N with `OFX_RS_THREADS` (the
//! pool and the helpers' memory of the host are per process, hence the
//! children). The bench checks that each side ran where it should (the
//! host's `multiThread` for N > 1, the calling thread for N = 1) and prints
//! it.
//!
//! After the table, a 1x1 render of each side gives the fixed cost of one
//! render action (what does not grow with the frame) and its suite calls.
//!
//! `cargo bench -p example-tests --bench safe_vs_c -- quick` makes a fast
//! check: 1920x1080 only, 5 runs. `-- --runs N` sets the number of runs.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use example_tests::bench::{Memcpy, ms};
use example_tests::bundles::{self, BRIGHTNESS, INVERT, Profile};
use ofx_host::ClipName;
use ofx_host::Context;
use ofx_host::Rect;
use ofx_host::driver::{HostConfig, Instance, MultiThread, Plugin, RenderRequest, Session, Still};
use ofx_host::image::{Components, Depth, ImageBuffer, Layout};

/// The C plugins, built by `build.rs`.
const PLAIN_PLUGINS: &str = env!("PLAIN_PLUGINS_SO");
const PLAIN_INVERT: &str = "org.ofx-rs.bench.PlainInvert";
const PLAIN_BRIGHTNESS: &str = "org.ofx-rs.bench.PlainBrightness";
const RENDER: &str = "OfxImageEffectActionRender";
const THREAD_COUNTS: [usize; 2] = [1, 2];
const BRIGHTNESS_K: f64 = 1.5;
/// Runs of the 1x1 renders that measure the fixed cost.
const FIXED_RUNS: usize = 300;

/// The command line: `quick`, `--runs N`, and for the children
/// `--threads N --invert PATH --brightness PATH`. Anything else (cargo
/// passes `--bench`) is ignored.
struct Options {
    quick: bool,
    runs: usize,
    threads: Option<usize>,
    invert: Option<PathBuf>,
    brightness: Option<PathBuf>,
}

impl Options {
    fn parse() -> Options {
        let args: Vec<String> = std::env::args().skip(1).collect();
        let value = |flag: &str| {
            let i = args.iter().position(|a| a == flag)?;
            let v = args.get(i + 1);
            Some(v.unwrap_or_else(|| panic!("{flag} needs a value")).clone())
        };
        let number = |flag: &str| {
            value(flag).map(|v| {
                v.parse::<usize>()
                    .unwrap_or_else(|_| panic!("{flag} takes a number, not {v}"))
            })
        };
        let quick = args.iter().any(|a| a == "quick");
        Options {
            quick,
            runs: number("--runs")
                .unwrap_or(if quick { 5 } else { 15 })
                .max(1),
            threads: number("--threads"),
            invert: value("--invert").map(PathBuf::from),
            brightness: value("--brightness").map(PathBuf::from),
        }
    }
}

fn main() {
    let opts = Options::parse();
    match opts.threads {
        Some(n) => child(n, &opts),
        None => parent(&opts),
    }
}

/// Builds the bundles once, then runs one child process per thread count.
fn parent(opts: &Options) {
    let invert = bundles::bundle(INVERT, Profile::Release);
    let brightness = bundles::bundle(BRIGHTNESS, Profile::Release);
    let exe = std::env::current_exe().expect("the bench's own path");
    println!(
        "safe Rust vs plain C through ofx-host: render action of a whole RGBA frame, \
         {} interleaved runs each; times in ms as min/median",
        opts.runs
    );
    println!("C plugins: {PLAIN_PLUGINS} (-O2, baseline CPU)");
    for n in THREAD_COUNTS {
        let mut cmd = Command::new(&exe);
        cmd.arg("--threads")
            .arg(n.to_string())
            .arg("--runs")
            .arg(opts.runs.to_string())
            .arg("--invert")
            .arg(&invert)
            .arg("--brightness")
            .arg(&brightness)
            .env("OFX_RS_THREADS", n.to_string());
        if opts.quick {
            cmd.arg("quick");
        }
        let status = cmd.status().expect("running the bench's child process");
        assert!(
            status.success(),
            "the child for {n} thread(s) failed: {status}"
        );
    }
}

/// One thread count: a host with that many MultiThread threads, and every
/// case timed on it.
fn child(threads: usize, opts: &Options) {
    println!(
        "\n{threads} thread(s): host MultiThread::Threads({threads}) (multiThreadNumCPUs = \
         {threads}), OFX_RS_THREADS={}",
        std::env::var("OFX_RS_THREADS").unwrap_or_default()
    );
    let config = HostConfig {
        multi_thread: MultiThread::Threads(threads),
        ..HostConfig::timing()
    };
    let bundle = |p: &Option<PathBuf>, name: &str| {
        let p = p
            .as_ref()
            .unwrap_or_else(|| panic!("the {name} bundle's path"));
        Session::load_bundle(p, config.clone()).unwrap_or_else(|e| panic!("loading {name}: {e}"))
    };
    let rust_invert = bundle(&opts.invert, "Invert");
    let rust_brightness = bundle(&opts.brightness, "Brightness");
    let plain = Session::load_bundle(Path::new(PLAIN_PLUGINS), config.clone())
        .expect("loading the C plugins");
    let pairs = [
        Pair {
            name: "invert",
            rust: Side::new(&rust_invert, INVERT.id),
            c: Side::new(&plain, PLAIN_INVERT),
            param: None,
        },
        Pair {
            name: "brightness",
            rust: Side::new(&rust_brightness, BRIGHTNESS.id),
            c: Side::new(&plain, PLAIN_BRIGHTNESS),
            param: Some(("brightness", BRIGHTNESS_K)),
        },
    ];

    let runs = opts.runs;
    let sizes: &[(i32, i32)] = if opts.quick {
        &[(1920, 1080)]
    } else {
        &[(1920, 1080), (3840, 2160)]
    };
    println!(
        "{:>10} {:>10} {:>5} {:>7} {:>15} {:>15} {:>9} {:>9} {:>9}",
        "effect", "frame", "depth", "threads", "rust ms", "C ms", "rust/C", "(median)", "memcpy ms"
    );
    let mut ran = Vec::new();
    for pair in &pairs {
        for &(w, h) in sizes {
            for depth in [Depth::U8, Depth::U16, Depth::F32] {
                let r = pair.measure(w, h, depth, threads, runs);
                println!(
                    "{:>10} {:>10} {:>5} {:>7} {:>7.2}/{:<7.2} {:>7.2}/{:<7.2} {:>9.3} {:>9.3} {:>9.2}",
                    pair.name,
                    format!("{w}x{h}"),
                    depth.short_name(),
                    threads,
                    ms(r.rust.0),
                    ms(r.rust.1),
                    ms(r.c.0),
                    ms(r.c.1),
                    r.rust.0.as_secs_f64() / r.c.0.as_secs_f64(),
                    r.rust.1.as_secs_f64() / r.c.1.as_secs_f64(),
                    ms(r.memcpy.0),
                );
                if ran.len() < pairs.len() && depth == Depth::U8 && (w, h) == sizes[0] {
                    ran.push((pair.name, r.ran));
                }
            }
        }
    }
    println!("where the work ran ({}x{} u8):", sizes[0].0, sizes[0].1);
    for (name, (rust, c)) in &ran {
        println!("{name:>10}: Rust: {rust}");
        println!("{:>10}  C:    {c}", "");
    }
    // The fixed cost of one render action on each side (fetching images
    // and parameters, setting up the loop), and how many suite calls it
    // makes: the part of the times above that does not scale with the frame.
    println!("per-action fixed cost, 1x1 f32 frame, {FIXED_RUNS} runs (us, min/median):");
    for pair in &pairs {
        let r = pair.measure(1, 1, Depth::F32, threads, FIXED_RUNS);
        println!(
            "{:>10}: rust {:.1}/{:.1} ({} suite calls), C {:.1}/{:.1} ({} suite calls)",
            pair.name,
            us(r.rust.0),
            us(r.rust.1),
            r.suite_calls.0,
            us(r.c.0),
            us(r.c.1),
            r.suite_calls.1,
        );
    }
    for (name, s) in [
        ("Invert", &rust_invert),
        ("Brightness", &rust_brightness),
        ("C plugins", &plain),
    ] {
        let v = s.log().violations();
        assert!(v.is_empty(), "{name}: the host recorded violations: {v:?}");
    }
}

/// One implementation of an effect: its session and described plugin.
struct Side<'s> {
    session: &'s Session,
    plugin: Plugin<'s>,
}

impl<'s> Side<'s> {
    fn new(session: &'s Session, id: &str) -> Side<'s> {
        let plugin = session
            .plugin(id)
            .unwrap_or_else(|e| panic!("describing {id}: {e}"));
        Side { session, plugin }
    }

    /// An instance with `frame` on its source and `param` set.
    fn instance(&self, frame: &Arc<ImageBuffer>, param: Option<(&str, f64)>) -> Instance<'_> {
        let mut i = self
            .plugin
            .create_instance(Context::Filter)
            .expect("creating an instance");
        if let Some((name, v)) = param {
            i.set_param(name, v).expect("setting the parameter");
        }
        i.connect(ClipName::SOURCE, Still(Arc::clone(frame)))
            .expect("connecting the source");
        i
    }

    /// Renders once; returns the output and the render action's duration.
    fn render(&self, instance: &Instance<'_>, req: &RenderRequest) -> (ImageBuffer, Duration) {
        let out = instance.render(req).expect("rendering");
        let action = self
            .session
            .log()
            .last_action(RENDER)
            .expect("a logged render action");
        (out, action.duration)
    }

    /// Runs `f` and says where the plugin's work ran meanwhile, from the
    /// host's MultiThread statistics (and the executor the Rust helpers
    /// post to the host's log, when they post one).
    fn ran<T>(&self, f: impl FnOnce() -> T) -> (T, Ran) {
        let before = self.session.thread_stats();
        let messages = self.session.log().messages().len();
        let out = f();
        let after = self.session.thread_stats();
        let executor = self.session.log().messages()[messages..]
            .iter()
            .rev()
            .find_map(|m| m.text.strip_prefix("ofx-rs: parallel work runs on "))
            .map(str::to_owned);
        let ran = Ran {
            multi_thread_calls: after.multi_thread_calls - before.multi_thread_calls,
            function_calls: after.function_calls - before.function_calls,
            threads: after.threads.into_iter().collect(),
            executor,
        };
        (out, ran)
    }
}

/// Where one render's work ran.
struct Ran {
    /// `multiThread` calls.
    multi_thread_calls: usize,
    /// Thread-function calls they made.
    function_calls: usize,
    /// The host threads that have run functions for the session so far.
    threads: Vec<String>,
    /// What the Rust helpers said they run on, if they said.
    executor: Option<String>,
}

impl std::fmt::Display for Ran {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.multi_thread_calls == 0 {
            f.write_str("the calling thread (no multiThread call)")?;
        } else {
            write!(
                f,
                "{} multiThread call(s), {} functions, on {}",
                self.multi_thread_calls,
                self.function_calls,
                self.threads.join(", ")
            )?;
        }
        if let Some(e) = &self.executor {
            write!(f, " [plugin: \"{e}\"]")?;
        }
        Ok(())
    }
}

/// The Rust and the C implementation of one effect.
struct Pair<'s> {
    name: &'static str,
    rust: Side<'s>,
    c: Side<'s>,
    /// A double parameter both take, and its value.
    param: Option<(&'static str, f64)>,
}

/// Minimum and median of each series.
struct Measured {
    rust: (Duration, Duration),
    c: (Duration, Duration),
    memcpy: (Duration, Duration),
    /// Suite calls of one render action, Rust and C.
    suite_calls: (usize, usize),
    /// Where the checked render ran, Rust and C.
    ran: (Ran, Ran),
}

impl Pair<'_> {
    fn measure(&self, w: i32, h: i32, depth: Depth, threads: usize, runs: usize) -> Measured {
        let bounds = Rect::new(0, 0, w, h);
        let layout = Layout::packed(bounds, depth, Components::Rgba);
        // Colours over the whole range, some above white (clamped for
        // integers, kept for floats), alpha below one.
        let frame = Arc::new(ImageBuffer::from_fn(layout, |x, y| {
            let v = ((x ^ y) & 255) as f32 / 300.0;
            [v, 0.5 * v, 0.25 + v, 0.9]
        }));
        let rust = self.rust.instance(&frame, self.param);
        let c = self.c.instance(&frame, self.param);
        let req = RenderRequest::at(0.0).window(bounds);

        // The same operation on both sides, once, before timing.
        self.rust.session.log().clear();
        self.c.session.log().clear();
        let ((expected, _), rust_ran) = self.rust.ran(|| self.rust.render(&rust, &req));
        let ((got, _), c_ran) = self.c.ran(|| self.c.render(&c, &req));
        let suite_calls = (
            self.rust.session.log().suite_calls().len(),
            self.c.session.log().suite_calls().len(),
        );
        // Worth sharing out: the C plugin shares any window of two rows or
        // more, the Rust helpers windows of 2^14 pixels or more.
        if h > 1 && i64::from(w) * i64::from(h) >= 1 << 14 {
            for (side, ran) in [("Rust", &rust_ran), ("C", &c_ran)] {
                assert_eq!(
                    ran.multi_thread_calls > 0,
                    threads > 1,
                    "{} on {threads} thread(s): the {side} side ran on {ran}",
                    self.name
                );
            }
        }
        assert_eq!(
            got.layout(),
            expected.layout(),
            "{}: output layouts",
            self.name
        );
        assert_eq!(
            expected.layout().depth,
            depth,
            "{}: output depth",
            self.name
        );
        let tolerance = if depth == Depth::F32 { 1e-6 } else { 0.0 };
        if let Err(m) = got.compare(&expected, bounds, tolerance) {
            panic!(
                "{} {w}x{h} {}: the C output differs from Rust's: {m}",
                self.name,
                depth.short_name()
            );
        }
        drop((expected, got));

        let mut memcpy = Memcpy::new(layout.byte_len());
        let (mut rs, mut cs, mut copies) = (Vec::new(), Vec::new(), Vec::new());
        for run in 0..runs {
            copies.push(memcpy.run());
            // Alternate which side goes first, so neither always follows
            // the memcpy.
            if run % 2 == 0 {
                rs.push(self.rust.render(&rust, &req).1);
                cs.push(self.c.render(&c, &req).1);
            } else {
                cs.push(self.c.render(&c, &req).1);
                rs.push(self.rust.render(&rust, &req).1);
            }
        }
        // Keep the journals short.
        self.rust.session.log().clear();
        self.c.session.log().clear();
        Measured {
            rust: min_median(rs),
            c: min_median(cs),
            memcpy: min_median(copies),
            suite_calls,
            ran: (rust_ran, c_ran),
        }
    }
}

/// A duration in microseconds.
fn us(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

fn min_median(mut v: Vec<Duration>) -> (Duration, Duration) {
    v.sort();
    (v[0], v[v.len() / 2])
}
