package com.tuitionescrow.ledger.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tuitionescrow.ledger.api.common.ProblemCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * The repository explains itself, and what it says stays true: every document a file cites is in the
 * tree, with the section it names; no file cites a document outside the tree; the links between the
 * documents lead somewhere; and the problem-code table of docs/api.md lists every {@link ProblemCode}
 * with the status the service answers it with.
 */
class DocumentationTest {

    /** The tests run in ledger-service; the repository is its parent. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private static final Set<String> SKIPPED_DIRECTORIES =
            Set.of(".git", "target", ".idea", ".vscode", "node_modules", ".jqwik-database");
    private static final Set<String> TEXT_FILES = Set.of(
            "java",
            "xml",
            "yml",
            "yaml",
            "properties",
            "sql",
            "sh",
            "md",
            "json",
            "csv",
            "txt",
            "run",
            "Dockerfile",
            "dockerignore",
            "gitignore");

    /** Any path-like word that names a Markdown document, with or without its directory. */
    private static final Pattern DOCUMENT =
            Pattern.compile("(?<![\\w./-])((?:\\.{1,2}/|/)?(?:[\\w.-]+/)*[\\w-]+\\.md)\\b");
    /** A cited section: {@code docs/api.md, "Conventions"}, {@code docs/api.md ("Conventions")} or {@code docs/api.md#conventions}. */
    private static final Pattern SECTION = Pattern.compile(
            "(docs/[\\w/-]+\\.md)(?:\\s*\\(\\s*\"([^\"]+)\"|,\\s*(?:section\\s+)?\"([^\"]+)\"|#([\\w-]+))");
    /** A Markdown link to something local: {@code [text](path#anchor)}. */
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    /** An operation in a cell of the role table: {@code `GET /v1/orders/{id}`}. */
    private static final Pattern TABLE_OPERATION = Pattern.compile("`(GET|POST|PUT|PATCH|DELETE) (/[^`\\s]+)`");

    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$", Pattern.MULTILINE);
    /** Where the service raises a problem code, and with what status. */
    private static final Pattern RAISED = Pattern.compile(
            "(new Refusal|refuse|new Conflict|new Unavailable|HttpStatus\\.([A-Z_]+))\\s*\\(?\\s*,?\\s*ProblemCode\\.([A-Z_]+)");

    @Test
    void every_document_a_file_cites_is_in_the_tree() {
        List<String> missing = new ArrayList<>();
        forEachTextFile((file, text) -> {
            boolean markdown = file.toString().endsWith(".md");
            String prose = markdown ? LINK.matcher(text).replaceAll("") : text;
            Matcher cited = DOCUMENT.matcher(prose);
            while (cited.find()) {
                String name = cited.group(1);
                boolean inTree = name.startsWith("docs/") || name.equals("README.md")
                        ? Files.isRegularFile(ROOT.resolve(name))
                        : markdown
                                && !name.startsWith("/")
                                && Files.isRegularFile(
                                        file.getParent().resolve(name).normalize())
                                && file.getParent().resolve(name).normalize().startsWith(ROOT);
                if (!inTree) {
                    missing.add(relative(file) + " cites " + name);
                }
            }
        });
        assertThat(missing)
                .as("cite documents by their path in the tree (docs/api.md), and only documents that exist")
                .isEmpty();
    }

    @Test
    void no_file_cites_a_document_outside_the_tree() {
        List<String> outside = new ArrayList<>();
        forEachTextFile((file, text) -> {
            for (String sign : List.of("/work/shared", "../shared", "shared/docs", "shared/seed")) {
                if (text.contains(sign) && !file.endsWith("DocumentationTest.java")) {
                    outside.add(relative(file) + " refers to " + sign);
                }
            }
        });
        assertThat(outside).isEmpty();
    }

    @Test
    void every_cited_section_is_a_heading_of_its_document() {
        List<String> missing = new ArrayList<>();
        forEachTextFile((file, text) -> {
            Matcher cited = SECTION.matcher(text);
            while (cited.find()) {
                Path document = ROOT.resolve(cited.group(1));
                if (!Files.isRegularFile(document)) {
                    continue;
                }
                Set<String> headings = headings(read(document));
                String section = cited.group(2) != null ? cited.group(2) : cited.group(3);
                boolean found = section != null
                        ? headings.contains(section)
                        : headings.stream().map(DocumentationTest::anchor).anyMatch(cited.group(4)::equals);
                if (!found) {
                    missing.add(relative(file) + " cites " + cited.group());
                }
            }
        });
        assertThat(missing)
                .as("a cited section is a heading of its document, word for word")
                .isEmpty();
    }

    @Test
    void every_link_between_documents_leads_to_a_file_and_a_heading() {
        List<String> broken = new ArrayList<>();
        forEachTextFile((file, text) -> {
            if (!file.toString().endsWith(".md")) {
                return;
            }
            Matcher link = LINK.matcher(text);
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue;
                }
                String[] parts = target.split("#", 2);
                Path linked = parts[0].isEmpty()
                        ? file
                        : file.getParent().resolve(parts[0]).normalize();
                if (!linked.startsWith(ROOT) || !Files.exists(linked)) {
                    broken.add(relative(file) + " links to " + target);
                } else if (parts.length == 2
                        && linked.toString().endsWith(".md")
                        && headings(read(linked)).stream()
                                .map(DocumentationTest::anchor)
                                .noneMatch(parts[1]::equals)) {
                    broken.add(relative(file) + " links to " + target + ", a heading it does not have");
                }
            }
        });
        assertThat(broken).isEmpty();
    }

    /** docs/api.md, "Problem codes": one row per code, in ProblemCode's order, with the status the service answers. */
    /**
     * The role table is where an integrator looks up who may call what: every operation of the
     * committed contract has its row, and every row names an operation that exists (the roles
     * themselves are exercised by EndpointRoleMatrixTest).
     */
    @Test
    void the_role_table_lists_every_operation_of_the_contract() throws IOException {
        Set<String> contract = new TreeSet<>();
        JsonNode paths = new ObjectMapper()
                .readTree(ROOT.resolve("ledger-api/src/main/resources/openapi/ledger-v1.json")
                        .toFile())
                .get("paths");
        paths.fields()
                .forEachRemaining(path -> path.getValue()
                        .fieldNames()
                        .forEachRemaining(method -> contract.add(operation(method, path.getKey()))));

        String api = Files.readString(ROOT.resolve("docs/api.md"));
        int start = api.indexOf("\n## Who may call what");
        String section = api.substring(start, api.indexOf("\n## ", start + 1));
        Set<String> documented = new TreeSet<>();
        for (String row : section.lines().filter(line -> line.startsWith("|")).toList()) {
            Matcher cell = TABLE_OPERATION.matcher(row);
            while (cell.find()) {
                if (!cell.group(2).startsWith("/actuator/")) {
                    documented.add(operation(cell.group(1), cell.group(2)));
                }
            }
        }

        assertThat(documented)
                .as("docs/api.md, \"Who may call what\", against the committed OpenAPI document")
                .containsExactlyElementsOf(contract);
    }

    /** One spelling for an operation: upper-case method, path parameters without their names. */
    private static String operation(String method, String path) {
        return method.toUpperCase(Locale.ROOT) + " " + path.replaceAll("\\{[^}]*}", "{}");
    }

    @Test
    void the_problem_code_table_lists_every_code_with_the_status_the_service_answers_it_with() {
        Map<String, String[]> rows = problemCodeTable();
        assertThat(rows.keySet())
                .as("the codes of docs/api.md's table, in the order of ProblemCode")
                .containsExactly(
                        Arrays.stream(ProblemCode.values()).map(Enum::name).toArray(String[]::new));

        Map<String, Set<Integer>> raised = statusesRaised();
        rows.forEach((code, cells) -> {
            Set<Integer> documented = Arrays.stream(cells[0].split("[^0-9]+"))
                    .filter(s -> !s.isEmpty())
                    .map(Integer::valueOf)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(raised.get(code))
                    .as(code + " is raised somewhere in ledger-service with a status this test can read")
                    .isNotNull();
            assertThat(documented)
                    .as("the status of " + code + " in docs/api.md")
                    .isEqualTo(raised.get(code));
            assertThat(cells[1])
                    .as("the meaning of " + code + " in docs/api.md")
                    .isNotBlank();
        });
    }

    private static Map<String, String[]> problemCodeTable() {
        String api = read(ROOT.resolve("docs/api.md"));
        int start = api.indexOf("\n## Problem codes\n");
        assertThat(start).as("docs/api.md has a section \"Problem codes\"").isNotNegative();
        int end = api.indexOf("\n## ", start + 1);
        String section = end < 0 ? api.substring(start) : api.substring(start, end);
        Map<String, String[]> rows = new LinkedHashMap<>();
        Pattern row = Pattern.compile("^\\|\\s*`([A-Z_]+)`\\s*\\|([^|]*)\\|(.*)\\|\\s*$", Pattern.MULTILINE);
        Matcher m = row.matcher(section);
        while (m.find()) {
            assertThat(rows.put(
                            m.group(1),
                            new String[] {m.group(2).trim(), m.group(3).trim()}))
                    .as(m.group(1) + " is listed once")
                    .isNull();
        }
        return rows;
    }

    /** The statuses each code is raised with in the service's source: Refusal 422, Conflict 409, Unavailable 503, or the HttpStatus beside it. */
    private static Map<String, Set<Integer>> statusesRaised() {
        Map<String, Set<Integer>> raised = new TreeMap<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("ledger-service/src/main/java"))) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(file -> {
                Matcher m = RAISED.matcher(read(file));
                while (m.find()) {
                    int status = switch (m.group(1)) {
                        case "new Refusal", "refuse" -> 422;
                        case "new Conflict" -> 409;
                        case "new Unavailable" -> 503;
                        default -> HttpStatus.valueOf(m.group(2)).value();
                    };
                    raised.computeIfAbsent(m.group(3), c -> new TreeSet<>()).add(status);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return raised;
    }

    private static Set<String> headings(String markdown) {
        Set<String> headings = new TreeSet<>();
        boolean inCode = false;
        for (String line : markdown.split("\n")) {
            if (line.startsWith("```")) {
                inCode = !inCode;
            }
            Matcher heading = HEADING.matcher(line);
            if (!inCode && heading.matches()) {
                headings.add(heading.group(1));
            }
        }
        return headings;
    }

    /** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to dashes. */
    static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-');
    }

    private interface TextFileVisitor {
        void visit(Path file, String text);
    }

    private static void forEachTextFile(TextFileVisitor visitor) {
        assertThat(ROOT.resolve("ledger-service/pom.xml"))
                .as("the tests run in ledger-service")
                .isRegularFile();
        try (Stream<Path> files = Files.walk(ROOT)) {
            files.filter(Files::isRegularFile)
                    .filter(f -> ROOT.relativize(f).toString().isEmpty()
                            || Arrays.stream(ROOT.relativize(f).toString().split("/"))
                                    .noneMatch(SKIPPED_DIRECTORIES::contains))
                    .filter(DocumentationTest::isText)
                    .sorted()
                    .forEach(f -> visitor.visit(f, read(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isText(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return TEXT_FILES.contains(dot < 0 ? name : name.substring(dot + 1));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (MalformedInputException notUtf8) {
            throw new IllegalStateException(file + " is not UTF-8", notUtf8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String relative(Path file) {
        return ROOT.relativize(file).toString();
    }
}
