//! The life of interacts: finding an effect's overlay or a parameter's
//! interact, describing it (once per plugin and entry point), creating its
//! instances with their properties, and destroying them (with the leak
//! check), also when their effect instance goes first.

use std::ffi::CStr;

use ofx_sys::{OfxPluginEntryPoint, OfxStatus};

use super::actions::{CallInfo, ok};
use super::instance::Instance;
use super::overlay::{InteractKind, Overlay, Viewport};
use super::{Plugin, effect_props};
use crate::error::HostError;
use crate::ffi::plugin_calls;
use crate::handle::Handle;
use crate::log::ViolationKind;
use crate::objects::InteractEntry;
use crate::props::{PropertySet, Writer, property_shape};
use crate::state;
use crate::types::ofx_str;

impl<'p> Instance<'p> {
    /// Whether the effect declared an overlay interact (V1 or V2) that this
    /// host can drive.
    pub fn has_overlay(&self) -> bool {
        self.overlay_entry().is_ok()
    }

    fn overlay_entry(&self) -> Result<(OfxPluginEntryPoint, bool), HostError> {
        let shared = self.plugin.shared();
        if !shared.config.supports_overlays {
            return Err(HostError::Unsupported(
                "the host does not support overlays (HostConfig::supports_overlays)".into(),
            ));
        }
        let desc = effect_props(self.plugin.context_descriptor(self.context)?);
        let pointer = |name: &'static CStr| {
            desc.get_pointer(ofx_str(name), 0)
                .ok()
                .and_then(plugin_calls::entry_point_at)
        };
        let v2 = pointer(ofx_sys::kOfxImageEffectPluginPropOverlayInteractV2);
        let v1 = pointer(ofx_sys::kOfxImageEffectPluginPropOverlayInteractV1);
        match (v2, v1) {
            (Some(e), _) if shared.config.offers_draw_suite() => Ok((e, true)),
            (_, Some(e)) => Ok((e, false)),
            (Some(_), None) => Err(HostError::Unsupported(
                "the effect's overlay is a V2 (Draw Suite) interact, and the host does not \
                 offer the Draw Suite"
                    .into(),
            )),
            (None, None) => Err(HostError::NotFound(
                "an overlay: the effect sets neither OfxImageEffectPluginPropOverlayInteractV1 \
                 nor V2"
                    .into(),
            )),
        }
    }

    /// Creates the effect's overlay interact: describes it on first use
    /// (per plugin), then creates an instance of it. It prefers the
    /// `V2` (Draw Suite) entry point when the host offers the Draw Suite.
    ///
    /// # Errors
    /// [`HostError::NotFound`] when the effect has no overlay,
    /// [`HostError::Unsupported`] when the host configuration cannot show
    /// it, [`HostError::Action`] when the interact fails describe or create.
    pub fn overlay(&self) -> Result<Overlay<'p>, HostError> {
        let (entry, draw_suite) = self.overlay_entry()?;
        Overlay::create(self, entry, InteractKind::Overlay { draw_suite })
    }

    /// Creates the custom interact of parameter `name`
    /// (`kOfxParamPropInteractV1`), with the same event API as an overlay.
    ///
    /// # Errors
    /// [`HostError::NotFound`] for an unknown parameter or one without an
    /// interact; as [`Instance::overlay`] otherwise.
    pub fn param_interact(&self, name: &str) -> Result<Overlay<'p>, HostError> {
        let set = state::lock()
            .effects
            .get(self.handle)
            .ok()
            .and_then(|e| e.param_set)
            .ok_or_else(|| HostError::NotFound(format!("parameter '{name}'")))?;
        let param = crate::param_sets::param_handle(set, name)?;
        let props = state::with_param(param, |p| p.props)
            .ok()
            .flatten()
            .ok_or_else(|| HostError::NotFound(format!("parameter '{name}'")))?;
        let address = state::with_property_set(props, |s| {
            s.get_pointer(ofx_str(ofx_sys::kOfxParamPropInteractV1), 0)
                .unwrap_or(0)
        })
        .unwrap_or(0);
        let entry = plugin_calls::entry_point_at(address).ok_or_else(|| {
            HostError::NotFound(format!(
                "an interact of parameter '{name}' (it sets no OfxParamPropInteractV1)"
            ))
        })?;
        Overlay::create(self, entry, InteractKind::Param(name.to_string()))
    }
}

/// A property set of `kind` from the reference table, with `extra`
/// properties defined as the table shapes them.
fn interact_props(kind: &str, extra: &[&str]) -> PropertySet {
    let mut s = PropertySet::from_table(kind).unwrap_or_else(|| PropertySet::empty(kind));
    for n in extra {
        if !s.contains(n)
            && let Some((ty, dim)) = property_shape(n)
        {
            s.define(n, ty, dim, false);
        }
    }
    s
}

/// Writes the viewport's properties into an interact's property set.
pub(super) fn write_viewport(s: &mut PropertySet, v: &Viewport) {
    let h = Writer::Host;
    let _ = s.set_double_n(
        ofx_str(ofx_sys::kOfxInteractPropPixelScale),
        &v.pixel_scale,
        h,
    );
    let _ = s.set_double_n(
        ofx_str(ofx_sys::kOfxInteractPropBackgroundColour),
        &v.background,
        h,
    );
    let _ = s.set_int(
        ofx_str(ofx_sys::kOfxInteractPropHasAlpha),
        0,
        i32::from(v.has_alpha),
        h,
    );
    let _ = s.set_int(
        ofx_str(ofx_sys::kOfxInteractPropBitDepth),
        0,
        v.bit_depth,
        h,
    );
    let _ = s.set_int_n(ofx_str(ofx_sys::kOfxInteractPropViewportSize), &v.size, h);
}

impl<'p> Plugin<'p> {
    /// The interact descriptor for `entry`, describing it on first use.
    fn interact_descriptor(&self, entry: OfxPluginEntryPoint) -> Result<Handle, HostError> {
        let key = entry as usize;
        if let Some((_, h)) = self
            .interacts
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .find(|(k, _)| *k == key)
        {
            return Ok(*h);
        }
        let mut props = interact_props(
            "InteractDescriptor",
            &[
                ofx_str(ofx_sys::kOfxInteractPropBitDepth),
                ofx_str(ofx_sys::kOfxInteractPropViewportSize),
            ],
        );
        write_viewport(&mut props, &Viewport::default());
        let props = state::add_property_set(props);
        let handle = state::lock().interacts.insert(InteractEntry {
            session: self.shared().id,
            props,
            instance: false,
            effect: None,
            entry,
            redraws: 0,
            swaps: 0,
        });
        let status = self.send_to(
            entry,
            ofx_sys::kOfxActionDescribe,
            handle.raw(),
            None,
            CallInfo::default(),
        );
        if !matches!(status, ofx_sys::kOfxStatOK | ofx_sys::kOfxStatReplyDefault) {
            free_interact(handle);
            return Err(HostError::Action {
                action: ofx_str(ofx_sys::kOfxActionDescribe).into(),
                status,
            });
        }
        self.interacts
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((key, handle));
        Ok(handle)
    }

    /// Sends `action` to an interact's entry point.
    pub(crate) fn send_to(
        &self,
        entry: OfxPluginEntryPoint,
        action: &CStr,
        handle: usize,
        in_args: Option<Handle>,
        info: CallInfo,
    ) -> OfxStatus {
        let record = self.info();
        super::actions::send(
            self.shared(),
            (
                &format!("{} {} interact", record.id, record.version_major),
                entry,
            ),
            action,
            handle,
            in_args,
            None,
            info,
        )
    }
}

/// Frees an interact and its property set; its handle becomes stale.
pub(crate) fn free_interact(handle: Handle) {
    let mut st = state::lock();
    if let Ok(e) = st.interacts.remove(handle) {
        let _ = st.property_sets.remove(e.props);
    }
}

/// Sends DestroyInstance to a live interact instance and frees it, then
/// reports memory-suite blocks allocated in its actions and still live.
/// Does nothing for an interact already destroyed.
pub(crate) fn destroy_interact(plugin: &Plugin<'_>, interact: Handle) -> Option<OfxStatus> {
    let entry = state::lock().interacts.get(interact).ok()?.entry;
    let status = plugin.send_to(
        entry,
        ofx_sys::kOfxActionDestroyInstance,
        interact.raw(),
        None,
        CallInfo::default(),
    );
    free_interact(interact);
    let blocks = crate::ffi::suites::live_memory_blocks_from(interact.raw());
    if blocks > 0 {
        plugin.shared().log.violation(
            ViolationKind::LeakedMemory,
            format!(
                "{blocks} memory-suite block(s) allocated in actions of interact {:#x} still \
                 allocated after its DestroyInstance",
                interact.raw()
            ),
        );
    }
    Some(status)
}

/// Destroys every interact instance of the effect instance `effect` (before
/// the effect itself is destroyed).
pub(crate) fn destroy_interacts_of(plugin: &Plugin<'_>, effect: Handle) {
    let live: Vec<Handle> = state::lock()
        .interacts
        .iter()
        .filter(|(_, e)| e.instance && e.effect == Some(effect))
        .map(|(h, _)| h)
        .collect();
    for h in live {
        destroy_interact(plugin, h);
    }
}

impl<'p> Overlay<'p> {
    pub(super) fn create(
        instance: &Instance<'p>,
        entry: OfxPluginEntryPoint,
        kind: InteractKind,
    ) -> Result<Overlay<'p>, HostError> {
        let plugin = instance.plugin;
        plugin.interact_descriptor(entry)?;
        let viewport = Viewport::default();
        let mut props = interact_props(
            "InteractInstance",
            &[ofx_str(ofx_sys::kOfxInteractPropViewportSize)],
        );
        // The plugin names the parameters its interact follows.
        props.set_plugin_write(ofx_str(ofx_sys::kOfxInteractPropSlaveToParam), true);
        ok(props.set_pointer(
            ofx_str(ofx_sys::kOfxPropEffectInstance),
            0,
            instance.handle.raw(),
            Writer::Host,
        ));
        write_viewport(&mut props, &viewport);
        let props = state::add_property_set(props);
        let interact = state::lock().interacts.insert(InteractEntry {
            session: plugin.shared().id,
            props,
            instance: true,
            effect: Some(instance.handle),
            entry,
            redraws: 0,
            swaps: 0,
        });
        let status = plugin.send_to(
            entry,
            ofx_sys::kOfxActionCreateInstance,
            interact.raw(),
            None,
            CallInfo::default(),
        );
        if !matches!(status, ofx_sys::kOfxStatOK | ofx_sys::kOfxStatReplyDefault) {
            // No DestroyInstance for an interact that was never created.
            free_interact(interact);
            return Err(HostError::Action {
                action: ofx_str(ofx_sys::kOfxActionCreateInstance).into(),
                status,
            });
        }
        Ok(Overlay {
            plugin,
            effect: instance.handle,
            interact,
            entry,
            kind,
            viewport,
        })
    }
}
