"""The score of a candidate, its rank, and how much the rank moves when a weight moves.

- each criterion is scaled min–max to 0–1 across the candidates assessed on it
  (:func:`planning.centres.criteria.scaled`: (x − min) ÷ (max − min), 0.5 each when all are
  equal), NaN where not assessed;
- the score is the weighted mean over the criteria assessed for that candidate: Σ w_c s_c ÷
  Σ w_c over those criteria only (the weights are renormalised, never a missing criterion read
  as 0); a candidate with no criterion assessed has no score and no rank;
- rank 1 is the best score; equal scores share the better rank (``min``);
- sensitivity: each criterion's weight × 0.8 and × 1.2, the others unchanged, and the Spearman
  rank correlation of the new scores with the base scores over the ranked candidates.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: The weight changes of the sensitivity test: −20 % and +20 %.
CHANGES = (-0.2, 0.2)


def weighted_score(scores: pd.DataFrame, weights: dict[str, float]) -> pd.Series:
    """The weighted mean of each row's assessed scores, weights renormalised over them.

    Parameters
    ----------
    scores
        One column per criterion, 0–1 or NaN (not assessed).
    weights
        Weight of each column.

    Examples
    --------
    >>> s = pd.DataFrame({"a": [1.0, 0.0, 0.5], "b": [0.0, 1.0, np.nan]})
    >>> weighted_score(s, {"a": 3.0, "b": 1.0}).tolist()  # the third: 0.5 · 3 / 3
    [0.75, 0.25, 0.5]
    """
    columns = list(scores.columns)
    w = np.array([float(weights[c]) for c in columns])
    values = scores[columns].to_numpy(float)
    given = np.isfinite(values)
    total = np.where(given, values, 0.0) @ w
    weight = given.astype(float) @ w
    with np.errstate(invalid="ignore", divide="ignore"):
        score = np.where(weight > 0, total / weight, np.nan)
    return pd.Series(score, index=scores.index, name="score")


def ranks(score: pd.Series) -> pd.Series:
    """Rank 1 = the highest score; equal scores share the better rank; no score, no rank.

    Examples
    --------
    >>> ranks(pd.Series([0.2, 0.9, np.nan, 0.9])).tolist()
    [3.0, 1.0, nan, 1.0]
    """
    return score.rank(ascending=False, method="min").rename("rank")


def spearman(a: pd.Series, b: pd.Series) -> float:
    """Spearman's rank correlation: Pearson's of the average ranks, over rows where both are given.

    NaN when fewer than two rows, or when either side is constant.

    Examples
    --------
    >>> spearman(pd.Series([1.0, 2.0, 3.0, 4.0]), pd.Series([10.0, 30.0, 20.0, 40.0]))
    0.8
    """
    both = a.notna() & b.notna()
    if both.sum() < 2:
        return float("nan")
    ra = a[both].rank(method="average").to_numpy(float)
    rb = b[both].rank(method="average").to_numpy(float)
    ra, rb = ra - ra.mean(), rb - rb.mean()
    denominator = np.sqrt((ra * ra).sum() * (rb * rb).sum())
    return float((ra * rb).sum() / denominator) if denominator > 0 else float("nan")


def sensitivity(scores: pd.DataFrame, weights: dict[str, float], *,
                criteria: tuple[str, ...] | None = None,
                changes: tuple[float, ...] = CHANGES) -> pd.DataFrame:
    """Spearman of the scores with one weight moved by each change against the base scores.

    Parameters
    ----------
    scores
        The 0–1 score of each criterion (columns), as for :func:`weighted_score`.
    weights
        The base weights.
    criteria
        The criteria to move (default every column); a criterion assessed for no candidate
        gets NaN (moving its weight changes nothing that was assessed).
    changes
        Relative changes of one weight (−0.2: × 0.8).

    Returns
    -------
    pandas.DataFrame
        ``criterion``, ``change``, ``spearman``.

    Examples
    --------
    >>> s = pd.DataFrame({"a": [1.0, 0.0, 0.5], "b": [0.0, 0.1, 0.2]})
    >>> sensitivity(s, {"a": 1.0, "b": 1.0})["spearman"].tolist()
    [1.0, 1.0, 1.0, 1.0]
    """
    base = weighted_score(scores, weights)
    rows = []
    for criterion in criteria or tuple(scores.columns):
        assessed = criterion in scores and scores[criterion].notna().any()
        for change in changes:
            value = float("nan")
            if assessed:
                moved = {**weights, criterion: weights[criterion] * (1.0 + change)}
                value = spearman(base, weighted_score(scores, moved))
            rows.append({"criterion": criterion, "change": change, "spearman": value})
    return pd.DataFrame(rows, columns=["criterion", "change", "spearman"])
