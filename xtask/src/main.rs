//! `cargo xtask`: project automation. Run `cargo xtask help` for usage.

use std::process::ExitCode;

const COMMAND_NAME: &str = "cargo xtask";

/// The commands of this repository only, as lines of the usage text.
const OWN_COMMANDS_HELP: &str = "  demo
      build the example bundles and the ofx tool (release), render a generated
      sample through gain and blur and the checkerboard generator, into
      <target-dir>/demo/
  valgrind
      run ofx-plugin's safety tests (misuse of the API through ofx-host)
      under valgrind's memcheck; fails on any memcheck error
  conformance PATH
      build the official OpenFX example plugins of the checkout at PATH
      (Examples/* and Support/Plugins/*) with the system C++ compiler, bundle
      them under <target-dir>/conformance/, run `ofx validate` on each and
      print a summary; skips (with the reason) what does not build here.
      Fails only when PATH is not an OpenFX checkout or nothing was built.
      Not run in CI.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rest = args.get(1..).unwrap_or_default();
    let result = match args.first().map(String::as_str) {
        Some("demo") => xtask::demo::run(rest),
        Some("valgrind") => xtask::valgrind::run(rest),
        Some("conformance") => xtask::conformance::run(rest),
        Some("help" | "-h" | "--help") | None => {
            print!(
                "usage: {COMMAND_NAME} <command> [options]\n\ncommands:\n{}{OWN_COMMANDS_HELP}",
                ofx_bundler::COMMANDS_HELP
            );
            Ok(())
        }
        Some(_) => ofx_bundler::main_with_args(COMMAND_NAME, args).map_err(|e| e.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
