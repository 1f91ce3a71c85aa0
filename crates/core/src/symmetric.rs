//! Symmetric 2×2 matrices (Hessians and their preconditioned forms) and their
//! eigen-decomposition, accurate where the eigenvalues are equal, of opposite signs or nearly
//! zero. A leaf module.

/// The symmetric matrix [[h11, h12], [h12, h22]].
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Symmetric {
    /// Row 1, column 1.
    pub h11: f64,
    /// Rows 1 and 2 off the diagonal.
    pub h12: f64,
    /// Row 2, column 2.
    pub h22: f64,
}

/// The eigenvalues λ1 ≥ λ2 of a symmetric matrix (its eigenvectors:
/// [`Symmetric::first_direction`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Eigen {
    /// The larger eigenvalue.
    pub lambda1: f64,
    /// The smaller eigenvalue.
    pub lambda2: f64,
}

impl Symmetric {
    /// The entries as `[h11, h12, h22]`.
    pub fn entries(&self) -> [f64; 3] {
        [self.h11, self.h12, self.h22]
    }

    /// The determinant h11·h22 − h12², accurate even when the two products nearly cancel (an
    /// eigenvalue near zero): there (within a factor 2 of each other) from the products' exact
    /// rounding errors, by Dekker's splitting where the entries allow it, else by Kahan's fused
    /// multiply-adds (a slow library call where the processor, or WebAssembly, has none).
    /// Elsewhere the plain difference is within 2 ulp.
    #[inline]
    pub fn determinant(&self) -> f64 {
        let (product, square) = (self.h11 * self.h22, self.h12 * self.h12);
        if !(0.5 * square..=2.0 * square).contains(&product) {
            return product - square;
        }
        // Within 10^±120, Dekker's splitting neither overflows nor loses digits to underflow.
        let splittable = |x: f64| x == 0.0 || (1e-120..=1e120).contains(&x.abs());
        if [self.h11, self.h12, self.h22].into_iter().all(splittable) {
            // The difference of the rounded products is exact (they are within a factor 2).
            let rounding = product_error(self.h11, self.h22, product)
                - product_error(self.h12, self.h12, square);
            return (product - square) + rounding;
        }
        let rounding = (-self.h12).mul_add(self.h12, square);
        self.h11.mul_add(self.h22, -square) + rounding
    }

    /// D^½·H·D^½ for the diagonal D = diag(d1, d2) with d ≥ 0: the matrix the iteration
    /// w ← w − D·H·w effectively sees (the same eigenvalues as D·H).
    #[inline(always)]
    pub fn preconditioned(&self, d: [f64; 2]) -> Symmetric {
        // √d1·√d2·0 is that 0 itself where d is finite and of positive sign (no roots taken
        // for a diagonal H).
        let positive = |d: &f64| d.is_finite() && d.is_sign_positive();
        let h12 = if self.h12 == 0.0 && d.iter().all(positive) {
            self.h12
        } else {
            let [r1, r2] = d.map(f64::sqrt);
            r1 * r2 * self.h12
        };
        Symmetric {
            h11: d[0] * self.h11,
            h12,
            h22: d[1] * self.h22,
        }
    }

    /// R·H·Rᵀ for R the counterclockwise rotation by the angle of `cos` and `sin`: the
    /// Hessian of E(Rᵀ·w) at R·w from that of E at w.
    pub fn rotated(&self, cos: f64, sin: f64) -> Symmetric {
        // The rows of R·H, then times Rᵀ.
        let (a11, a12) = (
            cos * self.h11 - sin * self.h12,
            cos * self.h12 - sin * self.h22,
        );
        let (a21, a22) = (
            sin * self.h11 + cos * self.h12,
            sin * self.h12 + cos * self.h22,
        );
        Symmetric {
            h11: a11 * cos - a12 * sin,
            h12: a11 * sin + a12 * cos,
            h22: a21 * sin + a22 * cos,
        }
    }

    /// The eigenvalues. The one of larger magnitude comes from the mean and the radius
    /// without cancellation, the other from the determinant, so a nearly singular matrix
    /// keeps its small eigenvalue's digits.
    pub fn eigen(&self) -> Eigen {
        let (mean, radius) = self.mean_and_radius();
        let (lambda1, lambda2) = if radius == 0.0 {
            (mean, mean)
        } else if mean >= 0.0 {
            let lambda1 = mean + radius;
            (lambda1, self.determinant() / lambda1)
        } else {
            let lambda2 = mean - radius;
            (self.determinant() / lambda2, lambda2)
        };
        Eigen { lambda1, lambda2 }
    }

    /// The larger eigenvalue alone, the same bits as [`Symmetric::eigen`]'s λ1 (without the
    /// determinant where the mean is not negative).
    #[inline(always)]
    pub fn largest_eigenvalue(&self) -> f64 {
        let (mean, radius) = self.mean_and_radius();
        if radius == 0.0 {
            mean
        } else if mean >= 0.0 {
            mean + radius
        } else {
            self.determinant() / (mean - radius)
        }
    }

    /// The mean of the eigenvalues and their distance from it.
    #[inline(always)]
    fn mean_and_radius(&self) -> (f64, f64) {
        let mean = 0.5 * (self.h11 + self.h22);
        (mean, hypot(0.5 * (self.h11 - self.h22), self.h12))
    }

    /// The angle of λ1's eigenvector from the w1 axis, in radians in [−π/2, π/2]; λ2's is a
    /// quarter turn further. 0 where the eigenvalues are equal (every direction is one).
    pub fn angle(&self) -> f64 {
        0.5 * self.h12.atan2(0.5 * (self.h11 - self.h22))
    }

    /// λ1's unit eigenvector.
    pub fn first_direction(&self) -> [f64; 2] {
        let (sin, cos) = self.angle().sin_cos();
        [cos, sin]
    }

    /// λ2's unit eigenvector, a quarter turn counterclockwise from λ1's.
    pub fn second_direction(&self) -> [f64; 2] {
        let [c, s] = self.first_direction();
        [-s, c]
    }
}

/// a·b − `product` exactly, for `product` the rounded a·b (Dekker's two-product: each factor
/// split into halves of 26 bits, whose products are exact).
#[inline]
fn product_error(a: f64, b: f64, product: f64) -> f64 {
    let split = |x: f64| {
        let scaled = 134_217_729.0 * x; // 2^27 + 1
        let high = scaled - (scaled - x);
        (high, x - high)
    };
    let ((a_high, a_low), (b_high, b_low)) = (split(a), split(b));
    ((a_high * b_high - product) + a_high * b_low + a_low * b_high) + a_low * b_low
}

/// √(a² + b²), within 2 ulp: |a| where b is 0 (what the root gives: √(a²) is |a| in binary
/// floating point, and no root is taken for a diagonal matrix); the plain root where a² + b²
/// neither overflows nor loses digits to underflow; else the library's `hypot` (several times
/// slower).
#[inline(always)]
fn hypot(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        return a.abs();
    }
    let sum = a * a + b * b;
    if (f64::MIN_POSITIVE..=f64::MAX).contains(&sum) {
        sum.sqrt()
    } else {
        a.hypot(b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, scale: f64) -> bool {
        (a - b).abs() <= 1e-14 * scale
    }

    /// H·v = λ·v for both pairs, relative to the matrix's size.
    fn check(h: Symmetric) {
        let e = h.eigen();
        assert!(e.lambda1 >= e.lambda2, "{h:?}: {e:?}");
        let scale = h.h11.abs() + h.h12.abs() + h.h22.abs();
        for (lambda, [x, y]) in [
            (e.lambda1, h.first_direction()),
            (e.lambda2, h.second_direction()),
        ] {
            let hv = [h.h11 * x + h.h12 * y, h.h12 * x + h.h22 * y];
            assert!(close(hv[0], lambda * x, scale), "{h:?}: {e:?}");
            assert!(close(hv[1], lambda * y, scale), "{h:?}: {e:?}");
        }
    }

    #[test]
    fn eigenpairs_of_bowls_saddles_and_caps() {
        let cases = [
            (6.0, 0.0, 20.0),
            (20.0, 0.0, 6.0),
            (13.0, 7.0, 13.0),
            (2.0, 0.0, -2.0),
            (-1.0, 3.0, -5.0),
            (0.0, 1.0, 0.0),
            (1e-8, 2.0, 400.0),
            (1202.0, -400.0, 200.0),
        ];
        for (h11, h12, h22) in cases {
            check(Symmetric { h11, h12, h22 });
        }
        let h = Symmetric {
            h11: 6.0,
            h12: 0.0,
            h22: 20.0,
        };
        let e = h.eigen();
        assert_eq!((e.lambda1, e.lambda2), (20.0, 6.0));
        assert!(h.first_direction()[0].abs() < 1e-16);
    }

    #[test]
    fn a_nearly_cancelling_determinant_is_that_of_fused_multiply_adds() {
        // Kahan's determinant with fused multiply-adds, within an ulp of the exact one.
        let kahan = |h: Symmetric| {
            let square = h.h12 * h.h12;
            h.h11.mul_add(h.h22, -square) + (-h.h12).mul_add(h.h12, square)
        };
        for scale in [1.0, 1e-100, 1e100, 1e150, 1e-150] {
            for (h11, h12, h22) in [
                (1e-8, 2.0, 400.0 + 1e-8),
                (1202.0, -400.0, 133.1),
                (0.1, 0.3, 0.9),
                (3.0, 1.0 + 1e-12, 1.0 / 3.0),
            ] {
                let h = Symmetric {
                    h11: h11 * scale,
                    h12: h12 * scale,
                    h22: h22 * scale,
                };
                let (got, expected) = (h.determinant(), kahan(h));
                assert!(
                    (got - expected).abs() <= 2.0 * f64::EPSILON * expected.abs(),
                    "{h:?}: {got} vs {expected}"
                );
            }
        }
    }

    #[test]
    fn equal_eigenvalues_take_the_axes() {
        let h = Symmetric {
            h11: 4.0,
            h12: 0.0,
            h22: 4.0,
        };
        let e = h.eigen();
        assert_eq!((e.lambda1, e.lambda2, h.angle()), (4.0, 4.0, 0.0));
        let zero = Symmetric::default().eigen();
        assert_eq!((zero.lambda1, zero.lambda2), (0.0, 0.0));
    }

    #[test]
    fn a_nearly_singular_matrix_keeps_its_small_eigenvalue() {
        // [[1, 1], [1, 1 + 1e-12]]: λ2 = det/λ1 ≈ 5e-13, lost entirely by mean − radius.
        let h = Symmetric {
            h11: 1.0,
            h12: 1.0,
            h22: 1.0 + 1e-12,
        };
        let e = h.eigen();
        let delta = h.h22 - 1.0; // exact
        assert!((e.lambda2 / (delta / 2.0) - 1.0).abs() < 1e-9, "{e:?}");
        // A saddle with a tiny negative eigenvalue.
        let s = Symmetric {
            h11: -1e-9,
            h12: 0.0,
            h22: 3.0,
        };
        assert_eq!(s.eigen().lambda2, -1e-9);
    }

    #[test]
    fn rotation_turns_the_eigenvectors() {
        let h = Symmetric {
            h11: 6.0,
            h12: 0.0,
            h22: 20.0,
        };
        let t = std::f64::consts::FRAC_PI_4;
        let r = h.rotated(t.cos(), t.sin());
        assert!(
            close(r.h11, 13.0, 20.0) && close(r.h22, 13.0, 20.0),
            "{r:?}"
        );
        assert!(close(r.h12, -7.0, 20.0), "{r:?}");
        let e = r.eigen();
        assert!(close(e.lambda1, 20.0, 20.0) && close(e.lambda2, 6.0, 20.0));
        // λ1 = 20 was along w2; turned by 45° it points to (−1, 1)/√2.
        let [x, y] = r.first_direction();
        assert!(close(x.abs(), y.abs(), 1.0) && x * y < 0.0, "{e:?}");
    }

    #[test]
    fn the_largest_eigenvalue_alone_is_eigens_and_a_diagonal_needs_no_roots() {
        let values = [
            0.0,
            -0.0,
            1.0,
            -3.5,
            1e-300,
            2e300,
            f64::INFINITY,
            f64::NAN,
            7e-12,
        ];
        let mut checked = 0;
        for &h11 in &values {
            for &h12 in &values {
                for &h22 in &values {
                    let h = Symmetric { h11, h12, h22 };
                    let (alone, both) = (h.largest_eigenvalue(), h.eigen().lambda1);
                    assert!(alone.to_bits() == both.to_bits() || (alone.is_nan() && both.is_nan()));
                    for d in [
                        [0.25, 4.0],
                        [0.0, 1.0],
                        [-0.0, 2.0],
                        [f64::INFINITY, 1.0],
                        [-1.0, 1.0],
                    ] {
                        let [r1, r2] = d.map(f64::sqrt);
                        let (got, with_roots) = (h.preconditioned(d).h12, r1 * r2 * h12);
                        assert!(
                            got.to_bits() == with_roots.to_bits()
                                || (got.is_nan() && with_roots.is_nan()),
                            "{h:?} {d:?}: {got} vs {with_roots}"
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert_eq!(checked, 9 * 9 * 9 * 5);
    }

    #[test]
    fn the_root_of_a_square_is_the_magnitude() {
        // What `hypot(a, 0)` computed before it returned |a|: the same bits, at every scale.
        let rooted = |a: f64| {
            let sum = a * a;
            if (f64::MIN_POSITIVE..=f64::MAX).contains(&sum) {
                sum.sqrt()
            } else {
                a.hypot(0.0)
            }
        };
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..200_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let a = f64::from_bits(state);
            for x in [a, -a, a * 1e-300, a.fract()] {
                let (got, expected) = (hypot(x, 0.0), rooted(x));
                assert!(
                    got.to_bits() == expected.to_bits() || (got.is_nan() && expected.is_nan()),
                    "{x:e}"
                );
                assert_eq!(hypot(x, -0.0).to_bits(), got.to_bits());
            }
        }
        for x in [
            0.0,
            -0.0,
            f64::INFINITY,
            f64::NEG_INFINITY,
            5e-324,
            f64::MAX,
        ] {
            assert_eq!(hypot(x, 0.0).to_bits(), rooted(x).to_bits(), "{x:e}");
        }
    }

    #[test]
    fn preconditioning_scales_rows_and_columns() {
        let h = Symmetric {
            h11: 6.0,
            h12: 2.0,
            h22: 20.0,
        };
        let p = h.preconditioned([0.25, 4.0]);
        assert_eq!(p.entries(), [1.5, 2.0, 80.0]);
    }
}
