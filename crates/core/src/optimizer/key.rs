//! A hyperparameter's place in the hyperparameter table, found by name at compile time: the
//! slot its value takes in the update rules' coefficients and in a kernel's parameters.

use super::hyperparameters::HYPERPARAMETERS;

/// Whether two names are equal (in a `const fn`).
pub(crate) const fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// A hyperparameter's place in [`HYPERPARAMETERS`]: where its value sits in the update rules'
/// [`super::Coefficients`] and in a kernel's parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key(pub(super) usize);

impl Key {
    /// The key named `key`, found at compile time (a missing name fails the build).
    pub const fn must(key: &str) -> Key {
        let mut i = 0;
        while i < HYPERPARAMETERS.len() {
            if same_name(HYPERPARAMETERS[i].key, key) {
                return Key(i);
            }
            i += 1;
        }
        panic!("no hyperparameter of that name in the table")
    }

    /// Its place in the table.
    pub const fn index(self) -> usize {
        self.0
    }
}

/// The keys the update rules read, by name.
pub mod keys {
    use super::Key;

    /// `lr`.
    pub const LR: Key = Key::must("lr");
    /// `alpha`.
    pub const ALPHA: Key = Key::must("alpha");
    /// `beta`.
    pub const BETA: Key = Key::must("beta");
    /// `beta1`.
    pub const BETA1: Key = Key::must("beta1");
    /// `beta2`.
    pub const BETA2: Key = Key::must("beta2");
    /// `rho`.
    pub const RHO: Key = Key::must("rho");
    /// `eps`.
    pub const EPS: Key = Key::must("eps");
    /// `weight_decay`.
    pub const WEIGHT_DECAY: Key = Key::must("weight_decay");
    /// `momentum_decay`.
    pub const MOMENTUM_DECAY: Key = Key::must("momentum_decay");
    /// `eta_minus`.
    pub const ETA_MINUS: Key = Key::must("eta_minus");
    /// `eta_plus`.
    pub const ETA_PLUS: Key = Key::must("eta_plus");
    /// `min_step_size`.
    pub const MIN_STEP_SIZE: Key = Key::must("min_step_size");
    /// `max_step_size`.
    pub const MAX_STEP_SIZE: Key = Key::must("max_step_size");
    /// `d0`.
    pub const D0: Key = Key::must("d0");
    /// `d_coef`.
    pub const D_COEF: Key = Key::must("d_coef");
    /// `weight_lr_power`.
    pub const WEIGHT_LR_POWER: Key = Key::must("weight_lr_power");
}
