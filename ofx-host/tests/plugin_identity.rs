//! A plugin is its identifier and major version: a binary may ship several
//! major versions of one identifier, the session loads each (identifier,
//! major) at most once and sends nothing after its Unload. Enumeration
//! refuses bad counts, null records and records of another API.
//!
//! The binaries here are hand-written `extern "C"` exports, one set per
//! test (each holds its own binary lock), with a log of the actions their
//! plugins receive.

use std::ffi::{CStr, c_char, c_int, c_void};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use ofx_host::driver::{HostConfig, Session};
use ofx_host::error::HostError;
use ofx_host::log::Entry;
use ofx_sys::*;

struct SyncPlugin(OfxPlugin);
// SAFETY: the records are immutable static data (string literals and
// function pointers).
unsafe impl Sync for SyncPlugin {}

unsafe extern "C" fn main_entry(
    _action: *const c_char,
    _handle: *const c_void,
    _in: OfxPropertySetHandle,
    _out: OfxPropertySetHandle,
) -> OfxStatus {
    kOfxStatReplyDefault
}

const fn record(api: &'static CStr, id: &'static CStr, major: u32, minor: u32) -> SyncPlugin {
    record_with(api, id, major, minor, main_entry)
}

const fn record_with(
    api: &'static CStr,
    id: &'static CStr,
    major: u32,
    minor: u32,
    main: OfxPluginEntryPoint,
) -> SyncPlugin {
    SyncPlugin(OfxPlugin {
        pluginApi: api.as_ptr(),
        apiVersion: 1,
        pluginIdentifier: id.as_ptr(),
        pluginVersionMajor: major,
        pluginVersionMinor: minor,
        setHost: None,
        mainEntry: Some(main),
    })
}

const EFFECT: &CStr = c"OfxImageEffectPluginAPI";

fn nth(table: &'static [SyncPlugin], n: c_int) -> *mut OfxPlugin {
    match usize::try_from(n).ok().and_then(|n| table.get(n)) {
        Some(p) => &p.0 as *const OfxPlugin as *mut OfxPlugin,
        None => std::ptr::null_mut(),
    }
}

/// The notes of a session's log.
fn notes(s: &Session) -> Vec<String> {
    s.log()
        .journal()
        .into_iter()
        .filter_map(|e| match e {
            Entry::Note(n) => Some(n),
            _ => None,
        })
        .collect()
}

/// Every action the versions of `org.test.Blur` received, as
/// `"<major>:<action>"`, in order (each version has its own entry point).
static SEEN: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn seen(major: u32, action: *const c_char) -> OfxStatus {
    // SAFETY: the host passes a C string as the action.
    let action = unsafe { CStr::from_ptr(action) }.to_string_lossy();
    SEEN.lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(format!("{major}:{action}"));
    kOfxStatReplyDefault
}

unsafe extern "C" fn main_v3(
    action: *const c_char,
    _handle: *const c_void,
    _in: OfxPropertySetHandle,
    _out: OfxPropertySetHandle,
) -> OfxStatus {
    seen(3, action)
}

unsafe extern "C" fn main_v4(
    action: *const c_char,
    _handle: *const c_void,
    _in: OfxPropertySetHandle,
    _out: OfxPropertySetHandle,
) -> OfxStatus {
    seen(4, action)
}

fn take_seen() -> Vec<String> {
    std::mem::take(&mut *SEEN.lock().unwrap_or_else(|e| e.into_inner()))
}

// --- two major versions of one identifier, plus one other plugin --------

static TWO: [SyncPlugin; 3] = [
    record_with(EFFECT, c"org.test.Blur", 3, 1, main_v3),
    record_with(EFFECT, c"org.test.Blur", 4, 0, main_v4),
    record(EFFECT, c"org.test.Other", 1, 0),
];
unsafe extern "C" fn two_get(n: c_int) -> *mut OfxPlugin {
    nth(&TWO, n)
}
unsafe extern "C" fn two_count() -> c_int {
    3
}

#[test]
fn two_major_versions_are_both_listed_and_the_highest_is_the_default() {
    let s = Session::in_process(two_get, Some(two_count), None, HostConfig::default()).unwrap();
    let listed: Vec<(String, u32, u32)> = s
        .plugins()
        .into_iter()
        .map(|p| (p.id, p.version_major, p.version_minor))
        .collect();
    assert_eq!(
        listed,
        [
            ("org.test.Blur".into(), 3, 1),
            ("org.test.Blur".into(), 4, 0),
            ("org.test.Other".into(), 1, 0)
        ]
    );
    assert!(s.duplicates().is_empty());
    {
        let p = s.plugin("org.test.Blur").unwrap();
        assert_eq!((p.info().version_major, p.info().version_minor), (4, 0));
    }
    {
        let p = s.plugin_version("org.test.Blur", 3).unwrap();
        assert_eq!((p.info().version_major, p.info().version_minor), (3, 1));
    }
    let other = s.plugin("org.test.Other@1").unwrap();
    assert_eq!(other.info().id, "org.test.Other");
    assert!(matches!(
        s.plugin_version("org.test.Blur", 5),
        Err(HostError::NotFound(ref m)) if m.contains("3, 4")
    ));
}

#[test]
fn each_version_is_loaded_once_and_nothing_follows_its_unload() {
    // The session holds the binary: the other test on it waits, so SEEN is
    // this test's from here on.
    let s = Session::in_process(two_get, Some(two_count), None, HostConfig::default()).unwrap();
    take_seen();
    {
        let v4 = s.plugin("org.test.Blur").unwrap();
        // Both versions live side by side: they are different plugins.
        let v3 = s.plugin("org.test.Blur@3").unwrap();
        assert_eq!(v3.info().version_major, 3);
        // The same version twice at once is refused.
        assert!(matches!(
            s.plugin("org.test.Blur@4"),
            Err(HostError::Invalid(ref m)) if m.contains("already loaded")
        ));
        drop(v4);
        drop(v3);
    }
    assert_eq!(
        take_seen(),
        [
            "4:OfxActionLoad",
            "4:OfxActionDescribe",
            "3:OfxActionLoad",
            "3:OfxActionDescribe",
            "4:OfxActionUnload",
            "3:OfxActionUnload"
        ]
    );
    let actions_before = s.log().actions().len();
    // After its Unload, a version is never loaded again in this session.
    for name in ["org.test.Blur", "org.test.Blur@3"] {
        assert!(
            matches!(s.plugin(name), Err(HostError::Invalid(ref m)) if m.contains("OfxActionUnload")),
            "{name}"
        );
    }
    assert_eq!(
        s.log().actions().len(),
        actions_before,
        "no action after Unload"
    );
    assert!(take_seen().is_empty(), "no action after Unload");
    // A new session is a new life.
    drop(s);
    let s = Session::in_process(two_get, Some(two_count), None, HostConfig::default()).unwrap();
    assert!(s.plugin("org.test.Blur").is_ok());
}

// --- a duplicate (identifier, major) pair --------------------------------

static DUP: [SyncPlugin; 3] = [
    record(EFFECT, c"org.test.Dup", 2, 0),
    record(EFFECT, c"org.test.Dup", 2, 5),
    record(EFFECT, c"org.test.Dup", 1, 0),
];
unsafe extern "C" fn dup_get(n: c_int) -> *mut OfxPlugin {
    nth(&DUP, n)
}
unsafe extern "C" fn dup_count() -> c_int {
    3
}

#[test]
fn a_duplicate_identifier_and_major_is_reported_and_the_first_is_used() {
    let s = Session::in_process(dup_get, Some(dup_count), None, HostConfig::default()).unwrap();
    let listed: Vec<(u32, u32)> = s
        .plugins()
        .iter()
        .map(|p| (p.version_major, p.version_minor))
        .collect();
    assert_eq!(listed, [(2, 0), (1, 0)]);
    let dups: Vec<(usize, u32, u32)> = s
        .duplicates()
        .iter()
        .map(|p| (p.index, p.version_major, p.version_minor))
        .collect();
    assert_eq!(dups, [(1, 2, 5)]);
    let notes = notes(&s);
    assert!(
        notes
            .iter()
            .any(|n| n.contains("org.test.Dup") && n.contains("repeats")),
        "{notes:?}"
    );
    let p = s.plugin("org.test.Dup").unwrap();
    assert_eq!((p.info().index, p.info().version_minor), (0, 0));
}

// --- counts the host refuses ---------------------------------------------

static ONE: [SyncPlugin; 1] = [record(EFFECT, c"org.test.One", 1, 0)];

static MANY_CALLS: AtomicUsize = AtomicUsize::new(0);
unsafe extern "C" fn many_get(n: c_int) -> *mut OfxPlugin {
    MANY_CALLS.fetch_add(1, Ordering::Relaxed);
    nth(&ONE, n.min(0))
}
static MANY_COUNTS: AtomicUsize = AtomicUsize::new(0);
unsafe extern "C" fn many_count() -> c_int {
    MANY_COUNTS.fetch_add(1, Ordering::Relaxed);
    c_int::MAX
}

#[test]
fn a_count_of_int_max_is_refused_without_calling_get_plugin() {
    let e = Session::in_process(many_get, Some(many_count), None, HostConfig::default())
        .err()
        .expect("no usable plugin");
    assert!(
        matches!(&e, HostError::Load(m) if m.contains("2147483647") && m.contains("4096")),
        "{e}"
    );
    assert_eq!(MANY_CALLS.load(Ordering::Relaxed), 0);
    assert_eq!(
        MANY_COUNTS.load(Ordering::Relaxed),
        1,
        "the count is read once"
    );
}

unsafe extern "C" fn neg_get(n: c_int) -> *mut OfxPlugin {
    nth(&ONE, n)
}
unsafe extern "C" fn neg_count() -> c_int {
    -1
}

#[test]
fn a_negative_count_is_refused() {
    let e = Session::in_process(neg_get, Some(neg_count), None, HostConfig::default())
        .err()
        .expect("no usable plugin");
    assert!(
        matches!(&e, HostError::Load(m) if m.contains("-1") && m.contains("negative")),
        "{e}"
    );
}

unsafe extern "C" fn zero_get(n: c_int) -> *mut OfxPlugin {
    nth(&ONE, n)
}
unsafe extern "C" fn zero_count() -> c_int {
    0
}

#[test]
fn a_binary_with_no_plugin_is_an_error_not_an_empty_list() {
    let e = Session::in_process(zero_get, Some(zero_count), None, HostConfig::default())
        .err()
        .expect("no plugin");
    assert!(
        matches!(&e, HostError::Load(m) if m.contains("no image-effect plugin")),
        "{e}"
    );
}

// --- null records and records of another API -----------------------------

static MIXED: [SyncPlugin; 2] = [
    record(c"OfxSomeOtherAPI", c"org.test.Foreign", 1, 0),
    record(EFFECT, c"org.test.Kept", 1, 0),
];
static MIXED_COUNTS: AtomicUsize = AtomicUsize::new(0);
unsafe extern "C" fn mixed_get(n: c_int) -> *mut OfxPlugin {
    // Index 1 is null; 0 and 2 are the records above.
    match n {
        0 => nth(&MIXED, 0),
        2 => nth(&MIXED, 1),
        _ => std::ptr::null_mut(),
    }
}
unsafe extern "C" fn mixed_count() -> c_int {
    MIXED_COUNTS.fetch_add(1, Ordering::Relaxed);
    3
}

#[test]
fn null_records_and_other_apis_are_skipped_with_a_note() {
    let s = Session::in_process(mixed_get, Some(mixed_count), None, HostConfig::default()).unwrap();
    let ids: Vec<String> = s.plugins().into_iter().map(|p| p.id).collect();
    assert_eq!(ids, ["org.test.Kept"]);
    let notes = notes(&s);
    assert!(
        notes
            .iter()
            .any(|n| n.contains("OfxGetPlugin(1) returned null")),
        "{notes:?}"
    );
    assert!(
        notes
            .iter()
            .any(|n| n.contains("org.test.Foreign") && n.contains("OfxSomeOtherAPI")),
        "{notes:?}"
    );
    assert!(s.plugin("org.test.Foreign").is_err());
    let p = s.plugin("org.test.Kept").unwrap();
    assert_eq!(p.info().index, 2);
    assert_eq!(
        MIXED_COUNTS.load(Ordering::Relaxed),
        1,
        "the count is read once"
    );
}

static FOREIGN: [SyncPlugin; 1] = [record(c"OfxSomeOtherAPI", c"org.test.Foreign", 1, 0)];
unsafe extern "C" fn foreign_get(n: c_int) -> *mut OfxPlugin {
    nth(&FOREIGN, n)
}
unsafe extern "C" fn foreign_count() -> c_int {
    1
}

#[test]
fn a_binary_of_only_other_apis_is_an_error_that_says_why() {
    let e = Session::in_process(
        foreign_get,
        Some(foreign_count),
        None,
        HostConfig::default(),
    )
    .err()
    .expect("no usable plugin");
    assert!(
        matches!(&e, HostError::Load(m) if m.contains("OfxSomeOtherAPI")),
        "{e}"
    );
}
