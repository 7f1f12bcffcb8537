//! `ofxMultiThread.h`: the host's threads and mutexes.

use ::core::ffi::{c_int, c_uint, c_void};

use crate::core::OfxStatus;

handle! {
    /// A mutex created by the host.
    OfxMutexHandle => OfxMutex
}

/// A function the host runs on each of its threads: it receives the thread's
/// index, the number of threads, and the argument given to `multiThread`.
pub type OfxThreadFunctionV1 =
    unsafe extern "C" fn(threadIndex: c_uint, threadMax: c_uint, customArg: *mut c_void);

structs! {
    header = "ofxMultiThread.h";

    /// Functions to run work on the host's threads and to use its mutexes.
    #[derive(Debug, Clone, Copy)]
    pub struct OfxMultiThreadSuiteV1 {
        /// Runs `func` on `nThreads` threads and returns when all have finished.
        pub multiThread: Option<unsafe extern "C" fn(func: Option<OfxThreadFunctionV1>, nThreads: c_uint, customArg: *mut c_void) -> OfxStatus>,
        /// Reads how many CPUs the host will use.
        pub multiThreadNumCPUs: Option<unsafe extern "C" fn(nCPUs: *mut c_uint) -> OfxStatus>,
        /// Reads the index of the calling thread within a `multiThread` call.
        pub multiThreadIndex: Option<unsafe extern "C" fn(threadIndex: *mut c_uint) -> OfxStatus>,
        /// Returns non-zero on a thread spawned by `multiThread`.
        pub multiThreadIsSpawnedThread: Option<unsafe extern "C" fn() -> c_int>,
        /// Creates a recursive mutex, locked `lockCount` times.
        pub mutexCreate: Option<unsafe extern "C" fn(mutex: *mut OfxMutexHandle, lockCount: c_int) -> OfxStatus>,
        /// Destroys a mutex.
        pub mutexDestroy: Option<unsafe extern "C" fn(mutex: OfxMutexHandle) -> OfxStatus>,
        /// Locks a mutex, waiting for it if needed.
        pub mutexLock: Option<unsafe extern "C" fn(mutex: OfxMutexHandle) -> OfxStatus>,
        /// Unlocks a mutex.
        pub mutexUnLock: Option<unsafe extern "C" fn(mutex: OfxMutexHandle) -> OfxStatus>,
        /// Locks a mutex if it is free, without waiting.
        pub mutexTryLock: Option<unsafe extern "C" fn(mutex: OfxMutexHandle) -> OfxStatus>,
    }
}

constants! {
    header = "ofxMultiThread.h";

    /// Name of the multi thread suite, to pass to `OfxHost::fetchSuite`.
    str kOfxMultiThreadSuite = c"OfxMultiThreadSuite";
}
