package dev.itsm.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** What {@code kubectl kustomize <overlay>} renders: the objects an operator would apply. */
final class RenderedOverlay {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    final String name;
    final List<ObjectNode> objects;

    private RenderedOverlay(String name, List<ObjectNode> objects) {
        this.name = name;
        this.objects = objects;
    }

    static RenderedOverlay render(Path overlay) {
        String output = kubectl("kustomize", overlay.toString());
        List<ObjectNode> objects = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(output)) {
            for (var it = YAML.readValues(parser, ObjectNode.class); it.hasNext(); ) {
                ObjectNode object = it.next();
                if (object != null && object.size() > 0) {
                    objects.add(object);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("kubectl kustomize " + overlay + " rendered unreadable YAML", e);
        }
        return new RenderedOverlay(overlay.getFileName().toString(), List.copyOf(objects));
    }

    /** Runs kubectl; a missing kubectl is a failure that says so, not a skipped test. */
    static String kubectl(String... args) {
        List<String> command = new ArrayList<>(List.of("kubectl"));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(false).start();
        } catch (IOException e) {
            throw new AssertionError("kubectl is required to render the Kustomize overlays and was not found on the PATH"
                    + " (install kubectl 1.27 or later; it includes kustomize): " + e.getMessage(), e);
        }
        try (InputStream out = process.getInputStream(); InputStream err = process.getErrorStream()) {
            byte[] stdout = out.readAllBytes();
            byte[] stderr = err.readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish within 120 s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("kubectl " + String.join(" ", args) + " failed: "
                        + new String(stderr, StandardCharsets.UTF_8));
            }
            return new String(stdout, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Stream<ObjectNode> all(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText()));
    }

    Optional<ObjectNode> find(String kind, String name) {
        return all(kind).filter(o -> name.equals(name(o))).findFirst();
    }

    ObjectNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(this.name + ": no " + kind + " named " + name));
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    static String describe(JsonNode object) {
        return object.path("kind").asText() + "/" + name(object);
    }

    @Override
    public String toString() {
        return name;
    }
}
