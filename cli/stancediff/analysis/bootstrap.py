"""95% intervals by the bootstrap: how far a figure could move on other evidence like the evidence it rests on.

The bootstrap (Efron, B. and Tibshirani, R. J. 1993, *An Introduction to the
Bootstrap*, Chapman & Hall, ch. 13) draws the evidence again, with
replacement, as many items as there were, recomputes the figure, and takes
the 2.5th and 97.5th percentiles of the figures so found. Draws come from a
generator with a fixed seed, fresh for each figure, so that an interval is
the same on every run and never depends on which other figures were asked for.

- Van der Eijk's A of a topic is resampled over its stances
  (`van_der_eijk_interval`).
- Krippendorff's alpha has a bootstrap of its own (reliability.py), drawn with
  the same seed and cut at the same percentiles.

Agreement's interval is not a bootstrap: a percentile bootstrap sees only the
spread in the evidence it has, and a pair whose few shared topics all agree
alike would get an interval of one point, thin evidence shown as firm
(agreement.py gives Wilson's interval instead). A's bootstrap has that limit
too, where every stance on a topic is the same: such a topic is not contested.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

LEVEL = 0.95
RESAMPLES = 2000  # Hayes and Krippendorff (2007) ask for at least 1,000
SEED = 2007  # fixed: the same interval on every run
FEWEST = 2  # the fewest stances with a spread to resample
_TAIL = (1 - LEVEL) / 2


def rng() -> np.random.Generator:
    """A generator with the fixed seed, fresh for each figure: one figure's draws never depend on another's."""
    import numpy as np

    return np.random.default_rng(SEED)


def percentiles(samples: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The 2.5th and 97.5th percentiles of each row of draws, as Krippendorff's bootstrap cuts them.

    With B draws sorted, the low end is the max(floor(0.025 B), 1)-th and the
    high end the min(floor(0.975 B) + 1, B)-th: with 2,000 draws, the 50th and the 1,951st.
    """
    import numpy as np

    ordered = np.sort(samples, axis=-1)
    count = ordered.shape[-1]
    low = max(math.floor(_TAIL * count), 1) - 1
    high = min(math.floor((1 - _TAIL) * count) + 1, count) - 1
    return ordered[..., low], ordered[..., high]


def van_der_eijk_interval(counts: list[int]) -> tuple[float, float] | None:
    """The 95% interval of A for a topic's counts (oppose to support), over `RESAMPLES` resamples of its stances.

    None below `FEWEST` stances.
    """
    import numpy as np

    from .contested import van_der_eijk_many

    total = sum(counts)
    if total < FEWEST:
        return None
    drawn = rng().multinomial(total, np.asarray(counts, dtype=float) / total, size=RESAMPLES)
    low, high = percentiles(van_der_eijk_many(drawn))
    return float(low), float(high)
