//! The web crate's one error type. Converted to a JS `Error` in one place (`From<WebError> for
//! JsValue`, what the JS API throws) and to the page's status text in one place
//! ([`WebError::status`]).

use descent_core::ConfigError;
use descent_plot::PlotError;
use plotters::drawing::DrawingAreaErrorKind;
use wasm_bindgen::{JsCast, JsValue};

/// Why something the page or the JS API was asked to do did not happen.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum WebError {
    /// A configuration the core did not accept; its message says how to fix it.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// A figure could not be drawn.
    #[error(transparent)]
    Plot(#[from] PlotError),
    /// An argument of a JS API call that is not of the expected shape.
    #[error("{0}")]
    Argument(String),
    /// A run that could not take the step asked for (why it stopped).
    #[error("{0}")]
    Stopped(String),
    /// The page lacks an element the figure needs (a broken page or embed).
    #[error("the page has no element #{0}")]
    MissingElement(String),
    /// An element of the page is not of the kind the figure needs.
    #[error("#{0} is not the expected kind of element")]
    WrongElement(String),
    /// A browser API failed (its message).
    #[error("{0}")]
    Browser(String),
}

impl WebError {
    /// The page's status text for this error while `doing` something: `could not draw the
    /// surface: …`.
    pub fn status(&self, doing: &str) -> String {
        format!("could not {doing}: {self}")
    }
}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for WebError {
    fn from(error: DrawingAreaErrorKind<E>) -> Self {
        WebError::Plot(error.into())
    }
}

impl From<JsValue> for WebError {
    fn from(value: JsValue) -> Self {
        let text = value
            .as_string()
            .or_else(|| {
                value
                    .dyn_ref::<js_sys::Error>()
                    .map(|e| String::from(e.message()))
            })
            .unwrap_or_else(|| format!("{value:?}"));
        WebError::Browser(text)
    }
}

impl From<WebError> for JsValue {
    fn from(error: WebError) -> Self {
        js_sys::Error::new(&error.to_string()).into()
    }
}
