package com.tuitionescrow.ledger.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The console's scripts and stylesheet under an address named by a hash of their content
 * ({@code /console/v-<hash>/app.js}), which the browser keeps without asking again; the page that
 * names them is asked for on every use. An upgrade changes the hash, so it shows at once, and a page
 * opened again loads nothing but itself. The modules import one another by relative addresses, so
 * every one of them is read under the same versioned folder.
 */
@Component
class ConsoleAssets {

    static final String LOCATION = "classpath:/static/console/";

    /** The page's own files it names: a script or a stylesheet of the console's folder. */
    private static final Pattern OWN_FILE = Pattern.compile("(src|href)=\"([a-z0-9]+\\.(?:js|css))\"");

    private static final Pattern VERSIONED = Pattern.compile("/console/v-[0-9a-f]{12}/");

    private final String version;
    private final String index;

    ConsoleAssets() {
        try {
            Resource[] files = new PathMatchingResourcePatternResolver().getResources(LOCATION + "*");
            Arrays.sort(files, Comparator.comparing(Resource::getFilename));
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String page = null;
            for (Resource file : files) {
                byte[] content;
                try (InputStream in = file.getInputStream()) {
                    content = in.readAllBytes();
                }
                digest.update(file.getFilename().getBytes(StandardCharsets.UTF_8));
                digest.update(content);
                if ("index.html".equals(file.getFilename())) {
                    page = new String(content, StandardCharsets.UTF_8);
                }
            }
            if (page == null) {
                throw new IllegalStateException("no index.html in " + LOCATION);
            }
            version = "v-" + HexFormat.of().formatHex(digest.digest(), 0, 6);
            index = OWN_FILE.matcher(page).replaceAll(m -> m.group(1) + "=\"" + version + "/" + m.group(2) + "\"");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The folder name the files are kept under, {@code v-} and twelve hex digits. */
    String version() {
        return version;
    }

    /** index.html, naming the files under their versioned folder. */
    String index() {
        return index;
    }

    /** Whether a path is a versioned file's, of this version or another. */
    static boolean isVersioned(String path) {
        return VERSIONED.matcher(path).lookingAt();
    }
}
