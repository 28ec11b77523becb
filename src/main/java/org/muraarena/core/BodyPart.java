package org.muraarena.core;

import java.util.Optional;

/** The seven MURA study types, named as their folders are ({@code XR_ELBOW} ...). */
public enum BodyPart {
    XR_ELBOW, XR_FINGER, XR_FOREARM, XR_HAND, XR_HUMERUS, XR_SHOULDER, XR_WRIST;

    /** The type named by a folder of a study path, e.g. {@code MURA-v1.1/valid/XR_WRIST/patient1/study1/}. */
    public static Optional<BodyPart> ofPath(String path) {
        for (String segment : path.split("/")) {
            if (segment.startsWith("XR_")) {
                for (BodyPart part : values()) {
                    if (part.name().equals(segment)) {
                        return Optional.of(part);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
