//! The catalogue: every check the validator knows, with its name, its
//! one-line description, whether it may crash the process, and the
//! function that runs it, in the order a run goes through them.

use super::{
    Env, Options, Target, Verdict, coverage, describe, gpu, interacts, pixels, resources,
    robustness, small_sources,
};

/// One named check.
pub struct Check {
    /// A short kebab-case name (`images-released`).
    pub name: &'static str,
    /// One line saying what it checks.
    pub description: &'static str,
    /// A broken plugin may crash the process during this check, so it only
    /// runs in a child process.
    pub crash_prone: bool,
    run: fn(&Env) -> Verdict,
}

impl std::fmt::Debug for Check {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Check")
            .field("name", &self.name)
            .field("crash_prone", &self.crash_prone)
            .finish()
    }
}

impl Check {
    /// Runs the check here, in this process (a panic in the host while
    /// checking is a failure, not a crash).
    pub fn run_here(&self, target: &Target, options: &Options) -> Verdict {
        let env = Env { target, options };
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| (self.run)(&env))) {
            Ok(v) => v,
            Err(p) => Verdict::fail(format!(
                "the check panicked: {}",
                crate::error::panic_message(p.as_ref())
            )),
        }
    }
}

static CATALOGUE: &[Check] = &[
    Check {
        name: "describe",
        description: "Load, describe and describe-in-context succeed in every declared context",
        crash_prone: false,
        run: describe::describe,
    },
    Check {
        name: "describe-property-types",
        description: "Every property the plugin sets during describe has the right name, type and dimension",
        crash_prone: false,
        run: describe::property_types,
    },
    Check {
        name: "declared-formats",
        description: "Declared contexts, depths and components are valid OFX values the host can use",
        crash_prone: false,
        run: describe::declared_formats,
    },
    Check {
        name: "render-default",
        description: "A default render succeeds and writes finite pixels",
        crash_prone: true,
        run: pixels::render_default,
    },
    Check {
        name: "render-every-context",
        description: "A render at default parameters succeeds, writes finite pixels and breaks no rule in every context the plugin declares and the host offers",
        crash_prone: true,
        run: coverage::render_every_context,
    },
    Check {
        name: "render-varied-params",
        description: "Renders succeed, write finite pixels and break no rule with each numeric parameter at its minimum, mid-range and maximum (display range where unbounded), each boolean off and on, and each choice option",
        crash_prone: true,
        run: coverage::render_varied_params,
    },
    Check {
        name: "optional-inputs",
        description: "Renders succeed, write finite pixels and break no rule with the optional input clips connected and disconnected",
        crash_prone: true,
        run: coverage::optional_inputs,
    },
    Check {
        name: "images-released",
        description: "Every image fetched with clipGetImage is released before its action returns",
        crash_prone: true,
        run: resources::images_released,
    },
    Check {
        name: "image-memory-freed",
        description: "Every image memory block is freed (freeing it while locked is allowed, a note)",
        crash_prone: true,
        run: resources::image_memory_freed,
    },
    Check {
        name: "inputs-unchanged",
        description: "No input image changes while the plugin holds it (its pixels are hashed when handed out and when released)",
        crash_prone: true,
        run: resources::inputs_unchanged,
    },
    Check {
        name: "guard-pages",
        description: "No read or write outside the images' bounds (guard pages and row-padding canaries)",
        crash_prone: true,
        run: pixels::guard_pages,
    },
    Check {
        name: "sources-smaller-than-window",
        description: "No read outside input images smaller than and offset from the render window (between guard pages); the same pixels where the small sources hold every input",
        crash_prone: true,
        run: small_sources::sources_smaller_than_window,
    },
    Check {
        name: "render-window-respected",
        description: "Render writes nothing outside the render window",
        crash_prone: true,
        run: pixels::render_window,
    },
    Check {
        name: "same-pixels-rowbytes",
        description: "The same pixels with positive, negative and padded row bytes",
        crash_prone: true,
        run: pixels::same_pixels_rowbytes,
    },
    Check {
        name: "same-pixels-bounds",
        description: "The same pixels with image bounds equal to or larger than needed, at the origin and at negative coordinates",
        crash_prone: true,
        run: pixels::same_pixels_bounds,
    },
    Check {
        name: "same-pixels-tiles",
        description: "The same pixels rendered whole or split into tiles",
        crash_prone: true,
        run: pixels::same_pixels_tiles,
    },
    Check {
        name: "same-pixels-threads",
        description: "The same pixels on 1 thread or on N concurrent threads (if FullySafe or InstanceSafe)",
        crash_prone: true,
        run: pixels::same_pixels_threads,
    },
    Check {
        name: "identity-agrees",
        description: "Where isIdentity says yes, it names an input clip and a finite time (a render that disagrees is a note: hosts do not render an identity)",
        crash_prone: true,
        run: pixels::identity_agrees,
    },
    Check {
        name: "regions-sane",
        description: "RoD and RoI are finite, ordered and consistent at render scale 1 and 0.5",
        crash_prone: true,
        run: pixels::regions_sane,
    },
    Check {
        name: "missing-optional-suite",
        description: "The plugin loads and renders on a host without the optional suites",
        crash_prone: true,
        run: robustness::missing_optional_suites,
    },
    Check {
        name: "errors-not-aborts",
        description: "Actions return statuses (errors included) and never abort the host",
        crash_prone: true,
        run: robustness::errors_not_aborts,
    },
    Check {
        name: "host-threads",
        description: "A fully thread-safe plugin renders on the host's MultiThread threads, not on threads of its own",
        crash_prone: true,
        run: resources::host_threads,
    },
    Check {
        name: "gpu-flag-values",
        description: "The GPU flags the plugin declares are \"true\", \"false\" or \"needed\" (\"needed\" only where allowed)",
        crash_prone: false,
        run: gpu::flag_values,
    },
    Check {
        name: "gpu-renders-without-gpu",
        description: "A plugin declaring a GPU API as optional (\"true\") renders when the host enables none",
        crash_prone: true,
        run: gpu::renders_without_gpu,
    },
    Check {
        name: "gpu-same-pixels",
        description: "Each OpenCL render (buffers, images) and OpenGL render gives the CPU render's pixels within the stated tolerance",
        crash_prone: true,
        run: gpu::same_pixels,
    },
    Check {
        name: "gpu-reference-counts",
        description: "The host's OpenCL queue and memory objects have the reference counts the host left after each render; OpenGL textures are freed and no GL error is left",
        crash_prone: true,
        run: gpu::reference_counts,
    },
    Check {
        name: "gpu-failure-falls-back",
        description: "A plugin answering an OpenCL or OpenGL render with kOfxStatGPURenderFailed is rendered again on the CPU, with the CPU pixels",
        crash_prone: true,
        run: gpu::failure_falls_back,
    },
    Check {
        name: "instance-cycles",
        description: "Repeated create/destroy instance cycles leak no host object or memory",
        crash_prone: true,
        run: robustness::instance_cycles,
    },
    Check {
        name: "interacts",
        description: "The overlay interact draws, takes a pen drag across the image centre and a key press, and is destroyed: statuses an interact may answer, the Draw Suite used only in draw, no memory left after destroy",
        crash_prone: true,
        run: interacts::interacts,
    },
];

/// Every check, in the order [`run_all`](super::run_all) runs them.
pub fn catalogue() -> &'static [Check] {
    CATALOGUE
}

/// The check called `name`.
pub fn find(name: &str) -> Option<&'static Check> {
    CATALOGUE.iter().find(|c| c.name == name)
}
