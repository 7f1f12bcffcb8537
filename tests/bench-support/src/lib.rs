//! What the workspace's criterion benchmarks share.
//!
//! Criterion times each case (warm-up, outlier analysis, comparison with
//! the previous run). The figure this project reports is not a time but a
//! ratio: a case's mean time over the mean time of a `memcpy` of the same
//! frame, measured in the same group of the same run, so that figures from
//! different machines and different days can be compared. [`Ratios`] reads
//! criterion's estimates back and prints that table.
//!
//! Under `cargo test --benches` (no `--bench` argument), a benchmark runs
//! each case once; [`full_run`] tells it to use real frame sizes only when
//! it is measuring.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::SystemTime;

pub use criterion;
use criterion::Criterion;

/// Whether this is a measuring run (`cargo bench`) rather than the smoke
/// run of `cargo test --benches`.
pub fn full_run() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// When [`configured_criterion`] was first called: results older than
/// this belong to an earlier run.
static STARTED: OnceLock<SystemTime> = OnceLock::new();

/// Where criterion keeps its results: `<target>/criterion`, next to the
/// benchmark binaries of the same target directory.
pub fn output_dir() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.parent()?.join("criterion")))
        .unwrap_or_else(|| PathBuf::from("target/criterion"))
}

/// A criterion configured from the command line, writing to [`output_dir`].
pub fn configured_criterion() -> Criterion {
    STARTED.get_or_init(SystemTime::now);
    Criterion::default()
        .output_directory(&output_dir())
        .configure_from_args()
}

/// The mean time in nanoseconds criterion recorded for `group/name` in this
/// run, or `None` when the case did not run in it (filtered out, or before
/// [`configured_criterion`] was called).
pub fn mean_ns(group: &str, name: &str) -> Option<f64> {
    // Criterion names a case's directory after its id, with the characters
    // a path cannot hold replaced (ids here stay under its 64-byte limit).
    let dir = |id: &str| id.replace(['?', '"', '/', '\\', '*', '<', '>', ':', '|', '^'], "_");
    let path = output_dir()
        .join(dir(group))
        .join(dir(name))
        .join("new")
        .join("estimates.json");
    let written = std::fs::metadata(&path).ok()?.modified().ok()?;
    if written < *STARTED.get()? {
        return None;
    }
    let json = std::fs::read_to_string(&path).ok()?;
    let mean = &json[json.find("\"mean\"")?..];
    let at = mean.find("\"point_estimate\":")? + "\"point_estimate\":".len();
    let end = at + mean[at..].find([',', '}'])?;
    mean[at..end].trim().parse().ok()
}

/// A table of cases as ratios to a baseline case of the same group.
pub struct Ratios {
    title: String,
    rows: Vec<(String, String, String)>,
}

impl Ratios {
    /// An empty table under `title` (what is measured, and against what).
    pub fn new(title: impl Into<String>) -> Ratios {
        Ratios {
            title: title.into(),
            rows: Vec::new(),
        }
    }

    /// Adds `cases` of `group`, each over the group's `baseline` case.
    /// Cases that did not run are left out.
    pub fn group(&mut self, group: &str, baseline: &str, cases: &[&str]) {
        let Some(base) = mean_ns(group, baseline) else {
            return;
        };
        self.rows.push((
            group.to_owned(),
            format!("{baseline} {:.3} ms", base / 1e6),
            String::new(),
        ));
        for name in cases {
            if let Some(t) = mean_ns(group, name) {
                self.rows.push((
                    format!("  {name}"),
                    format!("{:.3} ms", t / 1e6),
                    format!("{:.2}x", t / base),
                ));
            }
        }
    }

    /// Prints the table on a measuring run; prints nothing on a smoke run.
    pub fn print(&self) {
        if !full_run() {
            return;
        }
        println!("\n{}", self.title);
        let width = self.rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
        for (name, time, ratio) in &self.rows {
            println!("{name:<width$}  {time:>12}  {ratio:>6}");
        }
    }
}
