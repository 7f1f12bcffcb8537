//! The parallel helpers on the host's threads, driven through ofx-host: a
//! helper called from inside another runs inline instead of nesting
//! `multiThread`, a panicking worker fails the render without taking the
//! host down, and the cap on the plugin's own pool holds.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, Ordering};

use ofx_host::Rect;
use ofx_host::driver::{HostConfig, MultiThread, RenderRequest, Session};
use ofx_host::host_threads::THREAD_NAME_PREFIX;
use ofx_plugin::parallel::{self, Executor};
use ofx_plugin::prelude::*;
use ofx_sys::{OfxRectI, kOfxStatErrExists, kOfxStatFailed};

static SERIAL: Mutex<()> = Mutex::new(());

/// What the render does: 0 nests a helper inside another, 1 panics in one
/// row.
static MODE: AtomicU32 = AtomicU32::new(0);
/// The executors seen inside the outer helper's rows, and by the nested one.
static SEEN: Mutex<Vec<Executor>> = Mutex::new(Vec::new());

#[derive(Plugin)]
#[ofx(id = "org.test.threads.Nest", version = "1.0")]
struct Nest;

impl ImageEffect for Nest {
    fn describe(d: &mut EffectDescriptor) -> Result<()> {
        d.supported_contexts(&[Context::Generator])?
            .supported_pixel_depths(&[BitDepth::F32])?
            .render_thread_safety(RenderThreadSafety::FullySafe)?;
        Ok(())
    }
    fn describe_in_context(d: &mut ContextDescriptor, _: Context) -> Result<()> {
        d.output_clip()?
            .supported_components(&[PixelComponents::Rgba])?;
        Ok(())
    }
    fn create_instance(_: &InstanceContext) -> Result<Self> {
        Ok(Nest)
    }
    fn render(&self, r: &Render<'_>) -> Result<()> {
        let mode = MODE.load(Ordering::SeqCst);
        let mut out = r.output()?;
        out.view_mut::<Rgba<f32>>()?.par_rows(|row| {
            if mode == 1 && row.y() == 100 {
                panic!("row 100 fails");
            }
            if row.y() == 0 {
                SEEN.lock().unwrap().push(parallel::executor());
                // A helper inside a helper: it must not call multiThread
                // again (the host would refuse with kOfxStatErrExists).
                parallel::for_each((0..64).collect::<Vec<u32>>(), |_, _| {
                    if let Ok(mut s) = SEEN.try_lock() {
                        s.push(parallel::executor());
                    }
                });
            }
            let y = row.y() as f32;
            row.fill(Rgba::new(y, 0.0, 0.0, 1.0));
        });
        Ok(())
    }
}

ofx_plugin::bundle!(Nest);

const WINDOW: OfxRectI = Rect::new(0, 0, 256, 256).ofx();

fn session(mt: MultiThread) -> Session {
    ofx_host::in_process!(HostConfig {
        multi_thread: mt,
        ..HostConfig::default()
    })
    .unwrap()
}

#[test]
fn a_helper_inside_a_helper_runs_inline_on_the_host_thread() {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    MODE.store(0, Ordering::SeqCst);
    SEEN.lock().unwrap().clear();
    let s = session(MultiThread::Threads(2));
    let p = s.plugin("org.test.threads.Nest").unwrap();
    let inst = p.create_instance(ofx_host::Context::Generator).unwrap();
    let out = inst.render(&RenderRequest::at(0.0).window(WINDOW)).unwrap();
    assert_eq!(out.get(5, 200), Some([200.0, 0.0, 0.0, 1.0]));
    let seen = SEEN.lock().unwrap().clone();
    assert!(!seen.is_empty());
    assert!(
        seen.iter().all(|e| *e == Executor::Inline),
        "inside a host worker every helper runs inline: {seen:?}"
    );
    let stats = s.thread_stats();
    assert_eq!(stats.multi_thread_calls, 1, "{stats:?}");
    assert!(
        stats
            .threads
            .iter()
            .all(|t| t.starts_with(THREAD_NAME_PREFIX)),
        "{stats:?}"
    );
    let refused = s
        .log()
        .suite_calls()
        .into_iter()
        .filter(|c| c.function == "multiThread" && c.status == kOfxStatErrExists)
        .count();
    assert_eq!(refused, 0, "no nested multiThread call");
}

#[test]
fn a_panicking_worker_on_a_host_thread_fails_the_render() {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    MODE.store(1, Ordering::SeqCst);
    let s = session(MultiThread::Threads(2));
    let p = s.plugin("org.test.threads.Nest").unwrap();
    let inst = p.create_instance(ofx_host::Context::Generator).unwrap();
    let e = inst
        .render(&RenderRequest::at(0.0).window(WINDOW))
        .unwrap_err();
    MODE.store(0, Ordering::SeqCst);
    assert_eq!(e.status(), kOfxStatFailed, "{e}");
    let texts: Vec<String> = s.log().messages().into_iter().map(|m| m.text).collect();
    assert!(
        texts.iter().any(|t| t.contains("row 100 fails")),
        "{texts:?}"
    );
    // The host's threads are still there, and the next render works.
    assert!(inst.render(&RenderRequest::at(0.0).window(WINDOW)).is_ok());
}

#[test]
fn the_cap_limits_the_plugins_own_pool() {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    // No host: the plugin's own pool, as large as the machine.
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let cap = std::env::var(parallel::ENV_THREADS)
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .map_or(cores, |c| c.min(cores));
    match parallel::executor() {
        Executor::Pool { workers, reason } => {
            assert_eq!(workers, cap);
            assert_eq!(reason, "no host is loaded");
        }
        other => panic!("{other:?}"),
    }
    parallel::set_max_workers(1);
    assert_eq!(parallel::workers(), 1);
    parallel::set_max_workers(0);
    assert_eq!(parallel::workers(), cap);
}
