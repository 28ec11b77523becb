package org.muraarena.infra.postgres;

import java.nio.file.Path;

/** Child JVM for {@link EmbeddedPostgresTest}: starts a server, reports its port, and waits to be killed. */
public final class LeftoverServerMain {

    private LeftoverServerMain() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.builder(Path.of(args[0])).binariesCache(Path.of(args[1])).start();
        System.out.println("READY " + pg.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
