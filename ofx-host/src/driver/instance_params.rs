//! An instance's parameters as a user edits them, and the instance-changed
//! bracket (with plugin-edited rounds) that each edit sends.

use super::actions::{CallInfo, arg_set, ok, with_registered};
use super::instance::Instance;
use crate::error::HostError;
use crate::handle::Handle;
use crate::log::ViolationKind;
use crate::param_values::ParamValue;
use crate::props::Writer;
use crate::state;
use crate::types::ofx_str;
use crate::types::{ChangeReason, Changed};

pub(super) fn host_set_param(
    set: Option<Handle>,
    name: &str,
    time: Option<f64>,
    value: ParamValue,
) -> Result<(), HostError> {
    match set {
        None => Err(HostError::NotFound(format!(
            "parameter '{name}': the instance has no parameter set"
        ))),
        Some(s) => crate::param_sets::host_set_value(s, name, time, value),
    }
}

impl<'p> Instance<'p> {
    // ----------------------------------------------------- parameters

    /// The raw handle of the instance's parameter set, when it has one.
    pub fn param_set_handle(&self) -> Option<usize> {
        state::lock()
            .effects
            .get(self.handle)
            .ok()
            .and_then(|e| e.param_set)
            .map(Handle::raw)
    }

    /// Sets parameter `name` as a user would (a key at `time` when it is
    /// animated), then sends the begin / instance changed / end bracket with
    /// reason `kOfxChangeUserEdited`.
    pub fn set_param_at(
        &mut self,
        name: &str,
        time: Option<f64>,
        value: impl Into<ParamValue>,
    ) -> Result<(), HostError> {
        let value = value.into();
        let set = state::lock()
            .effects
            .get(self.handle)
            .ok()
            .and_then(|e| e.param_set);
        host_set_param(set, name, time, value)?;
        *self.prefs.lock().unwrap_or_else(|e| e.into_inner()) = None;
        let t = time.unwrap_or(self.plugin.shared().config.project.frame_range.0);
        self.instance_changed(Changed::Param(name), t)
    }

    /// Every parameter of the instance, in definition order: type, labels,
    /// default, ranges, options and the whole property set.
    pub fn params(&self) -> Result<Vec<crate::param_sets::ParamInfo>, HostError> {
        match self.param_set() {
            Some(s) => crate::param_sets::describe(s),
            None => Ok(Vec::new()),
        }
    }

    /// The value of parameter `name` at `time`.
    pub fn param_value(&self, name: &str, time: f64) -> Result<ParamValue, HostError> {
        let set = self.param_set().ok_or_else(|| {
            HostError::NotFound(format!(
                "parameter '{name}': the instance has no parameter set"
            ))
        })?;
        crate::param_sets::value_at(set, name, time)
    }

    /// Sets parameter `name` from text, as a command line gives it (see
    /// [`ParamValue::parse`]; a choice or string choice also takes an
    /// option's label), then sends the instance-changed bracket.
    pub fn set_param_text(&mut self, name: &str, text: &str) -> Result<(), HostError> {
        let info = self
            .params()?
            .into_iter()
            .find(|p| p.name == name)
            .ok_or_else(|| {
                let known: Vec<String> = self
                    .params()
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|p| p.kind != crate::param_values::ParamKind::NoValue)
                    .map(|p| p.name)
                    .collect();
                HostError::NotFound(format!("parameter '{name}' (known: {})", known.join(", ")))
            })?;
        // A string choice named by an option's label takes that option's
        // enum string, as a choice takes its index; other text is the value.
        if info.kind == crate::param_values::ParamKind::StrChoice
            && info.options.iter().any(|o| o == text.trim())
        {
            return self.set_choice(name, text.trim());
        }
        let value = ParamValue::parse(info.kind, text, &info.options)
            .map_err(|e| HostError::Invalid(format!("parameter '{name}': {e}")))?;
        self.set_param(name, value)
    }

    /// Open `paramEditBegin` blocks on the instance's parameter set.
    pub fn param_edit_depth(&self) -> usize {
        self.param_set().map_or(0, crate::param_sets::edit_depth)
    }

    pub(super) fn param_set(&self) -> Option<Handle> {
        state::lock()
            .effects
            .get(self.handle)
            .ok()
            .and_then(|e| e.param_set)
    }

    /// Sets parameter `name` (see [`Instance::set_param_at`]).
    pub fn set_param(&mut self, name: &str, value: impl Into<ParamValue>) -> Result<(), HostError> {
        self.set_param_at(name, None, value)
    }

    /// Sets choice parameter `name` to the option labelled `label` (see
    /// [`Instance::set_param_at`]). Errors when there is no such parameter
    /// or option.
    pub fn set_choice(&mut self, name: &str, label: &str) -> Result<(), HostError> {
        let info = self
            .params()?
            .into_iter()
            .find(|p| p.name == name)
            .ok_or_else(|| HostError::NotFound(format!("parameter '{name}'")))?;
        let index = info
            .options
            .iter()
            .position(|o| o == label)
            .ok_or_else(|| {
                HostError::NotFound(format!(
                    "parameter '{name}': no option '{label}' (options: {})",
                    info.options.join(", ")
                ))
            })?;
        let value = match info.kind {
            // A string choice's value is the enum string at the option's index.
            crate::param_values::ParamKind::StrChoice => {
                let enums = info
                    .props
                    .get_string_n(ofx_str(ofx_sys::kOfxParamPropChoiceEnum))
                    .unwrap_or_default();
                let e = enums.get(index).ok_or_else(|| {
                    HostError::Invalid(format!("parameter '{name}': option '{label}' has no enum"))
                })?;
                ParamValue::from(e.as_str())
            }
            _ => ParamValue::from(index as i32),
        };
        self.set_param(name, value)
    }

    /// Sends `kOfxActionBeginInstanceChanged`, `kOfxActionInstanceChanged`
    /// (for the parameter or clip `what`) and
    /// `kOfxActionEndInstanceChanged`, reason user edited. With
    /// [`notify_plugin_edits`](crate::config::HostConfig::notify_plugin_edits)
    /// on, the parameters the plugin wrote meanwhile are then announced to
    /// it the same way, reason plugin edited, round after round while it
    /// keeps writing (at most
    /// [`PLUGIN_EDIT_ROUNDS`](crate::driver::PLUGIN_EDIT_ROUNDS) rounds).
    pub fn instance_changed(&self, what: Changed<'_>, time: f64) -> Result<(), HostError> {
        let notify = self.plugin.session.shared.config.notify_plugin_edits;
        let set = state::lock()
            .effects
            .get(self.handle)
            .ok()
            .and_then(|e| e.param_set);
        let Some(set) = set.filter(|_| notify) else {
            return self.instance_changed_because(what, time, ChangeReason::UserEdited);
        };
        // Writes from earlier actions are not this edit's consequences.
        crate::param_sets::take_pending_edits(set);
        self.instance_changed_because(what, time, ChangeReason::UserEdited)?;
        announce_plugin_edits(self.plugin, self.handle, set, time)
    }

    /// The begin / instance changed / end bracket with `reason`.
    pub(super) fn instance_changed_because(
        &self,
        what: Changed<'_>,
        time: f64,
        reason: ChangeReason,
    ) -> Result<(), HostError> {
        instance_changed_bracket(self.plugin, self.handle, what, time, reason)
    }
}

/// Announces the parameters the plugin wrote in `set` (of the instance
/// `effect`) since they were last taken, reason plugin edited, round after
/// round while it keeps writing (at most
/// [`PLUGIN_EDIT_ROUNDS`](crate::driver::PLUGIN_EDIT_ROUNDS) rounds, then a
/// `PluginEditLoop` violation). Only sessions that notify plugin edits
/// collect them.
pub(super) fn announce_plugin_edits(
    plugin: &super::Plugin<'_>,
    effect: Handle,
    set: Handle,
    time: f64,
) -> Result<(), HostError> {
    for _ in 0..crate::driver::PLUGIN_EDIT_ROUNDS {
        let edited = crate::param_sets::take_pending_edits(set);
        if edited.is_empty() {
            return Ok(());
        }
        for param in edited {
            instance_changed_bracket(
                plugin,
                effect,
                Changed::Param(&param),
                time,
                ChangeReason::PluginEdited,
            )?;
        }
    }
    let still = crate::param_sets::take_pending_edits(set);
    if !still.is_empty() {
        plugin.shared().log.violation(
            ViolationKind::PluginEditLoop,
            format!(
                "after {} rounds of plugin-edited notifications the plugin still writes {still:?}: \
                 a host that notifies plugin edits would loop forever",
                crate::driver::PLUGIN_EDIT_ROUNDS
            ),
        );
    }
    Ok(())
}

/// The begin / instance changed / end bracket with `reason`, sent to the
/// instance `effect` of `plugin`.
fn instance_changed_bracket(
    plugin: &super::Plugin<'_>,
    effect: Handle,
    what: Changed<'_>,
    time: f64,
    reason: ChangeReason,
) -> Result<(), HostError> {
    let (kind, name) = (what.ofx_type(), what.name());
    let info = CallInfo {
        time: Some(time),
        user_edited: reason == ChangeReason::UserEdited,
        render: None,
    };
    let mut begin = arg_set(
        "inArgs:BeginInstanceChanged",
        &[
            ofx_str(ofx_sys::kOfxPropChangeReason),
            ofx_str(ofx_sys::kOfxImageEffectPropThumbnailRender),
        ],
        false,
    );
    ok(begin.set_string(
        ofx_str(ofx_sys::kOfxPropChangeReason),
        0,
        reason.ofx_name(),
        Writer::Host,
    ));
    ok(begin.set_string(
        ofx_str(ofx_sys::kOfxImageEffectPropThumbnailRender),
        0,
        "false",
        Writer::Host,
    ));
    let (s1, _) = with_registered(begin, |h| {
        plugin.send(
            ofx_sys::kOfxActionBeginInstanceChanged,
            effect.raw(),
            Some(h),
            None,
            info.clone(),
        )
    });
    let mut changed = arg_set(
        "inArgs:InstanceChanged",
        &[
            ofx_str(ofx_sys::kOfxPropType),
            ofx_str(ofx_sys::kOfxPropName),
            ofx_str(ofx_sys::kOfxPropChangeReason),
            ofx_str(ofx_sys::kOfxPropTime),
            ofx_str(ofx_sys::kOfxImageEffectPropRenderScale),
            ofx_str(ofx_sys::kOfxImageEffectPropThumbnailRender),
        ],
        false,
    );
    ok(changed.set_string(ofx_str(ofx_sys::kOfxPropType), 0, kind, Writer::Host));
    ok(changed.set_string(ofx_str(ofx_sys::kOfxPropName), 0, name, Writer::Host));
    ok(changed.set_string(
        ofx_str(ofx_sys::kOfxPropChangeReason),
        0,
        reason.ofx_name(),
        Writer::Host,
    ));
    ok(changed.set_double(ofx_str(ofx_sys::kOfxPropTime), 0, time, Writer::Host));
    ok(changed.set_double_n(
        ofx_str(ofx_sys::kOfxImageEffectPropRenderScale),
        &[1.0, 1.0],
        Writer::Host,
    ));
    ok(changed.set_string(
        ofx_str(ofx_sys::kOfxImageEffectPropThumbnailRender),
        0,
        "false",
        Writer::Host,
    ));
    let (s2, _) = with_registered(changed, |h| {
        plugin.send(
            ofx_sys::kOfxActionInstanceChanged,
            effect.raw(),
            Some(h),
            None,
            info.clone(),
        )
    });
    let mut end = arg_set(
        "inArgs:EndInstanceChanged",
        &[ofx_str(ofx_sys::kOfxPropChangeReason)],
        false,
    );
    ok(end.set_string(
        ofx_str(ofx_sys::kOfxPropChangeReason),
        0,
        reason.ofx_name(),
        Writer::Host,
    ));
    let (s3, _) = with_registered(end, |h| {
        plugin.send(
            ofx_sys::kOfxActionEndInstanceChanged,
            effect.raw(),
            Some(h),
            None,
            info.clone(),
        )
    });
    for (action, s) in [
        (ofx_str(ofx_sys::kOfxActionBeginInstanceChanged), s1),
        (ofx_str(ofx_sys::kOfxActionInstanceChanged), s2),
        (ofx_str(ofx_sys::kOfxActionEndInstanceChanged), s3),
    ] {
        if !matches!(s, ofx_sys::kOfxStatOK | ofx_sys::kOfxStatReplyDefault) {
            return Err(HostError::Action {
                action: action.into(),
                status: s,
            });
        }
    }
    Ok(())
}
