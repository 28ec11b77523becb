#!/usr/bin/python3
"""Independent reference ("golden") vectors for the MURA Arena scoring engine.

This script is the INDEPENDENT ORACLE for the Java scorer: it computes every
expected number with numpy / scikit-learn only (it never calls Java), so the
Java tests can compare against values produced by a different implementation.

Rerun (from the repository root):

    /usr/bin/python3 src/test/golden/make_golden.py

It rewrites src/test/resources/golden/scoring-golden.json.  The output is
fully deterministic (fixed numpy seed, seeded SplitMix64 bootstrap, sorted
keys where order is free); rerunning with the same numpy/scikit-learn versions
gives a byte-identical file.

Definitions implemented (see the case list in build_cases()):
  * truth rows [study_path, label] or [study_path, r1, r2, r3]; gold = 1 iff
    r1 + r2 + r3 >= 2.  Study type = the path segment among the seven XR_* types.
  * prediction rows [study_path, p] (study level; 0/1 ints are p = 0.0 / 1.0)
    or [study_path + "imageK.png", p] (image level, aggregated per study with
    the case's "aggregation": arithmetic "mean" or "max").
  * predicted abnormal iff study probability > 0.5 (0.5 itself is normal).
  * groups: "overall" and all seven types; each group ordered by Python
    sorted() of study_path.
  * kappa = sklearn cohen_kappa_score, null if n == 0 or p_e == 1.
    kappa_ci = kappa -/+ 1.96*sqrt(p_o(1-p_o)/(n(1-p_e)^2)), kappa_ci_official
    = kappa -/+ 1.96*p_o(1-p_o)/(n(1-p_e)^2) (no sqrt, original MURA scorer);
    both clipped to [-1, 1].
  * auroc = sklearn roc_auc_score, null if n == 0 or one class only.
  * auroc_ci = SplitMix64-seeded study-level percentile bootstrap (fresh rng
    per group, n indices per draw, one-class draws discarded, at most 10*B
    draws, null if fewer than B replicates), numpy.percentile [2.5, 97.5].
  * sensitivity = TP/(TP+FN) (null without positives), specificity =
    TN/(TN+FP) (null without negatives).

Image-level probabilities are generated as multiples of 1/1024 so that the
per-study sums are exact in floating point whatever the summation order;
the mean (sum / count) is therefore identical for any row order or language.
"""

import json
import math
import os
import warnings

import numpy as np
import sklearn
from sklearn.metrics import cohen_kappa_score, roc_auc_score

TYPES = ["XR_ELBOW", "XR_FINGER", "XR_FOREARM", "XR_HAND",
         "XR_HUMERUS", "XR_SHOULDER", "XR_WRIST"]
MASK64 = (1 << 64) - 1
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(
    HERE, "..", "resources", "golden", "scoring-golden.json"))


# --------------------------------------------------------------------------
# Scoring (the oracle)
# --------------------------------------------------------------------------

class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK64

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def index(self, n):
        # (x >> 11) -> double (exact, < 2**53), * 2**-53 (exact), * n, truncate.
        return int(float(self.next() >> 11) * 2.0 ** -53 * n)


def study_type(path):
    segs = [s for s in path.split("/") if s in TYPES]
    assert len(segs) == 1, path
    return segs[0]


def gold_label(row):
    if len(row) == 2:
        assert row[1] in (0, 1)
        return int(row[1])
    assert len(row) == 4 and all(r in (0, 1) for r in row[1:])
    return 1 if sum(row[1:]) >= 2 else 0


def study_of_prediction(path):
    if path.endswith("/"):
        return path
    head, _, tail = path.rpartition("/")
    assert tail.startswith("image") and tail.endswith(".png"), path
    return head + "/"


def study_probabilities(predictions, aggregation):
    per_study = {}
    for path, p in predictions:
        per_study.setdefault(study_of_prediction(path), []).append(float(p))
    out = {}
    for study, vals in per_study.items():
        if aggregation == "mean":
            out[study] = float(np.mean(np.array(vals, dtype=np.float64)))
        elif aggregation == "max":
            out[study] = float(max(vals))
        else:
            raise ValueError(aggregation)
    return out


def bootstrap_ci(y, s, B, seed):
    n = len(y)
    rng = SplitMix64(seed)
    reps = []
    draws = 0
    while len(reps) < B and draws < 10 * B:
        idx = np.array([rng.index(n) for _ in range(n)], dtype=np.int64)
        draws += 1
        yy = y[idx]
        if yy.min() == yy.max():
            continue
        reps.append(float(roc_auc_score(yy, s[idx])))
    if len(reps) < B:
        return None, len(reps), draws
    lo, hi = np.percentile(np.array(reps), [2.5, 97.5])
    return [float(lo), float(hi)], len(reps), draws


def clip(v):
    return float(min(1.0, max(-1.0, v)))


def group_metrics(studies, gold, prob, B, seed):
    studies = sorted(studies)
    n = len(studies)
    res = {"n": n, "kappa": None, "kappa_ci": None, "kappa_ci_official": None,
           "auroc": None, "auroc_ci": None,
           "sensitivity": None, "specificity": None}
    if n == 0:
        return res, None
    y = np.array([gold[k] for k in studies], dtype=np.int64)
    s = np.array([prob[k] for k in studies], dtype=np.float64)
    yhat = (s > 0.5).astype(np.int64)

    tp = int(np.sum((y == 1) & (yhat == 1)))
    fn = int(np.sum((y == 1) & (yhat == 0)))
    tn = int(np.sum((y == 0) & (yhat == 0)))
    fp = int(np.sum((y == 0) & (yhat == 1)))
    if tp + fn > 0:
        res["sensitivity"] = tp / (tp + fn)
    if tn + fp > 0:
        res["specificity"] = tn / (tn + fp)

    single_class = (y.min() == y.max() == yhat.min() == yhat.max())  # p_e == 1
    if not single_class:
        kappa = float(cohen_kappa_score(y, yhat))
        assert math.isfinite(kappa)
        p_o = (tp + tn) / n
        p_e = ((tp + fn) / n) * ((tp + fp) / n) + ((tn + fp) / n) * ((tn + fn) / n)
        assert p_e < 1.0
        var = p_o * (1 - p_o) / (n * (1 - p_e) ** 2)
        se = math.sqrt(var)
        res["kappa"] = kappa
        res["kappa_ci"] = [clip(kappa - 1.96 * se), clip(kappa + 1.96 * se)]
        res["kappa_ci_official"] = [clip(kappa - 1.96 * var), clip(kappa + 1.96 * var)]

    info = None
    if y.min() != y.max():
        res["auroc"] = float(roc_auc_score(y, s))
        res["auroc_ci"], nrep, ndraw = bootstrap_ci(y, s, B, seed)
        info = (nrep, ndraw)
    return res, info


def score_case(case):
    gold = {}
    for row in case["truth"]:
        assert row[0] not in gold, row[0]
        gold[row[0]] = gold_label(row)
    prob = study_probabilities(case["predictions"], case["aggregation"])
    assert set(prob) == set(gold), "predictions must cover exactly the truth studies"
    B = case["bootstrap"]["replicates"]
    seed = case["bootstrap"]["seed"]
    overall, info = group_metrics(list(gold), gold, prob, B, seed)
    infos = {"overall": info}
    by_type = {}
    for t in TYPES:
        by_type[t], infos[t] = group_metrics(
            [k for k in gold if study_type(k) == t], gold, prob, B, seed)
    return {"overall": overall, "by_type": by_type}, infos


# --------------------------------------------------------------------------
# Case generation
# --------------------------------------------------------------------------

class PathMaker:
    """Unique study paths: one fresh patient number per call (per case)."""

    def __init__(self, split="valid", start=1):
        self.split = split
        self.next_patient = start

    def __call__(self, typ, study=1):
        p = self.next_patient
        self.next_patient += 1
        return "MURA-v1.1/%s/%s/patient%05d/study%d/" % (self.split, typ, p, study)


def q1024(x):
    """Quantise to a multiple of 1/1024 in [0, 1] (exact sums in any order)."""
    return float(min(1024, max(0, int(round(x * 1024)))) / 1024.0)


def realistic_prob(rng, label, spread=1.6):
    z = rng.normal(1.0 if label else -1.0, spread)
    return 1.0 / (1.0 + math.exp(-z))


def readers_for(rng, g, noise=0.2):
    """Three reader votes whose majority is g."""
    while True:
        r = [int(g if rng.random() > noise else 1 - g) for _ in range(3)]
        if (1 if sum(r) >= 2 else 0) == g:
            return r


def shuffled(rng, rows):
    rows = list(rows)
    perm = rng.permutation(len(rows))
    return [rows[i] for i in perm]


def image_rows(rng, study, p_images):
    return [[study + "image%d.png" % (k + 1), p] for k, p in enumerate(p_images)]


def make_case(name, description, truth, predictions, aggregation="mean",
              B=200, seed=7):
    return {"name": name, "description": description,
            "aggregation": aggregation,
            "bootstrap": {"replicates": B, "seed": seed},
            "truth": truth, "predictions": predictions}


def random_set(rng, counts, p_pos=0.42, readers=False, rounding=4,
               spread=1.6, start=1, split="valid"):
    pm = PathMaker(split, start)
    truth, preds = [], []
    for t, c in zip(TYPES, counts):
        for _ in range(c):
            st = pm(t, study=int(rng.integers(1, 4)))
            g = int(rng.random() < p_pos)
            truth.append([st] + (readers_for(rng, g) if readers else [g]))
            preds.append([st, round(realistic_prob(rng, g, spread), rounding)])
    return truth, preds


def build_cases():
    rng = np.random.default_rng(20240607)
    cases = []

    # 1. heavy ties, study level, quantised probabilities
    pm = PathMaker()
    truth, preds = [], []
    levels = [0.0, 0.25, 0.5, 0.75, 1.0]
    for t in TYPES:
        for _ in range(12):
            st = pm(t)
            g = int(rng.random() < 0.45)
            w = [0.05, 0.15, 0.3, 0.3, 0.2] if g else [0.2, 0.3, 0.3, 0.15, 0.05]
            truth.append([st, g])
            preds.append([st, levels[int(rng.choice(5, p=w))]])
    cases.append(make_case("heavy_ties_study_level",
                           "84 studies, probabilities quantised to 0/.25/.5/.75/1 with many ties",
                           truth, shuffled(rng, preds), seed=7))

    # 2./3. heavy ties, image level, mean and max
    for agg, seed in (("mean", 11), ("max", 12)):
        pm = PathMaker(start=100)
        truth, preds = [], []
        for t in TYPES:
            for _ in range(10):
                st = pm(t)
                g = int(rng.random() < 0.45)
                w = [0.1, 0.2, 0.3, 0.25, 0.15] if g else [0.25, 0.3, 0.25, 0.15, 0.05]
                truth.append([st, g])
                k = int(rng.integers(1, 6))
                preds += image_rows(rng, st, [levels[int(rng.choice(5, p=w))] for _ in range(k)])
        cases.append(make_case("heavy_ties_image_level_" + agg,
                               "70 studies, 1-5 images each, quantised image probabilities, %s aggregation" % agg,
                               truth, shuffled(rng, preds), aggregation=agg, seed=seed))

    # 4./5. realistic image level, mean and max (207 studies)
    counts207 = [27, 30, 23, 29, 23, 34, 41]
    for agg, seed in (("mean", 2024), ("max", 99)):
        pm = PathMaker(start=1000)
        truth, preds = [], []
        for t, c in zip(TYPES, counts207):
            for _ in range(c):
                st = pm(t, study=int(rng.integers(1, 3)))
                g = int(rng.random() < 0.4)
                truth.append([st, g])
                base = rng.normal(0.9 if g else -0.9, 1.2)
                k = int(rng.integers(1, 6))
                ps = [q1024(1 / (1 + math.exp(-(base + rng.normal(0, 1.0))))) for _ in range(k)]
                preds += image_rows(rng, st, ps)
        cases.append(make_case("realistic_image_level_" + agg + "_207",
                               "207 studies, 1-5 images each (multiples of 1/1024), %s aggregation, rows shuffled" % agg,
                               truth, shuffled(rng, preds), aggregation=agg, seed=seed))

    # 6. one type with a single class (XR_HUMERUS all abnormal, XR_FINGER all normal)
    pm = PathMaker()
    truth, preds = [], []
    for t in TYPES:
        for i in range(9):
            st = pm(t)
            if t == "XR_HUMERUS":
                g = 1
            elif t == "XR_FINGER":
                g = 0
            else:
                g = i % 2
            truth.append([st, g])
            preds.append([st, round(realistic_prob(rng, g), 3)])
    cases.append(make_case("single_class_types",
                           "XR_HUMERUS all abnormal and XR_FINGER all normal: their auroc null, others defined",
                           truth, preds, seed=31))

    # 7./8. n == 1 overall
    st = "MURA-v1.1/valid/XR_ELBOW/patient00001/study1/"
    cases.append(make_case("n1_correct",
                           "one abnormal study predicted abnormal: p_e == 1 so kappa null, auroc null",
                           [[st, 1]], [[st, 0.9]], seed=5))
    cases.append(make_case("n1_wrong",
                           "one abnormal study predicted normal: kappa = 0, CIs [0,0]",
                           [[st, 1]], [[st, 0.1]], seed=5))

    # 9. binary-only predictions (ints)
    truth, preds = random_set(rng, [8, 9, 7, 8, 6, 10, 12], start=200)
    preds = [[p[0], int(p[1] > 0.5)] for p in preds]
    cases.append(make_case("binary_predictions",
                           "predictions are 0/1 integers, treated as probabilities 0.0/1.0",
                           truth, shuffled(rng, preds), seed=42))

    # 10. probabilities exactly 0.5 (normal), study and image level
    pm = PathMaker(start=300)
    truth, preds = [], []
    for t in TYPES:
        for i in range(6):
            st = pm(t)
            g = int(rng.random() < 0.5)
            truth.append([st, g])
            if i < 3:
                preds.append([st, 0.5])
            else:
                preds.append([st, float(rng.choice([0.25, 0.5, 0.5000001, 0.4999999, 0.75]))])
    cases.append(make_case("threshold_exactly_half",
                           "many probabilities exactly 0.5 (predicted normal) plus 0.5 +/- 1e-7",
                           truth, shuffled(rng, preds), seed=3))

    pm = PathMaker(start=400)
    truth, preds = [], []
    combos = [[0.5], [0.25, 0.75], [0.0, 1.0], [0.5, 0.5, 0.5], [0.375, 0.625],
              [0.25, 0.5, 0.75], [0.125, 0.875, 0.5, 0.5], [0.5009765625], [0.4990234375, 0.5009765625, 0.5]]
    for t in TYPES:
        for c in combos:
            st = pm(t)
            truth.append([st, int(rng.random() < 0.5)])
            preds += image_rows(rng, st, list(c))
    cases.append(make_case("image_mean_exactly_half",
                           "image-level mean aggregation where many study means are exactly 0.5 (normal)",
                           truth, shuffled(rng, preds), aggregation="mean", seed=4))

    # 12. three readers, realistic 207 studies
    truth, preds = random_set(rng, counts207, readers=True, start=500)
    cases.append(make_case("readers_realistic_207",
                           "207 studies, truth given as three reader votes (gold = majority)",
                           truth, shuffled(rng, preds), seed=17))

    # 13. three readers, small, including unanimous and 2-1 splits
    pm = PathMaker(start=800)
    truth, preds = [], []
    votes = [[0, 0, 0], [1, 1, 1], [1, 1, 0], [1, 0, 1], [0, 1, 1], [1, 0, 0], [0, 1, 0], [0, 0, 1]]
    for t in TYPES:
        for v in votes:
            st = pm(t)
            truth.append([st] + v)
            preds.append([st, round(float(rng.random()), 2)])
    cases.append(make_case("readers_all_vote_patterns",
                           "every 3-reader vote pattern in every type; 2-1 splits decide by majority",
                           truth, preds, seed=23))

    # 14. realistic 207 without readers
    truth, preds = random_set(rng, counts207, start=1500)
    cases.append(make_case("realistic_207",
                           "207 studies across all seven types, study-level probabilities (4 decimals)",
                           truth, preds, seed=1712))

    # 15. all correct
    truth, preds = random_set(rng, [5, 6, 4, 5, 4, 6, 7], start=2000)
    preds = [[p[0], (0.9 if truth[i][1] else 0.1) if i % 3 == 0 else
              round(float(rng.uniform(0.51, 1.0)) if truth[i][1] else float(rng.uniform(0.0, 0.5)), 3)]
             for i, p in enumerate(preds)]
    cases.append(make_case("all_correct",
                           "every study classified correctly (kappa 1, sensitivity/specificity 1)",
                           truth, shuffled(rng, preds), seed=8))

    # 16. all wrong
    truth, preds = random_set(rng, [5, 6, 4, 5, 4, 6, 7], start=2100)
    preds = [[p[0], round(float(rng.uniform(0.0, 0.5)) if truth[i][1] else float(rng.uniform(0.5001, 1.0)), 3)]
             for i, p in enumerate(preds)]
    cases.append(make_case("all_wrong",
                           "every study misclassified (auroc 0, sensitivity/specificity 0)",
                           truth, shuffled(rng, preds), seed=9))

    # 17./18. constant predictions
    truth, _ = random_set(rng, [6, 6, 6, 6, 6, 6, 6], start=2200)
    cases.append(make_case("constant_prediction_0_3",
                           "every study predicted 0.3 (normal): kappa 0, auroc 0.5",
                           truth, [[r[0], 0.3] for r in truth], seed=10))
    cases.append(make_case("constant_prediction_1",
                           "every study predicted 1 (int): all abnormal, kappa 0, auroc 0.5",
                           truth, shuffled(rng, [[r[0], 1] for r in truth]), seed=10))

    # 19. full-size 1,199 studies, product default bootstrap
    counts1199 = [158, 175, 133, 167, 135, 194, 237]
    truth, preds = random_set(rng, counts1199, p_pos=0.44, start=10000)
    cases.append(make_case("full_valid_1199_default_bootstrap",
                           "1,199 studies with MURA validation type counts, B=2000, seed 1712 (product default)",
                           truth, shuffled(rng, preds), B=2000, seed=1712))

    # 20. 207 image-level with readers, default bootstrap
    pm = PathMaker(start=30000)
    truth, preds = [], []
    for t, c in zip(TYPES, counts207):
        for _ in range(c):
            st = pm(t, study=int(rng.integers(1, 4)))
            g = int(rng.random() < 0.4)
            truth.append([st] + readers_for(rng, g))
            base = rng.normal(0.8 if g else -0.8, 1.0)
            ps = [q1024(1 / (1 + math.exp(-(base + rng.normal(0, 0.8))))) for _ in range(int(rng.integers(1, 6)))]
            preds += image_rows(rng, st, ps)
    cases.append(make_case("readers_image_mean_207_default_bootstrap",
                           "207 studies, three readers, image-level mean, B=2000 seed 1712",
                           truth, shuffled(rng, preds), aggregation="mean", B=2000, seed=1712))

    # 21. small groups of 2-3 studies per type
    pm = PathMaker(start=3000)
    truth, preds = [], []
    for i, t in enumerate(TYPES):
        k = 2 if i % 2 == 0 else 3
        for j in range(k):
            st = pm(t)
            g = j % 2
            truth.append([st, g])
            preds.append([st, round(float(rng.random()), 2)])
    cases.append(make_case("small_groups_2_3",
                           "2 or 3 studies per type (each type has both classes)",
                           truth, shuffled(rng, preds), seed=77))

    # 22. types with zero studies
    truth, preds = random_set(rng, [0, 14, 0, 12, 0, 0, 20], start=3100)
    cases.append(make_case("empty_types",
                           "only XR_FINGER, XR_HAND, XR_WRIST present; other by_type groups have n = 0",
                           truth, shuffled(rng, preds), seed=55))

    # 23. perfect separation, errors at the threshold
    pm = PathMaker(start=3200)
    truth, preds = [], []
    for t in TYPES:
        for j in range(8):
            st = pm(t)
            g = int(j >= 4)
            truth.append([st, g])
            if g:
                p = [0.5, 0.55, 0.8, 0.95][j - 4]      # 0.5 -> predicted normal (error)
            else:
                p = [0.05, 0.2, 0.45, 0.49][j]
            preds.append([st, p])
    cases.append(make_case("perfect_separation_threshold_errors",
                           "scores perfectly separate classes (auroc 1) but an abnormal study at 0.5 is predicted normal",
                           truth, shuffled(rng, preds), seed=13))

    # 24. extreme probabilities 0 and 1 (float and int mixed)
    pm = PathMaker(start=3300)
    truth, preds = [], []
    for t in TYPES:
        for j in range(7):
            st = pm(t)
            g = int(rng.random() < 0.5)
            truth.append([st, g])
            r = rng.random()
            v = [0.0, 1.0, 0, 1][int(rng.integers(0, 4))] if r < 0.8 else round(float(rng.random()), 3)
            preds.append([st, v])
    cases.append(make_case("extreme_probabilities",
                           "mostly exactly 0 and 1 (as floats and ints), many ties at the extremes",
                           truth, shuffled(rng, preds), seed=21))

    # 25. bootstrap fails to collect B replicates -> auroc_ci null although auroc defined
    a = "MURA-v1.1/valid/XR_SHOULDER/patient00001/study1/"
    b = "MURA-v1.1/valid/XR_SHOULDER/patient00002/study1/"
    cases.append(make_case("bootstrap_too_few_replicates",
                           "n=2 (one per class), B=2, seed 187996: only 1 valid draw in 20, so auroc_ci null",
                           [[a, 0], [b, 1]], [[b, 0.7], [a, 0.2]], B=2, seed=187996))

    # 26. same two studies, seed where the bootstrap succeeds
    cases.append(make_case("bootstrap_two_studies",
                           "n=2 (one per class, correctly ordered), B=200: every valid replicate is 1.0",
                           [[a, 0], [b, 1]], [[b, 0.7], [a, 0.2]], B=200, seed=1712))

    # 27. a single minority study in a big group (bootstrap discards many draws)
    pm = PathMaker(start=3400)
    truth, preds = [], []
    for t in TYPES:
        for j in range(15):
            st = pm(t)
            g = 1 if j == 7 else 0
            truth.append([st, g])
            preds.append([st, round(float(rng.random()), 3)])
    cases.append(make_case("single_positive_per_type",
                           "each type has 15 studies with exactly one abnormal; many one-class bootstrap draws",
                           truth, shuffled(rng, preds), seed=6))

    # 28. train split, study numbers >= 10 (string sort differs from numeric sort)
    truth, preds = [], []
    for t in TYPES:
        for sn in (1, 2, 3, 9, 10, 11, 20):
            st = "MURA-v1.1/train/%s/patient%05d/study%d/" % (t, 4000 + TYPES.index(t), sn)
            g = int(rng.random() < 0.5)
            truth.append([st, g])
            preds.append([st, round(realistic_prob(rng, g), 4)])
    cases.append(make_case("string_sort_order",
                           "same patient with study1..study20: group order is lexicographic (study10 < study2)",
                           truth, shuffled(rng, preds), seed=1234567890123))

    # 29. large 64-bit seed
    truth, preds = random_set(rng, [10, 10, 10, 10, 10, 10, 10], start=5000)
    cases.append(make_case("large_unsigned_seed",
                           "seed above 2**63 (state is unsigned 64-bit)",
                           truth, preds, seed=18446744073709551557))

    return cases


def main():
    np.random.seed(12345)  # not used by the generator (default_rng is seeded), kept for safety
    warnings.simplefilter("error")  # any sklearn/numpy warning is a bug here
    cases = build_cases()
    names = [c["name"] for c in cases]
    assert len(names) == len(set(names))
    out_cases = []
    for c in cases:
        expected, infos = score_case(c)
        c = dict(c)
        c["expected"] = expected
        out_cases.append(c)
        if c["name"] == "bootstrap_too_few_replicates":
            assert infos["overall"] == (1, 20) and expected["overall"]["auroc_ci"] is None
        print("%-45s n=%-5d kappa=%-22r auroc=%-22r ci=%r" % (
            c["name"], expected["overall"]["n"], expected["overall"]["kappa"],
            expected["overall"]["auroc"], expected["overall"]["auroc_ci"]))
    doc = {"generator": "src/test/golden/make_golden.py (scikit-learn %s, numpy %s)"
                        % (sklearn.__version__, np.__version__),
           "cases": out_cases}
    text = json.dumps(doc, allow_nan=False, indent=None, separators=(",", ":"))
    # one case per line keeps diffs readable
    text = text.replace(',{"name":', ',\n{"name":')
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        f.write(text + "\n")
    print("wrote %s: %d cases, %d bytes" % (OUT, len(out_cases), os.path.getsize(OUT)))


if __name__ == "__main__":
    main()
