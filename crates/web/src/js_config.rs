//! JS config objects as vocabulary pairs: every value of every type gets either its text or an
//! error that names the key and says what the key takes. Strings, numbers and arrays of them
//! (`start: [-15, 20]`, a `Float64Array`), and booleans for switches (`curvature: true`),
//! become text for the core's one validation; any other boolean, an object, a function, a
//! `Date`, a `BigInt`, a symbol or a nested array is refused here, before the core sees it. Used by `trajectory`, `step`, `sweep`, `SweepJob` and
//! `drawFigure`.

use descent_core::optimizer::Hyperparameter;
use descent_core::vocabulary::{self, Value};
use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::WebError;
use crate::model::url::Pairs;

/// The longest value text a key takes, in UTF-16 code units: four times the longest function
/// the core parses, room for any inline data set the core accepts.
pub const MAX_VALUE_LENGTH: u32 = 4 * descent_core::function::MAX_FUNCTION_LENGTH as u32;

#[wasm_bindgen]
extern "C" {
    /// `Object.entries(object)`, catching what a getter or a proxy throws.
    #[wasm_bindgen(js_namespace = Object, js_name = entries, catch)]
    fn entries(object: &Object) -> Result<Array, JsValue>;
}

/// What `key` takes, in words, for the message about a value of the wrong type.
pub fn takes(key: &str) -> String {
    if let Some(h) = Hyperparameter::named(key) {
        return format!("a number ({})", h.range_text());
    }
    match vocabulary::key(key).map(|k| k.value) {
        Some(Value::Text) => "text".to_owned(),
        Some(Value::Choice(names)) => format!("one of {}", names().join(", ")),
        Some(Value::Number) => "a number".to_owned(),
        Some(Value::Count) => "a whole number".to_owned(),
        Some(Value::Point) => "two finite numbers [w1, w2]".to_owned(),
        Some(Value::Switch) => "true or false (or 1 or 0)".to_owned(),
        None => "a string or a number".to_owned(),
    }
}

/// What kind of JS value `value` is, in words: `a boolean`, `a Date`, `an object`, ….
fn kind_of(value: &JsValue) -> String {
    if value.is_instance_of::<js_sys::Date>() {
        return "a Date".to_owned();
    }
    if Array::is_array(value) {
        let items = Array::from(value);
        return match items.iter().find(|item| !is_scalar(item)) {
            Some(item) => format!("an array holding {}", kind_of(&item)),
            None => format!("an array of {} items", items.length()),
        };
    }
    let kind = match value.js_typeof().as_string().as_deref() {
        Some("boolean") => "a boolean",
        Some("bigint") => "a BigInt",
        Some("symbol") => "a symbol",
        Some("function") => "a function",
        Some("undefined") => "undefined",
        _ if value.is_null() => "null",
        _ => "an object",
    };
    kind.to_owned()
}

/// Whether `value` is a string or a number.
fn is_scalar(value: &JsValue) -> bool {
    value.is_string() || value.as_f64().is_some()
}

/// The most items an array value may have (`start` has two, a `view` four).
const MAX_ITEMS: u32 = 16;

/// A string or a number as text (numbers in shortest round-trip form, `0.05`, and spelled as
/// JS spells them, `NaN`, `Infinity`), `None` for other values; an error for a string over
/// [`MAX_VALUE_LENGTH`].
fn scalar_text(key: &str, value: &JsValue) -> Result<Option<String>, WebError> {
    if let Some(string) = value.dyn_ref::<js_sys::JsString>() {
        let length = string.length();
        if length > MAX_VALUE_LENGTH {
            return Err(WebError::Argument(format!(
                "`{key}` is {length} characters long; the limit is {MAX_VALUE_LENGTH}"
            )));
        }
        return Ok(string.as_string());
    }
    Ok(value.as_f64().map(|x| match x {
        f64::INFINITY => "Infinity".to_owned(),
        f64::NEG_INFINITY => "-Infinity".to_owned(),
        _ => x.to_string(),
    }))
}

/// A JS value as the vocabulary's text, or why `key` cannot take it.
fn text_of(key: &str, value: &JsValue) -> Result<String, WebError> {
    let refuse = || {
        WebError::Argument(format!(
            "`{key}` must be {}, not {}",
            takes(key),
            kind_of(value)
        ))
    };
    if let Some(text) = scalar_text(key, value)? {
        return Ok(text);
    }
    if let Some(on) = value.as_bool() {
        return match vocabulary::key(key).map(|k| k.value) {
            Some(Value::Switch) => Ok(on.to_string()),
            _ => Err(refuse()),
        };
    }
    let is_list = Array::is_array(value)
        || (js_sys::ArrayBuffer::is_view(value) && !value.is_instance_of::<js_sys::DataView>());
    if !is_list {
        return Err(refuse());
    }
    let items = Array::from(value);
    if items.length() > MAX_ITEMS {
        return Err(refuse());
    }
    let mut texts = Vec::new();
    for item in items.iter() {
        texts.push(scalar_text(key, &item)?.ok_or_else(refuse)?);
    }
    let text = texts.join(",");
    if text.len() > MAX_VALUE_LENGTH as usize {
        return Err(WebError::Argument(format!(
            "`{key}` is {} characters long; the limit is {MAX_VALUE_LENGTH}",
            text.len()
        )));
    }
    Ok(text)
}

/// The `key = value` pairs of a JS config object; `undefined`/`null` values count as missing.
pub fn pairs(config: &JsValue) -> Result<Pairs, WebError> {
    if config.is_undefined() || config.is_null() {
        return Ok(Vec::new());
    }
    if !config.is_object() || Array::is_array(config) || config.is_function() {
        return Err(WebError::Argument(format!(
            "the config must be an object such as {{ optimizer: \"rmsprop\", lr: 0.05 }}, not {}",
            kind_of(config)
        )));
    }
    let entries = entries(config.unchecked_ref()).map_err(|error| {
        WebError::Argument(format!(
            "the config could not be read: {}",
            WebError::from(error)
        ))
    })?;
    let mut pairs = Vec::new();
    for entry in entries.iter() {
        let entry = Array::from(&entry);
        let (key, value) = (entry.get(0), entry.get(1));
        let Some(key) = key.as_string() else {
            continue;
        };
        if !value.is_undefined() && !value.is_null() {
            let text = text_of(&key, &value)?;
            pairs.push((key, text));
        }
    }
    Ok(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_vocabulary_key_says_what_it_takes() {
        for key in vocabulary::keys() {
            let what = takes(key);
            assert!(
                what != "a string or a number",
                "{key} is in the vocabulary but gets the generic description"
            );
        }
        assert_eq!(
            takes("optimizer").split(", ").count(),
            descent_core::optimizer::TABLE.len()
        );
        assert!(takes("lr").starts_with("a number ("), "{}", takes("lr"));
        assert_eq!(takes("start"), "two finite numbers [w1, w2]");
        assert_eq!(takes("figure"), "a string or a number");
        assert_eq!(takes("curvature"), "true or false (or 1 or 0)");
    }
}
