//! Parsing of `key = value` attribute lists, shared by every derive here.
//!
//! An attribute such as `#[param(label = "Gain", default = 1.0, secret)]` is
//! read into a list of [`Entry`] values, each remembering the span of its key
//! so that errors point at the exact attribute the user wrote. The typed
//! accessors (`str`, `bool`, `range`, ...) check the shape of a value and
//! report a mismatch against the key or the value, whichever is more useful.

use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Attribute, Expr, ExprLit, Ident, Lit, LitBool, LitInt, LitStr, Token};

/// One `key` or `key = value` item of an attribute list.
pub struct Entry {
    /// The key, with its span.
    pub key: Ident,
    /// The value after `=`, if any.
    pub value: Option<Expr>,
}

impl Parse for Entry {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        // `parse_any` accepts keywords too, so that `type = ...` is reported
        // as an unknown attribute rather than as a syntax error.
        let key = input.call(Ident::parse_any)?;
        let value = if input.peek(Token![=]) {
            input.parse::<Token![=]>()?;
            Some(input.parse::<Expr>()?)
        } else {
            None
        };
        Ok(Entry { key, value })
    }
}

impl Entry {
    /// The key as a string.
    pub fn name(&self) -> String {
        self.key.unraw().to_string()
    }

    /// The value, or an error saying that `key = ...` needs one.
    pub fn expr(&self, what: &str) -> syn::Result<&Expr> {
        self.value.as_ref().ok_or_else(|| {
            syn::Error::new(
                self.key.span(),
                format!(
                    "`{}` needs a value: `{} = {what}`",
                    self.name(),
                    self.name()
                ),
            )
        })
    }

    /// A string literal value.
    pub fn str(&self) -> syn::Result<LitStr> {
        match self.expr("\"...\"")? {
            Expr::Lit(ExprLit {
                lit: Lit::Str(s), ..
            }) => Ok(s.clone()),
            other => Err(syn::Error::new_spanned(
                other,
                format!("`{}` expects a string literal", self.name()),
            )),
        }
    }

    /// A boolean: a bare `key` means `true`, otherwise `key = true|false`.
    pub fn bool(&self) -> syn::Result<LitBool> {
        match &self.value {
            None => Ok(LitBool::new(true, self.key.span())),
            Some(Expr::Lit(ExprLit {
                lit: Lit::Bool(b), ..
            })) => Ok(b.clone()),
            Some(other) => Err(syn::Error::new_spanned(
                other,
                format!("`{}` expects `true` or `false`", self.name()),
            )),
        }
    }

    /// A non-negative integer literal.
    pub fn int(&self) -> syn::Result<LitInt> {
        match self.expr("N")? {
            Expr::Lit(ExprLit {
                lit: Lit::Int(i), ..
            }) => {
                i.base10_parse::<u32>().map_err(|_| {
                    syn::Error::new(
                        i.span(),
                        format!("`{}` expects a non-negative integer", self.name()),
                    )
                })?;
                Ok(i.clone())
            }
            other => Err(syn::Error::new_spanned(
                other,
                format!("`{}` expects an integer literal", self.name()),
            )),
        }
    }

    /// A closed range `min..=max`, returned as its two ends.
    pub fn range(&self) -> syn::Result<(Expr, Expr)> {
        let expr = self.expr("MIN..=MAX")?;
        if let Expr::Range(r) = expr
            && let (Some(start), Some(end), syn::RangeLimits::Closed(_)) =
                (&r.start, &r.end, &r.limits)
        {
            return Ok(((**start).clone(), (**end).clone()));
        }
        Err(syn::Error::new_spanned(
            expr,
            format!("`{}` expects a closed range `MIN..=MAX`", self.name()),
        ))
    }

    /// A path value such as `Angle` or `DoubleType::Angle`.
    pub fn path(&self, what: &str) -> syn::Result<syn::Path> {
        match self.expr(what)? {
            Expr::Path(p) if p.qself.is_none() => Ok(p.path.clone()),
            other => Err(syn::Error::new_spanned(
                other,
                format!("`{}` expects {what}", self.name()),
            )),
        }
    }
}

/// All entries of every attribute with the given name, in source order.
pub fn entries(attrs: &[Attribute], name: &str) -> syn::Result<Vec<Entry>> {
    let mut out = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident(name)) {
        match &attr.meta {
            syn::Meta::List(list) => {
                let items =
                    list.parse_args_with(Punctuated::<Entry, Token![,]>::parse_terminated)?;
                out.extend(items);
            }
            other => {
                return Err(syn::Error::new(
                    other.span(),
                    format!("expected `#[{name}(key = value, ...)]`"),
                ));
            }
        }
    }
    Ok(out)
}

/// Whether any attribute with this name is present.
pub fn has(attrs: &[Attribute], name: &str) -> Option<Span> {
    attrs
        .iter()
        .find(|a| a.path().is_ident(name))
        .map(|a| a.path().span())
}

/// Reports an entry whose key appeared before.
pub fn check_duplicates(entries: &[Entry]) -> syn::Result<()> {
    let mut errors: Option<syn::Error> = None;
    for (i, e) in entries.iter().enumerate() {
        if entries[..i].iter().any(|p| p.name() == e.name()) {
            push(
                &mut errors,
                syn::Error::new(e.key.span(), format!("duplicate attribute `{}`", e.name())),
            );
        }
    }
    errors.map_or(Ok(()), Err)
}

/// The error for a key that the attribute does not know.
pub fn unknown(entry: &Entry, attr: &str, known: &[&str]) -> syn::Error {
    let list = known
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    syn::Error::new(
        entry.key.span(),
        format!(
            "unknown attribute `{}` in `#[{attr}(...)]`; expected one of {list}",
            entry.name()
        ),
    )
}

/// Adds an error to an accumulator, so that one expansion reports them all.
pub fn push(acc: &mut Option<syn::Error>, err: syn::Error) {
    match acc {
        Some(e) => e.combine(err),
        None => *acc = Some(err),
    }
}
