//! Check outcomes, the report of a run, and its table.

use std::fmt;
use std::time::Duration;

/// What a check concluded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// The plugin follows the rule.
    Pass,
    /// The plugin breaks the rule (the evidence says how).
    Fail,
    /// The rule does not apply to this plugin (or this host setup), e.g. a
    /// thread check for a plugin that is not thread safe.
    NotApplicable,
}

impl Outcome {
    /// `pass`, `FAIL` or `n/a`, as the table prints it.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Pass => "pass",
            Outcome::Fail => "FAIL",
            Outcome::NotApplicable => "n/a",
        }
    }

    /// The outcome a [`Outcome::label`] (any case) names.
    pub fn from_label(s: &str) -> Option<Outcome> {
        match s.to_ascii_lowercase().as_str() {
            "pass" => Some(Outcome::Pass),
            "fail" => Some(Outcome::Fail),
            "n/a" => Some(Outcome::NotApplicable),
            _ => None,
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A check's conclusion with its evidence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// Pass, fail or not applicable.
    pub outcome: Outcome,
    /// What was observed: counts, statuses, first differing pixel, the
    /// guard-page diagnosis... One line per fact.
    pub evidence: String,
}

impl Verdict {
    /// A pass with its evidence.
    pub fn pass(evidence: impl Into<String>) -> Verdict {
        Verdict {
            outcome: Outcome::Pass,
            evidence: evidence.into(),
        }
    }

    /// A failure with its evidence.
    pub fn fail(evidence: impl Into<String>) -> Verdict {
        Verdict {
            outcome: Outcome::Fail,
            evidence: evidence.into(),
        }
    }

    /// Not applicable, saying why.
    pub fn not_applicable(why: impl Into<String>) -> Verdict {
        Verdict {
            outcome: Outcome::NotApplicable,
            evidence: why.into(),
        }
    }

    /// Pass with `ok` if `problems` is empty, else fail listing them.
    pub fn from_problems(problems: Vec<String>, ok: impl Into<String>) -> Verdict {
        if problems.is_empty() {
            Verdict::pass(ok)
        } else {
            Verdict::fail(problems.join("\n"))
        }
    }
}

/// The result of one check in a run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckResult {
    /// The check's name (e.g. `images-released`).
    pub name: &'static str,
    /// Its one-line description.
    pub description: &'static str,
    /// What it concluded, and why.
    pub verdict: Verdict,
    /// True when it ran in a child process.
    pub isolated: bool,
    /// How long it took (the child process included).
    pub duration: Duration,
}

/// Everything a run found about one plugin.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// What was checked: the bundle or binary and the plugin identifier.
    pub target: String,
    /// One result per check that ran, in catalogue order.
    pub results: Vec<CheckResult>,
}

impl Report {
    /// True when no check failed.
    pub fn passed(&self) -> bool {
        self.count(Outcome::Fail) == 0
    }

    /// How many checks ended with `outcome`.
    pub fn count(&self, outcome: Outcome) -> usize {
        self.results
            .iter()
            .filter(|r| r.verdict.outcome == outcome)
            .count()
    }

    /// The result of the check called `name`, if it ran.
    pub fn get(&self, name: &str) -> Option<&CheckResult> {
        self.results.iter().find(|r| r.name == name)
    }

    /// The names of the failed checks.
    pub fn failures(&self) -> Vec<&'static str> {
        self.results
            .iter()
            .filter(|r| r.verdict.outcome == Outcome::Fail)
            .map(|r| r.name)
            .collect()
    }

    /// The report as a plain-text table: one row per check (result, name,
    /// evidence; continuation lines indented), then a summary line. With
    /// `descriptions`, each check's description is printed under its name.
    pub fn table(&self, descriptions: bool) -> String {
        let name_w = self
            .results
            .iter()
            .map(|r| r.name.len())
            .max()
            .unwrap_or(5)
            .max("CHECK".len());
        let mut out = format!("{}\n", self.target);
        out.push_str(&format!("{:<6} {:<name_w$}  EVIDENCE\n", "RESULT", "CHECK"));
        for r in &self.results {
            let mut lines = r.verdict.evidence.lines();
            let first = lines.next().unwrap_or("");
            out.push_str(&format!(
                "{:<6} {:<name_w$}  {first}\n",
                r.verdict.outcome.label(),
                r.name
            ));
            let indent = " ".repeat(6 + 1 + name_w + 2);
            if descriptions {
                out.push_str(&format!("{:<6} {:<name_w$}  ({})\n", "", "", r.description));
            }
            for l in lines {
                out.push_str(&format!("{indent}{l}\n"));
            }
        }
        out.push_str(&format!(
            "{} passed, {} failed, {} not applicable\n",
            self.count(Outcome::Pass),
            self.count(Outcome::Fail),
            self.count(Outcome::NotApplicable)
        ));
        out
    }
}

impl Report {
    /// The report as JSON (for CI and other tools): target, passed, counts,
    /// and per check its name, description, outcome (`pass`, `fail`, `n/a`),
    /// evidence, isolation and duration in milliseconds.
    pub fn to_json(&self) -> String {
        let mut out = String::from("{");
        out.push_str(&format!("\"target\":{},", json_str(&self.target)));
        out.push_str(&format!("\"passed\":{},", self.passed()));
        out.push_str(&format!(
            "\"counts\":{{\"pass\":{},\"fail\":{},\"n/a\":{}}},",
            self.count(Outcome::Pass),
            self.count(Outcome::Fail),
            self.count(Outcome::NotApplicable)
        ));
        out.push_str("\"results\":[");
        for (i, r) in self.results.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&format!(
                "{{\"name\":{},\"description\":{},\"outcome\":{},\"evidence\":{},\"isolated\":{},\"millis\":{}}}",
                json_str(r.name),
                json_str(r.description),
                json_str(&r.verdict.outcome.label().to_ascii_lowercase()),
                json_str(&r.verdict.evidence),
                r.isolated,
                r.duration.as_millis()
            ));
        }
        out.push_str("]}");
        out
    }
}

/// `s` as a JSON string literal.
fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.table(false))
    }
}

/// Encodes a verdict as one line (the child-process protocol): the prefix,
/// the outcome label, a tab, and the evidence with `\`, newlines and tabs
/// escaped.
pub(crate) fn encode(v: &Verdict) -> String {
    let mut e = String::with_capacity(v.evidence.len());
    for c in v.evidence.chars() {
        match c {
            '\\' => e.push_str("\\\\"),
            '\n' => e.push_str("\\n"),
            '\t' => e.push_str("\\t"),
            '\r' => {}
            c => e.push(c),
        }
    }
    format!("{}{}\t{e}", RESULT_PREFIX, v.outcome.label())
}

/// Decodes the last result line [`encode`] wrote into `stdout`.
pub(crate) fn decode(stdout: &str) -> Option<Verdict> {
    let line = stdout
        .lines()
        .rev()
        .find(|l| l.starts_with(RESULT_PREFIX))?;
    let (label, ev) = line[RESULT_PREFIX.len()..].split_once('\t')?;
    let mut evidence = String::with_capacity(ev.len());
    let mut chars = ev.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => evidence.push('\n'),
                Some('t') => evidence.push('\t'),
                Some(other) => evidence.push(other),
                None => {}
            }
        } else {
            evidence.push(c);
        }
    }
    Some(Verdict {
        outcome: Outcome::from_label(label)?,
        evidence,
    })
}

/// How a child's result line starts.
pub(crate) const RESULT_PREFIX: &str = "ofx-host-check-result: ";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts_survive_the_child_protocol() {
        for v in [
            Verdict::pass("plain"),
            Verdict::fail("two\nlines\twith tab and \\ backslash"),
            Verdict::not_applicable(""),
        ] {
            let line = encode(&v);
            assert!(!line.contains('\n'));
            let stdout = format!("noise\n{line}\nmore noise\n");
            assert_eq!(decode(&stdout), Some(v));
        }
        assert_eq!(decode("nothing"), None);
    }

    #[test]
    fn table_lists_every_check_and_counts() {
        let r = Report {
            target: "bundle.ofx.bundle: org.example".into(),
            results: vec![
                CheckResult {
                    name: "describe",
                    description: "d",
                    verdict: Verdict::pass("ok"),
                    isolated: false,
                    duration: Duration::ZERO,
                },
                CheckResult {
                    name: "images-released",
                    description: "i",
                    verdict: Verdict::fail("1 image leaked\nSource at t=0"),
                    isolated: true,
                    duration: Duration::ZERO,
                },
            ],
        };
        let t = r.table(false);
        assert!(t.contains("pass   describe         ok"), "{t}");
        assert!(t.contains("FAIL   images-released  1 image leaked"), "{t}");
        assert!(
            t.contains("\n                        Source at t=0\n"),
            "{t}"
        );
        assert!(t.ends_with("1 passed, 1 failed, 0 not applicable\n"), "{t}");
        assert!(!r.passed());
        assert_eq!(r.failures(), vec!["images-released"]);
        let j = r.to_json();
        assert!(
            j.starts_with("{\"target\":\"bundle.ofx.bundle: org.example\",\"passed\":false,"),
            "{j}"
        );
        assert!(
            j.contains("\"counts\":{\"pass\":1,\"fail\":1,\"n/a\":0}"),
            "{j}"
        );
        assert!(j.contains("\"outcome\":\"fail\",\"evidence\":\"1 image leaked\\nSource at t=0\",\"isolated\":true"), "{j}");
        assert_eq!(json_str("a\"b\\c\u{1}"), "\"a\\\"b\\\\c\\u0001\"");
    }
}
