//! `cargo xtask demo`: the README's one-command demonstration.
//!
//! It is delivered together with the example plugins and the host CLI; until
//! then the subcommand only says so.

/// Runs the demo subcommand. Currently a placeholder that explains its status.
pub fn run(_args: &[String]) -> crate::Result<()> {
    println!(
        "cargo xtask demo: not available yet; it is delivered together with the \
         example plugins and the ofx-host command-line tool"
    );
    Ok(())
}
