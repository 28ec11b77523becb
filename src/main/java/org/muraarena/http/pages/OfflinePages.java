package org.muraarena.http.pages;

import io.quarkus.qute.Engine;
import io.quarkus.qute.EvalContext;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.NamespaceResolver;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.TemplateLocator;
import io.quarkus.qute.UserTagSectionHelper;
import io.quarkus.qute.ValueResolvers;
import io.quarkus.qute.Variant;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The page templates rendered without Quarkus, for offline commands (the {@code dry-run} report): a
 * plain Qute engine over the same {@code templates/} and tags, the same {@code fmt:} formatting
 * ({@link Formats}, found by name), values read by reflection, HTML escaped as on the server.
 */
public final class OfflinePages {
    private static final List<String> TAGS = List.of("metrics", "dryrunsummary", "gallery", "shot");
    private static final Engine ENGINE = engine();

    private OfflinePages() {
    }

    /** Renders {@code templates/<id>.html} with {@code data}. */
    public static String render(String id, Map<String, Object> data) {
        var instance = ENGINE.getTemplate(id).instance();
        data.forEach(instance::data);
        return instance.render();
    }

    /** The site's script (the gallery's click to compare), for a page that must carry everything it needs. */
    public static String script() {
        try (InputStream in = resource("META-INF/resources/arena.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The site's stylesheet, for a page that must carry everything it needs. */
    public static String stylesheet() {
        try (InputStream in = resource("META-INF/resources/arena.css")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Engine engine() {
        var builder = Engine.builder().addDefaults()
                .addValueResolver(new ReflectionValueResolver())
                .addValueResolver(ValueResolvers.rawResolver()) // {x.raw}: Quarkus adds it, a plain engine does not
                .addNamespaceResolver(NamespaceResolver.builder("fmt").resolveAsync(OfflinePages::format).build())
                .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
                .addLocator(OfflinePages::locate);
        TAGS.forEach(tag -> builder.addSectionHelper(new UserTagSectionHelper.Factory(tag, "tags/" + tag)));
        return builder.build();
    }

    private static Optional<TemplateLocator.TemplateLocation> locate(String id) {
        String path = "templates/" + (id.endsWith(".html") ? id : id + ".html");
        if (OfflinePages.class.getClassLoader().getResource(path) == null) {
            return Optional.empty();
        }
        return Optional.of(new TemplateLocator.TemplateLocation() {
            @Override
            public Reader read() {
                try (InputStream in = resource(path)) {
                    return new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public Optional<Variant> getVariant() {
                return Optional.of(Variant.forContentType(Variant.TEXT_HTML));
            }
        });
    }

    /** {@code fmt:name(args)}: the static method of {@link Formats} of that name and arity. */
    private static CompletionStage<Object> format(EvalContext context) {
        CompletableFuture<?>[] args = context.getParams().stream()
                .map(p -> context.evaluate(p).toCompletableFuture()).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(args).thenApply(done -> {
            Object[] values = Arrays.stream(args).map(CompletableFuture::join).toArray();
            Method method = Arrays.stream(Formats.class.getDeclaredMethods())
                    .filter(m -> Modifier.isStatic(m.getModifiers()) && m.getName().equals(context.getName())
                            && m.getParameterCount() == values.length)
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("no fmt:" + context.getName()));
            try {
                return method.invoke(null, values);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("fmt:" + context.getName() + " failed", e);
            }
        });
    }

    private static InputStream resource(String path) throws IOException {
        InputStream in = OfflinePages.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IOException("no resource " + path);
        }
        return in;
    }
}
