//! Runs the check catalogue on a plugin in a bundle, each check isolated in
//! a child process (this program started again), and prints the table.
//!
//! ```text
//! cargo run -p ofx-host --example validate -- path/to/Plugin.ofx.bundle org.example.Plugin [check...]
//! ```
//!
//! Exits with 1 when a check fails, 2 on bad arguments.

use ofx_host::checks::{self, Isolation, Options, Target};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [bundle, id, only @ ..] = args.as_slice() else {
        eprintln!("usage: validate BUNDLE PLUGIN_ID [CHECK...]");
        std::process::exit(2);
    };
    let target = Target::bundle(bundle, id);
    let mut options = Options {
        only: only.to_vec(),
        ..Options::default()
    };
    // In a child: run the one check asked for and report it on stdout.
    if let Some(check) = checks::requested_check() {
        std::process::exit(checks::child_main(&target, &options, &check));
    }
    let exe = match std::env::current_exe() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("validate: cannot find this program: {e}");
            std::process::exit(2);
        }
    };
    options.isolation = Some(Isolation::new(exe).arg(bundle).arg(id));
    let report = checks::run_all(&target, &options);
    print!("{}", report.table(false));
    std::process::exit(if report.passed() { 0 } else { 1 });
}
