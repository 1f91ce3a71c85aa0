//! What a run minimises: a typed [`Function`], or the mean loss of a one-neuron [`Model`] on a
//! [`DataSet`], E(w1, w2) = (1/N)·Σᵢ ℓ(w1·xᵢ + w2, yᵢ), with its exact gradient, the gradient
//! of one sample or of a mini-batch, and its values on a grid for the surface.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::data::neuron::Model;
use crate::data::{DataError, DataSet, LoadData};
use crate::error::ConfigError;
use crate::function::{Evaluator, Function, HessianEvaluator};
use crate::grid::Grid;
use crate::symmetric::Symmetric;

/// A model fitted to a data set: the error surface of a training run.
#[derive(Clone, Debug, PartialEq)]
pub struct DataModel {
    data: Arc<DataSet>,
    model: Model,
    /// The linear model's E in closed form (`None` for the logistic model).
    quadratic: Option<Quadratic>,
}

/// The linear model's mean squared error as a quadratic in w, from centred moments:
/// E(w) = cxx·(w1 − b)² + (w1·x̄ + w2 − ȳ)² + r, with cxx = mean((x − x̄)²), b the
/// least-squares slope and r the mean squared residual of the best line. Every term is ≥ 0,
/// so E is accurate even near its minimum and for x in the thousands; evaluating it costs
/// the same for ten points as for ten thousand.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Quadratic {
    mean_x: f64,
    mean_y: f64,
    cxx: f64,
    slope: f64,
    residual: f64,
}

impl Quadratic {
    /// The moments of `data`, two passes over it.
    fn of(data: &DataSet) -> Quadratic {
        let n = data.len() as f64;
        let mean_x = data.x.iter().sum::<f64>() / n;
        let mean_y = data.y.iter().sum::<f64>() / n;
        let (mut cxx, mut cxy) = (0.0, 0.0);
        for [x, y] in data.points() {
            cxx += (x - mean_x) * (x - mean_x);
            cxy += (x - mean_x) * (y - mean_y);
        }
        let slope = if cxx > 0.0 { cxy / cxx } else { 0.0 };
        let residual = data
            .points()
            .map(|[x, y]| {
                let r = y - mean_y - slope * (x - mean_x);
                r * r
            })
            .sum::<f64>()
            / n;
        Quadratic {
            mean_x,
            mean_y,
            cxx: cxx / n,
            slope,
            residual,
        }
    }

    /// E(w) and ∇E(w).
    #[inline]
    fn value_and_gradient(&self, w: [f64; 2]) -> (f64, [f64; 2]) {
        let along = w[0] - self.slope;
        let offset = w[0] * self.mean_x + w[1] - self.mean_y;
        let value = self.cxx * along * along + offset * offset + self.residual;
        let gradient = [
            2.0 * self.cxx * along + 2.0 * offset * self.mean_x,
            2.0 * offset,
        ];
        (value, gradient)
    }
}

impl DataModel {
    /// `model` on `data`; the logistic model needs every target to be 0 or 1.
    pub fn new(data: DataSet, model: Model) -> Result<DataModel, DataError> {
        if let Some(i) = data.y.iter().position(|&y| !model.accepts_target(y)) {
            return Err(DataError::Target {
                place: data.places[i],
                value: data.y[i],
                model: model.name(),
            });
        }
        let quadratic = (model == Model::Linear).then(|| Quadratic::of(&data));
        Ok(DataModel {
            data: Arc::new(data),
            model,
            quadratic,
        })
    }

    /// The data set.
    pub fn data(&self) -> &DataSet {
        &self.data
    }

    /// The model.
    pub fn model(&self) -> Model {
        self.model
    }

    /// The number of samples N.
    pub fn len(&self) -> usize {
        self.data.len()
    }

    /// Whether there are no samples (never: a data set has at least one).
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// E(w) and the exact ∇E(w) over all samples.
    pub fn value_and_gradient(&self, w: [f64; 2]) -> (f64, [f64; 2]) {
        match &self.quadratic {
            Some(quadratic) => quadratic.value_and_gradient(w),
            None => crate::data::logistic::mean_loss_and_gradient(&self.data.x, &self.data.y, w),
        }
    }

    /// E(w).
    pub fn value(&self, w: [f64; 2]) -> f64 {
        self.value_and_gradient(w).0
    }

    /// ∇ℓᵢ(w), the gradient of sample `i`'s loss.
    pub fn sample_gradient(&self, w: [f64; 2], i: usize) -> [f64; 2] {
        let x = self.data.x[i];
        let (_, slope) = self.model.loss_and_slope(w[0] * x + w[1], self.data.y[i]);
        [slope * x, slope]
    }

    /// The mean gradient of the samples `batch` (indices into the data set).
    pub fn batch_gradient(&self, w: [f64; 2], batch: &[usize]) -> [f64; 2] {
        let mut g = [0.0; 2];
        for &i in batch {
            let [g1, g2] = self.sample_gradient(w, i);
            g[0] += g1;
            g[1] += g2;
        }
        let n = batch.len().max(1) as f64;
        [g[0] / n, g[1] / n]
    }

    /// The exact Hessian ∇²E(w) = (1/N)·Σᵢ ℓ''(zᵢ)·(xᵢ, 1)(xᵢ, 1)ᵀ: constant for the linear
    /// model (from its moments), one pass over the samples for the logistic one.
    pub fn hessian(&self, w: [f64; 2]) -> Symmetric {
        if let Some(q) = &self.quadratic {
            return Symmetric {
                h11: 2.0 * (q.cxx + q.mean_x * q.mean_x),
                h12: 2.0 * q.mean_x,
                h22: 2.0,
            };
        }
        let mut sums = [0.0; 3];
        for [x, _] in self.data.points() {
            let c = self.model.curvature(w[0] * x + w[1]);
            sums[0] += c * x * x;
            sums[1] += c * x;
            sums[2] += c;
        }
        let n = self.len() as f64;
        Symmetric {
            h11: sums[0] / n,
            h12: sums[1] / n,
            h22: sums[2] / n,
        }
    }

    /// E at every sample of `grid`, row by row from the top (largest w2) down: O(1) per cell
    /// for the linear model, O(N) for the logistic one.
    pub fn values_on(&self, grid: &Grid) -> Vec<f64> {
        let mut values = Vec::with_capacity(grid.columns * grid.rows);
        for row in 0..grid.rows {
            let w2 = grid.w2_at(row);
            values.extend((0..grid.columns).map(|c| self.value([grid.w1_at(c), w2])));
        }
        values
    }

    /// What the `data` and `model` keys say, for URLs: the data set's source, and the model
    /// unless it is the data set's own default.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = vec![("data", self.data.source.clone())];
        if self.model != default_model(&self.data.source) {
            pairs.push(("model", self.model.name().to_owned()));
        }
        pairs
    }
}

/// The model a data set gets when `model` is not given: a built-in set's own, otherwise the
/// first of [`crate::data::neuron::MODELS`] (linear).
pub fn default_model(source: &str) -> Model {
    crate::data::BUILTIN_SETS
        .iter()
        .find(|s| s.name == source.trim())
        .map_or(crate::data::neuron::MODELS[0].model, |s| s.model)
}

/// Reads `data` and `model` from `given`: `None` without `data`. `data` excludes
/// `function`, `model` needs `data`, and values that are no built-in set nor inline data go
/// to `load`.
pub fn data_model_from_given(
    given: &BTreeMap<&str, &str>,
    load: LoadData,
) -> Result<Option<DataModel>, ConfigError> {
    let Some(value) = given.get("data") else {
        if given.contains_key("model") {
            return Err(ConfigError::Requires {
                key: "model".to_owned(),
                needed: "data",
                reason: "a model is fitted to a data set",
            });
        }
        return Ok(None);
    };
    if given.contains_key("function") {
        return Err(ConfigError::Excludes {
            key: "data".to_owned(),
            other: "function",
            reason: "a data set's error function is its model's mean loss; give one of them",
        });
    }
    let model = match given.get("model") {
        None => default_model(value),
        Some(text) => Model::named(text.trim()).ok_or_else(|| ConfigError::NotAChoice {
            key: "model".to_owned(),
            value: (*text).to_owned(),
            choices: Model::names().join(", "),
        })?,
    };
    let set = match DataSet::from_value(value) {
        Some(set) => set?,
        None => load(value.trim())?,
    };
    Ok(Some(DataModel::new(set, model)?))
}

/// What the surface figures sample on a grid: a typed function, a data model, or either as
/// an [`Objective`].
pub trait Surface {
    /// E at every sample of `grid`, row by row from the top (largest w2) down.
    fn values_on(&self, grid: &Grid) -> Vec<f64>;

    /// What one sample costs, in units of a typed function's sample: 1, or the number of data
    /// points for a model without a closed form (the figures sample such a surface on fewer
    /// cells).
    fn sample_cost(&self) -> usize {
        1
    }
}

impl Surface for Function {
    fn values_on(&self, grid: &Grid) -> Vec<f64> {
        Function::values_on(self, grid)
    }
}

impl Surface for DataModel {
    fn values_on(&self, grid: &Grid) -> Vec<f64> {
        DataModel::values_on(self, grid)
    }

    fn sample_cost(&self) -> usize {
        if self.quadratic.is_some() {
            1
        } else {
            self.len()
        }
    }
}

impl Surface for Objective<'_> {
    fn values_on(&self, grid: &Grid) -> Vec<f64> {
        Objective::values_on(*self, grid)
    }

    fn sample_cost(&self) -> usize {
        match self {
            Objective::Function(_) => 1,
            Objective::Data(d) => d.sample_cost(),
        }
    }
}

/// What a run minimises.
#[derive(Clone, Copy, Debug)]
pub enum Objective<'a> {
    /// A typed error function.
    Function(&'a Function),
    /// A model's mean loss on a data set.
    Data(&'a DataModel),
}

impl<'a> Objective<'a> {
    /// An evaluator of E and ∇E at point after point.
    pub fn evaluator(self) -> ObjectiveEvaluator<'a> {
        match self {
            Objective::Function(f) => ObjectiveEvaluator::Function(f.evaluator()),
            Objective::Data(d) => ObjectiveEvaluator::Data(d),
        }
    }

    /// E at every sample of `grid`, row by row from the top down (the surface).
    pub fn values_on(self, grid: &Grid) -> Vec<f64> {
        match self {
            Objective::Function(f) => f.values_on(grid),
            Objective::Data(d) => d.values_on(grid),
        }
    }

    /// E(w) and ∇E(w) at one point.
    pub fn value_and_gradient(self, w: [f64; 2]) -> (f64, [f64; 2]) {
        self.evaluator().value_and_gradient(w)
    }

    /// An evaluator of the exact Hessian ∇²E at point after point.
    pub fn hessians(self) -> ObjectiveHessians<'a> {
        match self {
            Objective::Function(f) => ObjectiveHessians::Function(f.hessian_evaluator()),
            Objective::Data(d) => ObjectiveHessians::Data(d),
        }
    }
}

/// Evaluates an [`Objective`]'s exact Hessian at point after point without allocating.
#[derive(Debug)]
pub enum ObjectiveHessians<'a> {
    /// A typed function's program on nested dual numbers, with its scratch space.
    Function(HessianEvaluator<'a>),
    /// A data model's closed form or sum over samples.
    Data(&'a DataModel),
}

impl ObjectiveHessians<'_> {
    /// ∇²E(w).
    pub fn hessian(&mut self, w: [f64; 2]) -> Symmetric {
        match self {
            ObjectiveHessians::Function(e) => e.hessian(w),
            ObjectiveHessians::Data(d) => d.hessian(w),
        }
    }

    /// ∇²E at the points `(w1[i], w2[i])` into `out` (all three equally long): a function's
    /// in batches, with the same bits as [`ObjectiveHessians::hessian`].
    pub fn hessians(&mut self, w1: &[f64], w2: &[f64], out: &mut [Symmetric]) {
        match self {
            ObjectiveHessians::Function(e) => e.hessians(w1, w2, out),
            ObjectiveHessians::Data(d) => {
                for ((&a, &b), h) in w1.iter().zip(w2).zip(out) {
                    *h = d.hessian([a, b]);
                }
            }
        }
    }
}

/// Evaluates an [`Objective`] at point after point without allocating.
#[derive(Debug)]
pub enum ObjectiveEvaluator<'a> {
    /// A typed function's compiled program with its scratch space.
    Function(Evaluator<'a>),
    /// A data model (which needs no scratch space).
    Data(&'a DataModel),
}

impl ObjectiveEvaluator<'_> {
    /// E(w) and the exact ∇E(w).
    #[inline]
    pub fn value_and_gradient(&mut self, w: [f64; 2]) -> (f64, [f64; 2]) {
        match self {
            ObjectiveEvaluator::Function(e) => e.value_and_gradient(w),
            ObjectiveEvaluator::Data(d) => d.value_and_gradient(w),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::parse_csv;

    fn data(text: &str) -> DataSet {
        parse_csv(text.as_bytes(), "test").expect("valid")
    }

    /// E and ∇E summed sample by sample, as the definition says.
    fn by_definition(model: &DataModel, w: [f64; 2]) -> (f64, [f64; 2]) {
        let n = model.len() as f64;
        let all: Vec<usize> = (0..model.len()).collect();
        let value = model
            .data()
            .points()
            .map(|[x, y]| model.model().loss_and_slope(w[0] * x + w[1], y).0)
            .sum::<f64>()
            / n;
        (value, model.batch_gradient(w, &all))
    }

    #[test]
    fn the_closed_form_equals_the_sum_over_samples() {
        let set = crate::data::DataSet::from_value("scaled")
            .expect("built in")
            .expect("valid");
        let linear = DataModel::new(set, Model::Linear).expect("valid");
        for w in [[0.0, 0.0], [0.002, 1.0], [-1.5, 20.0], [0.0021, 0.7]] {
            let (value, g) = linear.value_and_gradient(w);
            let (sum, g_sum) = by_definition(&linear, w);
            assert!((value - sum).abs() <= 1e-9 * sum.abs().max(1.0), "{w:?}");
            for k in 0..2 {
                let scale = g_sum[k].abs().max(1e-6 * (g_sum[0].abs() + g_sum[1].abs()));
                assert!(
                    (g[k] - g_sum[k]).abs() <= 1e-8 * scale,
                    "{w:?} {g:?} {g_sum:?}"
                );
            }
        }
    }

    #[test]
    fn the_gradient_is_the_derivative_of_the_value() {
        let set = data("x,y\n-1,0\n0.5,1\n2,1\n-0.3,0\n0.1,0\n");
        for model in [Model::Linear, Model::Logistic] {
            let dm = DataModel::new(set.clone(), model).expect("valid");
            let w = [0.7, -0.2];
            let (_, g) = dm.value_and_gradient(w);
            let h = 1e-6;
            for k in 0..2 {
                let (mut plus, mut minus) = (w, w);
                plus[k] += h;
                minus[k] -= h;
                let numeric = (dm.value(plus) - dm.value(minus)) / (2.0 * h);
                assert!((numeric - g[k]).abs() < 1e-7, "{model:?} {k}");
            }
        }
    }

    #[test]
    fn the_hessian_is_the_derivative_of_the_gradient() {
        let set = data("x,y\n-1,0\n0.5,1\n2,1\n-0.3,0\n0.1,0\n");
        for model in [Model::Linear, Model::Logistic] {
            let dm = DataModel::new(set.clone(), model).expect("valid");
            let w = [0.7, -0.2];
            let exact = dm.hessian(w).entries();
            let h = 1e-5;
            let g = |dw: [f64; 2]| dm.value_and_gradient([w[0] + dw[0], w[1] + dw[1]]).1;
            let column = |k: usize, d: [f64; 2]| (g(d)[k] - g(d.map(|x| -x))[k]) / (2.0 * h);
            let numeric = [
                column(0, [h, 0.0]),
                column(1, [h, 0.0]),
                column(1, [0.0, h]),
            ];
            for (a, b) in exact.iter().zip(numeric) {
                assert!(
                    (a - b).abs() <= 1e-8 * exact[0].abs().max(1.0),
                    "{model:?} {exact:?}"
                );
            }
        }
    }

    #[test]
    fn logistic_runs_need_zero_one_targets_and_stay_finite_far_out() {
        let error =
            DataModel::new(data("x,y\n1,0\n2,0.5\n"), Model::Logistic).map_err(|e| e.to_string());
        assert_eq!(
            error,
            Err("line 3: y = 0.5, but the logistic model needs every y to be 0 or 1".into())
        );
        let separable = DataModel::new(data("x,y\n-1,0\n1,1\n"), Model::Logistic).expect("ok");
        // z = ±1000 on both samples.
        let (value, g) = separable.value_and_gradient([1000.0, 0.0]);
        assert_eq!((value, g), (0.0, [0.0, 0.0]));
        let (value, g) = separable.value_and_gradient([-1000.0, 0.0]);
        assert_eq!((value, g), (1000.0, [-1.0, 0.0]));
    }

    #[test]
    fn the_grid_holds_the_values() {
        let dm = DataModel::new(data("x,y\n0,1\n1,3\n"), Model::Linear).expect("valid");
        let grid = Grid {
            w1: [0.0, 4.0],
            w2: [0.0, 2.0],
            columns: 4,
            rows: 2,
        };
        let values = dm.values_on(&grid);
        assert_eq!(values.len(), 8);
        assert_eq!(values[5], dm.value([grid.w1_at(1), grid.w2_at(1)]));
        assert_eq!(Objective::Data(&dm).values_on(&grid), values);
        assert_eq!(dm.value([2.0, 1.0]), 0.0);
    }
}
