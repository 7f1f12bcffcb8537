//! Process-wide host state reachable from the `extern "C"` suite functions.
//!
//! Suite functions receive only handles, so the objects those handles name
//! live in registries here. Handles are globally unique (kind, slot and
//! generation), so several sessions may share the registries.

use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use crate::handle::{Handle, HandleError, HandleKind, Registry};
use crate::log::Log;
use crate::params::Curve;
use crate::props::PropertySet;

/// All live host objects.
pub struct HostState {
    /// Property sets handed to plugins.
    pub property_sets: Registry<PropertySet>,
    /// Parameters handed to plugins.
    pub params: Registry<ParamEntry>,
    /// The log suite calls are recorded in.
    pub log: Arc<Log>,
}

/// A parameter: its name and its value over time.
#[derive(Clone, Debug)]
pub struct ParamEntry {
    /// The parameter's name.
    pub name: String,
    /// Its value over time.
    pub curve: Curve,
}

fn global() -> &'static Mutex<HostState> {
    static STATE: OnceLock<Mutex<HostState>> = OnceLock::new();
    STATE.get_or_init(|| {
        Mutex::new(HostState {
            property_sets: Registry::new(HandleKind::PropertySet),
            params: Registry::new(HandleKind::Param),
            log: Arc::new(Log::default()),
        })
    })
}

/// Locks the host state (recovering it if a panic poisoned the lock; every
/// mutation keeps the registries consistent).
pub fn lock() -> MutexGuard<'static, HostState> {
    global().lock().unwrap_or_else(|e| e.into_inner())
}

/// The log suite calls are currently recorded in.
pub fn log() -> Arc<Log> {
    lock().log.clone()
}

/// Registers a property set and returns its handle.
pub fn add_property_set(set: PropertySet) -> Handle {
    lock().property_sets.insert(set)
}

/// Frees a property set; its handle becomes stale.
pub fn remove_property_set(handle: Handle) -> Result<PropertySet, HandleError> {
    lock().property_sets.remove(handle)
}

/// Runs `f` on the property set named by `handle`.
pub fn with_property_set<R>(
    handle: Handle,
    f: impl FnOnce(&mut PropertySet) -> R,
) -> Result<R, HandleError> {
    let mut st = lock();
    let set = st.property_sets.get_mut(handle)?;
    Ok(f(set))
}

/// Registers a parameter and returns its handle.
pub fn add_param(entry: ParamEntry) -> Handle {
    lock().params.insert(entry)
}

/// Runs `f` on the parameter named by `handle`.
pub fn with_param<R>(
    handle: Handle,
    f: impl FnOnce(&mut ParamEntry) -> R,
) -> Result<R, HandleError> {
    let mut st = lock();
    let p = st.params.get_mut(handle)?;
    Ok(f(p))
}
