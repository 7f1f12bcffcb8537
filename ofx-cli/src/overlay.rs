//! `ofx overlay`: a render with the effect's overlay drawn on top, after
//! pen and key events, so that an author sees the handles without a host
//! application.
//!
//! Everything `ofx render` takes is taken here. Before the first frame the
//! overlay interact is created, given the focus, sent the `--pen` events
//! then the `--key` events in the order given, and destroyed: parameters
//! it changes are those the frames render with. On each frame a new
//! overlay instance is drawn (through the Draw Suite) and rasterised over
//! the rendered image (see `ofx_host::drawing`: lines, shapes, and text as
//! one box per character). The viewer is the output image itself: one
//! screen pixel per output pixel, so the pixel scale is 1 / render scale.

use clap::Args;
use ofx_host::driver::{Instance, Overlay, Viewport};
use ofx_host::image::ImageBuffer;

use crate::Failure;
use crate::render::{FrameHooks, RenderArgs, host_failure};

/// Arguments of `ofx overlay`.
#[derive(Args)]
pub struct OverlayArgs {
    #[command(flatten)]
    render: RenderArgs,
    /// A pen event, in canonical coordinates: down:X,Y, move:X,Y or up:X,Y
    /// (repeatable; sent in order before the first frame renders).
    #[arg(long = "pen", value_name = "down|move|up:X,Y")]
    pens: Vec<String>,
    /// A key: a character or a key symbol number (ofx_sys::kOfxKey_*),
    /// pressed and released; or down:K, up:K, repeat:K for one event
    /// (repeatable; sent in order, after the pen events).
    #[arg(long = "key", value_name = "[down|up|repeat:]KEY")]
    keys: Vec<String>,
}

/// One pen event of the command line.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Pen {
    Down([f64; 2]),
    Move([f64; 2]),
    Up([f64; 2]),
}

/// One key event: which, its symbol and its text.
#[derive(Clone, Debug, PartialEq)]
enum Key {
    Down(i32, String),
    Up(i32, String),
    Repeat(i32, String),
}

fn parse_pen(s: &str) -> Result<Pen, Failure> {
    let bad = || Failure::Input(format!("--pen '{s}': use down:X,Y, move:X,Y or up:X,Y"));
    let (kind, xy) = s.split_once(':').ok_or_else(bad)?;
    let (x, y) = xy.split_once(',').ok_or_else(bad)?;
    let p = [
        x.trim().parse::<f64>().map_err(|_| bad())?,
        y.trim().parse::<f64>().map_err(|_| bad())?,
    ];
    if !(p[0].is_finite() && p[1].is_finite()) {
        return Err(bad());
    }
    match kind.trim() {
        "down" => Ok(Pen::Down(p)),
        "move" | "motion" => Ok(Pen::Move(p)),
        "up" => Ok(Pen::Up(p)),
        _ => Err(bad()),
    }
}

/// A key's symbol and text: one character is itself (its code is its key
/// symbol for Latin-1), a number is a key symbol with no text.
fn key_code(k: &str) -> Option<(i32, String)> {
    let mut chars = k.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some((c as i32, c.to_string())),
        _ => k.parse::<i32>().ok().map(|n| (n, String::new())),
    }
}

fn parse_key(s: &str) -> Result<Vec<Key>, Failure> {
    let bad = || {
        Failure::Input(format!(
            "--key '{s}': use a character or a key symbol number, optionally after down:, up: or repeat:"
        ))
    };
    let (kind, key) = match s.split_once(':') {
        Some((k @ ("down" | "up" | "repeat"), rest)) if !rest.is_empty() => (Some(k), rest),
        _ => (None, s),
    };
    let (sym, text) = key_code(key).ok_or_else(bad)?;
    Ok(match kind {
        Some("down") => vec![Key::Down(sym, text)],
        Some("up") => vec![Key::Up(sym, text)],
        Some(_) => vec![Key::Repeat(sym, text)],
        None => vec![Key::Down(sym, text.clone()), Key::Up(sym, text)],
    })
}

/// The overlay's session around the frames.
struct Hooks {
    pens: Vec<Pen>,
    keys: Vec<Key>,
}

/// The overlay of `inst`, its view the output image at render `scale`.
fn open<'p>(inst: &Instance<'p>, scale: f64, size: [i32; 2]) -> Result<Overlay<'p>, Failure> {
    let mut ov = inst.overlay().map_err(|e| match e {
        ofx_host::error::HostError::NotFound(_) => {
            Failure::Input("the effect has no overlay interact".into())
        }
        e => host_failure(e),
    })?;
    ov.set_viewport(Viewport {
        size,
        pixel_scale: [1.0 / scale, 1.0 / scale],
        render_scale: [scale, scale],
        ..Viewport::default()
    });
    Ok(ov)
}

fn trapped(t: bool) -> &'static str {
    if t { "trapped" } else { "not trapped" }
}

impl FrameHooks for Hooks {
    fn before(&mut self, inst: &mut Instance<'_>, time: f64, scale: f64) -> Result<(), Failure> {
        if self.pens.is_empty() && self.keys.is_empty() {
            // Still make sure there is an overlay before rendering.
            return open(inst, scale, [0, 0])?.destroy().map_err(host_failure);
        }
        let mut ov = open(inst, scale, [0, 0])?;
        ov.gain_focus(time).map_err(host_failure)?;
        for p in &self.pens {
            let (name, r) = match *p {
                Pen::Down(xy) => ("pen down", ov.pen_down(time, xy).map(|t| (xy, t))),
                Pen::Move(xy) => ("pen move", ov.pen_motion(time, xy).map(|t| (xy, t))),
                Pen::Up(xy) => ("pen up", ov.pen_up(time, xy).map(|t| (xy, t))),
            };
            let (xy, t) = r.map_err(host_failure)?;
            println!("{name} at {},{}: {}", xy[0], xy[1], trapped(t));
        }
        for k in &self.keys {
            let (name, sym, r) = match k {
                Key::Down(s, t) => ("key down", *s, ov.key_down(time, *s, t)),
                Key::Up(s, t) => ("key up", *s, ov.key_up(time, *s, t)),
                Key::Repeat(s, t) => ("key repeat", *s, ov.key_repeat(time, *s, t)),
            };
            println!("{name} {sym}: {}", trapped(r.map_err(host_failure)?));
        }
        ov.lose_focus(time).map_err(host_failure)?;
        ov.destroy().map_err(host_failure)
    }

    fn after(
        &mut self,
        inst: &Instance<'_>,
        time: f64,
        scale: f64,
        out: &mut ImageBuffer,
    ) -> Result<(), Failure> {
        let b = out.bounds();
        let mut ov = open(inst, scale, [b.x2 - b.x1, b.y2 - b.y1])?;
        let drawing = ov.draw(time).map_err(host_failure)?;
        ov.destroy().map_err(host_failure)?;
        if drawing.is_empty() {
            eprintln!(
                "warning: the overlay drew nothing through the Draw Suite (an OpenGL overlay \
                 draws nothing here)"
            );
        }
        drawing.draw_over(out, [scale, scale]);
        println!(
            "overlay at frame {time}: {} Draw Suite call(s) drawn over the render",
            drawing.calls().len()
        );
        Ok(())
    }
}

/// Runs `ofx overlay`.
pub fn run(a: &OverlayArgs) -> Result<(), Failure> {
    let pens = a
        .pens
        .iter()
        .map(|p| parse_pen(p))
        .collect::<Result<Vec<_>, _>>()?;
    let mut keys = Vec::new();
    for k in &a.keys {
        keys.extend(parse_key(k)?);
    }
    crate::render::run_with(&a.render, &mut Hooks { pens, keys })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pens_and_keys_parse_or_say_how() {
        assert_eq!(parse_pen("down:1.5,-2").unwrap(), Pen::Down([1.5, -2.0]));
        assert_eq!(parse_pen("move: 3,4").unwrap(), Pen::Move([3.0, 4.0]));
        assert_eq!(parse_pen("up:0,0").unwrap(), Pen::Up([0.0, 0.0]));
        for bad in ["down", "press:1,2", "down:1", "up:a,b", "down:inf,0"] {
            assert!(matches!(parse_pen(bad), Err(Failure::Input(_))), "{bad}");
        }
        assert_eq!(
            parse_key("r").unwrap(),
            [Key::Down(114, "r".into()), Key::Up(114, "r".into())]
        );
        assert_eq!(
            parse_key("down:65293").unwrap(),
            [Key::Down(65293, String::new())]
        );
        assert_eq!(
            parse_key("repeat:a").unwrap(),
            [Key::Repeat(97, "a".into())]
        );
        // A lone colon is a character.
        assert_eq!(parse_key(":").unwrap()[0], Key::Down(58, ":".into()));
        assert!(matches!(parse_key("ab"), Err(Failure::Input(_))));
    }
}
