package com.tuitionescrow.ledger.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What a browser keeps of the console: the page is checked with the service on every use, and the
 * scripts and stylesheet it names live under a folder named by their content, kept without asking.
 */
class ConsoleAssetsTest extends LedgerIntegrationTest {

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void given_the_console_page_then_its_own_files_are_versioned_and_kept_and_the_page_is_revalidated()
            throws Exception {
        HttpResponse<String> page = get("/console/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(SecurityHeaders.CONSOLE_POLICY);
        Matcher script = Pattern.compile("src=\"(v-[0-9a-f]{12})/app\\.js\"").matcher(page.body());
        assertThat(script.find()).as(page.body()).isTrue();
        String version = script.group(1);
        assertThat(page.body())
                .contains("href=\"" + version + "/console.css\"", "href=\"" + version + "/institutions.js\"")
                .doesNotContain("\"app.js\"", "\"api.js\"");
        Matcher named =
                Pattern.compile("(?:src|href)=\"([^\"]+\\.(?:js|css))\"").matcher(page.body());
        while (named.find()) {
            assertThat(named.group(1))
                    .as("every file the page names is versioned or a versioned library's")
                    .matches("(" + version + "|/webjars/[^/]+/[0-9.]+)/.+");
        }

        for (String file : new String[] {"app.js", "api.js", "charts.js", "console.css"}) {
            HttpResponse<String> kept = get("/console/" + version + "/" + file);
            assertThat(kept.statusCode()).as(file).isEqualTo(200);
            assertThat(kept.headers().firstValue("Cache-Control"))
                    .as(file)
                    .hasValue("max-age=31536000, public, immutable");
            assertThat(kept.body()).as(file).isEqualTo(get("/console/" + file).body());
        }
        HttpResponse<String> versionedPage = get("/console/" + version + "/index.html");
        assertThat(versionedPage.statusCode())
                .as("the page is not kept under a version, nor its security policy with it")
                .isEqualTo(404);
        assertThat(versionedPage.headers().firstValue("Cache-Control").orElse(""))
                .doesNotContain("immutable");
        HttpResponse<String> old = get("/console/v-000000000000/app.js");
        assertThat(old.statusCode()).as("another version is not served").isEqualTo(404);
        assertThat(old.headers().firstValue("Cache-Control").orElse(""))
                .as("nor kept")
                .doesNotContain("immutable");
        assertThat(get("/console/app.js").headers().firstValue("Cache-Control"))
                .as("the unversioned address is revalidated")
                .hasValue("no-cache");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
