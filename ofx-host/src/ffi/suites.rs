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
use super::param_shim::{ofxhost_shim_message, ofxhost_shim_setPersistentMessage};
use crate::handle::{Handle, HandleKind, Registry};
use crate::log::ViolationKind;
use crate::state;

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

// ---------------------------------------------------------------- memory

fn memory_table() -> &'static Mutex<HashMap<usize, Box<[u64]>>> {
    static T: OnceLock<Mutex<HashMap<usize, Box<[u64]>>>> = OnceLock::new();
    T.get_or_init(Default::default)
}

/// Number of memory-suite blocks currently allocated (for leak checks).
pub fn live_memory_blocks() -> usize {
    lock(memory_table()).len()
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
        "OfxMemorySuite",
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
            lock(memory_table()).insert(addr, block);
            // SAFETY: `out` is non-null and the plugin passes a writable pointer.
            unsafe { out.write(addr as *mut c_void) };
            ofx_sys::kOfxStatOK
        },
    )
}

unsafe extern "C" fn memory_free(data: *mut c_void) -> OfxStatus {
    guard(
        "OfxMemorySuite",
        "memoryFree",
        data as usize,
        None,
        || match lock(memory_table()).remove(&(data as usize)) {
            Some(_) => ofx_sys::kOfxStatOK,
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

/// The multi-thread suite table handed to plugins.
pub static MULTI_THREAD_SUITE_V1: OfxMultiThreadSuiteV1 = OfxMultiThreadSuiteV1 {
    multiThread: Some(multi_thread),
    multiThreadNumCPUs: Some(num_cpus),
    multiThreadIndex: Some(thread_index),
    multiThreadIsSpawnedThread: Some(is_spawned),
    mutexCreate: Some(mutex_create),
    mutexDestroy: Some(mutex_destroy),
    mutexLock: Some(mutex_lock),
    mutexUnLock: Some(mutex_unlock),
    mutexTryLock: Some(mutex_try_lock),
};

unsafe extern "C" fn multi_thread(
    func: Option<OfxThreadFunctionV1>,
    n: c_uint,
    arg: *mut c_void,
) -> OfxStatus {
    guard("OfxMultiThreadSuite", "multiThread", 0, None, || {
        let Some(func) = func else {
            return ofx_sys::kOfxStatErrValue;
        };
        if THREAD_INDEX.with(Cell::get).is_some() {
            return ofx_sys::kOfxStatErrExists;
        }
        let arg = arg as usize;
        let ok = std::thread::scope(|s| {
            let handles: Vec<_> = (0..n)
                .map(|i| {
                    s.spawn(move || {
                        THREAD_INDEX.with(|c| c.set(Some(i)));
                        // SAFETY: the plugin's thread function, called with
                        // the index, count and argument it asked for.
                        unsafe { func(i, n, arg as *mut c_void) };
                    })
                })
                .collect();
            handles.into_iter().all(|h| h.join().is_ok())
        });
        if ok {
            ofx_sys::kOfxStatOK
        } else {
            ofx_sys::kOfxStatFailed
        }
    })
}

unsafe extern "C" fn num_cpus(out: *mut c_uint) -> OfxStatus {
    guard("OfxMultiThreadSuite", "multiThreadNumCPUs", 0, None, || {
        if out.is_null() {
            return ofx_sys::kOfxStatErrValue;
        }
        let n = std::thread::available_parallelism().map_or(1, |n| n.get()) as c_uint;
        // SAFETY: non-null out pointer from the plugin.
        unsafe { out.write(n) };
        ofx_sys::kOfxStatOK
    })
}

unsafe extern "C" fn thread_index(out: *mut c_uint) -> OfxStatus {
    guard("OfxMultiThreadSuite", "multiThreadIndex", 0, None, || {
        if out.is_null() {
            return ofx_sys::kOfxStatErrValue;
        }
        // SAFETY: non-null out pointer from the plugin.
        unsafe { out.write(THREAD_INDEX.with(Cell::get).unwrap_or(0)) };
        ofx_sys::kOfxStatOK
    })
}

unsafe extern "C" fn is_spawned() -> c_int {
    let mut r = 0;
    guard(
        "OfxMultiThreadSuite",
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
    guard("OfxMultiThreadSuite", function, m as usize, None, || {
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
    })
}

unsafe extern "C" fn mutex_create(out: *mut OfxMutexHandle, lock_count: c_int) -> OfxStatus {
    guard("OfxMultiThreadSuite", "mutexCreate", 0, None, || {
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
    })
}

unsafe extern "C" fn mutex_destroy(m: OfxMutexHandle) -> OfxStatus {
    guard(
        "OfxMultiThreadSuite",
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
        "OfxMessageSuite",
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
