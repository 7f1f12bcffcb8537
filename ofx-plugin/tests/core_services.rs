//! Host services used from inside actions, through ofx-host over the C ABI:
//! messages (persistent ones too), progress, timeline, clip properties,
//! general and image memory, the scratch pool, host threads (real and dummy
//! suites) and host mutexes.

mod common;

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use ofx_host::Changed;
use ofx_host::driver::{HostConfig, Session};
use ofx_host::testing::{ProgressEvent, progress_events, set_timeline};
use ofx_plugin::memory::{HostMemory, ImageMemory, ScratchPool};
use ofx_plugin::thread::{HostMutex, run};
use ofx_plugin::{
    Context, ContextDescriptor, EffectDescriptor, ImageEffect, InstanceChangedArgs,
    InstanceContext, MessageKind, Render, Result, Trapped,
};

static LOG: Mutex<Vec<String>> = Mutex::new(Vec::new());
static SERIAL: Mutex<()> = Mutex::new(());

fn log(s: String) {
    LOG.lock().unwrap().push(s);
}

struct Services {
    scratch: ScratchPool,
}

impl ImageEffect for Services {
    fn describe(d: &mut EffectDescriptor) -> Result<()> {
        common::filter_only(d)
    }
    fn describe_in_context(d: &mut ContextDescriptor, _: Context) -> Result<()> {
        common::filter_clips(d)
    }
    fn create_instance(_: &InstanceContext) -> Result<Self> {
        Ok(Services {
            scratch: ScratchPool::new(),
        })
    }
    fn purge_caches(&self, _: &InstanceContext) -> Result<Trapped> {
        log(format!("purged {}", self.scratch.purge()));
        Ok(Trapped::Yes)
    }
    fn render(&self, _: &Render<'_>) -> Result<()> {
        Ok(())
    }
    fn instance_changed(&self, i: &InstanceContext, a: &InstanceChangedArgs) -> Result<Trapped> {
        match a.name.as_str() {
            "messages" => {
                log(format!(
                    "{}",
                    i.message(MessageKind::Question, "continue?")?
                ));
                i.message(MessageKind::Warning, "careful")?;
                i.set_persistent_message(MessageKind::Error, "broken input")?;
                i.clear_persistent_message()?;
            }
            "progress" => {
                let p = i.progress("Working", "work")?;
                log(format!("{} {}", p.update(0.5)?, p.update(1.0)?));
            }
            "timeline" => {
                i.timeline_goto(7.5)?;
                log(format!("{} {:?}", i.timeline_time()?, i.timeline_bounds()?));
            }
            "clip" => {
                let c = i.source_clip()?;
                log(format!(
                    "{} {} {:?} {:?} {} {:?}",
                    c.name(),
                    c.is_connected()?,
                    c.pixel_depth()?,
                    c.components()?,
                    c.pixel_aspect_ratio()?,
                    c.frame_range()?,
                ));
                log(format!("{:?}", i.clip("Missing").unwrap_err().kind()));
            }
            "memory" => {
                let mut m = HostMemory::new(64)?;
                m.as_mut_slice()[63] = 9;
                let mut im = ImageMemory::new(16)?;
                {
                    let mut l = im.lock()?;
                    l.cast_mut::<f32>()?[3] = 1.5;
                }
                let kept = im.lock()?.as_slice()[12..16] == 1.5f32.to_ne_bytes();
                log(format!("memory {} {kept}", m.as_slice()[63]));
            }
            "scratch" => {
                let pool = &self.scratch;
                let n = pool.with::<f32, _>(1000, |b| {
                    b.fill(1.5);
                    b.len()
                })?;
                // A smaller request reuses the kept block, contents and all.
                let reused = pool.with::<f32, _>(500, |b| (b.len(), b[499]))?;
                let kept = pool.kept();
                // A larger one needs a new block; the small one is freed.
                let big = pool.with::<u8, _>(8000, |b| b.len())?;
                // A panic inside frees the block it had (the kept one).
                let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    pool.with::<u8, _>(10, |_| panic!("inside the scratch call"))
                }))
                .is_err();
                let after_panic = pool.kept();
                // The next call starts a new block, kept afterwards.
                let small = pool.with::<u16, _>(8, |b| b.len())?;
                // Nothing asked, nothing taken from the host.
                let empty = pool.with::<f32, _>(0, |b| b.len())?;
                log(format!(
                    "scratch {n} {reused:?} {kept} {big} {panicked} {after_panic} {small} {empty} {}",
                    pool.kept()
                ));
            }
            "threads" => {
                let (hits, spawned) = (AtomicUsize::new(0), AtomicUsize::new(0));
                let outside = ofx_plugin::thread::is_spawned_thread();
                run(4, &|i, n| {
                    if n == 4 {
                        hits.fetch_add(1 << (i * 4), Ordering::SeqCst);
                    }
                    let inside = ofx_plugin::thread::is_spawned_thread();
                    if inside && ofx_plugin::thread::thread_index() == Some(i) {
                        spawned.fetch_add(1, Ordering::SeqCst);
                    }
                })?;
                let failed = run(2, &|i, _| assert_ne!(i, 1)).is_err();
                let m = HostMutex::new()?;
                // Host mutexes are recursive: the holder may lock again.
                let relocked = {
                    let _g = m.lock()?;
                    m.try_lock()?.is_some()
                };
                let free = m.try_lock()?.is_some();
                log(format!(
                    "threads {outside} {:#x} spawned {} {failed} {relocked} {free}",
                    hits.load(Ordering::SeqCst),
                    spawned.load(Ordering::SeqCst)
                ));
            }
            _ => return Ok(Trapped::No),
        }
        Ok(Trapped::Yes)
    }
}

ofx_plugin::plugin!(Services, id = "org.test.core.Services", version = "1.0");
ofx_plugin::bundle!(Services);

fn with(cfg: HostConfig, f: impl FnOnce(&Session, &ofx_host::driver::Instance<'_>)) {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    LOG.lock().unwrap().clear();
    let s = ofx_host::in_process!(cfg).unwrap();
    let p = s.plugin("org.test.core.Services").unwrap();
    let inst = p.create_instance(ofx_host::Context::Filter).unwrap();
    f(&s, &inst);
    drop(inst);
    assert!(s.leaks().is_clean(), "{:?}", s.leaks());
    assert!(
        s.log().violations().is_empty(),
        "{:?}",
        s.log().violations()
    );
}

fn changed(inst: &ofx_host::driver::Instance<'_>, name: &str) -> Vec<String> {
    LOG.lock().unwrap().clear();
    inst.instance_changed(Changed::Param(name), 0.0).unwrap();
    LOG.lock().unwrap().clone()
}

#[test]
fn messages_progress_timeline_and_clips() {
    with(HostConfig::default(), |s, inst| {
        assert_eq!(changed(inst, "messages"), ["true"], "a question gets yes");
        let m: Vec<(String, String, String)> = s
            .log()
            .messages()
            .into_iter()
            .map(|m| (m.function, m.message_type, m.text))
            .collect();
        assert_eq!(
            m,
            [
                (
                    "message".into(),
                    "OfxMessageQuestion".into(),
                    "continue?".into()
                ),
                (
                    "message".into(),
                    "OfxMessageWarning".into(),
                    "careful".into()
                ),
                (
                    "setPersistentMessage".into(),
                    "OfxMessageError".into(),
                    "broken input".into()
                ),
                (
                    "clearPersistentMessage".into(),
                    String::new(),
                    String::new()
                ),
            ]
        );
        let h = inst.handle();
        let before = progress_events().len();
        assert_eq!(changed(inst, "progress"), ["true true"]);
        let events: Vec<ProgressEvent> = progress_events()[before..]
            .iter()
            .filter(|e| matches!(e, ProgressEvent::Start { handle, .. } | ProgressEvent::Update { handle, .. } | ProgressEvent::End { handle } if *handle == h))
            .cloned()
            .collect();
        assert_eq!(
            events,
            [
                ProgressEvent::Start {
                    handle: h,
                    label: "Working".into(),
                    id: "work".into()
                },
                ProgressEvent::Update {
                    handle: h,
                    progress: 0.5
                },
                ProgressEvent::Update {
                    handle: h,
                    progress: 1.0
                },
                ProgressEvent::End { handle: h },
            ]
        );
        set_timeline(1.0, 0.0, 24.0);
        assert_eq!(changed(inst, "timeline"), ["7.5 [0.0, 24.0]"]);
        assert_eq!(
            changed(inst, "clip"),
            ["Source false F32 Rgba 1 [0.0, 99.0]", "Unknown"]
        );
    });
}

#[test]
fn the_scratch_pool_reuses_host_memory_until_purged() {
    with(HostConfig::default(), |s, inst| {
        assert_eq!(
            changed(inst, "scratch"),
            ["scratch 1000 (500, 1.5) 1 8000 true 0 8 0 1"]
        );
        // Three blocks were allocated (1000 floats, 8000 bytes, 8 u16s); the
        // first was freed for the second, the second by the panic; the third
        // is kept. The empty request allocated nothing.
        let leaks = s.leaks();
        assert_eq!(
            (
                leaks.image_memory_allocs,
                leaks.image_memory_frees,
                leaks.image_memory_live
            ),
            (3, 2, 1)
        );
        assert_eq!(leaks.image_memory_locks, 0, "nothing stays locked");
        LOG.lock().unwrap().clear();
        let status = inst.call_action(ofx_sys::kOfxActionPurgeCaches, None, None);
        assert_eq!(status, ofx_sys::kOfxStatOK);
        assert_eq!(LOG.lock().unwrap().clone(), ["purged 1"]);
        assert_eq!(s.leaks().image_memory_live, 0);
    });
}

#[test]
fn memory_threads_and_mutexes_on_real_and_dummy_thread_suites() {
    with(HostConfig::default(), |_, inst| {
        assert_eq!(changed(inst, "memory"), ["memory 9 true"]);
        assert_eq!(
            changed(inst, "threads"),
            ["threads false 0x1111 spawned 4 true true true"]
        );
    });
    let dummy = HostConfig {
        multi_thread: ofx_host::driver::MultiThread::Unsupported,
        ..HostConfig::default()
    };
    with(dummy, |_, inst| {
        // The fallback runs every index on the framework's own pool when the
        // host's suite is a dummy (which cannot say which thread is which).
        assert_eq!(
            changed(inst, "threads"),
            ["threads false 0x1111 spawned 0 true true true"]
        );
    });
}
