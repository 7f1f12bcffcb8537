//! Process-wide host state reachable from the `extern "C"` suite functions.
//!
//! Suite functions receive only handles, so the objects those handles name
//! live in registries here. Handles are globally unique (kind, slot and
//! generation), so several sessions share the registries; every object
//! records the session that owns it.
//!
//! Which session a suite call belongs to is known from the calling thread:
//! the driver installs a [`ThreadContext`] (the session and the stack of
//! actions in progress) around every action it sends, and the multi-thread
//! suite and the tile renderer carry it over to the threads they spawn. So
//! concurrent sessions (as in `cargo test`) keep separate logs.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use crate::config::HostConfig;
use crate::handle::{Handle, HandleError, HandleKind, Registry};
use crate::log::Log;
use crate::objects::{
    ClipEntry, DrawContextEntry, EffectEntry, ImageEntry, ImageMemoryEntry, InteractEntry,
    ParamSetEntry,
};
use crate::param_values::Curve;
use crate::props::PropertySet;

/// All live host objects.
pub struct HostState {
    /// Property sets handed to plugins.
    pub property_sets: Registry<PropertySet>,
    /// Parameters handed to plugins.
    pub params: Registry<ParamEntry>,
    /// Parameter sets of effect descriptors and instances.
    pub param_sets: Registry<ParamSetEntry>,
    /// Effect descriptors and instances.
    pub effects: Registry<EffectEntry>,
    /// Clip descriptors and instances.
    pub clips: Registry<ClipEntry>,
    /// Images fetched with `clipGetImage`, by their property-set handle.
    pub images: HashMap<Handle, ImageEntry>,
    /// Memory allocated with `imageMemoryAlloc`.
    pub image_memory: Registry<ImageMemoryEntry>,
    /// Interact descriptors and instances.
    pub interacts: Registry<InteractEntry>,
    /// Draw Suite contexts of draw actions in progress.
    pub draw_contexts: Registry<DrawContextEntry>,
    /// Live sessions, by the raw value of their host property set handle.
    pub sessions: HashMap<usize, Arc<SessionShared>>,
    /// The log for suite calls made outside any session.
    pub log: Arc<Log>,
}

/// A parameter: its name and its value over time.
#[derive(Clone, Debug)]
pub struct ParamEntry {
    /// The parameter's name.
    pub name: String,
    /// Its value over time.
    pub curve: Curve,
    /// Its `OfxParamType...` name.
    pub type_name: String,
    /// Its property set, once it belongs to a parameter set.
    pub props: Option<Handle>,
    /// The parameter set it belongs to, if any.
    pub set: Option<Handle>,
    /// The owning session's id (0 outside a session).
    pub session: u64,
    /// For parametric parameters: the control points `(position, value)` of
    /// each curve, sorted by position.
    pub curves: Vec<Vec<(f64, f64)>>,
}

impl ParamEntry {
    /// A parameter of `kind` named `name` that belongs to no set.
    pub fn new(name: &str, kind: crate::param_values::ParamKind) -> Self {
        ParamEntry {
            name: name.to_string(),
            curve: Curve::new(kind),
            type_name: String::new(),
            props: None,
            set: None,
            session: 0,
            curves: Vec::new(),
        }
    }
}

fn global() -> &'static Mutex<HostState> {
    static STATE: OnceLock<Mutex<HostState>> = OnceLock::new();
    STATE.get_or_init(|| {
        Mutex::new(HostState {
            property_sets: Registry::new(HandleKind::PropertySet),
            params: Registry::new(HandleKind::Param),
            param_sets: Registry::new(HandleKind::ParamSet),
            effects: Registry::new(HandleKind::Effect),
            clips: Registry::new(HandleKind::Clip),
            images: HashMap::new(),
            image_memory: Registry::new(HandleKind::ImageMemory),
            interacts: Registry::new(HandleKind::Interact),
            draw_contexts: Registry::new(HandleKind::DrawContext),
            sessions: HashMap::new(),
            log: Arc::new(Log::default()),
        })
    })
}

/// Locks the host state (recovering it if a panic poisoned the lock; every
/// mutation keeps the registries consistent).
///
/// Never call into a plugin while holding this lock: the plugin calls back
/// into suites that take it.
pub fn lock() -> MutexGuard<'static, HostState> {
    global().lock().unwrap_or_else(|e| e.into_inner())
}

/// The log suite calls are currently recorded in: the calling thread's
/// session log, or the process-wide log outside any session.
pub fn log() -> Arc<Log> {
    if let Some(s) = current_session() {
        return s.log.clone();
    }
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

// ------------------------------------------------------------- sessions

/// Per-session counters for leak accounting.
#[derive(Debug, Default)]
pub struct Counters {
    /// Images handed out by `clipGetImage`.
    pub images_fetched: AtomicUsize,
    /// Images given back with `clipReleaseImage`.
    pub images_released: AtomicUsize,
    /// Images still held when their action returned (freed by the host).
    pub images_leaked: AtomicUsize,
    /// `imageMemoryAlloc` calls that succeeded.
    pub image_memory_allocs: AtomicUsize,
    /// `imageMemoryFree` calls that succeeded.
    pub image_memory_frees: AtomicUsize,
    /// `imageMemoryUnlock` calls on memory that was not locked.
    pub unbalanced_unlocks: AtomicUsize,
    /// Memory-suite blocks allocated.
    pub memory_allocs: AtomicUsize,
    /// Memory-suite blocks freed.
    pub memory_frees: AtomicUsize,
}

/// What suite functions need to know about the session they serve.
pub struct SessionShared {
    /// A process-unique id.
    pub id: u64,
    /// The session's log.
    pub log: Arc<Log>,
    /// The emulated host.
    pub config: HostConfig,
    /// The host property set handed to the plugin in `OfxHost`.
    pub host_props: Handle,
    /// Set to make `abort` answer 1.
    pub abort: AtomicBool,
    /// Leak accounting.
    pub counters: Counters,
    /// The host threads that run `multiThread` calls (started on first use;
    /// `None` inside when they could not be started).
    pub threads: std::sync::OnceLock<Option<crate::host_threads::HostThreads>>,
    /// What `multiThread` did.
    pub thread_stats: Mutex<crate::host_threads::ThreadStats>,
    /// The session's OpenCL device (opened on the first OpenCL render).
    pub opencl: std::sync::OnceLock<Result<Arc<crate::opencl::ClDevice>, String>>,
    /// The session's OpenGL context (opened on the first OpenGL render).
    pub opengl: std::sync::OnceLock<Result<Arc<crate::opengl::GlDevice>, String>>,
}

impl SessionShared {
    /// Adds one to a counter.
    pub fn bump(counter: &AtomicUsize) {
        counter.fetch_add(1, Ordering::Relaxed);
    }
}

/// A fresh, process-unique session or frame id.
pub fn next_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// The session whose host property set is `host` (the value a plugin passes
/// to `fetchSuite`).
pub fn session_by_host(host: usize) -> Option<Arc<SessionShared>> {
    lock().sessions.get(&host).cloned()
}

/// One action in progress on a thread.
#[derive(Clone, Debug)]
pub struct ActionFrame {
    /// A process-unique id (images fetched in the action carry it).
    pub id: u64,
    /// The action name.
    pub action: String,
    /// The raw handle the action was sent to (0 for plugin-wide actions).
    pub effect: usize,
    /// The action's time argument, when it has one.
    pub time: Option<f64>,
    /// For instance-changed actions: the reason is `kOfxChangeUserEdited`.
    pub user_edited: bool,
    /// For render actions: what the render needs (scale, window, images).
    pub render: Option<Arc<crate::frames::RenderContext>>,
}

/// The calling thread's session and stack of actions in progress.
#[derive(Clone)]
pub struct ThreadContext {
    /// The session.
    pub session: Arc<SessionShared>,
    /// Actions in progress, innermost last.
    pub frames: Vec<ActionFrame>,
}

thread_local! {
    static CONTEXT: RefCell<Option<ThreadContext>> = const { RefCell::new(None) };
}

/// Restores the previous thread context when dropped.
#[must_use = "the context is uninstalled when the guard drops"]
pub struct ContextGuard {
    previous: Option<ThreadContext>,
    // Not Send: the guard belongs to the thread it was made on.
    _not_send: std::marker::PhantomData<*const ()>,
}

impl Drop for ContextGuard {
    fn drop(&mut self) {
        let prev = self.previous.take();
        CONTEXT.with(|c| *c.borrow_mut() = prev);
    }
}

/// Installs `ctx` as the calling thread's context (e.g. on a thread spawned
/// for a plugin), until the guard drops.
pub fn install(ctx: Option<ThreadContext>) -> ContextGuard {
    let previous = CONTEXT.with(|c| std::mem::replace(&mut *c.borrow_mut(), ctx));
    ContextGuard {
        previous,
        _not_send: std::marker::PhantomData,
    }
}

/// Pushes an action frame for `session` on the calling thread, until the
/// guard drops.
pub fn enter_action(session: &Arc<SessionShared>, frame: ActionFrame) -> ContextGuard {
    let mut ctx = current()
        .filter(|c| c.session.id == session.id)
        .unwrap_or_else(|| ThreadContext {
            session: session.clone(),
            frames: Vec::new(),
        });
    ctx.frames.push(frame);
    install(Some(ctx))
}

/// A copy of the calling thread's context.
pub fn current() -> Option<ThreadContext> {
    CONTEXT.with(|c| c.borrow().clone())
}

/// The calling thread's session.
pub fn current_session() -> Option<Arc<SessionShared>> {
    CONTEXT.with(|c| c.borrow().as_ref().map(|c| c.session.clone()))
}

/// The innermost action in progress on the calling thread.
pub fn current_frame() -> Option<ActionFrame> {
    CONTEXT.with(|c| c.borrow().as_ref().and_then(|c| c.frames.last().cloned()))
}
