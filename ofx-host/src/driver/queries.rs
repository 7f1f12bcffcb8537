//! The query actions of an instance: region of definition, regions of
//! interest, frames needed, identity and time domain.

use std::collections::BTreeMap;

use ofx_sys::{OfxPointD, OfxRangeD, OfxRectD, OfxRectI};

use super::actions::{self, arg_set, get_rect_d, ok, set_rect_d, set_rect_i};
use super::instance::{Instance, OUTPUT};
use crate::error::HostError;
use crate::log::ViolationKind;
use crate::props::{Dimension, PropType, PropertySet, Writer};
use crate::state;
use crate::types::Context;
use crate::types::ofx_str;

pub(super) fn project_rect(p: &super::Project) -> OfxRectD {
    OfxRectD {
        x1: 0.0,
        y1: 0.0,
        x2: p.extent.x,
        y2: p.extent.y,
    }
}

pub(super) fn union(a: Option<OfxRectD>, b: OfxRectD) -> OfxRectD {
    match a {
        None => b,
        Some(a) => OfxRectD {
            x1: a.x1.min(b.x1),
            y1: a.y1.min(b.y1),
            x2: a.x2.max(b.x2),
            y2: a.y2.max(b.y2),
        },
    }
}

impl<'p> Instance<'p> {
    // ---------------------------------------------------------- queries

    /// The host's default region of definition: the union of the connected
    /// inputs' RoDs, or the project's extent when none is connected (and for
    /// generators).
    pub fn default_region_of_definition(&self, time: f64) -> OfxRectD {
        let cfg = &self.plugin.shared().config;
        if self.context == Context::Generator {
            return project_rect(&cfg.project);
        }
        let mut acc = None;
        for name in self.clip_names() {
            if name == OUTPUT {
                continue;
            }
            if let Some(r) = self.feed(&name).and_then(|f| f.rod(time)) {
                acc = Some(union(acc, r));
            }
        }
        acc.unwrap_or_else(|| project_rect(&cfg.project))
    }

    /// Sends `kOfxImageEffectActionGetRegionOfDefinition`; the host's
    /// default when the plugin does not trap it.
    pub fn region_of_definition(&self, time: f64, scale: OfxPointD) -> Result<OfxRectD, HostError> {
        self.current_preferences()?;
        let default = self.default_region_of_definition(time);
        let mut input = arg_set(
            "inArgs:GetRegionOfDefinition",
            &[
                ofx_str(ofx_sys::kOfxPropTime),
                ofx_str(ofx_sys::kOfxImageEffectPropRenderScale),
                ofx_str(ofx_sys::kOfxImageEffectPropThumbnailRender),
            ],
            false,
        );
        ok(input.set_double(ofx_str(ofx_sys::kOfxPropTime), 0, time, Writer::Host));
        ok(input.set_double_n(
            ofx_str(ofx_sys::kOfxImageEffectPropRenderScale),
            &[scale.x, scale.y],
            Writer::Host,
        ));
        ok(input.set_string(
            ofx_str(ofx_sys::kOfxImageEffectPropThumbnailRender),
            0,
            "false",
            Writer::Host,
        ));
        let mut out = arg_set(
            "outArgs:GetRegionOfDefinition",
            &[ofx_str(ofx_sys::kOfxImageEffectPropRegionOfDefinition)],
            true,
        );
        set_rect_d(
            &mut out,
            ofx_str(ofx_sys::kOfxImageEffectPropRegionOfDefinition),
            default,
        );
        let (status, out) = self.query(
            ofx_sys::kOfxImageEffectActionGetRegionOfDefinition,
            Some(input),
            out,
            Some(time),
        );
        let rod = match status {
            ofx_sys::kOfxStatOK => get_rect_d(
                &out,
                ofx_str(ofx_sys::kOfxImageEffectPropRegionOfDefinition),
            )
            .unwrap_or(default),
            ofx_sys::kOfxStatReplyDefault => default,
            s => {
                return Err(HostError::Action {
                    action: ofx_str(ofx_sys::kOfxImageEffectActionGetRegionOfDefinition).into(),
                    status: s,
                });
            }
        };
        if let Ok(e) = state::lock().effects.get_mut(self.handle) {
            e.rods.retain(|(t, _)| *t != time);
            if e.rods.len() >= 16 {
                e.rods.remove(0);
            }
            e.rods.push((time, rod));
        }
        Ok(rod)
    }

    /// Sends `kOfxImageEffectActionGetRegionsOfInterest` for the output
    /// region `roi` (canonical); the RoI of each input clip (the host's
    /// default is `roi` itself).
    pub fn regions_of_interest(
        &self,
        time: f64,
        scale: OfxPointD,
        roi: OfxRectD,
    ) -> Result<BTreeMap<String, OfxRectD>, HostError> {
        self.current_preferences()?;
        let inputs = self.input_clip_names();
        let mut input = arg_set(
            "inArgs:GetRegionsOfInterest",
            &[
                ofx_str(ofx_sys::kOfxPropTime),
                ofx_str(ofx_sys::kOfxImageEffectPropRenderScale),
                ofx_str(ofx_sys::kOfxImageEffectPropRegionOfInterest),
                ofx_str(ofx_sys::kOfxImageEffectPropThumbnailRender),
            ],
            false,
        );
        ok(input.set_double(ofx_str(ofx_sys::kOfxPropTime), 0, time, Writer::Host));
        ok(input.set_double_n(
            ofx_str(ofx_sys::kOfxImageEffectPropRenderScale),
            &[scale.x, scale.y],
            Writer::Host,
        ));
        set_rect_d(
            &mut input,
            ofx_str(ofx_sys::kOfxImageEffectPropRegionOfInterest),
            roi,
        );
        ok(input.set_string(
            ofx_str(ofx_sys::kOfxImageEffectPropThumbnailRender),
            0,
            "false",
            Writer::Host,
        ));
        let mut out = PropertySet::empty("outArgs:GetRegionsOfInterest");
        for n in &inputs {
            let p = format!("OfxImageClipPropRoI_{n}");
            actions::define_clip_arg(&mut out, &p, PropType::Double, Dimension::Fixed(4));
            set_rect_d(&mut out, &p, roi);
        }
        let (status, out) = self.query(
            ofx_sys::kOfxImageEffectActionGetRegionsOfInterest,
            Some(input),
            out,
            Some(time),
        );
        if !matches!(status, ofx_sys::kOfxStatOK | ofx_sys::kOfxStatReplyDefault) {
            return Err(HostError::Action {
                action: ofx_str(ofx_sys::kOfxImageEffectActionGetRegionsOfInterest).into(),
                status,
            });
        }
        Ok(inputs
            .into_iter()
            .map(|n| {
                let r = if status == ofx_sys::kOfxStatOK {
                    get_rect_d(&out, &format!("OfxImageClipPropRoI_{n}")).unwrap_or(roi)
                } else {
                    roi
                };
                (n, r)
            })
            .collect())
    }

    /// Sends `kOfxImageEffectActionGetFramesNeeded`: the frame ranges each
    /// input clip needs to render `time` (the host's default is `time`).
    pub fn frames_needed(&self, time: f64) -> Result<BTreeMap<String, Vec<OfxRangeD>>, HostError> {
        let inputs = self.input_clip_names();
        let mut input = arg_set(
            "inArgs:GetFramesNeeded",
            &[
                ofx_str(ofx_sys::kOfxPropTime),
                ofx_str(ofx_sys::kOfxImageEffectPropThumbnailRender),
            ],
            false,
        );
        ok(input.set_double(ofx_str(ofx_sys::kOfxPropTime), 0, time, Writer::Host));
        ok(input.set_string(
            ofx_str(ofx_sys::kOfxImageEffectPropThumbnailRender),
            0,
            "false",
            Writer::Host,
        ));
        let mut out = PropertySet::empty("outArgs:GetFramesNeeded");
        for n in &inputs {
            let p = format!("OfxImageClipPropFrameRange_{n}");
            actions::define_clip_arg(&mut out, &p, PropType::Double, Dimension::Variable);
            ok(out.set_double_n(&p, &[time, time], Writer::Host));
        }
        let (status, out) = self.query(
            ofx_sys::kOfxImageEffectActionGetFramesNeeded,
            Some(input),
            out,
            Some(time),
        );
        if !matches!(status, ofx_sys::kOfxStatOK | ofx_sys::kOfxStatReplyDefault) {
            return Err(HostError::Action {
                action: ofx_str(ofx_sys::kOfxImageEffectActionGetFramesNeeded).into(),
                status,
            });
        }
        Ok(inputs
            .into_iter()
            .map(|n| {
                let v = if status == ofx_sys::kOfxStatOK {
                    out.get_double_n(&format!("OfxImageClipPropFrameRange_{n}"))
                        .unwrap_or_default()
                } else {
                    vec![time, time]
                };
                let ranges = v
                    .chunks_exact(2)
                    .map(|c| OfxRangeD {
                        min: c[0],
                        max: c[1],
                    })
                    .collect();
                (n, ranges)
            })
            .collect())
    }

    /// Sends `kOfxImageEffectActionIsIdentity`: `Some((clip, time))` when
    /// the plugin says the output is that clip's frame.
    pub fn is_identity(
        &self,
        time: f64,
        scale: OfxPointD,
        window: impl Into<OfxRectI>,
    ) -> Result<Option<(String, f64)>, HostError> {
        let window = window.into();
        self.current_preferences()?;
        let mut input = arg_set(
            "inArgs:IsIdentity",
            &[
                ofx_str(ofx_sys::kOfxPropTime),
                ofx_str(ofx_sys::kOfxImageEffectPropFieldToRender),
                ofx_str(ofx_sys::kOfxImageEffectPropRenderWindow),
                ofx_str(ofx_sys::kOfxImageEffectPropRenderScale),
                ofx_str(ofx_sys::kOfxImageEffectPropThumbnailRender),
            ],
            false,
        );
        ok(input.set_double(ofx_str(ofx_sys::kOfxPropTime), 0, time, Writer::Host));
        ok(input.set_string(
            ofx_str(ofx_sys::kOfxImageEffectPropFieldToRender),
            0,
            ofx_str(ofx_sys::kOfxImageFieldNone),
            Writer::Host,
        ));
        set_rect_i(
            &mut input,
            ofx_str(ofx_sys::kOfxImageEffectPropRenderWindow),
            window,
        );
        ok(input.set_double_n(
            ofx_str(ofx_sys::kOfxImageEffectPropRenderScale),
            &[scale.x, scale.y],
            Writer::Host,
        ));
        ok(input.set_string(
            ofx_str(ofx_sys::kOfxImageEffectPropThumbnailRender),
            0,
            "false",
            Writer::Host,
        ));
        let mut out = arg_set(
            "outArgs:IsIdentity",
            &[
                ofx_str(ofx_sys::kOfxPropName),
                ofx_str(ofx_sys::kOfxPropTime),
            ],
            true,
        );
        ok(out.set_string(ofx_str(ofx_sys::kOfxPropName), 0, "", Writer::Host));
        ok(out.set_double(ofx_str(ofx_sys::kOfxPropTime), 0, time, Writer::Host));
        let (status, out) = self.query(
            ofx_sys::kOfxImageEffectActionIsIdentity,
            Some(input),
            out,
            Some(time),
        );
        match status {
            ofx_sys::kOfxStatOK => {
                let name = out
                    .get_string(ofx_str(ofx_sys::kOfxPropName), 0)
                    .unwrap_or_default();
                let t = out
                    .get_double(ofx_str(ofx_sys::kOfxPropTime), 0)
                    .unwrap_or(time);
                if self.clip_handle(&name).is_err() {
                    self.plugin.shared().log.violation(
                        ViolationKind::BadStatus,
                        format!("isIdentity answered OK with clip '{name}', which the instance does not have"),
                    );
                }
                Ok(Some((name, t)))
            }
            ofx_sys::kOfxStatReplyDefault => Ok(None),
            s => Err(HostError::Action {
                action: ofx_str(ofx_sys::kOfxImageEffectActionIsIdentity).into(),
                status: s,
            }),
        }
    }

    /// Sends the get-transform action of transform concatenation (see
    /// [`extensions`](crate::extensions)) at `time` and render scale
    /// `scale`: `Some((clip, matrix))` when the plugin answers with a
    /// matrix (`matrix[row][column]`, from source pixels to output pixels
    /// at that scale), `None` when it asks to be rendered as usual.
    ///
    /// # Errors
    /// [`HostError::Unsupported`] when the configuration does not advertise
    /// the extension ([`HostConfig::can_transform`](crate::config::HostConfig::can_transform))
    /// or the plugin did not set `FnOfxImageEffectCanTransform` on its
    /// descriptor (a host sends the action only then); an action error for
    /// any other status.
    pub fn transform(
        &self,
        time: f64,
        scale: OfxPointD,
    ) -> Result<Option<(String, crate::extensions::Matrix3)>, HostError> {
        use crate::extensions::{ACTION_GET_TRANSFORM, CAN_TRANSFORM, PROP_MATRIX_2D};
        if !self.plugin.shared().config.can_transform {
            return Err(HostError::Unsupported(format!(
                "the host configuration does not advertise {CAN_TRANSFORM}"
            )));
        }
        if self.plugin.descriptor().get_int(CAN_TRANSFORM, 0) != Ok(1) {
            return Err(HostError::Unsupported(format!(
                "the plugin did not set {CAN_TRANSFORM} on its descriptor"
            )));
        }
        let mut input = arg_set(
            "inArgs:GetTransform",
            &[
                ofx_str(ofx_sys::kOfxPropTime),
                ofx_str(ofx_sys::kOfxImageEffectPropFieldToRender),
                ofx_str(ofx_sys::kOfxImageEffectPropRenderScale),
            ],
            false,
        );
        ok(input.set_double(ofx_str(ofx_sys::kOfxPropTime), 0, time, Writer::Host));
        ok(input.set_string(
            ofx_str(ofx_sys::kOfxImageEffectPropFieldToRender),
            0,
            ofx_str(ofx_sys::kOfxImageFieldNone),
            Writer::Host,
        ));
        ok(input.set_double_n(
            ofx_str(ofx_sys::kOfxImageEffectPropRenderScale),
            &[scale.x, scale.y],
            Writer::Host,
        ));
        let mut out = arg_set(
            "outArgs:GetTransform",
            &[ofx_str(ofx_sys::kOfxPropName)],
            true,
        );
        out.define(PROP_MATRIX_2D, PropType::Double, Dimension::Fixed(9), true);
        // The extension's defaults: the source clip, the identity matrix.
        ok(out.set_string(
            ofx_str(ofx_sys::kOfxPropName),
            0,
            ofx_str(ofx_sys::kOfxImageEffectSimpleSourceClipName),
            Writer::Host,
        ));
        let identity = [1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0];
        ok(out.set_double_n(PROP_MATRIX_2D, &identity, Writer::Host));
        let action = std::ffi::CString::new(ACTION_GET_TRANSFORM).expect("no NUL");
        let (status, out) = self.query(&action, Some(input), out, Some(time));
        match status {
            ofx_sys::kOfxStatOK => {
                let name = out
                    .get_string(ofx_str(ofx_sys::kOfxPropName), 0)
                    .unwrap_or_default();
                if self.clip_handle(&name).is_err() {
                    self.plugin.shared().log.violation(
                        ViolationKind::BadStatus,
                        format!("get-transform answered OK with clip '{name}', which the instance does not have"),
                    );
                }
                let mut m = [[0.0; 3]; 3];
                for (i, v) in m.iter_mut().flatten().enumerate() {
                    *v = out.get_double(PROP_MATRIX_2D, i).unwrap_or(identity[i]);
                }
                Ok(Some((name, m)))
            }
            ofx_sys::kOfxStatReplyDefault => Ok(None),
            s => Err(HostError::Action {
                action: ACTION_GET_TRANSFORM.into(),
                status: s,
            }),
        }
    }

    /// Sends `kOfxImageEffectActionGetTimeDomain` (general context only, as
    /// the spec says): the frame range the effect can produce, or the
    /// project's range when the plugin does not trap it.
    pub fn time_domain(&self) -> Result<OfxRangeD, HostError> {
        let (a, b) = self.plugin.shared().config.project.frame_range;
        if self.context != Context::General {
            return Ok(OfxRangeD { min: a, max: b });
        }
        let mut out = arg_set(
            "outArgs:GetTimeDomain",
            &[ofx_str(ofx_sys::kOfxImageEffectPropFrameRange)],
            true,
        );
        ok(out.set_double_n(
            ofx_str(ofx_sys::kOfxImageEffectPropFrameRange),
            &[a, b],
            Writer::Host,
        ));
        let (status, out) =
            self.query(ofx_sys::kOfxImageEffectActionGetTimeDomain, None, out, None);
        match status {
            ofx_sys::kOfxStatOK => {
                let v = out
                    .get_double_n(ofx_str(ofx_sys::kOfxImageEffectPropFrameRange))
                    .unwrap_or_default();
                Ok(OfxRangeD {
                    min: v.first().copied().unwrap_or(a),
                    max: v.get(1).copied().unwrap_or(b),
                })
            }
            ofx_sys::kOfxStatReplyDefault => Ok(OfxRangeD { min: a, max: b }),
            s => Err(HostError::Action {
                action: ofx_str(ofx_sys::kOfxImageEffectActionGetTimeDomain).into(),
                status: s,
            }),
        }
    }
}
