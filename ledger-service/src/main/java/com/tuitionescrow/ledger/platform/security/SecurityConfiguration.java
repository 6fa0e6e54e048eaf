package com.tuitionescrow.ledger.platform.security;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tuitionescrow.ledger.api.common.ProblemCode;
import com.tuitionescrow.ledger.platform.web.Problems;
import com.tuitionescrow.ledger.platform.web.Routes;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Who may call what (docs/api.md, "Who may call what"). The role rules are all here, one line per
 * endpoint, and anything not listed is denied; the institution scope of INSTITUTION callers is
 * checked where the resource's institution is known (see {@link Caller#canSee}).
 */
@Configuration
@EnableConfigurationProperties({SecurityProperties.class, BankSignatureProperties.class})
class SecurityConfiguration implements WebMvcConfigurer {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    private static final String PLATFORM = Role.PLATFORM.name();
    private static final String BANK = Role.BANK.name();
    private static final String INSTITUTION = Role.INSTITUTION.name();
    private static final String REGULATOR = Role.REGULATOR.name();

    private final SecurityProperties properties;
    private final TokenClaims claims;

    SecurityConfiguration(SecurityProperties properties) {
        this.properties = properties;
        this.claims = new TokenClaims(properties.rolesClaim(), properties.institutionClaim());
    }

    @Bean
    SecurityFilterChain api(
            HttpSecurity http,
            JwtDecoder decoder,
            ObjectMapper json,
            BankSignatureProperties bank,
            Routes routes,
            Clock clock)
            throws Exception {
        if (bank.isDevelopmentSecret()) {
            log.warn("LEDGER_BANK_HMAC_SECRET is not set: bank calls are checked against the published development "
                    + "secret. Set LEDGER_BANK_HMAC_SECRET outside a local trial.");
        }
        AuthenticationEntryPoint unauthenticated = (request, response, failure) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            String reason = failure instanceof OAuth2AuthenticationException oauth
                            && oauth.getError().getDescription() != null
                    ? oauth.getError().getDescription()
                    : "a valid bearer token is required";
            Problems.write(response, json, Problems.of(HttpStatus.UNAUTHORIZED, ProblemCode.UNAUTHENTICATED, reason));
        };
        AccessDeniedHandler denied = (request, response, failure) -> Problems.write(
                response,
                json,
                Problems.of(HttpStatus.FORBIDDEN, ProblemCode.FORBIDDEN, "this role may not call this endpoint"));
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(rules -> rules.requestMatchers(GET, "/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .requestMatchers(GET, "/v3/api-docs", "/v3/api-docs/**")
                        .permitAll()
                        .requestMatchers("/error")
                        .permitAll()
                        .requestMatchers(GET, "/actuator/prometheus")
                        .hasRole(REGULATOR)
                        .requestMatchers(POST, "/v1/institutions")
                        .hasRole(REGULATOR)
                        .requestMatchers(POST, "/v1/institutions/*/status")
                        .hasRole(REGULATOR)
                        .requestMatchers(GET, "/v1/institutions/*")
                        .hasAnyRole(REGULATOR, INSTITUTION)
                        .requestMatchers(GET, "/v1/institutions/*/settlement")
                        .hasAnyRole(REGULATOR, INSTITUTION)
                        .requestMatchers(POST, "/v1/orders")
                        .hasRole(PLATFORM)
                        .requestMatchers(GET, "/v1/orders/*")
                        .hasAnyRole(PLATFORM, REGULATOR, INSTITUTION)
                        .requestMatchers(POST, "/v1/orders/*/cancel")
                        .hasRole(PLATFORM)
                        .requestMatchers(POST, "/v1/orders/*/lessons")
                        .hasRole(INSTITUTION)
                        .requestMatchers(POST, "/v1/lessons/*/confirmation")
                        .hasRole(PLATFORM)
                        .requestMatchers(POST, "/v1/lessons/*/resolution")
                        .hasRole(REGULATOR)
                        .requestMatchers(POST, "/v1/orders/*/refunds")
                        .hasRole(PLATFORM)
                        .requestMatchers(POST, "/v1/refunds/*/decision")
                        .hasRole(INSTITUTION)
                        .requestMatchers(POST, "/v1/refunds/*/resolution")
                        .hasRole(REGULATOR)
                        .requestMatchers(GET, "/v1/refunds/*")
                        .hasAnyRole(PLATFORM, REGULATOR, INSTITUTION)
                        .requestMatchers(POST, "/v1/disbursements/run")
                        .hasAnyRole(REGULATOR, PLATFORM)
                        .requestMatchers(GET, "/v1/disbursements/runs/*")
                        .hasAnyRole(REGULATOR, PLATFORM)
                        .requestMatchers(POST, "/v1/institutions/*/wind-down")
                        .hasRole(REGULATOR)
                        .requestMatchers(GET, "/v1/institutions/*/wind-down")
                        .hasRole(REGULATOR)
                        .requestMatchers(GET, "/v1/bank/instructions")
                        .hasRole(BANK)
                        .requestMatchers(POST, "/v1/bank/instructions/*/result")
                        .hasRole(BANK)
                        .requestMatchers(GET, "/v1/instructions")
                        .hasRole(REGULATOR)
                        .requestMatchers(POST, "/v1/instructions/*/resolution")
                        .hasRole(REGULATOR)
                        .requestMatchers(POST, "/v1/bank/collections", "/v1/bank/collections/batch")
                        .hasRole(BANK)
                        .requestMatchers(GET, "/v1/students/*/statement")
                        .hasAnyRole(PLATFORM, REGULATOR)
                        .requestMatchers(GET, "/v1/accounts/*", "/v1/accounts/*/entries")
                        .hasAnyRole(REGULATOR, INSTITUTION)
                        .requestMatchers(
                                GET,
                                "/v1/audit/trial-balance",
                                "/v1/audit/journal",
                                "/v1/audit/verification",
                                "/v1/audit/violations",
                                "/v1/audit/institutions",
                                "/v1/audit/institutions/ranking",
                                "/v1/audit/checkpoints",
                                "/v1/audit/checkpoint-key")
                        .hasRole(REGULATOR)
                        .requestMatchers(POST, "/v1/audit/checkpoints")
                        .hasRole(REGULATOR)
                        .requestMatchers(POST, "/v1/bank/statements")
                        .hasRole(BANK)
                        // The console's pages, scripts and libraries hold no data: every figure they show is read
                        // from the API below with the user's own token.
                        .requestMatchers(GET, "/console", "/console/**", "/webjars/**")
                        .permitAll()
                        .requestMatchers(GET, "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers(GET, "/v1/lessons", "/v1/refunds")
                        .hasAnyRole(REGULATOR, INSTITUTION)
                        .requestMatchers(
                                GET, "/v1/institutions/*/custody-history", "/v1/institutions/*/weekly-activity")
                        .hasAnyRole(REGULATOR, INSTITUTION)
                        .requestMatchers(GET, "/v1/audit/journal/search")
                        .hasRole(REGULATOR)
                        .requestMatchers(GET, "/v1/reconciliations", "/v1/reconciliations/*")
                        .hasAnyRole(REGULATOR, INSTITUTION)
                        .anyRequest()
                        .denyAll())
                .oauth2ResourceServer(oauth -> oauth.bearerTokenResolver(new SingleBearerToken())
                        .jwt(jwt -> jwt.decoder(decoder)
                                .jwtAuthenticationConverter(token -> new JwtAuthenticationToken(
                                        token,
                                        claims.roles(token).stream()
                                                .map(r -> new SimpleGrantedAuthority(r.authority()))
                                                .toList(),
                                        token.getSubject())))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(denied))
                .exceptionHandling(
                        e -> e.authenticationEntryPoint(unauthenticated).accessDeniedHandler(denied))
                // After the role check: a bank call is first a BANK caller's, then a correctly signed one.
                .addFilterAfter(new BankSignatureFilter(bank, routes, clock, json), AuthorizationFilter.class)
                .build();
    }

    /**
     * A request the firewall refuses (a method no client of the contract sends, a control character in a
     * header) is answered as every refusal is, with a problem, not the servlet container's page. The
     * firewall's own message quotes the request and is not echoed.
     */
    @Bean
    RequestRejectedHandler requestRejected(ObjectMapper json) {
        return (request, response, rejected) -> Problems.write(
                response,
                json,
                Problems.of(
                        HttpStatus.BAD_REQUEST,
                        ProblemCode.REQUEST_REJECTED,
                        "the request was rejected before routing: its method, a header or a "
                                + "parameter is not one a client of the contract sends"));
    }

    /** Tokens of the identity provider's JWK set when one is configured, else HS256 with the shared secret. */
    @Bean
    JwtDecoder jwtDecoder() {
        if (properties.usesJwkSet()) {
            log.info(
                    "Bearer tokens: RS256 and ES256 of the JWK set {}, issuer {}, audience {}; HS256 is off",
                    properties.jwkSetUri(),
                    properties.issuer(),
                    properties.audience());
        } else if (properties.isDevelopmentSecret()) {
            log.warn("LEDGER_JWT_SECRET is not set: tokens are checked against the published development secret. "
                    + "Anyone can mint a token for this instance; set LEDGER_JWK_SET_URI (or LEDGER_JWT_SECRET) "
                    + "outside a local trial.");
        }
        JwtDecoder decoder = TokenDecoders.of(properties, claims);
        // With the shared secret, a verified token is kept for a minute (never past its expiry), so a
        // client's every request does not verify it again. Not with a JWK set: a key the provider
        // removes (rotated out, or compromised) must stop its tokens at once, not a minute later.
        return properties.usesJwkSet() ? decoder : new VerifiedTokens(decoder, Clock.systemUTC());
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerArgumentResolver(claims));
    }
}
