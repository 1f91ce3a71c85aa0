//! The methods that estimate their own learning rate: Prodigy, D-Adaptation and
//! Schedule-Free. One constant per optimizer, one `Form` per convention.

use super::*;

/// Prodigy's state: m, v, s, the start x0, and the shared estimate d with its numerator.
const PRODIGY_STATE: &[&str] = &[
    "m1",
    "m2",
    "v1",
    "v2",
    "s1",
    "s2",
    "x0_1",
    "x0_2",
    "d",
    "d_numerator",
];
/// D-Adaptation's state: m, v, s, and the shared estimate d with its numerator.
const DADAPT_STATE: &[&str] = &["m1", "m2", "v1", "v2", "s1", "s2", "d", "d_numerator"];
/// Schedule-Free's state: z, v, the average x, the largest lr so far and the weights' sum.
const SCHEDULE_FREE_STATE: &[&str] = &["z1", "z2", "v1", "v2", "x1", "x2", "lr_max", "weight_sum"];
const PRODIGY_FORMULA: &str = "m ← beta1·m + d(1−beta1)·g;  v ← beta2·v + d²(1−beta2)·g⊙g;  \
                               s ← √beta2·s + (d/d0)·d·lr·g;  d ← max(d, d_coef·Σ(d/d0)·d·lr·\
                               g·(x0 − w) (weighted by √beta2) / Σ|s|);  \
                               w ← w − d·lr·m ⊘ (√v + d·eps)";
const DADAPT_FORMULA: &str = "m ← beta1·m + d·lr(1−beta1)·g;  v ← beta2·v + (1−beta2)·g⊙g;  \
                              s ← √beta2·s + d·lr(1−√beta2)·g;  d ← max(d, Σ d·lr·g·s/(√v + eps) \
                              (weighted by √beta2) / ((1−√beta2)·Σ|s|));  \
                              w ← w − m ⊘ (√v + eps)";
const SCHEDULE_FREE_FORMULA: &str = "v ← beta2·v + (1−beta2)·g⊙g;  u = g ⊘ (√v̂ + eps) + \
                                     weight_decay·y;  c = lr_max^p/Σ lr_max^p;  \
                                     x ← (1−c)·x + c·z;  z ← z − lr·u;  \
                                     y ← beta1·x + (1−beta1)·z (the gradient is taken at y = w)";

/// `prodigy`.
pub(super) const PRODIGY: OptimizerSpec = OptimizerSpec {
    name: "prodigy",
    label: "Prodigy",
    family: Family::LearningRateFree,
    note: "Adam that estimates its own learning rate d from how far it has come \
           (Mishchenko, Defazio 2024)",
    hyperparameters: &[
        ("lr", 1.0),
        ("beta1", 0.9),
        ("beta2", 0.999),
        ("eps", 1e-8),
        ("weight_decay", 0.0),
        ("d0", 1e-6),
        ("d_coef", 1.0),
    ],
    forms: &[
        Form {
            convention: Convention::PyTorch,
            rule: Rule::Prodigy {
                bias_correction: false,
            },
            formula: PRODIGY_FORMULA,
            update: "−d·lr·m⊘(√v+d·ε)",
            reference: "Mishchenko, Defazio 2024; the authors' prodigyopt 1.1 \
                        (use_bias_correction = False)",
            state: PRODIGY_STATE,
            shared: 2,
            initial: NO_STATE,
            defaults: &[],
        },
        Form {
            convention: Convention::Optax,
            rule: Rule::Prodigy {
                bias_correction: true,
            },
            formula: PRODIGY_FORMULA,
            update: "−d·lr·√(1−beta2^t)/(1−beta1^t)·m⊘(√v+d·ε)",
            reference: "optax.contrib.prodigy (d·lr bias-corrected)",
            state: PRODIGY_STATE,
            shared: 2,
            initial: NO_STATE,
            defaults: &[],
        },
    ],
};

/// `dadapt`.
pub(super) const DADAPT: OptimizerSpec = OptimizerSpec {
    name: "dadapt",
    label: "D-Adaptation Adam",
    family: Family::LearningRateFree,
    note: "Adam whose learning rate d is a lower bound on the distance to the solution, \
           raised as it learns (Defazio, Mishchenko 2023)",
    hyperparameters: &[
        ("lr", 1.0),
        ("beta1", 0.9),
        ("beta2", 0.999),
        ("eps", 1e-8),
        ("weight_decay", 0.0),
        ("d0", 1e-6),
    ],
    forms: &[
        Form {
            convention: Convention::PyTorch,
            rule: Rule::DAdapt { adamw: false },
            formula: DADAPT_FORMULA,
            update: "−m⊘(√v+ε)",
            reference: "Defazio, Mishchenko 2023; the authors' dadaptation 3.2 DAdaptAdam",
            state: DADAPT_STATE,
            shared: 2,
            initial: NO_STATE,
            defaults: &[],
        },
        Form {
            convention: Convention::Optax,
            rule: Rule::DAdapt { adamw: true },
            formula: DADAPT_FORMULA,
            update: "−m⊘(√v+ε)",
            reference: "optax.contrib.dadapt_adamw (d·lr bias-corrected, decoupled decay)",
            state: DADAPT_STATE,
            shared: 2,
            initial: NO_STATE,
            defaults: &[],
        },
    ],
};

/// `schedulefree`.
pub(super) const SCHEDULEFREE: OptimizerSpec = OptimizerSpec {
    name: "schedulefree",
    label: "Schedule-Free AdamW",
    family: Family::LearningRateFree,
    note: "AdamW without a schedule: gradients between an average x and the fast sequence z \
           (Defazio et al. 2024)",
    hyperparameters: &[
        ("lr", 0.0025),
        ("beta1", 0.9),
        ("beta2", 0.999),
        ("eps", 1e-8),
        ("weight_decay", 0.0),
        ("weight_lr_power", 2.0),
    ],
    forms: &[
        Form {
            convention: Convention::PyTorch,
            rule: Rule::ScheduleFree,
            formula: SCHEDULE_FREE_FORMULA,
            update: "y(t+1) − y(t)",
            reference: "Defazio et al. 2024; the authors' schedulefree 1.4 AdamWScheduleFree \
                        (train mode, warmup_steps = 0, r = 0)",
            state: SCHEDULE_FREE_STATE,
            shared: 2,
            initial: NO_STATE,
            defaults: &[],
        },
        Form {
            convention: Convention::Optax,
            rule: Rule::ScheduleFree,
            formula: SCHEDULE_FREE_FORMULA,
            update: "y(t+1) − y(t)",
            reference: "optax.contrib.schedule_free_adamw (params are y)",
            state: SCHEDULE_FREE_STATE,
            shared: 2,
            initial: NO_STATE,
            defaults: &[],
        },
    ],
};
