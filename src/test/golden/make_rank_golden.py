#!/usr/bin/python3
"""Independent reference ("golden") vectors for the leaderboard's rank statistics
(scoring/RankStatistics.java).

Like make_golden.py, an oracle written apart from the Java code: kappas are exact
fractions (fractions.Fraction, from p_o and p_e as Cohen defined them, checked against
scikit-learn's cohen_kappa_score on the full data), percentiles are numpy's, Kendall's
tau-b is scipy's.  Rerun by hand (never by the build), from the repository root:

    /usr/bin/python3 src/test/golden/make_rank_golden.py

It rewrites src/test/resources/golden/rank-golden.json, byte-identically for the same
numpy/scipy versions.

The definitions implemented:
  * gold[i] and labels[r][i] in {0,1}; rows in board order (best first, ties in any order).
  * one SplitMix64(seed) stream (make_golden.SplitMix64); each of B replicates draws n
    indices; all rows are scored on the same indices.  A replicate whose drawn gold labels
    are all one class is skipped for everything (not redrawn); replicates = those kept.
  * kappa exact; rank = 1 + number of rows with strictly greater kappa (full data and
    each replicate alike).
  * rank_lo, rank_hi = numpy.percentile(ranks over kept replicates, [2.5, 97.5]).
  * p_vs_next = (kept replicates with kappa(r) - kappa(r+1) <= 0) / kept; null for the last.
  * group starts at 1 and goes up by one after each row with p_vs_next < alpha.
  * tau = numpy.percentile(taus, [50, 2.5, 97.5]) over the kept replicates whose
    scipy.stats.kendalltau(full ranks, replicate ranks) is not NaN; null if there is none.
"""

import bisect
import json
import math
import os
import sys
import warnings
from fractions import Fraction

import numpy as np
import scipy
from scipy.stats import kendalltau
from sklearn.metrics import cohen_kappa_score

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_golden import SplitMix64, realistic_prob  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "resources", "golden", "rank-golden.json"))


# --------------------------------------------------------------------------
# The statistics (the oracle)
# --------------------------------------------------------------------------

def kappas(y, L):
    """Exact kappa of every row of L against y; None where p_e == 1."""
    n = len(y)
    p_gold = Fraction(int(y.sum()), n)
    out = []
    for row in L:
        po = Fraction(int((row == y).sum()), n)
        p_pred = Fraction(int(row.sum()), n)
        pe = p_gold * p_pred + (1 - p_gold) * (1 - p_pred)
        out.append(None if pe == 1 else (po - pe) / (1 - pe))
    return out


def ranks(ks):
    negated = sorted(-k for k in ks)
    return [1 + bisect.bisect_left(negated, -k) for k in ks]  # rows with kappa > k


def tau_b(x, y):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # scipy may warn on a constant ranking; it returns NaN
        return float(kendalltau(x, y).statistic)


def statistics(case):
    y = np.array([int(c) for c in case["gold"]], dtype=np.int64)
    L = np.array([[int(c) for c in row] for row in case["labels"]], dtype=np.int64)
    n, rows = len(y), len(L)
    assert 0 < y.sum() < n
    full = kappas(y, L)
    for k, row in zip(full, L):
        assert abs(float(k) - cohen_kappa_score(y, row)) < 1e-12
    # Board order: best first by full-data kappa.
    assert all(full[r] >= full[r + 1] for r in range(rows - 1)), case["name"]
    full_rank = ranks(full)
    rng = SplitMix64(case["seed"])
    rank_samples = [[] for _ in range(rows)]
    not_ahead = [0] * (rows - 1)
    taus = []
    kept = 0
    for _ in range(case["replicates"]):
        idx = np.array([rng.index(n) for _ in range(n)], dtype=np.int64)
        yb = y[idx]
        if yb.min() == yb.max():
            continue
        ks = kappas(yb, L[:, idx])
        assert all(k is not None for k in ks)
        rk = ranks(ks)
        for r in range(rows):
            rank_samples[r].append(rk[r])
        for r in range(rows - 1):
            not_ahead[r] += ks[r] - ks[r + 1] <= 0
        t = tau_b(full_rank, rk)
        if not math.isnan(t):
            taus.append(t)
        kept += 1
    out_rows, group = [], 1
    for r in range(rows):
        lo, hi = np.percentile(np.array(rank_samples[r], dtype=np.float64), [2.5, 97.5])
        p = not_ahead[r] / kept if r + 1 < rows else None
        # A group boundary within rounding of alpha could differ between implementations.
        assert p is None or abs(p - case["alpha"]) > 1e-9
        out_rows.append({"rank_lo": float(lo), "rank_hi": float(hi), "p_vs_next": p, "group": group})
        if p is not None and p < case["alpha"]:
            group += 1
    tau = None
    if taus:
        med, lo, hi = np.percentile(np.array(taus), [50, 2.5, 97.5])
        tau = {"median": float(med), "lo": float(lo), "hi": float(hi)}
    return {"replicates": kept, "full_ranks": full_rank, "rows": out_rows, "tau": tau}


# --------------------------------------------------------------------------
# Cases
# --------------------------------------------------------------------------

def gold_207(rng):
    return (rng.random(207) < 0.4).astype(np.int64)


def model(rng, y, spread):
    """Study probabilities of a model: the smaller the spread, the better it separates."""
    return np.array([realistic_prob(rng, g, spread) for g in y])


def reader(rng, y, error):
    """A radiologist-like binary row: each label flipped with probability `error`."""
    return np.where(rng.random(len(y)) < error, 1 - y, y)


def thresholded(p):
    return (p > 0.5).astype(np.int64)


def board(y, rows):
    """Rows sorted best first by exact full-data kappa (stable, so ties keep their order)."""
    ks = kappas(y, np.array(rows))
    order = sorted(range(len(rows)), key=lambda r: -ks[r])
    return [rows[r] for r in order]


def text(v):
    return "".join(str(int(c)) for c in v)


def case(name, description, y, rows, replicates=1000, seed=1712, alpha=0.05, sort=True):
    rows = board(y, rows) if sort else rows
    return {"name": name, "description": description, "replicates": replicates, "seed": seed,
            "alpha": alpha, "gold": text(y), "labels": [text(r) for r in rows]}


def build_cases():
    rng = np.random.default_rng(20260311)
    cases = []

    y = gold_207(rng)
    cases.append(case("two_rows_207", "two models on 207 studies", y,
                      [thresholded(model(rng, y, 1.4)), thresholded(model(rng, y, 1.8))]))

    y = gold_207(rng)
    base = model(rng, y, 1.5)
    near = [thresholded(np.clip(base + d, 0, 1)) for d in (0.0, 1e-4, -1e-4)]
    better = np.where(rng.random(207) < 0.06, 1 - y, y)
    others = [thresholded(model(rng, y, s)) for s in np.linspace(1.2, 3.0, 13)]
    readers = [reader(rng, y, e) for e in (0.15, 0.2, 0.25)]
    cases.append(case("board_20_207",
                      "20 rows: 3 near-identical models (probabilities 1e-4 apart), one clearly better, "
                      "13 others, 3 radiologist-like binary rows", y, near + [better] + others + readers))

    y = gold_207(rng)
    a = thresholded(model(rng, y, 1.5))
    # Same confusion matrix, different studies: swap one true positive with another.
    tp = np.flatnonzero((a == 1) & (y == 1))
    fn = np.flatnonzero((a == 0) & (y == 1))
    same_counts = a.copy()
    same_counts[tp[0]], same_counts[fn[0]] = 0, 1
    ties = [a, a.copy(), same_counts, np.ones(207, np.int64), np.zeros(207, np.int64),
            thresholded(model(rng, y, 2.0)), thresholded(model(rng, y, 2.0))]
    cases.append(case("ties_207",
                      "exact ties: identical rows, a row with the same counts on other studies, all-abnormal "
                      "and all-normal rows (kappa 0 both)", y, ties))

    y = np.array([0, 1, 0, 0, 0, 0])
    cases.append(case("degenerate_replicates_n6",
                      "6 studies, 1 abnormal: resamples without it hold one class and are skipped",
                      y, [np.array([0, 1, 0, 0, 0, 1]), np.array([0, 1, 1, 0, 0, 0]),
                          np.array([1, 0, 0, 0, 0, 0]), np.array([0, 0, 0, 0, 0, 0])],
                      replicates=300, seed=11))

    y = gold_207(rng)
    cases.append(case("radiologists_207", "six radiologist-like binary rows and two models", y,
                      [reader(rng, y, e) for e in (0.1, 0.12, 0.14, 0.16, 0.2, 0.3)]
                      + [thresholded(model(rng, y, 1.3)), thresholded(model(rng, y, 1.6))]))

    y = gold_207(rng)
    same = thresholded(model(rng, y, 1.5))
    cases.append(case("all_tied_207", "four identical rows: tau undefined (null), one group",
                      y, [same] * 4, replicates=200))
    cases.append(case("single_row_207", "one row: rank 1, no p_vs_next, tau null",
                      y, [same], replicates=200))

    y = gold_207(rng)
    rows = [thresholded(model(rng, y, s)) for s in np.linspace(0.8, 3.5, 50)]
    rows += [reader(rng, y, e) for e in np.linspace(0.1, 0.3, 8)]
    rows += [rows[3].copy(), rows[10].copy()]
    cases.append(case("board_60_207", "60 rows incl. duplicates, seed above 2**63", y, rows,
                      seed=18446744073709551557))

    y = gold_207(rng)
    cases.append(case("alpha_0_2_small", "30 studies, alpha 0.2", y[:30],
                      [thresholded(model(rng, y[:30], s)) for s in (0.9, 1.2, 1.5, 2.0, 2.5)],
                      replicates=500, seed=99, alpha=0.2))
    return cases


def main():
    warnings.simplefilter("error")  # any numpy/scipy/sklearn warning is a bug here
    cases = build_cases()
    assert len({c["name"] for c in cases}) == len(cases)
    for c in cases:
        c["expected"] = e = statistics(c)
        print("%-26s rows=%-3d kept=%-4d groups=%d tau=%s" % (
            c["name"], len(c["labels"]), e["replicates"], e["rows"][-1]["group"],
            None if e["tau"] is None else "%.4f [%.4f, %.4f]" % (e["tau"]["median"], e["tau"]["lo"], e["tau"]["hi"])))
    by_name = {c["name"]: c["expected"] for c in cases}
    assert by_name["degenerate_replicates_n6"]["replicates"] < 300
    assert by_name["all_tied_207"]["tau"] is None and by_name["single_row_207"]["tau"] is None
    b20 = by_name["board_20_207"]["rows"]
    assert b20[0]["p_vs_next"] < 0.05 and b20[0]["rank_hi"] < min(r["rank_lo"] for r in b20[1:])
    doc = {"generator": "src/test/golden/make_rank_golden.py (numpy %s, scipy %s)"
                        % (np.__version__, scipy.__version__),
           "cases": cases}
    text_ = json.dumps(doc, allow_nan=False, indent=None, separators=(",", ":"))
    text_ = text_.replace(',{"name":', ',\n{"name":')  # one case per line keeps diffs readable
    with open(OUT, "w") as f:
        f.write(text_ + "\n")
    print("wrote %s: %d cases, %d bytes" % (OUT, len(cases), os.path.getsize(OUT)))


if __name__ == "__main__":
    main()
