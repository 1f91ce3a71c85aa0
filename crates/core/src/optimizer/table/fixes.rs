//! The fixes of Adam people train with: NAdam, RAdam, AdaBelief, Yogi and ADOPT. One constant
//! per optimizer, one `Form` per convention.

use super::*;

/// NAdam's state in PyTorch's and Keras's forms: the moments and the running product of the
/// momentum schedule (which starts at 1).
const NADAM_SCHEDULED: &[&str] = &["m1", "m2", "v1", "v2", "mu_product"];
/// The state of the forms that keep Adam's two moments.
const MOMENTS: &[&str] = &["m1", "m2", "v1", "v2"];
/// AdaBelief's state: m and the running variance s of g − m.
const BELIEF: &[&str] = &["m1", "m2", "s1", "s2"];
const NADAM_FORMULA: &str = "μ_t = beta1·(1 − ½·0.96^(t·momentum_decay));  m, v as Adam's;  \
                             w ← w − lr·((1−μ_t)/(1−Πμ_t)·g + μ_(t+1)/(1−Πμ_(t+1))·m) ⊘ (√v̂ + eps)";
const NADAM_UPDATE: &str = "−lr·(look-ahead m̂)⊘(√v̂+ε)";
const RADAM_FORMULA: &str = "m, v as Adam's;  ρ_t = ρ∞ − 2t·beta2^t/(1−beta2^t);  \
                             w ← w − lr·r_t·m̂ ⊘ (√v̂ + eps) once ρ_t > 5, else w ← w − lr·m̂";
const RADAM_UPDATE: &str = "−lr·r_t·m̂⊘(√v̂+ε)";
const BELIEF_UPDATE: &str = "−lr·m̂⊘(√ŝ+ε)";

/// `nadam`.
pub(super) const NADAM: OptimizerSpec = OptimizerSpec {
    name: "nadam",
    label: "NAdam",
    family: Family::Adam,
    note: "Adam with Nesterov's look-ahead along the momentum (Dozat 2016)",
    hyperparameters: &[
        ("lr", 0.002),
        ("beta1", 0.9),
        ("beta2", 0.999),
        ("eps", 1e-8),
        ("momentum_decay", 0.004),
    ],
    forms: &[
        Form {
            convention: Convention::PyTorch,
            rule: Rule::NAdam {
                momentum_schedule: true,
            },
            formula: NADAM_FORMULA,
            update: NADAM_UPDATE,
            reference: "Dozat 2016; torch.optim.NAdam (momentum_decay = 0.004)",
            state: NADAM_SCHEDULED,
            shared: 1,
            initial: &[0.0, 0.0, 1.0],
            defaults: &[],
        },
        Form {
            convention: Convention::Keras,
            rule: Rule::NAdam {
                momentum_schedule: true,
            },
            formula: NADAM_FORMULA,
            update: NADAM_UPDATE,
            reference: "keras.optimizers.Nadam (its schedule 0.96^t is momentum_decay = 1)",
            state: NADAM_SCHEDULED,
            shared: 1,
            initial: &[0.0, 0.0, 1.0],
            defaults: &[("lr", 0.001), ("eps", 1e-7), ("momentum_decay", 1.0)],
        },
        Form {
            convention: Convention::Optax,
            rule: Rule::NAdam {
                momentum_schedule: false,
            },
            formula: "m, v as Adam's;  m̂ = beta1·m/(1−beta1^(t+1)) + (1−beta1)·g/(1−beta1^t);  \
                      w ← w − lr·m̂ ⊘ (√v̂ + eps)",
            update: NADAM_UPDATE,
            reference: "optax.nadam (constant momentum: momentum_decay unused)",
            state: MOMENTS,
            shared: 0,
            initial: NO_STATE,
            defaults: &[],
        },
    ],
};

/// `radam`.
pub(super) const RADAM: OptimizerSpec = OptimizerSpec {
    name: "radam",
    label: "RAdam",
    family: Family::Adam,
    note: "Adam without its erratic first steps: the adaptive rate rectified by its variance \
           (Liu et al. 2020)",
    hyperparameters: &[
        ("lr", 0.001),
        ("beta1", 0.9),
        ("beta2", 0.999),
        ("eps", 1e-8),
    ],
    forms: &[
        Form {
            convention: Convention::PyTorch,
            rule: Rule::RAdam {
                threshold_included: false,
            },
            formula: RADAM_FORMULA,
            update: RADAM_UPDATE,
            reference: "Liu et al. 2020 (Algorithm 2); torch.optim.RAdam",
            state: MOMENTS,
            shared: 0,
            initial: NO_STATE,
            defaults: &[],
        },
        Form {
            convention: Convention::Optax,
            rule: Rule::RAdam {
                threshold_included: true,
            },
            formula: RADAM_FORMULA,
            update: RADAM_UPDATE,
            reference: "optax.radam (rectified from ρ_t ≥ 5)",
            state: MOMENTS,
            shared: 0,
            initial: NO_STATE,
            defaults: &[],
        },
    ],
};

/// `adabelief`.
pub(super) const ADABELIEF: OptimizerSpec = OptimizerSpec {
    name: "adabelief",
    label: "AdaBelief",
    family: Family::Adam,
    note: "Adam that divides by how far g strays from its momentum, not by g's size \
           (Zhuang et al. 2020)",
    hyperparameters: &[
        ("lr", 0.001),
        ("beta1", 0.9),
        ("beta2", 0.999),
        ("eps", 1e-16),
    ],
    forms: &[
        Form {
            convention: Convention::PyTorch,
            rule: Rule::AdaBelief { rectified: true },
            formula: "m ← beta1·m + (1−beta1)·g;  s ← beta2·s + (1−beta2)·(g−m)⊙(g−m) + eps;  \
                      w ← w − lr·r_t·m̂ ⊘ (√s + eps) once ρ_t ≥ 5, else w ← w − lr·m̂",
            update: BELIEF_UPDATE,
            reference: "Zhuang et al. 2020; the authors' adabelief-pytorch 0.2 (rectify = True)",
            state: BELIEF,
            shared: 0,
            initial: NO_STATE,
            defaults: &[],
        },
        Form {
            convention: Convention::Optax,
            rule: Rule::AdaBelief { rectified: false },
            formula: "m ← beta1·m + (1−beta1)·g;  s ← beta2·s + (1−beta2)·(g−m)⊙(g−m) + eps;  \
                      w ← w − lr·m̂ ⊘ (√ŝ + eps)",
            update: BELIEF_UPDATE,
            reference: "optax.adabelief (eps_root = eps)",
            state: BELIEF,
            shared: 0,
            initial: NO_STATE,
            defaults: &[],
        },
    ],
};

/// `yogi`.
pub(super) const YOGI: OptimizerSpec = OptimizerSpec {
    name: "yogi",
    label: "Yogi",
    family: Family::Adam,
    note: "Adam whose second moment changes additively, so that it cannot forget a large \
           gradient at once (Zaheer et al. 2018)",
    hyperparameters: &[
        ("lr", 0.01),
        ("beta1", 0.9),
        ("beta2", 0.999),
        ("eps", 1e-3),
    ],
    forms: &[Form {
        convention: Convention::Optax,
        rule: Rule::Yogi,
        formula: "m ← beta1·m + (1−beta1)·g;  v ← v − (1−beta2)·sign(v − g⊙g)⊙g⊙g, \
                  from m = v = 1e-6;  w ← w − lr·m̂ ⊘ (√v̂ + eps)",
        update: "−lr·m̂⊘(√v̂+ε)",
        reference: "Zaheer et al. 2018; optax.yogi (initial_accumulator_value = 1e-6)",
        state: MOMENTS,
        shared: 0,
        initial: &[1e-6, 1e-6],
        defaults: &[],
    }],
};

/// `adopt`.
pub(super) const ADOPT: OptimizerSpec = OptimizerSpec {
    name: "adopt",
    label: "ADOPT",
    family: Family::Adam,
    note: "Adam that converges for any β2: g normalised by the previous v, then averaged \
           (Taniguchi et al. 2024)",
    hyperparameters: &[
        ("lr", 0.001),
        ("beta1", 0.9),
        ("beta2", 0.9999),
        ("eps", 1e-6),
    ],
    forms: &[
        Form {
            convention: Convention::PyTorch,
            rule: Rule::Adopt,
            formula: ADOPT_FORMULA,
            update: "−lr·m",
            reference: "Taniguchi et al. 2024; the authors' torch-adopt 0.1 (clip (t−1)^¼)",
            state: MOMENTS,
            shared: 0,
            initial: NO_STATE,
            defaults: &[],
        },
        Form {
            convention: Convention::Optax,
            rule: Rule::Adopt,
            formula: ADOPT_FORMULA,
            update: "−lr·m",
            reference: "optax.contrib.adopt (use_clipping = True)",
            state: MOMENTS,
            shared: 0,
            initial: NO_STATE,
            defaults: &[],
        },
    ],
};

const ADOPT_FORMULA: &str = "first step: v ← g⊙g only;  then m ← beta1·m + (1−beta1)·\
                             clip(g ⊘ max(√v, eps), ±(t−1)^¼);  w ← w − lr·m;  \
                             v ← beta2·v + (1−beta2)·g⊙g";
