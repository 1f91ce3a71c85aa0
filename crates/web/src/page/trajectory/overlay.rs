//! What the path layer draws besides the paths for a noisy run: the noiseless ghosts, and at
//! the hovered iteration the cloud of gradients the step could have drawn (see
//! [`descent_plot::noise`] for how it is drawn). Computed from the runs and their configs.

use descent_core::{Config, Trajectory};
use descent_plot::noise::GradientCloud;
use descent_plot::scene::optimizer_colour;

use crate::model::training::used_gradient;

/// How many draws of g + σ·ξ the cloud shows for noise without mini-batches (with
/// mini-batches it shows every batch of the step's epoch).
pub const CLOUD_DRAWS: usize = 64;

/// A single run's ghost and cloud colour (its ghost is dark dashes on a white halo).
const SINGLE_GHOST: [u8; 3] = [0x30, 0x30, 0x30];
/// A single run's cloud colour.
const SINGLE_CLOUD: [u8; 3] = [0xE6, 0x9F, 0x00];

/// The colour of run `run` of `count` runs.
fn colour(run: &Trajectory, count: usize, single: [u8; 3]) -> [u8; 3] {
    if count == 1 {
        single
    } else {
        optimizer_colour(run.optimizer.kind())
    }
}

/// The ghosts' points up to iteration `upto` (whole when `None`), each in its run's colour.
pub fn ghost_paths(ghosts: &[Trajectory], upto: Option<usize>) -> Vec<(Vec<[f64; 2]>, [u8; 3])> {
    ghosts
        .iter()
        .map(|ghost| {
            let shown = upto.map_or(ghost.rows.len(), |t| (t + 1).min(ghost.rows.len()));
            let points = ghost.rows[..shown].iter().map(|r| r.w).collect();
            (points, colour(ghost, ghosts.len(), SINGLE_GHOST))
        })
        .collect()
}

/// The gradients the step from row `t` of `run` (of `count` runs, run with `config`) could
/// have used, beside the exact one and the one it used; `None` for exact steps.
pub fn gradient_cloud(
    config: &Config,
    run: &Trajectory,
    count: usize,
    t: usize,
) -> Option<GradientCloud> {
    if config.sampling.is_exact() {
        return None;
    }
    let row = run.rows.get(t)?;
    let cloud = config
        .training()
        .step_gradients()
        .cloud(row.state.t, row.w, row.g, CLOUD_DRAWS);
    Some(GradientCloud {
        at: row.w,
        exact: row.g,
        used: used_gradient(run, t),
        cloud,
        colour: colour(run, count, SINGLE_CLOUD),
    })
}
