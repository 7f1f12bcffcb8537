//! `#[derive(Params)]`: a struct of parameter handles, defined and fetched
//! in one place.
//!
//! This module reads and checks the struct; [`gen`] writes the code.

mod r#gen;
pub mod kind;

use proc_macro2::TokenStream;
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields, Ident, LitStr, Type};

use crate::attr::{self, Entry, push};
use kind::Kind;

/// A checked parameter field.
pub struct Field<'a> {
    /// The Rust field.
    pub ident: &'a Ident,
    /// Its handle type (or nested struct type for a group).
    pub ty: &'a Type,
    /// Its parameter kind.
    pub kind: Kind,
    /// The OFX parameter name.
    pub name: LitStr,
    /// The `#[param]` or `#[group]` entries, all valid for the kind.
    pub entries: Vec<Entry>,
    /// A page that starts at this field.
    pub page: Option<Page>,
    /// For `ChoiceParam<E>`: the enum type.
    pub choice_enum: Option<&'a Type>,
}

/// A `#[page(...)]` declaration.
pub struct Page {
    /// The page parameter's name.
    pub name: LitStr,
    /// All the entries (name included).
    pub entries: Vec<Entry>,
}

/// Expands `#[derive(Params)]`.
pub fn expand(input: &DeriveInput) -> syn::Result<TokenStream> {
    let fields = parse(input)?;
    Ok(r#gen::generate(input, &fields))
}

/// Reads every field, collecting all errors.
fn parse(input: &DeriveInput) -> syn::Result<Vec<Field<'_>>> {
    if !input.generics.params.is_empty() {
        return Err(syn::Error::new_spanned(
            &input.generics,
            "`#[derive(Params)]` does not support generic structs",
        ));
    }
    let named = match &input.data {
        Data::Struct(s) => match &s.fields {
            Fields::Named(n) => n,
            other => {
                return Err(syn::Error::new(
                    other.span(),
                    "`#[derive(Params)]` needs a struct with named fields: each field name is a \
                     parameter name",
                ));
            }
        },
        _ => {
            return Err(syn::Error::new(
                input.ident.span(),
                "`#[derive(Params)]` applies to structs whose fields are parameter handles",
            ));
        }
    };
    let mut errors = None;
    for a in &input.attrs {
        for key in ["param", "group", "page"] {
            if a.path().is_ident(key) {
                push(
                    &mut errors,
                    syn::Error::new(
                        a.path().span(),
                        format!("`#[{key}(...)]` goes on a field, not on the struct"),
                    ),
                );
            }
        }
    }
    let mut fields: Vec<Field<'_>> = Vec::new();
    for f in &named.named {
        match parse_field(f) {
            Ok(field) => fields.push(field),
            Err(e) => push(&mut errors, e),
        }
    }
    // Names are unique within the struct: parameters, groups and pages share one namespace.
    let mut seen: Vec<(String, String)> = Vec::new();
    for f in &fields {
        let mut check = |name: &LitStr, what: String| {
            if let Some((_, prev)) = seen.iter().find(|(n, _)| *n == name.value()) {
                push(
                    &mut errors,
                    syn::Error::new(
                        name.span(),
                        format!(
                            "duplicate parameter name `{}`: {prev} already uses it",
                            name.value()
                        ),
                    ),
                );
            } else {
                seen.push((name.value(), what));
            }
        };
        if let Some(p) = &f.page {
            check(&p.name, format!("the page declared on field `{}`", f.ident));
        }
        check(&f.name, format!("field `{}`", f.ident));
    }
    match errors {
        Some(e) => Err(e),
        None => Ok(fields),
    }
}

/// Reads one field's attributes.
fn parse_field(f: &syn::Field) -> syn::Result<Field<'_>> {
    let ident = f.ident.as_ref().expect("named field");
    let group_span = attr::has(&f.attrs, "group");
    let param_span = attr::has(&f.attrs, "param");
    let mut errors = None;
    let (kind, entries, attr_name) = match (group_span, param_span) {
        (Some(_), Some(p)) => {
            return Err(syn::Error::new(
                p,
                format!("field `{ident}` has both `#[param]` and `#[group]`; use one"),
            ));
        }
        (Some(_), None) => (Kind::Group, attr::entries(&f.attrs, "group")?, "group"),
        (None, _) => {
            let Some(kind) = kind::of_type(&f.ty) else {
                let names = kind::HANDLES
                    .iter()
                    .map(|(n, _)| *n)
                    .collect::<Vec<_>>()
                    .join(", ");
                return Err(syn::Error::new(
                    f.ty.span(),
                    format!(
                        "field `{ident}` is not a parameter handle: expected one of {names}, \
                         or a struct deriving `Params` marked `#[group(...)]`"
                    ),
                ));
            };
            (kind, attr::entries(&f.attrs, "param")?, "param")
        }
    };
    if let Err(e) = attr::check_duplicates(&entries) {
        push(&mut errors, e);
    }
    let mut name = LitStr::new(&ident.unraw_string(), ident.span());
    for e in &entries {
        let key = e.name();
        let r = if kind == Kind::Group {
            if kind::GROUP_KEYS.contains(&key.as_str()) {
                check_value(e)
            } else {
                Err(attr::unknown(e, attr_name, kind::GROUP_KEYS))
            }
        } else {
            match kind::PARAM_KEYS.iter().find(|(k, _)| *k == key) {
                None => Err(attr::unknown(
                    e,
                    attr_name,
                    &kind::PARAM_KEYS.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
                )),
                Some((_, kinds)) if !kinds.contains(&kind) => {
                    let takers = kinds
                        .iter()
                        .map(|k| k.describe())
                        .collect::<Vec<_>>()
                        .join(", ");
                    Err(syn::Error::new(
                        e.key.span(),
                        format!(
                            "attribute `{key}` does not apply to {} {} parameter `{ident}` \
                             ({}); it applies to: {takers}",
                            article(kind),
                            kind.describe(),
                            kind.handle()
                        ),
                    ))
                }
                Some(_) => check_value(e),
            }
        };
        if let Err(err) = r {
            push(&mut errors, err);
        }
        if key == "name"
            && let Ok(s) = e.str()
        {
            name = s;
        }
    }
    let choice_enum = if kind == Kind::Choice {
        kind::type_argument(&f.ty)
    } else {
        None
    };
    let page = match parse_page(f) {
        Ok(p) => p,
        Err(e) => {
            push(&mut errors, e);
            None
        }
    };
    if let Some(e) = errors {
        return Err(e);
    }
    Ok(Field {
        ident,
        ty: &f.ty,
        kind,
        name,
        entries,
        page,
        choice_enum,
    })
}

fn article(kind: Kind) -> &'static str {
    match kind {
        Kind::Int | Kind::Int2D | Kind::Int3D | Kind::Rgb | Kind::Rgba => "an",
        _ => "a",
    }
}

/// Checks the shape of one entry's value.
fn check_value(e: &Entry) -> syn::Result<()> {
    match e.name().as_str() {
        "name" | "label" | "hint" | "script_name" => {
            let s = e.str()?;
            if e.name() != "hint" && s.value().is_empty() {
                return Err(syn::Error::new(
                    s.span(),
                    format!("`{}` must not be empty", e.name()),
                ));
            }
            Ok(())
        }
        "secret" | "enabled" | "evaluate_on_change" | "animates" | "persistent" | "open" => {
            e.bool().map(drop)
        }
        "digits" | "dimension" => e.int().map(drop),
        "range" | "display" => e.range().map(drop),
        "double_type" => e.path("a double type such as `Angle`").map(drop),
        "mode" => e.path("a string mode such as `MultiLine`").map(drop),
        "coordinates" => e
            .path("a coordinate system: `Canonical` or `Normalised`")
            .map(drop),
        "default" | "increment" => e.expr("VALUE").map(drop),
        _ => Ok(()),
    }
}

/// Reads `#[page(...)]` on a field.
fn parse_page(f: &syn::Field) -> syn::Result<Option<Page>> {
    let Some(span) = attr::has(&f.attrs, "page") else {
        return Ok(None);
    };
    let entries = attr::entries(&f.attrs, "page")?;
    attr::check_duplicates(&entries)?;
    let mut name = None;
    let mut errors = None;
    for e in &entries {
        let r = if kind::PAGE_KEYS.contains(&e.name().as_str()) {
            check_value(e)
        } else {
            Err(attr::unknown(e, "page", kind::PAGE_KEYS))
        };
        if let Err(err) = r {
            push(&mut errors, err);
        } else if e.name() == "name" {
            name = e.str().ok();
        }
    }
    if let Some(e) = errors {
        return Err(e);
    }
    let Some(name) = name else {
        return Err(syn::Error::new(
            span,
            "`#[page(...)]` needs a name: `#[page(name = \"main\", label = \"Main\")]`",
        ));
    };
    Ok(Some(Page { name, entries }))
}

/// `Ident::unraw` as a string.
trait UnrawString {
    fn unraw_string(&self) -> String;
}

impl UnrawString for Ident {
    fn unraw_string(&self) -> String {
        use syn::ext::IdentExt;
        self.unraw().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(input: DeriveInput) -> Vec<String> {
        match expand(&input) {
            Ok(_) => Vec::new(),
            Err(e) => e.into_iter().map(|e| e.to_string()).collect(),
        }
    }

    #[test]
    fn valid_struct_expands() {
        let input: DeriveInput = syn::parse_quote! {
            struct P {
                #[param(label = "Gain", default = 1.0, range = 0.0..=100.0, display = 0.0..=4.0, digits = 2)]
                gain: DoubleParam,
                #[page(name = "main")]
                #[param(name = "apply_alpha", secret)]
                alpha: BooleanParam,
                #[group(label = "More", open = false)]
                more: More,
            }
        };
        let out = expand(&input).unwrap().to_string();
        assert!(out.contains("define_double (\"gain\")"), "{out}");
        assert!(out.contains(". display_range (0.0 , 4.0)"), "{out}");
        assert!(out.contains("define_page (\"main\")"), "{out}");
        assert!(out.contains("\"apply_alpha\""), "{out}");
        assert!(out.contains("struct PValues"), "{out}");
    }

    /// Every kind with every attribute it takes expands to syntactically valid items.
    #[test]
    fn expansion_is_valid_rust_for_every_kind() {
        let input: DeriveInput = syn::parse_quote! {
            pub struct All {
                #[page(name = "main", label = "Main", hint = "h")]
                #[param(label = "D", hint = "h", script_name = "d", secret = false, enabled,
                        animates, evaluate_on_change = true, persistent, default = 1.0,
                        range = -1.0..=1.0, display = 0.0..=1.0, increment = 0.1, digits = 3,
                        double_type = Angle)]
                d: DoubleParam,
                #[param(default = (1.0, 2.0), double_type = kind::XY)] d2: Double2DParam,
                #[param(default = (0.5, 0.5), double_type = XYAbsolute, coordinates = Normalised)]
                centre: Double2DParam,
                #[param(default = (1.0, 2.0, 3.0))] d3: Double3DParam,
                #[param(default = 3, range = 0..=10)] i: IntParam,
                #[param(default = (1, 2))] i2: Int2DParam,
                #[param(default = (1, 2, 3))] i3: Int3DParam,
                #[param(default = true)] b: BooleanParam,
                #[param(default = Mode::Fast)] c: ChoiceParam<Mode>,
                #[param(default = "a")] sc: StrChoiceParam,
                #[param(default = (1.0, 0.5, 0.0))] rgb: RgbParam,
                #[param(default = (1.0, 0.5, 0.0, 1.0))] rgba: RgbaParam,
                #[page(name = "more")]
                #[param(default = "x", mode = MultiLine)] s: StringParam,
                #[param(default = "x")] custom: CustomParam,
                #[param(label = "Go")] button: PushButtonParam,
                #[param(dimension = 3, range = 0.0..=1.0)] curves: ParametricParam,
                #[param(secret)] bytes: BytesParam,
                #[group(label = "Inner", open = false)] inner: Inner,
                #[group(name = "other")] other: Other,
            }
        };
        let out = expand(&input).unwrap();
        let file: syn::File = syn::parse2(out.clone()).expect("expansion parses as items");
        // values struct, inherent impl, ParamStruct impl, uniqueness const
        assert_eq!(file.items.len(), 4, "{out}");
        let text = out.to_string();
        assert!(
            text.contains("define_choice_enum :: < Mode > (\"c\")"),
            "{text}"
        );
        assert!(
            text.contains("param . parametric_range (0.0 , 1.0)"),
            "{text}"
        );
        assert!(
            text.contains(
                "param . string_mode (:: ofx_plugin :: param :: StringMode :: MultiLine)"
            ),
            "{text}"
        );
        assert!(text.contains("param . double_type (kind :: XY)"), "{text}");
        assert!(
            text.contains(
                "param . coordinates (:: ofx_plugin :: param :: CoordinateSystem :: Normalised)"
            ),
            "{text}"
        );
        assert!(
            text.contains("page . children (& [\"d\" , \"d2\""),
            "{text}"
        );
        assert!(text.contains("< Inner > :: __define_in (descriptor , :: core :: option :: Option :: Some (\"inner\"))"), "{text}");
        // the push button and the parametric curves have no snapshot value
        let values = text.split("impl All").next().unwrap();
        assert!(!values.contains("pub button"), "{values}");
        assert!(!values.contains("pub curves"), "{values}");
        assert!(
            values.contains(
                "pub inner : < Inner as :: ofx_plugin :: __private :: ParamStruct > :: Values"
            ),
            "{values}"
        );
        // groups are checked against each other and against every local name
        assert!(text.contains("names_overlap"), "{text}");
        assert!(text.contains("group fields `inner` and `other`"), "{text}");
    }

    #[test]
    fn wrong_attribute_for_kind() {
        let e = errors(syn::parse_quote! {
            struct P { #[param(digits = 2)] flag: BooleanParam }
        });
        assert_eq!(e.len(), 1);
        assert!(
            e[0].starts_with("attribute `digits` does not apply to a Boolean parameter `flag`"),
            "{e:?}"
        );
    }

    #[test]
    fn duplicate_names_within_struct() {
        let e = errors(syn::parse_quote! {
            struct P { a: DoubleParam, #[param(name = "a")] b: IntParam }
        });
        assert_eq!(
            e,
            ["duplicate parameter name `a`: field `a` already uses it"]
        );
    }

    #[test]
    fn every_error_is_reported() {
        let e = errors(syn::parse_quote! {
            struct P {
                #[param(colour = 1, range = 0.0..1.0)] a: DoubleParam,
                b: Vec<u8>,
                #[param(mode = MultiLine, label = 3)] c: StringParam,
                #[page(label = "x")] d: IntParam,
            }
        });
        assert_eq!(e.len(), 5, "{e:?}");
        assert!(e[0].starts_with("unknown attribute `colour`"));
        assert!(e[1].contains("closed range"));
        assert!(e[2].starts_with("field `b` is not a parameter handle"));
        assert!(e[3].contains("`label` expects a string literal"));
        assert!(e[4].contains("`#[page(...)]` needs a name"));
    }
}
