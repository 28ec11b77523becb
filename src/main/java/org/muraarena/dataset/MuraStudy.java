package org.muraarena.dataset;

import org.muraarena.core.BodyPart;

import java.util.List;

/** One study of a MURA tree: its folder (with a trailing slash), its type and its image paths. */
public record MuraStudy(String path, BodyPart part, List<String> images) {
    public MuraStudy {
        images = List.copyOf(images);
    }
}
