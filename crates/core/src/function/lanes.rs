//! The scratch space of a batch of points: per stack slot a row of `n` values, either one
//! plane of `f64` values or three planes of dual numbers (value, ∂/∂w1, ∂/∂w2) stored side by
//! side, so that each instruction is a plain loop over arrays of `f64` that the compiler can
//! vectorise.

use super::scalar::{Dual, Scalar};

/// A batch's slots: slot `k` holds `len()` scalars, one per point.
pub(crate) trait Lanes {
    /// The number type of the batch.
    type Scalar: Scalar;
    /// Points in the batch.
    fn len(&self) -> usize;
    /// slot k = f(input) for each point.
    fn load(&mut self, k: usize, input: &[f64], f: impl Fn(f64) -> Self::Scalar);
    /// slot k = x at every point.
    fn fill(&mut self, k: usize, x: Self::Scalar);
    /// slot k = f(slot k) at every point.
    fn map(&mut self, k: usize, f: impl Fn(Self::Scalar) -> Self::Scalar);
    /// slot k = f(slot k, slot k + 1) at every point.
    fn zip(&mut self, k: usize, f: impl Fn(Self::Scalar, Self::Scalar) -> Self::Scalar);
}

/// Values only: one plane of `slots × n` numbers.
pub(crate) struct ValueLanes<'a> {
    /// Slot k at `[k·n, (k+1)·n)`.
    pub data: &'a mut [f64],
    /// Points in the batch.
    pub n: usize,
}

impl Lanes for ValueLanes<'_> {
    type Scalar = f64;

    fn len(&self) -> usize {
        self.n
    }

    #[inline(always)]
    fn load(&mut self, k: usize, input: &[f64], f: impl Fn(f64) -> f64) {
        for (x, &w) in self.data[k * self.n..][..self.n].iter_mut().zip(input) {
            *x = f(w);
        }
    }

    #[inline(always)]
    fn fill(&mut self, k: usize, x: f64) {
        self.data[k * self.n..][..self.n].fill(x);
    }

    #[inline(always)]
    fn map(&mut self, k: usize, f: impl Fn(f64) -> f64) {
        for x in &mut self.data[k * self.n..][..self.n] {
            *x = f(*x);
        }
    }

    #[inline(always)]
    fn zip(&mut self, k: usize, f: impl Fn(f64, f64) -> f64) {
        let (a, b) = self.data[k * self.n..].split_at_mut(self.n);
        for (x, &y) in a.iter_mut().zip(&b[..self.n]) {
            *x = f(*x, y);
        }
    }
}

/// Dual numbers as three planes of `slots × n` numbers: values, ∂/∂w1 and ∂/∂w2.
#[derive(Clone, Debug, Default)]
pub(crate) struct DualLanes {
    v: Vec<f64>,
    d1: Vec<f64>,
    d2: Vec<f64>,
    n: usize,
}

/// Row `k` (of `n` values) of each plane.
macro_rules! rows {
    ($lanes:expr, $k:expr) => {{
        let n = $lanes.n;
        let range = $k * n..($k + 1) * n;
        (
            &mut $lanes.v[range.clone()],
            &mut $lanes.d1[range.clone()],
            &mut $lanes.d2[range],
        )
    }};
}

impl DualLanes {
    /// Makes room for `slots` slots of `n` points and sets the batch length to `n`.
    pub(crate) fn resize(&mut self, slots: usize, n: usize) {
        let size = slots * n;
        if self.v.len() < size {
            self.v.resize(size, 0.0);
            self.d1.resize(size, 0.0);
            self.d2.resize(size, 0.0);
        }
        self.n = n;
    }

    /// Slot 0's values and partial derivatives, one per point: where the results end.
    pub(crate) fn results(&self) -> (&[f64], &[f64], &[f64]) {
        let n = self.n;
        (&self.v[..n], &self.d1[..n], &self.d2[..n])
    }
}

impl Lanes for DualLanes {
    type Scalar = Dual;

    fn len(&self) -> usize {
        self.n
    }

    #[inline(always)]
    fn load(&mut self, k: usize, input: &[f64], f: impl Fn(f64) -> Dual) {
        let (v, d1, d2) = rows!(self, k);
        for (((v, d1), d2), &w) in v.iter_mut().zip(d1).zip(d2).zip(input) {
            let x = f(w);
            (*v, *d1, *d2) = (x.v, x.d1, x.d2);
        }
    }

    #[inline(always)]
    fn fill(&mut self, k: usize, x: Dual) {
        let (v, d1, d2) = rows!(self, k);
        v.fill(x.v);
        d1.fill(x.d1);
        d2.fill(x.d2);
    }

    #[inline(always)]
    fn map(&mut self, k: usize, f: impl Fn(Dual) -> Dual) {
        let (v, d1, d2) = rows!(self, k);
        for ((v, d1), d2) in v.iter_mut().zip(d1).zip(d2) {
            let x = f(Dual {
                v: *v,
                d1: *d1,
                d2: *d2,
            });
            (*v, *d1, *d2) = (x.v, x.d1, x.d2);
        }
    }

    #[inline(always)]
    fn zip(&mut self, k: usize, f: impl Fn(Dual, Dual) -> Dual) {
        let n = self.n;
        let (v, v_next) = self.v[k * n..(k + 2) * n].split_at_mut(n);
        let (d1, d1_next) = self.d1[k * n..(k + 2) * n].split_at_mut(n);
        let (d2, d2_next) = self.d2[k * n..(k + 2) * n].split_at_mut(n);
        let next = v_next.iter().zip(d1_next.iter()).zip(d2_next.iter());
        for (((v, d1), d2), ((&v_b, &d1_b), &d2_b)) in v.iter_mut().zip(d1).zip(d2).zip(next) {
            let x = f(
                Dual {
                    v: *v,
                    d1: *d1,
                    d2: *d2,
                },
                Dual {
                    v: v_b,
                    d1: d1_b,
                    d2: d2_b,
                },
            );
            (*v, *d1, *d2) = (x.v, x.d1, x.d2);
        }
    }
}

/// Any scalars, one per point and slot (slot k at `[k·n, (k+1)·n)`): the nested dual numbers
/// of Hessians.
#[derive(Clone, Debug)]
pub(crate) struct ScalarLanes<S> {
    data: Vec<S>,
    n: usize,
}

impl<S> Default for ScalarLanes<S> {
    fn default() -> Self {
        ScalarLanes {
            data: Vec::new(),
            n: 0,
        }
    }
}

impl<S: Scalar> ScalarLanes<S> {
    /// Makes room for `slots` slots of `n` points and sets the batch length to `n`.
    pub(crate) fn resize(&mut self, slots: usize, n: usize) {
        let size = slots.max(1) * n;
        if self.data.len() < size {
            self.data.resize(size, S::constant(0.0));
        }
        self.n = n;
    }

    /// Slot 0, one result per point.
    pub(crate) fn results(&self) -> &[S] {
        &self.data[..self.n]
    }
}

impl<S: Scalar> Lanes for ScalarLanes<S> {
    type Scalar = S;

    fn len(&self) -> usize {
        self.n
    }

    #[inline(always)]
    fn load(&mut self, k: usize, input: &[f64], f: impl Fn(f64) -> S) {
        for (x, &w) in self.data[k * self.n..][..self.n].iter_mut().zip(input) {
            *x = f(w);
        }
    }

    #[inline(always)]
    fn fill(&mut self, k: usize, x: S) {
        self.data[k * self.n..][..self.n].fill(x);
    }

    #[inline(always)]
    fn map(&mut self, k: usize, f: impl Fn(S) -> S) {
        for x in &mut self.data[k * self.n..][..self.n] {
            *x = f(*x);
        }
    }

    #[inline(always)]
    fn zip(&mut self, k: usize, f: impl Fn(S, S) -> S) {
        let (a, b) = self.data[k * self.n..].split_at_mut(self.n);
        for (x, &y) in a.iter_mut().zip(&b[..self.n]) {
            *x = f(*x, y);
        }
    }
}
