//! The only place the tests touch `ofx-host`'s driver: load an example's
//! bundle, create an instance in a context, feed it frames laid out as a
//! case says, and render, checking on the way that the plugin wrote nothing
//! outside its render window, left the row padding alone, released every
//! image it fetched, broke no rule the host checks and posted no message
//! (an error in an action is posted as one).

use std::collections::BTreeMap;

use example_tests::bundles::{self, Example, Profile};
use ofx_host::Context;
use ofx_host::driver::{
    HostConfig, InputBounds, InputLayout, Instance, OutputLayout, RenderRequest, Session,
};
use ofx_host::image::{ImageBuffer, OUTSIDE_PATTERN};
use ofx_host::param_values::ParamValue;
use ofx_host::props::PropertySet;
use ofx_sys::{OfxPointD, OfxRectD, OfxRectI};

use super::matrix::{Case, Rows};

/// Frames of one input clip: `(time, full-resolution frame)`.
pub type Frames = Vec<(f64, ImageBuffer)>;

/// An instance of an example, loaded from its bundle.
pub struct Effect<'p> {
    instance: Instance<'p>,
    descriptor: PropertySet,
    config: HostConfig,
}

/// The host configuration the tests use: a capable host whose project
/// holds frames 0 to 9.
pub fn config() -> HostConfig {
    let mut c = HostConfig::default();
    c.project.frame_range = (0.0, 9.0);
    c
}

/// Loads `example` from its bundle, creates an instance in `context` and
/// runs `f` on it; then destroys the instance, unloads the plugin and
/// checks that nothing leaked.
pub fn with_effect<R>(
    example: Example,
    context: Context,
    config: HostConfig,
    f: impl FnOnce(&mut Effect<'_>) -> R,
) -> R {
    let path = bundles::bundle(example, Profile::Debug);
    let session = Session::load_bundle(&path, config.clone())
        .unwrap_or_else(|e| panic!("loading {}: {e}", path.display()));
    let r = {
        let plugin = session
            .plugin(example.id)
            .unwrap_or_else(|e| panic!("{}: {e}", example.id));
        let instance = plugin
            .create_instance(context)
            .unwrap_or_else(|e| panic!("{} in {context}: {e}", example.id));
        let mut fx = Effect {
            instance,
            descriptor: plugin.descriptor(),
            config,
        };
        f(&mut fx)
    };
    let leaks = session.leaks();
    assert!(leaks.is_clean(), "{}: {leaks:?}", example.id);
    let violations = session.log().violations();
    assert!(
        violations.is_empty(),
        "{} broke host rules: {violations:#?}",
        example.id
    );
    // Log lines (the plugin saying which threads its parallel work runs on)
    // are for the host's log file; anything shown to a user is a failure.
    let messages: Vec<_> = session
        .log()
        .messages()
        .into_iter()
        .filter(|m| m.message_type != "OfxMessageLog")
        .collect();
    assert!(
        messages.is_empty(),
        "{} posted messages: {messages:#?}",
        example.id
    );
    r
}

fn scale(case: &Case) -> OfxPointD {
    OfxPointD {
        x: case.scale,
        y: case.scale,
    }
}

impl Effect<'_> {
    /// The plugin's descriptor properties.
    pub fn descriptor(&self) -> &PropertySet {
        &self.descriptor
    }

    /// The project's pixel aspect ratio.
    pub fn project_pixel_aspect_ratio(&self) -> f64 {
        self.config.project.pixel_aspect_ratio
    }

    /// Sets a numeric (or boolean, as 0/1) parameter as a user would.
    pub fn set(&mut self, name: &str, value: &[f64]) {
        self.instance
            .set_param(name, ParamValue::Numeric(value.to_vec()))
            .unwrap_or_else(|e| panic!("setting {name} to {value:?}: {e}"));
    }

    /// Connects each input clip to its frames, laid out as `case` says.
    fn connect(&mut self, case: &Case, inputs: &[(&str, Frames)]) {
        for (clip, frames) in inputs {
            let frames = frames.clone();
            let source = move |t: f64| {
                frames
                    .iter()
                    .find(|(ft, _)| *ft == t)
                    .map(|(_, f)| f.clone())
            };
            let layout = InputLayout {
                bounds: InputBounds::Frame,
                padding: case.padding(),
                order: case.layout(case.frame_bounds()).order,
                guard_pages: case.rows != Rows::Padded,
                depth: Some(case.depth),
                components: Some(case.components),
                pixel_aspect_ratio: self.config.project.pixel_aspect_ratio,
            };
            self.instance
                .connect_with(clip, source, layout)
                .unwrap_or_else(|e| panic!("connecting {clip}: {e}"));
        }
    }

    /// Renders `case` at `time`: the case's window of an output image with
    /// the case's bounds.
    pub fn render(&mut self, case: &Case, inputs: &[(&str, Frames)], time: f64) -> ImageBuffer {
        self.render_in(case, inputs, time, case.bounds(), case.window())
    }

    /// Renders `window` of an output image with `bounds`, laid out as `case`
    /// says, at `time`.
    pub fn render_in(
        &mut self,
        case: &Case,
        inputs: &[(&str, Frames)],
        time: f64,
        bounds: OfxRectI,
        window: OfxRectI,
    ) -> ImageBuffer {
        self.connect(case, inputs);
        let layout = case.layout(bounds);
        let tiles = if case.tiled { (3, 2) } else { (1, 1) };
        let req = RenderRequest {
            time,
            window: Some(window),
            scale: scale(case),
            output: OutputLayout {
                bounds: Some(bounds),
                padding: layout.padding,
                order: layout.order,
                guard_pages: case.rows != Rows::Padded,
            },
            tiles,
            threads: case.threads,
            fill_outside: Some(OUTSIDE_PATTERN),
            ..RenderRequest::default()
        };
        let out = self
            .instance
            .render(&req)
            .unwrap_or_else(|e| panic!("rendering {}: {e}", case.name()));
        let l = out.layout();
        assert_eq!(
            (l.depth, l.components, l.bounds.x1, l.bounds.y2),
            (case.depth, case.components, bounds.x1, bounds.y2),
            "output format of {}",
            case.name()
        );
        if let Err(e) = out.find_writes_outside(window, OUTSIDE_PATTERN) {
            panic!("{}: wrote outside the render window: {e:?}", case.name());
        }
        out.check_canaries()
            .unwrap_or_else(|e| panic!("{}: row padding damaged: {e}", case.name()));
        out
    }

    /// Asks whether the effect is an identity for `case`'s window at `time`.
    pub fn is_identity(
        &mut self,
        case: &Case,
        inputs: &[(&str, Frames)],
        time: f64,
    ) -> Option<(String, f64)> {
        self.connect(case, inputs);
        self.instance
            .is_identity(time, scale(case), case.window())
            .unwrap_or_else(|e| panic!("is identity: {e}"))
    }

    /// The frame ranges the effect needs from each input at `time`.
    pub fn frames_needed(
        &mut self,
        time: f64,
        inputs: &[(&str, Frames)],
        case: &Case,
    ) -> BTreeMap<String, Vec<(f64, f64)>> {
        self.connect(case, inputs);
        self.instance
            .frames_needed(time)
            .unwrap_or_else(|e| panic!("frames needed: {e}"))
            .into_iter()
            .map(|(k, v)| (k, v.into_iter().map(|r| (r.min, r.max)).collect()))
            .collect()
    }

    /// The region of definition at `time` and render scale `s`.
    pub fn region_of_definition(&self, time: f64, s: f64) -> OfxRectD {
        self.instance
            .region_of_definition(time, OfxPointD { x: s, y: s })
            .unwrap_or_else(|e| panic!("region of definition: {e}"))
    }
}
