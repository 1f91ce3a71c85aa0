"""`trajectory()` and `sweep()`: the keys go to Descent's core as the CLI's flags and the JS
API's config keys do (same validation, same messages), and the columns come back as numpy
arrays, views of one buffer."""

from __future__ import annotations

import numpy as np

from . import _native


class _Columns:
    """Named float64 columns of equal length, views of one buffer (`result.w1`,
    `result["w1"]`), with `.columns` and `.to_pandas()`."""

    def __init__(self, names, buffer):
        self.columns = tuple(names)
        flat = np.frombuffer(buffer, dtype=np.float64)
        self._arrays = dict(zip(self.columns, flat.reshape(len(self.columns), -1)))

    def __getattr__(self, name):
        arrays = self.__dict__.get("_arrays", {})
        if name in arrays:
            return arrays[name]
        raise AttributeError(
            f"{type(self).__name__} has no column `{name}`; the columns are "
            f"{', '.join(self.__dict__.get('columns', ()))}"
        )

    def __getitem__(self, name):
        try:
            return self._arrays[name]
        except KeyError:
            raise KeyError(
                f"no column `{name}`; the columns are {', '.join(self.columns)}"
            ) from None

    def __len__(self):
        first = next(iter(self._arrays.values()), None)
        return 0 if first is None else len(first)

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(self.columns))

    def to_pandas(self):
        """The columns as a pandas DataFrame (needs pandas)."""
        try:
            import pandas
        except ImportError as error:
            raise ImportError(
                "to_pandas() needs pandas: `pip install pandas`"
            ) from error
        return pandas.DataFrame({name: self._arrays[name] for name in self.columns})


class Trajectory(_Columns):
    """A run: `t, w1, w2, error, g1, g2`, then the optimizer's state columns; `stop` is None
    or why the run ended early."""

    def __init__(self, names, buffer, stop):
        super().__init__(names, buffer)
        self.stop = stop

    def __repr__(self):
        ended = f", stop={self.stop!r}" if self.stop else ""
        return f"Trajectory({len(self)} rows: {', '.join(self.columns)}{ended})"


class Sweep(_Columns):
    """A sweep, one row per cell in cell order (y, then x): `start1, start2` (or `x, y`),
    then `w1, w2, error, t, stop` of where each run ended; `stop` holds codes, code n meaning
    `stop_reasons[n - 1]` (0: took all its steps)."""

    def __init__(self, names, buffer, stop_reasons, kind, grid):
        super().__init__(names, buffer)
        self.stop_reasons = tuple(stop_reasons)
        self.kind = kind
        self.grid = tuple(grid)

    def __repr__(self):
        n, m = self.grid
        return f"Sweep({self.kind}, {n}×{m} cells: {', '.join(self.columns)})"


def trajectory(**keys) -> Trajectory:
    """Runs an optimizer: the vocabulary's keys (`function`, `optimizer`, `convention`, the
    hyperparameters, `start`, `steps`, `tol`, the training keys, and `preset`); missing keys
    take their defaults. Numbers may be given as numbers or text, points and lists as
    sequences. Raises ValueError with the CLI's message for an invalid key or value."""
    return Trajectory(*_native.trajectory(**keys))


def sweep(**keys) -> Sweep:
    """Runs the optimizer from every cell of a grid: `kind="starts"` over `view`, or
    `kind="params"` over two hyperparameters `x` and `y` ("lr=1e-4:1:log"), with `grid`
    cells a side and the run keys of `trajectory`. Each row equals the last row of
    `trajectory()` from that cell, bit for bit."""
    return Sweep(*_native.sweep(**keys))


def keys():
    """Every key a run or a figure takes, in documentation order, as `(key, kind, choices,
    help)`: read from Descent's vocabulary and optimizer table."""
    return _native.keys()
