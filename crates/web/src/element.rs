//! `drawFigure`: one figure drawn on one canvas from URL keys, for the `<descent-figure>`
//! custom element (www/descent-element.js). The same decoding and drawing as the explorer.

use descent_plot::{course, scene};
use js_sys::{Array, Object};
use plotters::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use crate::amplification_figure::draw_layers;
use crate::api::{frame_to_js, pairs, set};
use crate::dom::Layer;
use crate::render::{draw_surface_static, CourseView};
use crate::settings::index;
use crate::url_state::{
    decode_amplification, decode_steps, decode_trajectory, figure_of, Decoder, FigureKind,
};

/// Share of the trajectory figure's height that the surface takes (the course gets the rest).
const SURFACE_SHARE: f64 = 0.68;

/// Draws the figure that `config` describes (the explorer's URL keys, as an object of strings
/// or numbers) on `canvas` at `width` × `height` CSS pixels and device pixel ratio `ratio`.
/// Returns `{ notices: [..], surface: frame | null }`: why keys were not used as given, and
/// where a trajectory figure's surface is (to map clicks to w).
#[wasm_bindgen(js_name = drawFigure)]
pub fn draw_figure(
    canvas: HtmlCanvasElement,
    config: JsValue,
    width: u32,
    height: u32,
    ratio: f64,
) -> Result<Object, JsError> {
    let pairs = pairs(&config)?;
    let mut decoder = Decoder::new(&pairs);
    let figure = figure_of(&pairs, &mut decoder.notices);
    let ratio = if ratio.is_finite() {
        ratio.clamp(0.5, 4.0)
    } else {
        1.0
    };
    let layer = Layer::of(canvas).map_err(js_error)?;
    layer.resize(width.clamp(100, 4000), height.clamp(100, 4000), ratio);
    let result = Object::new();
    let surface = match figure {
        FigureKind::Trajectory => {
            let (settings, extras) = decode_trajectory(&mut decoder);
            let runs: Vec<_> = settings.configs().iter().map(|c| c.run()).collect();
            let optimizers: Vec<_> = runs
                .iter()
                .map(|r| settings.optimizers[index(r.optimizer)])
                .collect();
            let view = CourseView::with_toggled(extras.toggled);
            let series = view.series(&runs, &optimizers);
            let root = layer.area_keep().map_err(js_error)?;
            root.fill(&WHITE).map_err(plot_error)?;
            let (_, backing_height) = layer.size();
            let (top, bottom) =
                root.split_vertically((f64::from(backing_height) * SURFACE_SHARE) as u32);
            let frame = draw_surface_static(&top, &settings, &runs, extras.position, 160, ratio)
                .map_err(|e| JsError::new(&e))?;
            let figure = scene::course_figure(&series, settings.log_course, extras.position, ratio);
            course::draw(&bottom, &figure).map_err(plot_error)?;
            root.present().map_err(plot_error)?;
            frame_to_js(&frame, ratio)
        }
        FigureKind::Steps => {
            let inputs = decode_steps(&mut decoder);
            let steps = inputs
                .validate()
                .map_err(|(_, e)| JsError::new(&e.to_string()))?;
            let runs = steps.run();
            let scene = scene::StepsScene::new(&steps, &runs, None);
            let root = layer.area_keep().map_err(js_error)?;
            root.fill(&WHITE).map_err(plot_error)?;
            descent_plot::steps::draw(&root, &scene.figure(None, ratio)).map_err(plot_error)?;
            root.present().map_err(plot_error)?;
            JsValue::NULL
        }
        FigureKind::Amplification => {
            let settings = decode_amplification(&mut decoder);
            draw_layers(&settings, &layer, &layer, ratio).map_err(|e| JsError::new(&e))?;
            JsValue::NULL
        }
    };
    let notices: Array = decoder
        .notices
        .iter()
        .map(|n| JsValue::from_str(&format!("{}: {}.", n.key, n.message)))
        .collect();
    set(&result, "notices", notices);
    set(&result, "surface", surface);
    Ok(result)
}

fn js_error(e: JsValue) -> JsError {
    JsError::new(&e.as_string().unwrap_or_else(|| format!("{e:?}")))
}

fn plot_error(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}
