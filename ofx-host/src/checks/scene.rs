//! The scene a check renders: its context, depth, components, test
//! pictures and frame range, how it is chosen from the plugin's
//! declarations, and the instances and render calls built from it.

use std::sync::Arc;

use ofx_sys::{OfxPointD, OfxRectD, OfxRectI};

use crate::driver::{
    FrameSource, HostConfig, InputLayout, Instance, OutputLayout, Plugin, RenderRequest,
};
use crate::image::{Components, Depth, ImageBuffer, Layout, intersect};
use crate::types::Context;

use super::support::{
    chosen_context, not_described, optional_inputs, scene_components, short_context, usable_depths,
};
use super::{Env, Verdict};

/// Input frames for one clip: the same picture at every time inside the
/// project's frame range, nothing outside it.
struct Frames {
    image: Arc<ImageBuffer>,
    range: (f64, f64),
}

impl FrameSource for Frames {
    fn frame(&self, time: f64) -> Option<Arc<ImageBuffer>> {
        (time >= self.range.0 && time <= self.range.1).then(|| self.image.clone())
    }
}

/// What a pixel check renders: a context, a depth and components, and one
/// test picture per input clip over `frame`.
#[derive(Clone, Debug)]
pub(crate) struct Scene {
    /// The context.
    pub context: Context,
    /// Depth of the input pictures.
    pub depth: Depth,
    /// Components of the output, and of every input that accepts them.
    pub components: Components,
    /// Input clips (every clip but `Output`), in definition order.
    pub inputs: Vec<String>,
    /// Components of each input's picture, in the order of `inputs`
    /// (see [`scene_components`]).
    pub input_components: Vec<Components>,
    /// Optional inputs among `inputs`.
    pub optional: Vec<String>,
    /// Inputs left disconnected in this scene (optional ones only).
    pub disconnected: Vec<String>,
    /// The frame the input pictures cover, in pixels at scale 1.
    pub frame: OfxRectI,
    /// The project's first frame.
    pub time: f64,
    range: (f64, f64),
    /// Parameter values set on each new instance, `(name, text)`.
    pub params: Vec<(String, String)>,
}

impl Scene {
    /// A scene for the run's host, in the preferred context, at the deepest
    /// usable depth, RGBA if every clip takes it.
    pub(crate) fn choose(env: &Env, plugin: &Plugin) -> Result<Scene, Verdict> {
        Scene::choose_on(env, plugin, &env.options.host)
    }

    /// As [`Scene::choose`] for another host.
    pub(crate) fn choose_on(
        env: &Env,
        plugin: &Plugin,
        config: &HostConfig,
    ) -> Result<Scene, Verdict> {
        let context = chosen_context(env, plugin, config)?;
        Scene::in_context(env, plugin, config, context)
    }

    /// As [`Scene::choose_on`], in `context`.
    pub(crate) fn in_context(
        env: &Env,
        plugin: &Plugin,
        config: &HostConfig,
        context: Context,
    ) -> Result<Scene, Verdict> {
        let info = plugin
            .describe_in_context(context)
            .map_err(|e| not_described(context, &e))?;
        let depth = *usable_depths(plugin, config)
            .last()
            .ok_or_else(|| Verdict::not_applicable("no declared depth is one this host renders"))?;
        let (components, input_components) =
            scene_components(&info.clips, config).ok_or_else(|| {
                Verdict::not_applicable(
                    "no component type the output and every mandatory input accept",
                )
            })?;
        let (w, h) = env.options.size;
        Ok(Scene {
            context,
            depth,
            components,
            inputs: info
                .clips
                .iter()
                .map(|(n, _)| n.clone())
                .filter(|n| n != "Output")
                .collect(),
            input_components,
            optional: optional_inputs(&info.clips),
            disconnected: Vec::new(),
            frame: OfxRectI {
                x1: 0,
                y1: 0,
                x2: w.max(1),
                y2: h.max(1),
            },
            time: config.project.frame_range.0,
            range: config.project.frame_range,
            params: env.options.params.clone(),
        })
    }

    /// The same scene at another depth.
    pub(crate) fn at_depth(&self, depth: Depth) -> Scene {
        Scene {
            depth,
            ..self.clone()
        }
    }

    /// The same scene moved by (dx, dy) pixels.
    pub(crate) fn translated(&self, dx: i32, dy: i32) -> Scene {
        Scene {
            frame: super::layouts::translate(self.frame, dx, dy),
            ..self.clone()
        }
    }

    /// `filter, f32 rgba, 64x48 at (0,0)`.
    /// (Inputs in other components, and disconnected inputs, follow:
    /// `filter, u8 rgba (Mask: alpha), 64x48 at (0,0), Mask disconnected`.)
    pub(crate) fn describe(&self) -> String {
        let others: Vec<String> = self
            .inputs
            .iter()
            .zip(&self.input_components)
            .filter(|(n, c)| **c != self.components && !self.disconnected.contains(n))
            .map(|(n, c)| format!("{n}: {c}"))
            .collect();
        let others = if others.is_empty() {
            String::new()
        } else {
            format!(" ({})", others.join(", "))
        };
        let gone = if self.disconnected.is_empty() {
            String::new()
        } else {
            format!(", {} disconnected", self.disconnected.join(" and "))
        };
        format!(
            "{}, {} {}{others}, {}x{} at ({},{}){gone}",
            short_context(self.context),
            self.depth,
            self.components,
            self.frame.x2 - self.frame.x1,
            self.frame.y2 - self.frame.y1,
            self.frame.x1,
            self.frame.y1
        )
    }

    /// The same scene with input pictures covering `frame` (their regions
    /// of definition) instead.
    pub(crate) fn with_frame(&self, frame: OfxRectI) -> Scene {
        Scene {
            frame,
            ..self.clone()
        }
    }

    /// The same scene with the optional inputs `clips` disconnected.
    pub(crate) fn without(&self, clips: &[String]) -> Scene {
        Scene {
            disconnected: clips.to_vec(),
            ..self.clone()
        }
    }

    /// The test picture of input number `i`.
    pub(crate) fn picture(&self, i: usize) -> ImageBuffer {
        let components = self
            .input_components
            .get(i)
            .copied()
            .unwrap_or(self.components);
        ImageBuffer::from_fn(
            Layout::packed(self.frame, self.depth, components),
            super::layouts::pattern(i as u32 + 1),
        )
    }

    /// The test picture of input clip `clip`, if it is one.
    pub(crate) fn picture_of(&self, clip: &str) -> Option<ImageBuffer> {
        let i = self.inputs.iter().position(|c| c == clip)?;
        Some(self.picture(i))
    }

    /// A new instance with every input connected, images laid out as
    /// `layout`, and the scene's parameter values set.
    pub(crate) fn instance_with<'p>(
        &self,
        plugin: &'p Plugin,
        layout: InputLayout,
    ) -> Result<Instance<'p>, Verdict> {
        let mut inst = plugin.create_instance(self.context).map_err(|e| {
            Verdict::fail(format!(
                "create instance in {}: {e}",
                short_context(self.context)
            ))
        })?;
        for (i, clip) in self.inputs.iter().enumerate() {
            if self.disconnected.contains(clip) {
                continue;
            }
            let frames = Frames {
                image: Arc::new(self.picture(i)),
                range: self.range,
            };
            inst.connect_with(clip, frames, layout)
                .map_err(|e| Verdict::fail(format!("connect '{clip}': {e}")))?;
        }
        for (name, text) in &self.params {
            inst.set_param_text(name, text).map_err(|e| {
                Verdict::fail(format!(
                    "{}: cannot set parameter value {name}={text}: {e}",
                    short_context(self.context)
                ))
            })?;
        }
        Ok(inst)
    }

    /// A new instance with every input connected, packed bottom-up images
    /// between guard pages.
    pub(crate) fn instance<'p>(&self, plugin: &'p Plugin) -> Result<Instance<'p>, Verdict> {
        self.instance_with(plugin, input_layout())
    }

    /// The render window at `scale`: the frame, cut to the plugin's RoD
    /// when that overlaps it.
    pub(crate) fn window(&self, inst: &Instance, scale: f64) -> OfxRectI {
        let s = |v: i32, up: bool| {
            let f = f64::from(v) * scale;
            (if up { f.ceil() } else { f.floor() }) as i32
        };
        let frame = OfxRectI {
            x1: s(self.frame.x1, false),
            y1: s(self.frame.y1, false),
            x2: s(self.frame.x2, true),
            y2: s(self.frame.y2, true),
        };
        let Ok(rod) = inst.region_of_definition(self.time, point(scale)) else {
            return frame;
        };
        let rod_px = OfxRectI {
            x1: (rod.x1 * scale).floor().clamp(-1e9, 1e9) as i32,
            y1: (rod.y1 * scale).floor().clamp(-1e9, 1e9) as i32,
            x2: (rod.x2 * scale).ceil().clamp(-1e9, 1e9) as i32,
            y2: (rod.y2 * scale).ceil().clamp(-1e9, 1e9) as i32,
        };
        let w = intersect(frame, rod_px);
        if w.x2 > w.x1 && w.y2 > w.y1 { w } else { frame }
    }

    /// A whole-window render request at the scene's time, scale 1, one
    /// thread, the output between guard pages (the window is filled in by
    /// [`Scene::render`]).
    pub(crate) fn request(&self) -> RenderRequest {
        RenderRequest::at(self.time)
            .tiles(1, 1, 1)
            .output(output_layout())
    }

    /// Renders `req` (its window defaults to [`Scene::window`]).
    pub(crate) fn render(
        &self,
        inst: &mut Instance,
        req: &RenderRequest,
    ) -> Result<ImageBuffer, String> {
        let mut req = req.clone();
        if req.window.is_none() {
            let scale = req.scale.x;
            req.window = Some(self.window(inst, scale));
        }
        inst.render(&req).map_err(|e| e.to_string())
    }

    /// The RoD at `scale`.
    pub(crate) fn region_of_definition(
        &self,
        inst: &mut Instance,
        scale: f64,
    ) -> Result<OfxRectD, String> {
        inst.region_of_definition(self.time, point(scale))
            .map_err(|e| e.to_string())
    }

    /// The RoIs for the whole window at `scale` (canonical coordinates).
    pub(crate) fn regions_of_interest(
        &self,
        inst: &mut Instance,
        scale: f64,
    ) -> Result<std::collections::BTreeMap<String, OfxRectD>, String> {
        let w = self.window(inst, scale);
        let roi = OfxRectD {
            x1: f64::from(w.x1) / scale,
            y1: f64::from(w.y1) / scale,
            x2: f64::from(w.x2) / scale,
            y2: f64::from(w.y2) / scale,
        };
        inst.regions_of_interest(self.time, point(scale), roi)
            .map_err(|e| e.to_string())
    }

    /// isIdentity for the whole window at scale 1.
    pub(crate) fn is_identity(&self, inst: &mut Instance) -> Result<Option<(String, f64)>, String> {
        let w = self.window(inst, 1.0);
        inst.is_identity(self.time, point(1.0), w)
            .map_err(|e| e.to_string())
    }
}

/// Input images as the checks hand them out: packed, bottom-up, between
/// guard pages, so that a stray access anywhere ends the check's process
/// with a named diagnosis instead of corrupting memory.
pub(crate) fn input_layout() -> InputLayout {
    InputLayout {
        guard_pages: true,
        ..InputLayout::default()
    }
}

/// The output image as the checks lay it out (see [`input_layout`]).
pub(crate) fn output_layout() -> OutputLayout {
    OutputLayout {
        guard_pages: true,
        ..OutputLayout::default()
    }
}

/// (s, s).
pub(crate) fn point(s: f64) -> OfxPointD {
    OfxPointD { x: s, y: s }
}

/// `ok` or the error.
pub(crate) fn outcome<T>(r: &Result<T, String>) -> String {
    match r {
        Ok(_) => "ok".into(),
        Err(e) => e.clone(),
    }
}
