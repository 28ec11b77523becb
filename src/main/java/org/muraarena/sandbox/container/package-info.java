/**
 * Container submissions on a Docker engine: the only package that imports docker-java. Upload
 * checks of {@code docker save} tarballs, the run under {@link org.muraarena.sandbox.container.ContainerLimits},
 * and the start-up clean-up of leftovers.
 */
package org.muraarena.sandbox.container;
