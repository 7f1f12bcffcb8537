//! Whose threads the examples render on: the host's MultiThread suite when
//! it is real, the plugin binary's own pool when it is a dummy, and the
//! same pixels either way. Gain and Blur, loaded from their bundles.

use std::sync::{Arc, Mutex};

use example_tests::bundles::{self, BLUR, Example, GAIN, Profile};
use ofx_host::ClipName;
use ofx_host::Context;
use ofx_host::Rect;
use ofx_host::driver::{HostConfig, MultiThread, RenderRequest, Session, Still};
use ofx_host::host_threads::{THREAD_NAME_PREFIX, ThreadStats};
use ofx_host::image::{Components, Depth, ImageBuffer, Layout};
use ofx_sys::OfxRectI;

/// The plugins' binaries are shared by the sessions of this process (one
/// `dlopen`): one test at a time.
static SERIAL: Mutex<()> = Mutex::new(());

const FRAME: OfxRectI = Rect::new(0, 0, 320, 240).ofx();

/// One render of `example` on a host whose MultiThread suite is `mt`: the
/// output, what the suite did, and the plugin's log messages.
struct Run {
    pixels: Vec<[f32; 4]>,
    stats: ThreadStats,
    messages: Vec<String>,
}

fn render(example: Example, mt: MultiThread, renders: usize) -> Run {
    let path = bundles::bundle(example, Profile::Debug);
    let config = HostConfig {
        multi_thread: mt,
        ..HostConfig::default()
    };
    let s = Session::load_bundle(&path, config).unwrap();
    let p = s.plugin(example.id).unwrap();
    let mut inst = p.create_instance(Context::Filter).unwrap();
    let layout = Layout::packed(FRAME, Depth::F32, Components::Rgba);
    let src = ImageBuffer::from_fn(layout, |x, y| {
        let v = ((x * 7 + y * 13) % 97) as f32 / 97.0;
        [v, 1.0 - v, 0.5 * v, 0.75]
    });
    inst.connect(ClipName::SOURCE, Still(Arc::new(src)))
        .unwrap();
    if example.id == GAIN.id {
        inst.set_param("gain", 1.5).unwrap();
    } else {
        inst.set_param("size", [3.0, 2.0]).unwrap();
    }
    let req = RenderRequest::at(0.0).window(FRAME);
    let mut out = None;
    for _ in 0..renders {
        out = Some(inst.render(&req).unwrap());
    }
    drop(inst);
    assert!(
        s.log().violations().is_empty(),
        "{:?}",
        s.log().violations()
    );
    Run {
        pixels: out.unwrap().to_rgba_f32(),
        stats: s.thread_stats(),
        messages: s.log().messages().into_iter().map(|m| m.text).collect(),
    }
}

fn said(run: &Run, what: &str) -> bool {
    run.messages
        .iter()
        .any(|m| m.starts_with("ofx-rs: parallel work runs on") && m.contains(what))
}

fn check(example: Example) {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    // A real suite of two host threads: every thread function ran on one of
    // them, and the plugin said so.
    let real = render(example, MultiThread::Threads(2), 2);
    assert!(real.stats.multi_thread_calls >= 2, "{:?}", real.stats);
    assert!(real.stats.function_calls >= 2 * real.stats.multi_thread_calls.min(2));
    assert!(
        real.stats
            .threads
            .iter()
            .all(|t| t.starts_with(THREAD_NAME_PREFIX)),
        "{:?}",
        real.stats
    );
    assert!(
        said(&real, "the host's MultiThread suite, 2 threads"),
        "{:?}",
        real.messages
    );

    // A suite that fails: the plugin's own pool, the same pixels.
    let dummy = render(example, MultiThread::Unsupported, 1);
    assert_eq!(dummy.stats.function_calls, 0, "{:?}", dummy.stats);
    assert!(
        said(&dummy, "own pool") && said(&dummy, "reports 1 CPU"),
        "{:?}",
        dummy.messages
    );
    assert!(dummy.pixels == real.pixels, "the pixels differ");

    // Resolve's kind of suite: the first call runs once on the calling
    // thread; the plugin notices and uses its pool from then on.
    let once = render(example, MultiThread::CallingThreadOnce(2), 3);
    assert_eq!(once.stats.multi_thread_calls, 1, "{:?}", once.stats);
    assert!(
        said(&once, "all on the calling thread"),
        "{:?}",
        once.messages
    );
    assert!(once.pixels == real.pixels, "the pixels differ");
}

#[test]
fn gain_renders_on_the_hosts_threads_when_it_has_them() {
    check(GAIN);
}

#[test]
fn blur_renders_on_the_hosts_threads_when_it_has_them() {
    check(BLUR);
}

/// Whether a file under `dir` is mapped into this process.
#[cfg(target_os = "linux")]
fn mapped_under(dir: &std::path::Path) -> bool {
    let dir = dir.canonicalize().unwrap();
    let maps = std::fs::read_to_string("/proc/self/maps").unwrap();
    maps.lines()
        .filter_map(|l| l.split_whitespace().nth(5))
        .any(|file| std::path::Path::new(file).starts_with(&dir))
}

/// A host may unload a binary while a thread that ran its code lives on.
/// Rust's standard library leaves per-thread destructors inside the binary
/// on such threads, so the binary pins itself: unloading runs the unload
/// action, the code stays mapped, and the thread exits cleanly. Without the
/// pin this test dies of SIGSEGV when its thread exits.
#[cfg(target_os = "linux")]
#[test]
fn a_binary_unloaded_while_its_threads_live_stays_mapped() {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    for example in [GAIN, BLUR] {
        let bundle = bundles::bundle(example, Profile::Debug);
        let caller = std::thread::spawn(move || {
            // This thread and the host's run plugin code; the host's
            // threads end with the session, this one outlives it.
            let run = render(example, MultiThread::Threads(2), 1);
            assert!(said(&run, "MultiThread suite"), "{:?}", run.messages);
            // Every session is gone: the host has unloaded the binary.
            mapped_under(&bundle)
        });
        let still_mapped = caller.join().expect("the calling thread failed");
        assert!(still_mapped, "{} was unmapped", example.id);
    }
}
