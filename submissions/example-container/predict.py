#!/usr/bin/env python3
"""Example MURA Arena container submission (not a good model; an honest, simple one).

Contract (the original MURA one):  predict.py INPUT_CSV OUTPUT_CSV
  INPUT_CSV   one image path per line, no header, relative to the working directory,
              e.g. MURA-v1.1/test/XR_WRIST/patient11185/study1/image1.png
  OUTPUT_CSV  one row per study, no header:  study_path/,probability
              (study path = the image's directory with a trailing '/')

Score: each radiograph is read as luminance, shrunk to at most 256 px on its long side,
and its mean gradient magnitude relative to its contrast (an "edge busyness" statistic:
fractures, hardware and casts add edges) is squashed through a fixed logistic to [0, 1].
A study's probability is the mean over its images. Deterministic: no randomness, no
training, no network.
"""
import csv
import math
import os
import sys

import numpy as np
from PIL import Image

MAX_SIDE = 256
# Logistic centre and slope, picked by eye so typical radiographs land around 0.5.
CENTRE = 0.28
SLOPE = 12.0


def image_score(path):
    with Image.open(path) as im:
        im = im.convert("L")
        w, h = im.size
        scale = MAX_SIDE / max(w, h)
        if scale < 1:
            im = im.resize((max(1, round(w * scale)), max(1, round(h * scale))), Image.BILINEAR)
        a = np.asarray(im, dtype=np.float64) / 255.0
    if a.shape[0] < 2 or a.shape[1] < 2:
        return 0.5
    gy = np.abs(np.diff(a, axis=0)).mean()
    gx = np.abs(np.diff(a, axis=1)).mean()
    contrast = a.std()
    stat = (gx + gy) / (contrast + 1e-3)
    return 1.0 / (1.0 + math.exp(-SLOPE * (stat - CENTRE)))


def study_of(image_path):
    return os.path.dirname(image_path.strip()) + "/"


def main(argv):
    if len(argv) != 3:
        print("usage: predict.py INPUT_CSV OUTPUT_CSV", file=sys.stderr)
        return 2
    input_csv, output_csv = argv[1], argv[2]
    with open(input_csv, newline="") as f:
        paths = [row[0].strip() for row in csv.reader(f) if row and row[0].strip()]
    total = len(paths)
    print(f"predict.py: {total} images", flush=True)

    sums, counts, order = {}, {}, []
    for i, path in enumerate(paths, 1):
        study = study_of(path)
        if study not in sums:
            sums[study], counts[study] = 0.0, 0
            order.append(study)
        sums[study] += image_score(path)
        counts[study] += 1
        if i % 10 == 0 or i == total:
            print(f"processed {i}/{total}", flush=True)

    tmp = output_csv + ".part"
    with open(tmp, "w", newline="") as f:
        for study in order:
            f.write(f"{study},{sums[study] / counts[study]:.6f}\n")
    os.replace(tmp, output_csv)
    print(f"wrote {len(order)} studies to {output_csv}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
