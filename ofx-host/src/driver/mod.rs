//! The Rust driver: load a plugin binary, send it actions in the order the
//! spec lays down, and render through it.
//!
//! ```text
//! Session (binary held, OfxSetHost, setHost per plugin, own log)
//!   └─ Plugin<'s>   Load + Describe on creation, Unload on drop
//!        └─ Instance<'p>   DescribeInContext (once per context), CreateInstance,
//!                          ... DestroyInstance on drop
//! ```
//!
//! Borrowing makes the order hold: an instance cannot outlive its plugin,
//! nor a plugin its session.

mod actions;
mod clip_feeds;
mod clip_preferences;
mod gpu;
mod gpu_gl;
mod instance;
mod instance_params;
mod interacts;
mod overlay;
mod queries;
mod render;

use std::collections::BTreeMap;
use std::ffi::{CStr, c_int};
use std::path::Path;
use std::sync::{Arc, Mutex};

use ofx_sys::{
    OfxGetNumberOfPluginsFn, OfxGetPluginFn, OfxPluginEntryPoint, OfxSetHostFn, OfxStatus,
};

pub use crate::config::{
    Backend, GPU_RENDER_PROPERTIES, GpuOffer, HostConfig, MultiThread, PLUGIN_EDIT_ROUNDS, Project,
};
pub use crate::frames::{ClipFeed, FrameSource, InputBounds, InputLayout, RenderContext, Still};
pub use crate::types::Field;
pub use clip_preferences::{ClipPreference, ClipPreferences};
pub use instance::Instance;
pub use overlay::{InteractKind, Overlay, PenEvent, Viewport};
pub use render::{OutputLayout, RenderRequest};

use crate::error::HostError;
use crate::ffi::plugin_calls;
use crate::handle::Handle;
use crate::loader::{PluginBinary, PluginInfo};
use crate::log::{Log, ViolationKind};
use crate::objects::EffectEntry;
use crate::props::{PropertySet, Writer};
use crate::state::{self, Counters, SessionShared};
use crate::types::Context;
use crate::types::ofx_str;

use actions::{CallInfo, send};

/// Leak accounting of a session, read at any time (normally after the
/// plugins are dropped).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Leaks {
    /// Images fetched with `clipGetImage`.
    pub images_fetched: usize,
    /// Images released with `clipReleaseImage`.
    pub images_released: usize,
    /// Images not released before their action returned.
    pub images_leaked: usize,
    /// `imageMemoryAlloc` calls that succeeded.
    pub image_memory_allocs: usize,
    /// `imageMemoryFree` calls that succeeded.
    pub image_memory_frees: usize,
    /// Image memory allocated and not freed yet.
    pub image_memory_live: usize,
    /// Image memory currently locked (sum of lock counts).
    pub image_memory_locks: usize,
    /// `imageMemoryUnlock` calls on memory that was not locked.
    pub unbalanced_unlocks: usize,
    /// Memory-suite blocks allocated and not freed yet.
    pub memory_live: usize,
}

impl Leaks {
    /// True when nothing leaked and every lock was balanced.
    pub fn is_clean(&self) -> bool {
        self.images_leaked == 0
            && self.image_memory_live == 0
            && self.image_memory_locks == 0
            && self.unbalanced_unlocks == 0
            && self.memory_live == 0
    }
}

struct Record {
    info: PluginInfo,
    main: Option<OfxPluginEntryPoint>,
}

/// Where a plugin record is in its one life per session: a record is
/// loaded at most once, and nothing follows its Unload.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LoadState {
    /// Never loaded in this session.
    Unloaded,
    /// Loaded: a [`Plugin`] handle is alive.
    Live,
    /// Unloaded (or its Load failed): no action may reach it again.
    Done,
}

/// A [`Session`] on the plugin binary of the crate calling it, through the
/// three entry symbols that `ofx_plugin::bundle!` (or any bundle) exports
/// there: `OfxGetPlugin`, `OfxGetNumberOfPlugins` and `OfxSetHost` must be
/// in scope. With no argument the host is [`HostConfig::default`].
///
/// ```ignore
/// let s = ofx_host::in_process!().unwrap();
/// let s = ofx_host::in_process!(HostConfig { supports_tiles: false, ..HostConfig::default() })?;
/// ```
#[macro_export]
macro_rules! in_process {
    () => {
        $crate::in_process!($crate::driver::HostConfig::default())
    };
    ($config:expr) => {
        $crate::driver::Session::in_process(
            OfxGetPlugin,
            ::core::option::Option::Some(OfxGetNumberOfPlugins),
            ::core::option::Option::Some(OfxSetHost),
            $config,
        )
    };
}

/// One plugin binary, held exclusively, with the host it is given and the
/// log of everything it does.
pub struct Session {
    shared: Arc<SessionShared>,
    // Boxed: the plugin keeps a pointer to it.
    host: plugin_calls::HostRecord,
    records: Vec<Record>,
    // Records that repeat an earlier (identifier, major version): skipped.
    duplicates: Vec<PluginInfo>,
    set_host_status: Option<OfxStatus>,
    // One per record, same order.
    loads: Mutex<Vec<LoadState>>,
    // Declared last: the binary (and its library) goes after everything else.
    binary: PluginBinary,
}

impl Session {
    /// Loads the binary of a `.ofx.bundle` (or a binary file) with `dlopen`.
    ///
    /// Loading a plugin runs its code: as with any host, a binary that does
    /// not follow the OFX contract can corrupt the process.
    ///
    /// # Errors
    /// [`HostError::Load`] when the binary cannot be opened or offers no
    /// usable image-effect plugin (the message says why).
    pub fn load_bundle(path: &Path, config: HostConfig) -> Result<Session, HostError> {
        let binary = PluginBinary::open(path).map_err(HostError::Load)?;
        Session::start(binary, config)
    }

    /// A session on a plugin binary linked into this process, given by its
    /// exports (`OfxGetPlugin`, optionally `OfxGetNumberOfPlugins` and
    /// `OfxSetHost`). No `dlopen`.
    ///
    /// The functions must be an OFX binary's exports (as generated by
    /// `ofx_plugin::bundle!`): the host calls them and the records they return.
    ///
    /// # Errors
    /// [`HostError::Load`] when the binary offers no usable image-effect
    /// plugin (the message says why).
    pub fn in_process(
        get_plugin: OfxGetPluginFn,
        count: Option<OfxGetNumberOfPluginsFn>,
        set_host: Option<OfxSetHostFn>,
        config: HostConfig,
    ) -> Result<Session, HostError> {
        // The constructor only records the functions; they are called below
        // under the OFX contract documented on this function.
        let binary = crate::loader::InProcessBinary::from_exports(get_plugin, count, set_host);
        Session::start(binary, config)
    }

    fn start(binary: PluginBinary, config: HostConfig) -> Result<Session, HostError> {
        let host_props = state::add_property_set(config.host_properties());
        let shared = Arc::new(SessionShared {
            id: state::next_id(),
            log: Arc::new(Log::default()),
            config,
            host_props,
            abort: Default::default(),
            counters: Counters::default(),
            threads: Default::default(),
            thread_stats: Default::default(),
            opencl: Default::default(),
            opengl: Default::default(),
        });
        state::lock()
            .sessions
            .insert(host_props.raw(), shared.clone());
        let host = plugin_calls::HostRecord::new(host_props.raw());
        let mut session = Session {
            shared,
            host,
            records: Vec::new(),
            duplicates: Vec::new(),
            set_host_status: None,
            loads: Mutex::new(Vec::new()),
            binary,
        };
        let refusals = session.enumerate();
        if session.records.is_empty() {
            return Err(HostError::Load(if refusals.is_empty() {
                "the binary offers no image-effect plugin".into()
            } else {
                format!(
                    "the binary offers no usable image-effect plugin: {}",
                    refusals.join("; ")
                )
            }));
        }
        *session.loads.get_mut().unwrap_or_else(|e| e.into_inner()) =
            vec![LoadState::Unloaded; session.records.len()];
        Ok(session)
    }

    /// OfxSetHost (when exported), then OfxGetNumberOfPlugins (once, capped
    /// at [`MAX_PLUGINS`](crate::loader::MAX_PLUGINS)), then for each plugin
    /// OfxGetPlugin, the API check, the duplicate check and setHost. Returns
    /// why records were refused (also noted in the log).
    fn enumerate(&mut self) -> Vec<String> {
        let _ctx = state::install(Some(state::ThreadContext {
            session: self.shared.clone(),
            frames: Vec::new(),
        }));
        let log = self.shared.log.clone();
        if let Some(f) = self.binary.set_host {
            let status = plugin_calls::ofx_set_host(f, self.host.get());
            log.note(format!(
                "OfxSetHost returned {}",
                crate::error::status_name(status)
            ));
            self.set_host_status = Some(status);
            if status == ofx_sys::kOfxStatFailed {
                let why = "the binary declined this host (OfxSetHost failed)".to_string();
                log.note(format!("{why}: no plugins"));
                return vec![why];
            }
        }
        let mut refusals = Vec::new();
        let mut refuse = |why: String| {
            log.note(why.clone());
            refusals.push(why);
        };
        let count = self.binary.plugin_count();
        if let Some(why) = count.refusal() {
            refuse(why);
        }
        // At most MAX_PLUGINS, which fits a c_int.
        let count = c_int::try_from(count.usable()).unwrap_or(0);
        for index in 0..count {
            let Some(rec) = plugin_calls::get_plugin(self.binary.get_plugin_fn(), index) else {
                refuse(format!("OfxGetPlugin({index}) returned null: skipped"));
                continue;
            };
            let p = rec.record;
            let info = PluginInfo {
                index: index as usize,
                api: rec.api,
                api_version: p.apiVersion,
                id: rec.id,
                version_major: p.pluginVersionMajor,
                version_minor: p.pluginVersionMinor,
            };
            let api_ok = info.api.as_bytes() == ofx_sys::kOfxImageEffectPluginApi.to_bytes()
                && info.api_version == ofx_sys::kOfxImageEffectPluginApiVersion;
            if !api_ok {
                refuse(format!(
                    "plugin '{}' skipped: API {} version {} is not supported",
                    info.id, info.api, info.api_version
                ));
                continue;
            }
            // A plugin is its identifier and major version: a second record
            // of the same pair would be unreachable, so the first is used.
            if let Some(first) = self
                .records
                .iter()
                .find(|r| r.info.id == info.id && r.info.version_major == info.version_major)
            {
                refuse(format!(
                    "plugin '{}' version {}.{} (OfxGetPlugin({index})) repeats the identifier \
                     and major version of OfxGetPlugin({}): skipped, the first is used",
                    info.id, info.version_major, info.version_minor, first.info.index
                ));
                self.duplicates.push(info);
                continue;
            }
            match p.setHost {
                Some(f) => plugin_calls::set_host(f, self.host.get()),
                None => log.note(format!("plugin '{}' has no setHost", info.id)),
            }
            self.records.push(Record {
                info,
                main: p.mainEntry,
            });
        }
        refusals
    }

    /// The image-effect plugins of the binary (those whose API and version
    /// this host supports), in `OfxGetPlugin` order; every (identifier,
    /// major version) pair appears once.
    pub fn plugins(&self) -> Vec<PluginInfo> {
        self.records.iter().map(|r| r.info.clone()).collect()
    }

    /// Records skipped because an earlier record of the binary has the same
    /// identifier and major version (the first one is used). A binary
    /// should have none.
    pub fn duplicates(&self) -> &[PluginInfo] {
        &self.duplicates
    }

    /// The status `OfxSetHost` returned, when the binary exports it.
    pub fn set_host_status(&self) -> Option<OfxStatus> {
        self.set_host_status
    }

    /// The session's log: every action, suite call, violation and note.
    pub fn log(&self) -> &Log {
        &self.shared.log
    }

    /// The log, shared (it stays readable after the session is dropped).
    pub fn shared_log(&self) -> Arc<Log> {
        self.shared.log.clone()
    }

    /// The emulated host.
    pub fn config(&self) -> &HostConfig {
        &self.shared.config
    }

    /// The raw host property set handle (`OfxHost.host`).
    pub fn host_properties_handle(&self) -> usize {
        self.shared.host_props.raw()
    }

    /// A copy of the host property set.
    pub fn host_properties(&self) -> PropertySet {
        state::with_property_set(self.shared.host_props, |s| s.clone()).unwrap_or_default()
    }

    /// Makes the image-effect suite's `abort` answer 1 (true) or 0.
    pub fn set_abort(&self, abort: bool) {
        self.shared
            .abort
            .store(abort, std::sync::atomic::Ordering::Relaxed);
    }

    /// What the MultiThread suite did for this session's plugins so far:
    /// `multiThread` calls, the thread-function calls they made and the
    /// threads that ran them.
    pub fn thread_stats(&self) -> crate::host_threads::ThreadStats {
        self.shared
            .thread_stats
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Leak accounting so far.
    pub fn leaks(&self) -> Leaks {
        use std::sync::atomic::Ordering::Relaxed;
        let c = &self.shared.counters;
        let id = self.shared.id;
        let (live, locks) = {
            let st = state::lock();
            st.image_memory
                .iter()
                .filter(|(_, m)| m.session == id)
                .fold((0, 0), |(n, l), (_, m)| (n + 1, l + m.locks as usize))
        };
        Leaks {
            images_fetched: c.images_fetched.load(Relaxed),
            images_released: c.images_released.load(Relaxed),
            images_leaked: c.images_leaked.load(Relaxed),
            image_memory_allocs: c.image_memory_allocs.load(Relaxed),
            image_memory_frees: c.image_memory_frees.load(Relaxed),
            image_memory_live: live,
            image_memory_locks: locks,
            unbalanced_unlocks: c.unbalanced_unlocks.load(Relaxed),
            memory_live: crate::ffi::suites::live_memory_blocks_for(id),
        }
    }

    /// Loads the plugin `name`: `kOfxActionLoad`, then `kOfxActionDescribe`.
    /// `name` is an identifier, meaning its highest major version in the
    /// binary, or `identifier@major` (see
    /// [`parse_plugin_ref`](crate::loader::parse_plugin_ref)) for that major
    /// version. The plugin is unloaded when the returned value drops.
    ///
    /// # Errors
    /// [`HostError::NotFound`] for an unknown plugin or version;
    /// [`HostError::Invalid`] when that plugin is loaded already, or was
    /// in this session: a plugin is loaded at most once per session, since
    /// no action may follow its `kOfxActionUnload`; [`HostError::Action`]
    /// when Load or Describe fails.
    pub fn plugin(&self, name: &str) -> Result<Plugin<'_>, HostError> {
        let (id, major) = crate::loader::parse_plugin_ref(name);
        let found = match major {
            Some(major) => self.find(id, major),
            None => self
                .records
                .iter()
                .enumerate()
                .filter(|(_, r)| r.info.id == id)
                .max_by_key(|(_, r)| r.info.version_major)
                .map(|(i, _)| i),
        };
        match found {
            Some(index) => self.load(index),
            None => Err(self.not_found(id, major)),
        }
    }

    /// Loads major version `major` of the plugin `id`, as [`Session::plugin`]
    /// does.
    ///
    /// # Errors
    /// As [`Session::plugin`].
    pub fn plugin_version(&self, id: &str, major: u32) -> Result<Plugin<'_>, HostError> {
        match self.find(id, major) {
            Some(index) => self.load(index),
            None => Err(self.not_found(id, Some(major))),
        }
    }

    fn find(&self, id: &str, major: u32) -> Option<usize> {
        self.records
            .iter()
            .position(|r| r.info.id == id && r.info.version_major == major)
    }

    fn not_found(&self, id: &str, major: Option<u32>) -> HostError {
        let majors: Vec<String> = self
            .records
            .iter()
            .filter(|r| r.info.id == id)
            .map(|r| r.info.version_major.to_string())
            .collect();
        match major {
            Some(major) if !majors.is_empty() => HostError::NotFound(format!(
                "plugin '{id}' version {major} (the binary has major version(s) {})",
                majors.join(", ")
            )),
            _ => HostError::NotFound(format!("plugin '{id}'")),
        }
    }

    fn set_load_state(&self, index: usize, state: LoadState) {
        if let Some(s) = self
            .loads
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get_mut(index)
        {
            *s = state;
        }
    }

    fn load(&self, index: usize) -> Result<Plugin<'_>, HostError> {
        let info = &self.records[index].info;
        let (id, version) = (&info.id, info.version_major);
        let entry = self.records[index].main.ok_or_else(|| {
            HostError::Load(format!("plugin '{id}' version {version} has no mainEntry"))
        })?;
        {
            let mut loads = self.loads.lock().unwrap_or_else(|e| e.into_inner());
            match loads.get(index).copied() {
                Some(LoadState::Unloaded) => loads[index] = LoadState::Live,
                Some(LoadState::Live) => {
                    return Err(HostError::Invalid(format!(
                        "plugin '{id}' version {version} is already loaded in this session"
                    )));
                }
                _ => {
                    return Err(HostError::Invalid(format!(
                        "plugin '{id}' version {version} was loaded once in this session: no \
                         action may follow its OfxActionUnload, so it is not loaded again \
                         (open a new session)"
                    )));
                }
            }
        }
        let forget = || self.set_load_state(index, LoadState::Done);
        let status = send(
            &self.shared,
            (&format!("{id} {version}"), entry),
            ofx_sys::kOfxActionLoad,
            0,
            None,
            None,
            CallInfo::default(),
        );
        if !matches!(status, ofx_sys::kOfxStatOK | ofx_sys::kOfxStatReplyDefault) {
            forget();
            return Err(HostError::Action {
                action: ofx_str(ofx_sys::kOfxActionLoad).into(),
                status,
            });
        }
        let mut props = PropertySet::from_table("EffectDescriptor")
            .unwrap_or_else(|| PropertySet::empty("EffectDescriptor"));
        if self.shared.config.can_transform {
            // The extension's flag, written by the plugin (default 0).
            props.define(
                crate::extensions::CAN_TRANSFORM,
                crate::props::PropType::Int,
                crate::props::Dimension::Fixed(1),
                true,
            );
            actions::ok(props.set_int(crate::extensions::CAN_TRANSFORM, 0, 0, Writer::Host));
        }
        actions::ok(props.set_string(
            ofx_str(ofx_sys::kOfxPropType),
            0,
            ofx_str(ofx_sys::kOfxTypeImageEffect),
            Writer::Host,
        ));
        let props = state::add_property_set(props);
        // The descriptor of plain Describe has a parameter set too: plugins
        // built on the C++ Support library fetch it there (and define their
        // parameters later, in describe-in-context).
        let mut effect = EffectEntry::new(self.shared.id, props, false);
        effect.param_set = crate::driver::instance::new_descriptor_param_set(self.shared.id);
        let descriptor = state::lock().effects.insert(effect);
        let plugin = Plugin {
            session: self,
            index,
            entry,
            descriptor,
            contexts: Mutex::new(BTreeMap::new()),
            interacts: Mutex::new(Vec::new()),
        };
        let status = plugin.send(
            ofx_sys::kOfxActionDescribe,
            descriptor.raw(),
            None,
            None,
            CallInfo::default(),
        );
        if !matches!(status, ofx_sys::kOfxStatOK | ofx_sys::kOfxStatReplyDefault) {
            // Dropping the plugin unloads it and frees the descriptor.
            drop(plugin);
            return Err(HostError::Action {
                action: ofx_str(ofx_sys::kOfxActionDescribe).into(),
                status,
            });
        }
        let defined = state::lock()
            .effects
            .get(descriptor)
            .ok()
            .and_then(|e| e.param_set);
        let count = defined
            .and_then(|set| crate::param_sets::describe(set).ok())
            .map_or(0, |params| params.len());
        if count > 0 {
            self.shared.log.note(format!(
                "{count} parameter(s) defined in OfxActionDescribe belong to no context and are \
                 ignored: parameters are defined in OfxImageEffectActionDescribeInContext"
            ));
        }
        Ok(plugin)
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let id = self.shared.id;
        // Image memory still allocated by this session's plugins.
        let leaked: Vec<(Handle, usize)> = {
            let mut st = state::lock();
            let hs: Vec<(Handle, usize)> = st
                .image_memory
                .iter()
                .filter(|(_, m)| m.session == id)
                .map(|(h, m)| (h, m.len))
                .collect();
            for (h, _) in &hs {
                let _ = st.image_memory.remove(*h);
            }
            st.sessions.remove(&self.shared.host_props.raw());
            let _ = st.property_sets.remove(self.shared.host_props);
            hs
        };
        for (h, len) in leaked {
            self.shared.log.violation(
                ViolationKind::LeakedMemory,
                format!("image memory {:#x} ({len} bytes) never freed", h.raw()),
            );
        }
        let blocks = crate::ffi::suites::live_memory_blocks_for(id);
        if blocks > 0 {
            self.shared.log.violation(
                ViolationKind::LeakedMemory,
                format!("{blocks} memory-suite block(s) never freed"),
            );
        }
    }
}

/// A loaded plugin (Load and Describe done); unloaded on drop.
pub struct Plugin<'s> {
    session: &'s Session,
    index: usize,
    entry: OfxPluginEntryPoint,
    descriptor: Handle,
    contexts: Mutex<BTreeMap<Context, Handle>>,
    // Interact descriptors, by the address of their entry point.
    interacts: Mutex<Vec<(usize, Handle)>>,
}

/// What describe-in-context declared for one context.
#[derive(Clone, Debug)]
pub struct ContextInfo {
    /// The context.
    pub context: Context,
    /// The raw handle of the per-context descriptor.
    pub handle: usize,
    /// The per-context descriptor's properties.
    pub props: PropertySet,
    /// The clips defined, in order, with their descriptor properties.
    pub clips: Vec<(String, PropertySet)>,
    /// The raw handle of the per-context parameter set, when there is one.
    pub param_set: Option<usize>,
}

impl<'s> Plugin<'s> {
    /// The session the plugin lives in.
    pub fn session(&self) -> &'s Session {
        self.session
    }

    /// What the plugin's `OfxPlugin` record says.
    pub fn info(&self) -> &PluginInfo {
        &self.session.records[self.index].info
    }

    /// The raw handle of the plugin's descriptor (as passed to describe).
    pub fn descriptor_handle(&self) -> usize {
        self.descriptor.raw()
    }

    /// A copy of the descriptor's properties as describe left them.
    pub fn descriptor(&self) -> PropertySet {
        effect_props(self.descriptor)
    }

    /// The contexts the plugin declared (`kOfxImageEffectPropSupportedContexts`),
    /// in its order; names that are not OpenFX contexts are left out (the
    /// validator's `declared-formats` check reports them).
    pub fn contexts(&self) -> Vec<Context> {
        self.context_names()
            .iter()
            .filter_map(|c| Context::parse(c))
            .collect()
    }

    /// The context names the plugin declared, as it wrote them.
    pub(crate) fn context_names(&self) -> Vec<String> {
        self.descriptor()
            .get_string_n(ofx_str(ofx_sys::kOfxImageEffectPropSupportedContexts))
            .unwrap_or_default()
    }

    pub(crate) fn send(
        &self,
        action: &CStr,
        handle: usize,
        in_args: Option<Handle>,
        out_args: Option<Handle>,
        info: CallInfo,
    ) -> OfxStatus {
        let record = &self.session.records[self.index].info;
        send(
            &self.session.shared,
            (
                &format!("{} {}", record.id, record.version_major),
                self.entry,
            ),
            action,
            handle,
            in_args,
            out_args,
            info,
        )
    }

    pub(crate) fn shared(&self) -> &Arc<SessionShared> {
        &self.session.shared
    }

    /// Sends any action (even one this host does not know) to `handle`,
    /// with raw argument set handles; returns the plugin's status as is.
    /// The call is logged like every other.
    pub fn call_action(
        &self,
        action: &CStr,
        handle: usize,
        in_args: Option<usize>,
        out_args: Option<usize>,
    ) -> OfxStatus {
        self.send(
            action,
            handle,
            in_args.map(Handle::from_raw),
            out_args.map(Handle::from_raw),
            CallInfo::default(),
        )
    }

    /// Describes the plugin in `context` (once; later calls return the same
    /// descriptor): a fresh descriptor copied from describe's, then
    /// `kOfxImageEffectActionDescribeInContext`.
    pub fn describe_in_context(&self, context: Context) -> Result<ContextInfo, HostError> {
        let handle = self.context_descriptor(context)?;
        Ok(context_info(context, handle))
    }

    pub(crate) fn context_descriptor(&self, context: Context) -> Result<Handle, HostError> {
        if let Some(h) = self
            .contexts
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&context)
        {
            return Ok(*h);
        }
        if !self.session.shared.config.supports_context(context) {
            return Err(HostError::Unsupported(format!(
                "the host does not offer context '{context}'"
            )));
        }
        if !self.contexts().contains(&context) {
            return Err(HostError::NotFound(format!(
                "context '{context}' (the plugin declares {:?})",
                self.contexts()
            )));
        }
        let props = state::add_property_set(self.descriptor());
        let mut entry = EffectEntry::new(self.session.shared.id, props, false);
        entry.context = Some(context.ofx_name().to_string());
        entry.param_set = crate::driver::instance::new_descriptor_param_set(self.session.shared.id);
        let handle = state::lock().effects.insert(entry);
        let mut in_args = actions::arg_set(
            "inArgs:DescribeInContext",
            &[ofx_str(ofx_sys::kOfxImageEffectPropContext)],
            false,
        );
        actions::ok(in_args.set_string(
            ofx_str(ofx_sys::kOfxImageEffectPropContext),
            0,
            context.ofx_name(),
            Writer::Host,
        ));
        let (status, _) = actions::with_registered(in_args, |h| {
            self.send(
                ofx_sys::kOfxImageEffectActionDescribeInContext,
                handle.raw(),
                Some(h),
                None,
                CallInfo::default(),
            )
        });
        if !matches!(status, ofx_sys::kOfxStatOK | ofx_sys::kOfxStatReplyDefault) {
            free_effect(handle);
            return Err(HostError::Action {
                action: ofx_str(ofx_sys::kOfxImageEffectActionDescribeInContext).into(),
                status,
            });
        }
        self.contexts
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(context, handle);
        Ok(handle)
    }

    /// Creates an instance in `context` (describing the context first if
    /// needed). The instance is destroyed when the value drops.
    pub fn create_instance(&self, context: Context) -> Result<Instance<'_>, HostError> {
        let descriptor = self.context_descriptor(context)?;
        Instance::create(self, descriptor, context)
    }
}

impl Drop for Plugin<'_> {
    fn drop(&mut self) {
        let _ = self.send(
            ofx_sys::kOfxActionUnload,
            0,
            None,
            None,
            CallInfo::default(),
        );
        let contexts =
            std::mem::take(&mut *self.contexts.lock().unwrap_or_else(|e| e.into_inner()));
        for (_, h) in contexts {
            free_effect(h);
        }
        let interacts =
            std::mem::take(&mut *self.interacts.lock().unwrap_or_else(|e| e.into_inner()));
        for (_, h) in interacts {
            interacts::free_interact(h);
        }
        free_effect(self.descriptor);
        self.session.set_load_state(self.index, LoadState::Done);
    }
}

/// A copy of an effect's properties.
pub(crate) fn effect_props(effect: Handle) -> PropertySet {
    let props = state::lock().effects.get(effect).map(|e| e.props).ok();
    props
        .and_then(|p| state::with_property_set(p, |s| s.clone()).ok())
        .unwrap_or_default()
}

fn context_info(context: Context, handle: Handle) -> ContextInfo {
    let st = state::lock();
    let entry = st.effects.get(handle).ok();
    let props = entry
        .and_then(|e| st.property_sets.get(e.props).ok())
        .cloned()
        .unwrap_or_default();
    let clips = entry
        .map(|e| {
            e.clips
                .iter()
                .map(|(n, c)| {
                    let p = st
                        .clips
                        .get(*c)
                        .ok()
                        .and_then(|c| st.property_sets.get(c.props).ok())
                        .cloned()
                        .unwrap_or_default();
                    (n.clone(), p)
                })
                .collect()
        })
        .unwrap_or_default();
    ContextInfo {
        context,
        handle: handle.raw(),
        props,
        clips,
        param_set: entry.and_then(|e| e.param_set).map(Handle::raw),
    }
}

/// Frees an effect, its clips and their property sets; its handles become
/// stale.
pub(crate) fn free_effect(handle: Handle) {
    let param_set = {
        let mut st = state::lock();
        let Ok(entry) = st.effects.remove(handle) else {
            return;
        };
        let _ = st.property_sets.remove(entry.props);
        for (_, c) in entry.clips {
            if let Ok(clip) = st.clips.remove(c) {
                let _ = st.property_sets.remove(clip.props);
            }
        }
        entry.param_set
    };
    if let Some(ps) = param_set {
        crate::driver::instance::free_param_set(ps);
    }
}
