package dev.itsm.kit.testing;

import dev.itsm.contracts.RoleCode;
import dev.itsm.kit.security.AccessPolicy;
import dev.itsm.kit.security.Grant;
import dev.itsm.kit.security.Scope;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The written access policy, docs/access-policy.md, read as data: the role sets, and per service the grants of each
 * action with the endpoints it covers, and the public endpoints. Tests compare it with the code's policies and drive
 * the probe matrix from it, so the document and the behaviour cannot drift apart.
 */
public final class PolicyDocument {
    public static final String FILE = "docs/access-policy.md";
    /** The table of the endpoints every service has. */
    public static final String EVERY_SERVICE = "every-service";

    public record Endpoint(String method, String path) {
        /** Whether the endpoint addresses one record (its path names a record by a placeholder other than the type). */
        public boolean addressesRecord() {
            return path.contains("{id}") || path.contains("{code}") || path.contains("{clientId}") || path.contains("{groupCode}");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    public record Row(String action, List<Endpoint> endpoints, Set<RoleCode> anyRecord, Set<Grant> inScope) {
        public Set<Grant> grants() {
            Set<Grant> all = new LinkedHashSet<>();
            anyRecord.forEach(r -> all.add(new Grant(r, Scope.ANY)));
            all.addAll(inScope);
            return all;
        }

        public Set<RoleCode> roles() {
            return grants().stream().map(Grant::role).collect(Collectors.toCollection(() -> EnumSet.noneOf(RoleCode.class)));
        }
    }

    private final Map<String, Set<RoleCode>> roleSets;
    private final Map<String, List<Row>> rows;
    private final Map<String, List<Endpoint>> publicEndpoints;

    private PolicyDocument(Map<String, Set<RoleCode>> roleSets, Map<String, List<Row>> rows, Map<String, List<Endpoint>> publicEndpoints) {
        this.roleSets = roleSets;
        this.rows = rows;
        this.publicEndpoints = publicEndpoints;
    }

    /** Reads docs/access-policy.md from the repository root (a module's tests run in the module's directory). */
    public static PolicyDocument load() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(FILE))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(FILE + " not found above " + Path.of("").toAbsolutePath());
        }
        try {
            return parse(Files.readAllLines(dir.resolve(FILE)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PolicyDocument parse(List<String> lines) {
        Map<String, Set<RoleCode>> sets = new LinkedHashMap<>();
        for (List<String> cells : table(lines, "<!-- role-sets -->")) {
            sets.put(cells.get(0).replace("`", "").strip(), Arrays.stream(cells.get(1).split(","))
                    .map(s -> RoleCode.valueOf(s.replace("`", "").strip()))
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(RoleCode.class))));
        }
        Map<String, List<Row>> rows = new LinkedHashMap<>();
        Map<String, List<Endpoint>> open = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("<!-- access-policy:")) {
                String service = line.substring("<!-- access-policy:".length(), line.length() - "-->".length()).strip();
                List<Row> serviceRows = new ArrayList<>();
                for (List<String> cells : table(lines.subList(i, lines.size()), line)) {
                    serviceRows.add(new Row(cells.get(0).replace("`", "").strip(), endpoints(cells.get(1)),
                            roles(cells.get(2), sets), scoped(cells.get(3), sets)));
                }
                rows.put(service, serviceRows);
            } else if (line.startsWith("<!-- access-public:")) {
                String service = line.substring("<!-- access-public:".length(), line.length() - "-->".length()).strip();
                List<Endpoint> endpoints = new ArrayList<>();
                for (List<String> cells : table(lines.subList(i, lines.size()), line)) {
                    endpoints.addAll(endpoints(cells.get(0)));
                }
                open.put(service, endpoints);
            }
        }
        return new PolicyDocument(sets, rows, open);
    }

    /** The body rows of the first markdown table after the marker line. */
    private static List<List<String>> table(List<String> lines, String marker) {
        List<List<String>> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(marker)) {
                start = i + 1;
                break;
            }
        }
        if (start < 0) {
            throw new IllegalStateException("marker " + marker + " missing in " + FILE);
        }
        int header = 0;
        for (int i = start; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("<!-- end")) {
                break;
            }
            if (!line.startsWith("|")) {
                continue;
            }
            if (header++ < 2) {
                continue;
            }
            List<String> cells = new ArrayList<>(Arrays.asList(line.substring(1, line.length() - 1).split("\\|", -1)));
            cells.replaceAll(String::strip);
            out.add(cells);
        }
        return out;
    }

    private static List<Endpoint> endpoints(String cell) {
        List<Endpoint> out = new ArrayList<>();
        for (String part : cell.split("<br>")) {
            String text = part.replace("`", "").strip();
            if (text.isEmpty()) {
                continue;
            }
            String[] words = text.split("\\s+", 2);
            out.add(new Endpoint(words[0], words[1]));
        }
        return out;
    }

    private static Set<RoleCode> roles(String cell, Map<String, Set<RoleCode>> sets) {
        Set<RoleCode> out = EnumSet.noneOf(RoleCode.class);
        for (String item : items(cell)) {
            out.addAll(expand(item, sets));
        }
        return out;
    }

    private static Set<Grant> scoped(String cell, Map<String, Set<RoleCode>> sets) {
        Set<Grant> out = new LinkedHashSet<>();
        for (String item : items(cell)) {
            int open = item.indexOf('(');
            if (open < 0 || !item.endsWith(")")) {
                throw new IllegalStateException("a grant in scope is written 'ROLE (scope)': " + item);
            }
            Scope scope = Scope.parse(item.substring(open + 1, item.length() - 1));
            expand(item.substring(0, open).strip(), sets).forEach(role -> out.add(new Grant(role, scope)));
        }
        return out;
    }

    private static List<String> items(String cell) {
        String text = cell.replace("`", "").strip();
        if (text.isEmpty() || text.equals("—") || text.equals("-")) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static Set<RoleCode> expand(String name, Map<String, Set<RoleCode>> sets) {
        Set<RoleCode> set = sets.get(name);
        return set != null ? set : EnumSet.of(RoleCode.valueOf(name));
    }

    public Set<RoleCode> roleSet(String name) {
        return roleSets.get(name);
    }

    public List<Row> rows(String service) {
        List<Row> found = rows.get(service);
        if (found == null) {
            throw new IllegalStateException(FILE + " has no access-policy table for " + service);
        }
        return found;
    }

    public List<Endpoint> publicEndpoints(String service) {
        return publicEndpoints.getOrDefault(service, List.of());
    }

    /** Fails naming every difference between the document's grants for a service and the code's policy. */
    public <A extends Enum<A>> void assertDescribes(String service, AccessPolicy<A> policy) {
        List<String> differences = new ArrayList<>();
        Map<String, Set<Grant>> written = new LinkedHashMap<>();
        rows(service).forEach(row -> written.merge(row.action(), row.grants(), (a, b) -> {
            differences.add("action " + row.action() + " appears twice");
            return a;
        }));
        policy.all().forEach((action, grants) -> {
            Set<Grant> doc = written.remove(action.name());
            if (doc == null) {
                differences.add("action " + action + " is in the code but not in the document");
                return;
            }
            Set<Grant> code = new LinkedHashSet<>(grants);
            Set<String> onlyCode = new TreeSet<>(code.stream().filter(g -> !doc.contains(g)).map(Grant::toString).toList());
            Set<String> onlyDoc = new TreeSet<>(doc.stream().filter(g -> !code.contains(g)).map(Grant::toString).toList());
            if (!onlyCode.isEmpty()) {
                differences.add(action + ": granted in the code, not in the document: " + onlyCode);
            }
            if (!onlyDoc.isEmpty()) {
                differences.add(action + ": granted in the document, not in the code: " + onlyDoc);
            }
        });
        written.keySet().forEach(action -> differences.add("action " + action + " is in the document but not in the code"));
        if (!differences.isEmpty()) {
            throw new AssertionError(FILE + " and the code disagree for " + service + ":\n  " + String.join("\n  ", differences));
        }
    }
}
