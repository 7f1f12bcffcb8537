//! Effect instances: the `Instance` value, its creation (clips, parameter
//! set and properties copied from the context descriptor), its clips and
//! properties, and its destruction on drop.
//!
//! The instance's other jobs live beside it, each an `impl Instance` of its
//! own: [`super::clip_feeds`] (inputs), [`super::instance_params`]
//! (parameters and instance-changed), [`super::clip_preferences`]
//! (clip-preference negotiation) and [`super::queries`] (RoD, RoI, frames
//! needed, identity, time domain).

use std::sync::{Arc, Mutex};

use ofx_sys::OfxStatus;

use super::actions::{CallInfo, ok};
use super::clip_preferences::ClipPreferences;
use super::{Plugin, effect_props, free_effect};
use crate::error::HostError;
use crate::frames::ClipFeed;
use crate::handle::Handle;
use crate::log::ViolationKind;
use crate::objects::{ClipEntry, EffectEntry};
use crate::props::{PropertySet, Values, Writer};
use crate::state;
use crate::types::Context;
use crate::types::ofx_str;

// ------------------------------------------------------ parameter bridge
//
// Parameter sets live in `crate::param_sets`; these are the driver's calls.

pub(crate) fn new_descriptor_param_set(session: u64) -> Option<Handle> {
    Some(crate::param_sets::new_param_set(session, true))
}

fn instantiate_param_set(
    descriptor: Option<Handle>,
    project: &crate::config::Project,
) -> Option<Handle> {
    descriptor.and_then(|d| crate::param_sets::instantiate(d, project).ok())
}

pub(crate) fn free_param_set(set: Handle) {
    crate::param_sets::remove_param_set(set);
}

// --------------------------------------------------------------- helpers

pub(super) fn copy_prop(src: &PropertySet, dst: &mut PropertySet, name: &str) {
    let Some(p) = src.get(name) else { return };
    let h = Writer::Host;
    let _ = match p.values() {
        Values::Int(v) => dst.set_int_n(name, v, h),
        Values::Double(v) => dst.set_double_n(name, v, h),
        Values::Pointer(v) => dst.set_pointer_n(name, v, h),
        Values::String(v) => {
            let s: Vec<String> = v.iter().map(|c| c.to_string_lossy().into_owned()).collect();
            let r: Vec<&str> = s.iter().map(String::as_str).collect();
            dst.set_string_n(name, &r, h)
        }
    };
}

/// The output clip's name.
pub(crate) const OUTPUT: &str = crate::types::ClipName::OUTPUT.as_str();

/// An effect instance; destroyed (`kOfxActionDestroyInstance`) on drop.
pub struct Instance<'p> {
    pub(crate) plugin: &'p Plugin<'p>,
    pub(crate) handle: Handle,
    pub(super) context: Context,
    pub(super) prefs: Mutex<Option<ClipPreferences>>,
    /// The plugin's parameter writes counted when `prefs` was computed.
    pub(super) prefs_writes: std::sync::atomic::AtomicU64,
    /// The backend the last render ran on.
    pub(super) rendered_with: Mutex<Option<crate::config::Backend>>,
    /// The OpenGL context the instance was told of with the attached
    /// action (the detached action goes before destroy).
    pub(super) gl_attached: Mutex<Option<Arc<crate::opengl::GlDevice>>>,
}

impl<'p> Instance<'p> {
    pub(crate) fn create(
        plugin: &'p Plugin<'p>,
        descriptor: Handle,
        context: Context,
    ) -> Result<Instance<'p>, HostError> {
        let shared = plugin.shared().clone();
        let cfg = &shared.config;
        let desc_props = effect_props(descriptor);
        let (desc_clips, desc_params) = {
            let st = state::lock();
            let e = st
                .effects
                .get(descriptor)
                .map_err(|_| HostError::NotFound("context descriptor".into()))?;
            let clips: Vec<(String, PropertySet)> = e
                .clips
                .iter()
                .filter_map(|(n, c)| {
                    let c = st.clips.get(*c).ok()?;
                    Some((n.clone(), st.property_sets.get(c.props).ok()?.clone()))
                })
                .collect();
            (clips, e.param_set)
        };
        let h = Writer::Host;
        let mut props = PropertySet::from_table("EffectInstance")
            .unwrap_or_else(|| PropertySet::empty("EffectInstance"));
        let pr = &cfg.project;
        let tiles = cfg.supports_tiles
            && desc_props
                .get_int(ofx_str(ofx_sys::kOfxImageEffectPropSupportsTiles), 0)
                .unwrap_or(1)
                != 0;
        ok(props.set_string(
            ofx_str(ofx_sys::kOfxPropType),
            0,
            ofx_str(ofx_sys::kOfxTypeImageEffectInstance),
            h,
        ));
        ok(props.set_string(
            ofx_str(ofx_sys::kOfxImageEffectPropContext),
            0,
            context.ofx_name(),
            h,
        ));
        ok(props.set_double_n(
            ofx_str(ofx_sys::kOfxImageEffectPropProjectSize),
            &[pr.size.x, pr.size.y],
            h,
        ));
        ok(props.set_double_n(
            ofx_str(ofx_sys::kOfxImageEffectPropProjectOffset),
            &[pr.offset.x, pr.offset.y],
            h,
        ));
        ok(props.set_double_n(
            ofx_str(ofx_sys::kOfxImageEffectPropProjectExtent),
            &[pr.extent.x, pr.extent.y],
            h,
        ));
        ok(props.set_double(
            ofx_str(ofx_sys::kOfxImageEffectPropProjectPixelAspectRatio),
            0,
            pr.pixel_aspect_ratio,
            h,
        ));
        ok(props.set_double(
            ofx_str(ofx_sys::kOfxImageEffectInstancePropEffectDuration),
            0,
            pr.frame_range.1 - pr.frame_range.0 + 1.0,
            h,
        ));
        ok(props.set_int(
            ofx_str(ofx_sys::kOfxImageEffectInstancePropSequentialRender),
            0,
            desc_props
                .get_int(
                    ofx_str(ofx_sys::kOfxImageEffectInstancePropSequentialRender),
                    0,
                )
                .unwrap_or(0),
            h,
        ));
        ok(props.set_int(
            ofx_str(ofx_sys::kOfxImageEffectPropSupportsTiles),
            0,
            i32::from(tiles),
            h,
        ));
        ok(props.set_double(
            ofx_str(ofx_sys::kOfxImageEffectPropFrameRate),
            0,
            pr.frame_rate,
            h,
        ));
        ok(props.set_int(ofx_str(ofx_sys::kOfxPropIsInteractive), 0, 0, h));
        // The plugin's OpenGL declaration, where the host offers OpenGL.
        let gl_declared = desc_props
            .get_string(
                ofx_str(ofx_sys::kOfxImageEffectPropOpenGLRenderSupported),
                0,
            )
            .ok()
            .filter(|v| cfg.gpu.opengl && super::gpu::declares(v))
            .unwrap_or_else(|| "false".into());
        let _ = props.set_string(
            ofx_str(ofx_sys::kOfxImageEffectPropOpenGLRenderSupported),
            0,
            &gl_declared,
            h,
        );
        let _ = props.set_string(
            ofx_str(ofx_sys::kOfxImageEffectPropCPURenderSupported),
            0,
            "true",
            h,
        );
        let props = state::add_property_set(props);
        let mut entry = EffectEntry::new(shared.id, props, true);
        entry.context = Some(context.to_string());
        entry.param_set = instantiate_param_set(desc_params, pr);
        entry.temporal_access = desc_props
            .get_int(ofx_str(ofx_sys::kOfxImageEffectPropTemporalClipAccess), 0)
            .unwrap_or(0)
            != 0;
        let handle = state::lock().effects.insert(entry);
        for (name, dp) in &desc_clips {
            let mut cp = PropertySet::from_table("ClipInstance")
                .unwrap_or_else(|| PropertySet::empty("ClipInstance"));
            for n in [
                ofx_str(ofx_sys::kOfxPropName),
                ofx_str(ofx_sys::kOfxPropLabel),
                ofx_str(ofx_sys::kOfxPropShortLabel),
                ofx_str(ofx_sys::kOfxPropLongLabel),
                ofx_str(ofx_sys::kOfxImageEffectPropSupportedComponents),
                ofx_str(ofx_sys::kOfxImageEffectPropTemporalClipAccess),
                ofx_str(ofx_sys::kOfxImageClipPropOptional),
                ofx_str(ofx_sys::kOfxImageClipPropFieldExtraction),
                ofx_str(ofx_sys::kOfxImageClipPropIsMask),
            ] {
                copy_prop(dp, &mut cp, n);
            }
            ok(cp.set_string(
                ofx_str(ofx_sys::kOfxPropType),
                0,
                ofx_str(ofx_sys::kOfxTypeClip),
                h,
            ));
            ok(cp.set_int(
                ofx_str(ofx_sys::kOfxImageEffectPropSupportsTiles),
                0,
                i32::from(tiles),
                h,
            ));
            ok(cp.set_double(
                ofx_str(ofx_sys::kOfxImagePropPixelAspectRatio),
                0,
                pr.pixel_aspect_ratio,
                h,
            ));
            ok(cp.set_double(
                ofx_str(ofx_sys::kOfxImageEffectPropFrameRate),
                0,
                pr.frame_rate,
                h,
            ));
            ok(cp.set_double(
                ofx_str(ofx_sys::kOfxImageEffectPropUnmappedFrameRate),
                0,
                pr.frame_rate,
                h,
            ));
            ok(cp.set_double_n(
                ofx_str(ofx_sys::kOfxImageEffectPropFrameRange),
                &[pr.frame_range.0, pr.frame_range.1],
                h,
            ));
            ok(cp.set_double_n(
                ofx_str(ofx_sys::kOfxImageEffectPropUnmappedFrameRange),
                &[pr.frame_range.0, pr.frame_range.1],
                h,
            ));
            ok(cp.set_string(
                ofx_str(ofx_sys::kOfxImageClipPropFieldOrder),
                0,
                ofx_str(ofx_sys::kOfxImageFieldNone),
                h,
            ));
            ok(cp.set_int(
                ofx_str(ofx_sys::kOfxImageClipPropConnected),
                0,
                i32::from(name == OUTPUT),
                h,
            ));
            ok(cp.set_string(
                ofx_str(ofx_sys::kOfxImageEffectPropPreMultiplication),
                0,
                ofx_str(ofx_sys::kOfxImagePreMultiplied),
                h,
            ));
            let cp = state::add_property_set(cp);
            let mut st = state::lock();
            let clip = st.clips.insert(ClipEntry {
                session: shared.id,
                effect: handle,
                name: name.clone(),
                props: cp,
                instance: true,
                feed: None,
            });
            if let Ok(e) = st.effects.get_mut(handle) {
                e.clips.push((name.clone(), clip));
            }
        }
        let inst = Instance {
            plugin,
            handle,
            context,
            prefs: Mutex::new(None),
            prefs_writes: std::sync::atomic::AtomicU64::new(0),
            rendered_with: Mutex::new(None),
            gl_attached: Mutex::new(None),
        };
        // Until getClipPreferences runs, clips carry the host's defaults.
        let defaults = inst.default_preferences();
        inst.store_preferences(&defaults);
        let status = plugin.send(
            ofx_sys::kOfxActionCreateInstance,
            handle.raw(),
            None,
            None,
            CallInfo::default(),
        );
        if !matches!(status, ofx_sys::kOfxStatOK | ofx_sys::kOfxStatReplyDefault) {
            // No DestroyInstance for an instance that was never created.
            let inst = std::mem::ManuallyDrop::new(inst);
            free_effect(inst.handle);
            return Err(HostError::Action {
                action: ofx_str(ofx_sys::kOfxActionCreateInstance).into(),
                status,
            });
        }
        Ok(inst)
    }

    /// Sends `action` to this instance with the argument sets `input` and
    /// `output` registered for the call (and `time` recorded as the
    /// action's), and returns its status with `output` as the plugin left
    /// it.
    pub(crate) fn query(
        &self,
        action: &std::ffi::CStr,
        input: Option<crate::props::PropertySet>,
        output: crate::props::PropertySet,
        time: Option<f64>,
    ) -> (OfxStatus, crate::props::PropertySet) {
        let info = CallInfo {
            time,
            ..CallInfo::default()
        };
        let send = |i: Option<Handle>, o: Handle| {
            self.plugin
                .send(action, self.handle.raw(), i, Some(o), info)
        };
        super::actions::with_registered(output, |o| match input {
            Some(input) => super::actions::with_registered(input, |i| send(Some(i), o)).0,
            None => send(None, o),
        })
    }

    /// The raw instance handle (as the plugin sees it).
    pub fn handle(&self) -> usize {
        self.handle.raw()
    }

    /// The context the instance was created in.
    pub fn context(&self) -> Context {
        self.context
    }

    /// The plugin.
    pub fn plugin(&self) -> &'p Plugin<'p> {
        self.plugin
    }

    /// A copy of the instance's properties.
    pub fn props(&self) -> PropertySet {
        effect_props(self.handle)
    }

    /// The names of the instance's clips, in definition order.
    pub fn clip_names(&self) -> Vec<String> {
        state::lock()
            .effects
            .get(self.handle)
            .map(|e| e.clips.iter().map(|(n, _)| n.clone()).collect())
            .unwrap_or_default()
    }

    /// The names of the instance's input clips (every clip but the output).
    pub fn input_clip_names(&self) -> Vec<String> {
        let mut names = self.clip_names();
        names.retain(|n| n != OUTPUT);
        names
    }

    pub(crate) fn clip_handle(&self, name: &str) -> Result<Handle, HostError> {
        state::lock()
            .effects
            .get(self.handle)
            .ok()
            .and_then(|e| e.clip(name))
            .ok_or_else(|| HostError::NotFound(format!("clip '{name}'")))
    }

    /// The raw handle of clip `name`.
    pub fn clip_raw_handle(&self, name: impl AsRef<str>) -> Result<usize, HostError> {
        let name = name.as_ref();
        self.clip_handle(name).map(Handle::raw)
    }

    /// A copy of clip `name`'s properties.
    pub fn clip_props(&self, name: impl AsRef<str>) -> Result<PropertySet, HostError> {
        let name = name.as_ref();
        let c = self.clip_handle(name)?;
        let st = state::lock();
        let props = st.clips.get(c).map(|c| c.props).ok();
        props
            .and_then(|p| st.property_sets.get(p).ok().cloned())
            .ok_or_else(|| HostError::NotFound(format!("clip '{name}'")))
    }

    pub(super) fn with_clip_props<R>(
        &self,
        name: &str,
        f: impl FnOnce(&mut PropertySet) -> R,
    ) -> Option<R> {
        let c = self.clip_handle(name).ok()?;
        let p = state::lock().clips.get(c).ok()?.props;
        state::with_property_set(p, f).ok()
    }

    pub(crate) fn feed(&self, name: &str) -> Option<Arc<ClipFeed>> {
        let c = self.clip_handle(name).ok()?;
        state::lock().clips.get(c).ok()?.feed.clone()
    }

    /// Sends any action to this instance with raw argument set handles;
    /// returns the plugin's status as is (logged like every other call).
    pub fn call_action(
        &self,
        action: &std::ffi::CStr,
        in_args: Option<usize>,
        out_args: Option<usize>,
    ) -> OfxStatus {
        self.plugin
            .call_action(action, self.handle.raw(), in_args, out_args)
    }
}

impl Drop for Instance<'_> {
    fn drop(&mut self) {
        // Its interacts go first: they belong to the instance.
        super::interacts::destroy_interacts_of(self.plugin, self.handle);
        self.detach_gl();
        let _ = self.plugin.send(
            ofx_sys::kOfxActionDestroyInstance,
            self.handle.raw(),
            None,
            None,
            CallInfo::default(),
        );
        let shared = self.plugin.shared();
        let raw = self.handle.raw();
        let leaked: Vec<(Handle, usize)> = {
            let mut st = state::lock();
            let hs: Vec<(Handle, usize)> = st
                .image_memory
                .iter()
                .filter(|(_, m)| m.owner == raw)
                .map(|(h, m)| (h, m.len))
                .collect();
            for (h, _) in &hs {
                let _ = st.image_memory.remove(*h);
            }
            hs
        };
        for (h, len) in leaked {
            shared.log.violation(
                ViolationKind::LeakedMemory,
                format!("image memory {:#x} ({len} bytes) of instance {raw:#x} not freed by DestroyInstance", h.raw()),
            );
        }
        let open = self.param_edit_depth();
        if open > 0 {
            shared.log.violation(
                ViolationKind::UnbalancedLock,
                format!("{open} paramEditBegin block(s) of instance {raw:#x} still open at DestroyInstance"),
            );
        }
        free_effect(self.handle);
    }
}
