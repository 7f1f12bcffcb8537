//! A loaded plugin: Load and Describe on creation, describe-in-context
//! per context, the actions sent to it, its instances, and Unload on drop.

use std::collections::BTreeMap;
use std::ffi::CStr;
use std::sync::{Arc, Mutex};

use ofx_sys::{OfxPluginEntryPoint, OfxStatus};

use crate::error::HostError;
use crate::handle::Handle;
use crate::loader::PluginInfo;
use crate::objects::EffectEntry;
use crate::props::{PropertySet, Writer};
use crate::state::{self, SessionShared};
use crate::types::Context;
use crate::types::ofx_str;

use super::Instance;
use super::actions::{self, CallInfo, send};
use super::interacts;
use super::session::{LoadState, Session};

/// A loaded plugin (Load and Describe done); unloaded on drop.
pub struct Plugin<'s> {
    pub(super) session: &'s Session,
    pub(super) index: usize,
    pub(super) entry: OfxPluginEntryPoint,
    pub(super) descriptor: Handle,
    pub(super) contexts: Mutex<BTreeMap<Context, Handle>>,
    // Interact descriptors, by the address of their entry point.
    pub(super) interacts: Mutex<Vec<(usize, Handle)>>,
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
