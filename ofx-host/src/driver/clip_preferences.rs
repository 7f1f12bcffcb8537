//! Clip-preference negotiation: the host's defaults, the plugin's answer to
//! `kOfxImageEffectActionGetClipPreferences` checked against what the host
//! supports, and the result written to the clips' properties.

use std::collections::BTreeMap;

use ofx_sys::OfxStatus;

use super::actions::{self, arg_set, ok};
use super::effect_props;
use super::instance::{Instance, OUTPUT};
use crate::error::HostError;
use crate::image::{Components, Depth};
use crate::log::ViolationKind;
use crate::props::{Dimension, PropType, PropertySet, Writer};
use crate::state;
use crate::types::ofx_str;
use crate::types::{Field, Premultiplication};

/// The preferences of one clip.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClipPreference {
    /// Pixel depth.
    pub depth: Depth,
    /// Components.
    pub components: Components,
    /// Pixel aspect ratio.
    pub pixel_aspect_ratio: f64,
}

/// The outcome of `kOfxImageEffectActionGetClipPreferences`, after the
/// host's defaults and checks.
#[derive(Clone, Debug, PartialEq)]
pub struct ClipPreferences {
    /// Per clip.
    pub clips: BTreeMap<String, ClipPreference>,
    /// Output premultiplication.
    pub premultiplication: Premultiplication,
    /// Output frame rate.
    pub frame_rate: f64,
    /// Output field order.
    pub field_order: Field,
    /// Output has continuous samples.
    pub continuous_samples: bool,
    /// Output frames vary even with constant parameters.
    pub frame_varying: bool,
    /// The status the action returned.
    pub status: OfxStatus,
}

impl<'p> Instance<'p> {
    // ---------------------------------------------------- preferences

    pub(super) fn descriptor_props(&self) -> PropertySet {
        // The instance's plugin-declared capabilities live on the context
        // descriptor it was made from.
        self.plugin
            .context_descriptor(self.context)
            .map(effect_props)
            .unwrap_or_default()
    }

    pub(super) fn clip_descriptor_props(&self, clip: &str) -> Option<PropertySet> {
        let d = self.plugin.context_descriptor(self.context).ok()?;
        let st = state::lock();
        let c = st.effects.get(d).ok()?.clip(clip)?;
        let p = st.clips.get(c).ok()?.props;
        st.property_sets.get(p).ok().cloned()
    }

    /// Depths both the plugin and the host support, shallowest first.
    pub(crate) fn usable_depths(&self) -> Vec<Depth> {
        let cfg = &self.plugin.shared().config;
        let declared: Vec<Depth> = self
            .descriptor_props()
            .get_string_n(ofx_str(ofx_sys::kOfxImageEffectPropSupportedPixelDepths))
            .unwrap_or_default()
            .iter()
            .filter_map(|d| Depth::from_ofx_name(d))
            .collect();
        let mut v: Vec<Depth> = cfg
            .depths
            .iter()
            .copied()
            .filter(|d| declared.is_empty() || declared.contains(d))
            .collect();
        v.sort();
        v
    }

    /// Components clip `clip` accepts (and the host supports).
    pub(crate) fn usable_components(&self, clip: &str) -> Vec<Components> {
        let cfg = &self.plugin.shared().config;
        let declared: Vec<Components> = self
            .clip_descriptor_props(clip)
            .and_then(|p| {
                p.get_string_n(ofx_str(ofx_sys::kOfxImageEffectPropSupportedComponents))
                    .ok()
            })
            .unwrap_or_default()
            .iter()
            .filter_map(|c| Components::from_ofx_name(c))
            .collect();
        declared
            .into_iter()
            .filter(|c| cfg.components.contains(c))
            .collect()
    }

    /// The host's defaults, before the plugin says anything.
    pub(crate) fn default_preferences(&self) -> ClipPreferences {
        let cfg = &self.plugin.shared().config;
        let depths = self.usable_depths();
        let deepest = depths.last().copied().unwrap_or(Depth::F32);
        let mut clips = BTreeMap::new();
        let mut out_comps = None;
        let mut out_depth: Option<Depth> = None;
        let mut premult = Premultiplication::PreMultiplied;
        for name in self.clip_names() {
            if name == OUTPUT {
                continue;
            }
            let comps_ok = self.usable_components(&name);
            let feed = self.feed(&name);
            let native = feed.as_ref().and_then(|f| f.native);
            let comps = native
                .map(|(_, c)| c)
                .filter(|c| comps_ok.contains(c))
                .or_else(|| {
                    native.filter(|(_, c)| *c == Components::Rgb).and(
                        comps_ok
                            .contains(&Components::Rgba)
                            .then_some(Components::Rgba),
                    )
                })
                .or_else(|| comps_ok.first().copied())
                .unwrap_or(Components::Rgba);
            let depth = native
                .map(|(d, _)| d)
                .filter(|d| depths.contains(d))
                .unwrap_or(deepest);
            let par = feed.as_ref().map_or(cfg.project.pixel_aspect_ratio, |f| {
                f.layout.pixel_aspect_ratio
            });
            if feed.is_some() && out_comps.is_none() {
                out_comps = Some(comps);
                if native.map(|(_, c)| c) == Some(Components::Rgb) {
                    premult = Premultiplication::Opaque;
                }
            }
            if feed.is_some() {
                out_depth = Some(out_depth.map_or(depth, |o| o.max(depth)));
            }
            clips.insert(
                name,
                ClipPreference {
                    depth,
                    components: comps,
                    pixel_aspect_ratio: par,
                },
            );
        }
        let out_ok = self.usable_components(OUTPUT);
        let out_c = out_comps
            .filter(|c| out_ok.contains(c))
            .or_else(|| {
                out_ok
                    .contains(&Components::Rgba)
                    .then_some(Components::Rgba)
            })
            .or_else(|| out_ok.first().copied())
            .unwrap_or(Components::Rgba);
        let out_d = out_depth.unwrap_or(deepest);
        if !cfg.multiple_clip_depths {
            for p in clips.values_mut() {
                p.depth = out_d;
            }
        }
        clips.insert(
            OUTPUT.to_string(),
            ClipPreference {
                depth: out_d,
                components: out_c,
                pixel_aspect_ratio: cfg.project.pixel_aspect_ratio,
            },
        );
        ClipPreferences {
            clips,
            premultiplication: premult,
            frame_rate: cfg.project.frame_rate,
            field_order: Field::None,
            continuous_samples: false,
            frame_varying: false,
            status: ofx_sys::kOfxStatReplyDefault,
        }
    }

    pub(super) fn store_preferences(&self, prefs: &ClipPreferences) {
        for (name, p) in &prefs.clips {
            let unmapped = self.feed(name).and_then(|f| f.native);
            self.with_clip_props(name, |s| {
                let h = Writer::Host;
                ok(s.set_string(
                    ofx_str(ofx_sys::kOfxImageEffectPropPixelDepth),
                    0,
                    &p.depth.ofx_name().to_string_lossy(),
                    h,
                ));
                ok(s.set_string(
                    ofx_str(ofx_sys::kOfxImageEffectPropComponents),
                    0,
                    &p.components.ofx_name().to_string_lossy(),
                    h,
                ));
                ok(s.set_double(
                    ofx_str(ofx_sys::kOfxImagePropPixelAspectRatio),
                    0,
                    p.pixel_aspect_ratio,
                    h,
                ));
                if name == OUTPUT {
                    ok(s.set_string(
                        ofx_str(ofx_sys::kOfxImageEffectPropPreMultiplication),
                        0,
                        prefs.premultiplication.ofx_name(),
                        h,
                    ));
                    ok(s.set_double(
                        ofx_str(ofx_sys::kOfxImageEffectPropFrameRate),
                        0,
                        prefs.frame_rate,
                        h,
                    ));
                    ok(s.set_string(
                        ofx_str(ofx_sys::kOfxImageClipPropFieldOrder),
                        0,
                        prefs.field_order.ofx_name(),
                        h,
                    ));
                    ok(s.set_string(
                        ofx_str(ofx_sys::kOfxImageClipPropUnmappedPixelDepth),
                        0,
                        &p.depth.ofx_name().to_string_lossy(),
                        h,
                    ));
                    ok(s.set_string(
                        ofx_str(ofx_sys::kOfxImageClipPropUnmappedComponents),
                        0,
                        &p.components.ofx_name().to_string_lossy(),
                        h,
                    ));
                } else {
                    let premult = if p.components == Components::Rgb {
                        Premultiplication::Opaque
                    } else {
                        Premultiplication::PreMultiplied
                    };
                    ok(s.set_string(
                        ofx_str(ofx_sys::kOfxImageEffectPropPreMultiplication),
                        0,
                        premult.ofx_name(),
                        h,
                    ));
                    if unmapped.is_none() {
                        ok(s.set_string(
                            ofx_str(ofx_sys::kOfxImageClipPropUnmappedPixelDepth),
                            0,
                            &p.depth.ofx_name().to_string_lossy(),
                            h,
                        ));
                        ok(s.set_string(
                            ofx_str(ofx_sys::kOfxImageClipPropUnmappedComponents),
                            0,
                            &p.components.ofx_name().to_string_lossy(),
                            h,
                        ));
                    }
                }
            });
        }
    }

    /// Sends `kOfxImageEffectActionGetClipPreferences` (out-args filled with
    /// the host's defaults), checks what the plugin asked for against what
    /// the clip, the plugin and the host support (violations fall back to
    /// the default), and applies the result to the clips.
    pub fn clip_preferences(&self) -> Result<ClipPreferences, HostError> {
        let cfg = self.plugin.shared().config.clone();
        let defaults = self.default_preferences();
        let mut out = arg_set(
            "outArgs:GetClipPreferences",
            &[
                ofx_str(ofx_sys::kOfxImageClipPropContinuousSamples),
                ofx_str(ofx_sys::kOfxImageClipPropFieldOrder),
                ofx_str(ofx_sys::kOfxImageEffectFrameVarying),
                ofx_str(ofx_sys::kOfxImageEffectPropFrameRate),
                ofx_str(ofx_sys::kOfxImageEffectPropPreMultiplication),
            ],
            true,
        );
        let h = Writer::Host;
        for (name, p) in &defaults.clips {
            let (c, d, par) = (
                format!("OfxImageClipPropComponents_{name}"),
                format!("OfxImageClipPropDepth_{name}"),
                format!("OfxImageClipPropPAR_{name}"),
            );
            actions::define_clip_arg(&mut out, &c, PropType::String, Dimension::Fixed(1));
            actions::define_clip_arg(&mut out, &d, PropType::String, Dimension::Fixed(1));
            actions::define_clip_arg(&mut out, &par, PropType::Double, Dimension::Fixed(1));
            ok(out.set_string(&c, 0, &p.components.ofx_name().to_string_lossy(), h));
            ok(out.set_string(&d, 0, &p.depth.ofx_name().to_string_lossy(), h));
            ok(out.set_double(&par, 0, p.pixel_aspect_ratio, h));
        }
        ok(out.set_int(
            ofx_str(ofx_sys::kOfxImageClipPropContinuousSamples),
            0,
            0,
            h,
        ));
        ok(out.set_string(
            ofx_str(ofx_sys::kOfxImageClipPropFieldOrder),
            0,
            defaults.field_order.ofx_name(),
            h,
        ));
        ok(out.set_int(ofx_str(ofx_sys::kOfxImageEffectFrameVarying), 0, 0, h));
        ok(out.set_double(
            ofx_str(ofx_sys::kOfxImageEffectPropFrameRate),
            0,
            defaults.frame_rate,
            h,
        ));
        ok(out.set_string(
            ofx_str(ofx_sys::kOfxImageEffectPropPreMultiplication),
            0,
            defaults.premultiplication.ofx_name(),
            h,
        ));
        let (status, out) = self.query(
            ofx_sys::kOfxImageEffectActionGetClipPreferences,
            None,
            out,
            None,
        );
        let mut prefs = defaults.clone();
        prefs.status = status;
        match status {
            ofx_sys::kOfxStatOK => {}
            ofx_sys::kOfxStatReplyDefault => {
                self.store_preferences(&prefs);
                *self.prefs.lock().unwrap_or_else(|e| e.into_inner()) = Some(prefs.clone());
                return Ok(prefs);
            }
            s => {
                return Err(HostError::Action {
                    action: ofx_str(ofx_sys::kOfxImageEffectActionGetClipPreferences).into(),
                    status: s,
                });
            }
        }
        let log = self.plugin.shared().log.clone();
        let depths = self.usable_depths();
        for (name, p) in prefs.clips.iter_mut() {
            let def = defaults.clips[name];
            let comps = out
                .get_string(&format!("OfxImageClipPropComponents_{name}"), 0)
                .unwrap_or_default();
            match Components::from_ofx_name(&comps) {
                Some(c) if self.usable_components(name).contains(&c) => p.components = c,
                _ => log.violation(
                    ViolationKind::BadClipPreferences,
                    format!(
                        "clip '{name}': components '{comps}' are not among those the clip supports"
                    ),
                ),
            }
            let depth = out
                .get_string(&format!("OfxImageClipPropDepth_{name}"), 0)
                .unwrap_or_default();
            match Depth::from_ofx_name(&depth) {
                Some(d) if depths.contains(&d) => {
                    if d != def.depth && !cfg.multiple_clip_depths {
                        log.violation(
                            ViolationKind::BadClipPreferences,
                            format!("clip '{name}': depth '{depth}' asked for, but the host does not support multiple clip depths"),
                        );
                    } else {
                        p.depth = d;
                    }
                }
                _ => log.violation(
                    ViolationKind::BadClipPreferences,
                    format!(
                        "clip '{name}': depth '{depth}' is not supported by the plugin and the host"
                    ),
                ),
            }
            let par = out
                .get_double(&format!("OfxImageClipPropPAR_{name}"), 0)
                .unwrap_or(def.pixel_aspect_ratio);
            if par != def.pixel_aspect_ratio {
                if cfg.multiple_clip_pars && par > 0.0 {
                    p.pixel_aspect_ratio = par;
                } else {
                    log.violation(
                        ViolationKind::BadClipPreferences,
                        format!("clip '{name}': pixel aspect ratio {par} asked for, but the host does not support multiple clip PARs"),
                    );
                }
            }
        }
        let premultiplication = ofx_sys::kOfxImageEffectPropPreMultiplication;
        if let Some(p) = read_enum(
            &out,
            &log,
            premultiplication,
            "premultiplication",
            Premultiplication::parse,
        ) {
            prefs.premultiplication = p;
        }
        prefs.frame_rate = out
            .get_double(ofx_str(ofx_sys::kOfxImageEffectPropFrameRate), 0)
            .unwrap_or(prefs.frame_rate);
        let field_order = ofx_sys::kOfxImageClipPropFieldOrder;
        if let Some(f) = read_enum(&out, &log, field_order, "field order", Field::parse) {
            prefs.field_order = f;
        }
        prefs.continuous_samples = out
            .get_int(ofx_str(ofx_sys::kOfxImageClipPropContinuousSamples), 0)
            .unwrap_or(0)
            != 0;
        prefs.frame_varying = out
            .get_int(ofx_str(ofx_sys::kOfxImageEffectFrameVarying), 0)
            .unwrap_or(0)
            != 0;
        self.store_preferences(&prefs);
        *self.prefs.lock().unwrap_or_else(|e| e.into_inner()) = Some(prefs.clone());
        Ok(prefs)
    }

    /// The clip preferences in force, asking the plugin if they are not
    /// known (after creation, a connection or a parameter change).
    /// Values the plugin wrote since are taken into account: they may
    /// change its preferences.
    pub fn current_preferences(&self) -> Result<ClipPreferences, HostError> {
        let writes = self.param_set().map_or(0, crate::param_sets::plugin_writes);
        let fresh = writes == self.prefs_writes.load(std::sync::atomic::Ordering::Relaxed);
        if fresh && let Some(p) = self.prefs.lock().unwrap_or_else(|e| e.into_inner()).clone() {
            return Ok(p);
        }
        let p = self.clip_preferences()?;
        self.prefs_writes
            .store(writes, std::sync::atomic::Ordering::Relaxed);
        Ok(p)
    }
}

/// The value of the output's string property `name`, read as one of the
/// values `parse` knows; a string that is none of them is a
/// `BadClipPreferences` violation (the host then keeps its default).
fn read_enum<T>(
    out: &PropertySet,
    log: &crate::log::Log,
    name: &'static std::ffi::CStr,
    what: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Option<T> {
    let s = out.get_string(ofx_str(name), 0).ok()?;
    let value = parse(&s);
    if value.is_none() {
        log.violation(
            ViolationKind::BadClipPreferences,
            format!("output {what} '{s}' is not an OpenFX value"),
        );
    }
    value
}
