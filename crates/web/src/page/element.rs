//! `drawFigure`'s work: one figure drawn on one canvas from URL keys, for the
//! `<descent-figure>` custom element (www/descent-element.js). The same decoding as the
//! explorer and the same composite figures as the CLI and the downloads. A map (`figure=
//! sweep`) is computed at once on the page's thread, [`ELEMENT_GRID`] cells a side unless
//! `grid` says otherwise.

use descent_plot::composite;
use descent_plot::Frame;
use plotters::prelude::*;
use web_sys::HtmlCanvasElement;

use super::amplification::{draw_layers, fitting_per_row};
use super::dom::Layer;
#[cfg(feature = "engine")]
use super::sweep::MapDrawing;
use super::trajectory::{Raster, Whole};
use crate::compute;
use crate::error::WebError;
use crate::model::amplification::decode_amplification;
use crate::model::steps::decode_steps;
use crate::model::sweep::ELEMENT_GRID;
use crate::model::sweep_url::decode_map_settings;
use crate::model::trajectory_state::decode_trajectory;
use crate::model::url::{Decoder, FigureKind, Pairs};
use descent_plot::scene::{CellEnd, StepsScene};

/// What a drawing tells the element: why keys were not used as given (`key: message.`), and
/// where a trajectory figure's surface is (to map clicks to w).
pub struct Drawn {
    /// The notices, as sentences.
    pub notices: Vec<String>,
    /// The surface's data area in backing pixels, for the trajectory figure.
    pub surface: Option<Frame>,
    /// The pixel ratio drawn at.
    pub ratio: f64,
}

/// Draws the figure `pairs` describe on `canvas` at `width` × `height` CSS pixels and device
/// pixel ratio `ratio` (clamped to sensible sizes).
pub fn draw_figure(
    canvas: HtmlCanvasElement,
    pairs: &Pairs,
    (width, height): (u32, u32),
    ratio: f64,
) -> Result<Drawn, WebError> {
    let mut decoder = Decoder::new(pairs);
    let figure = decoder.figure();
    let ratio = if ratio.is_finite() {
        ratio.clamp(0.5, 4.0)
    } else {
        1.0
    };
    let (width, height) = (width.clamp(100, 4000), height.clamp(100, 4000));
    let layer = Layer::of(canvas)?;
    layer.resize(width, height, ratio);
    let surface = match figure {
        // The 3-D view is drawn by the module loaded on demand.
        #[cfg(feature = "engine")]
        FigureKind::Trajectory if super::solid::shows_3d(pairs) => {
            super::solid::draw_element(&mut decoder, &layer, ratio).map(|()| None)?
        }
        #[cfg(feature = "page")]
        FigureKind::Trajectory => draw_trajectory(&mut decoder, &layer, ratio)?,
        #[cfg(feature = "page")]
        FigureKind::Steps => draw_steps(&mut decoder, &layer, ratio).map(|()| None)?,
        #[cfg(feature = "page")]
        FigureKind::Amplification => {
            let config = decode_amplification(&mut decoder);
            let (backing_width, backing_height) = layer.size();
            let per_row = fitting_per_row(&config, backing_width, backing_height, ratio);
            draw_layers(&config, &layer, &layer, ratio, per_row)?;
            None
        }
        #[cfg(feature = "engine")]
        FigureKind::Sweep => draw_map(&mut decoder, &layer, ratio).map(|()| None)?,
        #[allow(unreachable_patterns)]
        other => {
            return Err(WebError::Argument(format!(
                "figure={} is drawn by the other module of the web build",
                other.name()
            )))
        }
    };
    let notices = decoder
        .notices
        .iter()
        .map(|n| format!("{}: {}.", n.key, n.message))
        .collect();
    Ok(Drawn {
        notices,
        surface,
        ratio,
    })
}

/// A trajectory figure as a contour map: surface, paths and course; returns where its data
/// area is (for clicks). In 3-D (drawn by the other module) it says so.
#[cfg(feature = "page")]
fn draw_trajectory(
    decoder: &mut Decoder,
    layer: &Layer,
    ratio: f64,
) -> Result<Option<Frame>, WebError> {
    let state = decode_trajectory(decoder);
    let configs = state.settings.configs();
    let runs: Vec<_> = configs.iter().map(compute::trajectory).collect();
    let whole = Whole {
        state: &state,
        runs: &runs,
    };
    layer.fill_white();
    let root = layer.area_keep()?;
    let (_, backing_height) = layer.size();
    let surface_height = if state.settings.curvature {
        composite::surface_height_with_strip(backing_height)
    } else {
        composite::surface_height(backing_height)
    };
    let frames = whole.draw(&root, surface_height, ratio, Raster::Painted(layer))?;
    root.present()?;
    Ok(Some(frames.surface))
}

/// The first steps of two optimizers.
#[cfg(feature = "page")]
fn draw_steps(decoder: &mut Decoder, layer: &Layer, ratio: f64) -> Result<(), WebError> {
    let inputs = decode_steps(decoder);
    let steps = inputs.validate().map_err(|(_, e)| e)?;
    let runs = steps.run();
    let scene = StepsScene::new(&steps, &runs, None);
    let root = layer.area_keep()?;
    root.fill(&WHITE)?;
    descent_plot::steps::draw(&root, &scene.figure(None, ratio))?;
    Ok(root.present()?)
}

/// A map, computed here at once ([`ELEMENT_GRID`] cells a side unless `grid` says).
#[cfg(feature = "engine")]
fn draw_map(decoder: &mut Decoder, layer: &Layer, ratio: f64) -> Result<(), WebError> {
    let settings = decode_trajectory(decoder).settings;
    let mut map = decode_map_settings(decoder, &settings.optimizer());
    if decoder.get("grid").is_none() {
        map.grid = [ELEMENT_GRID; 2];
    }
    let config = map.sweep_config(&settings)?;
    let result = compute::sweep(config.clone());
    let ends = CellEnd::all_of(&result);
    layer.fill_white();
    MapDrawing::new(&config, Some(&ends), map.show).draw_layers(layer, layer, ratio)?;
    Ok(())
}
