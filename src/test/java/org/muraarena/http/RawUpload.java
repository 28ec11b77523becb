package org.muraarena.http;

import io.restassured.RestAssured;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Multipart uploads over a raw socket, generated on the fly (nothing held in memory), so that a
 * test can send hundreds of megabytes, see when the server answers, and stop sending then; or
 * send a body whose closing boundary never comes.
 */
public final class RawUpload {
    static final String BOUNDARY = "arena-raw-upload-boundary";
    private static final byte[] CHUNK = new byte[64 * 1024];

    /** What came back: the status line's code, the whole answer, how long it took, how much was sent. */
    public record Answer(int status, String text, long millis, long bytesSent) {
    }

    private RawUpload() {
    }

    /**
     * POSTs a multipart body with an {@code artifact} part of {@code artifactBytes} zero bytes and a
     * {@code manifest} field, announcing its full Content-Length, and stops sending as soon as
     * the server answers or closes. {@code complete=false} leaves the closing boundary out (the
     * Content-Length counts what is sent), then waits for the answer.
     */
    public static Answer post(String path, String authorization, long artifactBytes, String manifest, boolean complete)
            throws Exception {
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"manifest\"\r\n\r\n" + manifest + "\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"artifact\"; filename=\"m.onnx\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
        long length = head.length + artifactBytes + (complete ? tail.length : 0);
        StringBuilder request = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: localhost:" + RestAssured.port + "\r\n")
                .append("Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\n")
                .append("Content-Length: " + length + "\r\n");
        if (authorization != null) {
            request.append("Authorization: " + authorization + "\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(120_000);
            long start = System.nanoTime();
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> read(socket));
            // a server that answers without reading on must not leave the writer blocked forever
            answer.whenComplete((text, failure) -> closeQuietly(socket));
            AtomicLong sent = new AtomicLong();
            try {
                OutputStream out = socket.getOutputStream();
                out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
                out.write(head);
                long left = artifactBytes;
                while (left > 0 && !answer.isDone()) {
                    int n = (int) Math.min(CHUNK.length, left);
                    out.write(CHUNK, 0, n);
                    left -= n;
                    sent.addAndGet(n);
                }
                if (complete && !answer.isDone()) {
                    out.write(tail);
                }
                out.flush();
            } catch (IOException refused) {
                // the server answered and closed while we were still sending: that is the point
            }
            String text = answer.get(30, TimeUnit.SECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            int status = text.length() >= 12 ? Integer.parseInt(text.substring(9, 12)) : -1;
            return new Answer(status, text, millis, sent.get());
        }
    }

    /** A GET with the request target sent exactly as given (HTTP clients refuse malformed ones). */
    public static Answer get(String target) throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            long start = System.nanoTime();
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: localhost:" + RestAssured.port
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String text = read(socket);
            int status = text.length() >= 12 ? Integer.parseInt(text.substring(9, 12)) : -1;
            return new Answer(status, text, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), 0);
        }
    }

    /** Reads the status line and headers, then whatever body arrives within a moment. */
    private static String read(Socket socket) {
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            StringBuilder text = new StringBuilder();
            String line;
            int contentLength = 0;
            while ((line = in.readLine()) != null && !line.isEmpty()) {
                text.append(line).append('\n');
                if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    contentLength = Integer.parseInt(line.substring(15).trim());
                }
            }
            text.append('\n');
            for (int i = 0; i < contentLength; i++) {
                int c = in.read();
                if (c < 0) {
                    break;
                }
                text.append((char) c);
            }
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing only to unblock the writer
        }
    }

    /** Bytes under a folder now (files come and go while an upload runs). */
    public static long size(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException gone) {
                    return 0;
                }
            }).sum();
        } catch (IOException | UncheckedIOException raced) {
            return 0;
        }
    }
}
