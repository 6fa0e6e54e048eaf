package com.tuitionescrow.ledger.console;

import io.swagger.v3.oas.annotations.Hidden;
import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The web console for regulators and institutions: static pages under {@code /console/} that read
 * the same JSON API with the user's bearer token. The server holds no console state: every rule is
 * the API's.
 */
@Configuration
class ConsoleConfiguration implements WebMvcConfigurer {

    private final ConsoleAssets assets;

    ConsoleConfiguration(ConsoleAssets assets) {
        this.assets = assets;
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/console", "/console/");
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        // Scripts and the stylesheet only: a page kept for a year would keep its security policy as long.
        String folder = "/console/" + assets.version() + "/";
        registry.addResourceHandler(folder + "*.js", folder + "*.css")
                .addResourceLocations(ConsoleAssets.LOCATION)
                .setCacheControl(
                        CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
    }

    /** The console's page, naming its scripts and stylesheet under their versioned folder; not part of the API. */
    @Hidden
    @Controller
    static class Index {

        private final ConsoleAssets assets;

        Index(ConsoleAssets assets) {
            this.assets = assets;
        }

        @GetMapping(path = "/console/", produces = MediaType.TEXT_HTML_VALUE)
        @ResponseBody
        String index() {
            return assets.index();
        }
    }
}
