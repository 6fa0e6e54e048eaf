package com.tuitionescrow.ledger.platform.web;

import com.tuitionescrow.ledger.api.common.ProblemCode;
import com.tuitionescrow.ledger.platform.security.Caller;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.Arrays;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document served at {@code /v3/api-docs}. A test keeps the copy committed in
 * ledger-api identical to it, so the committed contract is always the service's exact truth.
 */
@Configuration
class OpenApiConfiguration {

    static {
        // The caller comes from the bearer token, not from the request: keep it out of the contract.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    OpenAPI ledgerOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Prepaid tuition escrow ledger")
                        .version("v1")
                        .description("The ledger behind 平台收费、专户核算、序时拨付、退费顺畅、全程可控: course sales under "
                                + "the caps, collections into custody accounts, lessons, and the double-entry books. "
                                + "Money is integer fen; errors are RFC 9457 problems with a stable `code`; "
                                + "client-chosen ids are idempotency keys.")
                        .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")))
                .servers(List.of(new Server().url("/")))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description(
                                                "HS256 token with claims sub, roles [PLATFORM|BANK|INSTITUTION|REGULATOR], "
                                                        + "institution_id (with INSTITUTION), exp")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    /**
     * Every operation's problem responses, with the problem schema clients parse. Which business
     * codes an operation can answer with 422 is in its description.
     */
    @Bean
    OpenApiCustomizer problemResponses(Routes routes) {
        return openApi -> {
            openApi.getComponents()
                    .addSchemas(
                            "Problem",
                            new ObjectSchema()
                                    .description("RFC 9457 problem details with the ledger's stable code")
                                    .addProperty("type", new StringSchema().format("uri"))
                                    .addProperty("title", new StringSchema())
                                    .addProperty("status", new IntegerSchema())
                                    .addProperty("detail", new StringSchema())
                                    .addProperty("instance", new StringSchema().format("uri-reference"))
                                    .addProperty(
                                            "code",
                                            new StringSchema()
                                                    ._enum(Arrays.stream(ProblemCode.values())
                                                            .map(Enum::name)
                                                            .toList()))
                                    .addProperty(
                                            "errors",
                                            new ArraySchema()
                                                    .items(new ObjectSchema()
                                                            .addProperty("field", new StringSchema())
                                                            .addProperty("message", new StringSchema())))
                                    .required(List.of("status", "code")));
            openApi.getPaths()
                    .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                        ApiResponses responses = operation.getResponses();
                        boolean open = path.startsWith("/v3/") || path.startsWith("/actuator/");
                        if (routes.isBankChannel(path)) {
                            signed(operation);
                        } else if (!open) {
                            responses.addApiResponse("401", problem("No valid bearer token"));
                        }
                        if (!open) {
                            responses.addApiResponse(
                                    "403", problem("The caller's role or institution does not reach this"));
                        }
                        responses.addApiResponse(
                                "400",
                                problem("Malformed or invalid input (VALIDATION_FAILED), a path not written "
                                        + "as the contract writes it (PATH_NOT_CANONICAL) or a request rejected before routing "
                                        + "(REQUEST_REJECTED); nothing was written"));
                        if (path.contains("{")) {
                            responses.addApiResponse(
                                    "404", problem("No such resource, or not the caller's institution's"));
                        }
                        if (method == PathItem.HttpMethod.POST) {
                            responses.addApiResponse(
                                    "409",
                                    problem("IDEMPOTENCY_CONFLICT, CUSTODY_ACCOUNT_IN_USE or CONCURRENT_MODIFICATION"));
                            responses.addApiResponse(
                                    "422", problem("A business rule refused it; the code names the rule"));
                        }
                    }));
        };
    }

    /** A bank call: its signature headers and the ways it is refused before reaching the ledger. */
    private static void signed(Operation operation) {
        operation.addParametersItem(new HeaderParameter()
                .name("X-Ledger-Timestamp")
                .required(true)
                .description("Unix seconds when the call was signed; at most 300 s from the ledger's clock")
                .schema(new StringSchema().pattern("^[0-9]{1,12}$")));
        operation.addParametersItem(new HeaderParameter()
                .name("X-Ledger-Signature")
                .required(true)
                .description(
                        "v2=<hex HMAC-SHA256(LEDGER_BANK_HMAC_SECRET, \"v2\\n\" + timestamp + \"\\n\" + METHOD + \"\\n\" "
                                + "+ path and ?query as sent + \"\\n\" + Content-Type as sent + \"\\n\" + hex SHA-256 of the raw body)>")
                .schema(new StringSchema().pattern("^v2=[0-9a-f]{64}$")));
        operation
                .getResponses()
                .addApiResponse(
                        "401",
                        problem("No valid bearer token (UNAUTHENTICATED), or SIGNATURE_INVALID, SIGNATURE_STALE"));
        operation
                .getResponses()
                .addApiResponse("413", problem("The body exceeds the bank call limit (PAYLOAD_TOO_LARGE)"));
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse()
                .description(description)
                .content(new Content()
                        .addMediaType(
                                "application/problem+json",
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
    }
}
