//! The custom Tera filters the templates use (documented in README):
//! `url`, `arabic_date`, `arabic_digits`, `bidi`, `count`.

use tera::{Kwargs, State, Tera, TeraResult, Value};

use crate::arabic::to_arabic_indic_digits;
use crate::dates::format::{arabic_date, MonthStyle};
use crate::site::Routes;
use crate::strings::plural::Counter;

pub fn register(tera: &mut Tera, routes: &Routes, counter: Counter) {
    let routes = routes.clone();
    tera.register_filter(
        "url",
        move |path: &str, kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let absolute = kwargs.get::<bool>("absolute")?.unwrap_or(false);
            Ok(if absolute {
                routes.absolute(path)
            } else {
                routes.url(path)
            })
        },
    );
    tera.register_filter(
        "arabic_date",
        |value: Value, kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let months = kwargs.get::<&str>("months")?.unwrap_or("paired");
            let style = MonthStyle::parse(months).ok_or_else(|| {
                tera::Error::message(format!(
                    "arabic_date: months must be paired, gregorian or levantine, not `{months}`"
                ))
            })?;
            let digits = kwargs.get::<&str>("digits")?.unwrap_or("latin");
            let text = match value.as_str() {
                Some(s) => s.to_string(),
                None if value.is_none() => String::new(),
                None => value.to_string(),
            };
            Ok(arabic_date(&text, style, digits == "arabic"))
        },
    );
    tera.register_filter(
        "arabic_digits",
        |value: Value, _: Kwargs, _: &State| -> String {
            to_arabic_indic_digits(
                &value
                    .as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| value.to_string()),
            )
        },
    );
    tera.register_filter("bidi", Bidi);
    tera.register_filter(
        "count",
        move |value: Value, kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let noun = kwargs.get::<&str>("noun")?.ok_or_else(|| {
                tera::Error::message("count: say which noun, e.g. count(noun=\"articles\")")
            })?;
            let n = value
                .as_u64()
                .or_else(|| value.as_i64().and_then(|n| u64::try_from(n).ok()))
                .ok_or_else(|| {
                    tera::Error::message(format!("count: `{value}` is not a whole number"))
                })?;
            counter.count(n, noun).ok_or_else(|| {
                tera::Error::message(format!(
                    "count: strings.yaml has no noun `{noun}` under `counts` (it has: {})",
                    counter.nouns().join(", ")
                ))
            })
        },
    );
}

/// Escapes its input and isolates Latin runs in `<bdi>`; the result is safe HTML.
struct Bidi;

impl tera::Filter<&str, String> for Bidi {
    fn call(&self, value: &str, _: Kwargs, _: &State) -> String {
        crate::content::markdown::isolate_latin(value)
            .unwrap_or_else(|| crate::text::html::escape(value))
    }
    fn is_safe(&self) -> bool {
        true
    }
}
