//! An entry of the trajectory figure: an optimizer in one convention (`RMSProp (PyTorch)`), the
//! unit of compare mode. In URLs an entry is written `rmsprop` (in the link's convention) or
//! `rmsprop:pytorch` (in another one).

use std::fmt;

use descent_core::config::{defaults, parse_convention, parse_optimizer};
use descent_core::{ConfigError, Convention, OptimizerKind};

/// An optimizer in one convention.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Entry {
    /// Which optimizer (table order first: compare mode lists entries sorted).
    pub kind: OptimizerKind,
    /// Whose form and defaults.
    pub convention: Convention,
}

impl Entry {
    /// `kind` in `convention`.
    pub fn new(kind: OptimizerKind, convention: Convention) -> Entry {
        Entry { kind, convention }
    }

    /// `kind` in the article's convention.
    pub fn article(kind: OptimizerKind) -> Entry {
        Entry::new(kind, defaults::CONVENTION)
    }

    /// How the page names it: the optimizer's label, with the convention unless it is the
    /// article's (`RMSProp (PyTorch)`).
    pub fn label(self) -> String {
        if self.convention == defaults::CONVENTION {
            self.kind.label().to_owned()
        } else {
            format!("{} ({})", self.kind.label(), self.convention.label())
        }
    }

    /// Its token in a link whose convention is `base`: `rmsprop`, or `rmsprop:pytorch` when
    /// the conventions differ.
    pub fn token(self, base: Convention) -> String {
        if self.convention == base {
            self.kind.name().to_owned()
        } else {
            format!("{}:{}", self.kind.name(), self.convention.name())
        }
    }

    /// Reads a token of a link whose convention is `base` (see [`Entry::token`]).
    pub fn parse(token: &str, base: Convention) -> Result<Entry, ConfigError> {
        match token.split_once(':') {
            None => Ok(Entry::new(parse_optimizer(token)?, base)),
            Some((name, convention)) => Ok(Entry::new(
                parse_optimizer(name)?,
                parse_convention(convention)?,
            )),
        }
    }
}

impl fmt::Display for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.token(defaults::CONVENTION))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_name_the_convention_only_when_it_differs() {
        let rmsprop = OptimizerKind::must("rmsprop");
        let torch = Entry::new(rmsprop, Convention::PyTorch);
        assert_eq!(torch.token(Convention::Article), "rmsprop:pytorch");
        assert_eq!(torch.token(Convention::PyTorch), "rmsprop");
        assert_eq!(torch.label(), "RMSProp (PyTorch)");
        assert_eq!(Entry::article(rmsprop).label(), "RMSProp");
        for base in Convention::ALL {
            assert_eq!(Entry::parse(&torch.token(base), base), Ok(torch));
        }
        assert!(Entry::parse("rmsprop:torch", Convention::Article).is_err());
        assert!(Entry::parse("sgd", Convention::Article).is_err());
    }
}
