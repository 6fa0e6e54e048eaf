package com.tuitionescrow.ledger.platform.security;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tuitionescrow.ledger.api.common.ProblemCode;
import com.tuitionescrow.ledger.platform.web.Problems;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
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

    @Bean
    SecurityFilterChain api(HttpSecurity http, JwtDecoder decoder, ObjectMapper json, BankSignatureProperties bank,
                            SignatureReplayGuard replays, Clock clock) throws Exception {
        if (bank.isDevelopmentSecret()) {
            log.warn("LEDGER_BANK_HMAC_SECRET is not set: bank calls are checked against the published development "
                    + "secret. Set LEDGER_BANK_HMAC_SECRET outside a local trial.");
        }
        AuthenticationEntryPoint unauthenticated = (request, response, failure) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            String reason = failure instanceof OAuth2AuthenticationException oauth && oauth.getError().getDescription() != null
                    ? oauth.getError().getDescription() : "a valid bearer token is required";
            Problems.write(response, json, Problems.of(HttpStatus.UNAUTHORIZED, ProblemCode.UNAUTHENTICATED, reason));
        };
        AccessDeniedHandler denied = (request, response, failure) -> Problems.write(response, json,
                Problems.of(HttpStatus.FORBIDDEN, ProblemCode.FORBIDDEN, "this role may not call this endpoint"));
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(rules -> rules
                        .requestMatchers(GET, "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers(GET, "/v3/api-docs", "/v3/api-docs/**").permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers(GET, "/actuator/prometheus").hasRole(REGULATOR)
                        .requestMatchers(POST, "/v1/institutions").hasRole(REGULATOR)
                        .requestMatchers(POST, "/v1/institutions/*/status").hasRole(REGULATOR)
                        .requestMatchers(GET, "/v1/institutions/*").hasAnyRole(REGULATOR, INSTITUTION)
                        .requestMatchers(GET, "/v1/institutions/*/settlement").hasAnyRole(REGULATOR, INSTITUTION)
                        .requestMatchers(POST, "/v1/orders").hasRole(PLATFORM)
                        .requestMatchers(GET, "/v1/orders/*").hasAnyRole(PLATFORM, REGULATOR, INSTITUTION)
                        .requestMatchers(POST, "/v1/orders/*/cancel").hasRole(PLATFORM)
                        .requestMatchers(POST, "/v1/orders/*/lessons").hasRole(INSTITUTION)
                        .requestMatchers(POST, "/v1/lessons/*/confirmation").hasRole(PLATFORM)
                        .requestMatchers(POST, "/v1/lessons/*/resolution").hasRole(REGULATOR)
                        .requestMatchers(POST, "/v1/orders/*/refunds").hasRole(PLATFORM)
                        .requestMatchers(POST, "/v1/refunds/*/decision").hasRole(INSTITUTION)
                        .requestMatchers(POST, "/v1/refunds/*/resolution").hasRole(REGULATOR)
                        .requestMatchers(GET, "/v1/refunds/*").hasAnyRole(PLATFORM, REGULATOR, INSTITUTION)
                        .requestMatchers(POST, "/v1/disbursements/run").hasAnyRole(REGULATOR, PLATFORM)
                        .requestMatchers(GET, "/v1/disbursements/runs/*").hasAnyRole(REGULATOR, PLATFORM)
                        .requestMatchers(POST, "/v1/institutions/*/wind-down").hasRole(REGULATOR)
                        .requestMatchers(GET, "/v1/institutions/*/wind-down").hasRole(REGULATOR)
                        .requestMatchers(GET, "/v1/bank/instructions").hasRole(BANK)
                        .requestMatchers(POST, "/v1/bank/instructions/*/result").hasRole(BANK)
                        .requestMatchers(GET, "/v1/instructions").hasRole(REGULATOR)
                        .requestMatchers(POST, "/v1/instructions/*/resolution").hasRole(REGULATOR)
                        .requestMatchers(POST, "/v1/bank/collections", "/v1/bank/collections/batch").hasRole(BANK)
                        .requestMatchers(GET, "/v1/students/*/statement").hasAnyRole(PLATFORM, REGULATOR)
                        .requestMatchers(GET, "/v1/accounts/*", "/v1/accounts/*/entries").hasAnyRole(REGULATOR, INSTITUTION)
                        .requestMatchers(GET, "/v1/audit/trial-balance", "/v1/audit/journal", "/v1/audit/verification",
                                "/v1/audit/violations", "/v1/audit/institutions", "/v1/audit/checkpoints",
                                "/v1/audit/checkpoint-key").hasRole(REGULATOR)
                        .requestMatchers(POST, "/v1/audit/checkpoints").hasRole(REGULATOR)
                        .requestMatchers(POST, "/v1/bank/statements").hasRole(BANK)
                        // The console's pages, scripts and libraries hold no data: every figure they show is read
                        // from the API below with the user's own token.
                        .requestMatchers(GET, "/console", "/console/**", "/webjars/**").permitAll()
                        .requestMatchers(GET, "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .requestMatchers(GET, "/v1/lessons", "/v1/refunds").hasAnyRole(REGULATOR, INSTITUTION)
                        .requestMatchers(GET, "/v1/institutions/*/custody-history", "/v1/institutions/*/weekly-activity")
                                .hasAnyRole(REGULATOR, INSTITUTION)
                        .requestMatchers(GET, "/v1/audit/journal/search").hasRole(REGULATOR)
                        .requestMatchers(GET, "/v1/reconciliations", "/v1/reconciliations/*").hasAnyRole(REGULATOR, INSTITUTION)
                        .anyRequest().denyAll())
                .oauth2ResourceServer(oauth -> oauth
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(token -> new JwtAuthenticationToken(
                                token,
                                TokenClaims.roles(token).stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList(),
                                token.getSubject())))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(denied))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthenticated).accessDeniedHandler(denied))
                // After the role check: a bank call is first a BANK caller's, then a correctly signed one.
                .addFilterAfter(new BankSignatureFilter(bank, replays, clock, json), AuthorizationFilter.class)
                .build();
    }

    /** HS256 only: a token signed otherwise, or not at all ({@code alg: none}), is refused. */
    @Bean
    JwtDecoder jwtDecoder(SecurityProperties properties) {
        if (properties.isDevelopmentSecret()) {
            log.warn("LEDGER_JWT_SECRET is not set: tokens are checked against the published development secret. "
                    + "Anyone can mint a token for this instance; set LEDGER_JWT_SECRET outside a local trial.");
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder
                .withSecretKey(new SecretKeySpec(properties.jwtSecretBytes(), "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(Duration.ofSeconds(30)), new TokenClaims()));
        return decoder;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerArgumentResolver());
    }
}
