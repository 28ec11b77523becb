package org.muraarena.cli;

import java.io.FileNotFoundException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The upload's {@code multipart/form-data} body, as curl's {@code -F manifest=... -F artifact=@FILE}
 * sends it: a text field, then the file streamed from disk (never held in memory), with a known
 * length. Every chunk handed to the connection is counted for the progress bar.
 */
final class MultipartBody {
    private final String boundary;
    private final HttpRequest.BodyPublisher publisher;

    private MultipartBody(String boundary, HttpRequest.BodyPublisher publisher) {
        this.boundary = boundary;
        this.publisher = publisher;
    }

    /** Told the bytes sent so far, of the body's whole length. */
    interface Progress {
        void sent(long bytes, long of);
    }

    /** A text field {@code textName} and a file field {@code fileName}, with the file's bytes streamed. */
    static MultipartBody of(String textName, String text, String fileName, Path file, Progress sent) throws FileNotFoundException {
        String boundary = "mura-arena-" + UUID.randomUUID();
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + textName + "\"\r\n\r\n"
                + text + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + fileName + "\"; filename=\"" + quoted(file.getFileName().toString()) + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        HttpRequest.BodyPublisher all = HttpRequest.BodyPublishers.concat(
                HttpRequest.BodyPublishers.ofString(head, StandardCharsets.UTF_8),
                HttpRequest.BodyPublishers.ofFile(file),
                HttpRequest.BodyPublishers.ofString(tail, StandardCharsets.UTF_8));
        return new MultipartBody(boundary, counting(all, sent));
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    HttpRequest.BodyPublisher publisher() {
        return publisher;
    }

    long length() {
        return publisher.contentLength();
    }

    /** A file name inside the header's quotes: no quote, no line break. */
    private static String quoted(String name) {
        return name.replace("\"", "%22").replace("\r", "").replace("\n", "");
    }

    /** The publisher, counting what the connection takes from it; a new subscription (a retry) starts again at zero. */
    private static HttpRequest.BodyPublisher counting(HttpRequest.BodyPublisher inner, Progress sent) {
        return new HttpRequest.BodyPublisher() {
            @Override
            public long contentLength() {
                return inner.contentLength();
            }

            @Override
            public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
                AtomicLong total = new AtomicLong();
                inner.subscribe(new Flow.Subscriber<ByteBuffer>() {
                    @Override
                    public void onSubscribe(Flow.Subscription subscription) {
                        subscriber.onSubscribe(subscription);
                    }

                    @Override
                    public void onNext(ByteBuffer item) {
                        int n = item.remaining();
                        subscriber.onNext(item);
                        sent.sent(total.addAndGet(n), inner.contentLength());
                    }

                    @Override
                    public void onError(Throwable throwable) {
                        subscriber.onError(throwable);
                    }

                    @Override
                    public void onComplete() {
                        subscriber.onComplete();
                    }
                });
            }
        };
    }
}
