//! Dash patterns: how compared runs that share a colour (the same optimizer in two conventions,
//! or more optimizers than the palette has colours) stay apart on the surface and in the course.

/// A point in pixels.
type Point = (f64, f64);

/// A line's dash pattern.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Dash {
    /// A continuous line.
    #[default]
    Solid,
    /// Medium dashes.
    Dashed,
    /// Dots.
    Dotted,
    /// Dash, dot.
    DashDot,
    /// Long dashes.
    LongDash,
    /// Long dash, dot.
    LongDashDot,
}

impl Dash {
    /// Every pattern, solid first.
    pub const ALL: [Dash; 6] = [
        Dash::Solid,
        Dash::Dashed,
        Dash::Dotted,
        Dash::DashDot,
        Dash::LongDash,
        Dash::LongDashDot,
    ];

    /// Alternating on and off lengths in CSS pixels; empty for a solid line.
    pub fn pattern(self) -> &'static [f64] {
        match self {
            Dash::Solid => &[],
            Dash::Dashed => &[7.0, 4.0],
            Dash::Dotted => &[2.0, 3.0],
            Dash::DashDot => &[8.0, 3.0, 2.0, 3.0],
            Dash::LongDash => &[14.0, 4.0],
            Dash::LongDashDot => &[14.0, 3.0, 2.0, 3.0],
        }
    }
}

/// The "on" stretches of `pattern` (lengths in pixels, on first) along the polyline through
/// `points`; the whole line when the pattern is empty or not positive.
pub(crate) fn dashes(points: &[Point], pattern: &[f64]) -> Vec<Vec<Point>> {
    let period: f64 = pattern.iter().sum();
    if pattern.is_empty() || period.is_nan() || period <= 0.0 || points.len() < 2 {
        return vec![points.to_vec()];
    }
    let mut pieces = Vec::new();
    let (mut index, mut left, mut on) = (0, pattern[0], true);
    let mut current: Vec<Point> = vec![points[0]];
    for pair in points.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let length = (b.0 - a.0).hypot(b.1 - a.1);
        let mut done = 0.0;
        while length - done > left {
            done += left;
            let t = done / length;
            let p = (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1));
            if on {
                if current.last() != Some(&p) {
                    current.push(p);
                }
                pieces.push(std::mem::take(&mut current));
            } else {
                current = vec![p];
            }
            on = !on;
            index = (index + 1) % pattern.len();
            left = pattern[index];
        }
        left -= length - done;
        if on {
            current.push(b);
        }
    }
    if on && current.len() > 1 {
        pieces.push(current);
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dashes_alternate_along_the_line() {
        let line = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)];
        let pieces = dashes(&line, &[4.0, 2.0]);
        let lengths: Vec<f64> = pieces
            .iter()
            .map(|p| {
                p.windows(2)
                    .map(|w| (w[1].0 - w[0].0).hypot(w[1].1 - w[0].1))
                    .sum()
            })
            .collect();
        assert_eq!(lengths, [4.0, 4.0, 4.0, 2.0]);
        assert_eq!(pieces[1], vec![(6.0, 0.0), (10.0, 0.0)]);
        assert_eq!(pieces[2], vec![(10.0, 2.0), (10.0, 6.0)]);
        assert_eq!(dashes(&line, &[]), vec![line.to_vec()]);
    }
}
