//! The data panel under the surface of a data run: the points on one canvas (drawn when the
//! data or the size change) and each run's model at the playback position on another (drawn
//! at every position, hover and run), with the current step's mini-batch ringed. Hidden for a
//! typed function.

use descent_core::data::neuron::Model;
use descent_core::objective::DataModel;
use descent_core::{Config, Trajectory};
use descent_plot::data::{self, DataFigure, Fit};
use descent_plot::scene::{optimizer_colour, run_name};
use descent_plot::Frame;
use web_sys::{Document, Element};

use crate::error::WebError;
use crate::model::training::data_summary;
use crate::page::dom::{by_id, set_hidden, set_text, Layer};

/// The panel's height over its width, and its least height in CSS pixels.
const ASPECT: f64 = 0.42;
/// The least height of the panel, in CSS pixels.
const MIN_HEIGHT: u32 = 200;

/// The blue of a single run's model (the path's, dark end of its ramp).
const SINGLE_RUN: [u8; 3] = [0x1F, 0x5F, 0xBF];

/// The data panel's elements and what it last drew.
pub struct DataPanel {
    panel: Element,
    points: Layer,
    fits: Layer,
    summary: Element,
    /// The points' frame, in backing pixels (`None` while hidden).
    pub frame: Option<Frame>,
    /// The data, legend labels and size the points layer was drawn for.
    drawn: Option<(DataModel, Vec<String>, (u32, u32))>,
}

/// What the fits layer shows: the points' data, ranges and legend text.
struct Shown<'a> {
    data: &'a DataModel,
    x_range: [f64; 2],
    y_range: [f64; 2],
    label: String,
}

impl<'a> Shown<'a> {
    fn of(data: &'a DataModel) -> Shown<'a> {
        let set = data.data();
        let (x_range, y_range) = data::ranges(&set.x, &set.y, data.model());
        Shown {
            data,
            x_range,
            y_range,
            label: format!("{} points", set.len()),
        }
    }

    fn figure<'b>(&'b self, fits: &'b [Fit], batch: &'b [usize], ratio: f64) -> DataFigure<'b> {
        let set = self.data.data();
        DataFigure {
            x: &set.x,
            y: &set.y,
            x_range: self.x_range,
            y_range: self.y_range,
            fits,
            batch,
            points_label: &self.label,
            pixel_ratio: ratio,
        }
    }
}

/// The models of `runs` at iteration `t` (each run's last row when shorter), labelled with the
/// run's name in compare mode (the labels do not change with t, so both layers lay the legend
/// out alike).
fn fits(runs: &[Trajectory], model: Model, t: usize) -> Vec<Fit> {
    runs.iter()
        .filter_map(|run| {
            let row = run.rows.get(t).or(run.rows.last())?;
            let (colour, label) = if runs.len() == 1 {
                (SINGLE_RUN, "the model at the playback position".to_owned())
            } else {
                (
                    optimizer_colour(run.optimizer.kind()),
                    run_name(&run.optimizer),
                )
            };
            Some(Fit {
                model,
                w: row.w,
                colour,
                label,
            })
        })
        .collect()
}

impl DataPanel {
    /// The panel `#data-panel` with its canvases `#data-points`, `#data-fits`.
    pub fn new(document: &Document) -> Result<DataPanel, WebError> {
        Ok(DataPanel {
            panel: by_id(document, "data-panel")?,
            points: Layer::new(document, "data-points")?,
            fits: Layer::new(document, "data-fits")?,
            summary: by_id(document, "data-summary")?,
            frame: None,
            drawn: None,
        })
    }

    /// Shows the panel for `config`'s data (hides it without), `css_width` wide, and draws
    /// the legend and the points when the data, the runs or the size changed.
    pub fn show(
        &mut self,
        config: Option<&Config>,
        runs: &[Trajectory],
        css_width: u32,
        ratio: f64,
    ) -> Result<(), WebError> {
        let data = config.and_then(|c| c.data.as_ref());
        set_hidden(&self.panel, data.is_none());
        let Some(data) = data else {
            self.frame = None;
            self.drawn = None;
            return Ok(());
        };
        let height = ((f64::from(css_width) * ASPECT).round() as u32).max(MIN_HEIGHT);
        let resized = self.points.resize(css_width, height, ratio);
        self.fits.resize(css_width, height, ratio);
        let size = self.points.size();
        let fits = fits(runs, data.model(), 0);
        let labels: Vec<String> = fits.iter().map(|f| f.label.clone()).collect();
        let same = self
            .drawn
            .as_ref()
            .is_some_and(|(d, l, s)| d == data && *l == labels && *s == size);
        if same && !resized {
            return Ok(());
        }
        set_text(&self.summary, &data_summary(data));
        let shown = Shown::of(data);
        let area = self.points.area()?;
        let frame = data::draw_points(&area, &shown.figure(&fits, &[], ratio))?;
        area.present()?;
        self.frame = Some(frame);
        self.drawn = Some((data.clone(), labels, size));
        Ok(())
    }

    /// Draws the models of `runs` at iteration `t` and ring the samples of step t's batch of
    /// the first run (`config`'s).
    pub fn draw_fits(
        &self,
        config: &Config,
        runs: &[Trajectory],
        t: usize,
        ratio: f64,
    ) -> Result<(), WebError> {
        let (Some(data), Some(frame)) = (config.data.as_ref(), self.frame) else {
            return Ok(());
        };
        let shown = Shown::of(data);
        let fits = fits(runs, data.model(), t);
        let batch: Vec<usize> = config
            .training()
            .step_gradients()
            .batch(t as u64)
            .map(<[usize]>::to_vec)
            .unwrap_or_default();
        let area = self.fits.area()?;
        data::draw_fits(&area, &frame, &shown.figure(&fits, &batch, ratio))?;
        area.present()?;
        Ok(())
    }
}
