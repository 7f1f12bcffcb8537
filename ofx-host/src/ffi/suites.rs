//! `OfxMemorySuiteV1`, `OfxMultiThreadSuiteV1` and `OfxMessageSuiteV1/V2`.
//!
//! Memory blocks are boxed slices kept alive in a table keyed by address, so
//! freeing is checked (an unknown or double free is `kOfxStatErrBadHandle`
//! and a violation). Threads are real OS threads; mutexes are recursive
//! counting locks (`mutexCreate`'s `lockCount` locks are held by the creator).

use std::cell::Cell;
use std::collections::HashMap;
use std::ffi::{c_int, c_uint, c_void};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::thread::ThreadId;

use ofx_sys::{
    OfxMemorySuiteV1, OfxMessageSuiteV1, OfxMessageSuiteV2, OfxMultiThreadSuiteV1, OfxMutexHandle,
    OfxStatus, OfxThreadFunctionV1,
};

use super::guard;
use super::variadic_shim::{ofxhost_shim_message, ofxhost_shim_setPersistentMessage};
use crate::config::MultiThread;
use crate::handle::{Handle, HandleKind, Registry};
use crate::log::ViolationKind;
use crate::state;
use crate::types::ofx_str;

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

// ---------------------------------------------------------------- memory

/// Memory-suite blocks by address, with the id of the session that
/// allocated them (0 outside any session) and the handle of the action that
/// allocated them (0 outside any action).
type MemoryTable = HashMap<usize, (u64, usize, Box<[u64]>)>;

fn memory_table() -> &'static Mutex<MemoryTable> {
    static T: OnceLock<Mutex<MemoryTable>> = OnceLock::new();
    T.get_or_init(Default::default)
}

/// Number of memory-suite blocks currently allocated (for leak checks).
pub fn live_memory_blocks() -> usize {
    lock(memory_table()).len()
}

/// Number of memory-suite blocks currently allocated by session `id`.
pub fn live_memory_blocks_for(id: u64) -> usize {
    lock(memory_table())
        .values()
        .filter(|(s, _, _)| *s == id)
        .count()
}

/// Number of memory-suite blocks still allocated that were allocated
/// during an action sent to the raw handle `owner` (an interact, say).
pub fn live_memory_blocks_from(owner: usize) -> usize {
    lock(memory_table())
        .values()
        .filter(|(_, o, _)| *o == owner)
        .count()
}

/// The memory suite table handed to plugins.
pub static MEMORY_SUITE_V1: OfxMemorySuiteV1 = OfxMemorySuiteV1 {
    memoryAlloc: Some(memory_alloc),
    memoryFree: Some(memory_free),
};

unsafe extern "C" fn memory_alloc(
    handle: *mut c_void,
    n: usize,
    out: *mut *mut c_void,
) -> OfxStatus {
    guard(
        ofx_str(ofx_sys::kOfxMemorySuite),
        "memoryAlloc",
        handle as usize,
        None,
        || {
            if out.is_null() {
                return ofx_sys::kOfxStatErrValue;
            }
            // 8-byte aligned, zeroed, at least one word so the address is unique.
            let mut block = vec![0u64; n.div_ceil(8).max(1)].into_boxed_slice();
            let addr = block.as_mut_ptr() as usize;
            let session = state::current_session();
            if let Some(s) = &session {
                state::SessionShared::bump(&s.counters.memory_allocs);
            }
            let owner = state::current_frame().map_or(0, |f| f.effect);
            lock(memory_table()).insert(addr, (session.map_or(0, |s| s.id), owner, block));
            // SAFETY: `out` is non-null and the plugin passes a writable pointer.
            unsafe { out.write(addr as *mut c_void) };
            ofx_sys::kOfxStatOK
        },
    )
}

unsafe extern "C" fn memory_free(data: *mut c_void) -> OfxStatus {
    guard(
        ofx_str(ofx_sys::kOfxMemorySuite),
        "memoryFree",
        data as usize,
        None,
        || match lock(memory_table()).remove(&(data as usize)) {
            Some(_) => {
                if let Some(s) = state::current_session() {
                    state::SessionShared::bump(&s.counters.memory_frees);
                }
                ofx_sys::kOfxStatOK
            }
            None => {
                state::log().violation(
                    ViolationKind::BadHandle,
                    format!(
                        "memoryFree of {:#x}, not a live memoryAlloc block",
                        data as usize
                    ),
                );
                ofx_sys::kOfxStatErrBadHandle
            }
        },
    )
}

// ---------------------------------------------------------- multi-thread

thread_local! {
    /// The index of the current thread inside a `multiThread` call.
    static THREAD_INDEX: Cell<Option<c_uint>> = const { Cell::new(None) };
}

/// A multi-thread suite table with the given `multiThread` and
/// `multiThreadNumCPUs`; the thread index, spawned-thread test and mutexes
/// are the same in every kind.
const fn multi_thread_suite(
    run: unsafe extern "C" fn(Option<OfxThreadFunctionV1>, c_uint, *mut c_void) -> OfxStatus,
    cpus: unsafe extern "C" fn(*mut c_uint) -> OfxStatus,
) -> OfxMultiThreadSuiteV1 {
    OfxMultiThreadSuiteV1 {
        multiThread: Some(run),
        multiThreadNumCPUs: Some(cpus),
        multiThreadIndex: Some(thread_index),
        multiThreadIsSpawnedThread: Some(is_spawned),
        mutexCreate: Some(mutex_create),
        mutexDestroy: Some(mutex_destroy),
        mutexLock: Some(mutex_lock),
        mutexUnLock: Some(mutex_unlock),
        mutexTryLock: Some(mutex_try_lock),
    }
}

/// The multi-thread suite table handed to plugins.
pub static MULTI_THREAD_SUITE_V1: OfxMultiThreadSuiteV1 =
    multi_thread_suite(multi_thread, num_cpus);

unsafe extern "C" fn multi_thread(
    func: Option<OfxThreadFunctionV1>,
    n: c_uint,
    arg: *mut c_void,
) -> OfxStatus {
    guard(
        ofx_str(ofx_sys::kOfxMultiThreadSuite),
        "multiThread",
        0,
        None,
        || {
            let Some(func) = func else {
                return ofx_sys::kOfxStatErrValue;
            };
            if THREAD_INDEX.with(Cell::get).is_some() {
                // The spec's answer to a nested call.
                return ofx_sys::kOfxStatErrExists;
            }
            if n == 0 {
                return ofx_sys::kOfxStatOK;
            }
            let arg = arg as usize;
            // The calls belong to the caller's session and action.
            let ctx = state::current();
            let session = ctx.as_ref().map(|c| c.session.clone());
            let threads = session.as_ref().and_then(|s| {
                s.threads
                    .get_or_init(|| {
                        let n = match s.config.multi_thread {
                            MultiThread::Threads(n) => n,
                            _ => 1,
                        };
                        crate::host_threads::HostThreads::start(n).ok()
                    })
                    .as_ref()
            });
            let record = |s: &Option<std::sync::Arc<state::SessionShared>>| {
                let name = std::thread::current().name().unwrap_or("").to_owned();
                if let Some(s) = s {
                    let mut st = lock(&s.thread_stats);
                    st.function_calls += 1;
                    st.threads.insert(name);
                }
            };
            let call = move |i: c_uint| {
                let _ctx = state::install(ctx.clone());
                THREAD_INDEX.with(|c| c.set(Some(i)));
                record(&ctx.as_ref().map(|c| c.session.clone()));
                // SAFETY: the plugin's thread function, called with the index,
                // count and argument it asked for.
                unsafe { func(i, n, arg as *mut c_void) };
                THREAD_INDEX.with(|c| c.set(None));
            };
            let ok = match threads {
                Some(pool) => {
                    let calls = (0..n)
                        .map(|i| {
                            let call = call.clone();
                            Box::new(move |_thread: usize| call(i)) as Box<dyn FnOnce(usize) + Send>
                        })
                        .collect();
                    pool.run(calls)
                }
                // Outside any session (a plugin's own thread): threads of the
                // call's own.
                None => std::thread::scope(|s| {
                    let handles: Vec<_> = (0..n)
                        .map(|i| {
                            let call = call.clone();
                            s.spawn(move || call(i))
                        })
                        .collect();
                    handles.into_iter().all(|h| h.join().is_ok())
                }),
            };
            if let Some(s) = &session {
                lock(&s.thread_stats).multi_thread_calls += 1;
            }
            if ok {
                ofx_sys::kOfxStatOK
            } else {
                ofx_sys::kOfxStatFailed
            }
        },
    )
}

/// A multi-thread suite that runs nothing, as some hosts provide:
/// `multiThread` fails with `kOfxStatErrUnsupported`, one CPU is reported,
/// the thread index is 0 and no thread is spawned. Mutexes work.
pub static DUMMY_MULTI_THREAD_SUITE_V1: OfxMultiThreadSuiteV1 =
    multi_thread_suite(dummy_multi_thread, dummy_num_cpus);

unsafe extern "C" fn dummy_multi_thread(
    _func: Option<OfxThreadFunctionV1>,
    _n: c_uint,
    _arg: *mut c_void,
) -> OfxStatus {
    guard(
        ofx_str(ofx_sys::kOfxMultiThreadSuite),
        "multiThread",
        0,
        None,
        || ofx_sys::kOfxStatErrUnsupported,
    )
}

unsafe extern "C" fn dummy_num_cpus(out: *mut c_uint) -> OfxStatus {
    guard(
        ofx_str(ofx_sys::kOfxMultiThreadSuite),
        "multiThreadNumCPUs",
        0,
        None,
        || {
            if out.is_null() {
                return ofx_sys::kOfxStatErrValue;
            }
            // SAFETY: non-null out pointer from the plugin.
            unsafe { out.write(1) };
            ofx_sys::kOfxStatOK
        },
    )
}

/// A multi-thread suite like DaVinci Resolve's: it reports the session's
/// CPU count, but `multiThread` calls the function once, as index 0 of 1,
/// on the calling thread. Mutexes work.
pub static CALLING_THREAD_MULTI_THREAD_SUITE_V1: OfxMultiThreadSuiteV1 =
    multi_thread_suite(calling_thread_multi_thread, num_cpus);

unsafe extern "C" fn calling_thread_multi_thread(
    func: Option<OfxThreadFunctionV1>,
    _n: c_uint,
    arg: *mut c_void,
) -> OfxStatus {
    guard(
        ofx_str(ofx_sys::kOfxMultiThreadSuite),
        "multiThread",
        0,
        None,
        || {
            let Some(func) = func else {
                return ofx_sys::kOfxStatErrValue;
            };
            if let Some(s) = state::current_session() {
                let mut st = lock(&s.thread_stats);
                st.multi_thread_calls += 1;
                st.function_calls += 1;
                st.threads
                    .insert(std::thread::current().name().unwrap_or("").to_owned());
            }
            // SAFETY: the plugin's thread function, with its own argument.
            unsafe { func(0, 1, arg) };
            ofx_sys::kOfxStatOK
        },
    )
}

unsafe extern "C" fn num_cpus(out: *mut c_uint) -> OfxStatus {
    guard(
        ofx_str(ofx_sys::kOfxMultiThreadSuite),
        "multiThreadNumCPUs",
        0,
        None,
        || {
            if out.is_null() {
                return ofx_sys::kOfxStatErrValue;
            }
            let session = state::current_session();
            let n = match session.as_ref().map(|s| s.config.multi_thread) {
                Some(MultiThread::Threads(n) | MultiThread::CallingThreadOnce(n)) => n.max(1),
                Some(MultiThread::Unsupported) => 1,
                None => std::thread::available_parallelism().map_or(1, |n| n.get()),
            };
            if let Some(s) = &session {
                lock(&s.thread_stats).num_cpus_calls += 1;
            }
            // SAFETY: non-null out pointer from the plugin.
            unsafe { out.write(c_uint::try_from(n).unwrap_or(c_uint::MAX)) };
            ofx_sys::kOfxStatOK
        },
    )
}

unsafe extern "C" fn thread_index(out: *mut c_uint) -> OfxStatus {
    guard(
        ofx_str(ofx_sys::kOfxMultiThreadSuite),
        "multiThreadIndex",
        0,
        None,
        || {
            if out.is_null() {
                return ofx_sys::kOfxStatErrValue;
            }
            // SAFETY: non-null out pointer from the plugin.
            unsafe { out.write(THREAD_INDEX.with(Cell::get).unwrap_or(0)) };
            ofx_sys::kOfxStatOK
        },
    )
}

unsafe extern "C" fn is_spawned() -> c_int {
    let mut r = 0;
    guard(
        ofx_str(ofx_sys::kOfxMultiThreadSuite),
        "multiThreadIsSpawnedThread",
        0,
        None,
        || {
            r = c_int::from(THREAD_INDEX.with(Cell::get).is_some());
            ofx_sys::kOfxStatOK
        },
    );
    r
}

/// A recursive counting lock.
#[derive(Default)]
struct HostMutex {
    state: Mutex<(Option<ThreadId>, u32)>,
    freed: Condvar,
}

fn mutexes() -> &'static Mutex<Registry<Arc<HostMutex>>> {
    static M: OnceLock<Mutex<Registry<Arc<HostMutex>>>> = OnceLock::new();
    M.get_or_init(|| Mutex::new(Registry::new(HandleKind::Mutex)))
}

fn with_mutex(
    function: &'static str,
    m: OfxMutexHandle,
    f: impl FnOnce(&HostMutex) -> OfxStatus,
) -> OfxStatus {
    guard(
        ofx_str(ofx_sys::kOfxMultiThreadSuite),
        function,
        m as usize,
        None,
        || {
            let found = lock(mutexes()).get(Handle::from_raw(m as usize)).cloned();
            match found {
                Ok(hm) => f(&hm),
                Err(e) => {
                    state::log().violation(
                        ViolationKind::BadHandle,
                        format!("{function} on {e:?} mutex {:#x}", m as usize),
                    );
                    ofx_sys::kOfxStatErrBadHandle
                }
            }
        },
    )
}

unsafe extern "C" fn mutex_create(out: *mut OfxMutexHandle, lock_count: c_int) -> OfxStatus {
    guard(
        ofx_str(ofx_sys::kOfxMultiThreadSuite),
        "mutexCreate",
        0,
        None,
        || {
            if out.is_null() || lock_count < 0 {
                return ofx_sys::kOfxStatErrValue;
            }
            let hm = HostMutex::default();
            if lock_count > 0 {
                *lock(&hm.state) = (Some(std::thread::current().id()), lock_count as u32);
            }
            let h = lock(mutexes()).insert(Arc::new(hm));
            // SAFETY: non-null out pointer from the plugin.
            unsafe { out.write(h.raw() as OfxMutexHandle) };
            ofx_sys::kOfxStatOK
        },
    )
}

unsafe extern "C" fn mutex_destroy(m: OfxMutexHandle) -> OfxStatus {
    guard(
        ofx_str(ofx_sys::kOfxMultiThreadSuite),
        "mutexDestroy",
        m as usize,
        None,
        || match lock(mutexes()).remove(Handle::from_raw(m as usize)) {
            Ok(_) => ofx_sys::kOfxStatOK,
            Err(e) => {
                state::log().violation(
                    ViolationKind::BadHandle,
                    format!("mutexDestroy on {e:?} mutex {:#x}", m as usize),
                );
                ofx_sys::kOfxStatErrBadHandle
            }
        },
    )
}

unsafe extern "C" fn mutex_lock(m: OfxMutexHandle) -> OfxStatus {
    with_mutex("mutexLock", m, |hm| {
        let me = std::thread::current().id();
        let mut st = lock(&hm.state);
        while st.1 > 0 && st.0 != Some(me) {
            st = hm.freed.wait(st).unwrap_or_else(|e| e.into_inner());
        }
        *st = (Some(me), st.1 + 1);
        ofx_sys::kOfxStatOK
    })
}

unsafe extern "C" fn mutex_try_lock(m: OfxMutexHandle) -> OfxStatus {
    with_mutex("mutexTryLock", m, |hm| {
        let me = std::thread::current().id();
        let mut st = lock(&hm.state);
        if st.1 > 0 && st.0 != Some(me) {
            return ofx_sys::kOfxStatFailed;
        }
        *st = (Some(me), st.1 + 1);
        ofx_sys::kOfxStatOK
    })
}

unsafe extern "C" fn mutex_unlock(m: OfxMutexHandle) -> OfxStatus {
    with_mutex("mutexUnLock", m, |hm| {
        let me = std::thread::current().id();
        let mut st = lock(&hm.state);
        if st.1 == 0 || st.0 != Some(me) {
            state::log().violation(
                ViolationKind::UnbalancedLock,
                format!("mutexUnLock of {:#x} not held by this thread", m as usize),
            );
            return ofx_sys::kOfxStatErrValue;
        }
        st.1 -= 1;
        if st.1 == 0 {
            st.0 = None;
            hm.freed.notify_all();
        }
        ofx_sys::kOfxStatOK
    })
}

// --------------------------------------------------------------- message

unsafe extern "C" fn clear_persistent_message(handle: *mut c_void) -> OfxStatus {
    guard(
        ofx_str(ofx_sys::kOfxMessageSuite),
        "clearPersistentMessage",
        handle as usize,
        None,
        || {
            state::log().message(crate::log::Message {
                function: "clearPersistentMessage".into(),
                handle: handle as usize,
                message_type: String::new(),
                id: String::new(),
                text: String::new(),
            });
            ofx_sys::kOfxStatOK
        },
    )
}

/// The message suite V1 table handed to plugins.
pub static MESSAGE_SUITE_V1: OfxMessageSuiteV1 = OfxMessageSuiteV1 {
    message: Some(ofxhost_shim_message),
};

/// The message suite V2 table handed to plugins.
pub static MESSAGE_SUITE_V2: OfxMessageSuiteV2 = OfxMessageSuiteV2 {
    message: Some(ofxhost_shim_message),
    setPersistentMessage: Some(ofxhost_shim_setPersistentMessage),
    clearPersistentMessage: Some(clear_persistent_message),
};

// -------------------------------------------------------------- progress

/// One progress-suite event a plugin sent.
#[derive(Clone, Debug, PartialEq)]
pub enum ProgressEvent {
    /// `progressStart` with its label (V1) or message and id (V2).
    Start {
        /// The raw instance handle.
        handle: usize,
        /// The label or message.
        label: String,
        /// The message id (V2 only; empty for V1).
        id: String,
    },
    /// `progressUpdate` with a fraction in 0..=1.
    Update {
        /// The raw instance handle.
        handle: usize,
        /// The progress fraction.
        progress: f64,
    },
    /// `progressEnd`.
    End {
        /// The raw instance handle.
        handle: usize,
    },
}

fn progress_log() -> &'static Mutex<Vec<ProgressEvent>> {
    static P: OnceLock<Mutex<Vec<ProgressEvent>>> = OnceLock::new();
    P.get_or_init(Default::default)
}

/// Every progress event so far.
pub fn progress_events() -> Vec<ProgressEvent> {
    lock(progress_log()).clone()
}

unsafe extern "C" fn progress_start_v1(
    h: *mut c_void,
    label: *const std::ffi::c_char,
) -> OfxStatus {
    // SAFETY: null or a C string from the plugin.
    let label = unsafe { super::c_str(label) }.unwrap_or("").to_owned();
    guard(
        ofx_str(ofx_sys::kOfxProgressSuite),
        "progressStart",
        h as usize,
        Some(label.clone()),
        || {
            lock(progress_log()).push(ProgressEvent::Start {
                handle: h as usize,
                label,
                id: String::new(),
            });
            ofx_sys::kOfxStatOK
        },
    )
}

unsafe extern "C" fn progress_start_v2(
    h: *mut c_void,
    message: *const std::ffi::c_char,
    id: *const std::ffi::c_char,
) -> OfxStatus {
    // SAFETY: null or C strings from the plugin.
    let (label, id) = unsafe { (super::c_str(message), super::c_str(id)) };
    let (label, id) = (label.unwrap_or("").to_owned(), id.unwrap_or("").to_owned());
    guard(
        ofx_str(ofx_sys::kOfxProgressSuite),
        "progressStart",
        h as usize,
        Some(label.clone()),
        || {
            lock(progress_log()).push(ProgressEvent::Start {
                handle: h as usize,
                label,
                id,
            });
            ofx_sys::kOfxStatOK
        },
    )
}

unsafe extern "C" fn progress_update(h: *mut c_void, progress: f64) -> OfxStatus {
    guard(
        ofx_str(ofx_sys::kOfxProgressSuite),
        "progressUpdate",
        h as usize,
        None,
        || {
            lock(progress_log()).push(ProgressEvent::Update {
                handle: h as usize,
                progress,
            });
            ofx_sys::kOfxStatOK
        },
    )
}

unsafe extern "C" fn progress_end(h: *mut c_void) -> OfxStatus {
    guard(
        ofx_str(ofx_sys::kOfxProgressSuite),
        "progressEnd",
        h as usize,
        None,
        || {
            lock(progress_log()).push(ProgressEvent::End { handle: h as usize });
            ofx_sys::kOfxStatOK
        },
    )
}

/// The progress suite V1 table handed to plugins.
pub static PROGRESS_SUITE_V1: ofx_sys::OfxProgressSuiteV1 = ofx_sys::OfxProgressSuiteV1 {
    progressStart: Some(progress_start_v1),
    progressUpdate: Some(progress_update),
    progressEnd: Some(progress_end),
};

/// The progress suite V2 table handed to plugins.
pub static PROGRESS_SUITE_V2: ofx_sys::OfxProgressSuiteV2 = ofx_sys::OfxProgressSuiteV2 {
    progressStart: Some(progress_start_v2),
    progressUpdate: Some(progress_update),
    progressEnd: Some(progress_end),
};

// -------------------------------------------------------------- timeline

fn timeline() -> &'static Mutex<(f64, f64, f64)> {
    static T: OnceLock<Mutex<(f64, f64, f64)>> = OnceLock::new();
    T.get_or_init(|| Mutex::new((0.0, 0.0, 0.0)))
}

/// Sets the emulated timeline: current time and first/last frame.
pub fn set_timeline(current: f64, first: f64, last: f64) {
    *lock(timeline()) = (current, first, last);
}

/// The emulated timeline: (current, first, last).
pub fn timeline_state() -> (f64, f64, f64) {
    *lock(timeline())
}

unsafe extern "C" fn get_time(h: *mut c_void, time: *mut f64) -> OfxStatus {
    guard(
        ofx_str(ofx_sys::kOfxTimeLineSuite),
        "getTime",
        h as usize,
        None,
        || {
            if time.is_null() {
                return ofx_sys::kOfxStatErrValue;
            }
            // SAFETY: non-null out pointer from the plugin.
            unsafe { time.write(lock(timeline()).0) };
            ofx_sys::kOfxStatOK
        },
    )
}

unsafe extern "C" fn goto_time(h: *mut c_void, time: f64) -> OfxStatus {
    guard(
        ofx_str(ofx_sys::kOfxTimeLineSuite),
        "gotoTime",
        h as usize,
        None,
        || {
            let mut t = lock(timeline());
            t.0 = time.clamp(t.1, t.2.max(t.1));
            ofx_sys::kOfxStatOK
        },
    )
}

unsafe extern "C" fn get_time_bounds(h: *mut c_void, first: *mut f64, last: *mut f64) -> OfxStatus {
    guard(
        ofx_str(ofx_sys::kOfxTimeLineSuite),
        "getTimeBounds",
        h as usize,
        None,
        || {
            if first.is_null() || last.is_null() {
                return ofx_sys::kOfxStatErrValue;
            }
            let t = *lock(timeline());
            // SAFETY: non-null out pointers from the plugin.
            unsafe {
                first.write(t.1);
                last.write(t.2);
            }
            ofx_sys::kOfxStatOK
        },
    )
}

/// The timeline suite table handed to plugins.
pub static TIMELINE_SUITE_V1: ofx_sys::OfxTimeLineSuiteV1 = ofx_sys::OfxTimeLineSuiteV1 {
    getTime: Some(get_time),
    gotoTime: Some(goto_time),
    getTimeBounds: Some(get_time_bounds),
};
