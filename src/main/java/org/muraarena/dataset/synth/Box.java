package org.muraarena.dataset.synth;

/** A pixel rectangle [x0, x1) x [y0, y1). */
record Box(int x0, int y0, int x1, int y1) {

    static Box clipped(double minX, double minY, double maxX, double maxY, int w, int h) {
        int x0 = Math.max(0, (int) Math.floor(minX) - 1);
        int y0 = Math.max(0, (int) Math.floor(minY) - 1);
        int x1 = Math.min(w, (int) Math.ceil(maxX) + 2);
        int y1 = Math.min(h, (int) Math.ceil(maxY) + 2);
        return new Box(x0, y0, Math.max(x0, x1), Math.max(y0, y1));
    }

    Box union(Box o) {
        if (isEmpty()) {
            return o;
        }
        if (o.isEmpty()) {
            return this;
        }
        return new Box(Math.min(x0, o.x0), Math.min(y0, o.y0), Math.max(x1, o.x1), Math.max(y1, o.y1));
    }

    boolean isEmpty() {
        return x1 <= x0 || y1 <= y0;
    }
}
