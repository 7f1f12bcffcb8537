//! Memory, multi-thread and message suites through `fetchSuite`.

use std::ffi::{c_int, c_uint, c_void};
use std::sync::atomic::{AtomicU32, Ordering};

use ofx_host::log::ViolationKind;
use ofx_host::testing as state;
use ofx_host::testing::fetch_suite;
use ofx_host::testing::live_memory_blocks;
use ofx_sys::*;

fn fetch<T>(name: &std::ffi::CStr, version: c_int) -> &'static T {
    // SAFETY: valid C string; the host returns a static table of type T.
    let p = unsafe { fetch_suite(std::ptr::null_mut(), name.as_ptr(), version) };
    assert!(!p.is_null(), "{name:?} v{version}");
    // SAFETY: the non-null result is the static suite table of that version.
    unsafe { &*(p as *const T) }
}

#[test]
fn memory_alloc_free_and_double_free() {
    let m: &OfxMemorySuiteV1 = fetch(c"OfxMemorySuite", 1);
    let mut p: *mut c_void = std::ptr::null_mut();
    // SAFETY: out pointers are valid; the block has 100 writable bytes.
    unsafe {
        assert_eq!(
            m.memoryAlloc.unwrap()(std::ptr::null_mut(), 100, &mut p),
            kOfxStatOK
        );
        assert!(!p.is_null() && (p as usize).is_multiple_of(8));
        std::ptr::write_bytes(p as *mut u8, 0xAB, 100);
        assert_eq!(*(p as *const u8).add(99), 0xAB);
        assert!(live_memory_blocks() >= 1);
        assert_eq!(m.memoryFree.unwrap()(p), kOfxStatOK);
        assert_eq!(m.memoryFree.unwrap()(p), kOfxStatErrBadHandle);
    }
    assert!(
        state::log()
            .violations()
            .iter()
            .any(|v| v.kind == ViolationKind::BadHandle && v.detail.contains("memoryFree"))
    );
}

static SEEN: AtomicU32 = AtomicU32::new(0);

unsafe extern "C" fn worker(i: c_uint, n: c_uint, arg: *mut c_void) {
    let mt: &OfxMultiThreadSuiteV1 = fetch(c"OfxMultiThreadSuite", 1);
    let mut idx: c_uint = 99;
    // SAFETY: valid out pointer; the suite functions take no other input.
    unsafe {
        assert_eq!(mt.multiThreadIndex.unwrap()(&mut idx), kOfxStatOK);
        assert_eq!(mt.multiThreadIsSpawnedThread.unwrap()(), 1);
        // Recursion is refused.
        assert_eq!(
            mt.multiThread.unwrap()(Some(worker), 1, arg),
            kOfxStatErrExists
        );
    }
    if idx == i && n == 4 && arg as usize == 0x42 {
        SEEN.fetch_or(1 << i, Ordering::SeqCst);
    }
}

#[test]
fn multi_thread_indices_and_spawned_check() {
    let mt: &OfxMultiThreadSuiteV1 = fetch(c"OfxMultiThreadSuite", 1);
    let mut n: c_uint = 0;
    // SAFETY: valid out pointer and thread function.
    unsafe {
        assert_eq!(mt.multiThreadNumCPUs.unwrap()(&mut n), kOfxStatOK);
        assert!(n >= 1);
        assert_eq!(mt.multiThreadIsSpawnedThread.unwrap()(), 0);
        assert_eq!(
            mt.multiThread.unwrap()(Some(worker), 4, 0x42 as *mut c_void),
            kOfxStatOK
        );
    }
    assert_eq!(SEEN.load(Ordering::SeqCst), 0b1111);
}

#[test]
fn mutexes_nest_trylock_and_unbalanced_unlock() {
    let mt: &OfxMultiThreadSuiteV1 = fetch(c"OfxMultiThreadSuite", 1);
    let mut m: OfxMutexHandle = std::ptr::null_mut();
    // SAFETY: handles come from mutexCreate; bad ones are checked by the host.
    unsafe {
        assert_eq!(mt.mutexCreate.unwrap()(&mut m, 1), kOfxStatOK);
        assert_eq!(
            mt.mutexLock.unwrap()(m),
            kOfxStatOK,
            "recursive lock by the owner"
        );
        let raw = m as usize;
        let other = std::thread::spawn(move || {
            // SAFETY: a live mutex handle from another thread.
            mt.mutexTryLock.unwrap()(raw as OfxMutexHandle)
        })
        .join()
        .unwrap();
        assert_eq!(other, kOfxStatFailed, "held twice by this thread");
        assert_eq!(mt.mutexUnLock.unwrap()(m), kOfxStatOK);
        assert_eq!(mt.mutexUnLock.unwrap()(m), kOfxStatOK);
        let other = std::thread::spawn(move || {
            // SAFETY: as above; the other thread locks and unlocks.
            let s = mt.mutexTryLock.unwrap()(raw as OfxMutexHandle);
            mt.mutexUnLock.unwrap()(raw as OfxMutexHandle);
            s
        })
        .join()
        .unwrap();
        assert_eq!(other, kOfxStatOK, "free after balanced unlocks");
        assert_eq!(
            mt.mutexUnLock.unwrap()(m),
            kOfxStatErrValue,
            "unlock of a free mutex"
        );
        assert_eq!(mt.mutexDestroy.unwrap()(m), kOfxStatOK);
        assert_eq!(mt.mutexLock.unwrap()(m), kOfxStatErrBadHandle);
    }
    let v = state::log().violations();
    assert!(v.iter().any(|v| v.kind == ViolationKind::UnbalancedLock));
}

#[test]
fn message_suites_v1_v2() {
    let v1: &OfxMessageSuiteV1 = fetch(c"OfxMessageSuite", 1);
    let v2: &OfxMessageSuiteV2 = fetch(c"OfxMessageSuite", 2);
    let h = 0x99usize as *mut c_void;
    // SAFETY: printf-style formats with matching arguments.
    unsafe {
        assert_eq!(
            v1.message.unwrap()(
                h,
                c"OfxMessageMessage".as_ptr(),
                c"a".as_ptr(),
                c"v1 %d".as_ptr(),
                7 as c_int
            ),
            kOfxStatOK
        );
        assert_eq!(
            v2.setPersistentMessage.unwrap()(
                h,
                c"OfxMessageError".as_ptr(),
                c"b".as_ptr(),
                c"%s!".as_ptr(),
                c"bad".as_ptr()
            ),
            kOfxStatOK
        );
        assert_eq!(v2.clearPersistentMessage.unwrap()(h), kOfxStatOK);
    }
    let msgs: Vec<_> = state::log()
        .messages()
        .into_iter()
        .filter(|m| m.handle == 0x99)
        .collect();
    assert_eq!(msgs.len(), 3);
    assert_eq!(msgs[0].text, "v1 7");
    assert_eq!(
        (msgs[1].function.as_str(), msgs[1].text.as_str()),
        ("setPersistentMessage", "bad!")
    );
    assert_eq!(msgs[2].function, "clearPersistentMessage");
}

#[test]
fn interact_and_draw_are_offered_dialog_and_opengl_are_missing() {
    for name in [c"OfxInteractSuite", c"OfxDrawSuite"] {
        // SAFETY: valid C string.
        assert!(!unsafe { fetch_suite(std::ptr::null_mut(), name.as_ptr(), 1) }.is_null());
        // SAFETY: as above; no version 2 of either.
        assert!(unsafe { fetch_suite(std::ptr::null_mut(), name.as_ptr(), 2) }.is_null());
    }
    for name in [c"OfxDialogSuite", c"OfxImageEffectOpenGLRenderSuite"] {
        // SAFETY: valid C string.
        assert!(unsafe { fetch_suite(std::ptr::null_mut(), name.as_ptr(), 1) }.is_null());
    }
}

#[test]
fn progress_and_timeline() {
    use ofx_host::testing::{ProgressEvent, progress_events, set_timeline};
    let p1: &OfxProgressSuiteV1 = fetch(c"OfxProgressSuite", 1);
    let p2: &OfxProgressSuiteV2 = fetch(c"OfxProgressSuite", 2);
    let tl: &OfxTimeLineSuiteV1 = fetch(c"OfxTimeLineSuite", 1);
    let h = 0x5151usize as *mut c_void;
    set_timeline(3.0, 1.0, 10.0);
    let (mut t, mut a, mut b) = (0.0, 0.0, 0.0);
    // SAFETY: valid strings and out pointers.
    unsafe {
        assert_eq!(p1.progressStart.unwrap()(h, c"work".as_ptr()), kOfxStatOK);
        assert_eq!(
            p2.progressStart.unwrap()(h, c"more".as_ptr(), c"m1".as_ptr()),
            kOfxStatOK
        );
        assert_eq!(p2.progressUpdate.unwrap()(h, 0.5), kOfxStatOK);
        assert_eq!(p1.progressEnd.unwrap()(h), kOfxStatOK);
        assert_eq!(tl.getTime.unwrap()(h, &mut t), kOfxStatOK);
        assert_eq!(tl.getTimeBounds.unwrap()(h, &mut a, &mut b), kOfxStatOK);
        assert_eq!((t, a, b), (3.0, 1.0, 10.0));
        assert_eq!(tl.gotoTime.unwrap()(h, 25.0), kOfxStatOK);
        assert_eq!(tl.getTime.unwrap()(h, &mut t), kOfxStatOK);
        assert_eq!(t, 10.0, "clamped to the bounds");
    }
    let ev: Vec<_> = progress_events()
        .into_iter()
        .filter(|e| match e {
            ProgressEvent::Start { handle, .. }
            | ProgressEvent::Update { handle, .. }
            | ProgressEvent::End { handle } => *handle == 0x5151,
        })
        .collect();
    assert_eq!(ev.len(), 4);
    assert_eq!(
        ev[1],
        ProgressEvent::Start {
            handle: 0x5151,
            label: "more".into(),
            id: "m1".into()
        }
    );
    assert_eq!(
        ev[2],
        ProgressEvent::Update {
            handle: 0x5151,
            progress: 0.5
        }
    );
}
