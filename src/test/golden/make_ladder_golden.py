#!/usr/bin/python3
"""Independent reference ("golden") vectors for the Ladder (scoring/Ladder.java).

Like make_golden.py, this is an oracle written apart from the Java code: kappas come
from scikit-learn's cohen_kappa_score, the standard error from numpy.  Rerun by hand
(never by the build), from the repository root:

    /usr/bin/python3 src/test/golden/make_ladder_golden.py

It rewrites src/test/resources/golden/ladder-golden.json, byte-identically for the
same numpy/scikit-learn versions.

The rule implemented (parameter-free Ladder, Blum & Hardt 2015, on kappa):
  * studies in Python sorted() order of their paths; predicted abnormal iff p > 0.5.
  * no best (first result): improved, kappa_best/difference/standard_error null,
    replicates 0.
  * otherwise difference = kappa(candidate) - kappa(best) on all studies, and B
    replicates each draw n indices from SplitMix64(seed) (make_golden.SplitMix64,
    the AUROC bootstrap's stream, one fresh generator per decision); both models are
    scored on the same indices.  A replicate where either kappa is undefined
    (p_e == 1: gold and that model's predictions all one class) is skipped, not
    redrawn; replicates = the number kept.
  * standard_error = numpy.std(differences, ddof=1); improved iff
    difference > standard_error (strictly).
"""

import json
import math
import os
import sys
import warnings

import numpy as np
import sklearn
from sklearn.metrics import cohen_kappa_score

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_golden import TYPES, PathMaker, SplitMix64, realistic_prob  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "resources", "golden", "ladder-golden.json"))


# --------------------------------------------------------------------------
# The Ladder (the oracle)
# --------------------------------------------------------------------------

def kappa_or_none(y, yhat):
    if y.min() == y.max() == yhat.min() == yhat.max():  # p_e == 1
        return None
    k = float(cohen_kappa_score(y, yhat))
    assert math.isfinite(k)
    return k


def decide(case):
    gold = dict((s, int(g)) for s, g in case["truth"])
    studies = sorted(gold)
    y = np.array([gold[s] for s in studies], dtype=np.int64)
    assert 0 < y.sum() < len(y), "the truth must hold both classes"

    def labels(rows):
        p = dict((s, float(v)) for s, v in rows)
        return (np.array([p[s] for s in studies], dtype=np.float64) > 0.5).astype(np.int64)

    cand = labels(case["candidate"])
    k_cand = kappa_or_none(y, cand)
    if case["best"] is None:
        return {"improved": True, "kappa_best": None, "kappa_candidate": k_cand,
                "difference": None, "standard_error": None, "replicates": 0}
    best = labels(case["best"])
    k_best = kappa_or_none(y, best)
    difference = k_cand - k_best
    n = len(studies)
    rng = SplitMix64(case["seed"])
    diffs = []
    for _ in range(case["replicates"]):
        idx = np.array([rng.index(n) for _ in range(n)], dtype=np.int64)
        kb = kappa_or_none(y[idx], best[idx])
        kc = kappa_or_none(y[idx], cand[idx])
        if kb is not None and kc is not None:
            diffs.append(kc - kb)
    se = float(np.std(np.array(diffs), ddof=1))
    # A decision within rounding of the boundary could differ between implementations.
    assert (difference == 0 and se == 0) or abs(difference - se) > 1e-6, case["name"]
    return {"improved": bool(difference > se), "kappa_best": k_best, "kappa_candidate": k_cand,
            "difference": difference, "standard_error": se, "replicates": len(diffs)}


# --------------------------------------------------------------------------
# Cases
# --------------------------------------------------------------------------

COUNTS_207 = [27, 30, 23, 29, 23, 34, 41]


def truth_207(rng, start):
    pm = PathMaker(start=start)
    return [[pm(t, study=int(rng.integers(1, 3))), int(rng.random() < 0.4)]
            for t, c in zip(TYPES, COUNTS_207) for _ in range(c)]


def model(rng, truth, spread):
    """Study probabilities of a model: the smaller the spread, the better it separates."""
    return [[s, round(realistic_prob(rng, g, spread), 4)] for s, g in truth]


def perturbed(rng, rows, eps=1e-6):
    return [[s, float(min(1.0, max(0.0, p + rng.uniform(-eps, eps))))] for s, p in rows]


def shuffled(rng, rows):
    return [rows[i] for i in rng.permutation(len(rows))]


def case(name, description, truth, best, candidate, replicates=1000, seed=1712):
    return {"name": name, "description": description, "replicates": replicates, "seed": seed,
            "truth": truth, "best": best, "candidate": candidate}


def build_cases():
    rng = np.random.default_rng(20260101)
    cases = []

    truth = truth_207(rng, 1)
    best = model(rng, truth, 1.6)
    cases.append(case("first_result", "207 studies, no released best yet: always released",
                      truth, None, model(rng, truth, 3.0)))
    cases.append(case("perturbed_copy_207", "the best's probabilities plus uniform noise of 1e-6",
                      truth, best, shuffled(rng, perturbed(rng, best))))
    cases.append(case("equal_models_207", "the best's probabilities, unchanged: difference and SE 0",
                      truth, best, shuffled(rng, best)))
    cases.append(case("clearly_better_207", "a model that separates far better than the best",
                      truth, best, model(rng, truth, 0.6)))
    cases.append(case("worse_207", "a model that separates worse than the best",
                      truth, best, model(rng, truth, 3.0)))

    # One study fixed: the gain is about one standard error (a paired count of one study).
    fixed = [row[:] for row in best]
    wrong = [i for i, (s, g) in enumerate(truth) if (fixed[i][1] > 0.5) != (g == 1)]
    fixed[wrong[0]][1] = 0.9 if truth[wrong[0]][1] else 0.1
    cases.append(case("one_study_fixed_207", "the best with one misclassified study corrected",
                      truth, best, fixed))

    # Ties at the threshold: the candidate puts studies at exactly 0.5 (normal) or just above.
    tie_truth = truth_207(rng, 1000)
    tie_best = model(rng, tie_truth, 1.2)
    tie_cand = []
    for (s, g), (_, p) in zip(tie_truth, tie_best):
        if 0.3 < p < 0.7:
            p = 0.5 if rng.random() < 0.6 else 0.5000001
        tie_cand.append([s, p])
    tie_best = [[s, 0.5 if i % 9 == 0 else p] for i, (s, p) in enumerate(tie_best)]
    cases.append(case("ties_at_half_207", "many probabilities exactly 0.5 (normal) or 0.5000001, in both",
                      tie_truth, tie_best, tie_cand))

    pm = PathMaker(start=2000)
    small = [[pm(TYPES[i % 7]), int(i % 3 == 0)] for i in range(12)]
    cases.append(case("small_n_12", "12 studies, 200 replicates", small,
                      model(rng, small, 1.0), model(rng, small, 0.5), replicates=200, seed=7))

    # One abnormal study of four, both models right on every normal one: a resample without
    # the abnormal study has p_e == 1 for both, so its replicate is skipped.
    pm = PathMaker(start=3000)
    tiny = [[pm("XR_WRIST"), g] for g in (0, 1, 0, 0)]
    cases.append(case("undefined_replicates_n4",
                      "4 studies, 1 abnormal: resamples without it have undefined kappa and are skipped",
                      tiny, [[s, 0.2] for s, g in tiny[:1]] + [[tiny[1][0], 0.4]] + [[s, 0.1] for s, g in tiny[2:]],
                      [[s, 0.9 if g else 0.3] for s, g in tiny], replicates=200, seed=11))

    truth_b = truth_207(rng, 4000)
    cases.append(case("large_unsigned_seed", "207 studies, seed above 2**63 (unsigned 64-bit state)",
                      truth_b, model(rng, truth_b, 1.4), model(rng, truth_b, 1.0),
                      seed=18446744073709551557))
    return cases


def main():
    warnings.simplefilter("error")  # any sklearn/numpy warning is a bug here
    cases = build_cases()
    assert len({c["name"] for c in cases}) == len(cases)
    for c in cases:
        c["expected"] = decide(c)
        e = c["expected"]
        print("%-22s improved=%-5s kappa %s -> %.6f  diff=%s se=%s replicates=%d" % (
            c["name"], e["improved"], e["kappa_best"], e["kappa_candidate"], e["difference"],
            e["standard_error"], e["replicates"]))
    by_name = {c["name"]: c["expected"] for c in cases}
    assert by_name["undefined_replicates_n4"]["replicates"] < 200
    assert not by_name["perturbed_copy_207"]["improved"] and by_name["clearly_better_207"]["improved"]
    doc = {"generator": "src/test/golden/make_ladder_golden.py (scikit-learn %s, numpy %s)"
                        % (sklearn.__version__, np.__version__),
           "cases": cases}
    text = json.dumps(doc, allow_nan=False, indent=None, separators=(",", ":"))
    text = text.replace(',{"name":', ',\n{"name":')  # one case per line keeps diffs readable
    with open(OUT, "w") as f:
        f.write(text + "\n")
    print("wrote %s: %d cases, %d bytes" % (OUT, len(cases), os.path.getsize(OUT)))


if __name__ == "__main__":
    main()
